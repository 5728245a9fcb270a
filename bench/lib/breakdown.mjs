// Where each entry's .wasm code bytes go, by salescore module. The shipped .wasm has no name
// section, so each entry gets a named twin: the same cargo build as scripts/build.sh
// (scripts/wasm-cargo.sh, with the entry's features and opt-level) in a target directory of its
// own (target/breakdown-<opt-level>, so it never touches the package's), then wasm-bindgen (web target) and
// wasm-opt -Oz with -g (keep the names), into
// build/breakdown/<entry>/. The twin's code is within a few per cent of the shipped one's: read
// shares, not bytes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FEATURES = ['--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

/** Builds the named twin of `entry`'s .wasm; returns its path. */
export function twin(entry, log = () => {}) {
  const env = { ...process.env, PATH: `${ROOT}.tools/bin:${ROOT}node_modules/.bin:${process.env.PATH}` };
  const sh = (cmd, args) => {
    const r = spawnSync('nice', [cmd, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  };
  const out = `build/breakdown/${entry}`;
  mkdirSync(`${ROOT}${out}`, { recursive: true });
  const opt = entry === 'form' ? 'z' : '3';
  const target = `target/breakdown-${opt}`;
  log(`breakdown: building the named twin of the ${entry} entry's .wasm (cargo, ${target})…`);
  sh('scripts/wasm-cargo.sh', [opt, target, entry === 'form' ? 'form,talc' : entry]);
  sh('wasm-bindgen', [`${target}/wasm32-unknown-unknown/release/salescore.wasm`, '--target', 'web', '--out-dir', out, '--out-name', 'salescore']);
  // What scripts/build.sh assumes of every module (--low-memory-unused), so that the twin's code is the shipped one's.
  sh('wasm-opt', [`${out}/salescore_bg.wasm`, '-Oz', '--low-memory-unused', '-g', ...FEATURES, '-o', `${out}/twin.wasm`]);
  return `${ROOT}${out}/twin.wasm`;
}

/** The defined functions of a .wasm with a name section: [{ name, size }] (size of the body). */
export function functions(buf) {
  let p = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do { byte = buf[p++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return result;
  };
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (p < buf.length) {
    const id = buf[p++], size = leb(), end = p + size;
    if (id === 2) { // imports: function imports take the first indices
      for (let n = leb(), k = 0; k < n; k++) {
        const skip = () => { const len = leb(); p += len; };
        skip(); skip(); // module, name
        const kind = buf[p++];
        if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); }
        else if (kind === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); } else if (kind === 3) { p += 2; } else if (kind === 4) { p++; leb(); }
      }
    } else if (id === 10) {
      for (let n = leb(), k = 0; k < n; k++) { const len = leb(); sizes.push(len); p += len; }
    } else if (id === 0) {
      const nameLen = leb();
      const name = buf.subarray(p, p + nameLen).toString('utf8');
      p += nameLen;
      while (name === 'name' && p < end) {
        const sub = buf[p++], subSize = leb(), subEnd = p + subSize;
        if (sub === 1) for (let n = leb(), k = 0; k < n; k++) { const idx = leb(); const l = leb(); names.set(idx, buf.subarray(p, p + l).toString('utf8')); p += l; }
        p = subEnd;
      }
    }
    p = end;
  }
  if (!names.size) throw new Error('no name section (build the .wasm with names, e.g. wasm-opt -g)');
  return sizes.map((size, i) => ({ name: names.get(i + imported) ?? `func${i + imported}`, size }));
}

/** The group of a (demangled) function name: a salescore module two levels deep
 *  (`incentive::section`), or exports (inlined bodies), serde_json, rust_decimal, core sort, serde
 *  content, fmt (with float printing), serde, wasm-bindgen (its runtime and js_sys), other. LTO
 *  and wasm-opt inline much into the exports and shims, so the modules are lower bounds. A trait method counts for its type (`<salescore::plan::X as Trait>::f`
 *  is plan's), a drop for the type it drops. */
export function groupOf(name) {
  let n = name.replace(/\[[0-9a-f]+\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  const drop = n.match(/^core::ptr::drop_in_place<(.*)>$/);
  if (drop) n = drop[1];
  const bare = n.replace(/^(<|&|mut |dyn |\*const |\*mut |\()+/, '');
  const path = bare.match(/^[A-Za-z0-9_]+(::[A-Za-z0-9_]+)*/)?.[0] ?? '';
  const [crate, ...rest] = path.split('::');
  if (crate === 'salescore') {
    // The path's last segment is a function unless more follows (`::<impl …>`).
    const last = bare.length > path.length ? rest.length : rest.length - 1;
    const modules = [];
    for (let i = 0; i < last && modules.length < 2 && /^[a-z_]/.test(rest[i]); i++) modules.push(rest[i]);
    return modules.length ? modules.join('::') : 'salescore (root)';
  }
  // An exported function (`plan_compile externref shim multivalue shim`): wasm-opt inlined the
  // Rust export's body, often the whole operation, into it.
  if (/ (externref|multivalue) shim$/.test(n)) return 'exports (inlined bodies)';
  if (/^serde(_core)?::(__)?private::de::content/.test(path)) return 'serde content';
  if (crate === 'serde_json' || crate === 'rust_decimal') return crate;
  if (/^(core|alloc)::slice::(sort|stable_sort|merge_sort)/.test(path) || /^(core|alloc)::slice::.*sort/.test(path)) return 'core sort';
  if (/^(core|alloc|std)::(fmt|num::flt2dec)/.test(path) || / as core::fmt::(Display|Debug|Write)>/.test(n)) return 'fmt';
  // serde's traits on std types (`<PhantomData<T> as DeserializeSeed>::deserialize`, generics
  // erased): the (de)serializers of salescore's documents and results, among others.
  if (crate === 'serde' || crate === 'serde_core' || / as serde(_core)?::(de|ser)::/.test(n)) return 'serde';
  if (/^(wasm_bindgen|js_sys)$/.test(crate) || /^__wbg|^__wbindgen|^__externref|externref shim/.test(n)) return 'wasm-bindgen';
  return 'other';
}

/** Code bytes by group, largest first: { total, groups: [{ group, bytes, count }] }. */
export function byGroup(fns) {
  const groups = new Map();
  let total = 0;
  for (const { name, size } of fns) {
    const g = groupOf(name);
    const e = groups.get(g) ?? { group: g, bytes: 0, count: 0 };
    e.bytes += size;
    e.count++;
    groups.set(g, e);
    total += size;
  }
  return { total, groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes) };
}

/** For each entry: its twin's size, code bytes and groups. */
export function breakdown(entries, log) {
  return Object.fromEntries(entries.map((e) => {
    const buf = readFileSync(twin(e, log));
    return [e, { twinBytes: buf.length, ...byGroup(functions(buf)) }];
  }));
}
