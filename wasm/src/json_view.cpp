// JsonView: members found by skipping over text that is known to be valid, so
// the walks below need no error paths (the one check is in JsonView::of).
#include "authing/json_view.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace authing {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

// Bytes from `p` before the first '"' or '\\', eight at a time: strings are
// most of an answer's bytes.
std::size_t plain_string_bytes(const char* begin, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  auto has_zero_byte = [](std::uint64_t word) { return (word - kOnes) & ~word & kHigh; };
  const char* p = begin;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if (has_zero_byte(word ^ (kOnes * '"')) | has_zero_byte(word ^ (kOnes * '\\'))) break;
    p += 8;
  }
  while (p < end && *p != '"' && *p != '\\') ++p;
  return static_cast<std::size_t>(p - begin);
}

// At an opening quote: the index after its closing quote. `escaped` is set
// when the string holds an escape.
std::size_t skip_string(std::string_view text, std::size_t at, bool& escaped) {
  ++at;
  for (;;) {
    at += plain_string_bytes(text.data() + at, text.data() + text.size());
    if (text[at] == '"') return at + 1;
    escaped = true;
    at += 2;  // an escape: the byte after the backslash is never the closing quote
  }
}

std::size_t skip_string(std::string_view text, std::size_t at) {
  bool escaped = false;
  return skip_string(text, at, escaped);
}

// At the first byte of a value: the index after its last byte.
std::size_t skip_value(std::string_view text, std::size_t at) {
  char first = text[at];
  if (first == '"') return skip_string(text, at);
  if (first == '{' || first == '[') {
    std::size_t depth = 0;
    for (;;) {
      char c = text[at];
      if (c == '"') {
        at = skip_string(text, at);
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return at + 1;
      }
      ++at;
    }
  }
  // The text is valid, so a literal is whole: a user is mostly nulls.
  if (first == 'n' || first == 't') return at + 4;
  if (first == 'f') return at + 5;
  while (at < text.size() && !is_space(text[at]) && text[at] != ',' && text[at] != '}' && text[at] != ']')
    ++at;
  return at;
}

}  // namespace

const char* ContainerEnds::end_of(const char* open) const {
  if (base_ == nullptr || open < base_ || open >= base_ + size_) return nullptr;
  auto start = static_cast<std::uint32_t>(open - base_);
  auto found = std::lower_bound(spans_.begin(), spans_.end(), start,
                                [](const auto& span, std::uint32_t at) { return span.first < at; });
  return found != spans_.end() && found->first == start ? base_ + found->second : nullptr;
}

std::optional<JsonView> JsonView::of(std::string_view text, ContainerEnds* ends) {
  if (ends != nullptr) ends->clear();
  // Offsets are 32-bit; longer texts (far over any answer's limit) go unrecorded.
  bool record = ends != nullptr && text.size() <= UINT32_MAX;
  if (!is_json_text(text, record ? &ends->spans_ : nullptr)) {
    if (ends != nullptr) ends->clear();
    return std::nullopt;
  }
  if (record) {
    ends->base_ = text.data();
    ends->size_ = text.size();
  }
  std::size_t begin = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  begin = skip_space(text, begin);
  std::size_t end = text.size();
  while (end > begin && is_space(text[end - 1])) --end;
  return JsonView(text.substr(begin, end - begin), record ? ends : nullptr);
}

std::optional<JsonView> JsonView::member(std::string_view key) const {
  return members_named(std::array<std::string_view, 1>{key})[0];
}

std::optional<std::string> JsonView::string_value() const {
  if (!is_string()) return std::nullopt;
  std::string_view inner = text_.substr(1, text_.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  return tree().get<std::string>();
}

std::optional<double> JsonView::number_value() const {
  char first = text_.front();
  if (first != '-' && (first < '0' || first > '9')) return std::nullopt;
  return tree().get<double>();
}

json JsonView::tree() const { return parse_json(text_).value_or(json(nullptr)); }

bool JsonView::Items::at_next_item() {
  at_ = skip_space(text_, at_);
  char c = text_[at_];
  if (c == '}' || c == ']') return false;
  if (c == ',') at_ = skip_space(text_, at_ + 1);
  return true;
}

JsonView JsonView::Items::take_value() {
  char first = text_[at_];
  const char* recorded =
      ends_ != nullptr && (first == '{' || first == '[') ? ends_->end_of(text_.data() + at_) : nullptr;
  std::size_t end = recorded != nullptr ? static_cast<std::size_t>(recorded - text_.data()) : skip_value(text_, at_);
  JsonView value(text_.substr(at_, end - at_), ends_);
  at_ = end;
  return value;
}

bool JsonView::Items::next(JsonView& value) {
  if (!at_next_item()) return false;
  value = take_value();
  return true;
}

bool JsonView::Items::next(std::string_view& key, std::string_view& raw_key, JsonView& value) {
  if (!at_next_item()) return false;
  bool escaped = false;
  std::size_t key_end = skip_string(text_, at_, escaped);
  raw_key = text_.substr(at_, key_end - at_);
  if (!escaped) {
    key = raw_key.substr(1, raw_key.size() - 2);
  } else {
    decoded_key_ = JsonView(raw_key).tree().get<std::string>();
    key = decoded_key_;
  }
  at_ = skip_space(text_, skip_space(text_, key_end) + 1);  // past the ':'
  value = take_value();
  return true;
}

}  // namespace authing
