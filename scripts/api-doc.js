#!/usr/bin/env node
'use strict';
// docs/api.md, generated from docs/api/*.js (the one description of every
// public method), so that the reference says what tests/js/api-doc.test.js
// checks against the package.
//
//   node scripts/api-doc.js           prints docs/api.md
//   node scripts/api-doc.js --write   writes it

const fs = require('node:fs');
const path = require('node:path');

const api = require('../docs/api/index.js');

const OUTPUT = path.join(__dirname, '..', 'docs', 'api.md');
const MIGRATING = 'migrating-from-v4.md';
const KEYS = { token: '_authing_token', user: '_authing_user' };

// The anchor GitHub gives a heading.
function slug(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|');
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

// "2001, 2300" -> "`2001`, `2300`"; prose ("Authing's number") stays prose.
function codes(text) {
  return text.split(', ').map((code) => (/^[\w.-]+$/.test(code) ? `\`${code}\`` : code)).join(', ');
}

// A value as a page would write it: {code: 2020, status: false}.
function literal(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.entries(value).map(([key, item]) => `${key}: ${literal(item)}`).join(', ')}}`;
}

// One entry of `sends` as prose.
function step(entry) {
  const [text, note] = Array.isArray(entry) ? entry : [entry];
  let shown;
  const graphql = /^(query|mutation) (\w+)$/.exec(text);
  const upload = /^(wx\.uploadFile) (.+)$/.exec(text);
  if (graphql) shown = `GraphQL ${graphql[1]} \`${graphql[2]}\``;
  else if (upload) shown = `\`${upload[1]}\` to \`${upload[2]}\``;
  else shown = `\`${text}\``;
  return note ? `${shown} (${note})` : shown;
}

function sends(list) {
  return list.length === 0 ? 'nothing' : list.map(step).join(' → ');
}

function stores(value) {
  if (value === 'session') return '`_authing_token` and `_authing_user` written with the new session';
  if (value === 'user') return '`_authing_user` updated with the answer\'s user; `_authing_token` untouched';
  if (value === 'cleared') return '`_authing_token` and `_authing_user` removed';
  if (value === 'nothing') return 'nothing';
  return Object.entries(KEYS).map(([key, name]) => `\`${name}\` ${value[key]}`).join(', ');
}

function session(method) {
  if (!method.session) return 'not needed';
  const needed = method.sessionNote ? `needed, ${method.sessionNote}` : 'needed';
  const without = method.withoutSession
    ? `resolves \`${literal(method.withoutSession.resolves)}\`${method.withoutSession.resolves !== null &&
      typeof method.withoutSession.resolves === 'object' ? ' (and the rest of the type)' : ''}`
    : 'rejects with `session` / `2020`';
  return `${needed}; without one it ${without} and sends nothing`;
}

function result(method) {
  if (method.unsupported) return '**Resolves:** never; rejects at once';
  const type = method.resolves === 'void' ? '`undefined`' : `\`${method.resolves}\``;
  return `**${method.sync ? 'Returns' : 'Resolves'}:** ${type}`;
}

function sendsAndStores(method) {
  const lines = [];
  const cases = method.cases;
  const sameStores = cases.every((item) => JSON.stringify(item.stores) === JSON.stringify(cases[0].stores));
  if (cases.length === 1) {
    lines.push(`- **Sends:** ${sends(cases[0].sends)}`);
  } else {
    lines.push(sameStores ? '- **Sends:**' : '- **Sends and stores:**');
    for (const item of cases) {
      const stored = sameStores ? '' : `; stores ${stores(item.stores)}`;
      lines.push(`  - ${item.when}: ${sends(item.sends)}${stored}`);
    }
  }
  if (sameStores) lines.push(`- **Stores:** ${stores(cases[0].stores)}`);
  return lines;
}

// A fact with several items: one line for one item, a nested list for more.
function listed(label, items) {
  if (items.length === 0) return [];
  if (items.length === 1) return [`- **${label}:** ${items[0]}`];
  return [`- **${label}:**`, ...items.map((item) => `  - ${item}`)];
}

