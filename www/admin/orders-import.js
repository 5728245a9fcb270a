// The orders as a file of their own (CSV or Excel, one order per row), read by the import dialog
// of team-import.js in its "orders" mode: the columns map to the keys of the plan's transactions
// (`incentive.transactions`: order id, amount, collected, product line, customer type) and to the
// column naming the rep, matched to the team's id field (工号). Each row is checked: a rep not in
// the team is the page's error (UNKNOWN_REP); every other row goes to the engine as its rep's
// record with that one order, so a bad amount gives the engine's error, mapped to its row.

import { pageError } from './i18n.js';

const KEYS = [['id', 'text'], ['amount', 'money'], ['collected', 'money'], ['product', 'text'], ['customerType', 'text']];

/** The orders sub-table of a plan: `{ field, columns: [{ id, type, role }] }`, or null. */
export function ordersSpec(doc) {
  const tx = doc?.incentive?.transactions;
  if (!tx?.field) return null;
  const columns = KEYS.filter(([role]) => tx[role]).map(([role, type]) => ({ id: tx[role], type, role }));
  return { field: tx.field, columns };
}

/** The team's id field: the plan's `scorecard.team.id`, or its first field. */
export const idFieldOf = (doc) => doc?.scorecard?.team?.id ?? doc?.fields?.[0]?.id ?? 'id';

/**
 * The dialog mode. `plan()` gives the baseline document, `team()` the current team's records
 * (`{ records, attach }`: `attach(byIndex, name)` takes the orders per record index),
 * `check(records)` the engine's `[{ index, error }]` for whole records.
 */
export function ordersMode({ plan, team, check, attach }) {
  const spec = () => ordersSpec(plan());
  const idField = () => idFieldOf(plan());
  const targets = () => [{ id: idField(), type: 'text', label: idField() }, ...(spec()?.columns ?? [])];

  /** A row of the file → the order it is (the rep's column left out). */
  const orderOf = (row) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== idField()));

  /** Which team record each row names, by the id field (text, trimmed). */
  function repIndex() {
    const byId = new Map();
    team().forEach((r, i) => {
      const id = r[idField()];
      if (id != null && !byId.has(String(id).trim())) byId.set(String(id).trim(), i);
    });
    return byId;
  }

  async function checkRows(rows) {
    const byId = repIndex();
    const records = team();
    const errors = [];
    const sent = []; // [row index, record]
    rows.forEach((row, i) => {
      const id = row[idField()] == null ? '' : String(row[idField()]).trim();
      const at = byId.get(id);
      if (at == null) {
        const error = id ? pageError('UNKNOWN_REP', `/${i}/${idField()}`, 'unknownRep', { field: idField(), id }) : pageError('UNKNOWN_REP', `/${i}/${idField()}`, 'noRep', { field: idField() });
        errors.push({ index: i, error });
        return;
      }
      sent.push([i, { ...records[at], [spec().field]: [orderOf(row)] }]);
    });
    if (sent.length) {
      const prefix = `/${spec().field}/0/`;
      for (const { index, error } of await check(sent.map(([, r]) => r))) {
        // Only what is wrong with the order itself (an error elsewhere in the rep's record is the team's).
        const rest = error.path.slice(error.path.indexOf('/', 1));
        if (!rest.startsWith(prefix)) continue;
        const row = sent[index][0];
        errors.push({ index: row, error: { ...error, path: `/${row}/${rest.slice(prefix.length)}` } });
      }
    }
    return errors.sort((a, b) => a.index - b.index);
  }

  function apply(rows, name, errors) {
    const bad = new Set(errors.map((e) => e.index));
    const byId = repIndex();
    const byIndex = new Map();
    let count = 0;
    rows.forEach((row, i) => {
      if (bad.has(i)) return;
      const at = byId.get(String(row[idField()] ?? '').trim());
      if (at == null) return;
      if (!byIndex.has(at)) byIndex.set(at, []);
      byIndex.get(at).push(orderOf(row));
      count++;
    });
    attach(byIndex, { name, count, skipped: bad.size });
  }

  /** The current team's orders, one a row, for the download. */
  function template() {
    const s = spec();
    const rows = team().flatMap((r) => (Array.isArray(r[s.field]) ? r[s.field] : []).map((o) => ({ [idField()]: r[idField()], ...o })));
    return { name: 'salescore-sample-orders.csv', rows };
  }

  return {
    open: '#orders-open',
    words: { title: 'ordersTitle', note: 'ordersNote', template: 'ordersTemplate', apply: 'ordersApply', ok: 'ordersOk', rowErrors: 'ordersRowErrors' },
    targets,
    check: checkRows,
    apply,
    template,
  };
}
