// Importing a team from CSV (papaparse) or Excel .xlsx (read-excel-file), both bundled in
// www/vendor/sheets.js: the columns are mapped to the plan's fields (matched by id or label,
// changeable), a preview shows the first rows as the engine will get them, and every row is
// run through the baseline plan (plan.evaluateMany, in the worker) so each bad row shows its
// error code, path and message before the admin uses the data. The same dialog reads the orders
// as a file of their own (orders-import.js gives that mode).

import { parseCsv, readXlsx, unparseCsv } from '../vendor/sheets.js';
import { $, escapeHtml as esc } from '../page.js';
import { errorMessage, pageError, t } from './i18n.js';

const PREVIEW_ROWS = 8;
const TRUE = new Set(['true', '1', 'yes', 'y', '是', '√']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/**
 * Wires the dialog for one or more kinds of file (`modes`: the team, the orders…), each opened by
 * its own button. A mode: `open` (the button's selector), `words` (i18n keys: title, note,
 * template, apply, ok, rowErrors), `targets()` the fields a row has (`[{ id, type, label }]`),
 * `check(records)` resolving to `[{ index, error }]` (the engine's, or the mode's own),
 * `apply(records, name, errors)`, `template()` → `{ name, rows }` for the download (rows as
 * records of `targets()`).
 */
export function setUpImport(modes) {
  const dialog = $('#import-dialog');
  const state = { mode: null, name: '', headers: [], rows: [], lines: [], malformed: new Map(), mapping: new Map(), records: [], errors: [], checked: 0 };
  const mode = () => state.mode;
  const targets = () => mode().targets();
  const word = (key, vars) => t(mode().words[key], vars);

  for (const m of Object.values(modes)) {
    $(m.open).addEventListener('click', () => {
      state.mode = m;
      Object.assign(state, { name: '', headers: [], rows: [], lines: [], malformed: new Map(), records: [], errors: [] });
      $('#import-file').value = '';
      $('#import-status').textContent = '';
      $('#import-body').hidden = true;
      $('#import-apply').disabled = true;
      showWords();
      dialog.showModal();
    });
  }
  /** The dialog's words for its mode (again when the language switches). */
  function showWords() {
    if (!state.mode) return;
    dialog.dataset.mode = Object.keys(modes).find((k) => modes[k] === state.mode);
    $('#import-title').textContent = word('title');
    $('#import-note').textContent = word('note');
    $('#download-template').textContent = word('template');
    $('#import-apply').textContent = word('apply');
  }
  $('#import-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (file) await load(file);
  });
  $('#mapping').addEventListener('change', (e) => {
    const select = e.target.closest('select[data-field]');
    if (!select) return;
    state.mapping.set(select.dataset.field, select.value === '' ? null : Number(select.value));
    refresh();
  });
  $('#import-apply').addEventListener('click', () => {
    if (!state.records.length) return;
    dialog.close();
    mode().apply(state.records, state.name, state.errors);
  });
  $('#download-template').addEventListener('click', () => {
    const { name, rows } = mode().template();
    download(name, templateCsv(rows, targets()));
  });

  return { showWords };

  async function load(file) {
    state.name = file.name;
    $('#import-status').textContent = t('importReading', { file: file.name });
    $('#import-body').hidden = true;
    $('#import-apply').disabled = true;
    let table;
    let problems = new Map();
    try {
      if (/\.xlsx$/i.test(file.name)) table = await readXlsx(await file.arrayBuffer());
      else ({ table, problems } = readCsvText(await file.text()));
    } catch (e) {
      showStatusError(pageError('FILE_UNREADABLE', '', 'importFailed', { file: file.name, message: e?.message ?? String(e) }));
      return;
    }
    // Each row kept with its row number in the file (1 = the header; empty rows count).
    const kept = table.map((r, i) => [r, i + 1]).filter(([r]) => problems.has(r) || r.some((c) => c != null && String(c).trim() !== ''));
    const [[head = []] = [], ...rows] = kept;
    state.headers = head.map((h) => String(h ?? '').trim());
    state.rows = rows.map(([r]) => r);
    state.lines = rows.map(([, line]) => line);
    state.malformed = malformedRows(state.rows, problems, state.headers.length);
    if (!rows.length) {
      showStatusError(pageError('EMPTY_TEAM', '', 'importEmpty', { file: file.name }));
      return;
    }
    state.mapping = autoMap(targets(), state.headers);
    $('#import-status').textContent = t('importRead', { file: file.name, rows: rows.length, cols: state.headers.length });
    $('#import-body').hidden = false;
    renderMapping();
    await refresh();
  }

  /** A file that gives no team: its coded error where the admin is looking. */
  function showStatusError(error) {
    $('#import-status').innerHTML = `<code class="error-code">${esc(error.code)}</code> <span>${esc(errorMessage(error))}</span>`;
  }

  function renderMapping() {
    const options = (sel) => `<option value="">${esc(t('notMapped'))}</option>${state.headers.map((h, i) => `<option value="${i}"${sel === i ? ' selected' : ''}>${esc(h || `#${i + 1}`)}</option>`).join('')}`;
    $('#mapping').innerHTML = targets().map((f) => `<label class="map-row">
        <span class="map-field"><b>${esc(f.id)}</b><span class="muted">${esc(f.type)}</span></span>
        <select data-field="${esc(f.id)}">${options(state.mapping.get(f.id))}</select>
      </label>`).join('');
  }

  async function refresh() {
    state.records = state.rows.map((row) => toRecord(row, targets(), state.mapping));
    renderPreview([]);
    $('#import-errors').textContent = t('importChecking');
    const records = state.records;
    const checked = await mode().check(records);
    if (records !== state.records) return; // the mapping changed meanwhile
    // A malformed row's error is the file's, not what the engine made of its cells.
    const errors = checked.filter((e) => !state.malformed.has(e.index));
    for (const [index, error] of state.malformed) errors.push({ index, error });
    errors.sort((a, b) => a.index - b.index);
    state.errors = errors;
    renderPreview(errors);
    // Nothing to import when every row is malformed (the dialog stays, with its mapping).
    $('#import-apply').disabled = state.records.length === state.malformed.size;
  }

  function renderPreview(errors) {
    const fields = targets().filter((f) => state.mapping.get(f.id) != null);
    const bad = new Map(errors.map((e) => [e.index, e.error]));
    const shown = [...new Set([...Array(Math.min(PREVIEW_ROWS, state.records.length)).keys(), ...bad.keys()])].sort((a, b) => a - b);
    const value = (v) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    $('#preview-title').textContent = t('previewRows', { n: Math.min(PREVIEW_ROWS, state.records.length), total: state.records.length });
    $('#import-preview').innerHTML = `<thead><tr><th scope="col">#</th>${fields.map((f) => `<th scope="col">${esc(f.id)}</th>`).join('')}</tr></thead>
      <tbody>${shown.map((i) => {
        const err = bad.get(i);
        const badField = err?.path?.split('/')[2];
        return `<tr data-row="${i}"${err ? ' class="is-bad"' : ''}><th scope="row">${state.lines[i]}</th>${fields.map((f) => `<td${f.id === badField ? ' class="bad-cell"' : ''}>${esc(value(state.records[i][f.id]).slice(0, 60))}</td>`).join('')}</tr>`;
      }).join('')}</tbody>`;
    if (!errors.length) {
      $('#import-errors').innerHTML = state.records.length ? `<p class="ok-line">${esc(word('ok', { n: state.records.length }))}</p>` : '';
      return;
    }
    // Rows the engine rejects can still be imported (they are listed as failing); malformed ones are not.
    const m = state.malformed.size;
    const n = state.records.length - m;
    const e = errors.length - m;
    const line = [e ? word('rowErrors', { e, n, ok: n - e }) : '', m ? t('importMalformed', { m }) : ''].filter(Boolean).join(' ');
    $('#import-errors').innerHTML = `<p class="warn-line">${esc(line)}</p>
      <ul class="row-errors">${errors.map(({ index, error }) => `<li data-row="${index}" data-testid="row-error">
        <b>${esc(t('rowError', { row: state.lines[index] }))}</b>
        <code class="error-code">${esc(error.code)}</code> <code class="path">${esc(error.path)}</code>
        <span>${esc(errorMessage(error))}</span></li>`).join('')}</ul>`;
  }
}

