'use strict';
// A fake `wx` for Node tests, with the shapes of the real mini program API:
// request makes real HTTP calls (to loopback hosts only), login asks the dev
// server's WeChat side for a code, storage lives in a Map that can outlive one
// "app run". Test-only knobs start with "__".

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const STORAGE_LIMIT_KB = 10240;

function later(callback, value) {
  if (typeof callback === 'function') setImmediate(() => callback(value));
}

// Runs a wx-style API: callbacks when given, else a promise (as the real API
// does for most methods since base library 2.10.2).
function settleWx(params, run) {
  const promise = new Promise((resolve, reject) => run(resolve, reject));
  const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof params[key] === 'function');
  if (!hasCallbacks) return promise;
  promise.then((result) => {
    later(params.success, result);
    later(params.complete, result);
  }, (error) => {
    later(params.fail, error);
    later(params.complete, error);
  });
  return undefined;
}

// `domains` ({'https://core.authing.cn': server.url}) sends what a page asks of
// a real host to a local one, so a page keeps its production config in tests;
// any other non-loopback host fails as a domain missing from the request
// legal domains does.
function createFakeWx({
  server, openid = `o-test-${crypto.randomBytes(6).toString('hex')}`, unionid, storage = new Map(), sdkVersion = '3.3.4',
  domains = {},
} = {}) {
  const routes = Object.entries(domains).map(([from, to]) => [new URL(from).origin, new URL(to).origin]);
  // The URL the request really goes to, or null when no legal domain covers it.
  function destination(url) {
    let target;
    try {
      target = new URL(url);
    } catch (error) {
      return undefined;
    }
    const route = routes.find(([from]) => from === target.origin);
    if (route) return new URL(`${route[1]}${target.pathname}${target.search}`);
    return /^https?:$/.test(target.protocol) && LOOPBACK.has(target.hostname) ? target : null;
  }
  const requests = [];
  // requestFail / loginFail: the next wx.request / wx.login fails with this {errMsg, errno}
  // (e.g. {errMsg: 'request:fail interrupted'} when the app went to the background,
  // {errMsg: 'login:fail api scope is not declared in the privacy agreement', errno: 112}).
  // chooseFail / uploadFail: the next wx.chooseMedia / wx.uploadFile fails with this {errMsg, errno}.
  // noRandom: wx.getRandomValues is missing, as on base libraries before 2.15.0.
  // storageRefuse: keys that setStorageSync refuses as if storage were full.
  // offline: every wx.request and wx.uploadFile fails, as with no connection, until set back.
  const faults = {
    offline: false,
    storageRefuse: [],
    storageFull: false, requestFail: null, loginFail: null, chooseFail: null, uploadFail: null, noRandom: false,
  };
  // Files the page can hand to APIs (temp paths, as wx.chooseMedia gives them), and the one the next chooser picks.
  const files = new Map();
  let nextChosen = null;
  const codes = [];
  const ui = [];
  let navigator = null;

  // Toasts, modals and navigation: recorded for tests; navigation is handed to
  // whoever hosts the pages (__setNavigator).
  function uiCall(api, params = {}, result = {}) {
    const { success, fail, complete, ...shown } = params;
    ui.push({ api, ...shown });
    return settleWx(params, (resolve, reject) => {
      if (api.startsWith('navigate') || api === 'redirectTo' || api === 'reLaunch') {
        if (!navigator) return reject({ errMsg: `${api}:fail no page host` });
        return Promise.resolve(navigator(api, shown)).then(
          () => resolve({ errMsg: `${api}:ok` }), (error) => reject({ errMsg: `${api}:fail ${error.message}` }));
      }
      return resolve({ errMsg: `${api}:ok`, ...result });
    });
  }

  function postJson(path, body) {
    return new Promise((resolve, reject) => {
      const request = http.request(`${server}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      });
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  }

  // While a gate is set (__holdRequests), requests wait in it: the test says
  // when each one reaches the server and when its answer reaches the page.
  let gate = null;

  function request(params) {
    if (gate) return gate.hold(params);
    const {
      url, method = 'GET', data, header = {}, timeout = 60000, dataType = 'json', responseType = 'text',
    } = params;
    requests.push({ url, method, header, data, timeout, dataType, responseType });
    if (faults.requestFail || faults.offline) {
      const failure = faults.requestFail || { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 };
      faults.requestFail = null;
      later(params.fail, failure);
      later(params.complete, failure);
      return { abort() {} };
    }
    let done = false;
    let outgoing = null;
    let timer = null;
    function finish(callback, value) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      later(callback, value);
      later(params.complete, value);
    }
    const fail = (errMsg, errno) => finish(params.fail, { errMsg: `request:fail ${errMsg}`, errno });

    const target = destination(url);
    if (!target) {
      if (target === undefined) fail('invalid url', 600009);
      else fail('url not in domain list', 600002);
      return { abort() {} };
    }
    let body = data;
    if (body !== undefined && typeof body !== 'string') {
      if (method.toUpperCase() === 'GET') {
        for (const [key, value] of Object.entries(body)) target.searchParams.append(key, String(value));
        body = undefined;
      } else {
        body = JSON.stringify(body);
      }
    }
    const client = target.protocol === 'https:' ? https : http;
    // No keep-alive: an idle pooled socket would keep a finished test process alive.
    outgoing = client.request(target, { method: method.toUpperCase(), headers: header, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('aborted', () => fail('connection reset', 600001));
      response.on('error', (error) => fail(error.message, 600001));
      response.on('end', () => {
        if (!response.complete) return fail('connection reset', 600001);
        const raw = Buffer.concat(chunks);
        let resData;
        if (responseType === 'arraybuffer') {
          resData = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length);
        } else {
          resData = raw.toString('utf8');
          if (dataType === 'json') {
            try { resData = JSON.parse(resData); } catch (error) { /* WeChat hands back the text */ }
          }
        }
        return finish(params.success, {
          data: resData, statusCode: response.statusCode, header: { ...response.headers }, cookies: [], errMsg: 'request:ok',
        });
      });
    });
    outgoing.on('error', (error) => fail(error.code || error.message, 600001));
    timer = setTimeout(() => {
      fail('timeout', 5);
      outgoing.destroy();
    }, timeout);
    outgoing.end(body);
    return {
      abort() {
        fail('abort', 600003);
        outgoing.destroy();
      },
    };
  }

  // A network whose timing the test decides. Each held request is an entry:
  //   await entry.arrive()   the server handles it now; its answer waits here
  //   entry.deliver()        the answer (or the failure) reaches the page
  //   entry.fail(errMsg)     the request fails before reaching the server
  // open() lets later requests through again.
  function holdRequests() {
    const held = [];
    gate = {
      hold(params) {
        const entry = {
          url: params.url,
          data: params.data,
          arrived: false,
          delivered: false,
          outcome: null,
          arrive() {
            entry.arrived = true;
            return new Promise((resolve) => {
              const saved = gate;
              gate = null;
              request({
                ...params,
                success: (value) => { entry.outcome = { callback: params.success, value }; resolve(); },
                fail: (value) => { entry.outcome = { callback: params.fail, value }; resolve(); },
                complete: undefined,
              });
              gate = saved;
            });
          },
          deliver() {
            entry.delivered = true;
            later(entry.outcome.callback, entry.outcome.value);
            later(params.complete, entry.outcome.value);
          },
          fail(errMsg = 'request:fail net::ERR_CONNECTION_RESET', errno = 600001) {
            entry.arrived = true;
            entry.outcome = { callback: params.fail, value: { errMsg, errno } };
            entry.deliver();
          },
        };
        held.push(entry);
        return { abort() {} };
      },
    };
    return {
      held,
      waiting: () => held.filter((entry) => !entry.delivered),
      open() { gate = null; },
    };
  }

  function login(params = {}) {
    return settleWx(params, (resolve, reject) => {
      if (faults.loginFail) {
        const failure = faults.loginFail;
        faults.loginFail = null;
        return reject(failure);
      }
      return postJson('/__wx/login', { openid, unionid }).then(
        ({ code }) => {
          codes.push(code);
          resolve({ code, errMsg: 'login:ok' });
        },
        (error) => reject({ errMsg: `login:fail ${error.message}` }));
    });
  }

  function getRandomValues(params = {}) {
    return settleWx(params, (resolve, reject) => {
      const length = Number(params.length);
      if (!Number.isInteger(length) || length < 1 || length > 1048576) return reject({ errMsg: 'getRandomValues:fail invalid length' });
      const bytes = crypto.randomBytes(length);
      return resolve({ randomValues: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length), errMsg: 'getRandomValues:ok' });
    });
  }

  // A picked image: the one __chooseImage prepared, else a small PNG-like file.
  function choose(api) {
    if (faults.chooseFail) {
      const failure = faults.chooseFail;
      faults.chooseFail = null;
      return Promise.reject(failure);
    }
    const path = nextChosen || `wxfile://tmp_${crypto.randomBytes(6).toString('hex')}.png`;
    nextChosen = null;
    if (!files.has(path)) files.set(path, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), crypto.randomBytes(64)]));
    return Promise.resolve({ path, size: files.get(path).length, api });
  }

  function chooseMedia(params = {}) {
    return settleWx(params, (resolve, reject) => choose('chooseMedia').then(({ path, size }) => resolve({
      type: 'image', tempFiles: [{ tempFilePath: path, size, fileType: 'image' }], errMsg: 'chooseMedia:ok',
    }), reject));
  }

  function chooseImage(params = {}) {
    return settleWx(params, (resolve, reject) => choose('chooseImage').then(({ path, size }) => resolve({
      tempFilePaths: [path], tempFiles: [{ path, size }], errMsg: 'chooseImage:ok',
    }), reject));
  }

  // Posts the file as multipart/form-data over real HTTP (loopback only), as wx.uploadFile does.
  function uploadFile(params = {}) {
    const { url, filePath, name, header = {}, formData = {}, timeout = 60000 } = params;
    requests.push({ url, method: 'POST', header, upload: { filePath, name }, timeout });
    return settleWx(params, (resolve, reject) => {
      if (faults.uploadFail) {
        const failure = faults.uploadFail;
        faults.uploadFail = null;
        return reject(failure);
      }
      if (faults.offline) return reject({ errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 });
      const target = destination(url);
      if (target === undefined) return reject({ errMsg: 'uploadFile:fail invalid url' });
      if (!target) return reject({ errMsg: 'uploadFile:fail url not in domain list', errno: 600002 });
      if (!files.has(filePath)) return reject({ errMsg: `uploadFile:fail file not found ${filePath}` });
      const boundary = `----wxfake${crypto.randomBytes(8).toString('hex')}`;
      const parts = Object.entries(formData).map(([key, value]) => Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filePath.split('/').pop()}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
      parts.push(files.get(filePath), Buffer.from(`\r\n--${boundary}--\r\n`));
      const body = Buffer.concat(parts);
      const headers = { ...header, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length };
      const outgoing = http.request(target, { method: 'POST', headers, agent: false }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ data: Buffer.concat(chunks).toString('utf8'), statusCode: response.statusCode, errMsg: 'uploadFile:ok' }));
        response.on('error', (error) => reject({ errMsg: `uploadFile:fail ${error.message}` }));
      });
      const timer = setTimeout(() => {
        outgoing.destroy();
        reject({ errMsg: 'uploadFile:fail timeout', errno: 5 });
      }, timeout);
      outgoing.on('close', () => clearTimeout(timer));
      outgoing.on('error', (error) => reject({ errMsg: `uploadFile:fail ${error.code || error.message}`, errno: 600001 }));
      return outgoing.end(body);
    });
  }

  function copy(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function sizeKb() {
    let bytes = 0;
    for (const [key, value] of storage) bytes += key.length + JSON.stringify(value).length;
    return Math.ceil(bytes / 1024);
  }

  const wx = {
    request,
    login,
    chooseMedia,
    chooseImage,
    uploadFile,
    getStorageSync(key) {
      return storage.has(key) ? copy(storage.get(key)) : '';
    },
    setStorageSync(key, value) {
      if (faults.storageFull || faults.storageRefuse.includes(key)) {
        throw new Error('setStorageSync:fail exceed storage max size 10MB');
      }
      storage.set(key, copy(value));
    },
    removeStorageSync(key) {
      storage.delete(key);
    },
    clearStorageSync() {
      storage.clear();
    },
    getStorageInfoSync() {
      return { keys: [...storage.keys()], currentSize: sizeKb(), limitSize: STORAGE_LIMIT_KB };
    },
    getStorage(params) {
      return settleWx(params, (resolve, reject) => {
        if (storage.has(params.key)) resolve({ data: copy(storage.get(params.key)), errMsg: 'getStorage:ok' });
        else reject({ errMsg: 'getStorage:fail data not found' });
      });
    },
    setStorage(params) {
      return settleWx(params, (resolve, reject) => {
        if (faults.storageFull) return reject({ errMsg: 'setStorage:fail exceed storage max size 10MB' });
        storage.set(params.key, copy(params.data));
        return resolve({ errMsg: 'setStorage:ok' });
      });
    },
    removeStorage(params) {
      return settleWx(params, (resolve) => {
        storage.delete(params.key);
        resolve({ errMsg: 'removeStorage:ok' });
      });
    },
    getSystemInfoSync() {
      return { SDKVersion: sdkVersion, platform: 'devtools', language: 'zh_CN', version: '8.0.50' };
    },
    getAppBaseInfo() {
      return { SDKVersion: sdkVersion, platform: 'devtools', language: 'zh_CN', version: '8.0.50' };
    },
    canIUse() {
      return true;
    },
    // Base library 2.15.0+: what the SDK pads an RSA-encrypted password with.
    getRandomValues(params = {}) {
      return settleWx(params, (resolve, reject) => {
        if (!Number.isInteger(params.length) || params.length <= 0) return reject({ errMsg: 'getRandomValues:fail invalid length' });
        const bytes = crypto.randomBytes(params.length);
        return resolve({ randomValues: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), errMsg: 'getRandomValues:ok' });
      });
    },
    showToast: (params) => uiCall('showToast', params),
    hideToast: (params) => uiCall('hideToast', params),
    showModal: (params) => uiCall('showModal', params, { confirm: true, cancel: false }),
    showLoading: (params) => uiCall('showLoading', params),
    hideLoading: (params) => uiCall('hideLoading', params),
    navigateTo: (params) => uiCall('navigateTo', params),
    redirectTo: (params) => uiCall('redirectTo', params),
    reLaunch: (params) => uiCall('reLaunch', params),
    navigateBack: (params) => uiCall('navigateBack', params),
    // What <button open-type="getPhoneNumber"> gives the page, sealed with the current session_key.
    __getPhoneNumberDetail(phoneNumber, countryCode = '86') {
      return postJson('/__wx/phone', { openid, phoneNumber, countryCode })
        .then((sealed) => ({ errMsg: 'getPhoneNumber:ok', ...sealed }));
    },
    // The same on base library 2.21.2+: a phone code as well, which Authing's
    // v3 endpoints exchange (the SDK prefers it over iv/encryptedData).
    __getPhoneNumberCodeDetail(phoneNumber, countryCode = '86') {
      return Promise.all([
        postJson('/__wx/phone', { openid, phoneNumber, countryCode }),
        postJson('/__wx/phone-code', { phoneNumber, countryCode }),
      ]).then(([sealed, { code }]) => {
        // Without a wx.login before, there is no session_key to seal with.
        const legacy = sealed.iv ? { iv: sealed.iv, encryptedData: sealed.encryptedData } : {};
        return { errMsg: 'getPhoneNumber:ok', code, ...legacy };
      });
    },
    __getUserInfoDetail(profile) {
      return postJson('/__wx/userinfo', { openid, ...profile });
    },
    __holdRequests: holdRequests,
    __setNavigator(handler) {
      navigator = handler;
    },
    // The next chooser picks this file (its bytes kept for wx.uploadFile).
    __chooseImage(path, bytes) {
      files.set(path, Buffer.from(bytes));
      nextChosen = path;
    },
    __files: files,
    __ui: ui,
    __openid: openid,
    __requests: requests,
    __faults: faults,
    __codes: codes,
    __storage: storage,
  };
  // Base libraries before 2.15.0 have no wx.getRandomValues.
  Object.defineProperty(wx, 'getRandomValues', {
    enumerable: true,
    get: () => (faults.noRandom ? undefined : getRandomValues),
  });
  return wx;
}

module.exports = { createFakeWx };
