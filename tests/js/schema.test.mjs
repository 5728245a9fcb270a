// The shipped JSON Schemas (generated from the Rust types) accept the samples and the golden specs,
// and reject the shape errors the engine rejects: the plan document, the decomposition spec
// (decompose) and the pacing spec (pace).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';

const read = (path) => readFileSync(path, 'utf8');
const json = (path) => JSON.parse(read(path));
const ajv = new Ajv({ allErrors: true, strict: false });
// schemars marks u32 fields (ramp months, trailing months, rounding scale) with this format.
ajv.addFormat('uint32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
// Dates in the specs are `format: date` (YYYY-MM-DD; the engine checks the calendar).
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
const validator = (name) => ajv.compile(json(`pkg/${name}.schema.json`));
const validate = validator('plan');
const validDecompose = validator('decompose');
const validPace = validator('pace');

function assertValid(check, doc, what) {
  assert.ok(check(doc), `${what}: ${JSON.stringify(check.errors)}`);
}

test('the package lists every schema', () => {
  const manifest = json('pkg/package.json');
  for (const name of ['plan', 'decompose', 'pace']) {
    assert.equal(manifest.exports[`./${name}.schema.json`], `./${name}.schema.json`);
    assert.equal(json(`pkg/${name}.schema.json`).$schema, 'http://json-schema.org/draft-07/schema#');
  }
  assert.ok(manifest.files.includes('*.schema.json'));
});

test('the package exports each entry in every flavour, and every file it names is in the package', () => {
  const manifest = json('pkg/package.json');
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const [dir, file] of [['', 'salescore'], ['targets/', 'salescore-targets'], ['admin/', 'salescore-admin']]) {
    const key = `.${dir ? `/${dir.slice(0, -1)}` : ''}`;
    const root = manifest.exports[key];
    assert.deepEqual(root, {
      types: `./${dir}salescore.d.ts`, node: { import: `./${dir}node.js`, require: `./${dir}node.cjs` },
      browser: `./${dir}index.js`, import: `./${dir}index.js`, default: `./${dir}index.js`,
    }, key);
    const sub = (s) => `${key}/${s}`;
    assert.deepEqual(manifest.exports[sub('inline')], { types: `./${dir}standalone.d.ts`, default: `./${dir}inline.js` });
    assert.equal(manifest.exports[sub('iife')], `./${dir}${file}.iife.js`);
    assert.deepEqual(manifest.exports[sub('nowasm')], { types: `./${dir}standalone.d.ts`, default: `./${dir}nowasm.js` });
    assert.equal(manifest.exports[sub('nowasm/iife')], `./${dir}${file}.nowasm.iife.js`);
    assert.deepEqual(manifest.exports[sub('wasm')], { types: './wasm.d.ts', default: `./${dir}web/salescore_bg.wasm` });
    for (const side of ['node.js', 'node.cjs']) assert.ok(manifest.sideEffects.includes(`./${dir}${side}`), `sideEffects ${dir}${side}`);
  }
  const missing = targets.filter((t) => !existsSync(`pkg/${t}`));
  assert.deepEqual(missing, []);
  for (const dir of ['web/', 'targets/', 'admin/']) assert.ok(manifest.files.includes(dir), `files: ${dir}`);
});

test('the sample plans are valid', () => {
  assertValid(validate, json('tests/data/plans/sample.json'), 'sample plan');
  assertValid(validate, json('samples/team/plan.json'), 'sample team plan (scorecard and incentive)');
  assertValid(validate, json('tests/data/incentive/plan/hand.json'), 'incentive plan');
  assertValid(validate, json('tests/data/incentive/plan/hand2.json'), 'incentive plan 2');
});

test('decimals given as text must read as decimals', () => {
  const doc = json('tests/data/incentive/plan/hand.json');
  doc.incentive.components[2].amount = '200 yuan';
  assert.equal(validate(doc), false);
  doc.incentive.components[2].amount = '200.50';
  assertValid(validate, doc, 'a decimal string');
});

test('shape errors are rejected by the schema too', () => {
  for (const bad of [
    { fields: [{ id: 'a', type: 'mony' }] },
    { fields: [{ id: 'a', type: 'money', lable: 'x' }] },
    { metrics: [{ id: 'm' }] },
    { rounding: { money: { scale: 2, strategy: 'bankers' } } },
    { fields: { id: 'a' } },
  ]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
  }
});

