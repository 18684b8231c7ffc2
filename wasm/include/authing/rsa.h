// RSA encryption of passwords, as Authing expects them: PKCS#1 v1.5 (type 2)
// padding under the user pool's public key, the ciphertext in base64.
//
// The core has no random source of its own: the padding's random bytes come
// from the runtime through the driver (a need), and are passed in here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authing {

// A big unsigned number as 32-bit limbs, least significant first.
using Limbs = std::vector<uint32_t>;

struct RsaPublicKey {
  Limbs modulus;
  Limbs exponent;
  std::size_t bytes = 0;  // the modulus' length in bytes (k)
};

// Reads a public key as Authing's /.well-known gives it: a PEM "PUBLIC KEY"
// (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" (PKCS#1), or the bare base64 of
// either. nullopt for anything else, or a key of fewer than 1024 or more than
// 4096 bits.
std::optional<RsaPublicKey> parse_rsa_public_key(std::string_view text);

// How many random bytes encrypting one message asks for: one per padding
// byte, with room for the zero bytes that padding cannot use.
std::size_t rsa_random_bytes_wanted(const RsaPublicKey& key);

// `message` encrypted under `key`, in base64. The padding takes the nonzero
// bytes of `random` in order; nullopt when the message is too long for the
// key, or `random` has too few nonzero bytes.
std::optional<std::string> rsa_encrypt(const RsaPublicKey& key, std::string_view message,
                                       const std::vector<uint8_t>& random);

// base ^ exponent mod modulus (odd modulus), big-endian bytes in and out, the
// result as long as the modulus. Public for the tests, which decrypt with a
// private exponent.
std::string rsa_power(std::string_view base, std::string_view exponent, std::string_view modulus);

std::string base64_encode(std::string_view bytes);

}  // namespace authing
