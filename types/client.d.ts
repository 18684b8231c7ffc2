// AuthenticationClient: the core's operation table (wasm/src/operations/table.cpp,
// each method's parameters named as its OperationSpec's args, in v4's order),
// the three synchronous methods of js/hosted.js, and on/off (js/client.js).
// tests/miniprogram/typings.test.js holds this declaration to the built table.

import type {
  AuthorizeUrlOptions,
  EmailScene,
  LinkAccountOptions,
  ListApplicationsParams,
  ListAuthorizedResourcesOptions,
  LoginByCodeOptions,
  LoginByPhoneCodeOptions,
  LoginBySubAccountOptions,
  LoginOptions,
  LogoutUrlOptions,
  PhoneNumberDetail,
  RegisterOptions,
  UdvValue,
  UnLinkAccountOptions,
  UpdateAvatarOptions,
} from './arguments';
import type { AuthenticationClientEventName, AuthenticationClientListener } from './events';
import type { AuthenticationClientOptions } from './options';
import type {
  CheckPasswordStrengthResult,
  CommonMessage,
  KeyValuePair,
  LoginStatus,
  PaginatedApplications,
  PaginatedAuthorizedResources,
  PaginatedRoles,
  PasswordSecurityLevel,
  PhoneInfo,
  RefreshedToken,
  SecurityLevel,
  UserDefinedData,
  UserOrgList,
} from './results';
import type { RegisterProfile, UpdateProfileInput, User } from './users';

/**
 * Logs WeChat Mini Program users in against Authing, with v4's methods and arguments. Every method
 * returns a promise that resolves with v4's result or rejects with an `AuthingError`, except the
 * three synchronous ones (`computedPasswordSecurityLevel`, `buildAuthorizeUrl`, `buildLogoutUrl`),
 * which return at once and throw an `AuthingError`. "Needs a session": without one the call
 * rejects with kind `session`, code 2020.
 *
 * ```ts
 * const authing = new AuthenticationClient({ userPoolId: 'YOUR_USERPOOL_ID' });
 * const { code } = await wx.login();
 * const user = await authing.loginByCode(code);
 * ```
 */
export declare class AuthenticationClient {
  /**
   * Clients built with the same options share one core, so one session.
   * @throws {AuthingError} kind `argument`, code `INVALID_OPTIONS`, when the options are unusable.
   */
  constructor(options: AuthenticationClientOptions);
  /** The options the client was built with (the object given). */
  readonly options: AuthenticationClientOptions;

  // ---- WeChat
  /**
   * Silent login with a `wx.login` code; without a code the SDK calls `wx.login` itself. A code
   * WeChat refuses (40029, 40163) is replaced by a fresh one once, unless `encryptedData` is sealed
   * with it. Stores the session.
   */
  loginByCode(code?: string, options?: LoginByCodeOptions): Promise<User>;
  /**
   * Login with the phone number from `<button open-type="getPhoneNumber">`: `code` from a
   * `wx.login` made before the tap, with the button's `iv` and `encryptedData`. Stores the session.
   */
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<User>;
  /**
   * The same with the button's `e.detail`. With its phone `code` (needs the `extIdpConnidentifier`
   * option) the `wx.login` code may be left out: the SDK calls `wx.login` itself.
   */
  loginByPhone(code: string | null | undefined, detail: PhoneNumberDetail): Promise<User>;
  loginByPhone(detail: PhoneNumberDetail): Promise<User>;
  /** The phone number, without logging in: `code` from `wx.login`, with the button's `iv` and `encryptedData`. */
  getPhone(code: string, iv: string, encryptedData: string): Promise<PhoneInfo>;
  /** The same with the button's `e.detail`; its phone `code` (needs `extIdpConnidentifier`) needs no `wx.login` code. */
  getPhone(code: string | null | undefined, detail: PhoneNumberDetail): Promise<PhoneInfo>;
  getPhone(detail: PhoneNumberDetail): Promise<PhoneInfo>;
  /**
   * Needs a session. Uploads the image (`filePath`, else one the user picks with `wx.chooseMedia`)
   * with the session's token and makes it the profile photo; stores the updated user.
   */
  updateAvatar(options?: UpdateAvatarOptions): Promise<User>;

  // ---- Session and profile
  /** Needs a session. Changes the profile; stores the updated user. */
  updateProfile(updates: UpdateProfileInput): Promise<User>;
  /** The user as the server knows them, or `null` without a valid session; stores the user. */
  getCurrentUser(): Promise<User | null>;
  /** Asks the server about the session's token, or the one given; never rejects for an invalid token. */
  checkLoginStatus(token?: string): Promise<LoginStatus>;
  /** Needs a session. A fresh token for the session (the SDK also refreshes by itself in a token's last quarter). */
  refreshToken(): Promise<RefreshedToken>;
  /** Ends the session on the device (always) and on the server (when reachable); never rejects for the server's answer. */
  logout(): Promise<void>;

