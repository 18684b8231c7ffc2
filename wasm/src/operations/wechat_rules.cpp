// WeChat's rules for the login operations: see operations/wechat.h.
#include "authing/operations/wechat.h"

namespace authing::ops {
namespace {

std::optional<double> wechat_code(const Error& error) {
  if (error.kind != ErrorKind::Wechat || !error.api_code || !is_integral_number(*error.api_code))
    return std::nullopt;
  return error.api_code->get<double>();
}

// A string the caller may leave out, but not give empty or unsafe.
Result<std::optional<std::string>> text_arg(const json& object, std::string_view key, Lang lang) {
  auto value = optional_string_arg(object, key, lang);
  if (!value.ok()) return value.error();
  if (value.value() && value.value()->empty())
    return argument_error(lang, std::string(key) + " must be a non-empty string");
  return value;
}

}  // namespace

bool is_code_refusal(const Error& error) {
  std::optional<double> code = wechat_code(error);
  return code && (*code == 40029 || *code == 40163);
}

bool is_wechat_busy(const Error& error) {
  std::optional<double> code = wechat_code(error);
  return code && *code == -1;
}

std::optional<Need> wechat_retry(const OpContext& ctx, const Error& error, const std::string& fresh_code,
                                 bool code_refusals) {
  if (ctx.answers != 0) return std::nullopt;
  if (code_refusals && is_code_refusal(error)) return wx_login_code(ctx.config, fresh_code);
  if (!is_wechat_busy(error)) return std::nullopt;
  if (fresh_code.empty()) return delay("$retried", true, kWechatBusyBackoffMs);
  return delay(fresh_code, nullptr, kWechatBusyBackoffMs);
}

Result<PhoneGrant> phone_grant(const json& args, Lang lang) {
  PhoneGrant grant;
  const json* first = member(args, "code");
  const json* second = member(args, "iv");
  const json* detail = nullptr;
  if (first != nullptr && first->is_object()) {
    detail = first;
  } else {
    auto login_code = text_arg(args, "code", lang);
    if (!login_code.ok()) return login_code.error();
    grant.login_code = std::move(login_code.value());
    if (second != nullptr && second->is_object()) detail = second;
  }
  const json& source = detail != nullptr ? *detail : args;
  if (detail != nullptr) {
    auto phone_code = text_arg(*detail, "code", lang);
    if (!phone_code.ok()) return phone_code.error();
    grant.phone_code = std::move(phone_code.value());
  }
  auto iv = text_arg(source, "iv", lang);
  if (!iv.ok()) return iv.error();
  auto encrypted = text_arg(source, "encryptedData", lang);
  if (!encrypted.ok()) return encrypted.error();
  grant.iv = std::move(iv.value());
  grant.encrypted_data = std::move(encrypted.value());
  if (!grant.phone_code && (!grant.iv || !grant.encrypted_data)) return no_phone_grant(lang);
  return grant;
}

Error no_phone_grant(Lang lang) {
  return argument_error(lang, lang == Lang::English
                                  ? "pass what <button open-type=\"getPhoneNumber\"> gave (e.detail): its code "
                                    "(base library 2.21.2+), or its iv and encryptedData; without them the user "
                                    "did not allow the phone number"
                                  : "请传入 <button open-type=\"getPhoneNumber\"> 回调的 e.detail：其中的 code"
                                    "（基础库 2.21.2 起），或 iv 和 encryptedData；没有它们说明用户未授权手机号");
}

Result<std::string> connection_identifier(const OpContext& ctx) {
  if (!ctx.config.ext_idp_conn_identifier.empty()) return ctx.config.ext_idp_conn_identifier;
  return argument_error(ctx.lang(),
                        ctx.lang() == Lang::English
                            ? "the phone code needs the extIdpConnidentifier client option: the identifier of "
                              "the WeChat Mini Program identity source (Authing console: Connections > Social "
                              "Identity Source > WeChat Mini Program)"
                            : "手机号 code 需要 extIdpConnidentifier 初始化参数：微信小程序身份源的唯一标识"
                              "（Authing 控制台「身份源管理 - 社会化身份源 - 微信小程序」）");
}

}  // namespace authing::ops
