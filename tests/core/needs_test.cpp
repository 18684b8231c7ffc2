// Needs: outside inputs an operation waits for, obtained by the driver and
// fed back into the operation's arguments before its build step runs again.
#include <catch2/catch.hpp>

#include "authing/operations/common.h"
#include "harness.h"

using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kToken = token_for("u-1", kStartMs / 1000 - 3600, 1209600);

// An operation that needs two wx.login codes, one after the other, then
// posts both: the engine must run its build step three times.
authing::Step two_codes_build(const authing::OpContext& ctx, const json& args) {
  if (authing::member(args, "first") == nullptr) return authing::wx_login_code(ctx.config, "first");
  if (authing::member(args, "second") == nullptr) return authing::wx_login_code(ctx.config, "second");
  return authing::make_json_request(ctx.config, "POST", "/two", "", args);
}

authing::Verdict echo_interpret(const authing::OpContext&, const json&,
                                const authing::HttpResponse& response) {
  return authing::Settled{json(response.body)};
}

const authing::OperationSpec kTwoCodes{
    .name = "twoCodes", .build = two_codes_build, .interpret = echo_interpret};

authing::Step unknown_need_build(const authing::OpContext&, const json&) {
  return authing::Need{"wx.telepathy", "thought"};
}

const authing::OperationSpec kUnknownNeed{
    .name = "unknownNeed", .build = unknown_need_build, .interpret = echo_interpret};

const std::vector<const authing::OperationSpec*> kTestTable{&kTwoCodes, &kUnknownNeed};

}  // namespace

TEST_CASE("Each need's value goes into the arguments, and the build step runs again", "[need][engine]") {
  Harness harness(default_options(), kTestTable);
  int op = harness.start("twoCodes", {{"given", 1}});
  auto first = only<action::Need>(harness.run());
  CHECK(first.need == "wx.login");
  harness.answer(first.id, {{"value", "code-a"}});
  auto second = only<action::Need>(harness.run());
  CHECK(second.id != first.id);
  harness.answer(second.id, {{"value", "code-b"}});
  auto http = only<action::Http>(harness.run());
  CHECK(body_of(http) == json{{"given", 1}, {"first", "code-a"}, {"second", "code-b"}});
  harness.answer_http(http.id, 200, "done");
  CHECK(result_of(harness.run(), op) == "done");

  SECTION("an outcome for a need that was already met is ignored") {
    harness.answer(first.id, {{"value", "late"}});
    CHECK(harness.run().empty());
  }
}

TEST_CASE("A need the core does not know is a runtime error, not a hang", "[need][engine][errors]") {
  Harness harness(default_options(), kTestTable);
  int op = harness.start("unknownNeed");
  auto actions = harness.run();
  CHECK(of_kind<action::Need>(actions).empty());
  auto error = rejected(actions, op).error;
  CHECK(error.kind == ErrorKind::Runtime);
  CHECK(error.code == "INTERNAL_ERROR");
  CHECK(harness.core.poll_timeout() == -1);
}

TEST_CASE("loginByCode without a code asks for one: the wx.login need", "[driver][need][wx-login]") {
  Harness harness;
  int op = harness.start("loginByCode");
  auto need = only<action::Need>(harness.run());
  CHECK(need.need == "wx.login");
  CHECK(need.params == json{{"timeoutMs", 10000}});
  harness.answer(need.id, {{"value", "fresh-code"}});
  auto http = only<action::Http>(harness.run());
  CHECK(body_of(http) == json{{"code", "fresh-code"}});
  harness.answer_json(http.id, 200, login_answer(kToken));
  auto actions = harness.run();
  CHECK(settled(actions, op));
  CHECK(result_of(actions, op)["id"] == "u-1");
  CHECK(harness.storage["_authing_token"] == kToken);

  SECTION("wx.login failures reject as wechat, privacy or timeout errors") {
    struct Row {
      json fail;
      ErrorKind kind;
    };
    const Row rows[] = {{{{"errMsg", "login:fail system error"}}, ErrorKind::Wechat},
                        {{{"errMsg", "login:fail privacy"}, {"errno", 112}}, ErrorKind::Privacy},
                        {{{"errMsg", "login:fail timeout"}}, ErrorKind::Timeout}};
    for (const Row& row : rows) {
      int again = harness.start("loginByCode");
      auto fetch = only<action::Need>(harness.run());
      harness.answer(fetch.id, {{"fail", row.fail}});
      CHECK(rejected(harness.run(), again).error.kind == row.kind);
    }
  }
  SECTION("a wx.login answer without a usable code is a wechat error") {
    for (const json& outcome :
         {json::object(), json{{"value", ""}}, json{{"value", 7}}, json{{"value", "c\nx"}}}) {
      int again = harness.start("loginByCode");
      auto fetch = only<action::Need>(harness.run());
      harness.answer(fetch.id, outcome);
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      CHECK(rejected(actions, again).error.code == "WX_LOGIN_FAILED");
    }
  }
  SECTION("a wx.login that never answers times out") {
    int again = harness.start("loginByCode");
    only<action::Need>(harness.run());
    CHECK(harness.core.poll_timeout() == harness.now + 10000 + authing::kDeadlineGraceMs);
    harness.timeout_at(harness.now + 11000);
    auto error = rejected(harness.run(), again).error;
    CHECK(error.kind == ErrorKind::Timeout);
    CHECK(error.message.find("wx.login") != std::string::npos);
  }
}

TEST_CASE("A code WeChat refuses is replaced by a fresh one, once", "[driver][need][retry]") {
  Harness harness;
  int op = harness.start("loginByCode", {{"code", "stale"}});
  auto http = only<action::Http>(harness.run());
  harness.answer_json(http.id, 200, {{"code", 40163}, {"message", "code been used"}});
  auto need = only<action::Need>(harness.run());
  CHECK(need.need == "wx.login");
  harness.answer(need.id, {{"value", "fresh"}});
  http = only<action::Http>(harness.run());
  CHECK(body_of(http) == json{{"code", "fresh"}});

  SECTION("success on the second code") {
    harness.answer_json(http.id, 200, login_answer(kToken));
    CHECK(resolved(harness.run(), op).result.has_value());
  }
  SECTION("a second refusal is final") {
    harness.answer_json(http.id, 200, {{"code", 40029}, {"message", "invalid code"}});
    auto actions = harness.run();
    CHECK(of_kind<action::Need>(actions).empty());
    auto error = rejected(actions, op).error;
    CHECK(error.kind == ErrorKind::Wechat);
    CHECK(error.code == 40029);
  }
  SECTION("data sealed with the first code's session is not retried") {
    int sealed =
        harness.start("loginByCode", {{"code", "c2"}, {"options", {{"iv", "i"}, {"encryptedData", "e"}}}});
    auto sealed_http = only<action::Http>(harness.run());
    harness.answer_json(sealed_http.id, 200, {{"code", 40163}, {"message", "code been used"}});
    auto actions = harness.run();
    CHECK(of_kind<action::Need>(actions).empty());
    CHECK(rejected(actions, sealed).error.code == 40163);
  }
}
