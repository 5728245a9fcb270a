// The package's TypeScript declarations name every type once: two Rust types with one name would
// merge into one interface (or clash as type aliases), and callers would be asked for the wrong
// fields. Each entry (salescore, salescore/targets, salescore/admin) has declarations of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const names = (file) => {
  const dts = readFileSync(new URL(`../../pkg/${file}`, import.meta.url), 'utf8');
  return [...dts.matchAll(/^export (?:type|interface|declare class|enum) ([A-Za-z0-9_]+)/gm)].map((m) => m[1]);
};

for (const [file, least] of [['salescore.d.ts', 100], ['targets/salescore.d.ts', 20], ['admin/salescore.d.ts', 100]]) {
  test(`every exported type name is declared once: pkg/${file}`, () => {
    const all = names(file);
    assert.ok(all.length > least, `${all.length} names`);
    const seen = new Set();
    const twice = all.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
    assert.deepEqual(twice, []);
  });
}
