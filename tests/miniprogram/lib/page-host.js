'use strict';
// Hosts a mini program's pages in Node closely enough for UI tests and the
// demo: miniprogram-simulate renders each page's WXML (with the official wcc
// compiler) and WXSS into jsdom; the host plays the WeChat client's part. It
// runs the page lifecycle (onLoad, onShow), keeps the page stack for
// wx.navigateTo / reLaunch, resolves bare require()s through miniprogram_npm/
// only (Build npm's output is all a mini program can require), and gives the
// SDK a WXWebAssembly that, like the real one, only takes a path inside the
// code package. An "app restart" drops every module of the project, so the
// SDK starts from wx storage alone.
//
// Page code runs in Node's main realm, so this checks the UI logic, not the
// runtime's limits; js/testing/sandbox.js checks those.

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const zlib = require('node:zlib');

let simulate = null;
let wxss = null;
let activeHost = null;

function isInside(parent, child) {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

// jsdom's globals, once per process. Node's own Event classes are replaced:
// simulate dispatches jsdom events, which Node's EventTarget refuses.
function installDom() {
  if (simulate) return;
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  global.window = dom.window;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in global && !/Event$|^EventTarget$/.test(key)) continue;
    try {
      global[key] = dom.window[key];
    } catch (error) {
      // read-only globals (for example `undefined`) stay as they are
    }
  }
  simulate = require('miniprogram-simulate');
  wxss = require('miniprogram-simulate/src/wxss.js');

  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveLikeAMiniProgram(request, parent, ...rest) {
    const from = parent && parent.filename;
    const host = activeHost;
    if (host && from && isInside(host.projectDir, from) && !isInside(path.join(host.projectDir, 'node_modules'), from) &&
        !request.startsWith('.') && !path.isAbsolute(request)) {
      return host.resolveNpm(request, from);
    }
    return resolve.call(this, request, parent, ...rest);
  };
}

// The WXWebAssembly of a code package rooted at projectDir.
function createWXWebAssembly(projectDir, calls) {
  return {
    instantiate(wasmPath, imports) {
      calls.push(wasmPath);
      if (typeof wasmPath !== 'string' || !/\.wasm(\.br)?$/.test(wasmPath)) {
        return Promise.reject(new TypeError(`WXWebAssembly.instantiate takes a .wasm or .wasm.br path in the code package, got ${String(wasmPath)}`));
      }
      const file = path.join(projectDir, wasmPath.replace(/^\/+/, ''));
      if (!isInside(projectDir, file) || !fs.existsSync(file)) {
        return Promise.reject(new Error(`WXWebAssembly.instantiate: file not found in code package: ${wasmPath}`));
      }
      const bytes = fs.readFileSync(file);
      return WebAssembly.instantiate(/\.br$/.test(file) ? zlib.brotliDecompressSync(bytes) : bytes, imports);
    },
  };
}

