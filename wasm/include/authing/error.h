// The one error model of the SDK.
//
// Every failure becomes an Error with a kind (what went wrong, for program
// logic), a code (Authing's or WeChat's number when the server gave one, else a
// stable SDK string), a human message and optional details. The JS shim turns
// it into an AuthingError; nothing else ever reaches a caller's catch.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "authing/json.h"

namespace authing {

enum class ErrorKind {
  Network,      // wx.request failed before an HTTP answer
  Timeout,      // no answer within the timeout
  Http,         // an HTTP answer that is not a usable Authing answer
  Api,          // Authing answered with an error code
  Wechat,       // wx.login failed, or WeChat refused the login code
  Privacy,      // the user has not accepted the mini program's privacy terms
  Storage,      // wx storage refused a read
  Argument,     // the caller passed something unusable
  Session,      // no usable login session on this device
  Unsupported,  // a v4 method a mini program must not call (it needs the app secret, or a browser)
  Runtime,      // a bug of the SDK itself
};

std::string_view kind_name(ErrorKind kind);

// Language of the SDK's own messages; server messages are passed through.
enum class Lang { Chinese, English };

// The SDK's own error codes (Authing's numbers are used where they exist).
namespace code {
inline constexpr std::string_view kNetwork = "NETWORK_ERROR";
inline constexpr std::string_view kTimeout = "TIMEOUT";
inline constexpr std::string_view kHttp = "HTTP_ERROR";
inline constexpr std::string_view kBadResponse = "BAD_RESPONSE";
inline constexpr std::string_view kResponseTooLarge = "RESPONSE_TOO_LARGE";
inline constexpr std::string_view kWxLogin = "WX_LOGIN_FAILED";
inline constexpr std::string_view kPrivacy = "PRIVACY_NOT_AUTHORIZED";
// wx errno 112: the API is missing from the mini program's privacy guide (the
// developer's omission, not the user's refusal).
inline constexpr std::string_view kPrivacyNotDeclared = "PRIVACY_API_NOT_DECLARED";
// "request:fail interrupted": the app went to the background mid-request.
inline constexpr std::string_view kRequestInterrupted = "REQUEST_INTERRUPTED";
inline constexpr std::string_view kStorage = "STORAGE_ERROR";
inline constexpr std::string_view kSuperseded = "SESSION_SUPERSEDED";
inline constexpr std::string_view kArgument = "INVALID_ARGUMENT";
inline constexpr std::string_view kOptions = "INVALID_OPTIONS";
inline constexpr std::string_view kUnknownOperation = "UNKNOWN_OPERATION";
inline constexpr std::string_view kGraphql = "GRAPHQL_ERROR";
inline constexpr std::string_view kInternal = "INTERNAL_ERROR";
inline constexpr std::string_view kUnsupported = "UNSUPPORTED_IN_MINIPROGRAM";
inline constexpr std::string_view kRandom = "RANDOM_UNAVAILABLE";
inline constexpr std::string_view kEncrypt = "ENCRYPT_FAILED";
inline constexpr std::string_view kUpload = "UPLOAD_FAILED";
inline constexpr std::string_view kChooseImage = "CHOOSE_IMAGE_FAILED";
inline constexpr std::string_view kPublicKey = "PUBLIC_KEY_UNAVAILABLE";
// Authing's own numbers, used for the same conditions found locally.
inline constexpr int kNotLoggedIn = 2020;
inline constexpr int kTokenExpired = 2206;
inline constexpr int kTokenInvalid = 2207;
}  // namespace code

struct Error {
  ErrorKind kind = ErrorKind::Argument;
  json code;  // number or string
  std::string message;
  json data = nullptr;
  std::optional<int> status_code;
  std::optional<json> api_code;
  std::optional<std::string> request_id;

  json to_json() const;
};

// An SDK-originated error with its message in `lang`; `detail` (never a
// secret) is appended after the standard message.
Error sdk_error(ErrorKind kind, std::string_view code, Lang lang, std::string_view detail = {});

// The SDK's message for WeChat's refusals that a caller should act on
// (45011, 40226, -1), or nullopt for other codes, whose server message stands.
std::optional<std::string_view> wechat_message(double wechat_code, Lang lang);

// The local "not logged in" / "session no longer valid" conditions, with
// Authing's numbers so callers handle local and server answers alike.
Error session_error(int authing_code, Lang lang);

// True for Authing codes that mean "this token is no longer accepted".
bool is_session_ending_code(const json& api_code);

}  // namespace authing
