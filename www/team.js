// SalesScore team scorecard. Plain ES module, no build step.
//
// Flow: the sample plan is compiled once; for the chosen month the whole team (one record per
// rep) is scored with ONE `plan.evaluateTeam(records, { explain: true, locale })` call. Editing a
// figure in a rep's form re-runs that call at once, so ranks, grades and points move live. Typed
// values are sent as strings, so decimals stay exact. The team batch and the plan's document are
// the admin entry's (salescore/admin: team-scale work, built for speed); a form's entry has neither.

import init, { Plan, version } from '/pkg/admin/index.js';
import {
  $, errorMessage, escapeHtml, fetchJson, locale, monthName, onLocaleSwitch, pointerSegments, readLocale, renderTopbar,
  showError, showLocale, showVersion, t, useText, writeAddress,
} from './page.js';

// ---------------------------------------------------------------------------------------------
// Text

const TEXT = {
  'zh-CN': {
    pageTitle: 'SalesScore 团队绩效',
    title: '团队绩效',
    scoreMonth: '考核月份',
    runStat: '{n} 人 · {ms} ms',
    runStatErrors: '{n} 人 · {ms} ms · {e} 条记录有误',
    runStatTitle: '一次 evaluateTeam 调用为全队评分所用的时间',
    editedReps: '已修改 {n} 人的数据',
    aggregates: '团队汇总',
    teamTable: '团队成绩',
    teamTableSub: '按总分排名 · 点击一行查看明细',
    colRank: '排名',
    colTier: '职级',
    colLine: '业务线',
    colCoef: '系数',
    colLevel: '段位',
    colBadges: '徽章',
    legend: '等级：按总分所在的等级区间；强制：强制分布后的等级（与按区间的等级不同时高亮）。',
    markVeto: '否决',
    markCapGrade: '≤{g}',
    markGate: '封顶',
    markEdited: '已改',
    vetoTitle: '一票否决：{id}',
    capGradeTitle: '一票否决：{id}，等级最高 {g}',
    gateTitle: '门槛 {id} 关闭：总分封顶 {cap}',
    vetoedTitle: '触发一票否决，不参与强制分布',
    forcedDiffTitle: '按等级区间为 {a}，强制分布后为 {b}',
    errorRow: '无法计算',
    detailEmpty: '点击左侧表格中的一位销售，查看评分明细并修改数据。',
    tabExplain: '评分明细',
    tabData: '修改数据',
    forced: '强制分布',
    colPayout: '激励',
    whatIf: '试算（不含奖金池）：',
    planCost: '激励总额',
    rank: '排名',
    rankOf: '{r} / {n}',
    experience: '经验值',
    profile: '档案',
    phase: '（{p}）',
    summary: '总结',
    indicators: '指标',
    thMethod: '方法',
    thActual: '实际',
    steps: '计算过程',
    base: '加权合计',
    adjustment: '{id}',
    adjustmentBounded: '原始 {raw}，受上下限约束',
    individual: '个人得分',
    blend: '融合团队得分',
    blendDetail: '个人 {i} × {wi}% + 团队 {t} × {wt}%',
    gate: '门槛 {id}',
    gateOpen: '未触发',
    gateClosedCapped: '已触发：总分封顶 {cap}',
    gateClosed: '已触发（封顶 {cap}，未压低总分）',
    veto: '否决 {id}',
    vetoOff: '未触发',
    vetoZero: '已触发：总分归零',
    vetoCap: '已触发：等级最高 {g}',
    nextGrade: '距下一等级',
    nextGradeTop: '已是最高等级。',
    blockedBy: '受 {id} 限制，暂时无法升至 {g}。',
    nextOptions: '单项可达成的方式（其他不变）：',
    noOptions: '单靠任何一项指标都无法达到。',
    points: '经验值与徽章',
    thBehaviour: '行为',
    thCount: '次数',
    thEach: '每次',
    thRaw: '原始',
    thEarned: '计入',
    capped: '达上限',
    period: '本期',
    carried: '上期累计',
    nextLevel: '距 {l} 还差 {n}',
    topLevel: '已是最高段位',
    badges: '徽章',
    noBadges: '暂无徽章',
    metrics: '指标值',
    recordError: '这条记录无法计算',
    noResult: '修正上方的数据错误后，这里显示评分明细。',
    dataNote: '修改任一数字，整个团队立即重新计算。数值按原样以文本传给引擎，小数精确。',
    resetRep: '恢复此人原始数据',
    distribution: '强制分布',
    distSub: '{n} 人参与 · 按总分排名，{tb}',
    tieBreak: '同分按 {by} 决胜',
    distBand: '等级区间',
    distActual: '强制后',
    distDev: '偏差',
    distLegendTarget: '目标人数',
    distLegendActual: '强制后人数',
    distNote: '比例 {p}%，精确 {x} 人',
    distVetoed: '{n} 人触发一票否决，不参与强制分布：{ids}',
    groups: '小组与 PK',
    pkBy: '比 {by}',
    pkLower: '（越低越好）',
    pkWon: '{w} 胜，领先 {m}',
    pkTie: '平局',
    pkNoData: '无数据',
    members: '{n} 人',
    leaderboard: '经验值排行榜',
    boardSub: '前 {n} 名',
    by: { total: '按总分', points: '按本期经验', experience: '按累计经验' },
    thPlace: '名次',
    thValue: '经验值',
    methods: { ratio: '比率', linear: '线性', steps: '阶梯', lowerIsBetter: '越低越好', rating: '评分', passFail: '达标制' },
    categories: { result: '结果', process: '过程', customer: '客户', growth: '成长', collaboration: '协作' },
  },
  en: {
    pageTitle: 'SalesScore Team Scorecard',
    title: 'Team Scorecard',
    scoreMonth: 'Month',
    runStat: '{n} reps · {ms} ms',
    runStatErrors: '{n} reps · {ms} ms · {e} record(s) with errors',
    runStatTitle: 'Time of the one evaluateTeam call that scores the whole team',
    editedReps: 'Edited figures of {n} rep(s)',
    aggregates: 'Team aggregates',
    teamTable: 'Team results',
    teamTableSub: 'Ranked by total · click a row for details',
    colRank: 'Rank',
    colTier: 'Tier',
    colLine: 'Line',
    colCoef: 'Coef.',
    colLevel: 'Level',
    colBadges: 'Badges',
    legend: 'Grade: from the score bands; Forced: after the forced distribution (highlighted where it differs).',
    markVeto: 'veto',
    markCapGrade: '≤{g}',
    markGate: 'capped',
    markEdited: 'edited',
    vetoTitle: 'Veto: {id}',
    capGradeTitle: 'Veto: {id}, grade at most {g}',
    gateTitle: 'Gate {id} closed: total capped at {cap}',
    vetoedTitle: 'Vetoed: outside the forced distribution',
    forcedDiffTitle: 'Band grade {a}, forced distribution gives {b}',
    errorRow: 'Not scored',
    detailEmpty: 'Click a rep in the table to see the scorecard explained and to edit the figures.',
    tabExplain: 'Explanation',
    tabData: 'Edit figures',
    forced: 'Forced',
    colPayout: 'Pay',
    whatIf: 'What if (before pools):',
    planCost: 'Incentive cost',
    rank: 'Rank',
    rankOf: '{r} of {n}',
    experience: 'Experience',
    profile: 'Profile',
    phase: ' ({p})',
    summary: 'Summary',
    indicators: 'Indicators',
    thMethod: 'Method',
    thActual: 'Actual',
    steps: 'From points to total',
    base: 'Weighted points',
    adjustment: '{id}',
    adjustmentBounded: 'was {raw}, bounded',
    individual: 'Individual',
    blend: 'Blended with team',
    blendDetail: 'individual {i} × {wi}% + team {t} × {wt}%',
    gate: 'Gate {id}',
    gateOpen: 'not triggered',
    gateClosedCapped: 'closed: total capped at {cap}',
    gateClosed: 'closed (cap {cap}, total already below)',
    veto: 'Veto {id}',
    vetoOff: 'not triggered',
    vetoZero: 'triggered: total set to 0',
    vetoCap: 'triggered: grade at most {g}',
    nextGrade: 'Next grade',
    nextGradeTop: 'Already at the top grade.',
    blockedBy: '{g} is out of reach because of {id}.',
    nextOptions: 'One indicator alone would do it (everything else equal):',
    noOptions: 'No single indicator can get there alone.',
    points: 'Points & badges',
    thBehaviour: 'Behaviour',
    thCount: 'Count',
    thEach: 'Each',
    thRaw: 'Raw',
    thEarned: 'Earned',
    capped: 'capped',
    period: 'This period',
    carried: 'Carried in',
    nextLevel: '{n} more to {l}',
    topLevel: 'Top level reached',
    badges: 'Badges',
    noBadges: 'No badges',
    metrics: 'Metrics',
    recordError: 'This record cannot be scored',
    noResult: 'Fix the figures above to see the explanation.',
    dataNote: 'Change any figure and the whole team is scored again at once. Values go to the engine as typed text, so decimals stay exact.',
    resetRep: 'Restore original figures',
    distribution: 'Forced distribution',
    distSub: '{n} reps · ranked by total, {tb}',
    tieBreak: 'ties broken by {by}',
    distBand: 'Bands',
    distActual: 'Forced',
    distDev: 'Dev.',
    distLegendTarget: 'target',
    distLegendActual: 'after forcing',
    distNote: '{p}%, exactly {x} reps',
    distVetoed: '{n} vetoed rep(s) outside the distribution: {ids}',
    groups: 'Groups & PK',
    pkBy: 'on {by}',
    pkLower: ' (lower is better)',
    pkWon: '{w} wins by {m}',
    pkTie: 'A tie',
    pkNoData: 'No data',
    members: '{n} reps',
    leaderboard: 'Experience leaderboard',
    boardSub: 'top {n}',
    by: { total: 'by total', points: 'by points this period', experience: 'by experience' },
    thPlace: '#',
    thValue: 'Experience',
    methods: { ratio: 'ratio', linear: 'linear', steps: 'steps', lowerIsBetter: 'lower is better', rating: 'rating', passFail: 'pass/fail' },
    categories: { result: 'Results', process: 'Process', customer: 'Customer', growth: 'Growth', collaboration: 'Collaboration' },
  },
};

