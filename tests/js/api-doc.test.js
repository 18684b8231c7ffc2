'use strict';
// docs/api.md cannot drift: it is what scripts/api-doc.js makes of
// docs/api/*.js, and that source is held to the built package. Its methods
// and argument names are the core's operation table's (read from the package
// in the sandbox), its result types are the typings's, and every case of every
// method is run in the sandbox over HTTP to the dev server: what reached the
// server and wx, in order, and what storage went through, must be what the
// source says. docs/migrating-from-v4.md must name every method that differs
// from v4.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, startDevServer, makeMiniprogramRoot, appRun, outcome, hasSubset, plain, logIn } = require('./support.js');
const api = require('../../docs/api/index.js');
const { render, slug, OUTPUT } = require('../../scripts/api-doc.js');

const METHODS = api.methods();
const EXTRAS = ['on', 'off', 'computedPasswordSecurityLevel', 'buildAuthorizeUrl', 'buildLogoutUrl'];
const MIGRATING = path.join(ROOT, 'docs', 'migrating-from-v4.md');
// The package's typings, every part of them (the test kit's aside).
const TYPES = path.join(ROOT, 'types');
const TYPINGS = fs.readdirSync(TYPES).filter((file) => file.endsWith('.d.ts') && file !== 'testing.d.ts').sort()
  .map((file) => fs.readFileSync(path.join(TYPES, file), 'utf8')).join('\n');
const WX_CALLS = ['request', 'login', 'chooseMedia', 'chooseImage', 'uploadFile'];
const STORAGE_CALLS = { setStorageSync: 'written', removeStorageSync: 'removed' };
const KEYS = { token: '_authing_token', user: '_authing_user' };
const STORES = {
  session: { token: 'written', user: 'written' },
  user: { token: 'untouched', user: 'written' },
  cleared: { token: 'removed', user: 'removed' },
  nothing: { token: 'untouched', user: 'untouched' },
};

// What a value of each result type the source names looks like.
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const withList = (value) => isObject(value) && Array.isArray(value.list);
const SHAPES = {
  User: (value) => isObject(value) && typeof value.id === 'string',
  'User | null': (value) => value === null || SHAPES.User(value),
  PhoneInfo: (value) => isObject(value) && typeof value.phoneNumber === 'string',
  LoginStatus: (value) => isObject(value) && typeof value.status === 'boolean',
  RefreshedToken: (value) => isObject(value) && typeof value.token === 'string',
  CommonMessage: (value) => isObject(value) && value.code === 200 && typeof value.message === 'string',
  CheckPasswordStrengthResult: (value) => isObject(value) && typeof value.valid === 'boolean',
  'UserDefinedData[]': Array.isArray,
  KeyValuePair: isObject,
  SecurityLevel: (value) => isObject(value) && typeof value.score === 'number',
  PaginatedAuthorizedResources: withList,
  UserOrgList: Array.isArray,
  PaginatedApplications: withList,
  PaginatedRoles: withList,
  PasswordSecurityLevel: (value) => [1, 2, 3].includes(value),
  boolean: (value) => typeof value === 'boolean',
  string: (value) => typeof value === 'string',
  void: (value) => value === undefined,
  '() => void': (value) => typeof value === 'function',
};

// "name(a, b?, c?)" -> ['a', 'b', 'c'].
function params(signature) {
  const inside = /^\w+\((.*)\)$/.exec(signature)[1];
  return inside ? inside.split(', ').map((param) => param.replace(/\?$/, '')) : [];
}

// The class's methods in the typings: name -> the return type of its first
// overload, a promise's value type for an asynchronous one.
function typedResults() {
  // One line per declaration, however the typings wrap their parameters.
  const body = TYPINGS.slice(TYPINGS.indexOf('export declare class AuthenticationClient'))
    .replace(/\(\n\s+/g, '(').replace(/,\n\s+(?=\S)/g, ', ').replace(/,?\s*\n\s*\)/g, ')');
  const results = {};
  for (const [, name, type] of body.matchAll(/^ {2}(\w+)(?:<[^>]*>)?\(.*\): (.+);$/gm)) {
    if (!(name in results)) results[name] = type.replace(/^Promise<(.*)>$/, '$1');
  }
  return results;
}

function interfaceKeys(name) {
  const start = TYPINGS.indexOf(`export interface ${name} {`);
  const body = TYPINGS.slice(start, TYPINGS.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(\w+)\??[:(]/gm)].map((match) => match[1]);
}

