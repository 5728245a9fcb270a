// The package where the host is hostile, in headless Chromium: inside dedicated Web Workers
// (module and classic, as Appsmith runs libraries) and inside sandboxed iframes with an opaque
// origin (`sandbox="allow-scripts"`, `srcdoc`, no same-origin). In each, the same probe compiles
// the sample team plan, evaluates a rep, then feeds the engine a getter that throws, a getter
// that calls the engine back, and a bad batch, and evaluates the rep again on the same handle.
// Everything the probe returns must equal what pkg/node.js gives for the same probe in Node. The
// three entries (salescore, salescore/targets, salescore/admin) are also loaded side by side in a
// worker: one SalesScoreError class across them, each answering as in Node.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import * as node from '../../pkg/node.js';
import * as nodeAdmin from '../../pkg/admin/node.js';
import * as nodeTargets from '../../pkg/targets/node.js';
import { openBrowser } from './browser.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const planDoc = JSON.parse(await readFile(join(ROOT, 'samples/team/plan.json'), 'utf8'));
const reps = JSON.parse(await readFile(join(ROOT, 'samples/team/reps.json'), 'utf8'));
// A rep in the middle of the half-year, with orders: metrics, a scorecard and an incentive
// statement are all non-trivial.
const PICK = { 工号: 'E1005', 月份: 4 };
const rep = reps.find((r) => r.工号 === PICK.工号 && r.月份 === PICK.月份);

/**
 * Runs in every host on one build's namespace `S` (an ESM namespace or the `SalesScore` global).
 * It is sent to the browser as source text, so it uses nothing from outside itself. The answer
 * goes through JSON so that every host hands back the same plain data.
 */
function probe(S, planDoc, record) {
  const caught = (call) => {
    try {
      call();
      return { threw: false };
    } catch (e) {
      return {
        threw: true, salesScoreError: e instanceof S.SalesScoreError, name: e?.name,
        code: e?.code, path: e?.path, origin: e?.origin, en: e?.messages?.en,
      };
    }
  };
  // The record as a form hands it over, with 回款额 behind a getter.
  const withGetter = (get) => Object.defineProperty({ ...record }, '回款额', { get, enumerable: true });

  const plan = S.Plan.compile(planDoc);
  const first = plan.evaluate(record);
  const explained = plan.evaluate(record, { explain: true, locale: 'en', numbers: 'string' });

  const throwingGetter = caught(() => plan.evaluate(withGetter(() => {
    throw new Error('form not ready');
  })));

  // The getter calls the engine back (the same handle, then a free function) and lets the
  // inner error escape: the inner call is refused, the outer call reports the field.
  const inner = [];
  const callsBack = (call) => () => {
    try {
      call();
    } catch (e) {
      inner.push(caught(() => {
        throw e;
      }));
      throw e;
    }
    return record.回款额;
  };
  const reentrantPlan = caught(() => plan.evaluate(withGetter(callsBack(() => plan.evaluate(record)))));
  const reentrantFormula = caught(() => plan.evaluate(withGetter(callsBack(() => S.evaluateFormula('1 + 1', {})))));

  // A getter that calls back but swallows the refusal and returns the value: the outer call
  // goes on with that value.
  const swallowed = [];
  const tolerated = plan.evaluate(withGetter(() => {
    try {
      plan.evaluate(record);
    } catch (e) {
      swallowed.push(e.code);
    }
    return record.回款额;
  }));

  const badBatch = caught(() => plan.evaluateMany('abc'));
  const again = plan.evaluate(record);
  const fresh = S.Plan.compile(planDoc).evaluate(record);

  return JSON.parse(JSON.stringify({
    version: S.version(),
    first, explained, throwingGetter, reentrantPlan, reentrantFormula, inner, swallowed, tolerated,
    badBatch, again, fresh,
  }));
}

const expected = probe(node, planDoc, rep);

const paceSpec = JSON.parse(await readFile(join(ROOT, 'samples/targets/pace.json'), 'utf8'));

/**
 * The three entries side by side in one host (`F`, `T`, `A`: salescore, salescore/targets,
 * salescore/admin): each answers from its own instance, and an error thrown by any of them is an
 * instance of the one SalesScoreError every entry exports. Sent as source text, like `probe`.
 */
