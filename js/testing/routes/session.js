'use strict';
// The session: who is signed in (user, checkLoginStatus), a profile update,
// a fresh token (refreshToken) and logout, which revokes the token.

const scalars = (names) => Object.fromEntries(names.map((name) => [name, 'Scalar']));

module.exports = function sessionRoutes(ctx) {
  const { store, AuthError, users } = ctx;

  const resolvers = {
    updateUser(args, request) {
      const { user } = ctx.session(request, args.id);
      const input = args.input && typeof args.input === 'object' ? args.input : {};
      Object.assign(user, input, { updatedAt: ctx.iso() });
      return { type: 'User', value: user };
    },
    // Without an id: the token's user. With one: only that same user.
    user(args, request) {
      const { user } = ctx.session(request, args.id);
      return { type: 'User', value: user };
    },
    // Never an error for a bad token: Authing answers status false and the reason.
    checkLoginStatus(args, request) {
      const token = args.token || ctx.bearer(request);
      try {
        const claims = ctx.verify(token);
        const user = store.get(claims.sub);
        const data = { id: user.id, userPoolId: ctx.config.userPoolId, arn: user.arn };
        return { type: 'JWTTokenStatus', value: { code: 200, message: '已登录', status: true, exp: claims.exp, iat: claims.iat, data } };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        return { type: 'JWTTokenStatus', value: { code: error.code, message: error.message, status: false, exp: null, iat: null, data: null } };
      }
    },
    refreshToken(args, request) {
      const { user } = ctx.session(request, args.id);
      const token = ctx.issueToken(user);
      const fresh = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
      return { type: 'RefreshToken', value: { token, iat: fresh.iat, exp: fresh.exp } };
    },
  };

  const rest = {
    'GET /api/v2/logout': (body, request, query) => {
      const token = ctx.bearer(request);
      ctx.verify(token);
      if (query.app_id !== ctx.config.appId) return { code: 2011, message: ctx.MESSAGES[2011], data: null };
      ctx.revoked.add(token);
      return { code: 200, message: '退出成功' };
    },
  };

  return {
    rest,
    resolvers,
    types: {
      JWTTokenStatus: { ...scalars(['code', 'message', 'status', 'exp', 'iat']), data: 'JWTTokenStatusDetail' },
      JWTTokenStatusDetail: scalars(['id', 'userPoolId', 'arn']),
      RefreshToken: scalars(['token', 'iat', 'exp']),
    },
    inputs: {
      UpdateUserInput: Object.fromEntries([...users.UPDATABLE_FIELDS].map((field) => [field, 'String'])),
    },
  };
};
