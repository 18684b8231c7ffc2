// What operations share: argument rules, the GraphQL request, and reading a
// login answer. Each operation's own file (src/operations/) holds the rest.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "authing/need.h"
#include "authing/operation.h"
#include "authing/result.h"

namespace authing::ops {

// An argument the caller got wrong (argument, INVALID_ARGUMENT).
Error argument_error(Lang lang, std::string_view detail);

// A non-empty string without control characters.
Result<std::string> required_string_arg(const json& args, std::string_view key, Lang lang);
// The same, or nullopt when absent or null.
Result<std::optional<std::string>> optional_string_arg(const json& args, std::string_view key, Lang lang);

// args[key] as a token this client may adopt: plausible as a bearer token
// and, when its claims name a user pool, issued for this client's pool.
Result<std::string> checked_token_arg(const OpContext& ctx, const json& args, std::string_view key);

// The id of the session's user, which calls about "me" send: the token's
// subject, else the stored user's id; a session error (2207) when neither
// names one.
Result<std::string> session_user_id(const OpContext& ctx);

// POST {base}/graphql/v2 with {query, variables}, the common headers and the
// session's token.
HttpRequest graphql_request(const OpContext& ctx, std::string_view document, const json& variables);
// The same with another token than the session's (a login's second step).
HttpRequest graphql_request_with_token(const OpContext& ctx, std::string_view document, const json& variables,
                                       std::string_view token);

// mutation updateUser(id, input) selecting the user: updateProfile and
// updateAvatar.
const std::string& update_user_document();

// A login's user (`data`, with its `token`), checked: the token must name
// this user and this user pool. It becomes the session.
Verdict logged_in_user(const OpContext& ctx, const HttpResponse& response, Result<json> data);
// A REST login answer: the user, with its token, becomes the session.
Verdict login_answer(const OpContext& ctx, const HttpResponse& response);
// The same for a GraphQL answer whose `field` is the user.
Verdict graphql_login_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field);
// A GraphQL answer whose `field` is a user that becomes the session's stored
// user (the token is kept): bindPhone, updatePassword, ...
Verdict graphql_user_update(const OpContext& ctx, const HttpResponse& response, std::string_view field);

// Puts args[key] (a password), encrypted as Authing expects passwords (RSA
// PKCS#1 v1.5 under the user pool's key, base64), into `out`. Returns the step
// to take first while something is missing (the public key, random bytes, or
// the client's own encryptFunction's answer; each comes back into args under
// a "$" name no caller can give), or the error that makes it impossible.
std::optional<Step> encrypt_password(const OpContext& ctx, const json& args, std::string_view key,
                                     std::string& out);

}  // namespace authing::ops