function entriesProbe(F, T, A, planDoc, record, paceSpec) {
  const thrown = (call) => {
    try {
      call();
    } catch (e) {
      return e;
    }
    return null;
  };
  const errors = [thrown(() => F.Formula.compile('1 +')), thrown(() => T.pace('{')), thrown(() => A.Compare.open(planDoc, 'abc'))];
  const plan = A.Plan.compile(planDoc);
  const session = A.Compare.open(planDoc, [record]);
  session.setDraft(planDoc);
  return JSON.parse(JSON.stringify({
    versions: [F.version(), T.version(), A.version()],
    exports: [F, T, A].map((m) => Object.keys(m).filter((k) => k !== 'default').sort()),
    codes: errors.map((e) => e?.code),
    instances: errors.map((e) => [F, T, A].map((m) => e instanceof m.SalesScoreError)),
    oneClass: F.SalesScoreError === T.SalesScoreError && T.SalesScoreError === A.SalesScoreError,
    evaluated: [F.Plan.compile(planDoc).evaluate(record, { numbers: 'string' }), plan.evaluate(record, { numbers: 'string' })],
    diagnostics: plan.diagnostics({ locale: 'en' }).map((d) => d.code),
    formHasDiagnostics: 'diagnostics' in F.Plan.compile(planDoc),
    cost: session.comparison(undefined, { numbers: 'string' }).cost,
    paced: T.pace(paceSpec, { numbers: 'string' }).team,
  }));
}

const expectedEntries = entriesProbe(node, nodeTargets, nodeAdmin, planDoc, rep, paceSpec);

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

const REENTRANT_EN = 'the engine was called from inside another call to it (a getter or Proxy of the input called it back)';

/** Checks a probe's answer from a browser host against the Node answer, field by field. */
function assertProbe(got) {
  assert.equal(got.loadError, undefined, got.loadError);

  // The values themselves, equal to what the same build gives in Node.
  assert.equal(typeof expected.first.score.total, 'number');
  assert.match(expected.first.score.grade, /^[A-Z]$/);
  assert.ok(expected.first.incentive.statement.total > 0);
  assert.equal(got.version, expected.version);
  assert.equal(got.first.score.total, expected.first.score.total);
  assert.equal(got.first.score.grade, expected.first.score.grade);
  assert.equal(got.first.incentive.statement.total, expected.first.incentive.statement.total);
  assert.deepEqual(got.first.metrics, expected.first.metrics);
  assert.deepEqual(got.first, expected.first);
  assert.deepEqual(got.explained, expected.explained);

  // A getter that throws: READ_FAILED at the field.
  assert.deepEqual(got.throwingGetter, {
    threw: true, salesScoreError: true, name: 'SalesScoreError', code: 'READ_FAILED', path: '/回款额',
    origin: 'record', en: 'reading 回款额 threw: Error: form not ready',
  });

  // A getter that calls the engine back: the inner call REENTRANT_CALL, the outer READ_FAILED.
  for (const outer of [got.reentrantPlan, got.reentrantFormula]) {
    assert.equal(outer.salesScoreError, true);
    assert.equal(outer.code, 'READ_FAILED');
    assert.equal(outer.path, '/回款额');
    assert.match(outer.en, /^reading 回款额 threw: SalesScoreError: /);
  }
  assert.equal(got.inner.length, 2);
  for (const inner of got.inner) {
    assert.deepEqual(inner, {
      threw: true, salesScoreError: true, name: 'SalesScoreError', code: 'REENTRANT_CALL', path: '',
      origin: 'engine', en: REENTRANT_EN,
    });
  }
  assert.deepEqual(got.swallowed, ['REENTRANT_CALL']);
  assert.deepEqual(got.tolerated, expected.first);

  // A bad batch argument.
  assert.equal(got.badBatch.salesScoreError, true);
  assert.equal(got.badBatch.code, 'INVALID_VALUE');
  assert.equal(got.badBatch.path, '');

  // After all that, the same handle (and a new one) gives the same result as before.
  assert.deepEqual(got.again, got.first);
  assert.deepEqual(got.fresh, got.first);

  // And the errors read the same as in Node.
  assert.deepEqual(got, expected);
}

// ---------------------------------------------------------------------------------------------
// Dedicated Web Workers

const PROBE = `const probe = ${probe};`;

