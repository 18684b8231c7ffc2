// Types of authing-wxapp-sdk. Methods and options match the v4 package of the
// same name; every method rejects only with AuthingError.

export interface AuthenticationClientOptions {
  /** Your user pool id (Authing console). userPoolId or appId is required. */
  userPoolId?: string;
  /** Your application id, sent as x-authing-app-id and used by logout. */
  appId?: string;
  /** Authing base URL. Default https://core.authing.cn. https only, except loopback addresses. */
  host?: string;
  /** Your application's own Authing domain; wins over host for every request. */
  appHost?: string;
  /** Request timeout in milliseconds, passed to wx.request. Default 10000. */
  timeout?: number;
  /** Called once for every failed call, before its promise rejects. */
  onError?: (code: number | string, message: string, data?: unknown) => void;
  /** A token to use (and store) instead of the stored one. */
  token?: string;
  /** Alias of token, as the v4 documentation names it. */
  accessToken?: string;
  /** Sent as x-authing-lang (for example "zh-CN", "en-US"); "en-*" also makes the SDK's own messages English. */
  lang?: string;
  /** Path of authing-core.wasm.br (or an uncompressed .wasm) inside the code package, when Build npm put the package somewhere else. */
  wasmPath?: string;
  /** The user pool's RSA public key (PEM); without it the SDK fetches it once from /api/v2/.well-known. */
  publicKey?: string;
  /** Encrypts passwords your own way instead of the SDK's RSA (for example on base libraries without wx.getRandomValues). */
  encryptFunction?: (plainText: string, publicKey: string) => string | Promise<string>;
  /** Protocol of the hosted login page URLs (buildAuthorizeUrl, buildLogoutUrl). Default "oidc". */
  protocol?: 'oidc' | 'oauth' | 'saml' | 'cas';
  /** Default redirect_uri of buildAuthorizeUrl. */
  redirectUri?: string;
  /**
   * The WeChat Mini Program identity source's identifier (Authing console: Connections > Social Identity
   * Source > WeChat Mini Program). Needed by getPhone / loginByPhone with a getPhoneNumber phone code.
   */
  extIdpConnidentifier?: string;
}

export type AuthingErrorKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'api'
  | 'wechat'
  | 'privacy'
  | 'storage'
  | 'argument'
  | 'session'
  | 'unsupported'
  | 'runtime';

export declare class AuthingError extends Error {
  readonly name: 'AuthingError';
  /** Authing's or WeChat's number when the server gave one (2004, 2206, 40163, ...), else the SDK's code. */
  readonly code:
    | number
    | 'NETWORK_ERROR'
    | 'TIMEOUT'
    | 'HTTP_ERROR'
    | 'BAD_RESPONSE'
    | 'RESPONSE_TOO_LARGE'
    | 'GRAPHQL_ERROR'
    | 'WX_LOGIN_FAILED'
    | 'PRIVACY_NOT_AUTHORIZED'
    | 'PRIVACY_API_NOT_DECLARED'
    | 'REQUEST_INTERRUPTED'
    | 'STORAGE_ERROR'
    | 'SESSION_SUPERSEDED'
    | 'INVALID_ARGUMENT'
    | 'INVALID_OPTIONS'
    | 'UNKNOWN_OPERATION'
    | 'WASM_LOAD_FAILED'
    | 'INTERNAL_ERROR'
    | 'UNSUPPORTED_IN_MINIPROGRAM'
    | 'RANDOM_UNAVAILABLE'
    | 'ENCRYPT_FAILED'
    | 'PUBLIC_KEY_UNAVAILABLE'
    | 'CHOOSE_IMAGE_FAILED'
    | 'UPLOAD_FAILED'
    | (string & {});
  readonly kind: AuthingErrorKind;
  readonly data: unknown;
  /** The HTTP status, when an HTTP answer came back. */
  readonly statusCode?: number;
  /** Authing's (or WeChat's) error code, when the server gave one. */
  readonly apiCode?: number;
  readonly requestId?: string;
}

