'use strict';
// How the driver writes text into wasm memory without TextEncoder (mini
// programs have none): byte for byte what TextEncoder writes, with the byte
// count it announces, for every kind of UTF-16 text a call can carry.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

// The driver's source: dist/ bundles it with the rest of the shim, and the
// sandbox tests run that bundle where there is no TextEncoder.
const { ROOT } = require('./support.js');
const { encodeUtf8, utf8Length } = require(path.join(ROOT, 'js', 'driver.js'));

const TEXTS = [
  '',
  '{"code":"0a1b2c"}',
  'ÿ Ā ߿ ࠀ',                         // the edges of two- and three-byte sequences
  '张三 登录成功',
  '😀 𝄞 \u{10FFFF}',                  // surrogate pairs
  'lone \uD800 high, lone \uDC00 low, reversed \uDC00\uD800, at the end \uD83D',
  '\u0000\u001F\u007F\uFFFF',
  'x'.repeat(70000) + '中',
];

test('the hand-written UTF-8 encoder writes what TextEncoder writes', () => {
  const encoder = new TextEncoder();
  for (const text of TEXTS) {
    const expected = encoder.encode(text);
    const heap = new Uint8Array(3 * text.length + 8).fill(0xAA);
    const written = encodeUtf8(heap, 4, text);
    assert.equal(written, expected.length, JSON.stringify(text.slice(0, 40)));
    assert.deepEqual(heap.subarray(4, 4 + written), expected, JSON.stringify(text.slice(0, 40)));
    assert.equal(heap[4 + written], 0xAA, 'nothing is written past the text');
    assert.equal(utf8Length(text), expected.length, JSON.stringify(text.slice(0, 40)));
  }
});
