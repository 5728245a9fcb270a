// SalesScore admin preview. Plain ES module; the editor, charts and spreadsheet readers come
// from www/vendor/ (bundled by scripts/build.sh), the engine runs in a Web Worker (worker.js).
//
// Flow: the sample plan is the baseline and the first draft; the chosen month's reps are the
// team. Each edit of the draft is sent to the worker (lightly debounced, only the newest draft
// when the engine is busy), which recomputes the draft side of the comparison. A draft that
// does not compile shows its error in the editor and in a panel; the last good comparison stays.

import {
  $, addressParams, escapeHtml as esc, fetchText, onLocaleSwitch, readLocale, renderTopbar, showLocale, showVersion, writeAddress,
} from '../page.js';
import { RemoteEngine } from './remote.js';
import { createPlanEditor } from './plan-editor.js';
import { exampleEdits, textChanges } from './example-edits.js';
import { clearDraftError, showDiagnostics, showDraftError } from './problems.js';
import { renderCost, renderMovers, renderSensitivity } from './comparison.js';
import { renderHead, renderRows, sortBy, tableView, turnPage } from './rep-table.js';
import { renderStatements, unfold } from './statements.js';
import { drawCurves, drawGrades, drawHistogram } from './charts.js';
import { download, setUpImport } from './team-import.js';
import { ordersMode, ordersSpec } from './orders-import.js';
import { createRecordEditor } from './record-editor.js';
import { comparisonCsv } from './export-csv.js';
import { errorMessage, locale, monthName, pageError, t, whole } from './i18n.js';

const MONTH_FIELD = '月份';
const DEBOUNCE_MS = 120;
const FACTORS = [-0.2, -0.1, 0, 0.1, 0.2];
/** The payout curves' attainment range (fractions) and step: 0–200% in 5% steps until the admin
 *  sets another range (about 40 steps of 1, 2 or 5 × 10ⁿ %). */
const CURVE_MAX = 10; // 1000%
function curveRange(from, to) {
  const raw = (to - from) / 40;
  const nice = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].find((s) => s >= raw * 0.999) ?? 1;
  return { from, to, step: nice };
}
const STORAGE_KEY = 'salescore.admin.draft';

renderTopbar('admin', { planName: true });

const state = {
  engine: null,
  editor: null,
  baselineText: '',
  baselineDoc: null,
  sample: [], // every sample record (all months)
  imported: null, // { name, records } once a team is imported
  orders: null, // { name, count, skipped, byRecord: Map(team record → orders) } once orders are imported
  // Both keyed by the team's own record objects, so each team keeps its edits while another is shown.
  edited: new Map(), // team record → its last edit the engine computed
  working: new Map(), // team record → what was typed in its editor (may not compute)
  recordEditor: null,
  importer: null,
  month: null,
  view: null,
  draftError: null,
  selected: null,
  generation: 0, // bumps with each comparison; late extras of an older one are dropped
  threshold: { amount: 1000, percent: 10 },
  top: 10, // winners and losers listed
  curve: curveRange(0, 2),
  engineKind: '',
  ready: false,
};

// ---------------------------------------------------------------------------------------------
// The team

/** The team's records as imported (or the sample's), this month. */
function baseRecords() {
  const all = state.imported?.records ?? state.sample;
  const months = monthsOf(all);
  return months.length > 1 ? all.filter((r) => String(r[MONTH_FIELD]) === String(state.month)) : all;
}

/** A record with the orders imported for it. */
function withOrders(record) {
  const orders = state.orders?.byRecord.get(record);
  const spec = ordersSpec(state.baselineDoc);
  return orders && spec ? { ...record, [spec.field]: orders } : record;
}

/** The records the engine compares: each with its imported orders, or as last edited on the page. */
function teamRecords() {
  return baseRecords().map((r) => state.edited.get(r) ?? withOrders(r));
}

/** Shows another team (`imported`, or the sample as shipped when null: without orders read from
 *  a file). The records' edits stay with the team they were typed for (keyed by its records) and
 *  come back when it is shown again: importing a team does not drop what was typed for the sample. */
