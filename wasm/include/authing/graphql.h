// GraphQL v2 documents and the request that carries them.
#pragma once

#include <string_view>

#include "authing/http.h"
#include "authing/operation.h"

namespace authing {

// The user fields every user-returning document selects (v4's selection,
// without `password`).
extern const std::string_view kUserSelection;

namespace gql {
extern const std::string_view kUpdateUser;
extern const std::string_view kUser;
extern const std::string_view kCheckLoginStatus;
extern const std::string_view kRefreshToken;
}  // namespace gql

// POST {base}/graphql/v2 with {query, variables}, common headers and the
// session token.
HttpRequest make_graphql_request(const OpContext& ctx, std::string_view query, const json& variables);

}  // namespace authing
