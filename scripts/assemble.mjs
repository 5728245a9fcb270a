// Assembles pkg/ from the wasm-pack outputs in build/ and the files in pkg-template/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateAsync } from '@gfx/zopfli';
import { ENTRIES, kb, measure } from './entries.mjs';

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
cpSync(at('pkg-template', 'guard.js'), join(pkg, 'guard.js'));

/** The text of an entry module: `imports` bring `glue` (the bindings), `snippets` (the folder of
 *  the build's JS snippets) and whatever `setup` uses; `options` is guard()'s argument. */
const entry = ({ name, api, imports, guardPath, snippets, options, setup = '' }) => `${imports}
import { guard } from '${guardPath}';
import { SalesScoreError } from '${snippets}/error.js';
import { documentJson } from '${snippets}/document.js';
${setup}
const api = guard({ SalesScoreError, documentJson, entry: '${name}', ${options} });
export const { ${api.join(', ')} } = api;
export { SalesScoreError };
export default init;
`;
const snippetsOf = (from, dir) => rel(from, dirname(findSnippet(dir)));

/** Adds the totals overloads to a Plan's `evaluate` and `evaluateMany` (entries with a Plan). */
function overload(dts, e) {
  if (!e.api.includes('Plan')) return dts;
  const signatures = [
    ['evaluate(record: Record<string, unknown>, options?: Options): PlanResult;', 'evaluate(record: Record<string, unknown>, options: TotalsOptions): PlanTotals;'],
    ['evaluateMany(records: Record<string, unknown>[], options?: Options): PlanBatchResult;', 'evaluateMany(records: Record<string, unknown>[], options: TotalsOptions): PlanBatchTotals;'],
  ];
  for (const [general, totals] of signatures) {
    const at = dts.indexOf(`    ${general}`);
    if (at < 0) throw new Error(`${e.import}: no \`${general}\` in the declarations to overload`);
    dts = `${dts.slice(0, at)}    ${totals}\n${dts.slice(at)}`;
  }
  return dts;
}

/**
 * The entry that picks for the page (`<entry>/auto`): the WebAssembly build (index.js) where the
 * page can run WebAssembly, the no-WASM build (nowasm.js, a separate chunk for a bundler, loaded
 * only then) where WebAssembly is missing (Salesforce Lightning Web Security) or refused by a
 * Content Security Policy without 'wasm-unsafe-eval'. The refusal is found by compiling an empty
 * module, so a page that cannot run the .wasm never downloads it. Same API: the exports are live
 * bindings, pointed at the picked build when init() has finished (before that, at the
 * WebAssembly build's, which answer NOT_INITIALIZED). In Node (which always has WebAssembly)
 * the exports map sends it to the Node build, with the same `flavour`.
 */
