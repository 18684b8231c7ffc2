#!/usr/bin/env node
'use strict';
// npm run bench: this package beside Authing's own v4 package
// (authing-wxapp-sdk@4.3.22-alpha.7, installed into bench/v4/ for the bench
// alone), both measured the same way in one interleaved run, with the same
// fake wx and dev server. Prints each figure for both and their ratio, and the
// budgets; JSON only with --json. Exits with 1 when a budget fails. Run after
// npm run build (npm run bench does both), with node --expose-gc.
//
//   1. own time per request: loginByCode + updateProfile + checkLoginStatus
//      with the server's answers recorded once per package and handed back
//      in-process, against bare answers (scripts/bench/in-process.js);
//   2. cold start: a fresh Node process per sample, require → first resolved
//      loginByCode against the dev server, the packages taking turns
//      (scripts/bench/cold-start-child.js);
//   3. memory over 10,000 operations, each package in a process of its own:
//      this package's wasm linear memory, and both packages' JS heap and RSS
//      (scripts/bench/memory-child.js);
//   4. what Build npm adds to miniprogram_npm/ (scripts/bench/footprint.js);
//   5. instructions per operation of the native core, counted by callgrind
//      (scripts/bench/instructions.js).
//
// Measures 1 to 3 run three times, each run of one interleaved with the runs
// of the others; a ratio's budget holds the median of its three runs' ratios.

const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');

const { startDevServer } = require('../js/testing/dev-server.js');
const { PACKAGES, NAMES, ensureV4 } = require('./bench/packages.js');
const { recordAll, inProcessRun } = require('./bench/in-process.js');
const { footprint } = require('./bench/footprint.js');
const { instructions } = require('./bench/instructions.js');
const { median } = require('./bench/stats.js');

const JSON_OUTPUT = process.argv.includes('--json');
const RUNS = 3;
// Per package and run. Smaller values make a quick check; the budgets are
// judged at the defaults.
const SAMPLES = Number(process.env.BENCH_SAMPLES || 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3000);
const MEMORY_OPERATIONS = Number(process.env.BENCH_OPERATIONS || 10000);
const BUDGETS = {
  ownTimeRatio: 1.0,
  coldStartRatio: 0.5,
  miniprogramNpmBytes: 128 * 1024,
  linearAtStartBytes: 1024 * 1024,
  linearGrowthBytes: 0,
};

function log(text) {
  if (!JSON_OUTPUT) console.log(text);
}

const both = (make) => Object.fromEntries(NAMES.map((name) => [name, make(name)]));
const turns = (index) => (index % 2 ? NAMES : [...NAMES].reverse());

