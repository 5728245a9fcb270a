// Times `decompose` on a generated 10,000-leaf tree through pkg/targets/node.js (the Node build of
// salescore/targets; median of runs) and prints it. Budget (PRODUCT.md): decomposition of 10,000 leaves ≤ 20 ms.
//
//   node bench/decompose.mjs [--runs 21] [--leaves 10000] [--write spec.json] [--baseline dir]
//
// `--baseline dir` also times another build of the package (`dir/targets/node.js`, or `dir/node.js`
// for a package from before the entries were split, e.g. one built from an earlier commit) in the
// same process, runs of the two alternating, and prints both side by side.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { decompose } from '../pkg/targets/node.js';
import { generateSpec } from './lib/decompose-spec.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(arg('--runs', 21));
const leaves = Number(arg('--leaves', 10000));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const targetsIn = (dir) => (existsSync(resolve(dir, 'targets', 'node.js')) ? resolve(dir, 'targets', 'node.js') : resolve(dir, 'node.js'));
const baseline = arg('--baseline') ? (await import(pathToFileURL(targetsIn(arg('--baseline'))).href)).decompose : null;

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
