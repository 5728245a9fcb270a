// One rep's record, editable on the page: its fields and its orders sub-table (the plan's
// `incentive.transactions`). Each edit (lightly debounced) hands the whole record to `onEdit`,
// which sends it to the engine (`session.setRecord`: only this rep is computed again). A value
// the engine rejects shows its error (code, path, message) next to the field or order cell; the
// inputs keep what was typed. Values are read as the team import reads cells (cellValue): numbers
// as exact text, booleans from a select, an empty input leaves the field out.

import { escapeHtml as esc } from '../page.js';
import { cellValue } from './team-import.js';
import { errorMessage, money, signedMoney, t, trend } from './i18n.js';

const DEBOUNCE_MS = 200;

/** `text(v)`: a value as an input shows it. */
const text = (v) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * `host`: the panel's element. `onEdit(record)` a record to compute, `onReset()`, `onClose()`.
 * `open({ index, rep, record, fields, orders, edited })`: `fields` `[{ id, type, label }]` (the
 * sub-table left out), `orders` `{ field, columns: [{ id, type }] }` or null.
 */
export function createRecordEditor(host, { onEdit, onReset, onClose }) {
  let ctx = null;
  let timer = 0;

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ctx && onEdit(collect()), DEBOUNCE_MS);
  };

  host.addEventListener('input', (e) => {
    if (e.target.matches('input[data-field], input[data-key]')) schedule();
  });
  host.addEventListener('change', (e) => {
    if (e.target.matches('select[data-field]')) schedule();
  });
  host.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter' && e.target.matches('input')) {
      e.preventDefault(); // computes now instead of after the pause
      clearTimeout(timer);
      if (ctx) onEdit(collect());
    }
  });
  host.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b || !ctx) return;
    if (b.dataset.action === 'add-order') addOrder();
    else if (b.dataset.deleteOrder != null) deleteOrder(Number(b.dataset.deleteOrder));
    else if (b.dataset.action === 'reset-record') onReset();
    else if (b.dataset.action === 'close-record') onClose();
  });

  /** The record as typed (each changed input read like an imported cell). */
  function collect() {
    const record = { ...ctx.record };
    for (const input of host.querySelectorAll('.record-fields [data-field]')) {
      const id = input.dataset.field;
      const type = input.dataset.type;
      let v;
      if (input.tagName === 'SELECT') v = input.value === '' ? undefined : input.value === 'true';
      else if (input.value === text(ctx.record[id])) v = ctx.record[id];
      else v = cellValue(input.value, type);
      if (v === undefined) delete record[id];
      else record[id] = v;
    }
    if (ctx.orders) {
      ctx.rows = readOrders();
      if (ctx.rows.length || Array.isArray(ctx.record[ctx.orders.field])) record[ctx.orders.field] = ctx.rows;
    }
    ctx.record = record;
    return record;
  }

  function readOrders() {
    return [...host.querySelectorAll('.orders-table tbody tr[data-order]')].map((tr) => {
      const base = ctx.rows[Number(tr.dataset.order)] ?? {};
      const order = { ...base };
      for (const input of tr.querySelectorAll('input[data-key]')) {
        const key = input.dataset.key;
        const v = input.value === text(base[key]) ? base[key] : cellValue(input.value, input.dataset.type);
        if (v === undefined) delete order[key];
        else order[key] = v;
      }
      return order;
    });
  }

  function addOrder() {
    collect();
    const { columns } = ctx.orders;
    const idCol = columns.find((c) => c.role === 'id');
    const order = {};
    if (idCol) {
      const taken = new Set(ctx.rows.map((o) => String(o[idCol.id])));
      let n = ctx.rows.length + 1;
      while (taken.has(`${ctx.rep.id}-N${n}`)) n++;
      order[idCol.id] = `${ctx.rep.id}-N${n}`;
    }
    for (const c of columns) if (c.type === 'money') order[c.id] = 0;
    ctx.rows.push(order);
    renderOrders();
    const row = ctx.rows.length - 1;
    const amount = columns.find((c) => c.role === 'amount');
    host.querySelector(`tr[data-order="${row}"] input[data-key="${amount?.id ?? columns[0].id}"]`)?.focus();
    host.querySelector(`tr[data-order="${row}"] input[data-key="${amount?.id ?? columns[0].id}"]`)?.select();
    schedule();
  }

  function deleteOrder(k) {
    collect();
    ctx.rows.splice(k, 1);
    renderOrders();
    const rows = host.querySelectorAll('.orders-table tbody tr[data-order] button[data-delete-order]');
    (rows[Math.min(k, rows.length - 1)] ?? host.querySelector('[data-action="add-order"]'))?.focus();
    schedule();
  }

  function render() {
    const { rep, fields, orders } = ctx;
    host.innerHTML = `<div class="record-head">
        <h3 class="mini-title" id="record-title">${esc(t('recordTitle', { id: rep.id, name: rep.name }))}</h3>
        <span class="edited-badge" data-testid="record-edited"${ctx.edited ? '' : ' hidden'}>${esc(t('recordEdited'))}</span>
        <span class="record-tools">
          <button type="button" class="ghost-button" data-action="reset-record" data-testid="reset-record">${esc(t('resetRecord'))}</button>
          <button type="button" class="link-button" data-action="close-record" data-testid="close-record">${esc(t('closeRecord'))}</button>
        </span>
      </div>
      <p class="record-note">${esc(t('recordNote'))}</p>
      <p class="record-rep" data-testid="record-rep" aria-live="polite"></p>
      <div class="error-box record-error" role="alert" data-testid="record-error" hidden>
        <div class="error-head">
          <span class="error-kind">${esc(t('recordBadKind'))}</span>
          <code class="error-code" data-testid="record-error-code"></code>
          <code class="path" data-testid="record-error-path"></code>
        </div>
        <p class="error-message" data-testid="record-error-message"></p>
        <p class="error-note">${esc(t('recordBadNote'))}</p>
      </div>
      <div class="record-fields" role="group" aria-labelledby="record-title">${fields.map(fieldInput).join('')}</div>
      ${orders ? `<div class="orders-block">
        <h4 class="mini-title" id="orders-title">${esc(t('recordOrders', { field: orders.field }))}</h4>
        <div class="table-scroll"><table class="mini-table orders-table" data-testid="orders-table" aria-labelledby="orders-title"></table></div>
        <button type="button" class="ghost-button add-order" data-action="add-order" data-testid="add-order">＋ ${esc(t('addOrder'))}</button>
      </div>` : ''}`;
    if (orders) renderOrders();
  }

  function fieldInput(f) {
    const v = ctx.record[f.id];
    const label = `<span class="rec-label"><b>${esc(f.id)}</b>${f.label && f.label !== f.id ? `<span class="muted">${esc(f.label)}</span>` : ''}</span>`;
    const attrs = `id="rec-${esc(f.id)}" data-field="${esc(f.id)}" data-type="${esc(f.type)}" data-testid="field-${esc(f.id)}"`;
    const control = f.type === 'boolean' && (v == null || typeof v === 'boolean')
      ? `<select ${attrs}><option value=""${v == null ? ' selected' : ''}>${esc(t('blank'))}</option><option value="true"${v === true ? ' selected' : ''}>${esc(t('yes'))}</option><option value="false"${v === false ? ' selected' : ''}>${esc(t('no'))}</option></select>`
      : `<input ${attrs} type="text" autocomplete="off" spellcheck="false" value="${esc(text(v))}"${['money', 'number', 'integer', 'rate'].includes(f.type) ? ' inputmode="decimal" class="is-num"' : ''}>`;
    return `<label class="rec-field" data-field-box="${esc(f.id)}">${label}${control}</label>`;
  }

  function renderOrders() {
    const { columns } = ctx.orders;
    const head = `<thead><tr><th scope="col">#</th>${columns.map((c) => `<th scope="col"${c.type === 'money' ? ' class="num"' : ''}>${esc(c.id)}</th>`).join('')}<th scope="col"><span class="sr-only">${esc(t('deleteOrder'))}</span></th></tr></thead>`;
    const body = ctx.rows.map((o, k) => `<tr data-order="${k}">
        <th scope="row">${k + 1}</th>
        ${columns.map((c) => `<td><input type="text" data-key="${esc(c.id)}" data-type="${esc(c.type)}" autocomplete="off" spellcheck="false" value="${esc(text(o[c.id]))}" aria-label="${esc(`${c.id} #${k + 1}`)}"${c.type === 'money' ? ' inputmode="decimal" class="is-num"' : ''}></td>`).join('')}
        <td><button type="button" class="icon-button delete-order" data-delete-order="${k}" data-testid="delete-order" title="${esc(t('deleteOrder'))}" aria-label="${esc(`${t('deleteOrder')} #${k + 1}`)}">×</button></td>
      </tr>`).join('');
    const empty = ctx.rows.length ? '' : `<tr><td colspan="${columns.length + 2}" class="muted">${esc(t('noOrders'))}</td></tr>`;
    host.querySelector('.orders-table').innerHTML = `${head}<tbody>${body}${empty}</tbody>`;
    markError(ctx.error);
  }

  /** Puts the error next to its field or order cell (from its path: /index/field or /index/orders/k/key). */
  function markError(error) {
    for (const el of host.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
    host.querySelector('.field-error')?.remove();
    const box = host.querySelector('.record-error');
    if (!box) return;
    box.hidden = !error;
    if (!error) return;
    box.querySelector('[data-testid="record-error-code"]').textContent = error.code;
    box.querySelector('[data-testid="record-error-path"]').textContent = error.path;
    box.querySelector('[data-testid="record-error-message"]').textContent = errorMessage(error);
    const [field, k, key] = error.path.split('/').slice(2);
    const note = `<span class="field-error" id="record-field-error" data-testid="field-error"><code class="error-code">${esc(error.code)}</code> ${esc(errorMessage(error))}</span>`;
    let input = null;
    if (ctx.orders && field === ctx.orders.field && k != null) {
      input = host.querySelector(`tr[data-order="${Number(k)}"] input[data-key="${CSS.escape(key ?? '')}"]`);
      input?.closest('tr').insertAdjacentHTML('afterend', `<tr class="field-error-row"><td></td><td colspan="${ctx.orders.columns.length + 1}">${note}</td></tr>`);
    } else {
      input = host.querySelector(`.record-fields [data-field="${CSS.escape(field ?? '')}"]`);
      input?.closest('.rec-field').insertAdjacentHTML('beforeend', note);
    }
    input?.setAttribute('aria-invalid', 'true');
    input?.setAttribute('aria-describedby', 'record-field-error');
  }

  return {
    get index() {
      return ctx?.index ?? null;
    },
    open(next) {
      clearTimeout(timer);
      const rows = next.orders ? (Array.isArray(next.record[next.orders.field]) ? next.record[next.orders.field] : []) : [];
      ctx = { ...next, rows: rows.map((o) => ({ ...o })), error: null };
      host.hidden = false;
      render();
    },
    close() {
      clearTimeout(timer);
      ctx = null;
      host.hidden = true;
      host.innerHTML = '';
    },
    /** The engine's error for what was typed (null: it computed). */
    showError(error) {
      if (!ctx) return;
      ctx.error = error;
      markError(error);
    },
    setEdited(edited) {
      if (!ctx) return;
      ctx.edited = edited;
      const badge = host.querySelector('[data-testid="record-edited"]');
      if (badge) badge.hidden = !edited;
    },
    /** The rep's pay before → after and the team's cost, as the comparison now has them. */
    showRep(rep, team) {
      const line = host.querySelector('[data-testid="record-rep"]');
      if (!line || !rep) return;
      line.innerHTML = `${esc(t('recordPay'))} <span data-testid="record-before">${esc(money(rep.before?.payout))}</span><span class="arrow" aria-hidden="true">→</span><b data-testid="record-after">${esc(money(rep.after?.payout))}</b>
        <span class="delta" data-trend="${trend(rep.change)}">${esc(signedMoney(rep.change))}</span>
        <span class="dot" aria-hidden="true">·</span> ${esc(t('recordTeam'))} ${esc(money(team.before))}<span class="arrow" aria-hidden="true">→</span><b>${esc(money(team.after))}</b>`;
    },
  };
}
