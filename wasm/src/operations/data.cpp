#include "data.h"

#include <charconv>
#include <map>
#include <string>

namespace authing::ops {
namespace {

// A Date holds at most this many milliseconds either side of the epoch; past
// it `new Date(ms)` is an Invalid Date, so such text stays text.
constexpr long long kMaxDateMs = 8'640'000'000'000'000;

constexpr std::string_view kUserRolesQuery =
    "query getUserRoles($id: String!, $namespace: String) { user(id: $id) { roles(namespace: $namespace) { "
    "totalCount list { code namespace arn description createdAt updatedAt parent { code namespace arn "
    "description createdAt updatedAt } } } } }";

// Whole-text milliseconds only: v4's parseInt also took "12abc" as 12 and an
// ISO date as its year, which no Authing answer means.
std::optional<long long> milliseconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  if (value > kMaxDateMs || value < -kMaxDateMs) return std::nullopt;
  return value;
}

// The list of custom data in the answer's `field`, every entry an object.
Result<json> udv_list(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  auto list = read_graphql_answer(response, field, ctx.lang());
  if (!list.ok()) return list.error();
  if (!list.value().is_array())
    return bad_response(response, ctx.lang(), std::string(field) + " is not a list");
  for (const json& item : list.value()) {
    if (!item.is_object())
      return bad_response(response, ctx.lang(), "an entry of " + std::string(field) + " is not an object");
  }
  return list;
}

// Converts entry.value in place; true when it became a date.
bool convert_entry(json& entry) {
  auto value = entry.find("value");
  if (value == entry.end()) return false;
  auto data_type = string_member(entry, "dataType");
  bool is_date = false;
  *value = convert_udv_value(data_type ? *data_type : std::string(), std::move(*value), is_date);
  return is_date;
}

Error user_missing(const HttpResponse& response, Lang lang) {
  Error error;
  error.kind = ErrorKind::Api;
  error.code = 2004;
  error.message = lang == Lang::English ? "The user does not exist" : "用户不存在";
  error.status_code = response.status;
  return error;
}

}  // namespace

Result<json> my_udv_target(const OpContext& ctx) {
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  return json{{"targetType", "USER"}, {"targetId", std::move(id.value())}};
}

Result<std::optional<std::string>> optional_nonempty_string_arg(const json& args, std::string_view key,
                                                                Lang lang) {
  auto value = optional_string_arg(args, key, lang);
  if (value.ok() && value.value() && value.value()->empty())
    return argument_error(lang, std::string(key) + " must not be empty");
  return value;
}

json convert_udv_value(std::string_view data_type, json value, bool& is_date) {
  is_date = false;
  if (data_type == "DATETIME") {
    if (value.is_number()) {
      double ms = value.get<double>();
      is_date = ms <= kMaxDateMs && ms >= -kMaxDateMs;
      return value;
    }
    if (!value.is_string()) return value;
    auto ms = milliseconds(value.get_ref<const std::string&>());
    if (!ms) return value;
    is_date = true;
    return *ms;
  }
  if (data_type == "NUMBER" || data_type == "BOOLEAN" || data_type == "OBJECT") {
    if (!value.is_string()) return value;
    std::optional<json> parsed = parse_json(value.get_ref<const std::string&>());
    return parsed ? std::move(*parsed) : value;
  }
  return value;
}

Verdict udv_list_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  auto list = udv_list(ctx, response, field);
  if (!list.ok()) return list.error();
  json dates = json::array();
  json& entries = list.value();
  for (std::size_t index = 0; index < entries.size(); ++index) {
    if (convert_entry(entries[index])) dates.push_back(json::array({index, "value"}));
  }
  Settled settled{std::move(entries)};
  if (!dates.empty()) settled.dates = std::move(dates);
  return settled;
}

Verdict udv_pairs_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  auto list = udv_list(ctx, response, field);
  if (!list.ok()) return list.error();
  json pairs = json::object();
  // A key listed twice takes its last value, as in v4; only a last value that
  // is a date is one.
  std::map<std::string, bool> date_keys;
  for (json& entry : list.value()) {
    auto key = string_member(entry, "key");
    if (!key) return bad_response(response, ctx.lang(), "an entry of " + std::string(field) + " has no key");
    date_keys[*key] = convert_entry(entry);
    auto value = entry.find("value");
    pairs[*key] = value == entry.end() ? json(nullptr) : std::move(*value);
  }
  json dates = json::array();
  for (const auto& [key, is_date] : date_keys) {
    if (is_date) dates.push_back(json::array({key}));
  }
  Settled settled{std::move(pairs)};
  if (!dates.empty()) settled.dates = std::move(dates);
  return settled;
}

Result<json> my_user_member(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  auto user = read_graphql_answer(response, "user", ctx.lang());
  if (!user.ok()) return user.error();
  if (user.value().is_null()) return user_missing(response, ctx.lang());
  auto found = user.value().find(std::string(field));
  if (found == user.value().end() || !found->is_object())
    return bad_response(response, ctx.lang(), "user." + std::string(field) + " is not an object");
  return std::move(*found);
}

Step user_roles_request(const OpContext& ctx, const json& args) {
  auto role_namespace = optional_nonempty_string_arg(args, "namespace", ctx.lang());
  if (!role_namespace.ok()) return role_namespace.error();
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  json variables = {{"id", std::move(id.value())}};
  if (role_namespace.value()) variables["namespace"] = *role_namespace.value();
  return graphql_request(ctx, kUserRolesQuery, variables);
}

Result<json> user_roles_answer(const OpContext& ctx, const HttpResponse& response) {
  auto roles = my_user_member(ctx, response, "roles");
  if (!roles.ok()) return roles.error();
  const json* list = member(roles.value(), "list");
  if (list == nullptr || !list->is_array())
    return bad_response(response, ctx.lang(), "user.roles.list is not a list");
  return roles;
}

}  // namespace authing::ops
