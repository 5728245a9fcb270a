#!/usr/bin/env node
// salescore benchmark harness: `./run bench` (= scripts/build.sh, then node bench/run.mjs).
//
// In one run, side by side: the formula, plan, scorecard, incentive ("pay") and decomposition
// workloads through the WASM Node build (pkg/node.js), the inlined build (pkg/inline.js), the
// no-WASM build (pkg/nowasm.js, also under `node --jitless`), headless Chromium (pkg/index.js and
// pkg/inline.js), natively (benches/native.rs at opt-level 3 and at the release profile the .wasm
// is built with), and a hand-written decimal.js peer; the budgets and ratio targets with verdicts;
// the cold start of every entry's one-file builds in Node and Chromium; every import's size and
// where each entry's .wasm bytes go. Every engine's outputs are checked against the peer's before
// anything is timed; a difference aborts the run. Prints a report, writes bench-results/latest.json.
//
// Options:
//   --samples N     samples per measurement (default 15; jitless runs use min(N, 5))
//   --quick         --samples 5, 5 starts, no breakdown
//   --starts N      fresh starts per one-file build (default 7)
//   --no-native     skip the native Rust benchmark (no cargo build)
//   --no-jitless    skip the `node --jitless` runs
//   --no-browser    skip headless Chromium (workloads and start-up)
//   --breakdown / --no-breakdown   build each entry's named .wasm twin and split its code by
//                   module (cargo, a few minutes; default on, off with --quick)
//   --report FILE   only print the report of an earlier run's JSON (e.g. bench-results/latest.json)
//   --native-profile P[,P2]  cargo profiles for the native benchmark (default
//                   bench-native,release: opt-level 3, and the release profile itself, as the
//                   .wasm is built — so the opt-level's share of the WASM-vs-native gap is visible)
//
// Benchmarks are a command, never a timed test: nothing here fails on slowness. The exit code is
// non-zero only when outputs differ, a build is missing, or a target crashes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateRecords } from './lib/records.mjs';
import { BATCH, FORMULA, PLAN_PATH, SEED } from './lib/workload.mjs';
import { payoutString } from './peer/formula.mjs';
import { planMetricStrings } from './peer/plan.mjs';
import { engineRep, engineTeam, firstDiff } from './lib/compare.mjs';
import { data, expected, LEAVES } from './lib/expected.mjs';
import { checkDecomposition, hash, STR } from './lib/engine.mjs';
import { ENTRIES, KB, measure as measureSizes } from '../scripts/entries.mjs';
import { oneFileBuilds, measureStartup } from './lib/startup.mjs';

const ROOT = new URL('../', import.meta.url);
const PKG = new URL('pkg/', ROOT);
const OUT = new URL('bench-results/', ROOT);
const at = (u) => fileURLToPath(u);

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const value = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const QUICK = flag('--quick');
const SAMPLES = Number(value('--samples', QUICK ? 5 : 15));
const STARTS = Number(value('--starts', QUICK ? 5 : 7));
const JITLESS_SAMPLES = Math.min(SAMPLES, 5);
const JITLESS_RECORDS = 1000;
const NATIVE_PROFILES = value('--native-profile', 'bench-native,release').split(',').filter(Boolean);
const BREAKDOWN = flag('--breakdown') || (!QUICK && !flag('--no-breakdown'));
const BROWSER = !flag('--no-browser');

const REPORT = value('--report', null);
const die = (msg) => {
  console.error(`\n✗ bench: ${msg}`);
  process.exit(1);
};
const say = (msg) => console.error(`» ${msg}`);

// ---------------------------------------------------------------- environment
function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: at(ROOT), encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
const cpus = os.cpus();
let env = {
  date: new Date().toISOString(),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cores: cpus.length,
  availableParallelism: os.availableParallelism?.() ?? cpus.length,
  cpu: cpus[0]?.model ?? 'unknown',
  memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  loadavgStart: os.loadavg().map((x) => +x.toFixed(2)),
  rustc: sh('rustc', ['-V']),
  commit: sh('git', ['rev-parse', '--short', 'HEAD']),
  dirty: (sh('git', ['status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock']) ?? '') !== '',
  samples: SAMPLES,
  starts: STARTS,
  batch: BATCH,
  seed: SEED,
};

