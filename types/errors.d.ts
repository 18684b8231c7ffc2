// AuthingError: the only thing a method of the client rejects with, and what
// the constructor and the synchronous methods throw.
//
// `kind` and `code` come in fixed pairs: the core (wasm/src/error.cpp and the
// places that build errors) and the shim (js/driver.js, js/client.js,
// js/options.js, js/hosted.js, js/errors.js) give each code with one kind
// only, so checking `kind` narrows `code`, and checking a string `code`
// narrows `kind`.

/**
 * Authing's numbers for a session that is missing or over. With kind `session` when the call
 * needed the session (the SDK found none, or the server refused the session's token); a call
 * made with another token gets them with kind `api`.
 *
 * - `2020`: not logged in
 * - `2206`: the login has expired
 * - `2207`: the token is not valid
 */
export type SessionErrorCode = 2020 | 2206 | 2207;

/**
 * WeChat's refusals of a login that Authing relays, with kind `wechat` (other numbers come with
 * kind `api`). The SDK retries 40029 and 40163 once with a fresh `wx.login` code and -1 once after
 * a pause; what reaches the caller is the last answer.
 *
 * - `40029`: the `wx.login` code is not valid
 * - `40163`: the `wx.login` code was already used
 * - `45011`: too many logins for this user in the last minute
 * - `40226`: WeChat blocked the user as high-risk
 * - `-1`: WeChat's system is busy
 */
export type WechatErrorCode = 40029 | 40163 | 45011 | 40226 | -1;

/** The codes that come with each kind. */
export interface AuthingErrorCodes {
  /**
   * `wx.request` failed before an answer (`NETWORK_ERROR`); WeChat cut the request because the app
   * went to the background (`REQUEST_INTERRUPTED`: call again once it is in front); `wx.uploadFile`
   * failed (`UPLOAD_FAILED`).
   */
  network: 'NETWORK_ERROR' | 'REQUEST_INTERRUPTED' | 'UPLOAD_FAILED';
  /** No answer within the `timeout` option (or a `wx.*` call that reported a timeout). */
  timeout: 'TIMEOUT';
  /**
   * An HTTP status outside 2xx without Authing's envelope (`HTTP_ERROR`, with `statusCode`); an
   * answer that is not JSON or not the shape Authing answers with (`BAD_RESPONSE`); an answer over
   * 2 MB, refused unread (`RESPONSE_TOO_LARGE`).
   */
  http: 'HTTP_ERROR' | 'BAD_RESPONSE' | 'RESPONSE_TOO_LARGE';
  /**
   * Authing's own number (`2004` user not found, `2006` wrong password, ...), also in `apiCode`; a
   * GraphQL error without a number (`GRAPHQL_ERROR`); the `publicKey` option is not an RSA public
   * key (`PUBLIC_KEY_UNAVAILABLE`).
   */
  api: number | 'GRAPHQL_ERROR' | 'PUBLIC_KEY_UNAVAILABLE';
  /**
   * WeChat refused the login ({@link WechatErrorCode}, also in `apiCode`); `wx.login` failed
   * (`WX_LOGIN_FAILED`); no secure random source for a password's encryption, on base libraries
   * before 2.15.0 (`RANDOM_UNAVAILABLE`: pass the `encryptFunction` option there); the user
   * cancelled the image choice or `wx.chooseMedia` failed (`CHOOSE_IMAGE_FAILED`).
   */
  wechat: WechatErrorCode | 'WX_LOGIN_FAILED' | 'RANDOM_UNAVAILABLE' | 'CHOOSE_IMAGE_FAILED';
  /**
   * The user has not accepted the mini program's privacy terms, errno 104
   * (`PRIVACY_NOT_AUTHORIZED`); the API is missing from the mini program's 用户隐私保护指引, errno 112
   * (`PRIVACY_API_NOT_DECLARED`: declare it in the admin console).
   */
  privacy: 'PRIVACY_NOT_AUTHORIZED' | 'PRIVACY_API_NOT_DECLARED';
  /** wx storage could not be read. */
  storage: 'STORAGE_ERROR';
  /**
   * A call's arguments are unusable (`INVALID_ARGUMENT`); the client options are unusable, thrown by
   * the constructor (`INVALID_OPTIONS`); the core has no such operation, which the client's own
   * methods never meet (`UNKNOWN_OPERATION`); the `encryptFunction` option threw, rejected or
   * returned no text, or a password is too long for the key (`ENCRYPT_FAILED`).
   */
  argument: 'INVALID_ARGUMENT' | 'INVALID_OPTIONS' | 'UNKNOWN_OPERATION' | 'ENCRYPT_FAILED';
  /**
   * The call needs a session and there is none, or the server ended it ({@link SessionErrorCode});
   * a logout or a later-started login took the place of the session this login would have made
   * (`SESSION_SUPERSEDED`).
   */
  session: SessionErrorCode | 'SESSION_SUPERSEDED';
  /** A v4 method a mini program must not call (it needs the app secret, a browser login, or the AD connector). */
  unsupported: 'UNSUPPORTED_IN_MINIPROGRAM';
  /**
   * The wasm could not load (`WASM_LOAD_FAILED`: run Build npm again, or check the `wasmPath`
   * option); a bug of the SDK (`INTERNAL_ERROR`); an `AuthingError` built without a code
   * (`UNKNOWN`, never from the SDK itself).
   */
  runtime: 'WASM_LOAD_FAILED' | 'INTERNAL_ERROR' | 'UNKNOWN';
}

