#include "authing/operations/common.h"

#include "authing/rsa.h"
#include "authing/user_fields.h"

namespace authing::ops {

Error argument_error(Lang lang, std::string_view detail) {
  return sdk_error(ErrorKind::Argument, code::kArgument, lang, detail);
}

Result<std::string> required_string_arg(const json& args, std::string_view key, Lang lang) {
  auto value = string_member(args, key);
  if (!value || value->empty()) return argument_error(lang, std::string(key) + " must be a non-empty string");
  if (!is_header_safe(*value)) return argument_error(lang, std::string(key) + " contains control characters");
  return *value;
}

Result<std::optional<std::string>> optional_string_arg(const json& args, std::string_view key, Lang lang) {
  const json* value = member(args, key);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) return argument_error(lang, std::string(key) + " must be a string");
  const auto& text = value->get_ref<const std::string&>();
  if (!is_header_safe(text)) return argument_error(lang, std::string(key) + " contains control characters");
  return std::optional<std::string>(text);
}

Result<std::string> checked_token_arg(const OpContext& ctx, const json& args, std::string_view key) {
  auto token = string_member(args, key);
  if (!token || !is_plausible_token(*token))
    return argument_error(ctx.lang(), std::string(key) + " is not a token");
  std::optional<Claims> claims = decode_claims(*token);
  if (claims && !claims->user_pool_id.empty() && !ctx.config.user_pool_id.empty() &&
      claims->user_pool_id != ctx.config.user_pool_id) {
    return argument_error(ctx.lang(), std::string(key) + " was issued for another user pool");
  }
  return std::move(*token);
}

Result<std::string> session_user_id(const OpContext& ctx) {
  std::string_view id = ctx.session.user_id();
  if (id.empty()) return session_error(code::kTokenInvalid, ctx.lang());
  return std::string(id);
}

const std::string& update_user_document() {
  static const std::string text =
      "mutation updateUser($id: String, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { " +
      user_selection() + " } }";
  return text;
}

HttpRequest graphql_request(const OpContext& ctx, std::string_view document, const json& variables) {
  return graphql_request_with_token(ctx, document, variables, ctx.session.token());
}

HttpRequest graphql_request_with_token(const OpContext& ctx, std::string_view document, const json& variables,
                                       std::string_view token) {
  HttpRequest request = make_request(ctx.config, "POST", "/graphql/v2", token);
  request.body.emplace();
  ObjectWriter(*request.body).string("query", document).value("variables", variables).end();
  return request;
}

Verdict logged_in_user(const OpContext& ctx, const HttpResponse& response, Result<json> data) {
  if (!data.ok()) return data.error();
  auto token = string_member(data.value(), "token");
  if (!token || !is_plausible_token(*token))
    return bad_response(response, ctx.lang(), "the login answer has no token");
  // A token is believed only for the user it names and the pool it was
  // issued for: later calls would act as the token's user, whoever the
  // answer said had logged in.
  if (std::optional<Claims> claims = decode_claims(*token)) {
    auto id = string_member(data.value(), "id");
    if (!claims->subject.empty() && id && !id->empty() && claims->subject != *id)
      return bad_response(response, ctx.lang(), "the login answer's token belongs to another user");
    if (!claims->user_pool_id.empty() && !ctx.config.user_pool_id.empty() &&
        claims->user_pool_id != ctx.config.user_pool_id)
      return bad_response(response, ctx.lang(), "the login answer's token was issued for another user pool");
  }
  Settled settled;
  settled.change = SessionChange::Login;
  settled.token = std::move(*token);
  settled.result = without_secrets(std::move(data.value()));
  return settled;
}

Verdict login_answer(const OpContext& ctx, const HttpResponse& response) {
  return logged_in_user(ctx, response, read_rest_answer(response, ctx.lang()));
}

Verdict graphql_login_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  return logged_in_user(ctx, response, read_graphql_answer(response, field, ctx.lang()));
}

Verdict graphql_user_update(const OpContext& ctx, const HttpResponse& response, std::string_view field) {
  auto user = read_graphql_answer(response, field, ctx.lang());
  if (!user.ok()) return user.error();
  if (!user.value().is_object())
    return bad_response(response, ctx.lang(), std::string(field) + " returned no user");
  return Settled{without_secrets(std::move(user.value())), SessionChange::UpdateUser};
}

std::optional<Step> encrypt_password(const OpContext& ctx, const json& args, std::string_view key,
                                     std::string& out) {
  auto password = required_string_arg(args, key, ctx.lang());
  if (!password.ok()) return password.error();
  const std::string key_name = "$publicKey";
  const json* pem = member(args, key_name);
  if (pem == nullptr) return public_key(key_name);

  if (ctx.config.custom_encrypt) {
    std::string into = "$encrypted:" + std::string(key);
    if (auto ciphertext = string_member(args, into)) {
      out = std::move(*ciphertext);
      return std::nullopt;
    }
    return Need{"encrypt", into, {{"plainText", password.value()}, {"publicKey", *pem}}};
  }

  auto rsa_key = parse_rsa_public_key(pem->get<std::string>());
  if (!rsa_key)
    return sdk_error(ErrorKind::Api, code::kPublicKey, ctx.lang(), "the key is not an RSA public key");
  std::string into = "$random:" + std::string(key);
  const json* random = member(args, into);
  if (random == nullptr) return random_bytes(ctx.config, into, rsa_random_bytes_wanted(*rsa_key));
  std::vector<uint8_t> bytes;
  bytes.reserve(random->size());
  for (const json& byte : *random) bytes.push_back(static_cast<uint8_t>(byte.get<double>()));
  auto ciphertext = rsa_encrypt(*rsa_key, password.value(), bytes);
  if (!ciphertext)
    return sdk_error(ErrorKind::Argument, code::kEncrypt, ctx.lang(), "the password is too long");
  out = std::move(*ciphertext);
  return std::nullopt;
}

}  // namespace authing::ops
