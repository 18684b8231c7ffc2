'use strict';
// The "Codes, password and code logins, registration" group of docs/api.md.
// The fields of an entry are described in docs/api/index.js.

const PASSWORD = 'passw0rd-Demo1';

// What the password logins share.
const KEY_FETCH = ['GET /api/v2/.well-known', 'once per client; skipped with the `publicKey` option'];
const PASSWORD_ERRORS = [['api', '2004, 2006', 'no such user; a wrong password']];
const LOGIN_OPTIONS = '`{autoRegister, captchaCode, clientIp, customData, context}`, each optional and checked ' +
  'before sending';
const REGISTER_OPTIONS = '`{forceLogin, generateToken, clientIp, customData, context}`';

function passwordLogin(name, account, seed, accountDoes) {
  return {
    name,
    signatures: [`${name}(${account}, password, options?)`],
    does: `A password login ${accountDoes}. The password leaves the phone RSA-encrypted. The user becomes the ` +
      'session.',
    args: { password: 'the user\'s password', options: LOGIN_OPTIONS },
    session: false,
    cases: [{
      sends: [KEY_FETCH, `mutation ${name}`],
      stores: 'session',
      example: {
        args: (ctx) => {
          ctx.seedUser({ ...seed, password: PASSWORD });
          return [Object.values(seed)[0], PASSWORD, { clientIp: '203.0.113.7' }];
        },
      },
    }],
    resolves: 'User',
    errors: PASSWORD_ERRORS,
    v4: 'options are checked before sending; a double tap sends one request',
    migrating: 'password-logins',
  };
}

function register(name, account, value) {
  return {
    name,
    signatures: [`${name}(${account}, password, profile?, options?)`],
    does: `Creates a user with ${account === 'email' ? 'an email' : 'a username'} and a password (sent ` +
      'RSA-encrypted). The answer becomes the session only when it carries a token, which it does with ' +
      '`forceLogin` or `generateToken`.',
    args: { profile: 'the new user\'s `RegisterProfile` (nickname, ...)', options: REGISTER_OPTIONS },
    session: false,
    cases: [
      {
        when: 'without `forceLogin` or `generateToken`',
        sends: [KEY_FETCH, `mutation ${name}`],
        stores: 'nothing',
        example: { args: [value, PASSWORD, { nickname: 'New' }] },
      },
      {
        when: 'with `forceLogin` or `generateToken`',
        sends: [KEY_FETCH, `mutation ${name}`],
        stores: 'session',
        example: { args: [value, PASSWORD, {}, { generateToken: true }] },
      },
    ],
    resolves: 'User',
    errors: [
      ['api', account === 'email' ? '2026' : '2034', 'the account exists'],
    ],
    v4: 'a register answer without a token leaves the stored session alone (v4 stored every answer, which ' +
      'wiped the stored token)',
    migrating: 'register-without-a-token-keeps-the-session',
  };
}

