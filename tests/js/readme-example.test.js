'use strict';
// The README's "Use" example is a page a user copies: it runs here, through
// the test kit, against the dev server, and does what its comments say.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT } = require('./support.js');
const { startMiniprogram } = require('../../js/testing/index.js');

function readmeExample() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const use = readme.slice(readme.indexOf('\n## Use\n'));
  const [, code] = /```js\n([\s\S]*?)```/.exec(use);
  assert.match(code, /^Page\(\{/m, 'the first example of "Use" is a page');
  return code;
}

test('the README\'s example page logs in silently, by phone, changes the avatar and the nickname, and logs out', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-readme-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'pages', 'index'), { recursive: true });
  fs.writeFileSync(path.join(root, 'pages', 'index', 'index.js'), readmeExample());
  const mp = await startMiniprogram({ root, userPoolId: 'YOUR_USERPOOL_ID', appId: 'YOUR_APP_ID', openid: 'o-readme' });
  t.after(() => mp.close());
  const stored = () => mp.storage.get('_authing_user');

  const page = mp.loadPage('pages/index/index');
  await page.onLoad();
  assert.equal(page.data.nickname, '微信用户');
  const first = stored().id;

  await page.onShow();
  const detail = await mp.wx.__getPhoneNumberDetail('13800138000');
  await page.onGetPhoneNumber({ detail });
  assert.equal(stored().phone, '13800138000');

  mp.wx.__files.set('wxfile://tmp/avatar.png', Buffer.from('\x89PNG fake'));
  await page.onChooseAvatar({ detail: { avatarUrl: 'wxfile://tmp/avatar.png' } });
  assert.equal(mp.server.uploads().length, 1);
  assert.equal(stored().photo, mp.server.uploads()[0].url);

  await page.rename();
  assert.equal(mp.server.users().find((user) => user.id === stored().id).nickname, 'Bob');
  assert.equal(stored().id, first, 'one WeChat user throughout');

  mp.wx.__faults.offline = true;
  await page.logout();
  assert.equal(mp.storage.has('_authing_token'), false, 'logged out on the device without the server');
});
