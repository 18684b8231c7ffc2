#include "authing/need.h"

#include <array>

namespace authing {
namespace {

bool is_text(const json& value) {
  return value.is_string() && !value.get_ref<const std::string&>().empty() &&
         is_header_safe(value.get_ref<const std::string&>());
}

Result<json> accept_wx_login_code(const json& value, Lang lang) {
  if (!is_text(value)) return sdk_error(ErrorKind::Wechat, code::kWxLogin, lang, "wx.login gave no code");
  return value;
}

Result<json> accept_random_bytes(const json& value, Lang lang) {
  bool bytes = value.is_array() && !value.empty();
  for (std::size_t i = 0; bytes && i < value.size(); ++i) {
    const json& byte = value[i];
    bytes = is_integral_number(byte) && byte.get<double>() >= 0 && byte.get<double>() <= 255;
  }
  if (!bytes) return sdk_error(ErrorKind::Wechat, code::kRandom, lang, "wx.getRandomValues gave no bytes");
  return value;
}

// The path of the image the user chose.
Result<json> accept_chosen_image(const json& value, Lang lang) {
  if (!is_text(value)) return sdk_error(ErrorKind::Wechat, code::kChooseImage, lang, "no image was chosen");
  return value;
}

// wx.uploadFile's answer, {statusCode, data}; the operation reads it.
Result<json> accept_upload(const json& value, Lang lang) {
  const json* status = member(value, "statusCode");
  const json* data = member(value, "data");
  if (status == nullptr || !is_integral_number(*status) || data == nullptr || !data->is_string()) {
    return sdk_error(ErrorKind::Network, code::kUpload, lang, "wx.uploadFile gave no answer");
  }
  return value;
}

// The ciphertext the client's encryptFunction returned.
Result<json> accept_ciphertext(const json& value, Lang lang) {
  if (!is_text(value))
    return sdk_error(ErrorKind::Argument, code::kEncrypt, lang, "encryptFunction returned no text");
  return value;
}

constexpr std::array<NeedKind, 5> kNeedKinds{{
    {"wx.login", ErrorKind::Wechat, code::kWxLogin, true, accept_wx_login_code},
    {"wx.getRandomValues", ErrorKind::Wechat, code::kRandom, true, accept_random_bytes},
    // The user is choosing: no deadline.
    {"wx.chooseMedia", ErrorKind::Wechat, code::kChooseImage, false, accept_chosen_image},
    {"wx.uploadFile", ErrorKind::Network, code::kUpload, true, accept_upload},
    {"encrypt", ErrorKind::Argument, code::kEncrypt, true, accept_ciphertext},
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

Need random_bytes(const Config& config, std::string into, std::size_t length) {
  return Need{"wx.getRandomValues", std::move(into),
              json{{"length", length}, {"timeoutMs", config.timeout_ms}}};
}

Need public_key(std::string into) { return Need{std::string(kPublicKeyNeed), std::move(into)}; }

Need delay(std::string into, json value, double ms) {
  return Need{std::string(kDelayNeed), std::move(into), json{{"ms", ms}, {"value", std::move(value)}}};
}

}  // namespace authing
