// The package as a builder installs it: `npm pack pkg/`, then `npm install <tarball>` into fresh
// throwaway projects (offline: the package has no dependencies, and npm is pointed at a registry
// that does not exist so that any network access would fail), used exactly as pkg-template/README.md
// says, through the package name — never by a path into pkg/:
// - the tarball's file list: every file the exports map names (and what those files import) is
//   inside, nothing else (no build/ or target/ leftovers, no .build-stamp);
// - a Node ESM project: salescore, salescore/targets, salescore/admin, salescore/inline,
//   salescore/nowasm (and the targets' and admin's other flavours) compute the sample team's
//   numbers, identical through every import;
// - a Node CommonJS project: require() of the three entries;
// - esbuild bundles of a browser app, run in headless Chromium: salescore/inline +
//   salescore/targets/inline with no configuration, and plain `salescore` (its .wasm is referenced
//   with `new URL('salescore_bg.wasm', import.meta.url)`, which esbuild neither follows nor copies)
//   with what a builder has to add.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { extname, join, posix, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser } from './browser.mjs';
import { install, npmEnv as sharedNpmEnv, npmWith, pack } from './pack.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PKG = join(ROOT, 'pkg');
const ESBUILD = join(ROOT, 'node_modules', '.bin', 'esbuild');

let tmp;
let tarball;
let browser;
let npmEnv;
const node = {}; // what the Node ESM project computed, by import

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'salescore-tarball-'));
  npmEnv = sharedNpmEnv(tmp);
});
after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const npm = (args, cwd) => npmWith(npmEnv)(args, cwd);

