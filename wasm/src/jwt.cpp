#include "authing/jwt.h"

#include <array>
#include <cstdint>

#include "authing/json.h"

namespace authing {
namespace {

constexpr std::array<int8_t, 256> make_decode_table() {
  std::array<int8_t, 256> table{};
  for (auto& entry : table) entry = -1;
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (size_t i = 0; i < alphabet.size(); ++i)
    table[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  // Both alphabets: base64url as JWTs use it, and standard base64.
  table['-'] = table['+'] = 62;
  table['_'] = table['/'] = 63;
  return table;
}
constexpr auto kDecodeTable = make_decode_table();

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int8_t value = kDecodeTable[static_cast<uint8_t>(c)];
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::optional<Claims> decode_claims(std::string_view token) {
  auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  std::optional<json> object = parse_json(*payload);
  if (!object || !object->is_object()) return std::nullopt;

  std::optional<std::string> subject = string_member(*object, "sub");
  std::optional<std::string> user_pool_id = string_member(*object, "userpool_id");
  if (const json* data = member(*object, "data"); data != nullptr && (!subject || !user_pool_id)) {
    // Tokens of the v2 API name both inside `data` instead.
    if (!subject) subject = string_member(*data, "id");
    if (!user_pool_id) user_pool_id = string_member(*data, "userPoolId");
  }
  Claims claims;
  claims.exp = number_member(*object, "exp");
  claims.iat = number_member(*object, "iat");
  claims.subject = subject.value_or("");
  claims.user_pool_id = user_pool_id.value_or("");
  return claims;
}

}  // namespace authing
