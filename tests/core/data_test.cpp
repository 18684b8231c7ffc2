// Custom data, authorization and account: what the fixtures cannot say. How
// each custom data value is converted and which paths become dates, v4's
// stripping of empty resource members, role checks, and the answers these
// methods refuse.
#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const std::string kToken = token_for("u-data-1", kStartMs / 1000, 1209600);

// A logged-in harness.
struct LoggedIn : Harness {
  LoggedIn() { store_session(kToken, json{{"id", "u-data-1"}}); }
};

// Calls `op`, answers its one request with `body` (HTTP 200), and returns the
// actions that settled it.
std::vector<authing::Action> answered(Harness& harness, int op, const json& body) {
  auto http = only<action::Http>(harness.run());
  harness.answer_json(http.id, 200, body);
  auto actions = harness.run();
  REQUIRE(settled(actions, op));
  return actions;
}

json graphql_data(const std::string& field, const json& value) { return {{"data", {{field, value}}}}; }
json envelope(const json& data) { return {{"code", 200}, {"message", "ok"}, {"data", data}}; }

json udv(const std::string& key, const std::string& type, const json& value) {
  return {{"key", key}, {"dataType", type}, {"value", value}, {"label", nullptr}};
}

void check_bad_response(const std::vector<authing::Action>& actions, int op) {
  authing::Error error = rejected(actions, op).error;
  CHECK(error.kind == authing::ErrorKind::Http);
  CHECK(error.code == "BAD_RESPONSE");
}

}  // namespace

TEST_CASE("Custom data values are converted as v4's convertUdv converts them", "[data][udv]") {
  struct Row {
    std::string data_type;
    json sent;
    json received;
    bool date;
  };
  const std::vector<Row> rows{
      {"STRING", "42", "42", false},
      {"STRING", "{\"a\":1}", "{\"a\":1}", false},
      {"NUMBER", "42", 42, false},
      {"NUMBER", "-1.5", -1.5, false},
      {"BOOLEAN", "false", false, false},
      {"BOOLEAN", "true", true, false},
      {"OBJECT", "{\"a\":[1,{\"b\":null}]}", json{{"a", json::array({1, json{{"b", nullptr}}})}}, false},
      {"OBJECT", "[1,2]", json::array({1, 2}), false},
      // What does not parse stays text (v4's JSON.parse threw).
      {"NUMBER", "forty-two", "forty-two", false},
      {"BOOLEAN", "", "", false},
      {"OBJECT", "{\"a\":", "{\"a\":", false},
      // Already typed, or null: as it came (JSON.parse of those gives them back).
      {"NUMBER", 7, 7, false},
      {"OBJECT", nullptr, nullptr, false},
      // Milliseconds since the epoch as text: a number whose path is a date.
      {"DATETIME", "1700000000000", 1700000000000LL, true},
      {"DATETIME", "0", 0, true},
      {"DATETIME", "-86400000", -86400000LL, true},
      {"DATETIME", 1700000000000LL, 1700000000000LL, true},
      // v4's parseInt made these the year 2023 in ms, or 12 ms: here they stay text.
      {"DATETIME", "2023-11-14T22:13:20.000Z", "2023-11-14T22:13:20.000Z", false},
      {"DATETIME", "12abc", "12abc", false},
      {"DATETIME", " 1700000000000", " 1700000000000", false},
      {"DATETIME", "", "", false},
      {"DATETIME", nullptr, nullptr, false},
      // Past what a Date can hold.
      {"DATETIME", "8640000000000001", "8640000000000001", false},
      {"DATETIME", "99999999999999999999", "99999999999999999999", false},
      {"ENUM", "1", "1", false},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.data_type << " " << row.sent.dump() << " arrives as " << row.received.dump()) {
      LoggedIn harness;
      int op = harness.call("listUdv", json::array());
      auto actions =
          answered(harness, op, graphql_data("udv", json::array({udv("k", row.data_type, row.sent)})));
      json result = result_of(actions, op);
      REQUIRE(result.is_array());
      CHECK(result[0]["value"] == row.received);
      CHECK(result[0]["key"] == "k");
      CHECK(result[0]["dataType"] == row.data_type);
      json dates = resolved(actions, op).dates;
      if (row.date) {
        CHECK(dates == json::array({json::array({0, "value"})}));
      } else {
        CHECK(dates.is_null());
      }
    }
  }
}

