// The JSON limits every parse in the core goes through.
#include "authing/json.h"

#include <catch2/catch.hpp>
#include <string>

using authing::json;

namespace {

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

}  // namespace

TEST_CASE("Nesting is measured outside strings only", "[json][limits]") {
  struct Row {
    std::string text;
    std::size_t limit;
    bool exceeds;
  };
  const Row rows[] = {
      {nested(3), 3, false},
      {nested(4), 3, true},
      {R"({"a":{"b":[1,{"c":2}]}})", 4, false},
      {R"({"a":{"b":[1,{"c":2}]}})", 3, true},
      {R"(["[[[[[[", "{{{{"])", 1, false},
      {R"(["\"[[[[", 1])", 1, false},
      {R"(["\\", [[1]]])", 2, true},
      {"]]]]]][[", 2, false},
      {"", 0, false},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text << " limit " << row.limit) {
      CHECK(authing::nesting_exceeds(row.text, row.limit) == row.exceeds);
    }
  }
}

TEST_CASE("parse_json refuses JSON deeper than the limit, and nothing shallower", "[json][limits]") {
  CHECK(authing::parse_json(nested(authing::kMaxJsonDepth)).has_value());
  CHECK_FALSE(authing::parse_json(nested(authing::kMaxJsonDepth + 1)).has_value());
  CHECK_FALSE(authing::parse_json(nested(10000, '{', '}')).has_value());
  CHECK_FALSE(authing::parse_json(std::string(100000, '[')).has_value());
  CHECK(authing::parse_json(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})")
            .has_value());
}

TEST_CASE("dump_json writes the text nlohmann's dump writes, for valid UTF-8", "[json][writer]") {
  const json values[] = {
      nullptr,
      true,
      false,
      0,
      -42,
      std::uint64_t{18446744073709551615ULL},
      1.5,
      -0.25,
      1e300,
      "",
      "plain ascii",
      "quote \" backslash \\ slash /",
      "\b\f\n\r\t and \x01\x1f\x7f",
      "中文 ✓ emoji 😀 and U+2028 \u2028",
      json::array(),
      json::object(),
      json::parse(R"({"z":1,"a":[true,null,{"k":"v"}],"m":{"n":-3.5}})"),
      json::parse(R"({"data":{"updateUser":{"id":"u-1","nickname":"张三","loginsCount":3}}})"),
  };
  for (const json& value : values) {
    std::string expected = value.dump();
    DYNAMIC_SECTION(expected) {
      CHECK(authing::dump_json(value) == expected);
      CHECK(authing::parse_json(authing::dump_json(value)) == value);
    }
  }
}

TEST_CASE("dump_json replaces each byte of invalid UTF-8 with U+FFFD", "[json][writer]") {
  struct Row {
    std::string text;
    std::string expected;  // the JSON string written
  };
  const std::string kReplacement = "\xEF\xBF\xBD";
  const Row rows[] = {
      {"a\xFF" "b", "\"a" + kReplacement + "b\""},
      {"\xC0\xAF", "\"" + kReplacement + kReplacement + "\""},                  // overlong '/'
      {"\xED\xA0\x80", "\"" + kReplacement + kReplacement + kReplacement + "\""},  // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", "\"" + kReplacement + kReplacement + kReplacement + kReplacement + "\""},
      {"\xE4\xB8", "\"" + kReplacement + kReplacement + "\""},  // cut short
      {"\xE4\xB8\xAD", "\"\xE4\xB8\xAD\""},                      // 中, whole
      {"\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},              // 😀, whole
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.expected) {
      std::string written = authing::dump_json(json(row.text));
      CHECK(written == row.expected);
      CHECK(authing::parse_json(written).has_value());
    }
  }
}

TEST_CASE("ObjectWriter writes members in the order given, values as JSON", "[json][writer]") {
  authing::ObjectWriter writer;
  writer.number("id", 7).string("kind", "storage.set").raw("value", R"({"a":1})").value("list", json{1, "x"});
  CHECK(writer.take() == R"({"id":7,"kind":"storage.set","value":{"a":1},"list":[1,"x"]})");
  CHECK(authing::ObjectWriter().take() == "{}");
}
