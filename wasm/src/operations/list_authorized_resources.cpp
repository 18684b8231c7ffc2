// listAuthorizedResources(namespace, options): the resources the session's
// user may act on, {list, totalCount}, each resource without its empty
// members, as v4.
#include "data.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "query listUserAuthorizedResources($id: String!, $namespace: String, $resourceType: String) { user(id: "
    "$id) "
    "{ authorizedResources(namespace: $namespace, resourceType: $resourceType) { totalCount list { code type "
    "actions } } } }";

// JavaScript's falsy values, which v4 deletes from each resource.
bool falsy(const json& value) {
  if (value.is_null()) return true;
  if (value.is_boolean()) return !value.get<bool>();
  if (value.is_number()) return value.get<double>() == 0;
  if (value.is_string()) return value.get_ref<const std::string&>().empty();
  return false;
}

Step build(const OpContext& ctx, const json& args) {
  auto resource_namespace = optional_nonempty_string_arg(args, "namespace", ctx.lang());
  if (!resource_namespace.ok()) return resource_namespace.error();
  json options = json::object();
  if (const json* given = member(args, "options"); given != nullptr && !given->is_null()) {
    if (!given->is_object()) return argument_error(ctx.lang(), "options must be an object");
    options = *given;
  }
  auto resource_type = optional_nonempty_string_arg(options, "resourceType", ctx.lang());
  if (!resource_type.ok()) return resource_type.error();
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  json variables = {{"id", std::move(id.value())}};
  if (resource_namespace.value()) variables["namespace"] = *resource_namespace.value();
  if (resource_type.value()) variables["resourceType"] = *resource_type.value();
  return graphql_request(ctx, kDocument, variables);
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto resources = my_user_member(ctx, response, "authorizedResources");
  if (!resources.ok()) return resources.error();
  json* list = nullptr;
  if (auto found = resources.value().find("list"); found != resources.value().end()) list = &*found;
  if (list == nullptr || !list->is_array())
    return bad_response(response, ctx.lang(), "user.authorizedResources.list is not a list");
  for (json& resource : *list) {
    if (!resource.is_object()) continue;
    json kept = json::object();
    for (auto& [key, value] : resource.items()) {
      if (!falsy(value)) kept[key] = std::move(value);
    }
    resource = std::move(kept);
  }
  const json* total = member(resources.value(), "totalCount");
  return Settled{json{{"list", std::move(*list)}, {"totalCount", total != nullptr ? *total : json(nullptr)}}};
}

}  // namespace

extern const OperationSpec kListAuthorizedResources{
    .name = "listAuthorizedResources",
    .args = {"namespace", "options"},
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
