// Codes, password and code logins, registration: what the fixtures
// (tests/fixtures/operations/logins.json) cannot say: the session effects of
// each login, where a password may and may not appear, the public key and
// encryptFunction paths, and the answers v4 shapes differently.
#include <catch2/catch.hpp>

#include "harness.h"

using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kOldToken = token_for("u-old", kStartMs / 1000 - 60, 1209600);
const std::string kNewToken = token_for("u-new", kStartMs / 1000, 1209600);
constexpr const char* kPassword = "s3cret-passw0rd";

json graphql(const std::string& field, const json& value) { return {{"data", {{field, value}}}}; }

json graphql_error(const std::string& field, int code, const std::string& message) {
  return {{"errors", {{{"message", {{"code", code}, {"message", message}, {"data", nullptr}}}}}},
          {"data", {{field, nullptr}}}};
}

json new_user(const json& token) {
  return {{"id", "u-new"},
          {"nickname", "Alice"},
          {"token", token},
          {"password", "$2b$10$hash"},
          {"salt", "f00d"}};
}

struct Login {
  std::string op;
  json call;
  bool rest;      // answered with a REST envelope, not GraphQL
  bool encrypts;  // the password goes out encrypted (every one but LDAP)
};

const std::vector<Login> kLogins{
    {"loginByEmail", {"alice@example.com", kPassword}, false, true},
    {"loginByUsername", {"alice", kPassword}, false, true},
    {"loginByPhonePassword", {"13800000000", kPassword}, false, true},
    {"loginByPhoneCode", {"13800000000", "123456"}, false, false},
    {"loginBySubAccount", {"alice-sub", kPassword}, false, true},
    {"loginByLdap", {"alice", kPassword}, true, false},
};

json login_answer_for(const Login& login, const json& user) {
  if (login.rest) return {{"code", 200}, {"message", "ok"}, {"data", user}};
  return graphql(login.op, user);
}

// The password as it went out: the input's, the top-level variable's, or the body's.
std::string sent_password(const json& body) {
  if (const json* variables = authing::member(body, "variables")) {
    if (const json* input = authing::member(*variables, "input")) return input->value("password", "");
    return variables->value("password", "");
  }
  return body.value("password", "");
}

