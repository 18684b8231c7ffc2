// checkPasswordStrength(password): whether the user pool's password rule
// accepts a password. The one call that sends a password in plain text, as
// v4 does: the server judges the text itself and keeps nothing.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "query checkPasswordStrength($password: String!) { checkPasswordStrength(password: $password) { valid "
    "message } }";

Step build(const OpContext& ctx, const json& args) {
  auto password = required_string_arg(args, "password", ctx.lang());
  if (!password.ok()) return password.error();
  return graphql_request(ctx, kDocument, {{"password", std::move(password.value())}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto strength = read_graphql_answer(response, "checkPasswordStrength", ctx.lang());
  if (!strength.ok()) return strength.error();
  if (!strength.value().is_object())
    return bad_response(response, ctx.lang(), "checkPasswordStrength is not an object");
  return Settled{std::move(strength.value())};
}

}  // namespace

extern const OperationSpec kCheckPasswordStrength{
    .name = "checkPasswordStrength",
    .args = {"password"},
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
