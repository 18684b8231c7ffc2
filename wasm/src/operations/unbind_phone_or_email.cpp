// unbindPhone() and unbindEmail(): the session's user drops their phone or
// email (the server refuses to take the last way in); the answer's user is
// stored.
#include "authing/operations/common.h"
#include "authing/user_fields.h"

namespace authing::ops {
namespace {

const std::string& phone_document() {
  static const std::string text = "mutation unbindPhone { unbindPhone { " + user_selection() + " } }";
  return text;
}

const std::string& email_document() {
  static const std::string text = "mutation unbindEmail { unbindEmail { " + user_selection() + " } }";
  return text;
}

Step build_phone(const OpContext& ctx, const json&) {
  return graphql_request(ctx, phone_document(), json::object());
}

Step build_email(const OpContext& ctx, const json&) {
  return graphql_request(ctx, email_document(), json::object());
}

Verdict interpret_phone(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, "unbindPhone");
}

Verdict interpret_email(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, "unbindEmail");
}

}  // namespace

extern const OperationSpec kUnbindPhone{
    .name = "unbindPhone",
    .needs_login = always,
    .build = build_phone,
    .interpret = interpret_phone,
};

extern const OperationSpec kUnbindEmail{
    .name = "unbindEmail",
    .needs_login = always,
    .build = build_email,
    .interpret = interpret_email,
};

}  // namespace authing::ops
