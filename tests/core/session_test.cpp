#include "authing/session.h"

#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using authing::JsonView;
using authing::test::token_for;

namespace {

// What the session would write under the user key, read back.
json stored(const authing::Session& session) { return json::parse(session.stored_user()); }

JsonView view(const std::string& text) { return *JsonView::of(text); }

}  // namespace

TEST_CASE("A session is restored from what storage holds", "[session][restore]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;

  SECTION("a v4 token and user: both adopted, the user rewritten without password and salt") {
    json v4_user = {
        {"id", "u-1"}, {"nickname", "Bob"}, {"token", token}, {"password", "hash"}, {"salt", "s"}};
    CHECK(session.restore(token, v4_user));
    CHECK(session.token() == token);
    CHECK(session.user_id() == "u-1");
    CHECK(stored(session)["nickname"] == "Bob");
    CHECK_FALSE(stored(session).contains("password"));
    CHECK_FALSE(stored(session).contains("salt"));
  }
  SECTION("what the SDK itself stored is kept as is") {
    json own = {{"id", "u-1"}, {"nickname", "Bob"}, {"token", token}};
    CHECK_FALSE(session.restore(token, own));
    CHECK(session.logged_in());
    CHECK(stored(session) == own);
  }
  SECTION("a token alone is a session") {
    CHECK_FALSE(session.restore(token, ""));
    CHECK(session.logged_in());
    CHECK(stored(session).is_null());
    CHECK(session.user_id() == "u-1");
  }
  SECTION("a token found only inside the stored user is used") {
    session.restore("", json{{"id", "u-1"}, {"token", token}});
    CHECK(session.token() == token);
  }
  SECTION("a stored user of someone else than the token's subject is dropped") {
    CHECK(session.restore(token, json{{"id", "u-2"}, {"token", token}}));
    CHECK(session.logged_in());
    CHECK(stored(session).is_null());
  }
  SECTION("another user pool's session is not this client's, and is left for its own client") {
    const std::string other = authing::test::make_token({{"sub", "u-9"}, {"userpool_id", "pool-2"}, {"exp", 4e9}});
    CHECK_FALSE(session.restore(other, json{{"id", "u-9"}, {"token", other}}, "pool-1"));
    CHECK_FALSE(session.logged_in());
    CHECK(stored(session).is_null());
    CHECK(session.restore(token, json{{"id", "u-1"}, {"token", token}, {"salt", "s"}}, "pool-1"));
    CHECK(session.logged_in());
  }
  SECTION("the stored user's token is made the session's own") {
    json stale = {{"id", "u-1"}, {"token", "an.old.token"}};
    CHECK(session.restore(token, stale));
    CHECK(stored(session)["token"] == token);
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
  const std::string user = json{{"id", "u-1"},
                                {"nickname", "张三"},
                                {"password", "hash"},
                                {"salt", "s"},
                                {"secretKey", "x"},
                                {"token", "t.o.k"},
                                {"identities", {{{"provider", "wechat"}, {"openid", "o-1"}, {"accessToken", "leak"}}}}}
                               .dump();
  std::string id;
  json kept = json::parse(authing::storable_user_text(view(user), "s.e.ssion", &id));
  CHECK(kept["id"] == "u-1");
  CHECK(id == "u-1");
  CHECK(kept["nickname"] == "张三");
  CHECK(kept["token"] == "s.e.ssion");
  CHECK_FALSE(kept.contains("password"));
  CHECK_FALSE(kept.contains("salt"));
  CHECK_FALSE(kept.contains("secretKey"));
  CHECK(kept["identities"][0]["openid"] == "o-1");
  CHECK_FALSE(kept["identities"][0].contains("accessToken"));

  SECTION("callers get everything but password and salt") {
    json returned = json::parse(authing::without_secrets_text(view(user)));
    CHECK(returned.contains("secretKey"));
    CHECK(returned["token"] == "t.o.k");
    CHECK_FALSE(returned.contains("password"));
    CHECK_FALSE(returned.contains("salt"));
  }
}

TEST_CASE("Users are projected from their text as it arrived", "[session][storage][json]") {
  struct Row {
    const char* user;
    const char* stored;  // with the token "T"
  };
  const Row rows[] = {
      // Order, spacing and number spelling are the answer's own.
      {R"({ "nickname" : "Bob", "id":"u-1", "loginsCount": 1.50e1 })",
       R"({"nickname":"Bob","id":"u-1","loginsCount":1.50e1,"token":"T"})"},
      // The token is replaced where it stands, once.
      {R"({"token":"old","id":"u-1","token":"older"})", R"({"token":"T","id":"u-1"})"},
      // Escaped keys are matched by what they spell, and copied as they came.
      {R"({"pass\u0077ord":"x","nick\u006eame":"N"})", R"({"nick\u006eame":"N","token":"T"})"},
      // Strings holding brackets, quotes and escapes do not end a value early.
      {R"({"photo":"a}\"],{\\","salt":"s","id":"u-\u4e2d"})", R"({"photo":"a}\"],{\\","id":"u-\u4e2d","token":"T"})"},
      // Identities: objects only, storable fields only; anything else is [].
      {R"({"identities":[{"openid":"o","accessToken":"a"},3,{"provider":"p"}]})",
       R"({"identities":[{"openid":"o"},{"provider":"p"}],"token":"T"})"},
      {R"({"identities":{"openid":"o"}})", R"({"identities":[],"token":"T"})"},
      // Nested values are copied whole, whatever they hold.
      {R"({"address":{"a":[1,{"b":"}"}]},"unknown":[{"x":1}]})", R"({"address":{"a":[1,{"b":"}"}]},"token":"T"})"},
      {R"({})", R"({"token":"T"})"},
      {R"([1])", "null"},
      {R"("user")", "null"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.user) {
      std::string text = row.user;
      CHECK(authing::storable_user_text(view(text), "T") == row.stored);
      // The same members a tree would keep, whatever the text looked like.
      json tree = json::parse(text);
      if (tree.is_object()) {
        json returned = json::parse(authing::without_secrets_text(view(text)));
        tree.erase("password");
        tree.erase("salt");
        CHECK(returned == tree);
      }
    }
  }
}

