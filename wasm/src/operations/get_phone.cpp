// getPhone(code, iv, encryptedData) / getPhone(code, e.detail) / getPhone(e.detail):
// the phone number, without logging in. A phone code (e.detail.code, base
// library 2.21.2+) goes to Authing's v3 endpoint, which needs no wx.login
// code; v4's iv + encryptedData are opened with the session of `code`.
#include "authing/operations/wechat.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto grant = phone_grant(args, ctx.lang());
  if (!grant.ok()) return grant.error();
  const PhoneGrant& given = grant.value();
  if (given.phone_code) {
    auto identifier = connection_identifier(ctx);
    if (!identifier.ok()) return identifier.error();
    json body = {{"extIdpConnidentifier", identifier.value()}, {"code", *given.phone_code}};
    return make_json_request(ctx.config, "POST", "/api/v3/get-wechat-miniprogram-phone", ctx.session.token(),
                             body);
  }
  if (!given.login_code)
    return argument_error(ctx.lang(), "code (from wx.login) must be a non-empty string with iv and encryptedData");
  json body = {{"code", *given.login_code}, {"iv", *given.iv}, {"encryptedData", *given.encrypted_data}};
  return make_json_request(ctx.config, "POST", "/connections/social/wechat-miniprogram/getphone",
                           ctx.session.token(), body);
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) {
    // Both endpoints' codes are bound to data or to one exchange: the retry
    // after WeChat was busy sends the same request.
    if (std::optional<Need> retry = wechat_retry(ctx, data.error(), "", false)) return *retry;
    return data.error();
  }
  // v3 answers {phone_info: {phoneNumber, purePhoneNumber, countryCode, watermark}}:
  // the caller gets the phone itself, as v4's endpoint gives it.
  if (const json* phone = member(data.value(), "phone_info"); phone != nullptr && phone->is_object())
    return Settled{*phone};
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
