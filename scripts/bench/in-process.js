'use strict';
// Each package's own CPU time per request: loginByCode + updateProfile +
// checkLoginStatus with the dev server's answers recorded once and handed
// back in-process by a replaying wx.request on the next turn, so no socket
// or server code runs between the SDK's steps. Each round is timed against
// the same number of bare answers, handed back by the same wx.request with
// the same parameters; the difference, per request, is the SDK's. v4 leaves
// dataType at json, so its wx.request parses each answer for it, on both
// sides of that difference; this package asks for text and parses the answers
// itself. So each round is also timed against bare answers handed back as
// text, which bills that parse to v4 too, for information.

const { createFakeWx } = require('../../js/testing/fake-wx.js');
const { PACKAGES, NAMES, makeClient, flow } = require('./packages.js');
const { median, percentile } = require('./stats.js');

const WARM_UP_ROUNDS = 100;

function answerText(data) {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return JSON.stringify(data);
}

// The body as the live fake wx.request hands it back for these parameters: the
// text, parsed when dataType is json (the default), or an ArrayBuffer.
function answerData(text, { dataType = 'json', responseType = 'text' }) {
  if (responseType === 'arraybuffer') return new TextEncoder().encode(text).buffer;
  if (dataType !== 'json') return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    return text;
  }
}

// A wx whose request hands back `answers` in order; storage of its own, kept
// as given (neither package pays for copies the platform would make).
function replayWx(live, answers) {
  const storage = new Map();
  const wx = {
    ...live,
    served: 0,
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => { storage.set(key, value); },
    removeStorageSync: (key) => { storage.delete(key); },
    request(params) {
      const { text, statusCode, header } = answers[wx.served++ % answers.length];
      setImmediate(() => params.success({ data: answerData(text, params), statusCode, header, cookies: [], errMsg: 'request:ok' }));
      return { abort() {} };
    },
  };
  return wx;
}

// Logs a client of the package in for real once through the dev server,
// recording each answer and the parameters it was asked with; every request
// the server saw must have gone through the fake wx.request.
async function record(name, server, openid) {
  const live = createFakeWx({ server: server.url, storage: new Map(), openid });
  const answers = [];
  global.wx = {
    ...live,
    request(params) {
      const success = params.success;
      params.success = (res) => {
        answers.push({
          asked: { dataType: params.dataType, responseType: params.responseType },
          text: answerText(res.data), statusCode: res.statusCode, header: res.header,
        });
        success(res);
      };
      return live.request(params);
    },
  };
  server.clearRequests();
  const client = makeClient(name, PACKAGES[name].load().AuthenticationClient, server, { timeout: 9000 });
  await flow(client, (await live.login()).code, 'bench');
  const seen = server.requests().length;
  if (seen !== live.__requests.length || seen !== answers.length) {
    throw new Error(`${name}: the dev server saw ${seen} requests, the fake wx.request sent ${live.__requests.length}`);
  }
  server.clearRequests();
  delete global.wx;
  return { client, wx: replayWx(live, answers), asked: answers.map((answer) => answer.asked) };
}

async function recordAll(server) {
  const recorded = {};
  for (const name of NAMES) recorded[name] = await record(name, server, `o-bench-in-process-${name}`);
  return recorded;
}

async function timeRound({ client, wx, asked }, name, round) {
  global.wx = wx;
  const timeFlow = async () => {
    wx.served = 0;
    const t0 = process.hrtime.bigint();
    await flow(client, `in-process-${round}`, `bench ${round}`);
    const elapsed = Number(process.hrtime.bigint() - t0);
    if (wx.served !== asked.length) throw new Error(`${name} made ${wx.served} requests in a round, not ${asked.length}`);
    return elapsed;
  };
  const timeBare = async (asText) => {
    wx.served = 0;
    const t0 = process.hrtime.bigint();
    for (const params of asked) {
      await new Promise((resolve) => wx.request({ ...params, ...(asText ? { dataType: 'text' } : {}), success: resolve }));
    }
    return Number(process.hrtime.bigint() - t0);
  };
  const timeBoth = async () => [await timeBare(false), await timeBare(true)];
  let sdk;
  let bare;
  if (round & 2) {
    bare = await timeBoth();
    sdk = await timeFlow();
  } else {
    sdk = await timeFlow();
    bare = await timeBoth();
  }
  return bare.map((part) => (sdk - part) / asked.length / 1000);
}

// One run: rounds of both packages taking turns. Which package goes first
// alternates every round, and within a package whether its flow or its bare
// answers go first alternates every other round, so that neither is billed
// for warming the other's code or for the garbage the other left.
async function inProcessRun(recorded, rounds) {
  const perRequest = Object.fromEntries(NAMES.map((name) => [name, []]));
  const withParse = Object.fromEntries(NAMES.map((name) => [name, []]));
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (const name of round % 2 ? NAMES : [...NAMES].reverse()) {
      const [us, parsedUs] = await timeRound(recorded[name], name, round);
      if (round < WARM_UP_ROUNDS) continue;
      perRequest[name].push(us);
      withParse[name].push(parsedUs);
    }
  }
  delete global.wx;
  return Object.fromEntries(NAMES.map((name) => [name, {
    rounds: perRequest[name].length,
    medianUs: median(perRequest[name]),
    p90Us: percentile(perRequest[name], 0.9),
    withAnswerParseUs: median(withParse[name]),
  }]));
}

module.exports = { recordAll, inProcessRun };
