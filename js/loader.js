'use strict';
// Loads the wasm core once per path and shares it between clients.
//
// In a mini program the only way in is WXWebAssembly.instantiate(path), with a
// path inside the code package; "Build npm" puts this package's files under
// /miniprogram_npm/authing-wxapp-sdk/. Sub-packages and custom npm layouts move
// that folder, hence the `wasmPath` option. The module ships brotli-compressed
// (.wasm.br, which WXWebAssembly reads since base library 2.14.0). In Node the
// bytes are read from next to this file and decompressed with zlib, and the
// module is compiled synchronously: there is nothing to wait for.

var createAuthingCore = require('./authing-core.js');

var PACKAGE_NAME = 'authing-wxapp-sdk';
var WASM_FILE = 'authing-core.wasm.br';
var DEFAULT_WASM_PATH = '/miniprogram_npm/' + PACKAGE_NAME + '/' + WASM_FILE;

var modules = {};

function wxWebAssembly() {
  if (typeof WXWebAssembly !== 'undefined') return WXWebAssembly;
  var root = typeof globalThis !== 'undefined' ? globalThis : undefined;
  return root && root.WXWebAssembly;
}

function nodeModule(name) {
  if (typeof process === 'object' && process && typeof process.getBuiltinModule === 'function') {
    return process.getBuiltinModule(name);
  }
  // Older Node: module.require keeps a literal require() call out of this file,
  // which mini program tooling would try to resolve.
  return module.require(name);
}

function instantiate(wasmPath, imports) {
  var wx = wxWebAssembly();
  if (wx) return Promise.resolve(wx.instantiate(wasmPath || DEFAULT_WASM_PATH, imports));
  if (typeof __dirname === 'undefined' || typeof WebAssembly === 'undefined') {
    return Promise.reject(new Error('neither WXWebAssembly nor a Node runtime is available'));
  }
  try {
    var file = wasmPath || __dirname + '/' + WASM_FILE;
    var bytes = nodeModule('fs').readFileSync(file);
    if (/\.br$/.test(file)) bytes = nodeModule('zlib').brotliDecompressSync(bytes);
    return Promise.resolve(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));
  } catch (error) {
    return Promise.reject(error);
  }
}

function load(wasmPath) {
  var key = wasmPath || '';
  if (!modules[key]) {
    modules[key] = new Promise(function (resolve, reject) {
      createAuthingCore({
        instantiateWasm: function (imports, receive) {
          instantiate(wasmPath, imports).then(function (result) {
            // WXWebAssembly has been seen resolving both {instance, module} and a bare instance.
            receive(result && result.instance ? result.instance : result, result && result.module);
          }, reject);
          return {};
        },
        print: function () {},
        printErr: function () {},
        onAbort: function (what) { reject(new Error('the wasm core aborted: ' + what)); },
      }).then(resolve, reject);
    });
    // A failed load may be retried by a later client (for example with a corrected wasmPath).
    modules[key].catch(function () { delete modules[key]; });
  }
  return modules[key];
}

module.exports = { load: load, DEFAULT_WASM_PATH: DEFAULT_WASM_PATH };
