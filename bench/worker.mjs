// One benchmark target in its own process (so JIT state, heap and GC of one target do not
// colour another's numbers). Run by bench/run.mjs; prints one JSON object on stdout.
//
//   node --expose-gc bench/worker.mjs <node|inline|nowasm|peer> [--records N] [--samples N]
//
// Engine targets first verify — over every record — that the build's outputs equal the
// decimal.js peer's (formula and plan, as numbers and as exact strings, with and without
// explain) and exit non-zero on the first difference. Only then is anything timed.
import { readFileSync } from 'node:fs';
import { once, measure } from './lib/measure.mjs';
import { FORMULA, PLAN_DOC, PLAN_TEXT, records as allRecords } from './lib/workload.mjs';
import { payout, payoutMany, payoutString } from './peer/formula.mjs';
import { planMetrics, planMetricStrings } from './peer/plan.mjs';
import { evaluateTeam as peerTeam, scoreRep } from './peer/scorecard.mjs';
import { SCORECARD_PLAN, engineRep, engineTeam, firstDiff } from './lib/scorecard.mjs';
import { generateTeam } from './lib/team.mjs';

const args = process.argv.slice(2);
const target = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SAMPLES = opt('--samples', 15);
const all = allRecords();
const records = all.slice(0, opt('--records', all.length));
const N = records.length;
const log = (...a) => console.error(`[${target}${process.execArgv.includes('--jitless') ? ' jitless' : ''}]`, ...a);

/** The scorecard workload: a generated team on the sample plan, as many reps as records. */
const team = generateTeam(N);

const ENTRY = { node: '../pkg/node.js', inline: '../pkg/inline.js', nowasm: '../pkg/nowasm.js' };

