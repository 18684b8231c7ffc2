// Wrong uses of the SDK that its typings must refuse: each line after a
// `@ts-expect-error` holds one mistake, and tsc fails when that line compiles
// (tests/miniprogram/typings.test.js). The reason follows each directive.

import { AuthenticationClient, AuthingError } from 'authing-wxapp-sdk';
import type {
  AuthenticationClientOptions,
  AuthingErrorCode,
  AuthingErrorKind,
  LoginStateChange,
  PasswordSecurityLevel,
  StorageErrorEvent,
  User,
} from 'authing-wxapp-sdk';

const authing = new AuthenticationClient({ userPoolId: 'YOUR_USERPOOL_ID' });
declare const detail: WechatMiniprogram.ButtonGetPhoneNumber['detail'];
declare const error: AuthingError;

export function options(): void {
  // @ts-expect-error: no options at all
  new AuthenticationClient();
  // @ts-expect-error: neither userPoolId nor appId
  new AuthenticationClient({});
  // @ts-expect-error: neither userPoolId nor appId, only a host
  new AuthenticationClient({ host: 'https://core.authing.cn' });
  // @ts-expect-error: an option that does not exist (v4's secret must stay on a server)
  new AuthenticationClient({ userPoolId: 'pool', secret: 'app-secret' });
  // @ts-expect-error: a misspelled option
  new AuthenticationClient({ userPoolID: 'pool' });
  // @ts-expect-error: timeout is a number of milliseconds
  new AuthenticationClient({ userPoolId: 'pool', timeout: '10000' });
  // @ts-expect-error: userPoolId is a string
  new AuthenticationClient({ userPoolId: 12345 });
  // @ts-expect-error: a protocol the hosted page does not speak
  new AuthenticationClient({ userPoolId: 'pool', protocol: 'saml2' });
  // @ts-expect-error: encryptFunction returns text
  new AuthenticationClient({ userPoolId: 'pool', encryptFunction: (plainText: string) => plainText.length });
  // @ts-expect-error: onError is a function
  new AuthenticationClient({ userPoolId: 'pool', onError: 'console' });
  // @ts-expect-error: wasmPath is a path
  new AuthenticationClient({ userPoolId: 'pool', wasmPath: true });
  // @ts-expect-error: options without userPoolId or appId
  const hostOnly: AuthenticationClientOptions = { host: 'https://core.authing.cn' };
  void hostOnly;
  // @ts-expect-error: the client's options are read-only
  authing.options = { userPoolId: 'other' };
}

export async function wechatMethods(): Promise<void> {
  // @ts-expect-error: a code is text
  await authing.loginByCode(123456);
  // @ts-expect-error: iv without encryptedData
  await authing.loginByCode('code', { iv: 'iv' });
  // @ts-expect-error: encryptedData and rawData together
  await authing.loginByCode('code', { iv: 'iv', encryptedData: 'data', rawData: '{}' });
  // @ts-expect-error: iv without encryptedData
  await authing.loginByPhone('code', 'iv');
  // @ts-expect-error: e.detail comes after the wx.login code
  await authing.loginByPhone(detail, 'code');
  // @ts-expect-error: nothing to log in with
  await authing.loginByPhone();
  // @ts-expect-error: a wx.login code alone holds no phone number
  await authing.getPhone('code');
  // @ts-expect-error: e.detail comes after the wx.login code
  await authing.getPhone(detail, 'code');
  // @ts-expect-error: the path goes in {filePath}
  await authing.updateAvatar('wxfile://tmp/avatar.png');
  // @ts-expect-error: the option is filePath
  await authing.updateAvatar({ path: 'wxfile://tmp/avatar.png' });
}

export async function sessionMethods(): Promise<void> {
  // @ts-expect-error: passwords have their own methods
  await authing.updateProfile({ password: 'passw0rd' });
  // @ts-expect-error: the token is not a profile field
  await authing.updateProfile({ token: 'a.b.c' });
  // @ts-expect-error: gender is M, F or U
  await authing.updateProfile({ gender: 'male' });
  // @ts-expect-error: the updates are required
  await authing.updateProfile();
  // @ts-expect-error: a token is text
  await authing.checkLoginStatus(12345);
  // @ts-expect-error: refreshToken takes no token
  await authing.refreshToken('a.b.c');
}

