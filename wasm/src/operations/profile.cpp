// The user's profile: read it, change it.
#include "authing/graphql.h"
#include "authing/operations/handlers.h"

namespace authing::ops {
Result<HttpRequest> build_update_profile(const OpContext& ctx, const json& args) {
  Lang lang = ctx.config.message_lang;
  const json* updates = member(args, "updates");
  if (updates == nullptr || !updates->is_object()) {
    return sdk_error(ErrorKind::Argument, code::kArgument, lang, "updateProfile expects an object of fields");
  }
  std::string_view id = ctx.session.user_id();
  if (id.empty()) return session_error(code::kTokenInvalid, lang);
  json input = *updates;
  // Passwords have their own flow (encrypted); a profile update never carries one.
  input.erase("password");
  return make_graphql_request(ctx, gql::kUpdateUser, json{{"id", id}, {"input", std::move(input)}});
}

Result<Settled> interpret_update_profile(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto user = read_graphql_answer_view(response, "updateUser", ctx.config.message_lang);
  if (!user.ok()) return user.error();
  JsonView view = user.value();
  if (!view.is_object())
    return bad_response(response, ctx.config.message_lang, "updateUser returned no user");
  Settled settled;
  settled.result_text = without_secrets_text(view);
  settled.change = SessionChange::UpdateUser;
  return settled;
}

Result<HttpRequest> build_get_current_user(const OpContext& ctx, const json&) {
  return make_graphql_request(ctx, gql::kUser, json::object());
}

Result<Settled> interpret_get_current_user(const OpContext& ctx, const json&, const HttpResponse& response) {
  auto user = read_graphql_answer_view(response, "user", ctx.config.message_lang);
  if (!user.ok()) return user.error();
  JsonView view = user.value();
  Settled settled;
  if (view.is_null()) {
    settled.result = nullptr;
    return settled;
  }
  if (!view.is_object()) return bad_response(response, ctx.config.message_lang, "user is not an object");
  settled.result_text = without_secrets_text(view);
  settled.change = SessionChange::UpdateUser;
  return settled;
}

json no_user(const OpContext&, const json&) { return nullptr; }

}  // namespace authing::ops
