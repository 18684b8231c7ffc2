'use strict';
// WeChat's rules, on the built package in the mini program sandbox over real
// HTTP to the dev server: one wx.login for concurrent logins, WeChat's
// refusals (45011, 40226 typed at once; -1 retried once), wx errno 112 and an
// interrupted request, and the getPhoneNumber phone code.

const test = require('node:test');
const assert = require('node:assert/strict');

const { startDevServer, makeMiniprogramRoot, appRun, plain, outcome } = require('./support.js');

const LOGIN = '/connections/social/wechat-miniprogram/auth';
const SIGNIN = '/api/v3/signin-by-mobile';
const GET_PHONE = '/api/v3/get-wechat-miniprogram-phone';

let server;
let root;
test.before(async () => {
  server = await startDevServer();
  root = makeMiniprogramRoot();
});
test.after(() => server.close());

let runs = 0;
function freshRun(options = {}) {
  runs += 1;
  server.clearRequests();
  const run = appRun({ root, server, openid: `o-rules-${runs}` });
  return { run, authing: run.client(options) };
}

const requestsTo = (path) => server.requests().filter((request) => request.path === path);

async function rejection(promise) {
  const settled = await outcome(promise);
  assert.equal(settled.resolved, false, `resolved with ${JSON.stringify(plain(settled.value))}`);
  return settled.error;
}

test('concurrent loginByCode() calls share one wx.login and one request', async () => {
  const { run, authing } = freshRun();
  const users = await Promise.all([authing.loginByCode(), authing.loginByCode(), authing.loginByCode()]);
  assert.equal(run.wx.__codes.length, 1, 'one wx.login');
  assert.equal(requestsTo(LOGIN).length, 1);
  assert.ok(users.every((user) => user.id === users[0].id));
});

for (const [code, words] of [[45011, /频繁/], [40226, /高风险/]]) {
  test(`WeChat ${code} is a typed wechat error after exactly one request`, async () => {
    const { run, authing } = freshRun();
    server.wechatError(code);
    const error = await rejection(authing.loginByCode());
    assert.equal(error.kind, 'wechat');
    assert.equal(error.code, code);
    assert.equal(error.apiCode, code);
    assert.match(error.message, words);
    assert.equal(requestsTo(LOGIN).length, 1);
    assert.equal(run.wx.__codes.length, 1);
    assert.equal(run.storage.has('_authing_token'), false);
  });
}

test('WeChat busy (-1) is retried once with a fresh code, then succeeds', async () => {
  const { run, authing } = freshRun();
  server.wechatError(-1);
  const user = await authing.loginByCode();
  assert.ok(user.id);
  assert.equal(requestsTo(LOGIN).length, 2);
  assert.equal(run.wx.__codes.length, 2);
  assert.equal(run.storage.get('_authing_token'), user.token);
});

test('WeChat busy twice is a typed wechat error after one retry, never a third request', async () => {
  const { authing } = freshRun({ lang: 'en-US' });
  server.wechatError(-1, 2);
  const error = await rejection(authing.loginByCode());
  assert.equal(error.kind, 'wechat');
  assert.equal(error.code, -1);
  assert.match(error.message, /busy/);
  assert.equal(requestsTo(LOGIN).length, 2);
});

test('wx.login errno 112 has its own code, which says where to declare the API', async () => {
  const { run, authing } = freshRun();
  run.wx.__faults.loginFail = { errMsg: 'login:fail api scope is not declared in the privacy agreement', errno: 112 };
  const error = await rejection(authing.loginByCode());
  assert.equal(error.kind, 'privacy');
  assert.equal(error.code, 'PRIVACY_API_NOT_DECLARED');
  assert.match(error.message, /用户隐私保护指引/);
  run.wx.__faults.loginFail = { errMsg: 'login:fail privacy permission is not authorized', errno: 104 };
  assert.equal((await rejection(authing.loginByCode())).code, 'PRIVACY_NOT_AUTHORIZED');
});

test('an interrupted request is a network error, and the session stays', async () => {
  const { run, authing } = freshRun();
  const user = await authing.loginByCode();
  run.wx.__faults.requestFail = { errMsg: 'request:fail interrupted' };
  const error = await rejection(authing.updateProfile({ nickname: 'x' }));
  assert.equal(error.kind, 'network');
  assert.equal(error.code, 'REQUEST_INTERRUPTED');
  assert.equal(run.storage.get('_authing_token'), user.token);
  assert.equal((await authing.getCurrentUser()).id, user.id);
});

test('getPhone(e.detail) exchanges the phone code through v3', async () => {
  const { run, authing } = freshRun({ extIdpConnidentifier: server.extIdpConnidentifier });
  const detail = await run.wx.__getPhoneNumberCodeDetail('13800138001');
  const phone = plain(await authing.getPhone(detail));
  assert.equal(phone.purePhoneNumber, '13800138001');
  assert.equal(phone.countryCode, '86');
  assert.equal(requestsTo(GET_PHONE).length, 1);
  assert.deepEqual(requestsTo(GET_PHONE)[0].json, { extIdpConnidentifier: server.extIdpConnidentifier, code: detail.code });
  assert.equal(run.storage.has('_authing_token'), false);
});

test('loginByPhone(code, e.detail) with a phone code resolves the User and stores both keys', async () => {
  const { run, authing } = freshRun({ extIdpConnidentifier: server.extIdpConnidentifier });
  const { code } = await run.wx.login();
  const detail = await run.wx.__getPhoneNumberCodeDetail('13800138002');
  assert.ok(detail.iv && detail.encryptedData, 'the detail carries the legacy fields too');
  const user = await authing.loginByPhone(code, detail);
  assert.equal(user.phone, '13800138002');
  assert.equal(requestsTo(SIGNIN).length, 1, 'the phone code, not iv/encryptedData, was used');
  assert.equal(run.storage.get('_authing_token'), user.token);
  assert.equal(run.storage.get('_authing_user').id, user.id);
  assert.equal((await authing.getCurrentUser()).id, user.id);
});

test('loginByPhone(e.detail) calls wx.login itself for the phone code', async () => {
  const { run, authing } = freshRun({ extIdpConnidentifier: server.extIdpConnidentifier });
  const user = await authing.loginByPhone({ code: server.phoneCode('13800138003') });
  assert.equal(user.phone, '13800138003');
  assert.equal(run.wx.__codes.length, 1);
});

test('a phone code without the extIdpConnidentifier option says which option is missing', async () => {
  const { authing } = freshRun();
  for (const call of [() => authing.getPhone({ code: 'p' }), () => authing.loginByPhone('c', { code: 'p' })]) {
    const error = await rejection(call());
    assert.equal(error.kind, 'argument');
    assert.match(error.message, /extIdpConnidentifier/);
  }
  assert.deepEqual(server.requests(), []);
});
