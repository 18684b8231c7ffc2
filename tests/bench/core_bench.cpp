// Instructions per operation of the native core, for callgrind:
//   valgrind --tool=callgrind --toggle-collect='authing::Core::*' core_bench <operation> <iterations>
// One core serves <iterations> calls of <operation> in a row, each driven to
// its settlement with well-formed answers (the fuzz targets' canned answers),
// the way the JS driver would. Only the core's own functions are counted, so
// the difference between two iteration counts is the cost of the calls.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "../fuzz/canned.h"

namespace {

using authing::json;

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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || kArgs.count(argv[1]) == 0) {
    std::fprintf(stderr, "usage: core_bench <operation> <iterations>\n");
    return 2;
  }
  const std::string operation = argv[1];
  const int iterations = std::atoi(argv[2]);
  using namespace authing::fuzz;

  authing::Core core(R"({"userPoolId":"pool-1","appId":"app-1"})");
  std::map<std::string, std::string> storage = {
      {"_authing_token", json(long_lived_token("u-1", "pool-1")).dump()},
      {"_authing_user", json{{"id", "u-1"}, {"nickname", "n"}}.dump()},
  };
  double now = kNowMs;
  int settled = 0;
  for (int i = 0; i < iterations; ++i) {
    core.start(operation, kArgs.at(operation), now);
    for (std::string text = core.poll(); !text.empty(); text = core.poll()) {
      json action = *authing::parse_json(text);
      std::string kind = action["kind"];
      int id = action.value("id", 0);
      if (kind == "storage.get") {
        auto it = storage.find(action["key"]);
        core.handle(id, R"({"value":)" + (it == storage.end() ? std::string("\"\"") : it->second) + "}", now);
      } else if (kind == "storage.set") {
        storage[action["key"]] = action["value"].dump();
        core.handle(id, "{}", now);
      } else if (kind == "storage.remove") {
        storage.erase(action["key"].get<std::string>());
        core.handle(id, "{}", now);
      } else if (kind == "wx.login") {
        core.handle(id, R"({"code":"c2"})", now);
      } else if (kind == "http") {
        Answer answer = canned_answer(action);
        core.handle_http(id, answer.status, answer.headers, answer.body, now);
      } else if (kind == "resolve" || kind == "reject") {
        ++settled;
      }
    }
    now += 1000;
  }
  if (settled != iterations) {
    std::fprintf(stderr, "%d of %d calls settled\n", settled, iterations);
    return 1;
  }
  return 0;
}
