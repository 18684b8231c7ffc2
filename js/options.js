'use strict';
// The client options, checked when the client is built, so that a wrong host
// or a missing user pool fails at `new AuthenticationClient(...)` rather than
// at the first call. The core checks them again with the same rules (its
// parse_config is the authority, and tests/fixtures/options.json holds the
// cases both must agree on); this copy exists only because the wasm core has
// not loaded yet when the constructor runs.

var AuthingError = require('./errors.js').AuthingError;

var STRING_OPTIONS = ['lang', 'userPoolId', 'appId', 'appHost', 'host', 'token', 'accessToken', 'redirectUri', 'extIdpConnidentifier'];
var DEFAULT_HOST = 'https://core.authing.cn';
var MAX_TIMEOUT_MS = 600000;
var CONTROL = /[\u0000-\u001f\u007f]/;

function isLoopback(host) {
  if (host === 'localhost' || host === '[::1]') return true;
  var quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return !!quad && +quad[1] <= 255 && +quad[2] <= 255 && +quad[3] <= 255;
}

// What is wrong with a base URL, or '' when nothing is.
function baseUrlProblem(url) {
  if (CONTROL.test(url) || url.indexOf(' ') >= 0) return 'host contains control characters or spaces';
  url = url.replace(/\/+$/, '');
  var https = url.slice(0, 8) === 'https://';
  if (!https && url.slice(0, 7) !== 'http://') return 'host must start with https://';
  var rest = url.slice(https ? 8 : 7);
  var authority = rest.split('/')[0];
  if (!authority) return 'host has no domain';
  if (/[?#@\\]/.test(rest)) return 'host must not contain a query, fragment or credentials';
  var host = authority;
  if (host.charAt(0) === '[') {
    if (host.indexOf(']') < 0) return 'host has an unclosed IPv6 bracket';
    host = host.slice(0, host.indexOf(']') + 1);
  } else {
    host = host.split(':')[0];
  }
  if (!https && !isLoopback(host)) return 'host must use https (http is allowed for loopback addresses only)';
  return '';
}

// JSON drops undefined and turns NaN and Infinity into null: the core sees them as absent.
function absent(value) {
  return value === undefined || value === null || (typeof value === 'number' && !isFinite(value));
}

function problem(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return 'options must be an object';
  var text = {};
  for (var i = 0; i < STRING_OPTIONS.length; i++) {
    var key = STRING_OPTIONS[i];
    var value = options[key];
    if (absent(value)) {
      text[key] = '';
    } else if (typeof value !== 'string') {
      return key + ' must be a string';
    } else if (CONTROL.test(value)) {
      return key + ' contains control characters';
    } else {
      text[key] = value;
    }
  }
  if (!text.userPoolId && !text.appId) return 'userPoolId (or appId) is required';
  var baseProblem = baseUrlProblem(text.appHost || text.host || DEFAULT_HOST);
  if (baseProblem) return baseProblem;
  if (!absent(options.publicKey) && typeof options.publicKey !== 'string') return 'publicKey must be a string';
  if (!absent(options.protocol) && ['oidc', 'oauth', 'saml', 'cas'].indexOf(options.protocol) < 0) {
    return 'protocol must be one of oidc, oauth, saml, cas';
  }
  if (!absent(options.encryptFunction) && typeof options.encryptFunction !== 'function') {
    return 'encryptFunction must be a function';
  }
  var timeout = options.timeout;
  if (!absent(timeout) && (typeof timeout !== 'number' || timeout < 1 || timeout > MAX_TIMEOUT_MS)) {
    return 'timeout must be a number of milliseconds between 1 and 600000';
  }
  return '';
}

// Throws the AuthingError (argument, INVALID_OPTIONS) the core would give.
function checkOptions(options) {
  var detail = problem(options);
  if (!detail) return;
  var english = options && typeof options.lang === 'string' && options.lang.slice(0, 2) === 'en';
  throw new AuthingError({
    kind: 'argument',
    code: 'INVALID_OPTIONS',
    message: english ? 'Invalid client options: ' + detail : '初始化参数错误：' + detail,
    data: null,
  });
}

module.exports = { checkOptions: checkOptions };
