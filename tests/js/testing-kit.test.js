'use strict';
// startMiniprogram, the test kit's one-call helper: it runs a project's pages
// in the sandbox against the dev server, the way docs/testing.md tells users.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT } = require('./support.js');
const { startMiniprogram } = require('../../js/testing/index.js');

const PACKAGE = require(path.join(ROOT, 'package.json'));
const DIST = path.join(ROOT, PACKAGE.miniprogram);
const IDS = { userPoolId: 'pool-of-the-page', appId: 'app-of-the-page' };

// A project: {file: text}, in a fresh folder.
function project(t, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-kit-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const CLIENT = (options) => `const { AuthenticationClient } = require('${PACKAGE.name}');
module.exports = new AuthenticationClient(${JSON.stringify(options)});
`;

const LOGIN_PAGE = `const authing = require('../../utils/authing.js');
Page({
  data: { user: null, error: null, list: [{ name: 'a' }] },
  async onLoad(query) {
    this.setData({ query });
    try {
      const user = await authing.loginByCode();
      this.setData({ 'user.id': user.id, 'user.nickname': user.nickname, error: null });
    } catch (error) {
      this.setData({ error: { kind: error.kind, code: error.code } });
    }
  },
  next() { return wx.navigateTo({ url: '/pages/next/next?from=index&n=1' }); },
});
`;

async function start(t, dir, options = {}) {
  const mp = await startMiniprogram({ root: dir, ...IDS, ...options });
  t.after(() => mp.close());
  return mp;
}

test('a page logs in through the package\'s own files when the project has no Build npm output', async (t) => {
  const dir = project(t, { 'utils/authing.js': CLIENT(IDS), 'pages/index/index.js': LOGIN_PAGE });
  const mp = await start(t, dir, { openid: 'o-kit-page' });
  const seeded = mp.server.seedUser({ openid: 'o-kit-page', nickname: 'Seeded' });
  const page = mp.loadPage('pages/index/index', { scene: '1001' });
  await page.onLoad(page.options);
  assert.deepEqual(page.data.user, { id: seeded.id, nickname: 'Seeded' });
  assert.deepEqual(page.data.query, { scene: '1001' });
  assert.equal(page.route, 'pages/index/index');
  assert.deepEqual(mp.sandbox.wasmCalls.map((call) => call.path), [`/miniprogram_npm/${PACKAGE.name}/authing-core.wasm.br`]);
  assert.equal(fs.existsSync(path.join(dir, 'miniprogram_npm')), false, 'the kit writes nothing into the project');
  assert.ok(mp.wx.__requests.every((request) => request.url.startsWith('https://core.authing.cn/')), 'the page asked the production host');
});

test('the project\'s own Build npm output wins over the package\'s files', async (t) => {
  const built = fs.readFileSync(path.join(DIST, 'index.js'), 'utf8');
  const dir = project(t, {
    'utils/authing.js': CLIENT(IDS),
    'pages/index/index.js': LOGIN_PAGE,
    [`miniprogram_npm/${PACKAGE.name}/index.js`]: `${built}\nmodule.exports.builtCopy = true;\n`,
  });
  fs.copyFileSync(path.join(DIST, 'authing-core.wasm.br'), path.join(dir, 'miniprogram_npm', PACKAGE.name, 'authing-core.wasm.br'));
  const mp = await start(t, dir);
  assert.equal(mp.require(PACKAGE.name).builtCopy, true);
  const page = mp.loadPage('pages/index/index');
  await page.onLoad();
  assert.equal(page.data.error, null);
});

test('requests to a host the test did not route fail as a domain outside the legal list does', async (t) => {
  const dir = project(t, {
    'utils/authing.js': CLIENT({ ...IDS, appHost: 'https://my-app.authing.cn' }),
    'pages/index/index.js': LOGIN_PAGE,
  });
  const refused = await start(t, dir);
  const page = refused.loadPage('pages/index/index');
  await page.onLoad();
  assert.deepEqual(page.data.error, { kind: 'network', code: 'NETWORK_ERROR' });

  const routed = await start(t, dir, { hosts: ['https://my-app.authing.cn'] });
  const again = routed.loadPage('pages/index/index');
  await again.onLoad();
  assert.equal(again.data.error, null);
  assert.equal(typeof again.data.user.id, 'string');
});

test('setData takes paths, keeps each instance\'s data its own, and calls back', async (t) => {
  const dir = project(t, { 'pages/list/list.js': 'Page({ data: { list: [{ name: "a" }], deep: {} } });\n' });
  const mp = await start(t, dir);
  const first = mp.loadPage('pages/list/list');
  const second = mp.loadPage('pages/list/list');
  const called = new Promise((resolve) => {
    first.setData({ 'list[0].name': 'b', 'list[1].name': 'c', 'deep.a.b': 1, plain: { x: 1 } }, resolve);
  });
  await called;
  assert.deepEqual(first.data, { list: [{ name: 'b' }, { name: 'c' }], deep: { a: { b: 1 } }, plain: { x: 1 } });
  assert.deepEqual(second.data, { list: [{ name: 'a' }], deep: {} });
  assert.deepEqual(mp.pages, [first, second]);
});

test('navigation opens pages with their query, and getApp() is app.js\'s App', async (t) => {
  const dir = project(t, {
    'app.js': 'App({ globalData: { theme: "dark" } });\n',
    'utils/authing.js': CLIENT(IDS),
    'pages/index/index.js': LOGIN_PAGE,
    'pages/next/next.js': 'Page({ data: {}, onLoad(query) { this.setData({ query, theme: getApp().globalData.theme }); } });\n',
  });
  const mp = await start(t, dir);
  const page = mp.loadPage('pages/index/index');
  await page.next();
  assert.equal(mp.currentPage().route, 'pages/next/next');
  assert.deepEqual(mp.currentPage().data, { query: { from: 'index', n: '1' }, theme: 'dark' });
  await mp.wx.navigateBack();
  assert.equal(mp.currentPage(), page);
});

test('restart starts the modules over and keeps the session; offline holds until switched back', async (t) => {
  const dir = project(t, { 'utils/authing.js': CLIENT(IDS), 'pages/index/index.js': LOGIN_PAGE });
  const mp = await start(t, dir);
  const client = mp.require('../utils/authing.js', 'pages');
  await client.loginByCode();
  mp.restart();
  const restarted = mp.require('./utils/authing.js');
  assert.notEqual(restarted, client, 'a new app run loads the modules again');
  mp.wx.__faults.offline = true;
  for (let i = 0; i < 2; i += 1) {
    const error = await restarted.checkLoginStatus().then(() => null, (rejection) => rejection);
    assert.equal(error && error.code, 'NETWORK_ERROR');
  }
  mp.wx.__faults.offline = false;
  assert.equal((await restarted.getCurrentUser()).id, mp.server.users()[0].id);
});

test('a page file that registers no page is named in the error', async (t) => {
  const dir = project(t, { 'pages/empty/empty.js': 'module.exports = {};\n' });
  const mp = await start(t, dir);
  assert.throws(() => mp.loadPage('pages/empty/empty'), /pages\/empty\/empty\.js did not call Page\(\)/);
});

// docs/testing.md's fault switches, each with what a page then meets.
const SWITCHES = [
  { name: 'offline', set: (mp) => { mp.wx.__faults.offline = true; }, kind: 'network', code: 'NETWORK_ERROR' },
  { name: 'a request timing out', set: (mp) => { mp.wx.__faults.requestFail = { errMsg: 'request:fail timeout', errno: 5 }; }, kind: 'timeout', code: 'TIMEOUT' },
  { name: 'the server never answering', options: { timeout: 200 }, set: (mp) => mp.server.fault({ path: '/connections/social/wechat-miniprogram/auth', hang: true }), kind: 'timeout', code: 'TIMEOUT' },
  { name: 'privacy not accepted', set: (mp) => { mp.wx.__faults.loginFail = { errMsg: 'login:fail privacy permission is not authorized', errno: 104 }; }, kind: 'privacy', code: 'PRIVACY_NOT_AUTHORIZED' },
  { name: 'privacy API not declared', set: (mp) => { mp.wx.__faults.loginFail = { errMsg: 'login:fail api scope is not declared in the privacy agreement', errno: 112 }; }, kind: 'privacy', code: 'PRIVACY_API_NOT_DECLARED' },
  { name: 'a WeChat code error', set: (mp) => mp.server.wechatError(40226), kind: 'wechat', code: 40226 },
  { name: 'a proxy error page', set: (mp) => mp.server.fault({ path: '/connections/social/wechat-miniprogram/auth', status: 502, body: '<html>502</html>' }), kind: 'http', code: 'HTTP_ERROR' },
];

for (const fault of SWITCHES) {
  test(`the kit's switch for ${fault.name} gives the page ${fault.kind} / ${fault.code}`, async (t) => {
    const dir = project(t, { 'utils/authing.js': CLIENT({ ...IDS, ...fault.options }), 'pages/index/index.js': LOGIN_PAGE });
    const mp = await start(t, dir);
    await fault.set(mp);
    const page = mp.loadPage('pages/index/index');
    await page.onLoad();
    assert.deepEqual(page.data.error, { kind: fault.kind, code: fault.code });
    assert.equal(mp.storage.has('_authing_token'), false);
  });
}

test('the kit\'s full-storage switch lets the login succeed and says what was not stored', async (t) => {
  const dir = project(t, { 'utils/authing.js': CLIENT(IDS), 'pages/index/index.js': LOGIN_PAGE });
  const mp = await start(t, dir);
  const client = mp.require('./utils/authing.js');
  const refused = [];
  client.on('storageError', (event) => refused.push(event.key));
  mp.wx.__faults.storageFull = true;
  const page = mp.loadPage('pages/index/index');
  await page.onLoad();
  assert.equal(page.data.error, null);
  assert.ok(refused.includes('_authing_token'));
  assert.equal(mp.storage.has('_authing_token'), false);
});

test('a seeded code is the one the server sends, so a test types a code it knows', async (t) => {
  const dir = project(t, {
    'utils/authing.js': CLIENT(IDS),
    'pages/login/login.js': `const authing = require('../../utils/authing.js');
Page({
  data: { phone: '', user: null, error: null },
  async send() { await authing.sendSmsCode(this.data.phone); },
  async submit(e) {
    try {
      const user = await authing.loginByPhoneCode(this.data.phone, e.detail.value.code);
      this.setData({ user: { phone: user.phone } });
    } catch (error) {
      this.setData({ error: error.code });
    }
  },
});
`,
  });
  const mp = await start(t, dir);
  assert.throws(() => mp.server.seedCode('12ab'), /4 to 8 digits/);
  mp.server.seedCode('246810');
  const page = mp.loadPage('pages/login/login');
  page.setData({ phone: '13800138000' });
  await page.send();
  assert.equal(mp.server.lastCode('13800138000'), '246810');
  await page.submit({ detail: { value: { code: '000000' } } });
  assert.equal(page.data.error, 2001, 'another code is refused');
  await page.submit({ detail: { value: { code: '246810' } } });
  assert.deepEqual(page.data.user, { phone: '13800138000' });
  await page.send();
  assert.match(mp.server.lastCode('13800138000'), /^\d{6}$/);
  assert.notEqual(mp.server.lastCode('13800138000'), '246810', 'a seed is used once');
});
