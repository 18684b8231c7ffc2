// The operation table: what each public method means, as data plus small pure
// functions. The engine (core.h) runs every operation the same way; an
// operation only says how to build its request and what an answer means.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "authing/config.h"
#include "authing/http.h"
#include "authing/json.h"
#include "authing/result.h"
#include "authing/session.h"

namespace authing {

struct OpContext {
  const Config& config;
  const Session& session;
};

// What a successful answer does to the session.
enum class SessionChange {
  None,
  Login,         // a login: adopt the answer's token and user
  UpdateUser,    // keep the token, store the answer's user
  ReplaceToken,  // a refresh: adopt the new token only
  Clear,         // the session is over
};

struct Settled {
  // What the caller's promise resolves to (discarded: undefined), as a tree;
  // or, when `result_text` is set, as that JSON text. Operations that
  // return a user (Login, UpdateUser) set the text: the user without
  // secrets, copied from the answer's text, from which the session also
  // takes its storable fields.
  json result;
  std::string result_text;
  SessionChange change = SessionChange::None;
  std::string token;  // Login, ReplaceToken
};

struct OperationSpec {
  std::string_view name;
  // Positional argument names; the shim maps call arguments onto these keys.
  std::vector<std::string_view> args;
  // Whether the call needs a session (given its arguments): without one it
  // answers `when_logged_out` if given, else rejects with 2020. nullptr: never.
  bool (*needs_login)(const json& args) = nullptr;
  // Identical concurrent calls (same name and arguments) share one flight.
  bool coalesce = false;
  // `args.code` is a wx.login code; when missing the core obtains one.
  bool takes_wx_code = false;
  // Logout: the session ends before the request is sent, and the call
  // succeeds whatever the server answers.
  bool ends_session = false;

  // The answer for a caller without a session (nullptr: reject with 2020).
  json (*when_logged_out)(const OpContext& ctx, const json& args) = nullptr;
  // Whether WeChat's refusal of the code may be retried with a fresh code.
  bool (*may_retry_code)(const json& args) = nullptr;
  Result<HttpRequest> (*build)(const OpContext& ctx, const json& args) = nullptr;
  Result<Settled> (*interpret)(const OpContext& ctx, const json& args,
                               const HttpResponse& response) = nullptr;
};

// The operation the core runs by itself when a token ages.
inline constexpr std::string_view kRefreshOperation = "refreshToken";

// Identical calls of a coalescing operation share this key.
std::string coalesce_key(const OperationSpec& spec, const json& args);

// Every operation, in the order they are published.
const std::vector<OperationSpec>& operation_table();
const OperationSpec* find_operation(std::string_view name);

// The table as JSON for the shim: [{name, args, login}].
json describe_operations();

// needs_login values.
bool always(const json& args);

// Argument helpers shared by operations.
Result<std::string> required_string_arg(const json& args, std::string_view key, Lang lang);
Result<std::optional<std::string>> optional_string_arg(const json& args, std::string_view key, Lang lang);

}  // namespace authing
