// logout(): the session ends on the device at once, and on the server when it
// can be reached; the call succeeds either way.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json&) {
  return make_request(ctx.config, "GET", "/api/v2/logout?app_id=" + percent_encode(ctx.config.app_id),
                      ctx.session.token());
}

// The session ended before the request left; what the server says changes
// nothing on this device.
Verdict interpret(const OpContext&, const json&, const HttpResponse&) { return Settled{}; }

}  // namespace

extern const OperationSpec kLogout{
    .name = "logout",
    .ends_session = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