TEST_CASE("Dates are listed by their paths in the result", "[data][udv][dates]") {
  const json list = json::array({udv("school", "STRING", "清华"), udv("born", "DATETIME", "946684800000"),
                                 udv("age", "NUMBER", "24"), udv("joined", "DATETIME", "1700000000000")});

  SECTION("listUdv, setUdv and removeUdv: the index of each date entry, then value") {
    for (const auto& [op_name, field, call] : std::vector<std::tuple<std::string, std::string, json>>{
             {"listUdv", "udv", json::array()},
             {"setUdv", "setUdv", json::array({"age", 24})},
             {"removeUdv", "removeUdv", json::array({"x"})}}) {
      INFO(op_name);
      LoggedIn harness;
      int op = harness.call(op_name, call);
      auto actions = answered(harness, op, graphql_data(field, list));
      json result = result_of(actions, op);
      CHECK(result[1]["value"] == 946684800000LL);
      CHECK(result[3]["value"] == 1700000000000LL);
      CHECK(resolved(actions, op).dates == json::parse(R"([[1, "value"], [3, "value"]])"));
    }
  }
  SECTION("getUdfValue: the key of each date") {
    LoggedIn harness;
    int op = harness.call("getUdfValue", json::array());
    auto actions = answered(harness, op, graphql_data("udv", list));
    CHECK(result_of(actions, op) ==
          json{{"school", "清华"}, {"born", 946684800000LL}, {"age", 24}, {"joined", 1700000000000LL}});
    CHECK(resolved(actions, op).dates == json::parse(R"([["born"], ["joined"]])"));
  }
  SECTION("getUdfValue: a key listed twice takes its last value, a date only when that one is") {
    LoggedIn harness;
    int op = harness.call("getUdfValue", json::array());
    auto actions = answered(
        harness, op,
        graphql_data("udv", json::array({udv("k", "DATETIME", "1700000000000"), udv("k", "NUMBER", "5"),
                                         udv("d", "NUMBER", "1"), udv("d", "DATETIME", "0")})));
    CHECK(result_of(actions, op) == json{{"k", 5}, {"d", 0}});
    CHECK(resolved(actions, op).dates == json::parse(R"([["d"]])"));
  }
  SECTION("a list without dates has no date paths") {
    LoggedIn harness;
    int op = harness.call("listUdv", json::array());
    auto actions = answered(harness, op, graphql_data("udv", json::array({udv("a", "STRING", "x")})));
    CHECK(resolved(actions, op).dates.is_null());
  }
}

TEST_CASE("Custom data answers of the wrong shape are refused", "[data][udv][responses]") {
  for (const std::string op_name : {"listUdv", "getUdfValue"}) {
    DYNAMIC_SECTION(op_name << ": udv is not a list") {
      LoggedIn harness;
      int op = harness.call(op_name, json::array());
      check_bad_response(answered(harness, op, graphql_data("udv", json{{"key", "k"}})), op);
    }
    DYNAMIC_SECTION(op_name << ": udv is null") {
      LoggedIn harness;
      int op = harness.call(op_name, json::array());
      check_bad_response(answered(harness, op, graphql_data("udv", nullptr)), op);
    }
    DYNAMIC_SECTION(op_name << ": an entry is not an object") {
      LoggedIn harness;
      int op = harness.call(op_name, json::array());
      check_bad_response(answered(harness, op, graphql_data("udv", json::array({"k"}))), op);
    }
  }
  SECTION("getUdfValue: an entry without a key") {
    LoggedIn harness;
    int op = harness.call("getUdfValue", json::array());
    check_bad_response(answered(harness, op, graphql_data("udv", json::array({json{{"value", "1"}}}))), op);
  }
  SECTION("setUdv: the answer's list is missing") {
    LoggedIn harness;
    int op = harness.call("setUdv", json::array({"k", 1}));
    check_bad_response(answered(harness, op, json{{"data", json::object()}}), op);
  }
}

TEST_CASE("setUdv and setUdfValue send every value as its JSON text", "[data][udv][request]") {
  const std::vector<std::pair<json, std::string>> rows{
      {nullptr, "null"},
      {true, "true"},
      {0, "0"},
      {-2.5, "-2.5"},
      {"清华", "\"清华\""},
      {"line\nbreak", "\"line\\nbreak\""},
      {json::array({1, "a"}), "[1,\"a\"]"},
      {json{{"z", 1}, {"a", json::object()}}, "{\"z\":1,\"a\":{}}"},
  };
  for (const auto& [value, text] : rows) {
    DYNAMIC_SECTION("setUdv " << value.dump()) {
      LoggedIn harness;
      // start, not call: the shim passes a null value on, where call() drops it.
      harness.start("setUdv", json{{"key", "k"}, {"value", value}});
      json variables = body_of(only<action::Http>(harness.run()))["variables"];
      CHECK(variables["value"] == text);
      CHECK(variables["targetId"] == "u-data-1");
    }
    DYNAMIC_SECTION("setUdfValue " << value.dump()) {
      LoggedIn harness;
      harness.call("setUdfValue", json::array({json{{"k", value}}}));
      json variables = body_of(only<action::Http>(harness.run()))["variables"];
      CHECK(variables["udvList"] == json::array({json{{"key", "k"}, {"value", text}}}));
    }
  }
}

