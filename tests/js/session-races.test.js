'use strict';
// The session under races, driven through the fake wx: requests wait in a
// gate, and a seeded generator decides when each reaches the dev server and
// when its answer reaches the page. Time inside the sandbox is a fake clock
// that does not move. No sleeps: each step waits only for the callbacks it
// caused.

const test = require('node:test');
const assert = require('node:assert/strict');
const { createFakeClock } = require('../../js/testing/sandbox.js');
const { startDevServer, makeMiniprogramRoot, appRun, outcome, logIn } = require('./support.js');

// A small seeded generator (mulberry32), so a failing seed can be replayed.
function generator(seed) {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * below | 0;
  };
}

// Lets the callbacks and promise reactions that the last step caused run.
async function settle() {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
}

// Runs held requests to the end in an order drawn from `random`: each one
// reaches the server, then its answer reaches the page; one in ten fails on
// the way instead.
async function runNetwork(gate, random) {
  await settle();
  for (let waiting = gate.waiting(); waiting.length > 0; waiting = gate.waiting()) {
    const entry = waiting[random(waiting.length)];
    if (!entry.arrived && random(10) === 0) entry.fail();
    else if (!entry.arrived) await entry.arrive();
    else entry.deliver();
    await settle();
  }
}

async function setUp(t, seedName, clientOptions = {}) {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();
  const clock = createFakeClock(Date.now());
  const storage = new Map();
  const run = appRun({ root, server, storage, openid: `o-race-${seedName}`, sandboxOptions: { clock } });
  const options = typeof clientOptions === 'function' ? clientOptions(server) : clientOptions;
  const authing = run.client(options);
  const user = await logIn(run, authing);
  const restart = () => appRun({ root, server, storage, sandboxOptions: { clock } }).client(options);
  return { server, run, authing, user, restart };
}

test('twenty overlapping updates, reads, status checks and refreshes leave the server\'s last state stored', async (t) => {
  for (let seed = 1; seed <= 12; seed++) {
    await t.test(`seed ${seed}`, async (t) => {
      const random = generator(seed);
      const { server, run, authing, user, restart } = await setUp(t, seed);
      const gate = run.wx.__holdRequests();
      const calls = [];
      for (let i = 0; i < 20; i++) {
        const kind = random(4);
        if (kind === 0) calls.push(outcome(authing.getCurrentUser()));
        else if (kind === 1) calls.push(outcome(authing.checkLoginStatus()));
        else if (kind === 2) calls.push(outcome(authing.refreshToken()));
        else calls.push(outcome(authing.updateProfile({ nickname: `n${seed}-${i}` })));
      }
      await runNetwork(gate, random);
      gate.open();
      for (const result of await Promise.all(calls)) {
        if (!result.resolved) assert.ok(['network', 'session'].includes(result.error.kind), result.error.message);
      }
      const confirmed = server.users().find((candidate) => candidate.id === user.id);
      const stored = run.storage.get('_authing_user');
      assert.equal(stored.nickname, confirmed.nickname, 'the stored user is the server\'s last state');
      assert.equal(stored.token, run.storage.get('_authing_token'), 'one session: the user carries the token');
      // A restart sees what memory saw, and the server still takes the token.
      const again = await restart().getCurrentUser();
      assert.equal(again.id, user.id);
      assert.equal(again.nickname, confirmed.nickname);
    });
  }
});

test('logout is the last word over a login and a refresh still in flight, also after a restart', async (t) => {
  const { run, authing, restart } = await setUp(t, 'logout');
  const gate = run.wx.__holdRequests();
  const { code } = await run.wx.login();
  const login = outcome(authing.loginByCode(code));
  const refresh = outcome(authing.refreshToken());
  await settle();
  const [loginRequest, refreshRequest] = gate.waiting();
  await loginRequest.arrive();
  await refreshRequest.arrive();
  const logout = outcome(authing.logout());
  await settle();
  loginRequest.deliver();
  refreshRequest.deliver();
  gate.open();
  await runNetwork(gate, generator(1));
  const loginResult = await login;
  assert.equal(loginResult.resolved, false);
  assert.equal(loginResult.error.code, 'SESSION_SUPERSEDED');
  await refresh;
  assert.equal((await logout).resolved, true);
  assert.equal(run.storage.has('_authing_token'), false);
  assert.equal(run.storage.has('_authing_user'), false);
  assert.equal(await authing.getCurrentUser(), null);
  assert.equal(await restart().getCurrentUser(), null);
});

test('of two overlapping logins the later-started one wins whole, whichever answers first', async (t) => {
  for (const laterFirst of [true, false]) {
    await t.test(laterFirst ? 'the later answers first' : 'the earlier answers first', async (t) => {
      const { server, run, authing, restart } = await setUp(t, `logins-${laterFirst}`,
        (dev) => ({ publicKey: dev.publicKey }));
      server.seedUser({ username: 'bob', password: 'hunter2-bob', nickname: 'Bob' });
      const gate = run.wx.__holdRequests();
      const { code } = await run.wx.login();
      const first = outcome(authing.loginByCode(code));
      await settle();
      const second = outcome(authing.loginByUsername('bob', 'hunter2-bob'));
      await settle();
      const [a, b] = gate.waiting();
      await a.arrive();
      await b.arrive();
      (laterFirst ? b : a).deliver();
      await settle();
      (laterFirst ? a : b).deliver();
      gate.open();
      await settle();
      const [firstResult, secondResult] = await Promise.all([first, second]);
      assert.equal(secondResult.resolved, true);
      assert.equal(secondResult.value.username, 'bob');
      if (laterFirst) assert.equal(firstResult.error.code, 'SESSION_SUPERSEDED');
      assert.equal(run.storage.get('_authing_user').username, 'bob');
      const again = await restart().getCurrentUser();
      assert.equal(again.username, 'bob');
    });
  }
});
