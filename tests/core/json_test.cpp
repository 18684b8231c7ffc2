// The JSON limits every parse in the core goes through.
#include "authing/json.h"
#include "authing/json_view.h"
#include "authing/session.h"

#include <catch2/catch.hpp>
#include <string>

using authing::json;

namespace {

// Texts both readers must agree on: valid and not, every kind of value.
const std::string kReaderTexts[] = {
    "{}", "[]", "0", "-0", "1.5", "-1.5e-3", "1E2", "18446744073709551615", "18446744073709551616",
    "-9223372036854775808", "-9223372036854775809", "1e400", "01", "1.", ".5", "-", "+1", "1e", "0x10",
    R"("plain")", R"("\" \\ \/ \b \f \n \r \t")", R"("\u4e2d\u00e9\u0000")", R"("\ud83d\ude00")",
    R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", R"("\x41")", R"("\u12")", "\"tab\there\"",
    "\"中文 😀\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xE4\xB8\"", "\xEF\xBB\xBF{}", "\xEF\xBB{}",
    R"({"a":1,"a":2})", R"({"a":1,})", "[1,]", "[1 2]", R"({"a" 1})", R"({a:1})", "{\"a\":1}x", " \t\r\n[ 1 , 2 ] \n",
    "true", "false", "null", "tru", "nul", "True", "", " ", "[[[[]]]]",
    R"({"code":200,"message":"登录成功","data":{"id":"u-1","loginsCount":3,"registerSource":["social"]}})",
};

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

TEST_CASE("parse_json accepts what nlohmann's parser accepts and builds the same values", "[json][reader]") {
  for (const std::string& text : kReaderTexts) {
    DYNAMIC_SECTION(text) {
      std::optional<json> ours = authing::parse_json(text);
      json theirs = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
      REQUIRE(ours.has_value() == !theirs.is_discarded());
      if (ours) {
        CHECK(*ours == theirs);
        CHECK(authing::dump_json(*ours) == theirs.dump());  // numbers of the same kind too
      }
    }
  }
}

TEST_CASE("append_ascii_json escapes every non-ASCII character and keeps the value", "[json][writer]") {
  const json values[] = {
      "plain", "中文", "é and ü", "emoji 😀 U+10FFFF \U0010FFFF", json::parse(R"({"昵称":["张三",1,"\u2028"]})"),
  };
  for (const json& value : values) {
    std::string text = authing::dump_json(value);
    DYNAMIC_SECTION(text) {
      std::string ascii;
      authing::append_ascii_json(ascii, text);
      for (char c : ascii) CHECK(static_cast<unsigned char>(c) < 0x80);
      CHECK(authing::parse_json(ascii) == value);
    }
  }
  std::string escaped;
  authing::append_ascii_json(escaped, "\"\xF0\x9F\x98\x80\xE4\xB8\xAD\"");
  CHECK(escaped == R"("\ud83d\ude00\u4e2d")");
}

TEST_CASE("ObjectWriter nests objects with object() and end()", "[json][writer]") {
  authing::ObjectWriter writer;
  writer.number("id", 1).object("request").string("url", "u").object("headers").end().number("n", 2).end();
  writer.string("after", "x");
  CHECK(writer.take() == R"({"id":1,"request":{"url":"u","headers":{},"n":2},"after":"x"})");
}

namespace {

// The value a view stands for, put together from its members and elements
// alone: what the walks find must be the whole value.
json rebuilt(authing::JsonView view) {
  if (view.is_object()) {
    json out = json::object();
    std::string_view key;
    std::string_view raw_key;
    authing::JsonView value = view;
    for (auto members = view.members(); members.next(key, raw_key, value);) {
      CHECK(json::parse(raw_key) == std::string(key));
      out[std::string(key)] = rebuilt(value);
    }
    return out;
  }
  if (view.is_array()) {
    json out = json::array();
    authing::JsonView element = view;
    for (auto elements = view.elements(); elements.next(element);) out.push_back(rebuilt(element));
    return out;
  }
  return json::parse(view.text());
}

}  // namespace

TEST_CASE("JsonView accepts what parse_json accepts, and its walks find the whole value", "[json][view]") {
  for (const std::string& text : kReaderTexts) {
    DYNAMIC_SECTION(text) {
      std::optional<json> tree = authing::parse_json(text);
      std::optional<authing::JsonView> view = authing::JsonView::of(text);
      REQUIRE(view.has_value() == tree.has_value());
      if (view) CHECK(rebuilt(*view) == *tree);
    }
  }
  CHECK_FALSE(authing::JsonView::of(nested(authing::kMaxJsonDepth + 1)).has_value());
  CHECK(authing::JsonView::of(nested(authing::kMaxJsonDepth)).has_value());
}

