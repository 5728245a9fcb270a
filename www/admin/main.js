// SalesScore admin preview. Plain ES module; the editor, charts and spreadsheet readers come
// from www/vendor/ (bundled by scripts/build.sh), the engine runs in a Web Worker (worker.js).
//
// Flow: the sample plan is the baseline and the first draft; the chosen month's reps are the
// team. Each edit of the draft is sent to the worker (lightly debounced, only the newest draft
// when the engine is busy), which recomputes the draft side of the comparison. A draft that
// does not compile shows its error in the editor and in a panel; the last good comparison stays.

import {
  $, addressParams, escapeHtml as esc, fetchText, onLocaleSwitch, readLocale, renderNav, showLocale, showVersion, writeAddress,
} from '../page.js';
import { RemoteEngine } from './remote.js';
import { createPlanEditor } from './plan-editor.js';
import { exampleEdits, textChanges } from './example-edits.js';
import { clearDraftError, showDiagnostics, showDraftError } from './problems.js';
import { renderCost, renderMovers, renderSensitivity } from './comparison.js';
import { renderHead, renderRows, showAllRows, sortBy } from './rep-table.js';
import { renderStatements, unfold } from './statements.js';
import { drawCurves, drawGrades, drawHistogram } from './charts.js';
import { download, setUpImport } from './team-import.js';
import { comparisonCsv } from './export-csv.js';
import { errorMessage, locale, monthName, t, whole } from './i18n.js';

const MONTH_FIELD = '月份';
const DEBOUNCE_MS = 120;
const FACTORS = [-0.2, -0.1, 0, 0.1, 0.2];
const CURVE = { from: 0, to: 2, step: 0.05 };
const STORAGE_KEY = 'salescore.admin.draft';

const state = {
  engine: null,
  editor: null,
  baselineText: '',
  baselineDoc: null,
  sample: [], // every sample record (all months)
  imported: null, // { name, records } once a team is imported
  month: null,
  view: null,
  draftError: null,
  selected: null,
  generation: 0, // bumps with each comparison; late extras of an older one are dropped
  threshold: { amount: 1000, percent: 10 },
  engineKind: '',
  ready: false,
};

// ---------------------------------------------------------------------------------------------
// The team

function teamRecords() {
  const all = state.imported?.records ?? state.sample;
  const months = monthsOf(all);
  return months.length > 1 ? all.filter((r) => String(r[MONTH_FIELD]) === String(state.month)) : all;
}

const monthsOf = (records) => [...new Set(records.map((r) => r[MONTH_FIELD]).filter((m) => m != null && m !== ''))]
  .map(Number).filter(Number.isInteger).sort((a, b) => a - b);

function renderMonths() {
  const months = monthsOf(state.imported?.records ?? state.sample);
  $('#month-group').hidden = months.length < 2;
  if (months.length > 1 && !months.includes(state.month)) state.month = months[months.length - 1];
  $('#months').innerHTML = months.map((m) => {
    const on = m === state.month;
    return `<button type="button" class="seg${on ? ' is-active' : ''}" role="radio" aria-checked="${on}" tabindex="${on ? 0 : -1}" data-month="${m}">${esc(monthName(m))}</button>`;
  }).join('');
  const n = teamRecords().length;
  $('#team-source').textContent = state.imported ? t('importedTeam', { name: state.imported.name, n }) : t('sampleTeam', { n });
  $('#use-sample').hidden = !state.imported;
}

/** The fields a record of the baseline plan has (and its orders sub-table), for the import. */
function recordFields() {
  const doc = state.baselineDoc ?? {};
  const fields = (doc.fields ?? []).map((f) => ({ id: f.id, type: f.type, label: f.label }));
  const tx = doc.incentive?.transactions?.field;
  if (tx && !fields.some((f) => f.id === tx)) fields.push({ id: tx, type: 'rows', label: tx });
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Talking to the engine

/** (Re)opens the comparison: a new team, month or locale. */
async function openComparison() {
  const records = teamRecords();
  showAllRows(false); // a new team or month starts with its first rows
  if (!records.length) {
    showPageError({ code: 'EMPTY_TEAM', path: '', messages: { 'zh-CN': t('emptyTeam'), en: t('emptyTeam') } });
    return;
  }
  setRunStat(t('computing'));
  const text = state.editor.text();
  try {
    const { value, ms } = await state.engine.call('open', {
      baseline: state.baselineText, records, locale: locale(), draft: text, summary: { threshold: state.threshold },
    });
    state.selected = state.selected != null && state.selected < records.length ? state.selected : null;
    if (value.draftError) draftFailed(value.draftError, text);
    else draftCompiled();
    showComparison(value, ms, text);
  } catch (e) {
    showPageError(e);
  }
}

let debounce = 0;
function onDraftEdited(text) {
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // storage may be off; the editor still holds the text
  }
  renderQuickEdits(text);
  clearTimeout(debounce);
  debounce = setTimeout(() => sendDraft(text), DEBOUNCE_MS);
}