TEST_CASE("setUdfValue and removeUdfValue resolve undefined, whatever the list answered", "[data][udv]") {
  for (const auto& [op_name, call, field] : std::vector<std::tuple<std::string, json, std::string>>{
           {"setUdfValue", json::array({json{{"k", 1}}}), "setUdvBatch"},
           {"removeUdfValue", json::array({"k"}), "removeUdv"}}) {
    DYNAMIC_SECTION(op_name) {
      LoggedIn harness;
      int op = harness.call(op_name, call);
      auto actions = answered(harness, op, graphql_data(field, json::array({udv("k", "DATETIME", "0")})));
      CHECK_FALSE(resolved(actions, op).result.has_value());
      CHECK(resolved(actions, op).dates.is_null());
    }
    DYNAMIC_SECTION(op_name << " rejects with the error Authing answers") {
      LoggedIn harness;
      int op = harness.call(op_name, call);
      auto actions = answered(
          harness, op,
          json::parse(
              R"({"errors": [{"message": {"code": 2231, "message": "自定义字段 k 不存在"}}], "data": null})"));
      CHECK(rejected(actions, op).error.code == 2231);
    }
  }
}

TEST_CASE("listAuthorizedResources drops the members of each resource that JavaScript calls falsy",
          "[data][resources]") {
  const json resource = {{"code", "orders"},
                         {"type", ""},
                         {"actions", json::array()},
                         {"zero", 0},
                         {"no", false},
                         {"none", nullptr},
                         {"text", "0"},
                         {"one", 1},
                         {"yes", true},
                         {"object", json::object()}};
  const json answer = graphql_data(
      "user",
      {{"authorizedResources", {{"totalCount", 3}, {"list", json::array({resource, "odd", nullptr})}}}});
  LoggedIn harness;
  int op = harness.call("listAuthorizedResources", json::array({"default"}));
  auto actions = answered(harness, op, answer);
  json result = result_of(actions, op);
  CHECK(result["totalCount"] == 3);
  // Entries that are not objects have no members to drop.
  CHECK(result["list"] == json::array({json{{"code", "orders"},
                                            {"actions", json::array()},
                                            {"text", "0"},
                                            {"one", 1},
                                            {"yes", true},
                                            {"object", json::object()}},
                                       "odd", nullptr}));
  CHECK(result.begin().key() == "list");
}

TEST_CASE("The user's roles and resources are read from user(id)", "[data][roles][resources]") {
  const json role = {{"code", "admin"}, {"namespace", "default"}, {"parent", nullptr}};
  auto roles_answer = [](const json& list) {
    return graphql_data("user", {{"roles", {{"totalCount", list.size()}, {"list", list}}}});
  };

  SECTION("hasRole compares codes exactly") {
    for (const auto& [code, list, expected] : std::vector<std::tuple<std::string, json, bool>>{
             {"admin", json::array({role}), true},
             {"Admin", json::array({role}), false},
             {"admin", json::array(), false},
             {"admin", json::array({json{{"code", "editor"}}, json{{"namespace", "x"}}, role}), true},
         }) {
      INFO(code << " in " << list.dump());
      LoggedIn harness;
      int op = harness.call("hasRole", json::array({code}));
      CHECK(result_of(answered(harness, op, roles_answer(list)), op) == expected);
    }
  }
  SECTION("listRoles answers the roles as they came") {
    LoggedIn harness;
    int op = harness.call("listRoles", json::array());
    auto http = only<action::Http>(harness.run());
    CHECK(body_of(http)["variables"] == json{{"id", "u-data-1"}});
    harness.answer_json(http.id, 200, roles_answer(json::array({role})));
    CHECK(result_of(harness.run(), op) == json{{"totalCount", 1}, {"list", json::array({role})}});
  }
  for (const std::string op_name : {"hasRole", "listRoles", "listAuthorizedResources"}) {
    json call = op_name == "hasRole" ? json::array({"admin"}) : json::array({"default"});
    DYNAMIC_SECTION(op_name << " rejects with 2004 when the user is null, as v4 rejects") {
      LoggedIn harness;
      int op = harness.call(op_name, call);
      authing::Error error = rejected(answered(harness, op, graphql_data("user", nullptr)), op).error;
      CHECK(error.kind == authing::ErrorKind::Api);
      CHECK(error.code == 2004);
      CHECK(error.message == "用户不存在");
      CHECK(error.status_code == 200);
      CHECK(harness.storage.count("_authing_token") == 1);
    }
    DYNAMIC_SECTION(op_name << " refuses a user without the list") {
      LoggedIn harness;
      int op = harness.call(op_name, call);
      check_bad_response(answered(harness, op, graphql_data("user", {{"id", "u-data-1"}})), op);
    }
    DYNAMIC_SECTION(op_name << " refuses a list that is not a list") {
      LoggedIn harness;
      int op = harness.call(op_name, call);
      json user = {{"roles", {{"totalCount", 1}, {"list", "admin"}}},
                   {"authorizedResources", {{"totalCount", 1}, {"list", "orders"}}}};
      check_bad_response(answered(harness, op, graphql_data("user", user)), op);
    }
  }
}

