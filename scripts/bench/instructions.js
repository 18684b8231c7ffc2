'use strict';
// Instructions per operation of the native core (-O3, as in the wasm), counted
// by callgrind on tests/bench/core_bench.cpp: repeatable, so hot-path changes
// are measured.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./packages.js');

const ITERATIONS = 200;
const OPERATIONS = ['loginByCode', 'updateProfile', 'checkLoginStatus', 'getCurrentUser', 'refreshToken', 'logout'];

function instructions() {
  const build = path.join(ROOT, 'build', 'bench');
  execFileSync('cmake', ['--preset', 'bench'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync('cmake', ['--build', '--preset', 'bench'], { cwd: ROOT, stdio: 'ignore' });
  const count = (operation, iterations) => {
    const out = path.join(build, `callgrind.${operation}.${iterations}`);
    execFileSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--toggle-collect=*serve_call*',
      path.join(build, 'core_bench'), operation, String(iterations)], { stdio: 'ignore' });
    const summary = /^summary:\s*(\d+)/m.exec(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
    return Number(summary[1]);
  };
  return OPERATIONS.map((operation) => ({
    operation,
    instructions: Math.round((count(operation, ITERATIONS) - count(operation, 0)) / ITERATIONS),
  }));
}

module.exports = { instructions };