/** CSV text → `{ table, problems }`: the rows as papaparse reads them, and each row papaparse
 *  found malformed (a quoted cell not closed, a stray quote) → its papaparse error code. */
function readCsvText(text) {
  // Empty lines are kept (and dropped by the caller): papaparse numbers its errors' rows with them.
  const { data, errors } = parseCsv(text.replace(/^\uFEFF/, ''));
  const problems = new Map();
  for (const e of errors) {
    const row = data[e.row];
    if (e.type === 'Quotes' && row && !problems.has(row)) problems.set(row, e.code);
  }
  return { table: data, problems };
}

const CSV_WORDS = { MissingQuotes: 'csvMissingQuotes', InvalidQuotes: 'csvInvalidQuotes', TooManyCells: 'csvTooManyCells' };

/** The data rows that are malformed → their error (`CSV_ROW`, the row's path, the words in every
 *  locale): papaparse's quote errors, and a row with a filled cell past the header's columns. */
function malformedRows(rows, problems, columns) {
  const malformed = new Map();
  rows.forEach((row, index) => {
    const extra = row.slice(columns).some((c) => c != null && String(c).trim() !== '');
    const kind = problems.get(row) ?? (columns > 0 && extra ? 'TooManyCells' : null);
    if (!kind) return;
    const key = CSV_WORDS[kind] ?? 'csvInvalidQuotes';
    const filled = row.reduce((n, c, i) => (c != null && String(c).trim() !== '' ? i + 1 : n), 0);
    malformed.set(index, pageError('CSV_ROW', `/${index}`, key, { n: filled, m: columns }));
  });
  return malformed;
}

