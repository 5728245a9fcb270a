// SalesScore on a CRM record form. Plain ES module, no build step.
//
// What a low-code form builder would put on a rep's monthly record: the plan's fields as inputs
// and the orders as a sub-table. The sample plan is compiled ONCE (`Plan.compile`); every edit
// builds the record from the inputs (values as typed text, so decimals stay exact) and calls
// `plan.evaluate(record, { explain: true, locale, numbers: 'string' })` and, for pacing, `pace`
// (salescore/targets) on a spec built from the record's month, target and sales. A cell the engine
// rejects shows the error's code beside it; the rest of the page keeps the last good result.

import init, { Plan, version } from '/pkg/index.js';
import initTargets, { pace } from '/pkg/targets/index.js';
import {
  $, errorMessage, escapeHtml, fetchJson, fromPercent, isNeg, locale, monthName, num, onLocaleSwitch, pct, pointerSegments,
  readLocale, renderTopbar, showError, showLocale, showVersion, signed, t, useText, writeAddress,
} from './page.js';

// ---------------------------------------------------------------------------------------------
// Text

const TEXT = {
  'zh-CN': {
    pageTitle: 'SalesScore 销售记录表单',
    title: '销售记录表单',
    tagline: '低代码表单里的一条销售月度记录 · 每次修改即时评分、定级、算激励与进度 · 每个数字都有原因',
    recordTitle: '{name} · {id} · {month}',
    recordSub: '{plan} · {group} · {tier}',
    pickRecord: '载入示例记录',
    fieldsNote: '计划的字段即表单的字段。输入按原样以文本传给引擎，小数精确；有误的格子旁显示引擎的错误代码，其余结果保持上一次成功的计算。',
    runStat: 'evaluate {ms} ms · pace {pms} ms',
    runStatTitle: '最近一次修改后 plan.evaluate 与 pace 各自所用的时间（performance.now）',
    stale: '（上一次成功的结果）',
    orders: '订单',
    ordersCount: '{n} 笔',
    ordersSub: '子表 · 计划 incentive.transactions 读取的列',
    ordersNote: '分成（多人分单）随订单保留，这里只读。',
    deleteRow: '删除第 {n} 行',
    noSplit: '—',
    pipeline: '进度设置与未结商机',
    pipelineSub: '不在计划里：给 pace 用',
    asOf: '统计截至',
    periodNote: '考核期 {start} 至 {end}，工作日按周一至周五',
    dealsNote: '赢单率按百分比填写。',
    addDeal: '添加商机',
    colProb: '赢单率 %',
    newDeal: '新商机',
    staleNote: '下面显示的是上一次成功的结果。',
    scoreTitle: '评分',
    payout: '本月激励',
    nextTop: '已是最高等级',
    nextBlocked: '被 {b} 挡住',
    nextOption: '{ind} 达到 {to}（{change}）',
    nextNoOption: '没有单一指标能独自补足差距',
    why: '为什么是这个分数',
    profile: '档案 {p}',
    profilePhase: '档案 {p} · {ph}',
    adjustment: '{id} {v}',
    capped: '（受上下限截断，原值 {raw}）',
    gateOpen: '{id}：未触发',
    gateClosed: '{id}：已触发，总分封顶 {cap}',
    vetoOff: '{id}：未触发',
    vetoOn: '{id}：已触发',
    teamBlend: '团队得分 {v} 按计划融合',
    stmtSub: '{n} 行 · {currency}',
    pending: '{ids} 需全队一起计算（evaluateTeam），这里为 0',
    routing: '订单如何计提',
    colOrder: '订单',
    colShare: '分成',
    colCredited: '计入本人',
    colRule: '适用规则',
    noRule: '无规则匹配',
    whatIf: '如果再签一单',
    anyProduct: '（任意产品线）',
    anyCustomer: '（任意客户类型）',
    paceTitle: '本月进度与达成概率',
    paceStat: '{ms} ms',
    paceNeedsMonth: '月份须为 1–12 的整数，才能确定考核期。',
    paceSkippedKind: '无法计算进度',
    kRemaining: '还差',
    kForecast: '加权预测',
    workdays: '工作日 {elapsed}/{total}',
    trace: '指标计算过程',
    footerNote: '示例数据：华东销售部 2026 上半年计划与一名销售的月度记录；商机为示例。所有计算都在本机浏览器中完成。',
    colId: '订单号',
    colCollected: '回款',
    colProduct: '产品线',
    colCustomer: '客户类型',
    colSplits: '分成',
    demoDeals: ['示例商机 · 续约', '示例商机 · 扩容'],
  },
  en: {
    pageTitle: 'SalesScore record form',
    title: 'Record form',
    tagline: 'One rep’s monthly record on a low-code form · scored, graded, paid and paced on every edit · a reason behind every number',
    recordTitle: '{name} · {id} · {month}',
    recordSub: '{plan} · {group} · {tier}',
    pickRecord: 'Load a sample record',
    fieldsNote: 'The plan’s fields are the form’s fields. Values go to the engine as typed text, so decimals stay exact; a cell the engine rejects shows its error code, and the rest keeps the last good result.',
    runStat: 'evaluate {ms} ms · pace {pms} ms',
    runStatTitle: 'Time plan.evaluate and pace each took after the last edit (performance.now)',
    stale: ' (last good result)',
    orders: 'Orders',
    ordersCount: '{n} rows',
    ordersSub: 'Sub-table · the columns the plan’s incentive.transactions reads',
    ordersNote: 'Split credit stays with an order; read-only here.',
    deleteRow: 'Delete row {n}',
    noSplit: '—',
    pipeline: 'Pacing: as-of day and open deals',
    pipelineSub: 'Not in the plan: for pace',
    asOf: 'As of',
    periodNote: 'Period {start} to {end}, Monday–Friday working days',
    dealsNote: 'Win probability in percent.',
    addDeal: 'Add deal',
    colProb: 'Win %',
    newDeal: 'New deal',
    staleNote: 'Below is the last good result.',
    scoreTitle: 'Score',
    payout: 'Payout this month',
    nextTop: 'Already at the top grade',
    nextBlocked: 'blocked by {b}',
    nextOption: '{ind} to {to} ({change})',
    nextNoOption: 'no single indicator can close the gap alone',
    why: 'Why this score',
    profile: 'Profile {p}',
    profilePhase: 'Profile {p} · {ph}',
    adjustment: '{id} {v}',
    capped: ' (bounded, was {raw})',
    gateOpen: '{id}: not triggered',
    gateClosed: '{id}: triggered, total capped at {cap}',
    vetoOff: '{id}: not triggered',
    vetoOn: '{id}: triggered',
    teamBlend: 'Team score {v} blended in by the plan',
    stmtSub: '{n} lines · {currency}',
    pending: '{ids} is paid with the whole team (evaluateTeam): 0 here',
    routing: 'How each order is paid',
    colOrder: 'Order',
    colShare: 'Split',
    colCredited: 'Credited',
    colRule: 'Rule',
    noRule: 'no rule matches',
    whatIf: 'If one more deal closes',
    anyProduct: '(any product line)',
    anyCustomer: '(any customer type)',
    paceTitle: 'Pacing and the chance of target',
    paceStat: '{ms} ms',
    paceNeedsMonth: 'The month must be a whole number 1–12 to know the period.',
    paceSkippedKind: 'Cannot pace',
    kRemaining: 'Remaining',
    kForecast: 'Weighted forecast',
    workdays: 'working days {elapsed}/{total}',
    trace: 'How the metrics were computed',
    footerNote: 'Sample data: 华东销售部’s 2026 H1 plan and one rep’s monthly record; the open deals are made up. Everything is computed in this browser.',
    colId: 'Order no.',
    colCollected: 'Collected',
    colProduct: 'Product line',
    colCustomer: 'Customer type',
    colSplits: 'Split',
    demoDeals: ['Sample deal · renewal', 'Sample deal · expansion'],
  },
};
useText(TEXT);
renderTopbar('form');

