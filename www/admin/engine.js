// Every call the admin page makes into the salescore package, in one place (it runs inside the
// page's Web Worker, see worker.js). If a name of the package's compare API changes, this is
// the file to change: the rest of the page reads only the shapes this module returns.
//
// The page imports the package's admin entry (`salescore/admin`, one file with the .wasm inlined):
// it alone has the compare session, `Compare.open(baseline, records, { locale })`, and a Plan
// with `diagnostics()`.
//
// The page's view (what `session.setDraft` / `summary` return, after `pageView`):
//   rows: the reps the table shows, in its order (the engine sorts the whole team and works out
//         only these in full): [{ index, id, name, group, before/after: { score, grade,
//         forcedGrade, payout } | null, change, percent, components: [{ id, before, after, change }],
//         crossed: [{ kind, component, from, to, direction: 'up'|'down', text? }] }]
//   total: how many reps there are; from: the first row's place in the order; byIndex:
//   { [index]: rep } for the rows and the picked reps
//   team: { before, after, change, percent (the reps both plans compute), planCost?: { before, after }
//           (each plan's own total), byGroup: [{ group, before, after, change }], byComponent: [...] }
//   grades: { before: [{ grade, count }], after, forcedBefore, forcedAfter }, histogram: [{ from, to, count }],
//   winners / losers / overThreshold: [{ index, id, name, change }], gained, lost, unchanged,
//   failures: [{ index, id, name, side: 'baseline'|'draft'|'both', error: { code, path, message, messages? }, baselineError? }]

import * as pkg from '/pkg/admin/inline.js';

/** Loads the engine; says which compare the page runs on. */
export async function start() {
  await pkg.init();
  return { version: pkg.version(), compare: 'engine' };
}

/**
 * A compare session over `records`, the baseline computed once. What the page calls:
 * setDraft(draft) → view (throws when the draft does not compile; the last draft stays),
 * setRecord(index, record) → view, summary({ top, bins, threshold, sort: { by, descending },
 * count, pick }) → view (what it sets stays for the later views), pick(indices) (the reps
 * every later view has the rows of, in `byIndex`), everyRow() → the view with
 * every rep in record order, rep(index) → { row, before, after } (the rep's row and its
 * explained PlanResults), sensitivity(factors) → [{ factor, before, after, change, percent, gained, lost, unchanged }],
 * curves({ from, to, step, record? }) → { attainment: [0..2], baseline, draft, record, who,
 * typical }, free().
 */
export async function openSession(baseline, records, locale) {
  return compareSession(pkg.Compare.open(baseline, records, { locale }), locale);
}

/** The package's Compare, as the page calls it (attainments and changes there are in percent). */
function compareSession(session, locale) {
  // Exact decimal strings, not JS numbers: every figure the page shows is the engine's digits.
  const options = { locale, numbers: 'string' };
  let view = { top: 10, bins: 12, locale, sort: { by: 'change', descending: true }, count: 50 }; // as the table first asks
  const comparison = () => ({ ...pageView(session.comparison(view, options), locale), from: view.from ?? 0 });
  const row = (index) => pageRep(session.rep(index, options));
  return {
    setDraft(draft) {
      session.setDraft(draft);
      return comparison();
    },
    setRecord(index, record) {
      session.setRecord(index, record);
      return comparison();
    },
    summary({ threshold, ...rest } = {}) {
      const bounds = threshold ? defined(threshold) : {};
      view = { ...view, ...defined(rest), threshold: Object.keys(bounds).length ? bounds : undefined };
      return comparison();
    },
    pick(indices) {
      view = { ...view, pick: indices };
    },
    everyRow: () => pageView(session.comparison({ ...view, sort: undefined, from: 0, count: undefined, pick: undefined }, options), locale),
    rep: (index) => ({ row: row(index), ...repPair(session.explain(index, options)) }),
    sensitivity(factors) {
      const { scenarios } = session.sensitivity({ changes: factors.map(percent) }, options);
      return scenarios.map((s, i) => ({ factor: factors[i], ...costOf(s.cost), gained: s.counts.gaining, lost: s.counts.losing, unchanged: s.counts.unchanged }));
    },
    curves({ from, to, step, record }) {
      const c = session.curves(defined({ from: percent(from), to: percent(to), step: percent(step), rep: record }), options);
      const payouts = (side) => side.points.map((p) => p.payout ?? null);
      const attainment = c.baseline.points.map((p) => Number(p.attainment) / 100);
      const who = c.rep == null ? null : brief(session.rep(c.rep, options));
      return { attainment, baseline: payouts(c.baseline), draft: payouts(c.draft), record: c.rep, who, typical: c.typical };
    },
    free: () => session.free(),
  };
}

const percent = (fraction) => (fraction == null ? undefined : Math.round(fraction * 10000) / 100);
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v != null));
const costOf = (c) => ({ before: c?.before ?? null, after: c?.after ?? null, change: c?.change ?? null, percent: c?.percent ?? null });

