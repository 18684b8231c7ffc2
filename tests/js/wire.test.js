'use strict';
// Every operation's request, from tests/fixtures/operations.json, as the dev
// server received it over HTTP (the Catch2 suite checks the same cases on the
// core's http actions).

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  PACKAGE, startDevServer, makeMiniprogramRoot, appRun, outcome, loadFixture, substitute, logIn,
} = require('./support.js');

const fixture = loadFixture('operations.json');

function callArgs(op, args) {
  switch (op) {
    case 'loginByCode': return [args.code, args.options];
    case 'loginByPhone':
    case 'getPhone': return [args.code, args.iv, args.encryptedData];
    case 'updateProfile': return [args.updates];
    case 'checkLoginStatus': return [args.token];
    default: return [];
  }
}

test('each operation sends the documented request with the SDK headers', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();

  for (const raw of fixture.cases) {
    await t.test(raw.name, async () => {
      server.reset();
      const run = appRun({ root, server, openid: `o-${Math.random().toString(16).slice(2)}` });
      const authing = run.client();
      let user = null;
      if (raw.loggedIn) user = await logIn(run, authing);
      const row = substitute(raw, {
        userId: user && user.id, appId: server.appId, code: 'code-1', iv: 'aXY=', encryptedData: 'ZW5j',
        otherToken: 'other.token.value',
      });
      server.clearRequests();
      // The answer does not matter here: an HTTP error ends every call without a retry.
      server.fault({ path: row.request.path, status: 503, body: '' });
      await outcome(run.sdk.AuthenticationClient.prototype[row.op].apply(authing, callArgs(row.op, row.args)));

      const [request] = server.requests();
      assert.ok(request, 'a request reached the server');
      const expected = row.request;
      assert.equal(request.method, expected.method);
      assert.equal(request.path, expected.path);
      if (expected.query) assert.deepEqual({ ...request.query }, expected.query);
      assert.equal('authorization' in request.headers, expected.authorization);
      if (expected.authorization) assert.equal(request.headers.authorization, `Bearer ${user.token}`);
      if (expected.body) assert.deepEqual(request.json, expected.body);
      if (expected.graphql) {
        assert.ok(request.json.query.includes(`${expected.graphql.operation}(`), request.json.query);
        assert.deepEqual(request.json.variables, expected.graphql.variables);
      }
      if (!expected.body && !expected.graphql) assert.equal(request.body, '');
      assert.equal(request.headers['x-authing-sdk-version'], `wxapp:${PACKAGE.version}`);
      assert.equal(request.headers['x-authing-userpool-id'], server.userPoolId);
      assert.equal(request.headers['x-authing-app-id'], server.appId);
      assert.equal(request.headers['x-authing-request-from'], 'wxapp');
      assert.equal(request.headers['content-type'], 'application/json');
    });
  }
});

test('lang is sent as x-authing-lang and localises the SDK\'s own messages', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-lang' });
  const authing = run.client({ lang: 'en-US' });
  const refused = await outcome(authing.updateProfile({ nickname: 'x' }));
  assert.equal(refused.error.message, 'Please log in first');
  await logIn(run, authing);
  assert.equal(server.requests().at(-1).headers['x-authing-lang'], 'en-US');
});

test('appHost wins over host for every request, WeChat logins included', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-apphost' });
  const authing = run.client({ host: 'https://core.authing.cn', appHost: `${server.url}/` });
  const user = await logIn(run, authing);
  assert.match(user.id, /^[0-9a-f]{24}$/);
  assert.ok(run.wx.__requests.every((request) => request.url.startsWith(`${server.url}/`)));
});
