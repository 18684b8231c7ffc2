#include "authing/graphql.h"

#include <map>

namespace authing {

#define AUTHING_USER_FIELDS                                                                   \
  "id arn status userPoolId username email emailVerified phone phoneVerified unionid openid " \
  "nickname registerSource photo oauth token tokenExpiredAt loginsCount lastLogin lastIP "    \
  "signedUp blocked isDeleted device browser company name givenName familyName middleName "   \
  "profile preferredUsername website gender birthdate zoneinfo locale address formatted "     \
  "streetAddress locality region postalCode city province country createdAt updatedAt "       \
  "externalId"

const std::string_view kUserSelection = AUTHING_USER_FIELDS;

namespace gql {

const std::string_view kUpdateUser =
    "mutation updateUser($id: String, $input: UpdateUserInput!) { updateUser(id: $id, input: "
    "$input) { " AUTHING_USER_FIELDS " } }";

const std::string_view kUser =
    "query user($id: String) { user(id: $id) { " AUTHING_USER_FIELDS
    " identities { openid userIdInIdp userId connectionId isSocial provider userPoolId } } }";

const std::string_view kCheckLoginStatus =
    "query checkLoginStatus($token: String) { checkLoginStatus(token: $token) { code message "
    "status exp iat data { id userPoolId arn } } }";

const std::string_view kRefreshToken =
    "mutation refreshToken($id: String) { refreshToken(id: $id) { token iat exp } }";

}  // namespace gql

#undef AUTHING_USER_FIELDS

namespace {

// `{"query":"<document>","variables":` for one of the documents above. The
// documents are long and constant; escaping them once instead of on every
// request is a tenth of a call's instructions.
const std::string& body_prefix(std::string_view query) {
  static std::map<const char*, std::string> prefixes;
  std::string& prefix = prefixes[query.data()];
  if (prefix.empty()) prefix = R"({"query":)" + dump_json(json(query)) + R"(,"variables":)";
  return prefix;
}

}  // namespace

HttpRequest make_graphql_request(const OpContext& ctx, std::string_view query, const json& variables) {
  HttpRequest request = make_request(ctx.config, "POST", "/graphql/v2", ctx.session.token());
  request.body = body_prefix(query) + dump_json(variables) + "}";
  return request;
}

}  // namespace authing
