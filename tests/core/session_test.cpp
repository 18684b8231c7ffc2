#include "authing/session.h"

#include <catch2/catch.hpp>
#include <limits>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "authing/user_fields.h"
#include "harness.h"

using authing::json;
using authing::test::token_for;

namespace {

json parsed(const std::string& text) {
  auto value = authing::parse_json(text);
  REQUIRE(value.has_value());
  return *value;
}

// What the session would write under the user key (a copy, so that a
// missing member reads as null instead of tripping an assertion).
json stored(const authing::Session& session) { return *authing::parse_json(session.stored_user()); }

// The member names of `interface <name> { ... }` in types/users.d.ts.
std::set<std::string> interface_fields(const std::string& name) {
  std::ifstream file(std::string(AUTHING_SOURCE_DIR) + "/types/users.d.ts");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  std::string source = text.str();
  std::string opening = "export interface " + name + " {";
  auto start = source.find(opening);
  REQUIRE(start != std::string::npos);
  std::string body =
      source.substr(start + opening.size(), source.find("\n}", start) - start - opening.size());
  std::set<std::string> fields;
  std::regex field(R"(^\s+(\w+)\??:)");
  std::stringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, field)) fields.insert(match[1]);
  }
  return fields;
}

}  // namespace

TEST_CASE("A session is restored from what storage holds", "[session][restore]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;

  SECTION("a v4 token and user: both adopted, the user rewritten without password and salt") {
    json v4_user = {
        {"id", "u-1"}, {"nickname", "Bob"}, {"token", token}, {"password", "hash"}, {"salt", "s"}};
    CHECK(session.restore(token, v4_user).rewrite_user);
    CHECK(session.token() == token);
    CHECK(session.user_id() == "u-1");
    CHECK(stored(session)["nickname"] == "Bob");
    CHECK_FALSE(stored(session).contains("password"));
    CHECK_FALSE(stored(session).contains("salt"));
  }
  SECTION("what the SDK itself stored is kept as is") {
    json own = {{"id", "u-1"}, {"nickname", "Bob"}, {"token", token}};
    CHECK_FALSE(session.restore(token, own).rewrite_user);
    CHECK(session.logged_in());
    CHECK(stored(session) == own);
  }
  SECTION("a token alone is a session") {
    CHECK_FALSE(session.restore(token, "").rewrite_user);
    CHECK(session.logged_in());
    CHECK(stored(session).is_null());
    CHECK(session.user_id() == "u-1");
  }
  SECTION("a token found only inside the stored user is used") {
    session.restore("", json{{"id", "u-1"}, {"token", token}});
    CHECK(session.token() == token);
  }
  SECTION("the stored user's token is made the session's own") {
    json stale = {{"id", "u-1"}, {"token", "an.old.token"}};
    CHECK(session.restore(token, stale).rewrite_user);
    CHECK(stored(session)["token"] == token);
  }
}

TEST_CASE("A torn pair (token and user of two sessions) is no session", "[session][restore][torn]") {
  const std::string token_a = token_for("u-1", 1700000000, 1209600);
  const std::string token_b = token_for("u-2", 1700000000, 1209600);
  const std::string refreshed_a = token_for("u-1", 1700001000, 1209600);
  struct Row {
    const char* what;
    std::string token;
    json user;
    bool torn;
  };
  const Row rows[] = {
      {"A's token beside B's user", token_a, {{"id", "u-2"}, {"token", token_b}}, true},
      {"A's token beside a user without id carrying B's token", token_a, {{"token", token_b}}, true},
      {"A's token beside B's id carrying A's token", token_a, {{"id", "u-2"}, {"token", token_a}}, true},
      {"opaque tokens that differ, no id to compare", "opaque-1", {{"token", "opaque-2"}}, true},
      {"A's refreshed token beside A's user with the older token", refreshed_a,
       {{"id", "u-1"}, {"token", token_a}}, false},
      {"an opaque token beside a user carrying it", "opaque-1", {{"id", "u-9"}, {"token", "opaque-1"}}, false},
      {"A's token beside A's user", token_a, {{"id", "u-1"}, {"token", token_a}}, false},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.what << (row.torn ? ": discarded" : ": believed")) {
      authing::Session session;
      CHECK(session.restore(row.token, row.user).torn == row.torn);
      CHECK(session.logged_in() == !row.torn);
      if (!row.torn) CHECK(session.token() == row.token);
    }
  }
}