/** The sample plan covers January–June of this year (`east-china-sales-2026-h1`). */
const PLAN_YEAR = 2026;
const SAMPLE_REP = 'E1005';
const SAMPLE_MONTH = 4;
const NUMERIC = new Set(['number', 'money', 'rate', 'integer']);

// ---------------------------------------------------------------------------------------------
// State

const state = {
  ready: false,
  plan: null,
  doc: null,
  reps: [], // the sample team's records (one per rep and month)
  sample: null, // the sample record as loaded
  values: {}, // field id → the text in its input (booleans: true/false)
  orders: [], // rows of { key, cells: { column → text }, splits }
  deals: [], // rows of { key, name, amount, probability } (texts)
  asOf: '',
  nextKey: 1,
  // The engine's answers: the last good ones and the current error.
  result: null,
  error: null,
  ms: 0,
  paceResult: null,
  paceError: null,
  paceSkipped: false,
  paceMs: 0,
  paceSpec: null,
  whatIf: null,
  whatIfError: null,
};

// ---------------------------------------------------------------------------------------------
// The record from the inputs

const tx = () => state.doc.incentive.transactions;
/** The sub-table's editable columns, in the order of the plan's transactions section. */
const orderColumns = () => {
  const c = tx();
  return [
    { key: c.id, label: 'colId', kind: 'text', cls: 'col-order-id' },
    { key: c.amount, label: 'amount', kind: 'number' },
    { key: c.collected, label: 'colCollected', kind: 'number' },
    { key: c.product, label: 'colProduct', kind: 'text', list: 'products' },
    { key: c.customerType, label: 'colCustomer', kind: 'text', list: 'customers' },
  ].filter((col) => col.key);
};

function loadRecord(rec) {
  state.values = {};
  for (const f of state.doc.fields) {
    const v = rec[f.id];
    state.values[f.id] = f.type === 'boolean' ? v === true : v == null ? '' : String(v);
  }
  state.orders = (rec[tx().field] ?? []).map((o) => ({
    key: state.nextKey++,
    cells: Object.fromEntries(orderColumns().map((c) => [c.key, o[c.key] == null ? '' : String(o[c.key])])),
    splits: tx().splits ? o[tx().splits] : undefined,
  }));
  const month = Number(rec['月份']);
  state.asOf = `${PLAN_YEAR}-${String(month).padStart(2, '0')}-15`;
  const names = t('demoDeals');
  state.deals = [
    { key: state.nextKey++, name: names[0], amount: '30000', probability: '60' },
    { key: state.nextKey++, name: names[1], amount: '45000', probability: '35' },
  ];
}

/** The record as the host would hand it over: texts as typed, an empty number left out (the
 *  field's default, or MISSING_FIELD). */
