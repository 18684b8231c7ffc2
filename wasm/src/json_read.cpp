// The JSON reader: one recursive-descent pass that builds nlohmann values,
// or (is_json_text) only checks the text by the same rules, building nothing.
//
// It accepts exactly what nlohmann's parser accepts (RFC 8259: no comments,
// no trailing commas, no lone surrogates, no invalid UTF-8, the last of
// duplicate keys wins; only a NUL byte, where nlohmann stops reading and
// ignores the rest, is an error here) and builds the same values: non-negative integers as
// unsigned, negative ones as signed, integers too large for 64 bits and
// everything with a fraction or exponent as double. A differential test and
// the fuzz_json target hold it to that.
#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "authing/json.h"
#include "authing/json_view.h"

namespace authing {
namespace {

// What a checking pass writes values and strings into: nothing.
struct Discard {
  template <class T>
  Discard& operator=(T&&) {
    return *this;
  }
  void append(const char*, std::size_t) {}
  void push_back(char) {}
};

// `Value` is json (build) or Discard (check); `Text` is std::string or Discard.
template <class Value, class Text>
class Reader {
 public:
  static constexpr bool kBuilds = std::is_same_v<Value, json>;

  explicit Reader(std::string_view text, ContainerSpans* spans = nullptr) : text_(text), spans_(spans) {}

  bool document(Value& out) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;  // a byte order mark, as nlohmann allows
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    return at_ == text_.size();
  }