export interface Identity {
  openid?: string | null;
  userIdInIdp?: string | null;
  userId?: string | null;
  connectionId?: string | null;
  isSocial?: boolean | null;
  provider?: string | null;
  userPoolId?: string | null;
}

export interface User {
  id: string;
  arn?: string | null;
  status?: string | null;
  userPoolId?: string | null;
  username?: string | null;
  email?: string | null;
  emailVerified?: boolean | null;
  phone?: string | null;
  phoneVerified?: boolean | null;
  unionid?: string | null;
  openid?: string | null;
  nickname?: string | null;
  registerSource?: string[] | null;
  photo?: string | null;
  oauth?: string | null;
  token?: string | null;
  tokenExpiredAt?: string | null;
  loginsCount?: number | null;
  lastLogin?: string | null;
  lastIP?: string | null;
  signedUp?: string | null;
  blocked?: boolean | null;
  isDeleted?: boolean | null;
  gender?: string | null;
  company?: string | null;
  name?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  profile?: string | null;
  preferredUsername?: string | null;
  website?: string | null;
  birthdate?: string | null;
  zoneinfo?: string | null;
  locale?: string | null;
  address?: string | null;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  city?: string | null;
  province?: string | null;
  country?: string | null;
  device?: string | null;
  browser?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
  externalId?: string | null;
  identities?: Identity[];
  [field: string]: unknown;
}

export interface UpdateProfileInput {
  username?: string;
  nickname?: string;
  photo?: string;
  company?: string;
  browser?: string;
  device?: string;
  lastIP?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  middleName?: string;
  profile?: string;
  preferredUsername?: string;
  website?: string;
  gender?: 'M' | 'F' | 'U';
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  address?: string;
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  city?: string;
  province?: string;
  country?: string;
  externalId?: string;
}

export interface LoginByCodeOptions {
  /** From wx.getUserInfo / getUserProfile, with encryptedData. */
  iv?: string;
  encryptedData?: string;
  /** From wx.getUserInfo, instead of iv/encryptedData. */
  rawData?: string;
}

/**
 * What <button open-type="getPhoneNumber"> hands the page (e.detail). Its `code` (base library 2.21.2+) is
 * preferred and needs the extIdpConnidentifier option; else iv + encryptedData, sealed with the session
 * of a wx.login made before the tap.
 */
export interface PhoneNumberDetail {
  code?: string;
  iv?: string;
  encryptedData?: string;
  errMsg?: string;
  [field: string]: unknown;
}

export interface PhoneInfo {
  countryCode: string;
  phoneNumber: string;
  purePhoneNumber: string;
  openid?: string;
  unionid?: string;
  [field: string]: unknown;
}

export interface LoginStatus {
  code: number;
  message: string;
  status: boolean;
  exp: number | null;
  iat: number | null;
  data: { id: string; userPoolId: string; arn: string } | null;
}

export interface RefreshedToken {
  token: string;
  iat: number;
  exp: number;
}

// ---- Codes, password and code logins, registration: types

/** Authing's answer to a request that returns no data. */
export interface CommonMessage {
  code: number;
  message: string;
}

/** What sendEmail sends: a reset-password code, an email verification, a change-email code, an MFA code. */
export type EmailScene = 'RESET_PASSWORD' | 'VERIFY_EMAIL' | 'CHANGE_EMAIL' | 'MFA_VERIFY';

/** What a login or register writes into the user's custom fields (key: value). */
export interface CustomData {
  [key: string]: unknown;
}

/** What every login and register call may add to its input, as v4 sends it. */
export interface ExtraInputOptions {
  /** The end user's IP, when the call is made on their behalf. */
  clientIp?: string;
  /** Written into the user's custom fields (sent as params). */
  customData?: CustomData;
  /** @deprecated v4's older form of customData. */
  params?: Array<{ key: string; value: unknown }>;
  /** Passed to the user pool's pipeline. */
  context?: { [key: string]: unknown };
}