function buildRecord() {
  const rec = {};
  for (const f of state.doc.fields) {
    const v = state.values[f.id];
    if (f.type === 'boolean') rec[f.id] = v;
    else if (v.trim() !== '') rec[f.id] = NUMERIC.has(f.type) ? v.trim() : v;
  }
  rec[tx().field] = state.orders.map((row) => {
    const o = {};
    for (const c of orderColumns()) {
      const v = row.cells[c.key];
      if (v.trim() !== '') o[c.key] = c.kind === 'number' ? v.trim() : v;
    }
    if (row.splits) o[tx().splits] = row.splits;
    return o;
  });
  return rec;
}

function lastDay(month) {
  return new Date(Date.UTC(PLAN_YEAR, month, 0)).getUTCDate();
}

/** The month the record is for, when it is one (1–12). */
function recordMonth() {
  const m = state.values['月份']?.trim();
  return /^\d{1,2}$/.test(m) && Number(m) >= 1 && Number(m) <= 12 ? Number(m) : null;
}

/** A pace spec for this one rep: the record's month, its target and its sales to date, and the
 *  open deals typed below the orders. */
function buildPaceSpec(month) {
  const mm = String(month).padStart(2, '0');
  const v = (id) => state.values[id].trim();
  return {
    period: { start: `${PLAN_YEAR}-${mm}-01`, end: `${PLAN_YEAR}-${mm}-${lastDay(month)}` },
    asOf: state.asOf,
    reps: [{
      id: v('工号') || '—',
      name: v('姓名') || v('工号') || '—',
      target: v('销售目标'),
      actual: v('销售额'),
      deals: state.deals.map((d, i) => ({ id: `D${i + 1}`, name: d.name || `D${i + 1}`, amount: d.amount.trim(), probability: fromPercent(d.probability) })),
    }],
  };
}

// ---------------------------------------------------------------------------------------------
// Recompute

function recompute() {
  const options = { explain: true, locale: locale(), numbers: 'string' };
  const record = buildRecord();
  let t0 = performance.now();
  try {
    state.result = state.plan.evaluate(record, options);
    state.error = null;
  } catch (e) {
    state.error = e;
  }
  state.ms = performance.now() - t0;

  const month = recordMonth();
  state.paceSkipped = month === null;
  if (month !== null) {
    const spec = buildPaceSpec(month);
    t0 = performance.now();
    try {
      state.paceResult = pace(spec, options);
      state.paceError = null;
      state.paceSpec = spec;
    } catch (e) {
      state.paceError = e;
    }
    state.paceMs = performance.now() - t0;
  }

  state.whatIf = null;
  state.whatIfError = null;
  if (!state.error) {
    const deal = { amount: $('#wi-amount').value.trim() };
    if ($('#wi-product').value) deal.product = $('#wi-product').value;
    if ($('#wi-customer').value) deal.customerType = $('#wi-customer').value;
    try {
      state.whatIf = state.plan.whatIf(record, deal, options);
    } catch (e) {
      state.whatIfError = e;
    }
  }
  render();
}

// ---------------------------------------------------------------------------------------------
// Rendering: the form (built once per locale, then only marked)

const fieldLabel = (f) => f.label ?? '';

function renderFields() {
  const form = $('#fields');
  form.innerHTML = state.doc.fields.map((f) => {
    const id = `f-${f.id}`;
    const e = escapeHtml;
    let control;
    if (f.type === 'boolean') {
      control = `<label class="check"><input type="checkbox" id="${e(id)}" data-field="${e(f.id)}"><span>${e(t('yes'))}</span></label>`;
    } else {
      const mode = f.type === 'integer' ? 'numeric' : NUMERIC.has(f.type) ? 'decimal' : 'text';
      // A text field with few values in the sample (小组, 业务线, 职级) suggests them; the plan
      // itself has no list of choices, so any text still goes to the engine.
      const seen = f.type === 'text' ? [...new Set(state.reps.map((r) => r[f.id]).filter((v) => v != null))] : [];
      const list = seen.length > 0 && seen.length <= 6 ? `<datalist id="dl-f-${e(f.id)}">${seen.map((v) => `<option value="${e(v)}">`).join('')}</datalist>` : '';
      control = `<input type="text" id="${e(id)}" class="field-input${NUMERIC.has(f.type) ? ' is-num' : ''}" inputmode="${mode}" spellcheck="false" data-field="${e(f.id)}" aria-describedby="note-${e(f.id)}"${list ? ` list="dl-f-${e(f.id)}"` : ''}>${list}`;
    }
    return `<div class="fld" data-row="${e(f.id)}" data-type="${e(f.type)}">` +
      `<label class="fld-label" for="${e(id)}" title="${e(fieldLabel(f))}">${e(f.id)}<span class="fld-type">${e(f.type)}</span></label>` +
      control +
      `<span class="field-note" id="note-${e(f.id)}" data-note="${e(f.id)}" data-testid="note-${e(f.id)}"></span></div>`;
  }).join('');
  for (const f of state.doc.fields) {
    const input = form.querySelector(`[data-field="${CSS.escape(f.id)}"]`);
    if (f.type === 'boolean') input.checked = state.values[f.id];
    else input.value = state.values[f.id];
  }
}

function renderOrderHead() {
  $('#orders-head').innerHTML = '<tr><th class="row-no">#</th>' +
    orderColumns().map((c) => `<th class="${c.kind === 'number' ? 'num' : ''}" title="${escapeHtml(c.key)}">${escapeHtml(t(c.label))}</th>`).join('') +
    `<th>${escapeHtml(t('colSplits'))}</th><th class="row-act"></th></tr>`;
  $('#deals-head').innerHTML = `<tr><th class="row-no">#</th><th>${escapeHtml(t('colDeal'))}</th><th class="num">${escapeHtml(t('amount'))}</th><th class="num">${escapeHtml(t('colProb'))}</th><th class="row-act"></th></tr>`;
}

