// removeUdv(key): removes one custom data value of the session's user; the
// answer is what remains, converted as listUdv's.
#include "data.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto key = required_string_arg(args, "key", ctx.lang());
  if (!key.ok()) return key.error();
  auto variables = my_udv_target(ctx);
  if (!variables.ok()) return variables.error();
  variables.value()["key"] = std::move(key.value());
  return graphql_request(ctx, kRemoveUdvMutation, variables.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return udv_list_answer(ctx, response, "removeUdv");
}

}  // namespace

extern const OperationSpec kRemoveUdv{
    .name = "removeUdv",
    .args = {"key"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