  // ---- Codes, password and code logins, registration
  /** Sends an SMS verification code; resolves `{code: 200, message}`. */
  sendSmsCode(phone: string, phoneCountryCode?: string): Promise<CommonMessage>;
  /** Sends an email for one of the scenes. */
  sendEmail(email: string, scene: EmailScene): Promise<CommonMessage>;
  /** Password login by email (the password goes out encrypted). Stores the session. */
  loginByEmail(email: string, password: string, options?: LoginOptions): Promise<User>;
  /** Password login by username (the password goes out encrypted). Stores the session. */
  loginByUsername(username: string, password: string, options?: LoginOptions): Promise<User>;
  /** Password login by phone number (the password goes out encrypted). Stores the session. */
  loginByPhonePassword(phone: string, password: string, options?: LoginOptions): Promise<User>;
  /** Login with a `sendSmsCode` code; the server registers a phone it does not know. Stores the session. */
  loginByPhoneCode(phone: string, code: string, options?: LoginByPhoneCodeOptions): Promise<User>;
  /** Login as a sub-account (the password goes out encrypted). Stores the session. */
  loginBySubAccount(account: string, password: string, options?: LoginBySubAccountOptions): Promise<User>;
  /** Login against the user pool's LDAP directory; the password goes in plain text over HTTPS, as in v4. Stores the session. */
  loginByLdap(username: string, password: string): Promise<User>;
  /** Creates a user; the answer becomes the session only when it carries a token (`forceLogin`, `generateToken`). */
  registerByEmail(email: string, password: string, profile?: RegisterProfile, options?: RegisterOptions): Promise<User>;
  /** Creates a user; the answer becomes the session only when it carries a token (`forceLogin`, `generateToken`). */
  registerByUsername(
    username: string,
    password: string,
    profile?: RegisterProfile,
    options?: RegisterOptions,
  ): Promise<User>;
  /** Creates a user with a phone proven by a `sendSmsCode` code, and a first password when given (not empty). */
  registerByPhoneCode(
    phone: string,
    code: string,
    password?: string,
    profile?: RegisterProfile,
    options?: RegisterOptions,
  ): Promise<User>;

  // ---- Passwords, phone and email binding, linked accounts
  /** Whether the user pool's password rule accepts the password; the one call that sends a password in plain text, as v4. */
  checkPasswordStrength(password: string): Promise<CheckPasswordStrengthResult>;
  /** Sets a new password with a code sent by SMS (`sendSmsCode`). */
  resetPasswordByPhoneCode(phone: string, code: string, newPassword: string): Promise<CommonMessage>;
  /** Sets a new password with a code sent by email (`sendEmail`, scene `RESET_PASSWORD`). */
  resetPasswordByEmailCode(email: string, code: string, newPassword: string): Promise<CommonMessage>;
  /** Needs a session. `oldPassword` when the user has one (`''` counts as none); the stored user is left as it was, as in v4. */
  updatePassword(newPassword: string, oldPassword?: string): Promise<User>;
  /** Needs a session. With the old phone and its code, when the user pool asks for them (the two go together); stores the updated user. */
  updatePhone(phone: string, phoneCode: string, oldPhone: string, oldPhoneCode: string): Promise<User>;
  updatePhone(phone: string, phoneCode: string): Promise<User>;
  /** Needs a session. With the old email and its code, when the user pool asks for them (the two go together); stores the updated user. */
  updateEmail(email: string, emailCode: string, oldEmail: string, oldEmailCode: string): Promise<User>;
  updateEmail(email: string, emailCode: string): Promise<User>;
  /** Needs a session. A first phone for the user; stores the updated user. */
  bindPhone(phone: string, phoneCode: string): Promise<User>;
  /** Needs a session. Drops the user's phone (the server refuses the last way in, 2217); stores the updated user. */
  unbindPhone(): Promise<User>;
  /** Needs a session. A first email for the user; stores the updated user. */
  bindEmail(email: string, emailCode: string): Promise<User>;
  /** Needs a session. Drops the user's email (the server refuses the last way in, 2217); stores the updated user. */
  unbindEmail(): Promise<User>;
  /** Joins a social account to a main account, both named by their tokens; resolves `{code: 200, message: '绑定成功'}`. */
  linkAccount(options: LinkAccountOptions): Promise<CommonMessage>;
  /** Takes a provider's identity off a main account named by its token; resolves `{code: 200, message: '解绑成功'}`. */
  unLinkAccount(options: UnLinkAccountOptions): Promise<CommonMessage>;

