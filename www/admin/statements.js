// One rep's two statements side by side, line against line: the lines are matched by what they
// pay for (component, kind, rule, transaction, tier), and a line whose amount or wording changed,
// or that exists on one side only, is highlighted.

import { $, esc } from './dom.js';
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
  const rows = aligned(b, a).map((k) => {
    const [x, y] = [mb.get(k), ma.get(k)];
    const changed = !x || !y || x.amount !== y.amount || x.text !== y.text;
    return `<tr class="${changed ? 'is-changed' : ''}" data-key="${esc(k)}"${changed ? ` title="${esc(x && y ? t('lineChanged') : t('lineOnly'))}"` : ''}>
      ${cell(x)}${cell(y)}
    </tr>`;
  }).join('');
  const head = (side, title) => {
    const r = pair[side];
    if (!r) return `<th scope="col" colspan="2" class="side-head is-missing">${esc(title)}<div class="error-line">${esc(failureText(failure))}</div></th>`;
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

function cell(l) {
  if (!l) return '<td class="stmt-text is-empty">—</td><td class="num"></td>';
  return `<td class="stmt-text">${esc(l.text || `${l.component} ${l.kind}`)}</td><td class="num">${money(l.amount)}</td>`;
}

function failureText(failure) {
  if (!failure) return '';
  return t('noStatement', { code: failure.error.code, message: errorMessage(failure.error) });
}
