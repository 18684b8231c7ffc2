'use strict';
// AuthingError: the only thing an SDK method ever rejects with.
//
// Written as a plain constructor rather than `class extends Error`: mini program
// tooling may compile classes to ES5, where subclassing Error loses the
// prototype and `instanceof` stops working.

function AuthingError(fields) {
  var error = new Error(fields && typeof fields.message === 'string' ? fields.message : '');
  Object.setPrototypeOf(error, AuthingError.prototype);
  error.code = fields && fields.code !== undefined ? fields.code : 'UNKNOWN';
  error.kind = fields && fields.kind ? fields.kind : 'runtime';
  error.data = fields && fields.data !== undefined ? fields.data : null;
  if (fields && fields.statusCode !== undefined) error.statusCode = fields.statusCode;
  if (fields && fields.apiCode !== undefined) error.apiCode = fields.apiCode;
  if (fields && fields.requestId !== undefined) error.requestId = fields.requestId;
  return error;
}

AuthingError.prototype = Object.create(Error.prototype, {
  constructor: { value: AuthingError, writable: true, configurable: true },
  name: { value: 'AuthingError', writable: true, configurable: true },
});
Object.setPrototypeOf(AuthingError, Error);

module.exports = { AuthingError: AuthingError };