// Every worker answers `{ ready }` once the engine is loaded (or `{ loadError }`), then one
// request `{ plan, record }` or `{ pick }` (the worker fetches the sample itself) with the probe.
const workers = {
  // The inlined ESM build in a module worker; it fetches the sample plan and reps itself.
  '/hosts/inline.worker.mjs': `
import * as S from '/pkg/inline.js';
${PROBE}
try {
  await S.init();
  const [plan, reps] = await Promise.all(['/samples/team/plan.json', '/samples/team/reps.json'].map((u) => fetch(u).then((r) => r.json())));
  onmessage = ({ data: { pick } }) => {
    const record = reps.find((r) => r.工号 === pick.工号 && r.月份 === pick.月份);
    postMessage(probe(S, plan, record));
  };
  postMessage({ ready: true, wasm: typeof WebAssembly });
} catch (e) {
  postMessage({ loadError: String(e) });
}`,
  // The ESM + .wasm build in a module worker: init() fetches the .wasm next to the module.
  '/hosts/web.worker.mjs': `
import init, * as S from '/pkg/index.js';
${PROBE}
try {
  await init();
  onmessage = ({ data: { plan, record } }) => postMessage(probe(S, plan, record));
  postMessage({ ready: true, wasm: typeof WebAssembly });
} catch (e) {
  postMessage({ loadError: String(e) });
}`,
  // The three entries' inlined ESM builds in one module worker.
  '/hosts/entries.worker.mjs': `
import * as F from '/pkg/inline.js';
import * as T from '/pkg/targets/inline.js';
import * as A from '/pkg/admin/inline.js';
const entriesProbe = ${entriesProbe};
try {
  await Promise.all([F.init(), T.init(), A.init()]);
  onmessage = ({ data: { plan, record, paceSpec } }) => postMessage(entriesProbe(F, T, A, plan, record, paceSpec));
  postMessage({ ready: true, wasm: typeof WebAssembly });
} catch (e) {
  postMessage({ loadError: String(e) });
}`,
  // The three entries' IIFEs in one classic worker (globals SalesScore, SalesScoreTargets,
  // SalesScoreAdmin), the no-WASM ones with WebAssembly removed.
  '/hosts/entries.worker.js': classicEntriesWorker(''),
  '/hosts/entries-nowasm.worker.js': classicEntriesWorker('.nowasm', 'delete self.WebAssembly;'),
  // The IIFE in a classic worker, loaded by importScripts.
  '/hosts/iife.worker.js': classicWorker('/pkg/salescore.iife.js'),
  // The no-WASM IIFE in a classic worker with WebAssembly removed from the global scope first.
  '/hosts/nowasm.worker.js': classicWorker('/pkg/salescore.nowasm.iife.js', 'delete self.WebAssembly;'),
};

function classicWorker(script, prelude = '') {
  return `
${prelude}
${PROBE}
try {
  importScripts('${script}');
  SalesScore.init().then(() => {
    onmessage = ({ data: { plan, record } }) => postMessage(probe(SalesScore, plan, record));
    postMessage({ ready: true, wasm: typeof WebAssembly });
  }, (e) => postMessage({ loadError: String(e) }));
} catch (e) {
  postMessage({ loadError: String(e) });
}`;
}

function classicEntriesWorker(flavour, prelude = '') {
  return `
${prelude}
const entriesProbe = ${entriesProbe};
try {
  importScripts('/pkg/salescore${flavour}.iife.js', '/pkg/targets/salescore-targets${flavour}.iife.js', '/pkg/admin/salescore-admin${flavour}.iife.js');
  Promise.all([SalesScore.init(), SalesScoreTargets.init(), SalesScoreAdmin.init()]).then(() => {
    onmessage = ({ data: { plan, record, paceSpec } }) => postMessage(entriesProbe(SalesScore, SalesScoreTargets, SalesScoreAdmin, plan, record, paceSpec));
    postMessage({ ready: true, wasm: typeof WebAssembly });
  }, (e) => postMessage({ loadError: String(e) }));
} catch (e) {
  postMessage({ loadError: String(e) });
}`;
}

const HOST_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>hosts</title></head><body></body></html>';

/** Opens the host page, starts the worker, waits for it to be ready, sends one request. */
async function inWorker(path, request, options = {}) {
  const { page, context, errors } = await browser.page({ ...options, virtual: { '/hosts/index.html': HOST_PAGE, ...workers } });
  try {
    await page.goto(`${browser.origin}/hosts/index.html`);
    const result = await page.evaluate(async ({ path, type, request }) => {
      const worker = new Worker(path, { type });
      const next = () => new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          resolve({ loadError: `worker error: ${e.message}` });
        };
      });
      const ready = await next();
      if (!ready.ready) return ready;
      worker.postMessage(request);
      const probed = await next();
      worker.terminate();
      return { ready, probed };
    }, { path, type: path.endsWith('.mjs') ? 'module' : 'classic', request });
    return { result, errors };
  } finally {
    await context.close();
  }
}

