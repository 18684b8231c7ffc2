'use strict';
// The testing kit itself: the dev server behaves like Authing and WeChat where
// the SDK's tests rely on it, the fake wx like the real API, and the fuzz
// targets start from what the shared fixtures hold.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ROOT, startDevServer, createFakeWx } = require('./support.js');

function call(wx, params) {
  return new Promise((resolve) => {
    wx.request({ ...params, success: (res) => resolve({ ok: true, res }), fail: (err) => resolve({ ok: false, err }) });
  });
}

function post(wx, server, path, body, token) {
  const header = { 'content-type': 'application/json', 'x-authing-userpool-id': server.userPoolId };
  if (token) header.Authorization = `Bearer ${token}`;
  return call(wx, { url: `${server.url}${path}`, method: 'POST', header, data: JSON.stringify(body) });
}

const AUTH = '/connections/social/wechat-miniprogram/auth';

test('the dev server plays WeChat and Authing', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const wx = createFakeWx({ server: server.url, openid: 'o-kit' });

  await t.test('a wx.login code works once, then is refused as used; a made-up code as invalid', async () => {
    const { code } = await wx.login();
    const first = await post(wx, server, AUTH, { code });
    assert.equal(first.res.data.code, 200);
    assert.equal(typeof first.res.data.data.token, 'string');
    assert.equal(typeof first.res.data.data.password, 'string', 'the server leaks a hash, as real ones do');
    assert.equal((await post(wx, server, AUTH, { code })).res.data.code, 40163);
    assert.equal((await post(wx, server, AUTH, { code: 'made-up' })).res.data.code, 40029);
  });

  await t.test('wx.login after the phone button rotates the session_key: the phone data no longer opens', async () => {
    const { code } = await wx.login();
    const sealed = await wx.__getPhoneNumberDetail('13700000000');
    await wx.login();
    const { code: later } = await wx.login();
    const stale = await post(wx, server, '/connections/social/wechat-miniprogram/getphone', { code: later, ...sealed });
    assert.equal(stale.res.data.code, 2016);
    assert.ok(code);
  });

  await t.test('tokens expire on the server clock, and logout revokes them', async () => {
    const { code } = await wx.login();
    const { token } = (await post(wx, server, AUTH, { code })).res.data.data;
    const status = async (checked) => (await post(wx, server, '/graphql/v2', {
      query: 'query checkLoginStatus($token: String) { checkLoginStatus(token: $token) { status code } }',
      variables: { token: checked },
    })).res.data.data.checkLoginStatus;
    assert.deepEqual(await status(token), { status: true, code: 200 });
    const logout = await call(wx, {
      url: `${server.url}/api/v2/logout?app_id=${server.appId}`,
      header: { 'x-authing-userpool-id': server.userPoolId, Authorization: `Bearer ${token}` },
    });
    assert.equal(logout.res.data.code, 200);
    assert.deepEqual(await status(token), { status: false, code: 2206 });
    const other = server.issueToken(server.users()[0].id, { ttlSeconds: 60 });
    server.advanceClock(61);
    assert.deepEqual(await status(other), { status: false, code: 2206 });
    assert.deepEqual(await status('a.b.c'), { status: false, code: 2207 });
  });

  await t.test('GraphQL answers only the selected fields, and both error shapes exist', async () => {
    server.reset();
    const { code } = await wx.login();
    const { token } = (await post(wx, server, AUTH, { code })).res.data.data;
    const user = await post(wx, server, '/graphql/v2', { query: '{ user { id nickname identities { provider } } }' }, token);
    assert.deepEqual(Object.keys(user.res.data.data.user), ['id', 'nickname', 'identities']);
    assert.deepEqual(user.res.data.data.user.identities, [{ provider: 'wechat:miniprogram:default' }]);
    const unknown = await post(wx, server, '/graphql/v2', { query: '{ user { id secret } }' }, token);
    assert.equal(unknown.res.statusCode, 400);
    assert.equal(typeof unknown.res.data.errors[0].message, 'string');
    const anonymous = await post(wx, server, '/graphql/v2', { query: '{ user { id } }' });
    assert.deepEqual(anonymous.res.data.errors[0].message, { code: 2020, message: '尚未登录，无访问权限', data: null });
  });

  await t.test('without the user pool header, a bearer token names the pool; without either, or with another pool, 2224', async () => {
    server.reset();
    const { code } = await wx.login();
    const { token, id } = (await post(wx, server, AUTH, { code })).res.data.data;
    const query = (header) => call(wx, {
      url: `${server.url}/graphql/v2`, method: 'POST', header, data: JSON.stringify({ query: '{ user { id } }' }),
    });
    assert.deepEqual((await query({ Authorization: `Bearer ${token}` })).res.data, { data: { user: { id } } });
    const refused = { code: 2224, message: '用户池不存在', data: null };
    assert.deepEqual((await query({})).res.data, refused);
    assert.deepEqual((await query({ Authorization: `Bearer ${token.slice(0, -2)}xx` })).res.data, refused);
    assert.deepEqual((await query({ 'x-authing-userpool-id': 'other', Authorization: `Bearer ${token}` })).res.data, refused);
  });

  await t.test('faults answer instead of the handler: status and body, a destroyed socket, a hang', async () => {
    server.fault({ path: AUTH, status: 502, body: '<html>bad gateway</html>' });
    const html = await post(wx, server, AUTH, {});
    assert.equal(html.res.statusCode, 502);
    assert.equal(html.res.data, '<html>bad gateway</html>');
    server.fault({ path: AUTH, destroy: true });
    const destroyed = await post(wx, server, AUTH, {});
    assert.equal(destroyed.ok, false);
    assert.equal(destroyed.err.errno, 600001);
    server.fault({ path: AUTH, hang: true });
    const hung = await call(wx, { url: `${server.url}${AUTH}`, method: 'POST', data: '{}', timeout: 100 });
    assert.deepEqual(hung.err, { errMsg: 'request:fail timeout', errno: 5 });
    assert.equal(server.requests().at(-1).path, AUTH);
  });

  await t.test('a fault with only delayMs lets the real answer through, late', async () => {
    const anonymous = { code: 2020, message: '尚未登录，无访问权限', data: null };
    server.fault({ path: '/graphql/v2', delayMs: 150 });
    const started = process.hrtime.bigint();
    const late = await post(wx, server, '/graphql/v2', { query: '{ user { id } }' });
    assert.ok(process.hrtime.bigint() - started >= 140_000_000n, 'the answer was held back');
    assert.deepEqual(late.res.data.errors[0].message, anonymous);
  });
});

