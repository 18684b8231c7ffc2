// The getPhoneNumber phone code (e.detail.code, base library 2.21.2+):
// getPhone and loginByPhone through Authing's v3 endpoints, and how a caller
// hands the button's detail over.
#include <catch2/catch.hpp>

#include "harness.h"

using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kIdToken = token_for("u-1", kStartMs / 1000, 1209600);
const std::string kOldToken = token_for("u-0", kStartMs / 1000 - 3600, 1209600);

json with_connection() {
  json options = default_options();
  options["extIdpConnidentifier"] = "conn-wx";
  return options;
}

json signed_in(const std::string& id_token) {
  return {{"statusCode", 200},
          {"message", "ok"},
          {"data",
           {{"access_token", "access.token.x"},
            {"id_token", id_token},
            {"expires_in", 1209600},
            {"token_type", "Bearer"},
            {"scope", "openid profile offline_access"}}}};
}

json user_answer(const std::string& id) {
  return {{"data", {{"user", {{"id", id}, {"phone", "13800138000"}, {"token", "stale"}, {"password", "h"}}}}}};
}

// loginByPhone(e.detail) up to its signin-by-mobile request.
action::Http signin_request(Harness& harness, int& op) {
  op = harness.start("loginByPhone", {{"code", {{"code", "phone-code"}, {"iv", "i"}, {"encryptedData", "e"}}}});
  auto need = only<action::Need>(harness.run());
  REQUIRE(need.need == "wx.login");
  harness.answer(need.id, {{"value", "login-code"}});
  return only<action::Http>(harness.run());
}

}  // namespace

TEST_CASE("loginByPhone with a phone code signs in by v3, then logs in as v4 does", "[phone-code][logins]") {
  Harness harness(with_connection());
  int op = 0;
  auto signin = signin_request(harness, op);
  CHECK(signin.request.url == "https://core.example.cn/api/v3/signin-by-mobile");
  CHECK(body_of(signin) ==
        json{{"connection", "wechat_mini_program_code_and_phone"},
             {"extIdpConnidentifier", "conn-wx"},
             {"wechatMiniProgramCodeAndPhonePayload",
              {{"wxPhoneInfo", {{"code", "phone-code"}}}, {"wxLoginInfo", {{"code", "login-code"}}}}},
             {"options", {{"scope", "openid profile offline_access"}}}});
  harness.answer_json(signin.id, 200, signed_in(kIdToken));
  auto user_query = only<action::Http>(harness.run());
  CHECK(user_query.request.url == "https://core.example.cn/graphql/v2");
  CHECK(request_token(user_query) == kIdToken);
  CHECK(harness.storage.count("_authing_token") == 0);

  SECTION("the user resolves with the id_token, and both keys are stored") {
    harness.answer_json(user_query.id, 200, user_answer("u-1"));
    auto actions = harness.run();
    json user = result_of(actions, op);
    CHECK(user["id"] == "u-1");
    CHECK(user["token"] == kIdToken);
    CHECK_FALSE(user.contains("password"));
    CHECK(harness.storage["_authing_token"] == kIdToken);
    CHECK(harness.storage["_authing_user"]["id"] == "u-1");
    CHECK(of_kind<action::Event>(actions).at(0).payload["loggedIn"] == true);
  }
  SECTION("a token that names another user is not believed") {
    harness.answer_json(user_query.id, 200, user_answer("u-2"));
    auto error = rejected(harness.run(), op).error;
    CHECK(error.code == "BAD_RESPONSE");
    CHECK(harness.storage.count("_authing_token") == 0);
  }
  SECTION("an answer without an id_token is a bad response, and sends nothing more") {
    Harness again(with_connection());
    int other = 0;
    auto request = signin_request(again, other);
    again.answer_json(request.id, 200, {{"statusCode", 200}, {"data", {{"access_token", "a.b.c"}}}});
    auto actions = again.run();
    CHECK(of_kind<action::Http>(actions).empty());
    CHECK(rejected(actions, other).error.code == "BAD_RESPONSE");
  }
}

