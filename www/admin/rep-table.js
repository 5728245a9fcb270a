// The sortable table of every rep: score, grade and forced grade before → after, pay before and
// after, the change and what the rep crossed. Header buttons sort (aria-sort says how); a row
// opens the rep's statements by click or Enter.

import { $, escapeHtml as esc } from '../page.js';
import { crossingText, money, plain, signedMoney, signedPercent, t, trend } from './i18n.js';

const COLUMNS = [
  { key: 'id', label: 'colId', value: (r) => r.id, text: true },
  { key: 'name', label: 'colName', value: (r) => r.name, text: true },
  { key: 'group', label: 'colGroup', value: (r) => r.group, text: true },
  { key: 'score', label: 'colScore', value: (r) => r.after?.score ?? r.before?.score, num: true },
  { key: 'grade', label: 'grade', value: (r) => r.after?.grade ?? '', text: true, ctr: true },
  { key: 'forced', label: 'colForced', value: (r) => r.after?.forcedGrade ?? '', text: true, ctr: true },
  { key: 'before', label: 'colBefore', value: (r) => r.before?.payout, num: true },
  { key: 'after', label: 'colAfter', value: (r) => r.after?.payout, num: true },
  { key: 'change', label: 'colChange', value: (r) => r.change, num: true },
  { key: 'percent', label: 'colPercent', value: (r) => r.percent, num: true },
  { key: 'crossed', label: 'colCrossed', value: (r) => r.crossed.length, num: true, left: true },
];

export const sortState = { key: 'change', dir: 'desc' };

export function renderHead() {
  $('#rep-head').innerHTML = `<tr>${COLUMNS.map((c) => {
    const sorted = sortState.key === c.key ? (sortState.dir === 'asc' ? 'ascending' : 'descending') : 'none';
    const arrow = sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '';
    const align = c.left ? '' : c.num ? 'num' : c.ctr ? 'ctr' : '';
    return `<th scope="col" class="${align}" aria-sort="${sorted}">
      <button type="button" class="sort-button" data-sort="${c.key}" title="${esc(t('sortBy', { c: t(c.label) }))}">${esc(t(c.label))}<span class="sort-arrow" aria-hidden="true">${arrow}</span></button></th>`;
  }).join('')}</tr>`;
}

/** Sorts by `key` (the same key again flips the direction). */
export function sortBy(key) {
  const col = COLUMNS.find((c) => c.key === key);
  if (!col) return;
  if (sortState.key === key) sortState.dir = sortState.dir === 'asc' ? 'desc' : 'asc';
  else Object.assign(sortState, { key, dir: col.text ? 'asc' : 'desc' });
}

function sorted(reps) {
  const col = COLUMNS.find((c) => c.key === sortState.key) ?? COLUMNS[0];
  const sign = sortState.dir === 'asc' ? 1 : -1;
  return [...reps].sort((a, b) => {
    const [x, y] = [col.value(a), col.value(b)];
    if (x == null || y == null) return x == null ? (y == null ? a.index - b.index : 1) : -1; // not computed: last
    const c = col.text ? String(x).localeCompare(String(y), 'zh-CN') : x - y;
    return c * sign || a.index - b.index;
  });
}

const pair = (a, b, fmt = (v) => v) => {
  if (a == null && b == null) return '—';
  const [x, y] = [a == null ? '—' : fmt(a), b == null ? '—' : fmt(b)];
  return x === y ? esc(x) : `<span class="was">${esc(x)}</span><span class="arrow" aria-hidden="true">→</span><b>${esc(y)}</b>`;
};

function row(r, { selected, over, failure }) {
  const classes = [r.index === selected ? 'is-selected' : '', over.has(r.index) ? 'is-over' : '', failure ? 'is-failed' : ''].join(' ').trim();
  const crossed = r.crossed.map((c) => {
    const text = crossingText(c);
    return `<span class="cross" data-kind="${esc(c.kind)}" data-direction="${esc(c.direction)}" title="${esc(text)}">${esc(text)}</span>`;
  }).join('');
  const changeCell = failure
    ? `<td class="num" colspan="2"><code class="error-code" title="${esc(failure.error.path)}">${esc(failure.error.code)}</code></td>`
    : `<td class="num delta" data-trend="${trend(r.change)}" data-testid="change">${signedMoney(r.change)}</td><td class="num delta" data-trend="${trend(r.change)}">${signedPercent(r.percent)}</td>`;
  return `<tr data-index="${r.index}" data-id="${esc(r.id)}" tabindex="0" class="${classes}"${r.index === selected ? ' aria-current="true"' : ''}>
    <td class="id">${esc(r.id)}</td><td>${esc(r.name)}</td><td>${esc(r.group)}</td>
    <td class="num" data-testid="score">${pair(r.before?.score, r.after?.score, plain)}</td>
    <td class="ctr" data-testid="grade">${pair(r.before?.grade, r.after?.grade)}</td>
    <td class="ctr" data-testid="forced">${pair(r.before?.forcedGrade, r.after?.forcedGrade)}</td>
    <td class="num" data-testid="before">${money(r.before?.payout)}</td>
    <td class="num" data-testid="after">${money(r.after?.payout)}</td>
    ${changeCell}
    <td class="crossed">${crossed}</td>
  </tr>`;
}

/** How many rows a big team shows before "show all" (the sort decides which). */
const FIRST_ROWS = 200;
let showing = FIRST_ROWS;

/** After "show all": every row; `reset` goes back to the first rows (a new team). */
export function showAllRows(all = true) {
  showing = all ? Infinity : FIRST_ROWS;
}

export function renderRows(view, selected) {
  const over = new Set(view.overThreshold.map((r) => r.index));
  const failures = new Map(view.failures.map((f) => [f.index, f]));
  const rows = sorted(view.reps);
  const shown = rows.slice(0, showing);
  const more = rows.length - shown.length;
  const html = shown.map((r) => row(r, { selected, over, failure: failures.get(r.index) }));
  if (more > 0) html.push(`<tr class="more-row"><td colspan="${COLUMNS.length}"><button type="button" class="link-button" data-show-all>${esc(t('showAll', { n: rows.length, more }))}</button></td></tr>`);
  $('#rep-rows').innerHTML = html.join('');
}
