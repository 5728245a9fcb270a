// The team side of the comparison: cost before/after and its change, per group and per
// component, how many reps gain or lose, the reps that cannot be computed, the biggest movers
// and the sensitivity table. Every number is the engine's (view fields), formatted only.

import { $, escapeHtml as esc } from '../page.js';
import { errorMessage, money, plain, signedMoney, signedPercent, t, trend } from './i18n.js';

/** Cost KPIs, counts, failures, and the by-group / by-component tables. */
export function renderCost(view) {
  const { team } = view;
  $('#cost-sub').textContent = t('costSub', { n: view.total });
  $('#cost-kpis').innerHTML = [
    kpi('before', t('before'), money(team.before)),
    kpi('after', t('after'), money(team.after)),
    kpi('change', t('change'), signedMoney(team.change), trend(team.change)),
    kpi('percent', t('percent'), signedPercent(team.percent), trend(team.change)),
  ].join('');
  const own = team.planCost;
  const differs = own && (own.before !== team.before || own.after !== team.after);
  const note = differs ? ` · ${t('planCostNote', { b: money(own.before), a: money(own.after) })}` : '';
  $('#counts').textContent = t('counts', { g: view.gained, l: view.lost, u: view.unchanged }) + note;
  renderFailures(view.failures);
  $('#by-group').innerHTML = changeTable(t('colGroup'), team.byGroup.map((g) => ({ key: g.group, ...g })), 'group');
  $('#by-component').innerHTML = changeTable(t('colComponent'), team.byComponent.map((c) => ({ key: c.id, ...c })), 'component');
}

function kpi(id, label, value, dir) {
  return `<div class="kpi kpi-${id}" data-kpi="${id}"${dir ? ` data-trend="${dir}"` : ''}><dt>${esc(label)}</dt><dd data-testid="cost-${id}">${esc(value)}</dd></div>`;
}

function changeTable(head, rows, kind) {
  const body = rows.map((r) => `<tr data-${kind}="${esc(r.key)}">
      <th scope="row">${esc(r.key)}</th>
      <td class="num">${money(r.before)}</td>
      <td class="num">${money(r.after)}</td>
      <td class="num delta" data-trend="${trend(r.change)}">${signedMoney(r.change)}</td>
    </tr>`).join('');
  return `<thead><tr><th scope="col">${esc(head)}</th><th scope="col" class="num">${esc(t('before'))}</th><th scope="col" class="num">${esc(t('after'))}</th><th scope="col" class="num">${esc(t('change'))}</th></tr></thead><tbody>${body}</tbody>`;
}

function renderFailures(failures) {
  const box = $('#failures');
  box.hidden = !failures.length;
  box.textContent = '';
  if (!failures.length) return;
  const line = (error) => `<code class="error-code">${esc(error.code)}</code> <code class="path">${esc(error.path || '/')}</code>
      <span>${esc(errorMessage(error))}</span>`;
  const items = failures.map((f) => {
    const who = `${f.id} ${f.name}`.trim() || `#${f.index + 1}`;
    // Failing on both sides, each side's own error.
    const errors = f.baselineError
      ? `${esc(t('side').baseline)} · ${line(f.baselineError)}<br>${esc(t('side').draft)} · ${line(f.error)}`
      : `${esc(t('side')[f.side] ?? f.side)} · ${line(f.error)}`;
    return `<li data-index="${f.index}"><b>${esc(who)}</b> · ${errors}</li>`;
  }).join('');
  box.innerHTML = `<p>${esc(t('failuresTitle', { n: failures.length }))}</p><ul>${items}</ul>`;
}

/** Winners, losers and reps over the threshold, as lists of buttons that open the rep. */
export function renderMovers(view, threshold) {
  const list = (title, rows, id) => `<div class="mover-list" data-list="${id}">
      <h3 class="mini-title">${esc(title)} <span class="muted">${rows.length}</span></h3>
      ${rows.length ? `<ol>${rows.map((r) => `<li><button type="button" class="rep-link" data-index="${r.index}">${esc(r.id)} ${esc(r.name)}</button><span class="delta" data-trend="${trend(r.change)}">${signedMoney(r.change)}</span></li>`).join('')}</ol>` : `<p class="muted">${esc(t('none'))}</p>`}
    </div>`;
  $('#movers').innerHTML = list(t('winners'), view.winners, 'winners') + list(t('losers'), view.losers, 'losers') + list(t('overThreshold'), view.overThreshold, 'over');
  $('#threshold-sub').textContent = threshold ? t('thresholdSub', { a: plain(threshold.amount), p: plain(threshold.percent) }) : '';
}

/** Team cost with every rep's actuals scaled, and who gains and loses (a line under each):
 *  `[{ factor, before, after, change, percent, gained, lost, unchanged }]`. */
export function renderSensitivity(rows) {
  const label = (f) => (f === 0 ? t('asIs') : `${f > 0 ? '+' : ''}${Math.round(f * 100)}%`);
  $('#sensitivity').innerHTML = `<thead><tr><th scope="col">${esc(t('factor'))}</th><th scope="col" class="num">${esc(t('before'))}</th><th scope="col" class="num">${esc(t('after'))}</th><th scope="col" class="num">${esc(t('change'))}</th><th scope="col" class="num">%</th></tr></thead>
    <tbody>${rows.map((r) => `<tr data-factor="${r.factor}"${r.factor === 0 ? ' class="is-now"' : ''}>
      <th scope="row">${esc(label(r.factor))}</th>
      <td class="num">${money(r.before)}</td><td class="num">${money(r.after)}</td>
      <td class="num delta" data-trend="${trend(r.change)}">${signedMoney(r.change)}</td>
      <td class="num delta" data-trend="${trend(r.change)}">${signedPercent(r.percent)}</td></tr>
      <tr class="sens-counts-row${r.factor === 0 ? ' is-now' : ''}"><td colspan="5" class="sens-counts muted">${esc(t('counts', { g: r.gained, l: r.lost, u: r.unchanged }))}</td></tr>`).join('')}</tbody>`;
}