const cellInput = (attrs, value, cls = '') =>
  `<input type="text" class="cell-input${cls}" spellcheck="false" ${attrs} value="${escapeHtml(value)}">`;

function renderOrderRows() {
  const cols = orderColumns();
  $('#order-rows').innerHTML = state.orders.map((row, i) => {
    const splits = row.splits ? row.splits.map((s) => `${s.rep} ${s.percent}%`).join(' / ') : t('noSplit');
    return `<tr data-key="${row.key}" data-index="${i}"><td class="row-no">${i + 1}</td>` +
      cols.map((c) => `<td class="${c.kind === 'number' ? 'num' : c.cls ?? ''}" data-cell="${escapeHtml(c.key)}">` +
        cellInput(`data-col="${escapeHtml(c.key)}" aria-label="${escapeHtml(`${t(c.label)} ${i + 1}`)}"${c.kind === 'number' ? ' inputmode="decimal"' : ''}${c.list ? ` list="dl-${c.list}"` : ''}`, row.cells[c.key], c.kind === 'number' ? ' is-num' : '') +
        `<span class="cell-note" data-note></span></td>`).join('') +
      `<td class="splits muted small">${escapeHtml(splits)}</td>` +
      `<td class="row-act"><button type="button" class="icon-button" data-delete="${row.key}" aria-label="${escapeHtml(t('deleteRow', { n: i + 1 }))}" title="${escapeHtml(t('deleteRow', { n: i + 1 }))}">×</button></td></tr>`;
  }).join('');
  $('#orders-count').textContent = t('ordersCount', { n: state.orders.length });
}

function renderDealRows() {
  $('#deal-rows').innerHTML = state.deals.map((d, i) => `<tr data-key="${d.key}" data-index="${i}"><td class="row-no">${i + 1}</td>` +
    `<td data-cell="name">${cellInput(`data-dcol="name" aria-label="${escapeHtml(`${t('colDeal')} ${i + 1}`)}"`, d.name)}</td>` +
    `<td class="num" data-cell="amount">${cellInput(`data-dcol="amount" inputmode="decimal" aria-label="${escapeHtml(`${t('amount')} ${i + 1}`)}"`, d.amount, ' is-num')}<span class="cell-note" data-note></span></td>` +
    `<td class="num" data-cell="probability">${cellInput(`data-dcol="probability" inputmode="decimal" aria-label="${escapeHtml(`${t('colProb')} ${i + 1}`)}"`, d.probability, ' is-num narrow')}<span class="cell-note" data-note></span></td>` +
    `<td class="row-act"><button type="button" class="icon-button" data-delete-deal="${d.key}" aria-label="${escapeHtml(t('deleteRow', { n: i + 1 }))}" title="${escapeHtml(t('deleteRow', { n: i + 1 }))}">×</button></td></tr>`).join('');
}

function renderChoices() {
  const seen = (col) => [...new Set([...(state.sampleValues[col] ?? []), ...state.orders.map((r) => r.cells[col]).filter(Boolean)])].sort();
  const c = tx();
  let lists = $('#choices');
  if (!lists) {
    lists = document.createElement('div');
    lists.id = 'choices';
    lists.hidden = true;
    document.body.append(lists);
  }
  lists.innerHTML = [['products', c.product], ['customers', c.customerType]]
    .map(([id, col]) => `<datalist id="dl-${id}">${seen(col).map((v) => `<option value="${escapeHtml(v)}">`).join('')}</datalist>`).join('');
  const pick = (sel, col, any) => {
    const el = $(sel);
    const was = el.value;
    el.innerHTML = `<option value="">${escapeHtml(t(any))}</option>` + seen(col).map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
    el.value = was;
  };
  pick('#wi-product', c.product, 'anyProduct');
  pick('#wi-customer', c.customerType, 'anyCustomer');
}

/** Where an error points on the form: a field's row, an order's cell or a deal's cell. */
function errorTarget(err, from) {
  const seg = pointerSegments(err?.path);
  if (!seg.length) return null;
  if (from === 'pace') {
    if (seg[0] === 'asOf') return { kind: 'asOf' };
    if (seg[0] === 'reps' && seg[2] === 'target') return { kind: 'field', field: '销售目标' };
    if (seg[0] === 'reps' && seg[2] === 'actual') return { kind: 'field', field: '销售额' };
    if (seg[0] === 'reps' && seg[2] === 'deals' && seg[3] !== undefined) return { kind: 'deal', index: Number(seg[3]), col: seg[4] };
    return null;
  }
  if (err.origin === 'plan') {
    // An error about a value the plan read (an indicator's actual, a quota) points into the
    // plan; when the plan names a field there, that field is the cell to mark.
    let at = state.doc;
    for (const s of seg) at = at?.[s];
    return typeof at === 'string' && state.doc.fields.some((f) => f.id === at) ? { kind: 'field', field: at } : null;
  }
  if (seg[0] === tx().field && seg[1] !== undefined) return { kind: 'order', index: Number(seg[1]), col: seg[2] };
  return { kind: 'field', field: seg[0] };
}

