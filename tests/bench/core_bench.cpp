// Instructions per operation of the native core, for callgrind:
//   valgrind --tool=callgrind --toggle-collect='*serve_call*' core_bench <operation> <iterations>
// One core serves <iterations> calls of <operation> in a row, each driven to
// its settlement with well-formed answers (the fuzz targets' canned answers),
// the way the JS driver drives the wasm. serve_call does what the wasm does
// for a call, the batches' JSON text included; the answers are made before
// it runs, so the difference between two iteration counts is the cost of the
// calls alone.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>

#include "../fuzz/canned.h"
#include "authing/overloaded.h"

namespace {

using authing::json;

volatile std::size_t batch_bytes = 0;
using namespace authing;

const std::map<std::string, std::string> kArgs = {
    {"loginByCode", R"({"code":"c1"})"},
    {"loginByPhone", R"({"code":"c1","iv":"aXY=","encryptedData":"ZW5j"})"},
    {"getPhone", R"({"code":"c1","iv":"aXY=","encryptedData":"ZW5j"})"},
    {"updateProfile", R"({"updates":{"nickname":"Bob"}})"},
    {"getCurrentUser", "{}"},
    {"checkLoginStatus", "{}"},
    {"refreshToken", "{}"},
    {"logout", "{}"},
};

// The body the driver hands back for each operation's http action, as
// canned_answer answers it; made outside the counted function.
std::map<std::string, std::string> canned_outcomes() {
  std::map<std::string, std::string> outcomes;
  for (const auto& [operation, args] : kArgs) {
    Core core(R"({"userPoolId":"pool-1","appId":"app-1"})");
    core.start(operation, args, fuzz::kNowMs);
    std::string token = fuzz::long_lived_token("u-1", "pool-1");
    for (int round = 0; round < 8 && outcomes.count(operation) == 0; ++round) {
      for (Action& action : core.poll()) {
        json as_text = *parse_json(action_text(action));
        if (as_text["kind"] == "storage.get") {
          json value = as_text["key"] == "_authing_token" ? json(token) : json("");
          core.handle(as_text["id"], json{{"value", value}}.dump(), "", fuzz::kNowMs);
        } else if (as_text["kind"] == "storage.set" || as_text["kind"] == "storage.remove") {
          core.handle(as_text["id"], "{}", "", fuzz::kNowMs);
        } else if (as_text["kind"] == "http") {
          fuzz::Answer answer = fuzz::canned_answer(as_text);
          outcomes[operation] = answer.body;
        }
      }
    }
  }
  return outcomes;
}

// Storage as the driver keeps it: JSON text by key, written by the core's writes.
using Storage = std::map<std::string, std::string, std::less<>>;

__attribute__((noinline)) bool serve_call(Core& core, const std::string& operation, const std::string& body,
                                          Storage& storage, double now) {
  bool settled = false;
  core.start(operation, kArgs.at(operation), now);
  for (std::vector<Action> batch = core.poll(); !batch.empty(); batch = core.poll()) {
    static std::string batch_text;  // as the binding keeps its batch text between polls
    batch_text.assign("[");
    std::vector<std::tuple<int, std::string, std::string_view>> answers;
    for (Action& action : batch) {
      std::visit(Overloaded{
                     [&](action::Http& http) {
                       answers.emplace_back(http.id, R"({"status":200,"headers":{}})", body);
                     },
                     [&](action::Need& need) { answers.emplace_back(need.id, R"({"value":"c2"})", ""); },
                     [&](action::StorageGet& get) {
                       auto it = storage.find(get.key);
                       answers.emplace_back(get.id,
                                            "{\"value\":" + (it == storage.end() ? "\"\"" : it->second) + "}", "");
                     },
                     // Storage is read at every call, so writes must land, as the driver's do.
                     [&](action::StorageSet& set) {
                       storage[set.key] = set.value;
                       answers.emplace_back(set.id, "{}", "");
                     },
                     [&](action::StorageRemove& remove) {
                       storage.erase(remove.key);
                       answers.emplace_back(remove.id, "{}", "");
                     },
                     [&](action::Resolve&) { settled = true; },
                     [&](action::Reject&) { settled = true; },
                     [&](action::Event&) {},
                 },
                 action);
      if (batch_text.size() > 1) batch_text.push_back(',');
      append_action(batch_text, action);  // the text the binding hands the driver
    }
    batch_bytes = batch_bytes + batch_text.size();
    for (const auto& [id, text, answer_body] : answers) core.handle(id, text, answer_body, now);
  }
  return settled;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || kArgs.count(argv[1]) == 0) {
    std::fprintf(stderr, "usage: core_bench <operation> <iterations>\n");
    return 2;
  }
  const std::string operation = argv[1];
  const int iterations = std::atoi(argv[2]);
  const std::map<std::string, std::string> outcomes = canned_outcomes();

  Core core(R"({"userPoolId":"pool-1","appId":"app-1"})");
  Storage storage = {
      {"_authing_token", json(fuzz::long_lived_token("u-1", "pool-1")).dump()},
      {"_authing_user", json{{"id", "u-1"}, {"nickname", "n"}}.dump()},
  };
  double now = fuzz::kNowMs;
  int settled = 0;
  for (int i = 0; i < iterations; ++i) {
    settled += serve_call(core, operation, outcomes.at(operation), storage, now);
    now += 1000;
  }
  if (settled != iterations) {
    std::fprintf(stderr, "%d of %d calls settled\n", settled, iterations);
    return 1;
  }
  return 0;
}
