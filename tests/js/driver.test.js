'use strict';
// The driver against a scripted core: a module whose Core hands out the
// batches a test writes and records every outcome it is handed, so the
// driver's side of the action vocabulary (wasm/include/authing/action.h) is
// held to what the real core may emit, including what it should never emit.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { ROOT } = require('./support.js');
const { Driver } = require(path.join(ROOT, 'js', 'driver.js'));

// `script(handled)` gives the batches the core answers with, one per poll,
// given the outcomes handled so far; an empty batch ends a drain.
function scriptedModule(script) {
  const handled = [];
  let batches = [];
  function Core() {}
  Core.prototype._start = function () {
    batches = script(handled).slice();
    return 1;
  };
  Core.prototype._handle = function (id, outcomeText, bodyText) {
    const decode = (text) => (typeof text === 'string' ? text : new TextDecoder().decode(text));
    const entry = { id, outcome: JSON.parse(decode(outcomeText)) };
    if (decode(bodyText) !== '') entry.body = decode(bodyText);
    handled.push(entry);
    const more = script(handled);
    if (more.length) batches.push(...more);
  };
  Core.prototype._poll = function () {
    return new TextEncoder().encode(JSON.stringify(batches.length ? batches.shift() : []));
  };
  Core.prototype._pollTimeout = () => -1;
  Core.prototype._handleTimeout = () => {};
  return { module: { Core }, handled };
}

function withWx(wx, run) {
  global.wx = wx;
  return run().finally(() => { delete global.wx; });
}

function storageWx(stored) {
  return {
    setStorageSync: (key, value) => stored.set(key, JSON.parse(JSON.stringify(value))),
    getStorageSync: (key) => (stored.has(key) ? stored.get(key) : ''),
    removeStorageSync: (key) => stored.delete(key),
  };
}

const USER = { id: 'u-1', nickname: 'Bob' };

test('storage actions are performed at once and their outcomes handed back in order', () => {
  const stored = new Map([['_authing_token', 't.o.k']]);
  const { module, handled } = scriptedModule((seen) => (seen.length === 0 ? [[
    { id: 1, kind: 'storage.get', key: '_authing_token' },
    { id: 2, kind: 'storage.set', key: '_authing_user', value: USER },
    { id: 3, kind: 'storage.remove', key: '_authing_token' },
  ]] : seen.length === 3 ? [[{ kind: 'resolve', op: 1, result: USER }]] : []));
  return withWx(storageWx(stored), async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    assert.deepEqual(await driver.call('getCurrentUser', '{}', null), USER);
    assert.deepEqual(handled, [
      { id: 1, outcome: { value: 't.o.k' } },
      { id: 2, outcome: {} },
      { id: 3, outcome: {} },
    ]);
    assert.deepEqual(stored.get('_authing_user'), USER);
    assert.equal(stored.has('_authing_token'), false);
  });
});

test('a storage call that throws is handed back as a failure, not thrown', () => {
  const { module, handled } = scriptedModule((seen) => (seen.length === 0
    ? [[{ id: 4, kind: 'storage.set', key: 'k', value: 1 }]]
    : [[{ kind: 'resolve', op: 1 }]]));
  const wx = { setStorageSync() { const error = new Error('setStorageSync:fail exceed storage max size'); throw error; } };
  return withWx(wx, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    assert.equal(await driver.call('x', '{}', null), undefined);
    assert.deepEqual(handled, [{ id: 4, outcome: { fail: { errMsg: 'setStorageSync:fail exceed storage max size' } } }]);
  });
});

test('a need is performed by its entry in the table of needs: wx.login gives its code as the value', () => {
  const { module, handled } = scriptedModule((seen) => (seen.length === 0
    ? [[{ id: 5, kind: 'need', need: 'wx.login', params: { timeoutMs: 1234 } }]]
    : [[{ kind: 'resolve', op: 1, result: seen[0].outcome }]]));
  const calls = [];
  const wx = { login(params) { calls.push(params.timeout); setImmediate(() => params.success({ code: 'wx-code' })); } };
  return withWx(wx, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    assert.deepEqual(await driver.call('loginByCode', '{}', null), { value: 'wx-code' });
    assert.deepEqual(calls, [1234]);
    assert.deepEqual(handled.map((entry) => entry.id), [5]);
  });
});

test('a need the driver has no entry for is answered with a failure', () => {
  const { module, handled } = scriptedModule((seen) => (seen.length === 0
    ? [[{ id: 6, kind: 'need', need: 'wx.telepathy', params: {} }]]
    : [[{ kind: 'reject', op: 1, error: { kind: 'wechat', code: 'X', message: 'no', data: null } }]]));
  return withWx({}, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    await assert.rejects(driver.call('x', '{}', null), { code: 'X' });
    assert.equal(handled[0].id, 6);
    assert.match(handled[0].outcome.fail.errMsg, /no way to obtain/);
  });
});