export interface LoginOptions extends ExtraInputOptions {
  /** Create the account when it does not exist. Default false. */
  autoRegister?: boolean;
  /** The picture captcha, after Authing asked for one (code 2000). */
  captchaCode?: string;
}

export type LoginByPhoneCodeOptions = ExtraInputOptions;

export interface LoginBySubAccountOptions {
  captchaCode?: string;
  clientIp?: string;
}

export interface RegisterProfile {
  ip?: string;
  oauth?: string;
  username?: string;
  nickname?: string;
  company?: string;
  photo?: string;
  device?: string;
  browser?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  middleName?: string;
  profile?: string;
  preferredUsername?: string;
  website?: string;
  gender?: string;
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  address?: string;
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  /** Custom fields, each value as JSON text. */
  udf?: Array<{ key: string; value: string }>;
}

export interface RegisterOptions extends ExtraInputOptions {
  /** Log the new user in (a full login: pipelines, webhooks, login count); the answer carries a token. Default false. */
  forceLogin?: boolean;
  /** Issue the new user a token without a full login. Default false. */
  generateToken?: boolean;
}

// ---- Passwords, phone and email binding, linked accounts: types

export interface CheckPasswordStrengthResult {
  valid: boolean;
  message: string;
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
  /** The social provider to take off it, for example 'wechat:miniprogram:default'. */
  provider: string;
}

// ---- Custom data, authorization and account: types

export type UdfDataType = 'STRING' | 'NUMBER' | 'DATETIME' | 'BOOLEAN' | 'OBJECT';

export interface UserDefinedData {
  key: string;
  dataType: UdfDataType;
  /** NUMBER, BOOLEAN and OBJECT values parsed from their JSON text, DATETIME values as Date; text that does not parse stays text. */
  value: any;
  label?: string | null;
}

/** Custom data as one object: each key's value, converted as UserDefinedData's. */
export interface KeyValuePair {
  [key: string]: any;
}

export interface SecurityLevel {
  email: boolean;
  mfa: boolean;
  password: boolean;
  phone: boolean;
  /** 1 (low) to 3 (high); null without a password. */
  passwordSecurityLevel: 1 | 2 | 3 | null;
  score: number;
}

export type ResourceType = 'DATA' | 'API' | 'MENU' | 'UI' | 'BUTTON';

export interface ListAuthorizedResourcesOptions {
  resourceType?: ResourceType | (string & {});
}

/** Members the server left empty (null, false, 0, "") are absent. */
export interface AuthorizedResource {
  code: string;
  type?: ResourceType | (string & {});
  actions?: string[];
}

export interface PaginatedAuthorizedResources {
  list: AuthorizedResource[];
  totalCount: number;
}

/** A node of an organization: the organization itself (type 'org') or a department ('node'). */
export interface OrgNode {
  type?: 'org' | 'node' | (string & {});
  id: string;
  orgId?: string | null;
  name: string;
  nameEn?: string | null;
  description?: string | null;
  code?: string | null;
  root?: boolean;
  depth?: number;
  [field: string]: unknown;
}

/** Each organization of the user as the path of nodes from the organization down to the user's department. */
export type UserOrgList = OrgNode[][];

export interface ListApplicationsParams {
  /** Default 1. */
  page?: number;
  /** Default 10. */
  limit?: number;
}

export interface ApplicationPublicDetail {
  id: string;
  createdAt: string;
  updatedAt: string;
  name: string;
  logo: string;
  domain?: string;
  description: string;
  protocol: string;
  [field: string]: unknown;
}

export interface PaginatedApplications {
  totalCount: number;
  list: ApplicationPublicDetail[];
}

