// sendEmail(email, scene): sends an email for one of Authing's scenes (a reset
// password code, an email verification, ...); resolves {code, message}.
#include <array>

#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kDocument =
    "mutation sendEmail($email: String!, $scene: EmailScene!) { sendEmail(email: $email, scene: $scene) { "
    "message code } }";

// v4's EmailScene; the server would refuse any other value after the request.
constexpr std::array<std::string_view, 4> kScenes{"RESET_PASSWORD", "VERIFY_EMAIL", "CHANGE_EMAIL",
                                                  "MFA_VERIFY"};

Step build(const OpContext& ctx, const json& args) {
  auto email = required_string_arg(args, "email", ctx.lang());
  if (!email.ok()) return email.error();
  auto scene = required_string_arg(args, "scene", ctx.lang());
  if (!scene.ok()) return scene.error();
  bool known = false;
  for (std::string_view candidate : kScenes) known = known || candidate == scene.value();
  if (!known)
    return argument_error(ctx.lang(),
                          "scene must be RESET_PASSWORD, VERIFY_EMAIL, CHANGE_EMAIL or MFA_VERIFY");
  return graphql_request(ctx, kDocument, {{"email", email.value()}, {"scene", scene.value()}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto message = read_graphql_answer(response, "sendEmail", ctx.lang());
  if (!message.ok()) return message.error();
  if (!message.value().is_object()) return bad_response(response, ctx.lang(), "sendEmail is not an object");
  return Settled{std::move(message.value())};
}

}  // namespace

extern const OperationSpec kSendEmail{
    .name = "sendEmail",
    .args = {"email", "scene"},
    .coalesce = true,  // a double tap sends one email
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
