'use strict';
// The user guide's flow, end to end: the built package inside the mini program
// sandbox, over real HTTP, against the local dev server, across an app restart.

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  PACKAGE, startDevServer, makeMiniprogramRoot, appRun, plain, outcome, errorFields, logIn,
} = require('./support.js');

const SDK_HEADERS = (server) => ({
  'x-authing-sdk-version': `wxapp:${PACKAGE.version}`,
  'x-authing-userpool-id': server.userPoolId,
  'x-authing-request-from': 'wxapp',
  'x-authing-app-id': server.appId,
  'content-type': 'application/json',
});

test('the flow of the user guide works end to end, across an app restart', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  const storage = new Map();

  // First app run: silent login, then a profile update.
  let run = appRun({ root, server, storage, openid: 'o-flow-user' });
  const authing = run.client();
  const { code } = await run.wx.login();
  const user = await authing.loginByCode(code);
  assert.match(user.id, /^[0-9a-f]{24}$/);
  assert.equal(typeof user.token, 'string');
  assert.equal('password' in user, false);
  assert.equal('salt' in user, false);
  assert.equal(storage.get('_authing_token'), user.token);
  const storedUser = storage.get('_authing_user');
  assert.equal(storedUser.id, user.id);
  assert.equal(storedUser.token, user.token);
  assert.equal('password' in storedUser, false);
  assert.equal('salt' in storedUser, false);

  const bob = await authing.updateProfile({ nickname: 'Bob' });
  assert.equal(bob.nickname, 'Bob');
  assert.equal(storage.get('_authing_user').nickname, 'Bob');
  assert.equal(storage.get('_authing_token'), user.token, 'a profile answer never replaces the token');

  // The app restarts: a new realm, a new wasm instance, a new client, the same storage.
  run = appRun({ root, server, storage, openid: 'o-flow-user' });
  const again = run.client();
  const mick = await again.updateProfile({ nickname: 'Mick' });
  assert.equal(mick.nickname, 'Mick');
  assert.equal(mick.id, user.id);

  const me = await again.getCurrentUser();
  assert.equal(me.id, user.id);
  assert.equal(me.nickname, 'Mick');
  assert.equal(me.identities[0].provider, 'wechat:miniprogram:default');

  const status = await again.checkLoginStatus();
  assert.equal(status.status, true);
  assert.equal(status.code, 200);
  assert.equal(status.data.id, user.id);

  server.advanceClock(1);  // a new iat, so the refreshed token differs
  const refreshed = await again.refreshToken();
  assert.notEqual(refreshed.token, user.token);
  assert.equal(storage.get('_authing_token'), refreshed.token);
  assert.equal(storage.get('_authing_user').token, refreshed.token);
  assert.equal((await again.getCurrentUser()).id, user.id, 'the refreshed token works');

  // Phone login: the wx.login code comes before the getPhoneNumber tap.
  const { code: phoneCode } = await run.wx.login();
  const phoneDetail = await run.wx.__getPhoneNumberDetail('13800000000');
  const phoneUser = await again.loginByPhone(phoneCode, phoneDetail.iv, phoneDetail.encryptedData);
  assert.equal(phoneUser.phone, '13800000000');
  assert.equal(phoneUser.phoneVerified, true);
  assert.equal(storage.get('_authing_token'), phoneUser.token);

  const { code: getPhoneCode } = await run.wx.login();
  const getPhoneDetail = await run.wx.__getPhoneNumberDetail('13900000000');
  const phone = await again.getPhone(getPhoneCode, getPhoneDetail.iv, getPhoneDetail.encryptedData);
  assert.equal(phone.phoneNumber, '13900000000');
  assert.equal(phone.purePhoneNumber, '13900000000');
  assert.equal(phone.countryCode, '86');
  assert.equal(storage.get('_authing_token'), phoneUser.token, 'getPhone logs nobody in');

  const lastToken = storage.get('_authing_token');
  await again.logout();
  assert.equal(storage.has('_authing_token'), false);
  assert.equal(storage.has('_authing_user'), false);
  assert.equal(await again.getCurrentUser(), null);
  const revoked = await again.checkLoginStatus(lastToken);
  assert.equal(revoked.status, false, 'logout revoked the token on the server');

  // Every request carried the SDK headers, and the token whenever a session existed.
  const requests = server.requests();
  assert.ok(requests.length >= 10);
  for (const request of requests) {
    for (const [name, value] of Object.entries(SDK_HEADERS(server))) {
      assert.equal(request.headers[name], value, `${name} on ${request.method} ${request.path}`);
    }
  }
  const authenticated = requests.filter((request) => request.path === '/graphql/v2' && !request.json.variables.token);
  assert.ok(authenticated.length >= 5);
  for (const request of authenticated) assert.match(request.headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  // The timeout option reaches wx.request.
  assert.ok(run.wx.__requests.length > 0);
  for (const request of run.wx.__requests) assert.equal(request.timeout, 10000);
});

