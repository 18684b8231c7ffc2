// loginByPhonePassword(phone, password, options?): a password login by phone
// number, the password RSA-encrypted as v4 sends it. The user, with its
// token, becomes the session.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation loginByPhonePassword($input: LoginByPhonePasswordInput!) { loginByPhonePassword(input: "
      "$input) { " +
      user_selection() + " } }";
  return text;
}

Step build(const OpContext& ctx, const json& args) {
  auto phone = required_string_arg(args, "phone", ctx.lang());
  if (!phone.ok()) return phone.error();
  auto options = object_arg(args, "options", ctx.lang());
  if (!options.ok()) return options.error();
  auto auto_register = bool_option(options.value(), "autoRegister", ctx.lang());
  if (!auto_register.ok()) return auto_register.error();
  json input = {{"phone", phone.value()}, {"password", nullptr}};
  if (auto error = copy_string_option(options.value(), "captchaCode", input, ctx.lang())) return *error;
  input["autoRegister"] = auto_register.value();
  if (auto error = add_extra_input(options.value(), input, ctx.lang())) return *error;
  return with_encrypted_password(ctx, args, document(), std::move(input));
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_login_answer(ctx, response, "loginByPhonePassword");
}

}  // namespace

extern const OperationSpec kLoginByPhonePassword{
    .name = "loginByPhonePassword",
    .args = {"phone", "password", "options"},
    .coalesce = true,  // a double tap logs in once
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
