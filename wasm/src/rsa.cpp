#include "authing/rsa.h"

#include <algorithm>

#include "authing/jwt.h"

namespace authing {
namespace {

// ------------------------------------------------------------ numbers

Limbs limbs_from_bytes(std::string_view big_endian) {
  while (!big_endian.empty() && big_endian.front() == '\0') big_endian.remove_prefix(1);
  Limbs out((big_endian.size() + 3) / 4, 0);
  for (std::size_t i = 0; i < big_endian.size(); ++i) {
    std::size_t from_end = big_endian.size() - 1 - i;
    out[from_end / 4] |= static_cast<uint32_t>(static_cast<uint8_t>(big_endian[i])) << (8 * (from_end % 4));
  }
  return out;
}

std::string bytes_from_limbs(const Limbs& value, std::size_t length) {
  std::string out(length, '\0');
  for (std::size_t i = 0; i < length && i / 4 < value.size(); ++i) {
    out[length - 1 - i] = static_cast<char>((value[i / 4] >> (8 * (i % 4))) & 0xff);
  }
  return out;
}

// a >= b, both of b's size (a may have one limb more, given as `top`).
bool at_least(const Limbs& a, uint32_t top, const Limbs& b) {
  if (top != 0) return true;
  for (std::size_t i = b.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return true;
}

void subtract_in_place(Limbs& a, const Limbs& b) {
  uint64_t borrow = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    uint64_t difference = static_cast<uint64_t>(a[i]) - b[i] - borrow;
    a[i] = static_cast<uint32_t>(difference);
    borrow = (difference >> 32) & 1;
  }
}

// Arithmetic modulo an odd n in Montgomery form (R = 2^(32 * limbs)), so that
// a modular product costs two passes of multiply-adds and no division.
class Montgomery {
 public:
  explicit Montgomery(Limbs modulus) : n_(std::move(modulus)) {
    uint32_t inverse = 1;  // Newton's iteration: n * inverse = 1 mod 2^32
    for (int i = 0; i < 5; ++i) inverse *= 2 - n_[0] * inverse;
    n0_inverse_ = ~inverse + 1;
    // R^2 mod n, by doubling 1 (2 * 32 * limbs) times.
    r_squared_.assign(n_.size(), 0);
    r_squared_[0] = 1;
    for (std::size_t i = 0; i < 64 * n_.size(); ++i) {
      uint32_t carry = 0;
      for (uint32_t& limb : r_squared_) {
        uint32_t next = limb >> 31;
        limb = (limb << 1) | carry;
        carry = next;
      }
      if (at_least(r_squared_, carry, n_)) subtract_in_place(r_squared_, n_);
    }
  }

  // a * b / R mod n, for a, b < n (coarsely integrated operand scanning).
  Limbs multiply(const Limbs& a, const Limbs& b) const {
    std::size_t s = n_.size();
    Limbs t(s + 2, 0);
    for (std::size_t i = 0; i < s; ++i) {
      uint64_t carry = 0;
      for (std::size_t j = 0; j < s; ++j) {
        uint64_t sum = static_cast<uint64_t>(a[j]) * b[i] + t[j] + carry;
        t[j] = static_cast<uint32_t>(sum);
        carry = sum >> 32;
      }
      uint64_t sum = static_cast<uint64_t>(t[s]) + carry;
      t[s] = static_cast<uint32_t>(sum);
      t[s + 1] = static_cast<uint32_t>(sum >> 32);

      uint32_t m = t[0] * n0_inverse_;
      carry = (static_cast<uint64_t>(m) * n_[0] + t[0]) >> 32;
      for (std::size_t j = 1; j < s; ++j) {
        sum = static_cast<uint64_t>(m) * n_[j] + t[j] + carry;
        t[j - 1] = static_cast<uint32_t>(sum);
        carry = sum >> 32;
      }
      sum = static_cast<uint64_t>(t[s]) + carry;
      t[s - 1] = static_cast<uint32_t>(sum);
      t[s] = t[s + 1] + static_cast<uint32_t>(sum >> 32);
    }
    uint32_t top = t[s];
    t.resize(s);
    if (at_least(t, top, n_)) subtract_in_place(t, n_);
    return t;
  }

  Limbs power(Limbs base, const Limbs& exponent) const {
    base.resize(n_.size(), 0);
    Limbs one(n_.size(), 0);
    one[0] = 1;
    Limbs x = multiply(one, r_squared_);  // 1 in Montgomery form
    Limbs b = multiply(base, r_squared_);
    for (std::size_t i = exponent.size(); i-- > 0;) {
      for (int bit = 31; bit >= 0; --bit) {
        x = multiply(x, x);
        if ((exponent[i] >> bit) & 1) x = multiply(x, b);
      }
    }
    return multiply(x, one);
  }

 private:
  Limbs n_;
  uint32_t n0_inverse_ = 0;
  Limbs r_squared_;
};

// ------------------------------------------------------------ DER

struct Der {
  std::string_view data;
  std::size_t pos = 0;

