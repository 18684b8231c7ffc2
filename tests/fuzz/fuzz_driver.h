// The driver side of the core, for fuzz targets: it performs the core's
// actions from fuzz data (or canned answers), and checks the core's promises
// on every step. A broken promise traps, which libFuzzer reports as a crash:
//   - every action is a JSON object of a known kind;
//   - every rejection carries a known error kind, a code and a message;
//   - every started call settles once, at the latest when its deadlines pass;
//   - nothing is left pending afterwards.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "authing/core.h"

namespace authing::fuzz {

inline constexpr double kNowMs = 1'700'000'000'000.0;

// Answers for one action: http gets (status, headers JSON, body) or a failure;
// a need gets `body` as its value, or a failure.
struct Answer {
  bool fail = false;  // answered with `outcome` through handle() instead
  std::string outcome = R"({"fail":{"errMsg":"request:fail"}})";
  int status = 200;
  std::string headers = "{}";
  std::string body;
};

class FuzzDriver {
 public:
  explicit FuzzDriver(std::string_view options_json) : core_(options_json) {}

  std::map<std::string, std::string> storage;  // key -> JSON text of the stored value

  int start(std::string_view name, std::string_view args_json);
  // Performs actions until none are left; next_answer supplies each http and
  // wx.login answer.
  void run(const std::function<Answer(const json& action)>& next_answer);
  // Lets every deadline pass, then checks that every started call settled
  // exactly once and that nothing is pending.
  void finish(const std::function<Answer(const json& action)>& next_answer);

 private:
  void check_action(const json& action);

  Core core_;
  double now_ = kNowMs;
  std::set<int> started_;
  std::set<int> settled_;
};

// Splits fuzz input at a separator line ("\n--\n"), into at most `max` parts.
std::vector<std::string_view> split_input(std::string_view input, std::size_t max);

// Reads "status\nheaders\nbody" (or "fail <outcome JSON>") into an Answer.
Answer read_answer(std::string_view chunk);

// The core's arguments for `op` given as text: a JSON array is the method's
// positional arguments, named by the operation table as the shim names them;
// anything else goes to the core as it is.
std::string named_arguments(std::string_view op, std::string_view text);

// An unsigned JWT for `sub` that is valid for long after kNowMs.
std::string long_lived_token(std::string_view sub, std::string_view pool);

[[noreturn]] void broken(const char* promise);

}  // namespace authing::fuzz
