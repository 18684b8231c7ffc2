// Where the demo logs in. The default is the local Authing-compatible dev
// server (`npm run dev-server` in the SDK's repository); for a real user pool,
// put your Authing host and ids here, and add the host to the mini program's
// request domain list.
module.exports = {
  host: 'http://127.0.0.1:3000',
  userPoolId: 'dev-user-pool',
  appId: 'dev-app',
};
