#!/usr/bin/env node
'use strict';
// Runs the libFuzzer targets of the core (CMake preset "sanitize": clang,
// ASan + UBSan, leak checks on), each from its seed corpus in tests/fuzz/corpus/.
//
//   node scripts/fuzz.js                  npm test's smoke run: a fixed number of runs per target, fixed seed
//   node scripts/fuzz.js --seconds 600    npm run fuzz: each target for that long
//   node scripts/fuzz.js --runs 100000 fuzz_jwt
//
// Long runs keep new inputs in build/fuzz-corpus/<target>/ (the seeds stay as committed);
// a crash, sanitizer report or leak is written to build/fuzz-artifacts/ and
// fails the run.

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const build = path.join(root, 'build', 'sanitize');
// Smoke-run sizes: a few seconds each on 2 cores under the sanitizers.
const TARGETS = {
  fuzz_responses: { seeds: 'responses', runs: 8000 },
  fuzz_session: { seeds: 'session', runs: 3000 },
  fuzz_arguments: { seeds: 'arguments', runs: 20000 },
  fuzz_jwt: { seeds: 'jwt', runs: 100000 },
  fuzz_json: { seeds: 'json', runs: 200000 },
};

function option(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : undefined;
}

function build_() {
  execFileSync('cmake', ['--preset', 'sanitize'], { cwd: root, stdio: 'inherit' });
  execFileSync('cmake', ['--build', '--preset', 'sanitize'], { cwd: root, stdio: 'inherit' });
}

function fuzz(target, { seeds, runs }, limits) {
  // The smoke run starts from the seeds alone, so it does the same work every
  // time; longer runs keep what they find in build/fuzz-corpus/.
  const corpus = limits.seconds
    ? path.join(root, 'build', 'fuzz-corpus', seeds)
    : fs.mkdtempSync(path.join(os.tmpdir(), `authing-${target}-`));
  const artifacts = path.join(root, 'build', 'fuzz-artifacts');
  fs.mkdirSync(corpus, { recursive: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const args = [
    limits.seconds ? `-max_total_time=${limits.seconds}` : `-runs=${limits.runs || runs}`,
    ...(limits.seconds ? [] : ['-seed=1']),
    '-print_final_stats=1',
    `-artifact_prefix=${artifacts}/${target}-`,
    corpus,
    path.join(root, 'tests', 'fuzz', 'corpus', seeds),
  ];
  const started = Date.now();
  const result = spawnSync(path.join(build, target), args, {
    encoding: 'utf8',
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1', UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  const executed = /stat::number_of_executed_units:\s*(\d+)/.exec(output);
  const ok = result.status === 0 && !/ERROR: |runtime error:|broken promise/.test(output);
  if (!ok) process.stderr.write(output.split('\n').slice(-80).join('\n'));
  const found = fs.readdirSync(corpus).length;
  if (!limits.seconds) fs.rmSync(corpus, { recursive: true, force: true });
  return {
    target,
    executions: executed ? Number(executed[1]) : 0,
    seconds: (Date.now() - started) / 1000,
    corpus: found,
    ok,
  };
}

function main() {
  const limits = { seconds: option('--seconds'), runs: option('--runs') };
  const chosen = process.argv.slice(2).filter((arg) => arg in TARGETS);
  build_();
  const results = (chosen.length ? chosen : Object.keys(TARGETS)).map((target) => fuzz(target, TARGETS[target], limits));
  console.log('\ntarget           executions   seconds   new inputs   result');
  for (const r of results) {
    console.log(`${r.target.padEnd(16)} ${String(r.executions).padStart(10)}   ${r.seconds.toFixed(1).padStart(7)}   ${String(r.corpus).padStart(10)}   ${r.ok ? 'ok' : 'FAILED'}`);
  }
  if (results.some((r) => !r.ok)) process.exit(1);
}

main();
