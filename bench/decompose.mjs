// Times `decompose` on a generated 10,000-leaf tree through pkg/node.js (median of runs) and
// prints it. Budget (PRODUCT.md): decomposition of 10,000 leaves ≤ 20 ms.
//
//   node bench/decompose.mjs [--runs 21] [--leaves 10000] [--write spec.json] [--baseline dir]
//
// `--baseline dir` also times another build of the package (`dir/node.js`, e.g. one built from an
// earlier commit) in the same process, runs of the two alternating, and prints both side by side.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { decompose } from '../pkg/node.js';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(arg('--runs', 21));
const leaves = Number(arg('--leaves', 10000));

/** A company → 10 regions → 10 teams each → reps, deterministic (xorshift). */
export function generateSpec(leafCount) {
  let x = 20250101;
  const rand = () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const season = [6.5, 5, 8, 8, 8.5, 9.5, 7.5, 7.5, 8.5, 9, 9.5, 12.5];
  const nodes = [{ id: 'HQ', name: '总部', basis: { type: 'potential' } }];
  const teams = [];
  for (let r = 0; r < 10; r++) {
    nodes.push({ id: `R${r}`, parent: 'HQ', basis: { type: 'history' } });
    for (let t = 0; t < 10; t++) {
      const id = `R${r}T${t}`;
      const history = {};
      for (let m = 1; m <= 12; m++) history[`2024-${String(m).padStart(2, '0')}`] = Math.round(2e5 + rand() * 3e5) * 10;
      nodes.push({ id, parent: `R${r}`, basis: { type: 'capacity' }, potential: Math.round(1e7 + rand() * 4e7), history });
      teams.push(id);
    }
  }
  const tiers = ['资深', '标准', '初级'];
  for (let i = 0; i < leafCount; i++) {
    const rep = { id: `P${i}`, parent: teams[i % teams.length], tier: tiers[i % 3] };
    if (i % 10 === 3) rep.hireDate = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    if (i % 97 === 5 && !rep.hireDate) rep.leaveDate = '2025-06-30';
    if (i % 53 === 7) rep.max = 600000;
    nodes.push(rep);
  }
  return {
    total: 6000000000, unit: 100,
    period: { start: '2025-01-01', end: '2025-12-31' },
    seasonality: season,
    ramp: [{ months: 2, percent: 50 }, { months: 2, percent: 75 }],
    tiers: { 资深: 1.2, 标准: 1, 初级: 0.8 },
    nodes,
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const baseline = arg('--baseline') ? (await import(pathToFileURL(resolve(arg('--baseline'), 'node.js')).href)).decompose : null;

/** Median and minimum of `fn`'s times (and of `other`'s, runs alternating) after a warm-up. */
function time(label, fn, other) {
  const fns = other ? [fn, other] : [fn];
  for (let i = 0; i < 3; i++) fns.forEach((f) => f()); // warm-up
  const samples = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((f, k) => {
      const t0 = performance.now();
      f();
      samples[k].push(performance.now() - t0);
    });
  }
  const show = (xs) => `median ${median(xs).toFixed(2)} ms  (min ${Math.min(...xs).toFixed(2)})`;
  if (!other) return console.log(`${label.padEnd(44)} ${show(samples[0])}, ${runs} runs`);
  const ratio = median(samples[1]) / median(samples[0]);
  console.log(`${label.padEnd(44)} ${show(samples[0])} | baseline ${show(samples[1])} | ${ratio.toFixed(2)}× faster, ${runs} runs each`);
}

const spec = generateSpec(leaves);
if (arg('--write')) writeFileSync(arg('--write'), JSON.stringify(spec));
const text = JSON.stringify(spec);
console.log(`decompose: ${leaves} leaves, ${spec.nodes.length} nodes, 12 months${baseline ? `; baseline ${arg('--baseline')}` : ''}`);
const both = (options, input = text) => [() => decompose(input, options), baseline && (() => baseline(input, options))];
time('spec string → result object', ...both(undefined));
time('spec object → result object', ...both(undefined, spec));
time('spec string → result, explain (zh-CN)', ...both({ explain: true }));
time('spec string → result, exact strings', ...both({ numbers: 'string' }));
