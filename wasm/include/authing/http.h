// What goes on the wire and what comes back, independent of any operation.
//
// Requests: one base URL, the same headers on every call (REST and GraphQL).
// Answers: the HTTP status is checked first, the body is parsed once, and every
// way an answer can be unusable maps to one typed Error.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "authing/config.h"
#include "authing/error.h"
#include "authing/json.h"
#include "authing/json_view.h"
#include "authing/result.h"

namespace authing {

// Larger answers are refused (http, RESPONSE_TOO_LARGE) without being parsed;
// each http action carries the limit, so the driver need not even pass them in.
inline constexpr std::size_t kMaxResponseBytes = 2 * 1024 * 1024;

struct HttpRequest {
  std::string method;
  std::string url;
  // Names are string literals: only values are built per request.
  std::vector<std::pair<std::string_view, std::string>> headers;
  std::optional<std::string> body;  // JSON text
  // The body as a JSON string literal, when its builder wrote it escaped
  // already (GraphQL documents are long and constant: escaped once).
  std::optional<std::string> body_literal;
  int timeout_ms = kDefaultTimeoutMs;

  // The request's members, as the http action's `request` object holds them.
  void write_members(ObjectWriter& out) const;
  // Bytes an action carrying this request takes, about: a writer's capacity.
  std::size_t json_size_hint() const;
  // Whether the request carries an Authorization header.
  bool carries_token() const;
};

struct HttpResponse {
  int status = 0;
  // The driver's header object, as JSON text: read only when an error needs
  // x-request-id, so a successful answer never parses it.
  std::string headers_json = "{}";
  std::string body;
  // The large containers of `body`, recorded when the answer readers check
  // it, for the views they hand out (which live no longer than the answer).
  mutable ContainerEnds body_ends;
};

// A request to `path` under the configured base URL with the common headers
// (and the bearer token when `token` is not empty).
HttpRequest make_request(const Config& config, std::string_view method, std::string_view path,
                         std::string_view token);

// A request to an absolute URL (one a server handed out, for example). The
// token goes only to the configured base URL's origin: anywhere else the
// request leaves without it.
HttpRequest make_request_to(const Config& config, std::string_view method, std::string_view url,
                            std::string_view token);

// "scheme://host[:port]" of an http(s) URL, lower-cased; empty when the URL is
// not http(s) or names credentials (user@host), which never match an origin.
std::string url_origin(std::string_view url);

// Percent-encodes a query or path component (RFC 3986 unreserved kept).
std::string percent_encode(std::string_view text);

// A wx.request / wx.login failure outcome ({errMsg, errno}) as an Error:
// timeout, privacy or network.
Error transport_error(const json& fail, Lang lang, ErrorKind fallback = ErrorKind::Network);

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

// The same two, for a value the caller only copies on (a user): a view of
// it in the answer's body (valid while `response` is), found without a tree.
// Answers that are not a success are read by the functions above, so they
// fail exactly alike.
Result<JsonView> read_rest_answer_view(const HttpResponse& response, Lang lang);
Result<JsonView> read_graphql_answer_view(const HttpResponse& response, std::string_view field, Lang lang);

}  // namespace authing
