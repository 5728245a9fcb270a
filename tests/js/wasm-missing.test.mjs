// Where WebAssembly is missing or blocked, and before init(): errors that name the fix.
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

/** Runs `body` (a module script) on a fresh page; returns what it assigned to `window.out` and
 *  the URLs the page requested. */
async function run(body, options = {}) {
  const page = '/wasm-missing.html';
  const html = `<!doctype html><meta charset="utf-8"><script type="module">${body}</script>`;
  const { page: p, context } = await browser.page({ ...options, virtual: { [page]: html } });
  const requested = [];
  p.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await p.goto(`${browser.origin}${page}`);
  await p.waitForFunction(() => 'out' in window);
  const out = await p.evaluate(() => window.out);
  await context.close();
  return { out, requested };
}

const describe = `const describe = (e) => e && e.code ? [e.code, e.origin, e.name, e.hint] : ['not coded', String(e)];`;

// Each entry of the package is its own WebAssembly module: salescore, salescore/targets, salescore/admin.
const DIRS = ['/pkg/', '/pkg/targets/', '/pkg/admin/'];

for (const dir of DIRS) {
  test(`WebAssembly removed: init() of ${dir}index.js throws WASM_UNAVAILABLE naming the auto and no-WASM builds, and fetches no .wasm`, async () => {
    const { out, requested } = await run(`${describe}
      delete globalThis.WebAssembly;
      const m = await import('${dir}index.js');
      window.out = await m.init().then(() => 'started', describe);`);
    assert.equal(out[0], 'WASM_UNAVAILABLE');
    assert.equal(out[1], 'engine');
    assert.equal(out[2], 'SalesScoreError');
    assert.match(out[3], /salescore\/(?:\w+\/)?nowasm/);
    assert.match(out[3], /salescore\/(?:\w+\/)?auto（会自动退回/, "the hint (in the default locale, zh-CN) names the auto entry first");
    assert.deepEqual(requested.filter((p) => p.endsWith('.wasm')), []);
  });

  test(`the inlined build without WebAssembly (${dir}inline.js): the same error from init() and initSync()`, async () => {
    const { out } = await run(`${describe}
      delete globalThis.WebAssembly;
      const m = await import('${dir}inline.js');
      let sync;
      try { m.initSync(); sync = 'started'; } catch (e) { sync = describe(e)[0]; }
      window.out = [await m.init().then(() => 'started', (e) => describe(e)[0]), sync];`);
    assert.deepEqual(out, ['WASM_UNAVAILABLE', 'WASM_UNAVAILABLE']);
  });
}

test("a CSP without 'wasm-unsafe-eval': init() throws WASM_UNAVAILABLE with the CompileError in it", async () => {
  const { out } = await run(`${describe}
    const m = await import('/pkg/index.js');
    window.out = await m.init().then(() => 'started', (e) => [...describe(e), e.detail?.found]);`,
  { csp: "default-src 'self'; script-src 'self' 'unsafe-inline'" });
  assert.equal(out[0], 'WASM_UNAVAILABLE');
  assert.match(out[4], /CompileError/);
});

test('a call before init() has finished: NOT_INITIALIZED with the fix in the hint; after it, the call works', async () => {
  const { out } = await run(`${describe}
    const m = await import('/pkg/index.js');
    const early = (() => { try { return m.Formula.compile('1 + 1'); } catch (e) { return describe(e); } })();
    await m.init();
    window.out = [early, m.Formula.compile('1 + 1').evaluate({})];`);
  assert.deepEqual(out[0].slice(0, 3), ['NOT_INITIALIZED', 'engine', 'SalesScoreError']);
  assert.match(out[0][3], /await init\(\)/);
  assert.equal(out[1], 2);
});

test('a call to salescore/targets before its init() has finished: NOT_INITIALIZED, though salescore is started', async () => {
  const { out } = await run(`${describe}
    const form = await import('/pkg/index.js');
    const targets = await import('/pkg/targets/index.js');
    await form.init();
    const early = (() => { try { return targets.pace('{}'); } catch (e) { return describe(e); } })();
    await targets.init();
    window.out = [early, form.Formula.compile('1 + 1').evaluate({}), typeof targets.pace];`);
  assert.deepEqual(out[0].slice(0, 3), ['NOT_INITIALIZED', 'engine', 'SalesScoreError']);
  assert.equal(out[1], 2);
});

test('the no-WASM builds run with WebAssembly removed', async () => {
  const { out } = await run(`delete globalThis.WebAssembly;
    const m = await import('/pkg/nowasm.js');
    const targets = await import('/pkg/targets/nowasm.js');
    const admin = await import('/pkg/admin/nowasm.js');
    await Promise.all([m.init(), targets.init(), admin.init()]);
    const spec = { total: 1000, unit: 1, period: { start: '2025-01-01', end: '2025-03-31' }, nodes: [{ id: 'all' }, { id: 'a', parent: 'all' }, { id: 'b', parent: 'all' }] };
    window.out = [m.Formula.compile('ROUND(回款额 * 0.035, 2)').evaluate({ 回款额: 98765 }), targets.decompose(spec, { numbers: 'string' }).nodes.map((n) => n.amount),
      admin.Plan.compile({ fields: [{ id: 'x', type: 'money' }] }).diagnostics().map((d) => d.code)];`);
  assert.deepEqual(out, [3456.78, ['1000', '500', '500'], ['FIELD_UNUSED']]);
});
