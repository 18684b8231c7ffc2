// The methods of v4's client that a mini program must not call. They exist
// so that a page ported from v4 gets a typed error saying why (kind
// `unsupported`), never "is not a function"; nothing goes on the wire.
#include "authing/operations/common.h"

namespace authing::ops {
namespace {

Error unsupported(const OpContext& ctx, std::string_view why) {
  return sdk_error(ErrorKind::Unsupported, code::kUnsupported, ctx.lang(), why);
}

// The OIDC/OAuth token endpoint calls authenticate the application with its
// secret, which anyone can read out of a mini program's code package.
Step needs_app_secret(const OpContext& ctx, const json&) {
  return unsupported(ctx, ctx.lang() == Lang::English
                              ? "it authenticates your application with its secret, which must stay on your "
                                "server; call it there"
                              : "它需要应用密钥（secret），密钥只能放在你的服务端，请在服务端调用");
}

Step needs_browser_token(const OpContext& ctx, const json&) {
  return unsupported(ctx, ctx.lang() == Lang::English
                              ? "it reads an OIDC access token from a browser login; in a mini program use "
                                "getCurrentUser()"
                              : "它读取浏览器 OIDC 登录得到的 access token；小程序中请使用 getCurrentUser()");
}

Step needs_ad_connector(const OpContext& ctx, const json&) {
  return unsupported(
      ctx, ctx.lang() == Lang::English
               ? "it talks to Authing's AD connector over its websocket host, which a mini "
                 "program cannot reach; use loginByLdap or the hosted login page"
               : "它通过 websocket 地址访问 AD 连接器，小程序无法访问；请使用 loginByLdap 或托管登录页");
}

}  // namespace

extern const OperationSpec kGetAccessTokenByCode{
    .name = "getAccessTokenByCode", .args = {"code"}, .build = needs_app_secret};
extern const OperationSpec kGetAccessTokenByClientCredentials{
    .name = "getAccessTokenByClientCredentials", .args = {"scope", "options"}, .build = needs_app_secret};
extern const OperationSpec kGetNewAccessTokenByRefreshToken{
    .name = "getNewAccessTokenByRefreshToken", .args = {"refreshToken"}, .build = needs_app_secret};
extern const OperationSpec kRevokeToken{.name = "revokeToken", .args = {"token"}, .build = needs_app_secret};
extern const OperationSpec kIntrospectToken{
    .name = "introspectToken", .args = {"token"}, .build = needs_app_secret};
extern const OperationSpec kGetUserInfoByAccessToken{
    .name = "getUserInfoByAccessToken", .args = {"accessToken"}, .build = needs_browser_token};
extern const OperationSpec kLoginByAd{
    .name = "loginByAd", .args = {"username", "password"}, .build = needs_ad_connector};

}  // namespace authing::ops
