#!/usr/bin/env node
'use strict';
// npm run demo: the demo mini program, run the way a developer gets it. The
// package is packed and installed into a copy of demo-miniprogram/ (in
// build/demo-miniprogram/, which opens in WeChat DevTools), Build npm is run
// with miniprogram-ci, and the demo's own pages are driven headlessly against
// the local dev server: silent login, an avatar and a profile update, an app
// restart on the stored token, phone-number login, logout, SMS-code and
// password logins. Each step prints what the user
// sees on the page; pictures of the index and profile pages are written with
// headless chromium. Tokens are never printed.
//
//   node scripts/demo.js [--out DIR]   pictures go to DIR (default docs/screenshots)

const fs = require('node:fs');
const path = require('node:path');

const { buildDemo, writeConfig, PACKAGE, ROOT, DEMO } = require('../tests/miniprogram/lib/build-npm.js');
const {
  createPageHost, screenText, tap, tapThrough, idle, until, act,
} = require('../tests/miniprogram/lib/page-host.js');
const { screenshot } = require('../tests/miniprogram/lib/screenshot.js');
const { startDevServer } = require('../js/testing/dev-server.js');
const { createFakeWx } = require('../js/testing/fake-wx.js');

const OPENID = 'o-demo-user';
const PHONE = '13800138000';
const SMS_PHONE = '13900139000';
const PASSWORD_USER = { username: 'demo-user', password: 'Demo-pass-2024', nickname: '密码用户' };
const AVATAR = 'wxfile://tmp_demo_avatar.png';

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? path.resolve(process.argv[index + 1]) : fallback;
}

let step = 0;
function show(action, page) {
  step += 1;
  const title = { 'pages/index/index': '首页', 'pages/profile/profile': '个人资料', 'pages/login/login': '其他登录方式' }[page.route] || page.route;
  console.log(`${String(step).padStart(2)}. ${action}\n    ${title}: ${screenText(page)}`);
}
function note(text) {
  console.log(`    ${text}`);
}

// Waits until the host shows a page of `route` with no call in flight.
async function landOn(host, route) {
  await until(() => host.current.route === route, () => `${route} to open (on ${host.current.route})`);
  await idle(host.current);
  return host.current;
}

function sessionInStorage(storage) {
  const user = storage.get('_authing_user');
  return storage.has('_authing_token')
    ? `wx storage holds the session: _authing_token (${storage.get('_authing_token').length} chars), _authing_user (${user ? user.nickname : '-'})`
    : 'wx storage holds no session';
}

