'use strict';
// The "Session and profile" group of docs/api.md. The fields of an entry are
// described in docs/api/index.js.

module.exports = {
  title: 'Session and profile',
  intro: 'The logged-in user, the token, logout, and the session\'s events.',
  methods: [
    {
      name: 'updateProfile',
      signatures: ['updateProfile(updates)'],
      does: 'Changes the user\'s profile (`nickname`, `photo`, `gender`, `address`, ... : v4\'s ' +
        '`UpdateUserInput` fields).',
      args: { updates: 'an object of `UpdateProfileInput` fields' },
      session: true,
      cases: [{
        sends: ['mutation updateUser'],
        stores: 'user',
        example: { args: [{ nickname: 'Bob', city: 'Hangzhou' }] },
      }],
      resolves: 'User',
      errors: [
        ['argument', 'INVALID_ARGUMENT', 'a key that is not an `UpdateUserInput` field (`token`, `id`, ...), ' +
          'named in the message; nothing is sent'],
      ],
      v4: 'only `UpdateUserInput` fields are sent: a `password` is dropped, any other unknown key is refused by name',
      migrating: 'updateprofile-fields',
    },
    {
      name: 'getCurrentUser',
      signatures: ['getCurrentUser()'],
      does: 'The user as the server knows them now, or `null` when there is no valid session.',
      session: true,
      withoutSession: { resolves: null },
      cases: [{
        sends: ['query user'],
        stores: 'user',
        example: {
          // The server's user changed since the login, so the stored one is rewritten.
          args: (ctx) => {
            ctx.serverUser().nickname = 'Changed elsewhere';
            return [];
          },
        },
      }],
      resolves: 'User | null',
      notes: ['Identical concurrent calls share one request. A token the server refuses ends the session: the ' +
        'call resolves `null`.'],
      errors: [],
      v4: 'rejects on network and server failures (v4 resolved `null` for every error)',
      migrating: 'getcurrentuser-null-only-without-a-session',
    },
    {
      name: 'checkLoginStatus',
      signatures: ['checkLoginStatus(token?)'],
      does: 'Asks the server whether the session\'s token (or the one given) is still valid. Never rejects for ' +
        'an invalid token: the answer says so.',
      args: { token: 'a token to ask about instead of the session\'s' },
      session: true,
      sessionNote: 'unless a token is given',
      withoutSession: { resolves: { code: 2020, status: false } },
      cases: [
        {
          when: 'the session\'s token',
          sends: ['query checkLoginStatus'],
          stores: 'nothing',
          example: { args: [] },
        },
        {
          when: 'a token given, with or without a session',
          sends: ['query checkLoginStatus'],
          stores: 'nothing',
          example: { login: false, args: (ctx) => [ctx.tokenOf(ctx.seedUser({ username: 'status-1' }))] },
        },
      ],
      resolves: 'LoginStatus',
      notes: ['When the server answers that the session\'s own token has expired (`2206`, `2207`), the session ' +
        'ends: both keys are removed and `loginStateChange` fires with `reason: "expired"`.'],
      errors: [],
      v4: null,
    },
    {
      name: 'refreshToken',
      signatures: ['refreshToken()'],
      does: 'Exchanges the session\'s token for a fresh one. The SDK also does this by itself, once for all ' +
        'concurrent callers, when a token enters the last quarter of its life.',
      session: true,
      cases: [{
        sends: ['mutation refreshToken'],
        stores: 'session',
        example: {
          // A later issue time, so that the fresh token differs from the one it replaces.
          args: (ctx) => {
            ctx.server.advanceClock(1);
            return [];
          },
        },
      }],
      resolves: 'RefreshedToken',
      errors: [],
      v4: 'the SDK also refreshes by itself in the last quarter of a token\'s life; the stored user\'s `token` ' +
        'follows the new token (v4 left it stale)',
      migrating: 'automatic-refresh',
    },
    {
      name: 'logout',
      signatures: ['logout()'],
      does: 'Ends the session on the device at once, and on the server when it can be reached. Always resolves.',
      session: false,
      cases: [
        {
          when: 'with a session',
          sends: ['GET /api/v2/logout?app_id={appId}'],
          stores: 'cleared',
          example: { login: true, args: [] },
        },
        {
          when: 'without a session',
          sends: [],
          stores: 'cleared',
          example: { args: [] },
        },
      ],
      resolves: 'void',
      notes: ['`logout()` is the last word over every call started before it: a login whose answer lands later ' +
        'rejects with `SESSION_SUPERSEDED` and stores nothing.'],
      errors: [],
      v4: 'clears the device\'s session even when the request fails (v4 kept it)',
      migrating: 'logout-always-clears-the-device',
    },
    {
      name: 'on',
      sync: true,
      signatures: ['on(event, listener)'],
      does: 'Subscribes to one of the session\'s events (see [Events](#events)); returns a function that ' +
        'unsubscribes.',
      args: { event: '`"loginStateChange"` or `"storageError"`', listener: 'called with the event\'s object' },
      session: false,
      cases: [{
        sends: [],
        stores: 'nothing',
        example: { args: ['loginStateChange', () => {}] },
      }],
      resolves: '() => void',
      errors: [],
      v4: 'new',
      migrating: 'events',
    },
    {
      name: 'off',
      sync: true,
      signatures: ['off(event, listener)'],
      does: 'Removes a listener that `on` added.',
      args: { event: 'the event\'s name', listener: 'the function given to `on`' },
      session: false,
      cases: [{
        sends: [],
        stores: 'nothing',
        example: { args: ['loginStateChange', () => {}] },
      }],
      resolves: 'void',
      errors: [],
      v4: 'new',
      migrating: 'events',
    },
  ],
};
