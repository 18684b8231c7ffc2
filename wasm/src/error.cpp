#include "authing/error.h"

#include <array>

namespace authing {
namespace {

struct Message {
  std::string_view code;
  std::string_view chinese;
  std::string_view english;
};

// The SDK's own messages. Server messages are passed through untouched.
constexpr std::array<Message, 22> kMessages{{
    {code::kNetwork, "网络请求失败", "The network request failed"},
    {code::kTimeout, "请求超时", "The request timed out"},
    {code::kHttp, "服务器返回了错误的 HTTP 状态", "The server answered with an HTTP error"},
    {code::kBadResponse, "无法解析服务器的响应", "The server's answer could not be understood"},
    {code::kResponseTooLarge, "服务器的响应过大", "The server's answer is too large"},
    {code::kWxLogin, "wx.login 调用失败", "wx.login failed"},
    {code::kPrivacy, "用户尚未同意隐私保护指引", "The user has not accepted the privacy terms"},
    {code::kPrivacyNotDeclared,
     "小程序的《用户隐私保护指引》未声明此接口，请在小程序管理后台「设置 - 服务内容声明 - 用户隐私保护指引」中补充",
     "The mini program's privacy guide does not declare this API: add it to the 用户隐私保护指引 under "
     "Settings > Service declarations in the mini program admin console"},
    {code::kRequestInterrupted, "网络请求被中断（小程序切到了后台），请重试",
     "The request was interrupted (the mini program went to the background); try again"},
    {code::kStorage, "本地存储读取失败", "Reading wx storage failed"},
    {code::kSuperseded, "登录已被之后开始的登录或退出取代，本次登录结果未保存",
     "A logout or login started later took the session's place; this login was not kept"},
    {code::kArgument, "参数错误", "Invalid argument"},
    {code::kOptions, "初始化参数错误", "Invalid client options"},
    {code::kUnknownOperation, "不支持的方法", "Unknown method"},
    {code::kGraphql, "GraphQL 请求失败", "The GraphQL request failed"},
    {code::kInternal, "SDK 内部错误", "An internal error of the SDK"},
    {code::kUnsupported, "小程序中不能调用此方法", "A mini program must not call this method"},
    {code::kRandom, "无法获取安全随机数", "No secure random source is available"},
    {code::kEncrypt, "密码加密失败", "Encrypting the password failed"},
    {code::kUpload, "上传图片失败", "Uploading the image failed"},
    {code::kChooseImage, "选择图片失败", "Choosing an image failed"},
    {code::kPublicKey, "无法获取用户池的公钥", "The user pool's public key is unavailable"},
}};

std::string_view standard_message(std::string_view error_code, Lang lang) {
  for (const Message& message : kMessages) {
    if (message.code == error_code) {
      return lang == Lang::English ? message.english : message.chinese;
    }
  }
  return error_code;
}

struct WechatMessage {
  double code;
  std::string_view chinese;
  std::string_view english;
};

// WeChat's code2Session / phone refusals, as Authing relays them.
constexpr std::array<WechatMessage, 3> kWechatMessages{{
    {45011, "微信登录调用过于频繁（每个用户每分钟有次数限制），请稍后再试",
     "Too many WeChat logins for this user in the last minute; try again later"},
    {40226, "微信判定该用户为高风险用户，已拦截小程序登录",
     "WeChat blocked this login: it rates the user as high-risk"},
    {-1, "微信系统繁忙，请稍后再试", "WeChat's system is busy; try again later"},
}};

}  // namespace

std::optional<std::string_view> wechat_message(double wechat_code, Lang lang) {
  for (const WechatMessage& message : kWechatMessages) {
    if (message.code == wechat_code) return lang == Lang::English ? message.english : message.chinese;
  }
  return std::nullopt;
}

std::string_view kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Network:
      return "network";
    case ErrorKind::Timeout:
      return "timeout";
    case ErrorKind::Http:
      return "http";
    case ErrorKind::Api:
      return "api";
    case ErrorKind::Wechat:
      return "wechat";
    case ErrorKind::Privacy:
      return "privacy";
    case ErrorKind::Storage:
      return "storage";
    case ErrorKind::Argument:
      return "argument";
    case ErrorKind::Session:
      return "session";
    case ErrorKind::Unsupported:
      return "unsupported";
    case ErrorKind::Runtime:
      return "runtime";
  }
  return "argument";
}

json Error::to_json() const {
  json out = {{"kind", kind_name(kind)}, {"code", code}, {"message", message}, {"data", data}};
  if (status_code) out["statusCode"] = *status_code;
  if (api_code) out["apiCode"] = *api_code;
  if (request_id) out["requestId"] = *request_id;
  return out;
}

Error sdk_error(ErrorKind kind, std::string_view error_code, Lang lang, std::string_view detail) {
  Error error;
  error.kind = kind;
  error.code = std::string(error_code);
  error.message = std::string(standard_message(error_code, lang));
  if (!detail.empty()) {
    error.message += lang == Lang::English ? ": " : "：";
    error.message += detail;
  }
  return error;
}

Error session_error(int authing_code, Lang lang) {
  Error error;
  error.kind = ErrorKind::Session;
  error.code = authing_code;
  bool english = lang == Lang::English;
  switch (authing_code) {
    case code::kTokenExpired:
      error.message = english ? "The login has expired, please log in again" : "登录信息已过期，请重新登录";
      break;
    case code::kTokenInvalid:
      error.message =
          english ? "The stored token is not valid, please log in again" : "不合法的 accessToken，请重新登录";
      break;
    default:
      error.message = english ? "Please log in first" : "请先登录";
      break;
  }
  return error;
}

bool is_session_ending_code(const json& api_code) {
  if (!is_integral_number(api_code)) return false;
  double number = api_code.get<double>();
  return number == code::kTokenExpired || number == code::kTokenInvalid;
}

}  // namespace authing
