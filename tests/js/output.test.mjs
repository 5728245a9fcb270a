// Results cross to JS by two paths: the tape (src/wasm/tape.rs + buildValue) for everything
// nested, and buildMetrics for a plan's metrics alone (no scorecard, statement or trace). Both
// must give the value JSON.parse gives for the result's JSON, in every Node flavour of both entries
// with plans (salescore and salescore/admin): the same own keys in the same order, even for
// metric ids that are special in JS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENTRY_DIRS, FLAVOURS, loadEntry } from './run-build.mjs';

const builds = Object.values(FLAVOURS).flatMap((file) => [`${ENTRY_DIRS.form}${file}`, `${ENTRY_DIRS.admin}${file}`]);
const IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '10', '2', '名称', 'valueOf'];
const PLAN = {
  fields: [{ id: 'a', type: 'number' }, { id: 't', type: 'text' }],
  metrics: [
    ...IDS.map((id, i) => ({ id, formula: `a * ${i + 1}` })),
    { id: '文本', formula: 't', kind: 'text' },
    { id: 'flag', formula: 'a > 1', kind: 'boolean' },
  ],
};
const RECORD = { a: 2, t: 'x' };
/** What JSON.parse makes of the result's JSON (integer-like keys first, as JS orders them). */
const EXPECTED = JSON.parse(`{${[...IDS.map((id, i) => `"${id}":${2 * (i + 1)}`), '"文本":"x"', '"flag":true'].join(',')}}`);

/** Own keys and values, in order, and the prototype: what deepEqual would not tell apart. */
const shape = (o) => ({ proto: Object.getPrototypeOf(o) === Object.prototype, entries: Reflect.ownKeys(o).map((k) => [k, o[k]]) });

for (const build of builds) {
  test(`metrics alone and through the tape are the JSON.parse value: ${build}`, async () => {
    const { Plan } = await loadEntry(build);
    const plan = Plan.compile(PLAN);
    const alone = plan.evaluate(RECORD).metrics;
    const tape = plan.evaluate(RECORD, { explain: true }).metrics;
    const many = plan.evaluateMany([RECORD, RECORD]).results.map((r) => r.metrics);
    assert.deepEqual(shape(alone), shape(EXPECTED));
    assert.deepEqual(shape(tape), shape(EXPECTED));
    for (const m of many) assert.deepEqual(shape(m), shape(EXPECTED));
    assert.ok(Object.hasOwn(alone, '__proto__'));
    plan.free();
  });
}