function showTeam(imported) {
  turnPage(); // a new team starts at the table's first page
  state.imported = imported;
  state.orders = null;
  state.selected = null;
  state.recordEditor?.close();
  renderMonths();
  openComparison();
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
  const o = state.orders;
  $('#orders-source').hidden = !o;
  $('#orders-source').textContent = o ? t('ordersSource', { name: o.name, n: o.count, r: o.byRecord.size }) : '';
  $('#use-sample').hidden = !state.imported && !state.orders;
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
  if (!records.length) {
    showPageError(pageError('EMPTY_TEAM', '', 'emptyTeam'));
    return;
  }
  setRunStat(t('computing'));
  const text = state.editor.text();
  try {
    const { value, ms } = await state.engine.call('open', {
      baseline: state.baselineText, records, locale: locale(), draft: text, summary: summaryOptions(),
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

/** What every comparison shows: the threshold, the table's order and rows, the selected rep. */
function summaryOptions() {
  // The selected rep and the one whose record is open (the same, once the selection settles).
  const pick = [...new Set([state.selected, state.recordEditor?.index].filter((i) => i != null))];
  return { threshold: state.threshold, top: state.top, ...tableView(), pick };
}

/** The rep's row, when the view has it (a row of the table, or the selected rep). */
const repOf = (index) => state.view?.byIndex[index];

async function requestSummary() {
  try {
    const { value } = await state.engine.call('summary', { options: summaryOptions() });
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
  const options = { ...state.curve, ...(state.selected != null ? { record: state.selected } : {}) };
  const { value } = await state.engine.call('curves', { options });
  if (!current()) return;
  const rep = value.who ?? repOf(value.record ?? state.selected);
  const who = rep ? `${rep.id} ${rep.name}` : '';
  $('#curves-sub').textContent = t('curvesSub', { who: state.selected != null ? who : t('curvesTypical', { who }) });
  drawCurves($('#curves-chart'), value, { before: t('before'), after: t('after'), xTitle: t('attainment'), yTitle: t('payout'), format: whole });
}

async function requestRep(index, current = () => true) {
  const { value } = await state.engine.call('rep', { index, pick: summaryOptions().pick });
  if (!current() || state.selected !== index) return;
  state.view.byIndex[index] = value.row; // picked: every later view has it too
  renderStatements(value.row, value, state.view.failures.find((f) => f.index === index));
  // The record panel follows the selected rep (a rep off the table's page is known from now).
  if (state.recordEditor.index != null && state.recordEditor.index !== index) openRecord(index, { focus: false });
}

// ---------------------------------------------------------------------------------------------
// Showing results

function showComparison({ view, diagnostics }, ms, text, who = null) {
  state.view = view;
  state.generation++;
  renderView();
  setRunStat(who ? t('runStatRecord', { who, n: view.total, ms: ms.toFixed(1) }) : t('runStat', { n: view.total, ms: ms.toFixed(1) }));
  $('#run-stat').dataset.ms = ms.toFixed(1);
  if (state.editor.text() === text) {
    showDiagnostics(state.editor, diagnostics ?? [], text, view.failures.map((f) => ({ ...f, who: f.id || `#${f.index + 1}` })));
  }
  requestExtras();
}

function renderView() {
  const view = state.view;
  if (!view) return;
  renderCost(view);
  renderMovers(view, state.threshold);
  renderHead();
  renderTable();
  drawGrades($('#grades-chart'), view.grades, { before: t('before'), after: t('after'), forcedBefore: t('forcedBefore'), forcedAfter: t('forcedAfter'), forcedLabel: t('forced'), reps: t('histAxis') });
  $('#grades-text').textContent = t('gradesText', {
    b: view.grades.before.map((g) => `${g.grade} ${g.count}`).join(' / '),
    a: view.grades.after.map((g) => `${g.grade} ${g.count}`).join(' / '),
  });
  drawHistogram($('#hist-chart'), view.histogram, { format: whole, reps: t('histAxis') });
  $('#hist-text').textContent = t('histText');
  showEditButton();
  const open = state.recordEditor?.index;
  if (open != null && repOf(open)) state.recordEditor.showRep(repOf(open), view.team);
  document.documentElement.dataset.computed = String(state.generation);
}

/** The rep table, the reps edited on the page marked. */
function renderTable() {
  renderRows(state.view, state.selected);
  const base = baseRecords();
  for (const tr of $('#rep-rows').querySelectorAll('tr[data-index]')) {
    if (!state.edited.has(base[Number(tr.dataset.index)])) continue;
    tr.classList.add('is-edited');
    tr.querySelector('.id')?.insertAdjacentHTML('beforeend', `<span class="edited-dot" title="${esc(t('recordEdited'))}" aria-label="${esc(t('recordEdited'))}"></span>`);
  }
}

// ---------------------------------------------------------------------------------------------
// One rep's record, edited on the page

function showEditButton() {
  const b = $('#edit-record');
  b.hidden = state.selected == null;
  b.setAttribute('aria-expanded', String(state.recordEditor?.index != null));
}

/** Opens rep `index`'s record in the editor (what was typed before, if anything). */
function openRecord(index, { focus = true } = {}) {
  const original = baseRecords()[index];
  const rep = repOf(index);
  if (!original || !rep) return;
  const spec = ordersSpec(state.baselineDoc);
  state.recordEditor.open({
    index,
    rep,
    record: state.working.get(original) ?? state.edited.get(original) ?? withOrders(original),
    fields: recordFields().filter((f) => f.id !== spec?.field),
    orders: spec,
    edited: state.edited.has(original),
  });
  state.recordEditor.showRep(rep, state.view.team);
  showEditButton();
  if (focus) $('#record-editor').querySelector('input, select')?.focus();
}

/** Sends rep `index`'s record to the engine; only it is computed again, under both plans. */
async function sendRecord(index, record, original, { reset = false } = {}) {
  const rep = repOf(index);
  const who = rep ? `${rep.id} ${rep.name}`.trim() : `#${index + 1}`;
  setRunStat(t('computing'));
  try {
    const { value, ms } = await state.engine.call('record', { index, record, force: reset });
    if (reset) state.edited.delete(original);
    else state.edited.set(original, record);
    if (state.recordEditor.index === index) {
      state.recordEditor.showError(null);
      state.recordEditor.setEdited(state.edited.has(original));
    }
    showComparison(value, ms, state.editor.text(), who);
  } catch (e) {
    if (e?.code == null || e.origin === 'page') { // not the record's fault
      showPageError(e);
      return;
    }
    if (state.recordEditor.index === index) state.recordEditor.showError(e);
    setRunStat(t('recordStale', { who }), true);
  }
}

function onRecordEdited(record) {
  const index = state.recordEditor.index;
  const original = baseRecords()[index];
  if (!original) return;
  state.working.set(original, record);
  sendRecord(index, record, original);
}

function resetRecord() {
  const index = state.recordEditor.index;
  const original = baseRecords()[index];
  if (!original) return;
  state.working.delete(original);
  state.edited.delete(original);
  const record = withOrders(original);
  openRecord(index, { focus: false });
  $('#record-editor [data-testid="reset-record"]')?.focus();
  sendRecord(index, record, original, { reset: true });
}

function closeRecord() {
  state.recordEditor.close();
  showEditButton();
  $('#edit-record').focus();
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

/** An error in the run status: the engine's words, or for a failure of the page itself (a bug:
 *  its message is whatever the script said) the page's words around it. */
function showPageError(e) {
  const message = e?.code == null || e.code === 'PAGE_ERROR' ? t('pageFailed', { message: e?.message ?? String(e) }) : errorMessage(e);
  setRunStat(`${e?.code ?? 'PAGE_ERROR'}: ${message}`, true);
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

/** Every rep's row, asked of the engine when the admin exports (the table has the first ones). */
async function exportCsv() {
  if (!state.view) return;
  const month = monthsOf(state.imported?.records ?? state.sample).length > 1 ? `-m${state.month}` : '';
  try {
    const { value } = await state.engine.call('everyRow');
    download(`salescore-comparison${month}.csv`, comparisonCsv(value));
  } catch (e) {
    showPageError(e);
  }
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
  state.importer?.showWords();
  if (state.recordEditor?.index != null) openRecord(state.recordEditor.index, { focus: false });
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
  renderTable();
  $('#rep-rows').querySelector(`tr[data-index="${index}"]`)?.focus({ preventScroll: true });
  // The record panel follows the selected rep.
  if (state.recordEditor.index != null && state.recordEditor.index !== index) openRecord(index, { focus: false });
  showEditButton();
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
    b.focus();
    requestSummary(); // the engine sorts the team; the head follows with the rows
  });
  const pick = (e) => {
    const target = e.target.closest('tr[data-index], .rep-link[data-index]');
    if (target) selectRep(Number(target.dataset.index));
  };
  $('#edit-record').addEventListener('click', () => {
    if (state.recordEditor.index === state.selected) closeRecord();
    else if (state.selected != null) openRecord(state.selected);
  });
  $('#rep-rows').addEventListener('click', pick);
  $('#rep-pager').addEventListener('click', (e) => {
    const b = e.target.closest('[data-page]');
    if (!b || b.disabled || !state.view || !turnPage(Number(b.dataset.page), state.view)) return;
    requestSummary().then(() => {
      $('#rep-table').closest('.table-scroll').scrollTop = 0; // a new page from its first row
    });
  });
  $('#rep-rows').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(e);
    } else if ((e.key === 'e' || e.key === 'E') && !e.ctrlKey && !e.metaKey && !e.altKey && e.target.closest('tr[data-index]')) {
      e.preventDefault();
      const index = Number(e.target.closest('tr[data-index]').dataset.index);
      if (state.selected !== index) selectRep(index);
      openRecord(index);
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
  let topTimer = 0;
  $('#top-n').addEventListener('input', () => {
    clearTimeout(topTimer);
    topTimer = setTimeout(readTop, DEBOUNCE_MS);
  });
  let curveTimer = 0;
  for (const id of ['#curve-from', '#curve-to']) {
    $(id).addEventListener('input', () => {
      clearTimeout(curveTimer);
      curveTimer = setTimeout(readCurveRange, DEBOUNCE_MS);
    });
  }
  $('#export-csv').addEventListener('click', exportCsv);
  $('#use-sample').addEventListener('click', () => {
    showTeam(null);
  });
}

/** The orders read from their own file: each named rep's orders replaced by the file's. */
function attachOrders(byIndex, { name, count, skipped }) {
  const spec = ordersSpec(state.baselineDoc);
  const base = baseRecords();
  const byRecord = new Map(state.orders?.byRecord ?? []);
  for (const [index, orders] of byIndex) {
    const original = base[index];
    byRecord.set(original, orders);
    for (const map of [state.edited, state.working]) {
      if (map.has(original)) map.set(original, { ...map.get(original), [spec.field]: orders });
    }
  }
  // Files read one after another add up: each names the reps whose orders it gives.
  const names = [...new Set([...(state.orders?.name.split(' + ') ?? []), name])].join(' + ');
  const total = [...byRecord.values()].reduce((n, orders) => n + orders.length, 0);
  state.orders = { name: names, count: total, skipped, byRecord };
  state.recordEditor.close();
  renderMonths();
  openComparison();
}

function setMonth(m) {
  if (m === state.month) return;
  turnPage(); // so does another month
  state.month = m;
  state.selected = null;
  state.recordEditor.close();
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

/** How many winners and losers to list: a whole number from 1 to 100 (else marked and left). */
function readTop() {
  const raw = $('#top-n').value.trim();
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  const ok = n >= 1 && n <= 100;
  $('#top-n').setAttribute('aria-invalid', String(!ok));
  if (!ok || n === state.top) return;
  state.top = n;
  requestSummary();
}

/** The curves' range from its two inputs (percent): from ≥ 0, to above it, at most 1000%. */
function readCurveRange() {
  const read = (id) => {
    const raw = $(id).value.trim();
    const n = raw === '' ? NaN : Number(raw) / 100;
    return Number.isFinite(n) && n >= 0 && n <= CURVE_MAX ? n : undefined;
  };
  const [from, to] = [read('#curve-from'), read('#curve-to')];
  const ok = from !== undefined && to !== undefined && to > from;
  $('#curve-from').setAttribute('aria-invalid', String(from === undefined || (to !== undefined && to <= from)));
  $('#curve-to').setAttribute('aria-invalid', String(to === undefined || (from !== undefined && to <= from)));
  if (!ok) return;
  state.curve = curveRange(from, to);
  requestCurves().catch(showPageError);
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
  const check = async (records) => (await state.engine.call('checkRecords', { records })).value;
  state.importer = setUpImport({
    team: {
      open: '#import-open',
      words: { title: 'importTitle', note: 'importNote', template: 'downloadTemplate', apply: 'importApply', ok: 'importOk', rowErrors: 'importRowErrors' },
      targets: recordFields,
      check,
      apply: (records, name, errors) => {
        // A malformed CSV row is left out; a row the engine rejects is kept and listed as failing.
        const malformed = new Set(errors.filter((e) => e.error.code === 'CSV_ROW').map((e) => e.index));
        showTeam({ name, records: records.filter((_, i) => !malformed.has(i)) });
      },
      template: () => ({ name: 'salescore-sample-team.csv', rows: state.sample }),
    },
    orders: ordersMode({
      plan: () => state.baselineDoc,
      team: () => teamRecords(),
      check,
      attach: (byIndex, { name, count, skipped }) => attachOrders(byIndex, { name, count, skipped }),
    }),
  });
  state.recordEditor = createRecordEditor($('#record-editor'), { onEdit: onRecordEdited, onReset: resetRecord, onClose: closeRecord });
  state.ready = true;
  await applyLocale(); // renders the months and quick edits, then opens the comparison
  document.documentElement.dataset.ready = 'true';
}

main();
