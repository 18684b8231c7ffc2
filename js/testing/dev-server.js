'use strict';
// A local Authing-compatible server for development and tests: the REST and
// GraphQL surface of Authing's v2 API that a mini program SDK speaks, HS256
// tokens with `exp`, RSA-encrypted passwords, WeChat's code2session played by
// WechatSimulator, and test controls (faults, a movable clock, a log of every
// request, the codes it "sent", seeding) under /__control. Node only; never
// part of the package.
//
//   node js/testing/dev-server.js --port 3000
//
// This file holds the plumbing; the endpoints live in routes/<group>.js, each
// a function of the shared context returning {rest, resolvers} and, where it
// needs them, GraphQL types, inputs and enums, seeding `api` and a `reset`.

const crypto = require('node:crypto');
const http = require('node:http');

const { WechatSimulator } = require('./wechat-sim.js');
const { parseDocument, argumentValues, validateVariables, project } = require('./graphql-lite.js');
const users = require('./dev-users.js');
const rsa = require('./rsa.js');
const { createCodeBook } = require('./codes.js');

const ROUTE_GROUPS = ['wechat', 'session', 'passwords', 'binding', 'data'].map((name) => require(`./routes/${name}.js`));

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const NOT_FOUND_HTML = '<html><body><h1>404 Not Found</h1></body></html>';

const MESSAGES = {
  1001: '没有权限执行此操作',
  2001: '验证码不正确',
  2003: '邮箱格式不正确',
  2004: '用户不存在',
  2005: '用户已被锁定',
  2006: '密码错误',
  2011: '应用不存在',
  2016: '解密失败，请重新获取 code',
  2020: '尚未登录，无访问权限',
  2026: '用户已存在',
  2027: '该用户没有设置密码，请使用其他方式登录',
  2028: '请提供正确的手机号或邮箱',
  2034: '用户名已存在',
  2035: '手机号已被绑定',
  2037: '旧邮箱不匹配',
  2038: '旧手机号不匹配',
  2206: '登录信息已过期',
  2207: '登录信息无效，请重新登录',
  2217: '不能解绑唯一的登录方式',
  2224: '用户池不存在',
  2229: '新邮箱和旧邮箱一样',
  2230: '新手机号和旧手机号一样',
  2231: '请求参数不完整',
  2300: '验证码已过期',
};

// `status` is the HTTP status a REST answer carries: 401 for a token the
// server will not accept, 200 (an envelope with the code) for the rest.
class AuthError extends Error {
  constructor(code, message = MESSAGES[code], { data = null, status = 200 } = {}) {
    super(message);
    this.code = code;
    this.data = data;
    this.status = status;
  }
}

function base64url(input) {
  return Buffer.from(input).toString('base64url');
}

function mergeSchemas(parts) {
  const schema = { types: {}, inputs: {}, enums: {} };
  for (const part of parts) {
    for (const key of ['types', 'inputs', 'enums']) {
      for (const [name, value] of Object.entries(part[key] || {})) {
        schema[key][name] = Array.isArray(value) ? value : { ...schema[key][name], ...value };
      }
    }
  }
  return schema;
}

