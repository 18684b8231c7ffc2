// Well-formed answers for targets that fuzz what goes in rather than what
// comes back (and for the benchmark): the GraphQL answer to the query sent,
// a REST login envelope, and a wx.login code.
#pragma once

#include <string>

#include "fuzz_driver.h"

namespace authing::fuzz {

inline Answer canned_answer(const json& action) {
  Answer answer;
  if (string_member(action, "kind") == std::optional<std::string>("wx.login")) {
    answer.body = "code-from-wx-login";
    return answer;
  }
  std::string token = long_lived_token("u-1", "pool-1");
  const json* request = member(action, "request");
  std::string url = request ? string_member(*request, "url").value_or("") : "";
  json user = {{"id", "u-1"}, {"nickname", "n"}, {"phone", "13800000000"}, {"token", token}};
  if (url.find("/graphql") != std::string::npos) {
    std::string body = string_member(*request, "body").value_or("");
    json data;
    if (body.find("updateUser(") != std::string::npos) {
      data = {{"updateUser", user}};
    } else if (body.find("refreshToken(") != std::string::npos) {
      data = {{"refreshToken", {{"token", token}, {"iat", kNowMs / 1000}, {"exp", kNowMs / 1000 + 86400}}}};
    } else if (body.find("checkLoginStatus(") != std::string::npos) {
      data = {{"checkLoginStatus", {{"code", 200}, {"message", "ok"}, {"status", true}, {"exp", 2e9}, {"iat", 1e9}}}};
    } else {
      data = {{"user", user}};
    }
    answer.body = json{{"data", data}}.dump();
  } else {
    answer.body = json{{"code", 200}, {"message", "ok"}, {"data", user}}.dump();
  }
  return answer;
}

}  // namespace authing::fuzz
