// The benchmark in headless Chromium (tests/js/browser.mjs: Debian's Chromium driven by
// playwright-core, the repository served from disk at http://salescore.test/).
//
// `workloads`: one fresh page per build of the form entry (pkg/index.js: web glue fetching the
// .wasm; pkg/inline.js: the .wasm inlined), with the targets entry of the same flavour for the
// decomposition. The page runs what worker.mjs runs in Node (lib/engine.mjs): the same
// verification against the decimal.js peer's outputs (computed in Node, lib/expected.mjs, fetched
// as JSON), the same fingerprints, then the same workloads timed by lib/measure.mjs. Chromium
// exposes no GC to a page, so there is none between samples.
//
// `startup`: the one-file builds' cold start (import + init), one fresh page per start.
import { openBrowser } from '../../tests/js/browser.mjs';

export const DATA_PATH = '/bench-results/chromium-data.json';
/** The builds timed in Chromium: the form entry, and the targets and admin entries (the team
 *  batch) of the same flavour. */
export const BUILDS = {
  web: { form: '/pkg/index.js', targets: '/pkg/targets/index.js', admin: '/pkg/admin/index.js' },
  inline: { form: '/pkg/inline.js', targets: '/pkg/targets/inline.js', admin: '/pkg/admin/inline.js' },
};

const workloadPage = (build, samples) => `<!doctype html><meta charset="utf-8"><script type="module">
import { gcAvailable, measure } from '/bench/lib/measure.mjs';
import { decomposeWorkloads, fingerprints, verify, workloads } from '/bench/lib/engine.mjs';
try {
  const { d, x } = await (await fetch('${DATA_PATH}')).json();
  const lib = await import('${build.form}');
  await lib.init();
  const targets = await import('${build.targets}');
  await targets.init();
  const admin = await import('${build.admin}');
  await admin.init();
  verify(lib, d, x, admin);
  console.log('verified ' + d.records.length + ' records and ' + d.team.length + ' reps against the decimal.js peer');
  const prints = fingerprints(lib, d, targets, admin);
  const results = {};
  for (const [key, fn] of [...workloads(lib, d, { diag: false, team: admin }), ...decomposeWorkloads(targets, d)]) {
    results[key] = measure(fn, { samples: ${samples} });
    console.log(key + ': ' + (results[key].medianNs / 1000).toFixed(2) + ' µs');
  }
  window.__result = { results, fingerprints: prints, records: d.records.length, samples: ${samples}, gc: gcAvailable };
} catch (e) {
  window.__result = { error: String((e && e.stack) || e) };
}
</script>`;

/** Opens `html` in a fresh page and returns its `window.__result`; a page that has not finished
 *  after `timeoutMs` (or whose browser went away) is an error, never a hang. */
export async function runPage(browser, html, log, timeoutMs = 120_000) {
  const { page, context, errors } = await browser.page({ virtual: { '/bench/page.html': html } });
  if (log) page.on('console', (m) => log(m.text()));
  try {
    await page.goto(`${browser.origin}/bench/page.html`, { timeout: timeoutMs });
    await page.waitForFunction(() => window.__result, null, { timeout: timeoutMs, polling: 200 });
    const result = await page.evaluate(() => window.__result);
    if (errors.length && !result.error) result.error = errors.join('\n');
    return result;
  } finally {
    await context.close();
  }
}

/** Verifies and times every build in BUILDS; { version, builds: { web, inline } }, or throws. */
export async function workloads({ samples, log = () => {} }) {
  const browser = await openBrowser();
  try {
    const out = { version: await browserVersion(browser), builds: {} };
    for (const [name, build] of Object.entries(BUILDS)) {
      log(`chromium ${name}: verifying and timing…`);
      const r = await runPage(browser, workloadPage(build, samples), (m) => log(`  [chromium ${name}] ${m}`), 30 * 60_000);
      if (r.error) throw new Error(`chromium ${name}: ${r.error}`);
      out.builds[name] = r;
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function browserVersion(browser) {
  const r = await runPage(browser, '<script>window.__result = navigator.userAgent.match(/Chrom\\w+\\/([\\d.]+)/)?.[1] ?? "?"</script>');
  return r;
}

/** The page of one cold start: the file's text is fetched first (not timed: the test server's
 *  transport is not a network), then import + init are timed — an ESM file as a blob: module, an
 *  IIFE as an inline classic script. */
const startPage = (f) => `<!doctype html><meta charset="utf-8"><script type="module">
try {
  const text = await (await fetch('${f.url}')).text();
  let lib;
  const t0 = performance.now();
  if (${f.iife}) {
    const s = document.createElement('script');
    s.textContent = text;
    document.head.append(s);
    lib = globalThis['${f.global}'];
  } else {
    lib = await import(URL.createObjectURL(new Blob([text], { type: 'text/javascript' })));
  }
  await lib.init();
  const ms = performance.now() - t0;
  window.__result = { ms, version: lib.version() };
} catch (e) {
  window.__result = { error: String((e && e.stack) || e) };
}
</script>`;

/** Cold starts in Chromium, a fresh page each: { [file]: [ms, …] } for `files` ({ file, url,
 *  iife, global }), `runs` each, the files interleaved. */
export async function startup(files, runs) {
  const browser = await openBrowser();
  const out = Object.fromEntries(files.map((f) => [f.file, []]));
  try {
    for (let k = 0; k < runs; k++) {
      for (const f of files) {
        const r = await runPage(browser, startPage(f));
        if (r.error) throw new Error(`chromium start-up of ${f.file}: ${r.error}`);
        out[f.file].push(r.ms);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}
