'use strict';
// The dev server's users: records shaped like Authing's, kept in memory, and
// their password hashes.

const crypto = require('node:crypto');

const USER_FIELDS = [
  'id', 'arn', 'status', 'userPoolId', 'username', 'email', 'emailVerified', 'phone', 'phoneVerified', 'unionid',
  'openid', 'nickname', 'registerSource', 'photo', 'password', 'oauth', 'token', 'tokenExpiredAt', 'loginsCount',
  'lastLogin', 'lastIP', 'signedUp', 'blocked', 'isDeleted', 'device', 'browser', 'company', 'name', 'givenName',
  'familyName', 'middleName', 'profile', 'preferredUsername', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale',
  'address', 'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'city', 'province', 'country',
  'createdAt', 'updatedAt', 'externalId', 'identities',
];

const UPDATABLE_FIELDS = new Set([
  'username', 'nickname', 'photo', 'company', 'browser', 'device', 'lastIP', 'name', 'givenName', 'familyName',
  'middleName', 'profile', 'preferredUsername', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'address',
  'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'city', 'province', 'country', 'externalId',
]);

const scalars = (names) => Object.fromEntries(names.map((name) => [name, 'Scalar']));

// The output types the session and WeChat routes answer with; route groups add
// their own (and fields of User computed from arguments, such as roles).
const TYPES = {
  User: { ...scalars(USER_FIELDS), identities: 'Identity' },
  Identity: scalars(['openid', 'userIdInIdp', 'userId', 'connectionId', 'isSocial', 'provider', 'userPoolId']),
};

const DEFAULT_PHOTO = 'https://files.authing.co/authing-console/default-user-avatar.png';

// A low scrypt cost: the hashes only have to be real ones, and tests log in often.
const SCRYPT = { N: 1024, r: 8, p: 1 };

// v4's computedPasswordSecurityLevel: 3 with lower, upper case and digits over
// 12 characters, 2 with letters and digits over 8, 1 otherwise.
function passwordSecurityLevel(password) {
  if (/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[^]{12,}$/.test(password)) return 3;
  if (/^(?=.*[a-zA-Z])(?=.*\d)[^]{8,}$/.test(password)) return 2;
  return 1;
}

function createUserStore({ userPoolId, now }) {
  let users = new Map();
  let credentials = new Map();  // user id -> {salt, hash, level}
  let created = 0;
  const iso = () => new Date(now() * 1000).toISOString();

  function identity(user, openid) {
    return {
      openid, userIdInIdp: openid, userId: user.id, connectionId: 'dev-wechat-miniprogram', isSocial: true,
      provider: 'wechat:miniprogram:default', userPoolId,
    };
  }

  // Ids are derived, not random, so a scripted run (the demo, its pictures)
  // comes out the same every time.
  function create({ openid = null, unionid = null, registerSource, ...fields }) {
    created += 1;
    const seed = openid || fields.username || fields.email || fields.phone || 'user';
    const id = crypto.createHash('sha256').update(`${userPoolId}/${seed}/${created}`).digest('hex').slice(0, 24);
    const user = Object.fromEntries(USER_FIELDS.map((field) => [field, null]));
    Object.assign(user, {
      id, arn: `arn:cn:authing:${userPoolId}:user:${id}`, status: 'Activated', userPoolId, emailVerified: false,
      phoneVerified: false, openid, unionid: unionid || null, nickname: openid ? '微信用户' : null,
      registerSource: registerSource || (openid ? ['social:wechat-miniprogram'] : ['basic:username-password']),
      photo: DEFAULT_PHOTO, password: `$2b$10$${crypto.randomBytes(20).toString('base64')}`, loginsCount: 0,
      signedUp: iso(), blocked: false, isDeleted: false, gender: 'U', createdAt: iso(), updatedAt: iso(),
      salt: crypto.randomBytes(8).toString('hex'), identities: [],
    });
    if (!openid) user.password = null;
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) user[key] = value;
    if (openid) user.identities.push(identity(user, openid));
    users.set(id, user);
    return user;
  }

  const find = (predicate) => [...users.values()].find(predicate) || null;

  return {
    reset() {
      users = new Map();
      credentials = new Map();
    },
    get(id) { return users.get(id) || null; },
    all() { return [...users.values()]; },
    remove(id) {
      users.delete(id);
      credentials.delete(id);
    },
    create,
    findByPhone(phone) { return phone ? find((user) => user.phone === phone) : null; },
    findByEmail(email) {
      return email ? find((user) => typeof user.email === 'string' && user.email.toLowerCase() === String(email).toLowerCase()) : null;
    },
    findByUsername(username) { return username ? find((user) => user.username === username) : null; },
    findOrCreate({ openid, unionid }) {
      return find((user) => user.identities.some((entry) => entry.openid === openid)) || create({ openid, unionid });
    },
    // Makes `openid` one of the user's identities (a phone login may join a WeChat user to a phone user).
    link(user, openid) {
      if (!user.identities.some((entry) => entry.openid === openid)) user.identities.push(identity(user, openid));
      if (!user.openid) user.openid = openid;
    },
    // The record shows the hash and salt, as Authing's do; the SDK must not keep them.
    setPassword(user, plain) {
      const salt = crypto.randomBytes(16);
      const hash = crypto.scryptSync(String(plain), salt, 32, SCRYPT);
      credentials.set(user.id, { salt, hash, level: passwordSecurityLevel(String(plain)) });
      user.password = hash.toString('hex');
      user.salt = salt.toString('hex');
    },
    hasPassword(user) { return credentials.has(user.id); },
    passwordLevel(user) { return credentials.has(user.id) ? credentials.get(user.id).level : null; },
    checkPassword(user, plain) {
      const entry = credentials.get(user.id);
      if (!entry) return false;
      return crypto.timingSafeEqual(crypto.scryptSync(String(plain), entry.salt, 32, SCRYPT), entry.hash);
    },
  };
}

module.exports = { createUserStore, passwordSecurityLevel, TYPES, UPDATABLE_FIELDS, USER_FIELDS };
