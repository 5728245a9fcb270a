// Cold start of the one-file builds (inline ESM, IIFE, no-WASM ESM and IIFE) of every entry, in
// Node and in Chromium: import + init, one shot, a fresh process (or page) per start, `runs` starts
// each, the files interleaved. Returns the median (and every start) in ms per file and host.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from '../../scripts/entries.mjs';
import { startup as chromiumStartup } from './chromium.mjs';

/** The one-file builds of every entry: { entry, flavour, file (in pkg/), iife, global }. */
export function oneFileBuilds() {
  return ENTRIES.flatMap((e) => {
    const at = (f) => (e.dir ? `${e.dir}/${f}` : f);
    return [
      { flavour: 'inline', file: at('inline.js'), iife: false },
      { flavour: 'iife', file: at(`${e.file}.iife.js`), iife: true },
      { flavour: 'nowasm', file: at('nowasm.js'), iife: false },
      { flavour: 'nowasm-iife', file: at(`${e.file}.nowasm.iife.js`), iife: true },
    ].map((f) => ({ entry: e.name, global: e.global, url: `/pkg/${f.file}`, ...f }));
  });
}

/** One cold start in a fresh Node process: ms from before the import (or the IIFE's read) to
 *  after `await init()`. */
function nodeStart(pkg, f) {
  const path = fileURLToPath(new URL(f.file, pkg));
  const script = f.iife
    ? `import { readFileSync } from 'node:fs'; import vm from 'node:vm';
const t0 = performance.now();
vm.runInThisContext(readFileSync(${JSON.stringify(path)}, 'utf8'), { filename: ${JSON.stringify(path)} });
const lib = globalThis[${JSON.stringify(f.global)}];
await lib.init();
console.log(JSON.stringify({ ms: performance.now() - t0, version: lib.version() }));`
    : `const t0 = performance.now();
const lib = await import(${JSON.stringify(new URL(f.file, pkg).href)});
await lib.init();
console.log(JSON.stringify({ ms: performance.now() - t0, version: lib.version() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node start-up of ${f.file} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** { node: { [file]: { medianMs, runs } }, chromium: … } for every one-file build. */
export async function measureStartup(pkg, { runs, browser = true, log = () => {} }) {
  const files = oneFileBuilds();
  const node = Object.fromEntries(files.map((f) => [f.file, []]));
  log(`start-up in Node: ${files.length} files × ${runs} fresh processes…`);
  for (let k = 0; k < runs; k++) for (const f of files) node[f.file].push(nodeStart(pkg, f));
  const chromium = browser ? (log(`start-up in Chromium: ${files.length} files × ${runs} fresh pages…`), await chromiumStartup(files, runs)) : null;
  const summary = (all) => all && Object.fromEntries(Object.entries(all).map(([file, ms]) => [file, { medianMs: median(ms), runs: ms }]));
  return { files, node: summary(node), chromium: summary(chromium) };
}
