// JSON in a core built without exceptions.
//
// nlohmann/json is the core's one JSON representation. Under JSON_NOEXCEPTION
// every throw becomes an abort, and an abort in the wasm takes the whole SDK
// down, so the core never calls an accessor that can throw: text is read and
// written by the two functions below (which refuse, or replace, what they
// cannot take), and members are read through helpers that check types first.
// nlohmann's dump() is one such accessor: it throws on the lone surrogates
// (WTF-8) a string read by parse_json may hold.
//
// Objects keep their members in the order they arrived (ordered_json), as
// JSON.parse does: what the caller and wx storage get reads like the answer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace authing {

using json = nlohmann::ordered_json;

// Deeper JSON than this is refused before it is parsed: no Authing answer,
// argument or stored value comes near it, and nlohmann's parser and every
// later walk of a value recurse once per level.
inline constexpr std::size_t kMaxJsonDepth = 64;

// One complete JSON value (RFC 8259, a leading byte order mark ignored), as
// JavaScript's JSON.parse reads it: a repeated key keeps its last value, a
// number beyond double range is +-infinity, -0 stays negative, and a lone
// surrogate escape is kept as its three generalized UTF-8 (WTF-8) bytes.
// nullopt when `text` is not one, or nests deeper than kMaxJsonDepth (found
// before going deeper).
std::optional<json> parse_json(std::string_view text);

// True when arrays and objects in `text` nest deeper than `limit`: a scan that
// stops at the first level too deep, without building anything.
bool nesting_exceeds(std::string_view text, std::size_t limit);

// Compact text, as nlohmann's dump writes it, that JSON.parse turns back into
// the same value: +-infinity is written +-1e999 and a lone surrogate (WTF-8)
// its \u escape; each other byte of invalid UTF-8 in a string becomes U+FFFD,
// so the text is always valid JSON for the JS side.
std::string dump_json(const json& value);

// Writes a JSON object member by member into `out`, for text written straight
// from typed values (an action, a request body) without building a tree for it.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }

  ObjectWriter& string(std::string_view key, std::string_view value);
  ObjectWriter& number(std::string_view key, long long value);
  ObjectWriter& value(std::string_view key, const json& value);
  // `json_text` must be one JSON value, as dump_json writes it.
  ObjectWriter& raw(std::string_view key, std::string_view json_text);
  // Opens an object under `key`; its members follow, then end() closes it.
  ObjectWriter& object(std::string_view key);
  // Closes the innermost open object (the writer's own one last).
  ObjectWriter& end();

 private:
  void key(std::string_view key);
  std::string& out_;
  bool after_member_ = false;
};

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member.
const json* member(const json& object, std::string_view key);

// Typed reads of a member; nullopt when missing or of another type (or, for
// a number, not finite).
std::optional<std::string> string_member(const json& object, std::string_view key);
std::optional<double> number_member(const json& object, std::string_view key);

// True when `value` is a number with an integral value (2004, 2004.0).
bool is_integral_number(const json& value);

}  // namespace authing
