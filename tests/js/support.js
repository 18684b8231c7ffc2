'use strict';
// Shared set-up of the node tests: a mini program root holding the built
// package where "Build npm" would put it, and "app runs" (a fresh sandbox, so
// a fresh JS realm and wasm instance) over a fake wx whose storage can outlive
// the run, which is what an app restart is.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createSandbox } = require('../../js/testing/sandbox.js');
const { createFakeWx } = require('../../js/testing/fake-wx.js');
const { startDevServer } = require('../../js/testing/dev-server.js');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const PACKAGE = require(path.join(ROOT, 'package.json'));
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

// With AUTHING_BUILT_MINIPROGRAM set to a project that Build npm ran on
// (scripts/test.js does this), every root is a copy of that project, so the
// package loads from its miniprogram_npm/ output instead of from dist/.
const BUILT_MINIPROGRAM = process.env.AUTHING_BUILT_MINIPROGRAM;

function makeMiniprogramRoot(packageDir = DIST) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-mp-'));
  if (BUILT_MINIPROGRAM && packageDir === DIST) {
    fs.cpSync(BUILT_MINIPROGRAM, root, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
    if (!fs.existsSync(path.join(root, 'miniprogram_npm', PACKAGE.name, 'index.js'))) {
      throw new Error(`${BUILT_MINIPROGRAM} has no Build npm output`);
    }
    return root;
  }
  const target = path.join(root, 'miniprogram_npm', PACKAGE.name);
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(packageDir)) {
    fs.copyFileSync(path.join(packageDir, file), path.join(target, file));
  }
  return root;
}

function appRun({ root, server, storage = new Map(), openid, sandboxOptions = {} }) {
  const wx = createFakeWx({ server: server.url, storage, openid });
  const sandbox = createSandbox({ root, wx, ...sandboxOptions });
  const sdk = sandbox.require(PACKAGE.name);
  function client(options = {}) {
    return new sdk.AuthenticationClient({
      userPoolId: server.userPoolId,
      appId: server.appId,
      host: server.url,
      ...options,
    });
  }
  return { wx, sandbox, sdk, storage, client };
}

// Values from the sandbox's realm, made comparable with deepStrictEqual.
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// The settled outcome of a promise, as data.
async function outcome(promise) {
  try {
    return { resolved: true, value: await promise };
  } catch (error) {
    return { resolved: false, error };
  }
}

function errorFields(error) {
  const fields = { name: error.name, kind: error.kind, code: error.code, message: error.message, data: plain(error.data) };
  for (const key of ['statusCode', 'apiCode', 'requestId']) if (key in error) fields[key] = error[key];
  return fields;
}

// The body text of a fixture response: its "body", its "json" serialised, or
// what its "generate" describes (see tests/fixtures/responses.json).
function fixtureBody(response) {
  if ('body' in response) return response.body;
  if (!('generate' in response)) return JSON.stringify(response.json);
  const { kind, depth, bytes, within = '<nested>' } = response.generate;
  if (kind === 'nested') return within.replace('<nested>', '['.repeat(depth) + ']'.repeat(depth));
  if (kind !== 'padded') throw new Error(`unknown generated body ${kind}`);
  const head = '{"code":200,"message":"ok","data":{"padding":"';
  const tail = '"}}';
  return head + 'a'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

function loadFixture(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

// tests/fixtures/operations/*.json, in name order, as one list of cases.
function loadOperationCases() {
  const dir = path.join(FIXTURES, 'operations');
  return fs.readdirSync(dir).filter((file) => file.endsWith('.json')).sort()
    .flatMap((file) => loadFixture(path.join('operations', file)).cases);
}

// Replaces "{{key}}" strings anywhere in value with vars[key].
function substitute(value, vars) {
  if (typeof value === 'string') {
    const match = /^\{\{(\w+)\}\}$/.exec(value);
    return match && match[1] in vars ? vars[match[1]] : value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, vars)]));
  }
  return value;
}

// Every member of expected is in actual with the same value (recursively).
function hasSubset(actual, expected) {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (actual === null || typeof actual !== 'object') return false;
  return Object.keys(expected).every((key) => key in actual && hasSubset(actual[key], expected[key]));
}

// True when a and b hold the same values under the same own keys, numbers
// compared with Object.is (so -0 is not 0, and NaN is NaN). Unlike
// deepStrictEqual it ignores prototypes: the sandbox's objects have its own.
function sameValue(a, b) {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue(a[key], b[key]));
}

// Checks a settled call ({resolved, value | error}, from outcome()) and the
// storage after it against a fixture's `expect` (the shape
// tests/fixtures/responses.json describes; the Catch2 suite reads the same).
// `body` is the answer's text, for `resultSameAs`.
function checkExpectation(run, result, expect, body) {
  const assert = require('node:assert/strict');
  assert.equal(result.resolved, expect.outcome === 'resolve', result.error && result.error.message);
  if (expect.outcome === 'reject') {
    assert.ok(result.error instanceof run.sdk.AuthingError);
    const fields = errorFields(result.error);
    assert.ok(hasSubset(fields, expect.error), JSON.stringify(fields));
    assert.notEqual(fields.message, '');
  } else {
    const value = plain(result.value);
    if (expect.result) assert.ok(hasSubset(value, expect.result), JSON.stringify(value));
    if (expect.resultIs === 'null') assert.equal(result.value, null);
    if (expect.resultIs === 'undefined') assert.equal(result.value, undefined);
    for (const key of expect.absent || []) assert.equal(key in value, false, key);
    if (expect.resultSameAs) {
      // What JSON.parse makes of the answer itself, path by own key; a byte
      // order mark dropped first, as wx.request drops it for JSON.
      const sameAs = expect.resultSameAs.reduce((parent, key) => {
        assert.ok(Object.prototype.hasOwnProperty.call(parent, key), key);
        return parent[key];
      }, JSON.parse(body.replace(/^\ufeff/, '')));
      assert.ok(sameValue(result.value, sameAs), `${JSON.stringify(result.value)} is not ${JSON.stringify(sameAs)}`);
    }
  }
  assert.equal(run.storage.has('_authing_token'), expect.loggedInAfter);
  if (expect.tokenAfter) assert.equal(run.storage.get('_authing_token'), expect.tokenAfter);
  if (expect.userIdAfter) assert.equal(run.storage.get('_authing_user').id, expect.userIdAfter);
  if (run.storage.has('_authing_user')) {
    assert.equal('password' in run.storage.get('_authing_user'), false);
    assert.equal('salt' in run.storage.get('_authing_user'), false);
  }
}

// Logs a fresh WeChat user in through the SDK; returns the user.
async function logIn(run, authing) {
  const { code } = await run.wx.login();
  return authing.loginByCode(code);
}

module.exports = {
  ROOT,
  DIST,
  PACKAGE,
  BUILT_MINIPROGRAM,
  startDevServer,
  createFakeWx,
  createSandbox,
  makeMiniprogramRoot,
  appRun,
  plain,
  outcome,
  errorFields,
  loadFixture,
  loadOperationCases,
  fixtureBody,
  substitute,
  hasSubset,
  sameValue,
  checkExpectation,
  logIn,
};
