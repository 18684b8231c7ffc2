#include "harness.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "authing/jwt.h"
#include "authing/rsa.h"

namespace authing::test {
namespace {

std::string base64url(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

}  // namespace

json default_options() {
  return {{"userPoolId", "pool-1"},
          {"appId", "app-1"},
          {"host", "https://core.example.cn/"},
          {"publicKey", load_fixture("rsa.json")["keys"][0]["spki"]}};
}

std::string decrypt_password(const std::string& ciphertext) {
  json key = load_fixture("rsa.json")["keys"][0];
  auto hex = [](const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2)
      out.push_back(static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16)));
    return out;
  };
  auto raw = base64url_decode(ciphertext);
  if (!raw) return "(not base64)";
  std::string block = rsa_power(*raw, hex(key["privateExponent"]), hex(key["modulus"]));
  std::size_t separator = block.find('\0', 2);
  if (block.substr(0, 2) != std::string("\x00\x02", 2) || separator == std::string::npos || separator < 10)
    return "(bad padding)";
  return block.substr(separator + 1);
}

std::string make_token_from_text(const std::string& payload) {
  return base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(payload) + ".c2lnbmF0dXJl";
}

std::string make_token(const json& claims) {
  return make_token_from_text(claims.dump());
}

std::string token_for(const std::string& sub, double iat, double lifetime) {
  return make_token({{"sub", sub}, {"iat", iat}, {"exp", iat + lifetime}, {"userpool_id", "pool-1"}});
}

json login_answer(const std::string& token) {
  return {{"code", 200}, {"message", "ok"}, {"data", {{"id", "u-1"}, {"token", token}, {"password", "h"}}}};
}

std::string fixture_body(const json& response) {
  if (response.contains("body")) return response["body"].get<std::string>();
  if (!response.contains("generate")) return response["json"].dump();
  const json& spec = response["generate"];
  if (spec["kind"] == "nested") {
    auto depth = spec["depth"].get<std::size_t>();
    std::string arrays = std::string(depth, '[') + std::string(depth, ']');
    std::string within = spec.value("within", "<nested>");
    return within.replace(within.find("<nested>"), 8, arrays);
  }
  REQUIRE(spec["kind"] == "padded");
  std::string head = R"({"code":200,"message":"ok","data":{"padding":")";
  std::string tail = R"("}})";
  auto bytes = spec["bytes"].get<std::size_t>();
  return head + std::string(bytes > head.size() + tail.size() ? bytes - head.size() - tail.size() : 0, 'a') +
         tail;
}

json load_fixture(const std::string& name) {
  std::ifstream file(std::string(AUTHING_FIXTURES_DIR) + "/" + name);
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  auto parsed = parse_json(text.str());
  REQUIRE(parsed.has_value());
  return *parsed;
}

json load_operation_cases() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(AUTHING_FIXTURES_DIR) + "/operations")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  json cases = json::array();
  for (const std::string& file : files) {
    json fixture = load_fixture("operations/" + file);
    for (json& row : fixture["cases"]) cases.push_back(std::move(row));
  }
  return cases;
}

json substitute(const json& value, const json& vars) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > 4 && text.rfind("{{", 0) == 0 && text.substr(text.size() - 2) == "}}") {
      const json* replacement = member(vars, text.substr(2, text.size() - 4));
      if (replacement != nullptr) return *replacement;
    }
    return value;
  }
  if (value.is_object()) {
    json out = json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = substitute(it.value(), vars);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(substitute(item, vars));
    return out;
  }
  return value;
}

json named_args(const std::string& op, const json& call) {
  for (const OperationSpec* spec : operation_table()) {
    if (spec->name != op) continue;
    json named = json::object();
    for (std::size_t i = 0; i < spec->args.size() && i < call.size(); ++i) {
      if (!call[i].is_null()) named[std::string(spec->args[i])] = call[i];
    }
    return named;
  }
  FAIL("no operation " << op);
  return nullptr;
}

Harness::Harness(const json& options, const std::vector<const OperationSpec*>& table)
    : core(options.dump(), table) {}

int Harness::start(const std::string& name, const json& args) { return core.start(name, dump_json(args), now); }

int Harness::call(const std::string& op, const json& call_args) {
  return start(op, named_args(op, call_args));
}

std::vector<Action> Harness::run() {
  std::vector<Action> out;
  for (std::vector<Action> batch = core.poll(); !batch.empty(); batch = core.poll()) {
    for (Action& action : batch) {
      if (auto* get = std::get_if<action::StorageGet>(&action)) {
        storage_log.push_back(action);
        if (fail_reads) {
          answer(get->id, {{"fail", {{"errMsg", "getStorageSync:fail"}}}});
        } else {
          auto it = storage.find(get->key);
          answer(get->id, {{"value", it == storage.end() ? json("") : it->second}});
        }
      } else if (auto* set = std::get_if<action::StorageSet>(&action)) {
        storage_log.push_back(action);
        bool refused = fail_writes || refuse_sets.count(set->key) > 0;
        if (!refused) storage[set->key] = *parse_json(set->value);
        answer(set->id, refused
                            ? json{{"fail", {{"errMsg", "setStorageSync:fail exceed storage max size 10MB"}}}}
                            : json::object());
      } else if (auto* remove = std::get_if<action::StorageRemove>(&action)) {
        storage_log.push_back(action);
        if (!fail_writes) storage.erase(remove->key);
        answer(remove->id,
               fail_writes ? json{{"fail", {{"errMsg", "removeStorageSync:fail"}}}} : json::object());
      } else if (auto* need = std::get_if<action::Need>(&action);
                 need != nullptr && supply_random && need->need == "wx.getRandomValues") {
        json bytes = json::array();
        for (int i = 0; i < need->params["length"].get<int>(); ++i) bytes.push_back((i * 151 + 7) % 256);
        answer(need->id, {{"value", bytes}});
      } else {
        out.push_back(std::move(action));
      }
    }
  }
  return out;
}

