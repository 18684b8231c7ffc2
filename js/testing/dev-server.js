'use strict';
// A local Authing-compatible server for development and tests: the REST and
// GraphQL subset the SDK speaks, HS256 tokens with `exp`, WeChat's code2session
// played by WechatSimulator, and test controls (faults, a movable clock, a log
// of every request) under /__control. Node only; never part of the package.
//
//   node js/testing/dev-server.js --port 3000

const crypto = require('node:crypto');
const http = require('node:http');

const { WechatSimulator } = require('./wechat-sim.js');
const { parseDocument, argumentValues, project } = require('./graphql-lite.js');
const users = require('./dev-users.js');

const MAX_BODY_BYTES = 1024 * 1024;
const NOT_FOUND_HTML = '<html><body><h1>404 Not Found</h1></body></html>';

const MESSAGES = {
  2004: '用户不存在',
  2011: '应用不存在',
  2016: '解密失败，请重新获取 code',
  2020: '尚未登录，无访问权限',
  2206: '登录信息已过期',
  2207: '登录信息无效，请重新登录',
  2224: '用户池不存在',
  2231: '请求参数不完整',
};

class AuthError extends Error {
  constructor(code) {
    super(MESSAGES[code]);
    this.code = code;
  }
}

function base64url(input) {
  return Buffer.from(input).toString('base64url');
}

