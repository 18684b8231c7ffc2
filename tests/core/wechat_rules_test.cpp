// WeChat's rules: the engine-served delay need, WeChat's refusals on the login
// endpoints (retried once, or typed and final), the wx errno / errMsg codes,
// and the getPhoneNumber phone code.
#include <catch2/catch.hpp>

#include "authing/http.h"
#include "authing/operations/common.h"
#include "harness.h"

using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kToken = token_for("u-1", kStartMs / 1000 - 3600, 1209600);
constexpr double kBackoff = 300;

json with_connection(json options = default_options()) {
  options["extIdpConnidentifier"] = "conn-wx";
  return options;
}

// Waits `ms` for the delay, then answers `action` with `body`.
authing::Step delayed_build(const authing::OpContext& ctx, const json& args) {
  if (authing::member(args, "$waited") == nullptr) {
    double ms = args.value("ms", 0.0);
    return authing::delay("$waited", "after the wait", ms);
  }
  return authing::make_json_request(ctx.config, "POST", "/after", "", args);
}

authing::Verdict echo(const authing::OpContext&, const json&, const authing::HttpResponse& response) {
  return authing::Settled{json(response.body)};
}

const authing::OperationSpec kDelayed{.name = "delayed", .build = delayed_build, .interpret = echo};
const std::vector<const authing::OperationSpec*> kDelayTable{&kDelayed};

std::size_t count_http(const std::vector<authing::Action>& actions) { return of_kind<action::Http>(actions).size(); }

json busy() { return {{"code", -1}, {"message", "system error"}, {"data", nullptr}}; }

}  // namespace

TEST_CASE("A delay need is served by the engine: its deadline supplies the value", "[need][delay][engine]") {
  Harness harness(default_options(), kDelayTable);

  SECTION("nothing is emitted, and poll_timeout is the end of the wait") {
    int op = harness.start("delayed", {{"ms", 300}});
    CHECK(harness.run().empty());
    CHECK(harness.core.poll_timeout() == kStartMs + 300);
    harness.timeout_at(kStartMs + 299);
    CHECK(harness.run().empty());
    harness.timeout_at(kStartMs + 300);
    auto http = only<action::Http>(harness.run());
    CHECK(body_of(http)["$waited"] == "after the wait");
    CHECK(harness.core.poll_timeout() == harness.now + 10000 + authing::kDeadlineGraceMs);
    harness.answer_http(http.id, 200, "done");
    CHECK(result_of(harness.run(), op) == "done");
  }
  SECTION("a driver cannot end the wait by answering an action id") {
    harness.start("delayed", {{"ms", 300}});
    harness.run();
    for (int id = 1; id <= 5; ++id) harness.answer(id, {{"value", "forged"}});
    CHECK(harness.run().empty());
    CHECK(harness.core.poll_timeout() == kStartMs + 300);
  }
  SECTION("a delay of 0, or one longer than a minute, supplies at once") {
    for (double ms : {0.0, 60001.0}) {
      harness.start("delayed", {{"ms", ms}});
      CHECK(count_http(harness.run()) == 1);
    }
  }
  SECTION("a cancelled call's wait still ends, silently") {
    int op = harness.start("delayed", {{"ms", 300}});
    CHECK(harness.run().empty());
    harness.core.cancel(op);
    harness.timeout_at(kStartMs + 300);
    auto http = only<action::Http>(harness.run());
    harness.answer_http(http.id, 200, "done");
    CHECK_FALSE(settled(harness.run(), op));
  }
}

