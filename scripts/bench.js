#!/usr/bin/env node
'use strict';
// npm run bench: the package's footprint, start-up, per-request overhead,
// memory and core instruction counts, against the budgets. Prints a table, or
// JSON with --json. Run after npm run build (npm run bench does both).
//
//   1. footprint: each dist/ file raw and brotli, and what a real Build npm
//      (miniprogram-ci packNpm of the npm pack tarball) puts in miniprogram_npm/;
//   2. cold start: a fresh Node process per sample, require → first resolved
//      loginByCode against the local dev server (the test kit's wx.request
//      warmed first; the figure without that warm-up is printed beside it),
//      with the median times at which the package is required and the module
//      loaded;
//   3. overhead: loginByCode + updateProfile + checkLoginStatus through the SDK,
//      minus the same requests sent directly with the fake wx.request, per request;
//      beside it, a minimal client (parse, store, nothing else) and one that
//      only parses each answer, measured alike,
//      and the harness's zero (a client that is the direct part), which shows
//      the measurement's own bias;
//      and, beside it, the same flow with the server's answers recorded once and
//      handed back in-process, so the SDK's own CPU time shows without the
//      loopback server sharing the process with it; then once more with memory
//      walked between the steps, so the SDK starts each one with cold caches;
//   4. memory: wasm linear memory at start and after 10,000 operations, and the
//      JS heap delta over them;
//   5. instructions per operation of the native core (-O3, as in the wasm),
//      counted by callgrind: repeatable, so hot-path changes are measured.

const { execFile, execFileSync } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const { startDevServer } = require('../js/testing/dev-server.js');
const { createFakeWx } = require('../js/testing/fake-wx.js');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const JSON_OUTPUT = process.argv.includes('--json');
const SAMPLES = Number(process.env.BENCH_SAMPLES || 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 300);
const MEMORY_OPERATIONS = 10000;
const BUDGETS = {
  footprintBytes: 128 * 1024,
  coldStartMedianMs: 15,
  overheadMedianUs: 25,
  startMemoryBytes: 1024 * 1024,
  memoryGrowthBytes: 0,
};

function log(text) {
  if (!JSON_OUTPUT) console.log(text);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// --- 1. footprint ---------------------------------------------------------------

async function footprint() {
  const files = fs.readdirSync(DIST).sort().map((file) => {
    const bytes = fs.readFileSync(path.join(DIST, file));
    const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    return { file, raw: bytes.length, brotli: brotli.length };
  });
  const { buildDemo } = require('../tests/miniprogram/lib/build-npm.js');
  // miniprogram-ci logs to stdout, which must stay pure JSON under --json.
  const quiet = ['log', 'info'].map((name) => [name, console[name]]);
  for (const [name] of quiet) console[name] = () => {};
  let built;
  try {
    built = await buildDemo();
  } finally {
    for (const [name, original] of quiet) console[name] = original;
  }
  try {
    const miniprogramNpm = built.files.reduce((sum, file) => sum + fs.statSync(path.join(built.packageDir, file)).size, 0);
    return { files, miniprogramNpmBytes: miniprogramNpm, miniprogramNpmFiles: built.files.length, warnings: built.warnings.length };
  } finally {
    fs.rmSync(built.projectDir, { recursive: true, force: true });
  }
}

// --- 2. cold start --------------------------------------------------------------

// Runs in the child: everything before t0 is set-up: the fake wx, a login
// code, and (unless COLD_KIT is set) one request through the fake
// wx.request, so that the test kit's own first-call costs (its JS compiled
// on first use, Node's HTTP client paths for an answer with a body) are not
// billed to the SDK; a mini program's wx.request is native and warm. The
// warm-up asks for a /__ path, which the dev server neither logs nor acts on.
const COLD_START_CHILD = `
const { createFakeWx } = require(${JSON.stringify(path.join(ROOT, 'js/testing/fake-wx.js'))});
global.wx = createFakeWx({ server: process.env.SERVER_URL, openid: 'o-bench-' + process.pid });
const warmUp = process.env.COLD_KIT ? Promise.resolve() : new Promise((resolve, reject) => {
  global.wx.request({ url: process.env.SERVER_URL + '/__warm-up', method: 'GET', dataType: 'text', responseType: 'text', success: resolve, fail: reject });
});
warmUp.then(() => global.wx.login()).then(({ code }) => {
  const t0 = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const { AuthenticationClient } = require(${JSON.stringify(path.join(DIST, 'index.js'))});
  const phases = { required: ms() };
  const authing = new AuthenticationClient({ userPoolId: process.env.POOL, appId: process.env.APP, host: process.env.SERVER_URL });
  authing._driver.ready.then(() => { phases.ready = ms(); });
  return authing.loginByCode(code).then(() => console.log(JSON.stringify({ ...phases, resolved: ms() })));
});
`;

async function coldStart(server, { coldKit = false } = {}) {
  const samples = [];
  const phases = [];
  for (let i = 0; i < SAMPLES; i++) {
    // Asynchronous on purpose: the dev server answering the child lives in this process.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', COLD_START_CHILD], {
      env: { ...process.env, SERVER_URL: server.url, POOL: server.userPoolId, APP: server.appId, ...(coldKit ? { COLD_KIT: '1' } : {}) },
      encoding: 'utf8',
    });
    const marks = JSON.parse(stdout);
    samples.push(marks.resolved);
    phases.push(marks);
  }
  // Medians of each phase's end: the package evaluated; the module loaded and
  // the core made; the first call resolved.
  const phaseMedians = Object.fromEntries(['required', 'ready'].map((name) => [name + 'Ms', median(phases.map((marks) => marks[name]))]));
  return { samples: samples.length, medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), phases: phaseMedians };
}