function markForm() {
  const marks = [];
  for (const [err, from] of [[state.error, 'plan'], [state.paceError, 'pace']]) {
    const where = err && errorTarget(err, from);
    if (where) marks.push({ ...where, err });
  }
  const sample = state.sample;
  for (const row of document.querySelectorAll('#fields .fld')) {
    const id = row.dataset.row;
    const mark = marks.find((m) => m.kind === 'field' && m.field === id);
    const was = sample[id];
    const now = state.values[id];
    const changed = typeof now === 'boolean' ? now !== (was === true) : now !== (was == null ? '' : String(was));
    row.classList.toggle('is-invalid', !!mark);
    row.classList.toggle('is-changed', changed && !mark);
    const note = row.querySelector('[data-note]');
    note.textContent = mark ? mark.err.code : changed ? t('original', { v: typeof was === 'boolean' ? (was ? 'true' : 'false') : was ?? '—' }) : '';
    note.title = mark ? errorMessage(mark.err) : '';
    row.querySelector('[data-field]').setAttribute('aria-invalid', mark ? 'true' : 'false');
  }
  const markCells = (selector, kind, colAttr) => {
    for (const tr of document.querySelectorAll(selector)) {
      const i = Number(tr.dataset.index);
      for (const td of tr.querySelectorAll('td[data-cell]')) {
        const mark = marks.find((m) => m.kind === kind && m.index === i && (m.col === td.dataset.cell || (m.col === undefined && td === tr.querySelector('td[data-cell]'))));
        td.classList.toggle('is-invalid', !!mark);
        const note = td.querySelector('[data-note]');
        if (note) {
          note.textContent = mark ? mark.err.code : '';
          note.title = mark ? errorMessage(mark.err) : '';
        }
        td.querySelector(`[${colAttr}]`)?.setAttribute('aria-invalid', mark ? 'true' : 'false');
      }
    }
  };
  markCells('#order-rows tr', 'order', 'data-col');
  markCells('#deal-rows tr', 'deal', 'data-dcol');
  const asOfMark = marks.find((m) => m.kind === 'asOf');
  $('#as-of').classList.toggle('is-invalid', !!asOfMark);
  $('[data-note="asOf"]').textContent = asOfMark ? asOfMark.err.code : '';

  // What changed against the sample record.
  let edits = document.querySelectorAll('#fields .fld.is-changed, #fields .fld.is-invalid').length;
  const sampleOrders = sample[tx().field] ?? [];
  if (state.orders.length !== sampleOrders.length) edits += 1;
  else {
    state.orders.forEach((row, i) => {
      for (const c of orderColumns()) if (row.cells[c.key] !== String(sampleOrders[i][c.key] ?? '')) edits += 1;
    });
  }
  $('#edited').hidden = edits === 0;
  $('#edited-text').textContent = t('edited', { n: edits });
}

// ---------------------------------------------------------------------------------------------
// Rendering: the engine's answers

function render() {
  markForm();
  const { result, error } = state;
  showError($('#eval-error'), error);
  document.querySelector('.result-col').classList.toggle('is-stale', !!error);
  const fmtMs = (ms) => ms.toFixed(ms < 10 ? 2 : 1);
  $('#run-stat').textContent = t('runStat', { ms: fmtMs(state.ms), pms: fmtMs(state.paceMs) }) + (error ? t('stale') : '');
  $('#run-stat').title = t('runStatTitle');
  $('#run-stat').classList.toggle('has-error', !!error);
  renderTitle();
  if (result) {
    renderScore(result);
    renderStatement(result);
    renderTrace(result);
  }
  renderWhatIf();
  renderPace();
}

function renderTitle() {
  const v = (id) => state.values[id]?.trim?.() ?? '';
  const m = recordMonth();
  $('#record-title').textContent = t('recordTitle', { name: v('姓名') || '—', id: v('工号') || '—', month: m ? monthName(m) : v('月份') });
  $('#record-sub').textContent = t('recordSub', { plan: state.doc.name ?? state.doc.id ?? '', group: v('小组'), tier: [v('业务线'), v('职级')].filter(Boolean).join(' · ') });
}

const gradeClass = (g) => `grade-${/^[A-Z]$/.test(g) ? g : 'x'}`;

