'use strict';
// The fault table: what goes wrong on a phone, a network or a server, what the
// caller gets, and what happens to the session. tests/js/faults.test.js runs
// every row against the built package in the sandbox over real HTTP; the
// README's Reliability table is generated from the same rows
// (node scripts/reliability-table.js) and checked against them.
//
// Each row's `run(ctx)` injects its fault and asserts the outcome; ctx is
// built by faults.test.js (a client over the dev server, logged in unless the
// row says `loggedIn: false`).

const assert = require('node:assert/strict');

const GRAPHQL = '/graphql/v2';
const LOGIN = '/connections/social/wechat-miniprogram/auth';
const HTML_PAGE = '<html><head><title>Bad Gateway</title></head><body>nginx</body></html>';

// A call that fails with `kind`/`code` while the session stays usable.
function failsKeepingSession(fault, kind, code, call = (ctx) => ctx.authing.getCurrentUser()) {
  return async (ctx) => {
    fault(ctx);
    await ctx.expectError(call(ctx), kind, code);
    await ctx.expectSessionKept();
  };
}

function serve(spec, path = GRAPHQL) {
  return (ctx) => ctx.server.fault({ path, ...spec });
}

// Lets the callbacks and promise reactions that the last step caused run.
async function settle() {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
}

// Lets every request held by a gate (fake wx __holdRequests) through, in the
// order they were made, and opens the gate.
async function release(gate) {
  for (let waiting = gate.waiting(); waiting.length > 0; waiting = gate.waiting()) {
    if (!waiting[0].arrived) await waiting[0].arrive();
    waiting[0].deliver();
    await settle();
  }
  gate.open();
}

// A user of the same pool the page or another login may bring in.
function anotherUser(ctx, username) {
  const user = ctx.server.seedUser({ username, password: `${username}-secret-1`, nickname: username });
  return { user, password: `${username}-secret-1`, token: ctx.server.issueToken(user.id) };
}

// The next GraphQL answer is the session's user with `members` (JSON text) added.
function serveUser(ctx, members) {
  serve({ status: 200, body: `{"data":{"user":{"id":"${ctx.user.id}",${members}}}}` })(ctx);
}

