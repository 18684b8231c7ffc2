'use strict';
// The sandbox itself: it must refuse what the mini program runtime refuses,
// or every package test run inside it would prove nothing.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const { createSandbox } = require('../../js/testing/sandbox.js');

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
]);

// (module (import "env" "f" (func (param i32) (result i32)))
//         (func (export "callf") (param i32) (result i32) local.get 0 call 0))
const IMPORT_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
  0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x09, 0x01, 0x05, 0x63, 0x61, 0x6c, 0x6c, 0x66, 0x00, 0x01,
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0x10, 0x00, 0x0b,
]);

// Written out here rather than imported, so trimming the sandbox's own list cannot make this pass.
const ABSENT = [
  'WebAssembly', 'window', 'document', 'self', 'navigator', 'location', 'fetch', 'XMLHttpRequest', 'WebSocket',
  'TextEncoder', 'TextDecoder', 'performance', 'crypto', 'process', 'Buffer', 'require', 'module', 'exports',
  '__dirname', '__filename', 'importScripts',
];

const tempDirs = [];
after(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

// A mini program root inside a temp dir; `outside` files go next to it, to
// prove escapes are refused for leaving the root, not for being missing.
function makeRoot(files = {}, outside = {}) {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-')));
  tempDirs.push(base);
  const root = path.join(base, 'miniprogram');
  fs.mkdirSync(root);
  const write = (dir, entries) => Object.entries(entries).forEach(([file, content]) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  });
  write(root, files);
  write(base, outside);
  return root;
}

// Runs code that reports through done(value) / fail(error) from inside the context.
function runAsync(sandbox, code) {
  return new Promise((resolve, reject) => {
    sandbox.context.done = resolve;
    sandbox.context.fail = reject;
    sandbox.run(code);
  });
}

test('the hand-written wasm fixtures are valid modules', () => {
  assert.equal(WebAssembly.validate(ADD_WASM), true);
  assert.equal(WebAssembly.validate(IMPORT_WASM), true);
});

test('createSandbox checks its options', () => {
  assert.throws(() => createSandbox({ root: 'relative/root' }), /absolute/);
  assert.throws(() => createSandbox({ root: makeRoot(), instantiateResult: 'both' }), /instantiateResult/);
  assert.throws(() => createSandbox({ root: makeRoot(), promiseMode: 'ios14' }), /promiseMode/);
});

test('globals the mini program runtime lacks are absent inside the context', () => {
  const sandbox = createSandbox({ root: makeRoot(), wx: {} });
  for (const name of ABSENT) {
    assert.equal(sandbox.run(`typeof ${name}`), 'undefined', name);
    assert.equal(sandbox.run(`'${name}' in globalThis`), false, name);
  }
  assert.throws(() => sandbox.run('new WebAssembly.Module(new Uint8Array(8))'), /WebAssembly is not defined/);
});

test('globals the runtime has are there, wx and console as given', () => {
  const wx = { marker: 'the wx object' };
  const log = { log() {} };
  const sandbox = createSandbox({ root: makeRoot(), wx, log });
  assert.equal(sandbox.run('wx'), wx);
  assert.equal(sandbox.run('console'), log);
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Promise']) {
    assert.equal(sandbox.run(`typeof ${name}`), 'function', name);
  }
  assert.equal(sandbox.run('globalThis === this'), true);
  assert.equal(sandbox.run('typeof WXWebAssembly'), 'object');
  assert.equal(sandbox.run('Object.keys(WXWebAssembly).sort().join()'), 'Global,Memory,Table,instantiate');
  for (const name of ['RuntimeError', 'CompileError', 'LinkError', 'Module', 'Instance', 'compile', 'validate', 'instantiateStreaming']) {
    assert.equal(sandbox.run(`typeof WXWebAssembly.${name}`), 'undefined', name);
  }
  assert.equal(sandbox.run('new WXWebAssembly.Memory({ initial: 1 }).buffer.byteLength'), 65536);
  assert.equal(sandbox.run('new WXWebAssembly.Table({ initial: 2, element: "anyfunc" }).length'), 2);
  assert.equal(sandbox.run('new WXWebAssembly.Global({ value: "i32", mutable: true }, 7).value'), 7);
  sandbox.context.fromHost = 5;
  assert.equal(sandbox.run('fromHost + 1'), 6, 'context properties are globals');
});

