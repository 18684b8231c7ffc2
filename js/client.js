'use strict';
// AuthenticationClient: the public face of the SDK. Its methods come from the
// core's operation table (operations.js, generated from the core at build
// time); each one maps its positional arguments onto the names the core
// expects and hands the call to the driver.

var loader = require('./loader.js');
var Driver = require('./driver.js').Driver;
var OPERATIONS = require('./operations.js');

// Options the core reads; the rest (onError, wasmPath) belong to the shim.
var CORE_OPTIONS = ['userPoolId', 'appId', 'host', 'appHost', 'timeout', 'token', 'accessToken', 'lang'];

function reportError(onError, error) {
  if (!onError) return;
  try {
    onError(error.code, error.message, error.data);
  } catch (hookError) {
    console.error('authing-wxapp-sdk: onError threw', hookError);
  }
}

function AuthenticationClient(options) {
  if (!(this instanceof AuthenticationClient)) {
    throw new TypeError("Class constructor AuthenticationClient cannot be invoked without 'new'");
  }
  options = options || {};
  this.options = options;
  var coreOptions = {};
  for (var i = 0; i < CORE_OPTIONS.length; i++) {
    if (options[CORE_OPTIONS[i]] !== undefined) coreOptions[CORE_OPTIONS[i]] = options[CORE_OPTIONS[i]];
  }
  var listeners = {};
  var onError = typeof options.onError === 'function' ? options.onError : null;
  this._listeners = listeners;
  var optionsJson = JSON.stringify(coreOptions);
  this._driver = new Driver(loader.load(options.wasmPath).then(function (module) {
    return new module.AuthingCore(optionsJson);
  }), {
    onError: function (error) { reportError(onError, error); },
    onEvent: function (name, payload) {
      var list = listeners[name];
      if (!list || list.length === 0) {
        if (name === 'storageError') {
          console.warn('authing-wxapp-sdk: wx storage refused to save "' + payload.key + '": ' + payload.errMsg);
        }
        return;
      }
      list.slice().forEach(function (listener) {
        try {
          listener(payload);
        } catch (listenerError) {
          console.error('authing-wxapp-sdk: a "' + name + '" listener threw', listenerError);
        }
      });
    },
  });
}

// Subscribes to 'loginStateChange' ({loggedIn, reason, userId}) or
// 'storageError' ({key, errMsg}); returns a function that unsubscribes.
AuthenticationClient.prototype.on = function (name, listener) {
  var list = this._listeners[name] || (this._listeners[name] = []);
  list.push(listener);
  var self = this;
  return function () { self.off(name, listener); };
};

AuthenticationClient.prototype.off = function (name, listener) {
  var list = this._listeners[name];
  if (!list) return;
  var index = list.indexOf(listener);
  if (index >= 0) list.splice(index, 1);
};

AuthenticationClient.prototype._call = function (operation, args) {
  var named = {};
  for (var i = 0; i < operation.args.length; i++) {
    if (args[i] !== undefined) named[operation.args[i]] = args[i];
  }
  var argsJson;
  try {
    argsJson = JSON.stringify(named);
  } catch (error) {
    var driver = this._driver;
    return new Promise(function (resolve, reject) {
      driver.rejectCall(reject, {
        kind: 'argument',
        code: 'INVALID_ARGUMENT',
        message: 'The arguments of ' + operation.name + ' cannot be encoded as JSON: ' + error.message,
      });
    });
  }
  return this._driver.call(operation.name, argsJson);
};

OPERATIONS.forEach(function (operation) {
  Object.defineProperty(AuthenticationClient.prototype, operation.name, {
    value: function () {
      return this._call(operation, Array.prototype.slice.call(arguments));
    },
    writable: true,
    configurable: true,
  });
});

module.exports = { AuthenticationClient: AuthenticationClient };
