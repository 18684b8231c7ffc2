// setToken(token): adopts a token obtained elsewhere (your server, another
// client) as the session, under the same rules as a login's token.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto token = checked_token_arg(ctx, args, "token");
  if (!token.ok()) return token.error();
  // The stored user stays only when it is the token's user.
  std::optional<Claims> claims = decode_claims(token.value());
  bool same_user = claims && !claims->subject.empty() && claims->subject == ctx.session.stored_user_id();
  json user = same_user ? parse_json(ctx.session.stored_user()).value_or(nullptr) : json(nullptr);
  return Settled{.change = SessionChange::Login, .token = std::move(token.value()), .user = std::move(user)};
}

}  // namespace

extern const OperationSpec kSetToken{
    .name = "setToken",
    .args = {"token"},
    .local_session_change = true,
    .build = build,
};

}  // namespace authing::ops
