// getUdfValue(): the session user's custom data as one object of key ->
// value, values converted as listUdv's.
#include "data.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json&) {
  auto target = my_udv_target(ctx);
  if (!target.ok()) return target.error();
  return graphql_request(ctx, kUdvQuery, target.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return udv_pairs_answer(ctx, response, "udv");
}

}  // namespace

extern const OperationSpec kGetUdfValue{
    .name = "getUdfValue",
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