 private:
  bool value(Value& out, std::size_t depth) {
    if (at_ == text_.size()) return false;
    switch (text_[at_]) {
      case '{':
      case '[': {
        std::size_t slot = open_record();
        bool ok = text_[at_] == '{' ? object(out, depth + 1) : array(out, depth + 1);
        return close_record(ok, slot);
      }
      case '"': {
        Text text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case 't':
        out = true;
        return word("true");
      case 'f':
        out = false;
        return word("false");
      case 'n':
        out = nullptr;
        return word("null");
      default:
        return number(out);
    }
  }

  // Containers are recorded as they open, so the record comes out ordered by
  // start, and dropped as they close when small. A small container holds no
  // large one, so its slot is the last when it closes.
  std::size_t open_record() {
    if (spans_ == nullptr) return 0;
    spans_->emplace_back(static_cast<std::uint32_t>(at_), 0);
    return spans_->size() - 1;
  }
  bool close_record(bool ok, std::size_t slot) {
    if (spans_ == nullptr || !ok) return ok;  // JsonView::of drops a failed check's record
    auto& span = (*spans_)[slot];
    if (at_ - span.first >= kRecordedContainerBytes) {
      span.second = static_cast<std::uint32_t>(at_);
    } else {
      spans_->pop_back();
    }
    return ok;
  }

  bool object(Value& out, std::size_t depth) {
    if (depth > kMaxJsonDepth) return false;
    ++at_;  // '{'
    auto read_members = [&](auto add) {
      return sequence('}', [&] {
        Text key;
        if (at_ == text_.size() || text_[at_] != '"' || !string(key)) return false;
        skip_space();
        if (!next_is(':')) return false;
        skip_space();
        Value member;
        if (!value(member, depth)) return false;
        add(std::move(key), std::move(member));
        return true;
      });
    };
    if constexpr (kBuilds) {
      out = json::object();
      auto& members = out.template get_ref<json::object_t&>();
      return read_members(
          [&](Text key, Value member) { members.insert_or_assign(std::move(key), std::move(member)); });
    } else {
      return read_members([](Text, Value) {});
    }
  }

  bool array(Value& out, std::size_t depth) {
    if (depth > kMaxJsonDepth) return false;
    ++at_;  // '['
    if constexpr (kBuilds) {
      out = json::array();
      auto& elements = out.template get_ref<json::array_t&>();
      return sequence(']', [&] {
        elements.emplace_back();
        return value(elements.back(), depth);
      });
    } else {
      return sequence(']', [&] {
        Value element;
        return value(element, depth);
      });
    }
  }

  // What follows a container's opening bracket: items read by `read_one`,
  // separated by commas, up to `close`.
  template <class ReadOne>
  bool sequence(char close, ReadOne read_one) {
    skip_space();
    if (next_is(close)) return true;
    for (;;) {
      if (!read_one()) return false;
      skip_space();
      if (next_is(close)) return true;
      if (!next_is(',')) return false;
      skip_space();
    }
  }

  // At the opening quote; leaves `at_` after the closing one.
  bool string(Text& out) {
    ++at_;
    const char* end = text_.data() + text_.size();
    for (;;) {
      std::size_t run = plain_run_length(text_.data() + at_, end);
      out.append(text_.data() + at_, run);
      at_ += run;
      if (at_ == text_.size()) return false;
      auto byte = static_cast<unsigned char>(text_[at_]);
      if (byte == '"') {
        ++at_;
        return true;
      }
      if (byte == '\\') {
        if (!escape(out)) return false;
      } else if (byte >= 0x80) {
        std::size_t length = utf8_sequence_length(text_, at_);
        if (length == 0) return false;
        out.append(text_.data() + at_, length);
        at_ += length;
      } else {
        return false;  // a control character
      }
    }
  }

  bool escape(Text& out) {
    if (text_.size() - at_ < 2) return false;
    char kind = text_[at_ + 1];
    at_ += 2;
    switch (kind) {
      case '"':
        out.push_back('"');
        return true;
      case '\\':
        out.push_back('\\');
        return true;
      case '/':
        out.push_back('/');
        return true;
      case 'b':
        out.push_back('\b');
        return true;
      case 'f':
        out.push_back('\f');
        return true;
      case 'n':
        out.push_back('\n');
        return true;
      case 'r':
        out.push_back('\r');
        return true;
      case 't':
        out.push_back('\t');
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    long code = hex4();
    if (code < 0 || (code >= 0xDC00 && code <= 0xDFFF)) return false;
    if (code >= 0xD800 && code <= 0xDBFF) {
      // A high surrogate must be followed by an escaped low one.
      if (text_.size() - at_ < 2 || text_[at_] != '\\' || text_[at_ + 1] != 'u') return false;
      at_ += 2;
      long low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
    return true;
  }

  // Four hex digits as a number, or -1.
  long hex4() {
    if (text_.size() - at_ < 4) return -1;
    long code = 0;
    for (int i = 0; i < 4; ++i) {
      int digit = hex_digit(text_[at_++]);
      if (digit < 0) return -1;
      code = code * 16 + digit;
    }
    return code;
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  static void append_utf8(Text& out, long code) {
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  bool number(Value& out) {
    std::size_t start = at_;
    bool negative = next_is('-');
    if (at_ == text_.size() || !is_digit(text_[at_])) return false;
    if (text_[at_] == '0') {
      ++at_;
    } else {
      skip_digits();
    }
    bool integral = true;
    if (next_is('.')) {
      integral = false;
      if (at_ == text_.size() || !is_digit(text_[at_])) return false;
      skip_digits();
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      integral = false;
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (at_ == text_.size() || !is_digit(text_[at_])) return false;
      skip_digits();
    }
    std::string_view digits = text_.substr(start, at_ - start);
    if (integral && integer(digits, negative, out)) return true;
    // Only a literal with a fraction or an exponent (or a whole number beyond
    // 64 bits) gets here; a checking pass still needs its overflow verdict.
    // strtod needs a terminated copy; the text is a complete number already.
    std::string terminated(digits);
    double number = std::strtod(terminated.c_str(), nullptr);
    if (!std::isfinite(number)) return false;  // 1e400: nlohmann refuses the overflow too
    out = number;
    return true;
  }

  // A whole-number literal as a 64-bit integer; false when it does not fit.
  static bool integer(std::string_view digits, bool negative, Value& out) {
    std::uint64_t magnitude = 0;
    for (char c : digits.substr(negative ? 1 : 0)) {
      auto digit = static_cast<std::uint64_t>(c - '0');
      if (magnitude > (UINT64_MAX - digit) / 10) return false;
      magnitude = magnitude * 10 + digit;
    }
    if (!negative) {
      out = magnitude;
      return true;
    }
    if (magnitude > static_cast<std::uint64_t>(INT64_MAX) + 1) return false;
    out = magnitude == static_cast<std::uint64_t>(INT64_MAX) + 1 ? INT64_MIN
                                                                 : -static_cast<std::int64_t>(magnitude);
    return true;
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  void skip_digits() {
    while (at_ < text_.size() && is_digit(text_[at_])) ++at_;
  }

  bool word(std::string_view expected) {
    if (text_.substr(at_, expected.size()) != expected) return false;
    at_ += expected.size();
    return true;
  }

  bool next_is(char c) {
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }

  void skip_space() {
    while (at_ < text_.size()) {
      char c = text_[at_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++at_;
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  ContainerSpans* spans_;
};

}  // namespace

std::optional<json> parse_json(std::string_view text) {
  json value;
  if (!Reader<json, std::string>(text).document(value)) return std::nullopt;
  return value;
}

bool is_json_text(std::string_view text, ContainerSpans* spans) {
  Discard nothing;
  return Reader<Discard, Discard>(text, spans).document(nothing);
}

bool nesting_exceeds(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace authing
