'use strict';
// npm run demo, as the README's first command runs it: it must finish, show
// each step of the flow as the pages render it, and write pictures that show
// the pages (WeChat's green primary button, the user's nickname row), never a
// token.

const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { readPng } = require('./lib/png.js');
const { WIDTH, HEIGHT } = require('./lib/screenshot.js');

const ROOT = path.resolve(__dirname, '..', '..');
const PRIMARY_GREEN = [0x07, 0xc1, 0x60];

function count(picture, matches) {
  let found = 0;
  for (let y = 0; y < picture.height; y += 2) {
    for (let x = 0; x < picture.width; x += 2) if (matches(picture.at(x, y))) found += 1;
  }
  return found;
}

const near = (color) => (pixel) => pixel.every((value, i) => Math.abs(value - color[i]) <= 6);

test('npm run demo drives the demo pages through the whole flow and pictures them', (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-demo-shots-'));
  t.after(() => fs.rmSync(out, { recursive: true, force: true }));
  const printed = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.js'), '--out', out], {
    cwd: ROOT, encoding: 'utf8', timeout: 240000,
  });

  const steps = printed.split('\n').filter((line) => /^ ?\d+\. /.test(line));
  assert.equal(steps.length, 12, printed);
  assert.match(printed, /0 warnings/);
  assert.match(printed, /首页: Authing 小程序登录 · 已通过微信静默登录 · 昵称 · 微信用户/);
  assert.match(printed, /个人资料: 个人资料 · \[更换头像\] · 昵称 · Bob/);
  assert.match(printed, /首页: Authing 小程序登录 · 已恢复上次的登录 · 昵称 · Bob/);
  assert.match(printed, /no login request was made \(0\)/);
  assert.match(printed, /手机号 · 13800138000/);
  assert.match(printed, /个人资料: 未登录/);
  assert.match(printed, /wx storage holds no session/);
  assert.match(printed, /（NETWORK_ERROR）/);
  assert.match(printed, /the profile photo is now <dev server>\/uploads\//);
  assert.match(printed, /其他登录方式: .*验证码已发送至 13900139000/);
  assert.match(printed, /首页: Authing 小程序登录 · .* · 手机号 · 13900139000/);
  assert.match(printed, /首页: Authing 小程序登录 · .* · 昵称 · 密码用户/);
  assert.match(printed, /the password left the phone RSA-encrypted: yes/);
  assert.doesNotMatch(printed, /eyJ[\w-]+\.[\w-]+\./, 'no token is printed');

  for (const name of ['index.png', 'profile.png', 'login.png']) {
    const picture = readPng(fs.readFileSync(path.join(out, name)));
    assert.deepEqual([picture.width, picture.height], [WIDTH, HEIGHT], name);
    assert.ok(count(picture, near(PRIMARY_GREEN)) > 2000, `${name} shows the green primary button`);
    assert.ok(count(picture, near([0xff, 0xff, 0xff])) > 20000, `${name} shows the white cards`);
    assert.ok(count(picture, (pixel) => pixel.every((value) => value < 80)) > 200, `${name} shows dark text`);
  }
  const config = fs.readFileSync(path.join(ROOT, 'build', 'demo-miniprogram', 'config.js'), 'utf8');
  assert.match(config, /http:\/\/127\.0\.0\.1:3000/, 'the built demo is left pointing at npm run dev-server');
});
