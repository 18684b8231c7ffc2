// Password encryption: the core's RSA against keys and a known answer made by
// Node's crypto (tests/fixtures/rsa.json).
#include "authing/rsa.h"

#include <catch2/catch.hpp>

#include "authing/operations/common.h"
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

namespace {

namespace action = authing::action;

// An operation that posts its `password` encrypted, as the password methods do.
authing::Step post_password(const authing::OpContext& ctx, const json& args) {
  std::string encrypted;
  if (auto first = authing::ops::encrypt_password(ctx, args, "password", encrypted)) return std::move(*first);
  return authing::make_json_request(ctx.config, "POST", "/secret", "", json{{"password", encrypted}});
}

authing::Verdict done(const authing::OpContext&, const json&, const authing::HttpResponse&) {
  return authing::Settled{json("done")};
}

const authing::OperationSpec kPostPassword{
    .name = "postPassword", .args = {"password"}, .build = post_password, .interpret = done};
const std::vector<const authing::OperationSpec*> kPasswordTable{&kPostPassword};

json options_without_key() {
  json options = default_options();
  options.erase("publicKey");
  return options;
}

std::string well_known(const std::string& pem) {
  return json{{"code", 200}, {"message", "ok"}, {"data", {{"publicKey", pem}}}}.dump();
}

}  // namespace

TEST_CASE("The user pool's key is fetched once per client and shared by concurrent callers",
          "[rsa][engine]") {
  std::string pem = load_fixture("rsa.json")["keys"][0]["spki"];
  Harness harness(options_without_key(), kPasswordTable);
  int first = harness.start("postPassword", {{"password", "pw-one"}});
  int second = harness.start("postPassword", {{"password", "pw-two"}});
  auto fetch = only<action::Http>(harness.run());
  CHECK(fetch.request.method == "GET");
  CHECK(fetch.request.url == "https://core.example.cn/api/v2/.well-known");
  CHECK_FALSE(fetch.request.carries_token());

  SECTION("both calls encrypt with the fetched key, and later calls fetch nothing") {
    harness.answer_http(fetch.id, 200, well_known(pem));
    auto posts = of_kind<action::Http>(harness.run());
    REQUIRE(posts.size() == 2);
    CHECK(decrypt_password(body_of(posts[0])["password"]) == "pw-one");
    CHECK(decrypt_password(body_of(posts[1])["password"]) == "pw-two");
    for (const auto& post : posts) harness.answer_http(post.id, 200, "{}");
    auto settled_actions = harness.run();
    CHECK(result_of(settled_actions, first) == "done");
    CHECK(result_of(settled_actions, second) == "done");

    harness.start("postPassword", {{"password", "pw-three"}});
    auto third = only<action::Http>(harness.run());
    CHECK(third.request.url == "https://core.example.cn/secret");
  }
  SECTION("a failed fetch rejects every waiting caller, and the next call fetches again") {
    harness.answer(fetch.id, {{"fail", {{"errMsg", "request:fail ECONNRESET"}}}});
    auto actions = harness.run();
    CHECK(rejected(actions, first).error.kind == authing::ErrorKind::Network);
    CHECK(rejected(actions, second).error.kind == authing::ErrorKind::Network);
    harness.start("postPassword", {{"password", "pw-three"}});
    CHECK(only<action::Http>(harness.run()).request.url == "https://core.example.cn/api/v2/.well-known");
  }
  SECTION("an answer without an RSA key is a bad response for every caller") {
    harness.answer_http(fetch.id, 200, well_known("not a key"));
    auto actions = harness.run();
    CHECK(rejected(actions, first).error.code == "BAD_RESPONSE");
    CHECK(rejected(actions, second).error.code == "BAD_RESPONSE");
  }
}

TEST_CASE("Without a secure random source a password is not sent", "[rsa][need]") {
  Harness harness(default_options(), kPasswordTable);
  harness.supply_random = false;
  int op = harness.start("postPassword", {{"password", "pw"}});
  auto need = only<action::Need>(harness.run());
  CHECK(need.need == "wx.getRandomValues");
  CHECK(need.params["length"].get<int>() >= 256);

  SECTION("the runtime has none") {
    harness.answer(need.id,
                   {{"fail", {{"errMsg", "getRandomValues:fail wx.getRandomValues is not available"}}}});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == authing::ErrorKind::Wechat);
    CHECK(error.code == "RANDOM_UNAVAILABLE");
  }
  SECTION("it gives something that is not bytes") {
    harness.answer(need.id, {{"value", json::array({1, 2, 300})}});
    CHECK(rejected(harness.run(), op).error.code == "RANDOM_UNAVAILABLE");
  }
  SECTION("it gives only zeros, which PKCS#1 padding cannot use") {
    harness.answer(need.id, {{"value", json(std::vector<int>(300, 0))}});
    CHECK(rejected(harness.run(), op).error.code == "ENCRYPT_FAILED");
  }
}

TEST_CASE("A client with its own encryptFunction has the driver encrypt", "[rsa][need]") {
  json options = default_options();
  options["encryptFunction"] = true;
  Harness harness(options, kPasswordTable);
  int op = harness.start("postPassword", {{"password", "pw"}});
  auto need = only<action::Need>(harness.run());
  REQUIRE(need.need == "encrypt");
  CHECK(need.params["plainText"] == "pw");
  CHECK(need.params["publicKey"] == default_options()["publicKey"]);

  SECTION("its answer is what is sent") {
    harness.answer(need.id, {{"value", "CIPHER"}});
    CHECK(body_of(only<action::Http>(harness.run()))["password"] == "CIPHER");
  }
  SECTION("a failure rejects without the password in the error") {
    harness.answer(need.id, {{"fail", {{"errMsg", "encryptFunction threw or rejected"}}}});
    auto error = rejected(harness.run(), op).error;
    CHECK(error.kind == authing::ErrorKind::Argument);
    CHECK(error.code == "ENCRYPT_FAILED");
    CHECK(error.message.find("pw") == std::string::npos);
  }
}