export async function loginMethods(): Promise<void> {
  // @ts-expect-error: the phone number is required
  await authing.sendSmsCode();
  // @ts-expect-error: a phone number is text
  await authing.sendSmsCode(13800138000);
  // @ts-expect-error: a scene that does not exist
  await authing.sendEmail('a@example.com', 'RESET');
  // @ts-expect-error: the email comes before the scene
  await authing.sendEmail('RESET_PASSWORD', 'a@example.com');
  // @ts-expect-error: autoRegister is a boolean
  await authing.loginByEmail('a@example.com', 'passw0rd', { autoRegister: 'yes' });
  // @ts-expect-error: a misspelled option
  await authing.loginByEmail('a@example.com', 'passw0rd', { captcha: 'abcd' });
  // @ts-expect-error: customData is an object of custom fields
  await authing.loginByUsername('bob', 'passw0rd', { customData: 'school=MIT' });
  // @ts-expect-error: a code login takes no autoRegister
  await authing.loginByPhoneCode('13800138000', '1234', { autoRegister: true });
  // @ts-expect-error: a sub-account login takes no customData
  await authing.loginBySubAccount('sub', 'passw0rd', { customData: { school: 'MIT' } });
  // @ts-expect-error: the password is required
  await authing.loginByLdap('bob');
  // @ts-expect-error: the options come after the profile
  await authing.registerByEmail('a@example.com', 'passw0rd', { forceLogin: true });
  // @ts-expect-error: the password comes before the profile
  await authing.registerByPhoneCode('13800138000', '1234', { nickname: 'Bob' });
  // @ts-expect-error: forceLogin is a boolean
  await authing.registerByUsername('bob', 'passw0rd', {}, { forceLogin: 1 });
}

export async function accountMethods(): Promise<void> {
  // @ts-expect-error: the new password is required
  await authing.resetPasswordByPhoneCode('13800138000', '1234');
  // @ts-expect-error: the new password is required
  await authing.updatePassword();
  // @ts-expect-error: the old phone goes with its code
  await authing.updatePhone('13900139000', '1234', '13800138000');
  // @ts-expect-error: the old email goes with its code
  await authing.updateEmail('b@example.com', '1234', 'a@example.com');
  // @ts-expect-error: the phone's code is required
  await authing.bindPhone('13800138000');
  // @ts-expect-error: unbindPhone takes nothing
  await authing.unbindPhone('13800138000');
  // @ts-expect-error: the tokens go in one object
  await authing.linkAccount('a.b.c', 'd.e.f');
  // @ts-expect-error: the secondary token is required
  await authing.linkAccount({ primaryUserToken: 'a.b.c' });
  // @ts-expect-error: unLinkAccount names a provider, not a second token
  await authing.unLinkAccount({ primaryUserToken: 'a.b.c', secondaryUserToken: 'd.e.f' });
}

export async function dataMethods(): Promise<void> {
  // @ts-expect-error: the value is required
  await authing.setUdv('school');
  // @ts-expect-error: undefined is no value (refused before sending)
  await authing.setUdv('school', undefined);
  // @ts-expect-error: the custom fields go in one object
  await authing.setUdfValue('school', 'MIT');
  // @ts-expect-error: a resource type that does not exist
  await authing.listAuthorizedResources('default', { resourceType: 'FILE' });
  // @ts-expect-error: the namespace comes before the options
  await authing.listAuthorizedResources({ resourceType: 'DATA' });
  // @ts-expect-error: page is a number
  await authing.listApplications({ page: '1' });
  // @ts-expect-error: page and limit go in one object
  await authing.listApplications(1, 10);
  // @ts-expect-error: the role's code is required
  await authing.hasRole();
  // @ts-expect-error: hasRole takes a code and a namespace
  await authing.hasRole('admin', 'default', 'extra');
}

