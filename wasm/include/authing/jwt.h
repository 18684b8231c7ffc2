// Reading a JWT's claims. The client never verifies signatures (it holds no
// key); the server is the authority. Claims only steer local decisions: which
// user id to send, when to refresh.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace authing {

struct Claims {
  std::optional<double> exp;  // seconds since the epoch
  std::optional<double> iat;
  std::string subject;       // `sub`, else `data.id`
  std::string user_pool_id;  // `userpool_id`, else `data.userPoolId`
};

// nullopt when the text is not three dot-separated parts whose middle part is
// a base64url JSON object.
std::optional<Claims> decode_claims(std::string_view token);

// base64url (or standard base64) without padding requirements; nullopt on an
// invalid character.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace authing
