'use strict';
// The dev server's Authing surface over real HTTP, endpoint by endpoint: the
// answers' shapes, the state they keep, and at least one refusal per group,
// so an SDK tested against it meets what Authing would give it.

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { startDevServer } = require('../../js/testing/dev-server.js');

const USER = `id arn userPoolId status username email emailVerified phone phoneVerified unionid openid nickname
  registerSource photo password oauth token tokenExpiredAt loginsCount lastLogin lastIP signedUp blocked isDeleted
  device browser company name givenName familyName middleName profile preferredUsername website gender birthdate
  zoneinfo locale address formatted streetAddress locality region postalCode city province country createdAt
  updatedAt externalId`;

const DOCS = {
  registerByEmail: `mutation registerByEmail($input: RegisterByEmailInput!) { registerByEmail(input: $input) { ${USER} } }`,
  registerByUsername: `mutation registerByUsername($input: RegisterByUsernameInput!) { registerByUsername(input: $input) { ${USER} } }`,
  registerByPhoneCode: `mutation registerByPhoneCode($input: RegisterByPhoneCodeInput!) { registerByPhoneCode(input: $input) { ${USER} } }`,
  loginByEmail: `mutation loginByEmail($input: LoginByEmailInput!) { loginByEmail(input: $input) { ${USER} } }`,
  loginByUsername: `mutation loginByUsername($input: LoginByUsernameInput!) { loginByUsername(input: $input) { ${USER} } }`,
  loginByPhonePassword: `mutation loginByPhonePassword($input: LoginByPhonePasswordInput!) { loginByPhonePassword(input: $input) { ${USER} } }`,
  loginByPhoneCode: `mutation loginByPhoneCode($input: LoginByPhoneCodeInput!) { loginByPhoneCode(input: $input) { ${USER} } }`,
  loginBySubAccount: `mutation loginBySubAccount($account: String!, $password: String!, $captchaCode: String, $clientIp: String) {
    loginBySubAccount(account: $account, password: $password, captchaCode: $captchaCode, clientIp: $clientIp) { ${USER} } }`,
  sendEmail: 'mutation sendEmail($email: String!, $scene: EmailScene!) { sendEmail(email: $email, scene: $scene) { message code } }',
  checkPasswordStrength: 'query checkPasswordStrength($password: String!) { checkPasswordStrength(password: $password) { valid message } }',
  resetPassword: `mutation resetPassword($phone: String, $email: String, $code: String!, $newPassword: String!) {
    resetPassword(phone: $phone, email: $email, code: $code, newPassword: $newPassword) { message code } }`,
  updatePassword: `mutation updatePassword($newPassword: String!, $oldPassword: String) {
    updatePassword(newPassword: $newPassword, oldPassword: $oldPassword) { ${USER} } }`,
  updatePhone: `mutation updatePhone($phone: String!, $phoneCode: String!, $oldPhone: String, $oldPhoneCode: String) {
    updatePhone(phone: $phone, phoneCode: $phoneCode, oldPhone: $oldPhone, oldPhoneCode: $oldPhoneCode) { id phone phoneVerified } }`,
  updateEmail: `mutation updateEmail($email: String!, $emailCode: String!, $oldEmail: String, $oldEmailCode: String) {
    updateEmail(email: $email, emailCode: $emailCode, oldEmail: $oldEmail, oldEmailCode: $oldEmailCode) { id email emailVerified } }`,
  bindPhone: 'mutation bindPhone($phone: String!, $phoneCode: String!) { bindPhone(phone: $phone, phoneCode: $phoneCode) { id phone phoneVerified } }',
  unbindPhone: 'mutation unbindPhone { unbindPhone { id phone phoneVerified } }',
  bindEmail: 'mutation bindEmail($email: String!, $emailCode: String!) { bindEmail(email: $email, emailCode: $emailCode) { id email emailVerified } }',
  unbindEmail: 'mutation unbindEmail { unbindEmail { id email emailVerified } }',
  udv: 'query udv($targetType: UDFTargetType!, $targetId: String!) { udv(targetType: $targetType, targetId: $targetId) { key dataType value label } }',
  setUdv: `mutation setUdv($targetType: UDFTargetType!, $targetId: String!, $key: String!, $value: String!) {
    setUdv(targetType: $targetType, targetId: $targetId, key: $key, value: $value) { key dataType value label } }`,
  removeUdv: `mutation removeUdv($targetType: UDFTargetType!, $targetId: String!, $key: String!) {
    removeUdv(targetType: $targetType, targetId: $targetId, key: $key) { key dataType value label } }`,
  setUdvBatch: `mutation setUdvBatch($targetType: UDFTargetType!, $targetId: String!, $udvList: [UserDefinedDataInput!]) {
    setUdvBatch(targetType: $targetType, targetId: $targetId, udvList: $udvList) { key dataType value label } }`,
  listUserAuthorizedResources: `query listUserAuthorizedResources($id: String!, $namespace: String, $resourceType: String) {
    user(id: $id) { authorizedResources(namespace: $namespace, resourceType: $resourceType) { totalCount list { code type actions } } } }`,
  getUserRoles: `query getUserRoles($id: String!, $namespace: String) { user(id: $id) { roles(namespace: $namespace) { totalCount
    list { code namespace arn description createdAt updatedAt parent { code namespace arn description createdAt updatedAt } } } } }`,
  checkLoginStatus: 'query checkLoginStatus($token: String) { checkLoginStatus(token: $token) { code status } }',
};

