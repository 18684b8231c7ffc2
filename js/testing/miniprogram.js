'use strict';
// startMiniprogram: a user's mini program, with this package, in one call, for
// `node --test`. It starts the dev server (or takes one), a fake `wx` whose
// request legal domains send the pages' Authing host to that server, and the
// sandbox over the project's folder. Pages run their own code, as written for
// the phone: `require("authing-wxapp-sdk")` loads the Build npm output in
// miniprogram_npm/ when the project has one, else this package's own
// miniprogram files placed where Build npm would put them.
//
// The kit runs no lifecycle hook by itself, except on navigation: a test calls
// `page.onLoad(query)` as the WeChat client would, and awaits what it returns.

const fs = require('node:fs');
const path = require('node:path');
const { createSandbox } = require('./sandbox.js');
const { createFakeWx } = require('./fake-wx.js');
const { startDevServer } = require('./dev-server.js');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

// 'list[0].name' → ['list', 0, 'name'], the paths setData takes.
function dataPath(key) {
  const parts = [];
  String(key).replace(/[^.[\]]+|\[(\d+)\]/g, (match, index) => {
    parts.push(index === undefined ? match : Number(index));
    return match;
  });
  return parts;
}

// Page data is what setData would send to the view: JSON, in the test's realm.
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function setPath(data, key, value) {
  const parts = dataPath(key);
  let target = data;
  parts.slice(0, -1).forEach((part, i) => {
    if (target[part] === null || typeof target[part] !== 'object') target[part] = typeof parts[i + 1] === 'number' ? [] : {};
    target = target[part];
  });
  target[parts[parts.length - 1]] = plain(value);
}

// An instance as the framework makes it: the options' members, its own copy
// of `data`, and setData, which changes `data` at once and calls back later.
function instantiate(route, options, query) {
  const instance = { route, options: { ...query } };
  const members = { ...options, ...(options.methods || {}), ...(options.lifetimes || {}), ...(options.pageLifetimes || {}) };
  for (const [key, value] of Object.entries(members)) {
    if (!['data', 'methods', 'lifetimes', 'pageLifetimes', 'properties'].includes(key)) instance[key] = value;
  }
  instance.data = plain(options.data || {});
  instance.setData = (patch, callback) => {
    for (const [key, value] of Object.entries(patch || {})) setPath(instance.data, key, value);
    if (typeof callback === 'function') setTimeout(callback, 0);
  };
  return instance;
}

function routeOf(url) {
  const [pathPart, search = ''] = String(url).split('?');
  const query = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return { route: pathPart.replace(/^\/+/, '').replace(/\.js$/, ''), query };
}

async function startMiniprogram({
  root = process.cwd(),
  userPoolId,
  appId,
  hosts = ['https://core.authing.cn'],
  server = null,
  storage = new Map(),
  openid,
  promiseMode = 'native',
  clock = null,
  log = console,
} = {}) {
  const projectDir = path.resolve(root);
  if (!fs.existsSync(projectDir)) throw new Error(`startMiniprogram: no folder ${projectDir}`);
  const ownServer = !server;
  const devServer = server || await startDevServer({ ...(userPoolId && { userPoolId }), ...(appId && { appId }) });
  const domains = Object.fromEntries([].concat(hosts).map((host) => [host, devServer.url]));
  const wx = createFakeWx({ server: devServer.url, storage, domains, ...(openid && { openid }) });

  const built = fs.existsSync(path.join(projectDir, 'miniprogram_npm', PACKAGE.name, 'index.js'));
  const packages = built ? {} : { [PACKAGE.name]: path.join(PACKAGE_ROOT, PACKAGE.miniprogram) };

  const mp = { wx, server: devServer, storage, pages: [], app: null, sandbox: null };
  let registered = null;

  function register(kind) {
    return (options) => {
      registered = { kind, options: options || {} };
    };
  }

  // Loads a file of the project for what it registers (App, Page, Component).
  function registration(file, kind) {
    registered = null;
    mp.sandbox.require(`./${file}`);
    if (!registered || (kind === 'App') !== (registered.kind === 'App')) {
      throw new Error(`startMiniprogram: ${file}.js did not call ${kind}()`);
    }
    return registered.options;
  }

  const pageOptions = new Map();
  function loadPage(url, query) {
    const target = routeOf(url);
    if (!pageOptions.has(target.route)) pageOptions.set(target.route, registration(target.route, 'Page'));
    const page = instantiate(target.route, pageOptions.get(target.route), { ...target.query, ...query });
    mp.pages.push(page);
    return page;
  }

  // wx.navigateTo and friends open the page and run its onLoad and onShow.
  async function navigate(api, { url }) {
    if (api === 'navigateBack') {
      mp.pages.pop();
      return;
    }
    if (api === 'reLaunch') mp.pages.length = 0;
    if (api === 'redirectTo') mp.pages.pop();
    const page = loadPage(url);
    if (page.onLoad) await page.onLoad(page.options);
    if (page.onShow) await page.onShow();
  }

  // A new app run: modules start over, storage (and the server) stay.
  function start() {
    registered = null;
    pageOptions.clear();
    mp.pages.length = 0;
    mp.app = null;
    const globals = {
      App: register('App'),
      Page: register('Page'),
      Component: register('Component'),
      getApp: () => mp.app,
      getCurrentPages: () => mp.pages.slice(),
    };
    mp.sandbox = createSandbox({ root: projectDir, wx, packages, globals, promiseMode, clock, log });
    wx.__setNavigator(navigate);
    if (fs.existsSync(path.join(projectDir, 'app.js'))) mp.app = instantiate('', registration('app', 'App'), {});
  }

  Object.assign(mp, {
    // The options a page's AuthenticationClient needs against the dev server itself.
    authingOptions: { userPoolId: devServer.userPoolId, appId: devServer.appId, host: devServer.url },
    require: (specifier, from) => mp.sandbox.require(specifier, from),
    loadPage,
    currentPage: () => mp.pages[mp.pages.length - 1],
    restart() {
      start();
      return mp;
    },
    async close() {
      if (ownServer) await devServer.close();
    },
  });
  start();
  return mp;
}

module.exports = { startMiniprogram };
