// loginByLdap(username, password): a login checked against the user pool's
// LDAP directory. The password goes in plain text, as v4 sends it to this
// endpoint (over HTTPS; the server hands it to the directory as it is). The
// user, with its token, becomes the session.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto username = required_string_arg(args, "username", ctx.lang());
  if (!username.ok()) return username.error();
  auto password = required_string_arg(args, "password", ctx.lang());
  if (!password.ok()) return password.error();
  return make_json_request(ctx.config, "POST", "/api/v2/ldap/verify-user", ctx.session.token(),
                           {{"username", username.value()}, {"password", password.value()}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return login_answer(ctx, response);
}

}  // namespace

extern const OperationSpec kLoginByLdap{
    .name = "loginByLdap",
    .args = {"username", "password"},
    .coalesce = true,  // a double tap logs in once
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
