// The JSON limits and rules every parse and dump in the core goes through.
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
  CHECK(authing::parse_json(
            R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})")
            .has_value());
}

TEST_CASE("parse_json takes one complete JSON value, as nlohmann's parser does, and builds the same values",
          "[json][reader]") {
  struct Row {
    std::string text;
    bool accepted;
  };
  // clang-format off
  const Row rows[] = {
      {"{}", true}, {"[]", true}, {"0", true}, {"-0", true}, {"1.5", true}, {"-1.5e-3", true}, {"1E2", true},
      {"18446744073709551615", true}, {"18446744073709551616", true}, {"-9223372036854775808", true},
      {"-9223372036854775809", true}, {"1e400", false}, {"01", false}, {"1.", false}, {".5", false}, {"-", false},
      {"+1", false}, {"1e", false}, {"0x10", false},
      {R"("plain")", true}, {R"("\" \\ \/ \b \f \n \r \t")", true}, {R"("\u4e2d\u00e9\u0000")", true},
      {R"("\ud83d\ude00")", true}, {R"("\ud800")", false}, {R"("\udc00")", false}, {R"("\ud800\u0041")", false},
      {R"("\x41")", false}, {R"("\u12")", false}, {"\"tab\there\"", false}, {"\"中文 😀\"", true},
      {"\"\xC0\xAF\"", false}, {"\"\xED\xA0\x80\"", false}, {"\"\xE4\xB8\"", false},
      {"\xEF\xBB\xBF{}", true}, {"\xEF\xBB{}", false}, {R"({"a":1,"a":2})", true}, {R"({"a":1,})", false},
      {"[1,]", false}, {"[1 2]", false}, {R"({"a" 1})", false}, {R"({a:1})", false}, {"{\"a\":1}x", false},
      {"{} {}", false}, {" \t\r\n[ 1 , 2 ] \n", true}, {"true", true}, {"false", true}, {"null", true},
      {"tru", false}, {"nul", false}, {"True", false}, {"", false}, {" ", false}, {"[[[[]]]]", true},
      {R"({"code":200,"message":"登录成功","data":{"id":"u-1","loginsCount":3,"registerSource":["social"]}})", true},
  };
  // clang-format on
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text) {
      std::optional<json> ours = authing::parse_json(row.text);
      CHECK(ours.has_value() == row.accepted);
      json theirs = json::parse(row.text.begin(), row.text.end(), nullptr, /*allow_exceptions=*/false);
      REQUIRE(ours.has_value() == !theirs.is_discarded());
      if (ours) {
        CHECK(*ours == theirs);
        CHECK(ours->dump() == theirs.dump());  // numbers of the same kind too
      }
    }
  }
  SECTION("a repeated key keeps its first place and its last value, as JSON.parse does") {
    CHECK(authing::parse_json(R"({"a":1,"b":2,"a":3})")->dump() == R"({"a":3,"b":2})");
  }
  SECTION("members stay in the order they arrived") {
    CHECK(authing::parse_json(R"({"z":1,"a":2,"m":3})")->dump() == R"({"z":1,"a":2,"m":3})");
  }
}

TEST_CASE("dump_json writes the text nlohmann's dump writes, for valid UTF-8", "[json][writer]") {
  const json values[] = {
      nullptr,
      true,
      false,
      0,
      -42,
      std::int64_t{INT64_MIN},
      std::uint64_t{18446744073709551615ULL},
      1.5,
      -0.25,
      1e300,
      15.0,
      0.1,
      "",
      "plain ascii",
      "quote \" backslash \\ slash /",
      "\b\f\n\r\t and \x01\x1f\x7f",
      "中文 ✓ emoji 😀 and U+2028 \u2028",
      json::array(),
      json::object(),
      *authing::parse_json(R"({"z":1,"a":[true,null,{"k":"v"}],"m":{"n":-3.5}})"),
      *authing::parse_json(R"({"data":{"updateUser":{"id":"u-1","nickname":"张三","loginsCount":3}}})"),
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
      {"a\xFF"
       "b",
       "\"a" + kReplacement + "b\""},
      {"\xC0\xAF", "\"" + kReplacement + kReplacement + "\""},                     // overlong '/'
      {"\xED\xA0\x80", "\"" + kReplacement + kReplacement + kReplacement + "\""},  // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", "\"" + kReplacement + kReplacement + kReplacement + kReplacement + "\""},
      {"\xE4\xB8", "\"" + kReplacement + kReplacement + "\""},  // cut short
      {"\xE4\xB8\xAD", "\"\xE4\xB8\xAD\""},                     // 中, whole
      {"\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},             // 😀, whole
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.expected) {
      std::string written = authing::dump_json(json(row.text));
      CHECK(written == row.expected);
      CHECK(authing::parse_json(written).has_value());
    }
  }
}

TEST_CASE("Members are read by type, never by an accessor that can abort", "[json][members]") {
  json value = {{"s", "text"}, {"n", 2004}, {"f", 2004.0}, {"half", 1.5}, {"b", true}};
  CHECK(authing::string_member(value, "s") == "text");
  CHECK_FALSE(authing::string_member(value, "n"));
  CHECK(authing::number_member(value, "n") == 2004);
  CHECK_FALSE(authing::number_member(value, "s"));
  CHECK_FALSE(authing::number_member(value, "missing"));
  CHECK(authing::member(json::array(), "s") == nullptr);
  CHECK(authing::member("text", "s") == nullptr);
  CHECK(authing::is_integral_number(value["n"]));
  CHECK(authing::is_integral_number(value["f"]));
  CHECK_FALSE(authing::is_integral_number(value["half"]));
  CHECK_FALSE(authing::is_integral_number(value["b"]));
}
