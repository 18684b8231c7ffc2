#include "authing/http.h"

#include <algorithm>
#include <array>
#include <cctype>

#ifndef AUTHING_SDK_VERSION
#error "AUTHING_SDK_VERSION must be defined by the build (from package.json)"
#endif

namespace authing {
namespace {

// WeChat's own refusals of a login code, passed through Authing's envelope.
constexpr std::array<int, 4> kWechatCodes{40029, 40163, 40226, 45011};

// wx errno values for the privacy agreement (not authorised / not declared).
constexpr std::array<int, 2> kPrivacyErrnos{104, 112};
constexpr int kTimeoutErrno = 5;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

// errMsg text from wx, kept short and printable before it reaches a message.
std::string clean_detail(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 200)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  return out;
}

std::optional<std::string> header_value(const HttpResponse& response, std::string_view name) {
  std::optional<json> headers = parse_json(response.headers_json);
  if (!headers || !headers->is_object()) return std::nullopt;
  for (auto it = headers->begin(); it != headers->end(); ++it) {
    if (lowercase(it.key()) == name && it.value().is_string()) return it.value().get<std::string>();
  }
  return std::nullopt;
}

bool is_success_status(int status) { return status >= 200 && status < 300; }

Error http_status_error(const HttpResponse& response, Lang lang) {
  std::string status = "HTTP ";
  append_integer(status, static_cast<long long>(response.status));
  Error error = sdk_error(ErrorKind::Http, code::kHttp, lang, status);
  error.status_code = response.status;
  error.request_id = header_value(response, "x-request-id");
  return error;
}

// An error built from what Authing said: `code`/`apiCode`, `message`, `data`.
Error api_error(const json& api_code, const json& body, const HttpResponse& response) {
  Error error;
  error.code = api_code;
  error.api_code = api_code;
  error.kind = ErrorKind::Api;
  for (int wechat : kWechatCodes) {
    if (api_code.get<double>() == wechat) error.kind = ErrorKind::Wechat;
  }
  error.message = string_member(body, "message").value_or("");
  if (error.message.empty()) error.message = dump_json(api_code);
  if (const json* data = member(body, "data")) error.data = *data;
  error.status_code = response.status;
  error.request_id = string_member(body, "requestId");
  if (!error.request_id) error.request_id = header_value(response, "x-request-id");
  return error;
}

}  // namespace

Error bad_response(const HttpResponse& response, Lang lang, std::string_view detail) {
  Error error = sdk_error(ErrorKind::Http, code::kBadResponse, lang, detail);
  error.status_code = response.status;
  return error;
}

namespace {

// A body parse_json refused; the second scan runs only on this failure path.
Error unparsable(const HttpResponse& response, Lang lang) {
  return bad_response(response, lang,
                      nesting_exceeds(response.body, kMaxJsonDepth) ? "JSON nested too deeply" : "not JSON");
}

}  // namespace

Error response_too_large(int status, std::size_t length, Lang lang) {
  std::string detail;
  if (length > 0) {
    append_integer(detail, static_cast<unsigned long long>(length));
    detail += " bytes, ";
  }
  detail += "limit ";
  append_integer(detail, static_cast<unsigned long long>(kMaxResponseBytes));
  detail += " bytes";
  Error error = sdk_error(ErrorKind::Http, code::kResponseTooLarge, lang, detail);
  if (status > 0) error.status_code = status;
  return error;
}

void HttpRequest::write_members(ObjectWriter& out) const {
  out.string("method", method).string("url", url).object("headers");
  for (const auto& [name, value] : headers) out.string(name, value);
  out.end().number("timeoutMs", timeout_ms).number("maxBodyBytes", static_cast<long long>(kMaxResponseBytes));
  if (body_literal) {
    out.raw("body", *body_literal);
  } else if (body) {
    out.string("body", *body);
  }
}

std::size_t HttpRequest::json_size_hint() const {
  std::size_t size = 256 + url.size();
  for (const auto& [name, value] : headers) size += name.size() + value.size() + 6;
  // write_members writes the literal when there is one, else escapes the body.
  if (body_literal) {
    size += body_literal->size();
  } else if (body) {
    size += body->size() + body->size() / 8;
  }
  return size;
}

