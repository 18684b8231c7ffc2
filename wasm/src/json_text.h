// What the core's JSON reader and writer share: which bytes a string holds
// as they are, and which bytes form a UTF-8 character. Not part of the core's
// interface (json.h).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace authing::json_text {

// Bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
inline bool is_plain(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// How many bytes from `at` are plain, tested eight at a time: strings are
// most of what the core reads and writes, and nearly all their bytes are plain.
inline std::size_t plain_run(std::string_view text, std::size_t at) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t i = at;
  while (text.size() - i >= 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    // A byte below 0x20, or equal to '"' or '\\' (zero after the xor), borrows
    // into its high bit; bytes of 0x80 and above have theirs set already.
    std::uint64_t below_space = word - kOnes * 0x20;
    std::uint64_t quote = (word ^ (kOnes * '"')) - kOnes;
    std::uint64_t backslash = (word ^ (kOnes * '\\')) - kOnes;
    if ((((below_space | quote | backslash) & ~word) | word) & kHigh) break;
    i += 8;
  }
  while (i < text.size() && is_plain(text[i])) ++i;
  return i - at;
}

// Length of the well-formed UTF-8 sequence at text[i] (a byte of 0x80 or
// above), or 0 when there is none (Unicode 15, table 3-7).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = at(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  if (at(i + 1) < low || at(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (at(i + k) < 0x80 || at(i + k) > 0xBF) return 0;
  }
  return length;
}

// True when text[i] starts the three bytes generalized UTF-8 (WTF-8) gives a
// UTF-16 surrogate, U+D800 to U+DFFF: how the reader keeps a lone surrogate
// escape, which JSON.parse accepts.
inline bool is_wtf8_surrogate(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  return text.size() - i >= 3 && at(i) == 0xED && at(i + 1) >= 0xA0 && at(i + 1) <= 0xBF &&
         at(i + 2) >= 0x80 && at(i + 2) <= 0xBF;
}

}  // namespace authing::json_text
