'use strict';
// The WeChat group of docs/api.md: logins with what WeChat gives a page, and
// the avatar. The fields of an entry are described in docs/api/index.js.

module.exports = {
  title: 'WeChat',
  intro: 'Logins with what WeChat gives the page, and the profile photo.',
  methods: [
    {
      name: 'loginByCode',
      signatures: ['loginByCode(code?, options?)'],
      does: 'The silent WeChat login: Authing exchanges the `wx.login` code for the user of this WeChat account ' +
        '(creating it the first time), and that user becomes the session.',
      args: {
        code: 'a `wx.login` code; leave it out and the SDK calls `wx.login` itself',
        options: '`{iv, encryptedData}` or `{rawData}` from `wx.getUserInfo`, to fill the new user\'s profile ' +
          '(sealed with the session of `code`)',
      },
      session: false,
      cases: [
        {
          when: 'with a code',
          sends: ['POST /connections/social/wechat-miniprogram/auth'],
          stores: 'session',
          example: { args: async (ctx) => [await ctx.wxCode()] },
        },
        {
          when: 'without a code',
          sends: ['wx.login', 'POST /connections/social/wechat-miniprogram/auth'],
          stores: 'session',
          example: { args: [] },
        },
      ],
      resolves: 'User',
      notes: [
        'A code WeChat refuses (`40029`, `40163`) is replaced by a fresh `wx.login` once, unless `encryptedData` ' +
          'is sealed with it. WeChat busy (`-1`) is retried once after 300 ms.',
      ],
      errors: [
        ['wechat', '40029, 40163', 'WeChat refused the code (after the one retry)'],
        ['wechat', '45011, 40226, -1', 'too many logins this minute; a high-risk user; WeChat busy twice'],
        ['wechat', 'WX_LOGIN_FAILED', '`wx.login` failed'],
        ['privacy', 'PRIVACY_NOT_AUTHORIZED, PRIVACY_API_NOT_DECLARED', 'the user has not accepted the privacy ' +
          'terms; `wx.login` is missing from the privacy guide'],
      ],
      v4: 'without a code the SDK calls `wx.login`; a refused code is replaced once; WeChat busy is retried once; ' +
        'concurrent calls share one `wx.login`',
      migrating: 'loginbycode-retries-and-wxlogin',
    },
    {
      name: 'loginByPhone',
      signatures: [
        'loginByPhone(code, iv, encryptedData)',
        'loginByPhone(code?, detail)',
        'loginByPhone(detail)',
      ],
      spellings: {
        detail: 'the `e.detail` of `<button open-type="getPhoneNumber">`: its `code` (base library 2.21.2+), ' +
          'or its `iv` and `encryptedData`',
      },
      does: 'Logs in with the phone number the user allowed in `<button open-type="getPhoneNumber">`. The user ' +
        'with that phone becomes the session.',
      args: {
        code: 'a `wx.login` code obtained **before** the tap: WeChat seals `iv`/`encryptedData` with its session',
        iv: 'from `e.detail`',
        encryptedData: 'from `e.detail`',
      },
      session: false,
      cases: [
        {
          when: '`iv` and `encryptedData` (v4\'s way)',
          sends: ['POST /connections/social/wechat-miniprogram/auth-by-phone'],
          stores: 'session',
          example: {
            args: async (ctx) => {
              const code = await ctx.wxCode();
              const detail = await ctx.phoneDetail('13800000001');
              return [code, detail.iv, detail.encryptedData];
            },
          },
        },
        {
          when: '`e.detail` with a phone `code`, and a `wx.login` code',
          sends: ['POST /api/v3/signin-by-mobile', 'query user'],
          stores: 'session',
          example: {
            options: (ctx) => ({ extIdpConnidentifier: ctx.extIdpConnidentifier }),
            args: async (ctx) => {
              const code = await ctx.wxCode();
              return [code, await ctx.phoneCodeDetail('13800000002')];
            },
          },
        },
        {
          when: '`e.detail` with a phone `code` alone',
          sends: ['wx.login', 'POST /api/v3/signin-by-mobile', 'query user'],
          stores: 'session',
          example: {
            options: (ctx) => ({ extIdpConnidentifier: ctx.extIdpConnidentifier }),
            args: async (ctx) => [{ code: ctx.server.phoneCode('13800000003') }],
          },
        },
      ],
      resolves: 'User',
      notes: [
        'The SDK prefers the phone `code` when `e.detail` has one; that path needs the `extIdpConnidentifier` ' +
          'option. The v3 answer is an OIDC token set, so the SDK then reads the user with its `id_token`, which ' +
          'becomes the session\'s token.',
      ],
      errors: [
        ['argument', 'INVALID_ARGUMENT', 'no phone `code` and no `iv`/`encryptedData` (the user declined), or a ' +
          'phone `code` without the `extIdpConnidentifier` option'],
        ['wechat', '40029, 40163, 45011, 40226, -1', 'WeChat refused the code (WeChat busy is retried once)'],
        ['wechat', 'WX_LOGIN_FAILED', '`wx.login` failed (phone `code` alone)'],
      ],
      v4: 'also takes `e.detail`: its phone `code` goes to v3 `signin-by-mobile` (needs `extIdpConnidentifier`)',
      migrating: 'the-phone-code-from-edetail',
    },
    {
      name: 'getPhone',
      signatures: [
        'getPhone(code, iv, encryptedData)',
        'getPhone(code?, detail)',
        'getPhone(detail)',
      ],
      spellings: {
        detail: 'the `e.detail` of `<button open-type="getPhoneNumber">`',
      },
      does: 'The phone number the user allowed, without logging anyone in.',
      args: {
        code: 'a `wx.login` code obtained before the tap (not needed with a phone `code`)',
        iv: 'from `e.detail`',
        encryptedData: 'from `e.detail`',
      },
      session: false,
      cases: [
        {
          when: '`iv` and `encryptedData`',
          sends: ['POST /connections/social/wechat-miniprogram/getphone'],
          stores: 'nothing',
          example: {
            args: async (ctx) => {
              const code = await ctx.wxCode();
              const detail = await ctx.phoneDetail('13800000004');
              return [code, detail.iv, detail.encryptedData];
            },
          },
        },
        {
          when: '`e.detail` with a phone `code`',
          sends: ['POST /api/v3/get-wechat-miniprogram-phone'],
          stores: 'nothing',
          example: {
            options: (ctx) => ({ extIdpConnidentifier: ctx.extIdpConnidentifier }),
            args: async (ctx) => [await ctx.phoneCodeDetail('13800000005')],
          },
        },
      ],
      resolves: 'PhoneInfo',
      errors: [
        ['argument', 'INVALID_ARGUMENT', 'as `loginByPhone`'],
        ['wechat', 'WeChat\'s number', 'WeChat refused the code (WeChat busy is retried once)'],
      ],
      v4: 'also takes `e.detail`: its phone `code` goes to v3 `get-wechat-miniprogram-phone` ' +
        '(needs `extIdpConnidentifier`)',
      migrating: 'the-phone-code-from-edetail',
    },
    {
      name: 'updateAvatar',
      signatures: ['updateAvatar(options?)'],
      does: 'Uploads an image with the session\'s token and makes its URL the profile\'s `photo`.',
      args: {
        options: '`{filePath}`: the path `<button open-type="chooseAvatar">` gives (`e.detail.avatarUrl`); ' +
          'without it the user picks an image',
      },
      session: true,
      cases: [
        {
          when: 'without a path',
          sends: ['wx.chooseMedia', 'wx.uploadFile POST /api/v2/upload?folder=avatar', 'mutation updateUser'],
          stores: 'user',
          example: { args: [] },
        },
        {
          when: 'with `{filePath}`',
          sends: ['wx.uploadFile POST /api/v2/upload?folder=avatar', 'mutation updateUser'],
          stores: 'user',
          example: { args: (ctx) => [{ filePath: ctx.file('wxfile://tmp_avatar.png') }] },
        },
      ],
      resolves: 'User',
      notes: ['`wx.chooseImage` replaces `wx.chooseMedia` on base libraries without it. Add your Authing host to ' +
        'the **uploadFile legal domain** list.'],
      errors: [
        ['wechat', 'CHOOSE_IMAGE_FAILED', 'the user cancelled, or `wx.chooseMedia` failed'],
        ['network', 'UPLOAD_FAILED', '`wx.uploadFile` failed'],
        ['http', 'HTTP_ERROR, BAD_RESPONSE', 'the upload\'s answer is an error page, or has no `url`'],
      ],
      v4: 'takes the `filePath` of `chooseAvatar`, else `wx.chooseMedia`; the upload carries the token and its ' +
        'answer is checked',
      migrating: 'updateavatar',
    },
  ],
};
