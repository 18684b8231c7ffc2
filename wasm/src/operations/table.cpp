// The public methods, as the core defines them. The JS shim builds
// AuthenticationClient's methods from describe_operations(); adding an entry
// here adds a method.
#include "authing/operation.h"
#include "authing/operations/handlers.h"

namespace authing {

bool always(const json&) { return true; }

const std::vector<OperationSpec>& operation_table() {
  static const std::vector<OperationSpec> table = [] {
    std::vector<OperationSpec> specs;

    OperationSpec login_by_code;
    login_by_code.name = "loginByCode";
    login_by_code.args = {"code", "options"};
    login_by_code.coalesce = true;  // one code can only be used once anyway
    login_by_code.takes_wx_code = true;
    login_by_code.may_retry_code = ops::login_by_code_may_retry;
    login_by_code.build = ops::build_login_by_code;
    login_by_code.interpret = ops::interpret_login;
    specs.push_back(login_by_code);

    OperationSpec login_by_phone;
    login_by_phone.name = "loginByPhone";
    login_by_phone.args = {"code", "iv", "encryptedData"};
    login_by_phone.coalesce = true;
    login_by_phone.build = ops::build_login_by_phone;
    login_by_phone.interpret = ops::interpret_login;
    specs.push_back(login_by_phone);

    OperationSpec get_phone;
    get_phone.name = "getPhone";
    get_phone.args = {"code", "iv", "encryptedData"};
    get_phone.coalesce = true;
    get_phone.build = ops::build_get_phone;
    get_phone.interpret = ops::interpret_get_phone;
    specs.push_back(get_phone);

    OperationSpec update_profile;
    update_profile.name = "updateProfile";
    update_profile.args = {"updates"};
    update_profile.needs_login = always;
    update_profile.build = ops::build_update_profile;
    update_profile.interpret = ops::interpret_update_profile;
    specs.push_back(update_profile);

    OperationSpec get_current_user;
    get_current_user.name = "getCurrentUser";
    get_current_user.needs_login = always;
    get_current_user.coalesce = true;
    get_current_user.when_logged_out = ops::no_user;
    get_current_user.build = ops::build_get_current_user;
    get_current_user.interpret = ops::interpret_get_current_user;
    specs.push_back(get_current_user);

    OperationSpec check_login_status;
    check_login_status.name = "checkLoginStatus";
    check_login_status.args = {"token"};
    check_login_status.needs_login = ops::check_login_status_needs_login;
    check_login_status.coalesce = true;
    check_login_status.when_logged_out = ops::logged_out_status;
    check_login_status.build = ops::build_check_login_status;
    check_login_status.interpret = ops::interpret_check_login_status;
    specs.push_back(check_login_status);

    OperationSpec refresh_token;
    refresh_token.name = kRefreshOperation;
    refresh_token.needs_login = always;
    refresh_token.coalesce = true;
    refresh_token.build = ops::build_refresh_token;
    refresh_token.interpret = ops::interpret_refresh_token;
    specs.push_back(refresh_token);

    OperationSpec logout;
    logout.name = "logout";
    logout.ends_session = true;
    logout.build = ops::build_logout;
    logout.interpret = ops::interpret_logout;
    specs.push_back(logout);

    return specs;
  }();
  return table;
}

const OperationSpec* find_operation(std::string_view name) {
  for (const OperationSpec& spec : operation_table()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string coalesce_key(const OperationSpec& spec, const json& args) {
  return std::string(spec.name) + '\n' + dump_json(args);
}

json describe_operations() {
  json out = json::array();
  for (const OperationSpec& spec : operation_table()) {
    json args = json::array();
    for (std::string_view arg : spec.args) args.push_back(arg);
    bool login = spec.needs_login != nullptr && spec.needs_login(json::object());
    out.push_back({{"name", spec.name}, {"args", std::move(args)}, {"login", login}});
  }
  return out;
}

Result<std::string> required_string_arg(const json& args, std::string_view key, Lang lang) {
  auto value = string_member(args, key);
  if (!value || value->empty()) {
    return sdk_error(ErrorKind::Argument, code::kArgument, lang,
                     std::string(key) + " must be a non-empty string");
  }
  if (!is_header_safe(*value)) {
    return sdk_error(ErrorKind::Argument, code::kArgument, lang, std::string(key) + " contains control characters");
  }
  return *value;
}

Result<std::optional<std::string>> optional_string_arg(const json& args, std::string_view key, Lang lang) {
  const json* value = member(args, key);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) {
    return sdk_error(ErrorKind::Argument, code::kArgument, lang, std::string(key) + " must be a string");
  }
  if (!is_header_safe(value->get_ref<const std::string&>())) {
    return sdk_error(ErrorKind::Argument, code::kArgument, lang, std::string(key) + " contains control characters");
  }
  return std::optional<std::string>(value->get<std::string>());
}

}  // namespace authing
