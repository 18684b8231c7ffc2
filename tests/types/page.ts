// A TypeScript mini program page that uses every part of the SDK's typings:
// every option, every method with each of its overloads, both events with
// every field, and an AuthingError read field by field and narrowed on its
// kind and code. tsc checks it (tests/miniprogram/typings.test.js); it never
// runs. Results go through `same<T>()`, which compiles only when the type is
// exactly T: an annotation alone would also accept a result typed `any`.

import { AuthenticationClient, AuthingError } from 'authing-wxapp-sdk';
import type {
  AuthenticationClientOptions,
  AuthingErrorCode,
  AuthingErrorKind,
  AuthorizedResource,
  CheckPasswordStrengthResult,
  CommonMessage,
  Identity,
  KeyValuePair,
  LoginStateChange,
  LoginStatus,
  OrgNode,
  PaginatedApplications,
  PaginatedAuthorizedResources,
  PaginatedRoles,
  PasswordSecurityLevel,
  PhoneInfo,
  RefreshedToken,
  Role,
  SecurityLevel,
  SessionErrorCode,
  StorageErrorEvent,
  User,
  UserDefinedData,
  UserOrgList,
  WechatErrorCode,
} from 'authing-wxapp-sdk';
// The CommonJS form of the same module.
import sdk = require('authing-wxapp-sdk');

type IsExactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

function same<Expected>() {
  return <Actual>(value: Actual, ..._exactly: IsExactly<Actual, Expected> extends true ? [] : [never]): Expected =>
    value as unknown as Expected;
}

function show(...values: unknown[]): void {
  console.log(...values);
}

// Every option of README's Options table.
const options: AuthenticationClientOptions = {
  userPoolId: 'YOUR_USERPOOL_ID',
  appId: 'YOUR_APP_ID',
  host: 'https://core.authing.cn',
  appHost: 'https://your-app.authing.cn',
  timeout: 10000,
  onError(code, message, data) {
    const known: AuthingErrorCode = code;
    const text: string = message;
    const detail: unknown = data;
    show(known, text, detail);
  },
  token: 'header.claims.signature',
  accessToken: 'header.claims.signature',
  lang: 'en-US',
  publicKey: '-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----',
  encryptFunction: async (plainText: string, publicKey: string) => `${plainText.length}:${publicKey.length}`,
  protocol: 'oidc',
  redirectUri: 'https://example.com/callback',
  extIdpConnidentifier: 'wechat-miniprogram',
  wasmPath: '/miniprogram_npm/authing-wxapp-sdk/authing-core.wasm.br',
};

const authing = new AuthenticationClient(options);
const byApp = new sdk.AuthenticationClient({ appId: 'YOUR_APP_ID', encryptFunction: (plainText) => plainText });
// A v4 handler that takes code as a number still fits onError.
const v4Style = new AuthenticationClient({
  userPoolId: 'YOUR_USERPOOL_ID',
  onError: (code: number, message: string) => show(code, message),
});
const sameOptions: AuthenticationClientOptions = same<AuthenticationClientOptions>()(authing.options);
show(byApp, v4Style, sameOptions, sdk.AuthingError === AuthingError);

// Both events, every field.
const unsubscribe: () => void = authing.on('loginStateChange', (change) => {
  const whole: LoginStateChange = same<LoginStateChange>()(change);
  const loggedIn: boolean = change.loggedIn;
  if (change.loggedIn) {
    const reason: 'login' | 'refresh' | 'storage' = same<'login' | 'refresh' | 'storage'>()(change.reason);
    const userId: string = same<string>()(change.userId);
    show(reason, userId);
  } else {
    const reason: 'logout' | 'expired' | 'storage' = same<'logout' | 'expired' | 'storage'>()(change.reason);
    const userId: null = same<null>()(change.userId);
    show(reason, userId);
  }
  show(whole, loggedIn);
});
function onStorageError(event: StorageErrorEvent): void {
  const key: '_authing_token' | '_authing_user' = same<'_authing_token' | '_authing_user'>()(event.key);
  const errMsg: string = same<string>()(event.errMsg);
  show(key, errMsg);
}
const stopStorageErrors = authing.on('storageError', onStorageError);
authing.off('storageError', onStorageError);
unsubscribe();
stopStorageErrors();

