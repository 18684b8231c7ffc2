'use strict';
// The local session helpers, the hosted login page's URLs, the v4 methods a
// mini program must not call, and updateAvatar: on the built package in the
// sandbox, over real HTTP to the dev server.

const test = require('node:test');
const assert = require('node:assert/strict');

const { startDevServer, makeMiniprogramRoot, appRun, outcome, plain, logIn } = require('./support.js');

async function setUp(t, options = {}) {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: `o-local-${Math.random().toString(16).slice(2)}` });
  return { server, run, authing: run.client(options) };
}

test('checkLoggedIn gives the session user\'s id, and a session error without one', async (t) => {
  const { run, authing } = await setUp(t);
  const none = await outcome(authing.checkLoggedIn());
  assert.equal(none.error.kind, 'session');
  assert.equal(none.error.code, 2020);
  const user = await logIn(run, authing);
  assert.equal(await authing.checkLoggedIn(), user.id);
});

test('setToken adopts a token of this pool as the session; later calls carry it, also after a restart', async (t) => {
  const { server, run, authing } = await setUp(t);
  const seeded = server.seedUser({ username: 'ann', nickname: 'Ann' });
  const token = server.issueToken(seeded.id);
  const changes = [];
  authing.on('loginStateChange', (change) => changes.push(plain(change)));
  assert.equal(await authing.setToken(token), undefined);
  assert.equal(run.storage.get('_authing_token'), token);
  assert.deepEqual(changes, [{ loggedIn: true, reason: 'login', userId: seeded.id }]);
  assert.equal((await authing.getCurrentUser()).nickname, 'Ann');

  const restarted = appRun({ root: makeMiniprogramRoot(), server, storage: run.storage });
  assert.equal((await restarted.client().getCurrentUser()).id, seeded.id);
  assert.equal(server.requests().at(-1).headers.authorization, `Bearer ${token}`);
});

test('setToken refuses a token of another user pool and keeps the session it had', async (t) => {
  const { run, authing } = await setUp(t);
  const user = await logIn(run, authing);
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const foreign = `${b64({ alg: 'HS256' })}.${b64({ sub: 'u-x', userpool_id: 'another-pool', exp: 4102444800 })}.c2ln`;
  const refused = await outcome(authing.setToken(foreign));
  assert.equal(refused.error.kind, 'argument');
  assert.equal(run.storage.get('_authing_token'), user.token);
  assert.equal(refused.error.message.includes(foreign), false, 'the token is not echoed');
});

test('setCurrentUser stores the allow-listed user and its token, never its password', async (t) => {
  const { server, run, authing } = await setUp(t);
  const seeded = server.seedUser({ username: 'bo', nickname: 'Bo', password: 'Secret-123' });
  const token = server.issueToken(seeded.id);
  await authing.setCurrentUser({ ...seeded, token, password: 'hash', salt: 'f00d', unknownField: 1 });
  const stored = run.storage.get('_authing_user');
  assert.equal(stored.id, seeded.id);
  assert.equal(stored.token, token);
  for (const key of ['password', 'salt', 'unknownField']) assert.equal(key in stored, false, key);
  assert.equal(run.storage.get('_authing_token'), token);
  assert.equal(await authing.checkLoggedIn(), seeded.id);
});

test('computedPasswordSecurityLevel answers at once by v4\'s rule', async (t) => {
  const { run, authing } = await setUp(t);
  const rows = [['abc', 1], ['abcdefgh', 1], ['abcdefg1', 2], ['ABCDEFG1', 2], ['abcdefghijk1', 2], ['Abcdefghijk1', 3], ['Ab1', 1]];
  for (const [password, level] of rows) assert.equal(authing.computedPasswordSecurityLevel(password), level, password);
  assert.throws(() => authing.computedPasswordSecurityLevel(42), (error) => error instanceof run.sdk.AuthingError && error.kind === 'argument');
});

test('buildAuthorizeUrl and buildLogoutUrl give the hosted page\'s URLs, and need appHost', async (t) => {
  const { server, run } = await setUp(t);
  const withoutHost = run.client();
  assert.throws(() => withoutHost.buildAuthorizeUrl(), (error) => error instanceof run.sdk.AuthingError && error.kind === 'argument' && /appHost/.test(error.message));
  assert.throws(() => withoutHost.buildLogoutUrl(), (error) => error.kind === 'argument');

  const oidc = run.client({ appHost: 'https://app1.authing.cn/', redirectUri: 'https://example.cn/cb' });
  const authorize = new URL(oidc.buildAuthorizeUrl({ scope: 'openid offline_access', state: 'st 1' }));
  assert.equal(`${authorize.origin}${authorize.pathname}`, 'https://app1.authing.cn/oidc/auth');
  assert.equal(authorize.searchParams.get('client_id'), server.appId);
  assert.equal(authorize.searchParams.get('redirect_uri'), 'https://example.cn/cb');
  assert.equal(authorize.searchParams.get('response_type'), 'code');
  assert.equal(authorize.searchParams.get('state'), 'st 1');
  assert.equal(authorize.searchParams.get('prompt'), 'consent');
  assert.match(authorize.searchParams.get('nonce'), /^\d+$/);

  assert.equal(oidc.buildLogoutUrl({ redirectUri: 'https://example.cn/?a=1&b=2' }),
    'https://app1.authing.cn/login/profile/logout?redirect_uri=https%3A%2F%2Fexample.cn%2F%3Fa%3D1%26b%3D2');
  const expert = new URL(oidc.buildLogoutUrl({ expert: true, idToken: 'id.token.x', redirectUri: 'https://example.cn/bye' }));
  assert.equal(expert.pathname, '/oidc/session/end');
  assert.equal(expert.searchParams.get('id_token_hint'), 'id.token.x');
  assert.throws(() => oidc.buildLogoutUrl({ expert: true, idToken: 'id.token.x' }), (error) => error.kind === 'argument');

  const cas = run.client({ appHost: 'https://app1.authing.cn', protocol: 'cas' });
  assert.equal(cas.buildAuthorizeUrl({ service: 'https://example.cn/s' }), `https://app1.authing.cn/cas-idp/${server.appId}?service=https%3A%2F%2Fexample.cn%2Fs`);
  assert.equal(run.client({ appHost: 'https://app1.authing.cn', protocol: 'saml' }).buildAuthorizeUrl(), `https://app1.authing.cn/saml-idp/${server.appId}`);
  assert.match(run.client({ appHost: 'https://app1.authing.cn', protocol: 'oauth' }).buildAuthorizeUrl(), /^https:\/\/app1\.authing\.cn\/oauth\/auth\?state=\d+&scope=user&client_id=/);
  assert.equal(server.requests().length, 0, 'nothing went on the wire');
});

