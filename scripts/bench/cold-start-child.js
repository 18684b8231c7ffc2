'use strict';
// One cold start sample, in a fresh process: require → first resolved
// loginByCode of the package named by BENCH_PACKAGE, against the dev server at
// SERVER_URL (run by the bench's own process). Prints its marks as JSON.
//
// Everything before t0 is set-up: the fake wx, a login code, and one request
// through the fake wx.request, so that the test kit's own first-call costs
// (its JS compiled on first use, Node's HTTP client paths for an answer with a
// body) are not billed to the package; a mini program's wx.request is native
// and warm. The warm-up asks for a /__ path, which the dev server neither logs
// nor acts on.

const { createFakeWx } = require('../../js/testing/fake-wx.js');
const { PACKAGES, makeClient } = require('./packages.js');

const name = process.env.BENCH_PACKAGE;
const server = { url: process.env.SERVER_URL, userPoolId: process.env.POOL, appId: process.env.APP };
const wx = createFakeWx({ server: server.url, openid: `o-bench-cold-${name}-${process.pid}` });
global.wx = wx;

async function main() {
  await new Promise((resolve, reject) => {
    wx.request({ url: `${server.url}/__warm-up`, method: 'GET', dataType: 'text', responseType: 'text', success: resolve, fail: reject });
  });
  const { code } = await wx.login();
  const t0 = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const { AuthenticationClient } = PACKAGES[name].load();
  const marks = { required: ms() };
  const client = makeClient(name, AuthenticationClient, server);
  // This package's module loaded and its core made.
  if (client._driver) client._driver.ready.then(() => { marks.ready = ms(); });
  await client.loginByCode(code);
  marks.resolved = ms();
  // The warm-up is not the package's: the rest is what it sent through wx.request.
  console.log(JSON.stringify({ ...marks, wxRequests: wx.__requests.length - 1 }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