// ---------------------------------------------------------------- pkg/ (may be mid-rebuild)
const NEEDED = ['node.js', 'inline.js', 'nowasm.js', 'index.js', 'web/salescore_bg.wasm', 'web/salescore.js',
  ...['node.js', 'index.js'].map((f) => `targets/${f}`), ...oneFileBuilds().map((f) => f.file)];
async function waitForPkg() {
  for (let waited = 0; ; waited += 5) {
    const missing = NEEDED.filter((f) => !existsSync(new URL(f, PKG)));
    if (!missing.length) return;
    if (waited >= 900) die(`pkg/ is incomplete (missing ${missing.join(', ')}); run ./scripts/build.sh first`);
    say(`pkg/ incomplete (missing ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}), maybe being rebuilt; waiting (${waited}s)…`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}
const pkgStamp = () => NEEDED.map((f) => { try { return statSync(new URL(f, PKG)).mtimeMs; } catch { return 0; } }).join(',');
const RECORDS_FILE = new URL('records.json', OUT);
const TEAM_FILE = new URL('team.json', OUT);
const SPEC_FILE = new URL('decompose-spec.json', OUT);
const SCORECARD_PATH = new URL('../samples/team/plan.json', import.meta.url);
let records, peerStrings, peerPlanStrings, reference;

// ---------------------------------------------------------------- targets
function runWorker(target, { jitless = false, records: n } = {}) {
  const args = ['--expose-gc', ...(jitless ? ['--jitless'] : []), at(new URL('worker.mjs', import.meta.url)), target,
    '--samples', String(jitless ? JITLESS_SAMPLES : SAMPLES), ...(n ? ['--records', String(n), '--no-decompose'] : [])];
  say(`${target}${jitless ? ' (node --jitless)' : ''}: verifying and timing…`);
  const r = spawnSync('nice', [process.execPath, ...args], { cwd: at(ROOT), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  let out;
  try { out = JSON.parse(r.stdout); } catch { die(`${target}${jitless ? ' --jitless' : ''} crashed (exit ${r.status}, signal ${r.signal})`); }
  if (out.error) die(out.error);
  if (r.status !== 0) die(`${target} exited ${r.status}`);
  return out;
}

function runNative(profile) {
  say(`native: cargo bench --profile ${profile} --bench native --no-run (first build takes a minute or two)…`);
  const build = spawnSync('nice', ['cargo', 'bench', '--profile', profile, '--bench', 'native', '--no-run', '--message-format=json-render-diagnostics'],
    { cwd: at(ROOT), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (build.status !== 0) die(`building the native benchmark failed (exit ${build.status}); use --no-native to skip it`);
  const exe = build.stdout.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return {}; } })
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'native' && m.executable)?.executable;
  if (!exe) die('cargo did not report the native benchmark executable');
  const check = new URL('native-outputs.json', OUT);
  say(`native (${profile}): verifying and timing…`);
  const r = spawnSync('nice', [exe, '--json', '--records', at(RECORDS_FILE), '--plan', at(PLAN_PATH), '--samples', String(SAMPLES), '--check', at(check),
    '--scorecard', at(SCORECARD_PATH), '--team', at(TEAM_FILE), '--spec', at(SPEC_FILE)],
    { cwd: at(ROOT), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) die(`native benchmark exited ${r.status}`);
  const out = JSON.parse(r.stdout);
  out.profile = profile;
  out.optLevel = profile === 'release' ? 'release' : profile === 'bench-native' ? '3' : '?';
  // Native outputs must equal the peer's (and so every WASM build's).
  const got = JSON.parse(readFileSync(check, 'utf8'));
  for (let i = 0; i < records.length; i++) {
    if (got.formula[i] !== peerStrings[i]) die(`OUTPUT MISMATCH (native) formula at record ${i}: native ${got.formula[i]}, peer ${peerStrings[i]}\n  record: ${JSON.stringify(records[i])}`);
    const want = peerPlanStrings[i];
    const keys = Object.keys(want);
    if (Object.keys(got.plan[i]).length !== keys.length || keys.some((k) => got.plan[i][k] !== want[k])) {
      die(`OUTPUT MISMATCH (native) plan at record ${i}:\n  native ${JSON.stringify(got.plan[i])}\n  peer   ${JSON.stringify(want)}\n  record: ${JSON.stringify(records[i])}`);
    }
  }
  const team = reference.d.team;
  for (let i = 0; i < team.length; i++) {
    const diff = firstDiff(engineRep(got.scores[i]), reference.x.scores[i]);
    if (diff) die(`OUTPUT MISMATCH (native) scorecard at rep ${i}, ${diff.path}: native ${JSON.stringify(diff.engine)}, peer ${JSON.stringify(diff.peer)}`);
  }
  const teamDiff = firstDiff(engineTeam(got.team), reference.x.team);
  if (teamDiff) die(`OUTPUT MISMATCH (native) evaluateTeam at ${teamDiff.path}: native ${JSON.stringify(teamDiff.engine)}, peer ${JSON.stringify(teamDiff.peer)}`);
  // The decomposition: the same as WebAssembly's (pkg/targets/node.js), node by node.
  const decDiff = firstDiff(got.decompose, reference.decomposition);
  if (decDiff) die(`OUTPUT MISMATCH (native) decompose at ${decDiff.path}: native ${JSON.stringify(decDiff.engine)}, wasm ${JSON.stringify(decDiff.peer)}`);
  say(`native (${profile}): verified ${records.length} records and a ${team.length}-rep team against the decimal.js peer, the decomposition against WebAssembly's`);
  return out;
}

let targets = {};
let extra = {};
let pkgChanged = false;
if (REPORT) {
  const prev = JSON.parse(readFileSync(REPORT, 'utf8'));
  ({ targets, env } = prev);
  extra = prev;
  pkgChanged = prev.pkgChangedDuringRun;
} else {
  await waitForPkg();
  await new Promise((r) => setTimeout(r, 200));
  const stampBefore = pkgStamp();
  mkdirSync(OUT, { recursive: true });
  records = generateRecords(BATCH, SEED);
  const d = data(records);
  say('computing the decimal.js peer\'s outputs…');
  reference = { d, x: expected(d) };
  writeFileSync(RECORDS_FILE, JSON.stringify(records));
  writeFileSync(TEAM_FILE, JSON.stringify(d.team));
  writeFileSync(SPEC_FILE, JSON.stringify(d.spec));
  peerStrings = records.map(payoutString);
  peerPlanStrings = records.map(planMetricStrings);
  // The decomposition no peer computes: WebAssembly's (checked to share the total exactly) is the
  // reference the native one must equal; every build's fingerprint must equal its fingerprint.
  const { decompose } = await import('../pkg/targets/node.js');
  reference.decomposition = decompose(d.spec, STR);
  checkDecomposition(reference.decomposition, d.spec);
  reference.decomposeFingerprint = hash(JSON.stringify(reference.decomposition));

  if (!flag('--no-native')) NATIVE_PROFILES.forEach((prof) => { targets[`native-${prof}`] = runNative(prof); });
  targets.node = runWorker('node');
  targets.inline = runWorker('inline');
  targets.nowasm = runWorker('nowasm');
  targets.peer = runWorker('peer');
  if (!flag('--no-jitless')) {
    targets.nowasmJitless = runWorker('nowasm', { jitless: true, records: JITLESS_RECORDS });
    targets.peerJitless = runWorker('peer', { jitless: true, records: JITLESS_RECORDS });
  }
  if (BROWSER) {
    writeFileSync(new URL('chromium-data.json', OUT), JSON.stringify({ d, x: reference.x }));
    const { workloads } = await import('./lib/chromium.mjs');
    try {
      const c = await workloads({ samples: SAMPLES, log: say });
      extra.chromiumVersion = c.version;
      targets.chromiumWeb = c.builds.web;
      targets.chromiumInline = c.builds.inline;
    } catch (e) {
      die(e.message);
    }
  }
  // Outputs no peer computes: the same in every build and host.
  for (const [t, r] of Object.entries(targets)) {
    const f = r.fingerprints;
    if (!f || f.reps !== BATCH) continue;
    if (f.pay !== targets.node.fingerprints.pay) die(`OUTPUT MISMATCH (${t}): the sample plan's incentive statements differ from wasm node's`);
    if (f.decompose !== reference.decomposeFingerprint) die(`OUTPUT MISMATCH (${t}): the decomposition differs from wasm node's`);
  }
  say('every build\'s incentive statements and decomposition are the same');
  extra.startup = await measureStartup(PKG, { runs: STARTS, browser: BROWSER, log: say });
  if (BREAKDOWN) {
    const { breakdown } = await import('./lib/breakdown.mjs');
    extra.breakdown = breakdown(ENTRIES.map((e) => e.name), say);
  }
  extra.sizes = measureSizes(PKG);
  env.loadavgEnd = os.loadavg().map((x) => +x.toFixed(2));
  pkgChanged = pkgStamp() !== stampBefore;
  // The measurements first, so that a report that cannot be printed can be again (--report).
  writeLatest();
}
const SAMPLES_USED = env.samples;

/** bench-results/latest.json: this run's measurements, and its report once printed. */
function writeLatest(report) {
  const latest = { env, formula: FORMULA, plan: at(PLAN_PATH).replace(at(ROOT), ''), pkgChangedDuringRun: pkgChanged, targets, ...extra, report };
  writeFileSync(new URL('latest.json', OUT), `${JSON.stringify(latest, null, 2)}\n`);
}

// ---------------------------------------------------------------- report
const nativeLabel = (t) => `native ${t.optLevel === '?' || t.optLevel === 'release' ? t.profile : `O${t.optLevel}`}`;
const ROWS_T = [
  ...Object.keys(targets).filter((k) => k.startsWith('native') && targets[k]).map((k) => [k, nativeLabel(targets[k])]),
  ['node', 'wasm node'],
  ['inline', 'wasm inline'],
  ['chromiumWeb', 'chromium web'],
  ['chromiumInline', 'chromium inline'],
  ['nowasm', 'nowasm'],
  ['nowasmJitless', 'nowasm jitless*'],
  ['peer', 'decimal.js peer'],
  ['peerJitless', 'decimal.js jitless*'],
].filter(([k]) => targets[k]);
/** The WebAssembly builds the budgets and ratio targets are for. */
const WASM = ROWS_T.filter(([k]) => ['node', 'inline', 'chromiumWeb', 'chromiumInline'].includes(k));
// Columns: [header, engine key, peer key, is a batch, budget ns]
const OPS = [
  ['f.compile', 'formula.compile', null, false, null],
  ['f.eval 1', 'formula.evaluate', 'peer.formula.one', false, null],
  ['f.evalMany 10k', 'formula.evaluateMany', 'peer.formula.batch', true, null],
  ['plan compile', 'plan.compile', null, false, 200e3],
  ['plan eval', 'plan.evaluate', 'peer.plan.one', false, null],
  ['plan eval+explain', 'plan.evaluate.explain', null, false, null],
  ['plan evalMany 10k', 'plan.batch', 'peer.plan.batch', true, null],
  ['score eval', 'score.evaluate', 'peer.score.one', false, null],
  ['score eval+explain', 'score.evaluate.explain', null, false, null],
  ['evaluateTeam 10k', 'score.team.batch', 'peer.score.team.batch', true, 30e6],
  // PRODUCT.md's reference workload is the sample plan: its compile is held to the budget too.
  ['pay compile', 'pay.compile', null, false, 200e3],
  ['pay eval', 'pay.evaluate', null, false, 15e3],
  ['pay eval+explain', 'pay.evaluate.explain', null, false, 60e3],
  // The same rep, its totals alone (`detail: 'totals'`: no lines computed or carried).
  ['pay eval totals', 'pay.evaluate.totals', null, false, 15e3],
  ['pay team 10k', 'pay.team.batch', null, true, 60e6],
  ['decompose 10k', 'decompose.10k', null, false, 20e6],
];
const OPS_A = OPS.slice(0, 7);
const OPS_B = OPS.slice(7);

const batchSize = (t) => targets[t]?.records ?? BATCH;
/** Median ns of an operation for a target; batches scaled to BATCH records. */
function ns(t, key) {
  const r = targets[t]?.results?.[key];
  if (!r) return undefined;
  return key === 'plan.batch' || key === 'formula.evaluateMany' || key.endsWith('.batch') ? (r.medianNs / batchSize(t)) * BATCH : r.medianNs;
}
const opNs = (t, op) => ns(t, t.startsWith('peer') ? op[2] : op[1]);
function fmt(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} s`;
  if (v >= 1e7) return `${(v / 1e6).toFixed(0)} ms`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} ms`;
  if (v >= 1e4) return `${(v / 1e3).toFixed(0)} µs`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} µs`;
  return `${v.toFixed(0)} ns`;
}
function table(head, rows, rightFrom = 1) {
  const len = (t) => [...t].length;
  const widths = head.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const cellText = (c, i) => (i >= rightFrom ? ' '.repeat(widths[i] - len(c)) + c : c + ' '.repeat(widths[i] - len(c)));
  const line = (cells) => cells.map((c, i) => cellText(c ?? '', i)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
const lines = [];
const p = (t = '') => lines.push(t);
const r = (a, b) => (a && b ? a / b : undefined);
const x = (v) => (v === undefined ? '—' : v >= 10 ? `${v.toFixed(0)}×` : `${v.toFixed(2)}×`);
const verdict = (ok) => (ok === undefined ? '' : ok ? 'MET' : 'NOT MET');

p(`salescore benchmark — ${env.date}`);
p(`machine: ${env.cores} cores (${env.cpu}), ${env.memoryGiB} GiB, ${env.platform}`);
p(`Node ${env.node} (V8 ${env.v8}); ${extra.chromiumVersion ? `Chromium ${extra.chromiumVersion}; ` : ''}${env.rustc ?? 'rustc ?'}; commit ${env.commit ?? '?'}${env.dirty ? ' + uncommitted changes in src/ or Cargo.*' : ''}`);
p(`load average ${env.loadavgStart.join(' ')} at start, ${env.loadavgEnd.join(' ')} at end`);
p('NOTE: this is a shared, noisy machine (other jobs run beside the benchmark): trust ratios and orders of');
p('      magnitude, not single microseconds; compare runs only on the same machine and load.');
p(`Medians of ${SAMPLES_USED} samples after warm-up (each sample ≈ 25 ms of back-to-back calls, at least one call), every`);
p('Node target in its own process with a full GC between samples; Chromium: one fresh page per build, no GC between');
p('samples (a page cannot call one), performance.now() coarsened to 0.1 ms (a 25 ms sample keeps that under 0.5 %).');
p('Batch columns are the time for 10,000 records (10 ms = 1 µs per record).');
if (pkgChanged) p('WARNING: pkg/ changed during the run (rebuilt?): the WASM columns may mix two builds.');
const budgetRow = (ops) => ['budget', ...ops.map((op) => (op[4] ? `≤ ${fmt(op[4])}` : ''))];
for (const ops of [OPS_A, OPS_B]) {
  p();
  p(table(['median per call', ...ops.map((o) => o[0])], [...ROWS_T.map(([t, label]) => [label, ...ops.map((op) => fmt(opNs(t, op)))]), budgetRow(ops)]));
}
p();
if (targets.nowasmJitless) p(`* node --jitless: no JIT and no WebAssembly at all (like a locked-down WebView); ${targets.nowasmJitless.records} records, ${targets.nowasmJitless.samples} samples, batches scaled ×${BATCH / targets.nowasmJitless.records}; no decomposition.`);
p('f.* = Formula: compile (+free), evaluate one record object, evaluateMany of 10,000 records (one call).');
p('plan = bench/fixtures/plan.json (11 metrics): compile (+free) from the object; eval = plan.evaluate(record, {explain: false});');
p('  +explain = {explain: true}. score = the sample plan (samples/team/plan.json) without its incentive section (the peer');
p('  computes the scorecard only) on a generated team (bench/lib/team.mjs); evaluateTeam 10k = one plan.evaluateTeam call,');
p('  through the admin entry of the same build (pkg/admin/: the team batch is its Plan\'s, built for speed), as pay team 10k.');
p('pay = the whole sample plan, scorecard and incentive statement (commission by product rule on ~10 orders per rep,');
p('  target bonus × 绩效系数 × 回款系数, SPIFF, pools per group): compile, one rep, explained, a 10,000-rep team in one call.');
p(`decompose 10k = decompose(spec object) of a ${LEAVES.toLocaleString('en')}-leaf tree through the targets entry (pkg/targets/); natively from the JSON text.`);
p('native = benches/native.rs: the public Rust API plus the same output conversion as the shims, no JS boundary.');
p('chromium web = pkg/index.js (+ pkg/targets/, pkg/admin/ index.js), the .wasm fetched; chromium inline = pkg/inline.js (+ targets, admin).');
p('decimal.js peer = bench/peer/ (precision 28, ROUND_HALF_UP): no validation, no explanation. Every engine\'s outputs');
p(`were verified equal to the peer's on all ${BATCH} records and reps (numbers and exact strings; plan traces every 10th`);
p('record), natively and in Chromium too; the incentive statements (no peer) are the same in every build and host, and the');
p('decomposition (no peer) shares the total exactly and is the same natively, in every build and in Chromium.');

// Budgets
p();
p('budgets (median ≤ budget; the WebAssembly builds in Node and Chromium)');
const budgetRows = [];
for (const op of OPS.filter((o) => o[4])) {
  for (const [t, label] of WASM) {
    const v = ns(t, op[1]);
    if (v !== undefined) budgetRows.push([op[0], label, fmt(v), `≤ ${fmt(op[4])}`, v <= op[4] ? 'MET' : `NOT MET (×${(v / op[4]).toFixed(1)})`]);
  }
}
p(table(['workload', 'build', 'median', 'budget', 'verdict'], budgetRows, 2));

// Batch vs single
p();
p('batch vs a loop of single calls (time per record of single calls ÷ time per record of the batch; target ≥ 3×)');
const PAIRS = [
  ['formula evaluateMany vs evaluate', 'formula.evaluate', 'formula.evaluateMany', 'peer.formula.one', 'peer.formula.batch'],
  ['plan evaluateMany vs evaluate', 'plan.evaluate', 'plan.batch', 'peer.plan.one', 'peer.plan.batch'],
  ['evaluateTeam per rep vs one rep', 'score.team.one', 'score.team.batch', 'peer.score.one', 'peer.score.team.batch'],
  ['pay team per rep vs one rep', 'pay.team.one', 'pay.team.batch'],
];
// The team rows divide one rep and the batch of the same entry (salescore/admin: `*.team.one`);
// a native build has one entry, so there the one rep is `score.evaluate` / `pay.evaluate`.
const single = (t, one) => ns(t, one) ?? (one && ns(t, one.replace('.team.one', '.evaluate')));
const gain = (t, one, many) => r(single(t, one), ns(t, many) / BATCH);
p(table(['', ...PAIRS.map((q) => q[0])], [
  ...ROWS_T.filter(([t]) => !t.endsWith('Jitless')).map(([t, label]) => [label, ...PAIRS.map(([, one, many, peerOne, peerMany]) => x(t === 'peer' ? gain(t, peerOne, peerMany) : gain(t, one, many)))]),
  ...WASM.map(([t, label]) => [`verdict ${label}`, ...PAIRS.map(([, one, many]) => {
    const g = gain(t, one, many);
    return g === undefined ? '' : verdict(g >= 3);
  })]),
]));
p('(the team columns time one rep and the batch through the same entry, salescore/admin; the peer row is for reference:');
p('its one-rep time is scoreRep alone, its team time adds ranks and groups; no pay peer)');

// WASM vs native
const natives = ROWS_T.filter(([t]) => t.startsWith('native'));
p();
p('ratios (time ÷ time; above 1× the first is slower)');
p(table(['', ...OPS.map((o) => o[0])], [
  ...natives.flatMap(([t, label]) => [['wasm node', 'node'], ['chromium web', 'chromiumWeb']].filter(([, k]) => targets[k])
    .map(([wl, k]) => [`${wl} ÷ ${label}`, ...OPS.map((op) => x(r(ns(k, op[1]), ns(t, op[1]))))])),
  ['wasm inline ÷ wasm node', ...OPS.map((op) => x(r(ns('inline', op[1]), ns('node', op[1]))))],
  ...(targets.chromiumWeb ? [['chromium web ÷ wasm node', ...OPS.map((op) => x(r(ns('chromiumWeb', op[1]), ns('node', op[1]))))]] : []),
  ...(targets.chromiumInline ? [['chromium inline ÷ chromium web', ...OPS.map((op) => x(r(ns('chromiumInline', op[1]), ns('chromiumWeb', op[1]))))]] : []),
  ['nowasm ÷ wasm node', ...OPS.map((op) => x(r(ns('nowasm', op[1]), ns('node', op[1]))))],
  ...(targets.nowasmJitless ? [['nowasm jitless ÷ nowasm', ...OPS.map((op) => x(r(ns('nowasmJitless', op[1]), ns('nowasm', op[1]))))]] : []),
]));
p();
p('WASM within 1.5× of native on every workload (wasm node and chromium web ÷ native)');
for (const [t, label] of natives) {
  for (const [wl, k] of [['wasm node', 'node'], ['chromium web', 'chromiumWeb']].filter(([, k2]) => targets[k2])) {
    const within = [], over = [];
    for (const op of OPS) {
      const v = r(ns(k, op[1]), ns(t, op[1]));
      if (v !== undefined) (v <= 1.5 ? within : over).push(`${op[0]} ${x(v)}`);
    }
    p(`  ${wl} vs ${label}: ${verdict(over.length === 0)} — within on ${within.length}/${within.length + over.length}${over.length ? `; over: ${over.join(', ')}` : ''}`);
  }
}

// Peer
p();
p('speed-up over the decimal.js peer (peer time ÷ engine time; target ≥ 5× for the team batch, ≥ 3× for the other batches)');
const speed = (eng, peer, op) => r(ns(peer, op[2]), ns(eng, op[1]));
const peerOps = OPS.filter((o) => o[2]);
const target = (op) => (!op[3] ? undefined : op[1] === 'score.team.batch' ? 5 : 3);
p(table(['', ...peerOps.map((o) => o[0])], [
  ...[...WASM, ...ROWS_T.filter(([k]) => k === 'nowasm')].map(([t, label]) => [label, ...peerOps.map((op) => x(speed(t, 'peer', op)))]),
  ...(targets.nowasmJitless ? [['nowasm vs peer, both jitless', ...peerOps.map((op) => x(speed('nowasmJitless', 'peerJitless', op)))]] : []),
  ['target', ...peerOps.map((op) => (target(op) ? `≥ ${target(op)}×` : ''))],
  ...WASM.map(([t, label]) => [`verdict ${label}`, ...peerOps.map((op) => {
    const v = speed(t, 'peer', op);
    return !target(op) || v === undefined ? '' : verdict(v >= target(op));
  })]),
]));

// Decomposition
p();
p(`decomposition of ${LEAVES.toLocaleString('en')} leaves (budget ≤ 20 ms): from the spec object, and from its JSON text as natively`);
const decRows = ROWS_T.filter(([t]) => targets[t]?.results?.['decompose.10k']);
const nativeDec = natives.map(([t, label]) => [label, ns(t, 'decompose.10k')]).filter(([, v]) => v);
p(table(['build', 'object', 'text', 'verdict', ...nativeDec.map(([l]) => `text ÷ ${l}`)], decRows.map(([t, label]) => {
  const obj = t.startsWith('native') ? undefined : ns(t, 'decompose.10k');
  const text = t.startsWith('native') ? ns(t, 'decompose.10k') : ns(t, 'decompose.10k.text');
  const main = obj ?? text;
  return [label, fmt(obj), fmt(text), verdict(main <= 20e6), ...nativeDec.map(([, v]) => x(r(text, v)))];
})));

// Start-up
const su = extra.startup;
if (su) {
  p();
  p(`start-up of the one-file builds (import + init, cold, one shot; median of ${env.starts} fresh starts, each a new process or page;`);
  p('budget ≤ 50 ms for the form entry). Node: `await import(file)` (an IIFE: read + vm.runInThisContext) then `await init()`.');
  p('Chromium: the file\'s text is fetched first (not timed: the test server is not a network), then an ESM file is imported');
  p('from a blob: URL, an IIFE runs as an inline classic script, then `await init()`.');
  const hosts = ['node', 'chromium'].filter((h) => su[h]);
  p(table(['entry', 'build', 'file', 'budget', ...hosts.flatMap((h) => [h, 'verdict'])], su.files.map((f) => {
    const budget = f.entry === 'form' ? 50 : undefined;
    return [f.entry, f.flavour, `pkg/${f.file}`, budget ? `≤ ${budget} ms` : '', ...hosts.flatMap((h) => {
      const ms = su[h][f.file].medianMs;
      return [`${ms.toFixed(1)} ms`, budget ? verdict(ms <= budget) : ''];
    })];
  }), 3));
}

// Sizes
if (extra.sizes) {
  p();
  p(`sizes of every import (scripts/entries.mjs measure(); 1 KB = ${KB} B; gzip = zlib level 9, brotli quality 11). budget: the`);
  p('product\'s gzip budget; limit: the ratchet the size check of ./run test holds (growth past it fails the tests).');
  const over = (f, kib) => `+${((f.gzip - kib * KB) / KB).toFixed(1)} KB`;
  p(table(['import', 'raw', 'gzip', 'brotli', 'budget', 'verdict', 'limit', ''], extra.sizes.map((f) => {
    if (f.missing) return [f.import, 'missing'];
    const budget = f.target ?? f.budget;
    const onBudget = f.onTarget ?? (budget === undefined ? undefined : f.gzip <= budget * KB);
    return [f.import, `${(f.raw / KB).toFixed(1)} KB`, `${(f.gzip / KB).toFixed(1)} KB`, `${(f.brotli / KB).toFixed(1)} KB`,
      budget ? `≤ ${budget} KB` : '', onBudget === undefined ? '' : onBudget ? 'MET' : `NOT MET (${over(f, budget)})`,
      f.limit ? `≤ ${f.limit} KB` : '', f.limit === undefined ? '' : f.ok ? 'under' : `OVER (${over(f, f.limit)})`];
  }), 1));
}
const bd = extra.breakdown;
if (bd) {
  const names = Object.keys(bd);
  p();
  p('where each entry\'s .wasm code goes, by module (a named twin: the same cargo build, wasm-opt -Oz -g; the top 20 of each');
  p('entry; code bytes only, raw). LTO and wasm-opt inline much into the exports (their own group): the rest are lower bounds.');
  p(`code: ${names.map((n) => `${n} ${(bd[n].total / KB).toFixed(0)} KB of a ${(bd[n].twinBytes / KB).toFixed(0)} KB twin`).join(', ')}`);
  const top = new Set(names.flatMap((n) => bd[n].groups.slice(0, 20).map((g) => g.group)));
  const rows = [...top].map((g) => [g, ...names.map((n) => bd[n].groups.find((e) => e.group === g))]);
  rows.sort((a, b) => Math.max(...b.slice(1).map((e) => e?.bytes ?? 0)) - Math.max(...a.slice(1).map((e) => e?.bytes ?? 0)));
  p(table(['module', ...names.flatMap((n) => [n, 'share'])], rows.map(([g, ...es]) => [g, ...es.flatMap((e, i) => (e
    ? [`${(e.bytes / KB).toFixed(1)} KB`, `${((e.bytes / bd[names[i]].total) * 100).toFixed(1)} %`] : ['', '']))])));
}

// Where the time goes
const dn = (k) => ns('node', k);
p();
p('where the time goes (wasm node build)');
p(`  call floor: formula "1" on {} with an options object ${fmt(dn('diag.callFloor'))}, with options omitted ${fmt(dn('diag.callFloorNoOptions'))}`);
p(`  plan eval: {explain:false} ${fmt(dn('plan.evaluate'))}, options omitted ${fmt(dn('diag.plan.evaluate.noOptions'))}, numbers:'string' ${fmt(dn('diag.plan.evaluate.strings'))}`);
p(`  plan compile: from the object ${fmt(dn('plan.compile'))} (JSON.stringify of it alone ${fmt(dn('diag.jsonStringifyPlan'))}), from the JSON text ${fmt(dn('diag.plan.compile.fromString'))}`);
for (const [t, label] of natives) {
  const gap = dn('plan.evaluate') - ns(t, 'plan.evaluate');
  p(`  plan eval: ${label} ${fmt(ns(t, 'plan.evaluate'))} → wasm adds ${gap > 0 ? fmt(gap) : '(none measurable)'}; explain adds ${fmt(dn('plan.evaluate.explain') - dn('plan.evaluate'))} in wasm, ${fmt(ns(t, 'plan.evaluate.explain') - ns(t, 'plan.evaluate'))} in ${label}`);
}

const text = lines.join('\n');
console.log(`\n${text}`);
if (REPORT) process.exit(0);
writeLatest(text);
console.error(`\n» wrote bench-results/latest.json`);
