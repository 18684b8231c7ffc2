#include "authing/http.h"

#include <catch2/catch.hpp>

#include "authing/action.h"
#include "authing/operations/common.h"

using authing::json;

namespace {

authing::Config config_with(const json& options) {
  auto config = authing::parse_config(options.dump());
  REQUIRE(config.ok());
  return config.value();
}

std::string header(const authing::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

}  // namespace

TEST_CASE("Every request carries the SDK headers", "[http][headers]") {
  auto config = config_with({{"userPoolId", "pool-1"}, {"appId", "app-1"}, {"lang", "en-US"}});
  auto request = authing::make_request(config, "POST", "/graphql/v2", "tok.en.x");
  CHECK(request.url == "https://core.authing.cn/graphql/v2");
  CHECK(header(request, "content-type") == "application/json");
  CHECK(header(request, "x-authing-sdk-version") == "wxapp:" AUTHING_SDK_VERSION);
  CHECK(header(request, "x-authing-userpool-id") == "pool-1");
  CHECK(header(request, "x-authing-request-from") == "wxapp");
  CHECK(header(request, "x-authing-app-id") == "app-1");
  CHECK(header(request, "x-authing-lang") == "en-US");
  CHECK(header(request, "Authorization") == "Bearer tok.en.x");
  CHECK(request.timeout_ms == 10000);
  CHECK(request.carries_token());

  SECTION("no Authorization without a session, no x-authing-lang without lang") {
    auto plain = authing::make_request(config_with({{"userPoolId", "pool-1"}}), "GET", "/x", "");
    CHECK(header(plain, "Authorization") == "<absent>");
    CHECK(header(plain, "x-authing-lang") == "<absent>");
    CHECK_FALSE(plain.carries_token());
  }
}

TEST_CASE("Transport failures are classified by errno and errMsg", "[http][transport]") {
  struct Row {
    json fail;
    authing::ErrorKind fallback;
    authing::ErrorKind kind;
    std::string code;
  };
  using K = authing::ErrorKind;
  const Row rows[] = {
      {{{"errMsg", "request:fail timeout"}, {"errno", 5}}, K::Network, K::Timeout, "TIMEOUT"},
      {{{"errMsg", "request:fail time out"}}, K::Network, K::Timeout, "TIMEOUT"},
      {{{"errMsg", "request:fail 请求超时"}}, K::Network, K::Timeout, "TIMEOUT"},
      {{{"errMsg", "request:fail ECONNREFUSED"}, {"errno", 600001}}, K::Network, K::Network, "NETWORK_ERROR"},
      {{{"errMsg", "request:fail url not in domain list"}}, K::Network, K::Network, "NETWORK_ERROR"},
      {{{"errMsg", "login:fail privacy permission is not authorized"}, {"errno", 104}},
       K::Wechat,
       K::Privacy,
       "PRIVACY_NOT_AUTHORIZED"},
      {{{"errMsg", "login:fail api scope is not declared in the privacy agreement"}, {"errno", 112}},
       K::Wechat,
       K::Privacy,
       "PRIVACY_API_NOT_DECLARED"},
      {{{"errMsg", "login:fail system error"}}, K::Wechat, K::Wechat, "WX_LOGIN_FAILED"},
      {json::object(), K::Network, K::Network, "NETWORK_ERROR"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION("fail " << row.fail.dump()) {
      auto fallback_code = row.fallback == K::Wechat ? authing::code::kWxLogin : authing::code::kNetwork;
      auto error = authing::transport_error(row.fail, authing::Lang::Chinese, row.fallback, fallback_code);
      CHECK(error.kind == row.kind);
      CHECK(error.code == row.code);
      CHECK_FALSE(error.message.empty());
    }
  }
}

TEST_CASE("URL parts are percent-encoded", "[http][url]") {
  CHECK(authing::percent_encode("app-1_x.y~z") == "app-1_x.y~z");
  CHECK(authing::percent_encode("a b&c=d/e?") == "a%20b%26c%3Dd%2Fe%3F");
  CHECK(authing::percent_encode("中") == "%E4%B8%AD");
}

TEST_CASE("Requests stay at the configured Authing origin, whatever the path", "[http][security][token]") {
  auto config = config_with({{"userPoolId", "pool-1"}, {"host", "https://core.authing.cn/"}});
  for (const char* path : {"/api/v2/upload", "api", "@evil.example/x", "//evil.example/x", ".evil.example/",
                           ":8443/x", "?next=https://evil.example/", "", "\\evil.example"}) {
    DYNAMIC_SECTION(path) {
      auto request = authing::make_request(config, "POST", path, "tok.en.x");
      CHECK(request.url.rfind("https://core.authing.cn/", 0) == 0);
      CHECK(request.carries_token());
    }
  }
}

TEST_CASE("Every http action carries the response size limit", "[http][limits]") {
  auto request = authing::make_request(config_with({{"userPoolId", "pool-1"}}), "GET", "/x", "");
  json action = *authing::parse_json(authing::action_text(authing::action::Http{1, request}));
  CHECK(action["request"]["maxBodyBytes"] == authing::kMaxResponseBytes);
  CHECK(authing::kMaxResponseBytes == 2 * 1024 * 1024);
}

TEST_CASE("A GraphQL request posts its document and variables as JSON", "[http][graphql]") {
  authing::Config config = config_with({{"userPoolId", "pool-1"}});
  authing::Session session;
  authing::OpContext ctx{config, session};
  const json variables[] = {json::object(), json{{"id", "u-1"}, {"input", {{"nickname", "张三 \"Bob\"\n"}}}}};
  for (const json& vars : variables) {
    DYNAMIC_SECTION(vars.dump()) {
      authing::HttpRequest request = authing::ops::graphql_request(ctx, "query q { q }", vars);
      CHECK(request.method == "POST");
      CHECK(request.url == "https://core.authing.cn/graphql/v2");
      REQUIRE(request.body);
      auto body = authing::parse_json(*request.body);
      REQUIRE(body);
      CHECK((*body)["variables"] == vars);
      CHECK((*body)["query"] == "query q { q }");
    }
  }
}
