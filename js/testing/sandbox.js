'use strict';
// A node:vm sandbox that behaves like the WeChat mini program JS runtime, so
// the built package is tested the way it runs on a phone:
// - no eval / new Function (codeGeneration.strings: false) and no in-context
//   wasm compilation (codeGeneration.wasm: false);
// - no WebAssembly, only a WXWebAssembly whose instantiate takes a path inside
//   the code package (.wasm or .wasm.br), never bytes or URLs;
// - none of window, document, fetch, TextDecoder, process, Buffer, ...;
// - CommonJS with literal-only require, bare names resolved through
//   miniprogram_npm/, every file wrapped the way the runtime wraps it.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');
const { builtinModules } = require('node:module');

const WRAPPER_PARAMS = [
  'require', 'module', 'exports', 'window', 'document', 'frames', 'self', 'location', 'navigator',
  'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket',
];

const ABSENT_GLOBALS = [
  'WebAssembly', 'window', 'document', 'self', 'navigator', 'location', 'fetch', 'XMLHttpRequest', 'WebSocket',
  'TextEncoder', 'TextDecoder', 'performance', 'crypto', 'process', 'Buffer', 'require', 'module', 'exports',
  '__dirname', '__filename', 'importScripts',
];

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function notDefined(specifier) {
  return new Error(`module '${specifier}' is not defined`);
}

