'use strict';
// Every operation's request, from tests/fixtures/operations/, as the dev
// server received it over HTTP, and how the call settles (the Catch2 suite
// checks the same cases on the core's http actions).

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  PACKAGE, startDevServer, makeMiniprogramRoot, appRun, outcome, loadOperationCases, fixtureBody, substitute, checkExpectation, logIn,
} = require('./support.js');

const cases = loadOperationCases();

// `actual` with each value that `expected` gives as "rsa:<text>" decrypted
// into that form, so that a password sent encrypted compares as its text.
function withPasswordsDecrypted(actual, expected, server) {
  if (typeof expected === 'string' && expected.startsWith('rsa:') && typeof actual === 'string') {
    return `rsa:${server.decryptPassword(actual)}`;
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    const out = { ...actual };
    for (const key of Object.keys(expected)) {
      if (key in out) out[key] = withPasswordsDecrypted(out[key], expected[key], server);
    }
    return out;
  }
  return actual;
}

test('each operation sends the documented request with the SDK headers, and settles as its answer says', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();

  for (const raw of cases) {
    await t.test(raw.name, async () => {
      server.reset();
      const run = appRun({ root, server, openid: `o-${Math.random().toString(16).slice(2)}` });
      const authing = run.client(raw.options);
      let user = null;
      if (raw.loggedIn) user = await logIn(run, authing);
      const row = substitute(raw, {
        userId: user && user.id, appId: server.appId, code: 'code-1', iv: 'aXY=', encryptedData: 'ZW5j',
        otherToken: 'other.token.value', phoneCode: 'phone-code-1',
      });
      server.clearRequests();
      if (row.request === null) {
        const refused = await outcome(authing[row.op](...row.call));
        assert.deepEqual(server.requests(), [], 'nothing reached the server');
        checkExpectation(run, refused, row.expect);
        return;
      }
      // Needs the fake wx performs for real: a file the page hands over, and an
      // upload the dev server answers with the fixture's answer.
      const given = row.call[0] && typeof row.call[0] === 'object' ? row.call[0].filePath : undefined;
      if (typeof given === 'string') run.wx.__files.set(given, Buffer.from('fixture image'));
      const upload = row.needs && row.needs['wx.uploadFile'];
      if (upload) server.fault({ path: '/api/v2/upload', status: upload.statusCode, body: upload.data });
      // Without an answer in the fixture, an HTTP error ends the call without a retry.
      const answer = row.answer || { status: 503, body: '' };
      server.fault({
        path: row.request.path,
        status: answer.status,
        headers: 'json' in answer ? { 'content-type': 'application/json' } : {},
        body: fixtureBody(answer),
      });
      const result = await outcome(authing[row.op](...row.call));

      // Some methods fetch the user pool's key or upload an image first; the
      // method's own request is the one to its path.
      const request = server.requests().find((seen) => seen.path === row.request.path);
      assert.ok(request, 'a request reached the server');
      const expected = row.request;
      assert.equal(request.method, expected.method);
      assert.equal(request.path, expected.path);
      if (expected.query) assert.deepEqual({ ...request.query }, expected.query);
      assert.equal('authorization' in request.headers, expected.authorization);
      if (expected.authorization) assert.equal(request.headers.authorization, `Bearer ${user.token}`);
      if (expected.body) assert.deepEqual(withPasswordsDecrypted(request.json, expected.body, server), expected.body);
      if (expected.graphql) {
        // A field without arguments (unbindPhone) is followed by its selection.
        assert.match(request.json.query, new RegExp(`\\b${expected.graphql.operation}(\\(| \\{)`));
        assert.deepEqual(withPasswordsDecrypted(request.json.variables, expected.graphql.variables, server), expected.graphql.variables);
      }
      if (!expected.body && !expected.graphql) assert.equal(request.body, '');
      assert.equal(request.headers['x-authing-sdk-version'], `wxapp:${PACKAGE.version}`);
      assert.equal(request.headers['x-authing-userpool-id'], server.userPoolId);
      assert.equal(request.headers['x-authing-app-id'], server.appId);
      assert.equal(request.headers['x-authing-request-from'], 'wxapp');
      assert.equal(request.headers['content-type'], 'application/json');
      if (row.expect) checkExpectation(run, result, row.expect);
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
