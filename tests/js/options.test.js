'use strict';
// The constructor refuses unusable options at once, by the same rules as the
// core: every row of tests/fixtures/options.json (which the Catch2 suite runs
// through the core's parse_config) gets the same verdict here.

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  startDevServer, makeMiniprogramRoot, appRun, loadFixture, outcome,
} = require('./support.js');

const fixture = loadFixture('options.json');

test('the constructor and the core agree on every option set', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-options' });
  const { AuthenticationClient, AuthingError } = run.sdk;

  for (const options of fixture.invalid) {
    await t.test(`refused at construction: ${JSON.stringify(options)}`, () => {
      assert.throws(() => new AuthenticationClient(options), (error) => {
        assert.ok(error instanceof AuthingError, String(error));
        assert.equal(error.kind, 'argument');
        assert.equal(error.code, 'INVALID_OPTIONS');
        assert.match(error.message, /^(初始化参数错误：|Invalid client options: )\S/);
        return true;
      });
    });
  }
  for (const options of fixture.valid) {
    await t.test(`accepted, and the core accepts it too: ${JSON.stringify(options)}`, async () => {
      const client = new AuthenticationClient(options);
      // The call reaches the core, which rejects every call with INVALID_OPTIONS
      // when it refuses the options. (Hosts off loopback are not in the fake wx's
      // domain list, so some of these calls fail on the network instead.)
      const result = await outcome(client.getCurrentUser());
      if (!result.resolved) {
        assert.ok(result.error instanceof AuthingError);
        assert.notEqual(result.error.code, 'INVALID_OPTIONS', result.error.message);
        assert.equal(result.error.kind, 'network');
      }
    });
  }
});

test('messages follow lang, and a missing options object means no options', (t) => {
  const run = appRun({ root: makeMiniprogramRoot(), server: { url: 'http://127.0.0.1:9' }, openid: 'o-options-lang' });
  const { AuthenticationClient } = run.sdk;
  assert.throws(() => new AuthenticationClient({ lang: 'en-US' }), { message: 'Invalid client options: userPoolId (or appId) is required' });
  assert.throws(() => new AuthenticationClient({ userPoolId: 'p', host: 'http://a.cn' }), {
    message: '初始化参数错误：host must use https (http is allowed for loopback addresses only)',
  });
  assert.throws(() => new AuthenticationClient(), { code: 'INVALID_OPTIONS' });
  t.diagnostic('checked before the wasm core loads: no wasm was instantiated');
  assert.equal(run.sandbox.wasmCalls.length, 0);
});
