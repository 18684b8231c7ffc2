// The user's fields, listed once: every user-returning GraphQL document
// selects them, the session stores them (and nothing else), and types/users.d.ts's
// User type names them (a test holds the three together).
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace authing {

// v4's user selection, in v4's order, without `password`.
// clang-format off
inline constexpr std::array<std::string_view, 49> kUserFields{
    "id",          "arn",        "status",     "userPoolId",        "username",       "email",
    "emailVerified", "phone",    "phoneVerified", "unionid",        "openid",         "nickname",
    "registerSource", "photo",   "oauth",      "token",             "tokenExpiredAt", "loginsCount",
    "lastLogin",   "lastIP",     "signedUp",   "blocked",           "isDeleted",      "device",
    "browser",     "company",    "name",       "givenName",         "familyName",     "middleName",
    "profile",     "preferredUsername", "website", "gender",        "birthdate",      "zoneinfo",
    "locale",      "address",    "formatted",  "streetAddress",     "locality",       "region",
    "postalCode",  "city",       "province",   "country",           "createdAt",      "updatedAt",
    "externalId"};
// clang-format on

// v4's UpdateUserInput: what updateProfile may send. `password` is not one
// (v4 drops it; passwords have their own, encrypted, methods).
// clang-format off
inline constexpr std::array<std::string_view, 28> kUpdatableFields{
    "username", "nickname", "photo", "company", "browser", "device", "lastIP", "name", "givenName",
    "familyName", "middleName", "profile", "preferredUsername", "website", "gender", "birthdate",
    "zoneinfo", "locale", "address", "formatted", "streetAddress", "locality", "region", "postalCode",
    "city", "province", "country", "externalId"};
// clang-format on

inline bool is_updatable_field(std::string_view name) {
  return std::find(kUpdatableFields.begin(), kUpdatableFields.end(), name) != kUpdatableFields.end();
}

// What a user's `identities` entries keep; `getCurrentUser` selects them.
inline constexpr std::array<std::string_view, 7> kIdentityFields{
    "openid", "userIdInIdp", "userId", "connectionId", "isSocial", "provider", "userPoolId"};

// The user field under which the identities come.
inline constexpr std::string_view kIdentitiesField = "identities";

// The fields as a GraphQL selection: "id arn ... externalId".
std::string user_selection();
// The same with the identities: "... externalId identities { openid ... }".
std::string user_selection_with_identities();

namespace detail {
template <std::size_t N>
constexpr std::array<std::string_view, N> sorted(std::array<std::string_view, N> names) {
  std::sort(names.begin(), names.end());
  return names;
}
}  // namespace detail

inline bool is_user_field(std::string_view name) {
  static constexpr auto kSorted = detail::sorted(kUserFields);
  return std::binary_search(kSorted.begin(), kSorted.end(), name);
}

inline bool is_identity_field(std::string_view name) {
  return std::find(kIdentityFields.begin(), kIdentityFields.end(), name) != kIdentityFields.end();
}

}  // namespace authing
