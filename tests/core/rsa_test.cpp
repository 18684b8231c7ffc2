// Password encryption: the core's RSA against keys and a known answer made by
// Node's crypto (tests/fixtures/rsa.json).
#include "authing/rsa.h"

#include <catch2/catch.hpp>

#include "harness.h"

using authing::json;
using namespace authing::test;

namespace {

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

std::vector<uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

// What the private key makes of a base64 ciphertext: the padded block.
std::string decrypt_block(const json& key, const std::string& ciphertext) {
  auto raw = authing::base64url_decode(ciphertext);
  REQUIRE(raw.has_value());
  return authing::rsa_power(*raw, from_hex(key["privateExponent"]), from_hex(key["modulus"]));
}

}  // namespace

TEST_CASE("Passwords are encrypted as Node's crypto encrypts them", "[rsa]") {
  json fixture = load_fixture("rsa.json");
  for (const json& key : fixture["keys"]) {
    for (std::string format : {"spki", "pkcs1"}) {
      DYNAMIC_SECTION(key["bits"].get<int>() << "-bit key given as " << format) {
        auto parsed = authing::parse_rsa_public_key(key[format].get<std::string>());
        REQUIRE(parsed.has_value());
        CHECK(parsed->bytes * 8 == key["bits"].get<std::size_t>());

        SECTION("a fixed padding gives Node's ciphertext") {
          const json& known = key["knownAnswer"];
          auto ciphertext = authing::rsa_encrypt(*parsed, known["message"].get<std::string>(),
                                                 bytes_of(from_hex(known["random"])));
          REQUIRE(ciphertext.has_value());
          CHECK(*ciphertext == known["ciphertext"]);
        }
        SECTION("the private key recovers the message from a PKCS#1 v1.5 block") {
          std::vector<uint8_t> random(authing::rsa_random_bytes_wanted(*parsed));
          for (std::size_t i = 0; i < random.size(); ++i) random[i] = static_cast<uint8_t>(i * 151 + 7);
          auto ciphertext = authing::rsa_encrypt(*parsed, "秘密 password", random);
          REQUIRE(ciphertext.has_value());
          std::string block = decrypt_block(key, *ciphertext);
          REQUIRE(block.size() == parsed->bytes);
          CHECK(block.substr(0, 2) == std::string("\x00\x02", 2));
          std::size_t separator = block.find('\0', 2);
          CHECK(separator >= 10);
          CHECK(block.substr(separator + 1) == "秘密 password");
        }
      }
    }
  }
}

TEST_CASE("Encryption refuses what PKCS#1 v1.5 cannot carry", "[rsa]") {
  json key = load_fixture("rsa.json")["keys"][1];  // 1024 bits: 128 bytes
  auto parsed = authing::parse_rsa_public_key(key["spki"].get<std::string>());
  REQUIRE(parsed.has_value());
  std::vector<uint8_t> random(authing::rsa_random_bytes_wanted(*parsed), 0x5a);

  SECTION("a message longer than the key minus 11 bytes") {
    CHECK(authing::rsa_encrypt(*parsed, std::string(117, 'x'), random).has_value());
    CHECK_FALSE(authing::rsa_encrypt(*parsed, std::string(118, 'x'), random).has_value());
  }
  SECTION("random bytes with too few nonzero ones for the padding") {
    std::vector<uint8_t> zeros(random.size(), 0);
    CHECK_FALSE(authing::rsa_encrypt(*parsed, "pw", zeros).has_value());
  }
}

TEST_CASE("Public keys that are not RSA keys of a usable size are refused", "[rsa]") {
  json key = load_fixture("rsa.json")["keys"][0];
  std::string spki = key["spki"];
  auto cases = GENERATE(as<std::string>{}, "", "not a key",
                        "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----",
                        "MAA=", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
  CHECK_FALSE(authing::parse_rsa_public_key(cases).has_value());
  // The armor is optional; the body alone is the same key.
  std::string body;
  for (char c : spki) body.push_back(c);
  auto begin = body.find('\n') + 1;
  auto end = body.find("-----END");
  CHECK(authing::parse_rsa_public_key(body.substr(begin, end - begin)).has_value());
}
