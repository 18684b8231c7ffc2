#include "authing/config.h"

#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;

TEST_CASE("Options resolve to one base URL", "[config][base-url]") {
  struct Row {
    json options;
    std::string base_url;
  };
  const Row rows[] = {
      {{{"userPoolId", "p"}}, "https://core.authing.cn"},
      {{{"userPoolId", "p"}, {"host", "https://example.authing.cn/"}}, "https://example.authing.cn"},
      {{{"userPoolId", "p"}, {"host", "https://a.cn"}, {"appHost", "https://b.cn//"}}, "https://b.cn"},
      {{{"userPoolId", "p"}, {"appHost", "https://b.cn/prefix/"}}, "https://b.cn/prefix"},
      {{{"userPoolId", "p"}, {"host", "http://127.0.0.1:3000"}}, "http://127.0.0.1:3000"},
      {{{"userPoolId", "p"}, {"host", "http://localhost:3000/"}}, "http://localhost:3000"},
      {{{"userPoolId", "p"}, {"host", "http://[::1]:8080"}}, "http://[::1]:8080"},
      {{{"appId", "a"}, {"host", "https://x.cn"}}, "https://x.cn"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION("options " << row.options.dump()) {
      auto config = authing::parse_config(row.options.dump());
      REQUIRE(config.ok());
      CHECK(config.value().base_url == row.base_url);
    }
  }
}

TEST_CASE("Unusable options are argument errors, usable ones are not", "[config][errors]") {
  // tests/fixtures/options.json: the constructor's own check must agree on every row.
  json fixture = authing::test::load_fixture("options.json");
  for (const json& options : fixture["invalid"]) {
    DYNAMIC_SECTION("refused: " << options.dump()) {
      auto config = authing::parse_config(options.dump());
      REQUIRE_FALSE(config.ok());
      CHECK(config.error().kind == authing::ErrorKind::Argument);
      CHECK(config.error().code == "INVALID_OPTIONS");
    }
  }
  for (const json& options : fixture["valid"]) {
    DYNAMIC_SECTION("accepted: " << options.dump()) { CHECK(authing::parse_config(options.dump()).ok()); }
  }
  SECTION("text that is not JSON") { CHECK_FALSE(authing::parse_config("{userPoolId:").ok()); }
}

TEST_CASE("Timeout, lang and token options are read", "[config]") {
  auto config = authing::parse_config(
      json{{"userPoolId", "p"}, {"timeout", 2500}, {"lang", "en-US"}, {"accessToken", "tok"}}.dump());
  REQUIRE(config.ok());
  CHECK(config.value().timeout_ms == 2500);
  CHECK(config.value().lang == "en-US");
  CHECK(config.value().message_lang == authing::Lang::English);
  REQUIRE(config.value().token.has_value());
  CHECK(*config.value().token == "tok");

  SECTION("token wins over its alias accessToken") {
    auto both = authing::parse_config(json{{"userPoolId", "p"}, {"token", "a"}, {"accessToken", "b"}}.dump());
    REQUIRE(both.ok());
    CHECK(*both.value().token == "a");
  }
  SECTION("the default timeout is 10 seconds") {
    auto plain = authing::parse_config(json{{"userPoolId", "p"}}.dump());
    REQUIRE(plain.ok());
    CHECK(plain.value().timeout_ms == 10000);
    CHECK(plain.value().message_lang == authing::Lang::Chinese);
  }
}
