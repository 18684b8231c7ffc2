// The engine, driven the way the JS driver drives it: (state, input) -> typed
// actions, with a fake clock and a fake storage. No sleeps: time moves by
// assignment.
#include <catch2/catch.hpp>

#include "harness.h"

using authing::ErrorKind;
using authing::json;
namespace action = authing::action;
using namespace authing::test;

namespace {

const double kNowS = kStartMs / 1000;
const std::string kToken = token_for("u-1", kNowS - 3600, 1209600);  // fresh: 14 days, 1 hour old

json graphql(const std::string& field, const json& value) { return {{"data", {{field, value}}}}; }

json graphql_error(int code) {
  return {{"errors", {{{"message", {{"code", code}, {"message", "m"}, {"data", nullptr}}}}}}};
}

bool calls(const action::Http& http, const std::string& field) {
  return body_of(http)["query"].get<std::string>().find(field + "(") != std::string::npos;
}

}  // namespace

TEST_CASE("Storage is read at every call, once for the calls that start together: the pair first, then the token",
          "[driver][session]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}});
  harness.start("getCurrentUser");
  harness.start("checkLoginStatus");
  auto actions = harness.run();
  CHECK(of_kind<action::StorageGet>(harness.storage_log).size() == 2);
  CHECK(of_kind<action::Http>(actions).size() == 2);
  harness.start("refreshToken");
  harness.run();
  auto reads = of_kind<action::StorageGet>(harness.storage_log);
  REQUIRE(reads.size() == 3);
  CHECK(reads.back().key == "_authing_token");
}

TEST_CASE("Without a session, calls answer locally and send nothing", "[driver][session]") {
  SECTION("every operation that needs one, and has no answer without one, rejects with 2020") {
    int checked = 0;
    for (const authing::OperationSpec* spec : authing::operation_table()) {
      if (spec->needs_login == nullptr || !spec->needs_login(json::object()) || spec->when_logged_out != nullptr)
        continue;
      ++checked;
      Harness harness;
      int id = harness.start(std::string(spec->name));
      auto actions = harness.run();
      INFO(spec->name);
      CHECK(of_kind<action::Http>(actions).empty());
      auto error = rejected(actions, id).error;
      CHECK(error.code == 2020);
      CHECK(error.kind == ErrorKind::Session);
    }
    CHECK(checked >= 2);  // updateProfile and refreshToken at least
  }
  SECTION("getCurrentUser resolves null") {
    Harness harness;
    int id = harness.start("getCurrentUser");
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    CHECK(resolved(actions, id).result == json(nullptr));
  }
  SECTION("checkLoginStatus resolves a status of 2020") {
    Harness harness;
    int id = harness.start("checkLoginStatus");
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    json status = result_of(actions, id);
    CHECK(status["status"] == false);
    CHECK(status["code"] == 2020);
  }
}

TEST_CASE("Identical concurrent calls share one request", "[driver][coalesce]") {
  Harness harness;
  harness.store_session(kToken);
  int first = harness.start("getCurrentUser");
  int second = harness.start("getCurrentUser");
  auto http = only<action::Http>(harness.run());
  harness.answer_json(http.id, 200, graphql("user", {{"id", "u-1"}, {"nickname", "Bob"}}));
  auto actions = harness.run();
  CHECK(result_of(actions, first)["nickname"] == "Bob");
  CHECK(result_of(actions, second)["nickname"] == "Bob");

  SECTION("different arguments are separate calls") {
    harness.start("loginByCode", {{"code", "a"}});
    harness.start("loginByCode", {{"code", "b"}});
    CHECK(of_kind<action::Http>(harness.run()).size() == 2);
  }
  SECTION("profile updates are never merged") {
    harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    CHECK(of_kind<action::Http>(harness.run()).size() == 2);
  }
}

