// The core's JSON reader and writer against nlohmann's, on any text: both
// readers accept the same texts and build the same values, and the writer
// writes nlohmann's text for them. JsonView accepts the same texts too, and
// the user projections written from its spans keep what a tree would keep.
#include <cstdint>
#include <string>

#include "authing/json.h"
#include "authing/json_view.h"
#include "authing/session.h"
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

// Checks the projections written from the spans of `view` against `tree`.
void check_projections(authing::JsonView view, const json& tree) {
  std::string kept_id;
  std::optional<json> kept = authing::parse_json(authing::storable_user_text(view, "T", &kept_id));
  if (!kept) authing::fuzz::broken("a stored user is valid JSON");
  if (!tree.is_object()) {
    if (!kept->is_null()) authing::fuzz::broken("only objects are stored as users");
    return;
  }
  if (!kept->is_object() || (*kept)["token"] != "T") authing::fuzz::broken("a stored user has the session token");
  if (kept->contains("password") || kept->contains("salt")) authing::fuzz::broken("no secrets are stored");
  const json* id = authing::member(tree, "id");
  if (kept_id != (id != nullptr && id->is_string() ? id->get<std::string>() : "")) {
    authing::fuzz::broken("the stored user's id is the user's string id");
  }
  for (const auto& [key, value] : kept->items()) {
    if (key != "token" && key != "identities" && (!tree.contains(key) || !same(tree[key], value))) {
      authing::fuzz::broken("a stored field is the user's own");
    }
  }
  json expected = tree;
  expected.erase("password");
  expected.erase("salt");
  std::optional<json> returned = authing::parse_json(authing::without_secrets_text(view));
  if (!returned || !same(*returned, expected)) authing::fuzz::broken("callers get the user but its secrets");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<json> ours = authing::parse_json(text);
  std::optional<authing::JsonView> view = authing::JsonView::of(text);
  if (view.has_value() != ours.has_value()) authing::fuzz::broken("JsonView accepts what the reader accepts");
  if (view) check_projections(*view, *ours);
  authing::ContainerEnds ends;
  std::optional<authing::JsonView> recorded = authing::JsonView::of(text, &ends);
  if (recorded.has_value() != view.has_value()) authing::fuzz::broken("recording containers changes no verdict");
  if (recorded) check_projections(*recorded, *ours);
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
