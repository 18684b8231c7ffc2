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

// `{"query":"<document>","variables":` for one of the documents above, and
// the same escaped once more, as the start of the body's string literal in
// the http action. The documents are long and constant; escaping them once
// instead of twice on every request is a third of a call's instructions.
struct BodyPrefix {
  std::string text;
  std::string escaped;
};

const BodyPrefix& body_prefix(std::string_view query) {
  static std::map<const char*, BodyPrefix> prefixes;
  BodyPrefix& prefix = prefixes[query.data()];
  if (prefix.text.empty()) {
    prefix.text = R"({"query":)" + dump_json(json(query)) + R"(,"variables":)";
    append_escaped(prefix.escaped, prefix.text);
  }
  return prefix;
}

}  // namespace

HttpRequest make_graphql_request(const OpContext& ctx, std::string_view query, const json& variables) {
  HttpRequest request = make_request(ctx.config, "POST", "/graphql/v2", ctx.session.token());
  const BodyPrefix& prefix = body_prefix(query);
  std::string variables_text = dump_json(variables);
  std::string body;
  body.reserve(prefix.text.size() + variables_text.size() + 1);
  body.append(prefix.text).append(variables_text).push_back('}');
  std::string literal;
  literal.reserve(prefix.escaped.size() + 2 * variables_text.size() + 8);  // quotes double
  literal.append(1, '"').append(prefix.escaped);
  append_escaped(literal, variables_text);
  literal.append("}\"");
  request.body = std::move(body);
  request.body_literal = std::move(literal);
  return request;
}

}  // namespace authing
