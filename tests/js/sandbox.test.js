'use strict';
// The sandbox itself: it must refuse what the mini program runtime refuses,
// or the package tests run inside it would prove nothing.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const { createSandbox } = require('./support.js');
const { ABSENT_GLOBALS } = require('../../js/testing/sandbox.js');

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03, 0x02,
  0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20,
  0x01, 0x6a, 0x0b,
]);

function makeRoot(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

test('the mini program globals that do not exist do not exist', () => {
  const sandbox = createSandbox({ root: makeRoot({}), wx: {} });
  for (const name of ABSENT_GLOBALS) assert.equal(sandbox.run(`typeof ${name}`), 'undefined', name);
  assert.equal(sandbox.run('typeof WXWebAssembly'), 'object');
  assert.equal(sandbox.run('typeof wx'), 'object');
  assert.deepEqual(sandbox.run('Object.keys(WXWebAssembly).sort().join()'), 'Global,Memory,Table,instantiate');
  assert.throws(() => sandbox.run("eval('1 + 1')"), (error) => error.name === 'EvalError');
  assert.throws(() => sandbox.run("new Function('return 1')"), (error) => error.name === 'EvalError');
  const withDecoder = createSandbox({ root: makeRoot({}), wx: {}, textDecoder: true });
  assert.equal(withDecoder.run('typeof TextDecoder'), 'function');
});

test('WXWebAssembly.instantiate takes package paths only', async () => {
  const root = makeRoot({
    'lib/add.wasm': ADD_WASM,
    'lib/add.wasm.br': zlib.brotliCompressSync(ADD_WASM),
    'node_modules/x/add.wasm': ADD_WASM,
  });
  const sandbox = createSandbox({ root, wx: {} });
  const instantiate = (arg) => sandbox.run('WXWebAssembly').instantiate(arg, {});
  for (const good of ['/lib/add.wasm', 'lib/add.wasm', '/lib/add.wasm.br']) {
    const { instance } = await instantiate(good);
    assert.equal(instance.exports.add(2, 40), 42, good);
  }
  for (const bad of [ADD_WASM, 'http://x.cn/add.wasm', 'wxfile://add.wasm', '/../outside.wasm', '/lib/missing.wasm',
    '/node_modules/x/add.wasm', '/lib/add.js']) {
    await assert.rejects(instantiate(bad), String(bad).slice(0, 30));
  }
  const bare = createSandbox({ root, wx: {}, instantiateResult: 'instance' });
  const instance = await bare.run('WXWebAssembly').instantiate('/lib/add.wasm', {});
  assert.equal(instance.exports.add(1, 1), 2);
  assert.deepEqual(bare.wasmCalls, [{ path: '/lib/add.wasm' }]);
  assert.throws(() => sandbox.run('new WebAssembly.Module(new Uint8Array(8))'), /WebAssembly is not defined/);
});

test('require follows the mini program rules', () => {
  const root = makeRoot({
    'miniprogram_npm/pkg/index.js': "module.exports = { helper: require('./lib/helper'), strict: (function () { return this; })() === undefined };",
    'miniprogram_npm/pkg/lib/helper.js': "exports.value = require('../data.json').value; exports.count = (globalThis.count = (globalThis.count || 0) + 1);",
    'miniprogram_npm/pkg/data.json': '{"value": 7}',
    'miniprogram_npm/dynamic/index.js': "var name = './x'; module.exports = require(name);",
    'miniprogram_npm/alias/index.js': 'var r = require; module.exports = 1;',
    'miniprogram_npm/node/index.js': "module.exports = require('fs');",
    'miniprogram_npm/esm/index.js': 'export default 1;',
  });
  const sandbox = createSandbox({ root, wx: {} });
  const pkg = sandbox.require('pkg');
  assert.equal(pkg.helper.value, 7);
  assert.equal(pkg.strict, true, 'files run in strict mode');
  assert.equal(sandbox.require('pkg'), pkg, 'modules are cached');
  assert.equal(pkg.helper.count, 1);
  assert.throws(() => sandbox.require('dynamic'), /require variable is not allowed/);
  assert.throws(() => sandbox.require('alias'), /assigning the require function/);
  assert.throws(() => sandbox.require('node'), /module 'fs' is not defined/);
  assert.throws(() => sandbox.require('esm'), /ES module syntax/);
  assert.throws(() => sandbox.require('missing'), /module 'missing' is not defined/);
  assert.throws(() => sandbox.require('/etc/passwd'), /is not defined/);
});

test('the iOS 15 promise settles on macrotasks, the native one on microtasks', async () => {
  const script = `
    var order = [];
    setTimeout(function () { order.push('timeout'); }, 0);
    Promise.resolve(1).then(function (value) { order.push('then ' + value); });
    order.push('sync');
    setTimeout(function () {
      Promise.all([Promise.resolve(2), 3]).then(function (values) { order.push('all ' + values.join()); done(order); });
    }, 5);
  `;
  async function orderIn(promiseMode) {
    const sandbox = createSandbox({ root: makeRoot({}), wx: {}, promiseMode });
    return new Promise((resolve) => {
      sandbox.context.done = (order) => resolve([...order]);
      sandbox.run(script);
    });
  }
  assert.deepEqual(await orderIn('ios15'), ['sync', 'timeout', 'then 1', 'all 2,3']);
  assert.deepEqual(await orderIn('native'), ['sync', 'then 1', 'timeout', 'all 2,3']);
});
