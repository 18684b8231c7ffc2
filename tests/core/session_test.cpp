#include "authing/session.h"

#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using authing::test::token_for;

TEST_CASE("A session is restored from what storage holds", "[session][restore]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;

  SECTION("a v4 token and user: both adopted, the user rewritten without password and salt") {
    json v4_user = {
        {"id", "u-1"}, {"nickname", "Bob"}, {"token", token}, {"password", "hash"}, {"salt", "s"}};
    CHECK(session.restore(token, v4_user));
    CHECK(session.token() == token);
    CHECK(session.user_id() == "u-1");
    CHECK(session.user()["nickname"] == "Bob");
    CHECK_FALSE(session.user().contains("password"));
    CHECK_FALSE(session.user().contains("salt"));
  }
  SECTION("what the SDK itself stored is kept as is") {
    json stored = {{"id", "u-1"}, {"nickname", "Bob"}, {"token", token}};
    CHECK_FALSE(session.restore(token, stored));
    CHECK(session.logged_in());
  }
  SECTION("a token alone is a session") {
    CHECK_FALSE(session.restore(token, ""));
    CHECK(session.logged_in());
    CHECK(session.user().is_null());
    CHECK(session.user_id() == "u-1");
  }
  SECTION("a token found only inside the stored user is used") {
    session.restore("", json{{"id", "u-1"}, {"token", token}});
    CHECK(session.token() == token);
  }
  SECTION("a stored user of someone else than the token's subject is dropped") {
    CHECK(session.restore(token, json{{"id", "u-2"}, {"token", token}}));
    CHECK(session.logged_in());
    CHECK(session.user().is_null());
  }
  SECTION("another user pool's session is not this client's, and is left for its own client") {
    const std::string other = authing::test::make_token({{"sub", "u-9"}, {"userpool_id", "pool-2"}, {"exp", 4e9}});
    CHECK_FALSE(session.restore(other, json{{"id", "u-9"}, {"token", other}}, "pool-1"));
    CHECK_FALSE(session.logged_in());
    CHECK(session.user().is_null());
    CHECK(session.restore(token, json{{"id", "u-1"}, {"token", token}, {"salt", "s"}}, "pool-1"));
    CHECK(session.logged_in());
  }
  SECTION("the stored user's token is made the session's own") {
    json stale = {{"id", "u-1"}, {"token", "an.old.token"}};
    CHECK(session.restore(token, stale));
    CHECK(session.user()["token"] == token);
  }
}

TEST_CASE("Values of the wrong shape in storage are no session", "[session][restore][errors]") {
  const json rows[] = {"",        42,           json::array(), json::object(),
                       true,      "with space", "line\nbreak", std::string(20000, 'a'),
                       "中文令牌"};
  for (const json& value : rows) {
    DYNAMIC_SECTION("token " << value.dump().substr(0, 40)) {
      authing::Session session;
      session.restore(value, "");
      CHECK_FALSE(session.logged_in());
    }
  }
}

TEST_CASE("Only an allow-listed projection of a user is stored", "[session][storage]") {
  json user = {{"id", "u-1"},
               {"nickname", "张三"},
               {"password", "hash"},
               {"salt", "s"},
               {"secretKey", "x"},
               {"identities", {{{"provider", "wechat"}, {"openid", "o-1"}, {"accessToken", "leak"}}}}};
  json stored = authing::storable_user(user);
  CHECK(stored["id"] == "u-1");
  CHECK(stored["nickname"] == "张三");
  CHECK_FALSE(stored.contains("password"));
  CHECK_FALSE(stored.contains("salt"));
  CHECK_FALSE(stored.contains("secretKey"));
  CHECK(stored["identities"][0]["openid"] == "o-1");
  CHECK_FALSE(stored["identities"][0].contains("accessToken"));

  SECTION("callers get everything but password and salt") {
    json returned = authing::without_secrets(user);
    CHECK(returned.contains("secretKey"));
    CHECK_FALSE(returned.contains("password"));
    CHECK_FALSE(returned.contains("salt"));
  }
}

TEST_CASE("Session changes keep the token the session owns", "[session]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;
  session.login(token, json{{"id", "u-1"}, {"token", token}});

  SECTION("a profile answer's token field never replaces the session token") {
    session.update_user(json{{"id", "u-1"}, {"nickname", "Mick"}, {"token", "issued.elsewhere.x"}});
    CHECK(session.token() == token);
    CHECK(session.stored_user()["token"] == token);
    CHECK(session.stored_user()["nickname"] == "Mick");
  }
  SECTION("a refresh replaces the token, in the stored user too") {
    const std::string fresh = token_for("u-1", 1700000100, 1209600);
    session.replace_token(fresh);
    CHECK(session.token() == fresh);
    CHECK(session.stored_user()["token"] == fresh);
  }
  SECTION("clear forgets everything") {
    session.clear();
    CHECK_FALSE(session.logged_in());
    CHECK(session.stored_user().is_null());
  }
}
