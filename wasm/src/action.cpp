#include "authing/action.h"

#include "authing/overloaded.h"

namespace authing {
namespace {

void write_request(ObjectWriter& out, const HttpRequest& request) {
  out.string("method", request.method).string("url", request.url).object("headers");
  for (const auto& [name, value] : request.headers) out.string(name, value);
  out.end().number("timeoutMs", request.timeout_ms).number("maxBodyBytes", kMaxResponseBytes);
  if (request.body) out.string("body", *request.body);
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

void append_action(std::string& out, const Action& action) {
  ObjectWriter writer(out);
  writer.string("kind", kind_of(action));
  std::visit(Overloaded{
                 [&](const action::Http& http) {
                   writer.number("id", http.id).object("request");
                   write_request(writer, http.request);
                   writer.end();
                 },
                 [&](const action::Need& need) {
                   writer.number("id", need.id).string("need", need.need).value("params", need.params);
                 },
                 [&](const action::StorageGet& get) { writer.number("id", get.id).string("key", get.key); },
                 [&](const action::StorageSet& set) {
                   writer.number("id", set.id).string("key", set.key).raw("value", set.value);
                 },
                 [&](const action::StorageRemove& remove) {
                   writer.number("id", remove.id).string("key", remove.key);
                 },
                 [&](const action::Resolve& resolve) {
                   writer.number("op", resolve.op);
                   if (resolve.result) writer.value("result", *resolve.result);
                   if (!resolve.dates.is_null()) writer.value("dates", resolve.dates);
                 },
                 [&](const action::Reject& reject) {
                   writer.number("op", reject.op).value("error", reject.error.to_json());
                 },
                 [&](const action::Event& event) {
                   writer.string("name", event.name).value("payload", event.payload);
                 },
             },
             action);
  writer.end();
}

std::string action_text(const Action& action) {
  std::string out;
  append_action(out, action);
  return out;
}

}  // namespace authing
