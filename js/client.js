'use strict';
// AuthenticationClient: the public face of the SDK. Its methods come from the
// core's operation table (operations.js, which the build generates from the
// core and bundles with the shim); each one maps its positional arguments
// onto the names the core expects and hands the call to the driver.
//
// Clients built with the same options share one core, so one session: mini
// programs often create a client in every page, and a login in one page must
// be seen by the others at once.

var loader = require('./loader.js');
var checkOptions = require('./options.js').checkOptions;
var Driver = require('./driver.js').Driver;
var OPERATIONS = require('./operations.js');
var hosted = require('./hosted.js');

// Options the core reads; the rest (onError, wasmPath, encryptFunction) belong
// to the shim. The core learns only whether encryptFunction is given.
var CORE_OPTIONS = [
  'userPoolId', 'appId', 'host', 'appHost', 'timeout', 'token', 'accessToken', 'lang', 'publicKey', 'extIdpConnidentifier',
];

var drivers = {};

function sharedDriver(optionsJson, wasmPath, encryptFunction) {
  var key = (wasmPath || '') + '\n' + optionsJson;
  if (!drivers[key]) {
    drivers[key] = new Driver(loader.load(wasmPath), optionsJson, function () {
      delete drivers[key];
    }, encryptFunction);
  }
  return drivers[key];
}

function AuthenticationClient(options) {
  if (!(this instanceof AuthenticationClient)) {
    throw new TypeError("Class constructor AuthenticationClient cannot be invoked without 'new'");
  }
  options = options === undefined ? {} : options;
  checkOptions(options);
  this.options = options;
  var coreOptions = {};
  for (var i = 0; i < CORE_OPTIONS.length; i++) {
    if (options[CORE_OPTIONS[i]] !== undefined) coreOptions[CORE_OPTIONS[i]] = options[CORE_OPTIONS[i]];
  }
  var encryptFunction = typeof options.encryptFunction === 'function' ? options.encryptFunction : null;
  if (encryptFunction) coreOptions.encryptFunction = true;
  this._report = typeof options.onError === 'function' ? options.onError : null;
  this._driver = sharedDriver(JSON.stringify(coreOptions), options.wasmPath, encryptFunction);
}

// Subscribes to 'loginStateChange' ({loggedIn, reason, userId}) or
// 'storageError' ({key, errMsg}) of this client's session; returns a function
// that unsubscribes.
AuthenticationClient.prototype.on = function (name, listener) {
  var driver = this._driver;
  driver.on(name, listener);
  return function () { driver.off(name, listener); };
};

AuthenticationClient.prototype.off = function (name, listener) {
  this._driver.off(name, listener);
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
    var report = this._report;
    return new Promise(function (resolve, reject) {
      driver.rejectCall({ reject: reject, report: report }, {
        kind: 'argument',
        code: 'INVALID_ARGUMENT',
        message: 'The arguments of ' + operation.name + ' cannot be encoded as JSON: ' + error.message,
      });
    });
  }
  return this._driver.call(operation.name, argsJson, this._report);
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

// Synchronous, as in v4 (hosted.js says why these three are not core operations).
AuthenticationClient.prototype.computedPasswordSecurityLevel = function (password) {
  return hosted.passwordSecurityLevel(this.options, password);
};

AuthenticationClient.prototype.buildAuthorizeUrl = function (options) {
  return hosted.buildAuthorizeUrl(this.options, options);
};

AuthenticationClient.prototype.buildLogoutUrl = function (options) {
  return hosted.buildLogoutUrl(this.options, options);
};

module.exports = { AuthenticationClient: AuthenticationClient };
