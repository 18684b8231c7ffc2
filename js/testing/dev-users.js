'use strict';
// The dev server's users: records shaped like Authing's, kept in memory.

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

// The fields a GraphQL selection may name, per type.
const KNOWN_FIELDS = {
  User: new Set(USER_FIELDS),
  Identity: new Set(['openid', 'userIdInIdp', 'userId', 'connectionId', 'isSocial', 'provider', 'userPoolId']),
  JWTTokenStatus: new Set(['code', 'message', 'status', 'exp', 'iat', 'data']),
  JWTTokenStatusDetail: new Set(['id', 'userPoolId', 'arn']),
  RefreshToken: new Set(['token', 'iat', 'exp']),
};

const DEFAULT_PHOTO = 'https://files.authing.co/authing-console/default-user-avatar.png';

function createUserStore({ userPoolId, now }) {
  let users = new Map();
  const iso = () => new Date(now() * 1000).toISOString();

  function identity(user, openid) {
    return {
      openid, userIdInIdp: openid, userId: user.id, connectionId: 'dev-wechat-miniprogram', isSocial: true,
      provider: 'wechat:miniprogram:default', userPoolId,
    };
  }

  let created = 0;
  // Ids are derived, not random, so a scripted run (the demo, its pictures)
  // comes out the same every time.
  function create({ openid, unionid }) {
    created += 1;
    const id = crypto.createHash('sha256').update(`${userPoolId}/${openid}/${created}`).digest('hex').slice(0, 24);
    const user = Object.fromEntries(USER_FIELDS.map((field) => [field, null]));
    Object.assign(user, {
      id, arn: `arn:cn:authing:${userPoolId}:user:${id}`, status: 'Activated', userPoolId, emailVerified: false,
      phoneVerified: false, openid, unionid: unionid || null, nickname: '微信用户', registerSource: ['social:wechat-miniprogram'],
      photo: DEFAULT_PHOTO, password: `$2b$10$${crypto.randomBytes(20).toString('base64')}`, loginsCount: 0,
      signedUp: iso(), blocked: false, isDeleted: false, gender: 'U', createdAt: iso(), updatedAt: iso(),
      salt: crypto.randomBytes(8).toString('hex'), identities: [],
    });
    user.identities.push(identity(user, openid));
    users.set(id, user);
    return user;
  }

  return {
    reset() { users = new Map(); },
    get(id) { return users.get(id) || null; },
    all() { return [...users.values()]; },
    remove(id) { users.delete(id); },
    findByPhone(phone) { return [...users.values()].find((user) => user.phone === phone) || null; },
    findOrCreate({ openid, unionid }) {
      return [...users.values()].find((user) => user.identities.some((entry) => entry.openid === openid)) || create({ openid, unionid });
    },
    // Makes `openid` one of the user's identities (a phone login may join a WeChat user to a phone user).
    link(user, openid) {
      if (!user.identities.some((entry) => entry.openid === openid)) user.identities.push(identity(user, openid));
      if (!user.openid) user.openid = openid;
    },
  };
}

module.exports = { createUserStore, KNOWN_FIELDS, UPDATABLE_FIELDS };
