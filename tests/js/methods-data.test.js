'use strict';
// Custom data, authorization and account: each method of the group on the
// built package in the mini program sandbox, over real HTTP to the dev
// server, with what the caller gets (DATETIME custom data as real Date
// objects) and what reached the server, and a failure of each kind.

const test = require('node:test');
const assert = require('node:assert/strict');

const { startDevServer, makeMiniprogramRoot, appRun, plain, outcome, logIn } = require('./support.js');

const BIRTHDAY_MS = Date.UTC(2000, 0, 1);

// A logged-in client of a fresh dev server.
async function signedIn(t, openid) {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid });
  const authing = run.client();
  const user = await logIn(run, authing);
  server.clearRequests();
  return { server, run, authing, user };
}

// The sandbox's own Date: what the shim makes lives in the mini program realm.
function assertDate(run, value, ms) {
  assert.ok(value instanceof run.sandbox.run('Date'), `${value} is a Date`);
  assert.equal(value.getTime(), ms);
}

function onlyRequest(server) {
  const requests = server.requests();
  assert.equal(requests.length, 1, JSON.stringify(requests.map((request) => request.path)));
  return requests[0];
}

function assertRejected(result, fields) {
  assert.equal(result.resolved, false, 'the call rejected');
  for (const [key, value] of Object.entries(fields)) assert.equal(result.error[key], value, key);
}

