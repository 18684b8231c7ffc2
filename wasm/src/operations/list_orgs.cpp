// listOrgs(): the organizations the session's user belongs to, each as the
// path of nodes from the organization down to the user's department; the
// answer's data as it came, as v4.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json&) {
  return make_request(ctx.config, "GET", "/api/v2/users/me/orgs", ctx.session.token());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto orgs = read_rest_answer(response, ctx.lang());
  if (!orgs.ok()) return orgs.error();
  if (!orgs.value().is_array()) return bad_response(response, ctx.lang(), "the organizations are not a list");
  return Settled{std::move(orgs.value())};
}

}  // namespace

extern const OperationSpec kListOrgs{
    .name = "listOrgs",
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
