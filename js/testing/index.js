'use strict';
// The test kit: `require("authing-wxapp-sdk/testing")`, for Node only. It is
// outside the package's miniprogram folder, so Build npm never copies it into
// a mini program.

const { startMiniprogram } = require('./miniprogram.js');
const { createFakeWx } = require('./fake-wx.js');
const { startDevServer } = require('./dev-server.js');
const { createSandbox, createFakeClock } = require('./sandbox.js');

module.exports = { startMiniprogram, createFakeWx, startDevServer, createSandbox, createFakeClock };
