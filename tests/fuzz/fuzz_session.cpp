// The session read from wx storage, which may hold anything (a v4 user, a
// value another library wrote, a truncated string):
//   "<token value>\n--\n<user value>"
// each a JSON text, or taken as a string when it is not JSON. Then calls run
// over that session with well-formed answers.
#include <cstdint>
#include <string>

#include "canned.h"
#include "fuzz_driver.h"

namespace {

std::string stored_value(std::string_view text) {
  auto parsed = authing::parse_json(text);
  return parsed ? std::string(text) : authing::dump_json(authing::json(std::string(text)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authing::fuzz;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parts = split_input(input, 2);
  FuzzDriver driver(R"({"userPoolId":"pool-1","appId":"app-1"})");
  driver.storage["_authing_token"] = stored_value(parts[0]);
  if (parts.size() > 1) driver.storage["_authing_user"] = stored_value(parts[1]);
  driver.start("getCurrentUser", "{}");
  driver.start("updateProfile", R"({"updates":{"nickname":"Bob"}})");
  driver.start("checkLoginStatus", "{}");
  driver.finish(canned_answer);
  driver.start("refreshToken", "{}");
  driver.start("logout", "{}");
  driver.finish(canned_answer);
  return 0;
}