TEST_CASE("Transport failures and silence become typed errors", "[driver][transport]") {
  Harness harness;
  harness.store_session(kToken);
  int op = harness.start("getCurrentUser");
  auto http = only<action::Http>(harness.run());

  SECTION("wx.request fail with a timeout") {
    harness.answer(http.id, {{"fail", {{"errMsg", "request:fail timeout"}, {"errno", 5}}}});
    CHECK(rejected(harness.run(), op).error.code == "TIMEOUT");
  }
  SECTION("wx.request fail for a network reason") {
    harness.answer(http.id, {{"fail", {{"errMsg", "request:fail ECONNRESET"}}}});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Network);
    CHECK(error.code == "NETWORK_ERROR");
  }
  SECTION("no answer at all: the core gives up at timeout + grace, and ignores the late answer") {
    CHECK(harness.core.poll_timeout() == kStartMs + 10000 + authing::kDeadlineGraceMs);
    harness.timeout_at(kStartMs + 10000);
    CHECK(harness.run().empty());
    harness.timeout_at(kStartMs + 11000);
    auto actions = harness.run();
    CHECK(rejected(actions, op).error.kind == ErrorKind::Timeout);
    CHECK(harness.core.poll_timeout() == -1);
    harness.answer_json(http.id, 200, graphql("user", {{"id", "u-1"}}));
    CHECK(harness.run().empty());
  }
  SECTION("an outcome that is not JSON, or not an answer, is a failure, not a crash") {
    harness.core.handle(http.id, "{not json", "", harness.now);
    CHECK(rejected(harness.run(), op).error.kind == ErrorKind::Network);
    for (const json& outcome : {json::object(), json{{"status", "200"}}, json{{"status", nullptr}}}) {
      int again = harness.start("getCurrentUser");
      auto request = only<action::Http>(harness.run());
      harness.answer(request.id, outcome);
      CHECK(rejected(harness.run(), again).error.kind == ErrorKind::Network);
    }
  }
  SECTION("a body the driver kept out because it was over maxBodyBytes") {
    CHECK(http.request.timeout_ms == 10000);
    harness.answer(http.id, {{"oversize", {{"status", 200}, {"length", 3000000}}}});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Http);
    CHECK(error.code == "RESPONSE_TOO_LARGE");
    CHECK(error.status_code == 200);
    CHECK(error.message.find("3000000 bytes") != std::string::npos);
  }
  SECTION("a body over the limit handed in anyway is measured and refused") {
    harness.answer_http(http.id, 200, std::string(authing::kMaxResponseBytes + 1, ' '));
    CHECK(rejected(harness.run(), op).error.code == "RESPONSE_TOO_LARGE");
  }
  SECTION("the session survives every one of these") {
    harness.answer(http.id, {{"fail", {{"errMsg", "request:fail"}}}});
    harness.run();
    CHECK(harness.storage["_authing_token"] == kToken);
  }
}