bool storage_holds(const Harness& harness, const std::string& text) {
  for (const auto& [key, value] : harness.storage) {
    if (value.dump().find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Every login stores the session as loginByCode does, and announces it", "[logins][session]") {
  for (const Login& login : kLogins) {
    DYNAMIC_SECTION(login.op) {
      Harness harness;
      harness.store_session(kOldToken, json{{"id", "u-old"}});
      int op = harness.call(login.op, login.call);
      auto http = only<action::Http>(harness.run());
      CHECK(request_token(http) == kOldToken);  // v4 sends the stored token on every call
      harness.answer_json(http.id, 200, login_answer_for(login, new_user(kNewToken)));
      auto actions = harness.run();

      json user = result_of(actions, op);
      CHECK(user["id"] == "u-new");
      CHECK(user["token"] == kNewToken);
      CHECK_FALSE(user.contains("password"));
      CHECK_FALSE(user.contains("salt"));
      CHECK(harness.storage["_authing_token"] == kNewToken);
      CHECK(harness.storage["_authing_user"] ==
            json{{"id", "u-new"}, {"nickname", "Alice"}, {"token", kNewToken}});
      auto event = only<action::Event>(actions);
      CHECK(event.name == "loginStateChange");
      CHECK(event.payload == json{{"loggedIn", true}, {"reason", "login"}, {"userId", "u-new"}});

      SECTION("and the next call goes out with the new token") {
        harness.start("getCurrentUser");
        CHECK(request_token(only<action::Http>(harness.run())) == kNewToken);
      }
    }
  }
}

TEST_CASE("A refused login keeps the session there was", "[logins][session][errors]") {
  for (const Login& login : kLogins) {
    DYNAMIC_SECTION(login.op) {
      Harness harness;
      harness.store_session(kOldToken, json{{"id", "u-old"}});
      int op = harness.call(login.op, login.call);
      auto http = only<action::Http>(harness.run());

      SECTION("Authing's error code") {
        json refusal = login.rest ? json{{"code", 2006}, {"message", "密码错误"}}
                                  : graphql_error(login.op, 2006, "密码错误");
        harness.answer_json(http.id, 200, refusal);
        auto actions = harness.run();
        auto error = rejected(actions, op).error;
        CHECK(error.kind == ErrorKind::Api);
        CHECK(error.code == 2006);
        CHECK(of_kind<action::Event>(actions).empty());
      }
      SECTION("an answer whose user has no token") {
        harness.answer_json(http.id, 200, login_answer_for(login, new_user(nullptr)));
        auto actions = harness.run();
        CHECK(rejected(actions, op).error.code == "BAD_RESPONSE");
        CHECK(of_kind<action::Event>(actions).empty());
      }
      CHECK(harness.storage["_authing_token"] == kOldToken);
      CHECK(harness.storage["_authing_user"]["id"] == "u-old");
    }
  }
}

TEST_CASE("A password goes out encrypted, and nowhere else", "[logins][password][secrets]") {
  for (const Login& login : kLogins) {
    if (login.op == "loginByPhoneCode") continue;
    DYNAMIC_SECTION(login.op) {
      Harness harness;
      harness.call(login.op, login.call);
      auto http = only<action::Http>(harness.run());
      std::string sent = sent_password(body_of(http));
      if (login.encrypts) {
        CHECK(decrypt_password(sent) == kPassword);
        CHECK(http.request.body->find(kPassword) == std::string::npos);
      } else {
        // v4 sends the LDAP password as it is; the directory checks it.
        CHECK(sent == kPassword);
      }
      harness.answer_json(http.id, 200, login_answer_for(login, new_user(kNewToken)));
      auto actions = harness.run();
      CHECK_FALSE(storage_holds(harness, kPassword));
      CHECK_FALSE(storage_holds(harness, sent));
      CHECK(describe(actions).find(kPassword) == std::string::npos);
    }
  }

  SECTION("an unusable password is refused without quoting it") {
    Harness harness;
    int op = harness.call("loginByEmail", {"alice@example.com", "s3cret\npassw0rd"});
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    auto error = rejected(actions, op).error;
    CHECK(error.kind == ErrorKind::Argument);
    CHECK(error.message.find("password") != std::string::npos);
    CHECK(error.to_json().dump().find("s3cret") == std::string::npos);
  }
  SECTION("a wrong password's error quotes only the server") {
    Harness harness;
    int op = harness.call("loginByUsername", {"alice", kPassword});
    harness.answer_json(only<action::Http>(harness.run()).id, 200,
                        graphql_error("loginByUsername", 2006, "密码错误"));
    CHECK(rejected(harness.run(), op).error.to_json().dump().find(kPassword) == std::string::npos);
  }
}

TEST_CASE("Arguments are checked before the pool's public key is fetched", "[logins][password][public-key]") {
  json options = default_options();
  options.erase("publicKey");
  Harness harness(options);

  SECTION("a bad option sends nothing at all") {
    int op = harness.call("loginByEmail", {"alice@example.com", kPassword, {{"autoRegister", "yes"}}});
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    CHECK(rejected(actions, op).error.message.find("options.autoRegister") != std::string::npos);
  }
  SECTION("good arguments fetch the key once, then send the login") {
    int op = harness.call("registerByUsername", {"alice", kPassword});
    auto fetch = only<action::Http>(harness.run());
    CHECK(fetch.request.method == "GET");
    CHECK(fetch.request.url == "https://core.example.cn/api/v2/.well-known");
    json key = load_fixture("rsa.json")["keys"][0]["spki"];
    harness.answer_json(fetch.id, 200, {{"code", 200}, {"message", "ok"}, {"data", {{"publicKey", key}}}});
    auto http = only<action::Http>(harness.run());
    CHECK(decrypt_password(sent_password(body_of(http))) == kPassword);
    harness.answer_json(http.id, 200, graphql("registerByUsername", new_user(nullptr)));
    CHECK(result_of(harness.run(), op)["id"] == "u-new");
  }
}

TEST_CASE("With the client's own encryptFunction, its ciphertext is what goes out",
          "[logins][password][encrypt]") {
  json options = default_options();
  options["encryptFunction"] = true;
  Harness harness(options);
  harness.call("loginBySubAccount", {"alice-sub", kPassword, {{"clientIp", "203.0.113.7"}}});
  auto need = only<action::Need>(harness.run());
  CHECK(need.need == "encrypt");
  CHECK(need.params["plainText"] == kPassword);
  CHECK(need.params["publicKey"] == default_options()["publicKey"]);
  harness.answer(need.id, {{"value", "client-ciphertext"}});
  json variables = body_of(only<action::Http>(harness.run()))["variables"];
  CHECK(variables ==
        json{{"account", "alice-sub"}, {"password", "client-ciphertext"}, {"clientIp", "203.0.113.7"}});
}

TEST_CASE("Identical concurrent logins share one request", "[logins][coalesce]") {
  Harness harness;
  int first = harness.call("loginByPhonePassword", {"13800000000", kPassword});
  int second = harness.call("loginByPhonePassword", {"13800000000", kPassword});
  auto http = only<action::Http>(harness.run());
  harness.answer_json(http.id, 200, graphql("loginByPhonePassword", new_user(kNewToken)));
  auto actions = harness.run();
  CHECK(result_of(actions, first)["token"] == kNewToken);
  CHECK(result_of(actions, second)["token"] == kNewToken);
  CHECK(of_kind<action::Event>(actions).size() == 1);

  SECTION("another password is another login") {
    harness.call("loginByPhonePassword", {"13800000000", kPassword});
    harness.call("loginByPhonePassword", {"13800000000", "another-passw0rd"});
    CHECK(of_kind<action::Http>(harness.run()).size() == 2);
  }
}

TEST_CASE("A register answer is a session only when it carries a token", "[logins][register][session]") {
  const std::vector<std::pair<std::string, json>> registers{
      {"registerByEmail", {"alice@example.com", kPassword}},
      {"registerByUsername", {"alice", kPassword}},
      {"registerByPhoneCode", {"13800000000", "123456"}},
  };
  for (const auto& [name, call] : registers) {
    DYNAMIC_SECTION(name) {
      Harness harness;
      harness.store_session(kOldToken, json{{"id", "u-old"}});
      int op = harness.call(name, call);
      auto http = only<action::Http>(harness.run());

      SECTION("without a token: the user is returned, storage and session untouched") {
        harness.storage_log.clear();
        harness.answer_json(http.id, 200, graphql(name, new_user(nullptr)));
        auto actions = harness.run();
        json user = result_of(actions, op);
        CHECK(user["id"] == "u-new");
        CHECK_FALSE(user.contains("password"));
        CHECK_FALSE(user.contains("salt"));
        CHECK(of_kind<action::Event>(actions).empty());
        for (const auto& entry : harness.storage_log)
          CHECK(std::holds_alternative<action::StorageGet>(entry));
        CHECK(harness.storage["_authing_token"] == kOldToken);
        harness.start("getCurrentUser");
        CHECK(request_token(only<action::Http>(harness.run())) == kOldToken);
      }
      SECTION("a token that is no token counts as none") {
        harness.answer_json(http.id, 200, graphql(name, new_user("not a token\n")));
        auto actions = harness.run();
        CHECK(result_of(actions, op)["id"] == "u-new");
        CHECK(of_kind<action::Event>(actions).empty());
        CHECK(harness.storage["_authing_token"] == kOldToken);
      }
      SECTION("with a token (forceLogin, generateToken): it becomes the session") {
        harness.answer_json(http.id, 200, graphql(name, new_user(kNewToken)));
        auto actions = harness.run();
        CHECK(result_of(actions, op)["token"] == kNewToken);
        CHECK(harness.storage["_authing_token"] == kNewToken);
        CHECK(harness.storage["_authing_user"]["id"] == "u-new");
        CHECK(only<action::Event>(actions).payload["userId"] == "u-new");
      }
      SECTION("an answer that is no user is a bad response") {
        harness.answer_json(http.id, 200, graphql(name, "u-new"));
        CHECK(rejected(harness.run(), op).error.code == "BAD_RESPONSE");
        CHECK(harness.storage["_authing_token"] == kOldToken);
      }
    }
  }
}

TEST_CASE("registerByPhoneCode without a password encrypts nothing", "[logins][register][password]") {
  Harness harness;
  harness.supply_random = false;  // a random-bytes need would show up as an action
  harness.call("registerByPhoneCode", {"13800000000", "123456", nullptr, {{"nickname", "Alice"}}});
  auto actions = harness.run();
  CHECK(of_kind<action::Need>(actions).empty());
  json input = body_of(only<action::Http>(actions))["variables"]["input"];
  CHECK_FALSE(input.contains("password"));
  CHECK(input["profile"] == json{{"nickname", "Alice"}});
}

TEST_CASE("sendSmsCode resolves the envelope's code and message, not v4's undefined",
          "[logins][sendSmsCode]") {
  Harness harness;
  int op = harness.call("sendSmsCode", {"13800000000"});
  auto http = only<action::Http>(harness.run());
  CHECK_FALSE(http.request.carries_token());

  SECTION("an envelope without data") {
    harness.answer_json(http.id, 200, {{"code", 200}, {"message", "发送成功"}});
    CHECK(result_of(harness.run(), op) == json{{"code", 200}, {"message", "发送成功"}});
  }
  SECTION("an envelope with data, or without a message") {
    harness.answer_json(http.id, 200, {{"code", 200}, {"data", {{"expiresIn", 60}}}});
    CHECK(result_of(harness.run(), op) == json{{"code", 200}, {"message", ""}});
  }
  SECTION("a gateway error is an http error") {
    harness.answer_http(http.id, 502, "<html>Bad Gateway</html>");
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Http);
    CHECK(error.status_code == 502);
  }
  SECTION("nothing is stored") {
    harness.answer_json(http.id, 200, {{"code", 200}, {"message", "发送成功"}});
    harness.run();
    CHECK(harness.storage.empty());
  }
}

TEST_CASE("sendEmail takes each of v4's scenes and resolves the server's message", "[logins][sendEmail]") {
  for (std::string scene : {"RESET_PASSWORD", "VERIFY_EMAIL", "CHANGE_EMAIL", "MFA_VERIFY"}) {
    DYNAMIC_SECTION(scene) {
      Harness harness;
      int op = harness.call("sendEmail", {"alice@example.com", scene});
      auto http = only<action::Http>(harness.run());
      CHECK(body_of(http)["variables"] == json{{"email", "alice@example.com"}, {"scene", scene}});
      harness.answer_json(http.id, 200, graphql("sendEmail", {{"message", "发送成功"}, {"code", 200}}));
      CHECK(result_of(harness.run(), op) == json{{"message", "发送成功"}, {"code", 200}});
    }
  }
  SECTION("a null answer without errors is a bad response") {
    Harness harness;
    int op = harness.call("sendEmail", {"alice@example.com", "RESET_PASSWORD"});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, graphql("sendEmail", nullptr));
    CHECK(rejected(harness.run(), op).error.code == "BAD_RESPONSE");
  }
  SECTION("an unknown scene is refused, and the message names the argument only") {
    Harness harness;
    int op = harness.call("sendEmail", {"alice@example.com", "PROMOTION"});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Argument);
    CHECK(error.message.find("scene") != std::string::npos);
    CHECK(error.message.find("PROMOTION") == std::string::npos);
  }
}