function httpClient(server) {
  const headers = (token, extra = {}) => ({
    'x-authing-userpool-id': server.userPoolId, ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra,
  });
  return {
    async gql(name, variables = {}, token) {
      const response = await fetch(`${server.url}/graphql/v2`, {
        method: 'POST', headers: headers(token, { 'content-type': 'application/json' }), body: JSON.stringify({ query: DOCS[name] || name, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    async rest(method, path, body, token, extra) {
      const init = { method, headers: headers(token, body === undefined ? extra : { 'content-type': 'application/json', ...extra }) };
      if (body !== undefined) init.body = Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const response = await fetch(`${server.url}${path}`, init);
      return { status: response.status, body: await response.json() };
    },
  };
}

// The field of a GraphQL answer that has no errors.
function data(answer, field) {
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  assert.equal(answer.status, 200);
  return answer.body.data[field];
}

// An Authing refusal: the code inside errors[0].message, the field null.
function refusedWith(answer, field, code) {
  assert.equal(answer.status, 200);
  assert.equal(answer.body.errors.length, 1);
  assert.equal(answer.body.errors[0].message.code, code, JSON.stringify(answer.body.errors[0].message));
  assert.equal(typeof answer.body.errors[0].message.message, 'string');
  assert.deepEqual(answer.body.errors[0].path, [field]);
  assert.deepEqual(answer.body.data, { [field]: null });
}

// A GraphQL validation refusal: HTTP 400 and a plain message.
function invalid(answer, pattern) {
  assert.equal(answer.status, 400);
  assert.match(answer.body.errors[0].message, pattern);
}

test('the dev server answers Authing v4\'s mini program surface', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const http = httpClient(server);
  const enc = (plain) => server.encryptPassword(plain);

  async function smsCode(phone) {
    const sent = await http.rest('POST', '/api/v2/sms/send', { phone });
    assert.deepEqual(sent.body, { code: 200, message: '发送成功' });
    return server.lastCode(phone);
  }
  async function emailCode(email, scene) {
    assert.deepEqual(data(await http.gql('sendEmail', { email, scene }), 'sendEmail'), { message: '发送成功', code: 200 });
    return server.lastCode(email);
  }
  async function signUp(email, password = 'passw0rd') {
    const user = data(await http.gql('registerByEmail', { input: { email, password: enc(password), forceLogin: true } }), 'registerByEmail');
    return user;
  }

  await t.test('the public key opens what the SDK encrypts; a bad block is 2016', async () => {
    const wellKnown = await http.rest('GET', '/api/v2/.well-known');
    assert.equal(wellKnown.body.code, 200);
    assert.equal(wellKnown.body.data.publicKey, server.publicKey);
    assert.match(server.publicKey, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const key = crypto.createPublicKey(wellKnown.body.data.publicKey);
    assert.equal(key.asymmetricKeyDetails.modulusLength, 2048);

    const user = await signUp('rsa@example.com', '密码 with ünïcode 1');
    assert.equal(typeof user.token, 'string');
    const byOwnEncryption = crypto.publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from('密码 with ünïcode 1'));
    const login = await http.gql('loginByEmail', { input: { email: 'rsa@example.com', password: byOwnEncryption.toString('base64') } });
    assert.equal(data(login, 'loginByEmail').id, user.id);

    // JSEncrypt writes the ciphertext as a number: a leading zero byte goes missing.
    let short;
    do short = crypto.publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from('密码 with ünïcode 1'));
    while (short[0] !== 0);
    const shortLogin = await http.gql('loginByEmail', { input: { email: 'rsa@example.com', password: short.subarray(1).toString('base64') } });
    assert.equal(data(shortLogin, 'loginByEmail').id, user.id);

    // Type 1 padding (a signature's), sealed raw: the key opens it, the padding is wrong.
    const block = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(200, 0xff), Buffer.from([0]), Buffer.alloc(53, 0x41)]);
    const badPadding = crypto.publicEncrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, block).toString('base64');
    refusedWith(await http.gql('loginByEmail', { input: { email: 'rsa@example.com', password: badPadding } }), 'loginByEmail', 2016);
    refusedWith(await http.gql('loginByEmail', { input: { email: 'rsa@example.com', password: 'passw0rd' } }), 'loginByEmail', 2016);
  });

  await t.test('codes: six digits, one use, five minutes, read back by tests', async () => {
    server.reset();
    const answer = await http.rest('POST', '/api/v2/sms/send', { phone: '13800000001', phoneCountryCode: '+86' });
    assert.deepEqual(answer.body, { code: 200, message: '发送成功' });
    const code = server.lastCode('13800000001');
    assert.match(code, /^\d{6}$/);
    const email = await emailCode('codes@example.com', 'VERIFY_EMAIL');
    const control = await (await fetch(`${server.url}/__control/codes`)).json();
    assert.deepEqual(control.map((entry) => [entry.channel, entry.target, entry.scene, entry.code]), [
      ['sms', '13800000001', null, code], ['email', 'codes@example.com', 'VERIFY_EMAIL', email],
    ]);
    assert.equal(control[0].phoneCountryCode, '+86');
    assert.equal(control[0].expiresAt - control[0].sentAt, 300);

    const wrong = code === '000000' ? '111111' : '000000';
    refusedWith(await http.gql('loginByPhoneCode', { input: { phone: '13800000001', code: wrong } }), 'loginByPhoneCode', 2001);
    const user = data(await http.gql('loginByPhoneCode', { input: { phone: '13800000001', code } }), 'loginByPhoneCode');
    assert.equal(user.phone, '13800000001');
    assert.equal(user.phoneVerified, true);
    assert.deepEqual(user.registerSource, ['basic:phone-code'], 'an unknown phone registers');
    refusedWith(await http.gql('loginByPhoneCode', { input: { phone: '13800000001', code } }), 'loginByPhoneCode', 2001);
    assert.equal(server.sentCodes()[0].used, true);

    const late = await smsCode('13800000001');
    server.advanceClock(301);
    refusedWith(await http.gql('loginByPhoneCode', { input: { phone: '13800000001', code: late } }), 'loginByPhoneCode', 2300);
    assert.equal((await http.rest('POST', '/api/v2/sms/send', { phone: 'not a phone' })).body.code, 2028);
    invalid(await http.gql('sendEmail', { email: 'codes@example.com', scene: 'LOGIN' }), /does not exist in "EmailScene" enum/);
  });

  await t.test('register by email, username and phone code', async () => {
    server.reset();
    server.defineUdf({ key: 'school', dataType: 'STRING', label: '学校' });
    const plain = data(await http.gql('registerByEmail', {
      input: {
        email: 'reg@example.com', password: enc('passw0rd'), profile: { nickname: '小明', udf: [{ key: 'school', value: '"pku"' }] },
        clientIp: '10.0.0.1', params: JSON.stringify([{ key: 'school', value: 'thu' }]), context: JSON.stringify({ source: 'test' }),
      },
    }), 'registerByEmail');
    assert.equal(plain.email, 'reg@example.com');
    assert.equal(plain.nickname, '小明');
    assert.equal(plain.lastIP, '10.0.0.1');
    assert.equal(plain.token, null, 'no token without forceLogin or generateToken');
    assert.equal(plain.loginsCount, 0);
    assert.equal(typeof plain.password, 'string', 'a hash, as Authing returns');
    assert.equal(Object.keys(plain).length, USER.split(/\s+/).length, 'every field v4 selects is known');
    const stored = server.users().find((user) => user.id === plain.id);
    assert.notEqual(stored.password, 'passw0rd');
    assert.equal(typeof stored.salt, 'string');
    refusedWith(await http.gql('registerByEmail', { input: { email: 'REG@example.com', password: enc('x') } }), 'registerByEmail', 2026);
    refusedWith(await http.gql('registerByEmail', { input: { email: 'not-an-email', password: enc('x') } }), 'registerByEmail', 2003);

    const named = data(await http.gql('registerByUsername', { input: { username: 'bob', password: enc('passw0rd'), generateToken: true } }), 'registerByUsername');
    assert.equal(named.username, 'bob');
    assert.equal(named.loginsCount, 0, 'generateToken is not a login');
    assert.equal(data(await http.gql('checkLoginStatus', { token: named.token }), 'checkLoginStatus').status, true);
    refusedWith(await http.gql('registerByUsername', { input: { username: 'bob', password: enc('x') } }), 'registerByUsername', 2034);

    const code = await smsCode('13800000002');
    const phoned = data(await http.gql('registerByPhoneCode', { input: { phone: '13800000002', code, forceLogin: true } }), 'registerByPhoneCode');
    assert.equal(phoned.phoneVerified, true);
    assert.equal(phoned.loginsCount, 1);
    assert.equal(data(await http.gql('checkLoginStatus', { token: phoned.token }), 'checkLoginStatus').status, true);
    const again = await smsCode('13800000002');
    refusedWith(await http.gql('registerByPhoneCode', { input: { phone: '13800000002', code: again } }), 'registerByPhoneCode', 2026);

    const udv = data(await http.gql('udv', { targetType: 'USER', targetId: phoned.id }, phoned.token), 'udv');
    assert.deepEqual(udv, [], 'custom data is per user');
    const bobs = await http.gql('registerByUsername', { input: { username: 'carol', password: enc('x'), params: JSON.stringify([{ key: 'nope', value: 1 }]) } });
    refusedWith(bobs, 'registerByUsername', 2231);
    assert.equal(server.users().some((user) => user.username === 'carol'), false, 'a refused register leaves nobody behind');
    invalid(await http.gql('registerByUsername', { input: { username: 'x' } }), /Field "password" of required type "String!" was not provided/);
  });

  await t.test('password, code, sub-account and LDAP logins', async () => {
    server.reset();
    const seeded = server.seedUser({ username: 'alice', email: 'alice@example.com', phone: '13800000003', password: 'passw0rd', nickname: 'Alice' });
    assert.equal(seeded.nickname, 'Alice');
    assert.equal(typeof seeded.password, 'string');
    assert.notEqual(seeded.password, 'passw0rd');

    for (const [name, input] of [
      ['loginByEmail', { email: 'alice@example.com' }],
      ['loginByUsername', { username: 'alice' }],
      ['loginByPhonePassword', { phone: '13800000003' }],
    ]) {
      const user = data(await http.gql(name, { input: { ...input, password: enc('passw0rd'), clientIp: '10.1.1.1' } }), name);
      assert.equal(user.id, seeded.id, name);
      assert.equal(user.lastIP, '10.1.1.1');
      assert.equal(data(await http.gql('checkLoginStatus', { token: user.token }), 'checkLoginStatus').status, true, name);
      refusedWith(await http.gql(name, { input: { ...input, password: enc('wrong') } }), name, 2006);
    }
    assert.equal(server.users()[0].loginsCount, 3);
    refusedWith(await http.gql('loginByEmail', { input: { email: 'nobody@example.com', password: enc('passw0rd') } }), 'loginByEmail', 2004);
    const created = data(await http.gql('loginByEmail', { input: { email: 'new@example.com', password: enc('passw0rd'), autoRegister: true } }), 'loginByEmail');
    assert.equal(created.email, 'new@example.com');
    assert.equal(created.loginsCount, 1);
    assert.equal(data(await http.gql('loginByEmail', { input: { email: 'new@example.com', password: enc('passw0rd') } }), 'loginByEmail').id, created.id);

    const sub = server.addSubAccount(seeded.id, { account: 'alice-sub', password: 'subpass1' });
    const viaSub = data(await http.gql('loginBySubAccount', { account: 'alice-sub', password: enc('subpass1') }), 'loginBySubAccount');
    assert.equal(viaSub.id, sub.id);
    assert.notEqual(viaSub.id, seeded.id, 'a sub-account is a user of its own');
    refusedWith(await http.gql('loginBySubAccount', { account: 'alice-sub', password: enc('nope') }), 'loginBySubAccount', 2006);
    refusedWith(await http.gql('loginBySubAccount', { account: 'alice', password: enc('passw0rd') }), 'loginBySubAccount', 2004);

    server.addLdapUser({ username: 'ldap-ann', password: 'ldap secret', email: 'ann@corp.example', nickname: 'Ann' });
    const ldap = await http.rest('POST', '/api/v2/ldap/verify-user', { username: 'ldap-ann', password: 'ldap secret' });
    assert.equal(ldap.body.code, 200);
    assert.equal(ldap.body.data.email, 'ann@corp.example');
    assert.equal(ldap.body.data.identities[0].provider, 'ldap');
    const again = await http.rest('POST', '/api/v2/ldap/verify-user', { username: 'ldap-ann', password: 'ldap secret' });
    assert.equal(again.body.data.id, ldap.body.data.id, 'the same LDAP entry is the same user');
    assert.equal(again.body.data.loginsCount, 2);
    const wrong = await http.rest('POST', '/api/v2/ldap/verify-user', { username: 'ldap-ann', password: 'guess' });
    assert.deepEqual([wrong.status, wrong.body.code], [200, 2006]);
  });

  await t.test('password strength, reset and change', async () => {
    server.reset();
    assert.deepEqual(Object.keys(data(await http.gql('checkPasswordStrength', { password: 'abc' }), 'checkPasswordStrength')), ['valid', 'message']);
    assert.equal(data(await http.gql('checkPasswordStrength', { password: 'abcdef' }), 'checkPasswordStrength').valid, false);
    assert.equal(data(await http.gql('checkPasswordStrength', { password: 'abc123' }), 'checkPasswordStrength').valid, true);

    const user = server.seedUser({ email: 'pw@example.com', phone: '13800000004', password: 'first1' });
    const byPhone = await smsCode('13800000004');
    const reset = await http.gql('resetPassword', { phone: '13800000004', code: byPhone, newPassword: enc('second2') });
    assert.deepEqual(data(reset, 'resetPassword'), { message: '重置密码成功', code: 200 });
    assert.equal(data(await http.gql('loginByEmail', { input: { email: 'pw@example.com', password: enc('second2') } }), 'loginByEmail').id, user.id);
    const wrongScene = await emailCode('pw@example.com', 'VERIFY_EMAIL');
    refusedWith(await http.gql('resetPassword', { email: 'pw@example.com', code: wrongScene, newPassword: enc('third3') }), 'resetPassword', 2001);
    const byEmail = await emailCode('pw@example.com', 'RESET_PASSWORD');
    data(await http.gql('resetPassword', { email: 'pw@example.com', code: byEmail, newPassword: enc('third3') }), 'resetPassword');
    refusedWith(await http.gql('resetPassword', { phone: '13900000000', code: '123456', newPassword: enc('x') }), 'resetPassword', 2004);

    const { token } = data(await http.gql('loginByEmail', { input: { email: 'pw@example.com', password: enc('third3') } }), 'loginByEmail');
    refusedWith(await http.gql('updatePassword', { newPassword: enc('fourth4') }), 'updatePassword', 2020);
    refusedWith(await http.gql('updatePassword', { newPassword: enc('fourth4') }, token), 'updatePassword', 2231);
    refusedWith(await http.gql('updatePassword', { newPassword: enc('fourth4'), oldPassword: enc('wrong') }, token), 'updatePassword', 2006);
    const changed = data(await http.gql('updatePassword', { newPassword: enc('fourth4'), oldPassword: enc('third3') }, token), 'updatePassword');
    assert.equal(changed.id, user.id);
    assert.equal(data(await http.gql('loginByEmail', { input: { email: 'pw@example.com', password: enc('fourth4') } }), 'loginByEmail').id, user.id);

    // A user with no password yet (WeChat's, a phone-code one) sets a first one without the old.
    const phoneOnly = data(await http.gql('loginByPhoneCode', { input: { phone: '13800000005', code: await smsCode('13800000005') } }), 'loginByPhoneCode');
    refusedWith(await http.gql('loginByPhonePassword', { input: { phone: '13800000005', password: enc('first1') } }), 'loginByPhonePassword', 2027);
    data(await http.gql('updatePassword', { newPassword: enc('first1') }, phoneOnly.token), 'updatePassword');
    assert.equal(data(await http.gql('loginByPhonePassword', { input: { phone: '13800000005', password: enc('first1') } }), 'loginByPhonePassword').id, phoneOnly.id);
  });

  await t.test('phone and email binding, account linking', async () => {
    server.reset();
    const { token, id } = data(await http.gql('loginByPhoneCode', { input: { phone: '13800000006', code: await smsCode('13800000006') } }), 'loginByPhoneCode');
    refusedWith(await http.gql('unbindPhone', {}, token), 'unbindPhone', 2217);
    refusedWith(await http.gql('bindEmail', { email: 'b@example.com', emailCode: '000000' }), 'bindEmail', 2020);
    refusedWith(await http.gql('bindEmail', { email: 'b@example.com', emailCode: '0000000' }, token), 'bindEmail', 2001);

    const bound = data(await http.gql('bindEmail', { email: 'b@example.com', emailCode: await emailCode('b@example.com', 'VERIFY_EMAIL') }, token), 'bindEmail');
    assert.deepEqual(bound, { id, email: 'b@example.com', emailVerified: true });
    const unbound = data(await http.gql('unbindPhone', {}, token), 'unbindPhone');
    assert.deepEqual(unbound, { id, phone: null, phoneVerified: false });
    refusedWith(await http.gql('unbindEmail', {}, token), 'unbindEmail', 2217);
    const rebound = data(await http.gql('bindPhone', { phone: '13800000007', phoneCode: await smsCode('13800000007') }, token), 'bindPhone');
    assert.equal(rebound.phone, '13800000007');
    refusedWith(await http.gql('bindPhone', { phone: '13800000008', phoneCode: await smsCode('13800000008') }, token), 'bindPhone', 2035);

    refusedWith(await http.gql('updatePhone', { phone: '13800000007', phoneCode: '123456' }, token), 'updatePhone', 2230);
    server.seedUser({ phone: '13800000009' });
    refusedWith(await http.gql('updatePhone', { phone: '13800000009', phoneCode: '123456' }, token), 'updatePhone', 2035);
    const newPhoneCode = await smsCode('13800000010');
    refusedWith(await http.gql('updatePhone', { phone: '13800000010', phoneCode: newPhoneCode, oldPhone: '13800000099', oldPhoneCode: '1' }, token), 'updatePhone', 2038);
    const updated = data(await http.gql('updatePhone', {
      phone: '13800000010', phoneCode: newPhoneCode, oldPhone: '13800000007', oldPhoneCode: await smsCode('13800000007'),
    }, token), 'updatePhone');
    assert.equal(updated.phone, '13800000010');

    refusedWith(await http.gql('updateEmail', { email: 'B@example.com', emailCode: '1' }, token), 'updateEmail', 2229);
    const changed = data(await http.gql('updateEmail', { email: 'c@example.com', emailCode: await emailCode('c@example.com', 'CHANGE_EMAIL') }, token), 'updateEmail');
    assert.equal(changed.email, 'c@example.com');
    assert.equal(data(await http.gql('unbindEmail', {}, token), 'unbindEmail').email, null);

    // A WeChat account linked into this one: its identity moves, the account goes.
    const code = (await (await fetch(`${server.url}/__wx/login`, { method: 'POST', body: JSON.stringify({ openid: 'o-link' }) })).json()).code;
    const wechat = await http.rest('POST', '/connections/social/wechat-miniprogram/auth', { code });
    const link = await http.rest('POST', '/api/v2/users/link', { primaryUserToken: token, secondaryUserToken: wechat.body.data.token });
    assert.deepEqual(link.body, { code: 200, message: '绑定成功' });
    const primary = server.users().find((user) => user.id === id);
    assert.deepEqual(primary.identities.map((entry) => entry.provider), ['wechat:miniprogram:default']);
    assert.equal(primary.openid, 'o-link');
    assert.equal(server.users().some((user) => user.id === wechat.body.data.id), false);
    const unlink = await http.rest('POST', '/api/v2/users/unlink', { primaryUserToken: token, provider: 'wechat:miniprogram:default' });
    assert.deepEqual(unlink.body, { code: 200, message: '解绑成功' });
    assert.equal(primary.openid, null);
    const again = await http.rest('POST', '/api/v2/users/unlink', { primaryUserToken: token, provider: 'wechat:miniprogram:default' });
    assert.equal(again.body.code, 2231);
    const anonymous = await http.rest('POST', '/api/v2/users/link', { primaryUserToken: 'a.b.c', secondaryUserToken: token });
    assert.deepEqual([anonymous.status, anonymous.body.code], [401, 2207]);
  });

  await t.test('custom data: typed values carried as strings, unknown keys refused', async () => {
    server.reset();
    for (const [key, dataType] of [['school', 'STRING'], ['age', 'NUMBER'], ['vip', 'BOOLEAN'], ['born', 'DATETIME'], ['prefs', 'OBJECT']]) {
      server.defineUdf({ key, dataType, label: key.toUpperCase() });
    }
    const { token, id } = await signUp('udv@example.com');
    const target = { targetType: 'USER', targetId: id };
    assert.deepEqual(data(await http.gql('udv', target, token), 'udv'), []);
    const born = new Date('2000-01-02T03:04:05.000Z');
    data(await http.gql('setUdv', { ...target, key: 'school', value: JSON.stringify('pku') }, token), 'setUdv');
    data(await http.gql('setUdv', { ...target, key: 'age', value: JSON.stringify(18) }, token), 'setUdv');
    data(await http.gql('setUdv', { ...target, key: 'born', value: JSON.stringify(born) }, token), 'setUdv');
    const list = data(await http.gql('setUdvBatch', {
      ...target, udvList: [{ key: 'vip', value: 'true' }, { key: 'prefs', value: JSON.stringify({ theme: 'dark' }) }],
    }, token), 'setUdvBatch');
    assert.deepEqual(list, [
      { key: 'school', dataType: 'STRING', value: 'pku', label: 'SCHOOL' },
      { key: 'age', dataType: 'NUMBER', value: '18', label: 'AGE' },
      { key: 'vip', dataType: 'BOOLEAN', value: 'true', label: 'VIP' },
      { key: 'born', dataType: 'DATETIME', value: String(born.getTime()), label: 'BORN' },
      { key: 'prefs', dataType: 'OBJECT', value: '{"theme":"dark"}', label: 'PREFS' },
    ]);
    assert.deepEqual(data(await http.gql('removeUdv', { ...target, key: 'age' }, token), 'removeUdv').map((item) => item.key), ['school', 'vip', 'born', 'prefs']);
    assert.equal(data(await http.gql('udv', target, token), 'udv').length, 4);

    const unknown = await http.gql('setUdv', { ...target, key: 'shoeSize', value: '42' }, token);
    refusedWith(unknown, 'setUdv', 2231);
    assert.match(unknown.body.errors[0].message.message, /shoeSize/);
    refusedWith(await http.gql('setUdv', { ...target, key: 'age', value: '"old"' }, token), 'setUdv', 2231);
    refusedWith(await http.gql('setUdvBatch', { ...target, udvList: [{ key: 'school', value: '"x"' }, { key: 'nope', value: '1' }] }, token), 'setUdvBatch', 2231);
    assert.equal(data(await http.gql('udv', target, token), 'udv')[0].value, 'pku', 'a refused batch changes nothing');
    refusedWith(await http.gql('udv', { targetType: 'USER', targetId: 'someone-else' }, token), 'udv', 2020);
    refusedWith(await http.gql('udv', target), 'udv', 2020);
    invalid(await http.gql('udv', { targetType: 'PERSON', targetId: id }, token), /UDFTargetType/);
  });

  await t.test('security level, authorized resources, roles, orgs, applications', async () => {
    server.reset();
    const { token, id } = await signUp('perm@example.com', 'Passw0rdPassw0rd');
    const level = await http.rest('GET', '/api/v2/users/me/security-level', undefined, token);
    assert.deepEqual(level.body.data, { email: true, phone: false, password: true, passwordSecurityLevel: 3, mfa: false, score: 70 });
    const anonymous = await http.rest('GET', '/api/v2/users/me/security-level');
    assert.deepEqual([anonymous.status, anonymous.body.code], [401, 2020]);

    server.grantResource(id, { namespace: 'shop', code: 'order:*', type: 'DATA', actions: ['order:read'] });
    server.grantResource(id, { namespace: 'shop', code: 'order:*', actions: ['order:write'] });
    server.grantResource(id, { namespace: 'shop', code: '/api/orders', type: 'API', actions: ['GET'] });
    server.grantResource(id, { namespace: 'blog', code: 'post:*', type: 'DATA', actions: ['post:read'] });
    const resources = data(await http.gql('listUserAuthorizedResources', { id, namespace: 'shop' }, token), 'user').authorizedResources;
    assert.deepEqual(resources, {
      totalCount: 2,
      list: [{ code: 'order:*', type: 'DATA', actions: ['order:read', 'order:write'] }, { code: '/api/orders', type: 'API', actions: ['GET'] }],
    });
    const apis = data(await http.gql('listUserAuthorizedResources', { id, namespace: 'shop', resourceType: 'API' }, token), 'user');
    assert.equal(apis.authorizedResources.totalCount, 1);
    refusedWith(await http.gql('listUserAuthorizedResources', { id: 'someone-else', namespace: 'shop' }, token), 'user', 2020);

    server.assignRole(id, { code: 'admin', namespace: 'shop', description: '管理员', parent: 'staff' });
    server.assignRole(id, { code: 'reader', namespace: 'blog' });
    const shopRoles = data(await http.gql('getUserRoles', { id, namespace: 'shop' }, token), 'user').roles;
    assert.equal(shopRoles.totalCount, 1);
    assert.equal(shopRoles.list[0].code, 'admin');
    assert.equal(shopRoles.list[0].description, '管理员');
    assert.match(shopRoles.list[0].arn, /^arn:cn:authing:dev-user-pool:role:/);
    assert.equal(shopRoles.list[0].parent.code, 'staff');
    assert.equal(data(await http.gql('getUserRoles', { id }, token), 'user').roles.totalCount, 2);

    server.addOrg(id, ['Acme', 'R&D', { name: 'Platform', code: 'platform' }]);
    const orgs = await http.rest('GET', '/api/v2/users/me/orgs', undefined, token);
    assert.equal(orgs.body.code, 200);
    assert.deepEqual(orgs.body.data.map((path) => path.map((node) => [node.type, node.name])), [[['org', 'Acme'], ['node', 'R&D'], ['node', 'Platform']]]);
    assert.equal(orgs.body.data[0][2].code, 'platform');
    assert.equal(new Set(orgs.body.data[0].map((node) => node.orgId)).size, 1);

    for (let i = 1; i <= 3; i += 1) server.addApplication({ name: `App ${i}`, identifier: `app-${i}` });
    server.addApplication({ name: 'Hidden', allow: ['someone-else'] });
    const firstPage = await http.rest('GET', '/api/v2/users/me/applications/allowed?page=1&limit=2', undefined, token);
    assert.equal(firstPage.body.data.totalCount, 3);
    assert.deepEqual(firstPage.body.data.list.map((app) => app.name), ['App 1', 'App 2']);
    const secondPage = await http.rest('GET', '/api/v2/users/me/applications/allowed?page=2&limit=2', undefined, token);
    assert.deepEqual(secondPage.body.data.list.map((app) => app.identifier), ['app-3']);
    assert.equal((await http.rest('GET', '/api/v2/users/me/applications/allowed?page=0', undefined, token)).body.code, 2231);
  });

  await t.test('an avatar upload: multipart bytes in, the same bytes served back', async () => {
    server.reset();
    const { token, id } = await signUp('photo@example.com');
    const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(3000), Buffer.from('\r\n--x\r\n')]);
    const boundary = '----wxUploadBoundary7MA4YWxkTrZu0gW';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="folder"\r\n\r\navatar\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n`),
      image, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const refused = await http.rest('POST', '/api/v2/upload?folder=avatar', body, undefined, headers);
    assert.deepEqual([refused.status, refused.body.code], [401, 2020]);
    const bare = await fetch(`${server.url}/api/v2/upload?folder=avatar`, { method: 'POST', headers, body });
    assert.equal((await bare.json()).code, 2020, 'no pool header either: still a missing token, not an unknown pool');
    const uploaded = await http.rest('POST', '/api/v2/upload?folder=avatar', body, token, headers);
    assert.equal(uploaded.body.code, 200);
    assert.match(uploaded.body.data.key, /^avatar\/[0-9a-f]+\.png$/);
    assert.equal(uploaded.body.data.url, `${server.url}/uploads/${uploaded.body.data.key}`);
    const served = await fetch(uploaded.body.data.url);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(await served.arrayBuffer()).equals(image), 'the bytes come back unchanged');
    assert.deepEqual(server.uploads().map((file) => [file.key, file.size, file.userId]), [[uploaded.body.data.key, image.length, id]]);

    const noFile = await http.rest('POST', '/api/v2/upload?folder=avatar', Buffer.from(`--${boundary}--\r\n`), token, headers);
    assert.equal(noFile.body.code, 2231);
    assert.equal((await fetch(`${server.url}/uploads/avatar/missing.png`)).status, 404);
  });

  await t.test('GraphQL: nested arguments, selections checked per type, the id is the token\'s user', async () => {
    server.reset();
    const { token, id } = await signUp('gql@example.com');
    server.assignRole(id, { code: 'a', namespace: 'one' });
    server.assignRole(id, { code: 'b', namespace: 'two' });
    const literal = await http.gql(`{ user { id roles(namespace: "two") { list { code } } } }`, {}, token);
    assert.deepEqual(data(literal, 'user'), { id, roles: { list: [{ code: 'b' }] } });
    invalid(await http.gql('{ user { roles { list { code secret } } } }', {}, token), /Cannot query field "secret" on type "Role"/);
    invalid(await http.gql('{ user { roles } }', {}, token), /must have a selection of subfields/);
    invalid(await http.gql('{ user { email { x } } }', {}, token), /must not have a selection/);
    invalid(await http.gql('query user($id: String!) { user(id: $id) { id } }', {}, token), /Variable "\$id" of required type "String!" was not provided/);
    refusedWith(await http.gql('query user($id: String) { user(id: $id) { id } }', { id: 'another-user' }, token), 'user', 2020);
    assert.equal(data(await http.gql('query user($id: String) { user(id: $id) { id } }', { id }, token), 'user').id, id);
  });

  await t.test('reset() forgets codes, definitions, grants, uploads and seeded directories', async () => {
    const seeded = server.seedUser({ username: 'temp', password: 'x' });
    server.defineUdf({ key: 'k' });
    server.addLdapUser({ username: 'l', password: 'p' });
    server.assignRole(seeded.id, { code: 'r' });
    await smsCode('13800000011');
    server.reset();
    assert.deepEqual([server.users(), server.sentCodes(), server.udfs(), server.uploads()], [[], [], [], []]);
    assert.equal(server.lastCode('13800000011'), null);
    assert.equal((await http.rest('POST', '/api/v2/ldap/verify-user', { username: 'l', password: 'p' })).body.code, 2004);
  });

  await t.test('a server run on its own is seeded over HTTP', async () => {
    server.reset();
    const seed = (method, ...args) => fetch(`${server.url}/__control/seed`, { method: 'POST', body: JSON.stringify({ method, args }) }).then((r) => r.json());
    const { result } = await seed('seedUser', { email: 'http@example.com', password: 'passw0rd' });
    assert.equal(result.email, 'http@example.com');
    assert.equal(data(await http.gql('loginByEmail', { input: { email: 'http@example.com', password: enc('passw0rd') } }), 'loginByEmail').id, result.id);
    assert.match((await seed('close')).error, /no seeding method/);
    const key = await (await fetch(`${server.url}/__control/public-key`)).json();
    assert.equal(key.publicKey, server.publicKey);
  });
});
