// No leaks: many calls, failing calls, and plans compiled then released (by free() or by the
// garbage collector) leave the WebAssembly memory where it was after a warm-up.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadEntry } from './run-build.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const plan = JSON.parse(readFileSync('samples/team/plan.json', 'utf8'));
const reps = JSON.parse(readFileSync('samples/team/reps.json', 'utf8'));

async function collect() {
  for (let i = 0; i < 2; i++) {
    gc();
    // Finalizers run in later turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

test('100,000 calls and 10,000 plans compiled then dropped do not grow memory (pkg/node.js)', async () => {
  const api = await loadEntry('pkg/node.js');
  const memory = () => api.initSync().memory.buffer.byteLength;
  const compiled = api.Plan.compile(plan);
  const formula = api.Formula.compile('回款额 * 0.05');
  const bad = { ...reps[0], 回款额: 'abc' };
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      compiled.evaluate(reps[i % reps.length]);
      formula.evaluate({ 回款额: i });
      try {
        compiled.evaluate(bad);
      } catch (e) {
        assert.equal(e.code, 'INVALID_VALUE');
      }
    }
  };
  // Plans come and go as an admin edits: in turns of the event loop, since the garbage
  // collector's finalizers (which release what free() was not called for) run between turns,
  // and WebAssembly memory, once grown, stays grown.
  const plans = async (n) => {
    for (let i = 0; i < n; i++) {
      const p = api.Plan.compile(plan);
      p.evaluate(reps[i % reps.length]);
      if (i % 2 === 0) p.free(); // the other half is left to the garbage collector
      if (i % 100 === 99) await collect();
    }
    await collect();
  };
  round(5000);
  await plans(500);
  const before = memory();
  round(100000 / 3);
  await plans(10000);
  const batch = compiled.evaluateMany(reps.slice(0, 24));
  assert.equal(batch.results.length, 24);
  const after = memory();
  assert.ok(after - before <= 1 << 20, `memory grew from ${before} to ${after} bytes`);
});

test('salescore/targets and salescore/admin: 3,000 pacings and decompositions, 500 compare sessions and diagnosed plans freed do not grow memory', async () => {
  const targets = await loadEntry('pkg/targets/node.js');
  const admin = await loadEntry('pkg/admin/node.js');
  const memory = (entry) => entry.initSync().memory.buffer.byteLength;
  const paceSpec = readFileSync('samples/targets/pace.json', 'utf8');
  const decomposeSpec = JSON.parse(readFileSync('samples/targets/decompose.json', 'utf8'));
  const team = reps.filter((r) => r.月份 === 6);
  const draft = structuredClone(plan);
  draft.currency = 'USD';
  const calls = (n) => {
    for (let i = 0; i < n; i++) {
      targets.pace(paceSpec, { explain: i % 2 === 0 });
      targets.decompose(decomposeSpec, { explain: i % 3 === 0, numbers: 'string' });
      try {
        targets.pace('{');
      } catch (e) {
        assert.equal(e.code, 'INVALID_PLAN');
      }
    }
  };
  // Sessions are freed here: one left to the garbage collector (some 100 KB for 24 reps) lives
  // until its finalizer runs, and the WebAssembly memory's high-water mark then depends on when
  // that is.
  const sessions = async (n) => {
    for (let i = 0; i < n; i++) {
      const s = admin.Compare.open(plan, team);
      s.setDraft(draft);
      s.comparison();
      s.free();
      const p = admin.Plan.compile(plan);
      p.diagnostics();
      p.free();
    }
    await collect();
  };
  calls(500);
  const targetsBefore = memory(targets);
  calls(3000);
  assert.ok(memory(targets) - targetsBefore <= 1 << 20, `salescore/targets: memory grew from ${targetsBefore} to ${memory(targets)} bytes`);

  await sessions(100);
  const adminBefore = memory(admin);
  await sessions(500);
  assert.ok(memory(admin) - adminBefore <= 1 << 20, `salescore/admin, freed: memory grew from ${adminBefore} to ${memory(admin)} bytes`);
});

test('the same in Chromium (the inlined build): memory stays where it was after a warm-up', async () => {
  const { openBrowser } = await import('./browser.mjs');
  const browser = await openBrowser();
  try {
    const page = '/leaks.html';
    const html = `<!doctype html><meta charset="utf-8"><script type="module">
      import * as api from '/pkg/inline.js';
      const [plan, reps] = await Promise.all(['/samples/team/plan.json', '/samples/team/reps.json'].map((u) => fetch(u).then((r) => r.json())));
      const wasm = await api.init();
      const compiled = api.Plan.compile(plan);
      const formula = api.Formula.compile('回款额 * 0.05');
      const bad = { ...reps[0], 回款额: 'abc' };
      window.memory = () => wasm.memory.buffer.byteLength;
      window.calls = (n) => {
        for (let i = 0; i < n; i++) {
          compiled.evaluate(reps[i % reps.length]);
          formula.evaluate({ 回款额: i });
          try { compiled.evaluate(bad); } catch (e) { if (e.code !== 'INVALID_VALUE') throw e; }
        }
        return compiled.evaluateMany(reps.slice(0, 24)).results.length;
      };
      window.plans = (n) => {
        for (let i = 0; i < n; i++) {
          const p = api.Plan.compile(plan);
          p.evaluate(reps[i % reps.length]);
          if (i % 2 === 0) p.free();
        }
      };
      window.ready = true;
    </script>`;
    const { page: p, context, errors } = await browser.page({ virtual: { [page]: html } });
    await p.goto(`${browser.origin}${page}`);
    await p.waitForFunction(() => window.ready === true);
    const cdp = await context.newCDPSession(p);
    const plans = async (n) => {
      for (let done = 0; done < n; done += 100) {
        await p.evaluate(() => window.plans(100));
        // Between turns, as a page's edits come: the collector's finalizers free what free() did not.
        await cdp.send('HeapProfiler.collectGarbage');
        await p.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      }
    };
    await p.evaluate(() => window.calls(5000));
    await plans(500);
    const before = await p.evaluate(() => window.memory());
    for (let i = 0; i < 10; i++) assert.equal(await p.evaluate(() => window.calls(100000 / 30)), 24);
    await plans(10000);
    const after = await p.evaluate(() => window.memory());
    await context.close();
    assert.deepEqual(errors, []);
    assert.ok(after - before <= 1 << 20, `memory grew from ${before} to ${after} bytes`);
  } finally {
    await browser.close();
  }
});
