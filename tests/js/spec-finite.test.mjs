// Specs given as objects: NaN and ±Infinity have no JSON form (JSON.stringify would turn them into
// null), so pace() and decompose() report them as NOT_FINITE at their path instead.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decompose, pace } from '../../pkg/targets/node.js';

const paceSample = JSON.parse(readFileSync('samples/targets/pace.json', 'utf8'));
const decomposeSample = JSON.parse(readFileSync('samples/targets/decompose.json', 'utf8'));

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('no error');
}

const brief = (e) => [e.name, e.code, e.path, e.origin, e.detail.found];

test('pace: NaN and ±Infinity in a spec object are NOT_FINITE at their path', () => {
  const reps = structuredClone(paceSample.reps);
  reps[1].deals[0].amount = Number.NaN;
  assert.deepEqual(brief(thrown(() => pace({ ...paceSample, reps }))),
    ['SalesScoreError', 'NOT_FINITE', '/reps/1/deals/0/amount', 'plan', 'NaN']);
  const e = thrown(() => pace({ ...paceSample, reps: [{ id: 'A', target: Infinity, actual: 0 }] }, { locale: 'en' }));
  assert.deepEqual(brief(e), ['SalesScoreError', 'NOT_FINITE', '/reps/0/target', 'plan', 'Infinity']);
  assert.equal(e.message, 'target is Infinity, not a finite number');
  assert.match(e.messages['zh-CN'], /target 的值 Infinity 不是有限数/);
  // The first one in document order; a key with "/" or "~" is escaped in the pointer.
  const odd = { ...paceSample, team: { 'a/b~c': -Infinity }, reps: [{ id: 'A', target: NaN, actual: 0 }] };
  assert.deepEqual(brief(thrown(() => pace(odd))).slice(1, 3), ['NOT_FINITE', '/team/a~1b~0c']);
  // Nulls that are not numbers stay what they were; text is read as given.
  assert.equal(thrown(() => pace({ ...paceSample, asOf: null })).code, 'INVALID_PLAN');
  assert.equal(thrown(() => pace(JSON.stringify({ ...paceSample, asOf: null }))).code, 'INVALID_PLAN');
  assert.equal(pace(paceSample).reps.length, 4);
});

test('decompose: NaN and ±Infinity in a spec object are NOT_FINITE at their path', () => {
  const nodes = structuredClone(decomposeSample.nodes);
  nodes[3].history['2024-05'] = -Infinity;
  assert.deepEqual(brief(thrown(() => decompose({ ...decomposeSample, nodes }))),
    ['SalesScoreError', 'NOT_FINITE', '/nodes/3/history/2024-05', 'plan', '-Infinity']);
  const seasonality = [...decomposeSample.seasonality];
  seasonality[4] = Number.NaN;
  const e = thrown(() => decompose({ ...decomposeSample, seasonality }));
  assert.deepEqual(brief(e), ['SalesScoreError', 'NOT_FINITE', '/seasonality/4', 'plan', 'NaN']);
  // An item of a list is named by its path; the spec's locale (zh-CN) gives the message.
  assert.equal(e.message, '/seasonality/4 的值 NaN 不是有限数');
  assert.equal(thrown(() => decompose({ ...decomposeSample, total: NaN }, { locale: 'en' })).message, 'total is NaN, not a finite number');
  assert.equal(decompose(decomposeSample).total, decomposeSample.total);
});
