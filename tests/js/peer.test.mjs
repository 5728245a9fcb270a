// The hand-written decimal.js peer (bench/peer/) against the built package (pkg/node.js) on a
// sample. The benchmark compares them on 10,000 records before it times anything
// (bench/run.mjs, bench/verify-scorecard-peer.mjs); this runs 200 of each workload with the tests,
// so a difference shows up without a benchmark run. The records are the benchmark's own
// generators (deterministic), the comparison its own (bench/lib/scorecard.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Formula, Plan } from '../../pkg/node.js';
import { Plan as AdminPlan } from '../../pkg/admin/node.js';
import { generateRecords } from '../../bench/lib/records.mjs';
import { SCORECARD_PLAN, engineRep, engineTeam, firstDiff } from '../../bench/lib/scorecard.mjs';
import { generateTeam } from '../../bench/lib/team.mjs';
import { PLAN_DOC } from '../../bench/lib/workload.mjs';
import { FORMULA, payout, payoutString } from '../../bench/peer/formula.mjs';
import { planMetrics, planMetricStrings } from '../../bench/peer/plan.mjs';
import { evaluateTeam as peerTeam, scoreRep } from '../../bench/peer/scorecard.mjs';

const N = 200;
const STR = { numbers: 'string' };
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The first difference, as a message. */
function differs(what, engine, peer) {
  const d = firstDiff(engine, peer);
  return d && `${what} at ${d.path}: engine ${JSON.stringify(d.engine)}, peer ${JSON.stringify(d.peer)}`;
}

test('the formula workload: 200 generated records pay the same, as numbers and as exact strings', () => {
  const records = generateRecords(N);
  assert.equal(records.length, N);
  const formula = Formula.compile(FORMULA);
  const paid = new Set();
  let zero = 0;
  for (const [i, r] of records.entries()) {
    const want = payoutString(r);
    assert.equal(formula.evaluate(r, STR), want, `record ${i}: ${JSON.stringify(r)}`);
    assert.equal(formula.evaluate(r), payout(r), `record ${i} (number)`);
    assert.match(want, DECIMAL);
    paid.add(want);
    if (want === '0') zero++;
  }
  // Real payouts on both sides of the 80% gate, not a run of agreeing zeros.
  assert.ok(zero > 0 && zero < N / 2, `${zero} records below the gate`);
  assert.ok(paid.size > N / 2, `only ${paid.size} distinct payouts`);
  formula.free();
});

test('the plan workload: 200 generated records give the same eleven metrics', () => {
  const records = generateRecords(N, 20260101);
  const plan = Plan.compile(PLAN_DOC);
  const ids = Object.keys(planMetricStrings(records[0]));
  assert.ok(ids.length >= 10, `${ids.length} metrics`);
  const totals = new Set();
  for (const [i, r] of records.entries()) {
    const want = planMetricStrings(r);
    const got = plan.evaluate(r, STR).metrics;
    assert.equal(differs(`record ${i}`, got, want), null);
    assert.deepEqual(plan.evaluate(r).metrics, planMetrics(r), `record ${i} (numbers)`);
    for (const id of ids) assert.match(String(got[id]), DECIMAL, `record ${i}: ${id}`);
    totals.add(JSON.stringify(got));
  }
  assert.equal(totals.size, N, 'every record its own metrics');
  plan.free();
});

test('the scorecard: 200 generated reps score, grade and rank the same', () => {
  const team = generateTeam(N);
  assert.equal(team.length, N);
  const plan = Plan.compile(SCORECARD_PLAN);
  const grades = new Map();
  const totals = new Set();
  for (const [i, r] of team.entries()) {
    const engine = engineRep(plan.evaluate(r, STR));
    assert.equal(differs(`rep ${i} (${r.工号})`, engine, scoreRep(r)), null);
    assert.match(engine.total, DECIMAL, `rep ${i}: total`);
    assert.ok(engine.indicators.length >= 5, `rep ${i}: ${engine.indicators.length} indicator lines`);
    grades.set(engine.grade, (grades.get(engine.grade) ?? 0) + 1);
    totals.add(engine.total);
  }
  assert.ok(grades.size >= 3, `grades ${JSON.stringify([...grades])}`);
  assert.ok(totals.size > N / 4, `only ${totals.size} distinct totals`);

  // The team batch is salescore/admin's.
  const teamPlan = AdminPlan.compile(SCORECARD_PLAN);
  const result = teamPlan.evaluateTeam(team, STR);
  teamPlan.free();
  assert.deepEqual(result.errors, []);
  assert.equal(differs('evaluateTeam', engineTeam(result.team), peerTeam(team)), null);
  const { members } = result.team;
  assert.equal(members.length, N);
  assert.deepEqual(members.map((m) => m.rank).sort((a, b) => a - b)[0], 1);
  assert.ok(new Set(members.map((m) => m.forcedGrade)).size >= 3, 'a forced distribution over several grades');
  plan.free();
});