async function startDevServer(options = {}) {
  const config = {
    port: 0,
    host: '127.0.0.1',
    userPoolId: 'dev-user-pool',
    appId: 'dev-app',
    wechatAppId: 'wx-dev-appid',
    extIdpConnidentifier: 'dev-wechat-miniprogram',  // the Mini Program identity source v3 endpoints name
    jwtSecret: crypto.randomBytes(32),
    tokenTtlSeconds: 1209600,
    quiet: true,
    ...options,
  };
  const keysReady = config.rsaKeys ? Promise.resolve(config.rsaKeys) : rsa.generateKeys();
  let keys = null;
  let clockOffset = 0;
  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  // Dates in milliseconds, each later than the one before: an answer's
  // updatedAt tells which state of a user is the newer one.
  let lastIsoMs = 0;
  const iso = () => {
    lastIsoMs = Math.max(Date.now() + clockOffset * 1000, lastIsoMs + 1);
    return new Date(lastIsoMs).toISOString();
  };
  const wechat = new WechatSimulator({ appId: config.wechatAppId, now });
  const store = users.createUserStore({ userPoolId: config.userPoolId, now });
  const codes = createCodeBook({ now, AuthError });
  let faults = [];
  let log = [];
  const revoked = new Set();
  const sockets = new Set();
  let url = null;

  const issuedTokens = [];
  function issueToken(user, { ttlSeconds = config.tokenTtlSeconds } = {}) {
    const iat = now();
    const claims = {
      sub: user.id, aud: config.appId, iat, exp: iat + ttlSeconds, iss: `${url}/oidc`,
      userpool_id: config.userPoolId, jti: crypto.randomBytes(8).toString('hex'),
      data: {
        type: 'user', userPoolId: config.userPoolId, appId: config.appId, id: user.id, userId: user.id, _id: user.id,
        openid: user.openid, unionid: user.unionid, phone: user.phone, email: user.email, username: user.username,
      },
    };
    const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
    const token = `${signingInput}.${crypto.createHmac('sha256', config.jwtSecret).update(signingInput).digest('base64url')}`;
    user.token = token;
    user.tokenExpiredAt = new Date(claims.exp * 1000).toISOString();
    issuedTokens.push(token);
    return token;
  }

  const tokenError = (code) => new AuthError(code, MESSAGES[code], { status: 401 });

  // The claims of a token this server signed, expired or not; AuthError otherwise.
  function signedClaims(token) {
    if (!token) throw tokenError(2020);
    const parts = String(token).split('.');
    if (parts.length !== 3) throw tokenError(2207);
    const expected = crypto.createHmac('sha256', config.jwtSecret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw tokenError(2207);
    try {
      return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch (error) {
      throw tokenError(2207);
    }
  }

  // The claims of a token the server issued and still accepts; AuthError otherwise.
  function verify(token) {
    const claims = signedClaims(token);
    if (claims.exp <= now() || revoked.has(token)) throw tokenError(2206);
    if (!store.get(claims.sub)) throw tokenError(2004);
    return claims;
  }

  function bearer(request) {
    const header = request.headers.authorization || '';
    return header.startsWith('Bearer ') ? header.slice(7) : '';
  }

  // The signed-in user of a request; with `id` (an argument naming the user),
  // that it is this user, since nobody may read or change another one.
  function session(request, id) {
    const claims = verify(bearer(request));
    if (id !== undefined && id !== null && id !== claims.sub) throw new AuthError(2020);
    return { claims, user: store.get(claims.sub) };
  }

  function login(user, { clientIp } = {}) {
    if (user.blocked) throw new AuthError(2005);
    issueToken(user);
    user.loginsCount += 1;
    user.lastLogin = iso();
    if (clientIp) user.lastIP = clientIp;
    return user;
  }

  function decryptPassword(text) {
    const plain = rsa.decrypt(keys.privateKey, text);
    if (plain === null) throw new AuthError(2016, '密码解密失败');
    return plain;
  }

  const ctx = {
    config, now, iso, get url() { return url; }, get keys() { return keys; },
    store, codes, wechat, revoked, users, AuthError, MESSAGES,
    issueToken, signedClaims, verify, bearer, session, login, decryptPassword,
  };
  const groups = ROUTE_GROUPS.map((group) => group(ctx));
  // What one group offers the others (data's custom data, set by a register).
  Object.assign(ctx, ...groups.map((group) => group.provides || {}));
  const rest = Object.assign({}, ...groups.map((group) => group.rest || {}));
  const resolvers = Object.assign({}, ...groups.map((group) => group.resolvers || {}));
  const prefixes = Object.assign({}, ...groups.map((group) => group.prefixes || {}));
  const schema = mergeSchemas([{ types: users.TYPES }, ...groups]);
  const seeding = Object.assign({}, ...groups.map((group) => group.api || {}));

  // --- GraphQL ----------------------------------------------------------------

  function graphqlError(field, error) {
    return {
      errors: [{
        message: { code: error.code, message: error.message, data: error.data },
        locations: [{ line: 1, column: 1 }], path: [field], extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }],
      data: { [field]: null },
    };
  }

  function graphql(body, request) {
    let document;
    try {
      document = parseDocument(body.query);
    } catch (error) {
      return { status: 400, json: { errors: [{ message: error.message }] } };
    }
    const field = document.root.name;
    const resolver = Object.prototype.hasOwnProperty.call(resolvers, field) ? resolvers[field] : null;
    if (!resolver) return { status: 400, json: { errors: [{ message: `Cannot query field "${field}" on type "${document.type === 'mutation' ? 'Mutation' : 'Query'}".` }] } };
    try {
      validateVariables(document, body.variables, schema);
      const { type, value } = resolver(argumentValues(document.root, body.variables), request);
      const data = project(value, document.root.selections, type, schema, body.variables, request);
      return { status: 200, json: { data: { [field]: data } } };
    } catch (error) {
      if (error instanceof AuthError) return { status: 200, json: graphqlError(field, error) };
      if (error.graphqlValidation) return { status: 400, json: { errors: [{ message: error.message, locations: [{ line: 1, column: 1 }] }] } };
      throw error;
    }
  }

  // --- control ----------------------------------------------------------------

  const api = {
    get url() { return url; },
    get port() { return server.address().port; },
    userPoolId: config.userPoolId,
    appId: config.appId,
    extIdpConnidentifier: config.extIdpConnidentifier,
    get publicKey() { return keys.publicKey; },
    now,
    reset() {
      faults = [];
      log = [];
      clockOffset = 0;
      revoked.clear();
      store.reset();
      wechat.reset();
      codes.reset();
      for (const group of groups) if (group.reset) group.reset();
    },
    // A fault answers in place of the server, unless it only sets delayMs: then
    // the real answer comes, late.
    fault(spec) {
      const replaces = ['status', 'json', 'body', 'destroy', 'hang', 'truncate'].some((key) => key in spec);
      faults.push({ times: 1, status: 200, headers: {}, delayMs: 0, ...spec, replaces });
    },
    requests() { return log.slice(); },
    // Every token this server has issued, for tests that look for leaks.
    issuedTokens() { return issuedTokens.slice(); },
    clearRequests() { log = []; },
    advanceClock(seconds) { clockOffset += Number(seconds) || 0; },
    users() { return store.all(); },
    deleteUser(id) { store.remove(id); },
    issueToken(userId, tokenOptions) { return issueToken(store.get(userId), tokenOptions); },
    // What the SDK sends for a password: base64 of RSA PKCS#1 v1.5 with the server's key.
    encryptPassword(plain) { return rsa.encrypt(keys.publicKey, plain); },
    // What the server reads from such a password; null when it does not open.
    decryptPassword(ciphertext) { return rsa.decrypt(keys.privateKey, ciphertext); },
    // The SMS and email codes "sent": {channel, target, scene, code, sentAt, expiresAt, used, ...}.
    sentCodes() { return codes.all(); },
    lastCode(phoneOrEmail) { return codes.last(phoneOrEmail); },
    // The next SMS or email code the server sends is this one (each call queues one).
    seedCode(code) { codes.seed(code); },
    ...seeding,
    close() {
      return new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
    // A restart: the server goes away (connections refused) and comes back on
    // the same port with its users and tokens, as a real one with a database.
    stop() {
      return api.close();
    },
    resume() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(Number(new URL(url).port), config.host, () => resolve(api));
      });
    },
  };

  const control = {
    'POST /__control/reset': () => { api.reset(); return { ok: true }; },
    'POST /__control/fault': (body) => { api.fault(body); return { ok: true }; },
    'POST /__control/clock': (body) => { api.advanceClock(body.advanceSeconds); return { now: now() }; },
    'GET /__control/requests': () => log,
    'DELETE /__control/requests': () => { log = []; return { ok: true }; },
    'POST /__control/delete-user': (body) => { store.remove(body.id); return { ok: true }; },
    'GET /__control/codes': () => codes.all(),
    'GET /__control/public-key': () => ({ publicKey: keys.publicKey }),
    // {method: 'seedUser' | 'defineUdf' | ..., args: [...]}: the seeding API for
    // a server run on its own (npm run dev-server).
    'POST /__control/seed': (body) => {
      if (!Object.prototype.hasOwnProperty.call(seeding, body.method)) throw new Error(`no seeding method ${body.method}`);
      return { result: seeding[body.method](...(Array.isArray(body.args) ? body.args : [])) || null };
    },
    'POST /__wx/login': (body) => ({ code: wechat.login(String(body.openid), body.unionid) }),
    'POST /__wx/phone': (body) => wechat.phone(String(body.openid), String(body.phoneNumber), body.countryCode || '86'),
    'POST /__wx/phone-code': (body) => ({ code: wechat.phoneCode(String(body.phoneNumber), body.countryCode || '86') }),
    'POST /__wx/userinfo': (body) => wechat.userInfo(String(body.openid), body),
  };

  // --- HTTP -------------------------------------------------------------------

  function send(response, status, headers, body) {
    response.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
    response.end(body);
  }

  function sendJson(response, status, value) {
    send(response, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(value));
  }

  function takeFault(method, pathname) {
    const index = faults.findIndex((fault) => fault.path === pathname && (!fault.method || fault.method === method));
    if (index < 0) return null;
    const fault = faults[index];
    if (--fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  const isMultipart = (request) => /^multipart\/form-data/i.test(request.headers['content-type'] || '');

  function prefixRoute(method, pathname) {
    const key = Object.keys(prefixes).find((prefix) => `${method} ${pathname}`.startsWith(prefix));
    return key ? prefixes[key] : null;
  }

  // `raw` is the body's bytes: JSON for most routes, binary for an upload.
  function handle(request, response, raw) {
    const parsed = new URL(request.url, 'http://localhost');
    const route = `${request.method} ${parsed.pathname}`;
    const text = raw.toString('utf8');
    let body = null;
    if (!isMultipart(request)) {
      try { body = text.length ? JSON.parse(text) : {}; } catch (error) { body = null; }
    }

    if (parsed.pathname.startsWith('/__')) {
      if (!control[route]) return send(response, 404, { 'content-type': 'text/html' }, NOT_FOUND_HTML);
      try {
        return sendJson(response, 200, control[route](body || {}));
      } catch (error) {
        return sendJson(response, 400, { error: error.message });
      }
    }

    log.push({
      method: request.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams),
      headers: { ...request.headers }, body: text, json: body,
    });
    const fault = takeFault(request.method, parsed.pathname);
    const answer = () => {
      if (fault && fault.replaces) {
        if (fault.destroy) return request.socket.destroy();
        if (fault.hang) return undefined;
        const faultText = 'json' in fault ? JSON.stringify(fault.json) : String(fault.body === undefined ? '' : fault.body);
        const headers = 'json' in fault ? { 'content-type': 'application/json', ...fault.headers } : fault.headers;
        if (fault.truncate !== undefined) {
          // The whole length is announced, part of the body sent, then the connection drops.
          response.writeHead(fault.status, { 'content-length': Buffer.byteLength(faultText), ...headers });
          response.write(Buffer.from(faultText).subarray(0, fault.truncate));
          return setImmediate(() => request.socket.destroy());
        }
        return send(response, fault.status, headers, faultText);
      }
      if (route === 'POST /graphql/v2' || rest[route]) return authing(route, request, response, body, parsed, raw);
      // Files the server serves are fetched like any URL (an <image> src), without Authing's headers.
      const served = prefixRoute(request.method, parsed.pathname);
      const file = served && served(parsed.pathname);
      if (file) return send(response, 200, { 'content-type': file.contentType }, file.data);
      return send(response, 404, { 'content-type': 'text/html' }, NOT_FOUND_HTML);
    };
    if (fault && fault.delayMs > 0) setTimeout(answer, fault.delayMs);
    else answer();
    return undefined;
  }

  // The header names the user pool; without it, as Authing does, a bearer
  // token's claims do (Authing's own v4 package sends no pool header on GraphQL).
  function userPoolOf(request) {
    const header = request.headers['x-authing-userpool-id'];
    if (header !== undefined) return header;
    try {
      return signedClaims(bearer(request)).userpool_id;
    } catch (error) {
      if (error instanceof AuthError) return undefined;
      throw error;
    }
  }

  function authing(route, request, response, body, parsed, raw) {
    const poolFree = rest[route] && rest[route].withoutPool;
    if (!poolFree && userPoolOf(request) !== config.userPoolId) {
      return sendJson(response, 200, { code: 2224, message: MESSAGES[2224], data: null });
    }
    const multipart = isMultipart(request);
    if (!multipart && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      return sendJson(response, 400, { code: 2231, message: MESSAGES[2231], data: null });
    }
    if (route === 'POST /graphql/v2') {
      if (multipart) return sendJson(response, 400, { code: 2231, message: MESSAGES[2231], data: null });
      const { status, json } = graphql(body, request);
      return sendJson(response, status, json);
    }
    try {
      return sendJson(response, 200, rest[route](body || {}, request, Object.fromEntries(parsed.searchParams), raw));
    } catch (error) {
      if (error instanceof AuthError) return sendJson(response, error.status, { code: error.code, message: error.message, data: error.data });
      throw error;
    }
  }

  const server = http.createServer((request, response) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return sendJson(response, 413, { code: 413, message: 'Payload Too Large', data: null });
      try {
        return handle(request, response, Buffer.concat(chunks));
      } catch (error) {
        if (!config.quiet) console.error(error);
        return sendJson(response, 500, { code: 500, message: 'Internal Server Error', data: null });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  keys = await keysReady;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      url = `http://${config.host}:${server.address().port}`;
      resolve(api);
    });
  });
}

function parseArgs(argv) {
  const options = { quiet: false };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (argv[i] === '--port') options.port = Number(value);
    else if (argv[i] === '--user-pool-id') options.userPoolId = value;
    else if (argv[i] === '--app-id') options.appId = value;
    else throw new Error(`unknown option ${argv[i]} (use --port, --user-pool-id, --app-id)`);
  }
  return options;
}

if (require.main === module) {
  startDevServer(parseArgs(process.argv.slice(2))).then((server) => {
    console.log(`authing dev server listening on ${server.url} (userPoolId ${server.userPoolId}, appId ${server.appId})`);
    const stop = () => server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }, (error) => {
    console.error(error.message);
    process.exit(1);
  });
}

module.exports = { startDevServer };