test('an http action hands back status and headers, and the body beside them', () => {
  let request = null;
  const { module, handled } = scriptedModule((seen) => (seen.length === 0
    ? [[{ id: 7, kind: 'http', request: { method: 'POST', url: 'https://a.example/x', headers: { h: '1' }, body: '{}', timeoutMs: 50, maxBodyBytes: 10 } }]]
    : [[{ kind: 'resolve', op: 1 }]]));
  const wx = {
    request(params) {
      request = params;
      setImmediate(() => params.success({ statusCode: 201, header: { 'x-request-id': 'r' }, data: '{"a":1}' }));
    },
  };
  return withWx(wx, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    await driver.call('x', '{}', null);
    assert.deepEqual(
      { url: request.url, method: request.method, header: request.header, data: request.data, timeout: request.timeout, dataType: request.dataType },
      { url: 'https://a.example/x', method: 'POST', header: { h: '1' }, data: '{}', timeout: 50, dataType: 'text' });
    assert.deepEqual(handled, [{ id: 7, outcome: { status: 201, headers: { 'x-request-id': 'r' } }, body: '{"a":1}' }]);
  });
});

test('a body over the action\'s maxBodyBytes is kept out of the core, its size reported', () => {
  const { module, handled } = scriptedModule((seen) => (seen.length === 0
    ? [[{ id: 8, kind: 'http', request: { method: 'GET', url: 'https://a.example/', headers: {}, timeoutMs: 50, maxBodyBytes: 4 } }]]
    : [[{ kind: 'resolve', op: 1 }]]));
  const wx = { request(params) { setImmediate(() => params.success({ statusCode: 200, header: {}, data: 'x'.repeat(5) })); } };
  return withWx(wx, async () => {
    await new Driver(Promise.resolve(module), '{}', () => {}).call('x', '{}', null);
    assert.deepEqual(handled, [{ id: 8, outcome: { oversize: { status: 200, length: 5 } } }]);
  });
});

test('actions are performed in the order emitted, even when a wx API fails at once', () => {
  const order = [];
  const { module } = scriptedModule((seen) => (seen.length === 0 ? [[
    { id: 9, kind: 'http', request: { method: 'GET', url: 'https://a.example/', headers: {}, timeoutMs: 50, maxBodyBytes: 10 } },
    { kind: 'event', name: 'loginStateChange', payload: { n: 1 } },
  ]] : seen.length === 1 ? [[{ kind: 'event', name: 'loginStateChange', payload: { n: 2 } }, { kind: 'resolve', op: 1 }]] : []));
  const wx = { request() { throw new Error('request:fail the runtime refused'); } };
  return withWx(wx, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    driver.on('loginStateChange', (payload) => order.push(payload.n));
    await driver.call('x', '{}', null);
    assert.deepEqual(order, [1, 2]);
  });
});

test('an action kind the driver does not know rejects every waiting call with a typed error', () => {
  const { module } = scriptedModule(() => [[{ kind: 'teleport', op: 1 }]]);
  return withWx({}, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    await assert.rejects(driver.call('x', '{}', null), (error) => {
      assert.equal(error.kind, 'runtime');
      assert.equal(error.code, 'INTERNAL_ERROR');
      assert.match(error.message, /unknown action kind teleport/);
      return true;
    });
  });
});

test('dates are revived along own keys only: a path through __proto__ never reaches a prototype', () => {
  // JSON.parse makes __proto__ an own key, as the driver's JSON.parse of a batch does.
  const result = JSON.parse('{"__proto__":1700000000000,"custom":{"constructor":"2024-01-01T00:00:00.000Z"}}');
  const dates = [['__proto__'], ['custom', 'constructor'], ['missing', 'x'], ['custom', '__proto__', 'inherited']];
  const { module } = scriptedModule((seen) => (seen.length === 0 ? [[{ kind: 'resolve', op: 1, result, dates }]] : []));
  Object.prototype.inherited = 5;  // a value a path that followed prototypes would replace
  return withWx({}, async () => {
    const driver = new Driver(Promise.resolve(module), '{}', () => {});
    const value = await driver.call('getUdfValue', '{}', null);
    assert.ok(Object.prototype.hasOwnProperty.call(value, '__proto__'));
    assert.ok(value.__proto__ instanceof Date);
    assert.equal(value.__proto__.getTime(), 1700000000000);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.ok(value.custom.constructor instanceof Date);
    assert.equal(Object.prototype.inherited, 5);
    assert.equal(Object.prototype.polluted, undefined);
  }).finally(() => { delete Object.prototype.inherited; });
});
