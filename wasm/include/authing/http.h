// What goes on the wire and what comes back, independent of any operation.
//
// Requests: one base URL, the same headers on every call (REST and GraphQL).
// Answers: the HTTP status is checked first, the body is parsed once, and every
// way an answer can be unusable maps to one typed Error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "authing/config.h"
#include "authing/error.h"
#include "authing/json.h"
#include "authing/result.h"

namespace authing {

// Larger answers are refused (http, RESPONSE_TOO_LARGE) without being parsed;
// each http action carries the limit, so the driver need not even pass them in.
inline constexpr std::size_t kMaxResponseBytes = 2 * 1024 * 1024;

struct HttpRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;  // JSON text
  int timeout_ms = kDefaultTimeoutMs;

  // Whether the request carries an Authorization header.
  bool carries_token() const;
};

struct HttpResponse {
  int status = 0;
  json headers = json::object();
  std::string body;
};

// A request to `path` (under the configured base URL, so always at its origin)
// with the common headers, and the bearer token when `token` is not empty.
HttpRequest make_request(const Config& config, std::string_view method, std::string_view path,
                         std::string_view token);

// The same with a JSON body.
HttpRequest make_json_request(const Config& config, std::string_view method, std::string_view path,
                              std::string_view token, const json& body);

// Percent-encodes a query or path component (RFC 3986 unreserved kept).
std::string percent_encode(std::string_view text);

// A wx API's failure outcome ({errMsg, errno}) as an Error: timeout,
// privacy, or else `fallback` with `fallback_code` (network for wx.request;
// a need's own kind and code otherwise).
Error transport_error(const json& fail, Lang lang, ErrorKind fallback = ErrorKind::Network,
                      std::string_view fallback_code = code::kNetwork);

// An HTTP answer that is not what the operation expects (kind http,
// BAD_RESPONSE), with `detail` saying what was wrong.
Error bad_response(const HttpResponse& response, Lang lang, std::string_view detail);

// An answer over kMaxResponseBytes (kind http, RESPONSE_TOO_LARGE); `length`
// is what the driver measured, 0 when unknown.
Error response_too_large(int status, std::size_t length, Lang lang);

// REST v2 answer: the envelope's `data` when its code is 200 (v3's
// `statusCode` is accepted too), else the Error it stands for.
Result<json> read_rest_answer(const HttpResponse& response, Lang lang);

// GraphQL answer: `data.<field>` (which may be null), else the Error of the
// first entry of `errors`.
Result<json> read_graphql_answer(const HttpResponse& response, std::string_view field, Lang lang);

}  // namespace authing
