// removeUdfValue(key): removes one custom data value of the session's user;
// resolves undefined, as v4.
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
  auto answer = read_graphql_answer(response, "removeUdv", ctx.lang());
  if (!answer.ok()) return answer.error();
  return Settled{};
}

}  // namespace

extern const OperationSpec kRemoveUdfValue{
    .name = "removeUdfValue",
    .args = {"key"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
