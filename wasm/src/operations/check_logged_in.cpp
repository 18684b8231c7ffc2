// checkLoggedIn(): the session user's id, or a session error; nothing goes on
// the wire (v4 reads the stored user or the token's claims the same way).
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json&) {
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  return Settled{json(std::move(id.value()))};
}

}  // namespace

extern const OperationSpec kCheckLoggedIn{
    .name = "checkLoggedIn",
    .needs_login = always,
    .build = build,
};

}  // namespace authing::ops
