// registerByPhoneCode(phone, code, password?, profile?, options?): creates a
// user with a phone number proven by a code from sendSmsCode, and a first
// password when given (RSA-encrypted as v4 sends it). With forceLogin or
// generateToken the answer carries a token and becomes the session; without,
// the new user is only returned.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation registerByPhoneCode($input: RegisterByPhoneCodeInput!) { registerByPhoneCode(input: $input) "
      "{ " +
      user_selection() + " } }";
  return text;
}

Step build(const OpContext& ctx, const json& args) {
  auto phone = required_string_arg(args, "phone", ctx.lang());
  if (!phone.ok()) return phone.error();
  auto code = required_string_arg(args, "code", ctx.lang());
  if (!code.ok()) return code.error();
  const json* password = member(args, "password");
  bool with_password = password != nullptr && !password->is_null();
  json input = {{"phone", phone.value()}, {"code", code.value()}};
  if (with_password) input["password"] = nullptr;
  if (auto error = add_register_input(args, input, ctx.lang())) return *error;
  if (with_password) return with_encrypted_password(ctx, args, document(), std::move(input));
  return graphql_request(ctx, document(), {{"input", std::move(input)}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return register_answer(ctx, response, "registerByPhoneCode");
}

}  // namespace

extern const OperationSpec kRegisterByPhoneCode{
    .name = "registerByPhoneCode",
    .args = {"phone", "code", "password", "profile", "options"},
    .coalesce = true,  // a code is good for one registration anyway
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
