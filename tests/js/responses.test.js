'use strict';
// Every answer shape of tests/fixtures/responses.json, served over HTTP by the
// dev server to the built package in the sandbox: the same outcomes the Catch2
// suite asserts on the core alone. Then the failures that only a real network
// produces.

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  startDevServer, makeMiniprogramRoot, appRun, plain, outcome, errorFields, loadFixture, fixtureBody, substitute, hasSubset, logIn,
} = require('./support.js');

const fixture = loadFixture('responses.json');

test('each answer shape settles the call as documented', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();

  for (const raw of fixture.cases) {
    await t.test(raw.name, async () => {
      server.reset();
      const run = appRun({ root, server, openid: `o-${Math.random().toString(16).slice(2)}` });
      const authing = run.client();
      let sessionToken = null;
      if (raw.loggedIn) sessionToken = (await logIn(run, authing)).token;
      const { code } = await run.wx.login();
      const row = substitute(raw, { code, iv: 'aXY=', encryptedData: 'ZW5j', sessionToken });

      const response = row.response;
      server.fault({
        path: row.path,
        status: response.status,
        headers: { ...('body' in response ? {} : { 'content-type': 'application/json' }), ...response.headers },
        body: fixtureBody(response),
      });
      const operation = run.sdk.AuthenticationClient.prototype[row.op];
      const callArgs = row.op === 'updateProfile' ? [row.args.updates]
        : row.op === 'loginByCode' ? [row.args.code, row.args.options]
          : [];
      const result = await outcome(operation.apply(authing, callArgs));
      const expect = row.expect;

      assert.equal(result.resolved, expect.outcome === 'resolve', result.error && result.error.message);
      if (expect.outcome === 'reject') {
        assert.ok(result.error instanceof run.sdk.AuthingError);
        const fields = errorFields(result.error);
        assert.ok(hasSubset(fields, expect.error), JSON.stringify(fields));
        assert.notEqual(fields.message, '');
      } else {
        const value = plain(result.value);
        if (expect.result) assert.ok(hasSubset(value, expect.result), JSON.stringify(value));
        if (expect.resultIs === 'null') assert.equal(result.value, null);
        if (expect.resultIs === 'undefined') assert.equal(result.value, undefined);
        for (const key of expect.absent || []) assert.equal(key in value, false, key);
      }
      assert.equal(run.storage.has('_authing_token'), expect.loggedInAfter);
      if (expect.tokenAfter) assert.equal(run.storage.get('_authing_token'), expect.tokenAfter);
      if (run.storage.has('_authing_user')) {
        assert.equal('password' in run.storage.get('_authing_user'), false);
        assert.equal('salt' in run.storage.get('_authing_user'), false);
      }
    });
  }
});

test('failures of the network itself are typed', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();

  await t.test('the server closes the connection mid-answer: network', async () => {
    const run = appRun({ root, server, openid: 'o-destroy' });
    const authing = run.client();
    const user = await logIn(run, authing);
    server.fault({ path: '/graphql/v2', destroy: true });
    const result = await outcome(authing.getCurrentUser());
    assert.deepEqual(
      { kind: result.error.kind, code: result.error.code },
      { kind: 'network', code: 'NETWORK_ERROR' });
    assert.equal(run.storage.get('_authing_token'), user.token, 'a valid session survives a network failure');
    assert.equal((await authing.getCurrentUser()).id, user.id);
  });

  await t.test('the server does not answer within the timeout: timeout', async () => {
    const run = appRun({ root, server, openid: 'o-hang' });
    const authing = run.client({ timeout: 200 });
    await logIn(run, authing);
    server.fault({ path: '/graphql/v2', hang: true });
    const result = await outcome(authing.updateProfile({ nickname: 'x' }));
    assert.equal(result.error.kind, 'timeout');
    assert.equal(run.storage.has('_authing_token'), true);
  });

  await t.test('nothing listens at the host: network', async () => {
    const closed = await startDevServer();
    await closed.close();
    const run = appRun({ root, server, openid: 'o-refused' });
    const result = await outcome(run.client({ host: closed.url }).loginByCode('c', { rawData: '{}' }));
    assert.equal(result.error.kind, 'network');
    assert.equal(result.error.code, 'NETWORK_ERROR');
  });
});
