// What the client's methods resolve with besides a User: v4's result shapes,
// as the core returns them (wasm/src/operations/*.cpp) and the dev server
// answers them (js/testing/routes/*.js).

/** The phone number from `getPhone`. */
export interface PhoneInfo {
  /** Without the country code for `86` (for example `13800138000`), else with it (`+1 2025550123`). */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  /** The user's openid (the `iv` + `encryptedData` form only). */
  openid?: string;
  /** The user's unionid, when the mini program has one (the `iv` + `encryptedData` form only). */
  unionid?: string;
  /** Which mini program the number was given to, and when (the phone `code` form only). */
  watermark?: { appid: string; timestamp: number };
  [field: string]: unknown;
}

/**
 * The server's verdict on a token (`checkLoginStatus`); an invalid token is a `status: false`
 * answer, never a rejection. Without a session and without a token argument it is answered on
 * the device: `{code: 2020, status: false, exp: null, iat: null, data: null}`.
 */
export interface LoginStatus {
  /** 200 for a valid token, else Authing's reason (2206 expired, 2207 invalid, 2020 none). */
  code: number;
  message: string;
  status: boolean;
  /** Seconds since the epoch; `null` unless the token is valid. */
  exp: number | null;
  iat: number | null;
  data: { id: string; userPoolId: string; arn: string } | null;
}

/** `refreshToken`'s answer; the token is also the session's from then on. */
export interface RefreshedToken {
  token: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

/** Authing's answer to a request that returns no data. */
export interface CommonMessage {
  code: number;
  message: string;
}

export interface CheckPasswordStrengthResult {
  valid: boolean;
  message: string;
}

/** A custom field's type. */
export type UdfDataType = 'STRING' | 'NUMBER' | 'DATETIME' | 'BOOLEAN' | 'OBJECT';

/** One custom field of the user (`listUdv`, `setUdv`, `removeUdv`). */
export interface UserDefinedData {
  key: string;
  dataType: UdfDataType;
  /**
   * NUMBER, BOOLEAN and OBJECT values parsed from their JSON text, DATETIME values (whole
   * milliseconds) as `Date`, STRING values as they are; text that does not parse stays text.
   * `any`, as in v4, so that v4 code reading it keeps compiling.
   */
  value: any;
  label: string | null;
}

/** Custom data as one object (`getUdfValue`): each key's value, converted as in {@link UserDefinedData}. */
export interface KeyValuePair {
  [key: string]: any;
}

/** How well the account is protected (`getSecurityLevel`). */
export interface SecurityLevel {
  email: boolean;
  phone: boolean;
  password: boolean;
  /** 1 (low) to 3 (high); `null` without a password. */
  passwordSecurityLevel: 1 | 2 | 3 | null;
  mfa: boolean;
  score: number;
}

export type ResourceType = 'DATA' | 'API' | 'MENU' | 'UI' | 'BUTTON';

/** A resource the user may act on; members the server left empty (`null`, `false`, `0`, `''`) are absent, as in v4. */
export interface AuthorizedResource {
  code: string;
  type?: ResourceType;
  actions?: string[];
}

export interface PaginatedAuthorizedResources {
  list: AuthorizedResource[];
  totalCount: number;
}

/** A node of an organization: the organization itself (type `org`) or a department (`node`), as the server gives it. */
export interface OrgNode {
  type?: 'org' | 'node';
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

/** Each of the user's organizations as the path of nodes from the organization down to the user's department (`listOrgs`). */
export type UserOrgList = OrgNode[][];

/** An application the user may open, as the server gives it (`listApplications`). */
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

/** One of the user's roles (`listRoles`), with its parent when it has one. */
export interface Role extends RoleSummary {
  parent?: RoleSummary | null;
}

export interface PaginatedRoles {
  totalCount: number;
  list: Role[];
}

/** `computedPasswordSecurityLevel`'s answer: 1 low, 2 middle, 3 high. */
export type PasswordSecurityLevel = 1 | 2 | 3;