/** What went wrong, for program logic. */
export type AuthingErrorKind = keyof AuthingErrorCodes;

/**
 * Every code an `AuthingError` (and `onError`) can carry: Authing's or WeChat's number when the
 * server gave one, else the SDK's own string.
 */
export type AuthingErrorCode = AuthingErrorCodes[AuthingErrorKind];

/** The SDK's own codes, the strings of {@link AuthingErrorCode}. */
export type AuthingSdkErrorCode = Extract<AuthingErrorCode, string>;

/** A kind with one of its codes; one member per kind. */
export type AuthingErrorCause = {
  [Kind in AuthingErrorKind]: { readonly kind: Kind; readonly code: AuthingErrorCodes[Kind] };
}[AuthingErrorKind];

/** The fields every `AuthingError` has, whatever its kind. */
export interface AuthingErrorFields extends Error {
  readonly name: 'AuthingError';
  /** The server's message, or the SDK's (Chinese, or English with an `en-*` `lang` option). */
  readonly message: string;
  /** The server's `data`, or `null`. */
  readonly data: unknown;
  /** The HTTP status, when an HTTP answer came back. */
  readonly statusCode?: number;
  /** Authing's (or WeChat's) number, when the server gave one; then it is `code` too. */
  readonly apiCode?: number;
  /** Authing's request id, when the answer carried one. */
  readonly requestId?: string;
}

/**
 * An error of the SDK (`error instanceof AuthingError`). Check `kind` for program logic; `code`
 * then holds one of that kind's codes.
 *
 * ```ts
 * try {
 *   await authing.updateProfile({ nickname: 'Bob' });
 * } catch (error) {
 *   if (!(error instanceof AuthingError)) throw error;
 *   if (error.kind === 'session') return goToLogin();  // error.code: 2020 | 2206 | 2207 | 'SESSION_SUPERSEDED'
 *   wx.showToast({ title: error.message, icon: 'none' });
 * }
 * ```
 */
export type AuthingError = AuthingErrorFields & AuthingErrorCause;

/**
 * What `new AuthingError(fields)` copies. Without `kind` and `code` the error is of kind `runtime`,
 * code `UNKNOWN`; a `kind` needs a `code` of its own (and the other way round), except `runtime`.
 */
export type AuthingErrorInit = {
  message?: string;
  data?: unknown;
  statusCode?: number;
  apiCode?: number;
  requestId?: string;
} & (AuthingErrorCause | { kind?: 'runtime'; code?: AuthingErrorCodes['runtime'] });

/**
 * `AuthingError` as a value: for `instanceof`, and for building one (tests of your own error
 * handling). It is a plain constructor function (an `Error` whose prototype is
 * `AuthingError.prototype`), so it cannot be subclassed with `extends`.
 */
export interface AuthingErrorConstructor {
  new (fields?: AuthingErrorInit): AuthingError;
  readonly prototype: AuthingError;
}

export declare const AuthingError: AuthingErrorConstructor;
