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
