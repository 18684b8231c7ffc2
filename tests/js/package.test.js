'use strict';
// The built package as a mini program will see it: what dist/ holds, what its
// JS may contain, how it loads (WXWebAssembly by path, both result shapes, a
// custom wasmPath, plain Node), and that its public surface is the core's table.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const zlib = require('node:zlib');
const path = require('node:path');

const {
  ROOT, DIST, PACKAGE, BUILT_MINIPROGRAM, startDevServer, createFakeWx, makeMiniprogramRoot, appRun, outcome, logIn,
} = require('./support.js');

// The shim, the operation table and the glue are bundled into index.js.
const DIST_FILES = ['authing-core.wasm.br', 'index.js'];

test('the sandbox roots hold the package under test: dist/, or the Build npm output when the runner names one', () => {
  const root = makeMiniprogramRoot();
  const source = BUILT_MINIPROGRAM ? path.join(BUILT_MINIPROGRAM, 'miniprogram_npm', PACKAGE.name) : DIST;
  const loaded = path.join(root, 'miniprogram_npm', PACKAGE.name);
  assert.deepEqual(fs.readdirSync(loaded).sort(), fs.readdirSync(source).sort());
  for (const file of fs.readdirSync(source)) {
    assert.ok(fs.readFileSync(path.join(loaded, file)).equals(fs.readFileSync(path.join(source, file))), file);
  }
  assert.equal(fs.existsSync(path.join(root, 'project.config.json')), Boolean(BUILT_MINIPROGRAM));
  fs.rmSync(root, { recursive: true, force: true });
});

test('dist holds exactly the files a mini program may upload', () => {
  assert.deepEqual(fs.readdirSync(DIST).sort(), DIST_FILES);
  for (const file of fs.readdirSync(DIST)) assert.match(file, /\.(js|wasm|br)$/);
  assert.equal(PACKAGE.miniprogram, 'dist');
  assert.equal(PACKAGE.main, 'dist/index.js');
  // The test kit ships beside the miniprogram folder, never inside it: Build npm copies that folder only.
  assert.deepEqual(PACKAGE.files, ['dist', 'types', 'js/testing', 'CHANGELOG.md']);
  assert.equal(PACKAGE.types, 'types/index.d.ts');
  assert.deepEqual(PACKAGE.exports, {
    '.': { types: './types/index.d.ts', default: './dist/index.js' },
    './testing': { types: './types/testing.d.ts', default: './js/testing/index.js' },
    './authing-core.wasm.br': './dist/authing-core.wasm.br',
    './package.json': './package.json',
  });
  assert.equal(PACKAGE.dependencies, undefined, 'the package installs nothing else');
});

