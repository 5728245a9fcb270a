// Raw / gzip (zlib level 9) / brotli sizes of the build files, and where the .wasm's bytes go.
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const KB = 1024; // budgets are read as KiB (1 KB = 1024 bytes)

/** The build files the product card budgets (and the others worth watching). */
export const FILES = [
  { file: 'web/salescore_bg.wasm', what: '.wasm (web/Node builds)', budget: { raw: 250 * KB, gzip: 100 * KB } },
  { file: 'inline.js', what: 'ESM, wasm inlined (base64)' },
  { file: 'salescore.iife.js', what: 'IIFE, wasm inlined', budget: { gzip: 150 * KB } },
  { file: 'nowasm.js', what: 'ESM, wasm2js (no WebAssembly)' },
  { file: 'salescore.nowasm.iife.js', what: 'IIFE, wasm2js' },
  { file: 'node.cjs', what: 'CommonJS (Node require)' },
  { file: 'web/salescore.js', what: 'web glue (loads the .wasm)' },
];

export function sizes(pkgDir) {
  return FILES.map(({ file, what, budget }) => {
    const path = new URL(file, pkgDir);
    if (!existsSync(path)) return { file, what, missing: true };
    const buf = readFileSync(path);
    const gzip = gzipSync(buf, { level: 9 }).length;
    const brotli = brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length;
    const checks = [];
    if (budget?.raw !== undefined) checks.push({ of: 'raw', limit: budget.raw, actual: buf.length, ok: buf.length <= budget.raw });
    if (budget?.gzip !== undefined) checks.push({ of: 'gzip', limit: budget.gzip, actual: gzip, ok: gzip <= budget.gzip });
    return { file, what, raw: buf.length, gzip, brotli, checks };
  });
}

/** Sections of a .wasm binary: code, data, custom sections by name…, with raw and gzip sizes. */
export function wasmSections(path) {
  const buf = readFileSync(path);
  const names = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
  let p = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = buf[p++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const out = [];
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const start = p;
    let name = names[id] ?? `id${id}`;
    if (id === 0) {
      const len = leb();
      name = `custom "${buf.subarray(p, p + len).toString('utf8')}"`;
    }
    const body = buf.subarray(start, start + size);
    out.push({ name, raw: size, gzip: gzipSync(body, { level: 9 }).length });
    p = start + size;
  }
  return out.sort((a, b) => b.raw - a.raw);
}
