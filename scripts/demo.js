#!/usr/bin/env node
'use strict';
// npm run demo: the demo mini program, run the way a developer gets it. The
// package is packed and installed into a copy of demo-miniprogram/ (in
// build/demo-miniprogram/, which opens in WeChat DevTools), Build npm is run
// with miniprogram-ci, and the demo's own pages are driven headlessly against
// the local dev server: silent login, a profile update, an app restart on the
// stored token, phone-number login, logout. Each step prints what the user
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

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? path.resolve(process.argv[index + 1]) : fallback;
}

let step = 0;
function show(action, page) {
  step += 1;
  const title = { 'pages/index/index': '首页', 'pages/profile/profile': '个人资料' }[page.route] || page.route;
  console.log(`${String(step).padStart(2)}. ${action}\n    ${title}: ${screenText(page)}`);
}
function note(text) {
  console.log(`    ${text}`);
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
    console.log(`\nPictures: ${path.relative(process.cwd(), pictures.index)}, ${path.relative(process.cwd(), pictures.profile)}`);
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
