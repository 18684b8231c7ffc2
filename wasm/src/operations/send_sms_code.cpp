// sendSmsCode(phone, phoneCountryCode?): sends a verification code by SMS,
// for loginByPhoneCode, registerByPhoneCode and the phone flows that take one.
// Resolves {code, message} (v4 4.15.8 resolved the envelope's data, which
// this endpoint leaves out, so undefined; its typings and later v4 promise
// this CommonMessage).
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Step build(const OpContext& ctx, const json& args) {
  auto phone = required_string_arg(args, "phone", ctx.lang());
  if (!phone.ok()) return phone.error();
  json body = {{"phone", phone.value()}};
  if (const json* country = member(args, "phoneCountryCode"); country != nullptr && !country->is_null()) {
    auto value = required_string_arg(args, "phoneCountryCode", ctx.lang());
    if (!value.ok()) return value.error();
    body["phoneCountryCode"] = value.value();
  }
  return make_json_request(ctx.config, "POST", "/api/v2/sms/send", ctx.session.token(), body);
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) return data.error();
  // A success is an envelope with code 200 (read_rest_answer checked it).
  std::optional<json> envelope = parse_json(response.body);
  std::string message = envelope ? string_member(*envelope, "message").value_or("") : "";
  return Settled{json{{"code", 200}, {"message", std::move(message)}}};
}

}  // namespace

extern const OperationSpec kSendSmsCode{
    .name = "sendSmsCode",
    .args = {"phone", "phoneCountryCode"},
    .coalesce = true,  // a double tap sends one SMS
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