// --- 3. overhead per request ------------------------------------------------------

// The dev server and the fake wx log every request they see.
function forgetRequestLogs(server, wx) {
  server.clearRequests();
  wx.__requests.length = 0;
}

function directRequest(wx, { url, method, header, data }) {
  return new Promise((resolve, reject) => {
    wx.request({ url, method, header, data, dataType: 'text', responseType: 'text', success: resolve, fail: reject });
  });
}

// Rounds of loginByCode + updateProfile + checkLoginStatus through the SDK,
// each timed against the same requests sent straight through wx.request
// (with a fresh code for the login); per request, in µs. With `client`, the
// SDK's round only supplies the requests, and `client(wx, request)` replays
// them in its place.
//
// Whichever of the two timed parts runs second finds the server's code and
// data warm from the first, so every other round runs the direct part first
// (in the SDK's own rounds, with the requests of the round before). The test
// kit's request logs are emptied after every round: left to grow, they make
// every garbage collection dearer, and collections land in whichever part
// allocates more.
async function againstDirect(server, openid, client = null) {
  const { AuthenticationClient } = require(path.join(DIST, 'index.js'));
  const wx = createFakeWx({ server: server.url, storage: new Map(), openid });
  global.wx = wx;
  const authing = new AuthenticationClient({ userPoolId: server.userPoolId, appId: server.appId, host: server.url });
  const since = (t0) => Number(process.hrtime.bigint() - t0);
  const sdkRound = async (round) => {
    const { code } = await wx.login();
    const t0 = process.hrtime.bigint();
    await authing.loginByCode(code);
    await authing.updateProfile({ nickname: `bench ${round}` });
    await authing.checkLoginStatus();
    const elapsed = since(t0);
    const sent = wx.__requests.map(({ url, method, header, data }) => ({ url, method, header, data }));
    forgetRequestLogs(server, wx);
    return { elapsed, sent, code };
  };
  const replay = async (sent, code, send) => {
    const { code: fresh } = await wx.login();
    const requests = sent.map((request) => ({ ...request, data: request.data && request.data.replace(code, fresh) }));
    const t0 = process.hrtime.bigint();
    for (const request of requests) await send(wx, request);
    const elapsed = since(t0);
    forgetRequestLogs(server, wx);
    return elapsed;
  };
  const perRequest = [];
  let previous = null;
  for (let round = 0; round < ROUNDS + 30; round++) {
    const directFirst = round % 2 === 1;
    let measured;
    let bare;
    let sent;
    if (client) {
      const supplied = await sdkRound(round);
      sent = supplied.sent;
      const timeClient = async () => { measured = await replay(sent, supplied.code, client); };
      const timeDirect = async () => { bare = await replay(sent, supplied.code, directRequest); };
      if (directFirst) { await timeDirect(); await timeClient(); } else { await timeClient(); await timeDirect(); }
    } else if (directFirst) {
      bare = await replay(previous.sent, previous.code, directRequest);
      ({ elapsed: measured, sent } = previous = await sdkRound(round));
    } else {
      ({ elapsed: measured, sent } = previous = await sdkRound(round));
      bare = await replay(sent, previous.code, directRequest);
    }
    if (round >= 30) perRequest.push((measured - bare) / sent.length / 1000);  // the first (an even number of) rounds warm up
  }
  delete global.wx;
  // A round of each order makes a pair; the pair's mean has the order's share cancelled.
  const pairs = [];
  for (let i = 0; i + 1 < perRequest.length; i += 2) pairs.push((perRequest[i] + perRequest[i + 1]) / 2);
  const sorted = [...pairs].sort((a, b) => a - b);
  return { rounds: ROUNDS, requestsPerRound: 3, pairs: pairs.length, medianUs: median(pairs), p90Us: sorted[Math.floor(sorted.length * 0.9)] };
}