test('module worker, inlined ESM (fetches the sample itself): values equal Node, hostile inputs give coded errors', async () => {
  const { result, errors } = await inWorker('/hosts/inline.worker.mjs', { pick: PICK });
  assert.deepEqual(errors, []);
  assert.equal(result.ready?.wasm, 'object');
  assertProbe(result.probed);
});

test('module worker, ESM + .wasm (init() fetches the .wasm): values equal Node, hostile inputs give coded errors', async () => {
  const { result } = await inWorker('/hosts/web.worker.mjs', { plan: planDoc, record: rep });
  assertProbe(result.probed);
});

test('classic worker, importScripts of the IIFE (as Appsmith runs libraries): values equal Node, hostile inputs give coded errors', async () => {
  const { result } = await inWorker('/hosts/iife.worker.js', { plan: planDoc, record: rep });
  assert.equal(result.ready?.wasm, 'object');
  assertProbe(result.probed);
});

test('classic worker, the no-WASM IIFE with WebAssembly deleted from the worker: values equal Node, hostile inputs give coded errors', async () => {
  const { result } = await inWorker('/hosts/nowasm.worker.js', { plan: planDoc, record: rep });
  assert.equal(result.ready?.wasm, 'undefined');
  assertProbe(result.probed);
});

/** Checks the three entries' answer from a browser host against the Node answer. */
function assertEntries(got) {
  assert.equal(got.loadError, undefined, got.loadError);
  assert.deepEqual(expectedEntries.codes, ['UNEXPECTED_END', 'INVALID_PLAN', 'INVALID_VALUE']);
  assert.deepEqual(expectedEntries.instances, [[true, true, true], [true, true, true], [true, true, true]]);
  assert.equal(expectedEntries.oneClass, true);
  assert.equal(expectedEntries.formHasDiagnostics, false);
  assert.deepEqual(expectedEntries.evaluated[0], expectedEntries.evaluated[1]);
  assert.deepEqual(got, expectedEntries);
}

for (const [path, wasm] of [['/hosts/entries.worker.mjs', 'object'], ['/hosts/entries.worker.js', 'object'], ['/hosts/entries-nowasm.worker.js', 'undefined']]) {
  test(`the three entries in one ${path.endsWith('.mjs') ? 'module worker (inlined ESM)' : `classic worker (${wasm === 'object' ? 'IIFEs' : 'no-WASM IIFEs, WebAssembly deleted'})`}: one SalesScoreError, values equal Node`, async () => {
    const { result, errors } = await inWorker(path, { plan: planDoc, record: rep, paceSpec });
    assert.deepEqual(errors, []);
    assert.equal(result.ready?.wasm, wasm, result.loadError);
    assertEntries(result.probed);
  });
}

// A worker's Content Security Policy is the one its own script is served with.
const strictWorker = { csp: "default-src 'self'; script-src 'self'" };

test("worker served with a CSP without 'wasm-unsafe-eval': the inlined WASM IIFE fails to start", async () => {
  const { result } = await inWorker('/hosts/iife.worker.js', { plan: planDoc, record: rep }, strictWorker);
  assert.match(result.loadError, /CompileError|WebAssembly/);
});

test("worker served with a CSP without 'wasm-unsafe-eval': the no-WASM IIFE works", async () => {
  const { result } = await inWorker('/hosts/nowasm.worker.js', { plan: planDoc, record: rep }, strictWorker);
  assertProbe(result.probed);
});

// ---------------------------------------------------------------------------------------------
// Sandboxed iframes (opaque origin)
//
// Chromium runs a sandboxed iframe in a process of its own, and the requests of that process do
// not reach the browser context's routes, so the iframe's scripts are served here by a plain HTTP
// server on the loopback interface, with the host page too: Chromium refuses requests from a
// page it counts as public (the routed http://salescore.test) to the loopback address.

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

// `/hosts/index.html` is the host page; `/pkg/…` and `/samples/…` are the repository's files;
// under `/cors/` the same files come with `Access-Control-Allow-Origin: *`.
const server = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const cors = url.pathname.startsWith('/cors/');
  const path = normalize(decodeURIComponent(cors ? url.pathname.slice('/cors'.length) : url.pathname));
  const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
  if (cors) headers['access-control-allow-origin'] = '*';
  try {
    if (path === '/hosts/index.html') {
      response.writeHead(200, headers).end(HOST_PAGE);
    } else if (/^\/(pkg|samples)\//.test(path)) {
      const body = await readFile(join(ROOT, path));
      response.writeHead(200, headers).end(body);
    } else {
      response.writeHead(404).end();
    }
  } catch {
    response.writeHead(404).end();
  }
});
let local;
before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  local = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