test('decomposition: the sample and the golden specs are valid', () => {
  assertValid(validDecompose, json('samples/targets/decompose.json'), 'sample');
  assertValid(validDecompose, json('tests/data/targets/explained.json'), 'explained.json');
  for (const file of ['case7_even_monthly', 'case7_seasonality', 'case8_ramp']) {
    assertValid(validDecompose, json(`tests/data/targets/${file}.json`).spec, file);
  }
  assertValid(validDecompose, { total: '1000.5', unit: 0.1, period: { start: '2025-01-01', end: '2025-03-31' }, nodes: [{ id: 'a' }] }, 'numbers as strings');
});

// The engine's bad-input cases: the schema rejects the shape errors (a misspelt key, a missing key,
// an unknown variant) and leaves the rest (sums, dates, the tree, feasibility) to the engine.
const SHAPE = new Set(['UNKNOWN_KEY', 'MISSING_KEY', 'INVALID_VALUE']);
// The pacing schema also bounds probabilities, reads decimal strings as decimals and checks the
// form of dates (the engine checks that they exist).
const PACE_SHAPE = new Set([...SHAPE, 'PROBABILITY_OUT_OF_RANGE', 'INVALID_PLAN', 'INVALID_DATE']);

test('decomposition: shape errors are rejected by the schema too', () => {
  const cases = read('tests/data/targets/errors.jsonl').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const rejected = cases.filter((c) => !validDecompose(c.spec));
  assert.deepEqual(rejected.map((c) => c.case).sort(), ['missing total', 'misspelt key', 'seasonality neither percentages nor history', 'seasonality with eleven months', 'unknown basis']);
  for (const c of rejected) assert.ok(SHAPE.has(c.error.code), c.case);
  const period = { start: '2025-01-01', end: '2025-12-31' };
  // Decimal strings as the engine reads them.
  for (const total of ['12000000', '12000000.00', ' 1.5e3 ', '.5', '-1', '+2']) {
    assertValid(validDecompose, { total, period, nodes: [{ id: 'a' }] }, total);
  }
  for (const bad of [
    { total: '12,000,000', period, nodes: [{ id: 'a' }] },
    { total: '1.2.3', period, nodes: [{ id: 'a' }] },
    { total: 1, period, nodes: [{ id: 'a', seasonality: Array(13).fill(1) }] },
    { total: 1, period: { start: '2025-01-01', end: '2025-12-31' }, nodes: [{ id: 'a', lockd: 1 }] },
    { total: 1, period: { start: '2025-01-01', end: '2025-12-31' }, nodes: [{ id: 'a' }], basis: { type: 'blend' } },
    { total: true, period: { start: '2025-01-01', end: '2025-12-31' }, nodes: [{ id: 'a' }] },
    { total: 1, period: { start: '2025-01-01', end: '2025-12-31' }, nodes: [{ id: 'a' }], locale: 'fr' },
  ]) {
    assert.equal(validDecompose(bad), false, JSON.stringify(bad));
  }
});

test('pacing: the sample and the golden specs are valid', () => {
  assertValid(validPace, json('samples/targets/pace.json'), 'sample');
  for (const c of json('tests/data/targets/progress.json')) assertValid(validPace, c.spec, c.case);
  for (const c of json('tests/data/targets/calendar.json')) {
    const spec = { period: c.period, asOf: c.asOf, reps: [{ id: 'A', target: 1, actual: 0 }] };
    if (c.calendar) spec.calendar = c.calendar;
    assertValid(validPace, spec, c.case);
  }
});

test('pacing: shape errors are rejected by the schema too', () => {
  const cases = json('tests/data/targets/errors.json');
  const rejected = cases.filter((c) => !validPace(c.spec));
  assert.deepEqual(rejected.map((c) => c.case).sort(), [
    'a bad holiday',
    'a bad weekday',
    'a deal probability above 1',
    'a missing as-of',
    'a stage probability below 0',
    'a target that is not a number',
    'a typo in a key',
  ]);
  for (const c of rejected) assert.ok(PACE_SHAPE.has(c.code), c.case);
  const sample = json('samples/targets/pace.json');
  for (const bad of [
    { ...sample, reps: [{ id: 'A', target: 1 }] },
    { ...sample, rounding: { scale: 2, strategy: 'bankers' } },
    { ...sample, reps: [{ id: 'A', target: 1, actual: 0, deals: [{ id: 'D', amount: 1, stage: 's', closedate: '2026-05-20' }] }] },
  ]) {
    assert.equal(validPace(bad), false, JSON.stringify(bad).slice(0, 200));
  }
});
