// Every operation's answer handling: an operation starts (logged in or not),
// then each http and need action it emits is answered from the input:
//   "<operation> <0|1 logged in>[+] [<call JSON>]\n--\n<answer>\n--\n<answer>..."
// where the call is the method's positional arguments (named_arguments), and
// an answer is "<status>\n<headers JSON>\n<body>" or "fail <outcome JSON>".
// Answers that run out are transport failures. The operation comes from the
// core's own table, so every operation is fuzzed without a list of its own.
#include <cstdint>
#include <string>

#include "fuzz_driver.h"

namespace {

using authing::json;
using namespace authing::fuzz;

// The named operation, else one picked by the input.
const authing::OperationSpec& operation(std::string_view name, std::size_t pick) {
  const auto& table = authing::operation_table();
  for (const authing::OperationSpec* spec : table) {
    if (spec->name == name) return *spec;
  }
  return *table[pick % table.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parts = split_input(input, 16);
  std::string_view head = parts[0];
  std::string_view name = head.substr(0, head.find(' '));
  std::string_view flags = head.size() > name.size() ? head.substr(name.size() + 1) : std::string_view();
  bool logged_in = !flags.empty() && flags[0] == '1';
  bool twice = flags.substr(0, flags.find(' ')).find('+') != std::string_view::npos;
  std::string_view call = flags.find(' ') == std::string_view::npos ? "[]" : flags.substr(flags.find(' ') + 1);
  const authing::OperationSpec& spec = operation(name, head.size());

  // With the identity source, so the phone-code paths (v3 endpoints) run too.
  FuzzDriver driver(R"({"userPoolId":"pool-1","appId":"app-1","extIdpConnidentifier":"conn-wx"})");
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
  std::string args = named_arguments(spec.name, call);
  driver.start(spec.name, args);
  // A second call alongside the first, so coalescing and the shared refresh
  // meet hostile answers too.
  if (twice) driver.start(spec.name, args);
  driver.finish(answer);
  return 0;
}
