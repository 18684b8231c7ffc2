// WeChat logins: a wx.login code (and optionally the data from getUserInfo or
// the getPhoneNumber button) exchanged for an Authing session.
#include "authing/operations/handlers.h"

namespace authing::ops {
namespace {

constexpr std::string_view kAuthPath = "/connections/social/wechat-miniprogram/auth";
constexpr std::string_view kPhonePath = "/connections/social/wechat-miniprogram/auth-by-phone";
constexpr std::string_view kGetPhonePath = "/connections/social/wechat-miniprogram/getphone";

Result<HttpRequest> post_json(const OpContext& ctx, std::string_view path, json body) {
  HttpRequest request = make_request(ctx.config, "POST", path, ctx.session.token());
  request.body = dump_json(body);
  return request;
}

// {code, iv, encryptedData} from positional arguments, all required.
Result<json> phone_body(const json& args, Lang lang) {
  json body = json::object();
  for (std::string_view key : {"code", "iv", "encryptedData"}) {
    auto value = required_string_arg(args, key, lang);
    if (!value.ok()) return value.error();
    body[std::string(key)] = value.value();
  }
  return body;
}

Result<Settled> login_answer(const OpContext& ctx, const HttpResponse& response) {
  Lang lang = ctx.config.message_lang;
  auto data = read_rest_answer_view(response, lang);
  if (!data.ok()) return data.error();
  JsonView user = data.value();
  std::optional<JsonView> token_member = user.member("token");
  std::optional<std::string> token = token_member ? token_member->string_value() : std::nullopt;
  if (!token || !is_plausible_token(*token)) {
    return bad_response(response, lang, "the login answer has no token");
  }
  Settled settled;
  settled.change = SessionChange::Login;
  settled.token = std::move(*token);
  settled.result_text = without_secrets_text(user);
  return settled;
}

}  // namespace

Result<HttpRequest> build_login_by_code(const OpContext& ctx, const json& args) {
  Lang lang = ctx.config.message_lang;
  auto code = required_string_arg(args, "code", lang);
  if (!code.ok()) return code.error();
  json body = {{"code", code.value()}};
  if (const json* options = member(args, "options"); options != nullptr && !options->is_null()) {
    if (!options->is_object())
      return sdk_error(ErrorKind::Argument, code::kArgument, lang, "options must be an object");
    for (std::string_view key : {"iv", "encryptedData", "rawData"}) {
      auto value = optional_string_arg(*options, key, lang);
      if (!value.ok()) return value.error();
      if (value.value()) body[std::string(key)] = *value.value();
    }
  }
  return post_json(ctx, kAuthPath, std::move(body));
}

bool login_by_code_may_retry(const json& args) {
  // encryptedData is sealed with the session_key of the code it came with; a
  // fresh code cannot open it.
  const json* options = member(args, "options");
  return options == nullptr || member(*options, "encryptedData") == nullptr;
}

Result<HttpRequest> build_login_by_phone(const OpContext& ctx, const json& args) {
  auto body = phone_body(args, ctx.config.message_lang);
  if (!body.ok()) return body.error();
  return post_json(ctx, kPhonePath, std::move(body.value()));
}

Result<HttpRequest> build_get_phone(const OpContext& ctx, const json& args) {
  auto body = phone_body(args, ctx.config.message_lang);
  if (!body.ok()) return body.error();
  return post_json(ctx, kGetPhonePath, std::move(body.value()));
}

Result<Settled> interpret_login(const OpContext& ctx, const json&, const HttpResponse& response) {
  return login_answer(ctx, response);
}

Result<Settled> interpret_get_phone(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.config.message_lang);
  if (!data.ok()) return data.error();
  Settled settled;
  settled.result = std::move(data.value());
  return settled;
}

}  // namespace authing::ops
