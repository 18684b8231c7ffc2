// resetPasswordByPhoneCode(phone, code, newPassword) and
// resetPasswordByEmailCode(email, code, newPassword): a forgotten password
// replaced with a code sent to the phone or the email. No session is needed;
// the new password travels encrypted.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "mutation resetPassword($phone: String, $email: String, $code: String!, $newPassword: String!) { "
    "resetPassword(phone: $phone, email: $email, code: $code, newPassword: $newPassword) { message code } }";

// `account` is "phone" or "email": the one of the two the call names.
Step build_reset(const OpContext& ctx, const json& args, std::string_view account) {
  auto target = required_string_arg(args, account, ctx.lang());
  if (!target.ok()) return target.error();
  auto code = required_string_arg(args, "code", ctx.lang());
  if (!code.ok()) return code.error();
  std::string password;
  if (auto step = encrypt_password(ctx, args, "newPassword", password)) return std::move(*step);
  json variables = {{std::string(account), std::move(target.value())},
                    {"code", std::move(code.value())},
                    {"newPassword", std::move(password)}};
  return graphql_request(ctx, kDocument, variables);
}

Step build_by_phone(const OpContext& ctx, const json& args) { return build_reset(ctx, args, "phone"); }
Step build_by_email(const OpContext& ctx, const json& args) { return build_reset(ctx, args, "email"); }

// v4 resolves the server's CommonMessage {code, message} as it comes.
Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto message = read_graphql_answer(response, "resetPassword", ctx.lang());
  if (!message.ok()) return message.error();
  if (!message.value().is_object())
    return bad_response(response, ctx.lang(), "resetPassword is not an object");
  return Settled{std::move(message.value())};
}

}  // namespace

extern const OperationSpec kResetPasswordByPhoneCode{
    .name = "resetPasswordByPhoneCode",
    .args = {"phone", "code", "newPassword"},
    .build = build_by_phone,
    .interpret = interpret,
};

extern const OperationSpec kResetPasswordByEmailCode{
    .name = "resetPasswordByEmailCode",
    .args = {"email", "code", "newPassword"},
    .build = build_by_email,
    .interpret = interpret,
};

}  // namespace authing::ops
