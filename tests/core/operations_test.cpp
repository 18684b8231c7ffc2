// Every operation's request, and where the fixture gives one, how its answer
// settles the call: tests/fixtures/operations/ (the node suite checks the
// same cases against what the dev server receives and answers).
#include <catch2/catch.hpp>

#include "authing/user_fields.h"
#include "harness.h"

using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kSessionToken = token_for("u-fixture-1", kStartMs / 1000, 1209600);

json fixture_vars() {
  return {{"userId", "u-fixture-1"}, {"appId", "app-1"},
          {"code", "code-1"},        {"iv", "aXY="},
          {"encryptedData", "ZW5j"}, {"otherToken", "other.token.x"},
          {"phoneCode", "phone-code-1"}};
}

// Splits "https://host/path?a=b" into path and query object.
std::pair<std::string, json> path_and_query(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  rest = rest.substr(rest.find('/'));
  auto question = rest.find('?');
  json query = json::object();
  if (question != std::string::npos) {
    std::string pairs = rest.substr(question + 1);
    size_t start = 0;
    while (start <= pairs.size()) {
      size_t amp = pairs.find('&', start);
      std::string pair = pairs.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      auto eq = pair.find('=');
      query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
  }
  return {rest.substr(0, question), query};
}

// `actual` with each value that `expected` gives as "rsa:<text>" decrypted
// into that form, so that a password sent encrypted compares as its text.
json with_passwords_decrypted(json actual, const json& expected) {
  if (expected.is_string() && expected.get<std::string>().rfind("rsa:", 0) == 0 && actual.is_string()) {
    return "rsa:" + decrypt_password(actual.get<std::string>());
  }
  if (expected.is_object() && actual.is_object()) {
    for (auto& [key, value] : expected.items()) {
      if (actual.contains(key)) actual[key] = with_passwords_decrypted(actual[key], value);
    }
  }
  return actual;
}

// Runs the harness, answering the needs the case's `needs` gives values for
// (by kind), as a driver would; returns what remains.
std::vector<authing::Action> supply_needs(Harness& harness, const json& row) {
  for (;;) {
    std::vector<authing::Action> actions = harness.run();
    const action::Need* need = actions.size() == 1 ? std::get_if<action::Need>(&actions[0]) : nullptr;
    if (need == nullptr || !row.contains("needs") || !row["needs"].contains(need->need)) return actions;
    harness.answer(need->id, {{"value", row["needs"][need->need]}});
  }
}

}  // namespace

TEST_CASE("Each operation sends the documented request, and settles as its answer says",
          "[operations][wire]") {
  for (const json& raw : load_operation_cases()) {
    json row = substitute(raw, fixture_vars());
    DYNAMIC_SECTION(row["name"].get<std::string>()) {
      // A case's `options` are client options over the default ones.
      json options = default_options();
      if (row.contains("options")) options.update(row["options"]);
      Harness harness(options);
      if (row["loggedIn"].get<bool>()) harness.store_session(kSessionToken, json{{"id", "u-fixture-1"}});
      int op = harness.call(row["op"], row["call"]);
      if (row["request"].is_null()) {
        auto actions = harness.run();
        CHECK(of_kind<action::Http>(actions).empty());
        check_expectation(harness, actions, op, row["expect"]);
        return;
      }
      auto http = only<action::Http>(supply_needs(harness, row));
      const authing::HttpRequest& request = http.request;
      const json& expected = row["request"];

      CHECK(request.method == expected["method"]);
      auto [path, query] = path_and_query(request.url);
      CHECK(path == expected["path"]);
      if (expected.contains("query")) CHECK(query == expected["query"]);
      CHECK(request.carries_token() == expected["authorization"].get<bool>());
      if (expected["authorization"].get<bool>())
        CHECK(header(request, "Authorization") == "Bearer " + kSessionToken);
      CHECK(request.timeout_ms == 10000);

      if (expected.contains("body")) {
        CHECK(with_passwords_decrypted(body_of(http), expected["body"]) == expected["body"]);
      } else if (expected.contains("graphql")) {
        json body = body_of(http);
        std::string operation = expected["graphql"]["operation"];
        std::string query = body["query"];
        // A field without arguments (unbindPhone) is followed by its selection.
        CHECK((query.find(operation + "(") != std::string::npos ||
               query.find(operation + " {") != std::string::npos));
        const json& variables = expected["graphql"]["variables"];
        CHECK(with_passwords_decrypted(body["variables"], variables) == variables);
      } else {
        CHECK_FALSE(request.body.has_value());
      }

      if (row.contains("answer")) {
        const json& answer = row["answer"];
        harness.answer_http(http.id, answer["status"], fixture_body(answer));
        auto actions = harness.run();
        CHECK(of_kind<action::Http>(actions).empty());
        check_expectation(harness, actions, op, row["expect"]);
      }
    }
  }
}

TEST_CASE("Every operation in the table has its request and an answer in the fixture, or settles locally",
          "[operations][table]") {
  json cases = load_operation_cases();
  for (const authing::OperationSpec* spec : authing::operation_table()) {
    DYNAMIC_SECTION(spec->name) {
      bool request = false;
      bool answer = false;
      bool local = false;  // settles without the network: resolves, or is unsupported in a mini program
      for (const json& row : cases) {
        if (row["op"] != spec->name) continue;
        request = request || !row["request"].is_null();
        answer = answer || row.contains("answer");
        if (row["request"].is_null() && row.contains("expect")) {
          const json& expect = row["expect"];
          local = local || expect["outcome"] == "resolve" ||
                  (expect.contains("error") && expect["error"].value("kind", "") == "unsupported");
        }
      }
      CHECK(((request && answer) || local));
    }
  }
}

TEST_CASE("User documents select the user's fields, never the password", "[operations][graphql]") {
  Harness harness;
  harness.store_session(kSessionToken);
  harness.start("getCurrentUser");
  std::string query = body_of(only<action::Http>(harness.run()))["query"];
  for (std::string_view field : authing::kUserFields) {
    CHECK(query.find(" " + std::string(field) + " ") != std::string::npos);
  }
  CHECK(query.find("identities { openid userIdInIdp userId connectionId isSocial provider userPoolId }") !=
        std::string::npos);
  CHECK(query.find("password") == std::string::npos);
}

TEST_CASE("The operation table is what the shim builds methods from", "[operations][table]") {
  json table = json::parse(authing::Core::operations());
  REQUIRE(table.is_array());
  for (const json& entry : table) {
    DYNAMIC_SECTION(entry["name"].get<std::string>()) {
      CHECK(entry["args"].is_array());
      CHECK(entry["login"].is_boolean());
    }
  }
  auto entry = [&](const std::string& name) {
    for (const json& row : table) {
      if (row["name"] == name) return row;
    }
    FAIL("no " << name);
    return json();
  };
  CHECK(entry("loginByPhone")["args"] == json{"code", "iv", "encryptedData"});
  CHECK(entry("updateProfile")["login"] == true);
  CHECK(entry("loginByCode")["login"] == false);
}
