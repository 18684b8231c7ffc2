// What a caller can pass: the client options and any operation's arguments,
//   "<options JSON>\n--\n<operation name>\n--\n<arguments JSON>"
// with a valid session in storage and well-formed answers. Arguments given
// as an array are a method's positional arguments, named by the operation
// table as the shim names them; anything else goes to the core as it is.
#include <cstdint>
#include <string>

#include "canned.h"
#include "fuzz_driver.h"

namespace {

std::string named_arguments(std::string_view op, std::string_view text) {
  std::optional<authing::json> call = authing::parse_json(text);
  if (!call || !call->is_array()) return std::string(text);
  for (const authing::OperationSpec* spec : authing::operation_table()) {
    if (spec->name != op) continue;
    authing::json named = authing::json::object();
    for (std::size_t i = 0; i < spec->args.size() && i < call->size(); ++i)
      named[std::string(spec->args[i])] = (*call)[i];
    return authing::dump_json(named);
  }
  return std::string(text);
}

}  // namespace

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
