// What the WeChat login operations share (loginByCode, loginByPhone,
// getPhone): WeChat's refusals as Authing relays them, the one retry a call
// may make, and what a <button open-type="getPhoneNumber"> gives a page.
#pragma once

#include <optional>
#include <string>

#include "authing/operations/common.h"

namespace authing::ops {

// WeChat's refusals of a wx.login code that a fresh code can fix: invalid
// (40029), already used (40163).
bool is_code_refusal(const Error& error);

// WeChat's "system busy" (-1): its docs say to try again a little later.
bool is_wechat_busy(const Error& error);

// How long a call waits before its one retry after WeChat was busy.
inline constexpr double kWechatBusyBackoffMs = 300;

// The retry of a call that got `error`, or nullopt when it gets none. A call
// retries at most once, so only its first answer may ask for one. WeChat's
// rate limit (45011) and its high-risk block (40226) are never retried: a
// retry would only add to the count, or be refused again.
//   fresh_code: where the retry after a busy answer puts null, so that build
//               fetches a fresh wx.login code; empty when the call's code must
//               stay (data is sealed with it) and the same request goes again.
//   code_refusals: whether a refused code (40029/40163) is worth a fresh code.
std::optional<Need> wechat_retry(const OpContext& ctx, const Error& error, const std::string& fresh_code,
                                 bool code_refusals);

// What the getPhoneNumber button gave, however the caller handed it over:
//   (code, iv, encryptedData)      v4's three strings;
//   (code, e.detail) / (e.detail)  the event's detail object, whose `code` is
//                                  the phone code (base library 2.21.2+) and
//                                  is preferred over its iv/encryptedData.
struct PhoneGrant {
  std::optional<std::string> login_code;  // from wx.login
  std::optional<std::string> phone_code;  // e.detail.code
  std::optional<std::string> iv;
  std::optional<std::string> encrypted_data;
};
Result<PhoneGrant> phone_grant(const json& args, Lang lang);

// The error for a grant that has neither a phone code nor iv + encryptedData.
Error no_phone_grant(Lang lang);

// The extIdpConnidentifier option, or an argument error that says where to
// find it.
Result<std::string> connection_identifier(const OpContext& ctx);

}  // namespace authing::ops
