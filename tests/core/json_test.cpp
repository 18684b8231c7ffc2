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
