#!/usr/bin/env node
// The output benchmark (`./run bench output`): the ways results cross from WebAssembly to JS,
// side by side in one run, in Node and in headless Chromium, with the .wasm size of each.
//
// Three release builds of the web target, the same code but for the serializer (cargo features
// used only here, never by the package):
//   package   as published: the tape (src/wasm/tape.rs + buildValue in record.js) for every
//             result, metrics-only results through buildMetrics, decompositions as columns
//   tape      --features generic-output: metrics-only results and decompositions through the
//             tape too (one serializer for everything)
//   swb       --features swb-output,generic-output: every result through serde-wasm-bindgen
//             (Serializer::json_compatible(): plain objects, null for missing values)
// Before anything is timed every workload's result must be the same in every build (the same
// keys in the same order, Object.is on every leaf); a difference stops the run.
//
//   node bench/output.mjs [--samples 11] [--no-build] [--no-browser] [--only name,name]
//
// Writes bench-results/output.json. A benchmark is a command, never a test: nothing fails on
// slowness.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { run, WORKLOADS } from './lib/output.mjs';
import { generateSpec } from './lib/decompose-spec.mjs';
import { generateTeam } from './lib/team.mjs';
import { PLAN_DOC, records } from './lib/workload.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = new URL('../bench-results/', import.meta.url);
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const value = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const SAMPLES = Number(value('--samples', 11));
const ONLY = value('--only', null)?.split(',');
const say = (m) => console.error(`» ${m}`);

const BUILDS = [
  { name: 'package', features: [] },
  { name: 'tape', features: ['generic-output'] },
  { name: 'swb', features: ['swb-output', 'generic-output'] },
];
const dir = (b) => `build/bench-output/${b.name}`;

