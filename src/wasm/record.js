// Bulk helpers: one crossing from WebAssembly per record instead of one per field or metric.

import { LIMITS, describeThrown, documentJson, kindOf } from './document.js';

/** Reads the fields of `obj` named by `keys` in one crossing: numbers into `numbers`, and each
 *  field's kind into `kinds`: 0 missing (null or undefined), 1 number, 2 anything else (read on
 *  its own), 3 a string, 4 true, 5 false. Strings are returned concatenated, each one's length
 *  (in UTF-16 code units) in `lengths`. A record must be an object (plain or a class instance;
 *  not an array, Map, Date…). When it cannot be read, returns `[problem, key, found]` instead:
 *  `'type'` (`found` its kind), `'read'` (a getter or Proxy trap threw: `found` says what) or
 *  `'long'` (a text longer than the limit: `found` its length). */
export function readFields(obj, keys, numbers, kinds, lengths) {
  return readRecord(obj, keys, 0, numbers, kinds, lengths);
}

/** `readFields` into the cells from `base` on. */
function readRecord(obj, keys, base, numbers, kinds, lengths) {
  const kind = kindOf(obj);
  if (kind !== 'object') return ['type', '', kind];
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    let v;
    try {
      v = obj[keys[i]];
    } catch (e) {
      return ['read', keys[i], describeThrown(e)];
    }
    if (typeof v === 'string' && v.length > LIMITS.text) return ['long', keys[i], `${v.length}`];
    text += cell(v, base + i, numbers, kinds, lengths);
  }
  return text;
}

/** The records the last `readMany` could not read (see there), or null. */
let problems = null;

/** Records `from` to `from + count` of the plain array `records` read as `readFields` reads one,
 *  in one crossing: record `r`'s field `k` is cell `r * keys.length + k`, its strings in the
 *  returned text in order. A record that cannot be read leaves its cells missing and adds no
 *  text; its problem (`[r, problem, key, found]`, `r` counted from `from`) is kept for
 *  `manyProblems`. */
export function readMany(records, from, count, keys, numbers, kinds, lengths) {
  const w = keys.length;
  let text = '';
  problems = null;
  for (let r = 0; r < count; r++) {
    const base = r * w;
    const read = readRecord(records[from + r], keys, base, numbers, kinds, lengths);
    if (typeof read === 'string') {
      text += read;
    } else {
      kinds.fill(0, base, base + w);
      (problems ??= []).push([r, ...read]);
    }
  }
  return text;
}

/** The records `readMany` could not read last time (`[r, problem, key, found]` each), or null. */
export function manyProblems() {
  return problems;
}

/** Records value `v` as cell `i` (see `readFields`); returns the text it adds. */
function cell(v, i, numbers, kinds, lengths) {
  if (typeof v === 'number') {
    numbers[i] = v;
    kinds[i] = 1;
  } else if (typeof v === 'string') {
    kinds[i] = 3;
    lengths[i] = v.length;
    return v;
  } else if (typeof v === 'boolean') {
    kinds[i] = v ? 4 : 5;
  } else if (v === undefined || v === null) {
    kinds[i] = 0;
  } else {
    // An array is named as one in errors (kindOf never throws, even on a revoked Proxy).
    kinds[i] = kindOf(v) === 'array' ? 8 : 2;
  }
  return '';
}

/** What went wrong in the last `rowCount` or `readRows` that failed: `[problem, row, column,
 *  found, path]` as `readFields` names problems (`'type'`, `'read'`, `'long'`, `'rows'`: too many;
 *  `'finite'`, `'json'`: a nested value with no JSON form at `path` inside the cell). */
let problem = null;

/** The problem of the last failed sub-table read (see `problem`). */
export function rowProblem() {
  const p = problem;
  problem = null;
  return p ?? ['read', -1, '', 'unknown'];
}

/** The length of the array `obj[key]`: -1 when missing (undefined or null), -2 when it cannot be
 *  read as rows (see `rowProblem`). */
export function rowCount(obj, key) {
  try {
    const v = obj[key];
    if (v === undefined || v === null) return -1;
    const kind = kindOf(v);
    if (kind !== 'array') {
      problem = ['type', -1, '', kind];
      return -2;
    }
    const length = v.length;
    if (length > LIMITS.rows) {
      problem = ['rows', -1, '', `${length}`];
      return -2;
    }
    return length;
  } catch (e) {
    problem = ['read', -1, '', describeThrown(e)];
    return -2;
  }
}

/** Reads `columns` of each object of the array `obj[key]` in one crossing, as `readFields` reads
 *  a record: cell `r * columns.length + k` gets kind 0 missing, 1 number, 2 other, 3 string,
 *  4 true, 5 false, or 6 for column `json`'s value as JSON text (in the returned text, like
 *  strings). A row that is not an object gets kind 7 in its first cell. Returns undefined, with
 *  the reason in `rowProblem`, when a row could not be read. */
export function readRows(obj, key, columns, json, numbers, kinds, lengths) {
  return rowsInto(obj, key, columns, json, 0, Infinity, numbers, kinds, lengths);
}