test('loginByCode also takes iv/encryptedData or rawData from getUserInfo', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-userinfo' });
  const authing = run.client();

  const { code } = await run.wx.login();
  const info = await run.wx.__getUserInfoDetail({ nickName: '小明', avatarUrl: 'https://example.com/a.png' });
  const encrypted = await authing.loginByCode(code, { iv: info.iv, encryptedData: info.encryptedData });
  assert.equal(encrypted.nickname, '小明');
  assert.equal(encrypted.photo, 'https://example.com/a.png');

  const { code: second } = await run.wx.login();
  const raw = await authing.loginByCode(second, { rawData: JSON.stringify({ nickName: '小红', avatarUrl: 'https://example.com/b.png' }) });
  assert.equal(raw.nickname, '小红');
  assert.equal(raw.id, encrypted.id, 'the same WeChat user is the same Authing user');

  const wire = server.requests().filter((request) => request.path.endsWith('/wechat-miniprogram/auth'));
  assert.deepEqual(Object.keys(wire[0].json).sort(), ['code', 'encryptedData', 'iv']);
  assert.deepEqual(Object.keys(wire[1].json).sort(), ['code', 'rawData']);
});

test('users of the v4 package stay logged in, and their stored user loses its secrets', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  const first = appRun({ root, server, openid: 'o-v4-user' });
  const user = await logIn(first, first.client());

  // What v4 left on the device: the whole user object, password hash and salt included.
  const storage = new Map();
  storage.set('_authing_token', user.token);
  storage.set('_authing_user', { ...plain(user), password: '$2b$10$v4hash', salt: 'v4salt', token: user.token });
  const run = appRun({ root, server, storage, openid: 'o-v4-user' });
  const me = await run.client().getCurrentUser();
  assert.equal(me.id, user.id);
  assert.equal('password' in storage.get('_authing_user'), false);
  assert.equal('salt' in storage.get('_authing_user'), false);
  assert.equal(storage.get('_authing_token'), user.token);
});

test('logout clears storage also when its request fails', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-logout' });
  const authing = run.client();
  const user = await logIn(run, authing);
  server.fault({ method: 'GET', path: '/api/v2/logout', destroy: true });
  await authing.logout();
  assert.equal(run.storage.has('_authing_token'), false);
  assert.equal(run.storage.has('_authing_user'), false);
  const stillValid = await authing.checkLoginStatus(user.token);
  assert.equal(stillValid.status, true, 'the server never saw the logout; the device forgot the token anyway');
});

test('every failure rejects with an AuthingError and calls onError exactly once', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const reported = [];
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-errors' });
  const authing = run.client({ onError: (code, message, data) => reported.push({ code, message, data }) });

  const notLoggedIn = await outcome(authing.updateProfile({ nickname: 'x' }));
  assert.equal(notLoggedIn.resolved, false);
  assert.ok(notLoggedIn.error instanceof run.sdk.AuthingError);
  assert.ok(notLoggedIn.error instanceof run.sandbox.run('Error'), 'an Error of the mini program realm');
  assert.deepEqual(errorFields(notLoggedIn.error), {
    name: 'AuthingError', kind: 'session', code: 2020, message: '请先登录', data: null,
  });

  const badCode = await outcome(authing.loginByCode('not-a-code', { iv: 'aXY=', encryptedData: 'ZW5j' }));
  assert.equal(badCode.error.kind, 'wechat');
  assert.equal(badCode.error.code, 40029);

  const badArgument = await outcome(authing.loginByPhone('code-only'));
  assert.equal(badArgument.error.kind, 'argument');

  assert.deepEqual(reported.map((entry) => entry.code), [2020, 40029, 'INVALID_ARGUMENT']);
  assert.equal(reported[0].message, '请先登录');
});

test('the timeout option bounds every request', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-timeout' });
  const authing = run.client({ timeout: 300 });
  const { code } = await run.wx.login();
  server.fault({ path: '/connections/social/wechat-miniprogram/auth', hang: true });
  const started = Date.now();
  const result = await outcome(authing.loginByCode(code, { rawData: '{}' }));
  assert.equal(result.error.kind, 'timeout');
  assert.equal(result.error.code, 'TIMEOUT');
  assert.ok(Date.now() - started < 5000);
  assert.equal(run.wx.__requests.at(-1).timeout, 300);
});