async function main() {
  const outDir = option('--out', path.join(ROOT, 'docs', 'screenshots'));
  const server = await startDevServer();
  try {
    console.log(`authing-wxapp-sdk ${PACKAGE.version}: the demo mini program against the local dev server ${server.url}\n`);
    const projectDir = path.join(ROOT, 'build', 'demo-miniprogram');
    const built = await buildDemo({ projectDir, server: { host: server.url, userPoolId: server.userPoolId, appId: server.appId } });
    const wasmSize = fs.statSync(path.join(built.packageDir, 'authing-core.wasm.br')).size;
    console.log(`npm install (from the npm pack tarball) and Build npm (miniprogram-ci packNpm) in ${path.relative(ROOT, projectDir)}/:`);
    console.log(`    miniprogram_npm/${PACKAGE.name}/: ${built.files.join(', ')} (wasm.br ${wasmSize} bytes); ${built.warnings.length} warnings\n`);
    if (built.warnings.length) throw new Error(`Build npm warned: ${JSON.stringify(built.warnings)}`);

    const storage = new Map();
    const host = createPageHost({ projectDir, createWx: () => createFakeWx({ server: server.url, storage, openid: OPENID }) });
    const pictures = {};
    try {
      let index = host.launch();
      await idle(index);
      show('The app starts; the index page logs in silently on load (wx.login → loginByCode)', index);
      note(sessionInStorage(storage));

      let profile = await tapThrough(host, '#open-profile');
      show('Tap 查看个人资料', profile);
      host.wx.__files.set(AVATAR, fs.readFileSync(path.join(ROOT, 'docs', 'screenshots', 'index.png')));
      await act(profile, () => tap(profile, '#change-avatar', 'chooseavatar', { avatarUrl: AVATAR }));
      show('Tap 更换头像 and pick a picture (updateAvatar uploads it with the session\'s token)', profile);
      note(`the profile photo is now ${profile.data.user.photo.replace(server.url, '<dev server>')}`);
      tap(profile, '#nickname-input', 'input', { value: 'Bob' });
      await until(() => profile.data.nickname === 'Bob', 'the typed nickname');
      await act(profile, () => tap(profile, '#save-nickname'));
      show('Type "Bob" and tap 保存昵称 (updateProfile)', profile);
      note(`toast: ${host.wx.__ui.filter((call) => call.api === 'showToast').map((call) => call.title).join(', ')}`);
      pictures.profile = screenshot(profile, projectDir, path.join(outDir, 'profile.png'));
      await act(profile, () => tap(profile, '#check-status'));
      show('Tap 检查登录状态 (checkLoginStatus)', profile);

      server.clearRequests();
      index = host.launch();
      await idle(index);
      show('The app restarts (a new JS context, the same wx storage)', index);
      const logins = server.requests().filter((request) => request.path.startsWith('/connections/social/'));
      note(`no login request was made (${logins.length}); the stored token carried the session`);

      await until(() => index.instance.loginCode, 'the code for the phone button');
      const detail = await host.wx.__getPhoneNumberDetail(PHONE);
      await act(index, () => tap(index, '#phone-login', 'getphonenumber', detail));
      show(`Tap 手机号一键登录 and allow ${PHONE} (loginByPhone)`, index);
      pictures.index = screenshot(index, projectDir, path.join(outDir, 'index.png'));

      profile = await tapThrough(host, '#open-profile');
      await act(profile, () => tap(profile, '#logout'));
      show('Open the profile and tap 退出登录 (logout)', profile);
      note(sessionInStorage(storage));

      server.fault({ method: 'POST', path: '/connections/social/wechat-miniprogram/auth', destroy: true });
      index = await tapThrough(host, '#back-to-login');
      show('Tap 去登录 while the network drops the login request', index);
      const modal = host.wx.__ui.filter((call) => call.api === 'showModal').pop();
      note(`modal: ${modal ? `${modal.title}: ${modal.content}` : '(none)'}`);

      let login = await tapThrough(host, '#other-login');
      tap(login, '#sms-phone', 'input', { value: SMS_PHONE });
      await until(() => login.data.phone === SMS_PHONE, 'the typed phone number');
      await act(login, () => tap(login, '#send-code'));
      show(`Tap 验证码或密码登录, type ${SMS_PHONE} and tap 发送验证码 (sendSmsCode)`, login);
      tap(login, '#sms-code', 'input', { value: server.lastCode(SMS_PHONE) });
      await until(() => login.data.code, 'the typed code');
      pictures.login = screenshot(login, projectDir, path.join(outDir, 'login.png'));
      tap(login, '#login');
      index = await landOn(host, 'pages/index/index');
      show('Type the code the SMS brought and tap 登录 (loginByPhoneCode)', index);

      server.seedUser(PASSWORD_USER);
      login = await tapThrough(host, '#other-login');
      tap(login, '#tab-password');
      await until(() => login.data.mode === 'password', 'the password tab');
      tap(login, '#account', 'input', { value: PASSWORD_USER.username });
      tap(login, '#password', 'input', { value: PASSWORD_USER.password });
      await until(() => login.data.password, 'the typed password');
      server.clearRequests();
      tap(login, '#login');
      index = await landOn(host, 'pages/index/index');
      show(`Switch to 密码登录, type ${PASSWORD_USER.username} and the password, tap 登录 (loginByUsername)`, index);
      const sent = server.requests().filter((request) => request.path === '/graphql/v2').map((request) => request.body).join('');
      note(`the password left the phone RSA-encrypted: ${sent.includes(PASSWORD_USER.password) ? 'NO, in plain text' : 'yes'}`);
    } finally {
      host.close();
      // Left pointing at `npm run dev-server`, as in demo-miniprogram/, for DevTools.
      fs.copyFileSync(path.join(DEMO, 'config.js'), path.join(projectDir, 'config.js'));
      const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
      manifest.dependencies[PACKAGE.name] = `file:${path.relative(projectDir, ROOT)}`;
      fs.writeFileSync(path.join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    }

    const requests = server.requests();
    const withHeaders = requests.filter((request) => request.path.startsWith('/__') ||
      (request.headers['x-authing-sdk-version'] === `wxapp:${PACKAGE.version}` && request.headers['x-authing-userpool-id'] === server.userPoolId));
    if (withHeaders.length !== requests.length) throw new Error('a request went out without the SDK headers');
    console.log(`\nPictures: ${Object.values(pictures).map((file) => path.relative(process.cwd(), file)).join(', ')}`);
    console.log(`Open ${path.relative(process.cwd(), projectDir)}/ in WeChat DevTools to try it (keep npm run dev-server running; ` +
      'uncheck domain checking, or point config.js at your Authing host).');
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  console.error('demo failed:', error);
  process.exit(1);
});
