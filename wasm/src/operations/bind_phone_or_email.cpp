// bindPhone(phone, phoneCode) and bindEmail(email, emailCode): the session's
// user adds a first phone or email, proven by its code; the answer's user is
// stored.
#include "authing/operations/common.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

const std::string& phone_document() {
  static const std::string text =
      "mutation bindPhone($phone: String!, $phoneCode: String!) { bindPhone(phone: $phone, phoneCode: "
      "$phoneCode) { " +
      user_selection() + " } }";
  return text;
}

const std::string& email_document() {
  static const std::string text =
      "mutation bindEmail($email: String!, $emailCode: String!) { bindEmail(email: $email, emailCode: "
      "$emailCode) { " +
      user_selection() + " } }";
  return text;
}

// The variables are the two arguments, named alike.
Step build_bind(const OpContext& ctx, const json& args, std::string_view value_key, std::string_view code_key,
                const std::string& document) {
  json variables = json::object();
  for (std::string_view key : {value_key, code_key}) {
    auto value = required_string_arg(args, key, ctx.lang());
    if (!value.ok()) return value.error();
    variables[std::string(key)] = std::move(value.value());
  }
  return graphql_request(ctx, document, variables);
}

Step build_phone(const OpContext& ctx, const json& args) {
  return build_bind(ctx, args, "phone", "phoneCode", phone_document());
}

Step build_email(const OpContext& ctx, const json& args) {
  return build_bind(ctx, args, "email", "emailCode", email_document());
}

Verdict interpret_phone(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, "bindPhone");
}

Verdict interpret_email(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, "bindEmail");
}

}  // namespace

extern const OperationSpec kBindPhone{
    .name = "bindPhone",
    .args = {"phone", "phoneCode"},
    .needs_login = always,
    .build = build_phone,
    .interpret = interpret_phone,
};

extern const OperationSpec kBindEmail{
    .name = "bindEmail",
    .args = {"email", "emailCode"},
    .needs_login = always,
    .build = build_email,
    .interpret = interpret_email,
};

}  // namespace authing::ops