function renderScore(result) {
  const s = result.score;
  $('#score-total').textContent = s.total;
  const grade = $('#score-grade');
  grade.textContent = s.grade;
  grade.className = `grade-chip ${gradeClass(s.grade)}`;
  $('#score-coef').textContent = `×${s.coefficient}`;
  $('#payout-total').textContent = result.incentive ? `¥${num(result.incentive.statement.total)}` : '—';

  const ng = s.nextGrade;
  let next;
  if (!ng) next = `<span class="ng-head">${escapeHtml(t('nextTop'))}</span>`;
  else {
    const reached = !isNeg(ng.pointsNeeded) && !/[1-9]/.test(ng.pointsNeeded);
    next = `<span class="ng-head" data-testid="next-grade-line">${escapeHtml(reached ? t('nextGradeReached', { g: ng.grade }) : t('nextGradeLine', { g: ng.grade, p: ng.pointsNeeded }))}</span>`;
    if (ng.blockedBy) next += ` <span class="ng-blocked">${escapeHtml(t('nextBlocked', { b: ng.blockedBy }))}</span>`;
    next += ng.options.length
      ? `<ul class="ng-options">${ng.options.map((o) => `<li data-indicator="${escapeHtml(o.indicator)}">${escapeHtml(t('nextOption', { ind: o.indicator, to: num(o.to), change: signed(o.change) }))}</li>`).join('')}</ul>`
      : ` <span class="muted small">${escapeHtml(t('nextNoOption'))}</span>`;
  }
  $('#next-grade').innerHTML = next;

  $('#metrics').innerHTML = (result.trace ?? []).map((tr) => {
    const v = tr.kind === 'rate' ? pct(tr.value) : tr.kind === 'money' ? num(tr.value) : tr.value;
    return `<div class="metric" data-metric="${escapeHtml(tr.metric)}"><dt>${escapeHtml(tr.metric)}</dt><dd>${escapeHtml(v)}</dd></div>`;
  }).join('');

  $('#profile').textContent = s.phase ? t('profilePhase', { p: s.profile, ph: s.phase }) : t('profile', { p: s.profile });
  $('#score-text').textContent = s.text ?? '';
  $('#indicator-rows').innerHTML = s.indicators.map((l) =>
    `<tr class="ind-row" data-indicator="${escapeHtml(l.id)}"><td><b>${escapeHtml(l.id)}</b></td><td class="num" data-col="points">${escapeHtml(l.points)}</td>` +
    `<td class="num">${escapeHtml(l.weight)}%</td><td class="num" data-col="weighted"><b>${escapeHtml(l.weighted)}</b></td></tr>` +
    (l.text ? `<tr class="ind-text"><td colspan="4" data-testid="indicator-text">${escapeHtml(l.text)}</td></tr>` : '')).join('');

  const checks = [];
  for (const a of s.adjustments) checks.push([a.capped ? 'warn' : Number(a.applied) ? 'on' : 'off', t('adjustment', { id: a.id, v: signed(a.applied) }) + (a.capped ? t('capped', { raw: a.raw }) : '')]);
  if (s.team !== undefined) checks.push(['off', t('teamBlend', { v: s.team })]);
  for (const g of s.gates) checks.push([g.closed ? 'warn' : 'off', g.closed ? t('gateClosed', { id: g.id, cap: g.cap }) : t('gateOpen', { id: g.id })]);
  for (const v of s.vetoes) checks.push([v.triggered ? 'bad' : 'off', v.triggered ? t('vetoOn', { id: v.id }) : t('vetoOff', { id: v.id })]);
  $('#checks').innerHTML = checks.map(([k, text]) => `<li class="chk chk-${k}">${escapeHtml(text)}</li>`).join('');
}

function renderStatement(result) {
  const inc = result.incentive;
  if (!inc) return;
  const st = inc.statement;
  $('#stmt-sub').textContent = t('stmtSub', { n: st.lines.length, currency: st.currency.code ?? '' });
  $('#components').innerHTML = inc.components.map((c) =>
    `<span class="comp" data-component="${escapeHtml(c.id)}"><span class="comp-name">${escapeHtml(c.id)}</span><b>${escapeHtml(num(c.amount))}</b></span>`).join('') +
    (inc.pending?.length ? `<span class="comp-note muted small">${escapeHtml(t('pending', { ids: inc.pending.join('、') }))}</span>` : '');
  $('#stmt-rows').innerHTML = st.lines.map((l, i) =>
    `<tr data-line="${i}" data-kind="${escapeHtml(l.kind)}"><td class="stmt-text">${escapeHtml(l.text)}</td><td class="num${isNeg(l.amount) ? ' neg' : ''}" data-col="amount">${escapeHtml(num(l.amount))}</td></tr>`).join('');
  $('#stmt-total-text').textContent = st.text;
  $('#stmt-total').textContent = num(st.total);

  $('#routing-rows').innerHTML = (inc.transactions ?? []).map((x) =>
    `<tr data-index="${x.index}"><td>${escapeHtml(x.id ?? `#${x.index + 1}`)} <span class="muted small">${escapeHtml([x.product, x.customerType].filter(Boolean).join(' · '))}</span></td>` +
    `<td class="num">${escapeHtml(x.percent)}%</td><td class="num" data-col="credited">${escapeHtml(num(x.credited))}</td>` +
    `<td>${x.rules.length ? x.rules.map(([c, r]) => `<span class="rule-tag">${escapeHtml(`${c}·${r}`)}</span>`).join(' ') : `<span class="muted">${escapeHtml(t('noRule'))}</span>`}</td></tr>`).join('');
}

function renderWhatIf() {
  const el = $('#what-if');
  const input = $('#wi-amount');
  input.classList.toggle('is-invalid', !!state.whatIfError);
  if (state.whatIfError) {
    el.innerHTML = `<code class="error-code">${escapeHtml(state.whatIfError.code)}</code> ${escapeHtml(errorMessage(state.whatIfError))}`;
  } else if (state.whatIf) {
    el.textContent = state.whatIf.text;
  }
}

function renderTrace(result) {
  $('#trace').innerHTML = (result.trace ?? []).map((tr) => `<li data-metric="${escapeHtml(tr.metric)}">${escapeHtml(tr.text)}</li>`).join('');
}

