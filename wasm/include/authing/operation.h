// What an operation is: one public method, as data plus small pure functions.
//
// Each operation lives in its own file under src/operations/ and defines one
// OperationSpec; operations/table.cpp lists them. The engine (core.h) runs
// every operation the same way:
//
//   build(args)      -> an HTTP request to send,
//                       or a Need: an outside input to obtain first (a wx.login
//                       code, random bytes, ...); its value comes back into
//                       args[need.into] and build runs again,
//                       or Settled: a local method (setToken, ...) is done
//                       without the network,
//                       or an Error (bad arguments): the call rejects.
//   interpret(answer)-> Settled: the call's result and what it does to the
//                       session,
//                       or a Need (a fresh wx.login code after WeChat refused
//                       the first), after which build runs again,
//                       or an Error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "authing/config.h"
#include "authing/http.h"
#include "authing/json.h"
#include "authing/session.h"

namespace authing {

// An outside input an operation waits for. The driver performs it by `kind`
// (see need.h for the kinds and what their values may be).
struct Need {
  std::string kind;
  std::string into;              // the argument that receives the value
  json params = json::object();  // what the driver needs to perform it
};

// What a successful answer does to the session.
enum class SessionChange {
  None,
  Login,         // a login: adopt `token` and the result as the user
  UpdateUser,    // keep the token, store the result as the user
  ReplaceToken,  // a refresh: adopt `token` only
  Clear,         // the session is over
};

struct Settled {
  std::optional<json> result;  // what the caller's promise resolves to; nullopt: undefined
  SessionChange change = SessionChange::None;
  std::string token;  // Login, ReplaceToken
  // Login, UpdateUser: the session's user when it is not the result (setToken
  // resolves undefined but keeps a user).
  std::optional<json> user = std::nullopt;
  // Paths (arrays of keys and indexes) in `result` of ISO date strings that
  // the caller receives as Date objects (v4's DATETIME custom data).
  json dates = nullptr;
};

using Step = std::variant<HttpRequest, Need, Error, Settled>;
using Verdict = std::variant<Settled, Need, Error>;

struct OpContext {
  const Config& config;
  const Session& session;
  int answers = 0;  // answers this call had before the one being interpreted

  Lang lang() const { return config.message_lang; }
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
  // Logout: the session ends before the request is sent, and the call
  // succeeds whatever the server answers.
  bool ends_session = false;
  // A local method that changes the session as a server answer would
  // (setToken, setCurrentUser): its build step's Settled applies whatever
  // session is current.
  bool local_session_change = false;
  // The answer for a caller without a session (nullptr: reject with 2020).
  json (*when_logged_out)(const OpContext& ctx, const json& args) = nullptr;
  Step (*build)(const OpContext& ctx, const json& args) = nullptr;
  Verdict (*interpret)(const OpContext& ctx, const json& args, const HttpResponse& response) = nullptr;
};

// needs_login for operations that always need a session.
inline bool always(const json&) { return true; }

// The operation the core runs by itself when a token ages.
inline constexpr std::string_view kRefreshOperation = "refreshToken";

// The operation the engine runs to serve the publicKey need (need.h); not a
// public method.
const OperationSpec& public_key_operation();

// Every operation, in the order they are published (operations/table.cpp).
const std::vector<const OperationSpec*>& operation_table();

// The table as the shim reads it: [{name, args, login}].
json describe_operations();

}  // namespace authing
