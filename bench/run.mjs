#!/usr/bin/env node
// salescore benchmark harness: `npm run bench` (= node bench/run.mjs).
//
// In one run, side by side: the formula and plan workloads through the WASM Node build
// (pkg/node.js), the inlined build (pkg/inline.js), the no-WASM build (pkg/nowasm.js, also under
// `node --jitless`), natively (benches/native.rs at opt-level 3 and at the release profile the .wasm is built with), and a
// hand-written decimal.js peer. Every engine's outputs are checked against the peer's before
// anything is timed; a difference aborts the run. Prints a table, writes
// bench-results/latest.json.
//
// Options:
//   --samples N     samples per measurement (default 15; jitless runs use min(N, 5))
//   --quick         --samples 5
//   --no-native     skip the native Rust benchmark (no cargo build)
//   --no-jitless    skip the `node --jitless` runs
//   --report FILE   only print the report of an earlier run's JSON (e.g. bench-results/latest.json)
//   --native-profile P[,P2]  cargo profiles for the native benchmark (default
//                   bench-native,release: the bench-native profile (opt-level 3), and the release
//                   profile itself, as the .wasm is built — so the opt-level's share of the
//                   WASM-vs-native gap is visible)
//
// Benchmarks are a command, never a timed test: nothing here fails on slowness. The exit code is
// non-zero only when outputs differ, a build is missing, or a target crashes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateRecords } from './lib/records.mjs';
import { sizes, wasmSections, KB } from './lib/sizes.mjs';
import { BATCH, FORMULA, PLAN_PATH, SEED } from './lib/workload.mjs';
import { payoutString } from './peer/formula.mjs';
import { planMetricStrings } from './peer/plan.mjs';
import { evaluateTeam as peerTeam, scoreRep } from './peer/scorecard.mjs';
import { engineRep, engineTeam, firstDiff } from './lib/scorecard.mjs';
import { generateTeam } from './lib/team.mjs';

const ROOT = new URL('../', import.meta.url);
const PKG = new URL('pkg/', ROOT);
const OUT = new URL('bench-results/', ROOT);
const at = (u) => fileURLToPath(u);

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const value = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const SAMPLES = Number(value('--samples', flag('--quick') ? 5 : 15));
const JITLESS_SAMPLES = Math.min(SAMPLES, 5);
const JITLESS_RECORDS = 1000;
const NATIVE_PROFILES = value('--native-profile', 'bench-native,release').split(',').filter(Boolean);

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
  batch: BATCH,
  seed: SEED,
};

