// One session, one truth: the engine under races, torn writes, a page that
// edits storage, a server that ends the session or echoes secrets. Each
// interleaving is scripted (or drawn from a seeded generator) and time moves
// by assignment.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "harness.h"

using authing::Action;
using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const double kNowS = kStartMs / 1000;
const std::string kTokenA = token_for("u-a", kNowS - 3600, 1209600);
const std::string kTokenB = token_for("u-b", kNowS - 3600, 1209600);

json login_of(const std::string& id, const std::string& token) {
  return {{"code", 200}, {"message", "ok"}, {"data", {{"id", id}, {"token", token}, {"nickname", id}}}};
}

json graphql(const std::string& field, const json& value) { return {{"data", {{field, value}}}}; }

// An ISO date `ms` milliseconds after a fixed instant.
std::string at(int ms) {
  char text[40];
  std::snprintf(text, sizeof text, "2026-12-06T10:00:%02d.%03dZ", ms / 1000, ms % 1000);
  return text;
}

json stored_user(const Harness& harness) {
  auto it = harness.storage.find("_authing_user");
  return it == harness.storage.end() ? json() : it->second;
}

json stored_token(const Harness& harness) {
  auto it = harness.storage.find("_authing_token");
  return it == harness.storage.end() ? json() : it->second;
}

// A new app run over the same storage: whom does it see?
std::string restarted_user(const Harness& harness) {
  Harness restarted;
  restarted.storage = harness.storage;
  int op = restarted.start("getCurrentUser");
  auto actions = restarted.run();
  if (settled(actions, op)) return "";  // no session: resolved null locally
  return authing::decode_claims(request_token(only<action::Http>(actions)))->subject;
}

int events_named(const std::vector<Action>& actions, const std::string& name) {
  int count = 0;
  for (const auto& event : of_kind<action::Event>(actions)) count += event.name == name;
  return count;
}

}  // namespace

