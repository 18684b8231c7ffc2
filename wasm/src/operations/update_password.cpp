// updatePassword(newPassword, oldPassword?): the session's user sets a new
// password, proving the old one when they have one. Both travel encrypted.
// As in v4 the stored user is left alone: the password is none of its fields,
// so the answer differs from it in updatedAt at most.
#include "authing/operations/common.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation updatePassword($newPassword: String!, $oldPassword: String) { "
      "updatePassword(newPassword: $newPassword, oldPassword: $oldPassword) { " +
      user_selection() + " } }";
  return text;
}

// v4's documentation tells users without a password to leave oldPassword
// empty, and v4 then sends none: "" counts as not given.
Result<bool> old_password_given(const json& args, Lang lang) {
  auto old = optional_string_arg(args, "oldPassword", lang);
  if (!old.ok()) return old.error();
  return old.value().has_value() && !old.value()->empty();
}

Step build(const OpContext& ctx, const json& args) {
  // Checked before the new password's key and random bytes are fetched.
  auto with_old = old_password_given(args, ctx.lang());
  if (!with_old.ok()) return with_old.error();
  json variables = json::object();
  std::string password;
  if (auto step = encrypt_password(ctx, args, "newPassword", password)) return std::move(*step);
  variables["newPassword"] = std::move(password);
  if (with_old.value()) {
    std::string old;
    if (auto step = encrypt_password(ctx, args, "oldPassword", old)) return std::move(*step);
    variables["oldPassword"] = std::move(old);
  }
  return graphql_request(ctx, document(), variables);
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto user = read_graphql_answer(response, "updatePassword", ctx.lang());
  if (!user.ok()) return user.error();
  if (!user.value().is_object()) return bad_response(response, ctx.lang(), "updatePassword returned no user");
  return Settled{without_secrets(std::move(user.value()))};
}

}  // namespace

extern const OperationSpec kUpdatePassword{
    .name = "updatePassword",
    .args = {"newPassword", "oldPassword"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