test('v4 methods a mini program must not call reject at once with kind unsupported, and send nothing', async (t) => {
  const { server, run } = await setUp(t);
  const reported = [];
  const authing = run.client({ onError: (code, message, data) => reported.push({ code, message, data }) });
  const calls = [
    ['getAccessTokenByCode', 'code-1'], ['getAccessTokenByClientCredentials', 'openid', { accessKey: 'k', secretKey: 's' }],
    ['getNewAccessTokenByRefreshToken', 'r-1'], ['revokeToken', 't-1'], ['introspectToken', 't-1'],
    ['getUserInfoByAccessToken', 'a-1'], ['loginByAd', 'alice', 'pw-secret'],
  ];
  for (const [name, ...args] of calls) {
    const refused = await outcome(run.client()[name](...args));
    assert.ok(refused.error instanceof run.sdk.AuthingError, name);
    assert.equal(refused.error.kind, 'unsupported', name);
    assert.equal(refused.error.code, 'UNSUPPORTED_IN_MINIPROGRAM', name);
    assert.equal(refused.error.message.includes('pw-secret') || refused.error.message.includes('secretKey'), false);
  }
  await outcome(authing.revokeToken('t-1'));
  assert.equal(reported.length, 1, 'onError once');
  assert.deepEqual(server.requests(), []);
});

test('updateAvatar uploads the chosen image with the session\'s token, then sets it as the photo', async (t) => {
  const { server, run, authing } = await setUp(t);
  const user = await logIn(run, authing);
  const image = Buffer.from('a chosen image');
  run.wx.__chooseImage('wxfile://tmp_chosen.png', image);
  const updated = await authing.updateAvatar();

  const upload = server.requests().find((request) => request.path === '/api/v2/upload');
  assert.equal(upload.query.folder, 'avatar');
  assert.equal(upload.headers.authorization, `Bearer ${user.token}`);
  assert.equal(upload.headers['x-authing-userpool-id'], server.userPoolId);
  assert.match(upload.headers['content-type'], /^multipart\/form-data/);
  assert.match(updated.photo, /\/uploads\//);
  assert.deepEqual(Buffer.from(await (await fetch(updated.photo)).arrayBuffer()), image);
  assert.equal(run.storage.get('_authing_user').photo, updated.photo);
  assert.equal(run.storage.get('_authing_token'), user.token);
});

test('updateAvatar takes the path <button open-type="chooseAvatar"> gives, without a chooser', async (t) => {
  const { server, run, authing } = await setUp(t);
  await logIn(run, authing);
  run.wx.__files.set('wxfile://tmp_avatar.jpg', Buffer.from('avatar bytes'));
  run.wx.__faults.chooseFail = { errMsg: 'chooseMedia:fail the chooser must not open' };
  const updated = await authing.updateAvatar({ filePath: 'wxfile://tmp_avatar.jpg' });
  assert.deepEqual(Buffer.from(await (await fetch(updated.photo)).arrayBuffer()), Buffer.from('avatar bytes'));
  assert.equal(server.uploads().length, 1);
});

test('updateAvatar fails cleanly: a cancelled chooser, a refused upload, an upload answer without a url', async (t) => {
  const { server, run, authing } = await setUp(t);
  await logIn(run, authing);
  const before = run.storage.get('_authing_user');

  run.wx.__faults.chooseFail = { errMsg: 'chooseMedia:fail cancel' };
  const cancelled = await outcome(authing.updateAvatar());
  assert.equal(cancelled.error.kind, 'wechat');
  assert.equal(cancelled.error.code, 'CHOOSE_IMAGE_FAILED');

  server.fault({ path: '/api/v2/upload', status: 500, body: '<html>oops</html>' });
  const refused = await outcome(authing.updateAvatar());
  assert.equal(refused.error.kind, 'http');
  assert.equal(refused.error.statusCode, 500);

  server.fault({ path: '/api/v2/upload', status: 200, json: { code: 200, message: 'ok', data: { key: 'k' } } });
  const shapeless = await outcome(authing.updateAvatar());
  assert.equal(shapeless.error.code, 'BAD_RESPONSE');

  run.wx.__faults.uploadFail = { errMsg: 'uploadFile:fail connection reset', errno: 600001 };
  const dropped = await outcome(authing.updateAvatar());
  assert.equal(dropped.error.kind, 'network');
  assert.equal(dropped.error.code, 'UPLOAD_FAILED');

  assert.deepEqual(run.storage.get('_authing_user'), before, 'the stored user is as it was');
  assert.equal(server.requests().some((request) => request.path === '/graphql/v2' && /updateUser/.test(request.body)), false);
});
