// The engine's benchmark workloads and their verification, the same in every host: worker.mjs runs
// them in Node, lib/chromium.mjs in headless Chromium. No Node imports.
//
// `d` (the data) is { formula, planDoc, planText, scorecardPlan, records, team, spec }: the formula
// text, the fixture plan (object and JSON text), the sample plan with its incentive section, the
// generated records and team, and the decomposition spec. `x` (what to expect) is the decimal.js
// peer's outputs, from lib/expected.mjs.
import { engineRep, engineTeam, firstDiff } from './compare.mjs';

export const OFF = { explain: false };
export const ON = { explain: true };
export const STR = { explain: false, numbers: 'string' };
/** The totals alone (`detail: 'totals'`): what a form shows beside a record. */
export const TOTALS = { detail: 'totals' };

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Throws, with the record and both outputs, at the first output of `lib` (the form entry) that
 *  differs from the peer's: formulas and plans as numbers and exact strings (plan traces every
 *  10th record), the scorecard one rep at a time and, through `team` (the admin entry of the same
 *  flavour: the team batch is its Plan's), as a team. Only then is anything timed. */
export function verify(lib, d, x, team = lib) {
  const { Formula, Plan } = lib;
  const records = d.records;
  const N = records.length;
  const fail = (what, i, got, want, input = records[i]) => {
    throw new Error(`OUTPUT MISMATCH in ${what} at record ${i}:\n  record: ${JSON.stringify(input)}\n  engine: ${JSON.stringify(got)}\n  peer:   ${JSON.stringify(want)}`);
  };
  const formula = Formula.compile(d.formula, OFF);
  const plan = Plan.compile(d.planDoc);
  const ids = Object.keys(x.plan[0]);
  const many = formula.evaluateMany(records, OFF);
  if (many.errors.length) fail('formula.evaluateMany errors', many.errors[0].index, many.errors[0].error.code, null);
  const manyStr = formula.evaluateMany(records, STR);
  for (let i = 0; i < N; i++) {
    const r = records[i];
    const wantN = x.formula[i], wantS = x.formulaStrings[i];
    if (formula.evaluate(r, OFF) !== wantN) fail('formula.evaluate', i, formula.evaluate(r, OFF), wantN);
    if (formula.evaluate(r, STR) !== wantS) fail('formula.evaluate (strings)', i, formula.evaluate(r, STR), wantS);
    if (many.values[i] !== wantN) fail('formula.evaluateMany', i, many.values[i], wantN);
    if (manyStr.values[i] !== wantS) fail('formula.evaluateMany (strings)', i, manyStr.values[i], wantS);
    const pm = plan.evaluate(r, OFF).metrics, want = x.plan[i];
    if (!same(pm, want)) fail('plan.evaluate', i, pm, want);
    const ps = plan.evaluate(r, STR).metrics, wantStr = x.planStrings[i];
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
  const batch = plan.evaluateMany(records, OFF);
  for (let i = 0; i < N; i++) if (!same(batch.results[i]?.metrics, x.plan[i])) fail('plan.evaluateMany', i, batch.results[i], x.plan[i]);
  // The sample plan without its incentive section (the peer computes the scorecard only).
  const scorecard = Plan.compile(scorecardOnly(d.scorecardPlan));
  for (let i = 0; i < d.team.length; i++) {
    const diff = firstDiff(engineRep(scorecard.evaluate(d.team[i], STR)), x.scores[i]);
    if (diff) fail(`scorecard evaluate at ${diff.path}`, i, diff.engine, diff.peer, d.team[i]);
  }
  // The same handle when the team batch is this entry's own.
  const scorecardTeam = team === lib ? scorecard : team.Plan.compile(scorecardOnly(d.scorecardPlan));
  const teamDiff = firstDiff(engineTeam(scorecardTeam.evaluateTeam(d.team, STR).team), x.team);
  if (teamDiff) fail(`scorecard evaluateTeam at ${teamDiff.path}`, 0, teamDiff.engine, teamDiff.peer, '(the whole team)');
  // The totals alone of the whole sample plan: the full result's score and pay, for 500 reps.
  const paid = Plan.compile(d.scorecardPlan);
  const pick = (r) => [r.score.profile, r.score.total, r.score.grade, r.score.coefficient, r.incentive.statement.total, r.incentive.components.map((c) => [c.id, c.amount])];
  for (const [i, rep] of payable(paid, d.team.slice(0, 500)).entries()) {
    const got = pick(paid.evaluate(rep, { ...STR, ...TOTALS })), want = pick(paid.evaluate(rep, STR));
    if (!same(got, want)) fail('pay.evaluate totals vs full', i, got, want, rep);
  }
  for (const h of new Set([formula, plan, scorecard, scorecardTeam, paid])) h.free();
}

const scorecardOnly = (doc) => ({ ...doc, incentive: undefined });

/** Reps the whole sample plan can pay one by one: a rep without a quota is a DIV_BY_ZERO error
 *  for the target bonus, left out of the one-rep timings. */
function payable(paid, team) {
  return team.filter((r) => { try { paid.evaluate(r, OFF); return true; } catch { return false; } });
}

/** The timed operations on the form entry, the team batches on `team` (the admin entry of the same
 *  flavour, whose Plan has them): [key, fn(i)], `i` a running counter. Keys are those of
 *  benches/native.rs; `diag.*` are only for "where the time goes". */
export function workloads(lib, d, { diag = true, team: teamLib = lib } = {}) {
  const { Formula, Plan } = lib;
  const { records, team } = d;
  const N = records.length;
  const rec = (i) => records[i % N];
  const formula = Formula.compile(d.formula, OFF);
  const plan = Plan.compile(d.planDoc);
  const scorecard = Plan.compile(scorecardOnly(d.scorecardPlan));
  const paid = Plan.compile(d.scorecardPlan);
  const pay = payable(paid, team);
  const scorecardTeam = teamLib.Plan.compile(scorecardOnly(d.scorecardPlan));
  const paidTeam = teamLib.Plan.compile(d.scorecardPlan);
  const trivial = Formula.compile('1', OFF);
  return [
    ['formula.compile', () => Formula.compile(d.formula, OFF).free()],
    ['formula.evaluate', (i) => formula.evaluate(rec(i), OFF)],
    ['formula.evaluateMany', () => formula.evaluateMany(records, OFF)],
    ['plan.compile', () => Plan.compile(d.planDoc).free()],
    ['plan.evaluate', (i) => plan.evaluate(rec(i), OFF)],
    ['plan.evaluate.explain', (i) => plan.evaluate(rec(i), ON)],
    ['plan.batch', () => plan.evaluateMany(records, OFF)],
    ['score.evaluate', (i) => scorecard.evaluate(team[i % N], OFF)],
    ['score.evaluate.explain', (i) => scorecard.evaluate(team[i % N], ON)],
    ['score.team.batch', () => scorecardTeam.evaluateTeam(team, OFF)],
    ['pay.compile', () => Plan.compile(d.scorecardPlan).free()],
    ['pay.evaluate', (i) => paid.evaluate(pay[i % pay.length], OFF)],
    ['pay.evaluate.explain', (i) => paid.evaluate(pay[i % pay.length], ON)],
    ['pay.evaluate.totals', (i) => paid.evaluate(pay[i % pay.length], TOTALS)],
    ['pay.team.batch', () => paidTeam.evaluateTeam(team, OFF)],
    // One rep through the team batch's own entry, so that "batch vs a loop of single calls" divides
    // like by like (the form entry is built for size, the admin entry for speed).
    ...(teamLib !== lib ? [
      ['score.team.one', (i) => scorecardTeam.evaluate(team[i % N], OFF)],
      ['pay.team.one', (i) => paidTeam.evaluate(pay[i % pay.length], OFF)],
    ] : []),
    ...(diag ? [
      ['diag.callFloor', () => trivial.evaluate({}, OFF)],
      ['diag.callFloorNoOptions', () => trivial.evaluate({})],
      ['diag.plan.evaluate.noOptions', (i) => plan.evaluate(rec(i))],
      ['diag.plan.evaluate.strings', (i) => plan.evaluate(rec(i), STR)],
      ['diag.plan.compile.fromString', () => Plan.compile(d.planText).free()],
      ['diag.jsonStringifyPlan', () => JSON.stringify(d.planDoc)],
    ] : []),
  ];
}

/** The decomposition of the 10,000-leaf spec through the targets entry: from the spec object (what
 *  a page passes) and from its JSON text (what the native benchmark reads). */
export function decomposeWorkloads(targets, d) {
  const text = JSON.stringify(d.spec);
  return [
    ['decompose.10k', () => targets.decompose(d.spec)],
    ['decompose.10k.text', () => targets.decompose(text)],
  ];
}

/** A 53-bit hash of a string (cyrb53). */
export function hash(s) {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** Fingerprints of the outputs no peer computes, as exact strings, for run.mjs to compare across
 *  every build and host: the whole sample plan (scorecard and incentive statement) on every rep
 *  and as a team (through `team`, the admin entry), and the decomposition (with `targets`, the
 *  targets entry). */
export function fingerprints(lib, d, targets, team = lib) {
  const paid = lib.Plan.compile(d.scorecardPlan);
  const paidTeam = team.Plan.compile(d.scorecardPlan);
  const reps = d.team.map((r) => { try { return paid.evaluate(r, STR); } catch (e) { return { error: e.code }; } });
  const out = { reps: d.team.length, pay: hash(JSON.stringify([reps, paidTeam.evaluateTeam(d.team, STR)])) };
  paid.free();
  paidTeam.free();
  if (targets) {
    const dec = targets.decompose(d.spec, STR);
    checkDecomposition(dec, d.spec);
    out.decompose = hash(JSON.stringify(dec));
  }
  return out;
}

/** Throws unless a decomposition (exact strings) shares the spec's total exactly: the root's
 *  amount is the total and every node's children add up to its amount. */
export function checkDecomposition(dec, spec) {
  if (dec.nodes[0]?.amount !== String(spec.total)) throw new Error(`decompose: the root has ${dec.nodes[0]?.amount}, the spec's total is ${spec.total}`);
  const sums = dec.nodes.map(() => null);
  dec.nodes.forEach((n) => { if (n.parent !== null) sums[n.parent] = (sums[n.parent] ?? 0n) + BigInt(n.amount); });
  dec.nodes.forEach((n, i) => {
    if (sums[i] !== null && sums[i] !== BigInt(n.amount)) throw new Error(`decompose: the children of ${n.id} add up to ${sums[i]}, not ${n.amount}`);
  });
}