bool HttpRequest::carries_token() const {
  return std::any_of(headers.begin(), headers.end(),
                     [](const auto& header) { return header.first == "Authorization"; });
}

std::string url_origin(std::string_view url) {
  std::string lower(url);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t scheme_end = lower.find("://");
  if (scheme_end == std::string::npos) return {};
  std::string_view scheme = std::string_view(lower).substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") return {};
  std::size_t authority_end = lower.find_first_of("/?#\\", scheme_end + 3);
  std::string origin = lower.substr(0, authority_end);
  if (origin.size() == scheme_end + 3 || origin.find('@') != std::string::npos) return {};
  return origin;
}

namespace {

// The common headers, and the bearer token when `token` is not empty.
HttpRequest request_with_headers(const Config& config, std::string_view method, std::string url,
                                 std::string_view token) {
  HttpRequest request;
  request.method = std::string(method);
  request.url = std::move(url);
  request.timeout_ms = config.timeout_ms;
  request.headers.reserve(7);
  request.headers.emplace_back("content-type", "application/json");
  request.headers.emplace_back("x-authing-sdk-version", "wxapp:" AUTHING_SDK_VERSION);
  request.headers.emplace_back("x-authing-userpool-id", config.user_pool_id);
  request.headers.emplace_back("x-authing-request-from", "wxapp");
  request.headers.emplace_back("x-authing-app-id", config.app_id);
  if (!config.lang.empty()) request.headers.emplace_back("x-authing-lang", config.lang);
  if (!token.empty()) {
    std::string bearer;
    bearer.reserve(7 + token.size());
    bearer.append("Bearer ").append(token);
    request.headers.emplace_back("Authorization", std::move(bearer));
  }
  return request;
}

}  // namespace

HttpRequest make_request(const Config& config, std::string_view method, std::string_view path,
                         std::string_view token) {
  // parse_config allows no query, fragment or credentials in the base URL, so
  // a path appended to it stays at its origin.
  if (path.empty() || path.front() != '/') {
    return make_request_to(config, method, config.base_url + std::string(path), token);
  }
  return request_with_headers(config, method, config.base_url + std::string(path), token);
}

HttpRequest make_request_to(const Config& config, std::string_view method, std::string_view url,
                            std::string_view token) {
  std::string origin = url_origin(url);
  bool same_origin = !origin.empty() && origin == url_origin(config.base_url);
  return request_with_headers(config, method, std::string(url), same_origin ? token : std::string_view());
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' ||
                      byte == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xf]);
    }
  }
  return out;
}

Error transport_error(const json& fail, Lang lang, ErrorKind fallback) {
  std::string message = string_member(fail, "errMsg").value_or("");
  std::optional<double> errno_value = number_member(fail, "errno");
  std::string lower = lowercase(message);
  std::string detail = clean_detail(message);

  for (int privacy : kPrivacyErrnos) {
    if (errno_value && *errno_value == privacy)
      return sdk_error(ErrorKind::Privacy, code::kPrivacy, lang, detail);
  }
  if ((errno_value && *errno_value == kTimeoutErrno) || contains(lower, "timeout") ||
      contains(lower, "time out") || contains(message, "超时") || contains(message, "逾時") ||
      contains(message, "逾时")) {
    return sdk_error(ErrorKind::Timeout, code::kTimeout, lang, detail);
  }
  if (fallback == ErrorKind::Wechat) return sdk_error(ErrorKind::Wechat, code::kWxLogin, lang, detail);
  return sdk_error(ErrorKind::Network, code::kNetwork, lang, detail);
}

