// The admin preview's workloads (a compare session of the sample plan over a generated team), the
// same as examples/compare_bench.rs times natively, for one build of salescore/admin: run by
// bench/compare.mjs in Node and in headless Chromium. No Node imports.
//
// - open: the baseline over the team (every rep, then ranks, forced distribution, pools);
// - draft: setDraft with the top tier of the 标准 commission rule at 6% instead of 5% (the
//   document, compiled by the call, as the admin page hands it over);
// - draftSummary / draftPage / draftRows: the same, then the comparison without rows / with what
//   the admin page asks for on every edit (the summary, the rep table's first page of 50 rows by the
//   biggest change, the selected rep: PAGE_VIEW) / with every rep's row (the page's export);
// - reweightSummary: setDraft with two indicators of the 新人 profile reweighted (销售达成 25 → 30,
//   跟进 15 → 10: every rep of the profile scores otherwise, so ranks, grades, pools and the
//   target bonus move), then the comparison without rows;
// - summary: the comparison without rows alone (what every edit adds to its own work);
// - recordSummary / recordPage: setRecord of one rep whose score moves (销售额 and every order
//   +10%), then the comparison without rows / the page's view;
// - orderSummary: setRecord with only that rep's orders +10% (its commission moves, its score
//   does not), then the comparison without rows.
import { measure } from './measure.mjs';

export const WORKLOADS = ['open', 'draft', 'draftSummary', 'draftPage', 'draftRows', 'reweightSummary', 'summary', 'recordSummary', 'recordPage', 'orderSummary'];
/** What the admin page asks for on every edit (www/admin/engine.js, examples/compare_bench.rs). */
const PAGE_OPTIONS = { numbers: 'string' };
export const PAGE_VIEW = { top: 10, bins: 12, threshold: { amount: 1000, percent: 10 }, sort: { by: 'change', descending: true }, count: 50, pick: [0] };
const RATE = ['incentive', 'components', 0, 'rules', 2, 'table', 'tiers', 2, 'rate'];

/** The draft: the sample plan with its top commission tier at 6%. */
export function draftOf(doc) {
  const draft = structuredClone(doc);
  let at = draft;
  for (const k of RATE.slice(0, -1)) at = at[k];
  at[RATE.at(-1)] = 0.06;
  return draft;
}

/** Another draft: two indicators of the sample plan's first profile reweighted. */
export function reweightOf(doc) {
  const draft = structuredClone(doc);
  const weights = draft.scorecard.profiles[0].weights;
  weights[0].weight = 30;
  weights[2].weight = 10;
  return draft;
}

const scaled = (v, f) => Math.round(Number(v) * f);

/** The first record from `from` whose score moves when its 销售额 rises by 10% (as the native
 *  benchmark picks it), with its two edited versions. */
function movingRep(plan, team, from) {
  for (let i = from; i < team.length; i++) {
    const up = { ...team[i], 销售额: Number(team[i].销售额) * 1.1 };
    try {
      const a = plan.evaluate(team[i]).score?.total;
      if (a !== undefined && a !== plan.evaluate(up).score?.total) {
        const ordersOnly = { ...team[i], 订单: team[i].订单.map((o) => ({ ...o, 金额: scaled(o.金额, 1.1) })) };
        return { index: i, original: team[i], ordersOnly, changed: { ...ordersOnly, 销售额: Number(team[i].销售额) * 1.1 } };
      }
    } catch {
      // a record that fails is not the one to edit
    }
  }
  throw new Error('no record whose score moves');
}

/** Median milliseconds per call of each workload over `team`, through `lib` (salescore/admin). */
export function timeCompare(lib, doc, team, { samples = 9 } = {}) {
  const { Compare, Plan } = lib;
  const draft = draftOf(doc);
  const summary = { reps: false };
  const rows = {};
  const ms = (fn) => measure(fn, { samples, warmupMs: 300, targetMs: 50 }).medianNs / 1e6;
  const out = {};
  out.open = ms(() => Compare.open(doc, team).free());
  const s = Compare.open(doc, team);
  s.setDraft(draft);
  out.draft = ms(() => s.setDraft(draft));
  out.draftSummary = ms(() => (s.setDraft(draft), s.comparison(summary)));
  out.draftPage = ms(() => (s.setDraft(draft), s.comparison(PAGE_VIEW, PAGE_OPTIONS)));
  out.draftRows = ms(() => (s.setDraft(draft), s.comparison(rows)));
  const reweight = reweightOf(doc);
  out.reweightSummary = ms(() => (s.setDraft(reweight), s.comparison(summary)));
  s.setDraft(draft);
  out.summary = ms(() => s.comparison(summary));
  const plan = Plan.compile(doc);
  const rep = movingRep(plan, team, Math.floor(team.length / 2));
  plan.free();
  let flip = false;
  const edit = (to, view, options) => {
    flip = !flip;
    s.setRecord(rep.index, flip ? to : rep.original);
    return s.comparison(view, options);
  };
  out.recordSummary = ms(() => edit(rep.changed, summary));
  out.recordPage = ms(() => edit(rep.changed, PAGE_VIEW, PAGE_OPTIONS));
  out.orderSummary = ms(() => edit(rep.ordersOnly, summary));
  // What the session computes (the record as it was), to check that every build agrees.
  s.setRecord(rep.index, rep.original);
  s.setDraft(draft);
  const { cost, counts } = s.comparison(summary, { numbers: 'string' });
  s.free();
  return { ms: out, check: `${cost?.before} ${cost?.after} ${counts.gaining}/${counts.losing}/${counts.unchanged}` };
}