TEST_CASE("A token in the last quarter of its life is refreshed once, first", "[driver][refresh]") {
  // Issued 11 days ago with a 14-day life: 3 days left, under a quarter.
  const std::string ageing = token_for("u-1", kNowS - 11 * 86400, 14 * 86400);
  const std::string fresh = token_for("u-1", kNowS, 14 * 86400);
  Harness harness;
  harness.store_session(ageing, json{{"id", "u-1"}, {"token", ageing}});
  int profile = harness.start("updateProfile", {{"updates", {{"nickname", "Bob"}}}});
  int user = harness.start("getCurrentUser");
  auto refresh = only<action::Http>(harness.run());
  CHECK(calls(refresh, "refreshToken"));

  SECTION("success: the waiting calls go out with the new token") {
    harness.answer_json(refresh.id, 200,
                        graphql("refreshToken", {{"token", fresh}, {"exp", kNowS + 14 * 86400}}));
    auto actions = harness.run();
    auto requests = of_kind<action::Http>(actions);
    REQUIRE(requests.size() == 2);
    for (const auto& request : requests) CHECK(request_token(request) == fresh);
    CHECK(harness.storage["_authing_token"] == fresh);
    CHECK(harness.storage["_authing_user"]["token"] == fresh);
    CHECK(of_kind<action::Event>(actions).at(0).payload["reason"] == "refresh");
    CHECK_FALSE(settled(actions, profile));
  }
  SECTION("a network failure: the calls go out with the old, still valid token") {
    harness.answer(refresh.id, {{"fail", {{"errMsg", "request:fail"}}}});
    auto requests = of_kind<action::Http>(harness.run());
    REQUIRE(requests.size() == 2);
    for (const auto& request : requests) CHECK(request_token(request) == ageing);
    CHECK(harness.storage["_authing_token"] == ageing);
  }
  SECTION("the server refuses the token: the session ends and the calls say why") {
    harness.answer_json(refresh.id, 200, graphql_error(2206));
    auto actions = harness.run();
    CHECK(of_kind<action::Http>(actions).empty());
    CHECK(rejected(actions, profile).error.code == 2206);
    CHECK(resolved(actions, user).result == json(nullptr));
    CHECK(harness.storage.count("_authing_token") == 0);
    CHECK(harness.storage.count("_authing_user") == 0);
  }
  SECTION("a caller's own refreshToken joins the refresh in flight") {
    int explicit_refresh = harness.start("refreshToken");
    CHECK(of_kind<action::Http>(harness.run()).empty());
    harness.answer_json(refresh.id, 200, graphql("refreshToken", {{"token", fresh}}));
    CHECK(result_of(harness.run(), explicit_refresh)["token"] == fresh);
  }
}

TEST_CASE("Refresh leaves fresh and expired tokens alone", "[driver][refresh]") {
  SECTION("a fresh token goes straight out") {
    Harness harness;
    harness.store_session(kToken);
    harness.start("getCurrentUser");
    CHECK(calls(only<action::Http>(harness.run()), "user"));
  }
  SECTION("a token expired by the device clock is still sent: the server decides") {
    const std::string expired = token_for("u-1", kNowS - 20 * 86400, 14 * 86400);
    Harness harness;
    harness.store_session(expired);
    harness.start("getCurrentUser");
    CHECK(request_token(only<action::Http>(harness.run())) == expired);
  }
}

TEST_CASE("Logout ends the session before the request, whatever happens to it", "[driver][logout]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}});
  int op = harness.start("logout");
  auto actions = harness.run();
  CHECK(harness.storage.empty());
  CHECK(of_kind<action::Event>(actions).at(0).payload["loggedIn"] == false);
  auto http = only<action::Http>(actions);
  CHECK(request_token(http) == kToken);
  CHECK(http.request.method == "GET");

  SECTION("the network fails: still resolved, to undefined") {
    harness.answer(http.id, {{"fail", {{"errMsg", "request:fail"}}}});
    CHECK_FALSE(resolved(harness.run(), op).result.has_value());
  }
  SECTION("later calls have no session") {
    int after = harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    CHECK(rejected(harness.run(), after).error.code == 2020);
  }
  SECTION("an answer to a call sent before logout does not bring the user back") {
    Harness racing;
    racing.store_session(kToken, json{{"id", "u-1"}});
    racing.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    auto update = only<action::Http>(racing.run());
    racing.start("logout");
    racing.run();
    racing.answer_json(update.id, 200, graphql("updateUser", {{"id", "u-1"}, {"nickname", "x"}}));
    racing.run();
    CHECK(racing.storage.empty());
  }
  SECTION("without a session: storage is cleared and nothing is sent") {
    Harness empty;
    empty.storage["_authing_user"] = "garbage";
    int out = empty.start("logout");
    auto logout_actions = empty.run();
    CHECK(of_kind<action::Http>(logout_actions).empty());
    CHECK(settled(logout_actions, out));
    CHECK(empty.storage.empty());
  }
}

