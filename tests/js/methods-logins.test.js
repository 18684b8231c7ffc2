'use strict';
// Codes, password and code logins, registration: each method of the built
// package, in the mini program sandbox, over real HTTP to the dev server:
// what it resolves, what it stores, what reached the server (a password only
// encrypted, and the server could open it), and how it fails.

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  startDevServer, makeMiniprogramRoot, appRun, plain, outcome,
} = require('./support.js');

const PASSWORD = 'passw0rd-明文';

let server;
let root;
test.before(async () => {
  server = await startDevServer();
  root = makeMiniprogramRoot();
});
test.after(() => server.close());

let runs = 0;
// A fresh app run with its client and the loginStateChange events it sees.
function freshRun() {
  runs += 1;
  const run = appRun({ root, server, openid: `o-logins-${runs}` });
  const authing = run.client();
  const events = [];
  authing.on('loginStateChange', (change) => events.push(plain(change)));
  return { run, authing, events };
}

// The requests of one GraphQL operation (or one REST path) since the last clearRequests.
function requestsOf(name) {
  return server.requests().filter((request) => (name.startsWith('/')
    ? request.path === name
    : request.path === '/graphql/v2' && request.json.query.includes(`${name}(`)));
}

function onlyRequestOf(name) {
  const found = requestsOf(name);
  assert.equal(found.length, 1, `one ${name} request`);
  return found[0];
}

// The session stored for `user`, both keys, never a password.
function assertSession(run, user) {
  assert.equal(typeof user.token, 'string');
  assert.equal(run.storage.get('_authing_token'), user.token);
  const stored = run.storage.get('_authing_user');
  assert.equal(stored.id, user.id);
  assert.equal(stored.token, user.token);
  assert.equal('password' in stored, false);
  assert.equal('salt' in stored, false);
  assert.equal(JSON.stringify([...run.storage.values()]).includes(PASSWORD), false);
}

function assertNoSession(run) {
  assert.equal(run.storage.has('_authing_token'), false);
  assert.equal(run.storage.has('_authing_user'), false);
}

// The password went out encrypted: not in the request's text, and the server opened it to `expected`.
function assertEncrypted(request, sent, expected = PASSWORD) {
  assert.equal(request.body.includes(expected), false, 'no plain password on the wire');
  assert.equal(server.decryptPassword(sent), expected);
}

function assertRejected(result, fields) {
  assert.equal(result.resolved, false, 'rejected');
  assert.equal(result.error.name, 'AuthingError');
  for (const [key, value] of Object.entries(fields)) assert.equal(result.error[key], value, key);
  assert.equal(result.error.message.includes(PASSWORD), false);
}

