'use strict';
// The typings (types/) under the TypeScript compiler of tests/miniprogram's
// devDependencies: the pages of tests/types/ compile (every use accepted,
// every wrong use refused), the check itself can fail, the AuthenticationClient
// declaration is the built package's operation table, and the package's
// typings resolve the way each moduleResolution reads package.json.

const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const TYPES_TESTS = path.join(ROOT, 'tests', 'types');
const DIST_INDEX = path.join(ROOT, 'dist', 'index.js');
const PACKAGE_NAME = 'authing-wxapp-sdk';

const typescriptPackage = require.resolve('typescript/package.json', { paths: [__dirname] });
const TSC = path.join(path.dirname(typescriptPackage), require(typescriptPackage).bin.tsc);
const ts = require(require.resolve('typescript', { paths: [__dirname] }));

// The client's own methods (js/client.js, js/hosted.js): everything else on
// its prototype comes from the core's operation table.
const SHIM_METHODS = ['on', 'off', 'computedPasswordSecurityLevel', 'buildAuthorizeUrl', 'buildLogoutUrl'];

function tsc(args, cwd = ROOT) {
  const run = spawnSync(process.execPath, [TSC, '--pretty', 'false', ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

function temporaryDir(t, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `authing-${name}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function lineOf(text, needle) {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `found ${JSON.stringify(needle)}`);
  return text.slice(0, index).split('\n').length;
}

// The core's operation table as the built package holds it: each method of
// the prototype that is not the shim's own hands its operation ({name, args,
// login}) to _call.
function builtOperations() {
  assert.ok(fs.existsSync(DIST_INDEX), 'dist/index.js exists (npm run build)');
  const { AuthenticationClient } = require(DIST_INDEX);
  const probe = Object.create(AuthenticationClient.prototype);
  probe._call = (operation) => operation;
  return Object.getOwnPropertyNames(AuthenticationClient.prototype)
    .filter((name) => name !== 'constructor' && !name.startsWith('_') && !SHIM_METHODS.includes(name))
    .map((name) => {
      const operation = probe[name]();
      assert.equal(operation && operation.name, name, `${name} is an operation of the table`);
      return operation;
    });
}

// The module types/index.d.ts, read by the compiler: its value exports and
// the members of AuthenticationClient's instances, each with its signatures'
// parameter names.
function declaredApi() {
  const entry = path.join(ROOT, 'types', 'index.d.ts');
  const program = ts.createProgram([entry], { strict: true, noEmit: true, types: [] });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(problems, []);
  const checker = program.getTypeChecker();
  const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)));
  const values = exported.filter((symbol) => resolve(symbol).flags & ts.SymbolFlags.Value).map((symbol) => symbol.name);
  const client = resolve(exported.find((symbol) => symbol.name === 'AuthenticationClient'));
  const members = {};
  for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(client))) {
    const type = checker.getTypeOfSymbolAtLocation(member, member.valueDeclaration);
    members[member.name] = type.getCallSignatures().map((signature) => signature.parameters.map((p) => p.name));
  }
  return { values, members };
}

test('tsc -p tests/types: every tests/types/*.ts compiles, the uses accepted and the wrong uses refused', () => {
  const listed = tsc(['-p', TYPES_TESTS, '--listFilesOnly']);
  assert.equal(listed.status, 0, listed.output);
  const compiled = listed.output.split('\n').map((file) => path.resolve(ROOT, file.trim()));
  const pages = fs.readdirSync(TYPES_TESTS).filter((file) => file.endsWith('.ts')).sort();
  assert.ok(pages.includes('page.ts') && pages.includes('wrong-arguments.ts'));
  for (const page of pages) assert.ok(compiled.includes(path.join(TYPES_TESTS, page)), `tsc compiles ${page}`);
  assert.ok(compiled.some((file) => file.endsWith(path.join('miniprogram-api-typings', 'index.d.ts'))),
    'the pages compile against miniprogram-api-typings');

  const result = tsc(['-p', TYPES_TESTS]);
  assert.deepEqual(result, { status: 0, output: '' });
});

test('the check can fail: a wrong use made right, and a right use made wrong, each fail the compile', (t) => {
  const dir = temporaryDir(t, 'typings');
  for (const file of fs.readdirSync(TYPES_TESTS).filter((name) => name.endsWith('.ts'))) {
    fs.copyFileSync(path.join(TYPES_TESTS, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: path.join(TYPES_TESTS, 'tsconfig.json'), include: ['*.ts'] }));
  const mutate = (file, from, to) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const line = lineOf(text, from);
    fs.writeFileSync(path.join(dir, file), text.replace(from, to));
    return line;
  };
  // The directive is on the line before the call it expects to fail.
  const corrected = mutate('wrong-arguments.ts', "await authing.loginByLdap('bob');",
    "await authing.loginByLdap('bob', 'passw0rd');") - 1;
  const broken = mutate('page.ts', "same<boolean>()(await authing.hasRole('admin'));",
    "same<string>()(await authing.hasRole('admin'));");

  const result = tsc(['-p', dir]);
  assert.notEqual(result.status, 0);
  assert.match(result.output, new RegExp(`wrong-arguments\\.ts\\(${corrected},\\d+\\): error TS2578: Unused '@ts-expect-error' directive`));
  assert.match(result.output, new RegExp(`page\\.ts\\(${broken},\\d+\\): error TS2554`));
  assert.equal(result.output.split('\n').filter((line) => / error TS\d+/.test(line)).length, 2, result.output);
});

test('AuthenticationClient declares exactly the built operation table, parameters named as its args, and the shim\'s methods', () => {
  const operations = builtOperations();
  assert.ok(operations.length > 0);
  const { values, members } = declaredApi();

  assert.deepEqual(values.sort(), Object.keys(require(DIST_INDEX)).sort(), 'the values are what dist/index.js exports');
  assert.deepEqual(Object.keys(members).sort(),
    [...operations.map((operation) => operation.name), ...SHIM_METHODS, 'options'].sort());
  for (const operation of operations) {
    const signatures = members[operation.name];
    assert.ok(signatures.length > 0, `${operation.name} is a method`);
    const longest = signatures.reduce((a, b) => (b.length > a.length ? b : a));
    assert.deepEqual(longest, operation.args, `${operation.name}'s parameters are its operation's args`);
  }
  const { AuthenticationClient } = require(DIST_INDEX);
  for (const name of SHIM_METHODS) {
    const longest = Math.max(...members[name].map((parameters) => parameters.length));
    assert.equal(longest, AuthenticationClient.prototype[name].length, `${name}'s parameters`);
  }
  assert.deepEqual(members.options, [], 'options is the object the client was built with');
});

// A consumer project with the package installed as npm would install it
// (the files `npm pack` lists) and package.json as it is, compiled under each
// moduleResolution a mini program's tsconfig may use. Each consumer holds a
// wrong call the typings must refuse: a package that resolved to `any` would
// compile it.
test('the package\'s typings, and the test kit\'s, resolve for import and require under node10, node16 and bundler', (t) => {
  const dir = temporaryDir(t, 'consumer');
  const installed = path.join(dir, 'node_modules', PACKAGE_NAME);
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  for (const { path: file } of packed.files) {
    fs.mkdirSync(path.dirname(path.join(installed, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(installed, file));
  }
  const refused = "// @ts-expect-error: the password is required\nvoid client.loginByLdap('bob');\n";
  const sources = {
    'imports.ts': `import { AuthenticationClient, AuthingError } from '${PACKAGE_NAME}';
import type { User } from '${PACKAGE_NAME}';
import sdk = require('${PACKAGE_NAME}');
import { startMiniprogram } from '${PACKAGE_NAME}/testing';
const client = new AuthenticationClient({ userPoolId: 'pool' });
export const user: Promise<User | null> = new sdk.AuthenticationClient({ appId: 'app' }).getCurrentUser();
export const started: Promise<string> = startMiniprogram({ root: '/project' }).then((mp) => mp.server.url);
export const isError = (error: unknown): boolean => error instanceof AuthingError;
${refused}`,
    'requires.js': `const { AuthenticationClient } = require('${PACKAGE_NAME}');
const client = new AuthenticationClient({ userPoolId: 'pool' });
${refused}module.exports = client;
`,
    'esm.mts': `import sdk, { AuthenticationClient } from '${PACKAGE_NAME}';
import { createFakeWx } from '${PACKAGE_NAME}/testing';
export const wx = createFakeWx({ server: 'http://127.0.0.1:3000' }).__faults.offline;
const client = new AuthenticationClient({ userPoolId: 'pool' });
export const other = new sdk.AuthenticationClient({ appId: 'app' });
${refused}`,
    'cjs.cts': `import sdk = require('${PACKAGE_NAME}');
import { AuthingError } from '${PACKAGE_NAME}';
const client = new sdk.AuthenticationClient({ userPoolId: 'pool' });
export const isError = (error: unknown): boolean => error instanceof AuthingError;
${refused}`,
  };
  for (const [file, text] of Object.entries(sources)) fs.writeFileSync(path.join(dir, file), text);
  const common = { strict: true, noEmit: true, types: [], target: 'es2017', lib: ['es2017'] };
  const projects = {
    node10: { compilerOptions: { ...common, module: 'commonjs', moduleResolution: 'node10', allowJs: true, checkJs: true }, files: ['imports.ts', 'requires.js'] },
    node16: { compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16' }, files: ['esm.mts', 'cjs.cts'] },
    bundler: { compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler' }, files: ['esm.mts'] },
  };
  for (const [name, project] of Object.entries(projects)) {
    fs.writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify(project));
    const result = tsc(['-p', `tsconfig.${name}.json`], dir);
    assert.deepEqual(result, { status: 0, output: '' }, `moduleResolution ${name}`);
  }
});