/**
 * The document of a sandboxed iframe: it loads the engine (`load`, HTML, then `start`), then
 * answers `{ ready, origin }` or `{ loadError }` to its parent, and one request `{ plan, record }`
 * with the probe and what a fetch from the server gave.
 */
function frameDoc(load, start) {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script>
${PROBE}
function fail(e) { parent.postMessage({ loadError: String(e) }, '*'); }
function serve(S) {
  addEventListener('message', async (e) => {
    if (e.source !== parent) return;
    const fetched = await fetch('${local}/samples/team/plan.json').then((r) => 'status ' + r.status, (err) => err.name);
    parent.postMessage({ ...probe(S, e.data.plan, e.data.record), fetched }, '*');
  });
  parent.postMessage({ ready: true, origin: self.origin, wasm: typeof WebAssembly }, '*');
}
</script>
${load}
<script${start.module ? ' type="module"' : ''}>${start.code}</script>
</body></html>`;
}

/** A classic `<script src>` of an IIFE build (absolute URL), then `SalesScore.init()`. */
const iifeFrame = (file) => frameDoc(
  `<script src="${local}/pkg/${file}" onerror="fail('script did not load')"></script>`,
  { code: "if (typeof SalesScore === 'undefined') fail('no SalesScore'); else SalesScore.init().then(() => serve(SalesScore), fail);" },
);

/** A module script importing the inlined ESM build from `base`. */
const moduleFrame = (base) => frameDoc('', {
  module: true,
  code: `import('${base}/pkg/inline.js').then(async (S) => { await S.init(); serve(S); }).catch(fail);`,
});

/** Puts `srcdoc` in `<iframe sandbox="allow-scripts">` on the host page, waits for it to be
 * ready, sends one request and returns the answer. */
async function inFrame(srcdoc, request) {
  const { page, context, errors } = await browser.page();
  try {
    await page.goto(`${local}/hosts/index.html`);
    const result = await page.evaluate(async ({ srcdoc, request }) => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.srcdoc = srcdoc;
      const next = () => new Promise((resolve) => {
        const on = (e) => {
          if (e.source !== frame.contentWindow) return;
          removeEventListener('message', on);
          resolve({ ...e.data, messageOrigin: e.origin });
        };
        addEventListener('message', on);
      });
      const readyAnswer = next();
      document.body.append(frame);
      const ready = await readyAnswer;
      if (!ready.ready) return ready;
      const answer = next();
      frame.contentWindow.postMessage(request, '*');
      const { messageOrigin, fetched, ...probed } = await answer;
      const parentSeesDocument = frame.contentDocument !== null;
      frame.remove();
      return { ready, messageOrigin, fetched, parentSeesDocument, probed };
    }, { srcdoc, request });
    return { result, errors };
  } finally {
    await context.close();
  }
}

/** Checks the frame was an opaque origin, cross-origin to its parent, then the probe. */
function assertOpaque(result) {
  assert.equal(result.loadError, undefined, result.loadError);
  assert.equal(result.ready.origin, 'null');
  assert.equal(result.messageOrigin, 'null');
  assert.equal(result.parentSeesDocument, false);
  assertProbe(result.probed);
}

test('sandboxed iframe (srcdoc, allow-scripts only), IIFE by <script src>: values equal Node, hostile inputs give coded errors', async () => {
  const { result, errors } = await inFrame(iifeFrame('salescore.iife.js'), { plan: planDoc, record: rep });
  assert.deepEqual(errors, []);
  assert.equal(result.ready?.wasm, 'object');
  assertOpaque(result);
  // The opaque origin cannot fetch from a server that sends no CORS headers: the data comes by
  // postMessage.
  assert.equal(result.fetched, 'TypeError');
});

test('sandboxed iframe (srcdoc, allow-scripts only), no-WASM IIFE by <script src>: values equal Node, hostile inputs give coded errors', async () => {
  const { result } = await inFrame(iifeFrame('salescore.nowasm.iife.js'), { plan: planDoc, record: rep });
  assertOpaque(result);
});

test('sandboxed iframe: importing the ESM build from an opaque origin fails when the server sends no CORS headers', async () => {
  const { result } = await inFrame(moduleFrame(local), { plan: planDoc, record: rep });
  assert.match(result.loadError, /^TypeError: Failed to fetch dynamically imported module/);
});

test('sandboxed iframe: the same ESM import works when the server sends Access-Control-Allow-Origin', async () => {
  const { result } = await inFrame(moduleFrame(`${local}/cors`), { plan: planDoc, record: rep });
  assertOpaque(result);
});
