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
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "authing/json.h"

namespace authing {

// (start, end) byte offsets of a text's containers, from '[' or '{' to one
// past the matching bracket.
using ContainerSpans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// True when parse_json would accept `text` (the same rules and depth limit),
// without building anything. With `spans`, the containers of at least
// kRecordedContainerBytes are recorded there, in the order they open.
bool is_json_text(std::string_view text, ContainerSpans* spans = nullptr);
inline constexpr std::uint32_t kRecordedContainerBytes = 128;

// Where the large containers of one checked text end. Walks step over a
// recorded container at once instead of scanning it again: an answer's user
// is skipped whole (by the envelope, by `data`) before anything reads it,
// and each skip cost about as much as the check. A copy starts empty, so a
// table never outlives or strays from the text it describes.
class ContainerEnds {
 public:
  ContainerEnds() = default;
  ContainerEnds(const ContainerEnds&) {}
  ContainerEnds& operator=(const ContainerEnds&) {
    clear();
    return *this;
  }

  // One past the closing bracket of the recorded container that opens at
  // `open`; nullptr when there is none.
  const char* end_of(const char* open) const;

 private:
  friend class JsonView;
  void clear() {
    base_ = nullptr;
    size_ = 0;
    spans_.clear();
  }
  const char* base_ = nullptr;
  std::size_t size_ = 0;
  ContainerSpans spans_;  // by start
};

class JsonView {
 public:
  // The value `text` holds, when it is one JSON value parse_json accepts.
  // With `ends`, the check records the text's large containers there, and
  // this view and every view taken from it use them; `ends` must then live
  // as long as the views.
  static std::optional<JsonView> of(std::string_view text, ContainerEnds* ends = nullptr);
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
    Items(std::string_view text, const ContainerEnds* ends) : text_(text), at_(1), ends_(ends) {}
    // Past the separator before the next item; false at the closing bracket.
    bool at_next_item();
    JsonView take_value();
    std::string_view text_;
    std::size_t at_;
    const ContainerEnds* ends_;
    std::string decoded_key_;
  };
  // Empty walks for values of another kind.
  Items members() const { return is_object() ? Items(text_, ends_) : Items("{}", nullptr); }
  Items elements() const { return is_array() ? Items(text_, ends_) : Items("[]", nullptr); }

 private:
  explicit JsonView(std::string_view text, const ContainerEnds* ends = nullptr) : text_(text), ends_(ends) {}
  std::string_view text_;
  const ContainerEnds* ends_;  // the checked text's, or nullptr
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