export interface RoleSummary {
  code: string;
  namespace: string;
  arn: string;
  description?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export interface Role extends RoleSummary {
  parent?: RoleSummary | null;
}

export interface PaginatedRoles {
  totalCount: number;
  list: Role[];
}

// ---- Local session helpers, hosted login page: types

export interface UpdateAvatarOptions {
  /** The avatar <button open-type="chooseAvatar"> handed the page (e.detail.avatarUrl); without it the user picks an image. */
  filePath?: string;
}

/** 1 low, 2 middle, 3 high. */
export type PasswordSecurityLevel = 1 | 2 | 3;

export interface AuthorizeUrlOptions {
  appId?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  responseMode?: 'query' | 'fragment' | 'form_post';
  responseType?: string;
  redirectUri?: string;
  /** CAS only. */
  service?: string;
}

export interface LogoutUrlOptions {
  /** OIDC: end the OIDC session (with idToken and redirectUri, or neither). */
  expert?: boolean;
  idToken?: string;
  redirectUri?: string;
}

export interface LoginStateChange {
  loggedIn: boolean;
  /** `storage`: the page changed the session in wx storage (cleared it, or wrote v4's keys). */
  reason: 'login' | 'refresh' | 'logout' | 'expired' | 'storage';
  userId: string | null;
}

export interface StorageErrorEvent {
  key: string;
  errMsg: string;
}

export declare class AuthenticationClient {
  /** @throws {AuthingError} kind 'argument', code 'INVALID_OPTIONS', when the options are unusable. */
  constructor(options: AuthenticationClientOptions);
  readonly options: AuthenticationClientOptions;

  /** Silent login with a wx.login code; without a code the SDK calls wx.login itself. Stores the session. */
  loginByCode(code?: string, options?: LoginByCodeOptions): Promise<User>;
  /** Login with the phone number from <button open-type="getPhoneNumber"> (code from a wx.login made before the tap). */
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<User>;
  /**
   * The same with the button's e.detail. With its phone code the wx.login code is optional (the SDK calls
   * wx.login itself) and Authing's v3 signin-by-mobile is used; the session is stored as v4's is.
   */
  loginByPhone(code: string | null | undefined, detail: PhoneNumberDetail): Promise<User>;
  loginByPhone(detail: PhoneNumberDetail): Promise<User>;
  /** The phone number, without logging in (v4's iv + encryptedData). */
  getPhone(code: string, iv: string, encryptedData: string): Promise<PhoneInfo>;
  /** The same with the button's e.detail; a phone code needs no wx.login code. */
  getPhone(code: string | null | undefined, detail: PhoneNumberDetail): Promise<PhoneInfo>;
  getPhone(detail: PhoneNumberDetail): Promise<PhoneInfo>;
  /** Needs a session. Uploads the image (given, or chosen with wx.chooseMedia) and makes it the profile photo. */
  updateAvatar(options?: UpdateAvatarOptions): Promise<User>;
  /** Needs a session. Never sends a password. */
  updateProfile(updates: UpdateProfileInput): Promise<User>;
  /** The logged-in user, or null when there is no valid session. */
  getCurrentUser(): Promise<User | null>;
  /** Asks the server about the session's token (or the given one); never rejects for an invalid token. */
  checkLoginStatus(token?: string): Promise<LoginStatus>;
  /** Exchanges the session's token for a fresh one. The SDK also does this by itself near expiry. */
  refreshToken(): Promise<RefreshedToken>;
  /** Ends the session on this device (always) and on the server (when reachable). */
  logout(): Promise<void>;