test('textDecoder: true adds TextDecoder and TextEncoder and nothing else', () => {
  const sandbox = createSandbox({ root: makeRoot(), wx: {}, textDecoder: true });
  assert.equal(sandbox.run('typeof TextDecoder'), 'function');
  assert.equal(sandbox.run('typeof TextEncoder'), 'function');
  for (const name of ABSENT.filter((item) => !item.startsWith('Text'))) {
    assert.equal(sandbox.run(`typeof ${name}`), 'undefined', name);
  }
  sandbox.context.text = '混合 ASCII 和中文，😀';
  assert.equal(sandbox.run('new TextDecoder().decode(new TextEncoder().encode(text)) === text'), true);
  assert.equal(sandbox.run('new TextEncoder().encode("a") instanceof Uint8Array'), true, 'bytes of the context realm');
});

test('eval and the Function constructors throw EvalError', () => {
  const sandbox = createSandbox({ root: makeRoot({ 'miniprogram_npm/codegen/index.js': "module.exports = new Function('return 1');" }), wx: {} });
  const ContextEvalError = sandbox.run('EvalError');
  const snippets = [
    "eval('1 + 1')",
    "(0, eval)('1 + 1')",
    "new Function('return 1')",
    "Function('return 1')",
    "Object.getPrototypeOf(async function () {}).constructor('return 1')",
  ];
  for (const snippet of snippets) {
    assert.throws(() => sandbox.run(snippet), (error) => error instanceof ContextEvalError, snippet);
  }
  assert.throws(() => sandbox.require('codegen'), (error) => error.name === 'EvalError');
});

test('WXWebAssembly.instantiate loads .wasm and .wasm.br, with or without a leading slash', async () => {
  const root = makeRoot({
    'lib/add.wasm': ADD_WASM,
    'lib/add.wasm.br': zlib.brotliCompressSync(ADD_WASM),
    'lib/import.wasm': IMPORT_WASM,
  });
  const sandbox = createSandbox({ root, wx: {} });
  const wxwasm = sandbox.run('WXWebAssembly');
  const paths = ['/lib/add.wasm', 'lib/add.wasm', '/lib/add.wasm.br', 'lib/add.wasm.br'];
  for (const wasmPath of paths) {
    const { instance } = await wxwasm.instantiate(wasmPath, {});
    assert.equal(instance.exports.add(2, 40), 42, wasmPath);
  }
  const { instance } = await wxwasm.instantiate('/lib/import.wasm', { env: { f: (x) => x * 3 } });
  assert.equal(instance.exports.callf(14), 42, 'imports reach the module');
  // Called from inside the context, where codeGeneration.wasm is off.
  const sum = await runAsync(sandbox, `
    WXWebAssembly.instantiate('/lib/add.wasm.br', {}).then(function (result) {
      done(result.instance.exports.add(20, 22));
    }, fail);`);
  assert.equal(sum, 42);
  assert.deepEqual(sandbox.wasmCalls, [...paths, '/lib/import.wasm', '/lib/add.wasm.br'].map((p) => ({ path: p })));
});

test('WXWebAssembly.instantiate resolves {instance, module} or a bare instance, as configured', async () => {
  const root = makeRoot({ 'add.wasm': ADD_WASM });
  const shaped = await createSandbox({ root, wx: {} }).run('WXWebAssembly').instantiate('/add.wasm', {});
  assert.deepEqual(Object.keys(shaped).sort(), ['instance', 'module']);
  assert.ok(shaped.instance instanceof WebAssembly.Instance);
  assert.ok(shaped.module instanceof WebAssembly.Module);
  const bare = await createSandbox({ root, wx: {}, instantiateResult: 'instance' }).run('WXWebAssembly').instantiate('/add.wasm', {});
  assert.ok(bare instanceof WebAssembly.Instance);
  assert.equal(bare.instance, undefined);
  assert.equal(bare.exports.add(1, 1), 2);
});

