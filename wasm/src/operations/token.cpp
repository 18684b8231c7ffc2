// The token itself: ask the server about it, renew it, end it.
#include "authing/graphql.h"
#include "authing/operations/handlers.h"

namespace authing::ops {
bool check_login_status_needs_login(const json& args) {
  // With an explicit token the server is asked about that token, session or not.
  const json* token = member(args, "token");
  return token == nullptr || token->is_null();
}

json logged_out_status(const OpContext& ctx, const json&) {
  Error error = session_error(code::kNotLoggedIn, ctx.config.message_lang);
  return {{"code", code::kNotLoggedIn},
          {"message", error.message},
          {"status", false},
          {"exp", nullptr},
          {"iat", nullptr},
          {"data", nullptr}};
}

Result<HttpRequest> build_check_login_status(const OpContext& ctx, const json& args) {
  auto token = optional_string_arg(args, "token", ctx.config.message_lang);
  if (!token.ok()) return token.error();
  json variables = json::object();
  if (token.value()) variables["token"] = *token.value();
  return make_graphql_request(ctx, gql::kCheckLoginStatus, variables);
}

Result<Settled> interpret_check_login_status(const OpContext& ctx, const json& args,
                                             const HttpResponse& response) {
  auto status = read_graphql_answer(response, "checkLoginStatus", ctx.config.message_lang);
  if (!status.ok()) return status.error();
  if (!status.value().is_object()) {
    return bad_response(response, ctx.config.message_lang, "checkLoginStatus is not an object");
  }
  Settled settled;
  const json* valid = member(status.value(), "status");
  const json* answer_code = member(status.value(), "code");
  bool checked_session_token = check_login_status_needs_login(args);
  // The server says the session's own token is over: so is the session.
  if (checked_session_token && valid != nullptr && valid->is_boolean() && !valid->get<bool>() &&
      answer_code != nullptr && is_session_ending_code(*answer_code)) {
    settled.change = SessionChange::Clear;
  }
  settled.result = std::move(status.value());
  return settled;
}

Result<HttpRequest> build_refresh_token(const OpContext& ctx, const json&) {
  return make_graphql_request(ctx, gql::kRefreshToken, json::object());
}

Result<Settled> interpret_refresh_token(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto answer = read_graphql_answer(response, "refreshToken", ctx.config.message_lang);
  if (!answer.ok()) return answer.error();
  auto token = string_member(answer.value(), "token");
  if (!token || !is_plausible_token(*token)) {
    return bad_response(response, ctx.config.message_lang, "refreshToken returned no token");
  }
  Settled settled;
  settled.change = SessionChange::ReplaceToken;
  settled.token = *token;
  settled.result = std::move(answer.value());
  return settled;
}

Result<HttpRequest> build_logout(const OpContext& ctx, const json&) {
  return make_request(ctx.config, "GET", "/api/v2/logout?app_id=" + percent_encode(ctx.config.app_id),
                      ctx.session.token());
}

Result<Settled> interpret_logout(const OpContext&, const json&, const HttpResponse&) {
  // The session ended before the request left; what the server says changes
  // nothing on this device.
  Settled settled;
  settled.result = json(json::value_t::discarded);
  return settled;
}

}  // namespace authing::ops
