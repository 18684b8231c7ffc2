#include "authing/session.h"

#include "authing/user_fields.h"

#include <cmath>

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

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date.
double days_from_civil(int year, int month, int day) {
  year -= month <= 2;
  int era = (year >= 0 ? year : year - 399) / 400;
  int year_of_era = year - era * 400;
  int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097.0 + day_of_era - 719468;
}

// Reads `count` digits at `pos`; -1 when they are not all digits.
int digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// "YYYY-MM-DDTHH:MM:SS[.fff...](Z|±HH:MM)", as Authing writes dates.
std::optional<double> parse_iso_time(std::string_view text) {
  int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 60 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  double ms = ((days_from_civil(year, month, day) * 24 + hour) * 60 + minute) * 60000.0 + second * 1000.0;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    double scale = 100;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10) {
      ms += (text[pos] - '0') * scale;
    }
  }
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-') && pos + 6 == text.size()) {
    int offset_hours = digits(text, pos + 1, 2), offset_minutes = digits(text, pos + 4, 2);
    if (offset_hours < 0 || offset_minutes < 0 || text[pos + 3] != ':') return std::nullopt;
    double offset = (offset_hours * 60.0 + offset_minutes) * 60000.0;
    return text[pos] == '+' ? ms - offset : ms + offset;
  }
  if (pos + 1 == text.size() && text[pos] == 'Z') return ms;
  return std::nullopt;
}

std::string subject_of(std::string_view token) {
  std::optional<Claims> claims = decode_claims(token);
  return claims ? claims->subject : std::string();
}

}  // namespace

std::optional<double> updated_at_of(const json& user) {
  const json* value = member(user, "updatedAt");
  if (value == nullptr) return std::nullopt;
  // A time beyond double range reads as Infinity; taken as a time, it would
  // make every later answer look older.
  if (value->is_number()) {
    double ms = value->get<double>();
    return std::isfinite(ms) ? std::optional<double>(ms) : std::nullopt;
  }
  if (value->is_string()) return parse_iso_time(value->get_ref<const std::string&>());
  return std::nullopt;
}

Restored Session::restore(const json& stored_token, const json& stored_user, std::string_view user_pool_id) {
  clear();
  std::string token;
  if (stored_token.is_string() && is_plausible_token(stored_token.get_ref<const std::string&>())) {
    token = stored_token.get<std::string>();
  } else if (auto inner = string_member(stored_user, "token"); inner && is_plausible_token(*inner)) {
    token = *inner;
  }
  if (token.empty()) return {};
  std::optional<Claims> claims = decode_claims(token);
  if (claims && !claims->user_pool_id.empty() && !user_pool_id.empty() &&
      claims->user_pool_id != user_pool_id) {
    return {};
  }
  if (stored_user.is_object()) {
    std::string subject = claims ? claims->subject : std::string();
    auto stored_id = string_member(stored_user, "id");
    auto user_token = string_member(stored_user, "token");
    std::string user_token_subject = user_token ? subject_of(*user_token) : std::string();
    bool compared = false;
    bool differ = false;
    if (!subject.empty() && stored_id) {
      compared = true;
      differ |= *stored_id != subject;
    }
    if (!subject.empty() && !user_token_subject.empty()) {
      compared = true;
      differ |= user_token_subject != subject;
    }
    if (!compared && user_token && *user_token != token) differ = true;
    if (differ) return {.torn = true};
  }
  token_ = std::move(token);
  claims_ = std::move(claims);
  if (!stored_user.is_object()) return {};
  user_text_ = storable_user_text(stored_user, token_, &user_id_);
  updated_at_ = updated_at_of(stored_user);
  return {.rewrite_user = user_text_ != dump_json(stored_user)};
}

std::string_view Session::user_id() const {
  if (claims_ && !claims_->subject.empty()) return claims_->subject;
  return user_id_;
}

void Session::login(std::string token, const json& user) {
  token_ = std::move(token);
  claims_ = decode_claims(token_);
  user_text_ = storable_user_text(user, token_, &user_id_);
  updated_at_ = updated_at_of(user);
}

bool Session::update_user(const json& user) {
  // The answer's `token` is whatever the server last issued to this user (maybe
  // to another device); the session keeps its own.
  if (!user.is_object()) return false;
  std::optional<double> updated_at = updated_at_of(user);
  if (updated_at && updated_at_ && *updated_at < *updated_at_) return false;
  std::string id;
  std::string next = storable_user_text(user, token_, &id);
  if (next == user_text_) return false;
  user_text_ = std::move(next);
  user_id_ = std::move(id);
  if (updated_at) updated_at_ = updated_at;
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
  updated_at_.reset();
}

}  // namespace authing
