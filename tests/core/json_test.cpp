// The JSON limits and rules every parse and dump in the core goes through.
#include "authing/json.h"

#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

using authing::json;

namespace {

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

// `depth` objects inside each other, {"k":{"k":...{}}}.
std::string nested_objects(std::size_t depth) {
  std::string text;
  for (std::size_t i = 1; i < depth; ++i) text += R"({"k":)";
  return text + "{}" + std::string(depth - 1, '}');
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

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

// Where JSON.parse and nlohmann part (a number beyond double range, -0, a lone
// surrogate), the cases further down hold the reader to JSON.parse.
TEST_CASE("parse_json takes one complete JSON value, as nlohmann's parser does, and builds the same values",
          "[json][reader]") {
  struct Row {
    std::string text;
    bool accepted;
  };
  // clang-format off
  const Row rows[] = {
      {"{}", true}, {"[]", true}, {"0", true}, {"-0.0", true}, {"1.5", true}, {"-1.5e-3", true}, {"1E2", true},
      {"18446744073709551615", true}, {"18446744073709551616", true}, {"-9223372036854775808", true},
      {"-9223372036854775809", true}, {"1e-400", true}, {"01", false}, {"1.", false}, {".5", false}, {"-", false},
      {"+1", false}, {"1e", false}, {"0x10", false},
      {R"("plain")", true}, {R"("\" \\ \/ \b \f \n \r \t")", true}, {R"("\u4e2d\u00e9\u0000")", true},
      {R"("\ud83d\ude00")", true}, {R"("\ud800\u12")", false},
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
      {"\xC0\xAF", "\"" + kReplacement + kReplacement + "\""},  // overlong '/'
      {"\xED\x9F", "\"" + kReplacement + kReplacement + "\""},  // the first two bytes of U+D7FF
      {"\xED\xA0", "\"" + kReplacement + kReplacement + "\""},  // a surrogate cut short
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

TEST_CASE("Nesting at the depth limit parses, one level more is a refusal", "[json][limits]") {
  const std::size_t limit = authing::kMaxJsonDepth;
  struct Row {
    std::string name;
    std::string at_limit;
    std::string over_limit;
  };
  const Row rows[] = {
      {"arrays", nested(limit), nested(limit + 1)},
      {"objects", nested_objects(limit), nested_objects(limit + 1)},
      {"arrays in an object", R"({"a":)" + nested(limit - 1) + "}", R"({"a":)" + nested(limit) + "}"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      std::optional<json> parsed = authing::parse_json(row.at_limit);
      REQUIRE(parsed.has_value());
      CHECK(authing::dump_json(*parsed) == row.at_limit);
      CHECK_FALSE(authing::parse_json(row.over_limit).has_value());
      CHECK(authing::nesting_exceeds(row.over_limit, limit));
    }
  }
}

TEST_CASE("Numbers read as JSON.parse reads them: beyond double range is infinity, -0 keeps its sign",
          "[json][reader][numbers]") {
  struct Row {
    std::string text;
    double expected;
  };
  const std::string digits400 = "1" + std::string(400, '0');
  const Row rows[] = {
      {"1e400", kInfinity},
      {"-1e400", -kInfinity},
      {"1E+400", kInfinity},
      {"0.5e309", kInfinity},
      {"1.8e308", kInfinity},
      {"1.7976931348623157e308", DBL_MAX},
      {digits400, kInfinity},  // an integer beyond 64 bits is a double, here beyond range too
      {"-" + digits400, -kInfinity},
      {"1e-400", 0.0},
      {"-1e-400", -0.0},
      {"5e-324", std::numeric_limits<double>::denorm_min()},
      {"-0", -0.0},
      {"-0.0", -0.0},
      {"-0e5", -0.0},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text.substr(0, 40)) {
      std::optional<json> parsed = authing::parse_json(row.text);
      REQUIRE(parsed.has_value());
      REQUIRE(parsed->is_number_float());
      double value = parsed->get<double>();
      CHECK(value == row.expected);
      CHECK(std::signbit(value) == std::signbit(row.expected));
    }
  }
  SECTION("0 and other whole numbers stay integers") {
    CHECK(authing::parse_json("0")->is_number_unsigned());
    CHECK(authing::parse_json("-1")->is_number_integer());
    CHECK(authing::parse_json("[1e400]")->at(0).get<double>() == kInfinity);
  }
}

TEST_CASE("dump_json writes infinity as 1e999 and -0 as -0.0, which read back the same",
          "[json][writer][numbers]") {
  struct Row {
    json value;
    std::string expected;
  };
  const Row rows[] = {
      {kInfinity, "1e999"},
      {-kInfinity, "-1e999"},
      {-0.0, "-0.0"},
      {std::numeric_limits<double>::quiet_NaN(),
       "null"},  // no JSON text makes one; JSON.stringify writes null
      {json{{"n", kInfinity}, {"m", json::array({-kInfinity, 1.5})}}, R"({"n":1e999,"m":[-1e999,1.5]})"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.expected) {
      std::string written = authing::dump_json(row.value);
      CHECK(written == row.expected);
      std::optional<json> again = authing::parse_json(written);
      REQUIRE(again.has_value());
      CHECK(authing::dump_json(*again) == written);
    }
  }
  SECTION("an action's value is written through the same writer") {
    std::string text;
    authing::ObjectWriter(text).value("n", kInfinity).number("i", -1).end();
    CHECK(text == R"({"n":1e999,"i":-1})");
  }
}

TEST_CASE("A lone surrogate escape is kept as its WTF-8 bytes and written back as the same escape",
          "[json][reader][writer][unicode]") {
  struct Row {
    std::string text;     // one JSON string
    std::string bytes;    // what parse_json keeps
    std::string written;  // what dump_json writes of it
  };
  const Row rows[] = {
      {R"("\ud800")", "\xED\xA0\x80", R"("\ud800")"},
      {R"("\udc00")", "\xED\xB0\x80", R"("\udc00")"},
      {R"("\uDBFF")", "\xED\xAF\xBF", R"("\udbff")"},
      {R"("\uDFFF")", "\xED\xBF\xBF", R"("\udfff")"},
      {R"("\ud800\u0041")",
       "\xED\xA0\x80"
       "A",
       R"("\ud800A")"},
      {R"("a\ud800b")",
       "a\xED\xA0\x80"
       "b",
       R"("a\ud800b")"},
      {R"("\ud800\n")", "\xED\xA0\x80\n", R"("\ud800\n")"},
      {R"("\ud800\ud800")", "\xED\xA0\x80\xED\xA0\x80", R"("\ud800\ud800")"},
      {R"("\udc00\ud800")", "\xED\xB0\x80\xED\xA0\x80", R"("\udc00\ud800")"},  // a pair the wrong way round
      {R"("\ud800\ud83d\ude00")", "\xED\xA0\x80\xF0\x9F\x98\x80", "\"\\ud800\xF0\x9F\x98\x80\""},
      {R"("\ud83d\ude00")", "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},  // a pair is still one character
      {R"("\uD83D\uDE00")", "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},
      {R"("\ud7ff\ue000")", "\xED\x9F\xBF\xEE\x80\x80",
       "\"\xED\x9F\xBF\xEE\x80\x80\""},  // either side: no surrogates
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text) {
      std::optional<json> parsed = authing::parse_json(row.text);
      REQUIRE(parsed.has_value());
      REQUIRE(parsed->is_string());
      CHECK(parsed->get_ref<const std::string&>() == row.bytes);
      std::string written = authing::dump_json(*parsed);
      CHECK(written == row.written);
      std::optional<json> again = authing::parse_json(written);
      REQUIRE(again.has_value());
      CHECK(again->get_ref<const std::string&>() == row.bytes);
    }
  }
  SECTION("a surrogate as a key is kept and written the same way") {
    std::optional<json> parsed = authing::parse_json(R"({"\udc00k":1})");
    REQUIRE(parsed.has_value());
    CHECK(authing::member(*parsed, "\xED\xB0\x80k") != nullptr);
    CHECK(authing::dump_json(*parsed) == R"({"\udc00k":1})");
  }
  SECTION("what is not a string of JSON stays refused") {
    for (std::string text : {R"("\ud800\u12")", R"("\ud800\uZZZZ")", R"("\ud800\)", R"("\ud800)",
                             "\"\xED\xA0\x80\"" /* the bytes themselves, unescaped, are not UTF-8 */}) {
      INFO(text);
      CHECK_FALSE(authing::parse_json(text).has_value());
    }
  }
  SECTION("WTF-8 bytes made in the core are written as escapes too, a split pair as two") {
    CHECK(authing::dump_json(json("\xED\xA0\xBD\xED\xB8\x80")) == R"("\ud83d\ude00")");
  }
}

TEST_CASE("A leading byte order mark is ignored; anywhere else it is what it is", "[json][reader][bom]") {
  const std::string bom = "\xEF\xBB\xBF";
  struct Row {
    std::string text;
    std::optional<std::string> written;  // nullopt: refused
  };
  const Row rows[] = {
      {bom + R"({"code":200})", R"({"code":200})"},
      {bom + " \n[1]", "[1]"},
      {bom + "\"x\"", "\"x\""},
      {"[\"" + bom + "\"]", "[\"" + bom + "\"]"},  // inside a string: U+FEFF, kept
      {" " + bom + "{}", std::nullopt},
      {bom + bom + "{}", std::nullopt},
      {"{}" + bom, std::nullopt},
      {bom, std::nullopt},
      {"\xEF\xBB{}", std::nullopt},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text) {
      std::optional<json> parsed = authing::parse_json(row.text);
      REQUIRE(parsed.has_value() == row.written.has_value());
      if (parsed) CHECK(authing::dump_json(*parsed) == *row.written);
    }
  }
}

TEST_CASE("A repeated key keeps its first place and its last value, as JSON.parse keeps the last",
          "[json][reader][keys]") {
  struct Row {
    std::string text;
    std::string written;
  };
  // Objects as wide as a user (50 members), and wider than the size from
  // which keys are found through an index; repeats of early and late keys.
  auto wide = [](int size) {
    std::string text = "{";
    std::string written = "{";
    for (int i = 0; i < size; ++i) {
      std::string key = "\"k" + std::to_string(i) + "\":";
      bool repeated = i == 0 || i == size - 2;
      text += key + std::to_string(i) + ",";
      written += key + (repeated ? "\"last\"" : std::to_string(i)) + (i + 1 < size ? "," : "}");
    }
    std::string late = "\"k" + std::to_string(size - 2) + "\"";
    text += "\"k0\":\"first again\"," + late + ":\"last\",\"k0\":\"last\"}";
    return Row{text, written};
  };
  const Row rows[] = {
      {R"({"a":1,"b":2,"a":3})", R"({"a":3,"b":2})"},
      {R"({"id":"A","token":"t","id":"B"})", R"({"id":"B","token":"t"})"},
      {R"({"a":1,"a":{"x":1},"a":[2]})", R"({"a":[2]})"},
      {R"({"o":{"k":1,"k":2},"o2":{"k":3}})", R"({"o":{"k":2},"o2":{"k":3}})"},
      {R"({"a":1,"\u0061":2})", R"({"a":2})"},  // the same key, escaped
      {R"({"a":1,"A":2})", R"({"a":1,"A":2})"},
      {R"({"__proto__":{"polluted":1},"constructor":{"prototype":2},"__proto__":3})",
       R"({"__proto__":3,"constructor":{"prototype":2}})"},
      wide(50),
      wide(300),
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text.size() << " bytes: " << row.text.substr(0, 60)) {
      std::optional<json> parsed = authing::parse_json(row.text);
      REQUIRE(parsed.has_value());
      CHECK(authing::dump_json(*parsed) == row.written);
    }
  }
  SECTION("an object of 10^5 keys (2 MB) is read in one pass, and its last repeat wins") {
    std::string text = "{";
    for (int i = 0; i < 100000; ++i) text += "\"key" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    text += R"("key99999":"last","key0":"last"})";
    std::optional<json> parsed = authing::parse_json(text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->size() == 100000);
    CHECK(authing::string_member(*parsed, "key0") == "last");
    CHECK(authing::string_member(*parsed, "key99999") == "last");
    CHECK(parsed->begin().key() == "key0");
  }
}

TEST_CASE("__proto__ and constructor are keys like any other", "[json][reader][writer][keys]") {
  const std::string text =
      R"({"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"x":1})";
  std::optional<json> parsed = authing::parse_json(text);
  REQUIRE(parsed.has_value());
  CHECK(parsed->size() == 3);
  const json* proto = authing::member(*parsed, "__proto__");
  REQUIRE(proto != nullptr);
  CHECK(authing::member(*proto, "isAdmin") != nullptr);
  CHECK(authing::dump_json(*parsed) == text);
}
