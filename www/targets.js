// SalesScore targets & pacing. Plain ES module, no build step.
//
// Flow: the two samples are fetched once. The decomposition is ONE
// `decompose(spec, { explain: true, locale, numbers: 'string' })` call and the pacing ONE
// `pace(spec, { explain: true, locale, numbers: 'string' })` call; editing an input (the company
// total, a node's locked amount, a rep's actual, a deal's win probability) changes the spec and
// re-runs that call at once. Typed values go to the engine as text and results come back as exact
// decimal strings, so nothing is rounded in the page.

import init, { decompose, pace, version } from '/pkg/targets/index.js';
import {
  $, errorMessage, escapeHtml, fetchJson, fromPercent, groupDigits, isNeg, locale, onLocaleSwitch, pct, readLocale,
  renderTopbar, showError, showLocale, showVersion, signed, t, useText, writeAddress, shiftPoint,
} from './page.js';

// ---------------------------------------------------------------------------------------------
// Text

const TEXT = {
  'zh-CN': {
    pageTitle: 'SalesScore 目标分解与进度',
    title: '目标分解与进度',
    tagline: '公司目标逐级分解到人、到月 · 本月进度与达成概率 · 在浏览器本地精确计算',
    decTitle: '年度目标分解',
    decSub: '{name} · {start} 至 {end} · 取整单位 {unit} {currency}',
    companyTotal: '公司总目标',
    unitNote: '须为 {unit} 的整数倍',
    decStat: '{n} 个节点 · {ms} ms',
    decStatTitle: '一次 decompose 调用分解整棵树所用的时间',
    paceStat: '{n} 人 · {ms} ms',
    paceStatTitle: '一次 pace 调用计算全组进度与概率所用的时间',
    stale: '（显示的是上一次成功的结果）',
    kTotal: '总目标',
    kPeople: '人数',
    kTeams: '团队',
    kCommitted: '自报承诺合计',
    kCoverage: '承诺覆盖率',
    kLocked: '锁定节点',
    tree: '分解树',
    treeSub: '点击一行查看原因',
    expandAll: '全部展开',
    collapseAll: '收起',
    colNode: '组织 / 人员',
    colAmount: '年度目标',
    colShare: '占上级',
    colMonths: '月度分布（1–12 月）',
    colMarks: '标记',
    legend: '锁定：手工指定金额；封顶 / 保底：按规则本应更多 / 更少，被上下限截住；新人：入职当月按天折算并按爬坡比例；离职：离职后不再分配。',
    markLocked: '锁定',
    markMax: '封顶',
    markMin: '保底',
    markHire: '新人',
    markLeave: '离职',
    markLockedTitle: '锁定为 {v}',
    markMaxTitle: '按规则应得 {ideal}，上限 {v}',
    markMinTitle: '按规则应得 {ideal}，下限 {v}',
    markHireTitle: '入职 {d}',
    markLeaveTitle: '最后工作日 {d}',
    nodeEmpty: '点击左侧分解树中的一个节点，查看它为什么得到这个目标。',
    shareOf: '占 {parent} 的 {s}',
    rootMeta: '总目标',
    metaPath: '{path}',
    rule: { total: '总目标', share: '按比例分配', locked: '锁定金额', min: '下限（保底）', max: '上限（封顶）' },
    basis: { equal: '平均分配', history: '历史业绩占比', potential: '市场潜力', capacity: '人力产能（人数 × 职级系数）', weights: '自定义权重', blend: '混合口径' },
    fRule: '决定方式',
    fBasis: '上级分配口径',
    fBase: '口径基数',
    fAvailability: '在岗比例',
    fWeightShare: '权重占比',
    fPool: '参与分配的金额',
    fIdeal: '按比例精确应得',
    fRounding: '取整调整',
    fBound: '约束值',
    fRamp: '爬坡比例（按月）',
    byMonth: '按月',
    quarter: '{q}',
    commitTitle: '自报承诺',
    commitLine: '承诺 {c}（{src}），差额 {gap}，覆盖 {cov}',
    source: { own: '本人 / 本级自报', children: '下级合计', partial: '部分下级合计' },
    lockLabel: '锁定金额',
    unlock: '解除锁定',
    lockNote: '填入金额即锁定此节点：它正好得到这个数，同级节点分剩下的部分。留空则按规则分配。',
    commitments: '自上而下 vs 自下而上',
    commitmentsSub: '分解得到的目标与各级自报承诺的差额',
    colTopDown: '分解目标',
    colCommitted: '自报承诺',
    colSource: '来源',
    colGap: '差额',
    colCoverage: '覆盖率',
    colCompare: '对比（浅色：分解目标；深色：承诺）',
    noCommitments: '没有节点提交承诺。',
    paceTitle: '本月进度',
    paceSub: '{team} · {start} 至 {end} · 截至 {asOf}',
    workdays: '本期 {total} 个工作日：已过 {elapsed}，剩余 {remaining}',
    workdaysNote: '已扣除 {h} 天节假日，计入 {m} 天调休上班',
    kTarget: '团队目标',
    kActual: '已完成',
    kExpected: '按进度应完成',
    kRunRate: '按当前速度预计',
    kPipeline: '加权商机预测',
    kChance: '团队达成概率',
    kStatus: '已达成 / 正常 / 落后',
    reps: '销售进度',
    repsSub: '竖线为按工作日应完成进度 · 点击一行查看原因与关键商机',
    colStatus: '状态',
    colActual: '已完成',
    colAttainment: '达成 / 应达成',
    colDaily: '每日需完成',
    colPipeline: '加权预测',
    teamRow: '{name}（合计 {n} 人）',
    keyDeals: '关键商机（对达成概率影响最大）',
    chanceLabel: '达成概率',
    why: '计算过程',
    colWinProb: '赢单率',
    colSwing: '输 → 赢时的达成概率',
    swingTitle: '赢下：{w}；丢掉：{l}；影响 {s}',
    noKeyDeals: '没有能改变达成概率的商机。',
    editDeals: '修改数据',
    editDealsNote: '改动已完成金额或任一商机的赢单率（%），整组立即重新计算。数值按原样以文本传给引擎，小数精确。',
    actualLabel: '本月已完成',
    dealLater: '预计 {d} 成交，不计入本期',
    stageProb: '阶段「{s}」默认 {p}',
    teamNote: '团队的达成概率把全组所有商机放在一起计算（各商机相互独立）。',
    footerNote: '示例数据：华辰科技 2025 年度目标（18 人）与华东一组 2026 年 5 月进度。节假日安排仅为示例。所有计算都在本机浏览器中完成。',
    monthShort: (m) => `${m}月`,
  },
  en: {
    pageTitle: 'SalesScore Targets & pacing',
    title: 'Targets & pacing',
    tagline: 'A company target split down to people and months · this month’s pace and the chance of making it · exact, in your browser',
    decTitle: 'Annual target decomposition',
    decSub: '{name} · {start} to {end} · rounded to {unit} {currency}',
    companyTotal: 'Company total',
    unitNote: 'a multiple of {unit}',
    decStat: '{n} nodes · {ms} ms',
    decStatTitle: 'Time of the one decompose call that splits the whole tree',
    paceStat: '{n} reps · {ms} ms',
    paceStatTitle: 'Time of the one pace call for the whole team',
    stale: ' (showing the last good result)',
    kTotal: 'Total',
    kPeople: 'People',
    kTeams: 'Teams',
    kCommitted: 'Committed (bottom-up)',
    kCoverage: 'Coverage',
    kLocked: 'Locked nodes',
    tree: 'Allocation tree',
    treeSub: 'Click a row to see why',
    expandAll: 'Expand all',
    collapseAll: 'Collapse',
    colNode: 'Organisation / person',
    colAmount: 'Annual target',
    colShare: 'Share',
    colMonths: 'By month (Jan–Dec)',
    colMarks: 'Marks',
    legend: 'Locked: a manual amount. Capped / floor: the rule gave more / less and a maximum / minimum held it. New hire: the hire month prorated by days, then the ramp. Leaver: nothing after the last day.',
    markLocked: 'locked',
    markMax: 'capped',
    markMin: 'floor',
    markHire: 'new hire',
    markLeave: 'leaver',
    markLockedTitle: 'Locked at {v}',
    markMaxTitle: 'The rule gave {ideal}; maximum {v}',
    markMinTitle: 'The rule gave {ideal}; minimum {v}',
    markHireTitle: 'Hired {d}',
    markLeaveTitle: 'Last day {d}',
    nodeEmpty: 'Click a node in the tree to see why it got its target.',
    shareOf: '{s} of {parent}',
    rootMeta: 'The total',
    metaPath: '{path}',
    rule: { total: 'the total', share: 'proportional share', locked: 'locked amount', min: 'minimum (floor)', max: 'maximum (cap)' },
    basis: { equal: 'equal shares', history: 'historical sales share', potential: 'market potential', capacity: 'capacity (headcount × tier factor)', weights: 'custom weights', blend: 'blend' },
    fRule: 'Decided by',
    fBasis: 'Parent splits by',
    fBase: 'Base',
    fAvailability: 'Availability',
    fWeightShare: 'Weight share',
    fPool: 'Pool shared',
    fIdeal: 'Exact proportional share',
    fRounding: 'Rounding to the unit',
    fBound: 'Bound',
    fRamp: 'Ramp by month',
    byMonth: 'By month',
    quarter: '{q}',
    commitTitle: 'Commitment',
    commitLine: 'Committed {c} ({src}), gap {gap}, coverage {cov}',
    source: { own: 'its own', children: 'children’s sum', partial: 'sum of the children who committed' },
    lockLabel: 'Locked amount',
    unlock: 'Unlock',
    lockNote: 'Type an amount to lock this node: it gets exactly that and its siblings share the rest. Leave empty to allocate by the rules.',
    commitments: 'Top-down vs bottom-up',
    commitmentsSub: 'The decomposed targets against what each level committed',
    colTopDown: 'Top-down',
    colCommitted: 'Committed',
    colSource: 'Source',
    colGap: 'Gap',
    colCoverage: 'Coverage',
    colCompare: 'Compare (light: top-down; dark: committed)',
    noCommitments: 'No node has a commitment.',
    paceTitle: 'This month’s pace',
    paceSub: '{team} · {start} to {end} · as of {asOf}',
    workdays: '{total} working days: {elapsed} elapsed, {remaining} remaining',
    workdaysNote: '{h} holidays off, {m} makeup workdays counted',
    kTarget: 'Team target',
    kActual: 'Actual',
    kExpected: 'Expected to date',
    kRunRate: 'Run-rate forecast',
    kPipeline: 'Pipeline forecast',
    kChance: 'Team chance',
    kStatus: 'Achieved / on track / behind',
    reps: 'Reps',
    repsSub: 'The tick is the expected-to-date by working days · click a row for reasons and key deals',
    colStatus: 'Status',
    colActual: 'Actual',
    colAttainment: 'Attained / expected',
    colDaily: 'Needed / day',
    colPipeline: 'Pipeline',
    teamRow: '{name} ({n} reps)',
    keyDeals: 'Key deals (move the chance most)',
    chanceLabel: 'Chance of target',
    why: 'How it is worked out',
    colWinProb: 'Win prob.',
    colSwing: 'Chance if lost → if won',
    swingTitle: 'If won: {w}; if lost: {l}; swing {s}',
    noKeyDeals: 'No deal changes the chance.',
    editDeals: 'Edit the data',
    editDealsNote: 'Change the actual or any deal’s win probability (%) and the whole team is recomputed at once. Values go to the engine as typed text, so decimals stay exact.',
    actualLabel: 'Actual this month',
    dealLater: 'closes {d}, after this period',
    stageProb: 'stage “{s}” gives {p}',
    teamNote: 'The team’s chance puts every rep’s deals together (each deal independent).',
    footerNote: 'Sample data: Huachen Tech’s 2025 target (18 people) and team 华东一组 in May 2026. The holiday calendar is illustrative. Everything is computed locally in your browser.',
    monthShort: (m) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1],
  },
};

