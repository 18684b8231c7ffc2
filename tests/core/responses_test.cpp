// How every shape of answer is read, from tests/fixtures/responses.json (the
// node suite serves the same answers over HTTP from the dev server).
#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using namespace authing::test;

namespace {

const std::string kSessionToken = token_for("u-fixture-1", kStartMs / 1000, 1209600);

json fixture_vars() {
  return {{"code", "code-1"}, {"iv", "aXY="}, {"encryptedData", "ZW5j"}, {"sessionToken", kSessionToken}};
}

// Every member of `expected` is in `actual` with the same value (recursively).
bool has_subset(const json& actual, const json& expected) {
  if (!expected.is_object()) return actual == expected;
  if (!actual.is_object()) return false;
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    if (!actual.contains(it.key()) || !has_subset(actual[it.key()], it.value())) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Each answer shape settles the call as documented", "[responses][errors]") {
  json fixture = load_fixture("responses.json");
  for (const json& raw : fixture["cases"]) {
    json row = substitute(raw, fixture_vars());
    DYNAMIC_SECTION(row["name"].get<std::string>()) {
      Harness harness;
      if (row["loggedIn"].get<bool>()) harness.store_session(kSessionToken, json{{"id", "u-fixture-1"}});
      int op = harness.start(row["op"], row["args"]);
      json http = only(harness.run(), "http");

      const json& response = row["response"];
      std::string body = fixture_body(response);
      harness.answer_http(http["id"], response["status"], body, response.value("headers", json::object()));
      auto actions = harness.run();
      CHECK(of_kind(actions, "http").empty());  // nothing is retried for these answers
      json settled = settlement(actions, op);
      INFO("settled: " << settled.dump());

      const json& expect = row["expect"];
      REQUIRE(settled["kind"] == expect["outcome"]);
      if (expect["outcome"] == "reject") {
        CHECK(has_subset(settled["error"], expect["error"]));
        CHECK_FALSE(settled["error"]["message"].get<std::string>().empty());
      } else {
        if (expect.contains("result")) CHECK(has_subset(settled["result"], expect["result"]));
        if (expect.value("resultIs", "") == "null") CHECK(settled["result"].is_null());
        if (expect.value("resultIs", "") == "undefined") CHECK_FALSE(settled.contains("result"));
        for (const json& key : expect.value("absent", json::array()))
          CHECK_FALSE(settled["result"].contains(key));
      }

      bool logged_in_after = harness.storage.count("_authing_token") > 0;
      CHECK(logged_in_after == expect["loggedInAfter"].get<bool>());
      if (expect.contains("tokenAfter")) CHECK(harness.storage["_authing_token"] == expect["tokenAfter"]);
      if (logged_in_after && harness.storage.count("_authing_user")) {
        CHECK_FALSE(harness.storage["_authing_user"].contains("password"));
        CHECK_FALSE(harness.storage["_authing_user"].contains("salt"));
      }
    }
  }
}

TEST_CASE("Messages of the SDK's own errors follow lang", "[responses][lang]") {
  json options = default_options();
  options["lang"] = "en-US";
  Harness harness(options);
  int op = harness.start("updateProfile", {{"updates", {{"nickname", "Bob"}}}});
  json reject = settlement(harness.run(), op);
  CHECK(reject["error"]["code"] == 2020);
  CHECK(reject["error"]["kind"] == "session");
  CHECK(reject["error"]["message"] == "Please log in first");
}
