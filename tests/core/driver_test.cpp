// The engine, driven the way the JS driver drives it: (state, input) -> actions,
// with a fake clock and a fake storage. No sleeps: time moves by assignment.
#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using namespace authing::test;

namespace {

const double kNowS = kStartMs / 1000;
const std::string kToken = token_for("u-1", kNowS - 3600, 1209600);  // fresh: 14 days, 1 hour old

json login_answer(const std::string& token) {
  return {{"code", 200}, {"message", "ok"}, {"data", {{"id", "u-1"}, {"token", token}, {"password", "h"}}}};
}

json graphql(const std::string& field, const json& value) { return {{"data", {{field, value}}}}; }

json graphql_error(int code) {
  return {{"errors", {{{"message", {{"code", code}, {"message", "m"}, {"data", nullptr}}}}}}};
}

std::string request_token(const json& http) {
  const json& headers = http["request"]["headers"];
  return headers.contains("Authorization") ? headers["Authorization"].get<std::string>().substr(7) : "";
}

std::string body_of(const json& http) { return http["request"]["body"].get<std::string>(); }

}  // namespace

TEST_CASE("The stored session is read once, for every call waiting on it", "[driver][session]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}});
  harness.start("getCurrentUser");
  harness.start("checkLoginStatus");
  auto actions = harness.run();
  CHECK(of_kind(harness.storage_log, "storage.get").size() == 2);
  CHECK(of_kind(actions, "http").size() == 2);
  harness.start("refreshToken");
  harness.run();
  CHECK(of_kind(harness.storage_log, "storage.get").size() == 2);
}

TEST_CASE("Without a session, calls answer locally and send nothing", "[driver][session]") {
  struct Row {
    std::string op;
    std::string kind;  // resolve / reject
    json expected;     // result, or error code
  };
  const Row rows[] = {
      {"updateProfile", "reject", 2020},
      {"refreshToken", "reject", 2020},
      {"getCurrentUser", "resolve", nullptr},
      {"checkLoginStatus", "resolve", json{{"status", false}, {"code", 2020}}},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.op) {
      Harness harness;
      json args = row.op == "updateProfile" ? json{{"updates", {{"nickname", "x"}}}} : json::object();
      int op = harness.start(row.op, args);
      auto actions = harness.run();
      CHECK(of_kind(actions, "http").empty());
      json settled = settlement(actions, op);
      REQUIRE(settled["kind"] == row.kind);
      if (row.kind == "reject") {
        CHECK(settled["error"]["code"] == row.expected);
        CHECK(settled["error"]["kind"] == "session");
      } else if (row.expected.is_null()) {
        CHECK(settled["result"].is_null());
      } else {
        CHECK(settled["result"]["status"] == false);
        CHECK(settled["result"]["code"] == 2020);
      }
    }
  }
}

TEST_CASE("Identical concurrent calls share one request", "[driver][coalesce]") {
  Harness harness;
  harness.store_session(kToken);
  int first = harness.start("getCurrentUser");
  int second = harness.start("getCurrentUser");
  auto actions = harness.run();
  json http = only(actions, "http");
  harness.answer_json(http["id"], 200, graphql("user", {{"id", "u-1"}, {"nickname", "Bob"}}));
  actions = harness.run();
  CHECK(settlement(actions, first)["result"]["nickname"] == "Bob");
  CHECK(settlement(actions, second)["result"]["nickname"] == "Bob");

  SECTION("different arguments are separate calls") {
    harness.start("loginByCode", {{"code", "a"}});
    harness.start("loginByCode", {{"code", "b"}});
    CHECK(of_kind(harness.run(), "http").size() == 2);
  }
  SECTION("profile updates are never merged") {
    harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    CHECK(of_kind(harness.run(), "http").size() == 2);
  }
}

