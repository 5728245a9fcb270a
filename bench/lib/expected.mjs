// What every engine target must output, computed by the decimal.js peer (bench/peer/), and the
// benchmark's data: lib/engine.mjs's `d` and `x`. In Node the worker computes them itself; for
// Chromium run.mjs writes them to one JSON file that the page fetches.
import { FORMULA, PLAN_DOC, PLAN_TEXT } from './workload.mjs';
import { SCORECARD_PLAN } from './scorecard.mjs';
import { generateTeam } from './team.mjs';
import { generateSpec } from './decompose-spec.mjs';
import { payout, payoutString } from '../peer/formula.mjs';
import { planMetrics, planMetricStrings } from '../peer/plan.mjs';
import { evaluateTeam as peerTeam, scoreRep } from '../peer/scorecard.mjs';

export const LEAVES = 10_000;

/** The data of `n` records (and as many reps). */
export function data(records) {
  return {
    formula: FORMULA, planDoc: PLAN_DOC, planText: PLAN_TEXT, scorecardPlan: SCORECARD_PLAN,
    records, team: generateTeam(records.length), spec: generateSpec(LEAVES),
  };
}

/** The peer's outputs for `d`. */
export function expected(d) {
  return {
    formula: d.records.map(payout),
    formulaStrings: d.records.map(payoutString),
    plan: d.records.map(planMetrics),
    planStrings: d.records.map(planMetricStrings),
    scores: d.team.map(scoreRep),
    team: peerTeam(d.team),
  };
}
