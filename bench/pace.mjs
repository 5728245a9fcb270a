// Times pace() through pkg/targets/node.js (the Node build of salescore/targets): the sample spec,
// and one rep with 20 and 200 open deals with cents (exact enumeration and the bounded probability
// method). Median per call after a warm-up that lets the WebAssembly tier up
// (bench/lib/measure.mjs). `node bench/pace.mjs [samples] [--pkg DIR]`: DIR is another build's
// pkg/ (e.g. an older commit's, whose pace() may still be in DIR/node.js) to time side by side.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measure } from './lib/measure.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--pkg');
const dir = at >= 0 ? args.splice(at, 2)[1] : new URL('../pkg', import.meta.url).pathname;
const samples = Number(args[0] ?? 15);
const entry = existsSync(resolve(dir, 'targets', 'node.js')) ? resolve(dir, 'targets', 'node.js') : resolve(dir, 'node.js');
const { pace } = await import(pathToFileURL(entry).href);
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

const rows = [
  ['sample (4 reps, 17 deals), explained', sample, { explain: true }],
  ['20 deals with cents (exact enumeration)', withDeals(20)],
  ['200 deals with cents (bounded method)', withDeals(200)],
];
console.log(`pace() through ${entry}, median of ${samples}`);
for (const [name, spec, options] of rows) {
  const c = pace(spec, options).reps[0].chance;
  const { medianNs } = measure(() => pace(spec, options), { samples, warmupMs: 300, targetMs: 50 });
  console.log(`${name.padEnd(44)} ${(medianNs / 1e6).toFixed(2).padStart(9)} ms   method ${c.method}, p ${c.probability} ± ${c.errorBound}`);
}
