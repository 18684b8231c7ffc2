// The client's events (AuthenticationClient#on), as the core emits them:
// loginStateChange from Core::emit_login_state (reasons "login", "refresh",
// "logout", "expired", "storage"), storageError from Core::write_outcome.

/** The session began or changed hands: a login, a token refresh, or a session the page wrote into wx storage. */
export interface LoggedInChange {
  loggedIn: true;
  /** `storage`: the page wrote a session under v4's keys (`_authing_token`, `_authing_user`). */
  reason: 'login' | 'refresh' | 'storage';
  /** The session user's id. */
  userId: string;
}

/** The session ended: `logout()`, the server refused its token, or the page removed it from wx storage. */
export interface LoggedOutChange {
  loggedIn: false;
  /** `expired`: the server refused the token (2206, 2207, or 2020 to a call that carried it); `storage`: the page cleared wx storage or removed the token. */
  reason: 'logout' | 'expired' | 'storage';
  userId: null;
}

/** `loginStateChange`'s payload: fired once for every change of the session, in any page's client. */
export type LoginStateChange = LoggedInChange | LoggedOutChange;

/**
 * `storageError`'s payload: wx storage refused to save (or remove) a session key. The call that
 * wrote it still succeeds and the session stays valid in memory; the next write stores the pair
 * whole. Without a listener the SDK logs a warning.
 */
export interface StorageErrorEvent {
  key: '_authing_token' | '_authing_user';
  /** wx storage's message (any token in it reads `[redacted]`). */
  errMsg: string;
}

/** Each event's name and the payload its listeners receive. */
export interface AuthenticationClientEvents {
  loginStateChange: LoginStateChange;
  storageError: StorageErrorEvent;
}

export type AuthenticationClientEventName = keyof AuthenticationClientEvents;

export type AuthenticationClientListener<Name extends AuthenticationClientEventName> = (
  payload: AuthenticationClientEvents[Name],
) => void;