TEST_CASE("A user older than the stored one is not taken", "[session][order]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;
  session.login(token, {{"id", "u-1"}, {"nickname", "new"}, {"updatedAt", "2026-12-06T10:00:00.500Z"}});
  SECTION("an older updatedAt, in any spelling Authing uses, is ignored") {
    for (const json& older : {json("2026-12-06T10:00:00.499Z"), json("2026-12-06T18:00:00+08:00"),
                              json(1796551200000.0)}) {
      CHECK_FALSE(session.update_user({{"id", "u-1"}, {"nickname", "old"}, {"updatedAt", older}}));
      CHECK(stored(session)["nickname"] == "new");
    }
  }
  SECTION("a newer or equal one is taken") {
    CHECK(session.update_user({{"id", "u-1"}, {"nickname", "newer"}, {"updatedAt", "2026-12-06T10:00:00.500Z"}}));
    CHECK(session.update_user({{"id", "u-1"}, {"nickname", "newest"}, {"updatedAt", "2026-12-06T18:00:01+08:00"}}));
    CHECK(stored(session)["nickname"] == "newest");
  }
  SECTION("without a readable updatedAt the answer is taken") {
    CHECK(session.update_user({{"id", "u-1"}, {"nickname", "plain"}}));
    CHECK(session.update_user({{"id", "u-1"}, {"nickname", "odd"}, {"updatedAt", "yesterday"}}));
    CHECK(stored(session)["nickname"] == "odd");
  }
  SECTION("an updatedAt beyond double range (1e400 reads as Infinity) is unreadable, and locks nothing") {
    CHECK(session.update_user(
        {{"id", "u-1"}, {"nickname", "far"}, {"updatedAt", std::numeric_limits<double>::infinity()}}));
    CHECK(session.update_user({{"id", "u-1"}, {"nickname", "after"}, {"updatedAt", "2026-12-06T10:00:01Z"}}));
    CHECK(stored(session)["nickname"] == "after");
  }
}

TEST_CASE("Restoring keeps what storage holds of one session", "[session][restore]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;
  SECTION("another user pool's session is not this client's, and is left for its own client") {
    const std::string other =
        authing::test::make_token({{"sub", "u-9"}, {"userpool_id", "pool-2"}, {"exp", 4e9}});
    CHECK_FALSE(session.restore(other, json{{"id", "u-9"}, {"token", other}}, "pool-1").torn);
    CHECK_FALSE(session.logged_in());
    CHECK(stored(session).is_null());
    CHECK(session.restore(token, json{{"id", "u-1"}, {"token", token}, {"salt", "s"}}, "pool-1").rewrite_user);
    CHECK(session.logged_in());
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
               {"token", "t.o.k"},
               {"identities", {{{"provider", "wechat"}, {"openid", "o-1"}, {"accessToken", "leak"}}}}};
  std::string id;
  json kept = *authing::parse_json(authing::storable_user_text(user, "s.e.ssion", &id));
  CHECK(id == "u-1");
  CHECK(kept["id"] == "u-1");
  CHECK(kept["nickname"] == "张三");
  CHECK(kept["token"] == "s.e.ssion");
  CHECK_FALSE(kept.contains("password"));
  CHECK_FALSE(kept.contains("salt"));
  CHECK_FALSE(kept.contains("secretKey"));
  CHECK(kept["identities"][0]["openid"] == "o-1");
  CHECK_FALSE(kept["identities"][0].contains("accessToken"));

  SECTION("callers get everything but password and salt") {
    json returned = authing::without_secrets(user);
    CHECK(returned.contains("secretKey"));
    CHECK(returned["token"] == "t.o.k");
    CHECK_FALSE(returned.contains("password"));
    CHECK_FALSE(returned.contains("salt"));
  }
}

