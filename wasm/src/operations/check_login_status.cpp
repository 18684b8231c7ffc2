// checkLoginStatus(token?): asks the server about the session's token (or
// the one given); a session whose token the server calls expired ends here.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "query checkLoginStatus($token: String) { checkLoginStatus(token: $token) { code message status exp iat "
    "data { id userPoolId arn } } }";

// With an explicit token the server is asked about that token, session or not.
bool without_token_argument(const json& args) {
  const json* token = member(args, "token");
  return token == nullptr || token->is_null();
}

json logged_out_status(const OpContext& ctx, const json&) {
  Error error = session_error(code::kNotLoggedIn, ctx.lang());
  return {{"code", code::kNotLoggedIn},
          {"message", error.message},
          {"status", false},
          {"exp", nullptr},
          {"iat", nullptr},
          {"data", nullptr}};
}

Step build(const OpContext& ctx, const json& args) {
  auto token = optional_string_arg(args, "token", ctx.lang());
  if (!token.ok()) return token.error();
  json variables = json::object();
  if (token.value()) variables["token"] = *token.value();
  return graphql_request(ctx, kDocument, std::move(variables));
}

Verdict interpret(const OpContext& ctx, const json& args, const HttpResponse& response) {
  auto status = read_graphql_answer(response, "checkLoginStatus", ctx.lang());
  if (!status.ok()) return status.error();
  if (!status.value().is_object())
    return bad_response(response, ctx.lang(), "checkLoginStatus is not an object");
  Settled settled;
  const json* valid = member(status.value(), "status");
  const json* answer_code = member(status.value(), "code");
  // The server says the session's own token is over: so is the session.
  if (without_token_argument(args) && valid != nullptr && valid->is_boolean() && !valid->get<bool>() &&
      answer_code != nullptr && is_session_ending_code(*answer_code)) {
    settled.change = SessionChange::Clear;
  }
  settled.result = std::move(status.value());
  return settled;
}

}  // namespace

extern const OperationSpec kCheckLoginStatus{
    .name = "checkLoginStatus",
    .args = {"token"},
    .needs_login = without_token_argument,
    .coalesce = true,
    .when_logged_out = logged_out_status,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
