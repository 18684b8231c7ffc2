'use strict';
// Passwords, phone and email binding, linked accounts: each method of the
// built package in the mini program sandbox, over real HTTP to the dev
// server; what it resolves, what it stores, and what reached the server.

const test = require('node:test');
const assert = require('node:assert/strict');

const { startDevServer, makeMiniprogramRoot, appRun, plain, outcome, logIn } = require('./support.js');

// What a user does outside the SDK under test: asks for a code (by SMS or
// email) and signs in with a password, straight against the dev server.
function account(server) {
  async function post(path, body) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-userpool-id': server.userPoolId },
      body: JSON.stringify(body),
    });
    return response.json();
  }
  return {
    async smsCode(phone) {
      assert.equal((await post('/api/v2/sms/send', { phone })).code, 200);
      return server.lastCode(phone);
    },
    async emailCode(email, scene) {
      const sent = await post('/graphql/v2', {
        query: 'mutation sendEmail($email: String!, $scene: EmailScene!) { sendEmail(email: $email, scene: $scene) { code } }',
        variables: { email, scene },
      });
      assert.equal(sent.data.sendEmail.code, 200);
      return server.lastCode(email);
    },
    // The Authing code of an email login with this password (200 when it opens the account).
    async loginCode(email, password) {
      const answer = await post('/graphql/v2', {
        query: 'mutation loginByEmail($input: LoginByEmailInput!) { loginByEmail(input: $input) { id } }',
        variables: { input: { email, password: server.encryptPassword(password) } },
      });
      return answer.errors ? answer.errors[0].message.code : 200;
    },
  };
}

// A client whose session is `user`'s, given as the token option.
function sessionOf(run, server, user) {
  return run.client({ token: server.issueToken(user.id) });
}

function sentBodies(server) {
  return server.requests().map((request) => request.body).join('\n');
}

function assertRejected(run, result, fields) {
  assert.equal(result.resolved, false, 'the call rejected');
  assert.ok(result.error instanceof run.sdk.AuthingError);
  for (const [key, value] of Object.entries(fields)) assert.equal(result.error[key], value, key);
}