// An AuthingError, every field, narrowed on its kind and on its code.
function explain(error: unknown): string {
  if (!(error instanceof AuthingError)) return String(error);
  const name: 'AuthingError' = same<'AuthingError'>()(error.name);
  const message: string = same<string>()(error.message);
  const data: unknown = same<unknown>()(error.data);
  const statusCode: number | undefined = same<number | undefined>()(error.statusCode);
  const apiCode: number | undefined = same<number | undefined>()(error.apiCode);
  const requestId: string | undefined = same<string | undefined>()(error.requestId);
  const kind: AuthingErrorKind = error.kind;
  const code: AuthingErrorCode = error.code;
  const stack: string | undefined = error.stack;
  const asError: Error = error;
  show(name, message, data, statusCode, apiCode, requestId, kind, code, stack, asError);

  if (error.code === 'SESSION_SUPERSEDED') same<'session'>()(error.kind);
  if (error.code === 'TIMEOUT') same<'timeout'>()(error.kind);
  if (error.code === 2206) same<'api' | 'session'>()(error.kind);
  if (error.code === 45011) same<'api' | 'wechat'>()(error.kind);
  if (typeof error.code === 'number') {
    const anyNumber: number = error.code;
    show(anyNumber);
  }

  switch (error.kind) {
    case 'network':
      return same<'NETWORK_ERROR' | 'REQUEST_INTERRUPTED' | 'UPLOAD_FAILED'>()(error.code);
    case 'timeout':
      return same<'TIMEOUT'>()(error.code);
    case 'http':
      return `${same<'HTTP_ERROR' | 'BAD_RESPONSE' | 'RESPONSE_TOO_LARGE'>()(error.code)} ${error.statusCode}`;
    case 'api':
      return String(same<number | 'GRAPHQL_ERROR' | 'PUBLIC_KEY_UNAVAILABLE'>()(error.code));
    case 'wechat': {
      const wechat: WechatErrorCode | 'WX_LOGIN_FAILED' | 'RANDOM_UNAVAILABLE' | 'CHOOSE_IMAGE_FAILED' = same<
        40029 | 40163 | 45011 | 40226 | -1 | 'WX_LOGIN_FAILED' | 'RANDOM_UNAVAILABLE' | 'CHOOSE_IMAGE_FAILED'
      >()(error.code);
      if (wechat === 45011 || wechat === 40226) return 'try later';
      return String(wechat);
    }
    case 'privacy':
      return same<'PRIVACY_NOT_AUTHORIZED' | 'PRIVACY_API_NOT_DECLARED'>()(error.code);
    case 'storage':
      return same<'STORAGE_ERROR'>()(error.code);
    case 'argument':
      return same<'INVALID_ARGUMENT' | 'INVALID_OPTIONS' | 'UNKNOWN_OPERATION' | 'ENCRYPT_FAILED'>()(error.code);
    case 'session': {
      const session: SessionErrorCode | 'SESSION_SUPERSEDED' = same<2020 | 2206 | 2207 | 'SESSION_SUPERSEDED'>()(
        error.code,
      );
      return String(session);
    }
    case 'unsupported':
      return same<'UNSUPPORTED_IN_MINIPROGRAM'>()(error.code);
    case 'runtime':
      return same<'WASM_LOAD_FAILED' | 'INTERNAL_ERROR' | 'UNKNOWN'>()(error.code);
    default: {
      const none: never = error;
      return none;
    }
  }
}

// A hand-built error, as a test of your own error handling might make one.
const builtError: AuthingError = new AuthingError({ kind: 'session', code: 2206, message: 'expired', data: null });
const unknownError: AuthingError = new AuthingError();
show(explain(builtError), explain(unknownError));

type ChooseAvatar = WechatMiniprogram.CustomEvent<{ avatarUrl: string }>;

interface IndexData {
  nickname: string;
  message: string;
}

