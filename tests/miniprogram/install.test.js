'use strict';
// The package as a user gets it: `npm pack`, then `npm install` of that
// tarball into a fresh folder, then what a user does with it: run the test
// kit example of docs/testing.md with `node --test`, compile TypeScript
// against the typings, run Build npm, and load the package from an
// independent sub-package's own Build npm output.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, PACKAGE, packTarball, packNpm, listFiles, npm } = require('./lib/build-npm.js');

const BUDGET_BYTES = 128 * 1024;
const MINIPROGRAM_FILES = ['authing-core.wasm.br', 'index.js'];
const SUBPACKAGE_WASM = `/packageA/miniprogram_npm/${PACKAGE.name}/authing-core.wasm.br`;

// The files of the example in docs/testing.md: each ```js block that starts
// with a `// file: <path>` line.
function exampleFiles() {
  const markdown = fs.readFileSync(path.join(ROOT, 'docs', 'testing.md'), 'utf8');
  const files = [...markdown.matchAll(/```js\n\/\/ file: (\S+)\n([\s\S]*?)```/g)].map(([, file, text]) => ({ file, text }));
  assert.ok(files.length >= 3, 'docs/testing.md has the example files');
  return files;
}

function write(dir, file, text) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

// `node --test` run from inside a test reports to its parent unless told it has none.
function nodeTest(cwd) {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'test/'], { cwd, env, encoding: 'utf8', timeout: 120000 });
}