test('the fake wx keeps to the real API\'s shapes', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const storage = new Map();
  const wx = createFakeWx({ server: server.url, storage });

  const refused = await call(wx, { url: 'https://core.authing.cn/graphql/v2' });
  assert.deepEqual(refused.err, { errMsg: 'request:fail url not in domain list', errno: 600002 });

  assert.equal(wx.getStorageSync('missing'), '');
  const date = new Date(0);
  wx.setStorageSync('k', { at: date, list: [1] });
  assert.deepEqual(wx.getStorageSync('k'), { at: '1970-01-01T00:00:00.000Z', list: [1] });
  assert.deepEqual(createFakeWx({ server: server.url, storage }).getStorageSync('k').list, [1], 'storage outlives a run');
  wx.__faults.storageFull = true;
  assert.throws(() => wx.setStorageSync('k', 1), /exceed storage max size/);
  await assert.rejects(wx.setStorage({ key: 'k', data: 1 }), (error) => /exceed/.test(error.errMsg));
  wx.removeStorageSync('k');
  assert.equal(wx.getStorageSync('k'), '');

  const promised = await wx.login();
  assert.match(promised.code, /^[0-9a-f]{32}$/);
  const viaCallback = await new Promise((resolve) => wx.login({ success: resolve }));
  assert.notEqual(viaCallback.code, promised.code);
});

test('the fuzz targets\' committed seeds are what the shared fixtures give', () => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'tests', 'fuzz', 'make-seeds.js'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
