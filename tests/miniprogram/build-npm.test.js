'use strict';
// Build npm for real: the packed package installed into a copy of the demo,
// miniprogram-ci's packNpm run on it, and the output checked file by file and
// then loaded the way the mini program loads it.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { buildDemo, ROOT, PACKAGE } = require('./lib/build-npm.js');
const { createSandbox } = require('../../js/testing/sandbox.js');
const { createFakeWx } = require('../../js/testing/fake-wx.js');
const { startDevServer } = require('../../js/testing/dev-server.js');

// What Build npm must put in miniprogram_npm/authing-wxapp-sdk/: index.js (the
// shim, the generated operation table and the Emscripten glue, bundled) and
// the wasm, nothing else.
const EXPECTED_FILES = ['authing-core.wasm.br', 'index.js'];
const DIST = path.join(ROOT, 'dist');

let built;
test.before(async () => {
  built = await buildDemo();
});
test.after(() => fs.rmSync(built.projectDir, { recursive: true, force: true }));

test('npm install puts the tarball\'s contents into node_modules, as from the registry', () => {
  const installed = path.join(built.projectDir, 'node_modules', PACKAGE.name);
  assert.equal(fs.lstatSync(installed).isSymbolicLink(), false);
  assert.equal(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).miniprogram, 'dist');
});

test('Build npm copies exactly dist/ into miniprogram_npm/authing-wxapp-sdk/, byte for byte, without warnings', () => {
  assert.deepEqual(built.warnings, []);
  assert.equal(built.reports.length, 1);
  assert.deepEqual(
    { packed: built.reports[0].miniprogram_pack_num, notFound: built.reports[0].warn_not_found_num, requireVar: built.reports[0].warn_require_var_num },
    { packed: 1, notFound: 0, requireVar: 0 });
  assert.deepEqual(built.files, EXPECTED_FILES);
  assert.deepEqual(fs.readdirSync(DIST).sort(), EXPECTED_FILES);
  for (const file of EXPECTED_FILES) {
    assert.ok(fs.readFileSync(path.join(built.packageDir, file)).equals(fs.readFileSync(path.join(DIST, file))), `${file} is byte-identical`);
  }
  assert.deepEqual(fs.readdirSync(path.join(built.projectDir, 'miniprogram_npm')), [PACKAGE.name]);
});

// The footprint budget (see npm run bench): the main package of a mini program
// is 2 MB in all, and an auth SDK should take a small slice of it.
const BUDGET_BYTES = 128 * 1024;

test('everything Build npm adds to miniprogram_npm/ fits in 128 KB', () => {
  const total = built.files.reduce((sum, file) => sum + fs.statSync(path.join(built.packageDir, file)).size, 0);
  assert.ok(total <= BUDGET_BYTES, `${total} bytes in miniprogram_npm/${PACKAGE.name}/, budget ${BUDGET_BYTES}`);
});

test('the Build npm output loads in the mini program sandbox from the default wasm path', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const storage = new Map();
  const wx = createFakeWx({ server: server.url, storage, openid: 'o-build-npm' });
  const sandbox = createSandbox({ root: built.projectDir, wx });
  const { AuthenticationClient, AuthingError } = sandbox.require(PACKAGE.name);
  const authing = new AuthenticationClient({ userPoolId: server.userPoolId, appId: server.appId, host: server.url });

  const { code } = await wx.login();
  const user = await authing.loginByCode(code);
  assert.equal(user.id, server.users()[0].id);
  assert.deepEqual(sandbox.wasmCalls.map((call) => call.path), [`/miniprogram_npm/${PACKAGE.name}/authing-core.wasm.br`]);
  const updated = await authing.updateProfile({ nickname: '小程序 Bob' });
  assert.equal(updated.nickname, '小程序 Bob');
  await authing.logout();
  const error = await authing.updateProfile({ nickname: 'x' }).then(() => null, (rejection) => rejection);
  assert.ok(error instanceof AuthingError, 'a typed error from the packed module');
  assert.equal(error.kind, 'session');
});
