// Times pace() through pkg/node.js: the sample spec, and one rep with 200 open deals (the
// bounded probability method), median of runs. `node bench/pace.mjs [runs]`.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pace } from '../pkg/node.js';

const runs = Number(process.argv[2] ?? 15);
const sample = JSON.parse(readFileSync(new URL('../samples/targets/pace.json', import.meta.url), 'utf8'));

function deals(n, seed) {
  let x = seed;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
  return Array.from({ length: n }, (_, i) => ({
    id: `D${i}`, amount: (1000 + Math.floor(rnd() * 49000)) + Math.floor(rnd() * 100) / 100, probability: Math.round(rnd() * 98 + 1) / 100,
  }));
}

function withDeals(n) {
  const list = deals(n, 12345);
  const expected = list.reduce((s, d) => s + d.amount * d.probability, 0);
  return { ...sample, reps: [{ id: 'A', target: Math.round(expected), actual: 0, deals: list }] };
}

function median(fn) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows = [
  ['sample (4 reps, 17 deals), explained', () => pace(sample, { explain: true })],
  ['20 deals with cents (exact enumeration)', () => pace(withDeals(20))],
  ['200 deals with cents (bounded method)', () => pace(withDeals(200))],
];
for (const [name, fn] of rows) {
  const r = fn();
  const c = r.reps[0].chance;
  console.log(`${name.padEnd(44)} ${median(fn).toFixed(2).padStart(9)} ms   method ${c.method}, p ${c.probability} ± ${c.errorBound}`);
}