useText(TEXT);
renderTopbar('targets');

// ---------------------------------------------------------------------------------------------
// State

const state = {
  ready: false,
  dec: { sample: null, total: null, locks: {}, result: null, error: null, ms: 0, selected: null, expanded: new Set(), allOpen: false },
  pace: { sample: null, actuals: {}, probs: {}, result: null, error: null, ms: 0, selected: null },
};

// ---------------------------------------------------------------------------------------------
// Exact decimal strings: shown as the engine gives them, only grouped and shifted (the rest
// of the helpers are in page.js).

/** A percentage given as a number of percent (`54.9564`). */
const pctOf = (s) => `${shiftPoint(s, 0)}%`;
/** Money: grouped, trailing `.00` kept as the engine sends it (so columns line up). */
const money = (s) => groupDigits(s);
/** Money in a headline figure: without a zero fraction. */
const moneyShort = (s) => groupDigits(String(s).replace(/\.0+$/, ''));

// ---------------------------------------------------------------------------------------------
// Decomposition

function decSpec() {
  const spec = structuredClone(state.dec.sample);
  if (state.dec.total !== null) spec.total = state.dec.total;
  for (const node of spec.nodes) {
    if (!(node.id in state.dec.locks)) continue;
    const v = state.dec.locks[node.id];
    if (v === null) delete node.locked;
    else node.locked = v;
  }
  return spec;
}