function overhead(server) {
  return againstDirect(server, 'o-bench-overhead');
}

// The harness's zero: a client that sends each request exactly as the direct
// part does. Its figure is the measurement's own bias and noise; any figure
// above is only as good as this one is close to 0.
function nullClientOverhead(server) {
  return againstDirect(server, 'o-bench-null', directRequest);
}

// The least any client does with an answer: JSON.parse it once, and keep nothing.
function parseOnlyClientOverhead(server) {
  return againstDirect(server, 'o-bench-parse-only', (wx, request) => directRequest(wx, request).then((res) => JSON.parse(res.data)));
}

// What the same measurement charges a client that does almost nothing: the
// SDK's requests of a round, replayed with wx.request, each answer parsed
// once and its token and user put to storage, as any client must. The
// harness's own share (the dev server's garbage and cache traffic landing in
// the timed section, the fake storage's copies) shows here; the budget is
// still held against the SDK's figure as measured.
function minimalClientOverhead(server) {
  return againstDirect(server, 'o-bench-minimal', (wx, request) => new Promise((resolve, reject) => {
    wx.request({
      ...request,
      dataType: 'text',
      responseType: 'text',
      success(res) {
        const answer = JSON.parse(res.data);
        const user = answer && typeof answer === 'object' ? answer.data || answer : null;
        if (user && user.token) wx.setStorageSync('_authing_token', user.token);
        wx.setStorageSync('_authing_user', user);
        resolve(user);
      },
      fail: reject,
    });
  }));
}

// The SDK's own time per request: wx.request answers on the next turn with
// answers the dev server gave once, so no socket or server code runs between
// the SDK's steps. Each round is timed against the same number of bare answers.
// With `evictBytes`, each answer first walks that much memory, as other code
// running between the steps would: the SDK then starts with cold caches.
const evictionBuffer = new Float64Array(8 * 1024 * 1024 / 8);
function evictCaches(bytes) {
  let sum = 0;
  for (let i = 0; i < bytes / 8; i += 8) sum += evictionBuffer[i]++;
  return sum;
}

async function inProcessCost(server, { evictBytes = 0, rounds = ROUNDS * 4 } = {}) {
  const { AuthenticationClient } = require(path.join(DIST, 'index.js'));
  const live = createFakeWx({ server: server.url, storage: new Map(), openid: 'o-bench-in-process' });
  const answers = [];
  global.wx = {
    ...live,
    request(params) {
      const success = params.success;
      params.success = (res) => {
        answers.push({ statusCode: res.statusCode, header: res.header, data: res.data });
        success(res);
      };
      return live.request(params);
    },
  };
  // A client of its own, logged in for real once: clients share a core only
  // when their options match, so each variant's timeout differs by a
  // millisecond to get a core, and a session, of its own.
  const options = { userPoolId: server.userPoolId, appId: server.appId, host: server.url, timeout: 9000 - (evictBytes ? 1 : 0) };
  const authing = new AuthenticationClient(options);
  await authing.loginByCode((await live.login()).code);
  await authing.updateProfile({ nickname: 'bench' });
  await authing.checkLoginStatus();
  const storage = new Map();
  let next = 0;
  const replay = {
    ...live,
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => { storage.set(key, value); },
    removeStorageSync: (key) => { storage.delete(key); },
    request(params) {
      const answer = answers[next++ % answers.length];
      setImmediate(() => {
        if (evictBytes) evictCaches(evictBytes);
        params.success({ ...answer });
      });
      return { abort() {} };
    },
  };
  global.wx = replay;
  const bare = () => new Promise((resolve) => replay.request({ success: resolve }));
  const perRequest = [];
  for (let round = 0; round < rounds + 100; round++) {
    next = 0;
    let t0 = process.hrtime.bigint();
    await authing.loginByCode(`in-process-${round}`);
    await authing.updateProfile({ nickname: `bench ${round}` });
    await authing.checkLoginStatus();
    const sdk = Number(process.hrtime.bigint() - t0);
    t0 = process.hrtime.bigint();
    for (let i = 0; i < answers.length; i++) await bare();
    const direct = Number(process.hrtime.bigint() - t0);
    if (round >= 100) perRequest.push((sdk - direct) / answers.length / 1000);
  }
  delete global.wx;
  return { rounds: perRequest.length, evictBytes, medianUs: median(perRequest), p90Us: [...perRequest].sort((a, b) => a - b)[Math.floor(perRequest.length * 0.9)] };
}