function startDevServer(options = {}) {
  const config = {
    port: 0,
    host: '127.0.0.1',
    userPoolId: 'dev-user-pool',
    appId: 'dev-app',
    wechatAppId: 'wx-dev-appid',
    jwtSecret: crypto.randomBytes(32),
    tokenTtlSeconds: 1209600,
    quiet: true,
    ...options,
  };
  let clockOffset = 0;
  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  const wechat = new WechatSimulator({ appId: config.wechatAppId, now });
  const store = users.createUserStore({ userPoolId: config.userPoolId, now });
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
        openid: user.openid, unionid: user.unionid, phone: user.phone, email: null, username: null,
      },
    };
    const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
    const token = `${signingInput}.${crypto.createHmac('sha256', config.jwtSecret).update(signingInput).digest('base64url')}`;
    user.token = token;
    user.tokenExpiredAt = new Date(claims.exp * 1000).toISOString();
    issuedTokens.push(token);
    return token;
  }

  // The claims of a token this server signed, expired or not; AuthError otherwise.
  function signedClaims(token) {
    if (!token) throw new AuthError(2020);
    const parts = String(token).split('.');
    if (parts.length !== 3) throw new AuthError(2207);
    const expected = crypto.createHmac('sha256', config.jwtSecret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new AuthError(2207);
    try {
      return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch (error) {
      throw new AuthError(2207);
    }
  }

  // The claims of a token the server issued and still accepts; AuthError otherwise.
  function verify(token) {
    const claims = signedClaims(token);
    if (claims.exp <= now() || revoked.has(token)) throw new AuthError(2206);
    if (!store.get(claims.sub)) throw new AuthError(2004);
    return claims;
  }

  function bearer(request) {
    const header = request.headers.authorization || '';
    return header.startsWith('Bearer ') ? header.slice(7) : '';
  }

  function login(user) {
    issueToken(user);
    user.loginsCount += 1;
    user.lastLogin = new Date(now() * 1000).toISOString();
    return { code: 200, message: '登录成功', data: { ...user } };
  }

  // --- REST -----------------------------------------------------------------

  function exchangeCode(code) {
    const session = wechat.exchange(code);
    if (session.errcode) return { error: { code: session.errcode, message: session.errmsg, data: null } };
    return { session };
  }

  const rest = {
    'POST /connections/social/wechat-miniprogram/auth': (body) => {
      const { error, session } = exchangeCode(body.code);
      if (error) return error;
      let profile = null;
      if (body.iv && body.encryptedData) {
        profile = WechatSimulator.open(session.sessionKey, body.iv, body.encryptedData);
        if (!profile) return { code: 2016, message: MESSAGES[2016], data: null };
      } else if (typeof body.rawData === 'string') {
        try { profile = JSON.parse(body.rawData); } catch (parseError) { profile = null; }
      }
      const user = store.findOrCreate({ openid: session.openid, unionid: session.unionid });
      if (profile && profile.nickName) user.nickname = profile.nickName;
      if (profile && profile.avatarUrl) user.photo = profile.avatarUrl;
      return login(user);
    },
    'POST /connections/social/wechat-miniprogram/auth-by-phone': (body) => {
      const { error, session } = exchangeCode(body.code);
      if (error) return error;
      const phone = WechatSimulator.open(session.sessionKey, body.iv, body.encryptedData);
      if (!phone || !phone.purePhoneNumber) return { code: 2016, message: MESSAGES[2016], data: null };
      const user = store.findByPhone(phone.purePhoneNumber) || store.findOrCreate({ openid: session.openid, unionid: session.unionid });
      user.phone = phone.purePhoneNumber;
      user.phoneVerified = true;
      store.link(user, session.openid);
      return login(user);
    },
    'POST /connections/social/wechat-miniprogram/getphone': (body) => {
      const { error, session } = exchangeCode(body.code);
      if (error) return error;
      const phone = WechatSimulator.open(session.sessionKey, body.iv, body.encryptedData);
      if (!phone || !phone.purePhoneNumber) return { code: 2016, message: MESSAGES[2016], data: null };
      return {
        code: 200, message: '获取成功',
        data: { countryCode: phone.countryCode, phoneNumber: phone.phoneNumber, purePhoneNumber: phone.purePhoneNumber, openid: session.openid, unionid: session.unionid },
      };
    },
    'GET /api/v2/logout': (body, request, query) => {
      const token = bearer(request);
      verify(token);
      if (query.app_id !== config.appId) return { code: 2011, message: MESSAGES[2011], data: null };
      revoked.add(token);
      return { code: 200, message: '退出成功' };
    },
  };

  // --- GraphQL ----------------------------------------------------------------

  function graphqlError(field, error) {
    return {
      errors: [{
        message: { code: error.code, message: error.message, data: null },
        locations: [{ line: 1, column: 1 }], path: [field], extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }],
      data: { [field]: null },
    };
  }

  const resolvers = {
    updateUser(args, request) {
      const claims = verify(bearer(request));
      if (args.id && args.id !== claims.sub) throw new AuthError(2020);
      const input = args.input && typeof args.input === 'object' ? args.input : {};
      const unknown = Object.keys(input).find((key) => !users.UPDATABLE_FIELDS.has(key));
      if (unknown) {
        const error = new Error(`Variable "$input" got invalid value ${JSON.stringify(input)}; Field "${unknown}" is not defined by type UpdateUserInput.`);
        error.graphqlValidation = true;
        throw error;
      }
      const user = store.get(claims.sub);
      Object.assign(user, input, { updatedAt: new Date(now() * 1000).toISOString() });
      return { type: 'User', value: user };
    },
    user(args, request) {
      const claims = verify(bearer(request));
      const user = store.get(args.id || claims.sub);
      return { type: 'User', value: user || null };
    },
    checkLoginStatus(args, request) {
      const token = args.token || bearer(request);
      try {
        const claims = verify(token);
        const user = store.get(claims.sub);
        return { type: 'JWTTokenStatus', value: { code: 200, message: '已登录', status: true, exp: claims.exp, iat: claims.iat, data: { id: user.id, userPoolId: config.userPoolId, arn: user.arn } } };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        return { type: 'JWTTokenStatus', value: { code: error.code, message: error.message, status: false, exp: null, iat: null, data: null } };
      }
    },
    refreshToken(args, request) {
      const claims = verify(bearer(request));
      const user = store.get(claims.sub);
      const token = issueToken(user);
      const fresh = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
      return { type: 'RefreshToken', value: { token, iat: fresh.iat, exp: fresh.exp } };
    },
  };

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
      const { type, value } = resolver(argumentValues(document.root, body.variables), request);
      return { status: 200, json: { data: { [field]: project(value, document.root.selections, type, users.KNOWN_FIELDS) } } };
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
    now,
    reset() {
      faults = [];
      log = [];
      clockOffset = 0;
      revoked.clear();
      store.reset();
      wechat.reset();
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
    'POST /__wx/login': (body) => ({ code: wechat.login(String(body.openid), body.unionid) }),
    'POST /__wx/phone': (body) => wechat.phone(String(body.openid), String(body.phoneNumber), body.countryCode || '86'),
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

  function handle(request, response, raw) {
    const parsed = new URL(request.url, 'http://localhost');
    const route = `${request.method} ${parsed.pathname}`;
    let body = null;
    try { body = raw.length ? JSON.parse(raw) : {}; } catch (error) { body = null; }

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
      headers: { ...request.headers }, body: raw, json: body,
    });
    const fault = takeFault(request.method, parsed.pathname);
    const answer = () => {
      if (fault && fault.replaces) {
        if (fault.destroy) return request.socket.destroy();
        if (fault.hang) return undefined;
        const text = 'json' in fault ? JSON.stringify(fault.json) : String(fault.body === undefined ? '' : fault.body);
        const headers = 'json' in fault ? { 'content-type': 'application/json', ...fault.headers } : fault.headers;
        if (fault.truncate !== undefined) {
          // The whole length is announced, part of the body sent, then the connection drops.
          response.writeHead(fault.status, { 'content-length': Buffer.byteLength(text), ...headers });
          response.write(Buffer.from(text).subarray(0, fault.truncate));
          return setImmediate(() => request.socket.destroy());
        }
        return send(response, fault.status, headers, text);
      }
      return route === 'POST /graphql/v2' || rest[route] ? authing(route, request, response, body, parsed) : send(response, 404, { 'content-type': 'text/html' }, NOT_FOUND_HTML);
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

  function authing(route, request, response, body, parsed) {
    if (userPoolOf(request) !== config.userPoolId) {
      return sendJson(response, 200, { code: 2224, message: MESSAGES[2224], data: null });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return sendJson(response, 400, { code: 2231, message: MESSAGES[2231], data: null });
    }
    if (route === 'POST /graphql/v2') {
      const { status, json } = graphql(body, request);
      return sendJson(response, status, json);
    }
    try {
      return sendJson(response, 200, rest[route](body, request, Object.fromEntries(parsed.searchParams)));
    } catch (error) {
      if (error instanceof AuthError) return sendJson(response, 401, { code: error.code, message: error.message, data: null });
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
        return handle(request, response, Buffer.concat(chunks).toString('utf8'));
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
