// The only class that crosses the JS boundary. JSON strings go in; actions
// come out as JSON text in wasm memory (see poll). The raw method names start
// with '_' because the shim owns the public names. The core is built without
// exceptions, so nothing can be thrown across.
#include <emscripten/bind.h>

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
  // Every pending action as one JSON array, left in wasm memory: returns its
  // length in bytes (0: no actions), and batch_address() where it starts. The
  // text is ASCII only (other characters \u-escaped), so the driver reads it
  // with String.fromCharCode over whole chunks; embind's std::string return
  // decodes UTF-8 byte by byte in JS, which was the largest single cost of a
  // call in runtimes without TextDecoder. Valid until the next poll.
  int poll() {
    batch_.clear();
    for (std::string action = core_.poll(); !action.empty(); action = core_.poll()) {
      batch_.push_back(batch_.empty() ? '[' : ',');
      authing::append_ascii_json(batch_, action);
    }
    if (!batch_.empty()) batch_.push_back(']');
    return static_cast<int>(batch_.size());
  }
  int batch_address() const { return static_cast<int>(reinterpret_cast<std::uintptr_t>(batch_.data())); }
  double poll_timeout() const { return core_.poll_timeout(); }
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
      .function("_batchAddress", &WasmCore::batch_address)
      .function("_pollTimeout", &WasmCore::poll_timeout)
      .class_function("_operations", &WasmCore::operations);
}
