// Runs the code examples of README.md and pkg-template/README.md against the built package.
// A `console.log(...) // → text` line says what the example prints; the printed lines must match
// in order. `// run as: commonjs` and `// run as: browser` (`<!-- run as: browser -->` in HTML)
// pick how a block runs, `// run as: bundler` bundles it with esbuild (`--loader:.wasm=file`) and
// runs the bundle in the browser; other blocks run as Node ES modules importing `salescore`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { openBrowser } from './browser.mjs';

function examples(file) {
  const text = readFileSync(file, 'utf8');
  const blocks = [];
  const re = /^```(js|html)\n([\s\S]*?)^```/gm;
  let m;
  while ((m = re.exec(text))) {
    const code = m[2];
    const line = text.slice(0, m.index).split('\n').length;
    const mode = /run as: commonjs/.test(code) ? 'commonjs' : /run as: browser/.test(code) ? 'browser' : /run as: bundler/.test(code) ? 'bundler' : 'node';
    const expected = [...code.matchAll(/;\s*\/\/ → (.*)$/gm)].map((x) => x[1]);
    blocks.push({ file, line, lang: m[1], code, mode, expected });
  }
  return blocks;
}

const all = [...examples('README.md'), ...examples('pkg-template/README.md')];
let dir;
let browser;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salescore-readme-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(resolve('pkg'), join(dir, 'node_modules', 'salescore'), 'dir');
  if (all.some((b) => b.mode === 'browser' || b.mode === 'bundler')) browser = await openBrowser();
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
  all.forEach((b, i) => b.mode === 'bundler' && rmSync(`build/readme-bundle-${i}`, { recursive: true, force: true }));
});

test('the READMEs have examples with expected output', () => {
  assert.ok(all.length >= 11, `found ${all.length} examples`);
  assert.ok(all.filter((b) => b.expected.length).length >= 10);
});

/** The package's imports in the browser: each entry's ESM + .wasm build, its one-file flavours and auto. */
const IMPORTS = Object.fromEntries(['', 'targets/', 'admin/'].flatMap((dir) => {
  const name = `salescore${dir ? `/${dir.slice(0, -1)}` : ''}`;
  return [[name, `/pkg/${dir}index.js`], [`${name}/inline`, `/pkg/${dir}inline.js`], [`${name}/nowasm`, `/pkg/${dir}nowasm.js`], [`${name}/auto`, `/pkg/${dir}auto.js`]];
}));

/** Bundles the block as a builder would (esbuild, `.wasm` files copied) into build/ (git-ignored,
 *  served by the test browser with the right types) and gives the page that runs the bundle. */
async function bundled(block, i) {
  const out = `build/readme-bundle-${i}`;
  rmSync(out, { recursive: true, force: true });
  const entry = join(dir, `bundle-${i}.mjs`);
  writeFileSync(entry, block.code);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', outdir: out, loader: { '.wasm': 'file' },
    publicPath: `/${out}/`, logLevel: 'error' });
  return `<!doctype html><meta charset="utf-8"><script type="module" src="/${out}/bundle-${i}.js"></script>`;
}

/** The package's files on a CDN, as the host recipes load them: served from pkg/ here, by a
 *  server of its own that sends CORS headers as a CDN does, and serves the recipe's page too
 *  (a sandboxed frame's requests do not go through the test browser's routes, and Chromium
 *  refuses a loopback address to a page it does not see as local). */
const CDN = /https:\/\/unpkg\.com\/salescore@([\w.-]+)\//g;
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
let cdn;
const cdnPages = new Map();
before(async () => {
  cdn = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    if (cdnPages.has(path)) return response.writeHead(200, { 'content-type': 'text/html' }).end(cdnPages.get(path));
    try {
      const body = await readFile(join(resolve('pkg'), path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((ok) => cdn.listen(0, '127.0.0.1', ok));
});
after(() => cdn?.close());

test('the READMEs load the package from the CDN at its own version', () => {
  const version = JSON.parse(readFileSync('pkg/package.json', 'utf8')).version;
  const found = all.flatMap((b) => [...b.code.matchAll(CDN)].map((m) => m[1]));
  assert.ok(found.length >= 4, `CDN URLs in the examples: ${found.length}`);
  assert.deepEqual([...new Set(found)], [version]);
});

async function runInBrowser(block, i) {
  const page = `/readme-${i}.html`;
  const cdnOrigin = `http://127.0.0.1:${cdn.address().port}`;
  const fromCdn = CDN.test(block.code);
  CDN.lastIndex = 0;
  block = { ...block, code: block.code.replace(CDN, `${cdnOrigin}/`) };
  const html = block.mode === 'bundler' ? await bundled(block, i) : block.lang === 'html'
    ? `<!doctype html><meta charset="utf-8">${block.code.replace(/src="(?:[\w./-]*\/)?(salescore(-targets|-admin)?(?:\.nowasm)?\.iife\.js)"/g, (_, file, entry) => `src="/pkg/${entry ? `${entry.slice(1)}/` : ''}${file}"`)}`
    : `<!doctype html><meta charset="utf-8"><script type="importmap">${JSON.stringify({ imports: IMPORTS })}</script><script type="module">${block.code}</script>`;
  if (fromCdn) cdnPages.set(page, html);
  const { page: p, context, errors } = await browser.page({ virtual: { [page]: html } });
  const printed = [];
  p.on('console', (msg) => printed.push(msg.text()));
  await p.goto(`${fromCdn ? cdnOrigin : browser.origin}${page}`);
  await p.waitForFunction((n) => window.__printed >= n || false, block.expected.length, { timeout: 1 }).catch(() => {});
  // Up to a minute for what the example prints (a worker or frame starting the engine on a busy
  // machine takes a while); a wrong or missing line fails the comparison below, not this wait.
  for (let t = 0; t < 1200 && printed.length < block.expected.length && !errors.length; t++) await new Promise((r) => setTimeout(r, 50));
  await context.close();
  assert.deepEqual(errors, []);
  return printed;
}

all.forEach((block, i) => {
  test(`${block.file}:${block.line} (${block.mode})`, async () => {
    let printed;
    if (block.mode === 'browser' || block.mode === 'bundler') {
      printed = await runInBrowser(block, i);
    } else {
      const file = join(dir, `example-${i}.${block.mode === 'commonjs' ? 'cjs' : 'mjs'}`);
      writeFileSync(file, block.code);
      printed = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }).split('\n').filter((l) => l !== '');
    }
    assert.deepEqual(printed, block.expected);
  });
});
