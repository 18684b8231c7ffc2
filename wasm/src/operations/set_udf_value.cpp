// setUdfValue(data): sets several custom data values of the session's user in
// one request; resolves undefined, as v4.
#include "data.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "mutation setUdvBatch($targetType: UDFTargetType!, $targetId: String!, $udvList: "
    "[UserDefinedDataInput!]) "
    "{ setUdvBatch(targetType: $targetType, targetId: $targetId, udvList: $udvList) { key dataType value "
    "label "
    "} }";

Step build(const OpContext& ctx, const json& args) {
  const json* data = member(args, "data");
  if (data == nullptr || !data->is_object())
    return argument_error(ctx.lang(), "data must be an object of custom field keys and values");
  if (data->empty()) return argument_error(ctx.lang(), "data has no custom field");
  json list = json::array();
  for (const auto& [key, value] : data->items()) {
    if (key.empty() || !is_header_safe(key))
      return argument_error(ctx.lang(), "data has an empty key or one with control characters");
    // Authing takes every value as JSON text, whatever the field's type.
    list.push_back({{"key", key}, {"value", dump_json(value)}});
  }
  auto variables = my_udv_target(ctx);
  if (!variables.ok()) return variables.error();
  variables.value()["udvList"] = std::move(list);
  return graphql_request(ctx, kDocument, variables.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto answer = read_graphql_answer(response, "setUdvBatch", ctx.lang());
  if (!answer.ok()) return answer.error();
  return Settled{};
}

}  // namespace

extern const OperationSpec kSetUdfValue{
    .name = "setUdfValue",
    .args = {"data"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
