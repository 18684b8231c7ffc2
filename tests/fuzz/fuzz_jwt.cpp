// JWT claim decoding and base64url, on any text a token field can hold.
#include <cmath>
#include <cstdint>
#include <string>

#include "authing/jwt.h"
#include "authing/session.h"
#include "fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view token(reinterpret_cast<const char*>(data), size);
  authing::base64url_decode(token);
  if (auto claims = authing::decode_claims(token)) {
    if (claims->exp && !std::isfinite(*claims->exp)) authing::fuzz::broken("a decoded exp is a finite number");
    if (claims->iat && !std::isfinite(*claims->iat)) authing::fuzz::broken("a decoded iat is a finite number");
  }
  authing::Session session;
  session.restore(authing::json(std::string(token)), authing::json(nullptr), "pool-1");
  if (session.logged_in() && !authing::is_plausible_token(session.token())) {
    authing::fuzz::broken("only a plausible token becomes a session");
  }
  return 0;
}