function methodSection(method) {
  // Compact: a heading, a fence, a paragraph and a list need no blank line between them.
  const lines = [`### ${method.name}`, '```js', ...method.signatures, '```',
    method.sync ? `*Synchronous.* ${method.does}` : method.does];
  const args = { ...(method.args || {}) };
  for (const [name, text] of Object.entries(method.spellings || {})) args[name] = text;
  lines.push(...listed('Arguments', Object.entries(args).map(([name, text]) => `\`${name}\`: ${text}`)));
  lines.push(`- **Session:** ${session(method)}`);
  lines.push(...sendsAndStores(method));
  lines.push(`- ${result(method)}`);
  lines.push(...listed('Errors', method.errors.map(([kind, code, when]) => `\`${kind}\` / ${codes(code)}: ${when}`)));
  const v4 = method.v4 === null ? 'no' : `${method.v4} ([more](${MIGRATING}#${method.migrating}))`;
  lines.push(`- **Differs from v4:** ${v4}`);
  for (const note of method.notes || []) lines.push('', note);
  lines.push('');
  return lines.join('\n');
}

function contents() {
  const lines = ['- [The client](#the-client)', '- [Events](#events)',
    '- [Errors every method can give](#errors-every-method-can-give)'];
  for (const group of api.GROUPS) {
    const links = group.methods.map((method) => `[\`${method.name}\`](#${slug(method.name)})`);
    lines.push(`- [${group.title}](#${slug(group.title)}): ${links.join(', ')}`);
  }
  return lines.join('\n');
}

function render() {
  const parts = [
    '# API reference',
    '',
    '<!-- Generated by scripts/api-doc.js from docs/api/*.js: edit those, then run ' +
      '`node scripts/api-doc.js --write`. tests/js/api-doc.test.js checks both against the package. -->',
    '',
    'Every public method of `AuthenticationClient`, with v4\'s names and argument orders. Each returns a ' +
      'promise that resolves with the result named here (the type names are those of the package\'s ' +
      'typings, `types/index.d.ts`) or rejects with an `AuthingError`, except the methods marked *synchronous*. Moving from ' +
      `Authing's v4 package? See [migrating from v4](${MIGRATING}).`,
    '',
    'How to read a method: **Sends** lists what leaves the phone, in order. Every request goes to the base URL ' +
      '(`appHost`, else `host`) with the headers `x-authing-userpool-id`, `x-authing-app-id`, ' +
      '`x-authing-request-from: wxapp` and `x-authing-sdk-version`, and `Authorization: Bearer <token>` when ' +
      'there is a session; a GraphQL query or mutation is a `POST /graphql/v2`. **Stores** says what happens ' +
      'to the two wx storage keys of the session, `_authing_token` and `_authing_user` (v4\'s keys). Before ' +
      'a call that needs a session, the SDK may first refresh a token in the last quarter of its life ' +
      '(GraphQL mutation `refreshToken`), once for all callers.',
    '',
    contents(),
    '',
    '## The client',
    '',
    '```js',
    'const { AuthenticationClient, AuthingError } = require("authing-wxapp-sdk");',
    'const authing = new AuthenticationClient({ userPoolId: "YOUR_USERPOOL_ID", appId: "YOUR_APP_ID" });',
    '```',
    '',
    api.CONSTRUCTOR.join('\n\n'),
    '',
    table(['option', 'default', 'meaning'], api.OPTIONS.map(([name, fallback, meaning]) => [`\`${name}\``, fallback,
      meaning])),
    '',
    '## Events',
    '',
    'Subscribe with [`on`](#on) (it returns a function that unsubscribes) and unsubscribe with [`off`](#off). ' +
      'Events are the session\'s, so every client built with the same options sees them.',
    '',
    table(['event', 'listener gets', 'when'], api.EVENTS.map((event) => [`\`${event.name}\``, `\`${event.payload}\``,
      event.does])),
    '',
    'The `reason` of `loginStateChange`:',
    '',
    table(['reason', 'when'], api.REASONS.map(([reason, when]) => [`\`"${reason}"\``, when])),
    '',
    '## Errors every method can give',
    '',
    'Every method rejects only with `AuthingError` (it `extends Error`), with `kind` (for program logic), ' +
      '`code`, `message`, `data`, and when known `statusCode`, `apiCode`, `requestId`. The `onError` option is ' +
      'called once before each rejection. Besides the errors each method lists, any method can give these:',
    '',
    table(['kind', 'code', 'when'], api.COMMON_ERRORS.map(([kind, code, when]) => [codes(kind), codes(code), when])),
    '',
  ];
  for (const group of api.GROUPS) {
    parts.push(`## ${group.title}`, '', group.intro, '');
    for (const method of group.methods) parts.push(methodSection(method));
  }
  return `${parts.join('\n').replace(/\n+$/, '')}\n`;
}

function main() {
  const text = render();
  if (process.argv.includes('--write')) fs.writeFileSync(OUTPUT, text);
  else process.stdout.write(text);
}

if (require.main === module) main();

module.exports = { render, slug, OUTPUT, MIGRATING };