function fail(what, index, got, want) {
  const msg = `OUTPUT MISMATCH (${target}) in ${what} at record ${index}:\n  record: ${JSON.stringify(records[index])}\n  engine: ${JSON.stringify(got)}\n  peer:   ${JSON.stringify(want)}`;
  console.error(msg);
  process.stdout.write(JSON.stringify({ target, error: msg }));
  process.exit(3);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const OFF = { explain: false };
const ON = { explain: true };
const STR = { explain: false, numbers: 'string' };

const results = {};
const time = (key, fn, o) => {
  results[key] = measure(fn, { samples: SAMPLES, ...o });
  log(`${key}: ${(results[key].medianNs / 1000).toFixed(2)} µs`);
};

function timePeer() {
  const rec = (i) => records[i % N];
  time('peer.formula.one', (i) => payout(rec(i)));
  time('peer.formula.batch', () => payoutMany(records));
  time('peer.plan.one', (i) => planMetrics(rec(i)));
  time('peer.plan.batch', () => {
    const out = new Array(N);
    for (let k = 0; k < N; k++) out[k] = planMetrics(records[k]);
    return out;
  });
  time('peer.score.one', (i) => scoreRep(team[i % N]));
  time('peer.score.team.batch', () => peerTeam(team));
}

async function engine() {
  const start = await once(async () => {
    const m = await import(ENTRY[target]);
    if (target !== 'node') await m.init(); // inline: decode base64 + compile; nowasm: no-op
    return m;
  });
  const lib = start.value;
  const { Formula, Plan } = lib;

  // ---- verification (before any timing) ----
  const formula = Formula.compile(FORMULA, OFF);
  const plan = Plan.compile(PLAN_DOC);
  const ids = Object.keys(planMetrics(records[0]));
  const many = formula.evaluateMany(records, OFF);
  if (many.errors.length) fail('formula.evaluateMany errors', many.errors[0].index, many.errors[0].error.code, null);
  const manyStr = formula.evaluateMany(records, STR);
  for (let i = 0; i < N; i++) {
    const r = records[i];
    const wantN = payout(r), wantS = payoutString(r);
    if (formula.evaluate(r, OFF) !== wantN) fail('formula.evaluate', i, formula.evaluate(r, OFF), wantN);
    if (formula.evaluate(r, STR) !== wantS) fail('formula.evaluate (strings)', i, formula.evaluate(r, STR), wantS);
    if (many.values[i] !== wantN) fail('formula.evaluateMany', i, many.values[i], wantN);
    if (manyStr.values[i] !== wantS) fail('formula.evaluateMany (strings)', i, manyStr.values[i], wantS);
    const pm = plan.evaluate(r, OFF).metrics, want = planMetrics(r);
    if (!same(pm, want)) fail('plan.evaluate', i, pm, want);
    const ps = plan.evaluate(r, STR).metrics, wantStr = planMetricStrings(r);
    if (!same(ps, wantStr)) fail('plan.evaluate (strings)', i, ps, wantStr);
    if (i % 10 === 0) {
      const ex = plan.evaluate(r, ON);
      if (!same(ex.metrics, want)) fail('plan.evaluate (explain)', i, ex.metrics, want);
      const traced = Object.fromEntries((ex.trace ?? []).map((t) => [t.metric, t.value]));
      if (!same(Object.keys(traced).sort(), [...ids].sort()) || ids.some((id) => traced[id] !== wantStr[id])) {
        fail('plan.evaluate trace values', i, traced, wantStr);
      }
    }
  }
  log(`verified ${N} records against the decimal.js peer`);

  // ---- timing ----
  const rec = (i) => records[i % N];
  time('formula.compile', () => Formula.compile(FORMULA, OFF).free());
  time('formula.evaluate', (i) => formula.evaluate(rec(i), OFF));
  time('formula.evaluateMany', () => formula.evaluateMany(records, OFF));
  time('plan.compile', () => Plan.compile(PLAN_DOC).free());
  time('plan.evaluate', (i) => plan.evaluate(rec(i), OFF));
  time('plan.evaluate.explain', (i) => plan.evaluate(rec(i), ON));
  time('plan.batch', () => plan.evaluateMany(records, OFF));
  // Diagnostics: where the per-call time goes.
  const trivial = Formula.compile('1', OFF);
  time('diag.callFloor', () => trivial.evaluate({}, OFF));
  time('diag.callFloorNoOptions', () => trivial.evaluate({}));
  time('diag.plan.evaluate.noOptions', (i) => plan.evaluate(rec(i)));
  time('diag.plan.evaluate.strings', (i) => plan.evaluate(rec(i), STR));
  time('diag.plan.compile.fromString', () => Plan.compile(PLAN_TEXT).free());
  time('diag.jsonStringifyPlan', () => JSON.stringify(PLAN_DOC));
  // The scorecard on the sample plan (samples/team/plan.json): one rep, explained, and a whole
  // generated team in one evaluateTeam call — verified against the decimal.js peer first.
  // The sample plan pays incentives too; the scorecard columns leave that section out so that
  // they compare like with like (the peer computes the scorecard only), the pay columns keep it.
  const scorecard = Plan.compile({ ...SCORECARD_PLAN, incentive: undefined });
  for (let i = 0; i < N; i++) {
    const d = firstDiff(engineRep(scorecard.evaluate(team[i], STR)), scoreRep(team[i]));
    if (d) fail(`scorecard evaluate at ${d.path}`, i, d.engine, d.peer);
  }
  const teamDiff = firstDiff(engineTeam(scorecard.evaluateTeam(team, STR).team), peerTeam(team));
  if (teamDiff) fail(`scorecard evaluateTeam at ${teamDiff.path}`, 0, teamDiff.engine, teamDiff.peer);
  log(`verified the scorecard of ${N} generated reps (one by one and as a team) against the decimal.js peer`);
  time('score.evaluate', (i) => scorecard.evaluate(team[i % N], OFF));
  time('score.evaluate.explain', (i) => scorecard.evaluate(team[i % N], ON));
  time('score.team.batch', () => scorecard.evaluateTeam(team, OFF));
  // The whole sample plan: scorecard and incentive statement (commission on ~10 orders per rep,
  // target bonus × 绩效系数, SPIFF; pools split in the team call). Reps without a quota are
  // left out of the one-rep timings (their target bonus is a DIV_BY_ZERO error).
  const paid = Plan.compile(SCORECARD_PLAN);
  const payable = team.filter((r) => { try { paid.evaluate(r, OFF); return true; } catch { return false; } });
  time('pay.evaluate', (i) => paid.evaluate(payable[i % payable.length], OFF));
  time('pay.evaluate.explain', (i) => paid.evaluate(payable[i % payable.length], ON));
  time('pay.team.batch', () => paid.evaluateTeam(team, OFF));
  return { startupNs: start.ns };
}

let extra = {};
if (target === 'peer') timePeer();
else if (ENTRY[target]) extra = await engine();
else {
  console.error(`unknown target ${target}; expected node, inline, nowasm or peer`);
  process.exit(2);
}
process.stdout.write(JSON.stringify({
  target,
  jitless: process.execArgv.includes('--jitless'),
  records: N,
  samples: SAMPLES,
  ...extra,
  results,
}));
