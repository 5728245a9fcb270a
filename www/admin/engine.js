// Every call the admin page makes into the salescore package, in one place (it runs inside the
// page's Web Worker, see worker.js). If a name of the package's compare API changes, this is
// the file to change: the rest of the page reads only the shapes this module returns.
//
// The compare session is the package's `Compare.open(baseline, records, { locale })`. Until
// the package exports `Compare`, a stand-in built on `Plan.compile` + `plan.evaluateTeam`
// (standin.js, loaded only then) gives the same shape of view; once `Compare` is exported the
// stand-in is never loaded.
//
// The page's view (what `session.setDraft` / `summary` return, after `pageView`):
//   reps[i]: { index, id, name, group, before/after: { score, grade, forcedGrade, payout } | null,
//              change, percent, components: [{ id, before, after, change }],
//              crossed: [{ kind, component, from, to, direction: 'up'|'down', text? }] }
//   team: { before, after, change, percent, byGroup: [{ group, before, after, change }], byComponent: [...] }
//   grades: { before: [{ grade, count }], after }, histogram: [{ from, to, count }],
//   winners / losers / overThreshold: [{ index, id, name, change }], gained, lost, unchanged,
//   failures: [{ index, side: 'baseline'|'draft'|'both', error: { code, path, message, messages? } }]

import * as pkg from '/pkg/inline.js';

/** Loads the engine; says which compare the page runs on. */
export async function start() {
  await pkg.init();
  return { version: pkg.version(), compare: hasCompare() ? 'engine' : 'stand-in' };
}

const hasCompare = () => typeof pkg.Compare?.open === 'function';

/**
 * A compare session over `records`, the baseline computed once: setDraft(draft) → view,
 * setRecord(index, record) → view, summary(options) → view, rep(index) → { before, after }
 * (explained PlanResults), sensitivity(factors) → [{ factor, before, after, change, percent }],
 * curves({ from, to, step, record? }) → { attainment, baseline, draft, record? }, free().
 */
export async function openSession(baseline, records, locale) {
  if (hasCompare()) return adapt(pkg.Compare.open(baseline, records, { locale }));
  const { openStandIn } = await import('./standin.js'); // STAND-IN: delete with standin.js
  return adapt(openStandIn(pkg, baseline, records, { locale }));
}

function adapt(session) {
  return {
    setDraft: (draft) => pageView(session.setDraft(draft)),
    setRecord: (index, record) => pageView(session.setRecord(index, record)),
    summary: (options) => pageView(session.summary(options)),
    rep: (index) => repPair(session.rep(index)),
    sensitivity: (factors) => session.sensitivity(factors).map(sensitivityRow),
    curves: (options) => session.curves(options),
    free: () => session.free(),
  };
}

/** The draft's warnings (a plan that compiles but is probably wrong); [] if the engine has none. */
export function diagnose(draft, locale) {
  const plan = pkg.Plan.compile(draft);
  try {
    return typeof plan.diagnostics === 'function' ? plan.diagnostics({ locale }) : [];
  } finally {
    plan.free();
  }
}

/** Each record that fails under `planDoc`, with the engine's error: [{ index, error }]. */
export function checkRecords(planDoc, records, locale) {
  const plan = pkg.Plan.compile(planDoc);
  try {
    return plan.evaluateMany(records, { locale }).errors.map(({ index, error }) => ({ index, error: errorData(error) }));
  } finally {
    plan.free();
  }
}

/** A thrown value (or an error report) as plain data that can cross to the page. */
export function errorData(e) {
  if (e instanceof pkg.SalesScoreError || typeof e?.code === 'string') {
    const { code, path = '', origin, span, hint, suggestion, detail, messages } = e;
    return { code, path, origin, span, hint, suggestion, detail, messages, message: e.message };
  }
  const message = String(e?.message ?? e);
  return { code: 'PAGE_ERROR', path: '', origin: 'page', messages: { 'zh-CN': message, en: message }, message };
}

// ------------------------------------------------------------------------------------------
// The engine's names → the page's (a view already in the page's shape passes as it is)

export function pageView(raw) {
  if (raw.team) return raw;
  const cost = raw.cost ?? { before: 0, after: 0, change: 0, percent: null };
  const grades = raw.grades ?? [];
  return {
    reps: (raw.reps ?? []).map(pageRep),
    team: {
      before: cost.before,
      after: cost.after,
      change: cost.change,
      percent: cost.percent ?? null,
      byGroup: (raw.groups ?? []).map((g) => ({ group: g.group, before: g.cost.before, after: g.cost.after, change: g.cost.change })),
      byComponent: (raw.components ?? []).map((c) => ({ id: c.id, before: c.before ?? 0, after: c.after ?? 0, change: c.change })),
    },
    grades: {
      before: grades.map((g) => ({ grade: g.grade, count: g.before })),
      after: grades.map((g) => ({ grade: g.grade, count: g.after })),
    },
    histogram: raw.histogram?.bins ?? raw.histogram ?? [],
    winners: (raw.winners ?? []).map(brief),
    losers: (raw.losers ?? []).map(brief),
    overThreshold: (raw.overThreshold ?? raw.exceeding ?? []).map(brief),
    gained: raw.gained ?? raw.counts?.gaining ?? 0,
    lost: raw.lost ?? raw.counts?.losing ?? 0,
    unchanged: raw.unchanged ?? raw.counts?.unchanged ?? 0,
    failures: raw.failures ?? (raw.notCalculable ?? []).map((n) => ({
      index: n.index,
      side: n.baseline && n.draft ? 'both' : n.baseline ? 'baseline' : 'draft',
      error: errorData(n.draft ?? n.baseline),
    })),
  };
}

const brief = (r) => ({ index: r.index, id: r.id ?? '', name: r.name ?? '', change: r.change ?? null });

const outcome = (o) => (o ? { score: o.score ?? null, grade: o.grade ?? null, forcedGrade: o.forcedGrade ?? null, payout: o.payout ?? null } : null);

function pageRep(r) {
  return {
    ...brief(r),
    group: r.group ?? '',
    before: outcome(r.before),
    after: outcome(r.after),
    percent: r.percent ?? null,
    components: (r.components ?? []).map((c) => ({ id: c.id, before: c.before ?? 0, after: c.after ?? 0, change: c.change })),
    crossed: (r.crossed ?? r.crossings ?? []).map((c) => ({
      ...c,
      component: c.component ?? c.id,
      from: c.from ?? c.before,
      to: c.to ?? c.after,
      direction: c.direction ?? (c.better ? 'up' : 'down'),
    })),
  };
}

/** `{ before, after }` explained results, from `{ before, after }` or `{ baseline: { result }, draft: { result } }`. */
function repPair(raw) {
  return {
    before: raw.before ?? raw.baseline?.result ?? null,
    after: raw.after ?? raw.draft?.result ?? null,
  };
}

function sensitivityRow(r) {
  const cost = r.cost ?? r;
  return { factor: r.factor, before: cost.before, after: cost.after, change: cost.change, percent: cost.percent ?? null };
}
