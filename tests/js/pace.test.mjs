// pace() is checked in every build by the shared suite (tests/js/suite.mjs: golden working days,
// progress, probabilities, bad specs, the sample and the native snapshots). What stays here is too
// slow for the no-WASM build under --jitless: 200 open deals through the Node build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pace } from '../../pkg/node.js';

const sample = JSON.parse(readFileSync('samples/targets/pace.json', 'utf8'));

test('200 open deals: the bounded method, within half a point, deterministic', () => {
  let x = 12345;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
  const deals = Array.from({ length: 200 }, (_, i) => ({
    id: `D${i}`, amount: (1000 + Math.floor(rnd() * 49000)) + Math.floor(rnd() * 100) / 100, probability: Math.round(rnd() * 98 + 1) / 100,
  }));
  const expected = deals.reduce((s, d) => s + d.amount * d.probability, 0);
  const spec = { ...sample, reps: [{ id: 'A', target: Math.round(expected), actual: 0, deals }] };
  const r = pace(spec);
  assert.equal(r.reps[0].chance.method, 'bounded');
  assert.ok(r.reps[0].chance.errorBound <= 0.005, `bound ${r.reps[0].chance.errorBound}`);
  assert.ok(r.reps[0].chance.probability > 0.3 && r.reps[0].chance.probability < 0.7);
  assert.deepEqual(pace(spec), r);
});