TEST_CASE("The new token refused on the user step never ends the session there was", "[phone-code][session]") {
  for (int refusal : {2206, 2207, 2020}) {
    DYNAMIC_SECTION("code " << refusal) {
      Harness harness(with_connection());
      harness.store_session(kOldToken, json{{"id", "u-0"}});
      int op = 0;
      auto signin = signin_request(harness, op);
      CHECK(request_token(signin) == kOldToken);
      harness.answer_json(signin.id, 200, signed_in(kIdToken));
      auto user_query = only<action::Http>(harness.run());
      harness.answer_json(user_query.id, 200,
                          {{"errors", {{{"message", {{"code", refusal}, {"message", "refused"}}}}}}, {"data", nullptr}});
      auto actions = harness.run();
      CHECK(rejected(actions, op).error.kind == ErrorKind::Http);
      CHECK(of_kind<action::Event>(actions).empty());
      CHECK(harness.storage["_authing_token"] == kOldToken);
    }
  }
}

TEST_CASE("getPhone with a phone code asks v3 and resolves the phone", "[phone-code][getPhone]") {
  struct Row {
    const char* name;
    json args;
  };
  const json detail = {{"errMsg", "getPhoneNumber:ok"}, {"code", "phone-code"}, {"iv", "i"}, {"encryptedData", "e"}};
  const Row rows[] = {{"getPhone(e.detail)", {{"code", detail}}},
                      {"getPhone(code, e.detail): the phone code is preferred", {{"code", "c1"}, {"iv", detail}}},
                      {"getPhone(null, {code})", {{"iv", {{"code", "phone-code"}}}}}};
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Harness harness(with_connection());
      int op = harness.start("getPhone", row.args);
      auto http = only<action::Http>(harness.run());
      CHECK(http.request.url == "https://core.example.cn/api/v3/get-wechat-miniprogram-phone");
      CHECK(body_of(http) == json{{"extIdpConnidentifier", "conn-wx"}, {"code", "phone-code"}});
      json phone = {{"phoneNumber", "13800138000"}, {"purePhoneNumber", "13800138000"}, {"countryCode", "86"}};
      harness.answer_json(http.id, 200, {{"statusCode", 200}, {"data", {{"phone_info", phone}}}});
      CHECK(result_of(harness.run(), op) == phone);
    }
  }
  SECTION("getPhone(code, e.detail) without a phone code uses iv and encryptedData with v4's endpoint") {
    Harness harness(with_connection());
    harness.start("getPhone", {{"code", "c1"}, {"iv", {{"iv", "i"}, {"encryptedData", "e"}}}});
    auto http = only<action::Http>(harness.run());
    CHECK(http.request.url == "https://core.example.cn/connections/social/wechat-miniprogram/getphone");
    CHECK(body_of(http) == json{{"code", "c1"}, {"iv", "i"}, {"encryptedData", "e"}});
  }
}

TEST_CASE("What a phone-code call lacks is said in a typed argument error", "[phone-code][errors]") {
  struct Row {
    const char* name;
    bool connection;
    const char* op;
    json args;
    const char* says;
  };
  const json phone_detail = {{"code", "phone-code"}};
  const json refused = {{"errMsg", "getPhoneNumber:fail user deny"}};
  const Row rows[] = {
      {"getPhone without the extIdpConnidentifier option", false, "getPhone", {{"code", phone_detail}},
       "extIdpConnidentifier"},
      {"loginByPhone without the extIdpConnidentifier option", false, "loginByPhone",
       {{"code", "c1"}, {"iv", phone_detail}}, "extIdpConnidentifier"},
      {"getPhone with a refused button's detail", true, "getPhone", {{"code", refused}}, "getPhoneNumber"},
      {"loginByPhone with neither a phone code nor iv + encryptedData", true, "loginByPhone",
       {{"code", "c1"}, {"iv", {{"iv", "i"}}}}, "encryptedData"},
      {"loginByPhone with iv + encryptedData but no wx.login code", true, "loginByPhone",
       {{"code", {{"iv", "i"}, {"encryptedData", "e"}}}}, "wx.login"},
      {"a phone code that is not text", true, "getPhone", {{"code", {{"code", 7}}}}, "code"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Harness harness(row.connection ? with_connection() : default_options());
      int op = harness.start(row.op, row.args);
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      CHECK(of_kind<action::Need>(actions).empty());
      auto error = rejected(actions, op).error;
      CHECK(error.kind == ErrorKind::Argument);
      CHECK(error.code == "INVALID_ARGUMENT");
      CHECK(error.message.find(row.says) != std::string::npos);
    }
  }
}