// Asynchronous on purpose: the dev server answering the child lives in this process.
async function child(file, name, server, { env = {}, nodeOptions = [] } = {}) {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeOptions, path.join(__dirname, 'bench', file)], {
    env: { ...process.env, ...env, BENCH_PACKAGE: name, SERVER_URL: server.url, POOL: server.userPoolId, APP: server.appId },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

// Every request the dev server saw must have gone through the fake wx.request.
function checkAllThroughWx(server, sent, what) {
  const seen = server.requests().length;
  server.clearRequests();
  if (seen !== sent) throw new Error(`${what}: the dev server saw ${seen} requests, the fake wx.request sent ${sent}`);
}

async function coldStartRun(server) {
  const marks = both(() => []);
  for (let i = 0; i < SAMPLES; i++) {
    for (const name of turns(i)) marks[name].push(await child('cold-start-child.js', name, server));
  }
  checkAllThroughWx(server, NAMES.reduce((sum, name) => sum + marks[name].reduce((n, mark) => n + mark.wxRequests, 0), 0), 'cold start');
  const medianOf = (list, key) => (list[0][key] === undefined ? null : median(list.map((mark) => mark[key])));
  return both((name) => ({
    samples: marks[name].length,
    medianMs: medianOf(marks[name], 'resolved'),
    requiredMs: medianOf(marks[name], 'required'),
    readyMs: medianOf(marks[name], 'ready'),
  }));
}

async function memoryRun(server, run) {
  const figures = {};
  for (const name of turns(run)) {
    figures[name] = await child('memory-child.js', name, server, { env: { OPERATIONS: String(MEMORY_OPERATIONS) }, nodeOptions: ['--expose-gc'] });
    checkAllThroughWx(server, figures[name].wxRequests, `memory (${name})`);
  }
  return figures;
}

// Per package, the median over the runs of `pick(run figures)`; and the ratio
// of this package's to v4's, per run and the median of those.
function summarize(runs, pick) {
  const values = both((name) => runs.map((run) => pick(run[name])));
  const ratios = runs.map((run) => pick(run.this) / pick(run.v4));
  return { this: median(values.this), v4: median(values.v4), runs: values, ratios, ratio: median(ratios) };
}

async function measure() {
  const report = {
    node: process.version,
    date: new Date().toISOString(),
    packages: both((name) => PACKAGES[name].label),
    settings: { runs: RUNS, coldStartSamples: SAMPLES, inProcessRounds: ROUNDS, memoryOperations: MEMORY_OPERATIONS },
    runs: [],
  };
  const server = await startDevServer();
  try {
    const recorded = await recordAll(server);
    for (let run = 0; run < RUNS; run++) {
      log(`run ${run + 1} of ${RUNS}…`);
      const coldStart = await coldStartRun(server);
      global.gc?.();
      const inProcess = await inProcessRun(recorded, ROUNDS);
      const memory = await memoryRun(server, run);
      report.runs.push({ coldStart, inProcess, memory });
    }
  } finally {
    await server.close();
  }
  const of = (key) => report.runs.map((run) => run[key]);
  report.ownTime = summarize(of('inProcess'), (figures) => figures.medianUs);
  report.ownTimeP90 = summarize(of('inProcess'), (figures) => figures.p90Us);
  report.ownTimeWithAnswerParse = summarize(of('inProcess'), (figures) => figures.withAnswerParseUs);
  report.coldStart = summarize(of('coldStart'), (figures) => figures.medianMs);
  report.coldStartRequired = summarize(of('coldStart'), (figures) => figures.requiredMs);
  report.coldStartReadyMs = median(of('coldStart').map((figures) => figures.this.readyMs));
  report.memory = Object.fromEntries(['heapDeltaBytes', 'rssAfterWarmUpBytes', 'rssDeltaBytes', 'maxRssBytes']
    .map((key) => [key, summarize(of('memory'), (figures) => figures[key])]));
  const linear = of('memory').map((figures) => figures.this);
  // Linear memory must be flat in every run, so the largest of each is held to the budget.
  report.memory.linear = {
    atStartBytes: Math.max(...linear.map((figures) => figures.linearAtStartBytes)),
    afterWarmUpBytes: Math.max(...linear.map((figures) => figures.linearAfterWarmUpBytes)),
    growthBytes: Math.max(...linear.map((figures) => figures.linearGrowthBytes)),
  };
  return report;
}

function budgets(report) {
  return [
    // v4 has wx.request parse each answer (dataType json), on the same JS
    // thread in a mini program; this package parses its answers itself. The
    // budget compares both with that parse billed to the package that asks for it.
    { name: 'own time per request, answers\' parse billed, this / v4', value: report.ownTimeWithAnswerParse.ratio, budget: BUDGETS.ownTimeRatio, unit: '×' },
    { name: 'cold start, this / v4', value: report.coldStart.ratio, budget: BUDGETS.coldStartRatio, unit: '×' },
    { name: 'miniprogram_npm/ after Build npm', value: report.footprint.this.bytes, budget: BUDGETS.miniprogramNpmBytes, unit: 'B' },
    { name: 'wasm linear memory at start', value: report.memory.linear.atStartBytes, budget: BUDGETS.linearAtStartBytes, unit: 'B' },
    { name: `wasm linear memory growth over ${MEMORY_OPERATIONS} operations`, value: report.memory.linear.growthBytes, budget: BUDGETS.linearGrowthBytes, unit: 'B' },
  ].map((row) => ({ ...row, result: row.value <= row.budget ? 'pass' : 'FAIL' }));
}

// --- table --------------------------------------------------------------------------

function number(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(digits);
}

function row(label, a, b, ratio, digits) {
  const ratioText = ratio === undefined ? '' : number(ratio, 3);
  log(`  ${label.padEnd(60)} ${number(a, digits).padStart(12)} ${number(b, digits).padStart(12)} ${ratioText.padStart(8)}`);
}

function printReport(report) {
  const r = report.runs.length;
  log(`\n${''.padEnd(62)} ${'this'.padStart(12)} ${'v4'.padStart(12)} ${'this/v4'.padStart(8)}`);
  log(`Own time per request, µs (in-process answers; median over ${r} runs of ${report.runs[0].inProcess.this.rounds} rounds each)`);
  row('median', report.ownTime.this, report.ownTime.v4, report.ownTime.ratio);
  row('p90', report.ownTimeP90.this, report.ownTimeP90.v4, report.ownTimeP90.ratio);
  row('median, with the answers\' JSON.parse by wx.request billed', report.ownTimeWithAnswerParse.this, report.ownTimeWithAnswerParse.v4, report.ownTimeWithAnswerParse.ratio);
  log(`  ratio in each run, answers' parse billed: ${report.ownTimeWithAnswerParse.ratios.map((ratio) => ratio.toFixed(3)).join(', ')}`);
  const c = report.runs[0].coldStart.this;
  log(`Cold start, ms: require → first resolved loginByCode (median over ${r} runs of ${c.samples} fresh processes each)`);
  row('median', report.coldStart.this, report.coldStart.v4, report.coldStart.ratio);
  row('package required', report.coldStartRequired.this, report.coldStartRequired.v4, report.coldStartRequired.ratio);
  row('module loaded and core made', report.coldStartReadyMs, null);
  log(`  ratio in each run: ${report.coldStart.ratios.map((ratio) => ratio.toFixed(3)).join(', ')}`);
  const m = report.memory;
  log(`Memory over ${MEMORY_OPERATIONS} operations after a warm-up, bytes (a process per package; median over ${r} runs)`);
  row('wasm linear memory at start (largest of the runs)', m.linear.atStartBytes, null);
  row('wasm linear memory after warm-up (largest of the runs)', m.linear.afterWarmUpBytes, null);
  row('wasm linear memory growth (largest of the runs)', m.linear.growthBytes, null);
  row('JS heap delta (after gc)', m.heapDeltaBytes.this, m.heapDeltaBytes.v4);
  row('RSS after warm-up', m.rssAfterWarmUpBytes.this, m.rssAfterWarmUpBytes.v4, m.rssAfterWarmUpBytes.ratio);
  row('RSS delta', m.rssDeltaBytes.this, m.rssDeltaBytes.v4);
  row('peak RSS', m.maxRssBytes.this, m.maxRssBytes.v4, m.maxRssBytes.ratio);
  const f = report.footprint;
  log('Build npm (miniprogram-ci packNpm of the demo), bytes');
  row('added to miniprogram_npm/', f.this.bytes, f.v4.bytes, f.this.bytes / f.v4.bytes);
  row('files / packages', `${f.this.files} / ${f.this.packages}`, `${f.v4.files} / ${f.v4.packages}`);
  row('source maps written beside them', f.this.sourceMapBytes, f.v4.sourceMapBytes);
  for (const file of f.distFiles) row(`dist/${file.file}, raw / brotli`, `${number(file.raw)} / ${number(file.brotli)}`, null);
  log('\nNative core instructions per operation (callgrind, -O3)');
  if (report.instructions.error) log(`  not measured: ${report.instructions.error}`);
  else for (const entry of report.instructions) log(`  ${entry.operation.padEnd(18)} ${String(entry.instructions).padStart(9)}`);
  log('\nBudgets');
  for (const entry of report.budgets) {
    log(`  ${entry.result.padEnd(5)} ${entry.name}: ${number(entry.value, 3)} ${entry.unit} (budget ≤ ${number(entry.budget)} ${entry.unit})`);
  }
}

async function main() {
  ensureV4(log);
  const started = Date.now();
  const report = await measure();
  log('Build npm, both packages…');
  report.footprint = await footprint();
  try {
    report.instructions = instructions();
  } catch (error) {
    report.instructions = { error: error.message.split('\n')[0] };
  }
  report.budgets = budgets(report);
  report.seconds = Math.round((Date.now() - started) / 1000);
  if (JSON_OUTPUT) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  if (report.budgets.some((entry) => entry.result !== 'pass')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
