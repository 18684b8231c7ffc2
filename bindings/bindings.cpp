// What crosses the JS boundary: one embind class over the core, with JSON
// text in and out. The raw method names start with '_' so that they never
// read as the public API; the driver (js/driver.js) owns every public name.
// The core is built without exceptions, so nothing can be thrown across.
#include <emscripten/bind.h>

#include <string>

#include "authing/core.h"

namespace {

class CoreBinding {
 public:
  explicit CoreBinding(const std::string& options) : core_(options) {}

  int start(const std::string& name, const std::string& args, double now) { return core_.start(name, args, now); }
  void handle(int action, const std::string& outcome, double now) { core_.handle(action, outcome, now); }
  void handle_timeout(double now) { core_.handle_timeout(now); }
  void cancel(int op) { core_.cancel(op); }

  // Every action emitted since the last poll, as one JSON array: one crossing
  // and one JSON.parse per batch.
  std::string poll() {
    authing::json batch = authing::json::array();
    for (authing::Action& action : core_.poll()) batch.push_back(authing::to_json(std::move(action)));
    return authing::dump_json(batch);
  }
  double poll_timeout() const { return core_.poll_timeout(); }

  static std::string operations() { return authing::Core::operations(); }

 private:
  authing::Core core_;
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