test('WXWebAssembly.instantiate rejects, asynchronously, what WeChat rejects', async () => {
  const root = makeRoot({
    'lib/add.wasm': ADD_WASM,
    'lib/add.txt': ADD_WASM,
    'lib/dir.wasm/keep': '',
    'lib/bad.wasm': Buffer.from('not wasm at all'),
    'node_modules/dep/add.wasm': ADD_WASM,
    'miniprogram_npm/pkg/node_modules/dep/add.wasm': ADD_WASM,
  }, { 'outside.wasm': ADD_WASM });
  fs.symlinkSync(path.join(path.dirname(root), 'outside.wasm'), path.join(root, 'lib', 'link.wasm'));
  fs.symlinkSync(path.join(root, 'node_modules', 'dep', 'add.wasm'), path.join(root, 'lib', 'nm-link.wasm'));
  const sandbox = createSandbox({ root, wx: {} });
  const wxwasm = sandbox.run('WXWebAssembly');
  const ContextError = sandbox.run('Error');
  const ContextPromise = sandbox.run('Promise');
  const cases = [
    [ADD_WASM, /path string/],
    [sandbox.run('new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])'), /path string/],
    [new ArrayBuffer(8), /path string/],
    [undefined, /path string/],
    ['http://example.com/add.wasm', /not support wxfile: or http: path/],
    ['https://example.com/add.wasm', /not support wxfile: or http: path/],
    ['wxfile://usr/add.wasm', /not support wxfile: or http: path/],
    ['/lib/add.txt', /only \.wasm or \.wasm\.br/],
    ['/../outside.wasm', /outside the code package/],
    ['lib/../../outside.wasm', /outside the code package/],
    ['/lib/link.wasm', /outside the code package/],
    ['/node_modules/dep/add.wasm', /node_modules is not part of the code package/],
    ['miniprogram_npm/pkg/node_modules/dep/add.wasm', /node_modules is not part of the code package/],
    ['/../missing-outside.wasm', /outside the code package/],
    ['/node_modules/dep/missing.wasm', /node_modules is not part of the code package/],
    ['/lib/nm-link.wasm', /node_modules is not part of the code package/],
    ['/lib/missing.wasm', /^WebAssembly\.instantiate: file not found: \/lib\/missing\.wasm$/],
    ['/lib/dir.wasm', /file not found/],
    ['/lib/bad.wasm', /WebAssembly\.instantiate: /],
  ];
  for (const [argument, expected] of cases) {
    let pending;
    assert.doesNotThrow(() => { pending = wxwasm.instantiate(argument, {}); }, String(argument));
    assert.ok(pending instanceof ContextPromise, 'a promise of the context realm');
    await assert.rejects(pending, (error) => {
      assert.ok(error instanceof ContextError, `${argument}: an Error of the context realm`);
      assert.match(error.message, expected, String(argument));
      return true;
    });
  }
  assert.equal(sandbox.wasmCalls.length, cases.length, 'every call is recorded');
  assert.equal(sandbox.wasmCalls[4].path, 'http://example.com/add.wasm');
  // The good path in the same root still works, so the refusals above are about the paths.
  assert.equal((await wxwasm.instantiate('/lib/add.wasm', {})).instance.exports.add(1, 2), 3);
});

test('WXWebAssembly.instantiate settles on a later macrotask, never synchronously', async () => {
  const sandbox = createSandbox({ root: makeRoot({ 'add.wasm': ADD_WASM }), wx: {} });
  const order = await runAsync(sandbox, `
    var order = [];
    setTimeout(function () { order.push('timer'); }, 0);
    WXWebAssembly.instantiate(42, {}).catch(function () { order.push('rejected'); });
    WXWebAssembly.instantiate('/add.wasm', {}).then(function () { order.push('resolved'); done(order); }, fail);
    order.push('sync');`);
  assert.deepEqual([...order], ['sync', 'timer', 'rejected', 'resolved']);
});

