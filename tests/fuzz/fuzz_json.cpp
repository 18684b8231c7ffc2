// Any text the core parses (answers, stored values, arguments): the core's
// reader accepts what nlohmann's parser accepts (under the depth limit) and
// builds the same values, and its writer writes nlohmann's text for them;
// what the writer writes reads back as the same text. The user projections of
// any accepted value keep what they promise: storage gets only the
// allow-listed fields and the session's token, callers get all but password
// and salt.
//
// Where JSON.parse and nlohmann part, the reader follows JSON.parse, and the
// oracle allows exactly that: a number beyond double range (+-infinity, which
// nlohmann refuses), a lone surrogate escape (kept as WTF-8 bytes, which
// nlohmann refuses) and -0 (a double, where nlohmann has the integer 0). A
// text nlohmann refuses may be accepted only when it holds a number beyond
// double range or a lone surrogate escape. A byte order mark and repeated keys need no allowance:
// nlohmann ignores the one and keeps the last value of the other too.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "authing/json.h"
#include "authing/session.h"
#include "authing/user_fields.h"
#include "fuzz_driver.h"

namespace {

using authing::json;

// Equal, with numbers of the same kind (json's == calls 1 and 1.0 equal); the
// reader's -0.0 (`a`) is nlohmann's integer 0 (`b`).
bool same(const json& a, const json& b) {
  if (a.is_number_float() && std::signbit(a.get<double>()) && a.get<double>() == 0 &&
      (b.is_number_integer() || b.is_number_unsigned())) {
    return b.get<std::int64_t>() == 0;
  }
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      if (ia.key() != ib.key() || !same(ia.value(), ib.value())) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// The value of the four hex digits at `at`, or -1.
long hex4(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return -1;
  long value = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    char c = text[i];
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// The text with what only JSON.parse reads made plain: a lone surrogate
// escape becomes \u0041 and a number beyond double range becomes 0. Worked on
// the text, not the value: a repeated key may have replaced the member that
// held it. nlohmann must accept what remains whenever the reader accepts the
// text, so the reader goes beyond nlohmann in these two ways only.
std::string without_js_only(std::string_view text) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
      } else if (c == '\\' && i + 1 < text.size()) {
        std::size_t length = 2;
        if (text[i + 1] == 'u') {
          long unit = hex4(text, i + 2);
          bool escape_follows = i + 7 < text.size() && text[i + 6] == '\\' && text[i + 7] == 'u';
          long low = escape_follows ? hex4(text, i + 8) : -1;
          bool pair = unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF;
          if (!pair && unit >= 0xD800 && unit <= 0xDFFF) {
            out += "\\u0041";
            i += 5;
            continue;
          }
          length = pair ? 12 : 6;
        }
        out += text.substr(i, std::min(length, text.size() - i));
        i += length - 1;
        continue;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() && std::string_view("+-0123456789.eE").find(text[end]) != std::string_view::npos) ++end;
      std::string number(text.substr(i, end - i));
      out += std::isinf(std::strtod(number.c_str(), nullptr)) ? "0" : number;
      i = end - 1;
      continue;
    }
    out += c;
  }
  return out;
}

void check_projections(const json& value) {
  std::string kept_id;
  json kept = *authing::parse_json(authing::storable_user_text(value, "T", &kept_id));
  if (!value.is_object()) {
    if (!kept.is_null()) authing::fuzz::broken("only objects are stored as users");
    return;
  }
  if (authing::string_member(kept, "token") != "T")
    authing::fuzz::broken("a stored user has the session token");
  if (kept_id != authing::string_member(value, "id").value_or("")) {
    authing::fuzz::broken("the stored user's id is the user's string id");
  }
  for (const auto& [key, field] : kept.items()) {
    if (key == authing::kIdentitiesField) {
      if (!field.is_array()) authing::fuzz::broken("stored identities are an array");
      continue;
    }
    if (!authing::is_user_field(key)) authing::fuzz::broken("only allow-listed fields are stored");
    if (key != "token" && value[key] != field) authing::fuzz::broken("a stored field is the user's own");
  }
  json returned = authing::without_secrets(value);
  if (returned.contains("password") || returned.contains("salt"))
    authing::fuzz::broken("callers never get secrets");
  if (returned.size() + value.contains("password") + value.contains("salt") != value.size()) {
    authing::fuzz::broken("callers get every other field");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<json> value = authing::parse_json(text);
  if (authing::nesting_exceeds(text, authing::kMaxJsonDepth)) {
    if (value) authing::fuzz::broken("JSON deeper than the limit is refused");
    return 0;
  }
  if (text.find('\0') != std::string_view::npos) {
    // nlohmann stops reading at a NUL byte and ignores what follows; a raw NUL
    // is never valid JSON, so the core refuses it.
    if (value) authing::fuzz::broken("text with a NUL byte is refused");
    return 0;
  }
  json theirs = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (theirs.is_discarded()) {
    std::string plain = without_js_only(text);
    if (value && (plain == text || json::parse(plain, nullptr, /*allow_exceptions=*/false).is_discarded()))
      authing::fuzz::broken("the reader accepts beyond nlohmann only what JSON.parse reads beyond it");
  } else {
    if (!value) authing::fuzz::broken("the reader accepts what nlohmann accepts");
    if (!same(*value, theirs)) authing::fuzz::broken("both readers build the same value");
    if (authing::dump_json(theirs) != theirs.dump())
      authing::fuzz::broken("the writer writes nlohmann's text");
  }
  if (!value) return 0;
  std::string written = authing::dump_json(*value);
  std::optional<json> again = authing::parse_json(written);
  if (!again || authing::dump_json(*again) != written || !same(*again, *value))
    authing::fuzz::broken("what the writer writes reads back the same");
  check_projections(*value);
  return 0;
}