/** Each field to the column of the same id or label (ignoring case and spaces). */
function autoMap(fields, headers) {
  const norm = (s) => String(s ?? '').replace(/\s+/g, '').toLowerCase();
  const index = new Map(headers.map((h, i) => [norm(h), i]));
  return new Map(fields.map((f) => [f.id, index.get(norm(f.id)) ?? index.get(norm(f.label)) ?? null]));
}

function toRecord(row, fields, mapping) {
  const record = {};
  for (const f of fields) {
    const col = mapping.get(f.id);
    if (col == null) continue;
    const v = cellValue(row[col], f.type);
    if (v !== undefined) record[f.id] = v;
  }
  return record;
}

/** A cell as the engine should get it: numbers as exact text, booleans and sub-tables parsed. */
export function cellValue(raw, type) {
  if (raw == null) return undefined;
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return type === 'text' ? String(raw) : type === 'boolean' ? raw !== 0 : raw;
  const s = String(raw).trim();
  if (s === '') return undefined;
  if (type === 'boolean') {
    const k = s.toLowerCase();
    return TRUE.has(k) ? true : FALSE.has(k) ? false : s;
  }
  if (['money', 'number', 'rate', 'integer'].includes(type)) return /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  if (type === 'rows') {
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  }
  return s;
}

/** The sample team as CSV (sub-tables as JSON), with a BOM so Excel reads the Chinese. */
function templateCsv(records, fields) {
  const rows = records.map((r) => fields.map((f) => (r[f.id] == null ? '' : typeof r[f.id] === 'object' ? JSON.stringify(r[f.id]) : r[f.id])));
  return `\uFEFF${unparseCsv({ fields: fields.map((f) => f.id), data: rows })}`;
}

/** Saves `text` as a file. */
export function download(name, text, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

