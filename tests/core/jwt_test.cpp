#include "authing/jwt.h"

#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using authing::test::make_token;

TEST_CASE("JWT claims are decoded without checking the signature", "[jwt]") {
  SECTION("sub, exp, iat and userpool_id of an app token") {
    auto claims = authing::decode_claims(
        make_token({{"sub", "u-1"}, {"exp", 1700000000}, {"iat", 1690000000}, {"userpool_id", "pool-1"}}));
    REQUIRE(claims);
    CHECK(claims->subject == "u-1");
    CHECK(*claims->exp == 1700000000);
    CHECK(*claims->iat == 1690000000);
    CHECK(claims->user_pool_id == "pool-1");
  }
  SECTION("an older pool token carries the user in data.id") {
    auto claims = authing::decode_claims(
        make_token({{"data", {{"id", "u-2"}, {"userPoolId", "pool-2"}}}, {"exp", 1604501647}}));
    REQUIRE(claims);
    CHECK(claims->subject == "u-2");
    CHECK(claims->user_pool_id == "pool-2");
    CHECK_FALSE(claims->iat);
  }
  SECTION("claims of the wrong type are ignored") {
    auto claims = authing::decode_claims(make_token({{"sub", 7}, {"exp", "soon"}}));
    REQUIRE(claims);
    CHECK(claims->subject.empty());
    CHECK_FALSE(claims->exp);
  }
  SECTION("times beyond double range (1e400 reads as Infinity) are no times at all") {
    auto claims = authing::decode_claims(authing::test::make_token_from_text(
        R"({"sub":"u-1","iat":1699999940,"exp":1702E92000,"userpool_id":"pool-1"})"));
    REQUIRE(claims);
    CHECK_FALSE(claims->exp);
    CHECK(*claims->iat == 1699999940);
    auto negative = authing::decode_claims(authing::test::make_token_from_text(R"({"sub":"u-1","iat":-1e400})"));
    REQUIRE(negative);
    CHECK_FALSE(negative->iat);
  }
}

TEST_CASE("Text that is not a JWT has no claims", "[jwt][errors]") {
  const std::string rows[] = {
      "",
      "abc",
      "a.b",
      "a.b.c.d",
      "a.!!!.c",
      "a." + std::string("W10") + ".c",  // "[]": not an object
      "a.e30x.c",                        // length 5 (mod 4 == 1) cannot be base64
      "a.eyJzdWIiOiJ1.c",                // truncated JSON
  };
  for (const std::string& token : rows) {
    DYNAMIC_SECTION("token '" << token << "'") { CHECK_FALSE(authing::decode_claims(token)); }
  }
}

TEST_CASE("base64url decodes both alphabets, with or without padding", "[jwt][base64]") {
  CHECK(authing::base64url_decode("aGVsbG8") == std::string("hello"));
  CHECK(authing::base64url_decode("aGVsbG8=") == std::string("hello"));
  CHECK(authing::base64url_decode("-_-_") == authing::base64url_decode("+/+/"));
  CHECK(authing::base64url_decode("5Lit5paH") == std::string("中文"));
  CHECK_FALSE(authing::base64url_decode("a b"));
}