// One documented step of `sends`: what wx is asked to do, and what the
// server should see ('GET /path?key=*' for a placeholder value), if anything.
function expectedStep(entry) {
  const text = Array.isArray(entry) ? entry[0] : entry;
  const graphql = /^(query|mutation) (\w+)$/.exec(text);
  if (graphql) return { wx: 'wx.request', server: text };
  const http = /^(?:(wx\.uploadFile) )?(GET|POST) (\/\S*)$/.exec(text);
  if (http) {
    const url = new URL(http[3], 'http://docs');
    const query = [...url.searchParams].map(([key, value]) => `${key}=${/^\{\w+\}$/.test(value) ? '*' : value}`);
    const server = `${http[2]} ${url.pathname}${query.length ? `?${query.sort().join('&')}` : ''}`;
    return { wx: http[1] || 'wx.request', server };
  }
  assert.match(text, /^wx\.(login|chooseMedia)$/, `a step docs/api cannot express: ${text}`);
  return { wx: text, server: null };
}

// What the server saw, in the form of expectedStep's `server`.
function seen(request) {
  if (request.path === '/graphql/v2' && request.method === 'POST') {
    return `${/^\s*(query|mutation)/.exec(request.json.query)[1]} ${/\{\s*(\w+)/.exec(request.json.query)[1]}`;
  }
  const query = Object.entries(request.query).map(([key, value]) => `${key}=${value}`).sort();
  return `${request.method} ${request.path}${query.length ? `?${query.join('&')}` : ''}`;
}

function matches(actual, pattern) {
  const [head, query = ''] = pattern.split('?');
  const [actualHead, actualQuery = ''] = actual.split('?');
  if (head !== actualHead) return false;
  const wanted = query ? query.split('&') : [];
  const got = actualQuery ? actualQuery.split('&') : [];
  return wanted.length === got.length && wanted.every((pair, i) => (pair.endsWith('=*')
    ? got[i].startsWith(pair.slice(0, -1)) : got[i] === pair));
}

test('docs/api.md is what scripts/api-doc.js makes of docs/api/*.js', () => {
  assert.equal(fs.readFileSync(OUTPUT, 'utf8'), render(), 'docs/api.md is out of date: run node scripts/api-doc.js --write');
});

test('docs/api documents the package\'s methods, with the operation table\'s argument names and the typings\'s types', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const run = appRun({ root: makeMiniprogramRoot(), server });
  const authing = run.client();
  await authing._driver.ready;
  // The table the build bundles as operations.js, from the package's own core.
  const table = JSON.parse(authing._driver.module.Core._operations());
  const specs = new Map(table.map((spec) => [spec.name, spec]));

  const documented = METHODS.map((method) => method.name);
  assert.equal(new Set(documented).size, documented.length, 'a method documented twice');
  assert.deepEqual(documented.filter((name) => specs.has(name)), table.map((spec) => spec.name),
    'the table\'s methods, in the table\'s order');
  assert.deepEqual(documented.filter((name) => !specs.has(name)).sort(), [...EXTRAS].sort());
  const prototype = Object.getPrototypeOf(authing);
  const published = Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && !name.startsWith('_'));
  assert.deepEqual([...published].sort(), [...documented].sort(), 'the client\'s public methods');

  const typed = typedResults();
  for (const method of METHODS) {
    const spec = specs.get(method.name);
    const where = method.name;
    assert.equal(Boolean(method.sync), !spec, `${where}: synchronous exactly when not an operation`);
    assert.equal(method.resolves, typed[method.name], `${where}: the result type of the typings`);
    assert.ok(method.resolves in SHAPES || method.unsupported, `${where}: no shape check for ${method.resolves}`);
    assert.equal(method.session, spec ? spec.login : false, `${where}: session`);
    assert.ok(method.cases.length > 0, `${where}: no case`);
    const spellings = Object.keys(method.spellings || {});
    const names = spec ? spec.args : params(method.signatures[0]);
    if (spec) {
      assert.deepEqual(params(method.signatures[0]), spec.args, `${where}: the first signature names every argument`);
    } else {
      assert.equal(params(method.signatures[0]).length, prototype[method.name].length, `${where}: arity`);
    }
    for (const signature of method.signatures) {
      assert.ok(signature.startsWith(`${method.name}(`), signature);
      params(signature).forEach((param, i) => {
        assert.ok(param === names[i] || spellings.includes(param), `${signature}: argument ${i + 1} is ${names[i]}`);
      });
      assert.ok(params(signature).length <= names.length, `${signature}: too many arguments`);
    }
    for (const name of Object.keys(method.args || {})) {
      assert.ok(names.includes(name), `${where}: a note on an argument it does not take, ${name}`);
    }
    assert.equal(method.v4 === null, method.migrating === undefined, `${where}: a v4 difference goes with its migrating entry`);
  }
});

