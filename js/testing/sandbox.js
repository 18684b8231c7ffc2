'use strict';
// A node:vm sandbox that behaves like the WeChat mini program JS runtime
// (shared/reference/wechat-wasm-runtime.md §2, §8), so the built package is
// tested the way it runs on a phone, not the way it runs in Node: no eval, no
// WebAssembly but a path-only WXWebAssembly, no browser or Node globals, and
// CommonJS with literal-only require resolved through miniprogram_npm/.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');
const { builtinModules } = require('node:module');
const { checkSource } = require('./check-source.js');

// The parameter list the mini program wraps every file in; the browser names
// are passed as undefined, so they stay undefined even if a global appears.
const WRAPPER_PARAMS = [
  'require', 'module', 'exports', 'window', 'document', 'frames', 'self', 'location', 'navigator',
  'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket',
];

const ABSENT_GLOBALS = [
  'WebAssembly', 'window', 'document', 'self', 'navigator', 'location', 'fetch', 'XMLHttpRequest', 'WebSocket',
  'TextEncoder', 'TextDecoder', 'performance', 'crypto', 'process', 'Buffer', 'require', 'module', 'exports',
  '__dirname', '__filename', 'importScripts',
];

const BUILTINS = new Set(builtinModules);

// iOS <= 15 Promise. Its source is compiled inside the context, so the class
// and its errors belong to the mini program's realm; it must not close over
// anything in this file. Every reaction gets its own setTimeout, the most
// pessimistic ordering a timer-based polyfill can have.
function defineMacrotaskPromise(schedule) {
  'use strict';
  const records = new WeakMap();

  function settle(record, state, value) {
    if (record.state !== 'pending') return;
    record.state = state;
    record.value = value;
    record.reactions.splice(0).forEach((reaction) => schedule(reaction, 0));
  }

  function resolvingFunctions(promise, record) {
    let done = false;
    const once = (fn) => (value) => {
      if (done) return;
      done = true;
      fn(value);
    };
    const reject = once((reason) => settle(record, 'rejected', reason));
    const resolve = once((value) => {
      if (value === promise) return settle(record, 'rejected', new TypeError('Chaining cycle detected for promise'));
      let then;
      try {
        then = value !== null && (typeof value === 'object' || typeof value === 'function') ? value.then : undefined;
      } catch (error) {
        return settle(record, 'rejected', error);
      }
      if (typeof then !== 'function') return settle(record, 'fulfilled', value);
      // Adopting a thenable is a job of its own, as in the native Promise.
      return schedule(() => {
        const inner = resolvingFunctions(promise, record);
        try {
          then.call(value, inner.resolve, inner.reject);
        } catch (error) {
          inner.reject(error);
        }
      }, 0);
    });
    return { resolve, reject };
  }

  class Promise {
    constructor(executor) {
      if (typeof executor !== 'function') throw new TypeError(`Promise resolver ${executor} is not a function`);
      const record = { state: 'pending', value: undefined, reactions: [] };
      records.set(this, record);
      const { resolve, reject } = resolvingFunctions(this, record);
      try {
        executor(resolve, reject);
      } catch (error) {
        reject(error);
      }
    }

    then(onFulfilled, onRejected) {
      const record = records.get(this);
      if (!record) throw new TypeError('Promise.prototype.then called on a non-promise');
      return new Promise((resolve, reject) => {
        const react = () => {
          const fulfilled = record.state === 'fulfilled';
          const handler = fulfilled ? onFulfilled : onRejected;
          if (typeof handler !== 'function') return (fulfilled ? resolve : reject)(record.value);
          let result;
          try {
            result = handler(record.value);
          } catch (error) {
            return reject(error);
          }
          return resolve(result);
        };
        if (record.state === 'pending') record.reactions.push(react);
        else schedule(react, 0);
      });
    }

    catch(onRejected) {
      return this.then(undefined, onRejected);
    }

    finally(onFinally) {
      if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
      return this.then(
        (value) => Promise.resolve(onFinally()).then(() => value),
        (reason) => Promise.resolve(onFinally()).then(() => { throw reason; }));
    }

    static resolve(value) {
      if (records.has(value) && value.constructor === Promise) return value;
      return new Promise((resolve) => resolve(value));
    }

    static reject(reason) {
      return new Promise((resolve, reject) => reject(reason));
    }

    static all(iterable) {
      return new Promise((resolve, reject) => {
        const items = Array.from(iterable);
        const results = new Array(items.length);
        let left = items.length;
        if (left === 0) resolve(results);
        items.forEach((item, index) => Promise.resolve(item).then((value) => {
          results[index] = value;
          left -= 1;
          if (left === 0) resolve(results);
        }, reject));
      });
    }

    static race(iterable) {
      return new Promise((resolve, reject) => {
        Array.from(iterable).forEach((item) => Promise.resolve(item).then(resolve, reject));
      });
    }

    static allSettled(iterable) {
      return Promise.all(Array.from(iterable, (item) => Promise.resolve(item).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason) => ({ status: 'rejected', reason }))));
    }
  }
  Object.defineProperty(Promise.prototype, Symbol.toStringTag, { value: 'Promise', configurable: true });
  return Promise;
}

