// Passwords, phone and email binding, linked accounts: what the fixture
// cannot say (tests/fixtures/operations/account.json holds their requests):
// which passwords travel encrypted and how, what each answer does to the
// stored user, and that no error quotes a password or a token.
#include <catch2/catch.hpp>

#include "harness.h"

using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kToken = token_for("u-1", kStartMs / 1000 - 3600, 1209600);
// As the SDK itself stores a user: with the session's token.
const json kStoredUser = {{"id", "u-1"},
                          {"nickname", "Bob"},
                          {"phone", "13800000000"},
                          {"email", "a@example.com"},
                          {"token", kToken}};

json graphql(const std::string& field, const json& value) { return {{"data", {{field, value}}}}; }

json graphql_error(const std::string& field, int code) {
  return {{"errors",
           {{{"message", {{"code", code}, {"message", "refused"}, {"data", nullptr}}}, {"path", {field}}}}},
          {"data", {{field, nullptr}}}};
}

// The user as the server answers it: with secrets, and the token it last
// issued to this user (not necessarily this device's).
json server_user(json fields) {
  json user = {{"id", "u-1"}, {"password", "$2b$10$hash"}, {"salt", "f00d"}, {"token", "server.side.token"}};
  user.update(fields);
  return user;
}

std::vector<action::StorageSet> user_writes(const Harness& harness) {
  std::vector<action::StorageSet> out;
  for (const auto& set : of_kind<action::StorageSet>(harness.storage_log)) {
    if (set.key == "_authing_user") out.push_back(set);
  }
  return out;
}

json link_options(const std::string& primary, const std::string& secondary) {
  return {{"primaryUserToken", primary}, {"secondaryUserToken", secondary}};
}

// A harness with a session of u-1 (token and stored user), read and ready.
struct LoggedIn {
  Harness harness;
  LoggedIn() { harness.store_session(kToken, kStoredUser); }
};

}  // namespace

TEST_CASE("checkPasswordStrength asks about the password's text and changes nothing", "[account][password]") {
  Harness harness;
  int op = harness.call("checkPasswordStrength", {"passw0rd"});
  auto http = only<action::Http>(harness.run());

  SECTION("the text is the variable, as v4 sends it, and no key is fetched for it") {
    CHECK(body_of(http)["variables"] == json{{"password", "passw0rd"}});
    CHECK(body_of(http)["query"].get<std::string>().find("{ valid message }") != std::string::npos);
  }
  SECTION("the answer is the result as it came, and nothing is stored") {
    json strength = {{"valid", false}, {"message", "too short"}};
    harness.answer_json(http.id, 200, graphql("checkPasswordStrength", strength));
    CHECK(result_of(harness.run(), op) == strength);
    CHECK(of_kind<action::StorageSet>(harness.storage_log).empty());
  }
  SECTION("an answer that is not an object is a bad response") {
    harness.answer_json(http.id, 200, graphql("checkPasswordStrength", true));
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Http);
    CHECK(error.code == "BAD_RESPONSE");
  }
}

TEST_CASE("A password reset sends the new password encrypted, with or without a session",
          "[account][password]") {
  for (const auto& [name, account] : {std::pair{"resetPasswordByPhoneCode", "13800000000"},
                                      std::pair{"resetPasswordByEmailCode", "a@example.com"}}) {
    DYNAMIC_SECTION(name) {
      Harness harness;
      int op = harness.call(name, {account, "123456", "n3wPassw0rd"});
      auto http = only<action::Http>(harness.run());
      CHECK(http.request.body->find("n3wPassw0rd") == std::string::npos);
      CHECK(decrypt_password(body_of(http)["variables"]["newPassword"]) == "n3wPassw0rd");
      CHECK_FALSE(http.request.carries_token());

      harness.answer_json(http.id, 200,
                          graphql("resetPassword", {{"code", 200}, {"message", "重置密码成功"}}));
      CHECK(result_of(harness.run(), op) == json{{"code", 200}, {"message", "重置密码成功"}});
      CHECK(harness.storage.count("_authing_token") == 0);
    }
  }
  SECTION("a password too long for the key is refused without quoting it") {
    Harness harness;
    std::string long_password(300, 'p');
    int op = harness.call("resetPasswordByEmailCode", {"a@example.com", "123456", long_password});
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    auto error = rejected(actions, op).error;
    CHECK(error.code == "ENCRYPT_FAILED");
    CHECK(error.to_json().dump().find(long_password) == std::string::npos);
  }
  SECTION("a refused phone is found before the key's random bytes are asked for") {
    Harness harness;
    harness.supply_random = false;
    int op = harness.call("resetPasswordByPhoneCode", {"", "123456", "n3wPassw0rd"});
    auto actions = harness.run();
    CHECK(of_kind<action::Need>(actions).empty());
    auto error = rejected(actions, op).error;
    CHECK(error.kind == ErrorKind::Argument);
    CHECK(error.message.find("phone") != std::string::npos);
  }
}

