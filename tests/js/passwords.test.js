'use strict';
// How passwords leave the phone, on the built package in the sandbox against
// the dev server (which decrypts them with its own key pair): the user pool's
// key fetched once and shared, the publicKey option, a client's own
// encryptFunction, and a runtime without a secure random source.

const test = require('node:test');
const assert = require('node:assert/strict');

const { startDevServer, makeMiniprogramRoot, appRun, outcome, plain } = require('./support.js');

const PASSWORD = 'Pass-word-9';

async function setUp(t) {
  const server = await startDevServer();
  t.after(() => server.close());
  server.seedUser({ username: 'ann', password: PASSWORD, nickname: 'Ann' });
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: `o-pw-${Math.random().toString(16).slice(2)}` });
  return { server, run };
}

const keyFetches = (server) => server.requests().filter((request) => request.path === '/api/v2/.well-known');
const sentText = (server) => server.requests().map((request) => request.body).join('\n');

test('concurrent password calls share one fetch of the user pool\'s key, and later calls fetch none', async (t) => {
  const { server, run } = await setUp(t);
  const authing = run.client();
  const [first, second] = await Promise.all([
    authing.loginByUsername('ann', PASSWORD),
    authing.loginByUsername('ann', PASSWORD, { clientIp: '10.0.0.1' }),
  ]);
  assert.equal(first.nickname, 'Ann');
  assert.equal(second.nickname, 'Ann');
  await authing.updatePassword('New-pass-10', PASSWORD);
  assert.equal(keyFetches(server).length, 1);
  assert.equal(sentText(server).includes(PASSWORD), false, 'no password in plain text on the wire');
  assert.equal((await run.client().loginByUsername('ann', 'New-pass-10')).nickname, 'Ann', 'the server decrypted the new password');
});

test('the publicKey option skips the fetch', async (t) => {
  const { server, run } = await setUp(t);
  const authing = run.client({ publicKey: server.publicKey });
  assert.equal((await authing.loginByUsername('ann', PASSWORD)).nickname, 'Ann');
  assert.deepEqual(keyFetches(server), []);
});

test('a client\'s own encryptFunction encrypts instead of the SDK, as in v4', async (t) => {
  const { server, run } = await setUp(t);
  const seen = [];
  const authing = run.client({
    encryptFunction: (plainText, publicKey) => {
      seen.push(publicKey === server.publicKey);
      return Promise.resolve(server.encryptPassword(plainText));
    },
  });
  assert.equal((await authing.loginByUsername('ann', PASSWORD)).nickname, 'Ann');
  assert.deepEqual(seen, [true]);

  const failing = run.client({ lang: 'en-US', encryptFunction: () => { throw new Error(`cannot encrypt ${PASSWORD}`); } });
  server.clearRequests();
  const refused = await outcome(failing.loginByUsername('ann', PASSWORD));
  assert.equal(refused.error.kind, 'argument');
  assert.equal(refused.error.code, 'ENCRYPT_FAILED');
  assert.equal(JSON.stringify([refused.error.message, plain(refused.error.data)]).includes(PASSWORD), false);
  assert.equal(server.requests().some((request) => request.path === '/graphql/v2'), false, 'nothing was sent');
});

test('without a secure random source a password method sends nothing and says why', async (t) => {
  const { server, run } = await setUp(t);
  run.wx.__faults.noRandom = true;
  const reported = [];
  const events = [];
  const authing = run.client({ onError: (code, message, data) => reported.push(JSON.stringify([code, message, data])) });
  authing.on('loginStateChange', (change) => events.push(plain(change)));
  const refused = await outcome(authing.loginByUsername('ann', PASSWORD));
  assert.equal(refused.error.kind, 'wechat');
  assert.equal(refused.error.code, 'RANDOM_UNAVAILABLE');
  assert.equal(reported.length, 1);
  assert.equal(reported[0].includes(PASSWORD), false);
  assert.deepEqual(events, []);
  assert.equal(server.requests().some((request) => request.path === '/graphql/v2'), false);
  assert.equal(run.storage.size, 0);
});

test('a logged-in password user keeps no password anywhere the page can read', async (t) => {
  const { run } = await setUp(t);
  const authing = run.client();
  const events = [];
  authing.on('loginStateChange', (change) => events.push(change));
  const user = await authing.loginByUsername('ann', PASSWORD);
  const visible = JSON.stringify([plain(user), [...run.storage.values()], events.map(plain)]);
  assert.equal(visible.includes(PASSWORD), false);
  assert.equal('password' in user, false);
  assert.equal('password' in run.storage.get('_authing_user'), false);
});
