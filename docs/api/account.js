'use strict';
// The "Passwords, phone and email, linked accounts" group of docs/api.md. The
// fields of an entry are described in docs/api/index.js.

const KEY_FETCH = ['GET /api/v2/.well-known', 'once per client; skipped with the `publicKey` option'];
const WECHAT_USER = 'the session\'s user';

function reset(name, account, value, codeOf, doesWith) {
  return {
    name,
    signatures: [`${name}(${account}, code, newPassword)`],
    does: `Sets a new password for a forgotten one, with ${doesWith}. No session needed; the new password ` +
      'leaves the phone RSA-encrypted.',
    session: false,
    cases: [{
      sends: [KEY_FETCH, 'mutation resetPassword'],
      stores: 'nothing',
      example: {
        args: async (ctx) => {
          ctx.seedUser({ [account]: value, password: 'old-Passw0rd' });
          return [value, await codeOf(ctx, value), 'n3w-Passw0rd'];
        },
      },
    }],
    resolves: 'CommonMessage',
    errors: [['api', '2001, 2004', 'a wrong code; no such user']],
    v4: null,
  };
}

function bind(name, field, value, codeOf) {
  const codeArg = `${field}Code`;
  return {
    name,
    signatures: [`${name}(${field}, ${codeArg})`],
    does: `Adds a first ${field} to ${WECHAT_USER}, proven by its code. The answer's user is stored; the ` +
      'session keeps its token.',
    args: { [codeArg]: `the code sent to the ${field}` },
    session: true,
    cases: [{
      sends: [`mutation ${name}`],
      stores: 'user',
      example: { args: async (ctx) => [value, await codeOf(ctx, value)] },
    }],
    resolves: 'User',
    errors: [['api', field === 'phone' ? '2001, 2035' : '2001, 2026', `a wrong code; the ${field} is taken ` +
      `or the user already has one`]],
    v4: 'keeps the session\'s token (v4 wrote the answer\'s `token` field over it)',
    migrating: 'profile-answers-never-replace-the-token',
  };
}

function unbind(name, field) {
  return {
    name,
    signatures: [`${name}()`],
    does: `Drops ${WECHAT_USER}'s ${field}. The server refuses to take the last way in (\`2217\`). The ` +
      'answer\'s user is stored.',
    session: true,
    cases: [{
      sends: [`mutation ${name}`],
      stores: 'user',
      example: { as: { phone: '13800000020', email: 'both-1@example.com' }, args: [] },
    }],
    resolves: 'User',
    errors: [['api', '2217', `the ${field} is the user's only way in`]],
    v4: 'keeps the session\'s token (v4 wrote the answer\'s `token` field over it)',
    migrating: 'profile-answers-never-replace-the-token',
  };
}

function update(name, field, value, codeOf) {
  const capital = field[0].toUpperCase() + field.slice(1);
  return {
    name,
    signatures: [`${name}(${field}, ${field}Code, old${capital}?, old${capital}Code?)`],
    does: `Moves ${WECHAT_USER} to a new ${field}, proven by its code (and the old one's, when the user pool ` +
      'asks for it). The answer\'s user, with the new value, is stored.',
    args: { [`old${capital}`]: `with \`old${capital}Code\`, or neither` },
    session: true,
    cases: [{
      sends: [`mutation ${name}`],
      stores: 'user',
      example: { args: async (ctx) => [value, await codeOf(ctx, value)] },
    }],
    resolves: 'User',
    errors: [
      ['argument', 'INVALID_ARGUMENT', `\`old${capital}\` without \`old${capital}Code\`, or the reverse`],
      ['api', field === 'phone' ? '2001, 2035, 2038, 2230' : '2001, 2026, 2037, 2229', 'a wrong code; the new ' +
        `${field} is taken; the old one does not match; the new one is the old one`],
    ],
    v4: field === 'phone'
      ? 'the stored user gets the new phone (v4 kept the old one); `oldPhone` and `oldPhoneCode` go together'
      : 'as `updatePhone`',
    migrating: 'updatephone-and-updateemail',
  };
}

const smsCode = (ctx, phone) => ctx.smsCode(phone);
const verifyEmailCode = (ctx, email) => ctx.emailCode(email, 'VERIFY_EMAIL');