/** The draft's warnings (a plan that compiles but is probably wrong). */
export function diagnose(draft, locale) {
  const plan = pkg.Plan.compile(draft);
  try {
    return plan.diagnostics({ locale });
  } finally {
    plan.free();
  }
}

/** Each record that fails under `planDoc`, with the engine's error: [{ index, error }]. */
export function checkRecords(planDoc, records, locale) {
  const plan = pkg.Plan.compile(planDoc);
  try {
    return plan.evaluateMany(records, { locale }).errors.map(({ index, error }) => ({ index, error: errorData(error, locale) }));
  } finally {
    plan.free();
  }
}

/** A thrown value (or an error report) as plain data that can cross to the page; `locale`: the
 *  call's, which its hint is written in (`hintLocale`). */
export function errorData(e, locale) {
  if (e instanceof pkg.SalesScoreError || typeof e?.code === 'string') {
    const { code, path = '', origin, span, hint, suggestion, detail, messages } = e;
    return { code, path, origin, span, hint, hintLocale: locale, suggestion, detail, messages, message: e.message };
  }
  const message = String(e?.message ?? e);
  return { code: 'PAGE_ERROR', path: '', origin: 'page', messages: { 'zh-CN': message, en: message }, message };
}

// ------------------------------------------------------------------------------------------
// The package's comparison → the page's view

/** `locale`: the session's, which the failures' hints are written in. */
function pageView(c, locale) {
  const cost = costOf(c.cost);
  const grades = c.grades ?? [];
  /** Reps per grade on one side (`before`, `after`, `forcedBefore`, `forcedAfter`). */
  const counts = (side) => grades.map((g) => ({ grade: g.grade, count: g[side] ?? 0 }));
  const sides = (n) => (n.baseline && n.draft ? 'both' : n.baseline ? 'baseline' : 'draft');
  const differ = (a, b) => Boolean(a && b) && (a.code !== b.code || a.path !== b.path || a.message !== b.message);
  const rows = (c.reps ?? []).map(pageRep); // from `view.from` in the table's order
  const byIndex = Object.fromEntries([...rows, ...(c.picked ?? []).map(pageRep)].map((r) => [r.index, r]));
  return {
    rows,
    total: c.counts.reps,
    byIndex,
    team: {
      ...cost,
      planCost: { before: c.planCost?.baseline ?? null, after: c.planCost?.draft ?? null },
      byGroup: (c.groups ?? []).map((g) => ({ group: g.group, ...costOf(g.cost) })),
      byComponent: (c.components ?? []).map(componentOf),
    },
    grades: {
      before: counts('before'),
      after: counts('after'),
      // After the forced distribution, when a plan has one (null otherwise).
      forcedBefore: grades.some((g) => g.forcedBefore != null) ? counts('forcedBefore') : null,
      forcedAfter: grades.some((g) => g.forcedAfter != null) ? counts('forcedAfter') : null,
    },
    histogram: c.histogram.bins,
    winners: c.winners.map(brief),
    losers: c.losers.map(brief),
    overThreshold: (c.exceeding ?? []).map(brief),
    gained: c.counts.gaining,
    lost: c.counts.losing,
    unchanged: c.counts.unchanged,
    // `error`: the draft's (else the baseline's); `baselineError` too when both sides fail, each
    // for its own reason (a bad cell fails both alike: one error).
    failures: (c.notCalculable ?? []).map((n) => ({
      index: n.index, id: n.id ?? '', name: n.name ?? '', side: sides(n), error: errorData(n.draft ?? n.baseline, locale), ...(differ(n.baseline, n.draft) ? { baselineError: errorData(n.baseline, locale) } : {}),
    })),
  };
}

const brief = (r) => ({ index: r.index, id: r.id ?? '', name: r.name ?? '', change: r.change ?? null });
const outcome = (o) => (o ? { score: o.score ?? null, grade: o.grade ?? null, forcedGrade: o.forcedGrade ?? null, payout: o.payout ?? null } : null);
const componentOf = (c) => ({ id: c.id, before: c.before ?? 0, after: c.after ?? 0, change: c.change, percent: c.percent ?? null });

/** A rep; its crossings keep the engine's fields (kind, id, rule, before, after, better) and the page's names for them. */
function pageRep(r) {
  return {
    ...brief(r),
    group: r.group ?? '',
    before: outcome(r.before),
    after: outcome(r.after),
    percent: r.percent ?? null,
    components: (r.components ?? []).map(componentOf),
    crossed: (r.crossings ?? []).map((c) => ({ ...c, component: c.id, from: c.before, to: c.after, direction: c.better ? 'up' : 'down' })),
  };
}

/** `{ before, after }`: the explained results of both sides (null where the record fails). */
const repPair = (e) => ({ before: e.baseline?.result ?? null, after: e.draft?.result ?? null });
