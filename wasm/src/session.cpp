#include "authing/session.h"

#include "authing/user_fields.h"

namespace authing {
namespace {

constexpr size_t kMaxTokenLength = 16 * 1024;

bool is_secret_key(std::string_view key) { return key == "password" || key == "salt"; }

// `value` without password or salt members at any depth (an allowed field
// such as `profile` or `address` may itself be an object). Keys are compared
// decoded, so no escaped spelling of them passes.
json without_nested_secrets(const json& value) {
  if (value.is_object()) {
    json kept = json::object();
    for (const auto& [key, member] : value.items()) {
      if (!is_secret_key(key))
        kept.get_ref<json::object_t&>().emplace_back(key, without_nested_secrets(member));
    }
    return kept;
  }
  if (value.is_array()) {
    json kept = json::array();
    for (const json& item : value) kept.push_back(without_nested_secrets(item));
    return kept;
  }
  return value;
}

// The identity objects of `identities` with their storable fields; anything
// but an array of objects stores as [].
json storable_identities(const json& identities) {
  json kept = json::array();
  if (!identities.is_array()) return kept;
  for (const json& identity : identities) {
    if (!identity.is_object()) continue;
    json fields = json::object();
    for (const auto& [key, value] : identity.items()) {
      if (is_identity_field(key))
        fields.get_ref<json::object_t&>().emplace_back(key, without_nested_secrets(value));
    }
    kept.push_back(std::move(fields));
  }
  return kept;
}

}  // namespace

std::string user_selection() {
  std::string selection;
  for (std::string_view field : kUserFields) {
    if (!selection.empty()) selection += ' ';
    selection += field;
  }
  return selection;
}

std::string user_selection_with_identities() {
  std::string selection = user_selection() + ' ' + std::string(kIdentitiesField) + " {";
  for (std::string_view field : kIdentityFields) selection.append(" ").append(field);
  return selection + " }";
}

json without_secrets(json user) {
  if (user.is_object()) {
    user.erase("password");
    user.erase("salt");
  }
  return user;
}

std::string storable_user_text(const json& user, std::string_view token, std::string* id) {
  if (id != nullptr) id->clear();
  if (!user.is_object()) return "null";
  std::string text;
  ObjectWriter writer(text);
  bool has_token = false;
  for (const auto& [key, value] : user.items()) {
    if (key == "token") {
      writer.string(key, token);
      has_token = true;
    } else if (key == kIdentitiesField) {
      writer.value(key, storable_identities(value));
    } else if (is_user_field(key)) {
      // Most fields are scalars, written as they are; only containers are rebuilt.
      if (value.is_structured()) {
        writer.value(key, without_nested_secrets(value));
      } else {
        writer.value(key, value);
      }
      if (id != nullptr && key == "id" && value.is_string()) *id = value.get<std::string>();
    }
  }
  if (!has_token) writer.string("token", token);
  writer.end();
  return text;
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
  if (claims && !claims->user_pool_id.empty() && !user_pool_id.empty() &&
      claims->user_pool_id != user_pool_id) {
    return false;
  }
  token_ = std::move(token);
  claims_ = std::move(claims);
  if (!stored_user.is_object()) return false;
  auto stored_id = string_member(stored_user, "id");
  if (claims_ && !claims_->subject.empty() && stored_id && *stored_id != claims_->subject) {
    return true;  // the stored user is someone else's: forget it
  }
  user_text_ = storable_user_text(stored_user, token_, &user_id_);
  return user_text_ != dump_json(stored_user);
}

std::string_view Session::user_id() const {
  if (claims_ && !claims_->subject.empty()) return claims_->subject;
  return user_id_;
}

void Session::login(std::string token, const json& user) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  user_text_ = storable_user_text(user, token_, &user_id_);
}

bool Session::update_user(const json& user) {
  // The answer's `token` is whatever the server last issued to this user (maybe
  // to another device); the session keeps its own.
  if (!user.is_object()) return false;
  std::string id;
  std::string next = storable_user_text(user, token_, &id);
  if (next == user_text_) return false;
  user_text_ = std::move(next);
  user_id_ = std::move(id);
  return true;
}

void Session::replace_token(std::string token) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  if (!has_user()) return;
  std::optional<json> user = parse_json(user_text_);
  if (user) user_text_ = storable_user_text(*user, token_, &user_id_);
}

void Session::clear() {
  token_.clear();
  claims_.reset();
  user_text_ = "null";
  user_id_.clear();
}

}  // namespace authing