// --- 4. memory --------------------------------------------------------------------

async function memory(server) {
  const { AuthenticationClient } = require(path.join(DIST, 'index.js'));
  const wx = createFakeWx({ server: server.url, storage: new Map(), openid: 'o-bench-memory' });
  global.wx = wx;
  // Options of its own (a timeout no other client uses), so a core of its
  // own; the module's memory is read through the client's driver.
  const authing = new AuthenticationClient({ userPoolId: server.userPoolId, appId: server.appId, host: server.url, timeout: 8999 });
  await authing._driver.ready;
  const linear = () => authing._driver.module.HEAP8.buffer.byteLength;
  const atStart = linear();
  await authing.loginByCode((await wx.login()).code);
  const operations = [
    () => authing.getCurrentUser(),
    () => authing.updateProfile({ nickname: '内存 bench' }),
    () => authing.checkLoginStatus(),
  ];
  // The dev server and the fake wx log every request; those logs are the test
  // kit's memory, not the SDK's, so they are emptied as the run goes.
  const forgetLogs = () => forgetRequestLogs(server, wx);
  for (let i = 0; i < 300; i++) await operations[i % 3]();  // warm-up
  forgetLogs();
  const afterWarmUp = linear();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < MEMORY_OPERATIONS; i++) {
    await operations[i % 3]();
    if (i % 100 === 99) forgetLogs();
  }
  forgetLogs();
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  delete global.wx;
  return {
    operations: MEMORY_OPERATIONS,
    linearAtStartBytes: atStart,
    linearAfterWarmUpBytes: afterWarmUp,
    linearAfterBytes: linear(),
    growthAfterWarmUpBytes: linear() - afterWarmUp,
    jsHeapDeltaBytes: heapAfter - heapBefore,
    gcExposed: typeof global.gc === 'function',
  };
}

// --- 5. instructions per operation (callgrind) ------------------------------------

