// pace(spec, options) through the Node build: the sample, numbers as JS numbers or exact strings,
// explanations in both locales, errors with codes and paths, and the same result for a spec
// given as an object or as JSON text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pace, SalesScoreError } from '../../pkg/node.js';

const text = readFileSync('samples/targets/pace.json', 'utf8');
const sample = JSON.parse(text);

test('the sample paces: working days, progress, pipeline and the exact chance', () => {
  const r = pace(sample);
  assert.deepEqual(r.period.workdays, { total: 19, elapsed: 9, remaining: 10, holidays: 3, makeupWorkdays: 1 });
  const lin = r.reps[1];
  assert.equal(lin.id, 'E1002');
  assert.equal(lin.progress.expectedToDate, 142105.26);
  assert.equal(lin.progress.requiredDailyRate, 20400);
  assert.equal(lin.progress.status, 'behind');
  assert.equal(lin.pipeline.weighted, 141300);
  assert.equal(lin.chance.method, 'exact');
  assert.equal(lin.chance.exactProbability, '0.02025');
  assert.equal(lin.chance.probability, 0.0203);
  assert.equal(lin.chance.keyDeals[0].id, 'D-2004');
  assert.equal(r.team.reps, 4);
  assert.equal(lin.text, undefined, 'no text unless asked');
});

test('numbers: "string" gives exact decimals with their scale', () => {
  const r = pace(text, { numbers: 'string' });
  assert.equal(r.reps[1].progress.expectedToDate, '142105.26');
  assert.equal(r.reps[1].progress.requiredDailyRate, '20400.00');
  assert.equal(r.reps[1].chance.probability, '0.0203');
  assert.deepEqual(pace(sample, { numbers: 'string' }), r, 'object and text agree');
});

test('explanations in zh-CN and en', () => {
  const zh = pace(sample, { explain: true });
  assert.match(zh.reps[0].text[0], /调休/);
  assert.match(zh.team.text.at(-1), /团队 4 人/);
  const en = pace(sample, { explain: true, locale: 'en' });
  assert.match(en.reps[0].text[0], /makeup workday/);
  assert.match(en.reps[1].text.join(' '), /2\.03% \(exact\)/);
});

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('no error thrown');
}

test('bad specs throw SalesScoreError with code and path', () => {
  const cases = [
    [{ ...sample, period: { start: '2026-05-31', end: '2026-05-01' } }, 'INVALID_DATE_RANGE', '/period/end'],
    [{ ...sample, stages: [{ id: 'x', probability: 1.5 }] }, 'PROBABILITY_OUT_OF_RANGE', '/stages/0/probability'],
    [{ ...sample, reps: [{ id: 'A', target: -1, actual: 0 }] }, 'NEGATIVE_TARGET', '/reps/0/target'],
    [{ ...sample, asof: '2026-05-15' }, 'UNKNOWN_KEY', '/asof'],
  ];
  for (const [spec, code, path] of cases) {
    const e = thrown(() => pace(spec));
    assert.ok(e instanceof SalesScoreError, code);
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    assert.equal(e.origin, 'plan');
    assert.ok(e.messages['zh-CN'] && e.messages.en);
  }
  assert.equal(thrown(() => pace(sample, { explian: true })).code, 'INVALID_OPTION');
  assert.equal(thrown(() => pace('{')).code, 'INVALID_PLAN');
});

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
