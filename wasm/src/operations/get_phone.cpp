// getPhone(code, iv, encryptedData): the phone number, without logging in.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto body = phone_number_body(args, ctx.lang());
  if (!body.ok()) return body.error();
  return make_json_request(ctx.config, "POST", "/connections/social/wechat-miniprogram/getphone",
                           ctx.session.token(), body.value());
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) return data.error();
  return Settled{std::move(data.value())};
}

}  // namespace

extern const OperationSpec kGetPhone{
    .name = "getPhone",
    .args = {"code", "iv", "encryptedData"},
    .coalesce = true,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