test('custom data: set, read and remove, each value of its type, dates as Date', async (t) => {
  const { server, run, authing, user } = await signedIn(t, 'o-data-udv');
  server.defineUdf({ key: 'school', dataType: 'STRING', label: '学校' });
  server.defineUdf({ key: 'age', dataType: 'NUMBER' });
  server.defineUdf({ key: 'vip', dataType: 'BOOLEAN' });
  server.defineUdf({ key: 'meta', dataType: 'OBJECT' });
  server.defineUdf({ key: 'birthday', dataType: 'DATETIME' });
  const me = { targetType: 'USER', targetId: user.id };

  assert.deepEqual(plain(await authing.listUdv()), []);
  let request = onlyRequest(server);
  assert.ok(request.json.query.includes('udv('));
  assert.deepEqual(request.json.variables, me);
  assert.equal(request.headers.authorization, `Bearer ${user.token}`);

  server.clearRequests();
  const afterSchool = await authing.setUdv('school', '清华大学');
  assert.deepEqual(plain(afterSchool), [{ key: 'school', dataType: 'STRING', value: '清华大学', label: '学校' }]);
  assert.deepEqual(onlyRequest(server).json.variables, { ...me, key: 'school', value: '"清华大学"' });

  const afterAge = await authing.setUdv('age', 18);
  assert.equal(afterAge.find((entry) => entry.key === 'age').value, 18);

  // A Date argument goes as v4's JSON.stringify sends it (ISO text); the answer's milliseconds come back a Date.
  server.clearRequests();
  const afterBirthday = await authing.setUdv('birthday', new Date(BIRTHDAY_MS));
  assert.equal(onlyRequest(server).json.variables.value, JSON.stringify(new Date(BIRTHDAY_MS)));
  assertDate(run, afterBirthday.find((entry) => entry.key === 'birthday').value, BIRTHDAY_MS);

  server.clearRequests();
  assert.equal(await authing.setUdfValue({ vip: true, meta: { tags: ['a', 'b'], level: 2 } }), undefined);
  request = onlyRequest(server);
  assert.ok(request.json.query.includes('setUdvBatch('));
  assert.deepEqual(request.json.variables, {
    ...me,
    udvList: [{ key: 'vip', value: 'true' }, { key: 'meta', value: '{"tags":["a","b"],"level":2}' }],
  });

  const listed = await authing.listUdv();
  assert.deepEqual(plain(listed.map((entry) => entry.key)), ['school', 'age', 'vip', 'meta', 'birthday']);
  assert.equal(listed[2].value, true);
  assert.deepEqual(plain(listed[3].value), { tags: ['a', 'b'], level: 2 });
  assertDate(run, listed[4].value, BIRTHDAY_MS);
  assert.equal(listed[4].dataType, 'DATETIME');

  const values = await authing.getUdfValue();
  assertDate(run, values.birthday, BIRTHDAY_MS);
  assert.deepEqual({ ...plain(values), birthday: undefined }, {
    school: '清华大学', age: 18, vip: true, meta: { tags: ['a', 'b'], level: 2 }, birthday: undefined,
  });

  server.clearRequests();
  const afterRemove = await authing.removeUdv('age');
  assert.deepEqual(plain(afterRemove.map((entry) => entry.key)), ['school', 'vip', 'meta', 'birthday']);
  assertDate(run, afterRemove[3].value, BIRTHDAY_MS);
  assert.deepEqual(onlyRequest(server).json.variables, { ...me, key: 'age' });

  server.clearRequests();
  assert.equal(await authing.removeUdfValue('vip'), undefined);
  request = onlyRequest(server);
  assert.ok(request.json.query.includes('removeUdv('));
  assert.deepEqual(request.json.variables, { ...me, key: 'vip' });
  assert.deepEqual(Object.keys(await authing.getUdfValue()), ['school', 'meta', 'birthday']);

  await t.test('a field the user pool does not define is refused by the server, with its code', async () => {
    assertRejected(await outcome(authing.setUdv('nope', 1)), { kind: 'api', code: 2231, apiCode: 2231 });
    assertRejected(await outcome(authing.removeUdfValue('nope')), { kind: 'api', code: 2231 });
    // setUdvBatch is all or nothing: the good entry is not kept either.
    assertRejected(await outcome(authing.setUdfValue({ school: '北大', nope: 1 })), { kind: 'api', code: 2231 });
    assert.equal((await authing.getUdfValue()).school, '清华大学');
  });

  await t.test('a value of the wrong type is refused by the server', async () => {
    assertRejected(await outcome(authing.setUdv('age', 'old')), { kind: 'api', code: 2231 });
  });

  await t.test('arguments the core refuses never reach the server', async () => {
    server.clearRequests();
    assertRejected(await outcome(authing.setUdv('age')), { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assertRejected(await outcome(authing.setUdfValue({})), { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assertRejected(await outcome(authing.removeUdv('')), { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assert.deepEqual(server.requests(), []);
  });
});

test('without a session every method of the group rejects with 2020 and sends nothing', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server, openid: 'o-data-none' });
  const authing = run.client();
  const calls = {
    listUdv: [], setUdv: ['school', 'x'], removeUdv: ['school'], getUdfValue: [], setUdfValue: [{ school: 'x' }],
    removeUdfValue: ['school'], getSecurityLevel: [], listAuthorizedResources: ['default'], listOrgs: [],
    listApplications: [], hasRole: ['admin'], listRoles: [],
  };
  for (const [method, args] of Object.entries(calls)) {
    assertRejected(await outcome(authing[method](...args)), { kind: 'session', code: 2020 });
  }
  assert.deepEqual(server.requests(), []);
});

test('the account: security level, organizations and applications', async (t) => {
  const { server, authing, user } = await signedIn(t, 'o-data-account');

  const level = await authing.getSecurityLevel();
  assert.deepEqual(plain(level), { email: false, phone: false, password: false, passwordSecurityLevel: null, mfa: false, score: 20 });
  let request = onlyRequest(server);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/api/v2/users/me/security-level');
  assert.equal(request.headers.authorization, `Bearer ${user.token}`);

  assert.deepEqual(plain(await authing.listOrgs()), []);
  server.addOrg(user.id, ['Acme', 'R&D', { name: 'Platform', code: 'plat' }]);
  server.clearRequests();
  const orgs = await authing.listOrgs();
  assert.equal(orgs.length, 1);
  assert.deepEqual(plain(orgs[0].map((node) => [node.type, node.name])), [['org', 'Acme'], ['node', 'R&D'], ['node', 'Platform']]);
  assert.equal(orgs[0][2].code, 'plat');
  request = onlyRequest(server);
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/api/v2/users/me/orgs');

  for (const name of ['Console', 'Wiki', 'Mail']) server.addApplication({ name });
  server.addApplication({ name: 'Payroll', allow: ['someone-else'] });
  server.clearRequests();
  const first = await authing.listApplications();
  assert.equal(first.totalCount, 3);
  assert.deepEqual(plain(first.list.map((app) => app.name)), ['Console', 'Wiki', 'Mail']);
  request = onlyRequest(server);
  assert.equal(request.path, '/api/v2/users/me/applications/allowed');
  assert.deepEqual({ ...request.query }, { page: '1', limit: '10' });

  server.clearRequests();
  const second = await authing.listApplications({ page: 2, limit: 2 });
  assert.equal(second.totalCount, 3);
  assert.deepEqual(plain(second.list.map((app) => app.name)), ['Mail']);
  assert.deepEqual({ ...onlyRequest(server).query }, { page: '2', limit: '2' });

  await t.test('a page that is not a positive integer never reaches the server', async () => {
    server.clearRequests();
    assertRejected(await outcome(authing.listApplications({ page: 0 })), { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assertRejected(await outcome(authing.listApplications({ limit: 2.5 })), { kind: 'argument', code: 'INVALID_ARGUMENT' });
    assert.deepEqual(server.requests(), []);
  });

  await t.test('a revoked token is refused by the server, and ends the session', async () => {
    server.fault({ method: 'GET', path: '/api/v2/users/me/orgs', status: 401, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 2206, message: '登录信息已过期', data: null }) });
    assertRejected(await outcome(authing.listOrgs()), { kind: 'session', code: 2206 });
    assertRejected(await outcome(authing.getSecurityLevel()), { kind: 'session', code: 2020 });
  });
});

test('authorization: resources and roles of the signed-in user', async (t) => {
  const { server, authing, user } = await signedIn(t, 'o-data-roles');
  server.grantResource(user.id, { namespace: 'default', code: 'orders', type: 'API', actions: ['orders:read', 'orders:write'] });
  server.grantResource(user.id, { namespace: 'default', code: 'menu', type: 'MENU', actions: [] });
  server.grantResource(user.id, { namespace: 'cms', code: 'articles', type: 'DATA', actions: ['articles:edit'] });

  const resources = await authing.listAuthorizedResources('default');
  assert.deepEqual(plain(resources), {
    list: [
      { code: 'orders', type: 'API', actions: ['orders:read', 'orders:write'] },
      { code: 'menu', type: 'MENU', actions: [] },
    ],
    totalCount: 2,
  });
  let request = onlyRequest(server);
  assert.ok(request.json.query.includes('listUserAuthorizedResources('));
  assert.deepEqual(request.json.variables, { id: user.id, namespace: 'default' });

  server.clearRequests();
  const apis = await authing.listAuthorizedResources('default', { resourceType: 'API' });
  assert.deepEqual(plain(apis.list.map((resource) => resource.code)), ['orders']);
  assert.deepEqual(onlyRequest(server).json.variables, { id: user.id, namespace: 'default', resourceType: 'API' });

  assert.deepEqual(plain(await authing.listRoles()), { totalCount: 0, list: [] });
  assert.equal(await authing.hasRole('admin'), false);
  server.assignRole(user.id, { code: 'admin', namespace: 'default', description: 'Administrators' });
  server.assignRole(user.id, { code: 'editor', namespace: 'cms', parent: 'viewer' });

  server.clearRequests();
  assert.equal(await authing.hasRole('admin'), true);
  request = onlyRequest(server);
  assert.ok(request.json.query.includes('getUserRoles('));
  assert.deepEqual(request.json.variables, { id: user.id });
  assert.equal(await authing.hasRole('editor', 'default'), false);
  assert.equal(await authing.hasRole('editor', 'cms'), true);
  assert.equal(await authing.hasRole('viewer', 'cms'), false, 'a parent role is not held by itself');

  const all = await authing.listRoles();
  assert.equal(all.totalCount, 2);
  assert.deepEqual(plain(all.list.map((role) => role.code)), ['admin', 'editor']);
  server.clearRequests();
  const cms = await authing.listRoles('cms');
  assert.equal(cms.totalCount, 1);
  assert.equal(cms.list[0].namespace, 'cms');
  assert.equal(cms.list[0].parent.code, 'viewer');
  assert.match(cms.list[0].arn, /^arn:cn:authing:/);
  assert.deepEqual(onlyRequest(server).json.variables, { id: user.id, namespace: 'cms' });

  await t.test('a user the server no longer has is refused with 2004', async () => {
    server.deleteUser(user.id);
    assertRejected(await outcome(authing.hasRole('admin')), { kind: 'api', code: 2004 });
    assertRejected(await outcome(authing.listAuthorizedResources('default')), { kind: 'api', code: 2004 });
  });

  await t.test('a null user in the answer is refused as v4 refuses it', async () => {
    server.fault({ path: '/graphql/v2', status: 200, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { user: null } }) });
    assertRejected(await outcome(authing.listRoles()), { kind: 'api', code: 2004, message: '用户不存在' });
  });
});