/** A fresh project in the temp dir with the tarball installed, offline. */
function project(name, pkgJson) {
  const dir = install(npm, join(tmp, name), tarball, pkgJson);
  writeFileSync(join(dir, 'data.json'), JSON.stringify(DATA));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// What every project computes: the same function, written into each project (ESM, CommonJS, the
// browser bundle), over the sample team (samples/team: its plan, months 1 and 6 of its records).

const reps = JSON.parse(readFileSync(join(ROOT, 'samples/team/reps.json'), 'utf8'));
const DATA = {
  plan: JSON.parse(readFileSync(join(ROOT, 'samples/team/plan.json'), 'utf8')),
  reps: reps.filter((r) => r.月份 === 1 || r.月份 === 6),
};

function compute({ Plan, decompose, pace, Compare }, { plan, reps }) {
  const out = {};
  const month = (m) => reps.filter((r) => r.月份 === m);
  if (Plan) {
    const p = Plan.compile(plan);
    const r = p.evaluate(month(1)[0], { numbers: 'string' });
    out.rep = { id: month(1)[0].工号, payout: r.incentive.statement.total, score: r.score.total, grade: r.score.grade, metrics: r.metrics };
    if (typeof p.evaluateTeam === 'function') { // salescore/admin's Plan; salescore's has none
      const { team } = p.evaluateTeam(month(6), { numbers: 'string' });
      out.team = { top: team.members.slice(0, 3).map((m) => `${m.rank} ${m.id} ${m.total} ${m.forcedGrade}`), pk: `${team.pk[0].winner} ${team.pk[0].margin}` };
    }
    if (typeof p.diagnostics === 'function') out.diagnostics = p.diagnostics().map((d) => d.code);
  }
  if (decompose) {
    const sum = (id) => reps.filter((r) => r.工号 === id || r.小组 === id).reduce((s, r) => s + r.销售目标, 0);
    const d = decompose({
      total: reps.reduce((s, r) => s + r.销售目标, 0),
      unit: 100,
      period: { start: '2026-01-01', end: '2026-06-30' },
      basis: { type: 'weights' },
      nodes: [
        { id: '华东销售部' },
        { id: '先锋组', parent: '华东销售部', weight: sum('先锋组') },
        { id: '猎鹰组', parent: '华东销售部', weight: sum('猎鹰组') },
        ...month(1).map((r) => ({ id: r.工号, parent: r.小组, weight: sum(r.工号) })),
      ],
    }, { numbers: 'string' });
    out.decompose = d.nodes.slice(0, 4).map((n) => `${n.id} ${n.amount} ${n.months.join(' ')}`);
  }
  if (pace) {
    const r = pace({
      period: { start: '2026-06-01', end: '2026-06-30' },
      asOf: '2026-06-15',
      stages: [{ id: 'proposal', probability: 0.5 }, { id: 'negotiation', probability: 0.75 }],
      reps: month(6).map((r) => ({
        id: r.工号, target: r.销售目标, actual: Math.round(r.销售额 / 2),
        deals: r.订单.map((o, i) => ({ id: `${r.工号}:${o.订单号}`, amount: o.金额, stage: i % 2 ? 'proposal' : 'negotiation' })),
      })),
    }, { numbers: 'string' });
    const [first] = r.reps;
    out.pace = {
      rep: `${first.id} ${first.progress.expectedToDate} ${first.progress.requiredDailyRate} ${first.chance.exactProbability}`,
      team: `${r.team.progress.attainment} ${r.team.progress.requiredDailyRate} ${r.team.pipeline.weighted} ${r.team.onTrack}/${r.team.reps}`,
    };
  }
  if (Compare) {
    const draft = JSON.parse(JSON.stringify(plan));
    draft.incentive.components[0].rules[0].table.tiers[0].rate = 0.1;
    const s = Compare.open(plan, month(1));
    s.setDraft(draft);
    const { cost, counts } = s.comparison();
    out.compare = `${cost.before} ${cost.after} ${cost.change} ${counts.gaining}`;
  }
  return out;
}

// The numbers, computed once through the installed package and checked stable since: a rep's
// payout and score, the team's top three and PK, a decomposition, pacing and an admin preview.
const EXPECTED = {
  rep: { id: 'E1001', payout: '33068.40', score: '100.17', grade: 'S', metrics: { 销售达成率: '1.0632', 回款率: '1.0777', 客单价: '177200.00', 考核阶段: '拓新期' } },
  team: { top: ['1 E1001 103.67 S', '2 E1015 102.03 S', '3 E1013 101.02 A'], pk: '先锋组 1.62' },
  decompose: [
    '华东销售部 11640000 1941200 1941200 1939700 1939700 1939100 1939100',
    '先锋组 5440000 907300 907300 906500 906500 906200 906200',
    'E1001 1080000 180000 180000 180000 180000 180000 180000',
    'E1002 430000 71700 71700 71700 71700 71600 71600',
  ],
  pace: { rep: 'E1001 290000.00 20731.82 0.953125', team: '0.5387 262077.28 5348425.00 18/24' },
  compare: '426890.05 440793.25 13903.2 14',
};
const FORM = { rep: EXPECTED.rep }; // salescore's Plan evaluates record by record: no team batch
const TARGETS = { decompose: EXPECTED.decompose, pace: EXPECTED.pace };
const ADMIN = { ...FORM, team: EXPECTED.team, diagnostics: [], compare: EXPECTED.compare }; // the sample plan has no warnings

// ---------------------------------------------------------------------------------------------

/** Relative imports of a JS or .d.ts file: static and dynamic imports, re-exports, and
 *  `new URL('…', import.meta.url)` (how the web glue finds its .wasm). */
function references(file, text) {
  const found = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\1|new URL\(\s*(['"])([^'"]+)\3\s*,\s*import\.meta\.url\s*\)/g;
  for (const m of text.matchAll(re)) {
    let spec = m[2] ?? m[4];
    if (!spec.startsWith('.')) spec = `./${spec}`;
    let target = posix.normalize(posix.join(posix.dirname(file), spec));
    // A declaration file names another as TypeScript resolves it: `./x` or `./x.js` is x.d.ts.
    if (file.endsWith('.d.ts') && (!extname(target) || target.endsWith('.js'))) target = `${target.replace(/\.js$/, '')}.d.ts`;
    found.push(target);
  }
  return found;
}

test('npm pack: the tarball holds every file the exports map names and what they load, nothing else', (t) => {
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  let packed;
  ({ packed, tarball } = pack(npm, PKG, join(tmp, 'pack'), ROOT));

  // The tarball itself is the truth, not npm's report of it.
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter((l) => l && !l.endsWith('/'));
  assert.ok(listed.every((l) => l.startsWith('package/')), 'every file is under package/');
  const files = new Set(listed.map((l) => l.slice('package/'.length)));
  assert.deepEqual([...files].sort(), packed.files.map((f) => f.path).sort(), 'npm pack --json lists what the tarball holds');

  // Everything the manifest names: the exports map (every condition), main, module, types,
  // unpkg, jsdelivr, sideEffects, bin.
  const named = new Set(['package.json', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE']);
  const walk = (v) => (typeof v === 'string' ? named.add(posix.normalize(v)) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const k of ['main', 'module', 'types', 'unpkg', 'jsdelivr']) if (manifest[k]) named.add(posix.normalize(manifest[k]));
  for (const f of Object.values(manifest.bin ?? {})) named.add(posix.normalize(f)); // the command line (cli.mjs)
  for (const f of manifest.sideEffects ?? []) named.add(posix.normalize(f));
  const missing = [...named].filter((f) => !files.has(f));
  assert.deepEqual(missing, [], 'files the manifest names but the tarball lacks');

  // …and what those files load, transitively.
  const needed = new Set(named);
  const queue = [...named];
  const broken = [];
  while (queue.length) {
    const f = queue.pop();
    if (!/\.(m?js|cjs|d\.ts)$/.test(f) || !files.has(f)) continue;
    for (const ref of references(f, readFileSync(join(PKG, f), 'utf8'))) {
      if (!files.has(ref)) broken.push(`${f} → ${ref}`);
      else if (!needed.has(ref)) {
        needed.add(ref);
        queue.push(ref);
      }
    }
  }
  assert.deepEqual(broken, [], 'files the package loads but the tarball lacks');

  // Nothing else.
  const extra = [...files].filter((f) => !needed.has(f));
  assert.deepEqual(extra, [], 'unexpected files in the tarball');
  const leftovers = [...files].filter((f) => /(^|\/)(build|target|node_modules|\.git|pkg)\/|\.build-stamp|\.tgz$|\.map$|\.log$|(^|\/)\./.test(f));
  assert.deepEqual(leftovers, [], 'build leftovers in the tarball');

  // No file names the machine it was built on: the sources' paths are remapped when compiling
  // (the crate's, its dependencies', and the standard library's, which is compiled with it).
  const home = homedir();
  const machine = [`${ROOT}/`, ...(home.length > 1 ? [`${home}/`] : []), '/.rustup/', '/.cargo/registry/', 'lib/rustlib/src/'];
  const paths = [...files].flatMap((f) => {
    const text = readFileSync(join(PKG, f)).toString('latin1');
    return machine.filter((m) => text.includes(m)).map((m) => `${f}: ${m}`);
  });
  assert.deepEqual(paths, [], 'machine paths in the tarball');

  const mb = (n) => `${(n / 1e6).toFixed(2)} MB (${n} bytes)`;
  t.diagnostic(`${packed.filename}: packed ${mb(packed.size)}, unpacked ${mb(packed.unpackedSize)}, ${packed.entryCount} files`);
  // The licence texts its SPDX expression names.
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.ok(files.has('LICENSE-MIT') && files.has('LICENSE-APACHE'), 'both licence texts');
});

// Every import a Node ESM user has; `salescore/targets/*` and `salescore/admin/*` too, so that
// each entry is compared across its flavours.
const NODE_IMPORTS = [
  'salescore', 'salescore/inline', 'salescore/nowasm',
  'salescore/targets', 'salescore/targets/inline', 'salescore/targets/nowasm',
  'salescore/admin', 'salescore/admin/inline', 'salescore/admin/nowasm',
];

test('a Node ESM project: the README\'s imports through the package name, same numbers in every flavour', () => {
  assert.ok(tarball, 'packed');
  const dir = project('node-esm', { type: 'module' });
  writeFileSync(join(dir, 'compute.js'), `export ${compute}\n`);
  writeFileSync(join(dir, 'main.js'), `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Plan } from 'salescore';
import { decompose, pace } from 'salescore/targets';
import { Compare } from 'salescore/admin';
import { compute } from './compute.js';

const data = JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8'));
const out = { readme: compute({ Plan, decompose, pace, Compare }, data), byImport: {}, resolved: {} };
for (const name of ${JSON.stringify(NODE_IMPORTS)}) {
  const m = await import(name);
  await m.init?.(); // the browser flavours (inline) need it; in the Node builds it is a no-op
  out.byImport[name] = compute({ ...m, Compare: m.Compare }, data);
  out.resolved[name] = import.meta.resolve(name);
}
const require = createRequire(import.meta.url);
out.schema = require('salescore/plan.schema.json').title ?? Object.keys(require('salescore/plan.schema.json')).length;
out.wasm = require.resolve('salescore/wasm');
console.log(JSON.stringify(out));
`);
  const out = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8' }));

  const installed = `file://${join(dir, 'node_modules', 'salescore')}/`;
  for (const [name, url] of Object.entries(out.resolved)) assert.ok(url.startsWith(installed), `${name} resolves to ${url}, not into the installed package`);
  assert.equal(out.resolved.salescore, `${installed}node.js`, 'Node picks the node build of salescore');
  assert.equal(out.resolved['salescore/targets'], `${installed}targets/node.js`);
  assert.equal(out.resolved['salescore/admin'], `${installed}admin/node.js`);
  assert.ok(out.schema, 'salescore/plan.schema.json loads');
  assert.ok(out.wasm.startsWith(join(dir, 'node_modules', 'salescore', 'web')), out.wasm);

  assert.deepEqual(out.readme, { ...FORM, ...TARGETS, compare: EXPECTED.compare });
  for (const name of NODE_IMPORTS) {
    const want = name.startsWith('salescore/targets') ? TARGETS : name.startsWith('salescore/admin') ? ADMIN : FORM;
    assert.deepEqual(out.byImport[name], want, name);
  }
  Object.assign(node, out.byImport);
});

test('a Node CommonJS project: require() of salescore, salescore/targets, salescore/admin', () => {
  assert.ok(tarball, 'packed');
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  for (const entry of ['.', './targets', './admin']) {
    assert.equal(typeof manifest.exports[entry]?.node?.require, 'string', `exports["${entry}"] has a node require condition`);
  }
  const dir = project('node-cjs', { type: 'commonjs' });
  writeFileSync(join(dir, 'compute.js'), `module.exports = { compute: ${compute} };\n`);
  writeFileSync(join(dir, 'main.js'), `
const { Plan, evaluateFormula } = require('salescore');
const { decompose, pace } = require('salescore/targets');
const admin = require('salescore/admin');
const { compute } = require('./compute.js');
const data = require('./data.json');
console.log(JSON.stringify({
  form: compute({ Plan }, data),
  targets: compute({ decompose, pace }, data),
  admin: compute(admin, data),
  formula: evaluateFormula('ROUND(2.5, 0) + ROUND(-2.5, 0)', {}),
  // salescore/auto from CommonJS, as TypeScript or Babel compile \`import init, { Plan } from
  // 'salescore/auto'\`: the default import must be init (__esModule), and Node runs WebAssembly.
  auto: (() => {
    const m = require('salescore/auto');
    const init = m && m.__esModule ? m.default : m;
    return [typeof init, m.flavour, typeof m.Plan.compile];
  })(),
  resolved: ['salescore', 'salescore/targets', 'salescore/admin'].map((n) => require.resolve(n)),
}));
`);
  const out = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8' }));
  const at = join(dir, 'node_modules', 'salescore');
  assert.deepEqual(out.resolved, [join(at, 'node.cjs'), join(at, 'targets', 'node.cjs'), join(at, 'admin', 'node.cjs')]);
  assert.equal(out.formula, 0);
  assert.deepEqual(out.auto, ['function', 'wasm', 'function']);
  assert.deepEqual(out.form, FORM);
  assert.deepEqual(out.targets, TARGETS);
  assert.deepEqual(out.admin, ADMIN);
});

// ---------------------------------------------------------------------------------------------
// Browser bundles. Each is built by esbuild inside the temp project and served from there at
// http://salescore.test/tarball/ (a route over browser.mjs's), .wasm as application/wasm.

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Bundles `entry` into dir/dist with an index.html; returns the folder and esbuild's warnings. */
function esbuild(dir, entry, ...flags) {
  const run = spawnSync(ESBUILD, [entry, '--bundle', '--format=esm', '--platform=browser', '--outdir=dist', '--log-level=warning', '--color=false', ...flags], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="app.js"></script>');
  const warnings = [...run.stderr.matchAll(/^▲ \[WARNING\] (.*)$/gm)].map((m) => m[1]);
  return { dist: join(dir, 'dist'), warnings };
}

/** Opens dist/index.html in Chromium; resolves to what the app left in window.__result (or
 *  throws what it left in window.__error), with the URLs the page requested. */
async function runBundle(dist, { csp, initScript } = {}) {
  browser ??= await openBrowser();
  const { page, context, errors } = await browser.page();
  if (initScript) await page.addInitScript(initScript);
  const requested = [];
  await context.route(`${browser.origin}/tarball/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice('/tarball/'.length);
    requested.push(path);
    try {
      const body = await readFile(join(dist, path));
      const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' };
      if (csp && extname(path) === '.html') headers['content-security-policy'] = csp;
      return route.fulfill({ status: 200, headers, body });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  try {
    await page.goto(`${browser.origin}/tarball/index.html`);
    await page.waitForFunction(() => 'result' in window.__app || false, null, { timeout: 30000 }).catch(() => {});
    const app = await page.evaluate(() => window.__app);
    if (!app || !('result' in app)) throw new Error(`no result: ${JSON.stringify(app)} ${errors.join('; ')}`);
    return { ...app, requested, errors };
  } finally {
    await context.close();
  }
}

const APP_END = `
  window.__app = { result };
} catch (e) {
  window.__app = { result: null, error: \`\${e.name}: \${e.code ?? ''} \${e.message}\` };
}`;

test('esbuild + Chromium: salescore/inline and salescore/targets/inline, no configuration', async () => {
  assert.ok(tarball, 'packed');
  const dir = project('web-inline', {});
  writeFileSync(join(dir, 'compute.js'), `export ${compute}\n`);
  writeFileSync(join(dir, 'app.js'), `
import { init, Plan } from 'salescore/inline';
import { init as initTargets, decompose, pace } from 'salescore/targets/inline';
import { compute } from './compute.js';
import data from './data.json';
window.__app = {};
try {
  await init();
  await initTargets();
  const result = compute({ Plan, decompose, pace }, data);
  ${APP_END}
`);
  const { dist, warnings } = esbuild(dir, 'app.js');
  assert.deepEqual(warnings, [], 'esbuild warns about nothing');
  assert.deepEqual(readdirSync(dist).sort(), ['app.js', 'index.html'], 'one file: the .wasm is inlined');
  const app = await runBundle(dist);
  assert.equal(app.error, undefined, app.error);
  assert.deepEqual(app.requested.sort(), ['app.js', 'index.html'], 'nothing fetched but the bundle');
  assert.deepEqual(app.result, { ...FORM, ...TARGETS });
  if (node.salescore) assert.deepEqual({ rep: app.result.rep }, node.salescore, 'the browser computes what Node does');
  assert.deepEqual(app.errors, []);
});

// Plain `salescore` in a bundle: the web glue finds its .wasm with
// `new URL('salescore_bg.wasm', import.meta.url)`, which esbuild leaves as it is (it neither
// follows nor copies it), so the .wasm is looked for next to the bundle.
const PLAIN_APP = (head, call) => `
import init, { Plan } from 'salescore';
import { init as initTargets, decompose, pace } from 'salescore/targets';
${head}
import { compute } from './compute.js';
import data from './data.json';
window.__app = {};
try {
  ${call}
  const result = compute({ Plan, decompose, pace }, data);
  ${APP_END}
`;

test('esbuild + Chromium: plain salescore and salescore/targets, each .wasm imported with --loader:.wasm=file', async (t) => {
  assert.ok(tarball, 'packed');
  const dir = project('web-plain', {});
  writeFileSync(join(dir, 'compute.js'), `export ${compute}\n`);

  // As the README has it (`await init()`), nothing added: the bundle looks for dist/salescore_bg.wasm.
  writeFileSync(join(dir, 'app.js'), PLAIN_APP('', 'await init(); await initTargets();'));
  let { dist, warnings } = esbuild(dir, 'app.js');
  for (const w of new Set(warnings)) t.diagnostic(`esbuild warns: ${w}`);
  assert.deepEqual(readdirSync(dist).sort(), ['app.js', 'index.html'], 'esbuild copies no .wasm');
  let app = await runBundle(dist);
  assert.equal(app.result, null, 'without the .wasm next to the bundle, init() fails');
  assert.ok(app.requested.includes('salescore_bg.wasm'), `requested ${app.requested}`);
  assert.match(app.error, /^SalesScoreError: WASM_NOT_FOUND /, 'a coded error whose hint names the fix');
  t.diagnostic(`nothing added: init() rejects with ${app.error}`);

  // Copying the .wasm next to the bundle serves one entry, but both entries' glue look for the
  // same name, salescore_bg.wasm: only one of them can be there.
  copyFileSync(createRequire(join(dir, 'package.json')).resolve('salescore/wasm'), join(dist, 'salescore_bg.wasm'));
  app = await runBundle(dist);
  assert.equal(app.result, null, 'two entries cannot share one salescore_bg.wasm');
  assert.match(app.error, /^SalesScoreError: WASM_NOT_FOUND /, "another entry's .wasm is not this entry's");
  t.diagnostic(`salescore/wasm copied next to the bundle, two entries: ${app.error}`);

  // What works: import each entry's .wasm (its `/wasm` export) as a file and give it to init().
  // `--loader:.wasm=file` alone does nothing: no import reaches a .wasm until the app imports it.
  // The file loader's string ('./salescore_bg-HASH.wasm') is fetched relative to the page, which
  // is next to the bundle here; a page elsewhere needs `--public-path=<the bundle's URL>`.
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  writeFileSync(join(dir, 'app.js'), PLAIN_APP(
    "import wasm from 'salescore/wasm';\nimport targetsWasm from 'salescore/targets/wasm';",
    'await init(wasm); await initTargets(targetsWasm);',
  ));
  ({ dist } = esbuild(dir, 'app.js', '--loader:.wasm=file'));
  const emitted = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  assert.equal(emitted.length, 2, `esbuild emits both .wasm files: ${emitted}`);
  app = await runBundle(dist);
  assert.equal(app.error, undefined, app.error);
  assert.deepEqual(app.requested.filter((f) => f.endsWith('.wasm')).sort(), emitted.sort());
  assert.deepEqual(app.result, { ...FORM, ...TARGETS });
  if (node.salescore) assert.deepEqual({ rep: app.result.rep }, node.salescore, 'the browser computes what Node does');
  assert.deepEqual(app.errors, []);
});

test('esbuild + Chromium: plain salescore alone, salescore/wasm copied next to the bundle', async () => {
  assert.ok(tarball, 'packed');
  const dir = join(tmp, 'web-plain');
  assert.ok(existsSync(join(dir, 'node_modules', 'salescore')), 'the web-plain project is installed');
  writeFileSync(join(dir, 'form.js'), `
import init, { Plan } from 'salescore';
import { compute } from './compute.js';
import data from './data.json';
window.__app = {};
try {
  await init();
  const result = compute({ Plan }, data);
  ${APP_END}
`);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const { dist } = esbuild(dir, 'form.js', '--entry-names=app');
  // The builder's extra step: `cp node_modules/salescore/web/salescore_bg.wasm dist/`.
  copyFileSync(createRequire(join(dir, 'package.json')).resolve('salescore/wasm'), join(dist, 'salescore_bg.wasm'));
  const app = await runBundle(dist);
  assert.equal(app.error, undefined, app.error);
  assert.ok(app.requested.includes('salescore_bg.wasm'));
  assert.deepEqual(app.result, FORM);
  assert.deepEqual(app.errors, []);
});

// ---------------------------------------------------------------------------------------------
// Vite, webpack 5 and Rollup, each run from the installed tarball as a builder configures them:
// nothing for salescore. The app avoids top-level await, which Vite's and webpack's default
// browser targets reject; the data is a JS module (Rollup reads JSON only with a plugin).

const ASYNC_APP = (imports, start, entries) => `
${imports}
import { compute } from './compute.js';
import data from './data.js';
window.__app = {};
(async () => {
  try {
    ${start}
    const result = compute({ ${entries} }, data);
    window.__app = { result, flavour: typeof flavour === 'undefined' ? undefined : flavour };
  } catch (e) {
    window.__app = { result: null, error: \`\${e.name}: \${e.code ?? ''} \${e.message}\` };
  }
})();
`;

/** A fresh project with the tarball installed and the shared app parts. */
function appProject(name) {
  const dir = project(name, { type: 'module' });
  writeFileSync(join(dir, 'compute.js'), `export ${compute}\n`);
  writeFileSync(join(dir, 'data.js'), `export default ${JSON.stringify(DATA)};\n`);
  return dir;
}

const MODULE_PAGE = '<!doctype html><meta charset="utf-8"><script type="module" src="./app.js"></script>';

/** `vite build` of dir/index.html (which loads app.js), served at /tarball/ (`base` is where the
 *  app is deployed, not a salescore setting); resolves to the output folder and Vite's warnings. */
async function viteBuild(dir) {
  const { build, createLogger } = await import('vite');
  writeFileSync(join(dir, 'index.html'), MODULE_PAGE);
  const warnings = [];
  const logger = createLogger('warn');
  logger.warn = (m) => warnings.push(m);
  logger.warnOnce = (m) => warnings.push(m);
  await build({ root: dir, base: '/tarball/', configFile: false, logLevel: 'warn', customLogger: logger, build: { outDir: 'dist', emptyOutDir: true } });
  return { dist: join(dir, 'dist'), warnings };
}

/** webpack 5 in production mode, app.js to dist/ (a classic script; chunks and assets next to it). */
async function webpackBuild(dir) {
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((ok, fail) => webpack({
    mode: 'production', context: dir, entry: './app.js', output: { path: join(dir, 'dist'), filename: 'app.js', clean: true },
  }, (err, s) => (err ? fail(err) : ok(s))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual(info.errors.map((e) => e.message), [], 'webpack builds without errors');
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><meta charset="utf-8"><script src="app.js"></script>');
  return { dist: join(dir, 'dist'), warnings: info.warnings.map((w) => w.message.split('\n')[0]) };
}

/** Rollup with @rollup/plugin-node-resolve (how every Rollup app finds packages), ES output. */
async function rollupBuild(dir) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const warnings = [];
  const bundle = await rollup({ input: join(dir, 'app.js'), plugins: [nodeResolve({ browser: true })], onwarn: (w) => warnings.push(w.message) });
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  await bundle.write({ dir: join(dir, 'dist'), format: 'es' });
  await bundle.close();
  writeFileSync(join(dir, 'dist', 'index.html'), MODULE_PAGE);
  return { dist: join(dir, 'dist'), warnings };
}

const files = (dist) => readdirSync(dist, { recursive: true }).map(String).filter((f) => extname(f));
const wasmFiles = (list) => list.filter((f) => f.endsWith('.wasm'));

test('Vite + Chromium: plain salescore and salescore/targets, no configuration: both .wasm files emitted and loaded', async (t) => {
  assert.ok(tarball, 'packed');
  const dir = appProject('vite-plain');
  writeFileSync(join(dir, 'app.js'), ASYNC_APP(
    "import init, { Plan } from 'salescore';\nimport initTargets, { decompose, pace } from 'salescore/targets';",
    'await init(); await initTargets();', 'Plan, decompose, pace'));
  const { dist, warnings } = await viteBuild(dir);
  for (const w of warnings) t.diagnostic(`vite warns: ${w.split('\n')[0]}`);
  const emitted = wasmFiles(files(dist));
  assert.equal(emitted.length, 2, `Vite emits each entry's .wasm: ${emitted}`);
  const app = await runBundle(dist);
  assert.equal(app.error, undefined, app.error);
  assert.deepEqual(wasmFiles(app.requested).sort(), emitted.sort(), 'each entry fetched its own .wasm');
  assert.deepEqual(app.result, { ...FORM, ...TARGETS });
  if (node.salescore) assert.deepEqual({ rep: app.result.rep }, node.salescore, 'the browser computes what Node does');
  assert.deepEqual(app.errors, []);
});

test('webpack 5 + Chromium: plain salescore and salescore/admin, no configuration: each .wasm emitted and loaded', async (t) => {
  assert.ok(tarball, 'packed');
  const dir = appProject('webpack-plain');
  writeFileSync(join(dir, 'app.js'), ASYNC_APP(
    "import init, { Plan } from 'salescore';\nimport initAdmin, { Compare } from 'salescore/admin';",
    'await init(); await initAdmin();', 'Plan, Compare'));
  const { dist, warnings } = await webpackBuild(dir);
  // Its performance hints flag any asset over 244 KiB, which each .wasm is.
  for (const w of warnings) t.diagnostic(`webpack warns: ${w}`);
  const emitted = wasmFiles(files(dist));
  assert.equal(emitted.length, 2, `webpack emits each entry's .wasm: ${emitted}`);
  const app = await runBundle(dist);
  assert.equal(app.error, undefined, app.error);
  assert.deepEqual(wasmFiles(app.requested).sort(), emitted.sort());
  assert.deepEqual(app.result, { ...FORM, compare: EXPECTED.compare });
  assert.deepEqual(app.errors, []);
});

test('Rollup + Chromium: salescore/inline and salescore/targets/inline with node-resolve alone; plain salescore gets WASM_NOT_FOUND', async () => {
  assert.ok(tarball, 'packed');
  const dir = appProject('rollup');
  writeFileSync(join(dir, 'app.js'), ASYNC_APP(
    "import { init, Plan } from 'salescore/inline';\nimport { init as initTargets, decompose, pace } from 'salescore/targets/inline';",
    'await init(); await initTargets();', 'Plan, decompose, pace'));
  let { dist, warnings } = await rollupBuild(dir);
  assert.deepEqual(warnings, [], 'Rollup warns about nothing');
  let app = await runBundle(dist);
  assert.equal(app.error, undefined, app.error);
  assert.deepEqual(wasmFiles(app.requested), [], 'nothing to fetch: the .wasm is inlined');
  assert.deepEqual(app.result, { ...FORM, ...TARGETS });
  assert.deepEqual(app.errors, []);

  // Rollup neither follows nor copies `new URL('salescore_bg.wasm', import.meta.url)`: the
  // builder learns it from the error's code and hint, not from a bare 404.
  writeFileSync(join(dir, 'app.js'), ASYNC_APP("import init, { Plan } from 'salescore';", 'await init();', 'Plan'));
  ({ dist } = await rollupBuild(dir));
  app = await runBundle(dist);
  assert.equal(app.result, null);
  assert.match(app.error, /^SalesScoreError: WASM_NOT_FOUND .*salescore_bg\.wasm/);
});

// salescore/auto, bundled by Vite: the no-WASM build is a chunk of its own, loaded only where the
// page cannot run WebAssembly; the .wasm is fetched only where it can.
test('salescore/auto (Vite + Chromium): the .wasm where WebAssembly runs; the no-WASM chunk, and no .wasm, where it is removed or refused by the CSP', async () => {
  assert.ok(tarball, 'packed');
  const dir = appProject('vite-auto');
  writeFileSync(join(dir, 'app.js'), ASYNC_APP(
    "import { init, flavour, Plan } from 'salescore/auto';\nimport { init as initTargets, decompose, pace } from 'salescore/targets/auto';",
    'await init(); await initTargets();', 'Plan, decompose, pace'));
  const { dist } = await viteBuild(dir);
  const built = files(dist);
  assert.equal(wasmFiles(built).length, 2, `both entries' .wasm emitted: ${built}`);
  const chunks = built.filter((f) => f.endsWith('.js'));
  assert.ok(chunks.length >= 3, `the no-WASM builds are chunks of their own: ${chunks}`);

  const scripts = (app) => app.requested.filter((f) => f.endsWith('.js'));
  const allowed = await runBundle(dist);
  assert.equal(allowed.error, undefined, allowed.error);
  assert.equal(allowed.flavour, 'wasm');
  assert.equal(wasmFiles(allowed.requested).length, 2);
  assert.deepEqual(allowed.result, { ...FORM, ...TARGETS });

  const removed = await runBundle(dist, { initScript: 'delete globalThis.WebAssembly;' });
  assert.equal(removed.error, undefined, removed.error);
  assert.equal(removed.flavour, 'nowasm');
  assert.deepEqual(wasmFiles(removed.requested), [], 'no .wasm downloaded where WebAssembly is missing');
  assert.ok(scripts(removed).length > scripts(allowed).length, 'the no-WASM chunks are loaded only then');
  assert.deepEqual(removed.result, allowed.result, 'same numbers without WebAssembly');
  assert.deepEqual(removed.errors, []);

  const refused = await runBundle(dist, { csp: "default-src 'self'; script-src 'self'" });
  assert.equal(refused.error, undefined, refused.error);
  assert.equal(refused.flavour, 'nowasm');
  assert.deepEqual(wasmFiles(refused.requested), [], "no .wasm downloaded under a CSP without 'wasm-unsafe-eval'");
  assert.deepEqual(refused.result, allowed.result);

  const permitted = await runBundle(dist, { csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" });
  assert.equal(permitted.flavour, 'wasm', "a CSP with 'wasm-unsafe-eval' keeps WebAssembly");
  assert.deepEqual(permitted.result, allowed.result);
});