function createPageHost({ projectDir, createWx, compiler = 'official' }) {
  installDom();
  const app = JSON.parse(fs.readFileSync(path.join(projectDir, 'app.json'), 'utf8'));
  const appWxss = fs.existsSync(path.join(projectDir, 'app.wxss'))
    ? fs.readFileSync(path.join(projectDir, 'app.wxss'), 'utf8') : '';
  const wasmCalls = [];
  const stack = [];
  let wx = null;

  const host = {
    projectDir,
    wasmCalls,
    get wx() {
      return wx;
    },
    get current() {
      return stack[stack.length - 1];
    },
    resolveNpm(request, from) {
      for (let dir = path.dirname(from); isInside(projectDir, dir) || dir === projectDir; dir = path.dirname(dir)) {
        for (const candidate of [path.join(dir, 'miniprogram_npm', request, 'index.js'), path.join(dir, 'miniprogram_npm', `${request}.js`)]) {
          if (fs.existsSync(candidate)) return candidate;
        }
      }
      throw new Error(`module '${request}' is not defined: run Tools → Build npm (no miniprogram_npm/${request})`);
    },
    // A cold start: a fresh wx (over whatever storage createWx keeps), no modules, no pages.
    launch(route = app.pages[0], query = {}) {
      for (const id of Object.keys(require.cache)) {
        if (isInside(projectDir, id)) delete require.cache[id];
      }
      while (stack.length) stack.pop().detach();
      wx = createWx();
      wx.__setNavigator((api, { url }) => host.navigate(api, url));
      global.wx = wx;
      global.WXWebAssembly = createWXWebAssembly(projectDir, wasmCalls);
      let appInstance = null;
      global.App = (options) => {
        appInstance = options;
      };
      global.getApp = () => appInstance;
      require(path.join(projectDir, 'app.js'));
      appInstance?.onLaunch?.({ path: route, query });
      appInstance?.onShow?.({ path: route, query });
      return host.open(route, query);
    },
    open(route, query = {}) {
      const pagePath = route.replace(/^\/+/, '');
      if (!app.pages.includes(pagePath)) throw new Error(`${pagePath} is not a page in app.json`);
      const id = simulate.load(path.join(projectDir, pagePath), 'main', { rootPath: projectDir, compiler });
      const page = simulate.render(id);
      const style = document.createElement('style');
      style.setAttribute('data-app-wxss', id);
      style.textContent = wxss.compile(appWxss, { prefix: 'main' }).replace(/(\d+)rpx/gi, '$1px');
      document.head.appendChild(style);
      const parent = document.createElement('parent-wrapper');
      document.body.appendChild(parent);
      page.attach(parent);
      page.route = pagePath;
      // Counts the calls the page starts, so a test can wait for one it caused
      // even when it finishes between two looks.
      page.callsStarted = 0;
      const setData = page.instance.setData;
      page.instance.setData = function countCalls(data, ...rest) {
        if (data && data.busy === true) page.callsStarted += 1;
        return setData.call(this, data, ...rest);
      };
      if (stack.length) stack[stack.length - 1].instance.onHide?.();
      stack.push(page);
      page.instance.onLoad?.(query);
      page.instance.onShow?.();
      page.instance.onReady?.();
      return page;
    },
    navigate(api, url) {
      const [route, search = ''] = url.split('?');
      const query = Object.fromEntries(new URLSearchParams(search));
      if (api === 'navigateBack') {
        stack.pop().detach();
        host.current?.instance.onShow?.();
        return host.current;
      }
      if (api === 'reLaunch' || api === 'redirectTo') {
        const keep = api === 'redirectTo' ? stack.length - 1 : 0;
        while (stack.length > keep) stack.pop().detach();
      }
      return host.open(route, query);
    },
    close() {
      while (stack.length) stack.pop().detach();
      if (activeHost === host) activeHost = null;
      for (const name of ['wx', 'WXWebAssembly', 'App', 'getApp']) delete global[name];
    },
  };
  activeHost = host;
  return host;
}

// What a user reads on a page: the text of the element, or of the page.
function textOf(page, selector) {
  const node = selector ? page.querySelector(selector) : page;
  return node ? node.dom.textContent.replace(/\s+/g, ' ').trim() : null;
}

// The page as a user reads it, on one line: texts separated by " · ",
// buttons in [brackets], inputs as [value▏].
function screenText(page) {
  const parts = [];
  (function walk(node) {
    if (typeof node === 'string') return;
    const attrs = Object.fromEntries(node.attrs.map(({ name, value }) => [name, value]));
    const own = node.children.filter((child) => typeof child === 'string').join('').replace(/\s+/g, ' ').trim();
    if (node.tagName === 'wx-button') parts.push(`[${own}]`);
    else if (node.tagName === 'wx-input') parts.push(`[${attrs.value || attrs.placeholder || ''}▏]`);
    else if (own) parts.push(own);
    node.children.forEach(walk);
  }(page.toJSON()));
  return parts.join(' · ');
}

// Waits, without a fixed sleep, until check() holds; fails with what it saw.
async function until(check, describe, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof describe === 'function' ? describe() : describe}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Resolves once the page has no call in flight.
function idle(page, timeoutMs) {
  return until(() => !page.data.busy, () => `${page.route} to finish (busy: ${page.data.busyLabel})`, timeoutMs);
}

// A user's gesture on an element: 'tap', or a component event with its detail
// (an input's {value}, a getPhoneNumber button's {iv, encryptedData}).
function tap(page, selector, event = 'tap', detail = {}) {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`${page.route} has no ${selector}; it shows: ${screenText(page)}`);
  node.dispatchEvent(event, { detail });
}

// Taps an element that opens another page; resolves with that page once its
// first call has finished.
async function tapThrough(host, selector) {
  const from = host.current;
  tap(from, selector);
  await until(() => host.current !== from, () => `${selector} on ${from.route} to open a page`);
  await idle(host.current);
  return host.current;
}

// Does something that starts a call on the page (a tap), then waits until
// that call has finished.
async function act(page, action, timeoutMs) {
  const before = page.callsStarted;
  await action();
  await until(() => page.callsStarted > before, () => `${page.route} to start a call`, timeoutMs);
  await idle(page, timeoutMs);
}

module.exports = { createPageHost, textOf, screenText, tap, tapThrough, until, idle, act, isInside };
