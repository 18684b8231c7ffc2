// loginByCode(code?, {iv, encryptedData} | {rawData}): the silent WeChat login.
// Without a code the core asks for one (wx.login); a code WeChat refuses is
// replaced by a fresh one, once.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kPath = "/connections/social/wechat-miniprogram/auth";

// WeChat's refusals of a code that a fresh code can fix: invalid, already used.
bool is_code_refusal(const Error& error) {
  if (error.kind != ErrorKind::Wechat || !error.api_code || !is_integral_number(*error.api_code))
    return false;
  double value = error.api_code->get<double>();
  return value == 40029 || value == 40163;
}

// encryptedData is sealed with the session_key of the code it came with; a
// fresh code cannot open it.
bool may_retry_with_fresh_code(const json& args) {
  const json* options = member(args, "options");
  return options == nullptr || member(*options, "encryptedData") == nullptr;
}

Step build(const OpContext& ctx, const json& args) {
  const json* given = member(args, "code");
  if (given == nullptr || given->is_null()) return wx_login_code(ctx.config);
  auto code = required_string_arg(args, "code", ctx.lang());
  if (!code.ok()) return code.error();
  json body = {{"code", code.value()}};
  if (const json* options = member(args, "options"); options != nullptr && !options->is_null()) {
    if (!options->is_object()) return argument_error(ctx.lang(), "options must be an object");
    for (std::string_view key : {"iv", "encryptedData", "rawData"}) {
      auto value = optional_string_arg(*options, key, ctx.lang());
      if (!value.ok()) return value.error();
      if (value.value()) body[std::string(key)] = *value.value();
    }
  }
  return make_json_request(ctx.config, "POST", kPath, ctx.session.token(), body);
}

Verdict interpret(const OpContext& ctx, const json& args, const HttpResponse& response) {
  Verdict verdict = login_answer(ctx, response);
  const Error* error = std::get_if<Error>(&verdict);
  if (error != nullptr && is_code_refusal(*error) && ctx.answers == 0 && may_retry_with_fresh_code(args)) {
    return wx_login_code(ctx.config);
  }
  return verdict;
}

}  // namespace

extern const OperationSpec kLoginByCode{
    .name = "loginByCode",
    .args = {"code", "options"},
    .coalesce = true,  // one code can only be used once anyway
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
