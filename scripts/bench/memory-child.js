'use strict';
// Memory over OPERATIONS operations of the package named by BENCH_PACKAGE, in a
// process of its own (run with --expose-gc), against the dev server at
// SERVER_URL: the JS heap and RSS, and for this package its wasm linear
// memory, read through the client's driver. Prints the figures as JSON.

const { createFakeWx } = require('../../js/testing/fake-wx.js');
const { PACKAGES, makeClient } = require('./packages.js');

const name = process.env.BENCH_PACKAGE;
const OPERATIONS = Number(process.env.OPERATIONS);
const WARM_UP = 300;
const server = { url: process.env.SERVER_URL, userPoolId: process.env.POOL, appId: process.env.APP };
const wx = createFakeWx({ server: server.url, storage: new Map(), openid: `o-bench-memory-${name}` });
global.wx = wx;

async function main() {
  const client = makeClient(name, PACKAGES[name].load().AuthenticationClient, server);
  let linear = () => null;
  if (name === 'this') {
    await client._driver.ready;
    linear = () => client._driver.module.HEAP8.buffer.byteLength;
  }
  const linearAtStart = linear();
  await client.loginByCode((await wx.login()).code);
  const operations = [
    () => client.getCurrentUser(),
    () => client.updateProfile({ nickname: '内存 bench' }),
    () => client.checkLoginStatus(),
  ];
  // The fake wx logs every request; that log is the test kit's memory, not the
  // package's, so it is emptied as the run goes (and counted, for the bench to
  // hold against the dev server's).
  let sent = 0;
  const forgetLog = () => {
    sent += wx.__requests.length;
    wx.__requests.length = 0;
  };
  for (let i = 0; i < WARM_UP; i++) await operations[i % 3]();
  // v4's getCurrentUser answers null for any failure; the run counts only if it works.
  const user = await client.getCurrentUser();
  if (!user || !user.id) throw new Error(`${name}: getCurrentUser answered ${JSON.stringify(user)}`);
  forgetLog();
  const linearAfterWarmUp = linear();
  global.gc();
  const before = process.memoryUsage();
  for (let i = 0; i < OPERATIONS; i++) {
    await operations[i % 3]();
    if (i % 100 === 99) forgetLog();
  }
  forgetLog();
  global.gc();
  const after = process.memoryUsage();
  console.log(JSON.stringify({
    operations: OPERATIONS,
    linearAtStartBytes: linearAtStart,
    linearAfterWarmUpBytes: linearAfterWarmUp,
    linearAfterBytes: linear(),
    linearGrowthBytes: name === 'this' ? linear() - linearAfterWarmUp : null,
    heapAfterWarmUpBytes: before.heapUsed,
    heapDeltaBytes: after.heapUsed - before.heapUsed,
    rssAfterWarmUpBytes: before.rss,
    rssDeltaBytes: after.rss - before.rss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    wxRequests: sent,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
