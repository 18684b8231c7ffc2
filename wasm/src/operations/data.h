// What the custom data, authorization and account operations share, private
// to operations/: the target of the user's custom data, v4's conversion of
// custom data values, and reading the `user(id) { ... }` answers of roles and
// authorized resources.
#pragma once

#include <string_view>

#include "authing/operations/common.h"

namespace authing::ops {

// listUdv and getUdfValue read the same list; removeUdv and removeUdfValue
// send the same mutation.
inline constexpr std::string_view kUdvQuery =
    "query udv($targetType: UDFTargetType!, $targetId: String!) { udv(targetType: $targetType, targetId: "
    "$targetId) { key dataType value label } }";
inline constexpr std::string_view kRemoveUdvMutation =
    "mutation removeUdv($targetType: UDFTargetType!, $targetId: String!, $key: String!) { "
    "removeUdv(targetType: $targetType, targetId: $targetId, key: $key) { key dataType value label } }";

// {targetType: "USER", targetId}: custom data calls are about the session's
// user, as v4's checkLoggedIn() names them.
Result<json> my_udv_target(const OpContext& ctx);

// A string that may be absent or null, but is never empty when given.
Result<std::optional<std::string>> optional_nonempty_string_arg(const json& args, std::string_view key,
                                                                Lang lang);

// A custom data value as v4's convertUdv hands it out. NUMBER, BOOLEAN and
// OBJECT values are JSON text and come out parsed. A DATETIME value is
// milliseconds since the epoch as text (Authing's form) and comes out as that
// number with `is_date` set: the caller lists its path so that the shim makes
// it a Date. Text that does not parse (where v4 would throw, or make an
// Invalid Date) is kept as it came, and so is every other value.
json convert_udv_value(std::string_view data_type, json value, bool& is_date);

// A GraphQL answer whose `field` is a list of custom data: the list with its
// values converted, and the paths of its dates.
Verdict udv_list_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field);
// The same list as one object of key -> value (getUdfValue).
Verdict udv_pairs_answer(const OpContext& ctx, const HttpResponse& response, std::string_view field);

// `member` of the user in a `user(id) { member { ... } }` answer. v4 rejects
// when the user is null ("用户不存在"); here that is Authing's own number for
// it, 2004, of kind api.
Result<json> my_user_member(const OpContext& ctx, const HttpResponse& response, std::string_view member);

// hasRole and listRoles: the user's roles in a namespace (args.namespace,
// optional), and the answer's {totalCount, list}.
Step user_roles_request(const OpContext& ctx, const json& args);
Result<json> user_roles_answer(const OpContext& ctx, const HttpResponse& response);

}  // namespace authing::ops
