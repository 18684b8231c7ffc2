// getSecurityLevel(): how well the session's account is protected (bound
// email and phone, password strength, MFA) and its score.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json&) {
  return make_request(ctx.config, "GET", "/api/v2/users/me/security-level", ctx.session.token());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto level = read_rest_answer(response, ctx.lang());
  if (!level.ok()) return level.error();
  if (!level.value().is_object())
    return bad_response(response, ctx.lang(), "the security level is not an object");
  return Settled{std::move(level.value())};
}

}  // namespace

extern const OperationSpec kGetSecurityLevel{
    .name = "getSecurityLevel",
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
