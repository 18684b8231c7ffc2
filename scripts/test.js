#!/usr/bin/env node
'use strict';
// The whole test suite (npm test runs the build first): the Catch2 tests of the
// native core, then the node tests of the built package.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

try {
  if (!fs.existsSync(path.join(root, 'build', 'native', 'CMakeCache.txt'))) run('cmake', ['--preset', 'native']);
  run('cmake', ['--build', '--preset', 'native']);
  run('ctest', ['--preset', 'native']);

  const jsTests = fs.readdirSync(path.join(root, 'tests', 'js'))
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join('tests', 'js', file));
  run(process.execPath, ['--test', ...jsTests]);
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
