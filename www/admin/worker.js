// The admin page's engine thread (a module Web Worker): the compare session lives here, so a
// recompute never blocks typing. Messages are `{ id, type, ...payload }`; each answer is
// `{ id, ok: true, value, ms }` or `{ id, ok: false, error }`, `ms` the engine's time.

import { checkRecords, diagnose, errorData, openSession, start } from './engine.js';

const state = {
  session: null,
  baseline: null,
  records: [],
  locale: 'zh-CN',
  draft: null, // the last draft that compiled
  diagnostics: [], // its warnings
  // What every comparison shows: the threshold, the table's order and window, the picked rep.
  summary: { top: 10, bins: 12, threshold: null },
};

const handlers = {
  start: () => start(),

  /** A new team, baseline or locale: the session starts again, with the last good draft. */
  async open({ baseline, records, locale, draft, summary }) {
    // The new session first: when it cannot open (an empty team…), the previous one stays.
    const session = await openSession(baseline, records, locale);
    state.session?.free();
    state.session = session;
    Object.assign(state, { baseline, records, locale });
    state.summary = { ...state.summary, ...summary };
    try {
      return draftAnswer(draft ?? state.draft ?? baseline);
    } catch (e) {
      // The draft in the editor does not compile: compare the last draft that did (or the
      // baseline with itself), and say why.
      return { ...draftAnswer(state.draft ?? baseline), draftError: errorData(e, state.locale) };
    }
  },

  draft: ({ text }) => draftAnswer(text),

  /**
   * One rep's record edited: only it is computed again, under both plans. A record the engine
   * rejects as a record (a bad value, a missing amount: origin `record`) is put back to the last
   * good one and its error thrown, so the comparison stays the last good one (`force`: kept, and
   * listed among the reps that cannot be computed, as an imported record is).
   */
  record({ index, record, force = false }) {
    const previous = state.records[index];
    const view = session().setRecord(index, record);
    const bad = view.failures.find((f) => f.index === index && f.error.origin === 'record');
    if (bad && !force) {
      session().setRecord(index, previous);
      throw bad.error;
    }
    state.records[index] = record;
    return { view, diagnostics: state.diagnostics };
  },

  /** The comparison shown otherwise (a threshold, the table sorted or widened, a rep picked). */
  summary({ options }) {
    state.summary = { ...state.summary, ...options };
    return { view: session().summary(state.summary) };
  },

  /** Every rep's row, in record order (for the export), leaving the table's view as it is. */
  everyRow: () => session().everyRow(),

  /** Rep `index`'s row and statements; `pick` (the page's picked reps, `index` among them) stay
   *  picked: every later view has their rows. */
  rep({ index, pick = [index] }) {
    state.summary.pick = pick;
    session().pick(state.summary.pick);
    return session().rep(index);
  },
  sensitivity: ({ factors }) => session().sensitivity(factors),
  curves: ({ options }) => session().curves(options),
  checkRecords: ({ records }) => checkRecords(state.baseline, records, state.locale),
};

function session() {
  if (!state.session) throw new Error('no compare session is open');
  return state.session;
}

/** Hands the session a draft; throws (and keeps the last comparison) when it does not compile. */
function draftAnswer(text) {
  session().setDraft(text);
  state.draft = text;
  const view = session().summary(state.summary);
  state.diagnostics = diagnose(text, state.locale);
  return { view, diagnostics: state.diagnostics };
}

// One message at a time, in order (opening a session awaits; nothing may run in between).
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};

async function handle(data) {
  const { id, type, ...payload } = data;
  const t0 = performance.now();
  try {
    const value = await handlers[type](payload);
    self.postMessage({ id, ok: true, value, ms: performance.now() - t0 });
  } catch (e) {
    // In the locale of the call (an `open` names its own).
    self.postMessage({ id, ok: false, error: errorData(e, payload.locale ?? state.locale), ms: performance.now() - t0 });
  }
}