TEST_CASE("Storage failures never lose a valid session", "[driver][storage]") {
  SECTION("a login whose writes fail still logs in for this run, and says so") {
    Harness harness;
    harness.fail_writes = true;
    int op = harness.start("loginByCode", {{"code", "c"}});
    harness.answer_json(only<action::Http>(harness.run()).id, 200, login_answer(kToken));
    auto actions = harness.run();
    CHECK(resolved(actions, op).result.has_value());
    int storage_errors = 0;
    for (const auto& event : of_kind<action::Event>(actions)) storage_errors += event.name == "storageError";
    // Both writes and the two removals that keep half a pair out of storage.
    CHECK(storage_errors == 4);
    CHECK(of_kind<action::StorageRemove>(harness.storage_log).size() == 2);
    harness.start("getCurrentUser");
    CHECK(request_token(only<action::Http>(harness.run())) == kToken);
  }
  SECTION("a read that fails rejects with a storage error, and the next call reads again") {
    Harness harness;
    harness.store_session(kToken);
    harness.fail_reads = true;
    int op = harness.start("getCurrentUser");
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == ErrorKind::Storage);
    CHECK(error.code == "STORAGE_ERROR");
    harness.fail_reads = false;
    harness.start("getCurrentUser");
    CHECK(request_token(only<action::Http>(harness.run())) == kToken);
  }
}

TEST_CASE("Login, refresh and logout are announced as loginStateChange", "[driver][events]") {
  Harness harness;
  harness.start("loginByCode", {{"code", "c"}});
  harness.answer_json(only<action::Http>(harness.run()).id, 200, login_answer(kToken));
  auto event = only<action::Event>(harness.run());
  CHECK(event.name == "loginStateChange");
  CHECK(event.payload == json{{"loggedIn", true}, {"reason", "login"}, {"userId", "u-1"}});
  CHECK(event.payload.dump().find(kToken) == std::string::npos);
}

TEST_CASE("A token given to the constructor replaces the stored one", "[driver][options]") {
  const std::string given = token_for("u-9", kNowS, 1209600);
  json options = default_options();
  options["token"] = given;
  Harness harness(options);
  harness.store_session(kToken, json{{"id", "u-1"}});
  harness.start("getCurrentUser");
  CHECK(request_token(only<action::Http>(harness.run())) == given);
  CHECK(harness.storage["_authing_token"] == given);
  CHECK(harness.storage.count("_authing_user") == 0);  // it was another user's
}

TEST_CASE("Calls the core cannot run are rejected, not dropped", "[driver][errors]") {
  SECTION("invalid options reject every call") {
    Harness harness(json{{"host", "https://x.cn"}});
    int op = harness.start("getCurrentUser");
    auto error = rejected(harness.run(), op).error;
    CHECK(error.code == "INVALID_OPTIONS");
    CHECK(error.kind == ErrorKind::Argument);
  }
  SECTION("an unknown operation") {
    Harness harness;
    int op = harness.start("loginByPassword");
    CHECK(rejected(harness.run(), op).error.code == "UNKNOWN_OPERATION");
  }
  SECTION("arguments that are not an object") {
    Harness harness;
    int op = harness.core.start("getCurrentUser", "[1,2]", harness.now);
    CHECK(rejected(harness.run(), op).error.code == "INVALID_ARGUMENT");
  }
  SECTION("answers to actions nobody asked for are ignored") {
    Harness harness;
    harness.answer(999, {{"value", "x"}});
    harness.answer_http(998, 200, "{}");
    CHECK(harness.run().empty());
  }
}

