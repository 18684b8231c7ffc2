// loginByPhoneCode(phone, code, options?): a login with a code from
// sendSmsCode. The user, with its token, becomes the session.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation loginByPhoneCode($input: LoginByPhoneCodeInput!) { loginByPhoneCode(input: $input) { " +
      user_selection() + " } }";
  return text;
}

// v4 sends no autoRegister here (its input type has one): the server's
// default, registering a phone it does not know, applies.
Step build(const OpContext& ctx, const json& args) {
  auto phone = required_string_arg(args, "phone", ctx.lang());
  if (!phone.ok()) return phone.error();
  auto code = required_string_arg(args, "code", ctx.lang());
  if (!code.ok()) return code.error();
  auto options = object_arg(args, "options", ctx.lang());
  if (!options.ok()) return options.error();
  json input = {{"phone", phone.value()}, {"code", code.value()}};
  if (auto error = add_extra_input(options.value(), input, ctx.lang())) return *error;
  return graphql_request(ctx, document(), {{"input", std::move(input)}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_login_answer(ctx, response, "loginByPhoneCode");
}

}  // namespace

extern const OperationSpec kLoginByPhoneCode{
    .name = "loginByPhoneCode",
    .args = {"phone", "code", "options"},
    .coalesce = true,  // a code is good for one login anyway
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