interface IndexMethods {
  loginCode: string;
  onGetPhoneNumber(e: WechatMiniprogram.ButtonGetPhoneNumber): Promise<void>;
  onGetPhoneNumberLegacy(e: WechatMiniprogram.ButtonGetPhoneNumber): Promise<void>;
  onChooseAvatar(e: ChooseAvatar): Promise<void>;
  everyOtherMethod(): Promise<void>;
}

Page<IndexData, IndexMethods>({
  data: { nickname: '', message: '' },
  loginCode: '',

  async onLoad() {
    try {
      let user: User | null = same<User | null>()(await authing.getCurrentUser());
      if (!user) {
        const { code } = await wx.login();
        user = same<User>()(await authing.loginByCode(code));
        same<User>()(await authing.loginByCode());
        same<User>()(await authing.loginByCode(code, { iv: 'iv', encryptedData: 'data' }));
        same<User>()(await authing.loginByCode(undefined, { rawData: '{"nickName":"Bob"}' }));
      }
      this.setData({ nickname: user.nickname || '' });
    } catch (error) {
      this.setData({ message: explain(error) });
    }
  },

  async onShow() {
    // The phone's iv and encryptedData are sealed with a code from before the tap.
    this.loginCode = (await wx.login()).code;
  },

  async onGetPhoneNumber(e) {
    // The button's e.detail as it is: its phone code (base library 2.21.2+), or iv + encryptedData.
    same<User>()(await authing.loginByPhone(e.detail));
    same<User>()(await authing.loginByPhone(this.loginCode, e.detail));
    same<User>()(await authing.loginByPhone(null, e.detail));
    same<User>()(await authing.loginByPhone(undefined, { code: e.detail.code }));
    const phone: PhoneInfo = same<PhoneInfo>()(await authing.getPhone(e.detail));
    same<PhoneInfo>()(await authing.getPhone(this.loginCode, e.detail));
    same<PhoneInfo>()(await authing.getPhone(null, e.detail));
    show(phone.phoneNumber, phone.purePhoneNumber, phone.countryCode, phone.openid, phone.unionid);
    if (phone.watermark) show(phone.watermark.appid, phone.watermark.timestamp);
  },

  async onGetPhoneNumberLegacy(e) {
    const { iv, encryptedData } = e.detail;
    if (!iv || !encryptedData) return; // the user declined
    same<User>()(await authing.loginByPhone(this.loginCode, iv, encryptedData));
    same<PhoneInfo>()(await authing.getPhone(this.loginCode, iv, encryptedData));
  },

  async onChooseAvatar(e) {
    same<User>()(await authing.updateAvatar({ filePath: e.detail.avatarUrl }));
    same<User>()(await authing.updateAvatar({}));
    same<User>()(await authing.updateAvatar());
  },

  async everyOtherMethod() {
    // Session and profile.
    const updated: User = same<User>()(
      await authing.updateProfile({ nickname: 'Bob', gender: 'M', birthdate: '2000-01-01', externalId: 'e-1' }),
    );
    const identities: Identity[] | undefined = updated.identities;
    if (identities) show(identities.map((identity) => identity.provider));
    const status: LoginStatus = same<LoginStatus>()(await authing.checkLoginStatus());
    same<LoginStatus>()(await authing.checkLoginStatus('header.claims.signature'));
    if (status.data) show(status.code, status.message, status.status, status.exp, status.iat, status.data.arn);
    const refreshed: RefreshedToken = same<RefreshedToken>()(await authing.refreshToken());
    show(refreshed.token, refreshed.iat, refreshed.exp);
    same<void>()(await authing.logout());

    // Codes, password and code logins, registration.
    const sent: CommonMessage = same<CommonMessage>()(await authing.sendSmsCode('13800138000'));
    same<CommonMessage>()(await authing.sendSmsCode('2025550123', '+1'));
    show(sent.code, sent.message);
    same<CommonMessage>()(await authing.sendEmail('a@example.com', 'RESET_PASSWORD'));
    same<CommonMessage>()(await authing.sendEmail('a@example.com', 'VERIFY_EMAIL'));
    same<CommonMessage>()(await authing.sendEmail('a@example.com', 'CHANGE_EMAIL'));
    same<CommonMessage>()(await authing.sendEmail('a@example.com', 'MFA_VERIFY'));
    const extra = { clientIp: '1.2.3.4', customData: { school: 'MIT' }, context: { source: 'page' } };
    same<User>()(await authing.loginByEmail('a@example.com', 'passw0rd'));
    same<User>()(await authing.loginByEmail('a@example.com', 'passw0rd', { autoRegister: true, captchaCode: 'abcd', ...extra }));
    same<User>()(await authing.loginByUsername('bob', 'passw0rd', { params: [{ key: 'school', value: 'MIT' }] }));
    same<User>()(await authing.loginByUsername('bob', 'passw0rd'));
    same<User>()(await authing.loginByPhonePassword('13800138000', 'passw0rd', { autoRegister: false }));
    same<User>()(await authing.loginByPhonePassword('13800138000', 'passw0rd'));
    same<User>()(await authing.loginByPhoneCode('13800138000', '1234', extra));
    same<User>()(await authing.loginByPhoneCode('13800138000', '1234'));
    same<User>()(await authing.loginBySubAccount('sub', 'passw0rd', { captchaCode: 'abcd', clientIp: '1.2.3.4' }));
    same<User>()(await authing.loginBySubAccount('sub', 'passw0rd'));
    same<User>()(await authing.loginByLdap('bob', 'passw0rd'));
    const profile = { nickname: 'Bob', udf: [{ key: 'school', value: '"MIT"' }] };
    same<User>()(await authing.registerByEmail('a@example.com', 'passw0rd'));
    same<User>()(await authing.registerByEmail('a@example.com', 'passw0rd', profile, { forceLogin: true, ...extra }));
    same<User>()(await authing.registerByUsername('bob', 'passw0rd', profile, { generateToken: true }));
    same<User>()(await authing.registerByUsername('bob', 'passw0rd'));
    same<User>()(await authing.registerByPhoneCode('13800138000', '1234'));
    same<User>()(await authing.registerByPhoneCode('13800138000', '1234', 'passw0rd', profile, { forceLogin: true }));

    // Passwords, phone and email binding, linked accounts.
    const strength: CheckPasswordStrengthResult = same<CheckPasswordStrengthResult>()(
      await authing.checkPasswordStrength('passw0rd'),
    );
    show(strength.valid, strength.message);
    same<CommonMessage>()(await authing.resetPasswordByPhoneCode('13800138000', '1234', 'passw0rd'));
    same<CommonMessage>()(await authing.resetPasswordByEmailCode('a@example.com', '1234', 'passw0rd'));
    same<User>()(await authing.updatePassword('new-passw0rd'));
    same<User>()(await authing.updatePassword('new-passw0rd', 'passw0rd'));
    same<User>()(await authing.updatePhone('13900139000', '1234'));
    same<User>()(await authing.updatePhone('13900139000', '1234', '13800138000', '5678'));
    same<User>()(await authing.updateEmail('b@example.com', '1234'));
    same<User>()(await authing.updateEmail('b@example.com', '1234', 'a@example.com', '5678'));
    same<User>()(await authing.bindPhone('13800138000', '1234'));
    same<User>()(await authing.unbindPhone());
    same<User>()(await authing.bindEmail('a@example.com', '1234'));
    same<User>()(await authing.unbindEmail());
    same<CommonMessage>()(await authing.linkAccount({ primaryUserToken: 'a.b.c', secondaryUserToken: 'd.e.f' }));
    same<CommonMessage>()(await authing.unLinkAccount({ primaryUserToken: 'a.b.c', provider: 'wechat:miniprogram:default' }));

    // Custom data, authorization and account.
    const udv: UserDefinedData[] = same<UserDefinedData[]>()(await authing.listUdv());
    for (const entry of udv) show(entry.key, entry.dataType, entry.value, entry.label);
    same<UserDefinedData[]>()(await authing.setUdv('school', 'MIT'));
    same<UserDefinedData[]>()(await authing.setUdv('age', 20));
    same<UserDefinedData[]>()(await authing.setUdv('tags', { list: ['a'] }));
    same<UserDefinedData[]>()(await authing.setUdv('cleared', null));
    same<UserDefinedData[]>()(await authing.removeUdv('school'));
    const pairs: KeyValuePair = same<KeyValuePair>()(await authing.getUdfValue());
    show(pairs.school);
    same<void>()(await authing.setUdfValue({ school: 'MIT', age: 20 }));
    same<void>()(await authing.removeUdfValue('school'));
    const level: SecurityLevel = same<SecurityLevel>()(await authing.getSecurityLevel());
    show(level.email, level.phone, level.password, level.passwordSecurityLevel, level.mfa, level.score);
    const resources: PaginatedAuthorizedResources = same<PaginatedAuthorizedResources>()(
      await authing.listAuthorizedResources('default', { resourceType: 'DATA' }),
    );
    same<PaginatedAuthorizedResources>()(await authing.listAuthorizedResources('default'));
    same<PaginatedAuthorizedResources>()(await authing.listAuthorizedResources());
    const resource: AuthorizedResource | undefined = resources.list[0];
    if (resource) show(resource.code, resource.type, resource.actions, resources.totalCount);
    const orgs: UserOrgList = same<UserOrgList>()(await authing.listOrgs());
    const node: OrgNode | undefined = orgs[0] && orgs[0][0];
    if (node) show(node.id, node.name, node.type, node.orgId, node.code, node.root, node.depth);
    const apps: PaginatedApplications = same<PaginatedApplications>()(
      await authing.listApplications({ page: 2, limit: 20 }),
    );
    same<PaginatedApplications>()(await authing.listApplications());
    show(apps.totalCount, apps.list.map((app) => `${app.id} ${app.name} ${app.protocol}`));
    same<boolean>()(await authing.hasRole('admin'));
    same<boolean>()(await authing.hasRole('admin', 'default'));
    const roles: PaginatedRoles = same<PaginatedRoles>()(await authing.listRoles('default'));
    same<PaginatedRoles>()(await authing.listRoles());
    const role: Role | undefined = roles.list[0];
    if (role) show(role.code, role.namespace, role.arn, role.parent && role.parent.code);

    // Local session helpers, the hosted login page, and the methods a mini program must not call.
    const id: string = same<string>()(await authing.checkLoggedIn());
    same<void>()(await authing.setToken('header.claims.signature'));
    same<void>()(await authing.setCurrentUser({ id, token: 'header.claims.signature', nickname: 'Bob' }));
    const strong: PasswordSecurityLevel = same<1 | 2 | 3>()(authing.computedPasswordSecurityLevel('passw0rd'));
    const url: string = same<string>()(
      authing.buildAuthorizeUrl({
        appId: 'YOUR_APP_ID',
        scope: 'openid profile offline_access',
        state: 's',
        nonce: 'n',
        responseMode: 'fragment',
        responseType: 'code',
        redirectUri: 'https://example.com/callback',
      }),
    );
    same<string>()(authing.buildAuthorizeUrl({ service: 'https://example.com/cas' }));
    same<string>()(authing.buildAuthorizeUrl());
    same<string>()(authing.buildLogoutUrl());
    same<string>()(authing.buildLogoutUrl({ redirectUri: 'https://example.com' }));
    same<string>()(authing.buildLogoutUrl({ expert: true }));
    same<string>()(authing.buildLogoutUrl({ expert: true, idToken: 'a.b.c', redirectUri: 'https://example.com' }));
    show(strong, url);
    const refusals: Array<Promise<never>> = [
      authing.getAccessTokenByCode('code'),
      authing.getAccessTokenByClientCredentials('scope'),
      authing.getAccessTokenByClientCredentials('scope', { accessKey: 'k', accessSecret: 's' }),
      authing.getNewAccessTokenByRefreshToken('refresh'),
      authing.revokeToken('a.b.c'),
      authing.introspectToken('a.b.c'),
      authing.getUserInfoByAccessToken('a.b.c'),
      authing.loginByAd('bob', 'passw0rd'),
    ];
    for (const refusal of refusals) {
      try {
        await refusal;
      } catch (error) {
        if (error instanceof AuthingError && error.kind === 'unsupported') show(error.code);
      }
    }
  },
});