TEST_CASE("updatePassword encrypts each password, and leaves the stored user as v4 does",
          "[account][password][session]") {
  LoggedIn logged_in;
  Harness& harness = logged_in.harness;

  SECTION("both passwords travel encrypted, the old one only when given") {
    harness.call("updatePassword", {"n3wPassw0rd", "oldPassw0rd"});
    auto http = only<action::Http>(harness.run());
    CHECK(http.request.body->find("Passw0rd") == std::string::npos);
    json variables = body_of(http)["variables"];
    CHECK(decrypt_password(variables["newPassword"]) == "n3wPassw0rd");
    CHECK(decrypt_password(variables["oldPassword"]) == "oldPassw0rd");
    CHECK(request_token(http) == kToken);
  }
  SECTION("the client's own encryptFunction gets each password once, the new one first") {
    json options = default_options();
    options["encryptFunction"] = true;
    Harness custom(options);
    custom.store_session(kToken, kStoredUser);
    custom.call("updatePassword", {"n3wPassw0rd", "oldPassw0rd"});
    std::vector<std::string> handed;
    for (int round = 0; round < 2; ++round) {
      auto need = only<action::Need>(custom.run());
      CHECK(need.need == "encrypt");
      handed.push_back(need.params["plainText"]);
      custom.answer(need.id, {{"value", "cipher-" + std::to_string(round)}});
    }
    CHECK(handed == std::vector<std::string>{"n3wPassw0rd", "oldPassw0rd"});
    auto http = only<action::Http>(custom.run());
    CHECK(body_of(http)["variables"] == json{{"newPassword", "cipher-0"}, {"oldPassword", "cipher-1"}});
  }
  SECTION("the answer's user is the result, without secrets; storage keeps the user it had") {
    int op = harness.call("updatePassword", {"n3wPassw0rd"});
    auto http = only<action::Http>(harness.run());
    auto writes_before = user_writes(harness).size();
    harness.answer_json(
        http.id, 200,
        graphql("updatePassword", server_user({{"nickname", "Bob"}, {"updatedAt", "2024-01-01"}})));
    json user = result_of(harness.run(), op);
    CHECK(user["id"] == "u-1");
    CHECK_FALSE(user.contains("password"));
    CHECK_FALSE(user.contains("salt"));
    CHECK(user_writes(harness).size() == writes_before);
    CHECK(harness.storage["_authing_user"] == kStoredUser);
    CHECK(harness.storage["_authing_token"] == kToken);
  }
  SECTION("an old password of the wrong type is refused before the key is used") {
    harness.supply_random = false;
    int op = harness.call("updatePassword", {"n3wPassw0rd", 42});
    auto actions = harness.run();
    CHECK(of_kind<action::Need>(actions).empty());
    CHECK(rejected(actions, op).error.message.find("oldPassword") != std::string::npos);
  }
  SECTION("an answer without a user is a bad response, and storage is untouched") {
    int op = harness.call("updatePassword", {"n3wPassw0rd"});
    auto http = only<action::Http>(harness.run());
    harness.answer_json(http.id, 200, graphql("updatePassword", nullptr));
    CHECK(rejected(harness.run(), op).error.code == "BAD_RESPONSE");
    CHECK(harness.storage["_authing_user"] == kStoredUser);
  }
}

