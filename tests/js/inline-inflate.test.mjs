// The inlined builds carry their .wasm deflated and inflate it with what the host has: Node's zlib
// (init and initSync), else the browser's DecompressionStream (init), else fflate. Each way, in a
// fresh process with the others taken away, every entry starts and computes what the others do;
// a DecompressionStream that gives too few or too many bytes is left for fflate.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

/** The child: takes away what `without` names, spies on what is left, starts the entry's
 *  inline.js with `start` and prints which inflater ran and a few of the entry's results. With
 *  `broken` ('short' or 'long'), the DecompressionStream drops a byte of every chunk, or gives
 *  every chunk twice. */
const child = (dir, start, without, broken = '') => `
const used = [];
const builtin = process.getBuiltinModule;
if (${without.includes('zlib')}) delete process.getBuiltinModule;
else process.getBuiltinModule = (name) => { if (name === 'node:zlib') used.push('zlib'); return builtin(name); };
const Native = globalThis.DecompressionStream;
if (${without.includes('stream')}) delete globalThis.DecompressionStream;
else if (${JSON.stringify(broken)}) globalThis.DecompressionStream = class {
  constructor(f) {
    used.push('stream');
    const native = new Native(f);
    this.writable = native.writable;
    const long = ${JSON.stringify(broken)} === 'long';
    this.readable = native.readable.pipeThrough(new TransformStream({
      transform(chunk, out) { out.enqueue(long ? chunk : chunk.subarray(1)); if (long) out.enqueue(chunk); },
    }));
  }
};
else globalThis.DecompressionStream = class extends Native { constructor(f) { used.push('stream'); super(f); } };
const { readFileSync } = await import('node:fs');
const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
const lib = await import(${JSON.stringify(pathToFileURL(`pkg/${dir}inline.js`).href)});
if (${JSON.stringify(start)} === 'initSync') lib.initSync(); else await lib.init();
const out = { version: lib.version() };
if (lib.Plan) {
  out.formula = lib.evaluateFormula('ROUND(a * 1.1, 2)', { a: 12.345 });
  const plan = lib.Plan.compile(read('samples/team/plan.json'));
  const reps = read('samples/team/reps.json');
  // The team batch where the entry has it (salescore/admin); every rep one by one everywhere.
  if (plan.evaluateTeam) out.team = plan.evaluateTeam(reps, { numbers: 'string' }).team;
  out.reps = plan.evaluateMany(reps, { numbers: 'string' }).results.map((r) => r?.incentive?.statement.total ?? null);
}
if (lib.decompose) out.decomposed = lib.decompose(read('samples/targets/decompose.json'), { numbers: 'string' });
console.log(JSON.stringify({ used, out }));`;

const WAYS = [
  { name: "Node's zlib, init()", start: 'init', without: [], used: ['zlib'] },
  { name: "Node's zlib, initSync()", start: 'initSync', without: [], used: ['zlib'] },
  { name: 'DecompressionStream, init()', start: 'init', without: ['zlib'], used: ['stream'] },
  { name: 'fflate, init()', start: 'init', without: ['zlib', 'stream'], used: [] },
  { name: 'fflate after a DecompressionStream short of bytes, init()', start: 'init', without: ['zlib'], broken: 'short', used: ['stream'] },
  { name: 'fflate after a DecompressionStream with bytes to spare, init()', start: 'init', without: ['zlib'], broken: 'long', used: ['stream'] },
  { name: 'fflate, initSync() (no zlib)', start: 'initSync', without: ['zlib'], used: [] },
];

for (const dir of ['', 'targets/', 'admin/']) {
  test(`pkg/${dir}inline.js starts and computes the same however its .wasm is inflated`, () => {
    const runs = WAYS.map((way) => {
      const printed = execFileSync(process.execPath, ['--input-type=module', '-e', child(dir, way.start, way.without, way.broken)], { encoding: 'utf8', maxBuffer: 64 << 20 });
      return { way, ...JSON.parse(printed) };
    });
    for (const r of runs) assert.deepEqual([...new Set(r.used)], r.way.used, `${r.way.name}: inflated by ${r.used.join(', ') || 'fflate'}`);
    const [first, ...rest] = runs;
    assert.ok(first.out.reps?.some((total) => Number(total) > 0) || first.out.decomposed, 'the entry computed something');
    if (dir === 'admin/') assert.ok(first.out.team.members.length > 0, 'salescore/admin computed the team');
    for (const r of rest) assert.deepEqual(r.out, first.out, `${r.way.name} differs from ${first.way.name}`);
  });
}