// Fixture modules for the loader; each refused one sets a flag first, to show it never ran.
function moduleRoot() {
  const files = {
    'miniprogram_npm/pkg/index.js': [
      "var a = require('./lib/a');",
      'module.exports = {',
      "  a: a, sameA: a === require('./lib/a.js'), json: require('./data.json'),",
      "  sub: require('pkg/lib/b'), scoped: require('@scope/tool'), scopedSub: require('@scope/tool/extra.js'),",
      '};',
    ].join('\n'),
    'miniprogram_npm/pkg/b.js': "module.exports = 'pkg/b';",
    'miniprogram_npm/pkg/lib/a.js':
      "module.exports = { b: require('./b'), up: require('../b'), loads: (globalThis.loads = (globalThis.loads || 0) + 1) };",
    'miniprogram_npm/pkg/lib/b.js': "module.exports = 'pkg/lib/b';",
    'miniprogram_npm/pkg/data.json': '{"answer": 42, "list": [1, 2]}',
    'miniprogram_npm/@scope/tool/index.js': "module.exports = 'scoped';",
    'miniprogram_npm/@scope/tool/extra.js': "module.exports = 'scoped extra';",
    'miniprogram_npm/path/index.js': "module.exports = 'a package named like a Node built-in';",
    'miniprogram_npm/bad-json/index.js': "module.exports = require('./data.json');",
    'miniprogram_npm/bad-json/data.json': '{"valid as JavaScript": 1, }',
    'miniprogram_npm/absolute/index.js': "module.exports = require('/miniprogram_npm/pkg/index.js');",
    'miniprogram_npm/escape/index.js': "module.exports = require('../../../outside.js');",
    'miniprogram_npm/from-node-modules/index.js': "module.exports = require('dep');",
    'miniprogram_npm/into-node-modules/index.js': "module.exports = require('../../node_modules/dep/index.js');",
    'miniprogram_npm/catcher/index.js':
      "try { require('fs'); } catch (error) { module.exports = error instanceof Error && error.message; }",
    'node_modules/dep/index.js': "module.exports = 'from node_modules';",
  };
  const refused = {
    'dyn-var': "var name = './x';\nrequire(name);",
    'dyn-concat': "require('./x' + '');",
    'dyn-template': 'require(`./x`);',
    'dyn-in-template': "var name = './x';\nvar s = `a ${`b ${'c'}`} d`;\nvar t = `x${require(name)}`;",
    'alias-var': 'var r = require;',
    'alias-assign': 'var r;\nr = require;',
    'alias-export': 'exports.load = require;',
    'esm-import': "import x from './x';",
    'esm-bare-import': "import './x';",
    'esm-export-default': 'export default 1;',
    'esm-export-const': 'export const a = 1;',
    'esm-export-list': 'var a = 1;\nexport { a };',
    'esm-dynamic': "module.exports = import('./x');",
    'esm-meta': 'module.exports = import.meta.url;',
  };
  for (const [name, body] of Object.entries(refused)) {
    files[`miniprogram_npm/${name}/index.js`] = `globalThis.ran = true;\n${body}`;
  }
  const builtins = ['fs', 'path', 'node:fs', 'crypto', 'zlib', 'http', 'fs/promises', 'module'];
  builtins.forEach((name, index) => {
    files[`miniprogram_npm/builtin-${index}/index.js`] = `module.exports = require('${name}');`;
  });
  const root = makeRoot(files, { 'outside.js': "module.exports = 'outside';" });
  return { root, refused, builtins };
}

test('require resolves relative paths, bare names through miniprogram_npm, and JSON as data', () => {
  const { root } = moduleRoot();
  const sandbox = createSandbox({ root, wx: {} });
  const pkg = sandbox.require('pkg');
  assert.equal(pkg.a.b, 'pkg/lib/b', './b from lib/a.js is lib/b.js');
  assert.equal(pkg.a.up, 'pkg/b', '../b from lib/a.js is pkg/b.js');
  assert.equal(pkg.sub, 'pkg/lib/b');
  assert.equal(pkg.scoped, 'scoped');
  assert.equal(pkg.scopedSub, 'scoped extra');
  assert.equal(pkg.json.answer, 42);
  assert.ok(pkg.json instanceof sandbox.run('Object'), 'JSON parsed into the context realm');
  assert.ok(pkg.json.list instanceof sandbox.run('Array'));
  assert.throws(() => sandbox.require('bad-json'), (error) => error.name === 'SyntaxError', 'JSON is parsed, never run');
});

