'use strict';
// What docs/api.md says once, before the methods: the constructor and its
// options, the events, and the errors every method can give.

const OPTIONS = [
  ['userPoolId', '—', 'your user pool; `userPoolId` or `appId` is required'],
  ['appId', '—', 'your application, sent as `x-authing-app-id`; `logout` sends it too'],
  ['host', '`https://core.authing.cn`', 'Authing\'s base URL'],
  ['appHost', '—', 'your application\'s Authing domain; when set, every request goes there (and ' +
    '`buildAuthorizeUrl` / `buildLogoutUrl` need it)'],
  ['timeout', '`10000`', 'milliseconds, passed to `wx.request` (1 to 600000)'],
  ['onError', '—', '`(code, message, data) => void`, called once for every failed call, before it rejects'],
  ['token', '—', 'a token to use (and store) instead of the stored one, written at the first call'],
  ['accessToken', '—', 'the same as `token`, as v4\'s documentation names it'],
  ['lang', '—', 'sent as `x-authing-lang`; `en-*` also makes the SDK\'s own messages English'],
  ['publicKey', '—', 'your user pool\'s RSA public key (PEM); without it the SDK fetches it once from ' +
    '`/api/v2/.well-known`'],
  ['encryptFunction', '—', '`(plainText, publicKey) => string | Promise<string>`: encrypts passwords your own way ' +
    '(needed before base library 2.15.0)'],
  ['protocol', '`"oidc"`', '`oidc`, `oauth`, `saml` or `cas`: the hosted page\'s URLs'],
  ['redirectUri', '—', 'the default `redirect_uri` of `buildAuthorizeUrl`'],
  ['extIdpConnidentifier', '—', 'your WeChat Mini Program identity source\'s identifier (console: Connections → ' +
    'Social Identity Source → WeChat Mini Program); needed for the phone `code` of `getPhoneNumber`'],
  ['wasmPath', '`/miniprogram_npm/authing-wxapp-sdk/authing-core.wasm.br`', 'where the wasm is when Build npm ' +
    'did not put it there (an independent sub-package, Taro, uni-app: [frameworks.md](frameworks.md)); `.wasm.br` or `.wasm`'],
];

const CONSTRUCTOR = [
  'The constructor is synchronous, as in v4. It checks the options at once and throws an `AuthingError` ' +
    '(`argument`, `INVALID_OPTIONS`) when they are unusable: no `userPoolId` or `appId`, a base URL that is not ' +
    '`https` (loopback addresses such as `http://127.0.0.1:3000` are allowed for development), control ' +
    'characters in a string option, a `timeout` out of range, an unknown `protocol`.',
  'Clients built with the same options share one session: a client made in every page sees a login made in any ' +
    'of them. The base URL is `appHost` if given, else `host`; a trailing `/` is removed.',
];

// Every loginStateChange reason, in the order a session meets them.
const REASONS = [
  ['login', 'a login, `setToken` or `setCurrentUser`'],
  ['refresh', 'the token was refreshed (by `refreshToken()` or by the SDK near expiry)'],
  ['logout', '`logout()`'],
  ['expired', 'the server refused the session\'s token (`2206`, `2207`, or `2020` to a call that carried it): ' +
    'both keys are removed'],
  ['storage', 'the page changed wx storage: cleared it (`wx.clearStorageSync()`), removed the token, or wrote ' +
    'another session under v4\'s keys'],
];

const EVENTS = [
  {
    name: 'loginStateChange',
    payload: '{loggedIn, reason, userId}',
    does: 'The session began, changed or ended. `userId` is the session user\'s id, or `null` when logged out. ' +
      'It fires once per change, whichever client\'s call caused it.',
  },
  {
    name: 'storageError',
    payload: '{key, errMsg}',
    does: 'wx storage refused to write `key` (storage full). The call that wrote still succeeds and the session ' +
      'stays valid in memory; half a session is never left stored. Without a listener the SDK logs a warning.',
  },
];

// The errors any method can give; each method lists only its own beyond these.
const COMMON_ERRORS = [
  ['network', 'NETWORK_ERROR, REQUEST_INTERRUPTED', '`wx.request` failed (no connection, a domain not on the ' +
    'request list), or the app went to the background mid-request'],
  ['timeout', 'TIMEOUT', 'no answer within the `timeout` option'],
  ['http', 'HTTP_ERROR, BAD_RESPONSE, RESPONSE_TOO_LARGE', 'an error page instead of Authing\'s answer; an ' +
    'answer that is not the shape Authing answers with; an answer over 2 MB'],
  ['api', 'Authing\'s number, GRAPHQL_ERROR', 'Authing refused the call (its `code` and `message`)'],
  ['session', '2020, 2206, 2207', 'the method needs a session and there is none, or the server refused the ' +
    'token (the session then ends)'],
  ['session', 'SESSION_SUPERSEDED', 'a method that logs in (one whose answer becomes the session) was overtaken ' +
    'by a `logout()` or a later-started login: it stores nothing'],
  ['wechat, argument, api', 'RANDOM_UNAVAILABLE, ENCRYPT_FAILED, PUBLIC_KEY_UNAVAILABLE', 'a method that sends ' +
    'a password encrypted: no `wx.getRandomValues` (base library before 2.15.0: pass the `encryptFunction` ' +
    'option); your `encryptFunction` threw or gave no text; the `publicKey` option is not an RSA public key'],
  ['argument', 'INVALID_ARGUMENT', 'an argument is unusable; nothing is sent'],
  ['storage', 'STORAGE_ERROR', 'wx storage could not be read'],
  ['runtime', 'WASM_LOAD_FAILED, INTERNAL_ERROR', 'the wasm could not load (run Build npm again, or set ' +
    '`wasmPath`), or a bug in the SDK'],
];

module.exports = { OPTIONS, CONSTRUCTOR, REASONS, EVENTS, COMMON_ERRORS };
