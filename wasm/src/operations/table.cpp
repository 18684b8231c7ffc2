// The operation table: every public method, in the order the shim publishes
// them. Each name is the OperationSpec that its file in this folder defines;
// adding a method is its file and one line here.
#include "authing/operation.h"

#define AUTHING_OPERATIONS(X) \
  X(kLoginByCode)             \
  X(kLoginByPhone)            \
  X(kGetPhone)                \
  X(kUpdateProfile)           \
  X(kGetCurrentUser)          \
  X(kCheckLoginStatus)        \
  X(kRefreshToken)            \
  X(kLogout)

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