test('a sub-package\'s own miniprogram_npm comes first, then the folders above it up to the root', () => {
  const root = makeRoot({
    'miniprogram_npm/shared/index.js': 'module.exports = "root copy";',
    'miniprogram_npm/only-root/index.js': 'module.exports = "root only";',
    'packageA/miniprogram_npm/shared/index.js': 'module.exports = "packageA copy";',
    'packageA/pages/login/login.js': 'module.exports = [require("shared"), require("only-root")];',
  });
  const sandbox = createSandbox({ root, wx: {} });
  assert.deepEqual([...sandbox.require('./packageA/pages/login/login.js')], ['packageA copy', 'root only']);
  assert.equal(sandbox.require('shared'), 'root copy');
  assert.equal(sandbox.require('shared', 'packageA/pages'), 'packageA copy');
});

test('packages stand in for Build npm: served as /miniprogram_npm/<name>/ from their own folder', async () => {
  const root = makeRoot({ 'pages/a.js': 'module.exports = require("standin");' });
  const elsewhere = makeRoot({ 'index.js': 'module.exports = require("./lib.js");', 'lib.js': 'module.exports = "stand-in";', 'core.wasm': ADD_WASM });
  const sandbox = createSandbox({ root, wx: {}, packages: { standin: elsewhere } });
  assert.equal(sandbox.require('./pages/a.js'), 'stand-in');
  assert.throws(() => sandbox.require('standin/missing'), { message: "module 'standin/missing' is not defined" });
  const { instance } = await runAsync(sandbox, 'WXWebAssembly.instantiate("/miniprogram_npm/standin/core.wasm", {}).then(done, fail);');
  assert.equal(instance.exports.add(2, 3), 5);
  assert.equal(fs.existsSync(path.join(root, 'miniprogram_npm')), false);
});

test('modules are cached per file, whatever the specifier', () => {
  const { root } = moduleRoot();
  const sandbox = createSandbox({ root, wx: {} });
  const pkg = sandbox.require('pkg');
  assert.equal(pkg.sameA, true);
  assert.equal(sandbox.require('pkg'), pkg);
  assert.equal(sandbox.require('pkg/lib/a'), pkg.a);
  assert.equal(sandbox.require('./miniprogram_npm/pkg/lib/a.js'), pkg.a);
  assert.equal(sandbox.run('loads'), 1);
  assert.notEqual(createSandbox({ root, wx: {} }).require('pkg'), pkg, 'each sandbox has its own cache');
});

test('built-ins, absolute paths, node_modules, escapes and missing files are "not defined"', () => {
  const { root, builtins } = moduleRoot();
  const sandbox = createSandbox({ root, wx: {} });
  builtins.forEach((name, index) => {
    assert.throws(() => sandbox.require(`builtin-${index}`), { message: `module '${name}' is not defined` }, name);
    assert.throws(() => sandbox.require(name), { message: `module '${name}' is not defined` }, name);
  });
  assert.throws(() => sandbox.require('absolute'), { message: "module '/miniprogram_npm/pkg/index.js' is not defined" });
  assert.throws(() => sandbox.require('escape'), { message: "module '../../../outside.js' is not defined" });
  assert.throws(() => sandbox.require('from-node-modules'), { message: "module 'dep' is not defined" });
  assert.throws(() => sandbox.require('into-node-modules'), { message: "module '../../node_modules/dep/index.js' is not defined" });
  assert.throws(() => sandbox.require('missing'), { message: "module 'missing' is not defined" });
  assert.throws(() => sandbox.require('pkg/lib/missing'), { message: "module 'pkg/lib/missing' is not defined" });
  assert.equal(sandbox.require('catcher'), "module 'fs' is not defined", 'an Error the module can catch as its own');
});

