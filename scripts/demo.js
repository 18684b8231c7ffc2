#!/usr/bin/env node
'use strict';
// npm run demo: the user guide's flow, run by the built package inside the mini
// program sandbox against the local dev server, printing what happens at each
// step. Tokens are never printed.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startDevServer } = require('../js/testing/dev-server.js');
const { createFakeWx } = require('../js/testing/fake-wx.js');
const { createSandbox } = require('../js/testing/sandbox.js');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));

function miniprogramRoot() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-demo-'));
  const target = path.join(dir, 'miniprogram_npm', pkg.name);
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(path.join(root, 'dist'))) {
    fs.copyFileSync(path.join(root, 'dist', file), path.join(target, file));
  }
  return dir;
}

let step = 0;
function show(call, result) {
  step += 1;
  console.log(`${String(step).padStart(2)}. ${call}\n    → ${result}`);
}

function who(user) {
  return `${user.nickname || '(no nickname)'} (id ${user.id}${user.phone ? `, phone ${user.phone}` : ''})`;
}

function stored(storage) {
  const user = storage.get('_authing_user');
  return storage.has('_authing_token')
    ? `wx storage: _authing_token (${storage.get('_authing_token').length} chars), _authing_user ${user ? user.nickname : '-'}`
    : 'wx storage: no session';
}

async function main() {
  const server = await startDevServer();
  const mpRoot = miniprogramRoot();
  const storage = new Map();
  const openid = 'o-demo-user';
  console.log(`authing-wxapp-sdk ${pkg.version} demo against the local dev server ${server.url}`);
  console.log(`userPoolId ${server.userPoolId}, appId ${server.appId}; the package runs in a mini-program-like sandbox\n`);

  function appStart() {
    const wx = createFakeWx({ server: server.url, storage, openid });
    const sandbox = createSandbox({ root: mpRoot, wx });
    const { AuthenticationClient } = sandbox.require(pkg.name);
    const authing = new AuthenticationClient({ userPoolId: server.userPoolId, appId: server.appId, host: server.url });
    return { wx, authing };
  }

  try {
    let { wx, authing } = appStart();
    const { code } = await wx.login();
    show('const { code } = await wx.login()', `a one-time code (${code.length} chars)`);
    const user = await authing.loginByCode(code);
    show('await authing.loginByCode(code)', `logged in as ${who(user)}; ${stored(storage)}`);
    const bob = await authing.updateProfile({ nickname: 'Bob' });
    show("await authing.updateProfile({ nickname: 'Bob' })", `nickname is now ${bob.nickname}`);

    console.log('\n-- the app restarts: a new client over the same wx storage --\n');
    ({ wx, authing } = appStart());
    const mick = await authing.updateProfile({ nickname: 'Mick' });
    show("await authing.updateProfile({ nickname: 'Mick' })", `works with the stored token: nickname is now ${mick.nickname}`);
    const me = await authing.getCurrentUser();
    show('await authing.getCurrentUser()', `${who(me)}, identity ${me.identities[0].provider}`);
    const status = await authing.checkLoginStatus();
    show('await authing.checkLoginStatus()', `status ${status.status}, code ${status.code}, expires ${new Date(status.exp * 1000).toISOString()}`);
    server.advanceClock(60);
    const refreshed = await authing.refreshToken();
    show('await authing.refreshToken()', `a new token, expires ${new Date(refreshed.exp * 1000).toISOString()}; ${stored(storage)}`);

    const { code: phoneCode } = await wx.login();
    const detail = await wx.__getPhoneNumberDetail('13800000000');
    const phoneUser = await authing.loginByPhone(phoneCode, detail.iv, detail.encryptedData);
    show('await authing.loginByPhone(code, e.detail.iv, e.detail.encryptedData)', `logged in as ${who(phoneUser)}`);
    const { code: getPhoneCode } = await wx.login();
    const phoneDetail = await wx.__getPhoneNumberDetail('13900000000');
    const phone = await authing.getPhone(getPhoneCode, phoneDetail.iv, phoneDetail.encryptedData);
    show('await authing.getPhone(code, iv, encryptedData)', `+${phone.countryCode} ${phone.purePhoneNumber}`);

    await authing.logout();
    show('await authing.logout()', stored(storage));
    try {
      await authing.updateProfile({ nickname: 'Nobody' });
    } catch (error) {
      show("await authing.updateProfile({ nickname: 'Nobody' })", `${error.name} ${error.kind} ${error.code}: ${error.message}`);
    }
    const requests = server.requests();
    const withHeaders = requests.filter((request) => request.headers['x-authing-sdk-version'] === `wxapp:${pkg.version}` &&
      request.headers['x-authing-userpool-id'] === server.userPoolId && request.headers['x-authing-request-from'] === 'wxapp');
    console.log(`\n${requests.length} requests reached the dev server; ${withHeaders.length} carried the SDK headers.`);
    if (withHeaders.length !== requests.length) throw new Error('a request went out without the SDK headers');
  } finally {
    await server.close();
    fs.rmSync(mpRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error('demo failed:', error);
  process.exit(1);
});
