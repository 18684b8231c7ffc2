// Client options, validated once, as the core understands them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "authing/error.h"
#include "authing/result.h"

namespace authing {

inline constexpr std::string_view kDefaultHost = "https://core.authing.cn";
inline constexpr int kDefaultTimeoutMs = 10000;
inline constexpr int kMaxTimeoutMs = 600000;

struct Config {
  std::string user_pool_id;
  std::string app_id;
  std::string base_url;              // appHost, else host, else the default; no trailing '/'
  std::string lang;                  // sent as x-authing-lang when not empty
  std::optional<std::string> token;  // `token` or its alias `accessToken`
  std::string public_key;            // PEM; empty: fetched from /api/v2/.well-known
  // The console's Mini Program identity source identifier, which Authing's v3
  // phone-code endpoints need; empty: not configured.
  std::string ext_idp_conn_identifier;
  bool custom_encrypt = false;       // the client has its own encryptFunction (the shim runs it)
  int timeout_ms = kDefaultTimeoutMs;
  Lang message_lang = Lang::Chinese;
};

// Parses the options object the JS constructor received (as JSON text).
Result<Config> parse_config(std::string_view options_json);

// True when the text may go into an HTTP header or URL: no control characters.
bool is_header_safe(std::string_view text);

}  // namespace authing
