'use strict';
// What a signed-in user signs in with: phone and email, bound, changed and
// unbound with codes, and social identities linked from another account or
// unlinked. A user always keeps one way in (2217 otherwise): a phone, an
// email, a username with a password, or a social identity.

const EMAIL_SCENES = ['VERIFY_EMAIL', 'CHANGE_EMAIL'];

module.exports = function bindingRoutes(ctx) {
  const { store, codes, AuthError } = ctx;

  function loginMethods(target) {
    const methods = [];
    if (target.phone) methods.push('phone');
    if (target.email) methods.push('email');
    if (target.username && store.hasPassword(target)) methods.push('username');
    for (const identity of target.identities) methods.push(identity.provider);
    return methods;
  }

  function changed(target) {
    target.updatedAt = ctx.iso();
    return { type: 'User', value: target };
  }

  function requireFreePhone(current, phone) {
    if (typeof phone !== 'string' || !/^\+?\d{5,20}$/.test(phone)) throw new AuthError(2028);
    const owner = store.findByPhone(phone);
    if (owner && owner !== current) throw new AuthError(2035);
  }

  function requireFreeEmail(current, email) {
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AuthError(2003);
    const owner = store.findByEmail(email);
    if (owner && owner !== current) throw new AuthError(2026, '该邮箱已被绑定');
  }

  // The old phone (or email) proves itself with its own code when given.
  function checkOld(current, field, old, oldCode, mismatch, scenes) {
    if ((old === undefined || old === null) && (oldCode === undefined || oldCode === null)) return;
    if (old !== current[field]) throw new AuthError(mismatch);
    codes.consume(old, oldCode, scenes);
  }

  const resolvers = {
    updatePhone(args, request) {
      const { user } = ctx.session(request);
      if (args.phone === user.phone) throw new AuthError(2230);
      requireFreePhone(user, args.phone);
      checkOld(user, 'phone', args.oldPhone, args.oldPhoneCode, 2038, [null]);
      codes.consume(args.phone, args.phoneCode);
      user.phone = args.phone;
      user.phoneVerified = true;
      return changed(user);
    },
    updateEmail(args, request) {
      const { user } = ctx.session(request);
      if (user.email && String(args.email).toLowerCase() === user.email.toLowerCase()) throw new AuthError(2229);
      requireFreeEmail(user, args.email);
      checkOld(user, 'email', args.oldEmail, args.oldEmailCode, 2037, EMAIL_SCENES);
      codes.consume(args.email, args.emailCode, EMAIL_SCENES);
      user.email = args.email;
      user.emailVerified = true;
      return changed(user);
    },
    bindPhone(args, request) {
      const { user } = ctx.session(request);
      if (user.phone) throw new AuthError(2035, '用户已绑定手机号，请使用修改手机号');
      requireFreePhone(user, args.phone);
      codes.consume(args.phone, args.phoneCode);
      user.phone = args.phone;
      user.phoneVerified = true;
      return changed(user);
    },
    unbindPhone(args, request) {
      const { user } = ctx.session(request);
      if (!user.phone) throw new AuthError(2231, '用户未绑定手机号');
      if (loginMethods(user).length <= 1) throw new AuthError(2217);
      user.phone = null;
      user.phoneVerified = false;
      return changed(user);
    },
    bindEmail(args, request) {
      const { user } = ctx.session(request);
      if (user.email) throw new AuthError(2026, '用户已绑定邮箱，请使用修改邮箱');
      requireFreeEmail(user, args.email);
      codes.consume(args.email, args.emailCode, EMAIL_SCENES);
      user.email = args.email;
      user.emailVerified = true;
      return changed(user);
    },
    unbindEmail(args, request) {
      const { user } = ctx.session(request);
      if (!user.email) throw new AuthError(2231, '用户未绑定邮箱');
      if (loginMethods(user).length <= 1) throw new AuthError(2217);
      user.email = null;
      user.emailVerified = false;
      return changed(user);
    },
  };

  function userOfToken(token) {
    if (typeof token !== 'string' || !token) throw new AuthError(2231);
    return store.get(ctx.verify(token).sub);
  }

  const rest = {
    // The secondary account's social identities move to the primary account,
    // and the secondary account is gone (its tokens answer 2004 from then on).
    'POST /api/v2/users/link': (body) => {
      const primary = userOfToken(body.primaryUserToken);
      const secondary = userOfToken(body.secondaryUserToken);
      if (primary === secondary) throw new AuthError(2231, '不能绑定同一个账号');
      const moving = secondary.identities.filter((identity) => identity.isSocial);
      if (!moving.length) throw new AuthError(2231, '该账号没有可绑定的社交身份');
      if (moving.some((identity) => primary.identities.some((own) => own.provider === identity.provider))) {
        throw new AuthError(2231, '主账号已绑定该身份源');
      }
      for (const identity of moving) primary.identities.push({ ...identity, userId: primary.id });
      if (!primary.openid) primary.openid = secondary.openid;
      if (!primary.unionid) primary.unionid = secondary.unionid;
      store.remove(secondary.id);
      primary.updatedAt = ctx.iso();
      return { code: 200, message: '绑定成功' };
    },
    'POST /api/v2/users/unlink': (body) => {
      const primary = userOfToken(body.primaryUserToken);
      if (typeof body.provider !== 'string' || !body.provider) throw new AuthError(2231);
      const staying = primary.identities.filter((identity) => identity.provider !== body.provider);
      if (staying.length === primary.identities.length) throw new AuthError(2231, '用户未绑定该身份源');
      if (loginMethods({ ...primary, identities: staying }).length === 0) throw new AuthError(2217);
      primary.identities = staying;
      const wechat = staying.find((identity) => identity.openid);
      primary.openid = wechat ? wechat.openid : null;
      if (!wechat) primary.unionid = null;
      primary.updatedAt = ctx.iso();
      return { code: 200, message: '解绑成功' };
    },
  };

  return { rest, resolvers };
};
