'use strict';
// authing-wxapp-sdk: log WeChat Mini Program users in against Authing.
//
//   const { AuthenticationClient } = require('authing-wxapp-sdk');
//   const authing = new AuthenticationClient({ userPoolId: 'YOUR_USERPOOL_ID' });
//   const { code } = await wx.login();
//   const user = await authing.loginByCode(code);

var client = require('./client.js');
var errors = require('./errors.js');

module.exports = {
  AuthenticationClient: client.AuthenticationClient,
  AuthingError: errors.AuthingError,
};
