// registerByEmail(email, password, profile?, options?): creates a user with
// an email and a password (RSA-encrypted as v4 sends it). With forceLogin or
// generateToken the answer carries a token and becomes the session; without,
// the new user is only returned.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation registerByEmail($input: RegisterByEmailInput!) { registerByEmail(input: $input) { " +
      user_selection() + " } }";
  return text;
}

Step build(const OpContext& ctx, const json& args) {
  auto email = required_string_arg(args, "email", ctx.lang());
  if (!email.ok()) return email.error();
  json input = {{"email", email.value()}, {"password", nullptr}};
  if (auto error = add_register_input(args, input, ctx.lang())) return *error;
  return with_encrypted_password(ctx, args, document(), std::move(input));
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return register_answer(ctx, response, "registerByEmail");
}

}  // namespace

extern const OperationSpec kRegisterByEmail{
    .name = "registerByEmail",
    .args = {"email", "password", "profile", "options"},
    .coalesce = true,  // a double tap registers once
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
