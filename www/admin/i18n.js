// The admin page's words in 中文 and English (the words every page uses, the locale and the lookup
// are the demo's, in ../page.js), and how it writes numbers. The numbers are the engine's; only
// their grouping and sign are formatted here.

import { locale, t, useText } from '../page.js';

export { errorMessage, locale, monthName, t } from '../page.js';

const TEXT = {
  'zh-CN': {
    pageTitle: 'SalesScore 方案预览',
    title: '方案预览',
    team: '团队数据',
    sampleTeam: '示例团队 · {n} 人',
    importedTeam: '{name} · {n} 人',
    importTeam: '导入 CSV / Excel…',
    useSample: '改回示例团队',
    month: '月份',
    threshold: '提醒阈值',
    thresholdOr: '元 或',
    thresholdNote: '变化超过此金额或百分比的销售会被标出',
    exportCsv: '导出对比 CSV',
    draftTitle: '草稿方案',
    draftSub: '基线：示例方案 · 每次修改立即重算全队',
    quickEdits: '一键示例：',
    editTier: '提高费率：{rule} 第 {n} 档 {from} → {to}',
    editGate: '门槛：{c} 达成 {from}% → {to}%',
    editWeights: '调权重（{p}）：{a} {wa} → {wa2}，{b} {wb} → {wb2}',
    editUnavailable: '当前草稿中找不到可改的位置',
    editNeedsJson: '请先修正 JSON 语法，再使用一键示例',
    resetDraft: '恢复为基线',
    restored: '已恢复上次编辑的草稿',
    computing: '正在重算…',
    runStat: '{n} 人 · 重算 {ms} ms',
    runStatStale: '草稿有误 · 显示的是上一次成功的对比',
    draftErrorKind: '草稿无法编译',
    draftErrorNote: '下方仍显示上一次成功的对比结果；修正后自动重算，已输入的内容不会丢失。',
    at: '位置 {path}',
    atRoot: '整个文档',
    didYouMean: '您是不是要写 {s}？',
    fixTo: '改为 {s}',
    diagnosticsTitle: '{n} 条提示（不影响计算）',
    costTitle: '团队激励成本',
    costSub: '{n} 人参与对比',
    before: '基线',
    after: '草稿',
    change: '变化',
    percent: '变化率',
    counts: '{g} 人增加 · {l} 人减少 · {u} 人不变',
    failsFor: '草稿在这里使 {n} 人无法计算（{who}）：',
    planCostNote: '含只在一边可算的销售，基线共 {b}，草稿共 {a}',
    failuresTitle: '{n} 人无法在两边同时计算（其余照常对比）：',
    side: { baseline: '基线失败', draft: '草稿失败', both: '两边都失败' },
    byGroup: '按小组',
    byComponent: '按激励项',
    colComponent: '激励项',
    gradesTitle: '等级分布',
    gradesText: '基线 {b} · 草稿 {a}',
    histTitle: '收入变化分布',
    histText: '横轴：每人收入变化（元）；纵轴：人数',
    histAxis: '人数',
    curvesTitle: '收入曲线',
    curvesSub: '{who} 的收入随达成率变化',
    curvesTypical: '典型销售 {who}',
    attainment: '达成率',
    payout: '收入',
    sensTitle: '敏感性',
    sensSub: '全员实际业绩同比例增减时的团队成本',
    factor: '业绩',
    asIs: '当前',
    moversTitle: '变化最大',
    winners: '增加最多',
    losers: '减少最多',
    overThreshold: '超过阈值',
    thresholdSub: '阈值：{a} 元或 {p}%',
    none: '无',
    repsTitle: '每位销售',
    repsSub: '点击表头排序 · 点击一行（或按 Enter）对比两份结算单',
    colScore: '总分',
    colBefore: '基线收入',
    colAfter: '草稿收入',
    colChange: '变化',
    colPercent: '%',
    colCrossed: '跨越',
    sortBy: '按{c}排序',
    notComputed: '无法计算',
    showAll: '显示全部 {n} 人（另有 {more} 人）',
    detailTitle: '结算单对比',
    detailSub: '{id} {name} · 变化的行已高亮',
    detailEmpty: '在上表中选择一位销售。',
    statementBefore: '基线结算单',
    statementAfter: '草稿结算单',
    statementTotal: '合计',
    scoreLine: '总分 {s} · 等级 {g}',
    lineChanged: '有变化',
    unchangedLines: '⋯ 另有 {n} 行未变化（展开）',
    lineOnly: '仅此一边',
    noStatement: '这一边无法计算：{code} {message}',
    importTitle: '导入团队数据',
    importNote: 'CSV 或 Excel（.xlsx），第一行为列名，每行一位销售。订单（子表）一列可填 JSON 数组。',
    downloadTemplate: '下载示例团队 CSV',
    mapping: '列与字段的对应',
    preview: '预览',
    previewRows: '预览（前 {n} 行，共 {total} 行）',
    notMapped: '（不导入）',
    importReading: '正在读取 {file}…',
    importRead: '{file}：{rows} 行 × {cols} 列',
    importEmpty: '{file} 中没有数据行',
    importFailed: '无法读取 {file}：{message}',
    importChecking: '正在用基线方案逐行检查…',
    importOk: '{n} 行全部可以计算',
    importRowErrors: '{e} / {n} 行有错误（仍可导入，这些人会列为“无法计算”）',
    rowError: '第 {row} 行',
    importApply: '使用这份数据',
    cancel: '取消',
    emptyTeam: '团队为空：至少需要一行数据',
    footerNote: '示例数据：华东销售部 24 人 × 6 个月。所有计算都在本机浏览器中完成。',
    engineKind: { engine: '对比由引擎的 Compare 计算' },
    cross: {
      gradeBand: '等级 {from} → {to}', grade: '等级 {from} → {to}', forcedGrade: '强制等级 {from} → {to}',
      veto: '{c}：{from} → {to}', scoreGate: '{c}：{from} → {to}', gate: '{c} 门槛：{from} → {to}',
      tier: '{c} 档位 {from} → {to}', curvePoint: '{c} 曲线点 {from} → {to}', cap: '{c} 封顶：{from} → {to}',
    },
    crossWords: { veto: ['未触发', '触发'], scoreGate: ['未关闭', '关闭'], gate: ['未达成', '达成'], cap: ['未封顶', '封顶'], tier: '第 {n} 档', none: '无' },
    csvHead: ['工号', '姓名', '小组', '基线总分', '草稿总分', '基线等级', '草稿等级', '基线强制等级', '草稿强制等级', '基线收入', '草稿收入', '变化', '变化率%', '跨越', '错误'],
  },
  en: {
    pageTitle: 'SalesScore Plan Preview',
    title: 'Plan preview',
    team: 'Team',
    sampleTeam: 'Sample team · {n} reps',
    importedTeam: '{name} · {n} reps',
    importTeam: 'Import CSV / Excel…',
    useSample: 'Back to the sample team',
    month: 'Month',
    threshold: 'Flag changes over',
    thresholdOr: 'or',
    thresholdNote: 'Reps whose pay changes by more than this amount or percent are flagged',
    exportCsv: 'Export comparison (CSV)',
    draftTitle: 'Draft plan',
    draftSub: 'Baseline: the sample plan · every edit recomputes the team',
    quickEdits: 'Try:',
    editTier: 'Raise a rate: {rule} tier {n} {from} → {to}',
    editGate: 'Gate: {c} at {from}% → {to}%',
    editWeights: 'Reweight ({p}): {a} {wa} → {wa2}, {b} {wb} → {wb2}',
    editUnavailable: 'Nothing to change for this in the current draft',
    editNeedsJson: 'Fix the JSON syntax first',
    resetDraft: 'Reset to the baseline',
    restored: 'Your last draft was restored',
    computing: 'Recomputing…',
    runStat: '{n} reps · recomputed in {ms} ms',
    runStatStale: 'Draft has errors · showing the last good comparison',
    draftErrorKind: 'The draft does not compile',
    draftErrorNote: 'The last good comparison stays below; fix it and it recomputes. Nothing you typed is lost.',
    at: 'at {path}',
    atRoot: 'the whole document',
    didYouMean: 'Did you mean {s}?',
    fixTo: 'Change to {s}',
    diagnosticsTitle: '{n} warning(s) (not blocking)',
    costTitle: 'Team incentive cost',
    costSub: '{n} reps compared',
    before: 'Baseline',
    after: 'Draft',
    change: 'Change',
    percent: 'Change %',
    counts: '{g} gain · {l} lose · {u} unchanged',
    failsFor: 'the draft fails here for {n} rep(s) ({who}):',
    planCostNote: 'with the reps only one plan computes, the baseline pays {b} and the draft {a}',
    failuresTitle: '{n} rep(s) cannot be computed on both sides (everyone else is compared):',
    side: { baseline: 'fails on the baseline', draft: 'fails on the draft', both: 'fails on both' },
    byGroup: 'By group',
    byComponent: 'By component',
    colComponent: 'Component',
    gradesTitle: 'Grade distribution',
    gradesText: 'Baseline {b} · Draft {a}',
    histTitle: 'Distribution of pay changes',
    histText: 'Across: change of a rep\'s pay; up: reps',
    histAxis: 'Reps',
    curvesTitle: 'Payout curves',
    curvesSub: 'Pay of {who} by attainment',
    curvesTypical: 'a typical rep, {who}',
    attainment: 'Attainment',
    payout: 'Pay',
    sensTitle: 'Sensitivity',
    sensSub: 'Team cost with every rep\'s actuals scaled',
    factor: 'Actuals',
    asIs: 'as is',
    moversTitle: 'Biggest changes',
    winners: 'Gain most',
    losers: 'Lose most',
    overThreshold: 'Over the threshold',
    thresholdSub: 'Threshold: {a} or {p}%',
    none: 'none',
    repsTitle: 'Every rep',
    repsSub: 'Click a header to sort · click a row (or press Enter) to compare the two statements',
    colScore: 'Score',
    colBefore: 'Pay before',
    colAfter: 'Pay after',
    colChange: 'Change',
    colPercent: '%',
    colCrossed: 'Crossed',
    sortBy: 'Sort by {c}',
    notComputed: 'not computed',
    showAll: 'Show all {n} reps ({more} more)',
    detailTitle: 'Statements side by side',
    detailSub: '{id} {name} · changed lines highlighted',
    detailEmpty: 'Pick a rep in the table above.',
    statementBefore: 'Baseline statement',
    statementAfter: 'Draft statement',
    statementTotal: 'Total',
    scoreLine: 'Score {s} · grade {g}',
    lineChanged: 'changed',
    unchangedLines: '⋯ {n} more unchanged lines (show)',
    lineOnly: 'only on this side',
    noStatement: 'Not computed on this side: {code} {message}',
    importTitle: 'Import a team',
    importNote: 'CSV or Excel (.xlsx), column names in the first row, one rep per row. A column of orders (the sub-table) takes a JSON array.',
    downloadTemplate: 'Download the sample team as CSV',
    mapping: 'Columns → fields',
    preview: 'Preview',
    previewRows: 'Preview (first {n} of {total} rows)',
    notMapped: '(not imported)',
    importReading: 'Reading {file}…',
    importRead: '{file}: {rows} rows × {cols} columns',
    importEmpty: '{file} has no data rows',
    importFailed: 'Could not read {file}: {message}',
    importChecking: 'Checking every row with the baseline plan…',
    importOk: 'All {n} rows compute',
    importRowErrors: '{e} of {n} rows have errors (you can still import; they are listed as not computed)',
    rowError: 'Row {row}',
    importApply: 'Use this team',
    cancel: 'Cancel',
    emptyTeam: 'The team is empty: at least one row is needed',
    footerNote: 'Sample data: East China sales, 24 reps × 6 months. Everything is computed in this browser.',
    engineKind: { engine: 'comparison by the engine\'s Compare' },
    cross: {
      gradeBand: 'grade {from} → {to}', grade: 'grade {from} → {to}', forcedGrade: 'forced grade {from} → {to}',
      veto: '{c}: {from} → {to}', scoreGate: '{c}: {from} → {to}', gate: '{c} gate: {from} → {to}',
      tier: '{c} tier {from} → {to}', curvePoint: '{c} curve point {from} → {to}', cap: '{c} cap: {from} → {to}',
    },
    crossWords: { veto: ['off', 'triggered'], scoreGate: ['open', 'closed'], gate: ['missed', 'passed'], cap: ['under', 'capped'], tier: '{n}', none: 'none' },
    csvHead: ['ID', 'Name', 'Group', 'Score (baseline)', 'Score (draft)', 'Grade (baseline)', 'Grade (draft)', 'Forced (baseline)', 'Forced (draft)', 'Pay (baseline)', 'Pay (draft)', 'Change', 'Change %', 'Crossed', 'Error'],
  },
};