// ---------------------------------------------------------------- builds
const env = { ...process.env, PATH: `${ROOT}.tools/bin:${ROOT}node_modules/.bin:${process.env.PATH}` };
function sh(cmd, args, extra = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, ...extra } });
  if (r.status !== 0) {
    console.error(`✗ ${cmd} ${args.join(' ')} exited ${r.status}`);
    process.exit(1);
  }
}
// As scripts/build.sh and wasm-pack build the package's .wasm (the same flags), once per feature
// set, in a target directory of its own (a package build running meanwhile cannot swap its .wasm
// for one of these).
const REMAP = `--remap-path-prefix=${process.env.CARGO_HOME ?? `${os.homedir()}/.cargo`}=/cargo --remap-path-prefix=${ROOT.replace(/\/$/, '')}=/salescore`;
const OPT = ['-O3', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
if (!flag('--no-build')) {
  for (const b of BUILDS) {
    say(`building ${b.name}${b.features.length ? ` (--features ${b.features.join(',')})` : ''}…`);
    sh('cargo', ['build', '--quiet', '--release', '--lib', '--target', 'wasm32-unknown-unknown',
      ...(b.features.length ? ['--features', b.features.join(',')] : [])], { RUSTFLAGS: REMAP, CARGO_TARGET_DIR: 'target/bench-output' });
    sh('wasm-bindgen', ['target/bench-output/wasm32-unknown-unknown/release/salescore.wasm', '--out-dir', dir(b), '--out-name', 'salescore', '--target', 'web']);
    sh('wasm-opt', [`${dir(b)}/salescore_bg.wasm`, ...OPT, '-o', `${dir(b)}/salescore_bg.wasm`]);
  }
}
const sizes = Object.fromEntries(BUILDS.map((b) => {
  const wasm = readFileSync(`${ROOT}${dir(b)}/salescore_bg.wasm`);
  const glue = readFileSync(`${ROOT}${dir(b)}/salescore.js`);
  return [b.name, { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length, glueRaw: glue.length, glueGzip: gzipSync(glue, { level: 9 }).length }];
}));

// ---------------------------------------------------------------- data
const SAMPLE_PLAN = JSON.parse(readFileSync(new URL('../samples/team/plan.json', import.meta.url), 'utf8'));
const data = { plan: SAMPLE_PLAN, team: generateTeam(10_000), metricsPlan: PLAN_DOC, records: records(), spec: generateSpec(10_000) };
mkdirSync(OUT, { recursive: true });
writeFileSync(new URL('output-data.json', OUT), JSON.stringify(data));

// ---------------------------------------------------------------- Node
const results = { node: null, chromium: null };
{
  const builds = [];
  for (const b of BUILDS) {
    const lib = await import(pathToFileURL(`${ROOT}${dir(b)}/salescore.js`).href);
    lib.initSync({ module: readFileSync(`${ROOT}${dir(b)}/salescore_bg.wasm`) });
    builds.push({ name: b.name, lib });
  }
  say(`Node ${process.version}: verifying and timing (${SAMPLES} samples each)…`);
  if (!globalThis.gc) say('(run node with --expose-gc for a GC between samples)');
  results.node = run(builds, data, { samples: SAMPLES, now: () => performance.now(), gc: globalThis.gc, log: (m) => say(`  node ${m}`), only: ONLY });
}

// ---------------------------------------------------------------- Chromium
if (!flag('--no-browser')) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--disable-background-networking', '--no-first-run'],
  });
  const ORIGIN = 'http://salescore.test';
  const page = await (await browser.newContext()).newPage();
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html' };
  const html = `<!doctype html><meta charset="utf-8"><script type="module">
import { run } from '/bench/lib/output.mjs';
const data = await (await fetch('/bench-results/output-data.json')).json();
const builds = [];
for (const name of ${JSON.stringify(BUILDS.map((b) => b.name))}) {
  const lib = await import('/build/bench-output/' + name + '/salescore.js');
  await lib.default({ module_or_path: '/build/bench-output/' + name + '/salescore_bg.wasm' });
  builds.push({ name, lib });
}
try {
  window.__result = run(builds, data, { samples: ${SAMPLES}, now: () => performance.now(), gc: window.gc, log: (m) => console.log(m), only: ${JSON.stringify(ONLY)} });
} catch (e) {
  window.__result = { error: String(e) };
}
</script>`;
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    if (path === '/output.html') return route.fulfill({ status: 200, headers: { 'content-type': 'text/html' }, body: html });
    try {
      const body = readFileSync(`${ROOT}${path.slice(1)}`);
      return route.fulfill({ status: 200, headers: { 'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }, body });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  page.on('console', (m) => say(`  chromium ${m.text()}`));
  page.on('pageerror', (e) => say(`  chromium page error: ${e}`));
  say(`Chromium ${browser.version()}: verifying and timing (${SAMPLES} samples each)…`);
  await page.goto(`${ORIGIN}/output.html`);
  await page.waitForFunction(() => window.__result, null, { timeout: 0, polling: 1000 });
  results.chromium = await page.evaluate(() => window.__result);
  results.chromiumVersion = browser.version();
  await browser.close();
  if (results.chromium.error) {
    console.error(`✗ Chromium: ${results.chromium.error}`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------- report
const fmt = (ns) => (ns >= 1e7 ? `${(ns / 1e6).toFixed(0)} ms` : ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : ns >= 1e4 ? `${(ns / 1e3).toFixed(0)} µs` : `${(ns / 1e3).toFixed(1)} µs`);
const KB = (b) => `${(b / 1024).toFixed(1)} KB`;
function table(head, rows) {
  const w = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
const lines = [];
lines.push(`output benchmark — ${new Date().toISOString()}; ${os.cpus().length} cores (${os.cpus()[0]?.model}), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
lines.push(`medians of ${SAMPLES} samples, builds alternating (ratios: medians of the sample-by-sample ratios); Node ${process.version}${results.chromiumVersion ? `, Chromium ${results.chromiumVersion}` : ''}`);
lines.push('package = as published (tape; metrics-only via buildMetrics; decompose as columns); tape = everything through the tape;');
lines.push('swb = everything through serde-wasm-bindgen (json_compatible). Every result was checked identical across the three.');
for (const host of ['node', 'chromium']) {
  const r = results[host];
  if (!r) continue;
  lines.push('');
  lines.push(table([host, 'package', 'tape', 'swb', 'tape ÷ package', 'swb ÷ package'], WORKLOADS.filter(([n]) => r[n]).map(([n, path]) => {
    const x = r[n];
    return [`${n} (${path})`, fmt(x.package.medianNs), fmt(x.tape.medianNs), fmt(x.swb.medianNs),
      `${x.tape.paired.toFixed(2)}×`, `${x.swb.paired.toFixed(2)}×`];
  })));
}
lines.push('');
lines.push(table(['.wasm (release, wasm-opt -O3)', 'raw', 'gzip -9', 'glue raw', 'glue gzip'],
  BUILDS.map((b) => [b.name, KB(sizes[b.name].raw), KB(sizes[b.name].gzip), KB(sizes[b.name].glueRaw), KB(sizes[b.name].glueGzip)])));
const text = lines.join('\n');
console.log(`\n${text}`);
writeFileSync(new URL('output.json', OUT), `${JSON.stringify({ date: new Date().toISOString(), samples: SAMPLES, sizes, results, report: text }, null, 2)}\n`);
say('wrote bench-results/output.json');
