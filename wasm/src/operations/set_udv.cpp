// setUdv(key, value): sets one custom data value of the session's user; the
// answer is the whole list, converted as listUdv's.
#include "data.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "mutation setUdv($targetType: UDFTargetType!, $targetId: String!, $key: String!, $value: String!) { "
    "setUdv(targetType: $targetType, targetId: $targetId, key: $key, value: $value) { key dataType value "
    "label } }";

Step build(const OpContext& ctx, const json& args) {
  auto key = required_string_arg(args, "key", ctx.lang());
  if (!key.ok()) return key.error();
  // The caller's undefined never arrives, and v4 would have sent no value at all.
  const json* value = member(args, "value");
  if (value == nullptr) return argument_error(ctx.lang(), "value is required");
  auto variables = my_udv_target(ctx);
  if (!variables.ok()) return variables.error();
  variables.value()["key"] = std::move(key.value());
  // Authing takes every value as JSON text, whatever the field's type.
  variables.value()["value"] = dump_json(*value);
  return graphql_request(ctx, kDocument, variables.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return udv_list_answer(ctx, response, "setUdv");
}

}  // namespace

extern const OperationSpec kSetUdv{
    .name = "setUdv",
    .args = {"key", "value"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