function writeAuto(out, e) {
  const api = e.api.filter((n) => !['init', 'initSync'].includes(n));
  writeFileSync(join(out, 'auto.js'), `// ${e.import}/auto: WebAssembly where the page can run it, the no-WASM build where it cannot.
// Call \`await init()\` once; \`flavour\` then says which build runs ('wasm' or 'nowasm').
import * as web from './index.js';

export let { ${api.join(', ')}, SalesScoreError } = web;
/** The build init() picked: 'wasm' or 'nowasm' (null until init() has finished). */
export let flavour = null;

function use(build, name) {
  ({ ${api.join(', ')}, SalesScoreError } = build);
  flavour = name;
}

/** Why this page cannot run WebAssembly ('' when it can), found without downloading anything:
 *  an empty module is compiled and instantiated (some engines check the CSP only then). */
function refused() {
  if (typeof WebAssembly !== 'object' || WebAssembly === null) return 'WebAssembly is not defined';
  try {
    new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)));
    return '';
  } catch (e) {
    return String(e && e.message);
  }
}

async function start(args) {
  if (!refused()) {
    try {
      await web.init(...args);
      return use(web, 'wasm');
    } catch (e) {
      // The engine cannot run this module though it ran the empty one (a CSP checked late, a
      // WebAssembly feature an older engine lacks): fall back as well.
      if (!(e instanceof web.SalesScoreError) || e.code !== 'WASM_UNAVAILABLE') throw e;
    }
  }
  const nowasm = await import('./nowasm.js');
  await nowasm.init();
  use(nowasm, 'nowasm');
}

let loading;
/** Loads the engine that fits the page (once; later calls return the same promise). Arguments,
 *  if any, go to the WebAssembly build's init() (where to find the .wasm). */
export function init(...args) {
  loading ??= start(args).catch((e) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** Loads the WebAssembly build synchronously (from the module or bytes given, as its initSync()
 *  does); the no-WASM build cannot be chosen synchronously: use init(). */
export function initSync(...args) {
  const done = web.initSync(...args);
  use(web, 'wasm');
  return done;
}

export default init;
`);
  writeFileSync(join(out, 'auto-node.js'), `// ${e.import}/auto in Node, which always runs WebAssembly: the Node build.
export * from './node.js';
export { default } from './node.js';
export const flavour = 'wasm';
`);
  // Marked as an ES module's exports (as node.cjs is), so that \`import init from '…/auto'\`
  // compiled to CommonJS gets init, not the whole object.
  writeFileSync(join(out, 'auto.cjs'), `// ${e.import}/auto in Node, which always runs WebAssembly: the Node build.
Object.defineProperty(exports, '__esModule', { value: true });
Object.assign(exports, require('./node.cjs'), { flavour: 'wasm' });
`);
  writeFileSync(join(out, 'auto.d.ts'), `export * from './salescore.js';
export { default } from './salescore.js';
/** The build init() picked: 'wasm' (WebAssembly) or 'nowasm' (where the page cannot run
 *  WebAssembly); null until init() has finished. */
export declare const flavour: 'wasm' | 'nowasm' | null;
`);
}

// The web glue keeps the compiled module: let the guard start a fresh instance from it.
function patchWebGlue(file) {
  const src = readFileSync(file, 'utf8');
  if (!/^let wasmModule, wasmInstance, wasm;$/m.test(src) || !src.includes('function initSync(module)')) {
    throw new Error('web glue: restart patch does not apply');
  }
  writeFileSync(file, `${src}
/** Starts a fresh instance of the compiled module (the old one trapped). */
export function __salescore_restart() {
  const module = wasmModule;
  wasm = undefined;
  initSync({ module });
}
/** Whether an instance is loaded. */
export function __salescore_ready() {
  return wasm !== undefined;
}
`);
}

// wasm2js makes its instance once, at import: let the guard make another.
function patchWasm2js(file) {
  const src = readFileSync(file, 'utf8');
  if (src.includes('export function __instantiate()')) return;
  const call = /var retasmFunc = asmFunc\((\{[^}]*\})\);/.exec(src);
  if (!call) throw new Error('wasm2js: restart patch does not apply');
  writeFileSync(file, `${src}
/** A fresh instance (the old one trapped). */
export function __instantiate() {
  return asmFunc(${call[1]});
}
`);
}

// The generated glue names document.js twice in its imports object (two extern blocks of one
// module): the same value under the same key, which esbuild would warn about on every bundle.
const common = { bundle: true, minify: true, legalComments: 'none', target: 'es2020', logLevel: 'warning',
  logOverride: { 'duplicate-object-key': 'silent' }, define: { 'import.meta.url': '"file:///salescore/"' } };

