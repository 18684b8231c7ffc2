// Reading JSON text in place.
//
// An answer's user is most of its bytes, and the core only ever copies it on:
// to the caller without secrets, to storage as its allow-listed projection.
// Building a tree for it (a map node and a string or two per member) and
// serialising it twice was most of what a call cost. A JsonView checks the
// text once, by exactly parse_json's rules, and then finds members and
// copies them as spans of the text they arrived in.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "authing/json.h"

namespace authing {

// True when parse_json would accept `text` (the same rules and depth limit),
// without building anything.
bool is_json_text(std::string_view text);

class JsonView {
 public:
  // The value `text` holds, when it is one JSON value parse_json accepts.
  static std::optional<JsonView> of(std::string_view text);
  // A view of text that is valid by construction, without checking it again:
  // what dump_json wrote, or what this core copied together from the spans
  // of a checked view. Anything from outside goes through of().
  static JsonView known_valid(std::string_view text) { return JsonView(text); }

  // The value's own text, without surrounding space.
  std::string_view text() const { return text_; }
  bool is_object() const { return text_.front() == '{'; }
  bool is_array() const { return text_.front() == '['; }
  bool is_string() const { return text_.front() == '"'; }
  bool is_null() const { return text_.front() == 'n'; }

  // The member `key` (the last one, as parse_json keeps); nullopt when this is
  // not an object or has no such member.
  std::optional<JsonView> member(std::string_view key) const;
  // The members named `keys`, found in one walk (each the last of its name):
  // found[i] is keys[i]'s. Every lookup walks past every value before it, and
  // an envelope's `data` is most of an answer.
  template <std::size_t N>
  std::array<std::optional<JsonView>, N> members_named(const std::array<std::string_view, N>& keys) const;
  // The string's decoded value; nullopt when this is not a string.
  std::optional<std::string> string_value() const;
  // The number's value; nullopt when this is not a number.
  std::optional<double> number_value() const;
  // The value as a tree, for the small values and rare paths that want one.
  json tree() const;

  // Walks an object's members or an array's elements in order.
  class Items {
   public:
    // False at the end. For members, `key` is decoded (it stays valid until
    // the next call) and `raw_key` is its quoted text as it arrived.
    bool next(JsonView& value);
    bool next(std::string_view& key, std::string_view& raw_key, JsonView& value);

   private:
    friend class JsonView;
    Items(std::string_view text) : text_(text), at_(1) {}
    // Past the separator before the next item; false at the closing bracket.
    bool at_next_item();
    JsonView take_value();
    std::string_view text_;
    std::size_t at_;
    std::string decoded_key_;
  };
  // Empty walks for values of another kind.
  Items members() const { return Items(is_object() ? text_ : std::string_view("{}")); }
  Items elements() const { return Items(is_array() ? text_ : std::string_view("[]")); }

 private:
  explicit JsonView(std::string_view text) : text_(text) {}
  std::string_view text_;
};

template <std::size_t N>
std::array<std::optional<JsonView>, N> JsonView::members_named(
    const std::array<std::string_view, N>& keys) const {
  std::array<std::optional<JsonView>, N> found;
  std::string_view key;
  std::string_view raw_key;
  JsonView value = *this;
  for (Items items = members(); items.next(key, raw_key, value);) {
    for (std::size_t i = 0; i < N; ++i) {
      if (key == keys[i]) found[i] = value;
    }
  }
  return found;
}

}  // namespace authing
