// linkAccount({primaryUserToken, secondaryUserToken}) and
// unLinkAccount({primaryUserToken, provider}): a social account joined to a
// main (phone or email) account, or a provider's identity taken off it. The
// accounts are named by their tokens in the body, so no session is needed
// (the session's token goes along when there is one, as in v4), and v4's
// fixed message is the result whatever the server's answer carries.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Result<json> options_of(const OpContext& ctx, const json& args) {
  const json* options = member(args, "options");
  if (options == nullptr || !options->is_object())
    return argument_error(ctx.lang(), "options must be an object");
  return *options;
}

// A token argument, checked to be one; never quoted in the error.
Result<std::string> token_arg(const OpContext& ctx, const json& options, std::string_view key) {
  auto token = required_string_arg(options, key, ctx.lang());
  if (!token.ok()) return token.error();
  if (!is_plausible_token(token.value()))
    return argument_error(ctx.lang(), std::string(key) + " is not a token");
  return token;
}

Step build_link(const OpContext& ctx, const json& args) {
  auto options = options_of(ctx, args);
  if (!options.ok()) return options.error();
  json body = json::object();
  for (std::string_view key : {"primaryUserToken", "secondaryUserToken"}) {
    auto token = token_arg(ctx, options.value(), key);
    if (!token.ok()) return token.error();
    body[std::string(key)] = std::move(token.value());
  }
  return make_json_request(ctx.config, "POST", "/api/v2/users/link", ctx.session.token(), body);
}

Step build_unlink(const OpContext& ctx, const json& args) {
  auto options = options_of(ctx, args);
  if (!options.ok()) return options.error();
  auto primary = token_arg(ctx, options.value(), "primaryUserToken");
  if (!primary.ok()) return primary.error();
  auto provider = required_string_arg(options.value(), "provider", ctx.lang());
  if (!provider.ok()) return provider.error();
  json body = {{"primaryUserToken", std::move(primary.value())}, {"provider", std::move(provider.value())}};
  return make_json_request(ctx.config, "POST", "/api/v2/users/unlink", ctx.session.token(), body);
}

Verdict settled_with(const OpContext& ctx, const HttpResponse& response, std::string_view message) {
  auto answer = read_rest_answer(response, ctx.lang());
  if (!answer.ok()) return answer.error();
  return Settled{json{{"code", 200}, {"message", message}}};
}

Verdict interpret_link(const OpContext& ctx, const json&, const HttpResponse& response) {
  return settled_with(ctx, response, "绑定成功");
}

Verdict interpret_unlink(const OpContext& ctx, const json&, const HttpResponse& response) {
  return settled_with(ctx, response, "解绑成功");
}

}  // namespace

extern const OperationSpec kLinkAccount{
    .name = "linkAccount",
    .args = {"options"},
    .build = build_link,
    .interpret = interpret_link,
};

extern const OperationSpec kUnLinkAccount{
    .name = "unLinkAccount",
    .args = {"options"},
    .build = build_unlink,
    .interpret = interpret_unlink,
};

}  // namespace authing::ops
