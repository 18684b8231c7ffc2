#include "fuzz_driver.h"

#include <cstdio>
#include <cstdlib>

namespace authing::fuzz {

namespace {

const std::set<std::string> kActionKinds = {"http",           "need",    "storage.get", "storage.set",
                                            "storage.remove", "resolve", "reject",      "event"};
const std::set<std::string> kErrorKinds = {"network", "timeout",     "http",    "api",
                                           "wechat",  "privacy",     "storage", "argument",
                                           "session", "unsupported", "runtime"};
constexpr std::string_view kSeparator = "\n--\n";

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (i + 1 < bytes.size()) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

}  // namespace

void broken(const char* promise) {
  std::fprintf(stderr, "broken promise: %s\n", promise);
  std::abort();
}

int FuzzDriver::start(std::string_view name, std::string_view args_json) {
  int op = core_.start(name, args_json, now_);
  if (op <= 0 || !started_.insert(op).second) broken("start returns a fresh operation id");
  return op;
}

void FuzzDriver::check_action(const json& action) {
  if (!action.is_object()) broken("an action is a JSON object");
  auto kind = string_member(action, "kind");
  if (!kind || kActionKinds.count(*kind) == 0) broken("an action has a known kind");
  if (*kind == "resolve" || *kind == "reject") {
    auto op = number_member(action, "op");
    if (!op || started_.count(static_cast<int>(*op)) == 0) broken("a settlement names a started operation");
    if (!settled_.insert(static_cast<int>(*op)).second) broken("an operation settles once");
  }
  if (*kind == "reject") {
    const json* error = member(action, "error");
    if (error == nullptr) broken("a rejection carries an error");
    auto error_kind = string_member(*error, "kind");
    if (!error_kind || kErrorKinds.count(*error_kind) == 0) broken("an error has a known kind");
    const json* code = member(*error, "code");
    if (code == nullptr || !(code->is_string() || code->is_number())) broken("an error has a code");
    auto message = string_member(*error, "message");
    if (!message || message->empty()) broken("an error has a message");
  }
}

void FuzzDriver::run(const std::function<Answer(const json& action)>& next_answer) {
  for (int guard = 0; guard < 10000; ++guard) {
    std::vector<Action> batch = core_.poll();
    if (batch.empty()) return;
    for (Action& typed : batch) {
      // Checked as the driver reads it: serialised, then parsed back.
      std::optional<json> parsed = parse_json(action_text(typed));
      if (!parsed) broken("an action is valid JSON");
      const json& action = *parsed;
      check_action(action);
      std::string kind = *string_member(action, "kind");
      int id = static_cast<int>(number_member(action, "id").value_or(0));
      if (kind == "storage.get") {
        auto key = string_member(action, "key").value_or("");
        auto it = storage.find(key);
        std::string value = it == storage.end() ? "\"\"" : it->second;
        core_.handle(id, R"({"value":)" + value + "}", "", now_);
      } else if (kind == "storage.set") {
        const json* value = member(action, "value");
        storage[string_member(action, "key").value_or("")] = value ? dump_json(*value) : "null";
        core_.handle(id, "{}", "", now_);
      } else if (kind == "storage.remove") {
        storage.erase(string_member(action, "key").value_or(""));
        core_.handle(id, "{}", "", now_);
      } else if (kind == "http" || kind == "need") {
        Answer answer = next_answer(action);
        now_ += 1;
        if (answer.fail) {
          core_.handle(id, answer.outcome, "", now_);
        } else if (kind == "http") {
          std::optional<json> headers = parse_json(answer.headers);
          json outcome = {{"status", answer.status}, {"headers", headers ? *headers : json::object()}};
          core_.handle(id, dump_json(outcome), answer.body, now_);
        } else {
          core_.handle(id, dump_json(json{{"value", answer.body}}), "", now_);
        }
      }
    }
  }
  broken("the core stops emitting actions");
}

void FuzzDriver::finish(const std::function<Answer(const json& action)>& next_answer) {
  run(next_answer);
  for (int round = 0; round < 8 && core_.poll_timeout() >= 0; ++round) {
    now_ = core_.poll_timeout() + 1;
    core_.handle_timeout(now_);
    run(next_answer);
  }
  if (core_.poll_timeout() >= 0) broken("deadlines run out");
  if (settled_ != started_) broken("every started operation settles");
}

std::vector<std::string_view> split_input(std::string_view input, std::size_t max) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max) {
    std::size_t at = input.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + kSeparator.size());
  }
  parts.push_back(input);
  return parts;
}

Answer read_answer(std::string_view chunk) {
  Answer answer;
  if (chunk.substr(0, 4) == "fail") {
    answer.fail = true;
    std::string_view rest = chunk.substr(std::min<std::size_t>(chunk.size(), 5));
    if (!rest.empty()) answer.outcome = std::string(rest);
    return answer;
  }
  std::size_t line = chunk.find('\n');
  std::string_view status = chunk.substr(0, line);
  answer.status = 0;
  for (char c : status.substr(0, 3)) {
    if (c < '0' || c > '9') break;
    answer.status = answer.status * 10 + (c - '0');
  }
  if (line == std::string_view::npos) return answer;
  chunk.remove_prefix(line + 1);
  std::size_t headers_end = chunk.find('\n');
  answer.headers = std::string(chunk.substr(0, headers_end));
  answer.body = headers_end == std::string_view::npos ? "" : std::string(chunk.substr(headers_end + 1));
  return answer;
}

std::string named_arguments(std::string_view op, std::string_view text) {
  std::optional<json> call = parse_json(text);
  if (!call || !call->is_array()) return std::string(text);
  for (const OperationSpec* spec : operation_table()) {
    if (spec->name != op) continue;
    json named = json::object();
    for (std::size_t i = 0; i < spec->args.size() && i < call->size(); ++i) {
      named[std::string(spec->args[i])] = (*call)[i];
    }
    return dump_json(named);
  }
  return std::string(text);
}

std::string long_lived_token(std::string_view sub, std::string_view pool) {
  json claims = {
      {"sub", sub}, {"iat", kNowMs / 1000 - 60}, {"exp", kNowMs / 1000 + 86400 * 30}, {"userpool_id", pool}};
  return base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(claims.dump()) + ".c2ln";
}

}  // namespace authing::fuzz
