#include "authing/redact.h"

#include <algorithm>
#include <array>

namespace authing {
namespace {

// Shorter strings are not treated as secrets: replacing them would garble
// messages (a one-digit code) without protecting anything.
constexpr std::size_t kMinSecretLength = 4;

constexpr std::array<std::string_view, 12> kSecretKeys{
    "code",        "password", "newPassword", "oldPassword", "token",  "accessToken",
    "encryptedData", "iv",     "rawData",     "phoneCode",   "passCode", "captchaCode",
};

bool is_secret_key(std::string_view key) {
  return key.rfind('$', 0) == 0 || std::find(kSecretKeys.begin(), kSecretKeys.end(), key) != kSecretKeys.end();
}

void collect(const json& value, bool secret, std::vector<std::string>& out) {
  if (value.is_string()) {
    if (secret) out.push_back(value.get<std::string>());
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) collect(member, secret || is_secret_key(key), out);
  } else if (value.is_array()) {
    for (const json& item : value) collect(item, secret, out);
  }
}

void redact_value(json& value, const std::vector<std::string>& secrets) {
  if (value.is_string()) {
    std::string& text = value.get_ref<std::string&>();
    text = redact(std::move(text), secrets);
  } else if (value.is_object()) {
    json kept = json::object();
    for (auto& [key, member] : value.items()) {
      redact_value(member, secrets);
      kept.get_ref<json::object_t&>().emplace_back(redact(key, secrets), std::move(member));
    }
    value = std::move(kept);
  } else if (value.is_array()) {
    for (json& item : value) redact_value(item, secrets);
  }
}

}  // namespace

std::vector<std::string> secrets_of(const json& args, std::vector<std::string> extra) {
  std::vector<std::string> found = std::move(extra);
  collect(args, false, found);
  // Longer first, so that a secret containing another is replaced whole; a
  // call has a handful, so an insertion is enough.
  std::vector<std::string> secrets;
  for (std::string& secret : found) {
    if (secret.size() < kMinSecretLength) continue;
    auto at = secrets.begin();
    while (at != secrets.end() && at->size() >= secret.size()) ++at;
    secrets.insert(at, std::move(secret));
  }
  return secrets;
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.size() < kMinSecretLength) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), kRedacted);
      at += kRedacted.size();
    }
  }
  return text;
}

void redact(Error& error, const std::vector<std::string>& secrets) {
  if (secrets.empty()) return;
  error.message = redact(std::move(error.message), secrets);
  redact_value(error.data, secrets);
}

}  // namespace authing
