#include "harness.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

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
  return {{"userPoolId", "pool-1"}, {"appId", "app-1"}, {"host", "https://core.example.cn/"}};
}

std::string make_token(const json& claims) {
  return base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(claims.dump()) + ".c2lnbmF0dXJl";
}

std::string token_for(const std::string& sub, double iat, double lifetime) {
  return make_token({{"sub", sub}, {"iat", iat}, {"exp", iat + lifetime}, {"userpool_id", "pool-1"}});
}

std::string fixture_body(const json& response) {
  if (response.contains("body")) return response["body"].get<std::string>();
  if (!response.contains("generate")) return response["json"].dump();
  const json& spec = response["generate"];
  if (spec["kind"] == "nested") {
    auto depth = spec["depth"].get<std::size_t>();
    return std::string(depth, '[') + std::string(depth, ']');
  }
  REQUIRE(spec["kind"] == "padded");
  std::string head = R"({"code":200,"message":"ok","data":{"padding":")";
  std::string tail = R"("}})";
  auto bytes = spec["bytes"].get<std::size_t>();
  return head + std::string(bytes > head.size() + tail.size() ? bytes - head.size() - tail.size() : 0, 'a') + tail;
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

Harness::Harness(const json& options) : core(options.dump()) {}

int Harness::start(const std::string& name, const json& args) { return core.start(name, args.dump(), now); }

std::vector<json> Harness::run() {
  std::vector<json> out;
  std::map<int, json> written_values;
  for (std::string text = core.poll(); !text.empty(); text = core.poll()) {
    json action = *parse_json(text);
    std::string kind = action["kind"];
    if (kind == "resolve" && action.contains("resultOf")) {
      // As the driver does: the result is the value of a write of this run.
      auto written = written_values.find(action["resultOf"].get<int>());
      REQUIRE(written != written_values.end());
      action["result"] = written->second;
      action["resolvedFromWrite"] = true;
    }
    if (kind.rfind("storage.", 0) != 0) {
      out.push_back(action);
      continue;
    }
    storage_log.push_back(action);
    int id = action["id"];
    if (kind == "storage.set") written_values[id] = action["value"];
    std::string key = action["key"];
    if (kind == "storage.get") {
      if (fail_reads) {
        core.handle(id, R"({"fail":{"errMsg":"getStorageSync:fail"}})", now);
      } else {
        auto it = storage.find(key);
        core.handle(id, json{{"value", it == storage.end() ? json("") : it->second}}.dump(), now);
      }
    } else if (fail_writes) {
      core.handle(id, R"({"fail":{"errMsg":"setStorageSync:fail exceed storage max size 10MB"}})", now);
    } else {
      if (kind == "storage.set")
        storage[key] = action["value"];
      else
        storage.erase(key);
      core.handle(id, "{}", now);
    }
  }
  return out;
}

void Harness::answer(int action, const json& outcome) { core.handle(action, outcome.dump(), now); }

void Harness::answer_http(int action, int status, const std::string& body, const json& headers) {
  core.handle_http(action, status, headers.dump(), body, now);
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

std::vector<json> of_kind(const std::vector<json>& actions, const std::string& kind) {
  std::vector<json> out;
  for (const json& action : actions) {
    if (action.value("kind", "") == kind) out.push_back(action);
  }
  return out;
}

json only(const std::vector<json>& actions, const std::string& kind) {
  auto matching = of_kind(actions, kind);
  INFO("actions: " << json(actions).dump());
  REQUIRE(matching.size() == 1);
  return matching.front();
}

json settlement(const std::vector<json>& actions, int op) {
  for (const json& action : actions) {
    std::string kind = action.value("kind", "");
    if ((kind == "resolve" || kind == "reject") && action.value("op", 0) == op) return action;
  }
  return nullptr;
}

}  // namespace authing::test
