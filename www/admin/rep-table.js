// The sortable table of the reps: score, grade and forced grade before → after, pay before and
// after, the change and what the rep crossed. Header buttons sort (aria-sort says how); a row
// opens the rep's statements by click or Enter. The engine sorts the whole team by the column
// and sends one page of rows (the view's `rows`); the pager under the table turns the pages, so
// an edit costs one page of rows however large the team.

import { $, escapeHtml as esc } from '../page.js';
import { crossingText, money, plain, signedMoney, signedPercent, t, trend } from './i18n.js';

// `by`: the engine's column (text columns by code point, grades in the plan's order, best first
// ascending; reps without the value last either way, ties in record order).
const COLUMNS = [
  { key: 'id', label: 'colId', by: 'id', text: true },
  { key: 'name', label: 'colName', by: 'name', text: true },
  { key: 'group', label: 'colGroup', by: 'group', text: true },
  { key: 'score', label: 'colScore', by: 'score', num: true },
  { key: 'grade', label: 'grade', by: 'grade', text: true, ctr: true },
  { key: 'forced', label: 'colForced', by: 'forcedGrade', text: true, ctr: true },
  { key: 'before', label: 'colBefore', by: 'before', num: true },
  { key: 'after', label: 'colAfter', by: 'after', num: true },
  { key: 'change', label: 'colChange', by: 'change', num: true },
  { key: 'percent', label: 'colPercent', by: 'percent', num: true },
  { key: 'crossed', label: 'colCrossed', by: 'crossings', num: true, left: true },
];

export const sortState = { key: 'change', dir: 'desc' };

/** Rows per page (a screenful or two: what every edit works out in full). */
export const PAGE_ROWS = 50;
let page = 0;

/** What the table asks the engine for: its order and the rows of the page shown. */
export function tableView() {
  const col = COLUMNS.find((c) => c.key === sortState.key) ?? COLUMNS[0];
  return { sort: { by: col.by, descending: sortState.dir === 'desc' }, from: page * PAGE_ROWS, count: PAGE_ROWS };
}

/** Turns to the page `step` pages on from the one shown (`from`, the view's), within `total` reps;
 *  whether it moved. `turnPage()`: the first. */
export function turnPage(step = null, { total = 0, from = 0 } = {}) {
  const last = Math.max(0, Math.ceil(total / PAGE_ROWS) - 1);
  const next = step == null ? 0 : Math.min(last, Math.max(0, Math.floor(from / PAGE_ROWS) + step));
  const moved = next !== page;
  page = next;
  return moved;
}

export function renderHead() {
  // The head is drawn again when the rows of a new order come: the focused button keeps focus.
  const focused = document.activeElement?.closest?.('#rep-head [data-sort]')?.dataset.sort;
  $('#rep-head').innerHTML = `<tr>${COLUMNS.map((c) => {
    const sorted = sortState.key === c.key ? (sortState.dir === 'asc' ? 'ascending' : 'descending') : 'none';
    const arrow = sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '';
    const align = c.left ? '' : c.num ? 'num' : c.ctr ? 'ctr' : '';
    return `<th scope="col" class="${align}" aria-sort="${sorted}">
      <button type="button" class="sort-button" data-sort="${c.key}" title="${esc(t('sortBy', { c: t(c.label) }))}">${esc(t(c.label))}<span class="sort-arrow" aria-hidden="true">${arrow}</span></button></th>`;
  }).join('')}</tr>`;
  if (focused) $(`#rep-head [data-sort="${focused}"]`)?.focus();
}

/** Sorts by `key` (the same key again flips the direction). */
export function sortBy(key) {
  const col = COLUMNS.find((c) => c.key === key);
  if (!col) return;
  if (sortState.key === key) sortState.dir = sortState.dir === 'asc' ? 'desc' : 'asc';
  else Object.assign(sortState, { key, dir: col.text ? 'asc' : 'desc' });
  page = 0; // a new order starts at its top
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

export function renderRows(view, selected) {
  const over = new Set(view.overThreshold.map((r) => r.index));
  const failures = new Map(view.failures.map((f) => [f.index, f]));
  $('#rep-rows').innerHTML = view.rows.map((r) => row(r, { selected, over, failure: failures.get(r.index) })).join('');
  renderPager(view);
}

/** "Reps 51–100 of 10,000" between the previous and next page buttons (a team of one page: none),
 *  for the rows shown (the view's `from`: a page asked for and not yet answered does not count). */
function renderPager({ total, from, rows }) {
  const pager = $('#rep-pager');
  pager.hidden = total <= PAGE_ROWS;
  if (pager.hidden) return;
  const shown = rows.length;
  const focused = document.activeElement?.closest?.('#rep-pager [data-page]')?.dataset.page;
  pager.innerHTML = `<button type="button" class="ghost-button" data-page="-1" data-testid="page-prev"${from === 0 ? ' disabled' : ''}>${esc(t('pagePrev'))}</button>
    <span class="pager-text" data-testid="page-text" aria-live="polite">${esc(t('pageRows', { from: from + 1, to: from + shown, n: total }))}</span>
    <button type="button" class="ghost-button" data-page="1" data-testid="page-next"${from + shown >= total ? ' disabled' : ''}>${esc(t('pageNext'))}</button>`;
  if (focused) pager.querySelector(`[data-page="${focused}"]:not([disabled])`)?.focus();
}
