'use strict';
// Accounts with passwords and codes: the public key passwords are encrypted
// with, SMS and email codes, registration, the password, code, sub-account
// and LDAP logins, password strength, reset and change.
//
// Passwords arrive RSA-encrypted (see ../rsa.js) everywhere but the LDAP
// login, which v4 sends in plain text. Sub-accounts are users of their own,
// tied to a parent user, that only loginBySubAccount signs in. A phone-code
// login registers a phone it does not know, unless autoRegister is false.

const { USER_FIELDS } = require('../dev-users.js');

const scalars = (names) => Object.fromEntries(names.map((name) => [name, 'Scalar']));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{5,20}$/;
const EMAIL_SCENES = ['RESET_PASSWORD', 'VERIFY_EMAIL', 'CHANGE_EMAIL', 'MFA_VERIFY'];

const PROFILE_FIELDS = [
  'ip', 'oauth', 'username', 'nickname', 'company', 'photo', 'device', 'browser', 'name', 'givenName', 'familyName',
  'middleName', 'profile', 'preferredUsername', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'address',
  'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country',
];
// What seedUser may set: the profile, not what the server owns (ids, tokens, hashes).
const SEEDABLE = new Set(USER_FIELDS.filter((field) => !['id', 'arn', 'userPoolId', 'password', 'token', 'tokenExpiredAt', 'identities'].includes(field)));
const COMMON_INPUT = { clientIp: 'String', params: 'String', context: 'String' };
const REGISTER_INPUT = { profile: 'RegisterProfile', forceLogin: 'Boolean', generateToken: 'Boolean', ...COMMON_INPUT };
const LOGIN_INPUT = { password: 'String!', captchaCode: 'String', autoRegister: 'Boolean', ...COMMON_INPUT };

// The pool's password rule, as checkPasswordStrength reports it: at least six
// characters with both letters and digits. Registration does not enforce it
// (a pool's default level accepts any password).
function passwordStrength(password) {
  const valid = typeof password === 'string' && password.length >= 6 && /[A-Za-z]/.test(password) && /\d/.test(password);
  return { valid, message: valid ? '密码强度符合要求' : '密码长度不能少于 6 位，且须同时包含字母和数字' };
}

