// The core's JSON reader and writer against nlohmann's, on any text: both
// readers accept the same texts and build the same values, and the writer
// writes nlohmann's text for them.
#include <cstdint>
#include <string>

#include "authing/json.h"
#include "fuzz_driver.h"

namespace {

using authing::json;

// Equal, with numbers of the same kind (json's == calls 1 and 1.0 equal).
bool same(const json& a, const json& b) {
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<json> ours = authing::parse_json(text);
  if (authing::nesting_exceeds(text, authing::kMaxJsonDepth)) {
    if (ours) authing::fuzz::broken("JSON deeper than the limit is refused");
    return 0;
  }
  if (text.find('\0') != std::string_view::npos) {
    // nlohmann stops reading at a NUL byte and ignores what follows; a raw NUL
    // is never valid JSON, so the core refuses it.
    if (ours) authing::fuzz::broken("text with a NUL byte is refused");
    return 0;
  }
  json theirs = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (ours.has_value() == theirs.is_discarded()) authing::fuzz::broken("both readers accept the same texts");
  if (!ours) return 0;
  if (!same(*ours, theirs)) authing::fuzz::broken("both readers build the same value");
  std::string written = authing::dump_json(*ours);
  if (written != theirs.dump()) authing::fuzz::broken("the writer writes nlohmann's text");
  // Read back, -0 comes back unsigned: equal in value, not in kind.
  std::optional<json> again = authing::parse_json(written);
  if (!again || *again != *ours) authing::fuzz::broken("what the writer writes reads back the same");
  return 0;
}
