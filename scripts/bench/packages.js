'use strict';
// The two packages the bench measures side by side: this one (dist/) and
// Authing's own v4, installed only into bench/v4/ from its lock file. Both are
// loaded, made and driven the same way, with the test kit's fake wx as the
// global `wx`. Required by the bench and by its child processes, so it loads
// nothing heavy.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const V4_DIR = path.join(ROOT, 'bench', 'v4');
const V4_MODULES = path.join(V4_DIR, 'node_modules');
const V4_VERSION = '4.3.22-alpha.7';

// wx-axios, v4's HTTP client, picks its adapter once, when first required:
// Node's http adapter when Object.prototype.toString.call(process) is
// '[object process]', else XHR when XMLHttpRequest exists, else wx.request
// when a global `wx` exists. A mini program has no `process`; here the
// process's toStringTag is changed while v4 loads, so with the fake wx
// already global it picks wx.request, as on the phone (axios, which v4's base
// SDK also loads, sniffs the same tag and then picks none, as on the phone).
function requireV4() {
  if (typeof global.wx === 'undefined') throw new Error('set the fake wx as the global wx before loading v4');
  const tag = process[Symbol.toStringTag];
  process[Symbol.toStringTag] = 'WeChat mini program';
  let exports;
  try {
    exports = require(path.join(V4_MODULES, 'authing-wxapp-sdk'));
  } finally {
    process[Symbol.toStringTag] = tag;
  }
  const defaults = require(path.join(V4_MODULES, 'wx-axios', 'lib', 'defaults.js'));
  if (defaults.adapter !== require(path.join(V4_MODULES, 'wx-axios', 'lib', 'adapters', 'wx-request.js'))) {
    throw new Error('v4 loaded with an HTTP adapter other than wx.request');
  }
  return exports;
}

const PACKAGES = {
  this: {
    label: 'this package',
    load: () => require(path.join(ROOT, 'dist', 'index.js')),
  },
  v4: {
    label: `v4 ${V4_VERSION}`,
    load: requireV4,
  },
};
const NAMES = Object.keys(PACKAGES);

// v4 writes into the options it is given, so each client gets its own object.
// `extra` goes to this package only: v4 would ignore it (its wx.request adapter
// passes no timeout), and this package shares a core between clients whose
// options match, so a different timeout gives a client a core of its own.
function makeClient(name, AuthenticationClient, server, extra = {}) {
  const options = { userPoolId: server.userPoolId, appId: server.appId, host: server.url };
  return new AuthenticationClient(name === 'this' ? { ...options, ...extra } : options);
}

// What the bench times: the same three calls, with the same arguments, in both.
async function flow(client, code, nickname) {
  await client.loginByCode(code);
  await client.updateProfile({ nickname });
  await client.checkLoginStatus();
}

function ensureV4(log) {
  if (fs.existsSync(path.join(V4_MODULES, 'authing-wxapp-sdk', 'package.json'))) return;
  log(`Installing Authing's v4 package into ${path.relative(ROOT, V4_DIR)}/ (npm ci)`);
  // npm's own output goes to stderr, so that --json keeps stdout to itself.
  execFileSync('npm', ['ci', '--prefix', V4_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
}

module.exports = { ROOT, V4_VERSION, PACKAGES, NAMES, makeClient, flow, ensureV4 };
