// updateProfile(updates): changes the user's profile; the answer's user
// becomes the stored one. Only v4's UpdateUserInput fields go out: a
// password is dropped as v4 drops it, and any other key (`token`, `id`, ...)
// is refused by name before anything is sent, rather than sent for the
// server to refuse (or, worse, to accept).
#include "authing/operations/common.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  const json* updates = member(args, "updates");
  if (updates == nullptr || !updates->is_object()) {
    return argument_error(ctx.lang(), "updateProfile expects an object of fields");
  }
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  json input = json::object();
  for (auto it = updates->begin(); it != updates->end(); ++it) {
    if (it.key() == "password") continue;  // passwords have their own, encrypted, methods
    if (!is_updatable_field(it.key())) {
      // A key is named only when it reads as a field name: never echo what may be a secret.
      bool nameable = it.key().size() <= 64 && is_header_safe(it.key());
      return argument_error(ctx.lang(), nameable
                                            ? "updateProfile cannot change " + it.key()
                                            : std::string("updateProfile cannot change an unknown field"));
    }
    input[it.key()] = it.value();
  }
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