async function sendDraft(text) {
  if (!state.ready) return;
  setRunStat(t('computing'));
  const answer = await state.engine.draft(text);
  if (answer.superseded) return;
  if (answer.error) {
    draftFailed(answer.error, text);
    setRunStat(t('runStatStale'), true);
    return;
  }
  draftCompiled();
  showComparison(answer.value, answer.ms, text);
}

async function requestSummary() {
  try {
    const { value } = await state.engine.call('summary', { options: { threshold: state.threshold } });
    state.view = value.view;
    renderView();
  } catch (e) {
    showPageError(e);
  }
}

/** The parts that need more engine work: sensitivity, curves, the selected rep's statements. */
async function requestExtras() {
  if (state.engine.drafting) return; // a newer draft is on its way; its answer asks again
  const generation = state.generation;
  const current = () => generation === state.generation;
  const jobs = [
    state.engine.call('sensitivity', { factors: FACTORS }).then(({ value }) => current() && renderSensitivity(value)),
    requestCurves(current),
  ];
  if (state.selected != null) jobs.push(requestRep(state.selected, current));
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed && current()) showPageError(failed.reason);
}

async function requestCurves(current = () => true) {
  const options = { ...CURVE, ...(state.selected != null ? { record: state.selected } : {}) };
  const { value } = await state.engine.call('curves', { options });
  if (!current()) return;
  const index = value.record ?? state.selected;
  const rep = state.view?.reps[index];
  const who = rep ? `${rep.id} ${rep.name}` : '';
  $('#curves-sub').textContent = t('curvesSub', { who: state.selected != null ? who : t('curvesTypical', { who }) });
  drawCurves($('#curves-chart'), value, { before: t('before'), after: t('after'), xTitle: t('attainment'), yTitle: t('payout'), format: whole });
}

async function requestRep(index, current = () => true) {
  const { value } = await state.engine.call('rep', { index });
  if (!current() || state.selected !== index) return;
  const rep = state.view.reps[index];
  renderStatements(rep, value, state.view.failures.find((f) => f.index === index));
}

// ---------------------------------------------------------------------------------------------
// Showing results

function showComparison({ view, diagnostics }, ms, text) {
  state.view = view;
  state.generation++;
  renderView();
  setRunStat(t('runStat', { n: view.reps.length, ms: ms.toFixed(1) }));
  $('#run-stat').dataset.ms = ms.toFixed(1);
  if (state.editor.text() === text) {
    const who = (index) => view.reps[index]?.id || `#${index + 1}`;
    showDiagnostics(state.editor, diagnostics ?? [], text, view.failures.map((f) => ({ ...f, who: who(f.index) })));
  }
  requestExtras();
}

function renderView() {
  const view = state.view;
  if (!view) return;
  const who = (index) => {
    const r = view.reps[index];
    return r ? `${r.id} ${r.name}`.trim() : `#${index + 1}`;
  };
  renderCost(view, who);
  renderMovers(view, state.threshold);
  renderHead();
  renderRows(view, state.selected);
  drawGrades($('#grades-chart'), view.grades, { before: t('before'), after: t('after'), reps: t('histAxis') });
  $('#grades-text').textContent = t('gradesText', {
    b: view.grades.before.map((g) => `${g.grade} ${g.count}`).join(' / '),
    a: view.grades.after.map((g) => `${g.grade} ${g.count}`).join(' / '),
  });
  drawHistogram($('#hist-chart'), view.histogram, { format: whole, reps: t('histAxis') });
  $('#hist-text').textContent = t('histText');
  document.documentElement.dataset.computed = String(state.generation);
}

