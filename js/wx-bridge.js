'use strict';
// Performs the core's I/O actions with the mini program's wx API. Every action
// ends in exactly one outcome handed back to the core; nothing here decides
// anything about authentication.

function wxApi() {
  if (typeof wx !== 'undefined') return wx;
  var root = typeof globalThis !== 'undefined' ? globalThis : undefined;
  return root && root.wx;
}

function failureOf(error) {
  var errMsg = error && (error.errMsg || error.message);
  var fail = { errMsg: typeof errMsg === 'string' ? errMsg : String(error) };
  if (error && typeof error.errno === 'number') fail.errno = error.errno;
  return fail;
}

// Calls a wx API that takes success/fail callbacks and, on newer base
// libraries or wrappers, may also return a promise; `done` runs exactly once.
function callWx(name, params, onSuccess, onFail) {
  var settled = false;
  function succeed(result) { if (!settled) { settled = true; onSuccess(result); } }
  function fail(error) { if (!settled) { settled = true; onFail(failureOf(error)); } }
  var api = wxApi();
  if (!api || typeof api[name] !== 'function') {
    fail({ errMsg: name + ':fail wx.' + name + ' is not available' });
    return;
  }
  params.success = succeed;
  params.fail = fail;
  try {
    var returned = api[name](params);
    if (returned && typeof returned.then === 'function' && name !== 'request') returned.then(succeed, fail);
  } catch (error) {
    fail(error);
  }
}

function bodyText(data) {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return '';
  // Some runtimes parse JSON even when asked not to.
  try {
    return JSON.stringify(data);
  } catch (error) {
    return '';
  }
}

function request(req, onAnswer, onFail) {
  var params = {
    url: req.url,
    method: req.method,
    header: req.headers,
    timeout: req.timeoutMs,
    dataType: 'text',  // the core parses the body once, and sees malformed bodies as they are
    responseType: 'text',
  };
  if (req.body !== undefined) params.data = req.body;
  callWx('request', params, function (res) {
    onAnswer(res.statusCode, res.header || {}, bodyText(res.data));
  }, onFail);
}

function login(timeoutMs, onCode, onFail) {
  callWx('login', { timeout: timeoutMs }, function (res) {
    onCode(res && res.code);
  }, onFail);
}

// `length` bytes from the secure random source, as numbers: wx.getRandomValues
// (base library 2.15.0+), else the standard crypto.getRandomValues where the
// runtime has one. Never Math.random: without a secure source the call fails.
function randomBytes(length, onBytes, onFail) {
  var api = wxApi();
  if (api && typeof api.getRandomValues === 'function') {
    callWx('getRandomValues', { length: length }, function (res) {
      onBytes(Array.prototype.slice.call(new Uint8Array((res && res.randomValues) || new ArrayBuffer(0))));
    }, onFail);
    return;
  }
  var root = typeof globalThis !== 'undefined' ? globalThis : undefined;
  var webCrypto = root && root.crypto;
  if (webCrypto && typeof webCrypto.getRandomValues === 'function') {
    onBytes(Array.prototype.slice.call(webCrypto.getRandomValues(new Uint8Array(length))));
    return;
  }
  onFail({ errMsg: 'getRandomValues:fail wx.getRandomValues is not available (base library 2.15.0 or later)' });
}

// One image: wx.chooseMedia, or wx.chooseImage on base libraries without it.
function chooseImage(onPath, onFail) {
  var api = wxApi();
  if (api && typeof api.chooseMedia === 'function') {
    callWx('chooseMedia', { count: 1, mediaType: ['image'] }, function (res) {
      var file = res && res.tempFiles && res.tempFiles[0];
      onPath(file && file.tempFilePath);
    }, onFail);
    return;
  }
  callWx('chooseImage', { count: 1 }, function (res) {
    onPath(res && res.tempFilePaths && res.tempFilePaths[0]);
  }, onFail);
}

function uploadFile(params, onAnswer, onFail) {
  callWx('uploadFile', {
    url: params.url,
    filePath: params.filePath,
    name: params.name,
    header: params.headers,
    timeout: params.timeoutMs,
  }, function (res) {
    onAnswer({ statusCode: res && res.statusCode, data: bodyText(res && res.data) });
  }, onFail);
}

// Storage runs synchronously: it is local, and the core's session reads and
// writes then complete in the same turn as the call that caused them. Each
// returns the outcome the core expects.
function storageCall(run) {
  try {
    return run(wxApi());
  } catch (error) {
    return { fail: failureOf(error) };
  }
}

function getStorage(key) {
  return storageCall(function (api) { return { value: api.getStorageSync(key) }; });
}

function setStorage(key, value) {
  return storageCall(function (api) { api.setStorageSync(key, value); return {}; });
}

function removeStorage(key) {
  return storageCall(function (api) { api.removeStorageSync(key); return {}; });
}

module.exports = {
  request: request,
  login: login,
  randomBytes: randomBytes,
  chooseImage: chooseImage,
  uploadFile: uploadFile,
  getStorage: getStorage,
  setStorage: setStorage,
  removeStorage: removeStorage,
};