test('a request that never answers ends at its own deadline, also with the timer of an earlier call still armed', { timeout: 10000 }, async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-deadline' });
  const authing = run.client({ timeout: 200 });
  await authing.loginByCode((await run.wx.login()).code);
  const driver = authing._driver;
  // The finished call's timer may stay armed, but it holds no Node process.
  assert.equal(driver.deadline, -1);
  assert.ok(driver.timer === null || !driver.timer.hasRef());

  await new Promise((resolve) => setTimeout(resolve, 300));
  const realRequest = run.wx.request;
  run.wx.request = () => {  // takes the request and never calls back
    run.wx.request = realRequest;
    return { abort() {} };
  };
  const started = Date.now();
  const result = await outcome(authing.updateProfile({ nickname: 'never answered' }));
  const elapsed = Date.now() - started;
  assert.equal(result.error.code, 'TIMEOUT');
  // The core's deadline is the timeout plus a second of grace: not the earlier
  // call's, which passed while this one waited.
  assert.ok(elapsed >= 1150, `rejected after ${elapsed} ms`);
  assert.ok(elapsed < 4000, `rejected after ${elapsed} ms`);
  assert.equal(driver.deadline, -1);
  assert.equal((await authing.getCurrentUser()).id, (await authing.checkLoginStatus()).data.id);
});

test('the session takes care of itself: refresh near the end, clean end when the server says so', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-lifecycle' });
  const authing = run.client();
  const changes = [];
  authing.on('loginStateChange', (change) => changes.push(plain(change)));

  // A token issued eleven days ago (14-day life): less than a quarter left by the device clock.
  server.advanceClock(-11 * 86400);
  const user = await logIn(run, authing);
  server.advanceClock(11 * 86400);
  const old = run.storage.get('_authing_token');

  server.clearRequests();
  const [me, again] = await Promise.all([authing.getCurrentUser(), authing.getCurrentUser()]);
  assert.equal(me.id, user.id);
  assert.equal(again.id, user.id);
  const operations = server.requests().map((request) => /\{\s*(\w+)\(/.exec(request.json.query)[1]);
  assert.deepEqual(operations, ['refreshToken', 'user'], 'one refresh first, then one shared request');
  const fresh = run.storage.get('_authing_token');
  assert.notEqual(fresh, old);
  assert.equal(server.requests()[1].headers.authorization, `Bearer ${fresh}`);

  // Fifteen days later the server refuses the token: the session ends, once, and says so.
  server.advanceClock(15 * 86400);
  const expired = await outcome(authing.updateProfile({ nickname: 'late' }));
  assert.equal(expired.error.code, 2206);
  assert.equal(expired.error.kind, 'session');
  assert.equal(run.storage.has('_authing_token'), false);
  assert.equal(await authing.getCurrentUser(), null);
  assert.deepEqual(changes.map((change) => [change.loggedIn, change.reason]), [[true, 'login'], [true, 'refresh'], [false, 'expired']]);
  assert.equal(JSON.stringify(changes).includes(fresh), false, 'events never carry tokens');
});

test('clients built with the same options share one session, as pages of one app do', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-pages' });
  const indexPage = run.client();
  const profilePage = run.client();
  const english = run.client({ lang: 'en-US' });
  assert.equal(await profilePage.getCurrentUser(), null);
  const seen = [];
  profilePage.on('loginStateChange', (change) => seen.push(change.reason));

  const user = await logIn(run, indexPage);
  assert.equal((await profilePage.getCurrentUser()).id, user.id, 'the login of one page is the session of the other');
  assert.deepEqual([...seen], ['login']);
  assert.equal(run.sandbox.wasmCalls.length, 1, 'one module for every client');

  const reported = [];
  const strict = run.client({ onError: (code) => reported.push(code) });
  await outcome(strict.updateProfile('not an object'));
  await outcome(indexPage.updateProfile('not an object'));
  assert.deepEqual(reported, ['INVALID_ARGUMENT'], "onError belongs to the client it was given to");
  assert.equal((await english.getCurrentUser()).id, user.id, 'other options: its own core, reading the stored session');
  assert.equal(run.sandbox.wasmCalls.length, 1);
});

test('a token given as token or accessToken is used and stored, as v4 did', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  const first = appRun({ root, server, openid: 'o-given-token' });
  const user = await logIn(first, first.client());

  for (const option of ['token', 'accessToken']) {
    const run = appRun({ root, server, openid: 'o-given-token' });
    const me = await run.client({ [option]: user.token }).getCurrentUser();
    assert.equal(me.id, user.id, option);
    assert.equal(run.storage.get('_authing_token'), user.token, option);
  }
});

test('a wx.request that throws at once rejects the call, and leaves no stale deadline timer', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-flow-throwing-request' });
  const authing = run.client({ timeout: 7000 });
  const { code } = await run.wx.login();
  const realRequest = run.wx.request;
  run.wx.request = () => {
    run.wx.request = realRequest;
    throw new Error('request:fail the runtime refused');
  };
  const failed = await outcome(authing.loginByCode(code));
  assert.equal(failed.resolved, false);
  assert.equal(failed.error.code, 'NETWORK_ERROR');
  // The failure was fed to the core inside the loop that performed the
  // request; that loop must not arm a timer for the request it no longer has.
  assert.equal(authing._driver.timer, null);
  assert.equal(authing._driver.timerDeadline, -1);
  assert.equal(authing._driver.deadline, -1);
  const user = await authing.loginByCode((await run.wx.login()).code);
  assert.equal(typeof user.id, 'string');
});