async function customFields(token, userId) {
  const response = await fetch(`${server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-userpool-id': server.userPoolId, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'query udv($targetType: UDFTargetType!, $targetId: String!) { udv(targetType: $targetType, targetId: $targetId) { key value } }',
      variables: { targetType: 'USER', targetId: userId },
    }),
  });
  return Object.fromEntries((await response.json()).data.udv.map(({ key, value }) => [key, value]));
}

test('sendSmsCode sends a code that loginByPhoneCode logs in with', async () => {
  const { run, authing, events } = freshRun();
  server.clearRequests();
  const sent = await authing.sendSmsCode('13700000001', '+86');
  assert.deepEqual(plain(sent), { code: 200, message: '发送成功' });
  assert.deepEqual(onlyRequestOf('/api/v2/sms/send').json, { phone: '13700000001', phoneCountryCode: '+86' });
  assert.equal(server.sentCodes().at(-1).phoneCountryCode, '+86');
  assertNoSession(run);

  server.defineUdf({ key: 'channel', dataType: 'STRING' });
  const user = await authing.loginByPhoneCode('13700000001', server.lastCode('13700000001'), {
    clientIp: '203.0.113.9', customData: { channel: 'wxapp' }, context: { page: 'login' },
  });
  assert.equal(user.phone, '13700000001');
  assert.equal(user.phoneVerified, true);
  assert.equal(user.lastIP, '203.0.113.9');
  assert.equal('password' in user, false);
  assertSession(run, user);
  assert.deepEqual(events, [{ loggedIn: true, reason: 'login', userId: user.id }]);
  assert.deepEqual(await customFields(user.token, user.id), { channel: 'wxapp' });

  // A code is good once: the second login with it is Authing's 2001, and the session stays.
  const reused = await outcome(authing.loginByPhoneCode('13700000001', server.lastCode('13700000001')));
  assertRejected(reused, { kind: 'api', code: 2001 });
  assert.equal(run.storage.get('_authing_token'), user.token);
  assert.equal(events.length, 1);
  const badPhone = await outcome(authing.sendSmsCode('12'));
  assertRejected(badPhone, { kind: 'api', code: 2028 });
});

test('sendEmail sends a code for a scene, and refuses other scenes before the wire', async () => {
  const { run, authing } = freshRun();
  server.clearRequests();
  const sent = await authing.sendEmail('mail-1@example.com', 'RESET_PASSWORD');
  assert.deepEqual(plain(sent), { message: '发送成功', code: 200 });
  assert.deepEqual(onlyRequestOf('sendEmail').json.variables, { email: 'mail-1@example.com', scene: 'RESET_PASSWORD' });
  assert.equal(server.sentCodes().at(-1).scene, 'RESET_PASSWORD');
  assert.match(server.lastCode('mail-1@example.com'), /^\d{6}$/);
  assertNoSession(run);

  server.clearRequests();
  const refused = await outcome(authing.sendEmail('mail-1@example.com', 'WELCOME'));
  assertRejected(refused, { kind: 'argument', code: 'INVALID_ARGUMENT' });
  assert.deepEqual(server.requests(), []);
});

test('the password logins send the password encrypted, and store the session', async (t) => {
  const rows = [
    { op: 'loginByEmail', seed: { email: 'pw-1@example.com' }, account: 'pw-1@example.com', field: 'email' },
    { op: 'loginByUsername', seed: { username: 'pw-user-1' }, account: 'pw-user-1', field: 'username' },
    { op: 'loginByPhonePassword', seed: { phone: '13700000002' }, account: '13700000002', field: 'phone' },
  ];
  for (const row of rows) {
    await t.test(row.op, async () => {
      const seeded = server.seedUser({ ...row.seed, password: PASSWORD });
      const { run, authing, events } = freshRun();
      server.clearRequests();
      const user = await authing[row.op](row.account, PASSWORD, { captchaCode: '', clientIp: '203.0.113.7' });
      assert.equal(user.id, seeded.id);
      assert.equal(user[row.field], row.account);
      assert.equal(user.lastIP, '203.0.113.7');
      assert.equal('password' in user, false);
      assertSession(run, user);
      assert.deepEqual(events, [{ loggedIn: true, reason: 'login', userId: user.id }]);
      const request = onlyRequestOf(row.op);
      assertEncrypted(request, request.json.variables.input.password);
      assert.equal(request.json.variables.input.autoRegister, false);

      // A wrong password: Authing's 2006, and the session there was stays.
      const wrong = await outcome(authing[row.op](row.account, 'not-the-passw0rd'));
      assertRejected(wrong, { kind: 'api', code: 2006 });
      assert.equal(run.storage.get('_authing_token'), user.token);
      assert.equal(events.length, 1);
    });
  }

  await t.test('autoRegister creates the account with the password given', async () => {
    const { run, authing } = freshRun();
    const created = await authing.loginByUsername('pw-new-1', PASSWORD, { autoRegister: true });
    assertSession(run, created);
    assert.deepEqual(plain(created.registerSource), ['basic:username-password']);
    const again = await freshRun().authing.loginByUsername('pw-new-1', PASSWORD);
    assert.equal(again.id, created.id, 'the server stored the password it decrypted');
  });

  await t.test('an unknown account without autoRegister is 2004, nothing stored', async () => {
    const { run, authing } = freshRun();
    assertRejected(await outcome(authing.loginByEmail('nobody@example.com', PASSWORD)), { kind: 'api', code: 2004 });
    assertNoSession(run);
  });
});

test('loginBySubAccount signs in the sub-account with an encrypted password', async () => {
  const parent = server.seedUser({ email: 'parent-1@example.com', password: 'parent-passw0rd' });
  const sub = server.addSubAccount(parent.id, { account: 'parent-1-sub', password: PASSWORD, nickname: 'Sub' });
  const { run, authing, events } = freshRun();
  server.clearRequests();
  const user = await authing.loginBySubAccount('parent-1-sub', PASSWORD, { clientIp: '203.0.113.8' });
  assert.equal(user.id, sub.id);
  assert.equal(user.nickname, 'Sub');
  assertSession(run, user);
  assert.deepEqual(events, [{ loggedIn: true, reason: 'login', userId: sub.id }]);
  const request = onlyRequestOf('loginBySubAccount');
  assert.deepEqual(Object.keys(request.json.variables), ['account', 'password', 'clientIp']);
  assertEncrypted(request, request.json.variables.password);

  const wrong = await outcome(authing.loginBySubAccount('parent-1-sub', 'parent-passw0rd'));
  assertRejected(wrong, { kind: 'api', code: 2006 });
  assert.equal(run.storage.get('_authing_token'), user.token);
});

test('loginByLdap sends the password as v4 does, and stores the session', async () => {
  server.addLdapUser({ username: 'ldap-1', password: PASSWORD, email: 'ldap-1@example.com' });
  const { run, authing, events } = freshRun();
  server.clearRequests();
  const user = await authing.loginByLdap('ldap-1', PASSWORD);
  assert.equal(user.email, 'ldap-1@example.com');
  assert.equal(user.identities[0].provider, 'ldap');
  assertSession(run, user);
  assert.deepEqual(events, [{ loggedIn: true, reason: 'login', userId: user.id }]);
  assert.deepEqual(onlyRequestOf('/api/v2/ldap/verify-user').json, { username: 'ldap-1', password: PASSWORD });
  assert.equal(requestsOf('/api/v2/.well-known').length, 0, 'nothing to encrypt, no key fetched');

  const { run: other, authing: stranger } = freshRun();
  assertRejected(await outcome(stranger.loginByLdap('ldap-1', 'wrong')), { kind: 'api', code: 2006 });
  assertNoSession(other);
});

test('registerByEmail and registerByUsername: a session only when the answer carries a token', async (t) => {
  await t.test('without forceLogin or generateToken the user is returned and nothing is stored', async () => {
    const { run, authing, events } = freshRun();
    server.clearRequests();
    const user = await authing.registerByEmail('reg-1@example.com', PASSWORD, { nickname: 'Reg' });
    assert.equal(user.email, 'reg-1@example.com');
    assert.equal(user.nickname, 'Reg');
    assert.equal(user.token, null);
    assert.equal('password' in user, false);
    assertNoSession(run);
    assert.deepEqual(events, []);
    const request = onlyRequestOf('registerByEmail');
    assertEncrypted(request, request.json.variables.input.password);
    // The password the server decrypted is the one it stored.
    const { run: later, authing: login } = freshRun();
    assertSession(later, await login.loginByEmail('reg-1@example.com', PASSWORD));

    assertRejected(await outcome(authing.registerByEmail('reg-1@example.com', PASSWORD)), { kind: 'api', code: 2026 });
  });

  await t.test('generateToken: the new user is the session', async () => {
    server.defineUdf({ key: 'age', dataType: 'NUMBER' });
    const { run, authing, events } = freshRun();
    const user = await authing.registerByUsername('reg-user-1', PASSWORD, {}, { generateToken: true, customData: { age: 18 } });
    assert.equal(user.username, 'reg-user-1');
    assertSession(run, user);
    assert.deepEqual(events, [{ loggedIn: true, reason: 'login', userId: user.id }]);
    assert.deepEqual(await customFields(user.token, user.id), { age: '18' });
    assert.equal((await authing.getCurrentUser()).id, user.id, 'the stored token works');
  });

  await t.test('forceLogin: a full login, counted', async () => {
    const { run, authing } = freshRun();
    const user = await authing.registerByEmail('reg-2@example.com', PASSWORD, null, { forceLogin: true });
    assertSession(run, user);
    assert.equal(user.loginsCount, 1);
  });

  await t.test('unusable arguments are refused before anything is sent', async () => {
    const { run, authing } = freshRun();
    server.clearRequests();
    assertRejected(await outcome(authing.registerByEmail('reg-3@example.com', PASSWORD, 'Reg')), { kind: 'argument' });
    assertRejected(await outcome(authing.registerByUsername('reg-3', PASSWORD, {}, { forceLogin: 'yes' })), { kind: 'argument' });
    assertRejected(await outcome(authing.registerByEmail('reg-3@example.com', '')), { kind: 'argument' });
    assert.deepEqual(server.requests(), []);
    assertNoSession(run);
  });
});

test('registerByPhoneCode registers a phone proven by a code, with a first password when given', async () => {
  const { run, authing, events } = freshRun();
  await authing.sendSmsCode('13700000003');
  server.clearRequests();
  const user = await authing.registerByPhoneCode('13700000003', server.lastCode('13700000003'), PASSWORD, { nickname: 'Phone' },
    { forceLogin: true });
  assert.equal(user.phone, '13700000003');
  assert.equal(user.nickname, 'Phone');
  assertSession(run, user);
  assert.deepEqual(events, [{ loggedIn: true, reason: 'login', userId: user.id }]);
  const request = onlyRequestOf('registerByPhoneCode');
  assertEncrypted(request, request.json.variables.input.password);
  const again = await freshRun().authing.loginByPhonePassword('13700000003', PASSWORD);
  assert.equal(again.id, user.id);

  // Without a password nothing is encrypted; without a token nothing is stored.
  const { run: second, authing: other } = freshRun();
  await other.sendSmsCode('13700000004');
  server.clearRequests();
  const bare = await other.registerByPhoneCode('13700000004', server.lastCode('13700000004'));
  assert.equal(bare.phone, '13700000004');
  assert.equal('password' in onlyRequestOf('registerByPhoneCode').json.variables.input, false);
  assertNoSession(second);

  // A wrong code: Authing's 2001.
  const wrong = await outcome(other.registerByPhoneCode('13700000005', '000000', PASSWORD));
  assertRejected(wrong, { kind: 'api', code: 2001 });
  assertNoSession(second);
});
