// Runs inside the Emscripten factory, before the glue. Mini program runtimes
// have no `WebAssembly` global, only `WXWebAssembly` (no RuntimeError, no
// compile/validate, instantiate takes a package path). The glue needs a
// `WebAssembly` that passes its `typeof` check and can build a RuntimeError in
// abort(), so this declares a local one. The globals are read through
// globalThis: the glue's own `var WebAssembly` is hoisted over the whole
// factory, so `typeof WebAssembly` here would always see the local (WXWebAssembly
// is not redeclared, so it is read directly too).
var WebAssembly = (function () {
  var root = typeof globalThis !== 'undefined' ? globalThis : undefined;
  var native = root && root['WebAssembly'];
  if (native && typeof native.instantiate === 'function') return native;
  var wx = typeof WXWebAssembly !== 'undefined' ? WXWebAssembly : root && root['WXWebAssembly'];
  if (!wx) return undefined;
  var runtimeError = function RuntimeError(message) {
    var error = new Error(message);
    error.name = 'RuntimeError';
    return error;
  };
  return {
    Memory: wx.Memory,
    Table: wx.Table,
    Global: wx.Global,
    instantiate: function (path, imports) { return wx.instantiate(path, imports); },
    RuntimeError: runtimeError,
  };
})();
