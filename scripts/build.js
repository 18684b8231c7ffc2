#!/usr/bin/env node
'use strict';
// npm run build: compiles the core to wasm (CMake preset "wasm") and assembles
// dist/, which is exactly what "Build npm" copies into a mini program:
//   - index.js: the shim (js/), the core's operation table (read from the
//     module just built) and the Emscripten glue, bundled into one file and
//     minified. One file, not nine: each module a runtime resolves, reads and
//     compiles on its own cost Node about 0.2 ms of the cold start;
//   - authing-core.wasm.br, the module brotli-compressed (WXWebAssembly loads
//     .wasm.br since base library 2.14.0; Node decompresses it with zlib).
// Every step is deterministic: the same sources give the same bytes.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const wasmBuild = path.join(root, 'build', 'wasm');
// The bundle's modules; the first is its entry. Each requires the others by
// './name.js' only.
const SHIM_FILES = ['index.js', 'client.js', 'options.js', 'hosted.js', 'driver.js', 'wx-bridge.js', 'loader.js', 'errors.js'];
const GLUE = 'authing-core.js';
const WASM = 'authing-core.wasm';

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

function brotli(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

// ES5-safe output: the shim is ES5 and mini program tooling may run it as is.
async function minify(source, file) {
  const { minify: terser } = require('terser');
  const result = await terser(source, {
    ecma: 5,
    toplevel: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false, ascii_only: false },
  });
  if (!result.code) throw new Error(`terser produced nothing for ${file}`);
  return `${result.code}\n`;
}

async function readOperationTable(glueFile, wasmBytes) {
  const createAuthingCore = require(glueFile);
  const module = await createAuthingCore({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(wasmBytes, imports).then((result) => receive(result.instance));
      return {};
    },
  });
  return JSON.parse(module.Core._operations());
}

// One CommonJS module from several: each becomes a function of (module,
// exports, requireBundled) in a list, and its require('./name.js') calls
// become requireBundled(i).
// Modules keep their own 'use strict' (the glue has none). Other requires stay
// with the host's module (loader.js asks it for Node's fs and zlib).
function bundle(modules) {
  const names = Object.keys(modules);
  const definitions = names.map((name) => {
    if (/\brequireBundled\b/.test(modules[name])) throw new Error(`${name} uses the bundle's own name requireBundled`);
    const source = modules[name].replace(/\brequire\((['"])\.\/([\w.-]+)\1\)/g, (call, quote, required) => {
      const index = names.indexOf(required);
      if (index < 0) throw new Error(`${name} requires ./${required}, which is not in the bundle`);
      return `requireBundled(${index})`;
    });
    return `// ${name}\nfunction (module, exports, requireBundled) {\n${source}\n}`;
  });
  return `(function (host) {
var definitions = [
${definitions.join(',\n')}
];
var loaded = [];
function requireBundled(index) {
  var entry = loaded[index];
  if (!entry) {
    entry = loaded[index] = { exports: {}, require: function (name) { return host.require(name); } };
    definitions[index].call(entry.exports, entry, entry.exports, requireBundled);
  }
  return entry.exports;
}
host.exports = requireBundled(0);
})(module);
`;
}

// Writes dist/ from the wasm build output; returns {file: bytes}.
async function assemble(outDir = dist) {
  const wasmBytes = fs.readFileSync(path.join(wasmBuild, WASM));
  const table = await readOperationTable(path.join(wasmBuild, GLUE), wasmBytes);
  const modules = {};
  for (const file of SHIM_FILES) modules[file] = fs.readFileSync(path.join(root, 'js', file), 'utf8');
  modules['operations.js'] = `'use strict';\nmodule.exports = ${JSON.stringify(table)};`;
  modules[GLUE] = fs.readFileSync(path.join(wasmBuild, GLUE), 'utf8');

  const files = {
    'index.js': await minify(bundle(modules), 'index.js'),
    [`${WASM}.br`]: brotli(wasmBytes),
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(outDir, file), content);
  return files;
}

async function main() {
  run('cmake', ['--preset', 'wasm']);  // configure every time: preset changes must reach an existing build
  run('cmake', ['--build', '--preset', 'wasm']);
  await assemble();
  for (const file of fs.readdirSync(dist).sort()) {
    console.log(`dist/${file}  ${fs.statSync(path.join(dist, file)).size} bytes`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { assemble, readOperationTable, brotli, WASM, GLUE, wasmBuild };
