// Same answer everywhere: the generated corpus (generate.mjs) natively (examples/corpus.rs,
// release), through the WebAssembly build (pkg/node.js), the no-WASM build (pkg/nowasm.js) and the
// admin entry's own WebAssembly build (pkg/admin/node.js); every output line must be
// byte-identical. Prints the counts, the time of each
// build and the first differences; exits 1 on any difference.
//
//   node tests/js/corpus/compare.mjs [COUNT=10000] [SEED]      (./run corpus [COUNT] [SEED])
//
// Needs pkg/ (./run build). Cases and outputs are left in target/corpus/.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate, lines } from './generate.mjs';

/** The package builds the corpus runs through, by name: the form entry with and without
 *  WebAssembly, and the admin entry (plans too, from a WebAssembly module of its own). */
export const BUILDS = [['wasm', 'pkg/node.js'], ['nowasm', 'pkg/nowasm.js'], ['admin', 'pkg/admin/node.js']];

/** The first path at which two JSON values differ and the values there, or null. */
export function firstDifference(a, b, path = '') {
  if (Object.is(a, b)) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return { path: path || '/', a, b };
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return { path: `${path}/ (key number ${i})`, a: ka[i], b: kb[i] };
    const d = firstDifference(a[ka[i]], b[ka[i]], `${path}/${ka[i]}`);
    if (d) return d;
  }
  return null;
}

/** Two output lines that differ, described for a reader: the case, the first JSON path that
 *  differs with both values, and both lines around the first differing character. */
export function describeDifference(name, native, other, caseLine) {
  let at = 0;
  while (at < native.length && native[at] === other[at]) at++;
  const around = (s) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 80));
  let where = '';
  try {
    const d = firstDifference(JSON.parse(native), JSON.parse(other)) ?? { path: '(same JSON, different text)', a: '', b: '' };
    where = `  first difference at ${d.path}:\n    native: ${JSON.stringify(d.a)?.slice(0, 300)}\n    ${name}: ${JSON.stringify(d.b)?.slice(0, 300)}\n`;
  } catch {
    where = '  (a line is not JSON)\n';
  }
  return (
    `${caseLine ? `case: ${caseLine.slice(0, 600)}\n` : ''}${where}` +
    `  at character ${at}:\n    native: ${around(native)}\n    ${name}: ${around(other)}`
  );
}

/** Counts of a build's output lines: results, call errors, compile errors, anything else. */
export function tally(outputs) {
  const t = { cases: outputs.length, results: 0, errors: 0, compile: 0, other: 0 };
  for (const line of outputs) {
    const kind = /^\{"case":\d+,"(\w+)"/.exec(line)?.[1];
    if (kind === 'result') t.results++;
    else if (kind === 'error') t.errors++;
    else if (kind === 'compile') t.compile++;
    else t.other++;
  }
  return t;
}

/** Compares each build's lines with the native lines: `{ compared, differences: [text],
 *  differing: { build: [line numbers] } }` (the first `limit` differences described). */
export function compare(native, builds, caseLines = [], limit = 5) {
  const differences = [];
  const differing = {};
  let compared = 0;
  for (const [name, out] of Object.entries(builds)) {
    differing[name] = [];
    if (out.length !== native.length) differences.push(`${name}: ${out.length} lines, native ${native.length}`);
    for (let i = 0; i < Math.min(out.length, native.length); i++) {
      compared++;
      if (out[i] !== native[i]) {
        differing[name].push(i);
        if (differences.length < limit) differences.push(`${name} differs from native on line ${i}\n${describeDifference(name, native[i], out[i], caseLines[i])}`);
        else differences.length === limit && differences.push('…');
      }
    }
  }
  return { compared, differences, differing };
}

/** The sources under `dir` changed after pkg/'s first artifact was written (the .wasm), if
 *  any: a difference may then be a stale package rather than a difference between builds. */
function newerThanPkg(dir) {
  let stamp;
  try {
    stamp = statSync(new URL('../../../pkg/web/salescore_bg.wasm', import.meta.url)).mtimeMs;
  } catch {
    return ['pkg/web/salescore_bg.wasm (missing)'];
  }
  const root = new URL(`../../../${dir}/`, import.meta.url);
  return readdirSync(root, { recursive: true })
    .filter((f) => /\.(rs|js)$/.test(f) && statSync(new URL(f, root)).mtimeMs > stamp)
    .map((f) => `${dir}/${f}`);
}

const splitLines = (text) => text.split('\n').filter((l) => l.length > 0);

function timed(label, f) {
  const start = process.hrtime.bigint();
  const out = f();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s`);
  return out;
}

/** Runs `command` with stdin from `input` and stdout into `output`; fails loudly. */
function run(command, args, input, output) {
  const [fdIn, fdOut] = [openSync(input, 'r'), openSync(output, 'w')];
  const r = spawnSync(command, args, { stdio: [fdIn, fdOut, 'inherit'] });
  closeSync(fdIn);
  closeSync(fdOut);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return splitLines(readFileSync(output, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 10000);
  const seed = Number(process.argv[3] ?? 20260501);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('usage: node tests/js/corpus/compare.mjs [COUNT] [SEED]');
    process.exit(2);
  }
  const dir = new URL('../../../target/corpus/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = (name) => fileURLToPath(new URL(name, dir));
  const corpus = timed(`generate ${count} cases (seed ${seed})`, () => generate(count, seed));
  const all = [...lines(corpus)];
  writeFileSync(file('cases.jsonl'), `${all.join('\n')}\n`);
  const caseLines = all.filter((l) => l.startsWith('{"kind":"case"'));
  const teams = corpus.cases.filter((c) => c.call === 'team').length;
  console.log(`${corpus.plans.length} plans, ${count} cases (${teams} evaluateTeam, ${count - teams} evaluate)`);

  timed('build the native runner (release)', () => {
    const r = spawnSync('cargo', ['build', '--quiet', '--release', '--example', 'corpus'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('cargo build failed');
  });
  const native = timed('native (release)', () => run(fileURLToPath(new URL('../../../target/release/examples/corpus', import.meta.url)), [], file('cases.jsonl'), file('native.jsonl')));
  const runner = fileURLToPath(new URL('./runner.mjs', import.meta.url));
  const builds = {};
  for (const [name, entry] of BUILDS) {
    builds[name] = timed(`${name} (${entry})`, () => run(process.execPath, [runner, entry], file('cases.jsonl'), file(`${name}.jsonl`)));
  }
  const t = tally(native);
  console.log(`outputs: ${t.results} results, ${t.errors} call errors, ${t.compile} compile errors, ${t.other} other`);
  const { compared, differences, differing } = compare(native, builds, caseLines);
  if (native.length !== count) differences.unshift(`native: ${native.length} lines for ${count} cases`);
  if (differences.length) {
    console.log(`\n${differences.join('\n\n')}\n`);
    for (const [name, at] of Object.entries(differing)) {
      console.log(`${name}: ${at.length} of ${count} cases differ from native${at.length ? ` (cases ${at.slice(0, 50).join(' ')}${at.length > 50 ? ' …' : ''})` : ''}`);
    }
    const stale = newerThanPkg('src');
    if (stale.length) console.log(`note: changed since pkg/ was built (rebuild with ./run build): ${stale.slice(0, 5).join(', ')}`);
    console.log('DIFFERENT (cases and outputs in target/corpus/)');
    process.exit(1);
  }
  console.log(`identical: ${count} cases × ${BUILDS.length + 1} (native and ${BUILDS.map(([name]) => name).join(', ')}; ${compared} lines compared with native)`);
}