test('require takes string literals only, checked before the file runs', () => {
  const { root, refused } = moduleRoot();
  const sandbox = createSandbox({ root, wx: {} });
  const expected = (name) => {
    if (name.startsWith('dyn-')) return /Require variable is not allowed/;
    if (name.startsWith('alias-')) return /Assigning the require function/;
    if (name === 'esm-dynamic') return /dynamic import\(\)/;
    if (name === 'esm-meta') return /import\.meta/;
    return name.startsWith('esm-export') ? /export statements/ : /import statements/;
  };
  for (const name of Object.keys(refused)) {
    assert.throws(() => sandbox.require(name), (error) => {
      assert.match(error.message, expected(name), name);
      assert.match(error.message, new RegExp(`^miniprogram_npm/${name}/index\\.js:\\d+: `), name);
      return true;
    });
    assert.equal(sandbox.run('typeof ran'), 'undefined', `${name} must not run`);
  }
  assert.throws(() => sandbox.require('dyn-var'), /index\.js:3: /, 'the line of the offending call');
});

test('the static check is not fooled by strings, comments, regexes and property names', () => {
  const lookalikes = [
    '// require(name) and x = require in a comment',
    '/* import x from "y"; export default 1 */',
    "var s = 'require(name)' + \"x = require\";",
    'var t = `require(${1 + 1}) import x from "y"`;',
    'var re = /require(x)|import(y)/;',
    "var nested = `a ${`b ${'c'}`} d`;",
    'var o = { require: function (v) { return v; }, import: 1, export: 2 };',
    'var viaProperty = o.require(s);',
    'var kind = typeof require;',
    'var member = require.async;',
    "var literal = require('./two');",
    'module.exports = [s, t, re.source, nested, o.import + o.export, viaProperty, kind, typeof member, literal];',
  ].join('\n');
  const root = makeRoot({
    'miniprogram_npm/lookalikes/index.js': lookalikes,
    'miniprogram_npm/lookalikes/two.js': 'module.exports = 2;',
  });
  const result = createSandbox({ root, wx: {} }).require('lookalikes');
  assert.deepEqual([...result], [
    'require(name)x = require', 'require(2) import x from "y"', 'require(x)|import(y)', 'a b c d', 3,
    'require(name)x = require', 'function', 'undefined', 2,
  ]);
});

test('files run wrapped like the runtime wraps them: strict, browser names undefined, real filename', () => {
  const root = makeRoot({
    'miniprogram_npm/shape/index.js': [
      'module.exports = {',
      '  thisAtTop: this, thisInFunction: (function () { return this; })(),',
      '  browser: [typeof window, typeof document, typeof self, typeof location, typeof navigator, typeof frames,',
      '    typeof localStorage, typeof history, typeof Caches, typeof screen, typeof alert, typeof confirm,',
      '    typeof prompt, typeof XMLHttpRequest, typeof WebSocket],',
      '  requireType: typeof require, exportsIsModuleExports: exports === module.exports,',
      '};',
    ].join('\n'),
    'miniprogram_npm/sloppy/index.js': 'undeclared = 1;',
    'miniprogram_npm/boom/index.js': "var a = 1;\nvar b = 2;\nthrow new Error('boom ' + (a + b));",
    'miniprogram_npm/flaky/index.js': "if (globalThis.failNext) throw new Error('flaky');\nmodule.exports = 'ok';",
    'miniprogram_npm/talk/index.js': "console.log('hello from the package');",
  });
  const lines = [];
  const sandbox = createSandbox({ root, wx: {}, log: { log: (...args) => lines.push(args.join(' ')) } });
  // Globals of these names must not leak through: the wrapper's parameters shadow them.
  sandbox.run('globalThis.window = 1; globalThis.document = 1; globalThis.navigator = 1;');
  const shape = sandbox.require('shape');
  assert.equal(shape.thisAtTop, undefined);
  assert.equal(shape.thisInFunction, undefined, 'strict mode');
  assert.deepEqual([...shape.browser], new Array(15).fill('undefined'));
  assert.equal(shape.requireType, 'function');
  assert.equal(shape.exportsIsModuleExports, true);
  assert.throws(() => sandbox.require('sloppy'), (error) => error instanceof sandbox.run('ReferenceError'));
  assert.throws(() => sandbox.require('boom'), (error) => {
    assert.equal(error.message, 'boom 3');
    assert.ok(error.stack.includes(`${path.join(root, 'miniprogram_npm', 'boom', 'index.js')}:3:`), error.stack);
    return true;
  });
  sandbox.run('globalThis.failNext = true;');
  assert.throws(() => sandbox.require('flaky'), /flaky/);
  sandbox.run('globalThis.failNext = false;');
  assert.equal(sandbox.require('flaky'), 'ok', 'a failed load is not cached');
  sandbox.require('talk');
  assert.deepEqual(lines, ['hello from the package']);
});

