// The only class that crosses the JS boundary. JSON strings go in; actions
// come out as JSON text in wasm memory (see poll). The raw method names start
// with '_' because the shim owns the public names. The core is built without
// exceptions, so nothing can be thrown across.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "authing/core.h"

namespace {

using JsonText = std::string;

class WasmCore {
 public:
  explicit WasmCore(const JsonText& options) : core_(options) {}

  int start(const std::string& operation, const JsonText& args, double now) {
    return core_.start(operation, args, now);
  }
  void handle(int action, const JsonText& outcome, double now) { core_.handle(action, outcome, now); }
  void handle_http(int action, int status, const JsonText& headers, const std::string& body, double now) {
    core_.handle_http(action, status, headers, body, now);
  }
  void handle_timeout(double now) { core_.handle_timeout(now); }
  // Every pending action and the next deadline, as one JSON object
  // {"deadline": ms or -1, "actions": [...]} left in wasm memory: returns its
  // address, where a 4-byte little-endian length precedes the text. One call
  // per batch, where a string return, a count and the deadline took four.
  // The text is ASCII only (other characters \u-escaped), so the driver reads
  // it with TextDecoder or String.fromCharCode over whole chunks; embind's
  // std::string return decodes UTF-8 byte by byte in JS, which was the
  // largest single cost of a call in runtimes without TextDecoder. Valid
  // until the next poll.
  int poll() {
    batch_.assign(4, '\0');
    double deadline = core_.poll_timeout();
    batch_ += R"({"deadline":)";
    bool has_deadline = deadline >= 0 && deadline < 9e15;
    batch_ += has_deadline ? std::to_string(static_cast<long long>(std::ceil(deadline))) : "-1";
    batch_ += R"(,"actions":[)";
    bool first = true;
    for (std::string action = core_.poll(); !action.empty(); action = core_.poll()) {
      if (!first) batch_.push_back(',');
      first = false;
      authing::append_ascii_json(batch_, action);
    }
    batch_ += "]}";
    auto length = static_cast<std::uint32_t>(batch_.size() - 4);
    for (int i = 0; i < 4; ++i) batch_[i] = static_cast<char>((length >> (8 * i)) & 0xFF);
    return static_cast<int>(reinterpret_cast<std::uintptr_t>(batch_.data()));
  }
  static JsonText operations() { return authing::Core::operations(); }

 private:
  authing::Core core_;
  std::string batch_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(authing_core) {
  emscripten::class_<WasmCore>("AuthingCore")
      .constructor<const JsonText&>()
      .function("_start", &WasmCore::start)
      .function("_handle", &WasmCore::handle)
      .function("_handleHttp", &WasmCore::handle_http)
      .function("_handleTimeout", &WasmCore::handle_timeout)
      .function("_poll", &WasmCore::poll)
      .class_function("_operations", &WasmCore::operations);
}
