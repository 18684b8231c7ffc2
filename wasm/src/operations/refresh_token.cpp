// refreshToken(): a fresh token for the session. The core also runs it by
// itself, once for every caller, when the token enters the last quarter of
// its life (core.h).
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "mutation refreshToken($id: String) { refreshToken(id: $id) { token iat exp } }";

Step build(const OpContext& ctx, const json&) { return graphql_request(ctx, kDocument, json::object()); }

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto answer = read_graphql_answer(response, "refreshToken", ctx.lang());
  if (!answer.ok()) return answer.error();
  auto token = string_member(answer.value(), "token");
  if (!token || !is_plausible_token(*token)) {
    return bad_response(response, ctx.lang(), "refreshToken returned no token");
  }
  return Settled{std::move(answer.value()), SessionChange::ReplaceToken, std::move(*token)};
}

}  // namespace

extern const OperationSpec kRefreshToken{
    .name = kRefreshOperation,
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
