// Writing nlohmann values as JSON text.
//
// The values are nlohmann's; the text is written here, as nlohmann's dump()
// writes it, without its per-byte UTF-8 state machine (runs of plain bytes
// are copied whole). A differential test and the fuzz_json target hold it to
// nlohmann's dump() for every value nlohmann can write. What the reader takes
// beyond nlohmann (+-infinity, lone surrogates) is written so that JSON.parse
// in the driver makes the same value of it again.
#include <cmath>
#include <string>

#include "authing/json.h"
#include "json_text.h"

namespace authing {
namespace {

using json_text::is_plain;
using json_text::is_wtf8_surrogate;
using json_text::plain_run;
using json_text::utf8_sequence_length;

constexpr char kHex[] = "0123456789abcdef";

void append_escape(std::string& out, unsigned code) {
  out.append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(code >> shift) & 0xF]);
}

void append_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = plain_run(text, i);
    out.append(text.data() + i, run);
    i += run;
    if (i == text.size()) break;
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      std::size_t length = utf8_sequence_length(text, i);
      if (length != 0) {
        out.append(text.data() + i, length);
        i += length;
      } else if (is_wtf8_surrogate(text, i)) {
        // As raw bytes, the driver's UTF-8 decoding would make U+FFFD of it;
        // as an escape, JSON.parse makes the lone code unit the reader read.
        append_escape(out, 0xD000 | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F));
        i += 3;
      } else {
        out.append("\xEF\xBF\xBD");  // U+FFFD for each byte that starts no character
        ++i;
      }
      continue;
    }
    switch (byte) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        append_escape(out, byte);
    }
    ++i;
  }
  out.push_back('"');
}

template <class Integer>
void append_integer(std::string& out, Integer value) {
  char digits[24];
  char* end = digits + sizeof digits;
  char* at = end;
  bool negative = value < 0;
  // Negating INT64_MIN overflows, so digits are taken from the negative side.
  do {
    int digit = static_cast<int>(value % 10);
    *--at = static_cast<char>('0' + (digit < 0 ? -digit : digit));
    value /= 10;
  } while (value != 0);
  if (negative) *--at = '-';
  out.append(at, end);
}

void append_double(std::string& out, double value) {
  if (std::isinf(value)) {
    // JSON has no infinity, but JSON.parse reads a number beyond double range
    // as one (nlohmann would write null): the caller gets what the answer held.
    out.append(value > 0 ? "1e999" : "-1e999");
    return;
  }
  if (std::isnan(value)) {
    out.append("null");  // as nlohmann and JSON.stringify write it; no JSON text makes one
    return;
  }
  char digits[64];
  char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

void append_value(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out.push_back(',');
        first = false;
        append_string(out, key);
        out.push_back(':');
        append_value(out, member);
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
        append_value(out, element);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string:
      append_string(out, value.get_ref<const std::string&>());
      return;
    case json::value_t::boolean:
      out.append(value.get<bool>() ? "true" : "false");
      return;
    case json::value_t::number_integer:
      append_integer(out, value.get<std::int64_t>());
      return;
    case json::value_t::number_unsigned:
      append_integer(out, value.get<std::uint64_t>());
      return;
    case json::value_t::number_float:
      append_double(out, value.get<double>());
      return;
    default:
      out.append("null");  // null, and the binary and discarded kinds no JSON text holds
      return;
  }
}

}  // namespace

std::string dump_json(const json& value) {
  std::string out;
  append_value(out, value);
  return out;
}

void ObjectWriter::key(std::string_view key) {
  if (after_member_) out_.push_back(',');
  after_member_ = true;
  append_string(out_, key);
  out_.push_back(':');
}

ObjectWriter& ObjectWriter::string(std::string_view key, std::string_view value) {
  this->key(key);
  append_string(out_, value);
  return *this;
}

ObjectWriter& ObjectWriter::number(std::string_view key, long long value) {
  this->key(key);
  append_integer(out_, value);
  return *this;
}

ObjectWriter& ObjectWriter::value(std::string_view key, const json& value) {
  this->key(key);
  append_value(out_, value);
  return *this;
}

ObjectWriter& ObjectWriter::raw(std::string_view key, std::string_view json_text) {
  this->key(key);
  out_.append(json_text);
  return *this;
}

ObjectWriter& ObjectWriter::object(std::string_view key) {
  this->key(key);
  out_.push_back('{');
  after_member_ = false;
  return *this;
}

ObjectWriter& ObjectWriter::end() {
  out_.push_back('}');
  after_member_ = true;
  return *this;
}

}  // namespace authing
