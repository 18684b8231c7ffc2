// loginByPhone(code, iv, encryptedData): login with the phone number from a
// <button open-type="getPhoneNumber">, sealed with the session of `code`.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto body = phone_number_body(args, ctx.lang());
  if (!body.ok()) return body.error();
  return make_json_request(ctx.config, "POST", "/connections/social/wechat-miniprogram/auth-by-phone",
                           ctx.session.token(), body.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return login_answer(ctx, response);
}

}  // namespace

extern const OperationSpec kLoginByPhone{
    .name = "loginByPhone",
    .args = {"code", "iv", "encryptedData"},
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