// Exercises the Promise API; the same outcomes are expected natively and from the polyfill.
const PROMISE_API_SCRIPT = `
  var thenable = { then: function (resolve) { resolve('thenable'); } };
  var cycle = Promise.resolve().then(function () { return cycle; });
  var same = Promise.resolve(1);
  Promise.all([
    Promise.resolve(1).then(function (v) { return v + 1; }),
    Promise.reject(new Error('no')).catch(function (e) { return e.message; }),
    Promise.resolve(thenable),
    new Promise(function (resolve) { resolve(Promise.resolve('adopted')); }),
    new Promise(function (resolve) { resolve('first'); resolve('second'); }),
    Promise.resolve('kept').finally(function () { return 'ignored'; }),
    Promise.reject('why').finally(function () {}).catch(function (r) { return 'still ' + r; }),
    Promise.resolve(7).then(null).then(function (v) { return v; }),
    Promise.race([new Promise(function (r) { setTimeout(r, 20, 'slow'); }), Promise.resolve('fast')]),
    Promise.allSettled([Promise.resolve(1), Promise.reject(2)]).then(function (s) {
      return s.map(function (x) { return x.status + ':' + (x.value || x.reason); }).join();
    }),
    Promise.all([]).then(function (a) { return a.length; }),
    Promise.all([1, Promise.reject('bad'), new Promise(function () {})]).catch(function (r) { return 'all ' + r; }),
    new Promise(function () { throw new TypeError('in executor'); }).catch(function (e) { return e instanceof TypeError; }),
    cycle.catch(function (e) { return e instanceof TypeError; }),
    Promise.resolve(same) === same,
    same instanceof Promise && Object.prototype.toString.call(same),
  ]).then(done, fail);
`;
const PROMISE_API_RESULTS = [
  2, 'no', 'thenable', 'adopted', 'first', 'kept', 'still why', 7, 'fast', 'fulfilled:1,rejected:2', 0, 'all bad',
  true, true, true, '[object Promise]',
];

test('promiseMode ios15 implements the Promise API like the native one', async () => {
  for (const promiseMode of ['native', 'ios15']) {
    const sandbox = createSandbox({ root: makeRoot(), wx: {}, promiseMode });
    assert.deepEqual([...await runAsync(sandbox, PROMISE_API_SCRIPT)], PROMISE_API_RESULTS, promiseMode);
  }
  const ios15 = createSandbox({ root: makeRoot(), wx: {}, promiseMode: 'ios15' });
  assert.notEqual(ios15.run('Promise'), ios15.run('(async function () {})().constructor'), 'Promise is replaced');
});

test('promiseMode ios15 settles on macrotasks, the native Promise on microtasks', async () => {
  const script = `
    var order = [];
    setTimeout(function () { order.push('timeout'); }, 0);
    Promise.resolve(1).then(function (value) { order.push('then ' + value); });
    order.push('sync');
    setTimeout(function () { done(order); }, 30);
  `;
  const orderIn = async (promiseMode) => [...await runAsync(createSandbox({ root: makeRoot(), wx: {}, promiseMode }), script)];
  assert.deepEqual(await orderIn('native'), ['sync', 'then 1', 'timeout']);
  assert.deepEqual(await orderIn('ios15'), ['sync', 'timeout', 'then 1']);
});

test('WXWebAssembly.instantiate returns the context Promise of the current mode', async () => {
  const root = makeRoot({ 'add.wasm': ADD_WASM });
  for (const promiseMode of ['native', 'ios15']) {
    const sandbox = createSandbox({ root, wx: {}, promiseMode });
    const result = await runAsync(sandbox, `
      var pending = WXWebAssembly.instantiate('/add.wasm', {});
      pending.then(function (r) { done([pending instanceof Promise, r.instance.exports.add(4, 5)]); }, fail);`);
    assert.deepEqual([...result], [true, 9], promiseMode);
  }
});
