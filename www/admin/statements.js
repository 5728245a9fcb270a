// One rep's two statements side by side, line against line: the lines are matched by what they
// pay for (component, kind, rule, transaction, tier), and a line whose amount or wording changed,
// or that exists on one side only, is highlighted.

import { $, escapeHtml as esc } from '../page.js';
import { errorMessage, money, plain, signedMoney, t, trend } from './i18n.js';

const keyOf = (l) => [l.component, l.kind, l.name ?? '', l.transaction ?? '', l.tier ?? ''].join('|');

/** Lines keyed (a repeated key gets its occurrence number). */
function keyed(lines) {
  const seen = new Map();
  return lines.map((l) => {
    const k = keyOf(l);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return [`${k}#${n}`, l];
  });
}

/** Both sides' keys in one order: the baseline's, with the draft's own lines after their predecessor. */
function aligned(before, after) {
  const order = before.map(([k]) => k);
  let at = -1;
  for (const [k] of after) {
    const i = order.indexOf(k);
    if (i >= 0) at = i;
    else order.splice(++at, 0, k);
  }
  return order;
}

export function renderStatements(rep, pair, failure) {
  $('#detail-sub').textContent = t('detailSub', { id: rep.id, name: rep.name });
  const b = keyed(pair.before?.incentive?.statement.lines ?? []);
  const a = keyed(pair.after?.incentive?.statement.lines ?? []);
  const [mb, ma] = [new Map(b), new Map(a)];
  const lines = aligned(b, a).map((k) => {
    const [x, y] = [mb.get(k), ma.get(k)];
    return { k, x, y, changed: !x || !y || x.amount !== y.amount || x.text !== y.text };
  });
  const rows = folded(lines).map(({ k, x, y, changed, fold, hidden }) => {
    if (fold) return `<tr class="fold-row"><td colspan="4"><button type="button" class="link-button" data-fold="${fold.id}" aria-expanded="false">${esc(t('unchangedLines', { n: fold.n }))}</button></td></tr>`;
    const title = changed ? ` title="${esc(x && y ? t('lineChanged') : t('lineOnly'))}"` : '';
    return `<tr class="${changed ? 'is-changed' : ''}" data-key="${esc(k)}"${hidden ? ` data-folded="${hidden}" hidden` : ''}${title}>${cell(x)}${cell(y)}</tr>`;
  }).join('');
  const head = (side, title) => {
    const r = pair[side];
    if (!r) return `<th scope="col" colspan="2" class="side-head is-missing">${esc(title)}<div class="error-line">${esc(failureText(failure, side))}</div></th>`;
    return `<th scope="col" colspan="2" class="side-head">${esc(title)}<div class="score-line">${esc(t('scoreLine', { s: plain(r.score?.total), g: r.score?.grade ?? '—' }))}</div></th>`;
  };
  const total = (r) => `<td class="stmt-text"><b>${esc(t('statementTotal'))}</b></td><td class="num" data-testid="statement-total"><b>${r ? money(r.incentive?.statement.total) : '—'}</b></td>`;
  $('#statements').innerHTML = `<div class="table-scroll"><table class="stmt-table" data-testid="statement-table">
    <thead><tr>${head('before', t('statementBefore'))}${head('after', t('statementAfter'))}</tr></thead>
    <tbody>${rows}</tbody>
    <tfoot><tr>${total(pair.before)}${total(pair.after)}</tr></tfoot>
  </table></div>
  <p class="stmt-change">${esc(t('change'))} <b class="delta" data-trend="${trend(rep.change)}" data-testid="statement-change">${signedMoney(rep.change)}</b></p>`;
}

/** Runs of more than three unchanged lines fold to their first and last line and a button. */
function folded(lines) {
  const out = [];
  let run = [];
  let folds = 0;
  const flush = () => {
    if (run.length > 3) {
      const id = ++folds;
      out.push(run[0], { fold: { id, n: run.length - 2 } }, ...run.slice(1, -1).map((l) => ({ ...l, hidden: id })), run[run.length - 1]);
    } else out.push(...run);
    run = [];
  };
  for (const l of lines) {
    if (l.changed) {
      flush();
      out.push(l);
    } else run.push(l);
  }
  flush();
  return out;
}

/** Shows the lines a fold button hides. */
export function unfold(button) {
  for (const tr of document.querySelectorAll(`#statements tr[data-folded="${button.dataset.fold}"]`)) tr.hidden = false;
  button.closest('tr').remove();
}

function cell(l) {
  if (!l) return '<td class="stmt-text is-empty">—</td><td class="num"></td>';
  return `<td class="stmt-text">${esc(l.text || `${l.component} ${l.kind}`)}</td><td class="num">${money(l.amount)}</td>`;
}

/** Why a side has no statement: its own error (the baseline's, when both sides fail). */
function failureText(failure, side) {
  if (!failure) return '';
  const error = (side === 'before' && failure.baselineError) || failure.error;
  return t('noStatement', { code: error.code, message: errorMessage(error) });
}