/** Runs `compute(spec)` for a panel's state (`state.dec`, `state.pace`): explained, exact
 *  strings, in the page's locale; keeps the result or the error and the time taken. */
function runPanel(panel, compute, spec) {
  const t0 = performance.now();
  try {
    panel.result = compute(spec, { explain: true, locale: locale(), numbers: 'string' });
    panel.error = null;
  } catch (e) {
    panel.error = e;
  }
  panel.ms = performance.now() - t0;
  panel.spec = spec;
}

function runDecompose() {
  runPanel(state.dec, decompose, decSpec());
  renderDecomposition();
}

/** The rows of the tree in display order (the result's nodes are already depth first), each
 *  with its depth, parent node and child rows. */
function flatten(result) {
  const rows = result.nodes.map((node) => ({ node, depth: node.depth, parent: node.parent === null ? null : result.nodes[node.parent], kids: [] }));
  for (const row of rows) if (row.node.parent !== null) rows[row.node.parent].kids.push(row);
  return rows;
}

const specNode = (id) => state.dec.spec?.nodes.find((n) => n.id === id);

function marks(node) {
  const out = [];
  const why = node.why;
  const sn = specNode(node.id) ?? {};
  if (node.rule === 'locked') out.push(['locked', t('markLocked'), t('markLockedTitle', { v: money(why.bound ?? node.amount) })]);
  if (node.rule === 'max') out.push(['max', t('markMax'), t('markMaxTitle', { v: money(why.bound), ideal: money(why.ideal) })]);
  if (node.rule === 'min') out.push(['min', t('markMin'), t('markMinTitle', { v: money(why.bound), ideal: money(why.ideal) })]);
  if (sn.hireDate && why.ramp?.length) out.push(['hire', t('markHire'), t('markHireTitle', { d: sn.hireDate })]);
  if (sn.leaveDate) out.push(['leave', t('markLeave'), t('markLeaveTitle', { d: sn.leaveDate })]);
  return out.map(([kind, label, title]) => `<span class="mark mark-${kind}" data-mark="${kind}" title="${escapeHtml(title)}">${escapeHtml(label)}</span>`).join('');
}

function spark(values, months) {
  const nums = values.map(Number);
  const max = Math.max(...nums, 0);
  return `<span class="spark" aria-hidden="true">${nums.map((v, i) => {
    const h = max > 0 ? Math.max(v > 0 ? 6 : 0, Math.round((v / max) * 100)) : 0;
    return `<i style="height:${h}%" title="${escapeHtml(`${months[i]}: ${money(values[i])}`)}"></i>`;
  }).join('')}</span>`;
}

function visible(rows) {
  const open = state.dec.expanded;
  const hidden = new Set();
  return rows.filter(({ node, parent }) => {
    if (parent && (hidden.has(parent.id) || !open.has(parent.id))) {
      hidden.add(node.id);
      return false;
    }
    return true;
  });
}

