// Reading the team: a JSON array of records, or a CSV (papaparse) whose header names the plan's
// fields; and the orders, either in a JSON cell of the team CSV or in a CSV of their own.
// Every record keeps its row number (first record = 1) and, from a CSV, the line it starts on.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import Papa from 'papaparse';
import { cliError, Stop } from './messages.mjs';

/** The file's text: UTF-8 (a BOM is dropped); exit 2 when it cannot be read or is not UTF-8. */
export function readText(file, locale) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Stop(2, cliError('FILE_UNREADABLE', { file, reason: e.code === 'ENOENT' ? 'no such file' : e.message }, locale));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new Stop(2, cliError('BAD_ENCODING', { file }, locale));
  }
}

const bare = (formula) => {
  const m = /^\s*(?:\{([^{}]+)\}|([^\s(){}+\-*/<>=!&|,"]+))\s*$/.exec(formula ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
};

/** What reading needs from the compiled plan's document: field types, the transactions
 *  section, and the field holding each rep's id (when the plan's id formula is a bare field). */
export function planShape(doc) {
  const types = new Map((doc.fields ?? []).map((f) => [f.id, f.type]));
  const rep = [doc.incentive?.rep, doc.scorecard?.team?.id].map(bare).find((f) => f !== undefined && types.has(f));
  const nameField = bare(doc.scorecard?.team?.name);
  const groupField = bare(doc.scorecard?.team?.group);
  return { types, transactions: doc.incentive?.transactions, repField: rep, nameField, groupField };
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '对']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '错']);

/** A CSV cell as the engine takes it for a field of `type`: decimals stay strings (the engine
 *  reads them exactly), booleans are mapped from TRUE/1/yes/是…, anything else is left to the
 *  engine to accept or to reject with its code. */
function cell(value, type) {
  if (type === 'boolean') {
    const v = value.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return value;
  }
  if (type === 'text') return value;
  return value.trim();
}

/** Parses CSV text; calls `each(row, line, errors)` for every data row (empty lines skipped). */
function parseCsv(text, each) {
  let at = text.search(/\r?\n/); // the header's end (a header with a quoted line break is not supported)
  at = at < 0 ? text.length : at;
  let line = 1;
  let counted = 0;
  const linesTo = (pos) => {
    for (let i = counted; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
    counted = Math.max(counted, pos);
    return line;
  };
  const blank = /(?:[ \t]*\r?\n)+/y;
  let columns = [];
  Papa.parse(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
    step(result) {
      if (!columns.length) columns = result.meta.fields ?? [];
      blank.lastIndex = at;
      const start = blank.test(text) ? blank.lastIndex : at;
      each(result.data, linesTo(start), result.errors); // the header is line 1
      at = result.meta.cursor;
    },
  });
  return columns;
}

function rowError(entry, code, detail, locale, path = '') {
  entry.error = cliError(code, detail, locale, path);
  return entry;
}

/** The team: `{ format, columns, entries: [{ row, line?, record?, error? }] }`. */
export function readTeam(file, shape, locale) {
  const text = readText(file, locale);
  const json = extname(file).toLowerCase() === '.json' || /^\s*\[/.test(text);
  if (json) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Stop(2, cliError('BAD_JSON', { file, reason: e.message }, locale));
    }
    if (!Array.isArray(data)) throw new Stop(2, cliError('TEAM_NOT_ARRAY', { file, found: data === null ? 'null' : typeof data }, locale));
    return { file, format: 'json', columns: [], entries: data.map((record, i) => ({ row: i + 1, record })) };
  }
  const entries = [];
  const txField = shape.transactions?.field;
  const columns = parseCsv(text, (data, line, errors) => {
    const entry = { row: entries.length + 1, line };
    entries.push(entry);
    const mismatch = errors.find((e) => e.type === 'FieldMismatch' || e.type === 'Quotes');
    if (mismatch) return rowError(entry, 'CSV_ROW', { reason: mismatch.message }, locale);
    const record = {};
    for (const [column, value] of Object.entries(data)) {
      if (column === '__parsed_extra' || column === '' || value === undefined || value === '') continue;
      if (column === txField) {
        try {
          record[column] = JSON.parse(value);
        } catch (e) {
          return rowError(entry, 'BAD_JSON_CELL', { column, reason: e.message }, locale, `/${column}`);
        }
      } else {
        record[column] = cell(value, shape.types.get(column));
      }
    }
    entry.record = record;
  });
  return { file, format: 'csv', columns, entries };
}

