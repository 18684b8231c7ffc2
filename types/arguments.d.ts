// The client's method arguments that are objects or fixed strings, as the
// core reads them (wasm/src/operations/*.cpp; login_input.cpp for the options
// every login and registration shares) and hosted.js for the URL builders.

import type { ResourceType } from './results';

/**
 * `loginByCode`'s second argument: what `wx.getUserInfo` / `wx.getUserProfile` gave, either the
 * encrypted form (sealed with the session of the same `wx.login` code) or the raw one.
 */
export type LoginByCodeOptions =
  | { iv: string; encryptedData: string; rawData?: undefined }
  | { rawData: string; iv?: undefined; encryptedData?: undefined };

/**
 * What `<button open-type="getPhoneNumber">` hands the page (`e.detail`), as `loginByPhone` and
 * `getPhone` read it: its phone `code` (base library 2.21.2+, preferred; needs the
 * `extIdpConnidentifier` option), else `iv` and `encryptedData` (sealed with the session of a
 * `wx.login` made before the tap). Without either, the user declined.
 */
export interface PhoneNumberDetail {
  code?: string;
  iv?: string;
  encryptedData?: string;
  errMsg?: string;
}

/** What `sendEmail` sends: a reset-password code, an email verification, a change-email code, an MFA code. */
export type EmailScene = 'RESET_PASSWORD' | 'VERIFY_EMAIL' | 'CHANGE_EMAIL' | 'MFA_VERIFY';

/**
 * What every login and registration may add to its input, as v4 sends it. The objects are
 * `{[key: string]: any}`, as in v4, so that a value typed by an interface fits.
 */
export interface ExtraInputOptions {
  /** The end user's IP, when the call is made on their behalf. */
  clientIp?: string;
  /** Written into the user's custom fields (key: value). */
  customData?: { [key: string]: any };
  /** @deprecated v4's older form of `customData`; ignored when `customData` is given. */
  params?: Array<{ key: string; value: unknown }>;
  /** Passed to the user pool's pipeline. */
  context?: { [key: string]: any };
}

/** The options of `loginByEmail`, `loginByUsername` and `loginByPhonePassword`. */
export interface LoginOptions extends ExtraInputOptions {
  /** Create the account when it does not exist. Default false. */
  autoRegister?: boolean;
  /** The picture captcha, after Authing asked for one (code 2000). */
  captchaCode?: string;
}

/** The options of `loginByPhoneCode`. */
export type LoginByPhoneCodeOptions = ExtraInputOptions;

/** The options of `loginBySubAccount`. */
export interface LoginBySubAccountOptions {
  captchaCode?: string;
  clientIp?: string;
}

/** The options of `registerByEmail`, `registerByUsername` and `registerByPhoneCode`. */
export interface RegisterOptions extends ExtraInputOptions {
  /** Log the new user in (a full login: pipelines, webhooks, login count); the answer carries a token and becomes the session. Default false. */
  forceLogin?: boolean;
  /** Issue the new user a token without a full login; the answer becomes the session. Default false. */
  generateToken?: boolean;
}

export interface LinkAccountOptions {
  /** The token of the main account (a phone or email login). */
  primaryUserToken: string;
  /** The token of the social account to join to it. */
  secondaryUserToken: string;
}

export interface UnLinkAccountOptions {
  /** The token of the main account. */
  primaryUserToken: string;
  /** The social provider to take off it, for example `wechat:miniprogram:default`. */
  provider: string;
}

/**
 * A custom field's value for `setUdv`, sent as JSON text: anything `JSON.stringify` encodes, but
 * not `undefined` (refused before sending, as v4 would have sent no value at all).
 */
export type UdvValue = {} | null;

export interface ListAuthorizedResourcesOptions {
  resourceType?: ResourceType;
}

export interface ListApplicationsParams {
  /** A positive integer. Default 1. */
  page?: number;
  /** A positive integer. Default 10. */
  limit?: number;
}

export interface UpdateAvatarOptions {
  /** The image `<button open-type="chooseAvatar">` gave the page (`e.detail.avatarUrl`); without it the user picks one with `wx.chooseMedia`. */
  filePath?: string;
}

/**
 * `buildAuthorizeUrl`'s options; each one given replaces the default. `nonce` and `responseMode`
 * are OIDC's, `service` is CAS's; SAML URLs take none.
 */
export interface AuthorizeUrlOptions {
  /** Default: the `appId` option. */
  appId?: string;
  /** Default `openid profile email phone address` (OIDC), `user` (OAuth); with `offline_access` the page asks for consent. */
  scope?: string;
  /** Default: random digits. */
  state?: string;
  /** Default: random digits. */
  nonce?: string;
  /** Default `query`. */
  responseMode?: 'query' | 'fragment' | 'form_post';
  /** Default `code`. */
  responseType?: string;
  /** Default: the `redirectUri` option. */
  redirectUri?: string;
  service?: string;
}

/**
 * `buildLogoutUrl`'s options. OIDC's `expert` form ends the OIDC session: with both `idToken` and
 * `redirectUri`, or with neither.
 */
export type LogoutUrlOptions =
  | { expert?: false; redirectUri?: string }
  | { expert: true; idToken: string; redirectUri: string }
  | { expert: true; idToken?: undefined; redirectUri?: undefined };
