// Every operation's answer handling: an operation starts (logged in or not),
// then each http and need action it emits is answered from the input:
//   "<operation> <0|1 logged in>\n--\n<answer>\n--\n<answer>..."
// where an answer is "<status>\n<headers JSON>\n<body>" or "fail <outcome JSON>".
// Answers that run out are transport failures.
#include <cstdint>
#include <string>

#include "fuzz_driver.h"

namespace {

using authing::json;
using namespace authing::fuzz;

struct Sample {
  const char* name;
  const char* args;
};

const Sample kOperations[] = {
    {"loginByCode", R"({"code":"c1"})"},
    {"loginByCode", R"({})"},
    {"loginByCode", R"({"code":"c1","options":{"iv":"aXY=","encryptedData":"ZW5j"}})"},
    {"loginByPhone", R"({"code":"c1","iv":"aXY=","encryptedData":"ZW5j"})"},
    {"getPhone", R"({"code":"c1","iv":"aXY=","encryptedData":"ZW5j"})"},
    {"updateProfile", R"({"updates":{"nickname":"Bob"}})"},
    {"getCurrentUser", R"({})"},
    {"checkLoginStatus", R"({})"},
    {"refreshToken", R"({})"},
    {"logout", R"({})"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parts = split_input(input, 16);
  std::string_view head = parts[0];
  std::string_view name = head.substr(0, head.find(' '));
  bool logged_in = head.size() > name.size() + 1 && head[name.size() + 1] == '1';

  const Sample* sample = &kOperations[head.size() % std::size(kOperations)];
  for (const Sample& candidate : kOperations) {
    if (name == candidate.name) {
      sample = &candidate;
      break;
    }
  }

  FuzzDriver driver(R"({"userPoolId":"pool-1","appId":"app-1"})");
  if (logged_in) {
    std::string token = long_lived_token("u-1", "pool-1");
    driver.storage["_authing_token"] = json(token).dump();
    driver.storage["_authing_user"] = json{{"id", "u-1"}, {"token", token}}.dump();
  }
  std::size_t next = 1;
  auto answer = [&](const json&) {
    if (next >= parts.size()) return read_answer("fail");
    return read_answer(parts[next++]);
  };
  driver.start(sample->name, sample->args);
  // A second call alongside the first, so coalescing and the shared refresh
  // meet hostile answers too.
  if (head.find('+') != std::string_view::npos) driver.start(sample->name, sample->args);
  driver.finish(answer);
  return 0;
}
