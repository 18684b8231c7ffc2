// The only class that crosses the JS boundary. JSON strings go in and out; the
// raw method names start with '_' because the shim owns the public names.
// The core is built without exceptions, so nothing can be thrown across.
#include <emscripten/bind.h>

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
  JsonText poll() { return core_.poll(); }
  double poll_timeout() const { return core_.poll_timeout(); }
  static JsonText operations() { return authing::Core::operations(); }

 private:
  authing::Core core_;
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
      .function("_pollTimeout", &WasmCore::poll_timeout)
      .class_function("_operations", &WasmCore::operations);
}