  // ---- Custom data, authorization and account
  /** Needs a session. The user's custom data, values converted (DATETIME values as `Date`). */
  listUdv(): Promise<UserDefinedData[]>;
  /** Needs a session. Sets one custom field; resolves the whole list. */
  setUdv(key: string, value: UdvValue): Promise<UserDefinedData[]>;
  /** Needs a session. Removes one custom field's value; resolves what remains. */
  removeUdv(key: string): Promise<UserDefinedData[]>;
  /** Needs a session. The user's custom data as one object of key and value. */
  getUdfValue(): Promise<KeyValuePair>;
  /** Needs a session. Sets several custom fields in one request (at least one, with non-empty keys). */
  setUdfValue(data: KeyValuePair): Promise<void>;
  /** Needs a session. Removes one custom field's value. */
  removeUdfValue(key: string): Promise<void>;
  /** Needs a session. How well the account is protected, and its score. */
  getSecurityLevel(): Promise<SecurityLevel>;
  /** Needs a session. The resources the user may act on (in the namespace, of the type, when given; neither may be empty). */
  listAuthorizedResources(
    namespace?: string,
    options?: ListAuthorizedResourcesOptions,
  ): Promise<PaginatedAuthorizedResources>;
  /** Needs a session. The user's organizations, each as the path down to the user's department. */
  listOrgs(): Promise<UserOrgList>;
  /** Needs a session. A page of the applications the user may open. */
  listApplications(params?: ListApplicationsParams): Promise<PaginatedApplications>;
  /** Needs a session. Whether the user holds the role of that code (in the namespace, when given). */
  hasRole(code: string, namespace?: string): Promise<boolean>;
  /** Needs a session. The user's roles (in the namespace, when given). */
  listRoles(namespace?: string): Promise<PaginatedRoles>;

  // ---- Local session helpers, the hosted login page, v4 methods a mini program must not call
  /** Needs a session. The session user's id (a promise, where v4 returned it at once). */
  checkLoggedIn(): Promise<string>;
  /** Adopts a token of this user pool as the session, as a login does. */
  setToken(token: string): Promise<void>;
  /** Adopts a user and its `token` as the session, as a login does (only the allow-listed fields are stored); without a token, only the session's own user. */
  setCurrentUser(user: User): Promise<void>;
  /** Synchronous, on the device: 1 (low), 2 (middle) or 3 (high), by v4's rule. */
  computedPasswordSecurityLevel(password: string): PasswordSecurityLevel;
  /** Synchronous: the hosted login page's URL, for a `<web-view>`. Needs the `appHost` option. */
  buildAuthorizeUrl(options?: AuthorizeUrlOptions): string;
  /** Synchronous: the hosted logout URL, for a `<web-view>`. Needs the `appHost` option. */
  buildLogoutUrl(options?: LogoutUrlOptions): string;
  /** Rejects with kind `unsupported`: it authenticates your application with its secret, which must stay on your server. */
  getAccessTokenByCode(code: string): Promise<never>;
  /** Rejects with kind `unsupported`: it authenticates your application with its secret, which must stay on your server. */
  getAccessTokenByClientCredentials(scope: string, options?: unknown): Promise<never>;
  /** Rejects with kind `unsupported`: it authenticates your application with its secret, which must stay on your server. */
  getNewAccessTokenByRefreshToken(refreshToken: string): Promise<never>;
  /** Rejects with kind `unsupported`: it authenticates your application with its secret, which must stay on your server. */
  revokeToken(token: string): Promise<never>;
  /** Rejects with kind `unsupported`: it authenticates your application with its secret, which must stay on your server. */
  introspectToken(token: string): Promise<never>;
  /** Rejects with kind `unsupported`: it reads a browser login's access token; use `getCurrentUser()`. */
  getUserInfoByAccessToken(accessToken: string): Promise<never>;
  /** Rejects with kind `unsupported`: the AD connector's websocket host is out of a mini program's reach; use `loginByLdap`. */
  loginByAd(username: string, password: string): Promise<never>;

  // ---- Events
  /** Subscribes to one of the session's events (in every client built with the same options); returns a function that unsubscribes. */
  on<Name extends AuthenticationClientEventName>(event: Name, listener: AuthenticationClientListener<Name>): () => void;
  /** Unsubscribes a listener `on` added. */
  off<Name extends AuthenticationClientEventName>(event: Name, listener: AuthenticationClientListener<Name>): void;
}