export async function localMethods(): Promise<void> {
  // @ts-expect-error: the token is required
  await authing.setToken();
  // @ts-expect-error: a user has an id
  await authing.setCurrentUser({ nickname: 'Bob', token: 'a.b.c' });
  // @ts-expect-error: a password is text
  authing.computedPasswordSecurityLevel(12345678);
  // @ts-expect-error: a response mode that does not exist
  authing.buildAuthorizeUrl({ responseMode: 'body' });
  // @ts-expect-error: the query's own name instead of the option's
  authing.buildAuthorizeUrl({ client_id: 'app' });
  // @ts-expect-error: an expert logout's idToken goes with its redirectUri
  authing.buildLogoutUrl({ expert: true, idToken: 'a.b.c' });
  // @ts-expect-error: the code is required, even for a method that only rejects
  await authing.getAccessTokenByCode();
  // @ts-expect-error: not a method of the client
  await authing.loginByWechat('code');
}

export async function results(): Promise<void> {
  // @ts-expect-error: getCurrentUser resolves null without a session
  const user: User = await authing.getCurrentUser();
  // @ts-expect-error: a nickname may be absent
  const nickname: string = user.nickname;
  // @ts-expect-error: checkLoggedIn resolves the user's id
  const id: number = await authing.checkLoggedIn();
  // @ts-expect-error: the levels are 1 to 3
  const level: PasswordSecurityLevel = 4;
  // @ts-expect-error: buildLogoutUrl returns at once
  const later: Promise<string> = authing.buildLogoutUrl();
  // @ts-expect-error: hasRole resolves a boolean
  const roles: string[] = await authing.hasRole('admin');
  // @ts-expect-error: exp is null unless the token is valid
  const exp: number = (await authing.checkLoginStatus()).exp;
  // @ts-expect-error: logout resolves nothing
  const loggedOut: boolean = await authing.logout();
  void [user, nickname, id, level, later, roles, exp, loggedOut];
}

export function events(): void {
  // @ts-expect-error: a misspelled event
  authing.on('loginStatusChange', () => {});
  // @ts-expect-error: an event the SDK does not have
  authing.on('error', () => {});
  // @ts-expect-error: a listener of the other event's payload
  authing.on('loginStateChange', (event: StorageErrorEvent) => event.key);
  // @ts-expect-error: a listener of the other event's payload
  authing.off('storageError', (change: LoginStateChange) => change.loggedIn);
  // @ts-expect-error: storageError's payload has no userId
  authing.on('storageError', (event) => event.userId);
  // @ts-expect-error: a reason the SDK does not give
  authing.on('loginStateChange', (change) => change.reason === 'timeout');
  // @ts-expect-error: a logged-out change names no user
  authing.on('loginStateChange', (change) => (change.loggedIn ? '' : change.userId.length));
  // @ts-expect-error: on returns the function that unsubscribes
  const subscription: string = authing.on('storageError', () => {});
  void subscription;
}

export function errors(): void {
  // @ts-expect-error: a code that does not exist
  if (error.code === 'NETWORK_FAILURE') return;
  // @ts-expect-error: a kind that does not exist
  if (error.kind === 'auth') return;
  // @ts-expect-error: a timeout's code is TIMEOUT
  if (error.kind === 'timeout' && error.code === 'NETWORK_ERROR') return;
  // @ts-expect-error: a session's numbers are 2020, 2206 and 2207
  if (error.kind === 'session' && error.code === 2004) return;
  // @ts-expect-error: WeChat's refusals are 40029, 40163, 45011, 40226 and -1
  if (error.kind === 'wechat' && error.code === 40001) return;
  // @ts-expect-error: a code that does not exist
  const code: AuthingErrorCode = 'TIMEOUT_ERROR';
  // @ts-expect-error: a kind that does not exist
  const kind: AuthingErrorKind = 'graphql';
  // @ts-expect-error: the status is a number, and may be absent
  const status: string = error.statusCode;
  // @ts-expect-error: a kind with another kind's code
  new AuthingError({ kind: 'timeout', code: 'NETWORK_ERROR' });
  // @ts-expect-error: a code without its kind
  new AuthingError({ code: 'TIMEOUT' });
  // @ts-expect-error: AuthingError takes its fields, not a message
  new AuthingError('timed out');
  // @ts-expect-error: an error's code is read-only
  error.code = 'TIMEOUT';
  void [code, kind, status];
}

// @ts-expect-error: AuthingError cannot be subclassed (its constructor returns a plain Error)
export class RetryableError extends AuthingError {}