function renderPace() {
  const err = state.paceError;
  $('#pace-error').hidden = !err && !state.paceSkipped;
  $('#pace-error-code').hidden = state.paceSkipped;
  $('#pace-error').dataset.kind = state.paceSkipped ? 'runtime' : '';
  $('#pace-error .error-kind').textContent = t(state.paceSkipped ? 'paceSkippedKind' : 'engineError');
  if (state.paceSkipped) {
    $('#pace-error-where').textContent = '/月份';
    $('#pace-error-message').textContent = t('paceNeedsMonth');
  } else if (err) {
    $('#pace-error-code').textContent = err.code ?? 'ERROR';
    $('#pace-error-where').textContent = err.path ?? '';
    $('#pace-error-message').textContent = errorMessage(err);
  }
  $('#pace-body').classList.toggle('is-stale', !!err || state.paceSkipped);
  const r = state.paceResult;
  if (!r) return;
  const p = r.period;
  $('#period-note').textContent = t('periodNote', { start: p.start, end: p.end });
  $('#pace-stat').textContent = t('paceStat', { ms: state.paceMs.toFixed(state.paceMs < 10 ? 2 : 1) });
  const rep = r.reps[0];
  const g = rep.progress;
  const c = rep.chance;
  const w = p.workdays;
  const att = g.attainment !== undefined ? Math.min(100, Number(g.attainment) * 100) : 0;
  const exp = Math.min(100, Number(g.expectedAttainment) * 100);
  $('#pace-bar').innerHTML = `<span class="track pb-track"><i class="track-fill pb-fill status-${escapeHtml(g.status)}" style="width:${att.toFixed(2)}%"></i><i class="track-mark" style="left:${exp.toFixed(2)}%"></i></span>` +
    `<span class="pb-legend"><span class="status-chip status-${escapeHtml(g.status)}" data-testid="pace-status" data-status="${escapeHtml(g.status)}">${escapeHtml(t('status')[g.status] ?? g.status)}</span>` +
    `<span class="muted small">${escapeHtml(t('workdays', w))}</span></span>`;
  const method = t('method')[c.method] ?? c.method;
  const chanceNote = c.method === 'exact' ? method.replace('{p}', pct(c.exactProbability)) : c.method === 'bounded' ? method.replace('{b}', pct(c.errorBound)) : method;
  const kpis = [
    ['attainment', t('attainment'), g.attainment !== undefined ? pct(g.attainment) : '—'],
    ['expected', t('expected'), num(g.expectedToDate)],
    ['paceGap', t('paceGap'), signed(g.paceGap)],
    ['remaining', t('kRemaining'), num(g.remaining)],
    ['daily', t('daily'), g.requiredDailyRate !== undefined ? num(g.requiredDailyRate) : '—'],
    ['runRate', t('runRate'), g.runRateForecast !== undefined ? num(g.runRateForecast) : '—'],
    ['forecast', t('kForecast'), num(rep.pipeline.forecast)],
    ['chance', t('chance'), pct(c.probability)],
  ];
  $('#pace-kpis').innerHTML = kpis.map(([k, label, v]) => `<div class="kpi${k === 'chance' ? ' kpi-chance' : ''}" data-kpi="${k}"><dt>${escapeHtml(label)}</dt>` +
    `<dd class="${k === 'paceGap' && isNeg(g.paceGap) ? 'neg' : ''}">${escapeHtml(v)}</dd>${k === 'chance' ? `<span class="muted small" data-testid="chance-note">${escapeHtml(chanceNote)}</span>` : ''}</div>`).join('');
  $('#pace-text').innerHTML = (rep.text ?? []).map((line) => `<li>${escapeHtml(line)}</li>`).join('');
}

// ---------------------------------------------------------------------------------------------
// Events

function onFieldInput(e) {
  const input = e.target.closest('[data-field]');
  if (!input) return;
  const id = input.dataset.field;
  state.values[id] = input.type === 'checkbox' ? input.checked : input.value;
  if (id === '月份') {
    // The as-of day follows the month (same day, within the new month).
    const m = recordMonth();
    if (m !== null && /^\d{4}-\d{2}-\d{2}$/.test(state.asOf)) {
      const day = Math.min(Number(state.asOf.slice(8)), lastDay(m));
      state.asOf = `${PLAN_YEAR}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      $('#as-of').value = state.asOf;
    }
  }
  recompute();
}

function focusAfterRebuild(selector) {
  const el = document.querySelector(selector);
  el?.focus();
}

function wireEvents() {
  onLocaleSwitch(() => {
    writeLocation();
    applyLocale();
  });
  $('#fields').addEventListener('input', onFieldInput);
  $('#fields').addEventListener('submit', (e) => e.preventDefault());

  $('#order-rows').addEventListener('input', (e) => {
    const input = e.target.closest('[data-col]');
    const tr = e.target.closest('tr[data-key]');
    if (!input || !tr) return;
    const row = state.orders.find((r) => String(r.key) === tr.dataset.key);
    row.cells[input.dataset.col] = input.value;
    if (input.list) renderChoicesSoon();
    recompute();
  });
  $('#order-rows').addEventListener('click', (e) => {
    const b = e.target.closest('[data-delete]');
    if (!b) return;
    const i = state.orders.findIndex((r) => String(r.key) === b.dataset.delete);
    state.orders.splice(i, 1);
    renderOrderRows();
    recompute();
    // Keyboard users land on the next row's delete button (or the add button).
    const next = document.querySelectorAll('#order-rows [data-delete]')[Math.min(i, state.orders.length - 1)];
    (next ?? $('#add-order')).focus();
  });
  $('#add-order').addEventListener('click', () => {
    const cols = orderColumns();
    const id = state.values['工号']?.trim() || 'NEW';
    const mm = String(recordMonth() ?? '').padStart(2, '0');
    const last = state.orders.at(-1);
    const cells = Object.fromEntries(cols.map((c) => [c.key, '']));
    cells[tx().id] = `${id}-${mm}-N${state.nextKey}`;
    if (tx().product) cells[tx().product] = last?.cells[tx().product] ?? '';
    if (tx().customerType) cells[tx().customerType] = last?.cells[tx().customerType] ?? '';
    state.orders.push({ key: state.nextKey++, cells });
    renderOrderRows();
    recompute();
    focusAfterRebuild(`#order-rows tr:last-child [data-col="${CSS.escape(tx().amount)}"]`);
  });

  $('#deal-rows').addEventListener('input', (e) => {
    const input = e.target.closest('[data-dcol]');
    const tr = e.target.closest('tr[data-key]');
    if (!input || !tr) return;
    state.deals.find((d) => String(d.key) === tr.dataset.key)[input.dataset.dcol] = input.value;
    recompute();
  });
  $('#deal-rows').addEventListener('click', (e) => {
    const b = e.target.closest('[data-delete-deal]');
    if (!b) return;
    const i = state.deals.findIndex((d) => String(d.key) === b.dataset.deleteDeal);
    state.deals.splice(i, 1);
    renderDealRows();
    recompute();
    const next = document.querySelectorAll('#deal-rows [data-delete-deal]')[Math.min(i, state.deals.length - 1)];
    (next ?? $('#add-deal')).focus();
  });
  $('#add-deal').addEventListener('click', () => {
    state.deals.push({ key: state.nextKey++, name: t('newDeal'), amount: '', probability: '50' });
    renderDealRows();
    recompute();
    focusAfterRebuild('#deal-rows tr:last-child [data-dcol="amount"]');
  });
  $('#as-of').addEventListener('input', (e) => {
    state.asOf = e.target.value;
    recompute();
  });
  for (const sel of ['#wi-amount', '#wi-product', '#wi-customer']) $(sel).addEventListener('input', recompute);
  $('#reset').addEventListener('click', () => loadSample(state.sample));
  $('#pick-rep').addEventListener('change', (e) => {
    // The same month for the other rep when there is one, else that rep's first.
    const id = e.target.value;
    loadSample(sampleRecord(id, state.sample['月份']) ?? state.reps.find((r) => r['工号'] === id));
  });
  $('#pick-month').addEventListener('change', (e) => loadSample(sampleRecord(state.sample['工号'], Number(e.target.value))));
}