TEST_CASE("The account's REST answers are refused when of the wrong shape", "[data][rest][responses]") {
  for (const auto& [op_name, data] : std::vector<std::pair<std::string, json>>{
           {"getSecurityLevel", json::array()},
           {"getSecurityLevel", nullptr},
           {"listOrgs", json::object()},
           {"listOrgs", nullptr},
           {"listApplications", json::array()},
           {"listApplications", json{{"totalCount", 0}}},
       }) {
    DYNAMIC_SECTION(op_name << " answering " << data.dump()) {
      LoggedIn harness;
      int op = harness.call(op_name, json::array());
      check_bad_response(answered(harness, op, envelope(data)), op);
    }
  }
  SECTION("an Authing error code rejects with it") {
    LoggedIn harness;
    int op = harness.call("getSecurityLevel", json::array());
    auto actions = answered(harness, op, json{{"code", 2001}, {"message", "no"}, {"data", nullptr}});
    CHECK(rejected(actions, op).error.code == 2001);
  }
}

TEST_CASE("listApplications takes pages up to the largest exact JavaScript integer", "[data][applications]") {
  SECTION("9007199254740991 is sent") {
    LoggedIn harness;
    harness.call("listApplications", json::parse(R"([{"page": 9007199254740991, "limit": 1}])"));
    auto http = only<action::Http>(harness.run());
    CHECK(http.request.url.find("?page=9007199254740991&limit=1") != std::string::npos);
  }
  SECTION("a larger page, and null members, are not") {
    LoggedIn harness;
    int op = harness.call("listApplications", json::parse(R"([{"page": 9007199254740993}])"));
    CHECK(rejected(harness.run(), op).error.code == "INVALID_ARGUMENT");
  }
  SECTION("null params and null members take v4's defaults") {
    LoggedIn harness;
    harness.call("listApplications", json::parse(R"([{"page": null, "limit": 5}])"));
    CHECK(only<action::Http>(harness.run()).request.url.find("?page=1&limit=5") != std::string::npos);
    LoggedIn other;
    other.call("listApplications", json::parse("[null]"));
    CHECK(only<action::Http>(other.run()).request.url.find("?page=1&limit=10") != std::string::npos);
  }
}

TEST_CASE("Argument errors name the argument, never its value", "[data][arguments]") {
  for (const auto& [op_name, call, named] : std::vector<std::tuple<std::string, json, std::string>>{
           {"setUdv", json::array({"secret\u0001value", 1}), "key"},
           {"setUdfValue", json::array({json{{"secret\u0001value", 1}}}), "data"},
           {"listAuthorizedResources", json::array({"default", json{{"resourceType", 5}}}), "resourceType"},
           {"listApplications", json::array({json{{"limit", "secret"}}}), "params.limit"},
           {"hasRole", json::array({"", "secret"}), "code"},
       }) {
    DYNAMIC_SECTION(op_name) {
      LoggedIn harness;
      int op = harness.call(op_name, call);
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      authing::Error error = rejected(actions, op).error;
      CHECK(error.kind == authing::ErrorKind::Argument);
      CHECK(error.message.find(named) != std::string::npos);
      CHECK(error.message.find("secret") == std::string::npos);
    }
  }
}

TEST_CASE("Every method of the group needs a session", "[data][session]") {
  for (const std::string op_name :
       {"listUdv", "setUdv", "removeUdv", "getUdfValue", "setUdfValue", "removeUdfValue", "getSecurityLevel",
        "listAuthorizedResources", "listOrgs", "listApplications", "hasRole", "listRoles"}) {
    DYNAMIC_SECTION(op_name) {
      Harness harness;
      int op = harness.call(op_name, json::array({"k", 1}));
      auto actions = harness.run();
      CHECK(of_kind<action::Http>(actions).empty());
      authing::Error error = rejected(actions, op).error;
      CHECK(error.kind == authing::ErrorKind::Session);
      CHECK(error.code == 2020);
    }
  }
}
