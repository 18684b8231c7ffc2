// The operation table: every public method, in the order the shim publishes
// them. Each name is the OperationSpec that its file in this folder defines;
// adding a method is its file and one line here.
#include "authing/operation.h"

// The groups are the README's method table's.
#define AUTHING_WECHAT_OPERATIONS(X) \
  X(kLoginByCode)                    \
  X(kLoginByPhone)                   \
  X(kGetPhone)                       \
  X(kUpdateAvatar)

#define AUTHING_SESSION_OPERATIONS(X) \
  X(kUpdateProfile)                   \
  X(kGetCurrentUser)                  \
  X(kCheckLoginStatus)                \
  X(kRefreshToken)                    \
  X(kLogout)

// Codes, password and code logins, registration.
#define AUTHING_LOGIN_OPERATIONS(X) \
  X(kSendSmsCode)                   \
  X(kSendEmail)                     \
  X(kLoginByEmail)                  \
  X(kLoginByUsername)               \
  X(kLoginByPhonePassword)          \
  X(kLoginByPhoneCode)              \
  X(kLoginBySubAccount)             \
  X(kLoginByLdap)                   \
  X(kRegisterByEmail)               \
  X(kRegisterByUsername)            \
  X(kRegisterByPhoneCode)

// Passwords, phone and email binding, linked accounts.
#define AUTHING_ACCOUNT_OPERATIONS(X) \
  X(kCheckPasswordStrength)           \
  X(kResetPasswordByPhoneCode)        \
  X(kResetPasswordByEmailCode)        \
  X(kUpdatePassword)                  \
  X(kUpdatePhone)                     \
  X(kUpdateEmail)                     \
  X(kBindPhone)                       \
  X(kUnbindPhone)                     \
  X(kBindEmail)                       \
  X(kUnbindEmail)                     \
  X(kLinkAccount)                     \
  X(kUnLinkAccount)

// Custom data, authorization and account.
#define AUTHING_DATA_OPERATIONS(X) \
  X(kListUdv)                      \
  X(kSetUdv)                       \
  X(kRemoveUdv)                    \
  X(kGetUdfValue)                  \
  X(kSetUdfValue)                  \
  X(kRemoveUdfValue)               \
  X(kGetSecurityLevel)             \
  X(kListAuthorizedResources)      \
  X(kListOrgs)                     \
  X(kListApplications)             \
  X(kHasRole)                      \
  X(kListRoles)

// Local session helpers, the hosted login page, and the v4 methods a mini
// program must not call.
#define AUTHING_LOCAL_OPERATIONS(X)     \
  X(kCheckLoggedIn)                     \
  X(kSetToken)                          \
  X(kSetCurrentUser)                    \
  X(kGetAccessTokenByCode)              \
  X(kGetAccessTokenByClientCredentials) \
  X(kGetNewAccessTokenByRefreshToken)   \
  X(kRevokeToken)                       \
  X(kIntrospectToken)                   \
  X(kGetUserInfoByAccessToken)          \
  X(kLoginByAd)

#define AUTHING_OPERATIONS(X)   \
  AUTHING_WECHAT_OPERATIONS(X)  \
  AUTHING_SESSION_OPERATIONS(X) \
  AUTHING_LOGIN_OPERATIONS(X)   \
  AUTHING_ACCOUNT_OPERATIONS(X) \
  AUTHING_DATA_OPERATIONS(X)    \
  AUTHING_LOCAL_OPERATIONS(X)

namespace authing {
namespace ops {
#define AUTHING_DECLARE(spec) extern const OperationSpec spec;
AUTHING_OPERATIONS(AUTHING_DECLARE)
#undef AUTHING_DECLARE
}  // namespace ops

const std::vector<const OperationSpec*>& operation_table() {
#define AUTHING_LIST(spec) &ops::spec,
  static const std::vector<const OperationSpec*> table{AUTHING_OPERATIONS(AUTHING_LIST)};
#undef AUTHING_LIST
  return table;
}

json describe_operations() {
  json out = json::array();
  for (const OperationSpec* spec : operation_table()) {
    json args = json::array();
    for (std::string_view arg : spec->args) args.push_back(arg);
    bool login = spec->needs_login != nullptr && spec->needs_login(json::object());
    out.push_back({{"name", spec->name}, {"args", std::move(args)}, {"login", login}});
  }
  return out;
}

}  // namespace authing
