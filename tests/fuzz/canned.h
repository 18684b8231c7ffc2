// Well-formed answers for targets that fuzz what goes in rather than what
// comes back (and for the benchmark): the GraphQL answer to the query sent,
// a REST login envelope, and a wx.login code for a need.
#pragma once

#include <string>

#include "fuzz_driver.h"

namespace authing::fuzz {

inline Answer canned_answer(const json& action) {
  Answer answer;
  if (string_member(action, "kind") == std::optional<std::string>("need")) {
    answer.body = "code-from-wx-login";
    return answer;
  }
  std::string token = long_lived_token("u-1", "pool-1");
  const json* request = member(action, "request");
  std::string url = request ? string_member(*request, "url").value_or("") : "";
  // A whole user, as Authing answers v4's user selection: the size of the
  // answers the core really reads and writes.
  json user = json::parse(R"({
    "id": "u-1", "arn": "arn:cn:authing:pool-1:user:u-1", "status": "Activated", "userPoolId": "pool-1",
    "username": null, "email": null, "emailVerified": false, "phone": "13800000000", "phoneVerified": true,
    "unionid": null, "openid": "o-canned-openid-0001", "nickname": "n", "registerSource": ["social:wechat-miniprogram"],
    "photo": "https://files.authing.co/authing-console/default-user-avatar.png", "oauth": null,
    "tokenExpiredAt": "2026-12-08T00:00:00.000Z", "loginsCount": 3, "lastLogin": "2026-11-24T00:00:00.000Z",
    "lastIP": "127.0.0.1", "signedUp": "2026-11-01T00:00:00.000Z", "blocked": false, "isDeleted": false,
    "device": null, "browser": null, "company": null, "name": null, "givenName": null, "familyName": null,
    "middleName": null, "profile": null, "preferredUsername": null, "website": null, "gender": "U",
    "birthdate": null, "zoneinfo": null, "locale": null, "address": null, "formatted": null,
    "streetAddress": null, "locality": null, "region": null, "postalCode": null, "city": null, "province": null,
    "country": null, "createdAt": "2026-11-01T00:00:00.000Z", "updatedAt": "2026-11-24T00:00:00.000Z",
    "externalId": null,
    "identities": [{"openid": "o-canned-openid-0001", "userIdInIdp": "o-canned-openid-0001", "userId": "u-1",
                    "connectionId": "c-1", "isSocial": true, "provider": "wechat:miniprogram:default",
                    "userPoolId": "pool-1"}]
  })");
  user["token"] = token;
  if (url.find("/graphql") != std::string::npos) {
    std::string body = string_member(*request, "body").value_or("");
    json data;
    if (body.find("updateUser(") != std::string::npos) {
      data = {{"updateUser", user}};
    } else if (body.find("refreshToken(") != std::string::npos) {
      data = {{"refreshToken", {{"token", token}, {"iat", kNowMs / 1000}, {"exp", kNowMs / 1000 + 86400}}}};
    } else if (body.find("checkLoginStatus(") != std::string::npos) {
      data = {{"checkLoginStatus",
               {{"code", 200}, {"message", "ok"}, {"status", true}, {"exp", 2000000000}, {"iat", 1000000000},
                {"data", {{"id", "u-1"}, {"userPoolId", "pool-1"}, {"arn", "arn:cn:authing:pool-1:user:u-1"}}}}}};
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