module.exports = {
  title: 'Passwords, phone and email, linked accounts',
  intro: 'Every password here except `checkPasswordStrength`\'s leaves the phone RSA-encrypted.',
  methods: [
    {
      name: 'checkPasswordStrength',
      signatures: ['checkPasswordStrength(password)'],
      does: 'Whether the user pool\'s password rule accepts a password. The one call that sends a password in ' +
        'plain text, as v4: the server judges the text and keeps nothing.',
      session: false,
      cases: [{
        sends: ['query checkPasswordStrength'],
        stores: 'nothing',
        example: { args: ['passw0rd'] },
      }],
      resolves: 'CheckPasswordStrengthResult',
      errors: [],
      v4: null,
    },
    reset('resetPasswordByPhoneCode', 'phone', '13800000030', smsCode, 'a code from `sendSmsCode`'),
    reset('resetPasswordByEmailCode', 'email', 'reset-1@example.com',
      (ctx, email) => ctx.emailCode(email, 'RESET_PASSWORD'), 'a code from `sendEmail(email, "RESET_PASSWORD")`'),
    {
      name: 'updatePassword',
      signatures: ['updatePassword(newPassword, oldPassword?)'],
      does: 'Sets the session user\'s password, proving the old one when the user has one. Both leave the phone ' +
        'RSA-encrypted. As in v4 the stored user is left as it was.',
      args: { oldPassword: 'the current password; leave it out (or `""`) when the user has none yet' },
      session: true,
      cases: [{
        sends: [KEY_FETCH, 'mutation updatePassword'],
        stores: 'nothing',
        example: { args: ['first-Passw0rd'] },
      }],
      resolves: 'User',
      errors: [['api', '2006', 'a wrong `oldPassword`']],
      v4: 'an empty `oldPassword` is not sent (v4 sent `""`)',
      migrating: 'updatepassword',
    },
    update('updatePhone', 'phone', '13800000031', smsCode),
    update('updateEmail', 'email', 'changed-1@example.com', (ctx, email) => ctx.emailCode(email, 'CHANGE_EMAIL')),
    bind('bindPhone', 'phone', '13800000032', smsCode),
    unbind('unbindPhone', 'phone'),
    bind('bindEmail', 'email', 'bound-1@example.com', verifyEmailCode),
    unbind('unbindEmail', 'email'),
    {
      name: 'linkAccount',
      signatures: ['linkAccount(options)'],
      does: 'Joins a social account (a WeChat user) to a main account, both named by their tokens: the social ' +
        'identity moves to the main account. No session needed; the session\'s token goes along when there ' +
        'is one, as in v4.',
      args: { options: '`{primaryUserToken, secondaryUserToken}`: the main account\'s token and the social ' +
        'account\'s' },
      session: false,
      cases: [{
        sends: ['POST /api/v2/users/link'],
        stores: 'nothing',
        example: {
          login: true,
          args: (ctx) => [{
            primaryUserToken: ctx.tokenOf(ctx.seedUser({ phone: '13800000033' })),
            secondaryUserToken: ctx.user.token,
          }],
        },
      }],
      resolves: 'CommonMessage',
      notes: ['Resolves v4\'s fixed `{code: 200, message: "绑定成功"}`.'],
      errors: [['argument', 'INVALID_ARGUMENT', 'a token that is not a token (named, never quoted)']],
      v4: 'the tokens are checked to be tokens before sending',
      migrating: 'linkaccount-and-unlinkaccount',
    },
    {
      name: 'unLinkAccount',
      signatures: ['unLinkAccount(options)'],
      does: 'Takes a provider\'s identity off a main account named by its token. No session needed.',
      args: { options: '`{primaryUserToken, provider}`, for example `provider: "wechat:miniprogram:default"`' },
      session: false,
      cases: [{
        sends: ['POST /api/v2/users/unlink'],
        stores: 'nothing',
        example: {
          args: async (ctx) => {
            const primary = ctx.tokenOf(ctx.seedUser({ phone: '13800000034' }));
            const social = ctx.tokenOf(await ctx.wechatUser());
            await ctx.post('/api/v2/users/link', { primaryUserToken: primary, secondaryUserToken: social });
            return [{ primaryUserToken: primary, provider: 'wechat:miniprogram:default' }];
          },
        },
      }],
      resolves: 'CommonMessage',
      notes: ['Resolves v4\'s fixed `{code: 200, message: "解绑成功"}`.'],
      errors: [['argument', 'INVALID_ARGUMENT', 'as `linkAccount`']],
      v4: 'as `linkAccount`',
      migrating: 'linkaccount-and-unlinkaccount',
    },
  ],
};
