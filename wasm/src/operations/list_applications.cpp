// listApplications(params): a page of the applications the session's user
// may open, {totalCount, list}.
#include <cmath>

#include "authing/operations/common.h"

namespace authing::ops {
namespace {

// Integers a JS number holds exactly: a larger page is no page.
constexpr double kMaxSafeInteger = 9007199254740991.0;

// params[key] as a positive integer, `fallback` when absent or null (v4's
// defaults).
Result<long long> page_arg(const json& params, std::string_view key, long long fallback, Lang lang) {
  const json* value = member(params, key);
  if (value == nullptr || value->is_null()) return fallback;
  if (!value->is_number() || !is_integral_number(*value) || value->get<double>() < 1 ||
      value->get<double>() > kMaxSafeInteger)
    return argument_error(lang, "params." + std::string(key) + " must be a positive integer");
  return static_cast<long long>(value->get<double>());
}

Step build(const OpContext& ctx, const json& args) {
  json params = json::object();
  if (const json* given = member(args, "params"); given != nullptr && !given->is_null()) {
    if (!given->is_object()) return argument_error(ctx.lang(), "params must be an object");
    params = *given;
  }
  auto page = page_arg(params, "page", 1, ctx.lang());
  if (!page.ok()) return page.error();
  auto limit = page_arg(params, "limit", 10, ctx.lang());
  if (!limit.ok()) return limit.error();
  std::string path =
      "/api/v2/users/me/applications/allowed?page=" + percent_encode(std::to_string(page.value())) +
      "&limit=" + percent_encode(std::to_string(limit.value()));
  return make_request(ctx.config, "GET", path, ctx.session.token());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto applications = read_rest_answer(response, ctx.lang());
  if (!applications.ok()) return applications.error();
  const json* list = member(applications.value(), "list");
  if (list == nullptr || !list->is_array())
    return bad_response(response, ctx.lang(), "the applications have no list");
  return Settled{std::move(applications.value())};
}

}  // namespace

extern const OperationSpec kListApplications{
    .name = "listApplications",
    .args = {"params"},
    .needs_login = always,
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