useText(TEXT);

const tag = () => (locale() === 'en' ? 'en-US' : 'zh-CN');

// One formatter per locale and style (making one per number is slow on a big team).
const formats = new Map();
function format(style, options) {
  const key = `${tag()} ${style}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(tag(), options));
  return formats.get(key);
}

/** Money as the engine gave it, grouped, two places. */
export const money = (n) => (n == null ? '—' : format('money', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(n)));

/** A change with its sign. */
export const signedMoney = (n) => (n == null ? '—' : `${n > 0 ? '+' : ''}${money(n)}`);

/** A percent (already × 100) with its sign. */
export const signedPercent = (p) => (p == null ? '—' : `${p > 0 ? '+' : ''}${format('percent', { maximumFractionDigits: 2 }).format(Number(p))}%`);

/** A score or other plain number, as many places as it has (up to 4). */
export const plain = (n) => (n == null ? '—' : format('plain', { maximumFractionDigits: 4 }).format(Number(n)));

/** A whole number, grouped (chart axes). */
export const whole = (n) => (n == null ? '—' : format('whole', { maximumFractionDigits: 0 }).format(Number(n)));

/** The sign of a change as a word for CSS: up, down or same. */
export const trend = (n) => (n == null ? 'none' : n > 0 ? 'up' : n < 0 ? 'down' : 'same');

/** What a rep crossed, in words: the engine's `text`, or written here from its kind and values. */
export function crossingText(c) {
  if (c.text) return c.text;
  const words = t('crossWords');
  const value = (v) => {
    if (v == null) return words.none;
    if (typeof v === 'boolean') return (words[c.kind] ?? ['✗', '✓'])[Number(v)];
    if (typeof v === 'object' && v.tier != null) return words.tier.replace('{n}', v.tier + 1);
    if (c.kind === 'curvePoint') return `${v}%`;
    return String(v);
  };
  const template = t('cross')[c.kind] ?? '{c} {from} → {to}';
  const name = [c.component, c.rule].filter(Boolean).join('·');
  return template.replace('{c}', name).replace('{from}', value(c.from)).replace('{to}', value(c.to));
}