module.exports = function passwordRoutes(ctx) {
  const { store, codes, AuthError } = ctx;
  let ldapEntries = new Map();  // username -> {password, email, phone, nickname}
  let subAccounts = new Map();  // account -> {userId, parentId}

  const user = (value) => ({ type: 'User', value });
  const message = (text) => ({ type: 'CommonMessage', value: { code: 200, message: text } });

  function parseJson(text, name) {
    if (text === undefined || text === null) return null;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new AuthError(2231, `${name} 不是合法的 JSON`);
    }
  }

  // Custom data sent along with a register or login: params (a JSON list of
  // {key, value}) and the profile's udf list (values as JSON text).
  function applyCustomData(target, input) {
    const params = parseJson(input.params, 'params');
    parseJson(input.context, 'context');
    for (const { key, value } of Array.isArray(params) ? params : []) ctx.customData.set(target.id, key, value);
    const udf = input.profile && Array.isArray(input.profile.udf) ? input.profile.udf : [];
    for (const { key, value } of udf) ctx.customData.setJson(target.id, key, value);
  }

  function register(input, fields, registerSource) {
    const password = input.password === undefined || input.password === null ? null : ctx.decryptPassword(input.password);
    const profile = input.profile || {};
    if (profile.username && store.findByUsername(profile.username)) throw new AuthError(2034);
    const created = store.create({ ...fields, registerSource });
    for (const field of PROFILE_FIELDS) {
      if (profile[field] !== undefined && profile[field] !== null) created[field === 'ip' ? 'lastIP' : field] = profile[field];
    }
    if (input.clientIp) created.lastIP = input.clientIp;
    if (password !== null) store.setPassword(created, password);
    try {
      applyCustomData(created, input);
    } catch (error) {
      store.remove(created.id);
      throw error;
    }
    if (input.forceLogin) ctx.login(created, input);
    else if (input.generateToken) ctx.issueToken(created);
    return user(created);
  }

  function checkPassword(found, plain) {
    if (!store.hasPassword(found)) throw new AuthError(2027);
    if (!store.checkPassword(found, plain)) throw new AuthError(2006);
  }

  // A password login: the password is opened first (2016), then the account
  // looked up (2004, or created with autoRegister) and the password checked.
  function passwordLogin(input, find, fields, registerSource) {
    const plain = ctx.decryptPassword(input.password);
    let found = find();
    if (!found) {
      if (!input.autoRegister) throw new AuthError(2004);
      found = store.create({ ...fields, registerSource });
      store.setPassword(found, plain);
    } else {
      checkPassword(found, plain);
    }
    applyCustomData(found, input);
    return user(ctx.login(found, input));
  }

  function requireEmail(email) {
    if (typeof email !== 'string' || !EMAIL.test(email)) throw new AuthError(2003);
    return email;
  }

  function requirePhone(phone) {
    if (typeof phone !== 'string' || !PHONE.test(phone)) throw new AuthError(2028);
    return phone;
  }

  const resolvers = {
    sendEmail(args) {
      codes.issue(requireEmail(args.email), { scene: args.scene, channel: 'email' });
      return message('发送成功');
    },
    registerByEmail({ input }) {
      requireEmail(input.email);
      if (store.findByEmail(input.email)) throw new AuthError(2026);
      return register(input, { email: input.email }, ['basic:email']);
    },
    registerByUsername({ input }) {
      if (!input.username) throw new AuthError(2231);
      if (store.findByUsername(input.username)) throw new AuthError(2034);
      return register(input, { username: input.username }, ['basic:username-password']);
    },
    registerByPhoneCode({ input }) {
      requirePhone(input.phone);
      codes.consume(input.phone, input.code);
      if (store.findByPhone(input.phone)) throw new AuthError(2026);
      return register(input, { phone: input.phone, phoneVerified: true }, ['basic:phone-code']);
    },
    loginByEmail({ input }) {
      return passwordLogin(input, () => store.findByEmail(input.email), { email: input.email }, ['basic:email']);
    },
    loginByUsername({ input }) {
      const find = () => {
        const found = store.findByUsername(input.username);
        return found && !subAccountOf(found) ? found : null;
      };
      return passwordLogin(input, find, { username: input.username }, ['basic:username-password']);
    },
    loginByPhonePassword({ input }) {
      return passwordLogin(input, () => store.findByPhone(input.phone), { phone: input.phone }, ['basic:phone-password']);
    },
    loginByPhoneCode({ input }) {
      requirePhone(input.phone);
      codes.consume(input.phone, input.code);
      let found = store.findByPhone(input.phone);
      if (!found) {
        if (input.autoRegister === false) throw new AuthError(2004);
        found = store.create({ phone: input.phone, registerSource: ['basic:phone-code'] });
      }
      found.phoneVerified = true;
      applyCustomData(found, input);
      return user(ctx.login(found, input));
    },
    loginBySubAccount(args) {
      const plain = ctx.decryptPassword(args.password);
      const entry = subAccounts.get(args.account);
      const found = entry && store.get(entry.userId);
      if (!found) throw new AuthError(2004);
      checkPassword(found, plain);
      return user(ctx.login(found, args));
    },
    checkPasswordStrength(args) {
      return { type: 'CheckPasswordStrengthResult', value: passwordStrength(args.password) };
    },
    resetPassword(args) {
      if (!args.phone && !args.email) throw new AuthError(2028);
      const found = args.phone ? store.findByPhone(args.phone) : store.findByEmail(args.email);
      if (!found) throw new AuthError(2004);
      if (args.phone) codes.consume(args.phone, args.code);
      else codes.consume(args.email, args.code, ['RESET_PASSWORD']);
      store.setPassword(found, ctx.decryptPassword(args.newPassword));
      found.updatedAt = ctx.iso();
      return message('重置密码成功');
    },
    // The old password is asked for only when the user has one (a WeChat user sets a first one).
    updatePassword(args, request) {
      const { user: current } = ctx.session(request);
      const plain = ctx.decryptPassword(args.newPassword);
      if (store.hasPassword(current)) {
        if (args.oldPassword === undefined || args.oldPassword === null) throw new AuthError(2231, '请输入原密码');
        if (!store.checkPassword(current, ctx.decryptPassword(args.oldPassword))) throw new AuthError(2006, '原密码错误');
      }
      store.setPassword(current, plain);
      current.updatedAt = ctx.iso();
      return user(current);
    },
  };

  function subAccountOf(found) {
    return [...subAccounts.values()].some((entry) => entry.userId === found.id);
  }

  const rest = {
    'GET /api/v2/.well-known': () => ({ code: 200, message: '获取成功', data: { publicKey: ctx.keys.publicKey } }),
    'POST /api/v2/sms/send': (body) => {
      codes.issue(requirePhone(body.phone), { channel: 'sms', phoneCountryCode: body.phoneCountryCode || null });
      return { code: 200, message: '发送成功' };
    },
    // Checked against the seeded directory; the user it signs in is found by
    // its LDAP identity, or created with one.
    'POST /api/v2/ldap/verify-user': (body) => {
      if (typeof body.username !== 'string' || typeof body.password !== 'string') throw new AuthError(2231);
      const entry = ldapEntries.get(body.username);
      if (!entry) throw new AuthError(2004);
      if (entry.password !== body.password) throw new AuthError(2006);
      let found = store.all().find((candidate) => candidate.identities.some((id) => id.provider === 'ldap' && id.userIdInIdp === body.username));
      if (!found) {
        found = store.create({
          username: store.findByUsername(body.username) ? null : body.username,
          email: entry.email || null, phone: entry.phone || null, nickname: entry.nickname || null, registerSource: ['ldap'],
        });
        found.identities.push({
          openid: null, userIdInIdp: body.username, userId: found.id, connectionId: 'dev-ldap', isSocial: false,
          provider: 'ldap', userPoolId: ctx.config.userPoolId,
        });
      }
      return { code: 200, message: '登录成功', data: { ...ctx.login(found) } };
    },
  };

  const api = {
    // A user as if an administrator created it; the password is hashed like a registered one.
    seedUser(fields = {}) {
      const { password, ...profile } = fields;
      const refused = Object.keys(profile).find((key) => !SEEDABLE.has(key));
      if (refused) throw new Error(`seedUser cannot set ${refused}`);
      if (profile.username && store.findByUsername(profile.username)) throw new Error(`username ${profile.username} exists`);
      if (profile.email && store.findByEmail(profile.email)) throw new Error(`email ${profile.email} exists`);
      if (profile.phone && store.findByPhone(profile.phone)) throw new Error(`phone ${profile.phone} exists`);
      const created = store.create({ registerSource: ['import:manual'], phoneVerified: Boolean(profile.phone), ...profile });
      if (password !== undefined && password !== null) store.setPassword(created, password);
      return created;
    },
    addLdapUser({ username, password, email, phone, nickname }) {
      ldapEntries.set(String(username), { password: String(password), email, phone, nickname });
    },
    addSubAccount(parentUserId, { account, password, nickname }) {
      if (!store.get(parentUserId)) throw new Error(`no user ${parentUserId}`);
      const created = api.seedUser({ username: account, password, nickname, registerSource: ['sub-account'] });
      subAccounts.set(String(account), { userId: created.id, parentId: parentUserId });
      return created;
    },
  };

  return {
    rest,
    resolvers,
    api,
    reset() {
      ldapEntries = new Map();
      subAccounts = new Map();
    },
    types: {
      CommonMessage: scalars(['code', 'message']),
      CheckPasswordStrengthResult: scalars(['valid', 'message']),
    },
    inputs: {
      RegisterProfile: { ...Object.fromEntries(PROFILE_FIELDS.map((field) => [field, 'String'])), udf: '[UserDdfInput!]' },
      UserDdfInput: { key: 'String!', value: 'String!' },
      RegisterByEmailInput: { email: 'String!', password: 'String!', ...REGISTER_INPUT },
      RegisterByUsernameInput: { username: 'String!', password: 'String!', ...REGISTER_INPUT },
      RegisterByPhoneCodeInput: { phone: 'String!', code: 'String!', password: 'String', ...REGISTER_INPUT },
      LoginByEmailInput: { email: 'String!', ...LOGIN_INPUT },
      LoginByUsernameInput: { username: 'String!', ...LOGIN_INPUT },
      LoginByPhonePasswordInput: { phone: 'String!', ...LOGIN_INPUT },
      LoginByPhoneCodeInput: { phone: 'String!', code: 'String!', autoRegister: 'Boolean', ...COMMON_INPUT },
    },
    enums: { EmailScene: EMAIL_SCENES },
  };
};
