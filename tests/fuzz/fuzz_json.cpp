// Any text the core parses (answers, stored values, arguments): the reader
// never crashes, refuses JSON nested deeper than the limit, and what it
// accepts dumps to text it reads back as the same value. The user
// projections of any accepted value keep what they promise: storage gets
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

void check_projections(const json& value) {
  json kept = authing::storable_user(value, "T");
  if (!value.is_object()) {
    if (!kept.is_null()) authing::fuzz::broken("only objects are stored as users");
    return;
  }
  if (authing::string_member(kept, "token") != "T") authing::fuzz::broken("a stored user has the session token");
  for (const auto& [key, field] : kept.items()) {
    if (key == authing::kIdentitiesField) {
      if (!field.is_array()) authing::fuzz::broken("stored identities are an array");
      continue;
    }
    if (!authing::is_user_field(key)) authing::fuzz::broken("only allow-listed fields are stored");
    if (key != "token" && value[key] != field) authing::fuzz::broken("a stored field is the user's own");
  }
  json returned = authing::without_secrets(value);
  if (returned.contains("password") || returned.contains("salt")) authing::fuzz::broken("callers never get secrets");
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
  if (!value) return 0;
  std::optional<json> again = authing::parse_json(authing::dump_json(*value));
  if (!again || *again != *value) authing::fuzz::broken("what is read dumps to text read back as the same value");
  check_projections(*value);
  return 0;
}