function setRunStat(text, stale = false) {
  $('#run-stat').textContent = text;
  $('#run-stat').classList.toggle('is-stale', stale);
  $('#results').classList.toggle('is-stale', stale);
}

function draftFailed(error, text) {
  state.draftError = error;
  showDraftError(state.editor, error, text);
}

function draftCompiled() {
  state.draftError = null;
  clearDraftError(state.editor);
}

function showPageError(e) {
  setRunStat(`${e?.code ?? 'ERROR'}: ${errorMessage(e)}`, true);
  console.error(e);
}


// ---------------------------------------------------------------------------------------------
// The one-click edits

let edits = [];
function renderQuickEdits(text = state.editor.text()) {
  let doc = null;
  try {
    doc = JSON.parse(text);
  } catch {
    // a draft that is not JSON: the buttons say so
  }
  edits = doc ? exampleEdits(doc) : [];
  if (!doc) {
    $('#quick-edits').innerHTML = `<span class="muted quick-note">${esc(t('editNeedsJson'))}</span>`;
    return;
  }
  const buttons = ['rate', 'gate', 'weights'].map((id) => {
    const edit = edits.find((e) => e.id === id);
    const usable = edit && !edit.unavailable;
    const label = usable ? t(edit.labelKey, edit.vars) : t('editUnavailable');
    return `<button type="button" class="chip quick-edit" data-edit="${id}" data-testid="edit-${id}"${usable ? '' : ' disabled'}>${esc(label)}</button>`;
  });
  $('#quick-edits').innerHTML = buttons.join('');
}

function applyQuickEdit(id) {
  const edit = edits.find((e) => e.id === id && !e.unavailable);
  const changes = edit && textChanges(state.editor.text(), edit);
  if (!changes) return;
  state.editor.change(changes, { from: changes[0].from, to: changes[0].from + changes[0].insert.length });
}

// ---------------------------------------------------------------------------------------------
// Export

function exportCsv() {
  if (!state.view) return;
  const month = monthsOf(state.imported?.records ?? state.sample).length > 1 ? `-m${state.month}` : '';
  download(`salescore-comparison${month}.csv`, comparisonCsv(state.view));
}

// ---------------------------------------------------------------------------------------------
// Locale and location

function applyLocale() {
  showLocale();
  state.editor?.setLabel(t('draftTitle'));
  $('#engine-kind').textContent = state.engineKind ? t('engineKind')[state.engineKind] : '';
  if (!state.ready) return;
  renderMonths();
  renderQuickEdits();
  if (state.draftError) showDraftError(state.editor, state.draftError, state.editor.text());
  return openComparison(); // the engine writes crossings and statements in the locale
}

function readLocation() {
  const params = addressParams();
  readLocale(params);
  const m = Number.parseInt(params.get('m') ?? '', 10);
  if (Number.isInteger(m)) state.month = m;
}

function writeLocation() {
  const params = new URLSearchParams();
  if (state.month != null) params.set('m', String(state.month));
  writeAddress(params);
}

// ---------------------------------------------------------------------------------------------
// Events

function selectRep(index) {
  state.selected = index;
  renderRows(state.view, index);
  $('#rep-rows').querySelector(`tr[data-index="${index}"]`)?.focus({ preventScroll: true });
  const current = () => state.selected === index;
  Promise.all([requestRep(index, current), requestCurves(current)]).catch(showPageError);
}

