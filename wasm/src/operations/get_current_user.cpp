// getCurrentUser(): the user as the server knows them, or null without a
// valid session; the answer refreshes the stored user.
#include "authing/operations/common.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "query user($id: String) { user(id: $id) { " + user_selection_with_identities() + " } }";
  return text;
}

json no_user(const OpContext&, const json&) { return nullptr; }

Step build(const OpContext& ctx, const json&) { return graphql_request(ctx, document(), json::object()); }

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto user = read_graphql_answer(response, "user", ctx.lang());
  if (!user.ok()) return user.error();
  if (user.value().is_null()) return Settled{json(nullptr)};
  if (!user.value().is_object()) return bad_response(response, ctx.lang(), "user is not an object");
  return Settled{without_secrets(std::move(user.value())), SessionChange::UpdateUser};
}

}  // namespace

extern const OperationSpec kGetCurrentUser{
    .name = "getCurrentUser",
    .needs_login = always,
    .coalesce = true,
    .when_logged_out = no_user,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