for (const e of ENTRIES) {
  const out = join(pkg, e.dir);
  const work = join(entries, e.name);
  mkdirSync(work, { recursive: true });
  const guardPath = (from) => rel(from, join(pkg, 'guard.js'));

  // 1. The web build: ESM glue + .wasm, used by the browser, bundler and Node entries.
  // wasm-bindgen's declarations of the glue stay behind: the entry's own salescore.d.ts is made
  // from them below, and nothing imports the glue but the entry.
  cpSync(at('build', e.name, 'web'), join(out, 'web'), { recursive: true, filter: (s) => !s.endsWith('.gitignore') && !s.endsWith('.d.ts') });
  patchWebGlue(join(out, 'web', 'salescore.js'));
  const wasmBytes = readFileSync(join(out, 'web', 'salescore_bg.wasm'));
  const webOptions = `glue, restart: __salescore_restart, ready: __salescore_ready, load, loadSync`;
  const webImports = (glue) => `import * as glue from '${glue}';
import load, { initSync as loadSync, __salescore_restart, __salescore_ready } from '${glue}';`;

  writeFileSync(join(out, 'index.js'), `// Browser and bundler entry: call \`await init()\` once before use.
${entry({ name: e.import, api: e.api, imports: webImports('./web/salescore.js'), guardPath: guardPath(out), snippets: snippetsOf(out, join(out, 'web')), options: webOptions })}`);

  writeFileSync(join(out, 'node.js'), `// Node entry: the module is compiled synchronously on import; init() is kept for parity.
import { readFileSync } from 'node:fs';
${entry({ name: e.import, api: e.api, imports: webImports('./web/salescore.js'), guardPath: guardPath(out), snippets: snippetsOf(out, join(out, 'web')), options: webOptions,
  setup: "loadSync({ module: readFileSync(new URL('./web/salescore_bg.wasm', import.meta.url)) });" })}`);

  // 2. Inlined: the .wasm inside the script, for hosts that cannot fetch a sibling file. It is
  // deflated first: base64 of the raw .wasm gzips a third worse than the .wasm itself, base64 of
  // deflated bytes about as well, and the script is less than half the size to parse. It is
  // inflated by the host's own zlib where there is one: Node's (process.getBuiltinModule, both
  // init and initSync), the browser's DecompressionStream (init). Elsewhere, and for initSync in a
  // browser, by fflate (a few KB), which cold took 55-60 ms of the form entry's 85-105 ms start in
  // Node, where Node's zlib takes 4. The three give the same bytes (a test inflates each way).
  // Deflated by zopfli (npm @gfx/zopfli, 15 iterations: a few seconds per entry, at build time
  // only): standard deflate that every inflater reads, 5% smaller than zlib's level 9 (the form
  // entry's .wasm 345.6 KB against 364.5), which the one-file builds' gzip keeps.
  const packed = Buffer.from(await deflateAsync(wasmBytes, { numiterations: 15 }));
  writeFileSync(join(work, 'wasm-base64.js'), `export default ${JSON.stringify(packed.toString('base64'))};\n`);
  const webGlue = rel(work, join(out, 'web', 'salescore.js'));
  writeFileSync(join(work, 'inline.js'), entry({
    name: e.import,
    api: e.api,
    imports: `import * as glue from '${webGlue}';
import initWeb, { initSync as initSyncWeb, __salescore_restart, __salescore_ready } from '${webGlue}';
import { inflateSync } from 'fflate';
import base64 from './wasm-base64.js';`,
    guardPath: guardPath(work),
    snippets: snippetsOf(work, join(out, 'web')),
    setup: `const SIZE = ${wasmBytes.length};
function packed() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
/** Node's zlib, where the host is Node (20.16 and later): native, and synchronous. */
const zlib = (() => {
  try {
    return typeof process === 'object' && typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:zlib') : null;
  } catch {
    return null;
  }
})();
/** The inflated bytes, checked for their length (a short read is no module). */
const whole = (bytes) => (bytes && bytes.length === SIZE ? bytes : null);
function bytes(deflated = packed()) {
  return (zlib && whole(zlib.inflateRawSync(deflated))) || inflateSync(deflated, { out: new Uint8Array(SIZE) });
}
/** The browser's DecompressionStream where there is one: else bytes(). The bytes are written
 *  into the stream and its chunks read into one buffer of the known size (through a Blob's
 *  stream and a Response, the same took two to four times as long in Chromium). */
async function bytesAsync() {
  const deflated = packed();
  if (typeof DecompressionStream === 'function') {
    let reader;
    try {
      const stream = new DecompressionStream('deflate-raw');
      const writer = stream.writable.getWriter();
      // Their failures are the reader's too (caught below).
      writer.write(deflated).catch(() => {});
      writer.close().catch(() => {});
      reader = stream.readable.getReader();
      const out = new Uint8Array(SIZE);
      let at = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.length > SIZE - at) throw new RangeError('longer than the module');
        out.set(value, at);
        at += value.length;
      }
      if (at === SIZE) return out;
    } catch {
      // A host whose streams refuse (an old engine), or bytes that are not the module: inflated
      // in JS below.
      reader?.cancel().catch(() => {});
    }
  }
  return bytes(deflated);
}
/** Compiles and instantiates the inlined module (asynchronously); initSync() does it synchronously
 *  (old WebViews limit synchronous compiles to 4 KB). */
const load = async () => {
  // In Node the glue's asynchronous path would touch the global Response, whose first use loads
  // Node's fetch (20-30 ms): the module is compiled asynchronously here and handed to initSync.
  if (zlib) return initSyncWeb({ module: await WebAssembly.compile(bytes()) });
  return initWeb({ module_or_path: await bytesAsync() });
};
const loadSync = () => initSyncWeb({ module: bytes() });`,
    options: 'glue, restart: __salescore_restart, ready: __salescore_ready, load, loadSync',
  }));
  // CommonJS for Node: the web glue bundled, its .wasm read from the package folder (as the ESM
  // Node entry does), not a second inlined copy.
  writeFileSync(join(work, 'node-cjs.js'), entry({ name: e.import, api: e.api, imports: webImports(webGlue), guardPath: guardPath(work),
    snippets: snippetsOf(work, join(out, 'web')), options: webOptions,
    setup: `const wasmPath = require('node:path').join(__dirname, 'web', 'salescore_bg.wasm');
let wasmBytes;
try {
  wasmBytes = require('node:fs').readFileSync(wasmPath);
} catch (e) {
  // Bundled into one file (a serverless function), the package folder is not there any more.
  const messages = { en: \`the engine's .wasm could not be read (\${wasmPath}: \${e.code || e.message})\`, 'zh-CN': \`无法读取引擎的 .wasm 文件（\${wasmPath}：\${e.code || e.message}）\` };
  throw new SalesScoreError({ code: 'WASM_NOT_FOUND', path: '', origin: 'engine', locale: 'en', message: messages.en, messages,
    hint: 'bundled into one file, the package folder is gone: require ${e.import}/inline instead (the .wasm inside), or keep the package out of the bundle', detail: { found: wasmPath } });
}
loadSync({ module: wasmBytes });` }));

  // 3. No-WASM: the MVP build translated by wasm2js, wired to the bundler-target glue.
  const mvp = at('build', e.name, 'mvp');
  patchForWasm2js(join(mvp, 'salescore_bg.js'));
  patchWasm2js(join(mvp, 'salescore_bg.wasm.js'));
  writeFileSync(join(work, 'nowasm.js'), entry({
    name: e.import,
    api: e.api,
    imports: `import * as wasm from '${rel(work, join(mvp, 'salescore_bg.wasm.js'))}';
import * as glue from '${rel(work, join(mvp, 'salescore_bg.js'))}';
import { __wbg_set_wasm } from '${rel(work, join(mvp, 'salescore_bg.js'))}';`,
    guardPath: guardPath(work),
    snippets: snippetsOf(work, mvp),
    // Every instance (the first, and the fresh one after a trap) is handed to the glue and its
    // start function run, as the web glue does.
    setup: `/** Makes \`instance\` the glue's and runs its start function. */
const useInstance = (instance) => { __wbg_set_wasm(instance); instance.__wbindgen_start(); };
useInstance(wasm);
/** Nothing to load: kept so code written for the other builds runs unchanged. */
const load = async () => {};
const loadSync = () => {};`,
    options: 'glue, restart: () => useInstance(wasm.__instantiate()), ready: () => true, load, loadSync, wasm: false',
  }));

  const bundles = [
    { entry: 'inline.js', out: 'inline.js', format: 'esm' },
    { entry: 'inline.js', out: `${e.file}.iife.js`, format: 'iife', globalName: e.global },
    { entry: 'node-cjs.js', out: 'node.cjs', format: 'cjs', platform: 'node' },
    { entry: 'nowasm.js', out: 'nowasm.js', format: 'esm' },
    { entry: 'nowasm.js', out: `${e.file}.nowasm.iife.js`, format: 'iife', globalName: e.global },
  ];
  for (const b of bundles) {
    await build({ ...common, entryPoints: [join(work, b.entry)], outfile: join(out, b.out), format: b.format,
      globalName: b.globalName, platform: b.platform ?? 'neutral' });
  }

  writeAuto(out, e);
  // The builds that carry their engine (inlined, no-WASM) start without an argument.
  writeFileSync(join(out, 'standalone.d.ts'), `export * from './salescore.js';
export { default } from './salescore.js';
import type { InitOutput, SyncInitInput } from './salescore.js';
/** Starts the engine synchronously; it is inside the script, so nothing needs to be given. */
export function initSync(module?: { module: SyncInitInput } | SyncInitInput): InitOutput;
`);

  // Types: `options` is optional in every call (wasm-bindgen types a typed optional parameter
  // as required).
  // A comparison's view is optional too (everything, by default), in `Compare` and `compare`.
  // A plan's evaluate and evaluateMany with `detail: 'totals'` return the totals alone: an
  // overload before the general signature, so that the type follows the option.
  const dts = overload(readFileSync(at('build', e.name, 'web', 'salescore.d.ts'), 'utf8').replace(/options: (Options|CompareOptions)\)/g, 'options?: $1)')
    .replace('comparison(view: View,', 'comparison(view?: View,')
    .replace('records: Record<string, unknown>[], view: View,', 'records: Record<string, unknown>[], view?: View,'), e);
  writeFileSync(join(out, 'salescore.d.ts'), dts.replace(
    'export default function __wbg_init',
    'export function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;\nexport default function __wbg_init'));
}

