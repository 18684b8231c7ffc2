'use strict';
// The one source of docs/api.md: every public method of AuthenticationClient,
// by group. scripts/api-doc.js renders it, and tests/js/api-doc.test.js holds
// it to the built package: the method names and argument names against the
// core's operation table, each case's requests and storage against what the
// package does in the sandbox over HTTP to the dev server.
//
// A method entry:
//   name          the method
//   signatures    how a page calls it, v4's argument names, `?` for optional;
//                 the first one names every argument of the operation
//   spellings     other argument names a later signature uses, and what they are
//   does          one or two sentences
//   args          notes on some arguments, by name
//   session       whether it needs a session (the operation table's `login`)
//   sessionNote   when that depends on the arguments
//   withoutSession  what it does without one, when it does not reject with
//                 `session` / 2020: {resolves: value} (the value, or a part of it)
//   sync          a synchronous method (not in the operation table)
//   unsupported   rejects at once with kind `unsupported`
//   cases         [{when, sends, stores, example}]:
//     sends       what leaves the phone, in order: 'GET /path?key={value}',
//                 'query field' / 'mutation field' (a GraphQL root field, sent
//                 as POST /graphql/v2), 'wx.login', 'wx.chooseMedia',
//                 'wx.uploadFile POST /path'; or [step, note]
//     stores      'session' (both keys written), 'user' (`_authing_user`
//                 written), 'cleared' (both removed), 'nothing', or
//                 {token, user}: 'written' | 'removed' | 'untouched'
//     example     {args, options, login, as}: args (an array, or a function of
//                 the test's ctx, maybe async, that sets up what the call needs)
//                 and client options (or a function of ctx); login: call after
//                 a WeChat login (default: when the method needs a session);
//                 as: log in as a seeded user with these fields instead
//   resolves      the result's type as types/*.d.ts names it
//   notes         sentences worth knowing
//   errors        [kind, codes, when], beyond the common ones
//   v4            how it differs from v4 (null: it does not)
//   migrating     the heading of its entry in docs/migrating-from-v4.md
//
// The ctx the examples get (tests/js/api-doc.test.js makes it): server (the
// dev server), user (the session's user, when logged in), serverUser() (that
// user as the server holds it), wxCode(), phoneDetail(phone),
// phoneCodeDetail(phone), smsCode(phone), emailCode(email, scene),
// seedUser(fields), tokenOf(user), wechatUser(), file(path), post(path, body),
// extIdpConnidentifier.

const client = require('./client.js');

const GROUPS = ['wechat', 'session', 'logins', 'account', 'data', 'local'].map((name) => {
  const group = require(`./${name}.js`);
  return { id: name, ...group };
});

function methods() {
  return GROUPS.flatMap((group) => group.methods.map((method) => ({ ...method, group: group.id })));
}

module.exports = { GROUPS, methods, ...client };
