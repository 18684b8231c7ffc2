#include "authing/session.h"

#include <algorithm>
#include <array>
#include <vector>

namespace authing {
namespace {

// The user fields a device may keep: v4's GraphQL user selection (without
// `password`), plus `identities`. Anything else a server sends (salt, hashes,
// unknown secrets) stays out of storage.
// clang-format off
constexpr std::array<std::string_view, 49> kStorableUserFields{
    "id", "arn", "status", "userPoolId", "username", "email", "emailVerified", "phone",
    "phoneVerified", "unionid", "openid", "nickname", "registerSource", "photo", "oauth",
    "token", "tokenExpiredAt", "loginsCount", "lastLogin", "lastIP", "signedUp", "blocked",
    "isDeleted", "device", "browser", "company", "name", "givenName", "familyName",
    "middleName", "profile", "preferredUsername", "website", "gender", "birthdate",
    "zoneinfo", "locale", "address", "formatted", "streetAddress", "locality", "region",
    "postalCode", "city", "province", "country", "createdAt", "updatedAt", "externalId"};
// clang-format on

constexpr std::array<std::string_view, 7> kStorableIdentityFields{
    "openid", "userIdInIdp", "userId", "connectionId", "isSocial", "provider", "userPoolId"};

constexpr size_t kMaxTokenLength = 16 * 1024;

json storable_identities(const json& identities) {
  json out = json::array();
  if (!identities.is_array()) return out;
  for (const json& identity : identities) {
    if (!identity.is_object()) continue;
    json kept = json::object();
    for (std::string_view field : kStorableIdentityFields) {
      if (const json* value = member(identity, field)) kept[std::string(field)] = *value;
    }
    out.push_back(std::move(kept));
  }
  return out;
}

}  // namespace

json without_secrets(json user) {
  if (user.is_object()) {
    user.erase("password");
    user.erase("salt");
  }
  return user;
}

json storable_user(json user) {
  if (!user.is_object()) return nullptr;
  static const std::vector<std::string_view> sorted_fields = [] {
    std::vector<std::string_view> fields(kStorableUserFields.begin(), kStorableUserFields.end());
    std::sort(fields.begin(), fields.end());
    return fields;
  }();
  auto& members = user.get_ref<json::object_t&>();
  for (auto it = members.begin(); it != members.end();) {
    if (it->first == "identities") {
      it->second = storable_identities(it->second);
      ++it;
    } else if (std::binary_search(sorted_fields.begin(), sorted_fields.end(), std::string_view(it->first))) {
      ++it;
    } else {
      it = members.erase(it);
    }
  }
  return user;
}

bool is_plausible_token(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return false;
  for (char c : token) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return false;
  }
  return true;
}

bool Session::restore(const json& stored_token, const json& stored_user, std::string_view user_pool_id) {
  clear();
  std::string token;
  if (stored_token.is_string() && is_plausible_token(stored_token.get_ref<const std::string&>())) {
    token = stored_token.get<std::string>();
  } else if (auto inner = string_member(stored_user, "token"); inner && is_plausible_token(*inner)) {
    token = *inner;
  }
  if (token.empty()) return false;
  std::optional<Claims> claims = decode_claims(token);
  if (claims && !claims->user_pool_id.empty() && !user_pool_id.empty() && claims->user_pool_id != user_pool_id) {
    return false;
  }
  token_ = std::move(token);
  claims_ = std::move(claims);
  if (!stored_user.is_object()) return false;
  auto stored_id = string_member(stored_user, "id");
  if (claims_ && !claims_->subject.empty() && stored_id && *stored_id != claims_->subject) {
    return true;  // the stored user is someone else's: forget it
  }
  user_ = storable_user(stored_user);
  user_["token"] = token_;
  return user_ != stored_user;
}

std::string Session::user_id() const {
  if (claims_ && !claims_->subject.empty()) return claims_->subject;
  return string_member(user_, "id").value_or("");
}

void Session::login(std::string token, json user) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  user_ = storable_user(std::move(user));
  if (user_.is_object()) user_["token"] = token_;
}

void Session::update_user(json user) {
  json stored = storable_user(std::move(user));
  if (!stored.is_object()) return;
  // The answer's `token` is whatever the server last issued to this user (maybe
  // to another device); the session keeps its own.
  stored["token"] = token_;
  user_ = std::move(stored);
}

void Session::replace_token(std::string token) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  if (user_.is_object()) user_["token"] = token_;
}

void Session::clear() {
  token_.clear();
  claims_.reset();
  user_ = nullptr;
}

const json& Session::stored_user() const { return user_; }

}  // namespace authing