  // ---- Codes, password and code logins, registration
  /** Sends a verification code by SMS (for loginByPhoneCode, registerByPhoneCode, ...). Resolves {code, message}. */
  sendSmsCode(phone: string, phoneCountryCode?: string): Promise<CommonMessage>;
  /** Sends an email for one of the scenes; rejects any other scene with an argument error. */
  sendEmail(email: string, scene: EmailScene): Promise<CommonMessage>;
  /** Password login by email (the password goes out RSA-encrypted). Stores the session. */
  loginByEmail(email: string, password: string, options?: LoginOptions): Promise<User>;
  /** Password login by username (the password goes out RSA-encrypted). Stores the session. */
  loginByUsername(username: string, password: string, options?: LoginOptions): Promise<User>;
  /** Password login by phone number (the password goes out RSA-encrypted). Stores the session. */
  loginByPhonePassword(phone: string, password: string, options?: LoginOptions): Promise<User>;
  /** Login with a code from sendSmsCode; the server registers a phone it does not know. Stores the session. */
  loginByPhoneCode(phone: string, code: string, options?: LoginByPhoneCodeOptions): Promise<User>;
  /** Login as a sub-account (the password goes out RSA-encrypted). Stores the session. */
  loginBySubAccount(account: string, password: string, options?: LoginBySubAccountOptions): Promise<User>;
  /** Login against the user pool's LDAP directory; the password goes in plain text over HTTPS, as in v4. Stores the session. */
  loginByLdap(username: string, password: string): Promise<User>;
  /** Creates a user; the answer becomes the session only with forceLogin or generateToken (it then carries a token). */
  registerByEmail(email: string, password: string, profile?: RegisterProfile, options?: RegisterOptions): Promise<User>;
  /** Creates a user; the answer becomes the session only with forceLogin or generateToken (it then carries a token). */
  registerByUsername(username: string, password: string, profile?: RegisterProfile, options?: RegisterOptions): Promise<User>;
  /** Creates a user with a phone proven by a sendSmsCode code, and a first password when given; a session only with forceLogin or generateToken. */
  registerByPhoneCode(phone: string, code: string, password?: string, profile?: RegisterProfile, options?: RegisterOptions): Promise<User>;

  // ---- Passwords, phone and email binding, linked accounts
  /** Whether the user pool's password rule accepts the password; sends it in plain text, as v4 does. */
  checkPasswordStrength(password: string): Promise<CheckPasswordStrengthResult>;
  /** Sets a new password with a code sent by SMS (sendSmsCode); no session needed. */
  resetPasswordByPhoneCode(phone: string, code: string, newPassword: string): Promise<CommonMessage>;
  /** Sets a new password with a code sent by email (sendEmail, scene RESET_PASSWORD); no session needed. */
  resetPasswordByEmailCode(email: string, code: string, newPassword: string): Promise<CommonMessage>;
  /** Needs a session. oldPassword when the user has one ('' counts as none); the stored user is left as it was, as in v4. */
  updatePassword(newPassword: string, oldPassword?: string): Promise<User>;
  /** Needs a session. The old phone and its code when the user pool asks for them; stores the updated user. */
  updatePhone(phone: string, phoneCode: string, oldPhone?: string, oldPhoneCode?: string): Promise<User>;
  /** Needs a session. The old email and its code when the user pool asks for them; stores the updated user. */
  updateEmail(email: string, emailCode: string, oldEmail?: string, oldEmailCode?: string): Promise<User>;
  /** Needs a session. A first phone for the user; stores the updated user. */
  bindPhone(phone: string, phoneCode: string): Promise<User>;
  /** Needs a session. Stores the updated user; the server refuses to take the last way in (2217). */
  unbindPhone(): Promise<User>;
  /** Needs a session. A first email for the user; stores the updated user. */
  bindEmail(email: string, emailCode: string): Promise<User>;
  /** Needs a session. Stores the updated user; the server refuses to take the last way in (2217). */
  unbindEmail(): Promise<User>;
  /** Joins a social account to a main account, both named by their tokens; resolves v4's fixed message. */
  linkAccount(options: LinkAccountOptions): Promise<CommonMessage>;
  /** Takes a provider's identity off a main account named by its token; resolves v4's fixed message. */
  unLinkAccount(options: UnLinkAccountOptions): Promise<CommonMessage>;

