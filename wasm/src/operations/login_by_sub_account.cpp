// loginBySubAccount(account, password, options?): a login as a sub-account
// of a user, the password RSA-encrypted as v4 sends it. The sub-account's own
// user, with its token, becomes the session.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

// Unlike the other logins, v4's document takes top-level arguments.
const std::string& document() {
  static const std::string text =
      "mutation loginBySubAccount($account: String!, $password: String!, $captchaCode: String, $clientIp: "
      "String) { loginBySubAccount(account: $account, password: $password, captchaCode: $captchaCode, "
      "clientIp: $clientIp) { " +
      user_selection() + " } }";
  return text;
}

Step build(const OpContext& ctx, const json& args) {
  auto account = required_string_arg(args, "account", ctx.lang());
  if (!account.ok()) return account.error();
  auto options = object_arg(args, "options", ctx.lang());
  if (!options.ok()) return options.error();
  json variables = {{"account", account.value()}, {"password", nullptr}};
  if (auto error = copy_string_option(options.value(), "captchaCode", variables, ctx.lang())) return *error;
  if (auto error = copy_string_option(options.value(), "clientIp", variables, ctx.lang())) return *error;
  std::string ciphertext;
  if (auto step = encrypt_password(ctx, args, "password", ciphertext)) return std::move(*step);
  variables["password"] = std::move(ciphertext);
  return graphql_request(ctx, document(), variables);
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_login_answer(ctx, response, "loginBySubAccount");
}

}  // namespace

extern const OperationSpec kLoginBySubAccount{
    .name = "loginBySubAccount",
    .args = {"account", "password", "options"},
    .coalesce = true,  // a double tap logs in once
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
