#!/usr/bin/env node
// Where an entry's .wasm code bytes go, by module and by function:
//   node bench/wasm-breakdown.mjs [--entry form|targets|admin] [--top N] [file.wasm]
//
// The shipped pkg/…/web/salescore_bg.wasm has no name section, so by default this builds a named
// twin of the entry's .wasm (lib/breakdown.mjs: the same cargo build, scripts/wasm-cargo.sh, in
// target/breakdown-<opt-level>, wasm-bindgen, wasm-opt -Oz -g) into build/breakdown/<entry>/. The twin is
// within a few per cent of the shipped code size; read shares, not bytes. Given a file, it reads
// that one (it needs a name section). `node bench/run.mjs` prints the by-module split of every
// entry side by side.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { byGroup, functions, groupOf, twin } from './lib/breakdown.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const top = Number(opt('--top', 25));
const file = args.find((a, i) => a.endsWith('.wasm') && !['--top', '--entry'].includes(args[i - 1]))
  ?? twin(opt('--entry', 'form'), (m) => console.error(`» ${m}`));
const buf = readFileSync(file);
const fns = functions(buf);
const { total, groups } = byGroup(fns);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${file}: ${kb(buf.length)} (gzip -9 ${kb(gzipSync(buf, { level: 9 }).length)}), code bodies ${kb(total)} in ${fns.length} functions\n`);
console.log('code by module (raw, share of code)');
for (const g of groups.slice(0, top)) console.log(`${kb(g.bytes).padStart(10)} ${((g.bytes / total) * 100).toFixed(1).padStart(5)}%  ${g.group} (${g.count} fns)`);
console.log('\nlargest functions');
for (const f of [...fns].sort((a, b) => b.size - a.size).slice(0, top)) console.log(`${kb(f.size).padStart(10)}  ${groupOf(f.name).padEnd(22)} ${f.name.slice(0, 130)}`);
