// updatePhone(phone, phoneCode, oldPhone?, oldPhoneCode?) and
// updateEmail(email, emailCode, oldEmail?, oldEmailCode?): the session's user
// moves to a new phone or email, proven by its code (and the old one's, when
// the user pool asks for it). v4 leaves the stored user as it was, with the
// old phone or email; here the answer's user is stored.
#include "authing/operations/common.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

// One of the two methods: its GraphQL field (also its name), the argument
// names (also the variables'), and its document up to the user selection.
struct Method {
  std::string_view field;
  std::string_view value;
  std::string_view code;
  std::string_view old_value;
  std::string_view old_code;
  std::string_view head;
};

constexpr Method kPhone{
    "updatePhone",
    "phone",
    "phoneCode",
    "oldPhone",
    "oldPhoneCode",
    "mutation updatePhone($phone: String!, $phoneCode: String!, $oldPhone: String, $oldPhoneCode: String) { "
    "updatePhone(phone: $phone, phoneCode: $phoneCode, oldPhone: $oldPhone, oldPhoneCode: $oldPhoneCode) { "};

constexpr Method kEmail{
    "updateEmail",
    "email",
    "emailCode",
    "oldEmail",
    "oldEmailCode",
    "mutation updateEmail($email: String!, $emailCode: String!, $oldEmail: String, $oldEmailCode: String) { "
    "updateEmail(email: $email, emailCode: $emailCode, oldEmail: $oldEmail, oldEmailCode: $oldEmailCode) { "};

const std::string& phone_document() {
  static const std::string text = std::string(kPhone.head) + user_selection() + " } }";
  return text;
}

const std::string& email_document() {
  static const std::string text = std::string(kEmail.head) + user_selection() + " } }";
  return text;
}

// An optional argument; "" counts as not given, as a form's empty field.
Result<std::optional<std::string>> optional_arg(const json& args, std::string_view key, Lang lang) {
  auto value = optional_string_arg(args, key, lang);
  if (!value.ok() || !value.value() || !value.value()->empty()) return value;
  return std::optional<std::string>();
}

Step build_update(const OpContext& ctx, const json& args, const Method& method, const std::string& text) {
  json variables = json::object();
  for (std::string_view key : {method.value, method.code}) {
    auto value = required_string_arg(args, key, ctx.lang());
    if (!value.ok()) return value.error();
    variables[std::string(key)] = std::move(value.value());
  }
  auto old_value = optional_arg(args, method.old_value, ctx.lang());
  if (!old_value.ok()) return old_value.error();
  auto old_code = optional_arg(args, method.old_code, ctx.lang());
  if (!old_code.ok()) return old_code.error();
  // The old one is proven by its code: one without the other proves nothing.
  if (old_value.value().has_value() != old_code.value().has_value()) {
    return argument_error(
        ctx.lang(), std::string(method.old_value) + " and " + std::string(method.old_code) + " go together");
  }
  if (old_value.value()) {
    variables[std::string(method.old_value)] = std::move(*old_value.value());
    variables[std::string(method.old_code)] = std::move(*old_code.value());
  }
  return graphql_request(ctx, text, variables);
}

Step build_phone(const OpContext& ctx, const json& args) {
  return build_update(ctx, args, kPhone, phone_document());
}

Step build_email(const OpContext& ctx, const json& args) {
  return build_update(ctx, args, kEmail, email_document());
}

Verdict interpret_phone(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, kPhone.field);
}

Verdict interpret_email(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, kEmail.field);
}

}  // namespace

extern const OperationSpec kUpdatePhone{
    .name = kPhone.field,
    .args = {kPhone.value, kPhone.code, kPhone.old_value, kPhone.old_code},
    .needs_login = always,
    .build = build_phone,
    .interpret = interpret_phone,
};

extern const OperationSpec kUpdateEmail{
    .name = kEmail.field,
    .args = {kEmail.value, kEmail.code, kEmail.old_value, kEmail.old_code},
    .needs_login = always,
    .build = build_email,
    .interpret = interpret_email,
};

}  // namespace authing::ops
