// Types of authing-wxapp-sdk/testing, the test kit (Node only): a fake `wx`
// with fault switches, a local Authing-compatible dev server, and a sandbox
// that runs a mini program's pages as the mini program runtime does.

/** A request the dev server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text. */
  body: string;
  /** The body parsed as JSON, or null. */
  json: unknown;
}

/** What the next request to `path` meets instead of (or before) the real answer. */
export interface ServerFault {
  /** The request path it applies to, for example "/graphql/v2". */
  path: string;
  method?: string;
  /** How many requests it applies to. Default 1. */
  times?: number;
  /** No answer at all: the SDK's timeout fires. */
  hang?: boolean;
  /** The connection is closed before any answer. */
  destroy?: boolean;
  /** An answer with this status (default 200) and body or JSON. */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  json?: unknown;
  /** Only the first n bytes of the answer, then the connection closes. */
  truncate?: number;
  /** The answer (the real one, unless another field replaces it) comes this late. */
  delayMs?: number;
}

/** A user record as the dev server keeps it (Authing's user fields). */
export interface DevUser {
  id: string;
  userPoolId: string;
  username: string | null;
  email: string | null;
  phone: string | null;
  nickname: string | null;
  openid: string | null;
  [field: string]: unknown;
}

export interface SeedUserFields {
  /** Makes the user the WeChat user of this openid (what wx.login codes stand for). */
  openid?: string;
  unionid?: string;
  username?: string;
  email?: string;
  phone?: string;
  /** Stored hashed, as a registered user's; the SDK's logins encrypt what they send. */
  password?: string;
  nickname?: string;
  [field: string]: unknown;
}

export interface DevServerOptions {
  /** Default: a free port. */
  port?: number;
  userPoolId?: string;
  appId?: string;
  /** The WeChat Mini Program identity source's identifier the v3 phone endpoints expect. */
  extIdpConnidentifier?: string;
  /** Token lifetime. Default 14 days. */
  tokenTtlSeconds?: number;
  /** Log server-side exceptions. Default false. */
  quiet?: boolean;
}

export interface DevServer {
  readonly url: string;
  readonly port: number;
  readonly userPoolId: string;
  readonly appId: string;
  readonly extIdpConnidentifier: string;
  /** The user pool's RSA public key (PEM). */
  readonly publicKey: string;
  seedUser(fields?: SeedUserFields): DevUser;
  users(): DevUser[];
  deleteUser(id: string): void;
  issueToken(userId: string, options?: { ttlSeconds?: number }): string;
  fault(spec: ServerFault): void;
  /** WeChat refuses the next `times` code exchanges with this errcode (40029, 40163, 45011, 40226, -1, ...). */
  wechatError(errcode: number, times?: number): void;
  /** A getPhoneNumber phone code (e.detail.code) for this number. */
  phoneCode(phoneNumber: string, countryCode?: string): string;
  /** The next SMS or email code the server sends is this one (4 to 8 digits; each call queues one). */
  seedCode(code: string): void;
  /** The last SMS or email code sent to this phone or address, or null. */
  lastCode(phoneOrEmail: string): string | null;
  sentCodes(): Array<{ channel: string; target: string; scene: string | null; code: string; [field: string]: unknown }>;
  requests(): ReceivedRequest[];
  clearRequests(): void;
  issuedTokens(): string[];
  /** Moves the server's clock on (tokens expire). */
  advanceClock(seconds: number): void;
  defineUdf(field: { key: string; dataType?: 'STRING' | 'NUMBER' | 'DATETIME' | 'BOOLEAN' | 'OBJECT'; label?: string | null }): unknown;
  assignRole(userId: string, role: { code: string; namespace?: string; description?: string | null; parent?: string | null }): unknown;
  grantResource(userId: string, resource: { code: string; namespace?: string; type?: 'DATA' | 'API' | 'MENU' | 'UI' | 'BUTTON'; actions?: string[] }): unknown;
  /** Puts the user in an organization: the path of node names from the organization down to the department. */
  addOrg(userId: string, path: string[]): unknown;
  addApplication(fields: { allow?: string[]; [field: string]: unknown }): unknown;
  addLdapUser(entry: { username: string; password: string; email?: string; phone?: string; nickname?: string }): void;
  addSubAccount(parentUserId: string, account: { account: string; password: string; nickname?: string }): DevUser;
  /** Forgets users, codes, faults and the request log. */
  reset(): void;
  /** The server goes away: connections are refused until resume(). */
  stop(): Promise<void>;
  resume(): Promise<DevServer>;
  close(): Promise<void>;
}

export function startDevServer(options?: DevServerOptions): Promise<DevServer>;

/** The fault switches of the fake wx. */
export interface FakeWxFaults {
  /** Every wx.request and wx.uploadFile fails as with no connection, until set back. */
  offline: boolean;
  /** The next wx.request fails with this ({errMsg: "request:fail interrupted"}, ...). */
  requestFail: { errMsg: string; errno?: number } | null;
  /** The next wx.login fails with this (errno 104: privacy not accepted; 112: API not declared). */
  loginFail: { errMsg: string; errno?: number } | null;
  chooseFail: { errMsg: string; errno?: number } | null;
  uploadFail: { errMsg: string; errno?: number } | null;
  /** wx.setStorageSync throws, as with the storage full. */
  storageFull: boolean;
  /** wx.setStorageSync throws for these keys only. */
  storageRefuse: string[];
  /** wx.getRandomValues is missing, as on base libraries before 2.15.0. */
  noRandom: boolean;
}