function renderDecomposition() {
  const { result, error, sample } = state.dec;
  showError($('#dec-error'), error);
  document.querySelector('#tree').classList.toggle('is-stale', !!error);
  const edits = (state.dec.total !== null ? 1 : 0) + Object.keys(state.dec.locks).length;
  $('#dec-edited').hidden = edits === 0;
  $('#dec-edited-text').textContent = t('edited', { n: edits });
  const totalInput = $('#total-input');
  if (document.activeElement !== totalInput) totalInput.value = state.dec.total ?? String(sample.total);
  totalInput.classList.toggle('is-invalid', !!error && error.path === '/total');
  $('#unit-note').textContent = `${state.dec.spec?.currency ?? sample.currency ?? 'CNY'} · ${t('unitNote', { unit: groupDigits(String(sample.unit ?? 1)) })}`;
  if (!result) return;

  const rows = flatten(result);
  const root = result.nodes[0];
  const ms = state.dec.ms.toFixed(state.dec.ms < 10 ? 1 : 0);
  $('#dec-stat').textContent = t('decStat', { n: rows.length, ms }) + (error ? t('stale') : '');
  $('#dec-stat').title = t('decStatTitle');
  $('#dec-sub').textContent = t('decSub', { name: root.name, start: state.dec.spec.period.start, end: state.dec.spec.period.end, unit: groupDigits(result.unit), currency: result.currency });

  // KPIs
  const leaves = rows.filter((r) => !r.kids.length);
  const teams = rows.filter((r) => r.kids.length && r.kids.every((k) => !k.kids.length));
  const rc = root.commitment;
  const locked = rows.filter((r) => r.node.rule === 'locked').length;
  const kpis = [
    ['total', t('kTotal'), money(root.amount)],
    ['people', t('kPeople'), String(leaves.length)],
    ['teams', t('kTeams'), String(teams.length)],
    ['locked', t('kLocked'), String(locked)],
  ];
  if (rc) kpis.push(['committed', t('kCommitted'), money(rc.submitted)], ['coverage', t('kCoverage'), rc.coverage !== undefined ? pctOf(rc.coverage) : '—']);
  $('#dec-kpis').innerHTML = kpis.map(([k, label, v]) => `<div class="kpi" data-kpi="${k}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('');

  // Tree
  const monthNames = result.months.map((m) => t('monthShort')(Number(m.slice(5))));
  $('#tree-rows').innerHTML = visible(rows).map(({ node, depth, kids: children }) => {
    const kids = children.length;
    const open = state.dec.expanded.has(node.id);
    const toggle = kids
      ? `<button type="button" class="toggle" data-toggle="${escapeHtml(node.id)}" aria-expanded="${open}" aria-label="${open ? '−' : '+'}">${open ? '▾' : '▸'}</button>`
      : '<span class="toggle-pad"></span>';
    const sel = node.id === state.dec.selected ? ' is-selected' : '';
    return `<tr data-id="${escapeHtml(node.id)}" class="depth-${depth}${kids ? ' has-kids' : ''}${sel}" tabindex="0">` +
      `<td class="name-cell"><div class="name-wrap"><span class="indent" style="width:${depth * 18}px"></span>${toggle}<span class="node-name">${escapeHtml(node.name)}</span>` +
      (kids ? `<span class="kid-count">${kids}</span>` : '') + '</div></td>' +
      `<td class="num amount" data-testid="amount">${money(node.amount)}</td>` +
      `<td class="num share" data-testid="share">${node.share !== null ? pctOf(node.share) : ''}</td>` +
      `<td class="spark-cell">${spark(node.months, monthNames)}</td>` +
      `<td class="marks">${marks(node)}</td></tr>`;
  }).join('');
  $('#tree-legend').textContent = t('legend');
  $('#expand-all').textContent = state.dec.allOpen ? t('collapseAll') : t('expandAll');

  renderNodeDetail(rows, monthNames);
  renderCommitments(rows);
}

function renderNodeDetail(rows, monthNames) {
  const entry = rows.find((r) => r.node.id === state.dec.selected);
  $('#node-empty').hidden = !!entry;
  $('#node-body').hidden = !entry;
  if (!entry) return;
  const { node, parent } = entry;
  const why = node.why;
  const result = state.dec.result;
  $('#node-title').textContent = node.name === node.id ? node.name : `${node.name}`;
  const path = [];
  for (let p = parent; p; p = rows.find((r) => r.node.id === p.id)?.parent) path.unshift(p.name);
  $('#node-meta').textContent = parent ? path.join(' › ') : t('rootMeta');
  $('#node-amount').textContent = money(node.amount);
  $('#node-share').textContent = parent && node.share !== null ? t('shareOf', { s: pctOf(node.share), parent: parent.name }) : '';
  $('#node-text').textContent = node.text ?? '';

  const facts = [[t('fRule'), t('rule')[node.rule] ?? node.rule]];
  if (why.basis) facts.push([t('fBasis'), t('basis')[why.basis] ?? why.basis]);
  if (why.base !== undefined) facts.push([t('fBase'), groupDigits(why.base)]);
  if (why.availability !== undefined) facts.push([t('fAvailability'), pctOf(why.availability)]);
  if (why.weight !== undefined) facts.push([t('colWeight'), groupDigits(why.weight)]);
  if (why.weightShare !== undefined) facts.push([t('fWeightShare'), pctOf(why.weightShare)]);
  if (why.pool !== undefined) facts.push([t('fPool'), money(why.pool)]);
  if (why.ideal !== undefined) facts.push([t('fIdeal'), money(why.ideal)]);
  if (why.rounding !== undefined) facts.push([t('fRounding'), signed(why.rounding)]);
  if (why.bound !== undefined) facts.push([t('fBound'), money(why.bound)]);
  $('#node-facts').innerHTML = facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('');

  const max = Math.max(...node.months.map(Number), 0);
  $('#node-months').innerHTML = node.months.map((m, i) => {
    const ramp = why.ramp?.[i];
    const h = max > 0 ? Math.round((Number(m) / max) * 100) : 0;
    return `<div class="month${Number(m) === 0 ? ' is-zero' : ''}" data-month="${escapeHtml(result.months[i])}">` +
      `<span class="m-bar"><i style="height:${h}%"></i></span><span class="m-name">${escapeHtml(monthNames[i])}</span>` +
      `<span class="m-val">${money(m)}</span>${ramp !== undefined && ramp !== '100' && Number(m) > 0 ? `<span class="m-ramp">${escapeHtml(pctOf(ramp))}</span>` : ''}</div>`;
  }).join('');
  $('#node-quarters').innerHTML = result.quarters.map((q, i) => `<span class="q"><b>${escapeHtml(q.id)}</b> ${money(node.quarters[i])}</span>`).join('');

  const c = node.commitment;
  $('#node-commit').hidden = !c;
  if (c) {
    $('#node-commit').innerHTML = `<span class="sub-title">${escapeHtml(t('commitTitle'))}</span> ` +
      `<span class="${isNeg(c.gap) ? 'neg' : 'pos'}">${escapeHtml(t('commitLine', { c: money(c.submitted), src: t('source')[c.source] ?? c.source, gap: signed(c.gap), cov: c.coverage !== undefined ? pctOf(c.coverage) : '—' }))}</span>`;
  }

  $('#lock-box').hidden = !parent;
  const lockInput = $('#lock-input');
  if (document.activeElement !== lockInput) {
    const sn = specNode(node.id);
    lockInput.value = sn?.locked !== undefined ? String(sn.locked) : '';
  }
  lockInput.placeholder = money(node.amount);
  const err = state.dec.error;
  const mine = err && err.path && state.dec.spec.nodes.findIndex((n) => n.id === node.id) === Number(err.path.split('/')[2]);
  lockInput.classList.toggle('is-invalid', !!mine);
  $('#lock-clear').disabled = specNode(node.id)?.locked === undefined;
}

function renderCommitments(rows) {
  const withC = rows.filter((r) => r.node.commitment);
  if (!withC.length) {
    $('#commit-rows').innerHTML = `<tr><td colspan="7" class="muted">${escapeHtml(t('noCommitments'))}</td></tr>`;
    return;
  }
  const max = Math.max(...withC.flatMap((r) => [Number(r.node.amount), Number(r.node.commitment.submitted)]));
  $('#commit-rows').innerHTML = withC.map(({ node, depth }) => {
    const c = node.commitment;
    const w = (v) => (max > 0 ? ((Number(v) / max) * 100).toFixed(2) : 0);
    return `<tr data-id="${escapeHtml(node.id)}" class="depth-${depth}">` +
      `<td><span class="indent" style="width:${depth * 14}px"></span>${escapeHtml(node.name)}</td>` +
      `<td class="num">${money(node.amount)}</td>` +
      `<td class="num">${money(c.submitted)}</td>` +
      `<td class="muted small">${escapeHtml(t('source')[c.source] ?? c.source)}</td>` +
      `<td class="num ${isNeg(c.gap) ? 'neg' : 'pos'}" data-testid="gap">${signed(c.gap)}</td>` +
      `<td class="num" data-testid="coverage">${c.coverage !== undefined ? pctOf(c.coverage) : '—'}</td>` +
      `<td class="bar-col"><span class="cmp"><i class="cmp-top" style="width:${w(node.amount)}%"></i><i class="cmp-commit${isNeg(c.gap) ? ' short' : ''}" style="width:${w(c.submitted)}%"></i></span></td></tr>`;
  }).join('');
}

function selectNode(id) {
  state.dec.selected = id;
  // Open the way to it.
  const rows = state.dec.result ? flatten(state.dec.result) : [];
  for (let e = rows.find((r) => r.node.id === id); e?.parent; e = rows.find((r) => r.node.id === e.parent.id)) state.dec.expanded.add(e.parent.id);
  writeLocation();
  renderDecomposition();
}

// ---------------------------------------------------------------------------------------------
// Pacing

function paceSpec() {
  const spec = structuredClone(state.pace.sample);
  for (const rep of spec.reps) {
    if (rep.id in state.pace.actuals) rep.actual = state.pace.actuals[rep.id];
    for (const deal of rep.deals ?? []) if (deal.id in state.pace.probs) deal.probability = fromPercent(state.pace.probs[deal.id]);
  }
  return spec;
}

function runPace() {
  runPanel(state.pace, pace, paceSpec());
  renderPacing();
}

function statusChip(status) {
  return `<span class="status status-${escapeHtml(status)}" data-status="${escapeHtml(status)}">${escapeHtml(t('status')[status] ?? status)}</span>`;
}

function attainmentBar(progress) {
  const a = Math.max(0, Number(progress.attainment));
  const e = Math.min(1, Math.max(0, Number(progress.expectedAttainment)));
  const width = Math.min(100, a * 100).toFixed(1);
  return `<span class="att"><span class="track att-track"><i class="track-fill status-bg-${escapeHtml(progress.status)}" style="width:${width}%"></i>` +
    `<i class="track-mark" style="left:${(e * 100).toFixed(1)}%"></i></span>` +
    `<span class="att-text"><b data-testid="attainment">${pct(progress.attainment)}</b><span class="muted"> / ${pct(progress.expectedAttainment)}</span></span></span>`;
}

function chanceText(chance) {
  return pct(chance.probability);
}

function repRow(id, name, p, cls = '') {
  const g = p.progress;
  const sel = id === state.pace.selected ? ' is-selected' : '';
  return `<tr data-id="${escapeHtml(id)}" class="${cls}${sel}" tabindex="0">` +
    `<td class="rep-cell">${name}</td>` +
    `<td>${statusChip(g.status)}</td>` +
    `<td class="num" data-col="target">${money(g.target)}</td>` +
    `<td class="num" data-col="actual">${money(g.actual)}</td>` +
    `<td class="att-cell">${attainmentBar(g)}</td>` +
    `<td class="num" data-col="expectedToDate">${money(g.expectedToDate)}</td>` +
    `<td class="num ${isNeg(g.paceGap) ? 'neg' : 'pos'}" data-col="paceGap">${signed(g.paceGap)}</td>` +
    `<td class="num" data-col="requiredDailyRate">${money(g.requiredDailyRate)}</td>` +
    `<td class="num" data-col="runRateForecast">${money(g.runRateForecast)}</td>` +
    `<td class="num" data-col="forecast">${money(p.pipeline.forecast)}</td>` +
    `<td class="num chance" data-col="chance">${chanceText(p.chance)}</td></tr>`;
}

function renderPacing() {
  const { result, error } = state.pace;
  showError($('#pace-error'), error);
  $('#reps').classList.toggle('is-stale', !!error);
  const edits = Object.keys(state.pace.actuals).length + Object.keys(state.pace.probs).length;
  $('#pace-edited').hidden = edits === 0;
  $('#pace-edited-text').textContent = t('edited', { n: edits });
  if (!result) return;

  const ms = state.pace.ms.toFixed(state.pace.ms < 10 ? 1 : 0);
  $('#pace-stat').textContent = t('paceStat', { n: result.reps.length, ms }) + (error ? t('stale') : '');
  $('#pace-stat').title = t('paceStatTitle');
  const p = result.period;
  $('#pace-sub').textContent = t('paceSub', { team: result.team.name, start: p.start, end: p.end, asOf: p.asOf });
  const w = p.workdays;
  const team = result.team;
  $('#workdays').innerHTML = `<div class="wd-text"><b>${escapeHtml(t('workdays', w))}</b><span class="muted small">${escapeHtml(t('workdaysNote', { h: w.holidays, m: w.makeupWorkdays }))}</span></div>` +
    `<span class="wd-track" aria-hidden="true">${Array.from({ length: w.total }, (_, i) => `<i class="${i < w.elapsed ? 'done' : ''}"></i>`).join('')}</span>` +
    `<span class="status-counts" data-testid="status-counts">${[['achieved', team.achieved], ['onTrack', team.onTrack], ['behind', team.behind]]
      .map(([k, n]) => `<span class="status status-${k}" data-count="${k}">${escapeHtml(t('status')[k])} ${n}</span>`).join('')}</span>`;

  const g = team.progress;
  const kpis = [
    ['target', t('kTarget'), moneyShort(g.target)],
    ['actual', t('kActual'), moneyShort(g.actual)],
    ['attainment', t('attainment'), pct(g.attainment)],
    ['expected', t('kExpected'), moneyShort(g.expectedToDate)],
    ['paceGap', t('paceGap'), signed(String(g.paceGap).replace(/\.0+$/, ''))],
    ['daily', t('daily'), moneyShort(g.requiredDailyRate)],
    ['runRate', t('kRunRate'), moneyShort(g.runRateForecast)],
    ['pipeline', t('kPipeline'), moneyShort(team.pipeline.forecast)],
    ['chance', t('kChance'), pct(team.chance.probability)],
  ];
  $('#team-kpis').innerHTML = kpis.map(([k, label, v]) => `<div class="kpi" data-kpi="${k}"><dt>${escapeHtml(label)}</dt><dd class="${k === 'paceGap' && isNeg(g.paceGap) ? 'neg' : ''}">${escapeHtml(v)}</dd></div>`).join('');

  $('#rep-rows').innerHTML = result.reps.map((r) => repRow(r.id, `<b>${escapeHtml(r.name)}</b> <span class="muted small">${escapeHtml(r.id)}</span>`, r)).join('') +
    repRow('team', `<b>${escapeHtml(t('teamRow', { name: team.name, n: team.reps }))}</b>`, team, 'team-row');

  renderRepDetail();
}

function renderRepDetail() {
  const { result } = state.pace;
  const isTeam = state.pace.selected === 'team';
  const rep = isTeam ? result.team : result.reps.find((r) => r.id === state.pace.selected);
  if (!rep) return;
  const specRep = state.pace.spec.reps.find((r) => r.id === rep.id);
  $('#rep-title').textContent = isTeam ? t('teamRow', { name: rep.name, n: rep.reps }) : `${rep.name} · ${rep.id}`;
  $('#rep-meta').innerHTML = `${statusChip(rep.progress.status)} <span class="muted small">${escapeHtml(money(rep.progress.actual))} / ${escapeHtml(money(rep.progress.target))}</span>`;
  const c = rep.chance;
  $('#rep-chance').textContent = pct(c.probability);
  const note = c.method === 'exact' ? t('method').exact.replace('{p}', pct(c.exactProbability)) :
    c.method === 'bounded' ? t('method').bounded.replace('{b}', pct(c.errorBound)) : t('method')[c.method] ?? c.method;
  $('#rep-chance-note').textContent = note;
  $('#rep-text').innerHTML = (rep.text ?? []).map((line) => `<li>${escapeHtml(line)}</li>`).join('') + (isTeam ? `<li class="muted">${escapeHtml(t('teamNote'))}</li>` : '');

  $('#key-deal-rows').innerHTML = c.keyDeals.length ? c.keyDeals.map((d) => {
    const l = Number(d.ifLost) * 100;
    const w = Number(d.ifWon) * 100;
    return `<tr data-id="${escapeHtml(d.id)}"><td><span class="deal-name">${escapeHtml(d.name)}</span>${isTeam ? ` <span class="muted small">${escapeHtml(d.rep)}</span>` : ''}</td>` +
      `<td class="num">${money(d.amount)}</td><td class="num" data-testid="deal-prob">${pct(d.probability)}</td>` +
      `<td class="swing-col"><span class="swing" title="${escapeHtml(t('swingTitle', { w: pct(d.ifWon), l: pct(d.ifLost), s: pct(d.swing) }))}">` +
      `<span class="swing-track"><i class="swing-range" style="left:${l.toFixed(2)}%;width:${Math.max(0.8, w - l).toFixed(2)}%"></i></span>` +
      `<span class="swing-text">${pct(d.ifLost)} → <b>${pct(d.ifWon)}</b></span></span></td></tr>`;
  }).join('') : `<tr><td colspan="4" class="muted">${escapeHtml(t('noKeyDeals'))}</td></tr>`;

  $('#deals-box').hidden = isTeam;
  if (!isTeam) renderDealForm(specRep);
}

function renderDealForm(specRep) {
  const form = $('#deal-form');
  const key = `${locale()}|${specRep.id}`;
  const sample = state.pace.sample.reps.find((r) => r.id === specRep.id);
  const stages = Object.fromEntries((state.pace.sample.stages ?? []).map((s) => [s.id, s]));
  const err = state.pace.error;
  const repIndex = state.pace.spec.reps.findIndex((r) => r.id === specRep.id);
  const errAt = (path) => err && err.path === path;
  if (form.dataset.key !== key) {
    form.dataset.key = key;
    const end = state.pace.sample.period.end;
    form.innerHTML = `<div class="form-row" data-row="actual"><label for="f-actual">${escapeHtml(t('actualLabel'))}</label>` +
      `<input id="f-actual" class="num-input" data-actual="${escapeHtml(specRep.id)}" inputmode="decimal" value="${escapeHtml(state.pace.actuals[specRep.id] ?? String(sample.actual))}">` +
      `<span class="form-note muted small" data-note="actual"></span></div>` +
      (sample.deals ?? []).map((d) => {
        const stage = stages[d.stage];
        const shown = d.id in state.pace.probs ? state.pace.probs[d.id] : shiftPoint(String(d.probability ?? stage?.probability ?? ''), 2);
        const later = d.closeDate && d.closeDate > end;
        const hint = later ? t('dealLater', { d: d.closeDate }) : stage ? t('stageProb', { s: stage.name ?? stage.id, p: pct(stage.probability) }) : '';
        return `<div class="form-row${later ? ' is-later' : ''}" data-row="${escapeHtml(d.id)}"><label for="f-${escapeHtml(d.id)}"><span class="deal-name">${escapeHtml(d.name ?? d.id)}</span>` +
          `<span class="muted small">${escapeHtml(money(String(d.amount)))} · ${escapeHtml(hint)}</span></label>` +
          `<span class="pct-input"><input id="f-${escapeHtml(d.id)}" class="num-input" data-deal="${escapeHtml(d.id)}" inputmode="decimal" value="${escapeHtml(shown)}"><span>%</span></span>` +
          `<span class="form-note muted small" data-note="${escapeHtml(d.id)}"></span></div>`;
      }).join('');
  }
  // Changed / invalid marks without rebuilding the inputs (the caret stays where it is).
  const actualRow = form.querySelector('[data-row="actual"]');
  const actualChanged = specRep.id in state.pace.actuals && state.pace.actuals[specRep.id] !== String(sample.actual);
  actualRow.classList.toggle('is-changed', actualChanged);
  actualRow.classList.toggle('is-invalid', !!errAt(`/reps/${repIndex}/actual`));
  actualRow.querySelector('[data-note]').textContent = errAt(`/reps/${repIndex}/actual`) ? `${err.code}` : actualChanged ? t('original', { v: money(String(sample.actual)) }) : '';
  (sample.deals ?? []).forEach((d, j) => {
    const row = form.querySelector(`[data-row="${CSS.escape(d.id)}"]`);
    const changed = d.id in state.pace.probs;
    const bad = errAt(`/reps/${repIndex}/deals/${j}/probability`);
    row.classList.toggle('is-changed', changed);
    row.classList.toggle('is-invalid', !!bad);
    const stage = stages[d.stage];
    row.querySelector('[data-note]').textContent = bad ? err.code : changed ? t('original', { v: pct(String(d.probability ?? stage?.probability)) }) : '';
  });
}

function selectRep(id) {
  state.pace.selected = id;
  writeLocation();
  renderPacing();
}

// ---------------------------------------------------------------------------------------------
// Locale, location, events

function applyLocale() {
  showLocale();
  if (!state.ready) return;
  $('#deal-form').dataset.key = '';
  runDecompose(); // explanations come from the engine in the chosen locale
  runPace();
}

function readLocation() {
  const hash = new URLSearchParams(location.hash.slice(1));
  readLocale(hash);
  state.dec.selected = hash.get('node') || null;
  state.pace.selected = hash.get('rep') || null;
}

function writeLocation() {
  const params = new URLSearchParams();
  if (state.dec.selected) params.set('node', state.dec.selected);
  if (state.pace.selected) params.set('rep', state.pace.selected);
  writeAddress(params);
}

function wireEvents() {
  onLocaleSwitch(() => {
    writeLocation();
    applyLocale();
  });

  $('#total-input').addEventListener('input', (e) => {
    const v = e.target.value.trim();
    state.dec.total = v === String(state.dec.sample.total) ? null : v;
    runDecompose();
  });
  $('#tree-rows').addEventListener('click', (e) => {
    const toggle = e.target.closest('[data-toggle]');
    if (toggle) {
      const id = toggle.dataset.toggle;
      if (state.dec.expanded.has(id)) state.dec.expanded.delete(id);
      else state.dec.expanded.add(id);
      renderDecomposition();
      return;
    }
    const tr = e.target.closest('tr[data-id]');
    if (tr) selectNode(tr.dataset.id);
  });
  $('#tree-rows').addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr[data-id]');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      selectNode(tr.dataset.id);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      if (e.key === 'ArrowRight') state.dec.expanded.add(tr.dataset.id);
      else state.dec.expanded.delete(tr.dataset.id);
      renderDecomposition();
      document.querySelector(`#tree-rows tr[data-id="${CSS.escape(tr.dataset.id)}"]`)?.focus();
    }
  });
  $('#expand-all').addEventListener('click', () => {
    state.dec.allOpen = !state.dec.allOpen;
    const rows = state.dec.result ? flatten(state.dec.result) : [];
    state.dec.expanded = new Set(state.dec.allOpen ? rows.filter((r) => r.kids.length).map((r) => r.node.id) : [rows[0]?.node.id]);
    if (!state.dec.allOpen && state.dec.selected) selectNode(state.dec.selected);
    else renderDecomposition();
  });
  $('#lock-input').addEventListener('input', (e) => {
    const id = state.dec.selected;
    const v = e.target.value.trim();
    const original = state.dec.sample.nodes.find((n) => n.id === id)?.locked;
    if (v === '') {
      if (original === undefined) delete state.dec.locks[id];
      else state.dec.locks[id] = null;
    } else if (original !== undefined && v === String(original)) {
      delete state.dec.locks[id];
    } else {
      state.dec.locks[id] = v;
    }
    runDecompose();
  });
  $('#lock-clear').addEventListener('click', () => {
    const id = state.dec.selected;
    const original = state.dec.sample.nodes.find((n) => n.id === id)?.locked;
    if (original === undefined) delete state.dec.locks[id];
    else state.dec.locks[id] = null;
    $('#lock-input').value = '';
    runDecompose();
  });
  $('#dec-reset').addEventListener('click', () => {
    state.dec.total = null;
    state.dec.locks = {};
    $('#total-input').value = String(state.dec.sample.total);
    $('#lock-input').value = '';
    runDecompose();
  });

  const pickRep = (e) => {
    const tr = e.target.closest('tr[data-id]');
    if (tr) selectRep(tr.dataset.id);
  };
  $('#rep-rows').addEventListener('click', pickRep);
  $('#rep-rows').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pickRep(e);
    }
  });
  $('#deal-form').addEventListener('input', (e) => {
    const input = e.target;
    const v = input.value.trim();
    if (input.dataset.actual) {
      const id = input.dataset.actual;
      const original = String(state.pace.sample.reps.find((r) => r.id === id).actual);
      if (v === original) delete state.pace.actuals[id];
      else state.pace.actuals[id] = v;
    } else if (input.dataset.deal) {
      const id = input.dataset.deal;
      const deal = state.pace.sample.reps.flatMap((r) => r.deals ?? []).find((d) => d.id === id);
      const stage = (state.pace.sample.stages ?? []).find((s) => s.id === deal.stage);
      const original = shiftPoint(String(deal.probability ?? stage?.probability ?? ''), 2);
      if (v === original) delete state.pace.probs[id];
      else state.pace.probs[id] = v;
    }
    runPace();
  });
  $('#deal-form').addEventListener('submit', (e) => e.preventDefault());
  $('#pace-reset').addEventListener('click', () => {
    state.pace.actuals = {};
    state.pace.probs = {};
    $('#deal-form').dataset.key = '';
    runPace();
  });
}

