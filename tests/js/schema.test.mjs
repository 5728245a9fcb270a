// The shipped JSON Schema (generated from the Rust types) accepts the sample plan and rejects
// the shape errors the engine rejects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync('pkg/plan.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('the sample plan is valid', () => {
  const ok = validate(JSON.parse(readFileSync('tests/data/plans/sample.json', 'utf8')));
  assert.ok(ok, JSON.stringify(validate.errors));
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