function install(dir, tarball) {
  write(dir, 'package.json', `${JSON.stringify({ name: path.basename(dir), private: true, dependencies: { [PACKAGE.name]: `file:${tarball}` } }, null, 2)}\n`);
  npm(['install', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', '--no-package-lock'], dir);
}

let work;
let packed;
let project;
test.before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-install-'));
  packed = packTarball(work);
  // A mini program project as a user has one: app.json, the example's pages and test.
  project = path.join(work, 'my-miniprogram');
  fs.mkdirSync(project);
  write(project, 'app.json', `${JSON.stringify({ pages: ['pages/index/index'] }, null, 2)}\n`);
  write(project, 'app.js', 'App({});\n');
  write(project, 'project.config.json', `${JSON.stringify({ appid: 'touristappid', compileType: 'miniprogram' })}\n`);
  for (const { file, text } of exampleFiles()) write(project, file, text);
  install(project, packed.tarball);
});
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds the miniprogram files, the typings, the test kit and the docs a user reads', () => {
  const outside = packed.files.filter((file) => !/^(dist|types|js\/testing)\//.test(file));
  assert.deepEqual(outside, ['CHANGELOG.md', 'README.md', 'package.json']);
  assert.deepEqual(packed.files.filter((file) => file.startsWith('dist/')), MINIPROGRAM_FILES.map((file) => `dist/${file}`));
  assert.ok(packed.files.includes('types/index.d.ts') && packed.files.includes('types/testing.d.ts'));
  assert.ok(packed.files.includes('js/testing/index.js'));
  const manifest = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', PACKAGE.name, 'package.json'), 'utf8'));
  for (const target of [manifest.types, manifest.exports['.'].types, manifest.exports['./testing'].types, manifest.exports['./testing'].default]) {
    assert.ok(packed.files.includes(target.replace(/^\.\//, '')), `${target} is inside files`);
  }
});

test('node resolves the package, its test kit and its wasm through the exports map, and nothing else', () => {
  const probe = `
    const sdk = require('${PACKAGE.name}');
    const kit = require('${PACKAGE.name}/testing');
    const out = {
      main: require.resolve('${PACKAGE.name}'),
      sdk: Object.keys(sdk).sort(),
      kit: Object.keys(kit).sort(),
      wasm: require.resolve('${PACKAGE.name}/authing-core.wasm.br'),
    };
    try { require('${PACKAGE.name}/js/testing/dev-server.js'); out.deep = 'resolved'; } catch (error) { out.deep = error.code; }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const installed = path.join(project, 'node_modules', PACKAGE.name);
  assert.equal(out.main, path.join(installed, 'dist', 'index.js'));
  assert.ok(out.sdk.includes('AuthenticationClient') && out.sdk.includes('AuthingError'));
  assert.deepEqual(out.kit, ['createFakeClock', 'createFakeWx', 'createSandbox', 'startDevServer', 'startMiniprogram']);
  assert.equal(out.wasm, path.join(installed, 'dist', 'authing-core.wasm.br'));
  assert.equal(out.deep, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
});

test('the example test of docs/testing.md passes with node --test, as a user runs it', () => {
  const run = nodeTest(project);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  const count = (name) => Number((run.stdout.match(new RegExp(`^# ${name} (\\d+)`, 'm')) || [])[1]);
  assert.equal(count('fail'), 0);
  assert.equal(count('pass'), exampleFiles().find(({ file }) => file.startsWith('test/')).text.match(/^test\(/gm).length);
});

test('TypeScript finds the typings of the package and of its test kit in the install', () => {
  const typescript = path.join(__dirname, 'node_modules', 'typescript', 'bin', 'tsc');
  write(project, 'types-check/uses.ts', `import { AuthenticationClient, AuthingError } from '${PACKAGE.name}';
import { startMiniprogram } from '${PACKAGE.name}/testing';
export const client = new AuthenticationClient({ userPoolId: 'pool' });
export const user = client.getCurrentUser().then((found) => (found ? found.id : null));
export const isError = (error: unknown): boolean => error instanceof AuthingError && error.kind === 'session';
export const server = startMiniprogram({ root: '.' }).then((mp) => mp.server.url);
// @ts-expect-error: loginByLdap needs the password
void client.loginByLdap('bob');
`);
  for (const resolution of ['node10', 'node16']) {
    const compilerOptions = {
      strict: true, noEmit: true, types: [], target: 'es2017', lib: ['es2017'],
      module: resolution === 'node16' ? 'node16' : 'commonjs', moduleResolution: resolution,
    };
    write(project, `types-check/tsconfig.${resolution}.json`, JSON.stringify({ compilerOptions, files: ['uses.ts'] }));
    const run = spawnSync(process.execPath, [typescript, '-p', `types-check/tsconfig.${resolution}.json`], { cwd: project, encoding: 'utf8' });
    assert.deepEqual({ status: run.status, output: run.stdout + run.stderr }, { status: 0, output: '' }, resolution);
  }
});

test('the example\'s tests fail when the page is wrong: the kit really runs the page', () => {
  const broken = path.join(work, 'broken-page');
  fs.cpSync(project, broken, { recursive: true });
  const page = path.join(broken, 'pages', 'index', 'index.js');
  fs.writeFileSync(page, fs.readFileSync(page, 'utf8').replace('nickname: user.nickname, error', 'nickname: "", error'));
  const run = nodeTest(broken);
  assert.notEqual(run.status, 0);
  assert.match(run.stdout, /^# fail [1-9]/m);
});

test('Build npm on the install adds the miniprogram files only, within 128 KB, and none of the test kit', async () => {
  const { warnings } = await packNpm(project);
  assert.deepEqual(warnings, []);
  const npmDir = path.join(project, 'miniprogram_npm');
  assert.deepEqual(listFiles(npmDir), MINIPROGRAM_FILES.map((file) => `${PACKAGE.name}/${file}`));
  const total = MINIPROGRAM_FILES.reduce((sum, file) => sum + fs.statSync(path.join(npmDir, PACKAGE.name, file)).size, 0);
  assert.ok(total <= BUDGET_BYTES, `${total} bytes in miniprogram_npm/${PACKAGE.name}/, budget ${BUDGET_BYTES}`);
  const source = fs.readFileSync(path.join(npmDir, PACKAGE.name, 'index.js'), 'utf8');
  assert.doesNotMatch(source, /startDevServer|createFakeWx|startMiniprogram/);
});

test('an independent sub-package with its own Build npm output loads the package with wasmPath', async (t) => {
  // A project whose only copy of the package is the sub-package's, as for an
  // independent sub-package that must not depend on the main package.
  const subProject = path.join(work, 'with-subpackage');
  fs.mkdirSync(subProject);
  write(subProject, 'app.json', `${JSON.stringify({
    pages: ['pages/index/index'],
    subpackages: [{ root: 'packageA', pages: ['pages/login/login'], independent: true }],
  })}\n`);
  write(subProject, 'app.js', 'App({});\n');
  write(subProject, 'pages/index/index.js', 'Page({});\n');
  write(subProject, 'packageA/pages/login/login.js', 'Page({});\n');
  write(subProject, 'project.config.json', `${JSON.stringify({ appid: 'touristappid', compileType: 'miniprogram' })}\n`);
  install(path.join(subProject, 'packageA'), packed.tarball);
  const { warnings } = await packNpm(subProject);
  assert.deepEqual(warnings, []);
  assert.deepEqual(listFiles(path.join(subProject, 'packageA', 'miniprogram_npm')), MINIPROGRAM_FILES.map((file) => `${PACKAGE.name}/${file}`));
  assert.equal(fs.existsSync(path.join(subProject, 'miniprogram_npm')), false);

  // The kit from the install, as a user's test would use it.
  const { createSandbox, createFakeWx, startDevServer } = require(require.resolve(`${PACKAGE.name}/testing`, { paths: [project] }));
  const server = await startDevServer();
  t.after(() => server.close());
  const wx = createFakeWx({ server: server.url });
  const sandbox = createSandbox({ root: subProject, wx });
  assert.throws(() => sandbox.require(PACKAGE.name), /not defined/, 'the main package has no copy');
  const { AuthenticationClient, AuthingError } = sandbox.require(PACKAGE.name, 'packageA/pages/login');
  const options = { userPoolId: server.userPoolId, appId: server.appId, host: server.url };

  const lost = await new AuthenticationClient(options).loginByCode().then(() => null, (error) => error);
  assert.ok(lost instanceof AuthingError);
  assert.equal(lost.code, 'WASM_LOAD_FAILED');
  assert.match(lost.message, /wasmPath/);

  const user = await new AuthenticationClient({ ...options, wasmPath: SUBPACKAGE_WASM }).loginByCode();
  assert.equal(user.id, server.users()[0].id);
  assert.deepEqual(sandbox.wasmCalls.map((call) => call.path), [`/miniprogram_npm/${PACKAGE.name}/authing-core.wasm.br`, SUBPACKAGE_WASM]);
});