test('dist JS uses no eval, no new Function and no syntax newer than ES2018', () => {
  for (const file of DIST_FILES.filter((name) => name.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(DIST, file), 'utf8');
    assert.doesNotMatch(source, /new Function\s*\(|[^\w.]eval\s*\(/, file);
    // Syntax the Build npm parser (acorn 6, ES2018) rejects.
    assert.doesNotMatch(source, /\?\.[\w[(]|\?\?|catch\s*\{|import\s*\(|import\.meta/, file);
    // Only literal requires of files that exist next to it (comments aside).
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const match of code.matchAll(/(?<![.\w$])require\s*\(([^)]*)\)/g)) {
      assert.match(match[1], /^(['"])\.\/[\w.-]+\.js\1$/, `${file}: require(${match[1]})`);
      assert.ok(fs.existsSync(path.join(DIST, match[1].slice(3, -1))), match[1]);
    }
  }
});

test('dist is reproducible: assembling it again from the same build gives the same bytes', async (t) => {
  const { assemble } = require(path.join(ROOT, 'scripts', 'build.js'));
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-dist-'));
  t.after(() => fs.rmSync(again, { recursive: true, force: true }));
  await assemble(again);
  assert.deepEqual(fs.readdirSync(again).sort(), DIST_FILES);
  for (const file of DIST_FILES) {
    assert.ok(fs.readFileSync(path.join(again, file)).equals(fs.readFileSync(path.join(DIST, file))), file);
  }
});

test('the wasm uses baseline features only and exports no globals', () => {
  const bytes = zlib.brotliDecompressSync(fs.readFileSync(path.join(DIST, 'authing-core.wasm.br')));
  const module = new WebAssembly.Module(bytes);
  assert.ok(WebAssembly.Module.exports(module).length > 0);
  for (const entry of WebAssembly.Module.exports(module)) assert.notEqual(entry.kind, 'global', entry.name);
});

// Methods v4 answers synchronously; the shim has them (js/hosted.js), not the core's table.
const SYNCHRONOUS_METHODS = ['computedPasswordSecurityLevel', 'buildAuthorizeUrl', 'buildLogoutUrl'];

// The public methods of v4's AuthenticationClient (authing-wxapp-sdk 4.x on
// authing-js-sdk 4.15.8), with the later v4's hasRole and listRoles.
const V4_METHODS = [
  'loginByCode', 'loginByPhone', 'getPhone', 'updateAvatar', 'bindEmail', 'bindPhone', 'buildAuthorizeUrl',
  'buildLogoutUrl', 'checkLoggedIn', 'checkLoginStatus', 'checkPasswordStrength', 'computedPasswordSecurityLevel',
  'getAccessTokenByClientCredentials', 'getAccessTokenByCode', 'getCurrentUser', 'getNewAccessTokenByRefreshToken',
  'getSecurityLevel', 'getUdfValue', 'getUserInfoByAccessToken', 'introspectToken', 'linkAccount', 'listApplications',
  'listAuthorizedResources', 'listOrgs', 'listUdv', 'loginByAd', 'loginByEmail', 'loginByLdap', 'loginByPhoneCode',
  'loginByPhonePassword', 'loginBySubAccount', 'loginByUsername', 'logout', 'refreshToken', 'registerByEmail',
  'registerByPhoneCode', 'registerByUsername', 'removeUdfValue', 'removeUdv', 'resetPasswordByEmailCode',
  'resetPasswordByPhoneCode', 'revokeToken', 'sendEmail', 'sendSmsCode', 'setCurrentUser', 'setToken', 'setUdfValue',
  'setUdv', 'unLinkAccount', 'unbindEmail', 'unbindPhone', 'updateEmail', 'updatePassword', 'updatePhone',
  'updateProfile', 'hasRole', 'listRoles',
];

// The typings are held to the same table by tests/miniprogram/typings.test.js,
// which reads them with the TypeScript compiler, and docs/api.md by tests/js/api-doc.test.js.
test('the client\'s methods are the core\'s own operation table', async () => {
  const build = require(path.join(ROOT, 'scripts', 'build.js'));
  const wasmBytes = fs.readFileSync(path.join(build.wasmBuild, build.WASM));
  assert.ok(zlib.brotliDecompressSync(fs.readFileSync(path.join(DIST, 'authing-core.wasm.br'))).equals(wasmBytes),
    'dist/ was assembled from this build');
  const table = await build.readOperationTable(path.join(build.wasmBuild, build.GLUE), wasmBytes);
  assert.ok(table.length > 0);
  const { AuthenticationClient } = require(path.join(DIST, 'index.js'));
  const methods = Object.getOwnPropertyNames(AuthenticationClient.prototype).filter((name) => !['constructor', 'on', 'off'].includes(name) && !name.startsWith('_'));
  assert.deepEqual(methods, [...table.map((operation) => operation.name), ...SYNCHRONOUS_METHODS]);
});

test('every public method of v4\'s client is a method here: a page ported from v4 never meets "is not a function"', () => {
  const { AuthenticationClient } = require(path.join(DIST, 'index.js'));
  const missing = V4_METHODS.filter((name) => typeof AuthenticationClient.prototype[name] !== 'function');
  assert.deepEqual(missing, []);
});

test('in the sandbox the wasm is loaded from the default Build npm path', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-path' });
  const user = await logIn(run, run.client());
  assert.match(user.id, /^[0-9a-f]{24}$/);
  assert.deepEqual(run.sandbox.wasmCalls.map((call) => call.path), [`/miniprogram_npm/${PACKAGE.name}/authing-core.wasm.br`]);

  await t.test('two clients share one module', async () => {
    await run.client().getCurrentUser();
    assert.equal(run.sandbox.wasmCalls.length, 1);
  });
});

test('WXWebAssembly resolving a bare instance works too', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-shape', sandboxOptions: { instantiateResult: 'instance' } });
  const user = await logIn(run, run.client());
  assert.equal(typeof user.token, 'string');
});

test('wasmPath moves the module; a wrong path is a typed error, not a hang', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  fs.mkdirSync(path.join(root, 'subpackage', 'lib'), { recursive: true });
  fs.copyFileSync(path.join(DIST, 'authing-core.wasm.br'), path.join(root, 'subpackage', 'lib', 'core.wasm.br'));
  fs.writeFileSync(path.join(root, 'subpackage', 'lib', 'plain.wasm'),
    zlib.brotliDecompressSync(fs.readFileSync(path.join(DIST, 'authing-core.wasm.br'))));

  for (const wasmPath of ['/subpackage/lib/core.wasm.br', '/subpackage/lib/plain.wasm']) {
    const moved = appRun({ root, server, openid: `o-moved-${wasmPath.length}` });
    const user = await logIn(moved, moved.client({ wasmPath }));
    assert.equal(typeof user.id, 'string');
    assert.deepEqual(moved.sandbox.wasmCalls.map((call) => call.path), [wasmPath]);
  }

  const reported = [];
  const wrong = appRun({ root, server, openid: 'o-wrong' });
  const result = await outcome(wrong.client({ wasmPath: '/nowhere/core.wasm', onError: (code) => reported.push(code) }).getCurrentUser());
  assert.ok(result.error instanceof wrong.sdk.AuthingError);
  assert.equal(result.error.code, 'WASM_LOAD_FAILED');
  assert.equal(result.error.kind, 'runtime');
  assert.deepEqual(reported, ['WASM_LOAD_FAILED']);
});

// Text crosses into the wasm as TextEncoder's bytes where the runtime has one,
// else as a string the module converts itself; both ways must agree.
for (const textDecoder of [false, true]) {
  test(`Chinese and emoji survive the trip through the wasm and back, ${textDecoder ? 'with' : 'without'} TextEncoder and TextDecoder`, async (t) => {
    const server = await startDevServer();
    t.after(() => server.close());
    const run = appRun({ root: makeMiniprogramRoot(), server, openid: `o-utf8-${textDecoder}`, sandboxOptions: { textDecoder } });
    assert.equal(run.sandbox.run('typeof TextEncoder === "function" && typeof TextDecoder === "function"'), textDecoder);
    const authing = run.client();
    await logIn(run, authing);
    const nickname = '混合 ASCII 和中文，😀 emoji \u2028 "quoted" \\ \u0001';
    const updated = await authing.updateProfile({ nickname, city: 'x'.repeat(5000) });
    assert.equal(updated.nickname, nickname);
    assert.equal(run.storage.get('_authing_user').nickname, nickname);
    assert.equal(server.requests().at(-1).json.variables.input.nickname, nickname, 'the server got the same text');
  });
}

test('in plain Node the package loads the wasm bytes from next to itself', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const wx = createFakeWx({ server: server.url, openid: 'o-node' });
  global.wx = wx;
  t.after(() => { delete global.wx; });
  const { AuthenticationClient, AuthingError } = require(path.join(DIST, 'index.js'));
  const authing = new AuthenticationClient({ userPoolId: server.userPoolId, appId: server.appId, host: server.url });
  const { code } = await wx.login();
  const user = await authing.loginByCode(code);
  assert.equal(typeof user.token, 'string');
  assert.throws(() => new AuthenticationClient({ userPoolId: server.userPoolId, host: 'http://example.com' }), (error) => {
    assert.ok(error instanceof AuthingError);
    assert.ok(error instanceof Error);
    assert.equal(error.code, 'INVALID_OPTIONS');
    return true;
  });
});

test('the package does not rely on microtask ordering (iOS 15 promises)', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-ios15', sandboxOptions: { promiseMode: 'ios15' } });
  const authing = run.client();
  const user = await logIn(run, authing);
  const [profile, me] = await Promise.all([authing.updateProfile({ nickname: 'iOS' }), authing.getCurrentUser()]);
  assert.equal(profile.nickname, 'iOS');
  assert.equal(me.id, user.id);
});

test('an answer nested to the depth limit fits the module\'s 64 KB stack', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-deep' });
  const authing = run.client();
  await logIn(run, authing);
  // {"data":{"user":{"deep": 61 arrays}}}: 64 levels, the most the core accepts.
  const depth = 61;
  server.fault({ path: '/graphql/v2', status: 200, body: `{"data":{"user":{"id":"u","deep":${'['.repeat(depth)}1${']'.repeat(depth)}}}}` });
  const user = await authing.getCurrentUser();
  let levels = 0;
  for (let value = user.deep; Array.isArray(value); value = value[0]) levels += 1;
  assert.equal(levels, depth);
  server.fault({ path: '/graphql/v2', status: 200, body: `{"data":{"user":{"id":"u","deep":${'['.repeat(depth + 1)}1${']'.repeat(depth + 1)}}}}` });
  await assert.rejects(authing.getCurrentUser(), { kind: 'http', code: 'BAD_RESPONSE' });
});
