'use strict';
// Every answer shape of tests/fixtures/responses.json, served over HTTP by the
// dev server to the built package in the sandbox: the same outcomes the Catch2
// suite asserts on the core alone. Then the failures that only a real network
// produces.

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  startDevServer, makeMiniprogramRoot, appRun, outcome, loadFixture, fixtureBody, substitute, checkExpectation, logIn,
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
      let filled = raw;
      if (raw.loggedIn) {
        const user = await logIn(run, authing);
        sessionToken = user.token;
        // The fixtures' session user is u-fixture-1; here the server names it.
        filled = JSON.parse(JSON.stringify(raw).replaceAll('u-fixture-1', user.id));
      }
      const { code } = await run.wx.login();
      const row = substitute(filled, { code, iv: 'aXY=', encryptedData: 'ZW5j', sessionToken });

      const response = row.response;
      server.fault({
        path: row.path,
        status: response.status,
        headers: { ...('body' in response ? {} : { 'content-type': 'application/json' }), ...response.headers },
        body: fixtureBody(response),
      });
      const result = await outcome(authing[row.op](...row.call));
      checkExpectation(run, result, row.expect, fixtureBody(response));
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
