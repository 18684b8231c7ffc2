#!/usr/bin/env node
'use strict';
// The whole test suite (npm test runs the build first), in tiers:
//   1. Catch2 on the native core; again under ASan + UBSan, with a short run
//      of every fuzz target; again compiled to wasm and run under Node;
//   2. node tests of dist/ in the mini program sandbox;
//   3. Build npm for real (miniprogram-ci packNpm on the demo, installed from
//      the npm pack tarball), then the sandbox tests again on its output;
//   4. the demo's pages driven with miniprogram-simulate, and npm run demo.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const builtMiniprogram = path.join(root, 'build', 'packnpm');

function run(command, args, env = {}) {
  const shown = Object.entries(env).map(([key, value]) => `${key}=${path.relative(root, value)} `).join('');
  console.log(`\n$ ${shown}${command === process.execPath ? 'node' : command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

function testFiles(dir, only) {
  return fs.readdirSync(path.join(root, dir))
    .filter((file) => file.endsWith('.test.js') && (!only || only.includes(file)))
    .sort()
    .map((file) => path.join(dir, file));
}

try {
  run('cmake', ['--preset', 'native']);
  run('cmake', ['--build', '--preset', 'native']);
  run('ctest', ['--preset', 'native']);
  for (const preset of ['sanitize', 'wasm-tests']) {
    run('cmake', ['--preset', preset]);
    run('cmake', ['--build', '--preset', preset]);
    run('ctest', ['--preset', preset]);
  }
  run(process.execPath, [path.join('scripts', 'fuzz.js')]);

  run(process.execPath, ['--test', ...testFiles('tests/js')]);

  run(process.execPath, [path.join('tests', 'miniprogram', 'lib', 'build-npm.js'), path.relative(root, builtMiniprogram)]);
  const packageTests = testFiles('tests/js', ['flow.test.js', 'responses.test.js', 'wire.test.js', 'package.test.js']);
  run(process.execPath, ['--test', ...packageTests], { AUTHING_BUILT_MINIPROGRAM: builtMiniprogram });

  run(process.execPath, ['--test', ...testFiles('tests/miniprogram')]);
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
