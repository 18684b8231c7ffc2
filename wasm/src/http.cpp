#include "authing/http.h"

#include <algorithm>
#include <array>
#include <cctype>

#ifndef AUTHING_SDK_VERSION
#error "AUTHING_SDK_VERSION must be defined by the build (from package.json)"
#endif

namespace authing {
namespace {

// WeChat's own refusals of a login code, passed through Authing's envelope
// (-1 is WeChat's "system busy"; Authing's own codes are positive).
constexpr std::array<int, 5> kWechatCodes{40029, 40163, 40226, 45011, -1};

// wx errno values for the privacy agreement: the user has not agreed (104);
// the API is not declared in the mini program's privacy guide (112).
constexpr int kPrivacyNotAuthorizedErrno = 104;
constexpr int kPrivacyNotDeclaredErrno = 112;
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
  if (!response.headers.is_object()) return std::nullopt;
  for (const auto& [key, value] : response.headers.items()) {
    if (lowercase(key) == name && value.is_string()) return value.get<std::string>();
  }
  return std::nullopt;
}

bool is_success_status(int status) { return status >= 200 && status < 300; }

Error http_status_error(const HttpResponse& response, Lang lang) {
  Error error = sdk_error(ErrorKind::Http, code::kHttp, lang, "HTTP " + std::to_string(response.status));
  error.status_code = response.status;
  error.request_id = header_value(response, "x-request-id");
  return error;
}

// An error built from what Authing said: `code`/`apiCode`, `message`, `data`.
// WeChat's refusals that a caller must act on get the SDK's message in front
// of the server's, which is often WeChat's terse English.
Error api_error(const json& api_code, const json& body, const HttpResponse& response, Lang lang) {
  Error error;
  error.code = api_code;
  error.api_code = api_code;
  error.kind = ErrorKind::Api;
  for (int wechat : kWechatCodes) {
    if (api_code.get<double>() == wechat) error.kind = ErrorKind::Wechat;
  }
  error.message = string_member(body, "message").value_or("");
  if (std::optional<std::string_view> ours = wechat_message(api_code.get<double>(), lang)) {
    std::string relayed = error.message;
    error.message = std::string(*ours);
    if (!relayed.empty()) error.message += (lang == Lang::English ? ": " : "：") + relayed;
  }
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
  if (length > 0) detail = std::to_string(length) + " bytes, ";
  detail += "limit " + std::to_string(kMaxResponseBytes) + " bytes";
  Error error = sdk_error(ErrorKind::Http, code::kResponseTooLarge, lang, detail);
  if (status > 0) error.status_code = status;
  return error;
}

bool HttpRequest::carries_token() const {
  return std::any_of(headers.begin(), headers.end(),
                     [](const auto& header) { return header.first == "Authorization"; });
}

namespace {

// The common headers, and the bearer token when `token` is not empty.
HttpRequest request_with_headers(const Config& config, std::string_view method, std::string url,
                                 std::string_view token) {
  HttpRequest request;
  request.method = std::string(method);
  request.url = std::move(url);
  request.timeout_ms = config.timeout_ms;
  request.headers.emplace_back("content-type", "application/json");
  request.headers.emplace_back("x-authing-sdk-version", "wxapp:" AUTHING_SDK_VERSION);
  request.headers.emplace_back("x-authing-userpool-id", config.user_pool_id);
  request.headers.emplace_back("x-authing-request-from", "wxapp");
  request.headers.emplace_back("x-authing-app-id", config.app_id);
  if (!config.lang.empty()) request.headers.emplace_back("x-authing-lang", config.lang);
  if (!token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + std::string(token));
  }
  return request;
}

}  // namespace

HttpRequest make_request(const Config& config, std::string_view method, std::string_view path,
                         std::string_view token) {
  // parse_config allows no query, fragment or credentials in the base URL, so
  // a path that starts with '/' stays at its origin.
  std::string url = config.base_url;
  if (path.empty() || path.front() != '/') url.push_back('/');
  url.append(path);
  return request_with_headers(config, method, std::move(url), token);
}

HttpRequest make_json_request(const Config& config, std::string_view method, std::string_view path,
                              std::string_view token, const json& body) {
  HttpRequest request = make_request(config, method, path, token);
  request.body = dump_json(body);
  return request;
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

Error transport_error(const json& fail, Lang lang, ErrorKind fallback, std::string_view fallback_code) {
  std::string message = string_member(fail, "errMsg").value_or("");
  std::optional<double> errno_value = number_member(fail, "errno");
  std::string lower = lowercase(message);
  std::string detail = clean_detail(message);

  if (errno_value && *errno_value == kPrivacyNotAuthorizedErrno)
    return sdk_error(ErrorKind::Privacy, code::kPrivacy, lang, detail);
  if (errno_value && *errno_value == kPrivacyNotDeclaredErrno)
    return sdk_error(ErrorKind::Privacy, code::kPrivacyNotDeclared, lang, detail);
  // The app went to the background and WeChat cut the request: nothing is
  // wrong with the network or the session, and the call can simply be made
  // again once the app is in front.
  if (contains(lower, ":fail interrupted"))
    return sdk_error(ErrorKind::Network, code::kRequestInterrupted, lang, detail);
  if ((errno_value && *errno_value == kTimeoutErrno) || contains(lower, "timeout") ||
      contains(lower, "time out") || contains(message, "超时") || contains(message, "逾時") ||
      contains(message, "逾时")) {
    return sdk_error(ErrorKind::Timeout, code::kTimeout, lang, detail);
  }
  return sdk_error(fallback, fallback_code, lang, detail);
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
                       *body, response, lang);
    }
    return http_status_error(response, lang);
  }
  if (!body) return unparsable(response, lang);
  if (!is_envelope) return bad_response(response, lang, "no Authing envelope");
  if (status_field->get<double>() == 200) {
    auto data = body->find("data");
    return data != body->end() ? std::move(*data) : json(nullptr);
  }
  const json* api_code = member(*body, "apiCode");
  return api_error(api_code != nullptr && is_integral_number(*api_code) ? *api_code : *status_field, *body,
                   response, lang);
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
        return api_error(*api_code, *message, response, lang);
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
  auto data = body->find("data");
  if (data != body->end() && data->is_object()) {
    auto value = data->find(field);
    if (value != data->end()) return std::move(*value);
  }
  return bad_response(response, lang, "no data." + std::string(field));
}

}  // namespace authing