let choicesPending = false;
function renderChoicesSoon() {
  if (choicesPending) return;
  choicesPending = true;
  requestAnimationFrame(() => {
    choicesPending = false;
    renderChoices();
  });
}

function buildForm() {
  renderPicker();
  renderFields();
  renderOrderHead();
  renderOrderRows();
  renderDealRows();
  renderChoices();
}

function applyLocale() {
  showLocale();
  if (!state.ready) return;
  // Rebuilt for the labels; the focused control keeps focus by its selector.
  const active = document.activeElement;
  buildForm();
  if (active?.id === 'locale') $('#locale').focus();
  recompute(); // the explanations come from the engine in the chosen locale
}

const sampleRecord = (id, month) => state.reps.find((r) => r['工号'] === id && r['月份'] === month);

/** The sample picker: every rep of the sample team, and the months of the chosen one. */
function renderPicker() {
  const seen = new Map();
  for (const r of state.reps) if (!seen.has(r['工号'])) seen.set(r['工号'], r['姓名']);
  const rep = $('#pick-rep');
  rep.innerHTML = [...seen].map(([id, name]) => `<option value="${escapeHtml(id)}">${escapeHtml(`${id} ${name}`)}</option>`).join('');
  rep.value = state.sample['工号'];
  const months = state.reps.filter((r) => r['工号'] === state.sample['工号']).map((r) => r['月份']);
  const month = $('#pick-month');
  month.innerHTML = months.map((m) => `<option value="${m}">${escapeHtml(monthName(m))}</option>`).join('');
  month.value = String(state.sample['月份']);
}

function writeLocation() {
  const params = new URLSearchParams();
  if (state.sample && (state.sample['工号'] !== SAMPLE_REP || state.sample['月份'] !== SAMPLE_MONTH)) {
    params.set('rep', state.sample['工号']);
    params.set('month', String(state.sample['月份']));
  }
  writeAddress(params);
}

function loadSample(record) {
  state.sample = record;
  loadRecord(record);
  $('#as-of').value = state.asOf;
  writeLocation();
  buildForm();
  recompute();
}

async function main() {
  readLocale();
  showLocale();
  $('#run-stat').textContent = t('loading');
  wireEvents();
  try {
    const [, , doc, reps] = await Promise.all([init(), initTargets(), fetchJson('/samples/team/plan.json'), fetchJson('/samples/team/reps.json')]);
    state.doc = doc;
    state.plan = Plan.compile(doc);
    state.reps = reps;
    const wanted = new URLSearchParams(location.hash.slice(1));
    state.sample = sampleRecord(wanted.get('rep') ?? SAMPLE_REP, Number(wanted.get('month') ?? SAMPLE_MONTH)) ?? sampleRecord(SAMPLE_REP, SAMPLE_MONTH);
    const c = doc.incentive.transactions;
    const all = reps.flatMap((r) => r[c.field] ?? []);
    state.sampleValues = { [c.product]: [...new Set(all.map((o) => o[c.product]))], [c.customerType]: [...new Set(all.map((o) => o[c.customerType]))] };
  } catch (e) {
    $('#run-stat').textContent = t('loadFailed', { message: errorMessage(e) });
    document.documentElement.dataset.ready = 'failed';
    console.error(e);
    return;
  }
  showVersion(version());
  loadRecord(state.sample);
  $('#as-of').value = state.asOf;
  state.ready = true;
  applyLocale();
  document.documentElement.dataset.ready = 'true';
}

main();
