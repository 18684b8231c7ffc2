// loginByCode(code?, {iv, encryptedData} | {rawData}): the silent WeChat login.
// Without a code the core asks for one (wx.login); a code WeChat refuses is
// replaced by a fresh one, once.
//
// WeChat busy (-1): code2Session's docs say only "系统繁忙，此时请开发者稍候再试"
// and do not say whether the code was spent. A fresh code cannot be refused
// as used, so the one retry (after a short back-off) takes a fresh code,
// unless data is sealed with the first code's session_key: only that code
// opens it, so the same request goes again (and if WeChat did spend the code,
// its 40163 is final).
#include "authing/operations/wechat.h"

namespace authing::ops {
namespace {

constexpr std::string_view kPath = "/connections/social/wechat-miniprogram/auth";

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
  if (error == nullptr) return verdict;
  bool fresh = may_retry_with_fresh_code(args);
  if (std::optional<Need> retry = wechat_retry(ctx, *error, fresh ? "code" : "", fresh)) return *retry;
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
