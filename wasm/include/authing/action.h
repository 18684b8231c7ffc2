// The one vocabulary of actions the core emits, and its one serializer.
//
// The driver (js/driver.js) mirrors it as a table of handlers, kind ->
// function. Actions with an `id` expect an outcome through Core::handle:
//
//   http            {id, kind, request: {method, url, headers, body?, timeoutMs, maxBodyBytes}}
//                   -> {status, headers} with the body beside it | {fail: {errMsg, errno?}}
//                      | {oversize: {status, length}}
//   need            {id, kind, need, params}         -> {value} | {fail}
//   storage.get     {id, kind, key}                  -> {value} | {fail}
//   storage.set     {id, kind, key, value}           -> {} | {fail}
//   storage.remove  {id, kind, key}                  -> {} | {fail}
//   resolve         {kind, op, result?}              (no result: undefined)
//   reject          {kind, op, error: {kind, code, message, data, statusCode?, apiCode?, requestId?}}
//   event           {kind, name, payload}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "authing/error.h"
#include "authing/http.h"
#include "authing/json.h"

namespace authing {
namespace action {

struct Http {
  int id = 0;
  HttpRequest request;
};
struct Need {
  int id = 0;
  std::string need;
  json params = json::object();
};
struct StorageGet {
  int id = 0;
  std::string key;
};
struct StorageSet {
  int id = 0;
  std::string key;
  std::string value;  // JSON text
};
struct StorageRemove {
  int id = 0;
  std::string key;
};
struct Resolve {
  int op = 0;
  std::optional<json> result;
  json dates = nullptr;  // Settled::dates: paths in result the shim turns into Date objects
};
struct Reject {
  int op = 0;
  Error error;
};
struct Event {
  std::string name;
  json payload;
};

}  // namespace action

using Action = std::variant<action::Http, action::Need, action::StorageGet, action::StorageSet,
                            action::StorageRemove, action::Resolve, action::Reject, action::Event>;

// The action's `kind` as the driver's table names it.
std::string_view kind_of(const Action& action);

// Appends the action's JSON text, as the driver reads it.
void append_action(std::string& out, const Action& action);
// The same, on its own.
std::string action_text(const Action& action);

}  // namespace authing