TEST_CASE("No password or salt is stored at any depth, under any spelling JSON allows", "[session][storage]") {
  // Escaped key names decode to the same names, so they are caught as well.
  auto parsed = authing::parse_json(R"({"id":"u-1",
    "profile":{"bio":"hi","password":"p1","nested":[{"salt":"s1","keep":1}]},
    "address":{"pass\u0077ord":"p2","city":"SZ"},
    "identities":[{"provider":{"name":"wechat","salt":"s2"},"openid":"o-1"}]})");
  REQUIRE(parsed.has_value());
  std::string text = authing::storable_user_text(*parsed, "s.e.ssion");
  for (std::string secret : {"p1", "p2", "s1", "s2", "password", "salt"}) {
    INFO(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
  json kept = *authing::parse_json(text);
  CHECK(kept["profile"]["bio"] == "hi");
  CHECK(kept["profile"]["nested"][0]["keep"] == 1);
  CHECK(kept["address"]["city"] == "SZ");
  CHECK(kept["identities"][0]["provider"]["name"] == "wechat");
}

TEST_CASE("A stored user keeps the answer's order, with the session's token", "[session][storage][json]") {
  struct Row {
    const char* user;
    const char* stored;  // with the token "T"
  };
  const Row rows[] = {
      {R"({ "nickname" : "Bob", "id":"u-1", "loginsCount": 15 })",
       R"({"nickname":"Bob","id":"u-1","loginsCount":15,"token":"T"})"},
      // The token is replaced where it stands; a repeated key keeps its first place and last value, as
      // JSON.parse does.
      {R"({"token":"old","id":"u-1","token":"older"})", R"({"token":"T","id":"u-1"})"},
      // Escaped keys are matched by what they spell.
      {R"({"pass\u0077ord":"x","nick\u006eame":"N"})", R"({"nickname":"N","token":"T"})"},
      // Identities: objects only, storable fields only; anything else is [].
      {R"({"identities":[{"openid":"o","accessToken":"a"},3,{"provider":"p"}]})",
       R"({"identities":[{"openid":"o"},{"provider":"p"}],"token":"T"})"},
      {R"({"identities":{"openid":"o"}})", R"({"identities":[],"token":"T"})"},
      // Nested values are copied whole; unknown fields are not.
      {R"({"address":{"a":[1,{"b":"}"}]},"unknown":[{"x":1}]})",
       R"({"address":{"a":[1,{"b":"}"}]},"token":"T"})"},
      {R"({})", R"({"token":"T"})"},
      {R"([1])", "null"},
      {R"("user")", "null"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.user) { CHECK(authing::storable_user_text(parsed(row.user), "T") == row.stored); }
  }
}

TEST_CASE("Session changes keep the token the session owns", "[session]") {
  const std::string token = token_for("u-1", 1700000000, 1209600);
  authing::Session session;
  session.login(token, json{{"id", "u-1"}, {"token", token}});

  SECTION("a profile answer's token field never replaces the session token") {
    session.update_user(json{{"id", "u-1"}, {"nickname", "Mick"}, {"token", "issued.elsewhere.x"}});
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
    CHECK(stored(session).is_null());
    CHECK(session.user_id().empty());
  }
}

TEST_CASE("The User type in types/users.d.ts names exactly the fields the session stores", "[session][typings]") {
  std::set<std::string> expected(authing::kUserFields.begin(), authing::kUserFields.end());
  expected.insert(std::string(authing::kIdentitiesField));
  CHECK(interface_fields("User") == expected);
  CHECK(interface_fields("Identity") ==
        std::set<std::string>(authing::kIdentityFields.begin(), authing::kIdentityFields.end()));
}

TEST_CASE("The UpdateProfileInput type in types/users.d.ts names exactly what updateProfile may send",
          "[session][typings]") {
  CHECK(interface_fields("UpdateProfileInput") ==
        std::set<std::string>(authing::kUpdatableFields.begin(), authing::kUpdatableFields.end()));
}
