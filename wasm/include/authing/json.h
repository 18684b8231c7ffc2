// JSON in a core built without exceptions.
//
// nlohmann/json is the core's one JSON representation. Under JSON_NOEXCEPTION
// every throw becomes an abort, and an abort in the wasm takes the whole SDK
// down, so the core never calls an accessor that can throw: it parses with
// allow_exceptions=false after checking the nesting depth, reads members
// through the helpers below (which check types first), and dumps with invalid
// UTF-8 replaced instead of rejected.
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

// One complete JSON value; nullopt when `text` is not one, or nests deeper
// than kMaxJsonDepth.
std::optional<json> parse_json(std::string_view text);

// True when arrays and objects in `text` nest deeper than `limit`: a scan that
// stops at the first level too deep, without building anything.
bool nesting_exceeds(std::string_view text, std::size_t limit);

// Compact text; invalid UTF-8 in strings becomes U+FFFD, so the text is always
// valid JSON for the JS side.
std::string dump_json(const json& value);

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member.
const json* member(const json& object, std::string_view key);

// Typed reads of a member; nullopt when missing or of another type.
std::optional<std::string> string_member(const json& object, std::string_view key);
std::optional<double> number_member(const json& object, std::string_view key);

// True when `value` is a number with an integral value (2004, 2004.0).
bool is_integral_number(const json& value);

}  // namespace authing