TEST_CASE("loginByCode without a code fetches one with wx.login", "[driver][wx-login]") {
  Harness harness;
  int op = harness.start("loginByCode");
  json login = only(harness.run(), "wx.login");
  CHECK(login["timeoutMs"] == 10000);
  harness.answer(login["id"], {{"code", "fresh-code"}});
  json http = only(harness.run(), "http");
  CHECK(*authing::parse_json(body_of(http)) == json{{"code", "fresh-code"}});
  harness.answer_json(http["id"], 200, login_answer(kToken));
  auto actions = harness.run();
  CHECK(settlement(actions, op)["kind"] == "resolve");
  CHECK(harness.storage["_authing_token"] == kToken);

  SECTION("wx.login failures reject as wechat or privacy errors") {
    struct Row {
      json fail;
      std::string kind;
    };
    const Row rows[] = {{{{"errMsg", "login:fail system error"}}, "wechat"},
                        {{{"errMsg", "login:fail privacy"}, {"errno", 112}}, "privacy"},
                        {{{"errMsg", "login:fail timeout"}}, "timeout"}};
    for (const Row& row : rows) {
      int again = harness.start("loginByCode");
      json fetch = only(harness.run(), "wx.login");
      harness.answer(fetch["id"], {{"fail", row.fail}});
      CHECK(settlement(harness.run(), again)["error"]["kind"] == row.kind);
    }
  }
  SECTION("a wx.login answer without a code is a wechat error") {
    int again = harness.start("loginByCode");
    json fetch = only(harness.run(), "wx.login");
    harness.answer(fetch["id"], json::object());
    CHECK(settlement(harness.run(), again)["error"]["code"] == "WX_LOGIN_FAILED");
  }
}

TEST_CASE("A code WeChat refuses is replaced by a fresh one, once", "[driver][wx-login][retry]") {
  Harness harness;
  int op = harness.start("loginByCode", {{"code", "stale"}});
  json http = only(harness.run(), "http");
  harness.answer_json(http["id"], 200, {{"code", 40163}, {"message", "code been used"}});
  json login = only(harness.run(), "wx.login");
  harness.answer(login["id"], {{"code", "fresh"}});
  http = only(harness.run(), "http");
  CHECK(*authing::parse_json(body_of(http)) == json{{"code", "fresh"}});

  SECTION("success on the second code") {
    harness.answer_json(http["id"], 200, login_answer(kToken));
    CHECK(settlement(harness.run(), op)["kind"] == "resolve");
  }
  SECTION("a second refusal is final") {
    harness.answer_json(http["id"], 200, {{"code", 40029}, {"message", "invalid code"}});
    auto actions = harness.run();
    CHECK(of_kind(actions, "wx.login").empty());
    json reject = settlement(actions, op);
    CHECK(reject["error"]["kind"] == "wechat");
    CHECK(reject["error"]["code"] == 40029);
  }
}