test('passwords: strength, reset by phone and by email, change; never sent in plain text but for the strength check', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  const kit = account(server);

  await t.test('checkPasswordStrength answers from the server, without a session', async () => {
    const run = appRun({ root, server });
    const authing = run.client();
    assert.deepEqual(plain(await authing.checkPasswordStrength('abc')), { valid: false, message: '密码长度不能少于 6 位，且须同时包含字母和数字' });
    assert.equal((await authing.checkPasswordStrength('passw0rd')).valid, true);
    assert.equal(server.requests().at(-1).json.variables.password, 'passw0rd');
    assert.equal(run.storage.size, 0);
    assertRejected(run, await outcome(authing.checkPasswordStrength('')), { kind: 'argument', code: 'INVALID_ARGUMENT' });
  });

  await t.test('resetPasswordByPhoneCode: the new password opens the account, and only its ciphertext was sent', async () => {
    server.reset();
    server.seedUser({ phone: '13800000001', email: 'phone-reset@example.com', password: 'oldPassw0rd' });
    const run = appRun({ root, server });
    const authing = run.client();
    const wrong = await outcome(authing.resetPasswordByPhoneCode('13800000001', '000000', 'n3wPassw0rd'));
    assertRejected(run, wrong, { kind: 'api', code: 2001 });

    const code = await kit.smsCode('13800000001');
    const message = await authing.resetPasswordByPhoneCode('13800000001', code, 'n3wPassw0rd');
    assert.deepEqual(plain(message), { code: 200, message: '重置密码成功' });
    assert.equal(await kit.loginCode('phone-reset@example.com', 'n3wPassw0rd'), 200);
    assert.equal(await kit.loginCode('phone-reset@example.com', 'oldPassw0rd'), 2006);
    assert.ok(!sentBodies(server).includes('n3wPassw0rd'), 'no request held the new password');
    assert.equal(run.storage.size, 0, 'nobody is logged in by a reset');
  });

  await t.test('resetPasswordByEmailCode takes an email code of the reset scene', async () => {
    server.reset();
    server.seedUser({ email: 'reset@example.com', password: 'oldPassw0rd' });
    const run = appRun({ root, server });
    const authing = run.client();
    const code = await kit.emailCode('reset@example.com', 'RESET_PASSWORD');
    assert.deepEqual(plain(await authing.resetPasswordByEmailCode('reset@example.com', code, 'n3wPassw0rd')), { code: 200, message: '重置密码成功' });
    assert.equal(await kit.loginCode('reset@example.com', 'n3wPassw0rd'), 200);
    assert.ok(!sentBodies(server).includes('n3wPassw0rd'));
  });

  await t.test('updatePassword: a first password, then a change proven by the old one; the stored user is left as it was', async () => {
    server.reset();
    const seeded = server.seedUser({ email: 'change@example.com' });
    const run = appRun({ root, server });
    assertRejected(run, await outcome(run.client().updatePassword('firstPassw0rd')), { kind: 'session', code: 2020 });

    const authing = sessionOf(run, server, seeded);
    const first = await authing.updatePassword('firstPassw0rd');
    assert.equal(first.id, seeded.id);
    assert.equal('password' in first, false);
    assert.equal(await kit.loginCode('change@example.com', 'firstPassw0rd'), 200);

    const current = await authing.getCurrentUser();
    const storedUser = run.storage.get('_authing_user');
    const storedToken = run.storage.get('_authing_token');
    assert.equal(storedUser.id, current.id);
    server.advanceClock(5);  // a later updatedAt on the server
    assertRejected(run, await outcome(authing.updatePassword('secondPassw0rd', 'wrongPassw0rd')), { kind: 'api', code: 2006 });
    const second = await authing.updatePassword('secondPassw0rd', 'firstPassw0rd');
    assert.notEqual(second.updatedAt, storedUser.updatedAt);
    assert.deepEqual(run.storage.get('_authing_user'), storedUser, 'as in v4, the stored user is not rewritten');
    assert.equal(run.storage.get('_authing_token'), storedToken);
    assert.equal(await kit.loginCode('change@example.com', 'secondPassw0rd'), 200);

    const sent = server.requests().filter((request) => request.json && /updatePassword\(/.test(request.json.query));
    assert.equal(sent.length, 3);
    assert.deepEqual(Object.keys(sent[0].json.variables), ['newPassword']);
    for (const request of sent) {
      for (const text of ['firstPassw0rd', 'secondPassw0rd', 'wrongPassw0rd']) assert.ok(!request.body.includes(text));
    }
  });
});

