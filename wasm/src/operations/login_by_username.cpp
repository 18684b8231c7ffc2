// loginByUsername(username, password, options?): a password login by username, the
// password RSA-encrypted as v4 sends it. The user, with its token, becomes
// the session.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation loginByUsername($input: LoginByUsernameInput!) { loginByUsername(input: $input) { " +
      user_selection() + " } }";
  return text;
}

Step build(const OpContext& ctx, const json& args) {
  auto username = required_string_arg(args, "username", ctx.lang());
  if (!username.ok()) return username.error();
  auto options = object_arg(args, "options", ctx.lang());
  if (!options.ok()) return options.error();
  auto auto_register = bool_option(options.value(), "autoRegister", ctx.lang());
  if (!auto_register.ok()) return auto_register.error();
  json input = {
      {"username", username.value()}, {"password", nullptr}, {"autoRegister", auto_register.value()}};
  if (auto error = copy_string_option(options.value(), "captchaCode", input, ctx.lang())) return *error;
  if (auto error = add_extra_input(options.value(), input, ctx.lang())) return *error;
  return with_encrypted_password(ctx, args, document(), std::move(input));
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_login_answer(ctx, response, "loginByUsername");
}

}  // namespace

extern const OperationSpec kLoginByUsername{
    .name = "loginByUsername",
    .args = {"username", "password", "options"},
    .coalesce = true,  // a double tap logs in once
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
