#include "authing/config.h"

#include <cctype>

namespace authing {
namespace {

Error options_error(Lang lang, std::string_view detail) {
  return sdk_error(ErrorKind::Argument, code::kOptions, lang, detail);
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  // 127.0.0.0/8 in dotted-quad form.
  if (host.substr(0, 4) != "127.") return false;
  int parts = 0;
  int digits = 0;
  int value = 0;
  for (char c : host) {
    if (c == '.') {
      if (digits == 0 || value > 255) return false;
      ++parts;
      digits = value = 0;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      value = value * 10 + (c - '0');
      if (++digits > 3) return false;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0 && value <= 255;
}

// Validates an Authing base URL and returns it without trailing slashes.
Result<std::string> normalise_base_url(std::string_view url, Lang lang) {
  if (!is_header_safe(url) || url.find(' ') != std::string_view::npos) {
    return options_error(lang, "host contains control characters or spaces");
  }
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  bool https = url.substr(0, 8) == "https://";
  bool http = url.substr(0, 7) == "http://";
  if (!https && !http) return options_error(lang, "host must start with https://");
  std::string_view rest = url.substr(https ? 8 : 7);
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.empty()) return options_error(lang, "host has no domain");
  if (rest.find_first_of("?#@\\") != std::string_view::npos) {
    return options_error(lang, "host must not contain a query, fragment or credentials");
  }
  std::string_view host = authority;
  if (host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return options_error(lang, "host has an unclosed IPv6 bracket");
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (http && !is_loopback_host(host)) {
    return options_error(lang, "host must use https (http is allowed for loopback addresses only)");
  }
  return std::string(url);
}

Result<std::string> string_option(const json& options, std::string_view key, Lang lang) {
  const json* value = member(options, key);
  if (value == nullptr || value->is_null()) return std::string();
  if (!value->is_string()) return options_error(lang, std::string(key) + " must be a string");
  const auto& text = value->get_ref<const std::string&>();
  if (!is_header_safe(text)) return options_error(lang, std::string(key) + " contains control characters");
  return text;
}

}  // namespace

bool is_header_safe(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

Result<Config> parse_config(std::string_view options_json) {
  Config config;
  std::optional<json> parsed = parse_json(options_json);
  if (!parsed || !parsed->is_object()) return options_error(config.message_lang, "options must be an object");
  const json& options = *parsed;

  auto lang = string_option(options, "lang", config.message_lang);
  if (!lang.ok()) return lang.error();
  config.lang = lang.value();
  if (config.lang.substr(0, 2) == "en") config.message_lang = Lang::English;
  Lang msg = config.message_lang;

  auto pool = string_option(options, "userPoolId", msg);
  if (!pool.ok()) return pool.error();
  auto app = string_option(options, "appId", msg);
  if (!app.ok()) return app.error();
  config.user_pool_id = pool.value();
  config.app_id = app.value();
  if (config.user_pool_id.empty() && config.app_id.empty()) {
    return options_error(msg, "userPoolId (or appId) is required");
  }

  auto app_host = string_option(options, "appHost", msg);
  if (!app_host.ok()) return app_host.error();
  auto host = string_option(options, "host", msg);
  if (!host.ok()) return host.error();
  std::string_view chosen = !app_host.value().empty() ? std::string_view(app_host.value())
                            : !host.value().empty()   ? std::string_view(host.value())
                                                      : kDefaultHost;
  auto base = normalise_base_url(chosen, msg);
  if (!base.ok()) return base.error();
  config.base_url = base.value();

  if (const json* timeout = member(options, "timeout"); timeout != nullptr && !timeout->is_null()) {
    if (!timeout->is_number() || timeout->get<double>() < 1 || timeout->get<double>() > kMaxTimeoutMs) {
      return options_error(msg, "timeout must be a number of milliseconds between 1 and 600000");
    }
    config.timeout_ms = static_cast<int>(timeout->get<double>());
  }

  for (std::string_view key : {"token", "accessToken"}) {
    auto token = string_option(options, key, msg);
    if (!token.ok()) return token.error();
    if (!token.value().empty() && !config.token) config.token = token.value();
  }

  auto identifier = string_option(options, "extIdpConnidentifier", msg);
  if (!identifier.ok()) return identifier.error();
  config.ext_idp_conn_identifier = identifier.value();

  // A PEM key spans lines, so it is not held to the header-safe rule; it is
  // read when a password is first encrypted.
  if (const json* key = member(options, "publicKey"); key != nullptr && !key->is_null()) {
    if (!key->is_string()) return options_error(msg, "publicKey must be a string");
    config.public_key = key->get<std::string>();
  }
  if (const json* custom = member(options, "encryptFunction"); custom != nullptr) {
    config.custom_encrypt = custom->is_boolean() && custom->get<bool>();
  }
  return config;
}

}  // namespace authing
