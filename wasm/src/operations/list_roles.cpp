// listRoles(namespace): the session user's roles, {totalCount, list}, each
// role with its parent.
#include "data.h"

namespace authing::ops {
namespace {

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto roles = user_roles_answer(ctx, response);
  if (!roles.ok()) return roles.error();
  return Settled{std::move(roles.value())};
}

}  // namespace

extern const OperationSpec kListRoles{
    .name = "listRoles",
    .args = {"namespace"},
    .needs_login = always,
    .coalesce = true,
    .build = user_roles_request,
    .interpret = interpret,
};

}  // namespace authing::ops