Result<json> read_rest_answer(const HttpResponse& response, Lang lang) {
  std::optional<json> body = parse_json(response.body);
  // Authing's envelope: {code, message, data}; v3's: {statusCode, apiCode, message, data}.
  const json* envelope_code = body ? member(*body, "code") : nullptr;
  const json* v3_status = body ? member(*body, "statusCode") : nullptr;
  const json* status_field = envelope_code != nullptr ? envelope_code : v3_status;
  bool is_envelope = status_field != nullptr && is_integral_number(*status_field);

  if (!is_success_status(response.status)) {
    if (is_envelope && status_field->get<double>() != 200) {
      const json* api_code = member(*body, "apiCode");
      return api_error(api_code != nullptr && is_integral_number(*api_code) ? *api_code : *status_field,
                       *body, response);
    }
    return http_status_error(response, lang);
  }
  if (!body) return unparsable(response, lang);
  if (!is_envelope) return bad_response(response, lang, "no Authing envelope");
  if (status_field->get<double>() == 200) {
    json* data = member(*body, "data");
    return data != nullptr ? std::move(*data) : json(nullptr);
  }
  const json* api_code = member(*body, "apiCode");
  return api_error(api_code != nullptr && is_integral_number(*api_code) ? *api_code : *status_field, *body,
                   response);
}

Result<json> read_graphql_answer(const HttpResponse& response, std::string_view field, Lang lang) {
  std::optional<json> body = parse_json(response.body);
  const json* errors = body ? member(*body, "errors") : nullptr;
  if (errors != nullptr && errors->is_array() && !errors->empty()) {
    const json& first = errors->front();
    const json* message = member(first, "message");
    if (message != nullptr && message->is_object()) {
      const json* api_code = member(*message, "code");
      if (api_code != nullptr && is_integral_number(*api_code))
        return api_error(*api_code, *message, response);
    }
    if (message != nullptr && message->is_string()) {
      // A GraphQL-level error (validation, syntax): no Authing code.
      Error error =
          sdk_error(ErrorKind::Api, code::kGraphql, lang, clean_detail(message->get<std::string>()));
      error.status_code = response.status;
      return error;
    }
    return bad_response(response, lang, "malformed GraphQL error");
  }
  if (!is_success_status(response.status)) return http_status_error(response, lang);
  if (!body) return unparsable(response, lang);
  json* data = member(*body, "data");
  json* value = data != nullptr ? member(*data, field) : nullptr;
  if (value == nullptr) return bad_response(response, lang, "no data." + std::string(field));
  return std::move(*value);
}

namespace {

// The tree readers' verdict on an answer the text readers found no value in:
// each of those is an error for them too (a status or envelope that is not a
// success, text that does not parse, a missing value). Should one ever read
// as a success there, the answer is still not one the text reader can use.
Error tree_reader_error(Result<json> verdict, const HttpResponse& response, Lang lang) {
  return verdict.ok() ? bad_response(response, lang, "an answer the text reader cannot read")
                      : verdict.error();
}

}  // namespace

Result<JsonView> read_rest_answer_view(const HttpResponse& response, Lang lang) {
  std::optional<JsonView> body =
      is_success_status(response.status) ? JsonView::of(response.body, &response.body_ends) : std::nullopt;
  if (body && body->is_object()) {
    constexpr std::array<std::string_view, 3> kEnvelope{"code", "statusCode", "data"};
    auto [envelope_code, v3_status, data] = body->members_named(kEnvelope);
    const std::optional<JsonView>& status_field = envelope_code ? envelope_code : v3_status;
    if (status_field) {
      json status = status_field->tree();
      if (is_integral_number(status) && status.get<double>() == 200) {
        return data ? *data : JsonView::known_valid("null");
      }
    }
  }
  return tree_reader_error(read_rest_answer(response, lang), response, lang);
}

Result<JsonView> read_graphql_answer_view(const HttpResponse& response, std::string_view field, Lang lang) {
  std::optional<JsonView> body =
      is_success_status(response.status) ? JsonView::of(response.body, &response.body_ends) : std::nullopt;
  if (body && body->is_object()) {
    constexpr std::array<std::string_view, 2> kEnvelope{"errors", "data"};
    auto [errors, data] = body->members_named(kEnvelope);
    JsonView first_error = *body;
    bool has_errors = errors && errors->elements().next(first_error);
    std::optional<JsonView> value = data ? data->member(field) : std::nullopt;
    if (!has_errors && value) return *value;
  }
  return tree_reader_error(read_graphql_answer(response, field, lang), response, lang);
}

}  // namespace authing
