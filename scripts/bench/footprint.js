'use strict';
// What each package costs a mini program's code package: this package's dist/
// files, raw and brotli, and what a real Build npm (miniprogram-ci's packNpm
// on a copy of the demo) puts in miniprogram_npm/ for this package's packed
// tarball and for v4 installed from the registry. packNpm bundles a package
// without a "miniprogram" field (v4, and each of its dependencies) and writes
// a source map beside each bundle; the maps are counted apart.

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const { buildDemo, listFiles } = require('../../tests/miniprogram/lib/build-npm.js');
const { ROOT, V4_VERSION } = require('./packages.js');

function distFiles() {
  const dist = path.join(ROOT, 'dist');
  return fs.readdirSync(dist).sort().map((file) => {
    const bytes = fs.readFileSync(path.join(dist, file));
    const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    return { file, raw: bytes.length, brotli: brotli.length };
  });
}

async function miniprogramNpm(version) {
  // miniprogram-ci logs to stdout, which must stay pure JSON under --json.
  const quiet = ['log', 'info'].map((name) => [name, console[name]]);
  for (const [name] of quiet) console[name] = () => {};
  let built;
  try {
    built = await buildDemo({ version });
  } finally {
    for (const [name, original] of quiet) console[name] = original;
  }
  try {
    const dir = path.join(built.projectDir, 'miniprogram_npm');
    const files = listFiles(dir).map((file) => ({ file, bytes: fs.statSync(path.join(dir, file)).size }));
    const sum = (list) => list.reduce((total, { bytes }) => total + bytes, 0);
    const maps = files.filter(({ file }) => file.endsWith('.map'));
    return {
      bytes: sum(files) - sum(maps),
      files: files.length - maps.length,
      sourceMapBytes: sum(maps),
      packages: new Set(files.map(({ file }) => file.split('/')[0])).size,
      warnings: built.warnings.length,
    };
  } finally {
    fs.rmSync(built.projectDir, { recursive: true, force: true });
  }
}

async function footprint() {
  return { distFiles: distFiles(), this: await miniprogramNpm(), v4: await miniprogramNpm(V4_VERSION) };
}

module.exports = { footprint };