const keyOf = (values) => JSON.stringify(values.map((v) => (v === undefined || v === null ? '' : String(v))));

/** Reads the orders CSV and puts each order into its rep's record (after any orders already in
 *  the record's cell). Orders whose key matches no rep come back as errors of the orders file;
 *  an order with a broken cell fails its rep's row. */
export function attachOrders(file, team, shape, { key, by }, locale) {
  const tx = shape.transactions;
  if (!tx) throw new Stop(2, cliError('NO_TRANSACTIONS', {}, locale));
  const keyColumn = key ?? shape.repField;
  if (!keyColumn) throw new Stop(2, cliError('NO_KEY', {}, locale));
  const text = readText(file, locale);
  const orders = [];
  const columns = parseCsv(text, (data, line, errors) => orders.push({ row: orders.length + 1, line, data, errors }));
  if (!columns.includes(keyColumn)) throw new Stop(2, cliError('MISSING_COLUMN', { file, column: keyColumn }, locale));
  const keys = [keyColumn, ...(by && by !== keyColumn && columns.includes(by) ? [by] : [])];
  if (team.format === 'csv') {
    for (const k of keys) if (!team.columns.includes(k)) throw new Stop(2, cliError('MISSING_COLUMN', { file: team.file, column: k }, locale));
  }
  // Rows of the team file by key; a key on several rows (several periods and no --by column in
  // the orders file) cannot say which row an order belongs to.
  const reps = new Map();
  for (const entry of team.entries) {
    if (!entry.record || typeof entry.record !== 'object') continue;
    const k = keyOf(keys.map((c) => entry.record[c]));
    reps.set(k, reps.has(k) ? null : entry);
  }
  const name = basename(file);
  const problems = [];
  const splitsColumn = tx.splits;
  for (const order of orders) {
    const at = keys.map((k) => order.data[k]);
    const entry = reps.get(keyOf(at));
    const where = { file: name, row: order.row, line: order.line, id: at.join(' ') };
    const named = keys.map((k, i) => `${k} = ${at[i] ?? ''}`).join(', ');
    if (entry === null) {
      problems.push({ ...where, ...cliError('ORDER_AMBIGUOUS_REP', { key: named }, locale) });
      continue;
    }
    if (!entry) {
      problems.push({ ...where, ...cliError('ORDER_WITHOUT_REP', { key: named }, locale) });
      continue;
    }
    const fail = (code, detail, path) => {
      const problem = cliError(code, detail, locale, path);
      problems.push({ ...where, ...problem });
      entry.error ??= cliError('ORDER_INVALID', { file: name, row: order.row, message: problem.message }, locale, `/${tx.field}`);
    };
    const mismatch = order.errors.find((e) => e.type === 'FieldMismatch' || e.type === 'Quotes');
    if (mismatch) {
      fail('CSV_ROW', { reason: mismatch.message }, '');
      continue;
    }
    const row = {};
    for (const [column, value] of Object.entries(order.data)) {
      if (keys.includes(column) && !Object.values(tx).includes(column)) continue;
      if (column === '__parsed_extra' || value === undefined || value === '') continue;
      if (column === splitsColumn) {
        try {
          row[column] = JSON.parse(value);
        } catch (e) {
          fail('BAD_JSON_CELL', { column, reason: e.message }, `/${column}`);
          break;
        }
      } else {
        row[column] = value;
      }
    }
    if (entry.error) continue;
    const list = entry.record[tx.field];
    entry.record[tx.field] = Array.isArray(list) ? [...list, row] : [row];
  }
  return problems;
}
