'use strict';
// The demo mini program's own pages, built with Build npm from the packed
// package, driven the way a user drives them: rendered by miniprogram-simulate
// over a fake wx and the local dev server, tapped, typed into, and read back
// as rendered text.

const test = require('node:test');
const assert = require('node:assert/strict');

const { buildDemo, PACKAGE } = require('./lib/build-npm.js');
const {
  createPageHost, textOf, tap, tapThrough, idle, until, act,
} = require('./lib/page-host.js');
const { startDevServer } = require('../../js/testing/dev-server.js');
const { createFakeWx } = require('../../js/testing/fake-wx.js');

const DEFAULT_WASM_PATH = `/miniprogram_npm/${PACKAGE.name}/authing-core.wasm.br`;
const UPDATE_ERROR = { errors: [{ message: { code: 2004, message: '用户不存在', data: null } }], data: null };

let server;
let projectDir;

test.before(async () => {
  server = await startDevServer();
  ({ projectDir } = await buildDemo({ server: { host: server.url, userPoolId: server.userPoolId, appId: server.appId } }));
});
test.after(() => server.close());

// A device: wx storage that outlives app launches, and one WeChat user.
function device(t, openid) {
  const storage = new Map();
  const host = createPageHost({ projectDir, createWx: () => createFakeWx({ server: server.url, storage, openid }) });
  t.after(() => host.close());
  return { storage, host };
}

function attr(page, selector, name) {
  const found = [];
  (function walk(node) {
    if (typeof node === 'string') return;
    if (node.attrs.some((a) => a.name === 'id' && `#${a.value}` === selector)) found.push(node);
    node.children.forEach(walk);
  }(page.toJSON()));
  const entry = found.length ? found[0].attrs.find((a) => a.name === name) : undefined;
  return entry && entry.value;
}

function uiCalls(host, api) {
  return host.wx.__ui.filter((call) => call.api === api);
}

async function openProfile(host) {
  const profile = await tapThrough(host, '#open-profile');
  assert.equal(profile.route, 'pages/profile/profile');
  return profile;
}

test('the index page logs the user in silently on load and shows who it is', async (t) => {
  const { storage, host } = device(t, 'o-page-silent');
  const page = host.launch();
  assert.equal(textOf(page, '#status'), '正在登录…');
  assert.equal(textOf(page, '#busy'), '正在登录…');
  await idle(page);

  const [user] = server.users().filter((candidate) => candidate.id === textOf(page, '#user-id'));
  assert.ok(user, 'the rendered id is a user of the dev server');
  assert.equal(textOf(page, '#status'), '已通过微信静默登录');
  assert.equal(textOf(page, '#nickname'), '微信用户');
  assert.equal(textOf(page, '#phone'), '未绑定');
  assert.equal(page.querySelector('#error'), undefined);
  assert.ok(storage.get('_authing_token'), 'the token is in wx storage');
  assert.deepEqual(host.wasmCalls, [DEFAULT_WASM_PATH]);
});

test('the phone button logs in with the phone number, with the code fetched before the tap', async (t) => {
  const { host } = device(t, 'o-page-phone');
  const page = host.launch();
  await idle(page);
  await until(() => page.instance.loginCode, 'the login code for the phone button');

  const detail = await host.wx.__getPhoneNumberDetail('13800138000');
  await act(page, () => tap(page, '#phone-login', 'getphonenumber', detail));

  assert.equal(textOf(page, '#status'), '已通过手机号登录');
  assert.equal(textOf(page, '#phone'), '13800138000');
  assert.deepEqual(uiCalls(host, 'showToast').map((call) => call.title), ['登录成功']);
  assert.equal(page.querySelector('#error'), undefined);
});

