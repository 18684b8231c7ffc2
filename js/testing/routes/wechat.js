'use strict';
// WeChat mini program logins (code2session played by the simulator, the
// getPhoneNumber / getUserInfo data sealed with the session_key, and v3's
// phone-code endpoints) and the avatar upload wx.uploadFile sends, served back
// under /uploads/.

const crypto = require('node:crypto');

const { WechatSimulator } = require('../wechat-sim.js');
const { parseMultipart } = require('../multipart.js');

const EXTENSIONS = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp' };

module.exports = function wechatRoutes(ctx) {
  const { store, wechat, AuthError } = ctx;
  let uploads = new Map();  // key -> {contentType, data, userId}

  function exchangeCode(code) {
    const session = wechat.exchange(code);
    if (session.errcode) return { error: { code: session.errcode, message: session.errmsg, data: null } };
    return { session };
  }

  const loggedIn = (user) => ({ code: 200, message: '登录成功', data: { ...ctx.login(user) } });
  const undecryptable = () => ({ code: 2016, message: ctx.MESSAGES[2016], data: null });

  // v3 answers: {statusCode, message, apiCode?, data}.
  const v3Error = (apiCode, message) => ({ statusCode: 400, apiCode, message, data: null });
  const v3WechatError = ({ errcode, errmsg }) => v3Error(errcode, errmsg);
  function checkConnection(body) {
    if (body.extIdpConnidentifier !== ctx.config.extIdpConnidentifier) return v3Error(2231, '身份源连接不存在');
    return null;
  }

  // signin-by-mobile with connection wechat_mini_program_code_and_phone: an
  // OIDC token set for the user of the phone number (created at first).
  function signInByPhoneCode(body) {
    const payload = body.wechatMiniProgramCodeAndPhonePayload || {};
    const phoneCode = payload.wxPhoneInfo && payload.wxPhoneInfo.code;
    const loginCode = payload.wxLoginInfo && payload.wxLoginInfo.code;
    if (typeof phoneCode !== 'string' || typeof loginCode !== 'string') return v3Error(2231, ctx.MESSAGES[2231]);
    const session = wechat.exchange(loginCode);
    if (session.errcode) return v3WechatError(session);
    const phone = wechat.exchangePhoneCode(phoneCode);
    if (phone.errcode) return v3WechatError(phone);
    const pure = phone.phone_info.purePhoneNumber;
    const user = store.findByPhone(pure) || store.findOrCreate({ openid: session.openid, unionid: session.unionid });
    user.phone = pure;
    user.phoneVerified = true;
    store.link(user, session.openid);
    const accessToken = ctx.issueToken(user);
    ctx.login(user);  // the id_token, last issued: the user's token, as v4's logins leave it
    return {
      statusCode: 200, message: '登录成功',
      data: {
        access_token: accessToken, id_token: user.token, refresh_token: crypto.randomBytes(16).toString('hex'),
        expires_in: ctx.config.tokenTtlSeconds, token_type: 'Bearer', scope: (body.options && body.options.scope) || 'openid',
      },
    };
  }

  const rest = {
    'POST /connections/social/wechat-miniprogram/auth': (body) => {
      const { error, session } = exchangeCode(body.code);
      if (error) return error;
      let profile = null;
      if (body.iv && body.encryptedData) {
        profile = WechatSimulator.open(session.sessionKey, body.iv, body.encryptedData);
        if (!profile) return undecryptable();
      } else if (typeof body.rawData === 'string') {
        try { profile = JSON.parse(body.rawData); } catch (parseError) { profile = null; }
      }
      const user = store.findOrCreate({ openid: session.openid, unionid: session.unionid });
      if (profile && profile.nickName) user.nickname = profile.nickName;
      if (profile && profile.avatarUrl) user.photo = profile.avatarUrl;
      return loggedIn(user);
    },
    'POST /connections/social/wechat-miniprogram/auth-by-phone': (body) => {
      const { error, session } = exchangeCode(body.code);
      if (error) return error;
      const phone = WechatSimulator.open(session.sessionKey, body.iv, body.encryptedData);
      if (!phone || !phone.purePhoneNumber) return undecryptable();
      const user = store.findByPhone(phone.purePhoneNumber) || store.findOrCreate({ openid: session.openid, unionid: session.unionid });
      user.phone = phone.purePhoneNumber;
      user.phoneVerified = true;
      store.link(user, session.openid);
      return loggedIn(user);
    },
    'POST /connections/social/wechat-miniprogram/getphone': (body) => {
      const { error, session } = exchangeCode(body.code);
      if (error) return error;
      const phone = WechatSimulator.open(session.sessionKey, body.iv, body.encryptedData);
      if (!phone || !phone.purePhoneNumber) return undecryptable();
      return {
        code: 200, message: '获取成功',
        data: { countryCode: phone.countryCode, phoneNumber: phone.phoneNumber, purePhoneNumber: phone.purePhoneNumber, openid: session.openid, unionid: session.unionid },
      };
    },
    'POST /api/v3/signin-by-mobile': (body) => {
      if (body.connection !== 'wechat_mini_program_code_and_phone') return v3Error(2231, `不支持的 connection：${body.connection}`);
      return checkConnection(body) || signInByPhoneCode(body);
    },
    'POST /api/v3/get-wechat-miniprogram-phone': (body) => {
      const unknown = checkConnection(body);
      if (unknown) return unknown;
      const phone = wechat.exchangePhoneCode(body.code);
      if (phone.errcode) return v3WechatError(phone);
      return { statusCode: 200, message: '获取成功', data: { phone_info: phone.phone_info } };
    },
    // Authing's v4 package uploads without a token; this server asks for one,
    // as an SDK that sends it can be held to.
    'POST /api/v2/upload': (body, request, query, raw) => {
      const { user } = ctx.session(request);
      const parts = parseMultipart(raw, request.headers['content-type']);
      const file = parts && parts.find((part) => part.name === 'file' && part.filename !== null);
      if (!file) throw new AuthError(2231, '请上传文件');
      const folder = /^[\w-]{1,32}$/.test(query.folder || '') ? query.folder : 'default';
      const extension = EXTENSIONS[file.contentType] || (/\.\w{1,8}$/.exec(file.filename) || [''])[0];
      const key = `${folder}/${crypto.randomBytes(12).toString('hex')}${extension}`;
      uploads.set(key, { contentType: file.contentType || 'application/octet-stream', data: Buffer.from(file.data), userId: user.id });
      return { code: 200, message: '上传成功', data: { key, url: `${ctx.url}/uploads/${key}` } };
    },
  };

  // wx.uploadFile sends no user pool header (v4's upload sends no header at
  // all), so the token alone decides.
  rest['POST /api/v2/upload'].withoutPool = true;

  return {
    rest,
    prefixes: {
      'GET /uploads/': (pathname) => uploads.get(decodeURIComponent(pathname.slice('/uploads/'.length))) || null,
    },
    api: {
      // A getPhoneNumber phone code (e.detail.code) for this number.
      phoneCode: (phoneNumber, countryCode = '86') => wechat.phoneCode(phoneNumber, countryCode),
      // The next `times` WeChat exchanges answer `errcode` (45011, 40226, -1, ...).
      wechatError: (errcode, times = 1) => wechat.failNext(errcode, times),
      // [{key, url, contentType, size, userId}], for tests of an avatar change.
      uploads: () => [...uploads].map(([key, file]) => ({
        key, url: `${ctx.url}/uploads/${key}`, contentType: file.contentType, size: file.data.length, userId: file.userId,
      })),
    },
    reset() { uploads = new Map(); },
  };
};