test('the options, events and loginStateChange reasons are the package\'s', () => {
  assert.deepEqual(api.OPTIONS.map(([name]) => name).sort(), interfaceKeys('AuthenticationClientOptionsBase').sort());
  const reasons = api.REASONS.map(([reason]) => reason);
  const emitted = new Set();
  const sources = path.join(ROOT, 'wasm', 'src');
  for (const file of fs.readdirSync(sources).filter((name) => name.endsWith('.cpp'))) {
    const text = fs.readFileSync(path.join(sources, file), 'utf8');
    for (const [, reason] of text.matchAll(/(?:emit_login_state|end_session)\((?:\w+, )?"(\w+)"\)/g)) emitted.add(reason);
  }
  assert.deepEqual([...emitted].sort(), [...reasons].sort(), 'the reasons the core emits');
  const typedReasons = new Set([...TYPINGS.matchAll(/^ {2}reason: (.+);$/gm)]
    .flatMap((match) => match[1].split(' | ').map((reason) => reason.replace(/'/g, ''))));
  assert.deepEqual([...typedReasons].sort(), [...reasons].sort(), 'the reasons the typings name');
  const typedEvents = interfaceKeys('AuthenticationClientEvents');
  assert.deepEqual(api.EVENTS.map((event) => event.name), typedEvents);
});

test('docs/migrating-from-v4.md has an entry for every method that differs from v4', () => {
  const text = fs.readFileSync(MIGRATING, 'utf8');
  const anchors = new Set([...text.matchAll(/^#{2,4} (.+)$/gm)].map((match) => slug(match[1])));
  const differing = METHODS.filter((entry) => entry.v4 !== null);
  // Named as code: `name` or a call, `name(...)`.
  const unnamed = differing.filter((method) => !new RegExp(`\`${method.name}[\`(]`).test(text));
  assert.deepEqual(unnamed.map((method) => method.name), [], `not named in ${path.basename(MIGRATING)}`);
  const unanchored = differing.filter((method) => !anchors.has(method.migrating));
  assert.deepEqual(unanchored.map((method) => `${method.name} #${method.migrating}`), [],
    `no such heading in ${path.basename(MIGRATING)}`);
});

// A mini program run whose wx calls and storage writes are recorded, in order.
function recordedRun(root, server) {
  const run = appRun({ root, server, openid: `o-doc-${Math.random().toString(16).slice(2)}` });
  const calls = [];
  for (const name of [...WX_CALLS, ...Object.keys(STORAGE_CALLS)]) {
    const original = run.wx[name];
    run.wx[name] = function recorded(first, ...rest) {
      calls.push({ name, key: typeof first === 'string' ? first : undefined });
      return original.call(this, first, ...rest);
    };
  }
  return { run, calls };
}

function json(server, pathname, body, token) {
  const headers = { 'content-type': 'application/json', 'x-authing-userpool-id': server.userPoolId };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.url}${pathname}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((answer) => answer.json());
}

// What the examples of docs/api may ask for (docs/api/index.js lists it).
function exampleContext(server, run) {
  const ctx = {
    server,
    user: null,
    extIdpConnidentifier: server.extIdpConnidentifier,
    serverUser: () => server.users().find((user) => user.id === ctx.user.id),
    wxCode: async () => (await run.wx.login()).code,
    phoneDetail: (phone) => run.wx.__getPhoneNumberDetail(phone),
    phoneCodeDetail: (phone) => run.wx.__getPhoneNumberCodeDetail(phone),
    smsCode: async (phone) => {
      assert.equal((await json(server, '/api/v2/sms/send', { phone })).code, 200);
      return server.lastCode(phone);
    },
    emailCode: async (email, scene) => {
      const query = 'mutation sendEmail($email: String!, $scene: EmailScene!) { sendEmail(email: $email, scene: $scene) { code } }';
      assert.equal((await json(server, '/graphql/v2', { query, variables: { email, scene } })).data.sendEmail.code, 200);
      return server.lastCode(email);
    },
    seedUser: (fields) => server.seedUser(fields),
    tokenOf: (user) => server.issueToken(user.id),
    wechatUser: async () => (await json(server, '/connections/social/wechat-miniprogram/auth', { code: await ctx.wxCode() })).data,
    file: (filePath) => {
      run.wx.__files.set(filePath, Buffer.from('an avatar'));
      return filePath;
    },
    post: (pathname, body, token) => json(server, pathname, body, token),
  };
  return ctx;
}

// A fresh app run, its client and the example's arguments, set up as the case says.
async function prepare(root, server, method, example, { login }) {
  server.reset();
  const { run, calls } = recordedRun(root, server);
  const ctx = exampleContext(server, run);
  const options = typeof example.options === 'function' ? example.options(ctx) : example.options || {};
  const authing = run.client(options);
  if (login && example.as) {
    ctx.user = server.seedUser(example.as);
    await authing.setToken(server.issueToken(ctx.user.id));
  } else if (login) {
    ctx.user = await logIn(run, authing);
  } else {
    // A user to name in the arguments, who is not logged in.
    ctx.user = server.seedUser({ username: `not-logged-in-${method.name}` });
  }
  const args = typeof example.args === 'function' ? await example.args(ctx) : example.args;
  server.clearRequests();
  calls.length = 0;
  const before = new Map(run.storage);
  return { run, calls, authing, args, before };
}

async function call(method, authing, args) {
  if (!method.sync) return outcome(authing[method.name](...args));
  try {
    return { resolved: true, value: authing[method.name](...args) };
  } catch (error) {
    return { resolved: false, error };
  }
}

// Per key: 'written' or 'removed' by the last storage call on it, else 'untouched'.
function storageDone(calls) {
  const done = { token: 'untouched', user: 'untouched' };
  for (const { name, key } of calls) {
    assert.notEqual(name, 'clearStorageSync', 'the SDK never clears all of storage');
    for (const [field, storageKey] of Object.entries(KEYS)) {
      if (key === storageKey && STORAGE_CALLS[name]) done[field] = STORAGE_CALLS[name];
    }
  }
  return done;
}

function describe(value) {
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(plain(value));
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

function assertNothingSent(server, calls) {
  assert.deepEqual(server.requests().map(seen), [], 'nothing reached the server');
  assert.deepEqual(calls.filter((entry) => WX_CALLS.includes(entry.name)).map((entry) => entry.name), [], 'no wx call');
}

test('each method sends, stores and resolves what docs/api says', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();

  for (const method of METHODS) {
    for (const [index, item] of method.cases.entries()) {
      const label = `${method.name}${item.when ? `: ${item.when}` : method.cases.length > 1 ? ` #${index + 1}` : ''}`;
      await t.test(label, async () => {
        const login = item.example.login !== undefined ? item.example.login : method.session;
        const { run, calls, authing, args } = await prepare(root, server, method, item.example, { login });
        const result = await call(method, authing, args);

        if (method.unsupported) {
          assert.equal(result.resolved, false);
          assert.equal(result.error.kind, 'unsupported');
        } else {
          assert.ok(result.resolved, result.error && `${result.error.kind} ${result.error.code}: ${result.error.message}`);
          assert.ok(SHAPES[method.resolves](result.value), `not a ${method.resolves}: ${describe(result.value)}`);
        }

        const steps = item.sends.map(expectedStep);
        const wxSeen = calls.filter((entry) => WX_CALLS.includes(entry.name)).map((entry) => `wx.${entry.name}`);
        assert.deepEqual(wxSeen, steps.map((entry) => entry.wx), 'the wx calls, in order');
        const serverSeen = server.requests().map(seen);
        const wanted = steps.map((entry) => entry.server).filter(Boolean);
        assert.ok(serverSeen.length === wanted.length && serverSeen.every((actual, i) => matches(actual, wanted[i])),
          `the server saw ${JSON.stringify(serverSeen)}, docs/api says ${JSON.stringify(wanted)}`);

        const stores = typeof item.stores === 'string' ? STORES[item.stores] : item.stores;
        assert.ok(stores, `unknown stores ${JSON.stringify(item.stores)}`);
        assert.deepEqual(storageDone(calls), stores, 'what storage went through');
        if (stores.token === 'written') assert.equal(typeof run.storage.get(KEYS.token), 'string');
        if (stores.user === 'written') assert.equal(typeof run.storage.get(KEYS.user).id, 'string');
      });
    }
  }
});

test('without a session, a method that needs one sends nothing, stores nothing, and answers as docs/api says', async (t) => {
  const server = await startDevServer();
  t.after(() => server.close());
  const root = makeMiniprogramRoot();

  for (const method of METHODS.filter((entry) => entry.session)) {
    await t.test(method.name, async () => {
      const example = { ...method.cases[0].example, as: undefined };
      const { run, calls, authing, args, before } = await prepare(root, server, method, example, { login: false });
      const result = await call(method, authing, args);
      if (method.withoutSession) {
        assert.ok(result.resolved, result.error && result.error.message);
        assert.ok(hasSubset(plain(result.value), method.withoutSession.resolves), JSON.stringify(plain(result.value)));
      } else {
        assert.equal(result.resolved, false, 'rejected');
        assert.equal(result.error.kind, 'session');
        assert.equal(result.error.code, 2020);
      }
      assertNothingSent(server, calls);
      assert.deepEqual(new Map(run.storage), before, 'storage as it was');
    });
  }
});
