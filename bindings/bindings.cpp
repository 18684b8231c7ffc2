// The only class that crosses the JS boundary. JSON text goes in and actions
// come out as JSON text, both through buffers in wasm memory (see input and
// poll). The raw method names start with '_' because the shim owns the
// public names. The core is built without exceptions, so nothing can be
// thrown across.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "authing/core.h"

namespace {

using JsonText = std::string;

class WasmCore {
 public:
  explicit WasmCore(const JsonText& options) : core_(options) {}

  // Inputs come as UTF-8 text that the driver writes into one buffer in wasm
  // memory, back to back: input(bytes) gives its address with room for
  // `bytes`, and each call names the byte lengths of its parts. embind's
  // std::string arguments measure and encode every string in JS char by
  // char, and allocate for each; the driver writes with TextEncoder's
  // encodeInto where the runtime has one. The buffer only grows: answers
  // are at most the core's 2 MB limit.
  int input(int bytes) {
    if (bytes > 0 && input_.size() < static_cast<std::size_t>(bytes)) input_.resize(bytes);
    return static_cast<int>(reinterpret_cast<std::uintptr_t>(input_.data()));
  }

  int start(int name_bytes, int args_bytes, double now) {
    return core_.start(input_part(0, name_bytes), input_part(name_bytes, args_bytes), now);
  }
  void handle(int action, int outcome_bytes, double now) {
    core_.handle(action, input_part(0, outcome_bytes), now);
  }
  void handle_http(int action, int status, int headers_bytes, int body_bytes, double now) {
    core_.handle_http(action, status, input_part(0, headers_bytes), input_part(headers_bytes, body_bytes),
                      now);
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
    if (has_deadline) {
      authing::append_integer(batch_, static_cast<long long>(std::ceil(deadline)));
    } else {
      batch_ += "-1";
    }
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
  // Bytes [offset, offset + length) of the input buffer; empty when the
  // driver named bytes it never wrote (a driver bug, never the caller's).
  std::string_view input_part(int offset, int length) const {
    if (offset < 0 || length < 0 || static_cast<std::size_t>(offset) + length > input_.size()) return {};
    return std::string_view(input_).substr(offset, length);
  }

  authing::Core core_;
  std::string input_;
  std::string batch_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(authing_core) {
  emscripten::class_<WasmCore>("AuthingCore")
      .constructor<const JsonText&>()
      .function("_input", &WasmCore::input)
      .function("_start", &WasmCore::start)
      .function("_handle", &WasmCore::handle)
      .function("_handleHttp", &WasmCore::handle_http)
      .function("_handleTimeout", &WasmCore::handle_timeout)
      .function("_poll", &WasmCore::poll)
      .class_function("_operations", &WasmCore::operations);
}
