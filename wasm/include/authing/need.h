// The outside inputs an operation can wait for, and what their values may be.
//
// The core emits a need as an action ({kind: "need", need, params}); the
// driver performs it with the runtime's API and hands back {value} or
// {fail: {errMsg, errno}}. Adding a kind is one entry here and one handler in
// the driver's table of needs.
#pragma once

#include <string_view>

#include "authing/error.h"
#include "authing/json.h"
#include "authing/operation.h"
#include "authing/result.h"

namespace authing {

struct NeedKind {
  std::string_view name;
  // What a {fail} outcome is when it is neither a timeout nor a privacy refusal.
  ErrorKind failure;
  std::string_view failure_code;
  // Whether the core gives up after the client's timeout (plus grace); kinds
  // that wait for the user (a picker) have no deadline.
  bool has_deadline;
  // The value as the operation receives it, or why it is unusable.
  Result<json> (*accept)(const json& value, Lang lang);
};

// nullptr for a kind the core does not know.
const NeedKind* find_need_kind(std::string_view name);

// A wx.login code for args[into].
Need wx_login_code(const Config& config, std::string into = "code");

// `length` bytes from the runtime's secure random source
// (wx.getRandomValues), as an array of numbers, for args[into].
Need random_bytes(const Config& config, std::string into, std::size_t length);

// The user pool's public key (PEM text) for args[into]. The engine serves
// this need itself: from the publicKey option, or one shared fetch of
// /api/v2/.well-known per client.
inline constexpr std::string_view kPublicKeyNeed = "publicKey";
Need public_key(std::string into);

// `value` for args[into] once `ms` milliseconds have passed: a back-off
// before a retry. The engine serves this need itself: its deadline is the
// wait, and the driver's one timer (poll_timeout / handle_timeout) ends it,
// so the core still never starts a timer and nothing is emitted. A delay of 0
// supplies at once: how an answer's interpreter hands a value (a token) to
// the next build step of a multi-step operation.
inline constexpr std::string_view kDelayNeed = "delay";
Need delay(std::string into, json value, double ms);

}  // namespace authing