function isInside(parent, child) {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function underNodeModules(root, file) {
  return path.relative(root, file).split(path.sep).includes('node_modules');
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// A clock the test moves: `now` is what Date.now() and new Date() give inside
// the sandbox, and stays put until the test sets it.
function createFakeClock(start = Date.UTC(2026, 11, 6, 10, 0, 0)) {
  const clock = { now: start };
  const HostDate = Date;
  clock.Date = class FakeDate extends HostDate {
    constructor(...args) {
      super(...(args.length === 0 ? [clock.now] : args));
    }

    static now() {
      return clock.now;
    }
  };
  return clock;
}

// `packages` ({name: dir}) stands in for Build npm: each package's files are
// served as if Build npm had copied dir to /miniprogram_npm/<name>/, for a
// project whose miniprogram_npm/ is not built (a test run without DevTools).
// `globals` adds the framework's globals (Page, App, getApp) to the context.
function createSandbox({
  root, wx, textDecoder = false, instantiateResult = 'object', promiseMode = 'native', log = console, clock = null,
  packages = {}, globals: extraGlobals = {},
} = {}) {
  if (typeof root !== 'string' || !path.isAbsolute(root)) throw new TypeError('createSandbox: root must be an absolute path');
  if (!['object', 'instance'].includes(instantiateResult)) throw new TypeError("createSandbox: instantiateResult is 'object' or 'instance'");
  if (!['native', 'ios15'].includes(promiseMode)) throw new TypeError("createSandbox: promiseMode is 'native' or 'ios15'");
  // Containment is checked on real paths, so a symlink cannot lead out of the package.
  const realRoot = fs.realpathSync(root);
  const npmRoot = path.join(realRoot, 'miniprogram_npm');
  // The real folders of the stand-in packages, each by the place Build npm would give it.
  const standIns = Object.entries(packages).map(([name, dir]) => ({ name, at: path.join(npmRoot, name), real: fs.realpathSync(dir) }));
  const standInOf = (file) => standIns.find((entry) => isInside(entry.at, file));
  const standInPath = (file) => {
    const entry = standInOf(file);
    return entry ? path.join(entry.real, path.relative(entry.at, file)) : file;
  };
  // Stand-in files are the code package's, wherever they really live.
  const inPackage = (file) => standIns.some((entry) => isInside(entry.real, file));
  const wasmCalls = [];
  const HostWebAssembly = WebAssembly;

  const globals = { console: log, setTimeout, clearTimeout, setInterval, clearInterval, ...extraGlobals };
  if (wx !== undefined) globals.wx = wx;
  if (clock) globals.Date = clock.Date;
  const context = vm.createContext(globals, { name: 'wechat mini program', codeGeneration: { strings: false, wasm: false } });
  vm.runInContext('delete globalThis.WebAssembly;', context);

  // Errors the code under test sees must be its own realm's, or its
  // `error instanceof Error` checks would fail here and pass on the phone.
  const realm = vm.runInContext('({ Object, Error, TypeError, JSON, Uint8Array })', context);
  const currentPromise = vm.runInContext('(function () { return Promise; })', context);
  const realmError = (message, name) => {
    const error = new realm.Error(message);
    if (name && name !== 'Error') error.name = name;
    return error;
  };

  if (textDecoder) {
    const ContextUint8Array = realm.Uint8Array;
    // Bytes come back as the context's Uint8Array, as a native encoder would return them.
    class SandboxTextEncoder extends TextEncoder {
      encode(input) {
        const bytes = super.encode(input);
        return new ContextUint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      }
    }
    globals.TextEncoder = SandboxTextEncoder;
    globals.TextDecoder = TextDecoder;
  }
  if (promiseMode === 'ios15') {
    const define = vm.runInContext(`(${defineMacrotaskPromise})`, context, { filename: 'sandbox:ios15-promise.js' });
    globals.Promise = define(setTimeout);
  }

  // --- WXWebAssembly ---------------------------------------------------------
  // Host-realm functions: the context's codeGeneration.wasm: false applies to
  // the context's own WebAssembly, not to this one, as on the phone where the
  // native runtime compiles the package's wasm.

  function locateWasm(wasmPath) {
    const refused = (why) => realmError(`WebAssembly.instantiate: ${why}`);
    if (typeof wasmPath !== 'string') {
      throw new realm.TypeError('WebAssembly.instantiate: the first argument must be a path string inside the code package');
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(wasmPath)) throw refused('not support wxfile: or http: path');
    if (!/\.wasm(?:\.br)?$/.test(wasmPath)) throw refused(`only .wasm or .wasm.br files can be instantiated: ${wasmPath}`);
    const outside = refused(`path is outside the code package: ${wasmPath}`);
    const inNodeModules = refused(`node_modules is not part of the code package: ${wasmPath}`);
    const resolved = path.resolve(realRoot, wasmPath.replace(/^\/+/, ''));
    if (!isInside(realRoot, resolved)) throw outside;
    if (underNodeModules(realRoot, resolved)) throw inNodeModules;
    const served = standInPath(resolved);
    const real = isFile(served) && fs.realpathSync(served);
    if (!real) throw refused(`file not found: ${wasmPath}`);
    if (inPackage(real)) return real;
    if (!isInside(realRoot, real)) throw outside;
    if (underNodeModules(realRoot, real)) throw inNodeModules;
    return real;
  }

  async function instantiateFromPackage(wasmPath, imports) {
    let bytes = fs.readFileSync(locateWasm(wasmPath));
    let result;
    try {
      if (wasmPath.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
      result = await HostWebAssembly.instantiate(bytes, imports);
    } catch (error) {
      throw realmError(`WebAssembly.instantiate: ${error.message}`, error.name);
    }
    if (instantiateResult === 'instance') return result.instance;
    const shaped = new realm.Object();
    shaped.instance = result.instance;
    shaped.module = result.module;
    return shaped;
  }

  const WXWebAssembly = {
    instantiate(wasmPath, imports) {
      wasmCalls.push({ path: wasmPath });
      // The context's Promise at call time, so promiseMode also governs this.
      const ContextPromise = currentPromise();
      return new ContextPromise((resolve, reject) => {
        // Settles on a later macrotask: the native call reads a file first.
        setTimeout(() => instantiateFromPackage(wasmPath, imports).then(resolve, reject), 0);
      });
    },
    Memory: HostWebAssembly.Memory,
    Table: HostWebAssembly.Table,
    Global: HostWebAssembly.Global,
  };
  globals.WXWebAssembly = WXWebAssembly;

  // --- modules ---------------------------------------------------------------

  const cache = new Map();
  const notDefined = (specifier) => realmError(`module '${specifier}' is not defined`);

  function isBuiltin(specifier) {
    return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
  }

  // Only `x.js`/`x.json` as written, or `x` + `.js`: there is no directory
  // index lookup except for a bare package name.
  function fileCandidates(base) {
    return /\.(?:js|json)$/.test(base) ? [base, `${base}.js`] : [`${base}.js`];
  }

  // A bare name is looked up in the miniprogram_npm/ of the requiring file's
  // folder and then of each folder above it up to the root, so a sub-package
  // with its own Build npm output uses its own copy first.
  function npmFolders(fromDir) {
    const folders = [];
    for (let dir = isInside(realRoot, fromDir) ? fromDir : realRoot; ; dir = path.dirname(dir)) {
      if (path.basename(dir) !== 'miniprogram_npm') folders.push(path.join(dir, 'miniprogram_npm'));
      if (dir === realRoot) return folders;
    }
  }

  // The file a require names, as a path in the code package (a stand-in
  // package's files keep the place Build npm would give them).
  function resolveModule(specifier, fromDir) {
    if (typeof specifier !== 'string' || specifier === '') throw notDefined(String(specifier));
    if (isBuiltin(specifier) || specifier.startsWith('/') || path.isAbsolute(specifier)) throw notDefined(specifier);
    const lookups = [];
    if (/^\.\.?(?:\/|$)/.test(specifier)) {
      const inStandIn = standInOf(fromDir);
      lookups.push({ candidates: fileCandidates(path.resolve(fromDir, specifier)), boundary: inStandIn ? inStandIn.at : realRoot });
    } else {
      const parts = specifier.split('/');
      const nameLength = specifier.startsWith('@') ? 2 : 1;
      for (const folder of npmFolders(fromDir)) {
        const packageDir = path.resolve(folder, ...parts.slice(0, nameLength));
        const candidates = parts.length > nameLength
          ? fileCandidates(path.resolve(packageDir, ...parts.slice(nameLength)))
          : [path.join(packageDir, 'index.js')];
        lookups.push({ candidates, boundary: folder });
      }
    }
    for (const { candidates, boundary } of lookups) {
      for (const candidate of candidates) {
        if (!isInside(boundary, candidate)) continue;
        if (standInOf(candidate)) {
          if (isFile(standInPath(candidate))) return candidate;
          continue;
        }
        if (!isFile(candidate)) continue;
        const real = fs.realpathSync(candidate);
        if (isInside(boundary, real) && !underNodeModules(realRoot, real)) return real;
      }
    }
    throw notDefined(specifier);
  }

  function load(file) {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const source = fs.readFileSync(standInPath(file), 'utf8').replace(/^\uFEFF/, '');
    const module = new realm.Object();
    module.exports = new realm.Object();
    cache.set(file, module);
    try {
      if (file.endsWith('.json')) {
        // Parsed, never evaluated, and in the context's realm.
        module.exports = realm.JSON.parse(source);
        return module.exports;
      }
      checkSource(source, path.relative(realRoot, file));
      // The prologue shares the file's first line so stack traces keep its line numbers.
      const wrapped = `(function (${WRAPPER_PARAMS.join(', ')}) {"use strict";${source}\n})`;
      const factory = vm.runInContext(wrapped, context, { filename: file });
      const localRequire = (specifier) => load(resolveModule(specifier, path.dirname(file)));
      const browserNames = new Array(WRAPPER_PARAMS.length - 3).fill(undefined);
      // `this` at module level is undocumented; undefined makes code that leans on it fail here first.
      factory.call(undefined, localRequire, module, module.exports, ...browserNames);
    } catch (error) {
      // As in Node, a file that failed to load runs again when required again.
      cache.delete(file);
      throw error;
    }
    return module.exports;
  }

  return {
    context,
    wasmCalls,
    // `from`: the folder (relative to the root) the require is written in, as
    // a page in a sub-package requires from its own folder.
    require(specifier, from = '.') {
      return load(resolveModule(specifier, path.resolve(realRoot, from)));
    },
    run(code) {
      return new vm.Script(code, { filename: 'sandbox:run.js' }).runInContext(context);
    },
  };
}

module.exports = { createSandbox, createFakeClock, checkSource, ABSENT_GLOBALS, WRAPPER_PARAMS };
