#!/usr/bin/env node
// The size check of the test command: every import of the package (each entry in each flavour)
// measured raw, gzip -9 and brotli; exits 1 when one grows past its gzip limit (scripts/entries.mjs),
// and says how far each is from the product's budget where it has one.
// A size is deterministic, unlike a timing, so this one is a test.
//   node scripts/check-sizes.mjs [pkg dir]
import { resolve } from 'node:path';
import { kb, measure } from './entries.mjs';

const dir = resolve(process.argv[2] ?? new URL('../pkg/', import.meta.url).pathname);
const rows = measure(dir);
const missing = rows.filter((r) => r.missing);
if (missing.length) {
  console.error(`✗ sizes: missing from ${dir}: ${missing.map((r) => r.files.join(' + ')).join(', ')}`);
  process.exit(1);
}
const pad = (s, n) => String(s).padEnd(n);
const left = (s, n) => String(s).padStart(n);
console.log(`${pad('import', 32)}${left('raw', 9)}${left('gzip', 9)}${left('brotli', 9)}${left('limit', 8)}${left('target', 8)}  verdict`);
for (const r of rows) {
  const verdict = [
    r.ok === undefined ? '' : r.ok ? 'within limit' : `OVER LIMIT by ${kb(r.gzip - r.limit * 1024)}`,
    r.onTarget === undefined ? '' : r.onTarget ? 'on target' : `${kb(r.gzip - r.target * 1024)} above target`,
  ].filter(Boolean).join(', ');
  const limit = r.limit ? `${r.limit} KB` : '';
  const target = r.target ? `${r.target} KB` : '';
  console.log(`${pad(r.import, 32)}${left(kb(r.raw), 9)}${left(kb(r.gzip), 9)}${left(kb(r.brotli), 9)}${left(limit, 8)}${left(target, 8)}  ${verdict}`);
}
const over = rows.filter((r) => r.ok === false);
if (over.length) {
  console.error(`✗ sizes: ${over.map((r) => `${r.import} is ${kb(r.gzip)} gzip, limit ${r.limit} KB`).join('; ')}`);
  process.exit(1);
}
console.log('✓ every import within its gzip limit');