async function main() {
  readLocation();
  applyLocale();
  $('#dec-stat').textContent = t('loading');
  wireEvents();
  try {
    const [, d, p] = await Promise.all([init(), fetchJson('/samples/targets/decompose.json'), fetchJson('/samples/targets/pace.json')]);
    state.dec.sample = d;
    state.pace.sample = p;
  } catch (e) {
    $('#dec-stat').textContent = t('loadFailed', { message: errorMessage(e) });
    document.documentElement.dataset.ready = 'failed';
    console.error(e);
    return;
  }
  showVersion(version());
  const root = state.dec.sample.nodes.find((n) => !n.parent);
  // The whole tree open, so the markers (locked, capped, new hire, leaver) show at once.
  state.dec.expanded = new Set(state.dec.sample.nodes.filter((n) => state.dec.sample.nodes.some((k) => k.parent === n.id)).map((n) => n.id));
  state.dec.allOpen = true;
  const firstRegion = state.dec.sample.nodes.find((n) => n.parent === root.id);
  state.ready = true;
  if (state.dec.selected) {
    runDecompose();
    selectNode(state.dec.selected);
  }
  applyLocale();
  if (!state.dec.selected) selectNode(firstRegion?.id ?? root.id);
  // Open the first rep who is behind (else the first), so the panel shows what it is for.
  if (!state.pace.selected && state.pace.result) {
    const reps = state.pace.result.reps;
    selectRep((reps.find((r) => r.progress.status === 'behind') ?? reps[0]).id);
  }
  document.documentElement.dataset.ready = 'true';
}

main();
