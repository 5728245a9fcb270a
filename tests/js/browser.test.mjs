// The same suite in headless Chromium over the three entries (salescore, salescore/targets,
// salescore/admin) in each flavour: web (ESM + .wasm), inlined ESM, IIFE and no-WASM, and a page
// whose Content Security Policy forbids WebAssembly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser } from './browser.mjs';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

function report(summary) {
  return summary.failures.map((f) => `${f.name}\n    got:  ${JSON.stringify(f.got)}\n    want: ${JSON.stringify(f.want)}`).join('\n');
}

const outputs = {};
for (const build of ['web', 'inline', 'iife', 'nowasm', 'nowasm-iife']) {
  test(`browser suite passes: ${build}`, async () => {
    const result = await browser.run(`/tests/js/pages/runner.html?build=${build}`);
    assert.equal(result.loadError, undefined);
    assert.equal(result.wasmAllowed, true);
    assert.ok(result.summary.count > 500);
    assert.equal(result.summary.failures.length, 0, report(result.summary));
    outputs[build] = result.summary.outputs;
  });
}

test('browser flavours give identical outputs, entry by entry', () => {
  const [first, ...rest] = Object.keys(outputs);
  assert.equal(rest.length, 4);
  for (const other of rest) assert.deepEqual(outputs[other], outputs[first], `${other} differs from ${first}`);
});

const strict = { csp: "default-src 'self'; script-src 'self'" };

test("CSP without 'wasm-unsafe-eval': WebAssembly is blocked and the no-WASM build still passes", async () => {
  const result = await browser.run('/tests/js/pages/runner.html?build=nowasm-iife', strict);
  assert.match(String(result.wasmAllowed), /CompileError/);
  assert.equal(result.loadError, undefined);
  assert.equal(result.summary.failures.length, 0, report(result.summary));
});

test("CSP without 'wasm-unsafe-eval': the inlined WASM build fails to start (why the fallback exists)", async () => {
  const result = await browser.run('/tests/js/pages/runner.html?build=iife', strict);
  assert.match(result.loadError, /CompileError|WebAssembly/);
});

test("CSP with 'wasm-unsafe-eval': the inlined WASM build runs", async () => {
  const result = await browser.run('/tests/js/pages/runner.html?build=iife', { csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" });
  assert.equal(result.loadError, undefined);
  assert.equal(result.summary.failures.length, 0, report(result.summary));
});