/** `readRows` into the cells from `base` on, reading at most `most` rows. */
function rowsInto(obj, key, columns, json, base, most, numbers, kinds, lengths) {
  let r = 0;
  let k = -1;
  try {
    const rows = obj[key];
    const c = columns.length;
    let text = '';
    for (r = 0; r < rows.length && r < most; r++) {
      k = -1;
      const row = rows[r];
      if (kindOf(row) !== 'object') {
        kinds[base + r * c] = 7;
        continue;
      }
      for (k = 0; k < c; k++) {
        const i = base + r * c + k;
        const v = row[columns[k]];
        if (typeof v === 'string' && v.length > LIMITS.text) {
          problem = ['long', r, columns[k], `${v.length}`];
          return undefined;
        }
        if (k === json && v !== null && v !== undefined) {
          // Any value there goes to the engine as JSON, which says what is wrong with text or a
          // number where a split belongs.
          const [s, code, path, found] = typeof v === 'object' ? documentJson(v)
            : typeof v === 'number' && !Number.isFinite(v) ? [null, 'NOT_FINITE', '', String(v)]
              : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [JSON.stringify(v)]
                : [null, 'INVALID_VALUE', '', typeof v];
          if (s === null) {
            const kind = code === 'READ_FAILED' ? 'read' : code === 'NOT_FINITE' ? 'finite' : code === 'TOO_LARGE' ? 'long' : 'json';
            problem = [kind, r, columns[k], found, path];
            return undefined;
          }
          kinds[i] = 6;
          lengths[i] = s.length;
          text += s;
        } else {
          text += cell(v, i, numbers, kinds, lengths);
        }
      }
    }
    return text;
  } catch (e) {
    problem = ['read', r, k >= 0 ? columns[k] : '', describeThrown(e)];
    return undefined;
  }
}

/** The problems of the last `rowCounts` and `readManyRows` (`[r, ...rowProblem()]` each), or null. */
let rowsProblems = null;

/** For records `from` to `from + count` of the plain array `records`, the length of each one's
 *  sub-table `key` into `counts`, as `rowCount` gives it (-2: its problem is kept for
 *  `manyRowProblems`). Returns how many rows they have together. */
export function rowCounts(records, from, count, key, counts) {
  rowsProblems = null;
  let total = 0;
  for (let r = 0; r < count; r++) {
    const n = rowCount(records[from + r], key);
    counts[r] = n;
    if (n === -2) (rowsProblems ??= []).push([r, ...rowProblem()]);
    else if (n > 0) total += n;
  }
  return total;
}

/** The sub-tables `rowCounts` counted, each read as `readRows` reads one (at most its `counts[r]`
 *  rows), one after the other in the cells, in one crossing. A record whose rows cannot be read
 *  gets count -2, its problem kept for `manyRowProblems`, and its cells left missing. */
export function readManyRows(records, from, count, key, columns, json, counts, numbers, kinds, lengths) {
  const c = columns.length;
  let text = '';
  let base = 0;
  for (let r = 0; r < count; r++) {
    const n = counts[r];
    if (n <= 0) continue;
    const read = rowsInto(records[from + r], key, columns, json, base, n, numbers, kinds, lengths);
    if (read === undefined) {
      counts[r] = -2;
      kinds.fill(0, base, base + n * c);
      (rowsProblems ??= []).push([r, ...rowProblem()]);
    } else {
      text += read;
    }
    base += n * c;
  }
  return text;
}

/** The sub-tables `rowCounts` and `readManyRows` could not read last time, or null. */
export function manyRowProblems() {
  return rowsProblems;
}

/** `out[key] = v` as `JSON.parse` does it: a key `"__proto__"` is an own property (an assignment
 *  would set the prototype instead, and the entry would be lost). */
function put(out, key, v) {
  if (key === '__proto__') Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
  else out[key] = v;
}

/** `{ metrics: { [keys[i]]: numbers[i] } }` in key order, where `others` (`[index, value, …]`,
 *  or undefined when every value is a number) replaces the entries that are not numbers: a plan's
 *  result of metrics alone, made in one crossing. */
export function buildMetrics(keys, numbers, others) {
  const out = {};
  for (let i = 0; i < keys.length; i++) put(out, keys[i], numbers[i]);
  if (others !== undefined) for (let j = 0; j < others.length; j += 2) put(out, keys[others[j]], others[j + 1]);
  return { metrics: out };
}

/** Names (struct field and enum variant names) the tapes refer to, kept for the instance: each
 *  crosses once, and keys reused across calls stay fast property keys. */
const NAMES = [];

const slices = (text, lengths, out) => {
  for (let i = 0, at = 0; i < lengths.length; i++) {
    const end = at + lengths[i];
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
};

/** The tape being read by `value` (`buildValue` is never re-entered). */
let W = null;
let N = null;
let S = null;
let w = 0;
let n = 0;

function value() {
  const word = W[w++];
  const operand = word >>> 3;
  switch (word & 7) {
    case 0: return null;
    case 1: return true;
    case 2: return false;
    case 3: return N[n++];
    case 4: return S[operand];
    case 5: {
      const out = [];
      for (let k = 0; k < operand; k++) out.push(value());
      return out;
    }
    case 6: {
      const out = {};
      for (let k = 0; k < operand; k++) {
        const kw = W[w++];
        const key = kw & 1 ? NAMES[kw >>> 1] : S[kw >>> 1];
        const v = value();
        put(out, key, v);
      }
      return out;
    }
    default: return NAMES[operand];
  }
}

/** Rebuilds a value from the tape written by `tape.rs`: `words` are opcodes (low 3 bits) with
 *  an operand, `numbers` the numbers in order, `text` the call's strings concatenated and
 *  `lengths` their lengths; `newNames`/`newNameLengths` extend the name table, which held
 *  `known` names before. Gives what `JSON.parse` of the same value as JSON would. */
export function buildValue(words, numbers, text, lengths, newNames, newNameLengths, known) {
  // A fresh instance (after a restart) starts its table anew.
  if (known === 0) NAMES.length = 0;
  if (NAMES.length !== known) throw new Error(`salescore: name table out of step (${NAMES.length} ≠ ${known})`);
  if (newNameLengths.length) slices(newNames, newNameLengths, NAMES);
  W = words;
  N = numbers;
  S = slices(text, lengths, []);
  w = 0;
  n = 0;
  const out = value();
  W = N = S = null;
  return out;
}