function wireEvents() {
  onLocaleSwitch(() => {
    writeLocation();
    applyLocale();
  });
  $('#months').addEventListener('click', (e) => {
    const b = e.target.closest('[data-month]');
    if (b) setMonth(Number(b.dataset.month));
  });
  $('#months').addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const months = monthsOf(state.imported?.records ?? state.sample);
    const next = months[months.indexOf(state.month) + (e.key === 'ArrowRight' ? 1 : -1)];
    if (next != null) {
      setMonth(next);
      $('#months .is-active')?.focus();
    }
  });
  $('#quick-edits').addEventListener('click', (e) => {
    const b = e.target.closest('[data-edit]');
    if (b && !b.disabled) applyQuickEdit(b.dataset.edit);
  });
  $('#reset-draft').addEventListener('click', () => {
    state.editor.setText(state.baselineText);
    $('#restored-note').hidden = true;
  });
  $('#rep-head').addEventListener('click', (e) => {
    const b = e.target.closest('[data-sort]');
    if (!b) return;
    sortBy(b.dataset.sort);
    renderHead();
    renderRows(state.view, state.selected);
    $(`#rep-head [data-sort="${b.dataset.sort}"]`)?.focus();
  });
  const pick = (e) => {
    if (e.target.closest('[data-show-all]')) {
      showAllRows();
      renderRows(state.view, state.selected);
      return;
    }
    const target = e.target.closest('tr[data-index], .rep-link[data-index]');
    if (target) selectRep(Number(target.dataset.index));
  };
  $('#rep-rows').addEventListener('click', pick);
  $('#rep-rows').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(e);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const row = e.target.closest('tr');
      (e.key === 'ArrowDown' ? row?.nextElementSibling : row?.previousElementSibling)?.focus();
    }
  });
  $('#movers').addEventListener('click', pick);
  $('#statements').addEventListener('click', (e) => {
    const b = e.target.closest('[data-fold]');
    if (b) unfold(b);
  });
  let thresholdTimer = 0;
  for (const id of ['#threshold-amount', '#threshold-percent']) {
    $(id).addEventListener('input', () => {
      clearTimeout(thresholdTimer);
      thresholdTimer = setTimeout(readThreshold, DEBOUNCE_MS);
    });
  }
  $('#export-csv').addEventListener('click', exportCsv);
  $('#use-sample').addEventListener('click', () => {
    state.imported = null;
    state.selected = null;
    renderMonths();
    openComparison();
  });
}

function setMonth(m) {
  if (m === state.month) return;
  state.month = m;
  state.selected = null;
  writeLocation();
  renderMonths();
  openComparison();
}

function readThreshold() {
  const read = (id) => {
    const raw = $(id).value.trim();
    const n = raw === '' ? null : Number(raw);
    const ok = raw === '' || (Number.isFinite(n) && n >= 0);
    $(id).setAttribute('aria-invalid', String(!ok));
    return ok ? n : undefined;
  };
  const amount = read('#threshold-amount');
  const percent = read('#threshold-percent');
  if (amount === undefined || percent === undefined) return;
  state.threshold = { amount, percent };
  requestSummary();
}

// ---------------------------------------------------------------------------------------------
// Start

function savedDraft() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

async function main() {
  renderNav('admin');
  readLocation();
  applyLocale();
  setRunStat(t('loading'));
  wireEvents();
  try {
    state.engine = new RemoteEngine(new URL('./worker.js', import.meta.url));
    const [started, planText, reps, schema] = await Promise.all([
      state.engine.call('start'),
      fetchText('/samples/team/plan.json'),
      fetchText('/samples/team/reps.json').then(JSON.parse),
      fetchText('/pkg/plan.schema.json').then(JSON.parse),
    ]);
    state.baselineText = planText;
    state.baselineDoc = JSON.parse(planText);
    state.sample = reps;
    state.engineKind = started.value.compare;
    showVersion(started.value.version);
    $('#plan-name').textContent = state.baselineDoc.name ?? '';
    const saved = savedDraft();
    $('#restored-note').hidden = saved == null || saved === planText;
    state.editor = createPlanEditor($('#editor'), {
      text: saved ?? planText,
      schema,
      label: t('draftTitle'),
      onChange: onDraftEdited,
    });
  } catch (e) {
    setRunStat(t('loadFailed', { message: errorMessage(e) }), true);
    document.documentElement.dataset.ready = 'failed';
    console.error(e);
    return;
  }
  setUpImport({
    targets: recordFields,
    check: async (records) => (await state.engine.call('checkRecords', { records })).value,
    apply: (records, name) => {
      state.imported = { name, records };
      state.selected = null;
      renderMonths();
      openComparison();
    },
    template: () => state.sample,
  });
  state.ready = true;
  await applyLocale(); // renders the months and quick edits, then opens the comparison
  document.documentElement.dataset.ready = 'true';
}

main();