test('phone and email: bind, change, unbind; the stored user follows every answer', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const kit = account(server);
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-binding' });
  const authing = run.client();
  const user = await logIn(run, authing);
  const stored = () => run.storage.get('_authing_user');

  await t.test('bindPhone and bindEmail add a first phone and email', async () => {
    assertRejected(run, await outcome(authing.bindPhone('13900000001', '000000')), { kind: 'api', code: 2001 });
    assert.equal(stored().phone, null);
    const phoneBound = await authing.bindPhone('13900000001', await kit.smsCode('13900000001'));
    assert.equal(phoneBound.phone, '13900000001');
    assert.equal(stored().phone, '13900000001');
    const emailBound = await authing.bindEmail('bound@example.com', await kit.emailCode('bound@example.com', 'VERIFY_EMAIL'));
    assert.equal(emailBound.email, 'bound@example.com');
    assert.equal(stored().email, 'bound@example.com');
    assert.equal(stored().phone, '13900000001');
  });

  await t.test('updatePhone and updateEmail store the new phone and email (v4 kept the old ones stored)', async () => {
    const refused = await outcome(authing.updatePhone('13900000002', '123456', '13900000001'));
    assertRejected(run, refused, { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assert.match(refused.error.message, /oldPhoneCode/);

    const oldCode = await kit.smsCode('13900000001');
    const newCode = await kit.smsCode('13900000002');
    const phoneChanged = await authing.updatePhone('13900000002', newCode, '13900000001', oldCode);
    assert.equal(phoneChanged.phone, '13900000002');
    assert.equal(stored().phone, '13900000002');

    const emailChanged = await authing.updateEmail('changed@example.com', await kit.emailCode('changed@example.com', 'CHANGE_EMAIL'));
    assert.equal(emailChanged.email, 'changed@example.com');
    assert.equal(stored().email, 'changed@example.com');
    assert.equal(stored().token, user.token, 'the session keeps its token');
    assert.equal(run.storage.get('_authing_token'), user.token);
  });

  await t.test('unbindPhone and unbindEmail drop them while another way in remains', async () => {
    assert.equal((await authing.unbindPhone()).phone, null);
    assert.equal(stored().phone, null);
    assert.equal((await authing.unbindEmail()).email, null);
    assert.equal(stored().email, null);
    assert.equal(stored().id, user.id);
  });

  await t.test('the last way in is not unbound (2217), and the stored user stays', async () => {
    const phoneOnly = server.seedUser({ phone: '13900000009' });
    const other = appRun({ root: makeMiniprogramRoot(), server });
    const client = sessionOf(other, server, phoneOnly);
    await client.getCurrentUser();
    const before = other.storage.get('_authing_user');
    assertRejected(other, await outcome(client.unbindPhone()), { kind: 'api', code: 2217 });
    assert.deepEqual(other.storage.get('_authing_user'), before);
    assert.equal(before.phone, '13900000009');
  });

  await t.test('without a session each rejects with 2020 and sends nothing', async () => {
    const other = appRun({ root: makeMiniprogramRoot(), server });
    const client = other.client();
    server.clearRequests();
    for (const call of [() => client.bindPhone('13900000003', '123456'), () => client.unbindEmail(),
      () => client.updateEmail('x@example.com', '123456')]) {
      assertRejected(other, await outcome(call()), { kind: 'session', code: 2020 });
    }
    assert.deepEqual(server.requests(), []);
  });
});

test('linkAccount and unLinkAccount join a WeChat account to a main account by tokens, with or without a session', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  const primary = server.seedUser({ phone: '13700000001', nickname: 'Main' });
  const primaryToken = server.issueToken(primary.id);

  const run = appRun({ root, server, openid: 'o-linked' });
  const authing = run.client();
  const social = await logIn(run, authing);

  await t.test('a token argument that is no token is refused by name, never quoted, and nothing is sent', async () => {
    server.clearRequests();
    const refused = await outcome(authing.linkAccount({ primaryUserToken: `Bearer ${primaryToken}`, secondaryUserToken: social.token }));
    assertRejected(run, refused, { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assert.match(refused.error.message, /primaryUserToken/);
    assert.ok(!refused.error.message.includes(primaryToken));
    assertRejected(run, await outcome(authing.unLinkAccount('wechat:miniprogram:default')), { kind: 'argument' });
    assert.deepEqual(server.requests(), []);
  });

  await t.test('linkAccount moves the WeChat identity to the main account and resolves v4\'s message', async () => {
    server.clearRequests();
    const linked = await authing.linkAccount({ primaryUserToken: primaryToken, secondaryUserToken: social.token });
    assert.deepEqual(plain(linked), { code: 200, message: '绑定成功' });
    const [request] = server.requests();
    assert.equal(request.path, '/api/v2/users/link');
    assert.deepEqual(request.json, { primaryUserToken: primaryToken, secondaryUserToken: social.token });
    assert.equal(request.headers.authorization, `Bearer ${social.token}`, 'the session\'s token goes along, as in v4');
    const main = server.users().find((candidate) => candidate.id === primary.id);
    assert.deepEqual(main.identities.map((identity) => identity.provider), ['wechat:miniprogram:default']);
    assert.equal(run.storage.get('_authing_token'), social.token, 'the session is left as v4 leaves it');
  });

  await t.test('unLinkAccount needs no session; a provider the account lacks is the server\'s refusal', async () => {
    const other = appRun({ root, server });
    const client = other.client();
    const unlinked = await client.unLinkAccount({ primaryUserToken: primaryToken, provider: 'wechat:miniprogram:default' });
    assert.deepEqual(plain(unlinked), { code: 200, message: '解绑成功' });
    assert.equal('authorization' in server.requests().at(-1).headers, false);
    assert.deepEqual(server.users().find((candidate) => candidate.id === primary.id).identities, []);
    const again = await outcome(client.unLinkAccount({ primaryUserToken: primaryToken, provider: 'wechat:miniprogram:default' }));
    assertRejected(other, again, { kind: 'api', code: 2231 });
    assert.ok(!again.error.message.includes(primaryToken));
    assert.equal(other.storage.size, 0);
  });
});
