#include "authing/session.h"

#include <algorithm>
#include <array>

namespace authing {
namespace {

// The user fields a device may keep: v4's GraphQL user selection (without
// `password`), plus `identities`. Anything else a server sends (salt, hashes,
// unknown secrets) stays out of storage. Listed by length, then
// alphabetically, so that the fields of one length sit together.
// clang-format off
constexpr std::array<std::string_view, 49> kStorableUserFields{
    "id", "arn", "city", "name", "email", "oauth", "phone", "photo", "token", "device", "gender",
    "lastIP", "locale", "openid", "region", "status", "address", "blocked", "browser", "company",
    "country", "profile", "unionid", "website", "locality", "nickname", "province", "signedUp",
    "username", "zoneinfo", "birthdate", "createdAt", "formatted", "givenName", "isDeleted",
    "lastLogin", "updatedAt", "externalId", "familyName", "middleName", "postalCode", "userPoolId",
    "loginsCount", "emailVerified", "phoneVerified", "streetAddress", "registerSource",
    "tokenExpiredAt", "preferredUsername"};
// clang-format on

constexpr std::array<std::string_view, 7> kStorableIdentityFields{
    "openid", "userIdInIdp", "userId", "connectionId", "isSocial", "provider", "userPoolId"};

constexpr size_t kMaxTokenLength = 16 * 1024;

constexpr bool shorter_or_before(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

constexpr bool strictly_ordered(const std::array<std::string_view, kStorableUserFields.size()>& fields) {
  for (std::size_t i = 1; i < fields.size(); ++i) {
    if (!shorter_or_before(fields[i - 1], fields[i])) return false;
  }
  return true;
}
static_assert(strictly_ordered(kStorableUserFields), "kStorableUserFields must stay sorted, without repeats");

constexpr std::size_t kLongestStorableField = kStorableUserFields.back().size();

// Where the fields of each length start in kStorableUserFields; the fields of
// length n are [starts[n], starts[n + 1]).
constexpr std::array<std::size_t, kLongestStorableField + 2> storable_field_starts() {
  std::array<std::size_t, kLongestStorableField + 2> starts{};
  std::size_t field = 0;
  for (std::size_t length = 0; length < starts.size(); ++length) {
    while (field < kStorableUserFields.size() && kStorableUserFields[field].size() < length) ++field;
    starts[length] = field;
  }
  return starts;
}
constexpr auto kStorableFieldStarts = storable_field_starts();

// Equal-length names compared in a loop the compiler keeps inline: in the
// wasm, memcmp is libc's byte loop behind a call, and this runs for every
// member of every user the session stores.
bool same_name(std::string_view name, std::string_view field) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] != field[i]) return false;
  }
  return true;
}

// At most eight fields share a length, so a scan of those beats a search.
bool is_storable_user_field(std::string_view key) {
  if (key.size() > kLongestStorableField) return false;
  for (std::size_t i = kStorableFieldStarts[key.size()]; i < kStorableFieldStarts[key.size() + 1]; ++i) {
    if (key[0] == kStorableUserFields[i][0] && same_name(key, kStorableUserFields[i])) return true;
  }
  return false;
}

void append_member(std::string& out, bool& first, std::string_view raw_key) {
  if (!first) out.push_back(',');
  first = false;
  out.append(raw_key).push_back(':');
}

// Appends `object` with only the members whose names `keep` accepts, each
// copied as it arrived.
template <class Keep>
void append_object_keeping(std::string& out, JsonView object, Keep keep) {
  out.push_back('{');
  bool first = true;
  std::string_view key;
  std::string_view raw_key;
  JsonView value = object;
  for (auto members = object.members(); members.next(key, raw_key, value);) {
    if (!keep(key)) continue;
    append_member(out, first, raw_key);
    out.append(value.text());
  }
  out.push_back('}');
}

// The identity objects of `identities` with their storable fields; anything
// but an array of objects stores as [].
void append_storable_identities(std::string& out, JsonView identities) {
  out.push_back('[');
  bool first_identity = true;
  JsonView identity = identities;
  for (auto elements = identities.elements(); elements.next(identity);) {
    if (!identity.is_object()) continue;
    if (!first_identity) out.push_back(',');
    first_identity = false;
    append_object_keeping(out, identity, [](std::string_view key) {
      return std::find(kStorableIdentityFields.begin(), kStorableIdentityFields.end(), key) !=
             kStorableIdentityFields.end();
    });
  }
  out.push_back(']');
}

// True when no member of `object`, at any depth, can be named password or
// salt: neither name is in the text, and there is no \u escape that could
// spell one (no other escape stands for a letter). Answers seldom hold
// either, and three finds cost a fraction of the member walk that copying
// the user without them takes.
bool cannot_name_secrets(std::string_view object) {
  return object.find("\\u") == std::string_view::npos && object.find("password") == std::string_view::npos &&
         object.find("salt") == std::string_view::npos;
}

}  // namespace

std::string without_secrets_text(JsonView user) {
  if (!user.is_object()) return std::string(user.text());
  if (cannot_name_secrets(user.text())) return std::string(user.text());
  std::string out;
  out.reserve(user.text().size());
  append_object_keeping(out, user, [](std::string_view key) { return key != "password" && key != "salt"; });
  return out;
}

std::string storable_user_text(JsonView user, std::string_view token, std::string* id) {
  if (id != nullptr) id->clear();
  if (!user.is_object()) return "null";
  std::string out;
  out.reserve(user.text().size() + token.size() + 16);
  out.push_back('{');
  bool first = true;
  bool wrote_token = false;
  std::string_view key;
  std::string_view raw_key;
  JsonView value = user;
  for (auto members = user.members(); members.next(key, raw_key, value);) {
    if (key == "token") {
      if (wrote_token) continue;
      wrote_token = true;
      append_member(out, first, raw_key);
      append_json_string(out, token);
    } else if (key == "identities") {
      append_member(out, first, raw_key);
      append_storable_identities(out, value);
    } else if (is_storable_user_field(key)) {
      append_member(out, first, raw_key);
      out.append(value.text());
      if (id != nullptr && key == "id") *id = value.string_value().value_or("");
    }
  }
  if (!wrote_token) {
    append_member(out, first, "\"token\"");
    append_json_string(out, token);
  }
  out.push_back('}');
  return out;
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
  std::string stored_text = dump_json(stored_user);
  user_text_ = storable_user_text(JsonView::known_valid(stored_text), token_, &user_id_);
  return user_text_ != stored_text;
}

std::string_view Session::user_id() const {
  if (claims_ && !claims_->subject.empty()) return claims_->subject;
  return user_id_;
}

void Session::login(std::string token, JsonView user) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  user_text_ = storable_user_text(user, token_, &user_id_);
}

void Session::update_user(JsonView user) {
  // The answer's `token` is whatever the server last issued to this user (maybe
  // to another device); the session keeps its own.
  if (user.is_object()) user_text_ = storable_user_text(user, token_, &user_id_);
}

void Session::replace_token(std::string token) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  if (!has_user()) return;
  std::string current = std::move(user_text_);
  user_text_ = storable_user_text(JsonView::known_valid(current), token_, &user_id_);
}

void Session::clear() {
  token_.clear();
  claims_.reset();
  user_text_ = "null";
  user_id_.clear();
}

}  // namespace authing