TEST_CASE("Phone and email changes store the answer's user, and keep the session's token",
          "[account][binding][session]") {
  struct Row {
    const char* op;
    json call;
    const char* field;
    json value;
  };
  const Row rows[] = {
      // v4 leaves the old phone or email stored after these two; here the stored user stays true.
      {"updatePhone", {"13900000000", "123456"}, "phone", "13900000000"},
      {"updateEmail", {"b@example.com", "123456"}, "email", "b@example.com"},
      {"bindPhone", {"13900000000", "123456"}, "phone", "13900000000"},
      {"bindEmail", {"b@example.com", "123456"}, "email", "b@example.com"},
      {"unbindPhone", json::array(), "phone", nullptr},
      {"unbindEmail", json::array(), "email", nullptr},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.op << " with its answer") {
      LoggedIn logged_in;
      Harness& harness = logged_in.harness;
      int op = harness.call(row.op, row.call);
      auto http = only<action::Http>(harness.run());
      CHECK(request_token(http) == kToken);
      harness.answer_json(http.id, 200, graphql(row.op, server_user({{row.field, row.value}})));
      json user = result_of(harness.run(), op);
      CHECK(user[row.field] == row.value);
      CHECK_FALSE(user.contains("password"));
      json stored = harness.storage["_authing_user"];
      CHECK(stored[row.field] == row.value);
      CHECK(stored["nickname"] == nullptr);  // the answer's user replaces the stored one
      CHECK(stored["token"] == kToken);
      CHECK_FALSE(stored.contains("password"));
      CHECK_FALSE(stored.contains("salt"));
      CHECK(harness.storage["_authing_token"] == kToken);
    }
    DYNAMIC_SECTION(row.op << " refused by the server") {
      LoggedIn logged_in;
      Harness& harness = logged_in.harness;
      int op = harness.call(row.op, row.call);
      auto http = only<action::Http>(harness.run());
      harness.answer_json(http.id, 200, graphql_error(row.op, 2300));
      auto error = rejected(harness.run(), op).error;
      CHECK(error.kind == ErrorKind::Api);
      CHECK(error.code == 2300);
      CHECK(harness.storage["_authing_user"] == kStoredUser);
      CHECK(harness.storage["_authing_token"] == kToken);
    }
  }
}

TEST_CASE("linkAccount and unLinkAccount name accounts by token, never quote one, and keep the session",
          "[account][link]") {
  const std::string primary = token_for("u-main", kStartMs / 1000, 1209600);
  const std::string secondary = token_for("u-social", kStartMs / 1000, 1209600);

  SECTION("with a session, its token goes along and the session is left as it was") {
    LoggedIn logged_in;
    Harness& harness = logged_in.harness;
    int op = harness.call("linkAccount", json::array({link_options(primary, secondary)}));
    auto http = only<action::Http>(harness.run());
    CHECK(request_token(http) == kToken);
    CHECK(body_of(http) == link_options(primary, secondary));
    auto writes_before = harness.storage_log.size();
    harness.answer_json(http.id, 200, {{"code", 200}, {"message", "ok"}, {"data", {{"id", "u-main"}}}});
    CHECK(result_of(harness.run(), op) == json{{"code", 200}, {"message", "绑定成功"}});
    CHECK(harness.storage_log.size() == writes_before);
    CHECK(harness.storage["_authing_token"] == kToken);
  }
  SECTION("unLinkAccount resolves v4's own message too") {
    Harness harness;
    int op = harness.call("unLinkAccount",
                          json::array({json{{"primaryUserToken", primary}, {"provider", "wechat:pc"}}}));
    auto http = only<action::Http>(harness.run());
    harness.answer_json(http.id, 200, {{"code", 200}, {"message", "ok"}});
    CHECK(result_of(harness.run(), op) == json{{"code", 200}, {"message", "解绑成功"}});
  }
  SECTION("a token argument that is no token is refused by name, its text never quoted") {
    const std::string bad = "Bearer " + primary;
    const std::string too_long(20000, 'a');
    for (const json& options : {link_options(bad, secondary), link_options(primary, too_long)}) {
      Harness harness;
      int op = harness.call("linkAccount", json::array({options}));
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      auto error = rejected(actions, op).error;
      CHECK(error.kind == ErrorKind::Argument);
      CHECK(error.message.find("UserToken") != std::string::npos);
      std::string text = error.to_json().dump();
      CHECK(text.find(primary) == std::string::npos);
      CHECK(text.find(too_long) == std::string::npos);
    }
  }
  SECTION("a server refusal rejects with its code, and the error carries neither token") {
    Harness harness;
    int op = harness.call("linkAccount", json::array({link_options(primary, secondary)}));
    auto http = only<action::Http>(harness.run());
    harness.answer_json(http.id, 200, {{"code", 2231}, {"message", "不能绑定同一个账号"}});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Api);
    CHECK(error.code == 2231);
    std::string text = error.to_json().dump();
    CHECK(text.find(primary) == std::string::npos);
    CHECK(text.find(secondary) == std::string::npos);
  }
}