TEST_CASE("WeChat busy (-1) on a login endpoint is retried once after a back-off, then typed",
          "[wechat][retry][busy]") {
  struct Row {
    const char* name;
    const char* op;
    json args;
    bool fresh_code;  // the retry takes a fresh wx.login code
    const char* fresh_into;
  };
  const json detail = {{"code", "phone-code"}};
  const Row rows[] = {
      {"loginByCode: a fresh code (nothing is sealed with the first)", "loginByCode", {{"code", "c1"}}, true,
       "code"},
      {"loginByCode with encryptedData: the same code, which alone opens the data", "loginByCode",
       {{"code", "c1"}, {"options", {{"iv", "i"}, {"encryptedData", "e"}}}}, false, ""},
      {"loginByPhone with iv/encryptedData: the same request", "loginByPhone",
       {{"code", "c1"}, {"iv", "i"}, {"encryptedData", "e"}}, false, ""},
      {"getPhone with iv/encryptedData: the same request", "getPhone",
       {{"code", "c1"}, {"iv", "i"}, {"encryptedData", "e"}}, false, ""},
      {"getPhone with a phone code: the same request", "getPhone", {{"code", detail}}, false, ""},
      {"loginByPhone with a phone code: a fresh wx.login code, the same phone code", "loginByPhone",
       {{"code", "c1"}, {"iv", detail}}, true, "$loginCode"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Harness harness(with_connection());
      int op = harness.start(row.op, row.args);
      auto first = only<action::Http>(harness.run());
      json first_body = body_of(first);
      harness.answer_json(first.id, 200, busy());
      auto waiting = harness.run();
      CHECK(waiting.empty());
      CHECK_FALSE(settled(waiting, op));
      CHECK(harness.core.poll_timeout() == kStartMs + kBackoff);
      harness.timeout_at(kStartMs + kBackoff);
      auto after = harness.run();
      json second_body;
      int second_id = 0;
      if (row.fresh_code) {
        auto need = only<action::Need>(after);
        CHECK(need.need == "wx.login");
        harness.answer(need.id, {{"value", "fresh"}});
        auto http = only<action::Http>(harness.run());
        second_body = body_of(http);
        second_id = http.id;
        CHECK(second_body.dump().find("fresh") != std::string::npos);
        CHECK(second_body.dump().find("c1") == std::string::npos);
      } else {
        auto http = only<action::Http>(after);
        second_body = body_of(http);
        second_id = http.id;
        CHECK(second_body == first_body);
      }
      CHECK(second_body.dump().find("$") == std::string::npos);

      SECTION("a second busy answer is final: wechat, -1, no third request") {
        harness.answer_json(second_id, 200, busy());
        auto actions = harness.run();
        CHECK(count_http(actions) == 0);
        CHECK(of_kind<action::Need>(actions).empty());
        CHECK(harness.core.poll_timeout() == -1);
        auto error = rejected(actions, op).error;
        CHECK(error.kind == ErrorKind::Wechat);
        CHECK(error.code == -1);
        CHECK(error.api_code == json(-1));
        CHECK(error.message.find("微信系统繁忙") != std::string::npos);
      }
    }
  }
  SECTION("loginByCode succeeds on its retry") {
    Harness harness;
    int op = harness.start("loginByCode");
    harness.answer(only<action::Need>(harness.run()).id, {{"value", "c1"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, busy());
    harness.timeout_at(kStartMs + kBackoff);
    harness.answer(only<action::Need>(harness.run()).id, {{"value", "c2"}});
    auto http = only<action::Http>(harness.run());
    CHECK(body_of(http) == json{{"code", "c2"}});
    harness.answer_json(http.id, 200, login_answer(kToken));
    CHECK(result_of(harness.run(), op)["id"] == "u-1");
    CHECK(harness.storage["_authing_token"] == kToken);
  }
  SECTION("a busy answer after a refused code gets no retry: one retry per call in all") {
    Harness harness;
    int op = harness.start("loginByCode", {{"code", "stale"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, {{"code", 40163}, {"message", "used"}});
    harness.answer(only<action::Need>(harness.run()).id, {{"value", "fresh"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, busy());
    auto actions = harness.run();
    CHECK(rejected(actions, op).error.code == -1);
    CHECK(harness.core.poll_timeout() == -1);
  }
}

TEST_CASE("WeChat's rate limit (45011) and high-risk block (40226) are typed and never retried",
          "[wechat][retry][errors]") {
  struct Code {
    int code;
    const char* chinese;
    const char* english;
  };
  const Code codes[] = {{45011, "过于频繁", "Too many WeChat logins"}, {40226, "高风险", "high-risk"}};
  const json detail = {{"code", "phone-code"}};
  const std::pair<const char*, json> calls[] = {
      {"loginByCode", {{"code", "c1"}}},
      {"loginByPhone", {{"code", "c1"}, {"iv", "i"}, {"encryptedData", "e"}}},
      {"loginByPhone", {{"code", "c1"}, {"iv", detail}}},
      {"getPhone", {{"code", "c1"}, {"iv", "i"}, {"encryptedData", "e"}}},
      {"getPhone", {{"code", detail}}},
  };
  for (const Code& code : codes) {
    for (const auto& [op_name, args] : calls) {
      for (bool english : {false, true}) {
        DYNAMIC_SECTION(code.code << " " << op_name << " " << args.dump() << (english ? " en" : " zh")) {
          json options = with_connection();
          if (english) options["lang"] = "en-US";
          Harness harness(options);
          int op = harness.start(op_name, args);
          auto http = only<action::Http>(harness.run());
          // v2 relays WeChat's code in `code`; v3 in `apiCode`.
          bool v3 = http.request.url.find("/api/v3/") != std::string::npos;
          json answer = v3 ? json{{"statusCode", 400}, {"apiCode", code.code}, {"message", "wechat says no"}}
                           : json{{"code", code.code}, {"message", "wechat says no"}, {"data", nullptr}};
          harness.answer_json(http.id, 200, answer);
          auto actions = harness.run();
          CHECK(count_http(actions) == 0);
          CHECK(of_kind<action::Need>(actions).empty());
          CHECK(harness.core.poll_timeout() == -1);
          auto error = rejected(actions, op).error;
          CHECK(error.kind == ErrorKind::Wechat);
          CHECK(error.code == code.code);
          CHECK(error.api_code == json(code.code));
          CHECK(error.message.find(english ? code.english : code.chinese) != std::string::npos);
          CHECK(error.message.find("wechat says no") != std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("wx failures: errno 112 and an interrupted request have their own codes",
          "[wechat][errors][privacy][network]") {
  struct Row {
    json fail;
    ErrorKind kind;
    const char* code;
  };
  const Row rows[] = {
      {{{"errMsg", "login:fail privacy permission is not authorized"}, {"errno", 104}}, ErrorKind::Privacy,
       "PRIVACY_NOT_AUTHORIZED"},
      {{{"errMsg", "login:fail api scope is not declared in the privacy agreement"}, {"errno", 112}},
       ErrorKind::Privacy, "PRIVACY_API_NOT_DECLARED"},
      {{{"errMsg", "request:fail interrupted"}}, ErrorKind::Network, "REQUEST_INTERRUPTED"},
      {{{"errMsg", "uploadFile:fail interrupted"}}, ErrorKind::Network, "REQUEST_INTERRUPTED"},
      {{{"errMsg", "request:fail net::ERR_INTERNET_DISCONNECTED"}, {"errno", 600001}}, ErrorKind::Network,
       "NETWORK_ERROR"},
  };
  SECTION("whatever API failed") {
    for (const Row& row : rows) {
      for (auto [fallback, fallback_code] : {std::pair{ErrorKind::Network, authing::code::kNetwork},
                                             std::pair{ErrorKind::Wechat, authing::code::kChooseImage}}) {
        auto error = authing::transport_error(row.fail, authing::Lang::Chinese, fallback, fallback_code);
        INFO(row.fail.dump());
        if (std::string(row.code) == "NETWORK_ERROR") {
          CHECK(error.code == std::string(fallback_code));
        } else {
          CHECK(error.kind == row.kind);
          CHECK(error.code == row.code);
        }
      }
    }
  }
  SECTION("errno 112's message says what to declare, and where") {
    auto error = authing::transport_error(rows[1].fail, authing::Lang::English);
    CHECK(error.message.find("privacy guide") != std::string::npos);
    CHECK(error.message.find("用户隐私保护指引") != std::string::npos);
    CHECK(authing::transport_error(rows[1].fail, authing::Lang::Chinese).message.find("用户隐私保护指引") !=
          std::string::npos);
  }
  SECTION("wx.login refused with errno 112") {
    Harness harness;
    int op = harness.start("loginByCode");
    harness.answer(only<action::Need>(harness.run()).id, {{"fail", rows[1].fail}});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Privacy);
    CHECK(error.code == "PRIVACY_API_NOT_DECLARED");
  }
  SECTION("an interrupted request keeps the session") {
    Harness harness;
    harness.store_session(kToken, json{{"id", "u-1"}});
    int op = harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    auto http = only<action::Http>(harness.run());
    harness.answer(http.id, {{"fail", rows[2].fail}});
    auto actions = harness.run();
    auto error = rejected(actions, op).error;
    CHECK(error.kind == ErrorKind::Network);
    CHECK(error.code == "REQUEST_INTERRUPTED");
    CHECK(of_kind<action::Event>(actions).empty());
    CHECK(harness.storage["_authing_token"] == kToken);
    int again = harness.start("getCurrentUser");
    CHECK(request_token(only<action::Http>(harness.run())) == kToken);
    (void)again;
  }
}

TEST_CASE("Concurrent loginByCode() calls share one wx.login", "[wechat][coalesce][wx-login]") {
  Harness harness;
  int first = harness.start("loginByCode");
  int second = harness.start("loginByCode");
  int third = harness.start("loginByCode");
  auto need = only<action::Need>(harness.run());
  harness.answer(need.id, {{"value", "c1"}});
  auto http = only<action::Http>(harness.run());
  harness.answer_json(http.id, 200, login_answer(kToken));
  auto actions = harness.run();
  for (int op : {first, second, third}) CHECK(result_of(actions, op)["id"] == "u-1");
}
