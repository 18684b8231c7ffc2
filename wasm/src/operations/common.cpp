#include "authing/operations/common.h"

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

Result<std::string> session_user_id(const OpContext& ctx) {
  std::string_view id = ctx.session.user_id();
  if (id.empty()) return session_error(code::kTokenInvalid, ctx.lang());
  return std::string(id);
}

Result<json> phone_number_body(const json& args, Lang lang) {
  json body = json::object();
  for (std::string_view key : {"code", "iv", "encryptedData"}) {
    auto value = required_string_arg(args, key, lang);
    if (!value.ok()) return value.error();
    body[std::string(key)] = std::move(value.value());
  }
  return body;
}

HttpRequest graphql_request(const OpContext& ctx, std::string_view document, const json& variables) {
  HttpRequest request = make_request(ctx.config, "POST", "/graphql/v2", ctx.session.token());
  request.body.emplace();
  ObjectWriter(*request.body).string("query", document).value("variables", variables).end();
  return request;
}

Verdict login_answer(const OpContext& ctx, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) return data.error();
  auto token = string_member(data.value(), "token");
  if (!token || !is_plausible_token(*token))
    return bad_response(response, ctx.lang(), "the login answer has no token");
  Settled settled;
  settled.change = SessionChange::Login;
  settled.token = std::move(*token);
  settled.result = without_secrets(std::move(data.value()));
  return settled;
}

}  // namespace authing::ops
