'use strict';
// "npm install" and "Tools → Build npm", the way a mini program developer runs
// them, without WeChat DevTools: the package is packed with `npm pack`, a copy
// of demo-miniprogram/ installs that tarball, and miniprogram-ci's packNpm
// (the builder DevTools uses) writes miniprogram_npm/.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEMO = path.join(ROOT, 'demo-miniprogram');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
// What a developer's machine never has in a fresh checkout of the demo.
const LOCAL_ONLY = new Set(['node_modules', 'miniprogram_npm', 'package-lock.json']);

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// The package as the registry would serve it: only what `files` lets through.
function packTarball(destination) {
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], ROOT));
  return { tarball: path.join(destination, packed.filename), files: packed.files.map((file) => file.path).sort() };
}

function copyDemo(target) {
  fs.cpSync(DEMO, target, {
    recursive: true,
    filter: (source) => !LOCAL_ONLY.has(path.basename(source)) || path.dirname(source) !== DEMO,
  });
}

// The demo's config.js, pointed at the given server.
function writeConfig(projectDir, { host, userPoolId, appId }) {
  fs.writeFileSync(path.join(projectDir, 'config.js'),
    `// Written by the build for a local run.\nmodule.exports = ${JSON.stringify({ host, userPoolId, appId }, null, 2)};\n`);
}

async function packNpm(projectDir) {
  const ci = require('miniprogram-ci');
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: projectDir,
    privateKey: 'unused: packNpm runs offline and signs nothing',
    ignores: ['node_modules/**/*'],
  });
  const reports = [];
  const warnings = await ci.packNpm(project, { reporter: (report) => reports.push(report) });
  return { warnings, reports };
}

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory()
    ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
    : [`${prefix}${entry.name}`])).sort();
}

// Builds a runnable copy of the demo in `projectDir` (created when missing):
// the tarball installed, Build npm run, config.js pointed at `server` when given.
// With `version`, the demo installs that version of the package from the
// registry instead (the bench's Authing v4), as a developer's npm install
// would, from npm's cache when it holds it; packedFiles is then null.
async function buildDemo({ projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-demo-')), server, version } = {}) {
  if (!version && !fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.mkdirSync(projectDir, { recursive: true });
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-pack-'));
  try {
    const { tarball, files: packedFiles } = version ? { tarball: null, files: null } : packTarball(packDir);
    copyDemo(projectDir);
    const manifestPath = path.join(projectDir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.dependencies[PACKAGE.name] = version || `file:${tarball}`;
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    if (server) writeConfig(projectDir, server);
    npm(['install', '--ignore-scripts', version ? '--prefer-offline' : '--offline', '--no-audit', '--no-fund', '--no-package-lock'], projectDir);
    const { warnings, reports } = await packNpm(projectDir);
    const packageDir = path.join(projectDir, 'miniprogram_npm', PACKAGE.name);
    return { projectDir, packageDir, packedFiles, warnings, reports, files: listFiles(packageDir) };
  } finally {
    fs.rmSync(packDir, { recursive: true, force: true });
  }
}

module.exports = { ROOT, DEMO, PACKAGE, buildDemo, writeConfig, listFiles, packTarball, packNpm, npm };

// node tests/miniprogram/lib/build-npm.js DIR: builds the demo into DIR (for
// the test runner, which then runs the sandbox tests on DIR's miniprogram_npm/).
if (require.main === module) {
  const target = path.resolve(process.argv[2] || path.join(ROOT, 'build', 'packnpm'));
  buildDemo({ projectDir: target }).then((built) => {
    console.log(`Build npm in ${path.relative(ROOT, target)}: ${built.files.length} files in miniprogram_npm/${PACKAGE.name}/, ` +
      `${built.warnings.length} warnings`);
    if (built.warnings.length) process.exit(1);
  }, (error) => {
    console.error(error);
    process.exit(1);
  });
}
