// The login session on this device, and how it is kept in wx storage.
//
// Storage keys are v4's, so a user logged in by the old package stays logged in
// after the switch: `_authing_token` (the JWT) and `_authing_user` (the user
// object, with `token`). What is written is an allow-listed projection of the
// user (user_fields.h): never `password`, `salt` or fields the SDK does not know.
//
// The session keeps that projection as the JSON text it writes: it is written
// straight from the answer's user, not built as a second tree and copied into
// each write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "authing/json.h"
#include "authing/jwt.h"

namespace authing {

inline constexpr std::string_view kTokenKey = "_authing_token";
inline constexpr std::string_view kUserKey = "_authing_user";

// A user object without password and salt: what callers get back. Anything
// but an object is returned as it is.
json without_secrets(json user);

// The allow-listed projection of a user object that may be stored on the
// device, with `token` as its token, as JSON text ("null" when `user` is not
// an object). `id`, when given, receives the user's string id (or "").
std::string storable_user_text(const json& user, std::string_view token, std::string* id = nullptr);

// True when `token` is usable as a bearer token: non-empty, printable ASCII,
// of a sane length.
bool is_plausible_token(std::string_view token);

// What Session::restore made of a stored pair.
struct Restored {
  // The stored user should be rewritten: it held fields the SDK never stores
  // (a v4 user with `password`), or another token than the session's.
  bool rewrite_user = false;
  // The token and the user name different users: half of one session and
  // half of another (a write that failed part-way). Neither is believed.
  bool torn = false;
};

// The epoch milliseconds of a user's `updatedAt` (an ISO 8601 string or a
// number of milliseconds), if it has a readable one.
std::optional<double> updated_at_of(const json& user);

class Session {
 public:
  // Adopts what storage held. Values of the wrong type are ignored (the device
  // may hold anything); a token found only inside the stored user is used too.
  // A token issued for another user pool (two pools in one mini program share
  // v4's storage keys) is not this client's session: it is ignored, and left
  // in storage for the client it belongs to.
  // A torn pair is no session: the token's subject must be the user's id, and
  // the subject of the token the user carries; where no subject can be read,
  // the user's token must be the token itself.
  Restored restore(const json& stored_token, const json& stored_user, std::string_view user_pool_id = {});

  bool logged_in() const { return !token_.empty(); }
  const std::string& token() const { return token_; }
  const std::optional<Claims>& claims() const { return claims_; }
  bool has_user() const { return user_text_ != "null"; }

  // The user id operations send: the token's subject, else the stored user's id.
  std::string_view user_id() const;
  // The stored user's own id ("" when none).
  const std::string& stored_user_id() const { return user_id_; }

  // A user that is not an object leaves the session without one.
  void login(std::string token, const json& user);
  // Keeps the token; true when what would be stored changed. A user older
  // than the session's (by `updatedAt`) is not taken: answers can arrive in
  // another order than the server made them, and the newest state wins.
  bool update_user(const json& user);
  void replace_token(std::string token);  // keeps the user, updates user.token
  void clear();

  // The JSON text to write under kUserKey ("null" when there is no user).
  const std::string& stored_user() const { return user_text_; }

 private:
  std::string token_;
  std::optional<Claims> claims_;
  std::string user_text_ = "null";  // storable_user_text() of the last user
  std::string user_id_;
  std::optional<double> updated_at_;  // the stored user's updatedAt
};

}  // namespace authing
