// decompose() through the built package: golden public cases, exact sums in the sample, coded
// errors as SalesScoreError with paths.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decompose } from '../../pkg/node.js';

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));

function find(node, id) {
  if (node.id === id) return node;
  for (const kid of node.children ?? []) {
    const hit = find(kid, id);
    if (hit) return hit;
  }
  return null;
}

test('public cases 7 and 8 give the documented amounts', () => {
  for (const file of ['case7_even_monthly', 'case7_seasonality', 'case8_ramp']) {
    const { spec, expect } = read(`tests/data/targets/${file}.json`);
    const result = decompose(spec, { numbers: 'string' });
    for (const [id, want] of Object.entries(expect)) {
      const got = find(result.root, id);
      assert.equal(got.amount, want.amount, `${file}: ${id}`);
      if (want.months) assert.deepEqual(got.months, want.months, `${file}: ${id} months`);
      if (want.quarters) assert.deepEqual(got.quarters, want.quarters, `${file}: ${id} quarters`);
    }
  }
});

test('the sample adds up exactly at every level, as numbers and as strings', () => {
  const spec = readFileSync('samples/targets/decompose.json', 'utf8');
  const check = (node) => {
    if (node.children) {
      const sum = node.children.reduce((a, k) => a + Number(k.amount), 0);
      assert.equal(sum, Number(node.amount), node.id);
      node.children.forEach(check);
    }
    assert.equal(node.months.reduce((a, m) => a + Number(m), 0), Number(node.amount), `${node.id} months`);
  };
  const result = decompose(spec, { explain: true, locale: 'en' });
  assert.equal(result.root.amount, 36000000);
  check(result.root);
  check(decompose(spec, { numbers: 'string' }).root);
  assert.match(find(result.root, '刘洋').text, /Ramp by month/);
});

test('bad specs throw SalesScoreError with a code and a path', () => {
  for (const line of readFileSync('tests/data/targets/errors.jsonl', 'utf8').split('\n').filter(Boolean)) {
    const { case: name, spec, error } = JSON.parse(line);
    assert.throws(() => decompose(spec), (e) => {
      assert.equal(e.name, 'SalesScoreError', name);
      assert.equal(e.code, error.code, name);
      if ('path' in error) assert.equal(e.path, error.path, name);
      assert.ok(e.messages['zh-CN'] && e.messages.en, name);
      return true;
    });
  }
  assert.throws(() => decompose('{"total": 1}', { explian: true }), (e) => e.code === 'INVALID_OPTION' && e.suggestion === 'explain');
});