  // The next element's tag and contents; false when malformed.
  bool next(uint8_t& tag, std::string_view& contents) {
    if (pos + 2 > data.size()) return false;
    tag = static_cast<uint8_t>(data[pos++]);
    std::size_t length = static_cast<uint8_t>(data[pos++]);
    if (length & 0x80) {
      std::size_t count = length & 0x7f;
      if (count == 0 || count > 3 || pos + count > data.size()) return false;
      length = 0;
      for (std::size_t i = 0; i < count; ++i) length = (length << 8) | static_cast<uint8_t>(data[pos++]);
    }
    if (length > data.size() - pos) return false;
    contents = data.substr(pos, length);
    pos += length;
    return true;
  }
};

constexpr uint8_t kInteger = 0x02, kBitString = 0x03, kSequence = 0x30;
// 1.2.840.113549.1.1.1, rsaEncryption.
constexpr std::string_view kRsaOid = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01";

std::optional<RsaPublicKey> parse_pkcs1(std::string_view der) {
  Der outer{der};
  uint8_t tag = 0;
  std::string_view sequence, modulus, exponent;
  if (!outer.next(tag, sequence) || tag != kSequence) return std::nullopt;
  Der inner{sequence};
  if (!inner.next(tag, modulus) || tag != kInteger) return std::nullopt;
  if (!inner.next(tag, exponent) || tag != kInteger) return std::nullopt;
  RsaPublicKey key;
  key.modulus = limbs_from_bytes(modulus);
  key.exponent = limbs_from_bytes(exponent);
  while (!modulus.empty() && modulus.front() == '\0') modulus.remove_prefix(1);
  key.bytes = modulus.size();
  if (key.bytes < 128 || key.bytes > 512 || (key.modulus[0] & 1) == 0 || key.exponent.empty())
    return std::nullopt;
  return key;
}

std::optional<RsaPublicKey> parse_spki(std::string_view der) {
  Der outer{der};
  uint8_t tag = 0;
  std::string_view sequence, algorithm, bits, oid;
  if (!outer.next(tag, sequence) || tag != kSequence) return std::nullopt;
  Der inner{sequence};
  if (!inner.next(tag, algorithm) || tag != kSequence) return std::nullopt;
  Der algorithm_fields{algorithm};
  if (!algorithm_fields.next(tag, oid) || oid != kRsaOid) return std::nullopt;
  if (!inner.next(tag, bits) || tag != kBitString || bits.empty() || bits.front() != '\0')
    return std::nullopt;
  return parse_pkcs1(bits.substr(1));
}

}  // namespace

std::optional<RsaPublicKey> parse_rsa_public_key(std::string_view text) {
  std::string base64;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    if (line.substr(0, 5) == "-----") continue;  // the PEM armor lines
    for (char c : line) {
      if (c != ' ' && c != '\r' && c != '\t') base64.push_back(c);
    }
  }
  std::optional<std::string> der = base64url_decode(base64);
  if (!der || der->empty()) return std::nullopt;
  if (auto key = parse_spki(*der)) return key;
  return parse_pkcs1(*der);
}

std::size_t rsa_random_bytes_wanted(const RsaPublicKey& key) { return key.bytes + 32; }

std::optional<std::string> rsa_encrypt(const RsaPublicKey& key, std::string_view message,
                                       const std::vector<uint8_t>& random) {
  if (message.size() + 11 > key.bytes) return std::nullopt;
  // 00 02 <nonzero random padding> 00 <message>
  std::string block(key.bytes, '\0');
  block[1] = '\x02';
  std::size_t padding_end = key.bytes - message.size() - 1;
  std::size_t next = 2;
  for (uint8_t byte : random) {
    if (next == padding_end) break;
    if (byte != 0) block[next++] = static_cast<char>(byte);
  }
  if (next != padding_end) return std::nullopt;
  std::copy(message.begin(), message.end(), block.begin() + static_cast<std::ptrdiff_t>(padding_end + 1));
  Montgomery arithmetic(key.modulus);
  return base64_encode(bytes_from_limbs(arithmetic.power(limbs_from_bytes(block), key.exponent), key.bytes));
}

std::string rsa_power(std::string_view base, std::string_view exponent, std::string_view modulus) {
  Limbs n = limbs_from_bytes(modulus);
  std::string_view trimmed = modulus;
  while (!trimmed.empty() && trimmed.front() == '\0') trimmed.remove_prefix(1);
  Montgomery arithmetic(n);
  return bytes_from_limbs(arithmetic.power(limbs_from_bytes(base), limbs_from_bytes(exponent)),
                          trimmed.size());
}

std::string base64_encode(std::string_view bytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(kAlphabet[(chunk >> 18) & 63]);
    out.push_back(kAlphabet[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=');
  }
  return out;
}

}  // namespace authing
