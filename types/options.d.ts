// The client options: README's Options table, checked by js/options.js when the
// client is built and again by the core (wasm/src/config.cpp).

import type { AuthingErrorCode } from './errors';

/**
 * Encrypts a password instead of the SDK's RSA (v4's option): `plainText` is the password,
 * `publicKey` the user pool's key (PEM). Return the text Authing should receive.
 */
export type EncryptFunction = (plainText: string, publicKey: string) => string | Promise<string>;

/** Every option of the client, each one optional; {@link AuthenticationClientOptions} requires `userPoolId` or `appId`. */
export interface AuthenticationClientOptionsBase {
  /** Your user pool's id (Authing console). `userPoolId` or `appId` is required. */
  userPoolId?: string;
  /** Your application's id, sent as `x-authing-app-id`; `logout` names it to the server. `userPoolId` or `appId` is required. */
  appId?: string;
  /**
   * Authing's base URL. Default `https://core.authing.cn`. It must be `https`, except loopback
   * addresses (`127.0.0.0/8`, `localhost`, `[::1]`) for development; a trailing `/` is removed.
   */
  host?: string;
  /** Your application's own Authing domain (for example `https://your-app.authing.cn`); when set it is used for every request instead of `host`, and the hosted login page's URLs need it. */
  appHost?: string;
  /** Milliseconds a request may take, passed to `wx.request`: 1 to 600000. Default 10000. */
  timeout?: number;
  /**
   * Called once for every failed call, just before its promise rejects, with the `AuthingError`'s
   * `code`, `message` and `data`.
   *
   * Declared as a method so that a v4 handler typed `(code: number, message: string) => void`
   * still fits; `code` is a string for the SDK's own errors, though.
   */
  onError?(code: AuthingErrorCode, message: string, data: unknown): void;
  /** A token to use (and store) instead of the stored one, for example one your server issued. */
  token?: string;
  /** The same as `token`, the name v4's documentation used; `token` wins when both are given. */
  accessToken?: string;
  /** Sent as `x-authing-lang` (for example `zh-CN`, `en-US`); `en-*` also makes the SDK's own messages English. */
  lang?: string;
  /** Your user pool's RSA public key (PEM); without it the SDK fetches it once from `/api/v2/.well-known`. */
  publicKey?: string;
  /** Encrypts passwords your own way instead of the SDK (for example on base libraries without `wx.getRandomValues`). */
  encryptFunction?: EncryptFunction;
  /** The protocol of the hosted login page's URLs (`buildAuthorizeUrl`, `buildLogoutUrl`). Default `oidc`. */
  protocol?: 'oidc' | 'oauth' | 'saml' | 'cas';
  /** The default `redirect_uri` of `buildAuthorizeUrl`. */
  redirectUri?: string;
  /**
   * Your WeChat Mini Program identity source's identifier (Authing console: Connections → Social
   * Identity Source → WeChat Mini Program). `loginByPhone` and `getPhone` need it for the phone
   * `code` of `<button open-type="getPhoneNumber">`.
   */
  extIdpConnidentifier?: string;
  /**
   * Where the wasm is inside the code package, when Build npm put the package elsewhere (sub-packages,
   * custom npm layouts): a `.wasm.br` or `.wasm` file. Default
   * `/miniprogram_npm/authing-wxapp-sdk/authing-core.wasm.br`.
   */
  wasmPath?: string;
}

/**
 * The options of `new AuthenticationClient(options)`, with `userPoolId` or `appId`. An unusable
 * option (a wrong type, control characters, a plain-http host off loopback, a timeout out of
 * range) makes the constructor throw an `AuthingError` of kind `argument`, code
 * `INVALID_OPTIONS`. Clients built with the same options share one session.
 */
export type AuthenticationClientOptions = AuthenticationClientOptionsBase & ({ userPoolId: string } | { appId: string });