// The checks the mini program tooling applies to source before it runs.
function checkSource(source, filename) {
  const stripped = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (literal) => (/^['"]/.test(literal) ? "'s'" : '``'));
  if (/(^|[^.\w$])require\s*\(\s*(?!'s'\s*\))/.test(stripped)) {
    throw new Error(`${filename}: require variable is not allowed (only string literals)`);
  }
  if (/(^|[^.\w$])require\s*(?:[;,)\]}]|$)/m.test(stripped.replace(/(^|[^.\w$])require\s*\(/g, '$1R('))) {
    throw new Error(`${filename}: assigning the require function to other variables is not allowed`);
  }
  if (/(^|[\n;])\s*(import\s+[\w{*'"]|export\s+(?:default|const|let|var|function|class|\{|\*))/.test(stripped)) {
    throw new Error(`${filename}: ES module syntax is not supported; ship CommonJS`);
  }
  if (/(^|[^.\w$])import\s*(\(|\.\s*meta)/.test(stripped)) {
    throw new Error(`${filename}: import() and import.meta are not supported`);
  }
}

// A Promise that settles on macrotasks (setTimeout), like the polyfill of iOS <= 15.
function makeMacrotaskPromise(setTimeoutFn) {
  function MacroPromise(executor) {
    if (!(this instanceof MacroPromise)) throw new TypeError('Promise must be called with new');
    let state = 'pending';
    let value;
    const handlers = [];
    const settle = (nextState, nextValue) => {
      if (state !== 'pending') return;
      state = nextState;
      value = nextValue;
      handlers.splice(0).forEach((handler) => setTimeoutFn(handler, 0));
    };
    const resolve = (result) => {
      if (result === this) return settle('rejected', new TypeError('Chaining cycle'));
      if (result && (typeof result === 'object' || typeof result === 'function')) {
        let then;
        try {
          then = result.then;
        } catch (error) {
          return settle('rejected', error);
        }
        if (typeof then === 'function') {
          let called = false;
          try {
            then.call(result, (next) => { if (!called) { called = true; resolve(next); } },
              (reason) => { if (!called) { called = true; settle('rejected', reason); } });
          } catch (error) {
            if (!called) settle('rejected', error);
          }
          return undefined;
        }
      }
      return settle('fulfilled', result);
    };
    this.then = (onFulfilled, onRejected) => new MacroPromise((next, fail) => {
      const run = () => {
        const callback = state === 'fulfilled' ? onFulfilled : onRejected;
        if (typeof callback !== 'function') return state === 'fulfilled' ? next(value) : fail(value);
        try {
          return next(callback(value));
        } catch (error) {
          return fail(error);
        }
      };
      if (state === 'pending') handlers.push(run);
      else setTimeoutFn(run, 0);
    });
    try {
      executor(resolve, (reason) => settle('rejected', reason));
    } catch (error) {
      settle('rejected', error);
    }
  }
  MacroPromise.prototype.catch = function (onRejected) { return this.then(undefined, onRejected); };
  MacroPromise.prototype.finally = function (callback) {
    return this.then(
      (value) => MacroPromise.resolve(callback()).then(() => value),
      (reason) => MacroPromise.resolve(callback()).then(() => { throw reason; }));
  };
  MacroPromise.resolve = (value) => (value instanceof MacroPromise ? value : new MacroPromise((resolve) => resolve(value)));
  MacroPromise.reject = (reason) => new MacroPromise((resolve, reject) => reject(reason));
  MacroPromise.all = (items) => new MacroPromise((resolve, reject) => {
    const list = Array.from(items);
    const results = new Array(list.length);
    let left = list.length;
    if (left === 0) resolve(results);
    list.forEach((item, index) => MacroPromise.resolve(item).then((value) => {
      results[index] = value;
      if (--left === 0) resolve(results);
    }, reject));
  });
  MacroPromise.race = (items) => new MacroPromise((resolve, reject) => {
    Array.from(items).forEach((item) => MacroPromise.resolve(item).then(resolve, reject));
  });
  MacroPromise.allSettled = (items) => MacroPromise.all(Array.from(items).map((item) => MacroPromise.resolve(item).then(
    (value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason }))));
  return MacroPromise;
}

function createSandbox({ root, wx, textDecoder = false, instantiateResult = 'object', promiseMode = 'native', log = console } = {}) {
  if (!root || !path.isAbsolute(root)) throw new Error('createSandbox needs an absolute root');
  const packageRoot = fs.realpathSync(root);
  const wasmCalls = [];
  const HostWebAssembly = WebAssembly;

  // Lives in the host realm, so the context's codeGeneration.wasm: false does not apply to it.
  const WXWebAssembly = {
    Memory: HostWebAssembly.Memory,
    Table: HostWebAssembly.Table,
    Global: HostWebAssembly.Global,
    instantiate(wasmPath, imports) {
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          try {
            if (typeof wasmPath !== 'string') throw new TypeError('WebAssembly.instantiate: the first argument must be a path string');
            wasmCalls.push({ path: wasmPath });
            if (/^[a-z][\w+.-]*:/i.test(wasmPath)) throw new Error('WebAssembly.instantiate: not support wxfile: or http: path');
            if (!/\.wasm(\.br)?$/.test(wasmPath)) throw new Error(`WebAssembly.instantiate: not a .wasm or .wasm.br file: ${wasmPath}`);
            const resolved = path.resolve(packageRoot, wasmPath.replace(/^\/+/, ''));
            const relative = path.relative(packageRoot, resolved);
            if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`WebAssembly.instantiate: path outside the code package: ${wasmPath}`);
            if (relative.split(path.sep).includes('node_modules')) throw new Error(`WebAssembly.instantiate: node_modules is not part of the code package: ${wasmPath}`);
            if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) throw new Error(`WebAssembly.instantiate: file not found: ${wasmPath}`);
            let bytes = fs.readFileSync(resolved);
            if (resolved.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
            HostWebAssembly.instantiate(bytes, imports).then(
              (result) => resolve(instantiateResult === 'instance' ? result.instance : { instance: result.instance, module: result.module }),
              reject);
          } catch (error) {
            reject(error);
          }
        }, 0);
      });
    },
  };

  const globals = { console: log, setTimeout, clearTimeout, setInterval, clearInterval, wx, WXWebAssembly };
  const context = vm.createContext(globals, { codeGeneration: { strings: false, wasm: false }, name: 'mini program' });
  vm.runInContext('delete globalThis.WebAssembly;', context);
  for (const name of ABSENT_GLOBALS) {
    if (name in context && name !== 'wx') delete context[name];
  }
  if (textDecoder) {
    context.TextDecoder = TextDecoder;
    context.TextEncoder = TextEncoder;
  }
  if (promiseMode === 'ios15') context.Promise = makeMacrotaskPromise(setTimeout);

  const cache = new Map();

  function resolveFile(candidate) {
    for (const file of [candidate, `${candidate}.js`, path.join(candidate, 'index.js')]) {
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
    return null;
  }

  function resolveSpecifier(specifier, fromDir) {
    if (typeof specifier !== 'string' || specifier === '') throw notDefined(String(specifier));
    if (BUILTINS.has(specifier) || specifier.startsWith('node:') || path.isAbsolute(specifier)) throw notDefined(specifier);
    const candidate = specifier.startsWith('./') || specifier.startsWith('../')
      ? path.resolve(fromDir, specifier)
      : path.join(packageRoot, 'miniprogram_npm', specifier);
    const file = resolveFile(candidate);
    const relative = file && path.relative(packageRoot, file);
    if (!file || relative.startsWith('..')) throw notDefined(specifier);
    return file;
  }

  function load(file) {
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {}, filename: file };
    cache.set(file, module);
    try {
      const source = fs.readFileSync(file, 'utf8');
      if (file.endsWith('.json')) {
        module.exports = vm.runInContext(`(${source})`, context, { filename: file });
        return module.exports;
      }
      checkSource(source, path.relative(packageRoot, file));
      const wrapper = vm.runInContext(`(function (${WRAPPER_PARAMS.join(', ')}) {"use strict";\n${source}\n})`, context, { filename: file });
      const localRequire = (specifier) => load(resolveSpecifier(specifier, path.dirname(file)));
      const browserNames = new Array(WRAPPER_PARAMS.length - 3).fill(undefined);
      wrapper.call(module.exports, localRequire, module, module.exports, ...browserNames);
    } catch (error) {
      cache.delete(file);
      throw error;
    }
    return module.exports;
  }

  return {
    context,
    wasmCalls,
    require(specifier) {
      return load(resolveSpecifier(specifier, packageRoot));
    },
    run(code) {
      return new vm.Script(code, { filename: 'sandbox-snippet.js' }).runInContext(context);
    },
  };
}

module.exports = { createSandbox, ABSENT_GLOBALS };
