// updateAvatar(options?): a new profile photo. The image is the one the page
// got from <button open-type="chooseAvatar"> ({filePath}), else the one the
// user picks now (wx.chooseMedia); it is uploaded with the session's token to
// Authing's upload endpoint, and its URL becomes the profile's `photo`.
//
// Steps, each a need or a request whose result comes back into the arguments:
// choose -> upload -> updateUser({photo}).
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

constexpr std::string_view kUploadPath = "/api/v2/upload?folder=avatar";

// The image's path: given by the page, or chosen.
Result<std::optional<std::string>> given_path(const OpContext& ctx, const json& args) {
  const json* options = member(args, "options");
  if (options == nullptr || options->is_null()) return std::optional<std::string>();
  if (!options->is_object()) return argument_error(ctx.lang(), "options must be an object");
  return optional_string_arg(*options, "filePath", ctx.lang());
}

Need upload(const OpContext& ctx, const std::string& file_path) {
  HttpRequest request = make_request(ctx.config, "POST", kUploadPath, ctx.session.token());
  json headers = json::object();
  for (const auto& [name, value] : request.headers) {
    // wx.uploadFile sets its own multipart content type.
    if (name != "content-type") headers[name] = value;
  }
  return Need{"wx.uploadFile",
              "$upload",
              {{"url", request.url},
               {"filePath", file_path},
               {"name", "file"},
               {"headers", std::move(headers)},
               {"timeoutMs", request.timeout_ms}}};
}

// The uploaded image's URL from wx.uploadFile's {statusCode, data}.
Result<std::string> uploaded_url(const OpContext& ctx, const json& answer) {
  HttpResponse response;
  double status = answer["statusCode"].get<double>();
  response.status = status >= 0 && status <= 999 ? static_cast<int>(status) : 0;
  response.body = answer["data"].get<std::string>();
  auto data = read_rest_answer(response, ctx.lang());
  if (!data.ok()) return data.error();
  auto url = string_member(data.value(), "url");
  if (!url || url->empty() || !is_header_safe(*url)) {
    return bad_response(response, ctx.lang(), "the upload answer has no url");
  }
  return std::move(*url);
}

Step build(const OpContext& ctx, const json& args) {
  auto id = session_user_id(ctx);
  if (!id.ok()) return id.error();
  auto given = given_path(ctx, args);
  if (!given.ok()) return given.error();
  std::optional<std::string> path = given.value();
  if (!path) path = string_member(args, "$filePath");
  if (!path) return Need{"wx.chooseMedia", "$filePath"};

  const json* uploaded = member(args, "$upload");
  if (uploaded == nullptr) return upload(ctx, *path);
  auto url = uploaded_url(ctx, *uploaded);
  if (!url.ok()) return url.error();
  json input = {{"photo", std::move(url.value())}};
  return graphql_request(ctx, update_user_document(),
                         {{"id", std::move(id.value())}, {"input", std::move(input)}});
}

Verdict interpret(const OpContext& ctx, const json&, const HttpResponse& response) {
  return graphql_user_update(ctx, response, "updateUser");
}

}  // namespace

extern const OperationSpec kUpdateAvatar{
    .name = "updateAvatar",
    .args = {"options"},
    .needs_login = always,
    .build = build,
    .interpret = interpret,
};

}  // namespace authing::ops
