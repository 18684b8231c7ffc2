#include "authing/need.h"

#include <array>

namespace authing {
namespace {

Result<json> accept_wx_login_code(const json& value, Lang lang) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty() ||
      !is_header_safe(value.get_ref<const std::string&>())) {
    return sdk_error(ErrorKind::Wechat, code::kWxLogin, lang, "wx.login gave no code");
  }
  return value;
}

constexpr std::array<NeedKind, 1> kNeedKinds{{
    {"wx.login", ErrorKind::Wechat, true, accept_wx_login_code},
}};

}  // namespace

const NeedKind* find_need_kind(std::string_view name) {
  for (const NeedKind& kind : kNeedKinds) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

Need wx_login_code(const Config& config, std::string into) {
  return Need{"wx.login", std::move(into), json{{"timeoutMs", config.timeout_ms}}};
}

}  // namespace authing
