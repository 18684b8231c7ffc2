// Secrets out of errors. A server may echo what it was sent (the token, the
// wx.login code, a password, encryptedData) in an error's message or data;
// errors reach onError, logs and crash reporters, so every copy of a secret
// in them is replaced by kRedacted before an error leaves the core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "authing/error.h"
#include "authing/json.h"

namespace authing {

inline constexpr std::string_view kRedacted = "[redacted]";

// The secret strings among a call's arguments (at any depth): the values of
// code, password, token and encryptedData style keys, and what the engine put
// in `$` arguments (a ciphertext); plus `extra` (the session's token).
std::vector<std::string> secrets_of(const json& args, std::vector<std::string> extra);

// `text` with every occurrence of each secret replaced.
std::string redact(std::string text, const std::vector<std::string>& secrets);

// The error's message and every string in its data (keys too).
void redact(Error& error, const std::vector<std::string>& secrets);

}  // namespace authing
