// documentJson (src/wasm/document.js), the one reader from a JS value to a document's JSON text,
// takes plain data through a copy and JSON.stringify, and everything else through the careful
// writer that names the first value without a faithful JSON form. Both paths must give the same
// answer: text or error, code and path. Held to each other here on generated values, hostile
// ones included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 as random } from '../../bench/lib/records.mjs';
import { LIMITS, documentJson, writeDocument } from '../../src/wasm/document.js';

const STRINGS = ['', 'a', '销售额', 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', '\u0001', '\ud800', 'x\udfffy', '😀', 'a/b~c', 'toJSON'];
const NUMBERS = [0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 123456789.123, Number.MAX_SAFE_INTEGER, 5e-324];
const HOSTILE = [
  () => NaN,
  () => Infinity,
  () => 10n ** 30n,
  () => () => 1,
  () => Symbol('s'),
  () => new Date(0),
  () => new Map([[1, 2]]),
  () => new Uint8Array(2),
  () => [1, , 3], // a hole
  () => [1, undefined],
  () => JSON.parse('{"__proto__": 1, "b": 2}'),
  () => 'x'.repeat(40), // past the text limit of the runs that have one
  () => {
    const o = { a: 1 };
    o.self = o;
    return o;
  },
  () => Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('no'); } }),
  () => new Proxy({ a: 1 }, { ownKeys() { throw new TypeError('trap'); } }),
  () => {
    let deep = 1;
    for (let i = 0; i < LIMITS.depth + 2; i++) deep = [deep];
    return deep;
  },
  () => new (class Point { constructor() { this.x = 1; } toJSON() { return 'not me'; } })(),
];

/** A document: an object of generated values (a string given as a document is its JSON text). */
const doc = (next, hostile) => ({ d: value(next, 0, hostile), e: value(next, 1, hostile) });

/** A value: mostly plain JSON data, now and then something hostile somewhere inside. */
function value(next, depth, hostile) {
  const r = next();
  if (hostile && r < 0.04) return HOSTILE[Math.floor(next() * HOSTILE.length)]();
  if (depth > 4 || r < 0.35) {
    const k = next();
    if (k < 0.4) return NUMBERS[Math.floor(next() * NUMBERS.length)];
    if (k < 0.8) return STRINGS[Math.floor(next() * STRINGS.length)];
    if (k < 0.9) return next() < 0.5;
    return null;
  }
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 5) }, () => value(next, depth + 1, hostile));
  const o = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) {
    const key = next() < 0.7 ? STRINGS[Math.floor(next() * STRINGS.length)] : `k${i}`;
    o[key] = next() < 0.05 ? undefined : value(next, depth + 1, hostile);
  }
  return o;
}

test('documentJson gives what the careful writer gives, text or error, on generated values', () => {
  const next = random(20261205);
  let texts = 0;
  let errors = 0;
  for (let i = 0; i < 4000; i++) {
    const v = doc(next, i % 2 === 1);
    const limit = i % 3 === 0 ? 32 : Infinity;
    const fast = documentJson(v, limit);
    assert.deepEqual(fast, writeDocument(v, limit), `case ${i}`);
    if (fast[0] === null) errors++;
    else texts++;
  }
  // Both kinds of answer were exercised.
  assert.ok(texts > 1000 && errors > 100, `${texts} texts, ${errors} errors`);
});

test('plain data is written as JSON.stringify writes it', () => {
  const next = random(7);
  for (let i = 0; i < 500; i++) {
    const v = doc(next, false);
    assert.deepEqual(documentJson(v), [JSON.stringify(v)], `case ${i}`);
  }
});

test('a document past the size limit is refused where it grows past it, as the writer says', () => {
  const big = { a: 'x'.repeat(LIMITS.document) };
  const fast = documentJson(big);
  assert.deepEqual(fast, writeDocument(big));
  assert.deepEqual(fast.slice(0, 3), [null, 'TOO_LARGE', '/a']);
});

test('a getter read once: never a value changed without a word', () => {
  // First NaN, then 5: the copy sees NaN and leaves the value to the writer, which reads 5.
  let reads = 0;
  const flips = Object.defineProperty({}, 'a', { enumerable: true, get: () => (reads++ === 0 ? NaN : 5) });
  assert.deepEqual(documentJson(flips), ['{"a":5}']);
  // First 5, then NaN: read once, written as read.
  reads = 0;
  const flops = Object.defineProperty({}, 'a', { enumerable: true, get: () => (reads++ === 0 ? 5 : NaN) });
  assert.deepEqual(documentJson(flops), ['{"a":5}']);
  assert.equal(reads, 1);
});
