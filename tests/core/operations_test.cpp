// Every operation's request, from tests/fixtures/operations.json (the node
// suite checks the same cases against what the dev server receives).
#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using namespace authing::test;

namespace {

const std::string kSessionToken = token_for("u-fixture-1", kStartMs / 1000, 1209600);

json fixture_vars() {
  return {{"userId", "u-fixture-1"}, {"appId", "app-1"},
          {"code", "code-1"},        {"iv", "aXY="},
          {"encryptedData", "ZW5j"}, {"otherToken", "other.token.x"}};
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

}  // namespace

TEST_CASE("Each operation sends the documented request", "[operations][wire]") {
  json fixture = load_fixture("operations.json");
  for (const json& raw : fixture["cases"]) {
    json row = substitute(raw, fixture_vars());
    DYNAMIC_SECTION(row["name"].get<std::string>()) {
      Harness harness;
      if (row["loggedIn"].get<bool>()) harness.store_session(kSessionToken, json{{"id", "u-fixture-1"}});
      harness.start(row["op"], row["args"]);
      auto http = only(harness.run(), "http");
      const json& request = http["request"];
      const json& expected = row["request"];

      CHECK(request["method"] == expected["method"]);
      auto [path, query] = path_and_query(request["url"]);
      CHECK(path == expected["path"]);
      if (expected.contains("query")) CHECK(query == expected["query"]);
      CHECK(request["headers"].contains("Authorization") == expected["authorization"].get<bool>());
      if (expected["authorization"].get<bool>())
        CHECK(request["headers"]["Authorization"] == "Bearer " + kSessionToken);
      CHECK(request["timeoutMs"] == 10000);

      if (expected.contains("body")) {
        CHECK(*authing::parse_json(request["body"].get<std::string>()) == expected["body"]);
      } else if (expected.contains("graphql")) {
        json body = *authing::parse_json(request["body"].get<std::string>());
        std::string query_text = body["query"];
        std::string operation = expected["graphql"]["operation"];
        CHECK(query_text.find(operation + "(") != std::string::npos);
        CHECK(body["variables"] == expected["graphql"]["variables"]);
      } else {
        CHECK_FALSE(request.contains("body"));
      }
    }
  }
}

TEST_CASE("User documents select v4's user fields, never the password", "[operations][graphql]") {
  Harness harness;
  harness.store_session(kSessionToken);
  harness.start("getCurrentUser");
  json body = *authing::parse_json(only(harness.run(), "http")["request"]["body"].get<std::string>());
  std::string query = body["query"];
  for (const char* field :
       {" id ", " token ", " tokenExpiredAt ", " nickname ", " photo ", " externalId ",
        "identities { openid userIdInIdp userId connectionId isSocial provider userPoolId }"}) {
    CHECK(query.find(field) != std::string::npos);
  }
  CHECK(query.find("password") == std::string::npos);
}

TEST_CASE("Bad arguments are refused before anything is sent", "[operations][arguments]") {
  struct Row {
    std::string op;
    json args;
    bool logged_in;
  };
  const Row rows[] = {
      {"loginByCode", {{"code", 42}}, false},
      {"loginByCode", {{"code", ""}}, false},
      {"loginByCode", {{"code", "c"}, {"options", "iv"}}, false},
      {"loginByCode", {{"code", "c"}, {"options", {{"iv", 1}}}}, false},
      {"loginByPhone", {{"code", "c"}, {"iv", "i"}}, false},
      {"getPhone", {{"code", "c"}, {"encryptedData", "e"}}, false},
      {"updateProfile", json::object(), true},
      {"updateProfile", {{"updates", "nickname=Bob"}}, true},
      {"checkLoginStatus", {{"token", 5}}, false},
      {"loginByCode", {{"code", "c\r\nx-evil: 1"}}, false},
      {"loginByPhone", {{"code", "c"}, {"iv", "i\n"}, {"encryptedData", "e"}}, false},
      {"getPhone", {{"code", "c"}, {"iv", "i"}, {"encryptedData", std::string("e\0x", 3)}}, false},
      {"checkLoginStatus", {{"token", "a.b.c\u007f"}}, false},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.op << " " << row.args.dump()) {
      Harness harness;
      if (row.logged_in) harness.store_session(kSessionToken);
      int op = harness.start(row.op, row.args);
      auto actions = harness.run();
      CHECK(of_kind(actions, "http").empty());
      json reject = settlement(actions, op);
      REQUIRE(reject["kind"] == "reject");
      CHECK(reject["error"]["kind"] == "argument");
      CHECK(reject["error"]["code"] == "INVALID_ARGUMENT");
    }
  }
}

TEST_CASE("The operation table is what the shim builds methods from", "[operations][table]") {
  json table = *authing::parse_json(authing::Core::operations());
  REQUIRE(table.is_array());
  std::vector<std::string> names;
  for (const json& entry : table) names.push_back(entry["name"]);
  CHECK(names == std::vector<std::string>{"loginByCode", "loginByPhone", "getPhone", "updateProfile",
                                          "getCurrentUser", "checkLoginStatus", "refreshToken", "logout"});
  CHECK(table[1]["args"] == json{"code", "iv", "encryptedData"});
  CHECK(table[3]["login"] == true);
  CHECK(table[0]["login"] == false);
}
