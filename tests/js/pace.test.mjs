// pace() is checked in every build by the shared suite (tests/js/suite.mjs: golden working days,
// progress, probabilities, bad specs, the sample and the native snapshots). What stays here is too
// slow for the no-WASM build under --jitless: 200 open deals through the Node build of salescore/targets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pace } from '../../pkg/targets/node.js';

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

test('pace.schema.json: dates are format date', async () => {
  const { default: Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  const schema = JSON.parse(readFileSync('pkg/pace.schema.json', 'utf8'));
  assert.deepEqual(schema.definitions.Date, { description: 'A day, `YYYY-MM-DD`.', type: 'string', format: 'date' });
  const valid = ajv.compile(schema);
  assert.ok(valid(sample), JSON.stringify(valid.errors));
  const deal = { id: 'D', amount: 1, probability: 0.5 };
  for (const bad of [
    { ...sample, asOf: '2026-5-15' },
    { ...sample, period: { start: '2026/05/01', end: '2026-05-31' } },
    { ...sample, calendar: { holidays: ['May 1'] } },
    { ...sample, calendar: { workdays: ['20260509'] } },
    { ...sample, reps: [{ id: 'A', target: 1, actual: 0, deals: [{ ...deal, closeDate: '2026-06' }] }] },
  ]) {
    assert.equal(valid(bad), false, JSON.stringify(bad).slice(0, 160));
    assert.equal(valid.errors[0].keyword, 'format');
  }
  assert.ok(valid({ ...sample, reps: [{ id: 'A', target: 1, actual: 0, deals: [{ ...deal, closeDate: null }] }] }));
});
