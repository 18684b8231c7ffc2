'use strict';
// The driver against a scripted core: a module whose exports hand out batches
// a test writes, so the driver's side of the action protocol is held to what
// the real core may emit, including what it should never emit.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { ROOT } = require('./support.js');
const { Driver } = require(path.join(ROOT, 'js', 'driver.js'));

const INPUT_AT = 1024;
const BATCH_AT = 32768;

// `script(op)` gives the batches (objects) the core answers a call with; each
// storage outcome handed back is logged.
function scriptedModule(script) {
  const heap = new Uint8Array(65536);
  const queue = [];
  const handled = [];
  const module = {
    HEAPU8: heap,
    _authing_input: () => INPUT_AT,
    _authing_core_new: () => 8,
    _authing_core_start(core, nameBytes, argsBytes) {
      queue.push(...script(1));
      return 1;
    },
    _authing_core_handle(core, id) { handled.push(id); },
    _authing_core_handle_timeout() {},
    _authing_core_poll() {
      const text = JSON.stringify(queue.length ? queue.shift() : { deadline: -1, actions: [] });
      new DataView(heap.buffer).setUint32(BATCH_AT, text.length, true);
      for (let i = 0; i < text.length; i++) heap[BATCH_AT + 4 + i] = text.charCodeAt(i);
      return BATCH_AT;
    },
  };
  return { module, handled };
}

function withStorage(run) {
  const stored = new Map();
  global.wx = {
    setStorageSync: (key, value) => stored.set(key, JSON.parse(JSON.stringify(value))),
    getStorageSync: (key) => (stored.has(key) ? stored.get(key) : ''),
    removeStorageSync: (key) => stored.delete(key),
  };
  return run(stored).finally(() => { delete global.wx; });
}

const USER = { id: 'u-1', nickname: 'Bob' };

test('a resolve that names a write of its drain hands the caller the value that was stored', () => withStorage(async (stored) => {
  const { module, handled } = scriptedModule(() => [
    { deadline: -1, actions: [{ id: 7, kind: 'storage.set', key: '_authing_user', value: USER }] },
    { deadline: -1, actions: [{ kind: 'resolve', op: 1, resultOf: 7 }] },
  ]);
  const driver = new Driver(Promise.resolve(module), '{}', () => {});
  const result = await driver.call('getCurrentUser', '{}', null);
  assert.deepEqual(result, USER);
  assert.deepEqual(stored.get('_authing_user'), USER);
  assert.deepEqual(handled, [7]);
}));

test('a resolve that names a write the driver never performed rejects with a typed error', () => withStorage(async () => {
  const { module } = scriptedModule(() => [
    { deadline: -1, actions: [{ id: 7, kind: 'storage.set', key: '_authing_user', value: USER }] },
    { deadline: -1, actions: [{ kind: 'resolve', op: 1, resultOf: 9 }] },
  ]);
  const driver = new Driver(Promise.resolve(module), '{}', () => {});
  await assert.rejects(driver.call('getCurrentUser', '{}', null), (error) => {
    assert.equal(error.code, 'INTERNAL_ERROR');
    assert.match(error.message, /never stored/);
    return true;
  });
}));

test('a write is forgotten once its drain ends: a later resolve cannot name it', () => withStorage(async () => {
  let call = 0;
  const { module } = scriptedModule(() => (++call === 1
    ? [{ deadline: -1, actions: [{ id: 7, kind: 'storage.set', key: '_authing_user', value: USER }, { kind: 'resolve', op: 1, resultOf: 7 }] }]
    : [{ deadline: -1, actions: [{ kind: 'resolve', op: 1, resultOf: 7 }] }]));
  const driver = new Driver(Promise.resolve(module), '{}', () => {});
  assert.deepEqual(await driver.call('getCurrentUser', '{}', null), USER);
  await assert.rejects(driver.call('getCurrentUser', '{}', null), { code: 'INTERNAL_ERROR' });
}));
