// Assembles pkg/ from the wasm-pack outputs in build/ and the files in pkg-template/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => join(root, ...p);
const pkg = at('pkg');
const entries = at('build', 'entries');

function findSnippet(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'error.js') found.push(p);
    }
  };
  walk(join(dir, 'snippets'));
  if (found.length !== 1) throw new Error(`expected one error.js snippet in ${dir}, found ${found.length}`);
  return found[0];
}

const rel = (from, to) => {
  const r = relative(from, to).split('\\').join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

// wasm2js memory is a plain object whose buffer is replaced (not detached) when it grows, so
// a cached view is stale when its buffer differs, not when its length drops to zero.
function patchForWasm2js(file) {
  const src = readFileSync(file, 'utf8');
  // Where the glue asks `buffer.detached` (true only for a real, transferred WebAssembly
  // buffer), the old wasm2js buffer reads `false` in current browsers, so compare buffers instead.
  const patched = src
    .replace(/(cached\w+Memory0)\.byteLength === 0/g, '$1.buffer !== wasm.memory.buffer')
    .replace(/(cached\w+Memory0)\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/g,
      '$1.buffer !== wasm.memory.buffer');
  if (/byteLength === 0|\.detached/.test(patched)) throw new Error('wasm2js memory-view patch did not apply');
  writeFileSync(file, patched);
}

rmSync(pkg, { recursive: true, force: true });
rmSync(entries, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
mkdirSync(entries, { recursive: true });

// 1. The web build as is: ESM glue + .wasm, used by the browser, bundler and Node entries.
cpSync(at('build', 'web'), join(pkg, 'web'), { recursive: true, filter: (s) => !s.endsWith('.gitignore') });
const webSnippet = rel(pkg, findSnippet(join(pkg, 'web')));
const wasmBytes = readFileSync(join(pkg, 'web', 'salescore_bg.wasm'));

writeFileSync(join(pkg, 'index.js'), `// Browser and bundler entry: call \`await init()\` once before use.
export * from './web/salescore.js';
export { default, default as init } from './web/salescore.js';
export { SalesScoreError } from '${webSnippet}';
`);

writeFileSync(join(pkg, 'node.js'), `// Node entry: the module is compiled synchronously on import; init() is a no-op kept for parity.
import { readFileSync } from 'node:fs';
import { initSync } from './web/salescore.js';
initSync({ module: readFileSync(new URL('./web/salescore_bg.wasm', import.meta.url)) });
export * from './web/salescore.js';
export { default, default as init } from './web/salescore.js';
export { SalesScoreError } from '${webSnippet}';
`);

// 2. Inlined: the .wasm as base64 inside the script, for hosts that cannot fetch a sibling file.
writeFileSync(join(entries, 'wasm-base64.js'), `export default ${JSON.stringify(wasmBytes.toString('base64'))};\n`);
writeFileSync(join(entries, 'inline.js'), `import initWeb, { initSync as initSyncWeb } from '${rel(entries, join(pkg, 'web', 'salescore.js'))}';
import base64 from './wasm-base64.js';
function bytes() {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
/** Compiles and instantiates the inlined module (asynchronously). Safe to call more than once. */
export function init() { return initWeb({ module_or_path: bytes() }); }
/** Synchronous start-up, for hosts that need it (old WebViews limit synchronous compiles to 4 KB). */
export function initSync() { return initSyncWeb({ module: bytes() }); }
export default init;
export * from '${rel(entries, join(pkg, 'web', 'salescore.js'))}';
export { SalesScoreError } from '${rel(entries, findSnippet(join(pkg, 'web')))}';
`);
writeFileSync(join(entries, 'node-cjs.js'), `import { initSync } from './inline.js';
initSync();
export * from './inline.js';
`);

// 3. No-WASM: the MVP build translated by wasm2js, wired to the bundler-target glue.
const mvp = at('build', 'mvp');
patchForWasm2js(join(mvp, 'salescore_bg.js'));
writeFileSync(join(entries, 'nowasm.js'), `import * as wasm from '${rel(entries, join(mvp, 'salescore_bg.wasm.js'))}';
import { __wbg_set_wasm } from '${rel(entries, join(mvp, 'salescore_bg.js'))}';
__wbg_set_wasm(wasm);
/** Nothing to load: kept so code written for the other builds runs unchanged. */
export async function init() {}
/** Nothing to load. */
export function initSync() {}
export default init;
export * from '${rel(entries, join(mvp, 'salescore_bg.js'))}';
export { SalesScoreError } from '${rel(entries, findSnippet(mvp))}';
`);

const common = { bundle: true, minify: true, legalComments: 'none', target: 'es2020', logLevel: 'warning',
  define: { 'import.meta.url': '"file:///salescore/"' } };
const bundles = [
  { entry: 'inline.js', out: 'inline.js', format: 'esm' },
  { entry: 'inline.js', out: 'salescore.iife.js', format: 'iife', globalName: 'SalesScore' },
  { entry: 'node-cjs.js', out: 'node.cjs', format: 'cjs', platform: 'node' },
  { entry: 'nowasm.js', out: 'nowasm.js', format: 'esm' },
  { entry: 'nowasm.js', out: 'salescore.nowasm.iife.js', format: 'iife', globalName: 'SalesScore' },
];
for (const b of bundles) {
  await build({ ...common, entryPoints: [join(entries, b.entry)], outfile: join(pkg, b.out), format: b.format,
    globalName: b.globalName, platform: b.platform ?? 'neutral' });
}

// 4. Types, schemas, manifest, docs.
// `options` is optional in every call (wasm-bindgen types a typed optional parameter as required).
const dts = readFileSync(join(pkg, 'web', 'salescore.d.ts'), 'utf8').replaceAll('options: Options)', 'options?: Options)');
writeFileSync(join(pkg, 'salescore.d.ts'), dts.replace(
  'export default function __wbg_init',
  'export function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;\nexport default function __wbg_init'));
for (const name of ['plan', 'decompose', 'pace']) cpSync(at('build', `${name}.schema.json`), join(pkg, `${name}.schema.json`));
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(at('Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(at('pkg-template', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
if (existsSync(at('pkg-template', 'README.md'))) cpSync(at('pkg-template', 'README.md'), join(pkg, 'README.md'));
console.log(`pkg/ assembled (salescore ${version})`);
