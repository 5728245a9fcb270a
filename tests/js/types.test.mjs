// The package's TypeScript declarations name every type once: two Rust types with one name would
// merge into one interface (or clash as type aliases), and callers would be asked for the wrong
// fields.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

test('every exported type name is declared once', () => {
  const dts = readFileSync(new URL('../../pkg/salescore.d.ts', import.meta.url), 'utf8');
  const names = [...dts.matchAll(/^export (?:type|interface|declare class|enum) ([A-Za-z0-9_]+)/gm)].map((m) => m[1]);
  assert.ok(names.length > 100, `${names.length} names`);
  const seen = new Set();
  const twice = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  assert.deepEqual(twice, []);
});
