// setCurrentUser(user): adopts a user object obtained elsewhere as the
// session, under the same rules as a login's answer: its `token` becomes the
// session's token, and only the allow-listed fields are stored.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  const json* user = member(args, "user");
  if (user == nullptr || !user->is_object()) return argument_error(ctx.lang(), "user must be an object");
  auto id = string_member(*user, "id");
  if (!id || id->empty()) return argument_error(ctx.lang(), "user.id must be a non-empty string");

  if (member(*user, "token") == nullptr || member(*user, "token")->is_null()) {
    // Without a token, only the session's own user can be replaced.
    if (!ctx.session.logged_in() || ctx.session.user_id() != *id) {
      return argument_error(ctx.lang(), "user.token is required unless user is the session's own user");
    }
    return Settled{.change = SessionChange::UpdateUser, .user = without_secrets(*user)};
  }
  auto token = checked_token_arg(ctx, *user, "token");
  if (!token.ok()) return token.error();
  std::optional<Claims> claims = decode_claims(token.value());
  if (claims && !claims->subject.empty() && claims->subject != *id) {
    return argument_error(ctx.lang(), "user.token belongs to another user than user.id");
  }
  return Settled{
      .change = SessionChange::Login, .token = std::move(token.value()), .user = without_secrets(*user)};
}

}  // namespace

extern const OperationSpec kSetCurrentUser{
    .name = "setCurrentUser",
    .args = {"user"},
    .local_session_change = true,
    .build = build,
};

}  // namespace authing::ops
