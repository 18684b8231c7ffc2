// One client for the whole mini program. Clients built with the same options
// share one session anyway; one module keeps the options in one place.
const { AuthenticationClient } = require('authing-wxapp-sdk');
const config = require('../config.js');

const authing = new AuthenticationClient({
  host: config.host,
  userPoolId: config.userPoolId,
  appId: config.appId,
});

module.exports = { authing };