void Harness::answer(int action, const json& outcome) { core.handle(action, dump_json(outcome), "", now); }

void Harness::answer_http(int action, int status, const std::string& body, const json& headers) {
  core.handle(action, json{{"status", status}, {"headers", headers}}.dump(), body, now);
}

void Harness::answer_json(int action, int status, const json& body) {
  answer_http(action, status, body.dump());
}

void Harness::timeout_at(double when) {
  now = when;
  core.handle_timeout(now);
}

void Harness::store_session(const std::string& token, const json& user) {
  storage["_authing_token"] = token;
  if (!user.is_null()) storage["_authing_user"] = user;
}

std::string describe(const std::vector<Action>& actions) {
  json out = json::array();
  for (const Action& action : actions) out.push_back(*parse_json(action_text(action)));
  return dump_json(out);  // nlohmann's dump() would abort on a lone surrogate
}

bool settled(const std::vector<Action>& actions, int op) {
  for (const Action& action : actions) {
    if (auto* resolve = std::get_if<action::Resolve>(&action); resolve != nullptr && resolve->op == op)
      return true;
    if (auto* reject = std::get_if<action::Reject>(&action); reject != nullptr && reject->op == op)
      return true;
  }
  return false;
}

action::Resolve resolved(const std::vector<Action>& actions, int op) {
  INFO("op " << op << " in " << describe(actions));
  for (const auto& resolve : of_kind<action::Resolve>(actions)) {
    if (resolve.op == op) return resolve;
  }
  FAIL("not resolved");
  return {};
}

action::Reject rejected(const std::vector<Action>& actions, int op) {
  INFO("op " << op << " in " << describe(actions));
  for (const auto& reject : of_kind<action::Reject>(actions)) {
    if (reject.op == op) return reject;
  }
  FAIL("not rejected");
  return {};
}

json result_of(const std::vector<Action>& actions, int op) {
  return resolved(actions, op).result.value_or(nullptr);
}

namespace {

// Every member of `expected` is in `actual` with the same value (recursively).
bool has_subset(const json& actual, const json& expected) {
  if (!expected.is_object()) return actual == expected;
  if (!actual.is_object()) return false;
  for (const auto& [key, value] : expected.items()) {
    const json* found = member(actual, key);
    if (found == nullptr || !has_subset(*found, value)) return false;
  }
  return true;
}

}  // namespace

void check_expectation(const Harness& harness, const std::vector<Action>& actions, int op,
                       const json& expect, const std::string& body) {
  INFO("actions: " << describe(actions));
  if (expect["outcome"] == "reject") {
    Error error = rejected(actions, op).error;
    CHECK(has_subset(error.to_json(), expect["error"]));
    CHECK_FALSE(error.message.empty());
  } else {
    std::optional<json> result = resolved(actions, op).result;
    if (expect.contains("result")) CHECK(has_subset(result.value_or(nullptr), expect["result"]));
    std::string result_is = expect.value("resultIs", "");
    if (result_is == "null") CHECK(result == json(nullptr));
    if (result_is == "undefined") CHECK_FALSE(result.has_value());
    for (const json& key : expect.value("absent", json::array())) {
      CHECK(member(result.value_or(nullptr), key.get<std::string>()) == nullptr);
    }
    if (const json* path = member(expect, "resultSameAs")) {
      // The written text tells -0 from 0 and keeps infinities and lone
      // surrogates as the driver's JSON.parse will read them.
      std::optional<json> parsed = parse_json(body);
      REQUIRE(parsed.has_value());
      json same_as = std::move(*parsed);
      for (const json& key : *path) {
        const json* next = member(same_as, key.get<std::string>());
        REQUIRE(next != nullptr);
        json inner = *next;
        same_as = std::move(inner);
      }
      CHECK(dump_json(result.value_or(nullptr)) == dump_json(same_as));
    }
  }
  auto token = harness.storage.find("_authing_token");
  CHECK((token != harness.storage.end()) == expect["loggedInAfter"].get<bool>());
  if (expect.contains("tokenAfter") && token != harness.storage.end())
    CHECK(token->second == expect["tokenAfter"]);
  auto user = harness.storage.find("_authing_user");
  if (expect.contains("userIdAfter")) {
    REQUIRE(user != harness.storage.end());
    CHECK(string_member(user->second, "id") == expect["userIdAfter"].get<std::string>());
  }
  if (user != harness.storage.end()) {
    CHECK(member(user->second, "password") == nullptr);
    CHECK(member(user->second, "salt") == nullptr);
  }
}

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

std::string request_token(const action::Http& http) {
  std::string value = header(http.request, "Authorization");
  return value == "<absent>" ? "" : value.substr(7);
}

json body_of(const action::Http& http) {
  REQUIRE(http.request.body.has_value());
  auto body = parse_json(*http.request.body);
  REQUIRE(body.has_value());
  return *body;
}

}  // namespace authing::test