TEST_CASE("Users without secrets are handed back as they arrived", "[session][json]") {
  const std::string user = R"({ "id":"u-1", "nickname" : "Bob", "photo":"https:\/\/p", "id":"u-2" })";
  CHECK(authing::without_secrets_text(view(user)) == user);
  // A secret's name anywhere, even inside a value, or any \u escape, means a
  // member walk: the copy is then rebuilt member by member.
  for (const char* text : {R"({"id":"u-1","note":"no password here"})", R"({"id":"u-1","nick":"\u5f20"})"}) {
    DYNAMIC_SECTION(text) {
      std::string walked = authing::without_secrets_text(view(text));
      CHECK(json::parse(walked) == json::parse(text));
    }
  }
}

TEST_CASE("Session changes keep the token the session owns", "[session]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;
  const std::string first_user = json{{"id", "u-1"}, {"token", token}}.dump();
  session.login(token, view(first_user));

  SECTION("a profile answer's token field never replaces the session token") {
    const std::string answer = json{{"id", "u-1"}, {"nickname", "Mick"}, {"token", "issued.elsewhere.x"}}.dump();
    session.update_user(view(answer));
    CHECK(session.token() == token);
    CHECK(stored(session)["token"] == token);
    CHECK(stored(session)["nickname"] == "Mick");
  }
  SECTION("a refresh replaces the token, in the stored user too") {
    const std::string fresh = token_for("u-1", 1700000100, 1209600);
    session.replace_token(fresh);
    CHECK(session.token() == fresh);
    CHECK(stored(session)["token"] == fresh);
    CHECK(session.user_id() == "u-1");
  }
  SECTION("clear forgets everything") {
    session.clear();
    CHECK_FALSE(session.logged_in());
    CHECK(session.stored_user() == "null");
    CHECK(session.user_id().empty());
  }
}
