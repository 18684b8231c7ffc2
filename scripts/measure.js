#!/usr/bin/env node
'use strict';
// node scripts/measure.js: the package's size (each dist/ file raw and brotli)
// and its cold start in Node (a fresh process per sample, from require to the
// first resolved loginByCode against the local dev server). Run after a build.

const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const { startDevServer } = require('../js/testing/dev-server.js');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const SAMPLES = Number(process.env.SAMPLES || 11);

// Runs in the child: everything before t0 is test set-up, not SDK start-up.
const CHILD = `
const { createFakeWx } = require(${JSON.stringify(path.join(root, 'js/testing/fake-wx.js'))});
const url = process.env.SERVER_URL;
global.wx = createFakeWx({ server: url, openid: 'o-bench-' + process.pid });
global.wx.login().then(({ code }) => {
  const t0 = process.hrtime.bigint();
  const { AuthenticationClient } = require(${JSON.stringify(path.join(dist, 'index.js'))});
  const authing = new AuthenticationClient({ userPoolId: process.env.POOL, appId: process.env.APP, host: url });
  return authing.loginByCode(code).then(() => {
    console.log(Number(process.hrtime.bigint() - t0) / 1e6);
  });
});
`;

function sizes() {
  const rows = fs.readdirSync(dist).sort().map((file) => {
    const bytes = fs.readFileSync(path.join(dist, file));
    const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    return { file, raw: bytes.length, brotli: brotli.length };
  });
  rows.push({ file: 'total', raw: rows.reduce((s, r) => s + r.raw, 0), brotli: rows.reduce((s, r) => s + r.brotli, 0) });
  return rows;
}

async function coldStart(server) {
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    // Asynchronous on purpose: the dev server answering the child lives in this process.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], {
      env: { ...process.env, SERVER_URL: server.url, POOL: server.userPoolId, APP: server.appId },
      encoding: 'utf8',
    });
    samples.push(Number(stdout.trim()));
  }
  samples.sort((a, b) => a - b);
  return { samples: samples.length, median: samples[samples.length >> 1], min: samples[0], max: samples.at(-1) };
}

async function main() {
  console.log('dist/ sizes (bytes)');
  for (const row of sizes()) console.log(`  ${row.file.padEnd(20)} ${String(row.raw).padStart(8)} raw ${String(row.brotli).padStart(8)} brotli`);
  const server = await startDevServer();
  try {
    const cold = await coldStart(server);
    console.log(`\ncold start in Node, require → first resolved loginByCode (${cold.samples} fresh processes)`);
    console.log(`  median ${cold.median.toFixed(1)} ms, min ${cold.min.toFixed(1)} ms, max ${cold.max.toFixed(1)} ms`);
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
