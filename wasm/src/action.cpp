#include "authing/action.h"

#include "authing/overloaded.h"

namespace authing {
namespace {

json request_json(HttpRequest request) {
  json headers = json::object();
  for (auto& [name, value] : request.headers) headers[name] = std::move(value);
  json out = {{"method", std::move(request.method)},
              {"url", std::move(request.url)},
              {"headers", std::move(headers)},
              {"timeoutMs", request.timeout_ms},
              {"maxBodyBytes", kMaxResponseBytes}};
  if (request.body) out["body"] = std::move(*request.body);
  return out;
}

}  // namespace

std::string_view kind_of(const Action& action) {
  return std::visit(Overloaded{
                        [](const action::Http&) { return std::string_view("http"); },
                        [](const action::Need&) { return std::string_view("need"); },
                        [](const action::StorageGet&) { return std::string_view("storage.get"); },
                        [](const action::StorageSet&) { return std::string_view("storage.set"); },
                        [](const action::StorageRemove&) { return std::string_view("storage.remove"); },
                        [](const action::Resolve&) { return std::string_view("resolve"); },
                        [](const action::Reject&) { return std::string_view("reject"); },
                        [](const action::Event&) { return std::string_view("event"); },
                    },
                    action);
}

json to_json(Action action) {
  json out = {{"kind", kind_of(action)}};
  std::visit(Overloaded{
                 [&](action::Http& http) {
                   out["id"] = http.id;
                   out["request"] = request_json(std::move(http.request));
                 },
                 [&](action::Need& need) {
                   out["id"] = need.id;
                   out["need"] = std::move(need.need);
                   out["params"] = std::move(need.params);
                 },
                 [&](action::StorageGet& get) {
                   out["id"] = get.id;
                   out["key"] = std::move(get.key);
                 },
                 [&](action::StorageSet& set) {
                   out["id"] = set.id;
                   out["key"] = std::move(set.key);
                   out["value"] = std::move(set.value);
                 },
                 [&](action::StorageRemove& remove) {
                   out["id"] = remove.id;
                   out["key"] = std::move(remove.key);
                 },
                 [&](action::Resolve& resolve) {
                   out["op"] = resolve.op;
                   if (resolve.result) out["result"] = std::move(*resolve.result);
                 },
                 [&](action::Reject& reject) {
                   out["op"] = reject.op;
                   out["error"] = reject.error.to_json();
                 },
                 [&](action::Event& event) {
                   out["name"] = std::move(event.name);
                   out["payload"] = std::move(event.payload);
                 },
             },
             action);
  return out;
}

}  // namespace authing
