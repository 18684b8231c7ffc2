'use strict';
// Every row of the fault table (tests/js/faults.js) against the built package
// in the mini program sandbox, over real HTTP to the dev server. Each row must
// end in a typed AuthingError or a success: never an unhandled rejection, a
// hang (the test's timeout), a wasm abort (kind runtime), or a lost valid
// session. Afterwards, every error and every line the SDK logged is scanned
// for tokens, login codes and password hashes; and the README's Reliability
// table must be the one the rows generate.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { ROWS } = require('./faults.js');
const { reliabilityTable, readmeSection } = require('../../scripts/reliability-table.js');
const {
  ROOT, startDevServer, makeMiniprogramRoot, appRun, plain, logIn,
} = require('./support.js');

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

// Everything the SDK said to the world, for the secret scan.
const seen = { errors: [], reports: [], logs: [] };
const wxs = [];

function capturingLog() {
  const record = (...args) => seen.logs.push(args.map(String).join(' '));
  return { log: record, info: record, warn: record, error: record, debug: record };
}

function context(server, root, row) {
  const storage = new Map();
  const openid = `o-fault-${ROWS.indexOf(row)}`;
  const reported = [];
  let current = null;

  function client() {
    const run = appRun({ root, server, storage, openid, sandboxOptions: { log: capturingLog() } });
    wxs.push(run.wx);
    const authing = run.client({
      ...row.clientOptions,
      onError(code, message, data) {
        const report = { code, message, data: plain(data) };
        reported.push(report);
        seen.reports.push(report);
      },
    });
    current = { run, authing };
    return current;
  }

  const first = client();
  const ctx = {
    server,
    storage,
    user: null,
    get wx() {
      return current.run.wx;
    },
    get authing() {
      return first.authing;
    },
    // An app restart: a new sandbox (JS realm, wasm instance) over the same storage.
    restart() {
      return client().authing;
    },
    async expectError(promise, kind, code) {
      const before = reported.length;
      const error = await promise.then(
        (value) => assert.fail(`resolved with ${JSON.stringify(plain(value))}`),
        (rejection) => rejection);
      seen.errors.push(error);
      assert.ok(error instanceof current.run.sdk.AuthingError || error instanceof first.run.sdk.AuthingError,
        `an AuthingError, not ${error && error.constructor && error.constructor.name}: ${error}`);
      assert.equal(error.kind, kind, `${error.code}: ${error.message}`);
      assert.equal(error.code, code, error.message);
      assert.ok(typeof error.message === 'string' && error.message.length > 0);
      assert.deepEqual(reported.slice(before).map((report) => report.code), [code], 'onError fired exactly once');
      return error;
    },
    // The session from before the fault still works: same user, same token.
    async expectSessionKept() {
      assert.equal(storage.get('_authing_token'), ctx.user.token, 'the stored token is unchanged');
      const user = await first.authing.getCurrentUser();
      assert.ok(user, 'getCurrentUser() still has a session');
      assert.equal(user.id, ctx.user.id);
    },
  };
  return ctx;
}

let server;
let root;
test.before(async () => {
  server = await startDevServer();
  root = makeMiniprogramRoot();
});
test.after(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

for (const row of ROWS) {
  test(`${row.fault} → ${row.outcome}`, { timeout: 20000 }, async () => {
    server.reset();
    const ctx = context(server, root, row);
    if (row.loggedIn !== false) ctx.user = await logIn({ wx: ctx.wx }, ctx.authing);
    await row.run(ctx);
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
  });
}

test('no error, onError report or log line carries a token, a login code or a password hash', () => {
  const secrets = new Set();
  for (const token of server.issuedTokens()) {
    secrets.add(token);
    secrets.add(token.split('.')[2]);  // the signature alone is as good as the token to a thief
  }
  for (const wx of wxs) for (const code of wx.__codes) secrets.add(code);
  for (const user of server.users()) {
    if (user.password) secrets.add(user.password);
    if (user.salt) secrets.add(user.salt);
  }
  assert.ok(secrets.size > 20, `the suites issued tokens and codes to look for (${secrets.size})`);
  assert.ok(seen.errors.length > 20, `the suites produced errors to scan (${seen.errors.length})`);

  const texts = [
    ...seen.errors.map((error) => JSON.stringify({ ...error, message: error.message, stack: error.stack })),
    ...seen.reports.map((report) => JSON.stringify(report)),
    ...seen.logs,
  ];
  for (const text of texts) {
    for (const secret of secrets) {
      assert.equal(text.includes(secret), false, `a secret (${secret.slice(0, 6)}…) in: ${text.slice(0, 200)}`);
    }
  }
});

test('the README\'s Reliability table is the one the fault table generates', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.equal(readmeSection(readme), reliabilityTable(ROWS),
    'README.md is out of date: run node scripts/reliability-table.js --write');
});