function instructions() {
  const build = path.join(ROOT, 'build', 'bench');
  execFileSync('cmake', ['--preset', 'bench'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync('cmake', ['--build', '--preset', 'bench'], { cwd: ROOT, stdio: 'ignore' });
  const count = (operation, iterations) => {
    const out = path.join(build, `callgrind.${operation}.${iterations}`);
    execFileSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--toggle-collect=authing::Core::*',
      path.join(build, 'core_bench'), operation, String(iterations)], { stdio: 'ignore' });
    const summary = /^summary:\s*(\d+)/m.exec(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
    return Number(summary[1]);
  };
  const ITERATIONS = 200;
  return ['loginByCode', 'updateProfile', 'checkLoginStatus', 'getCurrentUser', 'refreshToken', 'logout'].map((operation) => ({
    operation,
    instructions: Math.round((count(operation, ITERATIONS) - count(operation, 0)) / ITERATIONS),
  }));
}

// --- report -------------------------------------------------------------------------

function verdict(value, budget) {
  return value <= budget ? 'pass' : 'FAIL';
}

async function main() {
  const report = { node: process.version, date: new Date().toISOString() };
  report.footprint = await footprint();
  const server = await startDevServer();
  try {
    report.coldStart = await coldStart(server);
    report.coldStartColdKit = await coldStart(server, { coldKit: true });
    // In-process first: the loopback run leaves a large heap of the dev
    // server's behind, which would bill its garbage collection to the SDK.
    report.inProcess = await inProcessCost(server);
    report.inProcessColdCaches = await inProcessCost(server, { evictBytes: evictionBuffer.byteLength, rounds: ROUNDS });
    report.overhead = await overhead(server);
    report.minimalClient = await minimalClientOverhead(server);
    report.parseOnlyClient = await parseOnlyClientOverhead(server);
    report.nullClient = await nullClientOverhead(server);
    report.memory = await memory(server);
  } finally {
    await server.close();
  }
  report.instructions = instructions();
  report.budgets = [
    { name: 'miniprogram_npm/ after Build npm', value: report.footprint.miniprogramNpmBytes, budget: BUDGETS.footprintBytes, unit: 'B' },
    { name: 'cold start, median', value: report.coldStart.medianMs, budget: BUDGETS.coldStartMedianMs, unit: 'ms' },
    { name: 'SDK overhead per request, median', value: report.overhead.medianUs, budget: BUDGETS.overheadMedianUs, unit: 'µs' },
    { name: 'linear memory at start', value: report.memory.linearAtStartBytes, budget: BUDGETS.startMemoryBytes, unit: 'B' },
    { name: `linear memory growth over ${MEMORY_OPERATIONS} operations`, value: report.memory.growthAfterWarmUpBytes, budget: BUDGETS.memoryGrowthBytes, unit: 'B' },
  ].map((row) => ({ ...row, result: verdict(row.value, row.budget) }));

  if (JSON_OUTPUT) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const f = report.footprint;
    log('Footprint (bytes)                     raw    brotli');
    for (const row of f.files) log(`  dist/${row.file.padEnd(28)} ${String(row.raw).padStart(7)} ${String(row.brotli).padStart(9)}`);
    log(`  miniprogram_npm/authing-wxapp-sdk/ after Build npm: ${f.miniprogramNpmBytes} bytes in ${f.miniprogramNpmFiles} files (${f.warnings} warnings)`);
    const c = report.coldStart;
    log(`\nCold start, require → first resolved loginByCode (${c.samples} fresh processes)`);
    log(`  median ${c.medianMs.toFixed(1)} ms, min ${c.minMs.toFixed(1)} ms, max ${c.maxMs.toFixed(1)} ms`);
    log(`  medians of each phase's end: package required ${c.phases.requiredMs.toFixed(1)} ms, module loaded and core made ${c.phases.readyMs.toFixed(1)} ms`);
    const k = report.coldStartColdKit;
    log(`  without warming the fake wx.request first: median ${k.medianMs.toFixed(1)} ms, min ${k.minMs.toFixed(1)} ms, max ${k.maxMs.toFixed(1)} ms`);
    const o = report.overhead;
    log(`\nSDK overhead per request (${o.rounds} rounds of loginByCode + updateProfile + checkLoginStatus, minus the same requests sent directly; median over ${o.pairs} pairs of rounds, one of each order)`);
    log(`  median ${o.medianUs.toFixed(1)} µs, p90 ${o.p90Us.toFixed(1)} µs`);
    log(`  a minimal client measured the same way (parse each answer, store token and user, nothing else): median ${report.minimalClient.medianUs.toFixed(1)} µs`);
    log(`  a client that only JSON.parses each answer, measured the same way: median ${report.parseOnlyClient.medianUs.toFixed(1)} µs`);
    log(`  the harness's zero (a client that sends each request as the direct part does): median ${report.nullClient.medianUs.toFixed(1)} µs`);
    const p = report.inProcess;
    log(`  the same flow with recorded answers handed back in-process (${p.rounds} rounds): median ${p.medianUs.toFixed(1)} µs, p90 ${p.p90Us.toFixed(1)} µs`);
    const e = report.inProcessColdCaches;
    log(`  the same, with ${e.evictBytes / 1048576} MB of memory walked before each answer (${e.rounds} rounds): median ${e.medianUs.toFixed(1)} µs, p90 ${e.p90Us.toFixed(1)} µs`);
    const m = report.memory;
    log(`\nMemory over ${m.operations} operations`);
    log(`  wasm linear memory: ${m.linearAtStartBytes} B at start, ${m.linearAfterWarmUpBytes} B after warm-up, ${m.linearAfterBytes} B after`);
    log(`  JS heap delta: ${m.jsHeapDeltaBytes} B${m.gcExposed ? '' : ' (run node --expose-gc for a settled figure)'}`);
    log('\nNative core instructions per operation (callgrind, -O3)');
    for (const row of report.instructions) log(`  ${row.operation.padEnd(18)} ${String(row.instructions).padStart(9)}`);
    log('\nBudgets');
    for (const row of report.budgets) {
      const value = Number.isInteger(row.value) ? row.value : row.value.toFixed(1);
      log(`  ${row.result.padEnd(5)} ${row.name}: ${value} ${row.unit} (budget ${row.budget} ${row.unit})`);
    }
  }
  if (report.budgets.some((row) => row.result !== 'pass')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
