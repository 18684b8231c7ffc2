// loginByPhone(code, iv, encryptedData) / loginByPhone(code?, e.detail) /
// loginByPhone(e.detail): login with the phone number a
// <button open-type="getPhoneNumber"> gave.
//
// v4's iv + encryptedData are sealed with the session of `code` (a wx.login
// made before the tap) and go to v4's endpoint. A phone code (e.detail.code,
// base library 2.21.2+) goes to Authing's v3 signin-by-mobile with a wx.login
// code (the caller's, else one fetched now, since nothing is sealed with it);
// its answer is an OIDC token set, so the login ends as v4's does in a second
// step: the id_token's user is read with that token, and both become the
// session (steps: [wx.login ->] signin-by-mobile -> user).
#include "authing/operations/wechat.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

constexpr std::string_view kTokenArg = "$idToken";
constexpr std::string_view kLoginCodeArg = "$loginCode";

const std::string& user_document() {
  static const std::string text =
      "query user($id: String) { user(id: $id) { " + user_selection_with_identities() + " } }";
  return text;
}

Step phone_code_request(const OpContext& ctx, const json& args, const PhoneGrant& grant) {
  if (auto token = string_member(args, kTokenArg))
    return graphql_request_with_token(ctx, user_document(), json::object(), *token);
  auto identifier = connection_identifier(ctx);
  if (!identifier.ok()) return identifier.error();
  std::optional<std::string> login_code = grant.login_code;
  if (const json* fetched = member(args, kLoginCodeArg)) {
    login_code = fetched->is_string() ? std::optional(fetched->get<std::string>()) : std::nullopt;
  }
  if (!login_code) return wx_login_code(ctx.config, std::string(kLoginCodeArg));
  json body = {
      {"connection", "wechat_mini_program_code_and_phone"},
      {"extIdpConnidentifier", identifier.value()},
      {"wechatMiniProgramCodeAndPhonePayload",
       {{"wxPhoneInfo", {{"code", *grant.phone_code}}}, {"wxLoginInfo", {{"code", *login_code}}}}},
      {"options", {{"scope", "openid profile offline_access"}}},
  };
  return make_json_request(ctx.config, "POST", "/api/v3/signin-by-mobile", ctx.session.token(), body);
}

Step build(const OpContext& ctx, const json& args) {
  auto grant = phone_grant(args, ctx.lang());
  if (!grant.ok()) return grant.error();
  const PhoneGrant& given = grant.value();
  if (given.phone_code) return phone_code_request(ctx, args, given);
  if (!given.login_code)
    return argument_error(ctx.lang(),
                          "code (from a wx.login made before the button was tapped) must be a non-empty string "
                          "with iv and encryptedData");
  json body = {{"code", *given.login_code}, {"iv", *given.iv}, {"encryptedData", *given.encrypted_data}};
  return make_json_request(ctx.config, "POST", "/connections/social/wechat-miniprogram/auth-by-phone",
                           ctx.session.token(), body);
}

// signin-by-mobile's answer: the id_token, carried into the user step.
Verdict signed_in(const OpContext& ctx, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) {
    // The phone code cannot be fetched again without the user, but the
    // wx.login code can: after a busy answer the retry takes a fresh one.
    if (std::optional<Need> retry = wechat_retry(ctx, data.error(), std::string(kLoginCodeArg), false))
      return *retry;
    return data.error();
  }
  auto token = string_member(data.value(), "id_token");
  if (!token || !is_plausible_token(*token))
    return bad_response(response, ctx.lang(), "the login answer has no id_token");
  return delay(std::string(kTokenArg), std::move(*token), 0);
}

// The user the id_token names, which logs in with that token.
Verdict user_read(const OpContext& ctx, const json& args, const HttpResponse& response) {
  auto user = read_graphql_answer(response, "user", ctx.lang());
  if (!user.ok()) {
    Error error = user.error();
    // The token refused is the one just issued, not the session's: the
    // session there was must not end because of it.
    if (error.api_code && (is_session_ending_code(*error.api_code) || *error.api_code == code::kNotLoggedIn)) {
      Error refused = bad_response(response, ctx.lang(), "Authing refused the token its login had just issued");
      refused.request_id = error.request_id;
      return refused;
    }
    return error;
  }
  if (!user.value().is_object()) return bad_response(response, ctx.lang(), "the login's user was not found");
  user.value()["token"] = args[std::string(kTokenArg)];
  return logged_in_user(ctx, response, std::move(user.value()));
}

Verdict interpret(const OpContext& ctx, const json& args, const HttpResponse& response) {
  if (member(args, kTokenArg) != nullptr) return user_read(ctx, args, response);
  auto grant = phone_grant(args, ctx.lang());
  if (grant.ok() && grant.value().phone_code) return signed_in(ctx, response);
  Verdict verdict = login_answer(ctx, response);
  const Error* error = std::get_if<Error>(&verdict);
  // iv + encryptedData are sealed with this code: the retry after a busy
  // answer sends the same request.
  if (error != nullptr) {
    if (std::optional<Need> retry = wechat_retry(ctx, *error, "", false)) return *retry;
  }
  return verdict;
}

}  // namespace

extern const OperationSpec kLoginByPhone{
    .name = "loginByPhone",
    .args = {"code", "iv", "encryptedData"},
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
