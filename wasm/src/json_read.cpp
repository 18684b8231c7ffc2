// Reading JSON text into nlohmann values.
//
// The values are nlohmann's; the text is read here. nlohmann's lexer goes
// byte by byte through general machinery and keeps a copy of every token for
// its error messages; with its serializer it was most of what a call cost
// (docs/performance.md). This reader accepts what RFC 8259 allows and builds
// what JavaScript's JSON.parse would: that is what the caller gets in the end.
// It builds nlohmann's values for everything nlohmann's parser accepts; where
// nlohmann refuses or differs (a number beyond double range, a lone surrogate
// escape, -0) it follows JSON.parse. A differential test and the fuzz_json
// target hold it to nlohmann everywhere else.
#include <algorithm>
#include <cstdlib>
#include <cstdint>
#include <optional>
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

// One recursive-descent pass over the text. Numbers become what nlohmann makes
// of them: non-negative integers unsigned, negative ones signed, anything else
// (a fraction, an exponent, an integer beyond 64 bits) a double; and, as in
// JSON.parse, -0 keeps its sign (a double), a double beyond range is
// +-infinity and one too small for it 0.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool document(json& out) {
    // RFC 8259 (section 8.1) lets a parser ignore a leading byte order mark, and
    // some proxies add one. wx.request drops it for dataType json; the driver
    // asks for text, so the core drops it here.
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

  using Members = std::vector<std::pair<std::string, json>>;

  // From this many members on, repeated keys are found through a hash index:
  // searching member by member would make an answer of 10^5 keys (2 MB) take
  // quadratic time. Below it the search is cheaper: with an index from 32
  // members on, a login (a user of 50 fields) cost 15% more (core_bench).
  static constexpr std::size_t kIndexedFrom = 128;

  // The positions of an object's members by key: open addressing over an
  // FNV-1a hash, at most half full. A few dozen lines instead of a standard
  // hash map, whose instantiation costs kilobytes of wasm for a path that only
  // wide (hostile) objects take.
  class KeyIndex {
   public:
    bool empty() const { return slots_.empty(); }

    // The position of `key` among `members`, or members.size() when absent.
    std::size_t find(const Members& members, std::string_view key) const {
      std::size_t mask = slots_.size() - 1;
      for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
        if (slots_[i] == 0) return members.size();
        if (members[slots_[i] - 1].first == key) return slots_[i] - 1;
      }
    }

    // Indexes members[place], growing the table first when it is half full.
    void add(const Members& members, std::size_t place) {
      if (2 * (place + 1) > slots_.size()) {
        slots_.assign(slots_.empty() ? 4 * kIndexedFrom : 2 * slots_.size(), 0);
        for (std::size_t i = 0; i < place; ++i) insert(members, i);
      }
      insert(members, place);
    }

   private:
    static std::uint32_t hash(std::string_view key) {
      std::uint32_t value = 2166136261u;
      for (unsigned char byte : key) value = (value ^ byte) * 16777619u;
      return value;
    }
    void insert(const Members& members, std::size_t place) {
      std::size_t mask = slots_.size() - 1;
      std::size_t i = hash(members[place].first) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = static_cast<std::uint32_t>(place + 1);
    }
    std::vector<std::uint32_t> slots_;  // member position + 1; 0: empty
  };

  // Members are gathered first and moved into the object once: an object's
  // members (pairs with a const key) are copied, values and all, each time
  // its storage grows. A repeated key keeps its first place and takes its last
  // value: JSON.parse keeps the last, and one member per key means every later
  // reader of the object sees that same value.
  bool object(json& out, std::size_t depth) {
    if (depth > kMaxJsonDepth) return false;
    ++at_;
    Members members;
    KeyIndex index;  // filled once the object is wide
    bool ok = sequence('}', [&] {
      std::string key;
      if (at_ == text_.size() || text_[at_] != '"' || !string(key)) return false;
      skip_space();
      if (!next_is(':')) return false;
      skip_space();
      json member;
      if (!value(member, depth)) return false;
      std::size_t place = place_of(members, index, key);
      if (place < members.size()) {
        members[place].second = std::move(member);
      } else {
        members.emplace_back(std::move(key), std::move(member));
        if (members.size() >= kIndexedFrom) index.add(members, place);
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

  // Where `key` is among `members`, or members.size() when it is new.
  static std::size_t place_of(const Members& members, const KeyIndex& index, const std::string& key) {
    if (index.empty()) {
      auto same =
          std::find_if(members.begin(), members.end(), [&](const auto& other) { return other.first == key; });
      return static_cast<std::size_t>(same - members.begin());
    }
    return index.find(members, key);
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
    if (code < 0) return false;
    if (code >= 0xD800 && code <= 0xDBFF) {
      long low = low_surrogate();
      if (low >= 0) code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    // A surrogate left alone is a string JSON.parse accepts (one lone UTF-16
    // code unit). It is kept as the three bytes UTF-8 would give its code
    // (generalized UTF-8, WTF-8); the writer turns them back into the escape.
    append_utf8(out, code);
    return true;
  }

  // The escaped low surrogate at `at_`, consumed; or -1, with nothing consumed.
  long low_surrogate() {
    if (text_.size() - at_ < 6 || text_[at_] != '\\' || text_[at_ + 1] != 'u') return -1;
    std::size_t start = at_;
    at_ += 2;
    long low = hex4();
    if (low >= 0xDC00 && low <= 0xDFFF) return low;
    at_ = start;
    return -1;
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
    out = std::strtod(terminated.c_str(), nullptr);  // +-HUGE_VAL (infinity) beyond range
    return true;
  }

  // A whole-number literal as a 64-bit integer; false when it does not fit, and
  // for -0, which JSON.parse keeps negative and only a double can hold.
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
    if (magnitude == 0 || magnitude > static_cast<std::uint64_t>(INT64_MAX) + 1) return false;
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
