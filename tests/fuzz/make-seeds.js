#!/usr/bin/env node
'use strict';
// Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) from the
// shared fixtures, so the fuzzers start from every answer shape and argument
// the tests know. The output is committed; run this again when the fixtures
// change (--check says whether it needs to). File names are content hashes,
// so reruns are stable.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(__dirname, 'corpus');
const SEP = '\n--\n';
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const fixture = (name) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
// tests/fixtures/operations/*.json, in name order, as one list.
const operationCases = () => fs.readdirSync(path.join(FIXTURES, 'operations')).filter((file) => file.endsWith('.json')).sort()
  .flatMap((file) => fixture(path.join('operations', file)).cases);

// A token like the ones the fixtures use: header.claims.signature, unsigned.
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u-1', iat: 1699999940, exp: 1702592000, userpool_id: 'pool-1' })}.c2ln`;
const VARS = { code: 'c1', iv: 'aXY=', encryptedData: 'ZW5j', sessionToken: TOKEN, userId: 'u-1', phoneCode: 'pc1' };

function substitute(value) {
  if (typeof value === 'string') {
    const match = /^\{\{(\w+)\}\}$/.exec(value);
    return match && match[1] in VARS ? VARS[match[1]] : value;
  }
  if (Array.isArray(value)) return value.map(substitute);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
  return value;
}

// Generated bodies are kept small here: the fuzzers grow what they need.
function body(response) {
  if ('body' in response) return response.body;
  if ('json' in response) return JSON.stringify(substitute(response.json));
  if (response.generate.kind === 'nested') return '['.repeat(100) + ']'.repeat(100);
  return '{"code":200,"message":"ok","data":{"padding":"aaaa"}}';
}

function answer(response) {
  return `${response.status}\n${JSON.stringify(response.headers || {})}\n${body(response)}`;
}

const seeds = { responses: [], jwt: [], json: [], session: [], arguments: [] };

// Every answer the fixtures know, to the call it answers.
const head = (row, flags = '') => `${row.op} ${row.loggedIn ? 1 : 0}${flags} ${JSON.stringify(substitute(row.call))}`;
for (const row of fixture('responses.json').cases) seeds.responses.push(`${head(row)}${SEP}${answer(row.response)}`);
for (const row of operationCases()) {
  if (row.answer) seeds.responses.push(`${head(row)}${SEP}${answer(row.answer)}`);
}
seeds.responses.push(`getCurrentUser 1+ []${SEP}fail {"fail":{"errMsg":"request:fail timeout","errno":5}}`);
seeds.responses.push(`getCurrentUser 1 []${SEP}fail {"oversize":{"status":200,"length":3000000}}`);
seeds.responses.push(`loginByCode 0 []${SEP}fail {"fail":{"errMsg":"login:fail"}}`);
seeds.responses.push(`loginByCode 0 []${SEP}fail {"value":"c2"}${SEP}200\n{}\n{"code":200,"message":"ok","data":{"id":"u-1","token":"${TOKEN}"}}`);
// WeChat busy: the back-off (a delay the engine serves), then the retry.
seeds.responses.push(`loginByCode 0 ["c1"]${SEP}200\n{}\n{"code":-1,"message":"system error"}${SEP}fail {"value":"c2"}${SEP}200\n{}\n{"code":-1,"message":"system error"}`);
// The phone code: signin-by-mobile, then the id_token's user.
seeds.responses.push(`loginByPhone 0 [{"code":"pc1"}]${SEP}fail {"value":"c1"}${SEP}200\n{}\n{"statusCode":200,"data":{"id_token":"${TOKEN}"}}${SEP}200\n{}\n{"data":{"user":{"id":"u-1"}}}`);

seeds.jwt.push(TOKEN, TOKEN.split('.').slice(0, 2).join('.'), 'a.b.c', `${TOKEN.split('.')[0]}.e30.`, '');
for (const row of fixture('responses.json').cases) {
  const token = row.expect && row.expect.tokenAfter;
  if (token && !token.startsWith('{{')) seeds.jwt.push(token);
}

for (const row of fixture('responses.json').cases) seeds.json.push(body(row.response));
seeds.json.push(
  '{"a":1,"a":2}', '[-0,1e2,1.5E-3,18446744073709551616,-9223372036854775809]', '"\\ud83d\\ude00 \\u4e2d"',
  '\ufeff{}', '[1,]', '"\\ud800"', '1e400', '"\t"', '{"k":[true,false,null,{}]}',
);

const v4User = { id: 'u-1', nickname: 'Bob', token: TOKEN, password: '$2b$10$hash', salt: 'f00d', identities: [{ provider: 'wechat' }] };
seeds.session.push(
  `${JSON.stringify(TOKEN)}${SEP}${JSON.stringify(v4User)}`,
  `""${SEP}${JSON.stringify(v4User)}`,
  `42${SEP}null`,
  `${JSON.stringify(TOKEN.slice(0, 30))}${SEP}"not a user"`,
  `${JSON.stringify(TOKEN)}${SEP}{"id":"someone-else"}`,
);

const OPTIONS = [
  { userPoolId: 'pool-1', appId: 'app-1' },
  { userPoolId: 'pool-1', host: 'http://127.0.0.1:3000', timeout: 5000, lang: 'en-US' },
  { appId: 'app-1', appHost: 'https://example.authing.cn/', token: TOKEN },
];
operationCases().forEach((row, i) => {
  const options = { ...OPTIONS[i % OPTIONS.length], ...row.options };
  seeds.arguments.push(`${JSON.stringify(options)}${SEP}${row.op}${SEP}${JSON.stringify(substitute(row.call))}`);
});

// With --check, nothing is written: the run fails when the committed seeds
// are not what the fixtures give (a test runs it so).
const check = process.argv.includes('--check');
const stale = [];
for (const [target, inputs] of Object.entries(seeds)) {
  const dir = path.join(CORPUS, target);
  const files = new Map(inputs.map((input) => [crypto.createHash('sha1').update(input).digest('hex'), input]));
  if (check) {
    const present = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    const same = present.length === files.size && present.every((file) => files.get(file) === fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!same) stale.push(target);
    continue;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, input] of files) fs.writeFileSync(path.join(dir, file), input);
  console.log(`tests/fuzz/corpus/${target}: ${inputs.length} seeds`);
}
if (stale.length) {
  console.error(`tests/fuzz/corpus/ is not what the fixtures give for ${stale.join(', ')}: run node tests/fuzz/make-seeds.js`);
  process.exit(1);
}