TEST_CASE("Transport failures and silence become typed errors", "[driver][transport]") {
  Harness harness;
  harness.store_session(kToken);
  int op = harness.start("getCurrentUser");
  json http = only(harness.run(), "http");

  SECTION("wx.request fail with a timeout") {
    harness.answer(http["id"], {{"fail", {{"errMsg", "request:fail timeout"}, {"errno", 5}}}});
    CHECK(settlement(harness.run(), op)["error"]["code"] == "TIMEOUT");
  }
  SECTION("wx.request fail for a network reason") {
    harness.answer(http["id"], {{"fail", {{"errMsg", "request:fail ECONNRESET"}}}});
    json error = settlement(harness.run(), op)["error"];
    CHECK(error["kind"] == "network");
    CHECK(error["code"] == "NETWORK_ERROR");
  }
  SECTION("no answer at all: the core gives up at timeout + grace, and ignores the late answer") {
    CHECK(harness.core.poll_timeout() == kStartMs + 10000 + authing::kDeadlineGraceMs);
    harness.timeout_at(kStartMs + 10000);
    CHECK(harness.run().empty());
    harness.timeout_at(kStartMs + 11000);
    auto actions = harness.run();
    CHECK(settlement(actions, op)["error"]["kind"] == "timeout");
    CHECK(harness.core.poll_timeout() == -1);
    harness.answer_json(http["id"], 200, graphql("user", {{"id", "u-1"}}));
    CHECK(harness.run().empty());
  }
  SECTION("an outcome that is not JSON is a failure, not a crash") {
    harness.core.handle(http["id"], "{not json", harness.now);
    CHECK(settlement(harness.run(), op)["error"]["kind"] == "network");
  }
  SECTION("a body the driver kept out because it was over maxBodyBytes") {
    harness.answer(http["id"], {{"oversize", {{"status", 200}, {"length", 3000000}}}});
    json error = settlement(harness.run(), op)["error"];
    CHECK(error["kind"] == "http");
    CHECK(error["code"] == "RESPONSE_TOO_LARGE");
    CHECK(error["statusCode"] == 200);
    CHECK(error["message"].get<std::string>().find("3000000 bytes") != std::string::npos);
  }
  SECTION("a body over the limit handed in anyway is measured and refused") {
    harness.answer_http(http["id"], 200, std::string(authing::kMaxResponseBytes + 1, ' '));
    CHECK(settlement(harness.run(), op)["error"]["code"] == "RESPONSE_TOO_LARGE");
  }
  SECTION("the session survives every one of these") {
    harness.answer(http["id"], {{"fail", {{"errMsg", "request:fail"}}}});
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
  json refresh = only(harness.run(), "http");
  CHECK(body_of(refresh).find("refreshToken(") != std::string::npos);

  SECTION("success: the waiting calls go out with the new token") {
    harness.answer_json(refresh["id"], 200,
                        graphql("refreshToken", {{"token", fresh}, {"exp", kNowS + 14 * 86400}}));
    auto actions = harness.run();
    auto requests = of_kind(actions, "http");
    REQUIRE(requests.size() == 2);
    for (const json& request : requests) CHECK(request_token(request) == fresh);
    CHECK(harness.storage["_authing_token"] == fresh);
    CHECK(harness.storage["_authing_user"]["token"] == fresh);
    CHECK(of_kind(actions, "event").at(0)["payload"]["reason"] == "refresh");
    CHECK(settlement(actions, profile).is_null());
  }
  SECTION("a network failure: the calls go out with the old, still valid token") {
    harness.answer(refresh["id"], {{"fail", {{"errMsg", "request:fail"}}}});
    auto requests = of_kind(harness.run(), "http");
    REQUIRE(requests.size() == 2);
    for (const json& request : requests) CHECK(request_token(request) == ageing);
    CHECK(harness.storage["_authing_token"] == ageing);
  }
  SECTION("the server refuses the token: the session ends and the calls say why") {
    harness.answer_json(refresh["id"], 200, graphql_error(2206));
    auto actions = harness.run();
    CHECK(of_kind(actions, "http").empty());
    CHECK(settlement(actions, profile)["error"]["code"] == 2206);
    CHECK(settlement(actions, user)["result"].is_null());
    CHECK(harness.storage.count("_authing_token") == 0);
    CHECK(harness.storage.count("_authing_user") == 0);
  }
  SECTION("a caller's own refreshToken joins the refresh in flight") {
    int explicit_refresh = harness.start("refreshToken");
    CHECK(of_kind(harness.run(), "http").empty());
    harness.answer_json(refresh["id"], 200, graphql("refreshToken", {{"token", fresh}}));
    auto actions = harness.run();
    CHECK(settlement(actions, explicit_refresh)["result"]["token"] == fresh);
  }
}

TEST_CASE("Refresh leaves fresh and expired tokens alone", "[driver][refresh]") {
  SECTION("a fresh token goes straight out") {
    Harness harness;
    harness.store_session(kToken);
    harness.start("getCurrentUser");
    CHECK(body_of(only(harness.run(), "http")).find("user(") != std::string::npos);
  }
  SECTION("a token expired by the device clock is still sent: the server decides") {
    const std::string expired = token_for("u-1", kNowS - 20 * 86400, 14 * 86400);
    Harness harness;
    harness.store_session(expired);
    harness.start("getCurrentUser");
    CHECK(request_token(only(harness.run(), "http")) == expired);
  }
}

TEST_CASE("Logout ends the session before the request, whatever happens to it", "[driver][logout]") {
  Harness harness;
  harness.store_session(kToken, json{{"id", "u-1"}});
  int op = harness.start("logout");
  auto actions = harness.run();
  CHECK(harness.storage.empty());
  CHECK(of_kind(actions, "event").at(0)["payload"]["loggedIn"] == false);
  json http = only(actions, "http");
  CHECK(request_token(http) == kToken);
  CHECK(http["request"]["method"] == "GET");

  SECTION("the network fails: still resolved") {
    harness.answer(http["id"], {{"fail", {{"errMsg", "request:fail"}}}});
    json settled = settlement(harness.run(), op);
    CHECK(settled["kind"] == "resolve");
    CHECK_FALSE(settled.contains("result"));
  }
  SECTION("later calls have no session") {
    int after = harness.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    CHECK(settlement(harness.run(), after)["error"]["code"] == 2020);
  }
  SECTION("an answer to a call sent before logout does not bring the user back") {
    Harness racing;
    racing.store_session(kToken, json{{"id", "u-1"}});
    racing.start("updateProfile", {{"updates", {{"nickname", "x"}}}});
    json update = only(racing.run(), "http");
    racing.start("logout");
    racing.run();
    racing.answer_json(update["id"], 200, graphql("updateUser", {{"id", "u-1"}, {"nickname", "x"}}));
    racing.run();
    CHECK(racing.storage.empty());
  }
  SECTION("without a session: storage is cleared and nothing is sent") {
    Harness empty;
    empty.storage["_authing_user"] = "garbage";
    int out = empty.start("logout");
    auto logout_actions = empty.run();
    CHECK(of_kind(logout_actions, "http").empty());
    CHECK(settlement(logout_actions, out)["kind"] == "resolve");
    CHECK(empty.storage.empty());
  }
}

TEST_CASE("Storage failures never lose a valid session", "[driver][storage]") {
  SECTION("a login whose writes fail still logs in for this run, and says so") {
    Harness harness;
    harness.fail_writes = true;
    int op = harness.start("loginByCode", {{"code", "c"}});
    json http = only(harness.run(), "http");
    harness.answer_json(http["id"], 200, login_answer(kToken));
    auto actions = harness.run();
    CHECK(settlement(actions, op)["kind"] == "resolve");
    auto events = of_kind(actions, "event");
    int storage_errors = 0;
    for (const json& event : events) storage_errors += event["name"] == "storageError";
    CHECK(storage_errors == 2);
    harness.start("getCurrentUser");
    CHECK(request_token(only(harness.run(), "http")) == kToken);
  }
  SECTION("a read that fails rejects with a storage error, and the next call reads again") {
    Harness harness;
    harness.store_session(kToken);
    harness.fail_reads = true;
    int op = harness.start("getCurrentUser");
    json reject = settlement(harness.run(), op);
    CHECK(reject["error"]["kind"] == "storage");
    CHECK(reject["error"]["code"] == "STORAGE_ERROR");
    harness.fail_reads = false;
    harness.start("getCurrentUser");
    CHECK(request_token(only(harness.run(), "http")) == kToken);
  }
}

TEST_CASE("Login, refresh and logout are announced as loginStateChange", "[driver][events]") {
  Harness harness;
  harness.start("loginByCode", {{"code", "c"}});
  json http = only(harness.run(), "http");
  harness.answer_json(http["id"], 200, login_answer(kToken));
  json event = only(harness.run(), "event");
  CHECK(event["name"] == "loginStateChange");
  CHECK(event["payload"] == json{{"loggedIn", true}, {"reason", "login"}, {"userId", "u-1"}});
  CHECK(event.dump().find(kToken) == std::string::npos);
}

TEST_CASE("A token given to the constructor replaces the stored one", "[driver][options]") {
  const std::string given = token_for("u-9", kNowS, 1209600);
  json options = default_options();
  options["token"] = given;
  Harness harness(options);
  harness.store_session(kToken, json{{"id", "u-1"}});
  harness.start("getCurrentUser");
  CHECK(request_token(only(harness.run(), "http")) == given);
  CHECK(harness.storage["_authing_token"] == given);
  CHECK(harness.storage.count("_authing_user") == 0);  // it was another user's
}

TEST_CASE("Calls the core cannot run are rejected, not dropped", "[driver][errors]") {
  SECTION("invalid options reject every call") {
    Harness harness(json{{"host", "https://x.cn"}});
    int op = harness.start("getCurrentUser");
    json reject = settlement(harness.run(), op);
    CHECK(reject["error"]["code"] == "INVALID_OPTIONS");
    CHECK(reject["error"]["kind"] == "argument");
  }
  SECTION("an unknown operation") {
    Harness harness;
    int op = harness.start("loginByPassword");
    CHECK(settlement(harness.run(), op)["error"]["code"] == "UNKNOWN_OPERATION");
  }
  SECTION("arguments that are not an object") {
    Harness harness;
    int op = harness.core.start("getCurrentUser", "[1,2]", harness.now);
    CHECK(settlement(harness.run(), op)["error"]["code"] == "INVALID_ARGUMENT");
  }
  SECTION("answers to actions nobody asked for are ignored") {
    Harness harness;
    harness.answer(999, {{"code", "x"}});
    harness.core.handle_http(998, 200, "{}", "{}", harness.now);
    CHECK(harness.run().empty());
  }
}

TEST_CASE("An unchanged user is not written to storage again", "[driver][storage]") {
  Harness harness;
  harness.store_session(kToken, {{"id", "u-1"}, {"nickname", "Bob"}});
  json same = graphql("user", {{"id", "u-1"}, {"nickname", "Bob"}});
  auto user_writes = [&] {
    int writes = 0;
    for (const json& action : harness.storage_log) writes += action["kind"] == "storage.set" && action["key"] == "_authing_user";
    return writes;
  };
  auto get_current_user = [&](const json& answer) {
    int op = harness.start("getCurrentUser");
    harness.answer_json(only(harness.run(), "http")["id"], 200, answer);
    CHECK(settlement(harness.run(), op)["kind"] == "resolve");
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

TEST_CASE("A result that is the stored user names its write instead of repeating it", "[driver][storage]") {
  Harness harness;
  harness.store_session(kToken, {{"id", "u-1"}, {"nickname", "Bob"}});

  SECTION("a profile update answered with storable fields only (the session's token among them) resolves from the write") {
    int op = harness.start("updateProfile", {{"updates", {{"nickname", "Mick"}}}});
    harness.answer_json(only(harness.run(), "http")["id"], 200,
                        graphql("updateUser", {{"id", "u-1"}, {"nickname", "Mick"}, {"token", kToken}}));
    json resolve = settlement(harness.run(), op);
    CHECK(resolve.value("resolvedFromWrite", false));
    CHECK(resolve["result"] == harness.storage["_authing_user"]);
    CHECK(resolve["result"]["nickname"] == "Mick");
  }
  SECTION("a field storage does not keep makes the result carry its own text") {
    int op = harness.start("updateProfile", {{"updates", {{"nickname", "Mick"}}}});
    harness.answer_json(only(harness.run(), "http")["id"], 200,
                        graphql("updateUser", {{"id", "u-1"}, {"nickname", "Mick"}, {"token", kToken}, {"customData", "x"}}));
    json resolve = settlement(harness.run(), op);
    CHECK_FALSE(resolve.value("resolvedFromWrite", false));
    CHECK(resolve["result"]["customData"] == "x");
    CHECK_FALSE(harness.storage["_authing_user"].contains("customData"));
  }
  SECTION("an unchanged user, not written again, still arrives whole") {
    int first = harness.start("updateProfile", {{"updates", {{"nickname", "Mick"}}}});
    harness.answer_json(only(harness.run(), "http")["id"], 200,
                        graphql("updateUser", {{"id", "u-1"}, {"nickname", "Mick"}, {"token", kToken}}));
    REQUIRE(settlement(harness.run(), first)["kind"] == "resolve");
    int again = harness.start("updateProfile", {{"updates", {{"nickname", "Mick"}}}});
    harness.answer_json(only(harness.run(), "http")["id"], 200,
                        graphql("updateUser", {{"id", "u-1"}, {"nickname", "Mick"}, {"token", kToken}}));
    json resolve = settlement(harness.run(), again);
    CHECK_FALSE(resolve.value("resolvedFromWrite", false));
    CHECK(resolve["result"]["nickname"] == "Mick");
  }
}
