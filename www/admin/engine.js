// Every call the admin page makes into the salescore package, in one place (it runs inside the
// page's Web Worker, see worker.js). If a name of the package's compare API changes, this is
// the file to change.
//
// The compare session is the package's `Compare.open(baseline, records, { locale })`. Until
// the package exports `Compare`, a stand-in built on `Plan.compile` + `plan.evaluateTeam`
// (standin.js, loaded only then) gives the same shape of view; once `Compare` is exported the
// stand-in is never loaded.

import * as pkg from '/pkg/inline.js';

/** Loads the engine; says which compare the page runs on. */
export async function start() {
  await pkg.init();
  return { version: pkg.version(), compare: hasCompare() ? 'engine' : 'stand-in' };
}

const hasCompare = () => typeof pkg.Compare?.open === 'function';

/**
 * A compare session over `records`, the baseline computed once. Its methods (as the package
 * names them): setDraft(draft) → view, setRecord(index, record) → view, summary(options) → view,
 * rep(index) → { before, after }, sensitivity(factors) → rows, curves(options) → series, free().
 */
export async function openSession(baseline, records, locale) {
  if (hasCompare()) return pkg.Compare.open(baseline, records, { locale });
  const { openStandIn } = await import('./standin.js'); // STAND-IN: delete with standin.js
  return openStandIn(pkg, baseline, records, { locale });
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

/** A thrown value as plain data that can cross to the page (both messages kept). */
export function errorData(e) {
  if (e instanceof pkg.SalesScoreError || typeof e?.code === 'string') {
    const { code, path = '', origin, span, hint, suggestion, detail, messages } = e;
    return { code, path, origin, span, hint, suggestion, detail, messages, message: e.message };
  }
  const message = String(e?.message ?? e);
  return { code: 'PAGE_ERROR', path: '', origin: 'page', messages: { 'zh-CN': message, en: message }, message };
}
