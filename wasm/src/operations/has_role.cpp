// hasRole(code, namespace): whether the session's user holds the role of
// that code (in the namespace, when given).
#include "data.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto code = required_string_arg(args, "code", ctx.lang());
  if (!code.ok()) return code.error();
  return user_roles_request(ctx, args);
}

Verdict interpret(const OpContext& ctx, const json& args, const HttpResponse& response) {
  auto roles = user_roles_answer(ctx, response);
  if (!roles.ok()) return roles.error();
  const json* wanted = member(args, "code");
  bool held = false;
  for (const json& role : *member(roles.value(), "list")) {
    const json* role_code = member(role, "code");
    held = held || (role_code != nullptr && wanted != nullptr && *role_code == *wanted);
  }
  return Settled{json(held)};
}

}  // namespace

extern const OperationSpec kHasRole{
    .name = "hasRole",
    .args = {"code", "namespace"},
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
