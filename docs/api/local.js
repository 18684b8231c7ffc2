'use strict';
// The "Local session helpers, the hosted login page, unsupported v4 methods"
// group of docs/api.md. The fields of an entry are described in
// docs/api/index.js.

const APP_HOST = { appHost: 'https://example.authing.cn', redirectUri: 'https://example.cn/callback' };

function unsupported(name, args, why, example) {
  return {
    name,
    unsupported: true,
    signatures: [`${name}(${args.join(', ')})`],
    does: `Rejects at once with kind \`unsupported\`: ${why}.`,
    session: false,
    cases: [{ sends: [], stores: 'nothing', example: { args: example } }],
    resolves: 'never',
    errors: [['unsupported', 'UNSUPPORTED_IN_MINIPROGRAM', 'always']],
    v4: 'v4 sent the request',
    migrating: 'methods-a-mini-program-must-not-call',
  };
}

const SECRET = 'it authenticates your application with its secret, which must stay on your server: call it there';

module.exports = {
  title: 'Local session helpers, the hosted login page, unsupported v4 methods',
  intro: 'Methods that answer on the device, without a request.',
  methods: [
    {
      name: 'checkLoggedIn',
      signatures: ['checkLoggedIn()'],
      does: 'The session user\'s id, from storage.',
      session: true,
      cases: [{ sends: [], stores: 'nothing', example: { args: [] } }],
      resolves: 'string',
      errors: [],
      v4: 'returns a promise (v4 returned the id at once); rejects with kind `session` instead of throwing',
      migrating: 'checkloggedin-settoken-and-setcurrentuser-return-promises',
    },
    {
      name: 'setToken',
      signatures: ['setToken(token)'],
      does: 'Adopts a token obtained elsewhere (your server, a `<web-view>` login) as the session, as a login ' +
        'does. The stored user is kept only when the token is his.',
      args: { token: 'a token of this user pool' },
      session: false,
      cases: [
        {
          when: 'no stored user, or another user\'s',
          sends: [],
          stores: { token: 'written', user: 'removed' },
          example: { args: (ctx) => [ctx.tokenOf(ctx.seedUser({ username: 'token-1' }))] },
        },
        {
          when: 'a new token of the stored user',
          sends: [],
          stores: 'session',
          example: { login: true, args: (ctx) => [ctx.tokenOf(ctx.user)] },
        },
      ],
      resolves: 'void',
      notes: ['Fires `loginStateChange` with `reason: "login"`.'],
      errors: [['argument', 'INVALID_ARGUMENT', 'not a token, or a token of another user pool (never quoted)']],
      v4: 'returns a promise; refuses a token of another user pool; keeps the stored user only if the token is his',
      migrating: 'checkloggedin-settoken-and-setcurrentuser-return-promises',
    },
    {
      name: 'setCurrentUser',
      signatures: ['setCurrentUser(user)'],
      does: 'Adopts a user object and its `token` as the session, as a login does. Only the allow-listed fields ' +
        'are stored.',
      args: { user: 'a `User` with `id` and `token` (the token may be left out for the session\'s own user)' },
      session: false,
      cases: [{
        sends: [],
        stores: 'session',
        example: {
          args: (ctx) => {
            const user = ctx.seedUser({ username: 'user-1', nickname: 'Ann' });
            return [{ ...user, token: ctx.tokenOf(user) }];
          },
        },
      }],
      resolves: 'void',
      errors: [['argument', 'INVALID_ARGUMENT', 'no `id`; a token that names another user or another user pool']],
      v4: 'returns a promise; stores only the allow-listed fields; refuses a token that names another user',
      migrating: 'checkloggedin-settoken-and-setcurrentuser-return-promises',
    },
    {
      name: 'computedPasswordSecurityLevel',
      sync: true,
      signatures: ['computedPasswordSecurityLevel(password)'],
      does: '`3` (high) for 12+ characters with a lower-case letter, an upper-case letter and a ' +
        'digit; `2` (middle) for 8+ characters with a letter and a digit; `1` (low) otherwise. As v4, on the ' +
        'device.',
      session: false,
      cases: [{ sends: [], stores: 'nothing', example: { args: ['Abcdefghijk1'] } }],
      resolves: 'PasswordSecurityLevel',
      errors: [['argument', 'INVALID_ARGUMENT', 'thrown when `password` is not a string']],
      v4: null,
    },
    {
      name: 'buildAuthorizeUrl',
      sync: true,
      signatures: ['buildAuthorizeUrl(options?)'],
      does: 'The hosted login page\'s URL, for a `<web-view>`, by the `protocol` option (`oidc`, ' +
        '`oauth`, `saml`, `cas`). Needs the `appHost` option.',
      args: { options: '`AuthorizeUrlOptions`: `{scope, state, nonce, responseMode, responseType, redirectUri}`, ' +
        'or `{service}` for CAS' },
      session: false,
      cases: [{
        sends: [],
        stores: 'nothing',
        example: { options: APP_HOST, args: [{ scope: 'openid profile', state: 'st-1' }] },
      }],
      resolves: 'string',
      errors: [['argument', 'INVALID_ARGUMENT', 'thrown without the `appHost` option, or for a non-string value']],
      v4: 'needs the `appHost` option (a typed `argument` error says so); values are URL-encoded',
      migrating: 'hosted-login-page-urls',
    },
    {
      name: 'buildLogoutUrl',
      sync: true,
      signatures: ['buildLogoutUrl(options?)'],
      does: 'The hosted logout URL, for a `<web-view>`. Needs the `appHost` option.',
      args: { options: '`{redirectUri}`, or with OIDC `{expert: true, idToken, redirectUri}`' },
      session: false,
      cases: [{
        sends: [],
        stores: 'nothing',
        example: { options: APP_HOST, args: [{ redirectUri: 'https://example.cn/bye' }] },
      }],
      resolves: 'string',
      errors: [['argument', 'INVALID_ARGUMENT', 'thrown without the `appHost` option; `idToken` without ' +
        '`redirectUri` in expert mode']],
      v4: 'needs `appHost`; `redirectUri` is URL-encoded',
      migrating: 'hosted-login-page-urls',
    },
    unsupported('getAccessTokenByCode', ['code'], SECRET, ['code-1']),
    unsupported('getAccessTokenByClientCredentials', ['scope', 'options?'], SECRET,
      ['openid', { accessKey: 'k', secretKey: 's' }]),
    unsupported('getNewAccessTokenByRefreshToken', ['refreshToken'], SECRET, ['refresh-1']),
    unsupported('revokeToken', ['token'], SECRET, ['token-1']),
    unsupported('introspectToken', ['token'], SECRET, ['token-1']),
    unsupported('getUserInfoByAccessToken', ['accessToken'], 'it reads a browser login\'s access token; use ' +
      '`getCurrentUser()`', ['access-1']),
    unsupported('loginByAd', ['username', 'password'], 'the AD connector\'s websocket host is out of a mini ' +
      'program\'s reach; use `loginByLdap` or the hosted login page', ['alice', 'secret']),
  ],
};
