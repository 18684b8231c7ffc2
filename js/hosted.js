'use strict';
// The three methods v4 answers synchronously, without the network or the
// session: password strength on the device, and the URLs of the hosted login
// page for a <web-view>. They live in the shim because a synchronous method
// cannot wait for the wasm core to load; they read only the client options.

var AuthingError = require('./errors.js').AuthingError;

var PROTOCOLS = ['oidc', 'oauth', 'saml', 'cas'];

function argumentError(options, detail) {
  var english = options && typeof options.lang === 'string' && options.lang.slice(0, 2) === 'en';
  return new AuthingError({
    kind: 'argument',
    code: 'INVALID_ARGUMENT',
    message: (english ? 'Invalid argument: ' : '参数错误：') + detail,
    data: null,
  });
}

// 3 (high): 12+ characters with a lower-case and an upper-case letter and a
// digit; 2 (middle): 8+ characters with a letter and a digit; 1 (low): the rest.
function passwordSecurityLevel(options, password) {
  if (typeof password !== 'string') throw argumentError(options, 'password must be a string');
  if (password.length >= 12 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password)) return 3;
  if (password.length >= 8 && /[a-zA-Z]/.test(password) && /\d/.test(password)) return 2;
  return 1;
}

// application/x-www-form-urlencoded, as URLSearchParams writes it (mini
// programs have no URLSearchParams).
function formEncode(pairs) {
  return pairs.map(function (pair) {
    return [pair[0], pair[1]].map(function (text) {
      return encodeURIComponent(String(text)).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) {
        return '%' + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }).join('=');
  }).join('&');
}

function appHostOf(options) {
  if (typeof options.appHost !== 'string' || !options.appHost) {
    throw argumentError(options, 'the hosted login page needs the appHost option (your application\'s domain, ' +
      'for example https://your-app.authing.cn)');
  }
  return options.appHost.replace(/\/+$/, '');
}

function protocolOf(options) {
  var protocol = options.protocol === undefined ? 'oidc' : options.protocol;
  if (PROTOCOLS.indexOf(protocol) < 0) throw argumentError(options, 'protocol must be one of ' + PROTOCOLS.join(', '));
  return protocol;
}

function randomDigits() {
  return Math.random().toString().slice(2);
}

function checkParams(options, params) {
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw argumentError(options, 'options must be an object');
  }
  return params || {};
}

// The query of an OIDC or OAuth authorize URL: v4's defaults, then what the
// caller gives (truthy values only, as v4).
function authorizeQuery(options, params, oidc) {
  var query = [];
  var values = {};
  function set(key, value) {
    if (!(key in values)) query.push(key);
    values[key] = value;
  }
  if (oidc) set('nonce', randomDigits());
  set('state', randomDigits());
  set('scope', oidc ? 'openid profile email phone address' : 'user');
  if (options.appId) set('client_id', options.appId);
  if (oidc) set('response_mode', 'query');
  if (options.redirectUri) set('redirect_uri', options.redirectUri);
  set('response_type', 'code');
  var names = { appId: 'client_id', scope: 'scope', state: 'state', responseType: 'response_type', redirectUri: 'redirect_uri' };
  if (oidc) {
    names.nonce = 'nonce';
    names.responseMode = 'response_mode';
  }
  Object.keys(names).forEach(function (key) {
    if (!params[key]) return;
    if (typeof params[key] !== 'string') throw argumentError(options, key + ' must be a string');
    if (oidc && key === 'scope' && params.scope.indexOf('offline_access') >= 0) set('prompt', 'consent');
    set(names[key], params[key]);
  });
  return formEncode(query.map(function (key) { return [key, values[key]]; }));
}

function buildAuthorizeUrl(options, params) {
  var host = appHostOf(options);
  var protocol = protocolOf(options);
  params = checkParams(options, params);
  if (protocol === 'oidc') return host + '/oidc/auth?' + authorizeQuery(options, params, true);
  if (protocol === 'oauth') return host + '/oauth/auth?' + authorizeQuery(options, params, false);
  if (protocol === 'saml') return host + '/saml-idp/' + encodeURIComponent(options.appId || '');
  var cas = host + '/cas-idp/' + encodeURIComponent(options.appId || '');
  return params.service ? cas + '?service=' + encodeURIComponent(params.service) : cas;
}

function buildLogoutUrl(options, params) {
  var host = appHostOf(options);
  var protocol = protocolOf(options);
  params = checkParams(options, params);
  if (protocol === 'cas') {
    return host + '/cas-idp/logout' + (params.redirectUri ? '?url=' + encodeURIComponent(params.redirectUri) : '');
  }
  if (protocol === 'oidc' && params.expert) {
    if (!params.idToken !== !params.redirectUri) {
      throw argumentError(options, 'idToken and redirectUri go together: give both or neither');
    }
    if (!params.redirectUri) return host + '/oidc/session/end';
    return host + '/oidc/session/end?' + formEncode([
      ['id_token_hint', params.idToken], ['post_logout_redirect_uri', params.redirectUri],
    ]);
  }
  return host + '/login/profile/logout' +
    (params.redirectUri ? '?redirect_uri=' + encodeURIComponent(params.redirectUri) : '');
}

module.exports = {
  passwordSecurityLevel: passwordSecurityLevel,
  buildAuthorizeUrl: buildAuthorizeUrl,
  buildLogoutUrl: buildLogoutUrl,
};
