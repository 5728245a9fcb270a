#!/usr/bin/env node
// Where the .wasm's code bytes go, by crate: `node bench/wasm-breakdown.mjs [file.wasm] [--top N]`.
//
// The shipped pkg/web/salescore_bg.wasm has no name section, so by default this rebuilds a
// named twin of it from the linker output that ./scripts/build.sh leaves in
// target/wasm32-unknown-unknown/release/salescore.wasm: wasm-bindgen (as wasm-pack runs it),
// then wasm-opt -Oz with -g (keep names), into a temporary folder. The twin is within a few
// per cent of the shipped code size; read shares, not bytes. Given a file, it reads that one
// (it needs a name section).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
function namedTwin() {
  const linked = join(root, 'target/wasm32-unknown-unknown/release/salescore.wasm');
  const dir = mkdtempSync(join(tmpdir(), 'salescore-wasm-'));
  const run = (cmd, a) => {
    const r = spawnSync(cmd, a, { encoding: 'utf8' });
    if (r.status !== 0) { console.error(`${cmd} failed: ${r.stderr || r.error}`); process.exit(1); }
  };
  run(join(root, '.tools/bin/wasm-bindgen'), [linked, '--target', 'web', '--out-dir', dir, '--out-name', 'twin']);
  const features = ['--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
  run(join(root, 'node_modules/.bin/wasm-opt'), [join(dir, 'twin_bg.wasm'), '-Oz', '-g', ...features, '-o', join(dir, 'twin.opt.wasm')]);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'twin.opt.wasm');
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const file = args.find((a, i) => !a.startsWith('--') && i !== topAt + 1) ?? namedTwin();
const top = (topAt >= 0 && Number(args[topAt + 1])) || 25;
const buf = readFileSync(file);

let p = 8;
const leb = () => {
  let result = 0, shift = 0, byte;
  do { byte = buf[p++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
};
let imported = 0;
const bodies = []; // [start, end) per defined function
const names = new Map();
while (p < buf.length) {
  const id = buf[p++], size = leb(), start = p, end = start + size;
  if (id === 2) { // imports: count function imports (they take the first indices)
    for (let n = leb(), k = 0; k < n; k++) {
      const skip = () => { const len = leb(); p += len; };
      skip(); skip(); // module, name
      const kind = buf[p++];
      if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); } else if (kind === 3) { p += 2; } else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(), k = 0; k < n; k++) { const len = leb(); bodies.push([p, p + len]); p += len; }
  } else if (id === 0) {
    const nameLen = leb();
    const name = buf.subarray(p, p + nameLen).toString('utf8');
    p += nameLen;
    if (name === 'name') {
      while (p < end) {
        const sub = buf[p++], subSize = leb(), subEnd = p + subSize;
        if (sub === 1) for (let n = leb(), k = 0; k < n; k++) { const idx = leb(); const l = leb(); names.set(idx, buf.subarray(p, p + l).toString('utf8')); p += l; }
        p = subEnd;
      }
    }
  }
  p = end;
}
if (!names.size) {
  console.error(`${file}: no name section; pass a .wasm built with names (e.g. target/wasm32-unknown-unknown/release/salescore.wasm)`);
  process.exit(1);
}

// Crate of a function, from its mangled (legacy `_ZN…E` or v0 `_R…`) or plain name.
function crateOf(name) {
  if (name.startsWith('_ZN')) {
    const m = name.slice(3).match(/^(\d+)/);
    if (!m) return 'other';
    const ident = name.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
    // `<T as Trait>::f` is `_$LT$T$u20$as$u20$Trait$GT$`: the crate of T.
    const inner = ident.replace(/^_?\$LT\$/, '').replace(/^(\$RF\$|\$BP\$|mut\$u20\$)+/, '');
    const krate = inner.match(/^([A-Za-z_][A-Za-z0-9_]*)/)?.[1] ?? 'other';
    return /^[A-Z]/.test(krate) || ['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'f32', 'f64', 'str', 'bool', 'char'].includes(krate)
      ? `core/alloc (impls on ${krate})` : krate;
  }
  if (name.startsWith('_R')) {
    const m = name.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/);
    if (m) return name.substr(m.index + m[0].length, Number(m[1]));
    return 'other';
  }
  if (/^__wbg|^__wbindgen|^__externref|externref shim|^wasm_bindgen/.test(name)) return 'wasm_bindgen (glue)';
  const plain = name.match(/^<?(?:&(?:mut )?)?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  if (plain) return plain[1];
  if (/^(memcpy|memmove|memset|memcmp|bcmp)$/.test(name)) return 'compiler_builtins';
  return `other: ${name.slice(0, 40)}`;
}
const byCrate = new Map();
const fns = [];
let total = 0;
bodies.forEach(([s, e], i) => {
  const name = names.get(i + imported) ?? `func${i + imported}`;
  const size = e - s;
  total += size;
  const c = crateOf(name);
  const entry = byCrate.get(c) ?? { size: 0, count: 0, parts: [] };
  entry.size += size; entry.count++; entry.parts.push(buf.subarray(s, e));
  byCrate.set(c, entry);
  fns.push([name, size]);
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${file}: ${kb(buf.length)} total, code bodies ${kb(total)} in ${bodies.length} functions\n`);
console.log('code by crate (raw, gzip -9 of that crate\'s function bodies alone, share of code)');
for (const [c, { size, count, parts }] of [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  console.log(`${kb(size).padStart(10)} ${kb(gzipSync(Buffer.concat(parts), { level: 9 }).length).padStart(10)} ${((size / total) * 100).toFixed(1).padStart(5)}%  ${c} (${count} fns)`);
}
console.log('\nlargest functions');
for (const [n, size] of fns.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${kb(size).padStart(10)}  ${n.slice(0, 150)}`);
