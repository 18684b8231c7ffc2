// What crosses the JS boundary: one embind class over the core, with JSON
// text in and out. The raw method names start with '_' so that they never
// read as the public API; the driver (js/driver.js) owns every public name.
// The core is built without exceptions, so nothing can be thrown across.
//
// Text crosses as UTF-8 bytes where it is large: the driver may pass a
// Uint8Array for a std::string, and poll hands back a view of the batch's
// bytes. This Emscripten converts std::string text in JavaScript, character
// by character, which cost more than the core's own work for an answer
// (docs/performance.md); TextEncoder and TextDecoder do it natively where
// the runtime has them.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "authing/core.h"

namespace {

class CoreBinding {
 public:
  explicit CoreBinding(const std::string& options) : core_(options) {}

  int start(const std::string& name, const std::string& args, double now) {
    return core_.start(name, args, now);
  }
  void handle(int action, const std::string& outcome, const std::string& body, double now) {
    core_.handle(action, outcome, body, now);
  }
  void handle_timeout(double now) { core_.handle_timeout(now); }
  void cancel(int op) { core_.cancel(op); }

  // Every action emitted since the last poll, as the UTF-8 bytes of one JSON
  // array: one crossing and one JSON.parse per batch. The view is valid until
  // the next call into the core.
  emscripten::val poll() {
    batch_.assign("[");
    for (const authing::Action& action : core_.poll()) {
      if (batch_.size() > 1) batch_.push_back(',');
      authing::append_action(batch_, action);
    }
    batch_.push_back(']');
    return emscripten::val(
        emscripten::typed_memory_view(batch_.size(), reinterpret_cast<const unsigned char*>(batch_.data())));
  }
  double poll_timeout() const { return core_.poll_timeout(); }

  static std::string operations() { return authing::Core::operations(); }

 private:
  authing::Core core_;
  std::string batch_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(authing_core) {
  emscripten::class_<CoreBinding>("Core")
      .constructor<const std::string&>()
      .function("_start", &CoreBinding::start)
      .function("_handle", &CoreBinding::handle)
      .function("_handleTimeout", &CoreBinding::handle_timeout)
      .function("_cancel", &CoreBinding::cancel)
      .function("_poll", &CoreBinding::poll)
      .function("_pollTimeout", &CoreBinding::poll_timeout)
      .class_function("_operations", &CoreBinding::operations);
}