// ---------------------------------------------------------------- pkg/ (may be mid-rebuild)
const NEEDED = ['node.js', 'inline.js', 'nowasm.js', 'web/salescore_bg.wasm', 'web/salescore.js'];
async function waitForPkg() {
  for (let waited = 0; ; waited += 5) {
    const missing = NEEDED.filter((f) => !existsSync(new URL(f, PKG)));
    if (!missing.length) return;
    if (waited >= 180) die(`pkg/ is incomplete (missing ${missing.join(', ')}); run ./scripts/build.sh first`);
    say(`pkg/ incomplete (missing ${missing.join(', ')}), maybe being rebuilt; waiting (${waited}s)…`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}
const pkgStamp = () => NEEDED.map((f) => { try { return statSync(new URL(f, PKG)).mtimeMs; } catch { return 0; } }).join(',');
const RECORDS_FILE = new URL('records.json', OUT);
const TEAM_FILE = new URL('team.json', OUT);
const SCORECARD_PATH = new URL('../samples/team/plan.json', import.meta.url);
let records, peerStrings, peerPlanStrings;

// ---------------------------------------------------------------- targets
function runWorker(target, { jitless = false, records: n } = {}) {
  const args = ['--expose-gc', ...(jitless ? ['--jitless'] : []), at(new URL('worker.mjs', import.meta.url)), target,
    '--samples', String(jitless ? JITLESS_SAMPLES : SAMPLES), ...(n ? ['--records', String(n)] : [])];
  say(`${target}${jitless ? ' (node --jitless)' : ''}: verifying and timing…`);
  const r = spawnSync(process.execPath, args, { cwd: at(ROOT), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  let out;
  try { out = JSON.parse(r.stdout); } catch { die(`${target}${jitless ? ' --jitless' : ''} crashed (exit ${r.status}, signal ${r.signal})`); }
  if (out.error) die(out.error);
  if (r.status !== 0) die(`${target} exited ${r.status}`);
  return out;
}

function runNative(profile) {
  say(`native: cargo bench --profile ${profile} --bench native --no-run (first build takes a minute or two)…`);
  const build = spawnSync('cargo', ['bench', '--profile', profile, '--bench', 'native', '--no-run', '--message-format=json-render-diagnostics'],
    { cwd: at(ROOT), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (build.status !== 0) die(`building the native benchmark failed (exit ${build.status}); use --no-native to skip it`);
  const exe = build.stdout.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return {}; } })
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'native' && m.executable)?.executable;
  if (!exe) die('cargo did not report the native benchmark executable');
  const check = new URL('native-outputs.json', OUT);
  say(`native (${profile}): verifying and timing…`);
  const r = spawnSync(exe, ['--json', '--records', at(RECORDS_FILE), '--plan', at(PLAN_PATH), '--samples', String(SAMPLES), '--check', at(check),
    '--scorecard', at(SCORECARD_PATH), '--team', at(TEAM_FILE)],
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
  const team = generateTeam(BATCH);
  for (let i = 0; i < team.length; i++) {
    const diff = firstDiff(engineRep(got.scores[i]), scoreRep(team[i]));
    if (diff) die(`OUTPUT MISMATCH (native) scorecard at rep ${i}, ${diff.path}: native ${JSON.stringify(diff.engine)}, peer ${JSON.stringify(diff.peer)}`);
  }
  const teamDiff = firstDiff(engineTeam(got.team), peerTeam(team));
  if (teamDiff) die(`OUTPUT MISMATCH (native) evaluateTeam at ${teamDiff.path}: native ${JSON.stringify(teamDiff.engine)}, peer ${JSON.stringify(teamDiff.peer)}`);
  say(`native (${profile}): verified ${records.length} records and a ${team.length}-rep team against the decimal.js peer`);
  return out;
}

let targets = {};
let pkgChanged = false;
if (REPORT) {
  const prev = JSON.parse(readFileSync(REPORT, 'utf8'));
  ({ targets, env } = prev);
  pkgChanged = prev.pkgChangedDuringRun;
} else {
  await waitForPkg();
  await new Promise((r) => setTimeout(r, 200));
  const stampBefore = pkgStamp();
  mkdirSync(OUT, { recursive: true });
  records = generateRecords(BATCH, SEED);
  writeFileSync(RECORDS_FILE, JSON.stringify(records));
  writeFileSync(TEAM_FILE, JSON.stringify(generateTeam(BATCH)));
  peerStrings = records.map(payoutString);
  peerPlanStrings = records.map(planMetricStrings);

  if (!flag('--no-native')) NATIVE_PROFILES.forEach((prof) => { targets[`native-${prof}`] = runNative(prof); });
  targets.node = runWorker('node');
  targets.inline = runWorker('inline');
  targets.nowasm = runWorker('nowasm');
  targets.peer = runWorker('peer');
  if (!flag('--no-jitless')) {
    targets.nowasmJitless = runWorker('nowasm', { jitless: true, records: JITLESS_RECORDS });
    targets.peerJitless = runWorker('peer', { jitless: true, records: JITLESS_RECORDS });
  }
  env.loadavgEnd = os.loadavg().map((x) => +x.toFixed(2));
  pkgChanged = pkgStamp() !== stampBefore;
}
const SAMPLES_USED = env.samples;

// ---------------------------------------------------------------- report
const nativeLabel = (t) => `native ${t.optLevel === '?' || t.optLevel === 'release' ? t.profile : `O${t.optLevel}`}`;
const ROWS_T = [
  ...Object.keys(targets).filter((k) => k.startsWith('native') && targets[k]).map((k) => [k, nativeLabel(targets[k])]),
  ['node', 'wasm node'],
  ['inline', 'wasm inline'],
  ['nowasm', 'nowasm'],
  ['nowasmJitless', 'nowasm jitless*'],
  ['peer', 'decimal.js peer'],
  ['peerJitless', 'decimal.js jitless*'],
].filter(([k]) => targets[k]);
// Columns: [header, engine key, peer key, is a batch, budget ns]
const OPS = [
  ['f.compile', 'formula.compile', null, false, null],
  ['f.eval 1', 'formula.evaluate', 'peer.formula.one', false, null],
  ['f.evalMany 10k', 'formula.evaluateMany', 'peer.formula.batch', true, null],
  ['plan compile', 'plan.compile', null, false, 200e3],
  ['plan eval', 'plan.evaluate', 'peer.plan.one', false, 10e3],
  ['plan eval+explain', 'plan.evaluate.explain', null, false, 50e3],
  ['plan evalMany 10k', 'plan.batch', 'peer.plan.batch', true, null],
  ['score eval', 'score.evaluate', 'peer.score.one', false, 10e3],
  ['score eval+explain', 'score.evaluate.explain', null, false, 50e3],
  ['evaluateTeam 10k', 'score.team.batch', 'peer.score.team.batch', true, 30e6],
  ['pay eval', 'pay.evaluate', null, false, 10e3],
  ['pay eval+explain', 'pay.evaluate.explain', null, false, 50e3],
  ['pay team 10k', 'pay.team.batch', null, true, 30e6],
];

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

p(`salescore benchmark — ${env.date}`);
p(`machine: ${env.cores} cores (${env.cpu}), ${env.memoryGiB} GiB, ${env.platform}`);
p(`Node ${env.node} (V8 ${env.v8}); ${env.rustc ?? 'rustc ?'}; commit ${env.commit ?? '?'}${env.dirty ? ' + uncommitted changes in src/ or Cargo.*' : ''}`);
p(`load average ${env.loadavgStart.join(' ')} at start, ${env.loadavgEnd.join(' ')} at end`);
p('NOTE: this is a shared, noisy machine (other jobs run beside the benchmark): trust ratios and orders of');
p('      magnitude, not single microseconds; compare runs only on the same machine and load.');
p(`Medians of ${SAMPLES_USED} samples after warm-up (each sample ≈ 25 ms of back-to-back calls, GC between samples),`);
p('every target in its own process. Batch columns are the time for 10,000 records (10 ms = 1 µs per record).');
if (pkgChanged) p('WARNING: pkg/ changed during the run (rebuilt?): the WASM columns may mix two builds.');
p();
p(table(['median per call', ...OPS.map((o) => o[0])], [
  ...ROWS_T.map(([t, label]) => [label, ...OPS.map((op) => fmt(opNs(t, op)))]),
  ['budget (product card)', ...OPS.map((op) => (op[4] ? `≤ ${fmt(op[4])}` : ''))],
]));
p();
if (targets.nowasmJitless) p(`* node --jitless: no JIT and no WebAssembly at all (like a locked-down WebView); ${targets.nowasmJitless.records} records, ${targets.nowasmJitless.samples} samples, batches scaled ×${BATCH / targets.nowasmJitless.records}.`);
p('f.* = Formula: compile (+free), evaluate one record object, evaluateMany of 10,000 records (one call).');
p('plan compile = Plan.compile(document object) + free; plan eval = plan.evaluate(record, {explain: false}); +explain = {explain: true}.');
p('score = the sample plan (samples/team/plan.json: 10 indicators, 3 profiles, phases, gate, vetoes, blend, points, forced');
p('  distribution, aggregates, PK, leaderboard) on a generated team (bench/lib/team.mjs): score eval = plan.evaluate(rep),');
p('  evaluateTeam 10k = plan.evaluateTeam(10,000 reps) in one call (ranks, distribution, groups, PK, leaderboard).');
p('  The score columns leave the plan\'s incentive section out (the decimal.js peer computes the scorecard only);');
p('  pay = the whole sample plan (the budgets\' reference workload): the scorecard plus the incentive statement —');
p('  commission by product rule on ~10 orders per rep, target bonus × 绩效系数 × 回款系数, SPIFF, pools per group.');
p('native = benches/native.rs: the public Rust API plus the same output conversion as the shims, no JS boundary.');
p('decimal.js peer = bench/peer/ (precision 28, ROUND_HALF_UP): no validation, no explanation. Every engine\'s outputs');
p(`were verified equal to the peer's on all ${BATCH} records (numbers and exact strings; plan traces every 10th record).`);

// Ratios
const r = (a, b) => (a && b ? a / b : undefined);
const x = (v) => (v === undefined ? '—' : v >= 10 ? `${v.toFixed(0)}×` : `${v.toFixed(2)}×`);
const natives = ROWS_T.filter(([t]) => t.startsWith('native'));
p();
p('ratios (time ÷ time; above 1× the first is slower)');
p(table(['', ...OPS.map((o) => o[0])], [
  ...natives.map(([t, label]) => [`wasm node ÷ ${label}`, ...OPS.map((op) => x(r(ns('node', op[1]), ns(t, op[1]))))]),
  ['wasm inline ÷ wasm node', ...OPS.map((op) => x(r(ns('inline', op[1]), ns('node', op[1]))))],
  ['nowasm ÷ wasm node', ...OPS.map((op) => x(r(ns('nowasm', op[1]), ns('node', op[1]))))],
  ...(targets.nowasmJitless ? [['nowasm jitless ÷ nowasm', ...OPS.map((op) => x(r(ns('nowasmJitless', op[1]), ns('nowasm', op[1]))))]] : []),
]));
p();
p('speed-up over the decimal.js peer (peer time ÷ engine time; the target is ≥ 3× for batches)');
const speed = (eng, peer, op) => r(ns(peer, op[2]), ns(eng, op[1]));
const peerOps = OPS.filter((o) => o[2]);
p(table(['', ...peerOps.map((o) => o[0])], [
  ['wasm node', ...peerOps.map((op) => x(speed('node', 'peer', op)))],
  ['wasm inline', ...peerOps.map((op) => x(speed('inline', 'peer', op)))],
  ['nowasm', ...peerOps.map((op) => x(speed('nowasm', 'peer', op)))],
  ...(targets.nowasmJitless ? [['nowasm vs peer, both jitless', ...peerOps.map((op) => x(speed('nowasmJitless', 'peerJitless', op)))]] : []),
  ['target', ...peerOps.map((op) => (op[3] ? '≥ 3×' : ''))],
  ['verdict (wasm node)', ...peerOps.map((op) => {
    const v = speed('node', 'peer', op);
    return !op[3] || v === undefined ? '' : v >= 3 ? 'MET' : 'NOT MET';
  })],
]));

// Budgets
p();
p('product-card budgets');
const budgetRows = [];
for (const op of OPS.filter((o) => o[4])) {
  for (const [t, label] of ROWS_T.filter(([k]) => !k.startsWith('peer') && !k.startsWith('native'))) {
    const v = ns(t, op[1]);
    if (v !== undefined) budgetRows.push([op[0], label, fmt(v), `≤ ${fmt(op[4])}`, v <= op[4] ? 'under' : `OVER ×${(v / op[4]).toFixed(1)}`]);
  }
}
p(table(['budget', 'build', 'median', 'budget', 'status'], budgetRows, 2));

// Sizes
const sz = sizes(PKG);
p();
p(`build sizes (1 KB = ${KB} B; gzip = zlib level 9; brotli q11 for reference)`);
p(table(['file', 'raw', 'gzip -9', 'brotli', 'budget', 'status'], sz.map((f) => {
  if (f.missing) return [f.file, 'missing', '', '', '', ''];
  const b = f.checks.map((c) => `${c.of} ≤ ${c.limit / KB} KB`).join(', ');
  const st = f.checks.map((c) => (c.ok ? `${c.of} under` : `${c.of} OVER by ${((c.actual - c.limit) / KB).toFixed(1)} KB`)).join(', ');
  return [`${f.file} — ${f.what}`, `${(f.raw / KB).toFixed(1)} KB`, `${(f.gzip / KB).toFixed(1)} KB`, `${(f.brotli / KB).toFixed(1)} KB`, b, st];
}), 1));
const sections = wasmSections(new URL('web/salescore_bg.wasm', PKG));
const custom = sections.filter((s) => s.name.startsWith('custom'));
p(`.wasm sections: ${sections.slice(0, 3).map((s) => `${s.name} ${(s.raw / KB).toFixed(1)} KB (gzip ${(s.gzip / KB).toFixed(1)})`).join(', ')}; `
  + `${custom.length} custom sections, ${(custom.reduce((a, s) => a + s.raw, 0) / KB).toFixed(1)} KB`);

// Where the time goes
const d = (k) => ns('node', k);
p();
p('where the time goes (wasm node build)');
p(`  call floor: formula "1" on {} with an options object ${fmt(d('diag.callFloor'))}, with options omitted ${fmt(d('diag.callFloorNoOptions'))}`);
p(`  plan eval: {explain:false} ${fmt(d('plan.evaluate'))}, options omitted ${fmt(d('diag.plan.evaluate.noOptions'))}, numbers:'string' ${fmt(d('diag.plan.evaluate.strings'))}`);
p(`  plan compile: from the object ${fmt(d('plan.compile'))} (JSON.stringify of it alone ${fmt(d('diag.jsonStringifyPlan'))}), from the JSON text ${fmt(d('diag.plan.compile.fromString'))}`);
for (const [t, label] of natives) {
  const gap = d('plan.evaluate') - ns(t, 'plan.evaluate');
  p(`  plan eval: ${label} ${fmt(ns(t, 'plan.evaluate'))} → wasm adds ${gap > 0 ? fmt(gap) : '(none measurable)'}; explain adds ${fmt(d('plan.evaluate.explain') - d('plan.evaluate'))} in wasm, ${fmt(ns(t, 'plan.evaluate.explain') - ns(t, 'plan.evaluate'))} in ${label}`);
}
p(`  start-up (import + init, cold, one shot): node ${fmt(targets.node.startupNs)}, inline ${fmt(targets.inline.startupNs)}, nowasm ${fmt(targets.nowasm.startupNs)}${targets.nowasmJitless ? `, nowasm jitless ${fmt(targets.nowasmJitless.startupNs)}` : ''}`);

const text = lines.join('\n');
console.log(`\n${text}`);
if (REPORT) process.exit(0);
const latest = { env, formula: FORMULA, plan: at(PLAN_PATH).replace(at(ROOT), ''), pkgChangedDuringRun: pkgChanged, targets, sizes: sz, wasmSections: sections, report: text };
writeFileSync(new URL('latest.json', OUT), `${JSON.stringify(latest, null, 2)}\n`);
console.error(`\n» wrote bench-results/latest.json`);
