// JSON helpers for a core built without exceptions.
//
// nlohmann/json turns every throw into an abort under JSON_NOEXCEPTION, and an
// abort in the wasm takes the whole SDK down. So the core never calls an
// accessor that can throw: it parses with allow_exceptions=false, reads members
// through the helpers below (which check types first), and dumps with invalid
// UTF-8 replaced instead of rejected.
#pragma once

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace authing {

using json = nlohmann::json;

// Deeper JSON than this is refused before it is parsed: no Authing answer,
// argument or stored value comes near it, and every later walk of a value
// (dump, copy) recurses once per level.
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses text (RFC 8259, strictly: the values nlohmann's parser accepts, built
// the same way); nullopt when it is not one complete JSON value, or when it
// nests deeper than kMaxJsonDepth. One pass, without nlohmann's lexer, which
// copies every byte twice and was a fifth of each call's instructions.
std::optional<json> parse_json(std::string_view text);

// True when arrays and objects in `text` nest deeper than `limit`; a scan of
// the text that stops at the first level too deep, without building anything.
bool nesting_exceeds(std::string_view text, std::size_t limit);

// Serialises compactly, with object keys in order: the text nlohmann's dump()
// gives, written without its per-byte UTF-8 state machine (ASCII runs are
// copied whole). Invalid UTF-8 in strings becomes U+FFFD, so the text is
// always valid JSON for the JS side.
std::string dump_json(const json& value);
void append_json(std::string& out, const json& value);
// Appends the decimal digits of `value`. std::to_string formats through
// snprintf, which brings printf's whole machinery into the module.
void append_integer(std::string& out, long long value);
void append_integer(std::string& out, unsigned long long value);
// Appends `text` as a quoted JSON string, escaped the same way.
void append_json_string(std::string& out, std::string_view text);
// The same without the quotes: what goes between them.
void append_escaped(std::string& out, std::string_view text);

// Appends JSON text (as this writer writes it) with every non-ASCII character
// \u-escaped, so the text is ASCII only and JS can read it byte for char.
void append_ascii_json(std::string& out, std::string_view json_text);

// Writes one JSON object's text member by member. Actions that carry a large
// value (a user, a request body) are written with it, so the value is
// serialised once and never copied into a tree of its own.
class ObjectWriter {
 public:
  // `capacity`: the expected length, so large values are not copied again
  // each time the text grows.
  explicit ObjectWriter(std::size_t capacity = 64) {
    text_.reserve(capacity);
    text_.push_back('{');
  }
  ObjectWriter& string(std::string_view key, std::string_view value);
  ObjectWriter& number(std::string_view key, long long value);
  ObjectWriter& value(std::string_view key, const json& value);
  // `json_text` must already be one JSON value.
  ObjectWriter& raw(std::string_view key, std::string_view json_text);
  // Opens an object under `key`; its members follow, then end() closes it.
  ObjectWriter& object(std::string_view key);
  ObjectWriter& end();
  // The finished text; the writer is spent.
  std::string take();

 private:
  void key(std::string_view key);
  std::string text_;
  bool after_member_ = false;
};

// Bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
constexpr bool is_plain_string_byte(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// How many bytes from `begin` are plain string bytes; eight at a time, since
// reading and writing strings is most of the core's work.
inline std::size_t plain_run_length(const char* begin, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = begin;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    // A byte below 0x20, or equal to '"' or '\\' (zero after the xor), borrows
    // into its high bit; bytes of 0x80 and above are caught by the last term.
    std::uint64_t below_space = word - kOnes * 0x20;
    std::uint64_t quote = (word ^ (kOnes * '"')) - kOnes;
    std::uint64_t backslash = (word ^ (kOnes * '\\')) - kOnes;
    std::uint64_t special = (below_space | quote | backslash) & ~word;
    if (((special | word) & kHigh) != 0) break;
    p += 8;
  }
  while (p < end && is_plain_string_byte(*p)) ++p;
  return static_cast<std::size_t>(p - begin);
}

// Length of the well-formed UTF-8 sequence starting at text[i] (a byte of
// 0x80 or above), or 0 when there is none (Unicode 15, table 3-7).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member.
const json* member(const json& object, std::string_view key);
// The same, for taking the member out of a value about to be discarded.
json* member(json& object, std::string_view key);

// Typed reads of a member; nullopt when missing or of another type.
std::optional<std::string> string_member(const json& object, std::string_view key);
std::optional<double> number_member(const json& object, std::string_view key);

// True when `value` is a number with an integral value (2004, 2004.0).
bool is_integral_number(const json& value);

}  // namespace authing