TEST_CASE("customData and context go out as v4's JSON text", "[logins][options]") {
  Harness harness;
  json options = {{"customData", {{"zeta", 1}, {"alpha", {{"nested", true}}}, {"list", {1, 2}}}},
                  {"params", {{{"key", "ignored"}, {"value", 0}}}},
                  {"context", {{"source", "wxapp"}, {"n", 2}}}};
  harness.call("loginByUsername", {"alice", kPassword, options});
  json input = body_of(only<action::Http>(harness.run()))["variables"]["input"];
  // customData wins over the deprecated params, keys in the caller's order.
  CHECK(input["params"] ==
        R"([{"key":"zeta","value":1},{"key":"alpha","value":{"nested":true}},{"key":"list","value":[1,2]}])");
  CHECK(input["context"] == R"({"source":"wxapp","n":2})");

  SECTION("empty objects are sent as v4 sends them") {
    harness.call("loginByUsername",
                 {"bob", kPassword, {{"customData", json::object()}, {"context", json::object()}}});
    json empty = body_of(only<action::Http>(harness.run()))["variables"]["input"];
    CHECK(empty["params"] == "[]");
    CHECK(empty["context"] == "{}");
  }
}

TEST_CASE("A caller cannot stand in for what encrypts the password", "[logins][password][secrets]") {
  json options = default_options();
  options["encryptFunction"] = true;
  const std::vector<std::pair<std::string, json>> supplied{
      {"$publicKey", 5}, {"$random:password", {"x"}}, {"$encrypted:password", kPassword}};
  for (const auto& [key, value] : supplied) {
    DYNAMIC_SECTION(key) {
      Harness harness(options);
      int op = harness.start("loginByEmail",
                             {{"email", "alice@example.com"}, {"password", kPassword}, {key, value}});
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      CHECK(of_kind<action::Need>(actions).empty());
      CHECK(rejected(actions, op).error.kind == ErrorKind::Argument);
    }
  }
}
