// Reading JSON text into nlohmann values.
//
// The values are nlohmann's; the text is read here. nlohmann's lexer goes
// byte by byte through general machinery and keeps a copy of every token for
// its error messages; with its serializer it was most of what a call cost
// (docs/performance.md). This reader accepts exactly what nlohmann's parser
// accepts and builds the same values; a differential test and the fuzz_json
// target hold it to nlohmann.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "authing/json.h"
#include "json_text.h"

namespace authing {
namespace {

using json_text::is_plain;
using json_text::plain_run;
using json_text::utf8_sequence_length;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, long code) {
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

// One recursive-descent pass over the text (RFC 8259, as nlohmann reads it:
// a byte order mark may lead, duplicate keys keep their first place and last
// value). Numbers become what nlohmann makes of them: non-negative integers
// unsigned, negative ones signed, anything else (a fraction, an exponent, an
// integer beyond 64 bits) a double; a double that overflows is refused.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool document(json& out) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    return at_ == text_.size();
  }

 private:
  bool value(json& out, std::size_t depth) {
    if (at_ == text_.size()) return false;
    switch (text_[at_]) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string text;
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

  // Members are gathered first and moved into the object once: an object's
  // members (pairs with a const key) are copied, values and all, each time
  // its storage grows.
  bool object(json& out, std::size_t depth) {
    if (depth > kMaxJsonDepth) return false;
    ++at_;
    std::vector<std::pair<std::string, json>> members;
    bool ok = sequence('}', [&] {
      std::string key;
      if (at_ == text_.size() || text_[at_] != '"' || !string(key)) return false;
      skip_space();
      if (!next_is(':')) return false;
      skip_space();
      json member;
      if (!value(member, depth)) return false;
      auto same =
          std::find_if(members.begin(), members.end(), [&](const auto& other) { return other.first == key; });
      if (same != members.end()) {
        same->second = std::move(member);  // a repeated key keeps its first place and its last value
      } else {
        members.emplace_back(std::move(key), std::move(member));
      }
      return true;
    });
    if (!ok) return false;
    out = json::object();
    auto& object = out.get_ref<json::object_t&>();
    object.reserve(members.size());
    for (auto& [key, member] : members) object.emplace_back(std::move(key), std::move(member));
    return true;
  }

  bool array(json& out, std::size_t depth) {
    if (depth > kMaxJsonDepth) return false;
    ++at_;
    out = json::array();
    auto& elements = out.get_ref<json::array_t&>();
    return sequence(']', [&] {
      elements.emplace_back();
      return value(elements.back(), depth);
    });
  }

  // Items read by `read_one`, separated by commas, up to `close`.
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
  bool string(std::string& out) {
    ++at_;
    for (;;) {
      std::size_t run = plain_run(text_, at_);
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

  bool escape(std::string& out) {
    if (text_.size() - at_ < 2) return false;
    char kind = text_[at_ + 1];
    at_ += 2;
    switch (kind) {
      case '"':
      case '\\':
      case '/':
        out.push_back(kind);
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

  bool number(json& out) {
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
    // strtod needs a terminated copy; the text is a complete number already.
    std::string terminated(digits);
    double number = std::strtod(terminated.c_str(), nullptr);
    if (!std::isfinite(number)) return false;
    out = number;
    return true;
  }

  // A whole-number literal as a 64-bit integer; false when it does not fit.
  static bool integer(std::string_view digits, bool negative, json& out) {
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
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) {
      ++at_;
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

bool nesting_exceeds(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::optional<json> parse_json(std::string_view text) {
  json value;
  if (!Reader(text).document(value)) return std::nullopt;
  return value;
}

}  // namespace authing
