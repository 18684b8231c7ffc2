// registerByUsername(username, password, profile?, options?): creates a user
// with a username and a password (RSA-encrypted as v4 sends it). With forceLogin or
// generateToken the answer carries a token and becomes the session; without,
// the new user is only returned.
#include "authing/user_fields.h"
#include "login_input.h"

namespace authing::ops {
namespace {

const std::string& document() {
  static const std::string text =
      "mutation registerByUsername($input: RegisterByUsernameInput!) { registerByUsername(input: $input) { " +
      user_selection() + " } }";
  return text;
}

Step build(const OpContext& ctx, const json& args) {
  auto username = required_string_arg(args, "username", ctx.lang());
  if (!username.ok()) return username.error();
  json input = {{"username", username.value()}, {"password", nullptr}};
  if (auto error = add_register_input(args, input, ctx.lang())) return *error;
  return with_encrypted_password(ctx, args, document(), std::move(input));
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return register_answer(ctx, response, "registerByUsername");
}

}  // namespace

extern const OperationSpec kRegisterByUsername{
    .name = "registerByUsername",
    .args = {"username", "password", "profile", "options"},
    .coalesce = true,  // a double tap registers once
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
