// The JSON writer: compact text, keys in order, ASCII runs copied whole.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "authing/json.h"

namespace authing {
namespace {

// Quotes are common (a JSON text inside a string has one around every key),
// so each escape is a couple of push_backs rather than a call to append.
void append_escaped_byte(std::string& out, unsigned char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  char short_form = 0;
  switch (byte) {
    case '"':
      short_form = '"';
      break;
    case '\\':
      short_form = '\\';
      break;
    case '\b':
      short_form = 'b';
      break;
    case '\f':
      short_form = 'f';
      break;
    case '\n':
      short_form = 'n';
      break;
    case '\r':
      short_form = 'r';
      break;
    case '\t':
      short_form = 't';
      break;
    default:
      break;
  }
  out.push_back('\\');
  if (short_form != 0) {
    out.push_back(short_form);
    return;
  }
  out.push_back('u');
  out.push_back('0');
  out.push_back('0');
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 0xF]);
}

// How many bytes from `begin` are ASCII, eight at a time: batches are
// mostly ASCII already.
std::size_t ascii_run_length(const char* begin, const char* end) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = begin;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if ((word & kHigh) != 0) break;
    p += 8;
  }
  while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
  return static_cast<std::size_t>(p - begin);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  append_escaped(out, text);
  out.push_back('"');
}

void append_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i + plain_run_length(text.data() + i, text.data() + text.size());
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    auto byte = static_cast<unsigned char>(text[run]);
    if (byte < 0x80) {
      append_escaped_byte(out, byte);
      i = run + 1;
    } else if (std::size_t length = utf8_sequence_length(text, run)) {
      out.append(text.data() + run, length);
      i = run + length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for each byte that starts no sequence
      i = run + 1;
    }
  }
}

void append_json(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, it.key());
        out.push_back(':');
        append_json(out, it.value());
      }
      out.push_back('}');
      return;
    }
    case json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const json& element : value) {
        if (!first) out.push_back(',');
        first = false;
        append_json(out, element);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string:
      append_json_string(out, value.get_ref<const std::string&>());
      return;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case json::value_t::number_integer:
      append_integer(out, static_cast<long long>(value.get<std::int64_t>()));
      return;
    case json::value_t::number_unsigned:
      append_integer(out, static_cast<unsigned long long>(value.get<std::uint64_t>()));
      return;
    case json::value_t::number_float: {
      // The shortest round-trip digits, by the routine nlohmann's dump() uses
      // (and null for NaN and infinity, as it writes them). Calling dump()
      // itself would bring its serializer, and with it snprintf, into the
      // module for this one case.
      double number = value.get<double>();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      char digits[64];
      char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, number);
      out.append(digits, static_cast<std::size_t>(end - digits));
      return;
    }
    case json::value_t::null:
    case json::value_t::discarded:
    case json::value_t::binary:
      out += "null";
      return;
  }
}

void append_integer(std::string& out, unsigned long long value) {
  char digits[20];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) out.push_back(digits[--count]);
}

void append_integer(std::string& out, long long value) {
  if (value < 0) {
    out.push_back('-');
    // Negated in unsigned arithmetic: -LLONG_MIN does not fit a long long.
    append_integer(out, 0ULL - static_cast<unsigned long long>(value));
  } else {
    append_integer(out, static_cast<unsigned long long>(value));
  }
}

std::string dump_json(const json& value) {
  std::string out;
  append_json(out, value);
  return out;
}

void append_ascii_json(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto escape = [&](unsigned code) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(code >> shift) & 0xF]);
  };
  auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[k])); };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i + ascii_run_length(text.data() + i, text.data() + text.size());
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    // Bytes of 0x80 and above occur only inside strings of valid JSON text.
    std::size_t length = utf8_sequence_length(text, run);
    if (length == 0) {
      escape(0xFFFD);
      i = run + 1;
      continue;
    }
    unsigned code = byte(run) & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (byte(run + k) & 0x3F);
    if (code >= 0x10000) {
      code -= 0x10000;
      escape(0xD800 + (code >> 10));
      escape(0xDC00 + (code & 0x3FF));
    } else {
      escape(code);
    }
    i = run + length;
  }
}

void ObjectWriter::key(std::string_view key) {
  if (after_member_) text_.push_back(',');
  append_json_string(text_, key);
  text_.push_back(':');
  after_member_ = true;
}

ObjectWriter& ObjectWriter::string(std::string_view key, std::string_view value) {
  this->key(key);
  append_json_string(text_, value);
  return *this;
}

ObjectWriter& ObjectWriter::number(std::string_view key, long long value) {
  this->key(key);
  append_integer(text_, value);
  return *this;
}

ObjectWriter& ObjectWriter::value(std::string_view key, const json& value) {
  this->key(key);
  append_json(text_, value);
  return *this;
}

ObjectWriter& ObjectWriter::raw(std::string_view key, std::string_view json_text) {
  this->key(key);
  text_ += json_text;
  return *this;
}

ObjectWriter& ObjectWriter::object(std::string_view key) {
  this->key(key);
  text_.push_back('{');
  after_member_ = false;
  return *this;
}

ObjectWriter& ObjectWriter::end() {
  text_.push_back('}');
  after_member_ = true;
  return *this;
}

std::string ObjectWriter::take() {
  text_.push_back('}');
  return std::move(text_);
}

}  // namespace authing