/** The `e.detail` of a `<button open-type="getPhoneNumber">`. */
export interface PhoneNumberButtonDetail {
  errMsg: string;
  iv?: string;
  encryptedData?: string;
  code?: string;
}

/** The fake wx: the mini program API the SDK and pages use, with test-only members starting with "__". */
export interface FakeWx {
  request(params: Record<string, unknown>): { abort(): void };
  login(params?: Record<string, unknown>): Promise<{ code: string; errMsg: string }> | void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  clearStorageSync(): void;
  [api: string]: unknown;
  __faults: FakeWxFaults;
  __storage: Map<string, unknown>;
  /** Every wx.request and wx.uploadFile the pages made. */
  __requests: Array<{ url: string; method: string; header: Record<string, string>; data?: unknown }>;
  /** Toasts, modals and navigation the pages asked for. */
  __ui: Array<{ api: string; [field: string]: unknown }>;
  __openid: string;
  __getPhoneNumberDetail(phoneNumber: string, countryCode?: string): Promise<PhoneNumberButtonDetail>;
  /** As __getPhoneNumberDetail, with the phone code of base library 2.21.2+. */
  __getPhoneNumberCodeDetail(phoneNumber: string, countryCode?: string): Promise<PhoneNumberButtonDetail>;
  /** The next image picker returns this file. */
  __chooseImage(path: string, bytes: Uint8Array | number[]): void;
}

export interface FakeWxOptions {
  /** The dev server's URL (where wx.login asks WeChat's side for codes). */
  server: string;
  openid?: string;
  unionid?: string;
  storage?: Map<string, unknown>;
  sdkVersion?: string;
  /** Request legal domains sent elsewhere: {"https://core.authing.cn": server.url}. */
  domains?: Record<string, string>;
}

export function createFakeWx(options: FakeWxOptions): FakeWx;

export interface FakeClock {
  /** What Date.now() gives inside the sandbox; the test moves it. */
  now: number;
}

export function createFakeClock(start?: number): FakeClock;

/** Where the sandbox's console writes (the test's console by default). */
export interface SandboxLog {
  log(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
}

export interface SandboxOptions {
  /** The mini program's folder (absolute). */
  root: string;
  wx?: FakeWx | Record<string, unknown>;
  /** Stand-ins for Build npm: {name: folder}, served as /miniprogram_npm/<name>/. */
  packages?: Record<string, string>;
  /** Globals the framework adds (Page, App, getApp). */
  globals?: Record<string, unknown>;
  /** "ios15": every promise reaction on its own timer. */
  promiseMode?: 'native' | 'ios15';
  clock?: FakeClock | null;
  textDecoder?: boolean;
  instantiateResult?: 'object' | 'instance';
  log?: SandboxLog;
}

export interface Sandbox {
  /** require inside the sandbox, from the root or from the folder `from` (relative to the root). */
  require(specifier: string, from?: string): any;
  run(code: string): unknown;
  /** Every WXWebAssembly.instantiate path asked for. */
  wasmCalls: Array<{ path: string }>;
}

export function createSandbox(options: SandboxOptions): Sandbox;

/** A page (or Component used as a page) instance, as the framework makes it. */
export type PageInstance<Data = Record<string, any>> = {
  route: string;
  options: Record<string, string>;
  data: Data;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
} & Record<string, any>;

export interface MiniprogramOptions {
  /** The folder that holds app.json. Default process.cwd(). */
  root?: string;
  /** The ids the pages use; the dev server takes them as its own. */
  userPoolId?: string;
  appId?: string;
  /** The Authing hosts the pages use; requests to them go to the dev server. Default ["https://core.authing.cn"]. */
  hosts?: string[];
  /** A running dev server to use instead of a new one. */
  server?: DevServer;
  storage?: Map<string, unknown>;
  openid?: string;
  promiseMode?: 'native' | 'ios15';
  clock?: FakeClock | null;
  log?: SandboxLog;
}

export interface Miniprogram {
  readonly wx: FakeWx;
  readonly server: DevServer;
  readonly storage: Map<string, unknown>;
  /** The App({...}) instance of app.js, or null. */
  readonly app: Record<string, any> | null;
  /** The page stack, oldest first. */
  readonly pages: PageInstance[];
  readonly sandbox: Sandbox;
  /** The dev server's {userPoolId, appId, host}, for a client built in the test. */
  readonly authingOptions: { userPoolId: string; appId: string; host: string };
  /** Runs the page file (once per app run) and returns a new instance; no lifecycle hook runs. */
  loadPage<Data = Record<string, any>>(route: string, query?: Record<string, string>): PageInstance<Data>;
  currentPage(): PageInstance | undefined;
  require(specifier: string, from?: string): any;
  /** A new app run: modules load again; storage and the server stay. */
  restart(): Miniprogram;
  /** Stops the dev server it started. */
  close(): Promise<void>;
}

export function startMiniprogram(options?: MiniprogramOptions): Promise<Miniprogram>;