const ROWS = [
  // --- the network -----------------------------------------------------------
  {
    fault: '`wx.request` fails (`request:fail`, no connection)',
    outcome: '`network` / `NETWORK_ERROR`',
    session: 'kept',
    run: failsKeepingSession((ctx) => {
      ctx.wx.__faults.requestFail = { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 };
    }, 'network', 'NETWORK_ERROR'),
  },
  {
    fault: '`wx.request` times out (the server never answers)',
    outcome: '`timeout` / `TIMEOUT`',
    session: 'kept',
    clientOptions: { timeout: 300 },
    run: failsKeepingSession(serve({ hang: true }), 'timeout', 'TIMEOUT'),
  },
  {
    fault: 'the server closes the connection mid-body',
    outcome: '`network` / `NETWORK_ERROR`',
    session: 'kept',
    run: failsKeepingSession(serve({ truncate: 24, json: { data: { user: { id: 'u-1', nickname: 'x'.repeat(200) } } } }),
      'network', 'NETWORK_ERROR'),
  },
  {
    fault: 'the server restarts between two calls',
    outcome: 'while it is down: `network` / `NETWORK_ERROR`; once it is back: success',
    session: 'kept',
    async run(ctx) {
      await ctx.server.stop();
      try {
        await ctx.expectError(ctx.authing.updateProfile({ nickname: 'during' }), 'network', 'NETWORK_ERROR');
      } finally {
        await ctx.server.resume();
      }
      const user = await ctx.authing.updateProfile({ nickname: 'after' });
      assert.equal(user.nickname, 'after');
      await ctx.expectSessionKept();
    },
  },
  // --- HTTP answers that are not Authing answers -------------------------------
  ...[500, 502, 503].map((status) => ({
    fault: `HTTP ${status} with an HTML body (a proxy's error page)`,
    outcome: '`http` / `HTTP_ERROR`, `statusCode` ' + status,
    session: 'kept',
    async run(ctx) {
      serve({ status, headers: { 'content-type': 'text/html' }, body: HTML_PAGE })(ctx);
      const error = await ctx.expectError(ctx.authing.getCurrentUser(), 'http', 'HTTP_ERROR');
      assert.equal(error.statusCode, status);
      await ctx.expectSessionKept();
    },
  })),
  {
    fault: 'HTTP 200 with an empty body',
    outcome: '`http` / `BAD_RESPONSE`',
    session: 'kept',
    run: failsKeepingSession(serve({ status: 200, body: '' }), 'http', 'BAD_RESPONSE'),
  },
  {
    fault: 'a truncated JSON body',
    outcome: '`http` / `BAD_RESPONSE`',
    session: 'kept',
    run: failsKeepingSession(serve({ status: 200, body: '{"data":{"user":{"id":"u-1","nick' }), 'http', 'BAD_RESPONSE'),
  },
  ...[
    ['an array', [1, 2, 3]],
    ['a string', 'ok'],
    ['`data: null`', { data: null }],
    ['`code` as a string', { code: '200', message: 'ok', data: { id: 'u-1' } }],
  ].map(([shape, json]) => ({
    fault: `a JSON body of the wrong shape: ${shape}`,
    outcome: '`http` / `BAD_RESPONSE`',
    session: 'kept',
    run: failsKeepingSession(serve({ status: 200, json }), 'http', 'BAD_RESPONSE'),
  })),
  {
    fault: 'a login answer of the wrong shape (`code` as a string)',
    outcome: '`http` / `BAD_RESPONSE`; nobody is logged in',
    session: 'none written',
    loggedIn: false,
    async run(ctx) {
      serve({ status: 200, json: { code: '200', message: 'ok', data: { id: 'u-1', token: 'a.b.c' } } }, LOGIN)(ctx);
      await ctx.expectError(ctx.authing.loginByCode(), 'http', 'BAD_RESPONSE');
      assert.equal(ctx.storage.has('_authing_token'), false);
    },
  },
  {
    fault: 'a body of 5 MB',
    outcome: '`http` / `RESPONSE_TOO_LARGE`, refused unread (limit 2 MB)',
    session: 'kept',
    run: failsKeepingSession(serve({ status: 200, body: `{"data":{"user":{"id":"${'a'.repeat(5 * 1024 * 1024)}"}}}` }),
      'http', 'RESPONSE_TOO_LARGE'),
  },
  {
    fault: 'JSON nested 10,000 deep',
    outcome: '`http` / `BAD_RESPONSE`, refused before parsing (limit 64 levels)',
    session: 'kept',
    run: failsKeepingSession(serve({ status: 200, body: '['.repeat(10000) + ']'.repeat(10000) }), 'http', 'BAD_RESPONSE'),
  },
  // --- GraphQL errors ----------------------------------------------------------
  {
    fault: 'GraphQL `errors` with a string `message`',
    outcome: '`api` / `GRAPHQL_ERROR`',
    session: 'kept',
    run: failsKeepingSession(serve({ status: 400, json: { errors: [{ message: 'Cannot query field "x" on type "User".' }] } }),
      'api', 'GRAPHQL_ERROR', (ctx) => ctx.authing.updateProfile({ nickname: 'x' })),
  },
  {
    fault: 'GraphQL `errors` with an object `message` (`{code, message}`)',
    outcome: '`api` / Authing\'s code (here `2004`), with its message',
    session: 'kept',
    async run(ctx) {
      serve({ status: 200, json: { errors: [{ message: { code: 2004, message: '用户不存在', data: null } }], data: null } })(ctx);
      const error = await ctx.expectError(ctx.authing.updateProfile({ nickname: 'x' }), 'api', 2004);
      assert.equal(error.message, '用户不存在');
      await ctx.expectSessionKept();
    },
  },
  {
    fault: 'GraphQL `data` and `errors` together',
    outcome: 'the error wins: `api` / its code; the data is not used',
    session: 'kept',
    async run(ctx) {
      serve({
        status: 200,
        json: { data: { updateUser: { id: 'u-x', nickname: 'ghost' } }, errors: [{ message: { code: 2004, message: '用户不存在' } }] },
      })(ctx);
      await ctx.expectError(ctx.authing.updateProfile({ nickname: 'ghost' }), 'api', 2004);
      assert.notEqual(ctx.storage.get('_authing_user').nickname, 'ghost');
      await ctx.expectSessionKept();
    },
  },
  // Valid JSON that JSON.parse reads its own way: the caller gets what it would make of the answer.
  {
    fault: 'a number beyond double range in an answer (`1e400`)',
    outcome: 'success: `Infinity` (`-1e400`: `-Infinity`), as `JSON.parse` reads it',
    session: 'kept',
    async run(ctx) {
      serveUser(ctx, `"loginsCount":1e400,"country":-1e400`);
      const user = await ctx.authing.getCurrentUser();
      assert.equal(user.loginsCount, Infinity);
      assert.equal(user.country, -Infinity);
      await ctx.expectSessionKept();
    },
  },
  {
    fault: 'an escaped lone surrogate in an answer (`"\\ud800"`)',
    outcome: 'success: a string holding that lone UTF-16 code unit, as `JSON.parse` reads it',
    session: 'kept',
    async run(ctx) {
      serveUser(ctx, String.raw`"nickname":"a\ud800","company":"\udc00\ud800"`);
      const user = await ctx.authing.getCurrentUser();
      assert.equal(user.nickname, 'a\ud800');
      assert.equal(user.company, '\udc00\ud800');
      await ctx.expectSessionKept();
    },
  },
  {
    fault: 'a byte order mark before the JSON text',
    outcome: 'success: the mark is ignored, as RFC 8259 allows',
    session: 'kept',
    async run(ctx) {
      serve({ status: 200, body: `\ufeff${JSON.stringify({ data: { user: { id: ctx.user.id, nickname: 'bom' } } })}` })(ctx);
      assert.equal((await ctx.authing.getCurrentUser()).nickname, 'bom');
      await ctx.expectSessionKept();
    },
  },
  {
    fault: 'a login answer with `"id"` twice',
    outcome: 'success: the last `id` counts, as in `JSON.parse`; it is the one checked against the token',
    session: 'the last `id`\'s user, stored',
    async run(ctx) {
      const { id, token } = ctx.user;
      serve({ status: 200, body: `{"code":200,"message":"ok","data":{"id":"u-decoy","token":"${token}","id":"${id}"}}` },
        LOGIN)(ctx);
      assert.equal((await ctx.authing.loginByCode()).id, id);
      assert.equal(ctx.storage.get('_authing_user').id, id);
      assert.equal(JSON.stringify(ctx.storage.get('_authing_user')).includes('u-decoy'), false);
      await ctx.expectSessionKept();
    },
  },
  {
    fault: '`__proto__` and `constructor` keys in an answer (a user, custom data)',
    outcome: 'success: they are the result\'s own keys; no prototype changes',
    session: 'kept',
    async run(ctx) {
      serveUser(ctx, `"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}`);
      const user = await ctx.authing.getCurrentUser();
      for (const key of ['__proto__', 'constructor']) assert.ok(Object.prototype.hasOwnProperty.call(user, key), key);
      assert.equal(user.__proto__.polluted, 'yes');
      assert.equal(user.constructor.prototype.polluted, 'yes');
      serve({
        status: 200,
        body: `{"data":{"udv":[{"key":"__proto__","dataType":"DATETIME","value":"1700000000000"},${
          '{"key":"constructor","dataType":"STRING","value":"x"}]}}'}`,
      })(ctx);
      const values = await ctx.authing.getUdfValue();
      assert.ok(Object.prototype.hasOwnProperty.call(values, '__proto__'));
      assert.equal(values.__proto__.getTime(), 1700000000000);
      assert.equal(values.constructor, 'x');
      for (const result of [user, values]) {
        const prototype = Object.getPrototypeOf(result);
        assert.equal(Object.getPrototypeOf(prototype), null, 'the result\'s prototype is still an Object.prototype');
        assert.equal(prototype.polluted, undefined);
      }
      assert.equal({}.polluted, undefined);
      await ctx.expectSessionKept();
    },
  },
  // --- WeChat ------------------------------------------------------------------
  {
    fault: '`wx.login` fails',
    outcome: '`wechat` / `WX_LOGIN_FAILED`',
    session: 'none written',
    loggedIn: false,
    async run(ctx) {
      ctx.wx.__faults.loginFail = { errMsg: 'login:fail system error', errno: 1 };
      await ctx.expectError(ctx.authing.loginByCode(), 'wechat', 'WX_LOGIN_FAILED');
      assert.equal(ctx.storage.has('_authing_token'), false);
    },
  },
  {
    fault: '`wx.login` refused for privacy (the user has not agreed)',
    outcome: '`privacy` / `PRIVACY_NOT_AUTHORIZED`',
    session: 'none written',
    loggedIn: false,
    async run(ctx) {
      ctx.wx.__faults.loginFail = { errMsg: 'login:fail privacy permission is not authorized', errno: 104 };
      await ctx.expectError(ctx.authing.loginByCode(), 'privacy', 'PRIVACY_NOT_AUTHORIZED');
    },
  },
  {
    fault: 'a login code already used (WeChat 40163)',
    outcome: 'one fresh `wx.login`, then success',
    session: 'written',
    loggedIn: false,
    async run(ctx) {
      const { code } = await ctx.wx.login();
      await ctx.authing.loginByCode(code);
      await ctx.authing.logout();
      const before = ctx.wx.__codes.length;
      const user = await ctx.authing.loginByCode(code);
      assert.equal(ctx.wx.__codes.length, before + 1, 'exactly one fresh code');
      assert.ok(user.id);
      assert.ok(ctx.storage.get('_authing_token'));
    },
  },
  {
    fault: 'an invalid code, twice (WeChat 40029)',
    outcome: '`wechat` / `40029` after one retry',
    session: 'none written',
    loggedIn: false,
    async run(ctx) {
      const invalid = { status: 200, times: 2, json: { code: 40029, message: 'invalid code', data: null } };
      serve(invalid, LOGIN)(ctx);
      await ctx.expectError(ctx.authing.loginByCode('not-a-code'), 'wechat', 40029);
      assert.equal(ctx.server.requests().filter((request) => request.path === LOGIN).length, 2);
    },
  },
  ...[
    [45011, 'too many logins for this user this minute'],
    [40226, 'WeChat blocks the user as high-risk'],
  ].map(([code, what]) => ({
    fault: `${what} (WeChat ${code})`,
    outcome: `\`wechat\` / \`${code}\`, never retried`,
    session: 'none written',
    loggedIn: false,
    async run(ctx) {
      ctx.server.wechatError(code);
      const before = ctx.wx.__codes.length;
      await ctx.expectError(ctx.authing.loginByCode(), 'wechat', code);
      assert.equal(ctx.server.requests().filter((request) => request.path === LOGIN).length, 1, 'one request');
      assert.equal(ctx.wx.__codes.length, before + 1, 'one wx.login');
      assert.equal(ctx.storage.has('_authing_token'), false);
    },
  })),
  {
    fault: 'WeChat busy (`-1`) once',
    outcome: 'one retry with a fresh `wx.login` after 300 ms, then success',
    session: 'written',
    loggedIn: false,
    async run(ctx) {
      ctx.server.wechatError(-1);
      const before = ctx.wx.__codes.length;
      const user = await ctx.authing.loginByCode();
      assert.ok(user.id);
      assert.equal(ctx.server.requests().filter((request) => request.path === LOGIN).length, 2, 'one retry');
      assert.equal(ctx.wx.__codes.length, before + 2, 'a fresh code for the retry');
      assert.ok(ctx.storage.get('_authing_token'));
    },
  },
  {
    fault: '`wx.login` refused: the API is not declared in the privacy guide (errno 112)',
    outcome: '`privacy` / `PRIVACY_API_NOT_DECLARED`',
    session: 'none written',
    loggedIn: false,
    async run(ctx) {
      ctx.wx.__faults.loginFail = { errMsg: 'login:fail api scope is not declared in the privacy agreement', errno: 112 };
      await ctx.expectError(ctx.authing.loginByCode(), 'privacy', 'PRIVACY_API_NOT_DECLARED');
      assert.equal(ctx.storage.has('_authing_token'), false);
    },
  },
  {
    fault: '`wx.request` cut as the app goes to the background (`request:fail interrupted`)',
    outcome: '`network` / `REQUEST_INTERRUPTED`',
    session: 'kept',
    run: failsKeepingSession((ctx) => {
      ctx.wx.__faults.requestFail = { errMsg: 'request:fail interrupted' };
    }, 'network', 'REQUEST_INTERRUPTED'),
  },
  // --- wx storage --------------------------------------------------------------
  {
    fault: '`wx.setStorageSync` throws (storage full)',
    outcome: 'the call succeeds; a `storageError` event',
    session: 'kept in memory',
    loggedIn: false,
    async run(ctx) {
      const events = [];
      ctx.authing.on('storageError', (event) => events.push(event));
      ctx.wx.__faults.storageFull = true;
      const user = await ctx.authing.loginByCode();
      assert.ok(user.id);
      assert.ok(events.length >= 1, 'storageError fired');
      assert.match(events[0].errMsg, /exceed storage max size/);
      const again = await ctx.authing.updateProfile({ nickname: 'in memory' });
      assert.equal(again.nickname, 'in memory');
      ctx.wx.__faults.storageFull = false;
    },
  },
  ...[
    ['a number', () => 42],
    ['a token with a line break', (ctx) => `${ctx.user.token}\r\nx-evil: 1`],
    ['an object', () => ({ token: 'x' })],
  ].map(([what, value]) => ({
    fault: `\`wx.getStorageSync\` returns a corrupt token: ${what}`,
    outcome: 'not sent: `getCurrentUser()` resolves `null`, other calls reject `session` / `2020`',
    session: 'none (nothing usable stored)',
    async run(ctx) {
      ctx.storage.set('_authing_token', value(ctx));
      ctx.storage.delete('_authing_user');
      const fresh = ctx.restart();
      ctx.server.clearRequests();
      assert.equal(await fresh.getCurrentUser(), null);
      await ctx.expectError(fresh.updateProfile({ nickname: 'x' }), 'session', 2020);
      assert.deepEqual(ctx.server.requests(), [], 'nothing was sent');
    },
  })),
  ...[
    ['a truncated token', 'it cannot be read, but may be an opaque token', (ctx) => ctx.user.token.slice(0, 40)],
    ['an expired token', 'the phone\'s clock may be wrong', (ctx) => ctx.server.issueToken(ctx.user.id, { ttlSeconds: -60 })],
  ].map(([what, why, value]) => ({
    fault: `\`wx.getStorageSync\` returns ${what}`,
    outcome: `sent once (${why}); the server refuses it, the session ends, \`getCurrentUser()\` resolves \`null\``,
    session: 'ended, storage cleared',
    async run(ctx) {
      ctx.storage.set('_authing_token', value(ctx));
      const fresh = ctx.restart();
      assert.equal(await fresh.getCurrentUser(), null);
      assert.equal(ctx.storage.has('_authing_token'), false);
      await ctx.expectError(fresh.updateProfile({ nickname: 'x' }), 'session', 2020);
    },
  })),
  {
    fault: '`wx.getStorageSync` returns another user pool\'s session',
    outcome: 'not used, not sent, left in storage: `getCurrentUser()` resolves `null`',
    session: 'none for this pool; the other pool\'s kept',
    async run(ctx) {
      const [head, body, signature] = ctx.user.token.split('.');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
      claims.userpool_id = 'another-pool';
      claims.data.userPoolId = 'another-pool';
      const foreign = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      ctx.storage.set('_authing_token', foreign);
      const fresh = ctx.restart();
      ctx.server.clearRequests();
      assert.equal(await fresh.getCurrentUser(), null);
      assert.deepEqual(ctx.server.requests(), [], 'the foreign token was not sent');
      assert.equal(ctx.storage.get('_authing_token'), foreign);
    },
  },
  // --- one session, one truth ---------------------------------------------------
  {
    fault: '`logout()` while a login\'s answer is on its way',
    outcome: 'the login rejects `session` / `SESSION_SUPERSEDED`',
    session: 'ended, also after a restart',
    async run(ctx) {
      const gate = ctx.wx.__holdRequests();
      const { code } = await ctx.wx.login();
      const superseded = ctx.expectError(ctx.authing.loginByCode(code), 'session', 'SESSION_SUPERSEDED');
      await settle();
      await gate.waiting()[0].arrive();
      const logout = ctx.authing.logout();
      await settle();
      await release(gate);
      await superseded;
      await logout;
      assert.equal(ctx.storage.size, 0);
      assert.equal(await ctx.restart().getCurrentUser(), null);
    },
  },
  {
    fault: 'a profile answer lands after a token refresh',
    outcome: 'success',
    session: 'the user updated, with the refreshed token',
    async run(ctx) {
      const gate = ctx.wx.__holdRequests();
      const update = ctx.authing.updateProfile({ nickname: 'after refresh' });
      const refresh = ctx.authing.refreshToken();
      await settle();
      const [updateRequest, refreshRequest] = gate.waiting();
      await updateRequest.arrive();
      await refreshRequest.arrive();
      refreshRequest.deliver();
      await settle();
      updateRequest.deliver();
      gate.open();
      const [updated, refreshed] = await Promise.all([update, refresh]);
      assert.equal(updated.nickname, 'after refresh');
      const stored = ctx.storage.get('_authing_user');
      assert.equal(stored.nickname, 'after refresh');
      assert.equal(ctx.storage.get('_authing_token'), refreshed.token);
      assert.equal(stored.token, refreshed.token);
    },
  },
  {
    fault: '`wx.setStorageSync` refuses `_authing_token` in a second login (a torn write)',
    outcome: 'the login succeeds; a `storageError` event',
    session: 'neither key kept: a restart is logged out, never the first user; the next write stores both',
    async run(ctx) {
      const carol = anotherUser(ctx, 'carol');
      const { wx } = ctx;  // this run's wx (a restart brings another)
      wx.__faults.storageRefuse = ['_authing_token'];
      const user = await ctx.authing.loginByUsername('carol', carol.password);
      assert.equal(user.username, 'carol');
      assert.equal(ctx.storage.has('_authing_token'), false);
      assert.equal(ctx.storage.has('_authing_user'), false);
      assert.equal(await ctx.restart().getCurrentUser(), null);
      wx.__faults.storageRefuse = [];
      assert.equal((await ctx.authing.updateProfile({ nickname: 'Carol' })).username, 'carol', 'this run goes on as carol');
      assert.equal(ctx.storage.get('_authing_user').token, ctx.storage.get('_authing_token'));
      assert.equal((await ctx.restart().getCurrentUser()).username, 'carol');
    },
  },
  {
    fault: '`wx.setStorageSync` refuses `_authing_user` in a second login',
    outcome: 'the login succeeds; a `storageError` event',
    session: 'the token alone: a restart is the new user',
    async run(ctx) {
      const dave = anotherUser(ctx, 'dave');
      ctx.wx.__faults.storageRefuse = ['_authing_user'];
      await ctx.authing.loginByUsername('dave', dave.password);
      ctx.wx.__faults.storageRefuse = [];
      assert.equal(ctx.storage.has('_authing_user'), false);
      assert.equal((await ctx.restart().getCurrentUser()).username, 'dave');
    },
  },
  {
    fault: 'storage holds one user\'s token beside another user\'s user (a torn pair)',
    outcome: 'not used, not sent: `getCurrentUser()` resolves `null`',
    session: 'discarded and removed',
    async run(ctx) {
      const erin = anotherUser(ctx, 'erin');
      ctx.storage.set('_authing_user', { id: erin.user.id, username: 'erin', token: erin.token });
      const fresh = ctx.restart();
      ctx.server.clearRequests();
      assert.equal(await fresh.getCurrentUser(), null);
      assert.deepEqual(ctx.server.requests(), [], 'nothing was sent');
      assert.equal(ctx.storage.size, 0);
    },
  },
  {
    fault: 'the page clears wx storage (`wx.clearStorageSync()`)',
    outcome: '`getCurrentUser()` resolves `null`, other calls reject `session` / `2020`; `loginStateChange` `{loggedIn: false, reason: "storage"}` once',
    session: 'gone for the SDK too, as in v4',
    async run(ctx) {
      const events = [];
      ctx.authing.on('loginStateChange', (event) => events.push(event));
      ctx.wx.clearStorageSync();
      assert.equal(await ctx.authing.getCurrentUser(), null);
      await ctx.expectError(ctx.authing.updateProfile({ nickname: 'x' }), 'session', 2020);
      assert.deepEqual(events.map((event) => [event.loggedIn, event.reason]), [[false, 'storage']]);
    },
  },
  {
    fault: 'the page writes another user\'s session under v4\'s keys',
    outcome: 'the next call acts as that user',
    session: 'picked up',
    async run(ctx) {
      const frank = anotherUser(ctx, 'frank');
      ctx.wx.setStorageSync('_authing_token', frank.token);
      ctx.wx.setStorageSync('_authing_user', { id: frank.user.id, username: 'frank', token: frank.token });
      const user = await ctx.authing.updateProfile({ nickname: 'Frank' });
      assert.equal(user.id, frank.user.id);
      assert.equal(ctx.storage.get('_authing_user').nickname, 'Frank');
    },
  },
  {
    fault: 'the server revokes the token (`2020` to calls that carry it)',
    outcome: '`getCurrentUser()` resolves `null`; other calls reject `session` / `2020`',
    session: 'ended once: storage cleared, one `loginStateChange`',
    async run(ctx) {
      const events = [];
      ctx.authing.on('loginStateChange', (event) => events.push(event));
      serve({ times: 2, json: { errors: [{ message: { code: 2020, message: '尚未登录，无访问权限' } }], data: null } })(ctx);
      const read = ctx.authing.getCurrentUser();
      await ctx.expectError(ctx.authing.updateProfile({ nickname: 'x' }), 'session', 2020);
      assert.equal(await read, null);
      assert.equal(ctx.storage.size, 0);
      assert.deepEqual(events.map((event) => event.loggedIn), [false]);
    },
  },
  {
    fault: 'the server echoes the token and the login code in an error',
    outcome: '`api` / `2001`, with `[redacted]` in their place (in `onError` too)',
    session: 'kept',
    async run(ctx) {
      const { code } = await ctx.wx.login();
      const echo = `code ${code} token ${ctx.user.token}`;
      serve({ json: { code: 2001, message: echo, data: { code, token: ctx.user.token } } }, LOGIN)(ctx);
      const error = await ctx.expectError(ctx.authing.loginByCode(code), 'api', 2001);
      const text = JSON.stringify({ message: error.message, data: error.data });
      assert.equal(text.includes(code), false);
      assert.equal(text.includes(ctx.user.token), false);
      assert.match(error.message, /\[redacted\]/);
      await ctx.expectSessionKept();
    },
  },
  // --- load --------------------------------------------------------------------
  {
    fault: '100 `getCurrentUser()` calls in flight at once',
    outcome: 'all resolve to the same user, over one request',
    session: 'kept',
    async run(ctx) {
      ctx.server.clearRequests();
      const users = await Promise.all(Array.from({ length: 100 }, () => ctx.authing.getCurrentUser()));
      assert.equal(new Set(users.map((user) => user.id)).size, 1);
      assert.equal(users[0].id, ctx.user.id);
      assert.equal(ctx.server.requests().filter((request) => request.path === GRAPHQL).length, 1);
    },
  },
];

module.exports = { ROWS };