TEST_CASE("Logout is the last word over every call started before it", "[order][logout]") {
  Harness harness;
  SECTION("a login answer that lands after logout does not bring the session back") {
    harness.store_session(kTokenA, {{"id", "u-a"}, {"token", kTokenA}});
    int login = harness.start("loginByCode", {{"code", "c"}});
    auto http = only<action::Http>(harness.run());
    harness.start("logout");
    harness.run();
    harness.answer_json(http.id, 200, login_of("u-b", kTokenB));
    auto actions = harness.run();
    auto error = rejected(actions, login).error;
    CHECK(error.kind == ErrorKind::Session);
    CHECK(error.code == "SESSION_SUPERSEDED");
    CHECK(harness.storage.empty());
    CHECK(events_named(actions, "loginStateChange") == 0);
    CHECK(restarted_user(harness).empty());
  }
  SECTION("a refresh that lands after logout writes no token") {
    harness.store_session(kTokenA, {{"id", "u-a"}, {"token", kTokenA}});
    harness.start("refreshToken");
    auto http = only<action::Http>(harness.run());
    harness.start("logout");
    harness.run();
    harness.answer_json(http.id, 200, graphql("refreshToken", {{"token", kTokenB}, {"iat", 1}, {"exp", 2}}));
    harness.run();
    CHECK(harness.storage.empty());
  }
  SECTION("a login that waits for its wx.login code when logout starts is superseded too") {
    int login = harness.start("loginByCode");
    auto need = only<action::Need>(harness.run());
    harness.start("logout");
    harness.run();
    harness.answer(need.id, {{"value", "code-1"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, login_of("u-b", kTokenB));
    CHECK(rejected(harness.run(), login).error.code == "SESSION_SUPERSEDED");
    CHECK(harness.storage.empty());
  }
}

TEST_CASE("Of two overlapping logins the later-started one wins whole", "[order][login]") {
  Harness harness;
  int first = harness.start("loginByCode", {{"code", "c-1"}});
  int second = harness.start("loginByCode", {{"code", "c-2"}});
  auto requests = of_kind<action::Http>(harness.run());
  REQUIRE(requests.size() == 2);

  SECTION("the later one answers first: the earlier answer is refused") {
    harness.answer_json(requests[1].id, 200, login_of("u-b", kTokenB));
    CHECK(result_of(harness.run(), second)["id"] == "u-b");
    harness.answer_json(requests[0].id, 200, login_of("u-a", kTokenA));
    CHECK(rejected(harness.run(), first).error.code == "SESSION_SUPERSEDED");
  }
  SECTION("the earlier one answers first: the later replaces it") {
    harness.answer_json(requests[0].id, 200, login_of("u-a", kTokenA));
    CHECK(result_of(harness.run(), first)["id"] == "u-a");
    harness.answer_json(requests[1].id, 200, login_of("u-b", kTokenB));
    CHECK(result_of(harness.run(), second)["id"] == "u-b");
  }
  CHECK(stored_token(harness) == kTokenB);
  CHECK(stored_user(harness)["id"] == "u-b");
  CHECK(stored_user(harness)["token"] == kTokenB);
  CHECK(restarted_user(harness) == "u-b");
}

TEST_CASE("A profile answer that lands after a refresh updates the user and keeps the new token",
          "[order][refresh]") {
  Harness harness;
  const std::string refreshed = token_for("u-a", kNowS, 1209600);
  harness.store_session(kTokenA, {{"id", "u-a"}, {"nickname", "old"}, {"token", kTokenA}});
  int update = harness.start("updateProfile", {{"updates", {{"nickname", "new"}}}});
  harness.start("refreshToken");
  auto requests = of_kind<action::Http>(harness.run());
  REQUIRE(requests.size() == 2);
  harness.answer_json(requests[1].id, 200, graphql("refreshToken", {{"token", refreshed}, {"iat", 1}, {"exp", 2}}));
  harness.run();
  harness.answer_json(requests[0].id, 200,
                      graphql("updateUser", {{"id", "u-a"}, {"nickname", "new"}, {"token", kTokenA}}));
  CHECK(result_of(harness.run(), update)["nickname"] == "new");
  CHECK(stored_user(harness)["nickname"] == "new");
  CHECK(stored_user(harness)["token"] == refreshed);
  CHECK(stored_token(harness) == refreshed);
}

TEST_CASE("The stored user is the last state the server confirmed, whatever order answers arrive in",
          "[order][profile]") {
  // Twelve calls that answer with the user (updates and reads) and a status
  // check, all in flight at once; the server handles them in one order and
  // the answers arrive in another, drawn from the seed.
  for (unsigned seed = 1; seed <= 40; ++seed) {
    DYNAMIC_SECTION("seed " << seed) {
      std::mt19937 random(seed);
      Harness harness;
      harness.store_session(kTokenA, {{"id", "u-a"}, {"nickname", "start"}, {"token", kTokenA},
                                      {"updatedAt", at(0)}});
      for (int i = 0; i < 12; ++i) {
        if (i % 3 == 2) {
          harness.start("getCurrentUser");
        } else {
          harness.start("updateProfile", {{"updates", {{"nickname", "n" + std::to_string(i)}}}});
        }
      }
      harness.start("checkLoginStatus");
      std::vector<action::Http> requests = of_kind<action::Http>(harness.run());
      REQUIRE(requests.size() == 10);  // the four reads share one flight
      std::vector<std::size_t> server_order(requests.size());
      for (std::size_t i = 0; i < server_order.size(); ++i) server_order[i] = i;
      std::shuffle(server_order.begin(), server_order.end(), random);
      // The server's state after each request it handled, in its order.
      std::string nickname = "start";
      std::map<int, json> answers;
      for (std::size_t step = 0; step < server_order.size(); ++step) {
        const action::Http& request = requests[server_order[step]];
        std::string query = body_of(request)["query"].get<std::string>();
        if (query.find("checkLoginStatus") != std::string::npos) {
          answers[request.id] = graphql("checkLoginStatus", {{"status", true}, {"code", 200}});
          continue;
        }
        bool update = query.find("updateUser") != std::string::npos;
        if (update) nickname = body_of(request)["variables"]["input"]["nickname"].get<std::string>();
        json user = {{"id", "u-a"}, {"nickname", nickname}, {"updatedAt", at(static_cast<int>(step + 1) * 7)}};
        answers[request.id] = graphql(update ? "updateUser" : "user", user);
      }
      std::vector<int> arrival;
      for (const auto& [id, answer] : answers) arrival.push_back(id);
      std::shuffle(arrival.begin(), arrival.end(), random);
      for (int id : arrival) {
        harness.answer_json(id, 200, answers[id]);
        harness.run();
      }
      CHECK(stored_user(harness)["nickname"] == nickname);
      CHECK(stored_user(harness)["token"] == kTokenA);
    }
  }
}

TEST_CASE("A storage write that fails part-way never leaves a pair from two sessions", "[order][storage][torn]") {
  Harness harness;
  harness.store_session(kTokenA, {{"id", "u-a"}, {"token", kTokenA}});
  harness.start("getCurrentUser");
  harness.answer_json(only<action::Http>(harness.run()).id, 200, graphql("user", {{"id", "u-a"}}));
  harness.run();

  SECTION("the token is refused: both keys go, and a restart is logged out, not A") {
    harness.refuse_sets = {"_authing_token"};
    int login = harness.start("loginByCode", {{"code", "c"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, login_of("u-b", kTokenB));
    auto actions = harness.run();
    CHECK(result_of(actions, login)["id"] == "u-b");
    CHECK(events_named(actions, "storageError") == 1);
    CHECK(harness.storage.empty());
    CHECK(restarted_user(harness).empty());
    SECTION("this run goes on as B, and its next user write stores the pair whole again") {
      harness.refuse_sets.clear();
      harness.start("getCurrentUser");
      auto http = only<action::Http>(harness.run());
      CHECK(request_token(http) == kTokenB);
      harness.answer_json(http.id, 200, graphql("user", {{"id", "u-b"}, {"nickname", "B"}}));
      harness.run();
      CHECK(stored_token(harness) == kTokenB);
      CHECK(stored_user(harness)["token"] == kTokenB);
      CHECK(restarted_user(harness) == "u-b");
    }
  }
  SECTION("the user is refused: the token stays alone, and a restart is B") {
    harness.refuse_sets = {"_authing_user"};
    harness.start("loginByCode", {{"code", "c"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, login_of("u-b", kTokenB));
    harness.run();
    CHECK(stored_token(harness) == kTokenB);
    CHECK(harness.storage.count("_authing_user") == 0);
    CHECK(restarted_user(harness) == "u-b");
  }
  SECTION("a torn pair found at start-up is discarded and removed") {
    Harness restarted;
    restarted.store_session(kTokenA, {{"id", "u-b"}, {"token", kTokenB}});
    int op = restarted.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    auto actions = restarted.run();
    CHECK(of_kind<action::Http>(actions).empty());
    CHECK(rejected(actions, op).error.code == 2020);
    CHECK(restarted.storage.empty());
  }
}

TEST_CASE("Storage is the session's truth; memory only caches it", "[order][storage]") {
  Harness harness;
  harness.store_session(kTokenA, {{"id", "u-a"}, {"token", kTokenA}});
  harness.start("getCurrentUser");
  auto first = only<action::Http>(harness.run());
  CHECK(request_token(first) == kTokenA);
  harness.answer_json(first.id, 200, graphql("user", {{"id", "u-a"}}));
  harness.run();
  std::size_t reads_before = of_kind<action::StorageGet>(harness.storage_log).size();

  SECTION("the page cleared storage: the next call has no session, and says so once") {
    harness.storage.clear();
    int op = harness.start("getCurrentUser");
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    CHECK(result_of(actions, op).is_null());
    auto event = only<action::Event>(actions);
    CHECK(event.payload == json{{"loggedIn", false}, {"reason", "storage"}, {"userId", nullptr}});
    harness.start("getCurrentUser");
    CHECK(of_kind<action::Event>(harness.run()).empty());
  }
  SECTION("the page removed the token key alone") {
    harness.storage.erase("_authing_token");
    harness.storage["_authing_user"].erase("token");
    int op = harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    CHECK(rejected(harness.run(), op).error.code == 2020);
  }
  SECTION("the page wrote another user's session with v4's keys: it is picked up") {
    harness.store_session(kTokenB, {{"id", "u-b"}, {"token", kTokenB}});
    harness.start("getCurrentUser");
    auto actions = harness.run();
    CHECK(request_token(only<action::Http>(actions)) == kTokenB);
    CHECK(only<action::Event>(actions).payload["userId"] == "u-b");
  }
  SECTION("an answer to a call of the session the page replaced changes nothing") {
    harness.start("updateProfile", {{"updates", {{"nickname", "late"}}}});
    auto update = only<action::Http>(harness.run());
    harness.store_session(kTokenB, {{"id", "u-b"}, {"token", kTokenB}});
    harness.start("checkLoginStatus");
    harness.run();
    harness.answer_json(update.id, 200, graphql("updateUser", {{"id", "u-a"}, {"nickname", "late"}}));
    harness.run();
    CHECK(stored_user(harness) == json{{"id", "u-b"}, {"token", kTokenB}});
  }
  SECTION("an unchanged token is confirmed by its text alone, and nothing is written") {
    std::size_t writes = of_kind<action::StorageSet>(harness.storage_log).size();
    harness.start("getCurrentUser");
    harness.run();
    CHECK(of_kind<action::StorageGet>(harness.storage_log).size() == reads_before + 1);
    CHECK(of_kind<action::StorageSet>(harness.storage_log).size() == writes);
  }
}

TEST_CASE("A session the server refuses ends once, for every call that hears it", "[order][expired]") {
  for (int refusal : {2206, 2207, 2020}) {
    DYNAMIC_SECTION("code " << refusal) {
      Harness harness;
      harness.store_session(kTokenA, {{"id", "u-a"}, {"token", kTokenA}});
      int read = harness.start("getCurrentUser");
      int update = harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
      int roles = harness.start("listRoles");
      auto requests = of_kind<action::Http>(harness.run());
      REQUIRE(requests.size() == 3);
      json refused = {{"errors", {{{"message", {{"code", refusal}, {"message", "m"}}}}}}, {"data", nullptr}};
      std::vector<Action> actions;
      for (const auto& request : requests) {
        harness.answer_json(request.id, 200, refused);
        for (Action& action : harness.run()) actions.push_back(std::move(action));
      }
      CHECK(events_named(actions, "loginStateChange") == 1);
      CHECK(harness.storage.empty());
      CHECK(result_of(actions, read).is_null());
      CHECK(rejected(actions, update).error.kind == ErrorKind::Session);
      CHECK(rejected(actions, roles).error.kind == ErrorKind::Session);
    }
  }
}

TEST_CASE("Errors never carry a secret the server echoed", "[order][secrets]") {
  Harness harness;
  harness.store_session(kTokenA, {{"id", "u-a"}, {"token", kTokenA}});
  const std::string code = "0a1b2c3d4e5f-wx-code";
  const std::string echo = "token " + kTokenA + " code " + code + " password hunter22 data SEALED-DATA";
  json refused = {{"code", 2001},
                  {"message", echo},
                  {"data", {{"echo", echo}, {kTokenA, "as a key"}, {"list", {code, "hunter22"}}}}};

  SECTION("a login code and encryptedData echoed by the login endpoint") {
    int op = harness.start("loginByCode", {{"code", code}, {"options", {{"encryptedData", "SEALED-DATA"}, {"iv", "iv-1"}}}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, refused);
    auto error = rejected(harness.run(), op).error;
    std::string text = error.to_json().dump();
    for (const std::string& secret : {code, std::string("SEALED-DATA"), kTokenA}) {
      CHECK(text.find(secret) == std::string::npos);
    }
    CHECK(error.message.find("[redacted]") != std::string::npos);
  }
  SECTION("a password echoed by a password login") {
    int op = harness.start("loginByUsername", {{"username", "bob"}, {"password", "hunter22"}});
    json graphql_refused = {
        {"errors", {{{"message", {{"code", 2006}, {"message", echo}, {"data", refused["data"]}}}}}},
        {"data", nullptr}};
    harness.answer_json(only<action::Http>(harness.run()).id, 200, graphql_refused);
    std::string text = rejected(harness.run(), op).error.to_json().dump();
    CHECK(text.find("hunter22") == std::string::npos);
    CHECK(text.find(kTokenA) == std::string::npos);
    CHECK(text.find("[redacted]") != std::string::npos);
  }
}