module.exports = {
  title: 'Codes, password and code logins, registration',
  intro: 'Every password here leaves the phone RSA-encrypted under your user pool\'s public key (fetched once ' +
    'per client from `/api/v2/.well-known` unless you pass the `publicKey` option), except `loginByLdap`\'s, ' +
    'which goes in plain text over HTTPS as in v4.',
  methods: [
    {
      name: 'sendSmsCode',
      signatures: ['sendSmsCode(phone, phoneCountryCode?)'],
      does: 'Sends a verification code by SMS, for `loginByPhoneCode`, `registerByPhoneCode`, ' +
        '`resetPasswordByPhoneCode`, `bindPhone` and `updatePhone`.',
      args: { phoneCountryCode: 'for example `"+86"`' },
      session: false,
      cases: [{
        sends: ['POST /api/v2/sms/send'],
        stores: 'nothing',
        example: { args: ['13800000010', '+86'] },
      }],
      resolves: 'CommonMessage',
      errors: [['api', '2028', 'not a phone number']],
      v4: 'resolves `{code, message}` (v4 4.15.8 resolved `undefined`); sends `phoneCountryCode`; a double tap ' +
        'sends one SMS',
      migrating: 'sendsmscode',
    },
    {
      name: 'sendEmail',
      signatures: ['sendEmail(email, scene)'],
      does: 'Sends an email for one of Authing\'s scenes: `RESET_PASSWORD`, `VERIFY_EMAIL`, `CHANGE_EMAIL` or ' +
        '`MFA_VERIFY`.',
      args: { scene: 'an `EmailScene`' },
      session: false,
      cases: [{
        sends: ['mutation sendEmail'],
        stores: 'nothing',
        example: { args: ['mail-1@example.com', 'RESET_PASSWORD'] },
      }],
      resolves: 'CommonMessage',
      errors: [['argument', 'INVALID_ARGUMENT', 'any other scene; nothing is sent']],
      v4: 'any other scene is refused before sending',
      migrating: 'sendemail',
    },
    passwordLogin('loginByEmail', 'email', { email: 'pw-1@example.com' }, 'by email'),
    passwordLogin('loginByUsername', 'username', { username: 'pw-user-1' }, 'by username'),
    passwordLogin('loginByPhonePassword', 'phone', { phone: '13800000011' }, 'by phone number'),
    {
      name: 'loginByPhoneCode',
      signatures: ['loginByPhoneCode(phone, code, options?)'],
      does: 'Logs in with a code from `sendSmsCode`; the server registers a phone it does not know. The user ' +
        'becomes the session.',
      args: { code: 'the SMS code', options: '`{clientIp, customData, context}`' },
      session: false,
      cases: [{
        sends: ['mutation loginByPhoneCode'],
        stores: 'session',
        example: { args: async (ctx) => ['13800000012', await ctx.smsCode('13800000012')] },
      }],
      resolves: 'User',
      errors: [['api', '2001, 2300', 'a wrong (or used) code; an expired code']],
      v4: null,
    },
    {
      name: 'loginBySubAccount',
      signatures: ['loginBySubAccount(account, password, options?)'],
      does: 'Logs in as a sub-account of a user; the password leaves the phone RSA-encrypted. The sub-account ' +
        'becomes the session.',
      args: { options: '`{captchaCode, clientIp}`' },
      session: false,
      cases: [{
        sends: [KEY_FETCH, 'mutation loginBySubAccount'],
        stores: 'session',
        example: {
          args: (ctx) => {
            const parent = ctx.seedUser({ email: 'parent-1@example.com', password: 'parent-Passw0rd' });
            ctx.server.addSubAccount(parent.id, { account: 'parent-1-sub', password: PASSWORD });
            return ['parent-1-sub', PASSWORD];
          },
        },
      }],
      resolves: 'User',
      errors: PASSWORD_ERRORS,
      v4: 'options are checked before sending',
      migrating: 'password-logins',
    },
    {
      name: 'loginByLdap',
      signatures: ['loginByLdap(username, password)'],
      does: 'Logs in against the user pool\'s LDAP directory. The password goes in plain text over HTTPS, as in ' +
        'v4 (the server hands it to the directory). The user becomes the session.',
      session: false,
      cases: [{
        sends: ['POST /api/v2/ldap/verify-user'],
        stores: 'session',
        example: {
          args: (ctx) => {
            ctx.server.addLdapUser({ username: 'ldap-1', password: PASSWORD, email: 'ldap-1@example.com' });
            return ['ldap-1', PASSWORD];
          },
        },
      }],
      resolves: 'User',
      errors: [['api', '2006', 'the directory refused the password']],
      v4: null,
    },
    register('registerByEmail', 'email', 'reg-1@example.com'),
    register('registerByUsername', 'username', 'reg-user-1'),
    {
      name: 'registerByPhoneCode',
      signatures: ['registerByPhoneCode(phone, code, password?, profile?, options?)'],
      does: 'Creates a user with a phone proven by a `sendSmsCode` code, and a first password when given (sent ' +
        'RSA-encrypted). The answer becomes the session only with `forceLogin` or `generateToken`.',
      args: { code: 'the SMS code', profile: 'a `RegisterProfile`', options: REGISTER_OPTIONS },
      session: false,
      cases: [
        {
          when: 'with a password and `forceLogin`',
          sends: [KEY_FETCH, 'mutation registerByPhoneCode'],
          stores: 'session',
          example: {
            args: async (ctx) => ['13800000013', await ctx.smsCode('13800000013'), PASSWORD, { nickname: 'Phone' },
              { forceLogin: true }],
          },
        },
        {
          when: 'without a password or a token option',
          sends: ['mutation registerByPhoneCode'],
          stores: 'nothing',
          example: { args: async (ctx) => ['13800000014', await ctx.smsCode('13800000014')] },
        },
      ],
      resolves: 'User',
      errors: [
        ['api', '2001, 2026', 'a wrong code; the phone is taken'],
        ['argument', 'INVALID_ARGUMENT', 'an empty password'],
      ],
      v4: 'as `registerByEmail`; an empty password is refused (v4 sent `""`)',
      migrating: 'register-without-a-token-keeps-the-session',
    },
  ],
};
