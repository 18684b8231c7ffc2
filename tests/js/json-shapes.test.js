'use strict';
// Valid JSON in shapes JSON.parse reads its own way (a number beyond double
// range, lone surrogates, -0, a byte order mark, a repeated key, __proto__
// keys), served by the dev server to the built package in the sandbox: the
// caller gets exactly what JSON.parse makes of the answer, and no prototype
// of the mini program's realm changes. Run with and without TextEncoder and
// TextDecoder, the two ways text crosses into the wasm and back.

const test = require('node:test');
const assert = require('node:assert/strict');

const { startDevServer, makeMiniprogramRoot, appRun, logIn, sameValue } = require('./support.js');

const GRAPHQL = '/graphql/v2';
const LOGIN = '/connections/social/wechat-miniprogram/auth';

// Nothing was added to Object.prototype, in the sandbox's realm or in this one.
function assertNoPollution(run) {
  assert.equal(run.sandbox.run('({}).polluted'), undefined);
  assert.equal(run.sandbox.run('Object.getOwnPropertyNames(Object.prototype).includes("polluted")'), false);
  assert.equal({}.polluted, undefined);
}

function assertSame(actual, expected) {
  assert.ok(sameValue(actual, expected), `${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`);
}

for (const textDecoder of [false, true]) {
  const mode = textDecoder ? 'with TextEncoder and TextDecoder' : 'with the module\'s own UTF-8 routines';

  test(`answers that JSON.parse reads its own way reach the caller as it reads them, ${mode}`, async (t) => {
    const server = await startDevServer();
    t.after(() => server.close());
    const root = makeMiniprogramRoot();
    const run = appRun({ root, server, openid: `o-shapes-${textDecoder}`, sandboxOptions: { textDecoder } });
    assert.equal(run.sandbox.run('typeof TextDecoder === "function"'), textDecoder);
    const authing = run.client();
    const me = await logIn(run, authing);

    // Serves `body` once at `path`, calls, and checks the result against JSON.parse(body) at `at`.
    async function answered(path, body, call, at) {
      server.fault({ path, status: 200, body });
      const result = await call();
      assertSame(result, at(JSON.parse(body.replace(/^\ufeff/, ''))));
      return result;
    }

    await t.test('getCurrentUser: 1e400 is Infinity, -1e400 -Infinity, -0 and 1e-400 as JSON.parse has them', async () => {
      const body = `{"data":{"user":{"id":"${me.id}","loginsCount":1e400,"country":-1e400,"province":-0,"city":1e-400,`
        + String.raw`"nickname":"a\ud800b","company":"\udc00","lastIP":"\ud83d\ude00","region":"\udbff\ud800"}}}`;
      const user = await answered(GRAPHQL, body, () => authing.getCurrentUser(), (json) => json.data.user);
      assert.equal(user.loginsCount, Infinity);
      assert.equal(user.country, -Infinity);
      assert.ok(Object.is(user.province, -0));
      assert.ok(Object.is(user.city, 0));
      assert.equal(user.nickname, 'a\ud800b');
      assert.equal(user.nickname.length, 3);
      assert.equal(user.company, '\udc00');
      assert.equal(user.lastIP, '😀');
      assert.equal(user.region, '\udbff\ud800');
    });

    await t.test('updateProfile: an updated user with -1e400 and a lone surrogate resolves as JSON.parse reads it', async () => {
      const body = String.raw`{"data":{"updateUser":{"id":"${me.id}","nickname":"\ud800\u0041","loginsCount":-1e400}}}`;
      const user = await answered(GRAPHQL, body, () => authing.updateProfile({ nickname: 'x' }), (json) => json.data.updateUser);
      assert.equal(user.nickname, '\ud800A');
      assert.equal(user.loginsCount, -Infinity);
      assert.equal(run.storage.get('_authing_user').nickname, '\ud800A', 'the stored user has the same string');
    });

    await t.test('an answer led by a byte order mark is read without it', async () => {
      const body = `\ufeff{"data":{"user":{"id":"${me.id}","nickname":"bom"}}}`;
      const user = await answered(GRAPHQL, body, () => authing.getCurrentUser(), (json) => json.data.user);
      assert.equal(user.nickname, 'bom');
    });

    await t.test('a login answer naming its id twice logs in as the last id', async () => {
      const body = `{"code":200,"message":"ok","data":{"id":"u-decoy","nickname":"n","token":"${me.token}","id":"${me.id}"}}`;
      const user = await answered(LOGIN, body, async () => authing.loginByCode((await run.wx.login()).code),
        (json) => json.data);
      assert.equal(user.id, me.id);
      assert.equal(run.storage.get('_authing_user').id, me.id);
      assert.equal(run.storage.get('_authing_token'), me.token);
      assert.equal((await authing.getCurrentUser()).id, me.id);
    });

    await t.test('a login answer whose last id is another user than its token names logs nobody in', async () => {
      const fresh = appRun({ root, server, openid: `o-shapes-fresh-${textDecoder}`, sandboxOptions: { textDecoder } });
      server.fault({ path: LOGIN, status: 200, body: `{"code":200,"message":"ok","data":{"id":"${me.id}","token":"${me.token}","id":"u-other"}}` });
      await assert.rejects(fresh.client().loginByCode((await fresh.wx.login()).code), { kind: 'http', code: 'BAD_RESPONSE' });
      assert.equal(fresh.storage.has('_authing_token'), false);
    });

    await t.test('__proto__ and constructor keys of a user are its own keys, and no prototype changes', async () => {
      const body = `{"data":{"user":{"id":"${me.id}","__proto__":{"polluted":"yes","id":"u-proto"},`
        + '"constructor":{"prototype":{"polluted":"yes"}}}}}';
      const user = await answered(GRAPHQL, body, () => authing.getCurrentUser(), (json) => json.data.user);
      assert.ok(Object.prototype.hasOwnProperty.call(user, '__proto__'));
      assert.ok(Object.prototype.hasOwnProperty.call(user, 'constructor'));
      assert.equal(user.id, me.id);
      assert.equal(Object.getPrototypeOf(user), run.sandbox.run('Object.prototype'));
      assertNoPollution(run);
    });

    await t.test('custom data keyed __proto__ and constructor, dates among them, stay own keys', async () => {
      server.fault({
        path: GRAPHQL,
        status: 200,
        body: '{"data":{"udv":[{"key":"__proto__","dataType":"DATETIME","value":"1700000000000"},'
          + '{"key":"constructor","dataType":"DATETIME","value":1700000000001},'
          + '{"key":"toString","dataType":"NUMBER","value":"5"}]}}',
      });
      const values = await authing.getUdfValue();
      assert.deepEqual(Object.keys(values), ['__proto__', 'constructor', 'toString']);
      const SandboxDate = run.sandbox.run('Date');
      assert.ok(values.__proto__ instanceof SandboxDate);
      assert.equal(values.__proto__.getTime(), 1700000000000);
      assert.ok(values.constructor instanceof SandboxDate);
      assert.equal(values.constructor.getTime(), 1700000000001);
      assert.equal(values.toString, 5);
      assert.equal(Object.getPrototypeOf(values), run.sandbox.run('Object.prototype'));
      assertNoPollution(run);
    });
  });
}
