// What a caller can pass: the client options and any operation's arguments,
//   "<options JSON>\n--\n<operation name>\n--\n<arguments JSON>"
// with a valid session in storage and well-formed answers. Arguments given
// as an array are a method's positional arguments (named_arguments).
#include <cstdint>
#include <string>

#include "canned.h"
#include "fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authing::fuzz;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parts = split_input(input, 3);
  if (parts.size() < 3) return 0;
  FuzzDriver driver(parts[0]);
  std::string token = long_lived_token("u-1", "pool-1");
  driver.storage["_authing_token"] = authing::json(token).dump();
  driver.start(parts[1], named_arguments(parts[1], parts[2]));
  driver.finish(canned_answer);
  return 0;
}
