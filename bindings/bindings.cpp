// What crosses the JS boundary: a handful of C functions over one core
// object. JSON text goes in and actions come out as JSON text, both through
// buffers in wasm memory (see authing_input and authing_core_poll). The
// functions are plain exports rather than an embind class: embind's runtime
// was two thirds of the glue and a tenth of the cold start (its type
// registrations run before the first call), for six methods that take only
// numbers. The driver (js/driver.js) owns every public name. The core is
// built without exceptions, so nothing can be thrown across.
#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "authing/core.h"

namespace {

// Inputs come as UTF-8 text that the driver writes into one buffer in wasm
// memory, back to back: authing_input(bytes) gives its address with room for
// `bytes`, and each call names the byte lengths of its parts. One buffer
// serves every core: JS is single-threaded and each call reads its input
// before it returns. The buffer only grows: answers are at most the core's
// 2 MB limit.
std::string& input_buffer() {
  static std::string buffer;
  return buffer;
}

// Bytes [offset, offset + length) of the input buffer; empty when the driver
// named bytes it never wrote (a driver bug, never the caller's).
std::string_view input_part(int offset, int length) {
  const std::string& input = input_buffer();
  if (offset < 0 || length < 0 || static_cast<std::size_t>(offset) + length > input.size()) return {};
  return std::string_view(input).substr(offset, length);
}

int address_of(const std::string& text) {
  return static_cast<int>(reinterpret_cast<std::uintptr_t>(text.data()));
}

// Writes the length of what follows the first 4 bytes of `framed` into them,
// little-endian: every output the driver reads has this shape.
void set_length_prefix(std::string& framed) {
  auto length = static_cast<std::uint32_t>(framed.size() - 4);
  for (int i = 0; i < 4; ++i) framed[i] = static_cast<char>((length >> (8 * i)) & 0xFF);
}

struct WasmCore {
  explicit WasmCore(std::string_view options) : core(options) {}

  // Every pending action and the next deadline, as one JSON object
  // {"deadline": ms or -1, "actions": [...]}. One call per batch, where a
  // string return, a count and the deadline took four. The text is ASCII only
  // (other characters \u-escaped), so the driver reads it with TextDecoder or
  // String.fromCharCode over whole chunks, never byte by byte.
  int poll() {
    batch.assign(4, '\0');
    double deadline = core.poll_timeout();
    batch += R"({"deadline":)";
    bool has_deadline = deadline >= 0 && deadline < 9e15;
    if (has_deadline) {
      authing::append_integer(batch, static_cast<long long>(std::ceil(deadline)));
    } else {
      batch += "-1";
    }
    batch += R"(,"actions":[)";
    bool first = true;
    for (std::string action = core.poll(); !action.empty(); action = core.poll()) {
      if (!first) batch.push_back(',');
      first = false;
      authing::append_ascii_json(batch, action);
    }
    batch += "]}";
    set_length_prefix(batch);
    return address_of(batch);
  }

  authing::Core core;
  std::string batch;  // valid until the next poll
};

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int authing_input(int bytes) {
  std::string& input = input_buffer();
  if (bytes > 0 && input.size() < static_cast<std::size_t>(bytes)) input.resize(bytes);
  return address_of(input);
}

// A core for the options in the input buffer. Cores live as long as the page:
// the shim shares one per set of options and never drops it.
EMSCRIPTEN_KEEPALIVE WasmCore* authing_core_new(int options_bytes) {
  return new WasmCore(input_part(0, options_bytes));
}

EMSCRIPTEN_KEEPALIVE int authing_core_start(WasmCore* core, int name_bytes, int args_bytes, double now) {
  return core->core.start(input_part(0, name_bytes), input_part(name_bytes, args_bytes), now);
}

EMSCRIPTEN_KEEPALIVE void authing_core_handle(WasmCore* core, int action, int outcome_bytes, double now) {
  core->core.handle(action, input_part(0, outcome_bytes), now);
}

EMSCRIPTEN_KEEPALIVE void authing_core_handle_http(WasmCore* core, int action, int status, int headers_bytes,
                                                   int body_bytes, double now) {
  core->core.handle_http(action, status, input_part(0, headers_bytes), input_part(headers_bytes, body_bytes),
                         now);
}

EMSCRIPTEN_KEEPALIVE void authing_core_handle_timeout(WasmCore* core, double now) {
  core->core.handle_timeout(now);
}

EMSCRIPTEN_KEEPALIVE int authing_core_poll(WasmCore* core) { return core->poll(); }

// The operation table (JSON), length-prefixed like a batch.
EMSCRIPTEN_KEEPALIVE int authing_operations() {
  static std::string table;
  table.assign(4, '\0');
  table += authing::Core::operations();
  set_length_prefix(table);
  return address_of(table);
}

}  // extern "C"
