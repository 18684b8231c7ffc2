// The user as v4 returns it, and the user-shaped inputs. The members of User,
// Identity and UpdateProfileInput are wasm/include/authing/user_fields.h's
// lists (tests/core/session_test.cpp holds them together), so they are written
// one per line.

/** One of the user's identities (a social login such as the mini program's); `getCurrentUser` returns them. */
export interface Identity {
  openid?: string | null;
  userIdInIdp?: string | null;
  userId?: string | null;
  connectionId?: string | null;
  isSocial?: boolean | null;
  provider?: string | null;
  userPoolId?: string | null;
}

/**
 * A user, as logins, registrations, profile changes and `getCurrentUser` return it (never with
 * `password` or `salt`). The GraphQL answers hold exactly these members; the REST logins
 * (`loginByCode`, `loginByPhone`, `loginByLdap`) return the server's object as it came, which may
 * hold more, hence the index signature.
 */
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
  /** The social provider's raw profile as JSON text (for a mini program user, `wx.getUserInfo`'s). */
  oauth?: string | null;
  /** The token the login issued: a login's answer always has it; other answers carry the server's copy. */
  token?: string | null;
  tokenExpiredAt?: string | null;
  loginsCount?: number | null;
  lastLogin?: string | null;
  lastIP?: string | null;
  signedUp?: string | null;
  blocked?: boolean | null;
  isDeleted?: boolean | null;
  device?: string | null;
  browser?: string | null;
  company?: string | null;
  name?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  profile?: string | null;
  preferredUsername?: string | null;
  website?: string | null;
  /** `M`, `F` or `U`. */
  gender?: string | null;
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
  createdAt?: string | null;
  updatedAt?: string | null;
  externalId?: string | null;
  /** Only in `getCurrentUser`'s answer (and the phone-code login's). */
  identities?: Identity[];
  [field: string]: unknown;
}

/**
 * What `updateProfile` may change: v4's `UpdateUserInput`. Any other key is refused by name (kind
 * `argument`) before anything is sent; passwords have their own, encrypted, methods.
 */
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

/** The profile a registration starts the user with (v4's `RegisterProfile`), sent as given. */
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
