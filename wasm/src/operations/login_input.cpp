#include "login_input.h"

#include <string>

namespace authing::ops {
namespace {

std::string option_name(std::string_view key) { return "options." + std::string(key); }

}  // namespace

Result<json> object_arg(const json& args, std::string_view key, Lang lang) {
  const json* value = member(args, key);
  if (value == nullptr || value->is_null()) return json::object();
  if (!value->is_object()) return argument_error(lang, std::string(key) + " must be an object");
  return *value;
}

Result<bool> bool_option(const json& options, std::string_view key, Lang lang) {
  const json* value = member(options, key);
  if (value == nullptr || value->is_null()) return false;
  if (!value->is_boolean()) return argument_error(lang, option_name(key) + " must be a boolean");
  return value->get<bool>();
}

std::optional<Error> copy_string_option(const json& options, std::string_view key, json& input, Lang lang) {
  const json* value = member(options, key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) return argument_error(lang, option_name(key) + " must be a string");
  if (!is_header_safe(value->get_ref<const std::string&>()))
    return argument_error(lang, option_name(key) + " contains control characters");
  input[std::string(key)] = *value;
  return std::nullopt;
}

std::optional<Error> add_extra_input(const json& options, json& input, Lang lang) {
  if (auto error = copy_string_option(options, "clientIp", input, lang)) return error;

  json params = nullptr;
  const json* custom_data = member(options, "customData");
  const json* legacy_params = member(options, "params");
  if (custom_data != nullptr && !custom_data->is_null()) {
    if (!custom_data->is_object()) return argument_error(lang, "options.customData must be an object");
    json list = json::array();
    for (auto it = custom_data->begin(); it != custom_data->end(); ++it)
      list.push_back({{"key", it.key()}, {"value", it.value()}});
    params = dump_json(list);
  } else if (legacy_params != nullptr && !legacy_params->is_null()) {
    // v4's deprecated form of customData, already a list of {key, value}.
    if (!legacy_params->is_array()) return argument_error(lang, "options.params must be an array");
    params = dump_json(*legacy_params);
  }
  input["params"] = std::move(params);

  const json* context = member(options, "context");
  if (context != nullptr && !context->is_null() && !context->is_object())
    return argument_error(lang, "options.context must be an object");
  input["context"] = context != nullptr && !context->is_null() ? json(dump_json(*context)) : json(nullptr);
  return std::nullopt;
}

std::optional<Error> add_register_input(const json& args, json& input, Lang lang) {
  auto profile = object_arg(args, "profile", lang);
  if (!profile.ok()) return profile.error();
  auto options = object_arg(args, "options", lang);
  if (!options.ok()) return options.error();
  auto force_login = bool_option(options.value(), "forceLogin", lang);
  if (!force_login.ok()) return force_login.error();
  auto generate_token = bool_option(options.value(), "generateToken", lang);
  if (!generate_token.ok()) return generate_token.error();
  input["profile"] = std::move(profile.value());
  input["forceLogin"] = force_login.value();
  input["generateToken"] = generate_token.value();
  return add_extra_input(options.value(), input, lang);
}

Step with_encrypted_password(const OpContext& ctx, const json& args, std::string_view document, json input) {
  std::string ciphertext;
  if (auto step = encrypt_password(ctx, args, "password", ciphertext)) return std::move(*step);
  input["password"] = std::move(ciphertext);
  json variables = json::object();
  variables["input"] = std::move(input);
  return graphql_request(ctx, document, variables);
}

Verdict register_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  auto user = read_graphql_answer(response, field, ctx.lang());
  if (!user.ok()) return user.error();
  if (!user.value().is_object())
    return bad_response(response, ctx.lang(), std::string(field) + " returned no user");
  auto token = string_member(user.value(), "token");
  if (!token || !is_plausible_token(*token)) return Settled{without_secrets(std::move(user.value()))};
  Settled settled;
  settled.change = SessionChange::Login;
  settled.token = std::move(*token);
  settled.result = without_secrets(std::move(user.value()));
  return settled;
}

}  // namespace authing::ops
