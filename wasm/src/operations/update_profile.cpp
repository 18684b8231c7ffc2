// updateProfile(updates): changes the user's profile; the answer's user
// becomes the stored one.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  const json* updates = member(args, "updates");
  if (updates == nullptr || !updates->is_object()) {
    return argument_error(ctx.lang(), "updateProfile expects an object of fields");
  }
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  json input = *updates;
  // Passwords have their own flow (encrypted); a profile update never carries one.
  input.erase("password");
  return graphql_request(ctx, update_user_document(),
                         {{"id", std::move(id.value())}, {"input", std::move(input)}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, "updateUser");
}

}  // namespace

extern const OperationSpec kUpdateProfile{
    .name = "updateProfile",
    .args = {"updates"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