  // ---- Custom data, authorization and account
  /** Needs a session. The user's custom data, values converted (DATETIME values as Date). */
  listUdv(): Promise<UserDefinedData[]>;
  /** Needs a session. Sets one custom field (sent as JSON text); resolves to the whole list. */
  setUdv(key: string, value: unknown): Promise<UserDefinedData[]>;
  /** Needs a session. Removes one custom field's value; resolves to what remains. */
  removeUdv(key: string): Promise<UserDefinedData[]>;
  /** Needs a session. The user's custom data as one object of key and value. */
  getUdfValue(): Promise<KeyValuePair>;
  /** Needs a session. Sets several custom fields in one request. */
  setUdfValue(data: KeyValuePair): Promise<void>;
  /** Needs a session. Removes one custom field's value. */
  removeUdfValue(key: string): Promise<void>;
  /** Needs a session. How well the account is protected, and its score. */
  getSecurityLevel(): Promise<SecurityLevel>;
  /** Needs a session. The resources the user may act on (in a namespace, of a type). */
  listAuthorizedResources(namespace?: string, options?: ListAuthorizedResourcesOptions): Promise<PaginatedAuthorizedResources>;
  /** Needs a session. The user's organizations, each as the path down to the user's department. */
  listOrgs(): Promise<UserOrgList>;
  /** Needs a session. A page of the applications the user may open. */
  listApplications(params?: ListApplicationsParams): Promise<PaginatedApplications>;
  /** Needs a session. Whether the user holds the role of that code (in the namespace, when given). */
  hasRole(code: string, namespace?: string): Promise<boolean>;
  /** Needs a session. The user's roles (in the namespace, when given). */
  listRoles(namespace?: string): Promise<PaginatedRoles>;

  // ---- Local session helpers, hosted login page, v4 methods a mini program must not call
  /** The session user's id; rejects with kind 'session' when there is none. */
  checkLoggedIn(): Promise<string>;
  /** Adopts a token (of this user pool) as the session, as a login would. */
  setToken(token: string): Promise<void>;
  /** Adopts a user with its token as the session, as a login would; only the allow-listed fields are stored. */
  setCurrentUser(user: User): Promise<void>;
  /** Synchronous, on the device: 1 (low), 2 (middle) or 3 (high). */
  computedPasswordSecurityLevel(password: string): PasswordSecurityLevel;
  /** Synchronous: the hosted login page's URL for a <web-view>. Needs the appHost option. */
  buildAuthorizeUrl(options?: AuthorizeUrlOptions): string;
  /** Synchronous: the hosted logout URL for a <web-view>. Needs the appHost option. */
  buildLogoutUrl(options?: LogoutUrlOptions): string;
  /** Unsupported in a mini program (needs the app secret): rejects with kind 'unsupported'. */
  getAccessTokenByCode(code: string): Promise<never>;
  /** Unsupported in a mini program (needs the app secret): rejects with kind 'unsupported'. */
  getAccessTokenByClientCredentials(scope: string, options?: unknown): Promise<never>;
  /** Unsupported in a mini program (needs the app secret): rejects with kind 'unsupported'. */
  getNewAccessTokenByRefreshToken(refreshToken: string): Promise<never>;
  /** Unsupported in a mini program (needs the app secret): rejects with kind 'unsupported'. */
  revokeToken(token: string): Promise<never>;
  /** Unsupported in a mini program (needs the app secret): rejects with kind 'unsupported'. */
  introspectToken(token: string): Promise<never>;
  /** Unsupported in a mini program (reads a browser login's access token): rejects with kind 'unsupported'. */
  getUserInfoByAccessToken(accessToken: string): Promise<never>;
  /** Unsupported in a mini program (needs the AD connector's websocket host): rejects with kind 'unsupported'. */
  loginByAd(username: string, password: string): Promise<never>;


  on(event: 'loginStateChange', listener: (change: LoginStateChange) => void): () => void;
  on(event: 'storageError', listener: (error: StorageErrorEvent) => void): () => void;
  off(event: 'loginStateChange' | 'storageError', listener: (...args: any[]) => void): void;
}