useText(TEXT);
renderTopbar('team', { planName: true });

// Fields of the sample records: identity fields are shown, not edited.
const ID_FIELD = '工号';
const NAME_FIELD = '姓名';
const MONTH_FIELD = '月份';
const READ_ONLY = new Set([ID_FIELD, NAME_FIELD, MONTH_FIELD]);
const NUMERIC_TYPES = new Set(['number', 'money', 'rate', 'integer']);

// ---------------------------------------------------------------------------------------------
// State and helpers

const els = {
  planName: $('#plan-name'),
  months: $('#months'),
  runStat: $('#run-stat'),
  editedNote: $('#edited-note'),
  editedText: $('#edited-text'),
  resetAll: $('#reset-all'),
  kpis: $('#kpis'),
  pageError: $('#page-error'),
  rows: $('#team-rows'),
  tableScroll: $('#table-scroll'),
  legend: $('#table-legend'),
  teamMain: $('#team-main'),
  detail: $('#detail'),
  detailEmpty: $('#detail-empty'),
  detailBody: $('#detail-body'),
  detailTitle: $('#detail-title'),
  detailMeta: $('#detail-meta'),
  detailClose: $('#detail-close'),
  headline: $('#headline'),
  recordErrors: $('#record-errors'),
  paneExplain: $('#pane-explain'),
  paneData: $('#pane-data'),
  form: $('#rep-form'),
  resetRep: $('#reset-rep'),
  distribution: $('#distribution'),
  distSub: $('#dist-sub'),
  pk: $('#pk'),
  groups: $('#groups'),
  leaderboard: $('#leaderboard'),
  boardSub: $('#board-sub'),
};

const state = {
  month: 6,
  ready: false,
  plan: null, // the compiled Plan
  doc: null, // the plan document (fields, scorecard…)
  reps: [], // every sample record
  months: [],
  edits: new Map(), // `${month}|${id}` -> { field: typed value }
  selected: null, // 工号 of the rep shown in the detail panel
  tab: 'explain',
  formKey: null, // `${month}|${id}` the form was built for
  records: [], // this month's records as sent to the engine
  result: null, // the last TeamResult
  ms: 0,
};

