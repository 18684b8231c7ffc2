// How every shape of answer is read, from tests/fixtures/responses.json (the
// node suite serves the same answers over HTTP from the dev server).
#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kSessionToken = token_for("u-fixture-1", kStartMs / 1000, 1209600);

json fixture_vars() {
  return {{"code", "code-1"}, {"iv", "aXY="}, {"encryptedData", "ZW5j"}, {"sessionToken", kSessionToken}};
}

}  // namespace

TEST_CASE("Each answer shape settles the call as documented", "[responses][errors]") {
  json fixture = load_fixture("responses.json");
  for (const json& raw : fixture["cases"]) {
    json row = substitute(raw, fixture_vars());
    DYNAMIC_SECTION(row["name"].get<std::string>()) {
      Harness harness;
      if (row["loggedIn"].get<bool>()) harness.store_session(kSessionToken, json{{"id", "u-fixture-1"}});
      int op = harness.call(row["op"], row["call"]);
      auto http = only<action::Http>(harness.run());

      const json& response = row["response"];
      std::string body = fixture_body(response);
      harness.answer_http(http.id, response["status"], body, response.value("headers", json::object()));
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());  // nothing is retried for these answers
      check_expectation(harness, actions, op, row["expect"], body);
    }
  }
}

TEST_CASE("Messages of the SDK's own errors follow lang", "[responses][lang]") {
  json options = default_options();
  options["lang"] = "en-US";
  Harness harness(options);
  int op = harness.start("updateProfile", {{"updates", {{"nickname", "Bob"}}}});
  auto error = rejected(harness.run(), op).error;
  CHECK(error.code == 2020);
  CHECK(error.kind == authing::ErrorKind::Session);
  CHECK(error.message == "Please log in first");
}