// What \`import wasm from '<entry>/wasm'\` gives a bundler's file loader: the URL of the .wasm.
writeFileSync(join(pkg, 'wasm.d.ts'), `/** The URL of the entry's .wasm, as a bundler's file loader gives it (for init({ module_or_path })). */
declare const url: string;
export default url;
`);

// 4. Schemas, manifest, docs.
for (const name of ['plan', 'decompose', 'pace']) cpSync(at('build', `${name}.schema.json`), join(pkg, `${name}.schema.json`));
for (const name of ['LICENSE-MIT', 'LICENSE-APACHE']) cpSync(at(name), join(pkg, name));
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(at('Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(at('pkg-template', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
// The package README says what each import costs, measured on the files just built.
const sizes = measure(pkg).map((r) => `| \`${r.import}\` | ${r.what} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
const readme = readFileSync(at('pkg-template', 'README.md'), 'utf8');
if (!readme.includes('<!-- sizes -->')) throw new Error('pkg-template/README.md: no <!-- sizes --> placeholder');
writeFileSync(join(pkg, 'README.md'), readme.replace('<!-- sizes -->',
  `| import | what | raw | gzip | brotli |\n|---|---|---|---|---|\n${sizes.join('\n')}`));

// 5. The command line (`npx salescore`, the manifest's `bin`): scripts/cli/ bundled with
// papaparse into one file, so the package keeps no dependencies; it imports the package's own
// Node build of salescore/admin (./admin/node.js: the team batch and the plan's document are
// there, built for speed), not a copy of the engine.
await build({
  entryPoints: [at('scripts', 'cli', 'main.mjs')], outfile: join(pkg, 'cli.mjs'), bundle: true, format: 'esm',
  platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning',
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cliRequire } from 'node:module';\nconst require = __cliRequire(import.meta.url);" },
  plugins: [{ name: 'self', setup: (b) => b.onResolve({ filter: /^salescore\/admin$/ }, () => ({ path: './admin/node.js', external: true })) }],
});

console.log(`pkg/ assembled (salescore ${version})`);
