// Any text the core parses (answers, stored values, arguments): the core's
// reader accepts what nlohmann's parser accepts (under the depth limit) and
// builds the same values, and its writer writes nlohmann's text for them. The
// user projections of any accepted value keep what they promise: storage gets
// only the allow-listed fields and the session's token, callers get all but
// password and salt.
#include <cstdint>
#include <string>

#include "authing/json.h"
#include "authing/session.h"
#include "authing/user_fields.h"
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
  if (value.has_value() == theirs.is_discarded()) authing::fuzz::broken("both readers accept the same texts");
  if (!value) return 0;
  if (!same(*value, theirs)) authing::fuzz::broken("both readers build the same value");
  std::string written = authing::dump_json(*value);
  if (written != theirs.dump()) authing::fuzz::broken("the writer writes nlohmann's text");
  // Read back, -0 comes back unsigned: equal in value, not in kind.
  std::optional<json> again = authing::parse_json(written);
  if (!again || *again != *value) authing::fuzz::broken("what the writer writes reads back the same");
  check_projections(*value);
  return 0;
}