test('refusing to share the phone number is a toast, not a request', async (t) => {
  const { host } = device(t, 'o-page-deny');
  const page = host.launch();
  await idle(page);
  server.clearRequests();
  tap(page, '#phone-login', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
  await until(() => uiCalls(host, 'showToast').length === 1, 'the toast');
  assert.equal(uiCalls(host, 'showToast')[0].title, '未授权手机号');
  assert.deepEqual(server.requests().filter((request) => !request.path.startsWith('/__')), []);
});

test('the profile page edits the nickname, checks the login status and logs out', async (t) => {
  const { storage, host } = device(t, 'o-page-profile');
  await idle(host.launch());
  const profile = await openProfile(host);
  assert.equal(textOf(profile, '#nickname'), '微信用户');

  tap(profile, '#nickname-input', 'input', { value: '小明 Bob' });
  await until(() => profile.data.nickname === '小明 Bob', 'the typed nickname');
  await act(profile, () => tap(profile, '#save-nickname'));
  assert.equal(textOf(profile, '#nickname'), '小明 Bob');
  assert.equal(server.users().find((user) => user.id === textOf(profile, '#user-id')).nickname, '小明 Bob');
  assert.equal(storage.get('_authing_user').nickname, '小明 Bob');
  assert.deepEqual(uiCalls(host, 'showToast').map((call) => call.title), ['已保存']);

  tap(profile, '#check-status');
  await until(() => profile.data.loginStatus, 'the login status');
  assert.match(textOf(profile, '#login-status'), /^登录有效，\d{4}-\d\d-\d\d \d\d:\d\d 到期$/);

  tap(profile, '#logout');
  await until(() => profile.querySelector('#logged-out'), 'the logged-out card');
  assert.equal(textOf(profile, '#logged-out'), '未登录');
  assert.equal(storage.has('_authing_token'), false);
  assert.equal(profile.querySelector('#save-nickname'), undefined);

  const index = await tapThrough(host, '#back-to-login');
  assert.deepEqual(uiCalls(host, 'reLaunch').map((call) => call.url), ['/pages/index/index']);
  assert.equal(index.route, 'pages/index/index');
  assert.equal(textOf(index, '#status'), '已通过微信静默登录');
});

test('after an app restart the stored session is used: no new login, the new nickname is shown', async (t) => {
  const { storage, host } = device(t, 'o-page-restart');
  const first = host.launch();
  await idle(first);
  const userId = textOf(first, '#user-id');
  const profile = await openProfile(host);
  tap(profile, '#nickname-input', 'input', { value: '重启之前' });
  await until(() => profile.data.nickname === '重启之前', 'the typed nickname');
  await act(profile, () => tap(profile, '#save-nickname'));

  server.clearRequests();
  const page = host.launch();
  await idle(page);
  assert.equal(textOf(page, '#status'), '已恢复上次的登录');
  assert.equal(textOf(page, '#user-id'), userId);
  assert.equal(textOf(page, '#nickname'), '重启之前');
  const logins = server.requests().filter((request) => request.path.startsWith('/connections/social/'));
  assert.deepEqual(logins, [], 'no login request after the restart');
  assert.ok(storage.get('_authing_token'));
});

test('a server error is shown with its message and code, and the page stays usable', async (t) => {
  const { host } = device(t, 'o-page-error');
  await idle(host.launch());
  const profile = await openProfile(host);

  server.fault({ method: 'POST', path: '/graphql/v2', json: UPDATE_ERROR });
  tap(profile, '#nickname-input', 'input', { value: 'Bob' });
  await until(() => profile.data.nickname === 'Bob', 'the typed nickname');
  tap(profile, '#save-nickname');
  await until(() => profile.data.error, 'the error');
  await idle(profile);
  assert.equal(textOf(profile, '#error'), '用户不存在（2004）');
  const [modal] = uiCalls(host, 'showModal');
  assert.equal(modal.content, '用户不存在（2004）');
  assert.equal(textOf(profile, '#nickname'), '微信用户');

  server.fault({ method: 'POST', path: '/graphql/v2', destroy: true });
  tap(profile, '#save-nickname');
  await until(() => profile.data.error !== '用户不存在（2004）', 'the second error');
  await idle(profile);
  assert.match(textOf(profile, '#error'), /（NETWORK_ERROR）$/);

  await act(profile, () => tap(profile, '#save-nickname'));
  assert.equal(textOf(profile, '#nickname'), 'Bob');
  assert.equal(profile.querySelector('#error'), undefined);
});

test('while a call is in flight the page says so and its buttons are disabled', async (t) => {
  const { host } = device(t, 'o-page-busy');
  await idle(host.launch());
  const profile = await openProfile(host);
  server.fault({ method: 'POST', path: '/graphql/v2', delayMs: 300 });
  tap(profile, '#check-status');
  await until(() => profile.data.busy, 'the call to start');
  assert.equal(textOf(profile, '#busy'), '正在检查登录状态…');
  for (const button of ['#save-nickname', '#check-status', '#logout']) assert.equal(attr(profile, button, 'disabled'), true, button);

  tap(profile, '#logout');
  await idle(profile);
  assert.equal(profile.data.loggedIn, true, 'the tap while busy was ignored');
  for (const button of ['#save-nickname', '#check-status', '#logout']) assert.equal(attr(profile, button, 'disabled'), false, button);
  assert.equal(textOf(profile, '#busy'), null);
});

test('the login page logs in with an SMS code, and with a password that never leaves in plain text', async (t) => {
  const { storage, host } = device(t, 'o-page-other-login');
  await idle(host.launch());
  let login = await tapThrough(host, '#other-login');
  assert.equal(login.route, 'pages/login/login');

  tap(login, '#sms-phone', 'input', { value: '13700137000' });
  await until(() => login.data.phone === '13700137000', 'the typed phone');
  await act(login, () => tap(login, '#send-code'));
  assert.equal(textOf(login, '#sent-hint'), '验证码已发送至 13700137000');
  assert.equal(attr(login, '#send-code', 'disabled'), true, 'no second code during the countdown');
  tap(login, '#sms-code', 'input', { value: server.lastCode('13700137000') });
  await until(() => login.data.code, 'the typed code');
  tap(login, '#login');
  await until(() => host.current.route === 'pages/index/index', 'the index page');
  await idle(host.current);
  assert.equal(textOf(host.current, '#phone'), '13700137000');
  assert.equal(storage.get('_authing_user').phone, '13700137000');

  server.seedUser({ email: 'ann@example.cn', password: 'Pass-word-1', nickname: 'Ann' });
  login = await tapThrough(host, '#other-login');
  tap(login, '#tab-password');
  await until(() => login.data.mode === 'password', 'the password tab');
  tap(login, '#account', 'input', { value: 'ann@example.cn' });
  tap(login, '#password', 'input', { value: 'Pass-word-1' });
  await until(() => login.data.password, 'the typed password');
  server.clearRequests();
  tap(login, '#login');
  await until(() => host.current.route === 'pages/index/index', 'the index page');
  await idle(host.current);
  assert.equal(textOf(host.current, '#nickname'), 'Ann');
  const sent = server.requests().map((request) => request.body).join('\n');
  assert.match(sent, /loginByEmail/);
  assert.equal(sent.includes('Pass-word-1'), false, 'the password went encrypted');
  assert.equal(JSON.stringify([...storage.values()]).includes('Pass-word-1'), false, 'and is not stored');
});

test('a wrong SMS code is shown with its code and the page stays', async (t) => {
  const { host } = device(t, 'o-page-wrong-code');
  await idle(host.launch());
  const login = await tapThrough(host, '#other-login');
  tap(login, '#sms-phone', 'input', { value: '13600136000' });
  await until(() => login.data.phone === '13600136000', 'the typed phone');
  await act(login, () => tap(login, '#send-code'));
  tap(login, '#sms-code', 'input', { value: '000000' === server.lastCode('13600136000') ? '111111' : '000000' });
  await until(() => login.data.code, 'the typed code');
  await act(login, () => tap(login, '#login'));
  assert.match(textOf(login, '#error'), /（\d+）$/);
  assert.equal(host.current.route, 'pages/login/login');
});

test('the profile page changes the avatar with the picture <button open-type="chooseAvatar"> gives', async (t) => {
  const { storage, host } = device(t, 'o-page-avatar');
  await idle(host.launch());
  const profile = await openProfile(host);
  host.wx.__files.set('wxfile://tmp_page_avatar.png', Buffer.from('page avatar'));
  await act(profile, () => tap(profile, '#change-avatar', 'chooseavatar', { avatarUrl: 'wxfile://tmp_page_avatar.png' }));
  assert.match(attr(profile, '#avatar', 'src'), /\/uploads\//);
  assert.equal(storage.get('_authing_user').photo, profile.data.user.photo);
  assert.deepEqual(uiCalls(host, 'showToast').map((call) => call.title), ['头像已更新']);
  const upload = server.uploads().at(-1);
  assert.ok(upload, 'the dev server received the upload');
});