TEST_CASE("An unchanged user is not written to storage again", "[driver][storage]") {
  Harness harness;
  harness.store_session(kToken, {{"id", "u-1"}, {"nickname", "Bob"}});
  json same = graphql("user", {{"id", "u-1"}, {"nickname", "Bob"}});
  auto user_writes = [&] {
    int writes = 0;
    for (const auto& set : of_kind<action::StorageSet>(harness.storage_log))
      writes += set.key == "_authing_user";
    return writes;
  };
  auto get_current_user = [&](const json& answer) {
    int op = harness.start("getCurrentUser");
    harness.answer_json(only<action::Http>(harness.run()).id, 200, answer);
    CHECK(resolved(harness.run(), op).result.has_value());
  };

  get_current_user(same);
  int first = user_writes();  // the stored user gains the session's token field
  get_current_user(same);
  CHECK(user_writes() == first);

  SECTION("a changed user is written") {
    get_current_user(graphql("user", {{"id", "u-1"}, {"nickname", "Mick"}}));
    CHECK(user_writes() == first + 1);
    CHECK(harness.storage["_authing_user"]["nickname"] == "Mick");
  }
  SECTION("after a failed write, the same user is written again") {
    harness.fail_writes = true;
    get_current_user(graphql("user", {{"id", "u-1"}, {"nickname", "Mick"}}));
    harness.fail_writes = false;
    get_current_user(graphql("user", {{"id", "u-1"}, {"nickname", "Mick"}}));
    CHECK(harness.storage["_authing_user"]["nickname"] == "Mick");
  }
}

TEST_CASE("A result carries the user the server sent, storage its allow-listed part", "[driver][storage]") {
  Harness harness;
  harness.store_session(kToken, {{"id", "u-1"}, {"nickname", "Bob"}});
  int op = harness.start("updateProfile", {{"updates", {{"nickname", "Mick"}}}});
  harness.answer_json(
      only<action::Http>(harness.run()).id, 200,
      graphql("updateUser", {{"nickname", "Mick"}, {"id", "u-1"}, {"customData", "x"}, {"salt", "s"}}));
  json user = result_of(harness.run(), op);
  CHECK(user == json{{"nickname", "Mick"}, {"id", "u-1"}, {"customData", "x"}});
  CHECK(user.begin().key() == "nickname");  // in the order it arrived, as JSON.parse keeps it
  CHECK(harness.storage["_authing_user"] == json{{"nickname", "Mick"}, {"id", "u-1"}, {"token", kToken}});
}

TEST_CASE("A cancelled call settles nothing more, and its flight still counts", "[driver][cancel]") {
  Harness harness;
  int first = harness.start("loginByCode", {{"code", "c"}});
  int second = harness.start("loginByCode", {{"code", "c"}});
  auto http = only<action::Http>(harness.run());

  SECTION("the caller that shares the flight still settles") {
    harness.core.cancel(first);
    harness.answer_json(http.id, 200, login_answer(kToken));
    auto actions = harness.run();
    CHECK_FALSE(settled(actions, first));
    CHECK(result_of(actions, second)["id"] == "u-1");
    CHECK(harness.storage["_authing_token"] == kToken);
  }
  SECTION("a cancelled follower leaves the flight") {
    harness.core.cancel(second);
    harness.answer_json(http.id, 200, login_answer(kToken));
    auto actions = harness.run();
    CHECK(settled(actions, first));
    CHECK_FALSE(settled(actions, second));
  }
  SECTION("with every caller gone the answer still logs in: the server did") {
    harness.core.cancel(first);
    harness.core.cancel(second);
    harness.answer_json(http.id, 200, login_answer(kToken));
    auto actions = harness.run();
    CHECK(of_kind<action::Resolve>(actions).empty());
    CHECK(only<action::Event>(actions).payload["loggedIn"] == true);
    CHECK(harness.storage["_authing_token"] == kToken);
    CHECK(harness.core.poll_timeout() == -1);
  }
  SECTION("unknown and finished operations are ignored") {
    harness.core.cancel(999);
    harness.answer_json(http.id, 200, login_answer(kToken));
    harness.run();
    harness.core.cancel(first);
    CHECK(harness.run().empty());
  }
}