/** A result number for reading: digits grouped, at most `digits` decimals (results are rounded already). */
function fmt(v, digits = 4) {
  if (v == null || v === '') return '—';
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return String(v);
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Money with thousands separators and 2 decimals. */
function fmtMoney(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString(locale() === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A 绩效系数: always with a decimal (×1.0, ×1.5). */
function fmtCoef(v) {
  if (v == null || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 4 }) : String(v);
}

function signed(v) {
  const n = Number(v);
  return n > 0 ? `+${fmt(v)}` : fmt(v);
}

const gradeOrder = () => state.doc.scorecard.grades.map((g) => g.grade);
const levelOrder = () => (state.doc.scorecard.points?.levels ?? []).map((l) => l.level);

function gradeChip(grade, extra = '') {
  if (!grade) return '<span class="muted">—</span>';
  const idx = gradeOrder().indexOf(grade);
  return `<span class="grade g${idx < 0 ? 'x' : idx}${extra}">${escapeHtml(grade)}</span>`;
}

function levelChip(level) {
  if (!level) return '<span class="muted">—</span>';
  const idx = levelOrder().indexOf(level);
  return `<span class="level l${idx < 0 ? 'x' : idx}">${escapeHtml(level)}</span>`;
}

function badgeChips(badges) {
  return (badges ?? []).map((b) => `<span class="badge">${escapeHtml(b)}</span>`).join('');
}

const editKey = (id, month = state.month) => `${month}|${id}`;

function originalRecord(id, month = state.month) {
  return state.reps.find((r) => r[MONTH_FIELD] === month && r[ID_FIELD] === id);
}

/** This month's records as sent to the engine: the sample figures with the user's edits. */
function monthRecords() {
  return state.reps
    .filter((r) => r[MONTH_FIELD] === state.month)
    .map((r) => {
      const edits = state.edits.get(editKey(r[ID_FIELD]));
      return edits ? { ...r, ...edits } : r;
    });
}

// ---------------------------------------------------------------------------------------------
// Evaluate

function run() {
  if (!state.ready) return;
  state.records = monthRecords();
  let result;
  const t0 = performance.now();
  try {
    result = state.plan.evaluateTeam(state.records, { explain: true, locale: locale() });
  } catch (e) {
    state.ms = performance.now() - t0;
    showError(els.pageError, e);
    console.error(e);
    return;
  }
  state.ms = performance.now() - t0;
  state.result = result;
  showError(els.pageError, null);
  renderAll();
}


/** Errors of record `index`, as `{ code, message, path, field }`. */
function errorsOf(index) {
  return (state.result?.errors ?? [])
    .filter((e) => e.index === index)
    .map(({ error }) => {
      // `/<index>/<field>`: the field is the second segment.
      const segments = pointerSegments(error.path ?? '');
      return { ...error, field: segments.length >= 2 ? segments.slice(1).join('/') : null };
    });
}

// ---------------------------------------------------------------------------------------------
// Render

function renderAll() {
  renderRunInfo();
  renderKpis();
  renderTable();
  renderDetail();
  renderDistribution();
  renderGroups();
  renderLeaderboard();
}

function renderMonths() {
  els.months.innerHTML = state.months
    .map(
      (m) =>
        `<button type="button" role="radio" class="seg${m === state.month ? ' is-active' : ''}" ` +
        `aria-checked="${m === state.month}" data-month="${m}">${escapeHtml(monthName(m))}</button>`,
    )
    .join('');
}

function renderRunInfo() {
  const { team, errors } = state.result;
  const ms = state.ms < 10 ? state.ms.toFixed(1) : Math.round(state.ms);
  els.runStat.textContent = errors.length
    ? t('runStatErrors', { n: team.members.length, ms, e: errors.length })
    : t('runStat', { n: team.members.length, ms });
  els.runStat.title = t('runStatTitle');
  els.runStat.dataset.ms = String(state.ms);
  els.runStat.classList.toggle('has-errors', errors.length > 0);
  const editedReps = [...state.edits.keys()].length;
  els.editedNote.hidden = editedReps === 0;
  els.editedText.textContent = t('editedReps', { n: editedReps });
}

function renderKpis() {
  const aggs = state.result.team.aggregates ?? {};
  let html = Object.entries(aggs)
    .map(([id, v]) => `<div class="kpi" data-aggregate="${escapeHtml(id)}"><dt>${escapeHtml(id)}</dt><dd>${fmt(v)}</dd></div>`)
    .join('');
  const cost = state.result.team.incentive?.total;
  if (cost != null) html += `<div class="kpi" data-testid="plan-cost"><dt>${escapeHtml(t('planCost'))}</dt><dd>${fmtMoney(cost)}</dd></div>`;
  els.kpis.innerHTML = html;
  els.kpis.setAttribute('aria-label', t('aggregates'));
}

/** Markers of a score: triggered vetoes and gates that lowered the total. */
function markers(score) {
  if (!score) return '';
  let html = '';
  for (const v of score.vetoes ?? []) {
    if (!v.triggered) continue;
    if (v.effect === 'zero') {
      html += `<span class="mark mark-veto" data-mark="veto" title="${escapeHtml(t('vetoTitle', { id: v.id }))}">${escapeHtml(t('markVeto'))}</span>`;
    } else {
      html += `<span class="mark mark-cap" data-mark="capGrade" title="${escapeHtml(t('capGradeTitle', { id: v.id, g: v.grade }))}">${escapeHtml(t('markCapGrade', { g: v.grade }))}</span>`;
    }
  }
  for (const g of score.gates ?? []) {
    if (g.closed && g.capped) {
      html += `<span class="mark mark-gate" data-mark="gate" title="${escapeHtml(t('gateTitle', { id: g.id, cap: fmt(g.cap) }))}">${escapeHtml(t('markGate'))}</span>`;
    }
  }
  return html;
}

function renderTable() {
  const { results, team } = state.result;
  const records = state.records;
  const rows = [];
  const cell = (v) => escapeHtml(v ?? '—');
  for (const m of team.members) {
    const rec = records[m.index];
    const score = results[m.index]?.score;
    const diff = m.forcedGrade && m.forcedGrade !== m.grade;
    let forced;
    if (m.vetoed) {
      forced = `<span class="vetoed" title="${escapeHtml(t('vetoedTitle'))}">${gradeChip(m.forcedGrade, ' is-vetoed')}</span>`;
    } else {
      forced = gradeChip(m.forcedGrade, diff ? ' is-diff' : '');
    }
    const edited = state.edits.has(editKey(m.id));
    rows.push(
      `<tr data-id="${escapeHtml(m.id)}" data-index="${m.index}" tabindex="0"` +
        ` class="${m.id === state.selected ? 'is-selected' : ''}${m.vetoed ? ' is-vetoed' : ''}">` +
        `<td class="num rank">${m.rank}</td>` +
        `<td class="mono">${cell(m.id)}${edited ? `<span class="edited-dot" title="${escapeHtml(t('markEdited'))}"></span>` : ''}</td>` +
        `<td class="name">${cell(rec[NAME_FIELD])}</td>` +
        `<td>${cell(m.group ?? rec['小组'])}</td>` +
        `<td>${cell(rec['职级'])}</td>` +
        `<td>${cell(rec['业务线'])}</td>` +
        `<td class="num total-cell"><span class="marks">${markers(score)}</span><b class="total" data-testid="total">${fmt(m.total)}</b></td>` +
        `<td class="ctr" data-col="grade">${gradeChip(m.grade)}</td>` +
        `<td class="ctr" data-col="forced"${diff ? ` title="${escapeHtml(t('forcedDiffTitle', { a: m.grade, b: m.forcedGrade }))}"` : ''}>${forced}</td>` +
        `<td class="num">${fmtCoef(score?.coefficient)}</td>` +
        `<td class="num" data-col="payout">${m.payout == null ? '—' : fmtMoney(m.payout)}</td>` +
        `<td>${levelChip(score?.points?.level)}</td>` +
        `<td class="badges">${badgeChips(score?.points?.badges)}</td>` +
        `</tr>`,
    );
  }
  // Records the engine could not score: listed last, with their error.
  for (const { index, error } of state.result.errors) {
    const rec = records[index];
    const id = rec?.[ID_FIELD] ?? `#${index + 1}`;
    rows.push(
      `<tr data-id="${escapeHtml(id)}" data-index="${index}" tabindex="0" class="is-error${id === state.selected ? ' is-selected' : ''}">` +
        `<td class="num rank">—</td><td class="mono">${cell(id)}</td><td class="name">${cell(rec?.[NAME_FIELD])}</td>` +
        `<td>${cell(rec?.['小组'])}</td><td>${cell(rec?.['职级'])}</td><td>${cell(rec?.['业务线'])}</td>` +
        `<td colspan="7" class="row-error" title="${escapeHtml(error.message)}"><code>${escapeHtml(error.code)}</code> ${escapeHtml(error.message)}</td>` +
        `</tr>`,
    );
  }
  els.rows.innerHTML = rows.join('');
  els.legend.textContent = t('legend');
  revealSelectedRow();
}

/** Keeps the selected rep's row in sight inside the table (its rank moves as figures change). */
function revealSelectedRow() {
  const tr = state.selected == null ? null : els.rows.querySelector(`tr[data-id="${CSS.escape(state.selected)}"]`);
  if (!tr) return;
  const box = els.tableScroll;
  const head = box.querySelector('thead')?.offsetHeight ?? 0;
  const top = tr.offsetTop - head;
  const bottom = tr.offsetTop + tr.offsetHeight;
  if (top < box.scrollTop) box.scrollTop = top;
  else if (bottom > box.scrollTop + box.clientHeight) box.scrollTop = bottom - box.clientHeight;
}

// ---------- detail ----------

function selectRep(id, { scroll = false } = {}) {
  state.selected = id;
  writeLocation();
  for (const tr of document.querySelectorAll('#team-rows tr, #leaderboard tbody tr')) tr.classList.toggle('is-selected', tr.dataset.id === id);
  renderDetail();
  if (!scroll) return;
  // Bring the table and the detail panel fully into view (stacked on narrow screens: the panel).
  const target = window.matchMedia('(max-width: 1100px)').matches ? els.detail : els.teamMain;
  const box = target.getBoundingClientRect();
  if (box.top < 66 || box.bottom > window.innerHeight) target.scrollIntoView({ block: 'start' });
}

function setTab(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll('.tab')) {
    const on = b.dataset.tab === tab;
    b.classList.toggle('is-active', on);
    b.setAttribute('aria-selected', String(on));
  }
  els.paneExplain.hidden = tab !== 'explain';
  els.paneData.hidden = tab !== 'data';
}

function renderDetail() {
  const id = state.selected;
  const index = id == null ? -1 : state.records.findIndex((r) => r[ID_FIELD] === id);
  if (index < 0) {
    els.detailEmpty.hidden = false;
    els.detailBody.hidden = true;
    state.formKey = null;
    return;
  }
  els.detailEmpty.hidden = true;
  els.detailBody.hidden = false;
  const rec = state.records[index];
  const res = state.result.results[index];
  const score = res?.score;
  const member = state.result.team.members.find((m) => m.index === index);
  const errors = errorsOf(index);

  els.detailTitle.innerHTML = `${escapeHtml(rec[NAME_FIELD])} <span class="muted mono">${escapeHtml(rec[ID_FIELD])}</span>`;
  const meta = [rec['小组'], rec['职级'], rec['业务线'], monthName(state.month)];
  if (score) meta.push(`${t('profile')} ${score.profile}${score.phase ? t('phase', { p: score.phase }) : ''}`);
  els.detailMeta.textContent = meta.filter(Boolean).join(' · ');

  renderHeadline(member, score);
  renderRecordErrors(errors);
  els.paneExplain.innerHTML = score ? explainHtml(res, score) : `<p class="empty-note">${escapeHtml(t('noResult'))}</p>`;
  const key = editKey(id);
  if (state.formKey !== key) renderForm(rec);
  updateForm(rec, errors);
  setTab(state.tab);
}

function renderHeadline(member, score) {
  if (!member || !score) {
    els.headline.innerHTML = `<div class="hl hl-total is-error"><span class="hl-label">${escapeHtml(t('total'))}</span><b data-testid="detail-total">—</b></div>`;
    return;
  }
  const n = state.result.team.members.length;
  const diff = member.forcedGrade && member.forcedGrade !== member.grade;
  const pts = score.points;
  els.headline.innerHTML =
    `<div class="hl hl-total"><span class="hl-label">${escapeHtml(t('total'))}</span><b data-testid="detail-total">${fmt(score.total)}</b>` +
    `<span class="marks">${markers(score)}</span></div><div class="hl-rest">` +
    `<div class="hl"><span class="hl-label">${escapeHtml(t('rank'))}</span><b data-testid="detail-rank">${escapeHtml(t('rankOf', { r: member.rank, n }))}</b></div>` +
    `<div class="hl"><span class="hl-label">${escapeHtml(t('grade'))}</span>${gradeChip(score.grade)}</div>` +
    `<div class="hl"><span class="hl-label">${escapeHtml(t('forced'))}</span>${member.vetoed ? `<span class="vetoed" title="${escapeHtml(t('vetoedTitle'))}">${gradeChip(member.forcedGrade, ' is-vetoed')}</span>` : gradeChip(member.forcedGrade, diff ? ' is-diff' : '')}</div>` +
    `<div class="hl"><span class="hl-label">${escapeHtml(t('coefficient'))}</span><b>×${fmtCoef(score.coefficient)}</b></div>` +
    (pts
      ? `<div class="hl"><span class="hl-label">${escapeHtml(t('experience'))}</span><span class="hl-row"><b>${fmt(pts.experience)}</b>${levelChip(pts.level)}</span></div>`
      : '') +
    `</div>`;
}

function renderRecordErrors(errors) {
  if (!errors.length) {
    els.recordErrors.hidden = true;
    els.recordErrors.innerHTML = '';
    return;
  }
  els.recordErrors.hidden = false;
  els.recordErrors.innerHTML =
    `<div class="error-head"><span class="error-kind">${escapeHtml(t('recordError'))}</span></div>` +
    errors
      .map(
        (e) =>
          `<p class="error-message"><code class="error-code">${escapeHtml(e.code)}</code> ${escapeHtml(e.message)}` +
          (e.hint ? `<span class="error-hint">${escapeHtml(e.hint)}</span>` : '') +
          `</p>`,
      )
      .join('');
}

function explainHtml(res, score) {
  const words = { categories: t('categories'), methods: t('methods') };
  let html = '';

  // Summary sentence from the engine.
  if (score.text) {
    html += `<section class="x-section"><h3>${escapeHtml(t('summary'))}</h3><p class="score-text" data-testid="score-text">${escapeHtml(score.text)}</p></section>`;
  }

  // Indicators.
  html += `<section class="x-section"><h3>${escapeHtml(t('indicators'))}</h3><table class="x-table indicators" data-testid="indicators"><thead><tr>` +
    `<th>${escapeHtml(t('colIndicator'))}</th><th>${escapeHtml(t('thMethod'))}</th><th class="num">${escapeHtml(t('thActual'))}</th>` +
    `<th class="num">${escapeHtml(t('colTarget'))}</th><th class="num">${escapeHtml(t('colPoints'))}</th>` +
    `<th class="num">${escapeHtml(t('colWeight'))}</th><th class="num">${escapeHtml(t('colWeighted'))}</th></tr></thead><tbody>`;
  for (const line of score.indicators) {
    const cat = words.categories[line.category] ?? line.category;
    html +=
      `<tr class="ind-row" data-indicator="${escapeHtml(line.id)}">` +
      `<td><b>${escapeHtml(line.id)}</b><span class="cat">${escapeHtml(cat)}</span></td>` +
      `<td class="method">${escapeHtml(words.methods[line.method] ?? line.method)}</td>` +
      `<td class="num">${fmt(line.actual)}</td>` +
      `<td class="num">${line.target == null ? '<span class="muted">—</span>' : fmt(line.target)}</td>` +
      `<td class="num">${fmt(line.points)}</td>` +
      `<td class="num">${fmt(line.weight)}%</td>` +
      `<td class="num"><b>${fmt(line.weighted)}</b></td></tr>`;
    if (line.text) html += `<tr class="ind-text"><td colspan="7">${escapeHtml(line.text)}</td></tr>`;
  }
  html += `</tbody></table></section>`;

  // From weighted points to the total.
  const blend = state.doc.scorecard.blend;
  let steps = `<div class="step"><span>${escapeHtml(t('base'))}</span><b>${fmt(score.base)}</b></div>`;
  for (const a of score.adjustments) {
    steps +=
      `<div class="step sub${Number(a.applied) ? '' : ' is-zero'}"><span>${escapeHtml(t('adjustment', { id: a.id }))}` +
      (a.capped ? ` <span class="note">${escapeHtml(t('adjustmentBounded', { raw: fmt(a.raw) }))}</span>` : '') +
      `</span><b>${signed(a.applied)}</b></div>`;
  }
  steps += `<div class="step"><span>${escapeHtml(t('individual'))}</span><b>${fmt(score.individual)}</b></div>`;
  if (score.team != null) {
    const detail = blend
      ? t('blendDetail', { i: fmt(score.individual), wi: fmt(blend.individualWeight), t: fmt(score.team), wt: fmt(blend.teamWeight) })
      : fmt(score.team);
    steps += `<div class="step sub"><span>${escapeHtml(t('blend'))} <span class="note">${escapeHtml(detail)}</span></span><b></b></div>`;
  }
  for (const g of score.gates) {
    const status = !g.closed ? t('gateOpen') : g.capped ? t('gateClosedCapped', { cap: fmt(g.cap) }) : t('gateClosed', { cap: fmt(g.cap) });
    steps += `<div class="step sub${g.closed ? ' is-hit' : ' is-zero'}" data-gate="${escapeHtml(g.id)}"><span>${escapeHtml(t('gate', { id: g.id }))}</span><span class="status">${escapeHtml(status)}</span></div>`;
  }
  for (const v of score.vetoes) {
    const status = !v.triggered ? t('vetoOff') : v.effect === 'zero' ? t('vetoZero') : t('vetoCap', { g: v.grade });
    steps += `<div class="step sub${v.triggered ? ' is-hit' : ' is-zero'}" data-veto="${escapeHtml(v.id)}"><span>${escapeHtml(t('veto', { id: v.id }))}</span><span class="status">${escapeHtml(status)}</span></div>`;
  }
  steps += `<div class="step final"><span>${escapeHtml(t('total'))}</span><b>${fmt(score.total)} ${gradeChip(score.grade)} <span class="muted">×${fmtCoef(score.coefficient)}</span></b></div>`;
  html += `<section class="x-section"><h3>${escapeHtml(t('steps'))}</h3><div class="steps">${steps}</div></section>`;

  // Next grade.
  html += `<section class="x-section" data-testid="next-grade"><h3>${escapeHtml(t('nextGrade'))}</h3>`;
  const ng = score.nextGrade;
  if (!ng) {
    html += `<p class="plain">${escapeHtml(t('nextGradeTop'))}</p>`;
  } else {
    const needed = Number(ng.pointsNeeded);
    html += `<p class="plain"><b>${escapeHtml(needed > 0 ? t('nextGradeLine', { g: ng.grade, p: fmt(ng.pointsNeeded, 2) }) : t('nextGradeReached', { g: ng.grade }))}</b></p>`;
    if (ng.blockedBy) html += `<p class="plain blocked">${escapeHtml(t('blockedBy', { id: ng.blockedBy, g: ng.grade }))}</p>`;
    else if (ng.options?.length) {
      html += `<p class="plain muted">${escapeHtml(t('nextOptions'))}</p><ul class="options">`;
      for (const o of ng.options) {
        html += `<li><b>${escapeHtml(o.indicator)}</b> ${fmt(o.from)} → <b>${fmt(o.to)}</b> <span class="muted">(${signed(o.change)})</span></li>`;
      }
      html += '</ul>';
    } else if (needed > 0) html += `<p class="plain muted">${escapeHtml(t('noOptions'))}</p>`;
  }
  html += '</section>';

  // Points, level and badges.
  const p = score.points;
  if (p) {
    html += `<section class="x-section" data-testid="points"><h3>${escapeHtml(t('points'))}</h3>`;
    html += `<table class="x-table behaviours"><thead><tr><th>${escapeHtml(t('thBehaviour'))}</th><th class="num">${escapeHtml(t('thCount'))}</th>` +
      `<th class="num">${escapeHtml(t('thEach'))}</th><th class="num">${escapeHtml(t('thRaw'))}</th><th class="num">${escapeHtml(t('thEarned'))}</th></tr></thead><tbody>`;
    for (const b of p.behaviours) {
      html += `<tr${Number(b.points) ? '' : ' class="is-zero"'}><td>${escapeHtml(b.id)}</td><td class="num">${fmt(b.count)}</td><td class="num">${fmt(b.each)}</td>` +
        `<td class="num">${fmt(b.raw)}</td><td class="num"><b>${fmt(b.points)}</b>${b.capped ? ` <span class="mark mark-gate">${escapeHtml(t('capped'))}</span>` : ''}</td></tr>`;
    }
    html += `</tbody></table>`;
    const lv = levelOrder();
    const levels = state.doc.scorecard.points?.levels ?? [];
    let progress = '';
    if (p.nextLevel) {
      const cur = levels.find((l) => l.level === p.level);
      const next = levels.find((l) => l.level === p.nextLevel.level);
      const from = Number(cur?.from ?? 0);
      const to = Number(next?.from ?? from + 1);
      const pct = Math.max(0, Math.min(100, ((Number(p.experience) - from) / (to - from)) * 100));
      progress = `<div class="progress" title="${escapeHtml(t('nextLevel', { l: p.nextLevel.level, n: fmt(p.nextLevel.needed) }))}"><span style="width:${pct.toFixed(1)}%"></span></div>`;
    }
    html +=
      `<div class="points-sum">` +
      `<div><span class="hl-label">${escapeHtml(t('carried'))}</span><b>${fmt(p.carried)}</b></div>` +
      `<div><span class="hl-label">${escapeHtml(t('period'))}</span><b>+${fmt(p.period)}</b></div>` +
      `<div><span class="hl-label">${escapeHtml(t('experience'))}</span><b>${fmt(p.experience)}</b></div>` +
      `<div class="lvl"><span class="hl-label">${escapeHtml(lv.length ? t('colLevel') : '')}</span>${levelChip(p.level)}` +
      `<span class="muted small">${escapeHtml(p.nextLevel ? t('nextLevel', { l: p.nextLevel.level, n: fmt(p.nextLevel.needed) }) : t('topLevel'))}</span></div>` +
      `</div>${progress}`;
    html += `<div class="badge-row"><span class="hl-label">${escapeHtml(t('badges'))}</span>${p.badges.length ? badgeChips(p.badges) : `<span class="muted">${escapeHtml(t('noBadges'))}</span>`}</div>`;
    if (p.text) html += `<p class="engine-text" data-testid="points-text">${escapeHtml(p.text)}</p>`;
    html += '</section>';
  }

  // The incentive statement, line by line as the engine wrote it, and one what-if.
  const inc = res.incentive;
  if (inc) {
    html += `<section class="x-section" data-testid="statement"><h3>${escapeHtml(t('statement'))}</h3><table class="x-table"><tbody>`;
    for (const l of inc.statement.lines) {
      html += `<tr><td class="stmt-text">${escapeHtml(l.text)}</td><td class="num">${fmtMoney(l.amount)}</td></tr>`;
    }
    html += `</tbody></table><p class="engine-text" data-testid="statement-total">${escapeHtml(inc.statement.text)}</p>`;
    try {
      const rec = state.records[state.result.results.indexOf(res)];
      const w = state.plan.whatIf(rec, { amount: 50000, product: '软件' }, { locale: locale() });
      html += `<p class="engine-text" data-testid="what-if"><b>${escapeHtml(t('whatIf'))}</b> ${escapeHtml(w.text)}</p>`;
    } catch (e) {
      html += `<p class="engine-text">${escapeHtml(e.message)}</p>`;
    }
    html += '</section>';
  }

  // Metric values.
  const metrics = Object.entries(res.metrics ?? {});
  if (metrics.length) {
    html += `<section class="x-section"><h3>${escapeHtml(t('metrics'))}</h3><dl class="metric-list">` +
      metrics.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${typeof v === 'number' ? fmt(v) : escapeHtml(v)}</dd></div>`).join('') +
      `</dl></section>`;
  }
  return html;
}

// ---------- the rep's form ----------

function editableFields() {
  return state.doc.fields.filter((f) => !READ_ONLY.has(f.id));
}

/** Choices for a text field: the values seen in the sample data. */
function choicesFor(field) {
  return [...new Set(state.reps.map((r) => r[field]).filter((v) => v != null))].sort();
}

function renderForm(rec) {
  state.formKey = editKey(rec[ID_FIELD]);
  let html = '';
  for (const f of editableFields()) {
    const id = `f-${f.id}`;
    const title = f.label ? ` title="${escapeHtml(f.label)}"` : '';
    let control;
    if (f.type === 'boolean') {
      control = `<label class="check"><input type="checkbox" id="${escapeHtml(id)}" data-field="${escapeHtml(f.id)}"> <span>${escapeHtml(t('yes'))}</span></label>`;
    } else if (f.type === 'text') {
      control =
        `<select id="${escapeHtml(id)}" class="field-input" data-field="${escapeHtml(f.id)}">` +
        choicesFor(f.id).map((c) => `<option value="${escapeHtml(c)}">${escapeHtml(c)}</option>`).join('') +
        `</select>`;
    } else {
      const mode = f.type === 'integer' ? 'numeric' : 'decimal';
      control = `<input type="text" id="${escapeHtml(id)}" class="field-input" inputmode="${mode}" spellcheck="false" data-field="${escapeHtml(f.id)}">`;
    }
    html +=
      `<div class="form-row" data-row="${escapeHtml(f.id)}">` +
      `<label class="form-label" for="${escapeHtml(id)}"${title}>${escapeHtml(f.id)}</label>` +
      `${control}<span class="form-note" data-note="${escapeHtml(f.id)}"></span></div>`;
  }
  els.form.innerHTML = html;
  // Fill the controls from the record.
  for (const f of editableFields()) {
    const input = els.form.querySelector(`[data-field="${CSS.escape(f.id)}"]`);
    const v = rec[f.id];
    if (f.type === 'boolean') input.checked = v === true || v === 'true' || v === 'TRUE';
    else input.value = v == null ? '' : String(v);
  }
}

/** Marks edited fields and shows the engine's errors next to the field they point at. */
function updateForm(rec, errors) {
  const orig = originalRecord(rec[ID_FIELD]);
  for (const row of els.form.querySelectorAll('.form-row')) {
    const field = row.dataset.row;
    const err = errors.find((e) => e.field === field);
    const note = row.querySelector('.form-note');
    const changed = orig && String(orig[field] ?? '') !== String(rec[field] ?? '');
    row.classList.toggle('is-invalid', Boolean(err));
    row.classList.toggle('is-changed', Boolean(changed) && !err);
    if (err) {
      note.textContent = `${err.code}: ${err.message}`;
      note.dataset.kind = 'error';
    } else if (changed) {
      const was = orig[field];
      note.textContent = t('original', { v: typeof was === 'boolean' ? t(was ? 'yes' : 'no') : was ?? '—' });
      note.dataset.kind = 'changed';
    } else {
      note.textContent = '';
      delete note.dataset.kind;
    }
  }
}

function onFormInput(e) {
  const input = e.target.closest('[data-field]');
  if (!input || state.selected == null) return;
  const field = input.dataset.field;
  const orig = originalRecord(state.selected);
  const key = editKey(state.selected);
  const edits = { ...(state.edits.get(key) ?? {}) };
  // Sent as typed (strings), so decimals stay exact; checkboxes as booleans.
  const value = input.type === 'checkbox' ? input.checked : input.value;
  if (orig && (typeof value === 'boolean' ? value === orig[field] : value === String(orig[field] ?? ''))) delete edits[field];
  else edits[field] = value;
  if (Object.keys(edits).length) state.edits.set(key, edits);
  else state.edits.delete(key);
  run();
}

function resetRep() {
  if (state.selected == null) return;
  state.edits.delete(editKey(state.selected));
  state.formKey = null;
  run();
}

function resetAll() {
  state.edits.clear();
  state.formKey = null;
  run();
}

// ---------- team panels ----------

function renderDistribution() {
  const { team } = state.result;
  const dist = team.distribution;
  const tieBy = state.doc.scorecard.team?.tieBreak?.by;
  const vetoed = team.members.filter((m) => m.vetoed).length;
  els.distSub.textContent = t('distSub', { n: team.members.length - vetoed, tb: tieBy ? t('tieBreak', { by: tieBy }) : '' }).replace(/，$|, $/, '');
  if (!dist?.grades?.length) {
    els.distribution.innerHTML = '';
    return;
  }
  const band = new Map();
  for (const m of team.members) band.set(m.grade, (band.get(m.grade) ?? 0) + 1);
  const max = Math.max(1, ...dist.grades.flatMap((g) => [g.target, g.actual, band.get(g.grade) ?? 0].map(Number)));
  let html =
    `<div class="dist-head"><span>${escapeHtml(t('grade'))}</span><span></span>` +
    `<span class="num">${escapeHtml(t('distBand'))}</span><span class="num">${escapeHtml(t('colTarget'))}</span>` +
    `<span class="num">${escapeHtml(t('distActual'))}</span><span class="num">${escapeHtml(t('distDev'))}</span></div>`;
  for (const g of dist.grades) {
    const dev = Number(g.deviation);
    const w = (v) => `${((Number(v) / max) * 100).toFixed(1)}%`;
    html +=
      `<div class="dist-row" data-grade="${escapeHtml(g.grade)}" title="${escapeHtml(t('distNote', { p: fmt(g.percent), x: fmt(g.exactShare, 2) }))}">` +
      `${gradeChip(g.grade)}` +
      `<div class="dist-bars"><span class="bar-target" style="width:${w(g.target)}"></span><span class="bar-actual g${gradeOrder().indexOf(g.grade)}" style="width:${w(g.actual)}"></span></div>` +
      `<span class="num muted">${band.get(g.grade) ?? 0}</span>` +
      `<span class="num">${fmt(g.target)}</span>` +
      `<span class="num" data-testid="dist-actual"><b>${fmt(g.actual)}</b></span>` +
      `<span class="num dev${dev ? ' is-off' : ''}">${dev ? signed(dev) : '0'}</span></div>`;
  }
  html +=
    `<div class="dist-legend"><span><i class="sw-target"></i>${escapeHtml(t('distLegendTarget'))}</span>` +
    `<span><i class="sw-actual"></i>${escapeHtml(t('distLegendActual'))}</span></div>`;
  if (vetoed) {
    const ids = team.members.filter((m) => m.vetoed).map((m) => m.id).join(locale() === 'en' ? ', ' : '、');
    html += `<p class="dist-vetoed" data-testid="dist-vetoed">${escapeHtml(t('distVetoed', { n: vetoed, ids }))}</p>`;
  }
  els.distribution.innerHTML = html;
}

function renderGroups() {
  const { team } = state.result;
  let pk = '';
  for (const c of team.pk ?? []) {
    const [a, b] = c.sides;
    const va = Number(a.value ?? 0);
    const vb = Number(b.value ?? 0);
    const share = va + vb > 0 ? (va / (va + vb)) * 100 : 50;
    let verdict;
    if (c.outcome === 'won') verdict = t('pkWon', { w: c.winner, m: fmt(c.margin) });
    else if (c.outcome === 'tie') verdict = t('pkTie');
    else verdict = t('pkNoData');
    const side = (s, cls) =>
      `<div class="pk-side ${cls}${c.winner === s.group ? ' is-winner' : ''}"><span class="pk-group">${escapeHtml(s.group)}</span><b>${fmt(s.value)}</b></div>`;
    pk +=
      `<div class="pk" data-pk="${escapeHtml(c.id)}">` +
      `<div class="pk-title"><b>${escapeHtml(c.id)}</b> <span class="muted">${escapeHtml(t('pkBy', { by: c.by }))}${c.lowerIsBetter ? escapeHtml(t('pkLower')) : ''}</span></div>` +
      `<div class="pk-sides">${side(a, 'left')}<span class="vs">VS</span>${side(b, 'right')}</div>` +
      `<div class="pk-bar"><span class="pk-a${c.winner === a.group ? ' is-winner' : ''}" style="width:${share.toFixed(1)}%"></span><span class="pk-b${c.winner === b.group ? ' is-winner' : ''}"></span></div>` +
      `<p class="pk-verdict" data-testid="pk-verdict" data-outcome="${escapeHtml(c.outcome)}">${escapeHtml(verdict)}</p></div>`;
  }
  els.pk.innerHTML = pk;
  let html = '';
  for (const g of team.groups ?? []) {
    html +=
      `<div class="group" data-group="${escapeHtml(g.group)}">` +
      `<div class="group-head"><b>${escapeHtml(g.group)}</b><span class="muted">${escapeHtml(t('members', { n: g.members }))}</span></div>` +
      `<div class="grade-counts">${g.grades
        .map((c) => `<span class="gc${c.count ? '' : ' is-zero'}">${gradeChip(c.grade)}<b>${c.count}</b></span>`)
        .join('')}</div>` +
      `<dl class="agg-list">${Object.entries(g.aggregates)
        .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${fmt(v)}</dd></div>`)
        .join('')}</dl></div>`;
  }
  els.groups.innerHTML = html;
}

function renderLeaderboard() {
  const board = state.result.team.leaderboard;
  if (!board) {
    els.leaderboard.innerHTML = '';
    els.boardSub.textContent = '';
    return;
  }
  const top = state.doc.scorecard.team?.leaderboard?.top;
  const by = t('by')[board.by] ?? board.by;
  els.boardSub.textContent = top ? `${by} · ${t('boardSub', { n: top })}` : by;
  const nameOf = (id) => state.records.find((r) => r[ID_FIELD] === id)?.[NAME_FIELD] ?? '';
  let html =
    `<table class="x-table board"><thead><tr><th class="num">${escapeHtml(t('thPlace'))}</th><th>${escapeHtml(t('colRep'))}</th>` +
    `<th class="num">${escapeHtml(t('thValue'))}</th><th>${escapeHtml(t('colLevel'))}</th><th>${escapeHtml(t('colBadges'))}</th></tr></thead><tbody>`;
  for (const e of board.entries) {
    html +=
      `<tr data-id="${escapeHtml(e.id)}" class="${e.id === state.selected ? 'is-selected' : ''}">` +
      `<td class="num"><span class="place p${Math.min(e.place, 4)}">${e.place}</span></td>` +
      `<td><b>${escapeHtml(nameOf(e.id))}</b> <span class="muted mono small">${escapeHtml(e.id)}</span>` +
      (e.group ? `<span class="muted small"> · ${escapeHtml(e.group)}</span>` : '') +
      `</td><td class="num"><b>${fmt(e.value)}</b></td><td>${levelChip(e.level)}</td><td class="badges">${badgeChips(e.badges)}</td></tr>`;
  }
  html += '</tbody></table>';
  els.leaderboard.innerHTML = html;
}

// ---------------------------------------------------------------------------------------------
// Locale, month, location

function applyLocale() {
  showLocale();
  if (!state.ready) return;
  renderMonths();
  state.formKey = null; // form labels ("yes") follow the locale
  run(); // explanation text comes from the engine in the chosen locale
}

function setMonth(m) {
  if (m === state.month || !state.months.includes(m)) return;
  state.month = m;
  state.formKey = null;
  writeLocation();
  renderMonths();
  run();
}

function readLocation() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  readLocale(hash);
  const m = Number.parseInt(hash.get('m') ?? query.get('month') ?? '', 10);
  if (Number.isInteger(m)) state.month = m;
  state.selected = hash.get('rep') || null;
}

function writeLocation() {
  const params = new URLSearchParams();
  params.set('m', String(state.month));
  if (state.selected) params.set('rep', state.selected);
  writeAddress(params);
}

// ---------------------------------------------------------------------------------------------
// Events

function wireEvents() {
  onLocaleSwitch(() => {
    writeLocation();
    applyLocale();
  });
  els.months.addEventListener('click', (e) => {
    const b = e.target.closest('[data-month]');
    if (b) setMonth(Number(b.dataset.month));
  });
  els.months.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = state.months.indexOf(state.month) + (e.key === 'ArrowRight' ? 1 : -1);
    if (i >= 0 && i < state.months.length) {
      setMonth(state.months[i]);
      els.months.querySelector('.is-active')?.focus();
    }
  });
  const pick = (e) => {
    const tr = e.target.closest('tr[data-id]');
    if (tr) selectRep(tr.dataset.id, { scroll: true });
  };
  els.rows.addEventListener('click', pick);
  els.rows.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(e);
    }
  });
  els.leaderboard.addEventListener('click', pick);
  els.detailClose.addEventListener('click', () => {
    state.selected = null;
    writeLocation();
    for (const tr of document.querySelectorAll('tr.is-selected')) tr.classList.remove('is-selected');
    renderDetail();
  });
  for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => setTab(b.dataset.tab));
  els.form.addEventListener('input', onFormInput);
  els.form.addEventListener('submit', (e) => e.preventDefault());
  els.resetRep.addEventListener('click', resetRep);
  els.resetAll.addEventListener('click', resetAll);
}

// ---------------------------------------------------------------------------------------------
// Start

async function main() {
  readLocation();
  applyLocale();
  els.runStat.textContent = t('loading');
  wireEvents();
  let planDoc;
  try {
    const [, p, reps] = await Promise.all([init(), fetchJson('/samples/team/plan.json'), fetchJson('/samples/team/reps.json')]);
    planDoc = p;
    state.reps = reps;
    state.plan = Plan.compile(planDoc);
    state.doc = state.plan.document();
  } catch (e) {
    els.runStat.textContent = t('loadFailed', { message: errorMessage(e) });
    els.runStat.classList.add('has-errors');
    document.documentElement.dataset.ready = 'failed';
    console.error(e);
    return;
  }
  els.planName.textContent = planDoc.name ?? '';
  showVersion(version());
  state.months = [...new Set(state.reps.map((r) => r[MONTH_FIELD]))].sort((a, b) => a - b);
  if (!state.months.includes(state.month)) state.month = state.months[state.months.length - 1];
  state.ready = true;
  applyLocale();
  // Open the best-ranked rep, so the panel shows what it is for.
  if (!state.selected && state.result?.team.members.length) selectRep(state.result.team.members[0].id);
  document.documentElement.dataset.ready = 'true';
}

main();
