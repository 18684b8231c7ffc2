'use strict';
// Verification codes the dev server "sends" by SMS or email: six digits, one
// per phone (or per email and scene), valid five minutes on the server clock,
// good for one use. Tests read them back instead of a phone.

const crypto = require('node:crypto');

const CODE_TTL_SECONDS = 300;

function createCodeBook({ now, AuthError }) {
  let sent = [];
  // Codes a test chose, sent before any random one, so a page's test can type a known code.
  let seeded = [];

  return {
    reset() {
      sent = [];
      seeded = [];
    },
    seed(code) {
      if (!/^\d{4,8}$/.test(String(code))) throw new Error(`seedCode: a code is 4 to 8 digits, not ${code}`);
      seeded.push(String(code));
    },
    // A new code replaces any earlier one for the same target and scene.
    issue(target, { scene = null, channel, phoneCountryCode = null } = {}) {
      const code = seeded.length ? seeded.shift() : String(crypto.randomInt(0, 1000000)).padStart(6, '0');
      for (const entry of sent) if (entry.target === target && entry.scene === scene) entry.replaced = true;
      sent.push({ channel, target, scene, phoneCountryCode, code, sentAt: now(), expiresAt: now() + CODE_TTL_SECONDS, used: false, replaced: false });
      return code;
    },
    // Throws 2001 for a wrong (or used, or replaced) code, 2300 for an expired one.
    consume(target, code, scenes = [null]) {
      const entry = [...sent].reverse().find((item) => item.target === target && scenes.includes(item.scene)
        && !item.replaced && !item.used && item.code === String(code));
      if (!entry) throw new AuthError(2001);
      if (entry.expiresAt <= now()) throw new AuthError(2300);
      entry.used = true;
    },
    all() { return sent.map((entry) => ({ ...entry })); },
    last(target) {
      const entry = [...sent].reverse().find((item) => item.target === target);
      return entry ? entry.code : null;
    },
  };
}

module.exports = { createCodeBook, CODE_TTL_SECONDS };
