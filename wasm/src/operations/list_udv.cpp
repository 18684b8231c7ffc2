// listUdv(): the session user's custom data, values converted as v4 converts
// them (dates become Date objects in the shim).
#include "data.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json&) {
  auto target = my_udv_target(ctx);
  if (!target.ok()) return target.error();
  return graphql_request(ctx, kUdvQuery, target.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return udv_list_answer(ctx, response, "udv");
}

}  // namespace

extern const OperationSpec kListUdv{
    .name = "listUdv",
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