TEST_CASE("A checked text's large containers are stepped over, with the same findings", "[json][view]") {
  const std::string identities = R"([{"openid":"o-)" + std::string(150, '1') + R"(","brackets":"]}[{"}])";
  const std::string user = R"({"id":"u-1","note":")" + std::string(200, 'n') + R"(","identities":)" + identities +
                           R"(,"small":{"a":[1]}})";
  const std::string envelope = "\xEF\xBB\xBF { \"code\":200, \"data\" : " + user + " , \"data\":" + user + " } ";
  authing::ContainerEnds ends;
  std::optional<authing::JsonView> recorded = authing::JsonView::of(envelope, &ends);
  REQUIRE(recorded.has_value());

  SECTION("each recorded container ends where a scan ends it") {
    std::size_t data = envelope.rfind(user);
    CHECK(ends.end_of(envelope.data() + data) == envelope.data() + data + user.size());
    std::size_t list = envelope.rfind(identities);
    CHECK(ends.end_of(envelope.data() + list) == envelope.data() + list + identities.size());
    CHECK(ends.end_of(envelope.data() + envelope.find('{')) == envelope.data() + envelope.rfind('}') + 1);
  }
  SECTION("small containers, other bytes and other texts are not recorded") {
    CHECK(ends.end_of(envelope.data() + envelope.rfind(R"({"a":[1]})")) == nullptr);
    CHECK(ends.end_of(envelope.data() + envelope.rfind("\"id\"")) == nullptr);
    std::string other = envelope;
    CHECK(ends.end_of(other.data() + envelope.rfind(user)) == nullptr);
  }
  SECTION("walks find what walks without the record find") {
    std::optional<authing::JsonView> scanned = authing::JsonView::of(envelope);
    CHECK(rebuilt(*recorded) == rebuilt(*scanned));
    CHECK(recorded->member("data")->text() == user);
    CHECK(recorded->member("data")->member("identities")->text() == identities);
    CHECK(authing::storable_user_text(*recorded->member("data"), "T") ==
          authing::storable_user_text(*scanned->member("data"), "T"));
  }
  SECTION("a copy starts empty, and a text that fails its check leaves nothing recorded") {
    authing::ContainerEnds copy = ends;
    CHECK(copy.end_of(envelope.data() + envelope.rfind(user)) == nullptr);
    std::string broken = envelope.substr(0, envelope.size() - 3);
    CHECK_FALSE(authing::JsonView::of(broken, &ends).has_value());
    CHECK(ends.end_of(envelope.data() + envelope.rfind(user)) == nullptr);
  }
}

TEST_CASE("JsonView finds members as parse_json would keep them", "[json][view]") {
  struct Row {
    const char* text;
    const char* key;
    const char* found;  // nullptr: no such member
  };
  const Row rows[] = {
      {R"({"a":1,"b":"x"})", "b", R"("x")"},
      {R"({"a":1,"a":{"deep":[1,2]}})", "a", R"({"deep":[1,2]})"},  // the last one wins
      {R"( { "a" : [ "]" , "}" ] } )", "a", R"([ "]" , "}" ])"},
      {R"({"\u0061":true})", "a", "true"},
      {R"({"a\"b":null})", "a\"b", "null"},
      {R"({"ab":1})", "a", nullptr},
      {R"({"x":{"a":1}})", "a", nullptr},  // members of members are not members
      {R"([{"a":1}])", "a", nullptr},
      {R"("a")", "a", nullptr},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.text << " ." << row.key) {
      std::optional<authing::JsonView> member = authing::JsonView::of(row.text)->member(row.key);
      REQUIRE(member.has_value() == (row.found != nullptr));
      if (member) CHECK(member->text() == row.found);
    }
  }
  CHECK(authing::JsonView::of(R"("\u4e2d\"\n")")->string_value() == "中\"\n");
  CHECK(authing::JsonView::of(R"("plain")")->string_value() == "plain");
  CHECK_FALSE(authing::JsonView::of("12")->string_value().has_value());
  CHECK(authing::JsonView::of("-1.5e3")->number_value() == -1500);
  CHECK(authing::JsonView::of("18446744073709551616")->number_value() == 18446744073709551616.0);
  CHECK_FALSE(authing::JsonView::of(R"("12")")->number_value().has_value());
  CHECK_FALSE(authing::JsonView::of("null")->number_value().has_value());
}
