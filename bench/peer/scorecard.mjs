// Hand-written decimal.js peer of the sample plan's scorecard (samples/team/plan.json,
// 华东销售部 2026 上半年绩效方案): the plan's formulas translated by hand, the way a developer
// would code this one plan in a form script — no formula interpreter, no validation, no
// explanation. It trusts its input (canonical 业务线 / 职级 values, ratings 1–5, counts ≥ 0).
//
//   scoreRep(record)      → one rep: metrics, total, grade, coefficient, indicator lines, points
//   evaluateTeam(records) → ranks, forced distribution, aggregates, groups, PK, leaderboard
//
// Every number comes back as an exact decimal string, as the engine writes it with
// `numbers: 'string'`: metrics and scores at their rounding scale (rate 4, money 2, score 2,
// half-up), points and experience without trailing zeros. Operations are done in the engine's
// order (ratio, × 100, × weight ÷ 100, Σ, adjustments, blend, gate, vetoes, then rounding).
import { D } from './decimal.mjs';

const c = (v) => new D(v);
/** A numeric field; absent or blank reads as the field's default 0. */
const num = (v) => (v === undefined || v === null || v === '' ? ZERO : new D(v));

const ZERO = c(0);
const ONE = c(1);
const HUNDRED = c(100);
const K = {
  2: c(2), 3: c(3), 5: c(5), 6: c(6), 8: c(8), 10: c(10), 15: c(15), 20: c(20), 25: c(25),
  30: c(30), 45: c(45), 50: c(50), 60: c(60), 80: c(80), 150: c(150), 200: c(200),
  '-10': c(-10), '0.6': c('0.6'), '1.2': c('1.2'),
};

// ---- indicators: points out of 100 -------------------------------------------------------

/**
 * Points from a quotient num ÷ den clamped to [0, cap] (as a ratio, × 100 for points). Unclamped,
 * the points keep their fraction so that the weighted points are one division, as the engine does.
 */
function quotientPoints(num, den, cap) {
  const r = num.div(den);
  const clamped = D.min(D.max(r, ZERO), cap);
  if (!clamped.eq(r)) return clamped.times(HUNDRED);
  const n = num.times(HUNDRED);
  return { p: n.div(den), n, d: den };
}

/** ratio points: actual ÷ target × 100 within [0, cap]; a zero target gives the cap or 0. */
function ratioPoints(actual, target, cap) {
  if (target.isZero()) return (actual.gt(ZERO) ? cap : ZERO).times(HUNDRED);
  return quotientPoints(actual, target, cap);
}

/** attainment (uncapped): actual ÷ target; a zero target gives 1 (actual > 0) or 0. */
function attainment(actual, target) {
  if (target.isZero()) return actual.gt(ZERO) ? ONE : ZERO;
  return D.max(actual.div(target), ZERO);
}

/** linear 0 → 100 points between threshold and stretch. */
function linear(actual, threshold, stretch) {
  if (actual.lte(threshold)) return ZERO;
  if (actual.gte(stretch)) return HUNDRED;
  const n = actual.minus(threshold).times(HUNDRED);
  const d = stretch.minus(threshold);
  return { p: n.div(d), n, d };
}

/** steps: the points of the highest band reached (bands as [from, points], rising). */
function steps(basis, bands) {
  for (let i = bands.length - 1; i >= 0; i--) if (basis.gte(bands[i][0])) return bands[i][1];
  return ZERO;
}

/** rating: the points mapped to the rating (1–5). */
function rating(actual, map) {
  const p = map[actual.toNumber()];
  if (p === undefined) throw new Error(`rating ${actual} is not in the map`);
  return p;
}

const band = (from, points) => [c(from), c(points)];
const COLLECTION_BANDS = [band('0.5', 30), band('0.7', 60), band('0.8', 80), band('0.9', 100), band('1.05', 110)];
const FOLLOW_UP_BANDS = [band(15, 40), band(25, 60), band(35, 80), band(45, 100)];
const SATISFACTION = { 1: c(0), 2: c(40), 3: c(70), 4: c(90), 5: c(100) };
const COLLABORATION = { 1: c(0), 2: c(50), 3: c(75), 4: c(90), 5: c(100) };

/** Each indicator's points for a rep (`x` holds the rep's parsed fields). */
const INDICATORS = {
  销售达成: (x) => ratioPoints(x.销售额, x.销售目标, K['1.2']),
  回款达成: (x) => steps(attainment(x.回款额, x.合同额), COLLECTION_BANDS),
  新客户: (x) => ratioPoints(x.新客户数, x.toB ? K[3] : K[8], K['1.2']),
  拜访: (x) => linear(num(x.r.拜访次数), x.toB ? K[6] : K[15], x.toB ? K[20] : K[45]),
  跟进: (x) => steps(num(x.r.跟进次数), FOLLOW_UP_BANDS),
  商机推进: (x) => {
    // lower is better: (base − actual) ÷ (base − target), clamped to [0, 1.2]
    const base = x.toB ? K[60] : K[25];
    const target = x.toB ? K[30] : K[10];
    return quotientPoints(base.minus(num(x.r.商机推进天数)), base.minus(target), K['1.2']);
  },
  满意度: (x) => rating(num(x.r.满意度评分), SATISFACTION),
  转介绍: (x) => linear(x.转介绍数, ZERO, x.toB ? K[2] : K[5]),
  培训: (x) => (x.培训完成 ? HUNDRED : ZERO),
  协作: (x) => rating(num(x.r.协作评分), COLLABORATION),
};

const weights = (pairs) => pairs.map(([id, w]) => [id, INDICATORS[id], c(w)]);
const PROFILES = {
  新人: weights([['销售达成', 25], ['拜访', 20], ['跟进', 15], ['满意度', 10], ['培训', 20], ['协作', 10]]),
  成熟拓新期: weights([
    ['销售达成', 30], ['回款达成', 10], ['新客户', 25], ['拜访', 15], ['商机推进', 10], ['满意度', 5], ['转介绍', 5],
  ]),
  成熟维护期: weights([
    ['销售达成', 35], ['回款达成', 20], ['新客户', 5], ['跟进', 10], ['商机推进', 10], ['满意度', 10], ['转介绍', 10],
  ]),
  金牌: weights([
    ['销售达成', 35], ['回款达成', 25], ['新客户', 10], ['商机推进', 5], ['满意度', 10], ['转介绍', 5], ['协作', 10],
  ]),
};

// ---- grades ---------------------------------------------------------------------------------

const GRADES = ['S', 'A', 'B', 'C', 'D'];
const COEFFICIENTS = ['1.5', '1.2', '1', '0.8', '0.5'];
const GRADE_FROM = [c(100), c(95), c(80), c(70)]; // D: below 70
const CAP_C = 3; // 重大客诉: grade at most C

/** Index of the band (0 = S) a rounded total falls in. */
function gradeOf(total) {
  for (let i = 0; i < GRADE_FROM.length; i++) if (total.gte(GRADE_FROM[i])) return i;
  return GRADES.length - 1;
}

// ---- points -----------------------------------------------------------------------------------

const LEVELS = [['钻石', c(4500)], ['铂金', c(3000)], ['黄金', c(2000)], ['白银', c(1000)], ['青铜', ZERO]];
const capped = (count, each, cap) => D.min(count.times(each), cap);

/** Points, experience, level; badges by condition and grade, none for a rep with a triggered veto. */
function award(x, gradeIndex, vetoed) {
  const r = x.r;
  const period = capped(num(r.拜访次数), K[2], K[60])
    .plus(capped(num(r.合同数), K[20], K[200]))
    .plus(capped(x.新客户数, K[15], K[150]))
    .plus(capped(x.转介绍数, K[10], K[50]))
    .plus(x.培训完成 ? K[30] : ZERO)
    .plus(num(r.带教人数).times(K[25]));
  const experience = num(r.累计经验值).plus(period);
  let level;
  for (const [name, from] of LEVELS) {
    if (experience.gte(from)) {
      level = name;
      break;
    }
  }
  const badges = [];
  if (vetoed) return { period, experience, level, badges };
  if (x.合同额.gt(ZERO) && x.回款率.gte(ONE)) badges.push('回款之星');
  if (gradeIndex <= 2 && num(r.投诉数).isZero()) badges.push('零投诉');
  if (x.新客户数.gte(K[5])) badges.push('开拓先锋');
  if (gradeIndex === 0) badges.push('绩效之星');
  return { period, experience, level, badges };
}

// ---- one rep ------------------------------------------------------------------------------------

/** Scores one rep; Decimals inside, for scoreRep and evaluateTeam. */
function score(r) {
  const x = {
    r,
    toB: r.业务线 === 'toB',
    销售额: num(r.销售额),
    销售目标: num(r.销售目标),
    回款额: num(r.回款额),
    合同额: num(r.合同额),
    新客户数: num(r.新客户数),
    转介绍数: num(r.转介绍数),
    培训完成: r.培训完成 === true,
    回款率: undefined,
  };
  const 月份 = num(r.月份);

  // metrics
  const 销售达成率 = x.销售目标.isZero() ? ZERO : x.销售额.div(x.销售目标);
  const 回款率 = x.合同额.isZero() ? ONE : x.回款额.div(x.合同额);
  const 合同数 = num(r.合同数);
  const 客单价 = 合同数.isZero() ? ZERO : x.销售额.div(合同数);
  const 拓新期 = 月份.lte(K[3]);
  x.回款率 = 回款率;

  // profile and phase
  let profile;
  if (r.职级 === '新人') profile = PROFILES.新人;
  else if (r.职级 === '成熟') profile = 拓新期 ? PROFILES.成熟拓新期 : PROFILES.成熟维护期;
  else if (r.职级 === '金牌') profile = PROFILES.金牌;
  else throw new Error(`no profile for 职级 ${r.职级}`);

  // weighted points
  const lines = new Array(profile.length);
  let total = ZERO;
  for (let i = 0; i < profile.length; i++) {
    const [id, measure, weight] = profile[i];
    const m = measure(x);
    const points = m instanceof D ? m : m.p;
    const weighted = m instanceof D ? points.times(weight).div(HUNDRED) : m.n.times(weight).div(m.d.times(HUNDRED));
    total = total.plus(weighted);
    lines[i] = { id, points, weighted };
  }

  // adjustments: 加分 in [0, 5], −扣分 in [−10, 0]
  total = total.plus(D.min(D.max(num(r.加分), ZERO), K[5]));
  total = total.plus(D.min(D.max(num(r.扣分).neg(), K['-10']), ZERO));

  // blend: individual 80 / 团队得分 20
  total = total.times(K[80]).plus(num(r.团队得分).times(K[20])).div(HUNDRED);

  // gate: 回款率 < 0.6 caps the total at 60
  if (回款率.lt(K['0.6']) && total.gt(K[60])) total = K[60];

  // vetoes: 合规违规 → 0; 重大客诉 → grade at most C
  const zeroed = r.合规违规 === true;
  const complaint = r.重大客诉 === true;
  if (zeroed) total = ZERO;

  const shown = total.toDecimalPlaces(2, D.ROUND_HALF_UP);
  let gradeIndex = gradeOf(shown);
  if (complaint && gradeIndex < CAP_C) gradeIndex = CAP_C;

  const vetoed = zeroed || complaint;
  return {
    x,
    metrics: { 销售达成率, 回款率, 客单价, 考核阶段: 拓新期 ? '拓新期' : '维护期' },
    lines,
    total: shown,
    gradeIndex,
    vetoed,
    points: award(x, gradeIndex, vetoed),
  };
}

/** Like `plan.evaluate(record, { numbers: 'string' })`, the fields a form would show. */
export function scoreRep(record) {
  const s = score(record);
  const m = s.metrics;
  return {
    metrics: {
      销售达成率: m.销售达成率.toFixed(4),
      回款率: m.回款率.toFixed(4),
      客单价: m.客单价.toFixed(2),
      考核阶段: m.考核阶段,
    },
    total: s.total.toFixed(2),
    grade: GRADES[s.gradeIndex],
    coefficient: COEFFICIENTS[s.gradeIndex],
    indicators: s.lines.map((l) => ({ id: l.id, points: l.points.toFixed(2), weighted: l.weighted.toFixed(2) })),
    points: {
      period: s.points.period.toString(),
      experience: s.points.experience.toString(),
      level: s.points.level,
      badges: s.points.badges,
    },
  };
}

// ---- team -------------------------------------------------------------------------------------

const QUOTAS = [10, 20, 50, 15, 5]; // percent, S A B C D
const BOTTOM = QUOTAS.length - 1; // D takes a rounding seat only above half a person

const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byTotalThenId = (a, b) => b.total.cmp(a.total) || byId(a, b);

/** Head counts per grade for n people: largest remainder (see src/team/apportion.rs). */
function quotaCounts(n) {
  const counts = QUOTAS.map((p) => Math.floor((n * p) / 100));
  let left = n - counts.reduce((s, k) => s + k, 0);
  if (left === 0) return counts;
  const last = QUOTAS.length - 1;
  const order = QUOTAS.map((p, i) => {
    const frac = (n * p) % 100;
    return { i, frac, refused: i === BOTTOM && frac * 2 <= 100 };
  }).sort(
    (a, b) =>
      a.refused - b.refused ||
      b.frac - a.frac ||
      Math.abs(2 * a.i - last) - Math.abs(2 * b.i - last) ||
      a.i - b.i,
  );
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k].i]++;
  return counts;
}

/** The grade holding most of a tied group's slots; the better grade on equal counts. */
function majority(slots) {
  const held = [0, 0, 0, 0, 0];
  for (const g of slots) held[g]++;
  let best = 0;
  for (let g = 1; g < held.length; g++) if (held[g] > held[best]) best = g;
  return best;
}

/** Forced grades (by id) for the reps outside any veto; ties broken by 回款额, higher first. */
function forcedGrades(pool) {
  const sorted = pool.slice().sort((a, b) => b.total.cmp(a.total) || b.回款额.cmp(a.回款额) || byId(a, b));
  const counts = quotaCounts(sorted.length);
  const slots = [];
  counts.forEach((k, g) => {
    for (let j = 0; j < k; j++) slots.push(g);
  });
  const forced = new Map();
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end].total.eq(sorted[start].total) && sorted[end].回款额.eq(sorted[start].回款额)) end++;
    const g = GRADES[majority(slots.slice(start, end))];
    for (let k = start; k < end; k++) forced.set(sorted[k].id, g);
    start = end;
  }
  return forced;
}

/** Σ of Decimals written at the largest scale among them (as the engine's sum keeps it). */
function sumText(values) {
  let sum = ZERO;
  let dp = 0;
  for (const v of values) {
    sum = sum.plus(v);
    dp = Math.max(dp, v.decimalPlaces());
  }
  return sum.toFixed(dp);
}

/** The aggregates 平均分, 回款总额, 中位分, 人数, 达标人数, 最高分 over some reps. */
function aggregates(reps) {
  const n = reps.length;
  let sum = ZERO;
  let max = reps[0].total;
  let attained = 0;
  const totals = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = reps[i];
    sum = sum.plus(s.total);
    if (s.total.gt(max)) max = s.total;
    if (s.x.销售额.gte(s.x.销售目标)) attained++;
    totals[i] = s.total;
  }
  totals.sort((a, b) => a.cmp(b));
  const mid = n >> 1;
  let median = totals[mid];
  if (n % 2 === 0) median = totals[mid - 1].plus(totals[mid]).div(2);
  return {
    平均分: sum.div(n).toFixed(2),
    回款总额: sumText(reps.map((s) => s.x.回款额)),
    中位分: median.decimalPlaces() > 2 ? median.toString() : median.toFixed(2),
    人数: String(n),
    达标人数: String(attained),
    最高分: max.toFixed(2),
  };
}

/** Like `plan.evaluateTeam(records, { numbers: 'string' }).team` (without the distribution's detail). */
export function evaluateTeam(records) {
  const scored = records.map((r) => {
    const s = score(r);
    s.id = String(r.工号);
    s.group = r.小组;
    s.name = r.姓名;
    s.回款额 = s.x.回款额;
    return s;
  });

  // members: best total first, then id; competition ("1224") and dense ("1223") ranks
  const forced = forcedGrades(scored.filter((s) => !s.vetoed));
  const ranked = scored.slice().sort(byTotalThenId);
  const members = new Array(ranked.length);
  let rank = 0;
  let dense = 0;
  for (let i = 0; i < ranked.length; i++) {
    const s = ranked[i];
    if (i === 0 || !s.total.eq(ranked[i - 1].total)) {
      rank = i + 1;
      dense++;
    }
    const grade = GRADES[s.gradeIndex];
    members[i] = {
      id: s.id,
      group: s.group,
      total: s.total.toFixed(2),
      grade,
      rank,
      denseRank: dense,
      forcedGrade: s.vetoed ? grade : forced.get(s.id),
      vetoed: s.vetoed,
    };
  }

  // groups, by name
  const byGroup = new Map();
  for (const s of scored) {
    if (!byGroup.has(s.group)) byGroup.set(s.group, []);
    byGroup.get(s.group).push(s);
  }
  const groups = [...byGroup.keys()].sort().map((group) => {
    const reps = byGroup.get(group);
    const counts = [0, 0, 0, 0, 0];
    for (const s of reps) counts[s.gradeIndex]++;
    return {
      group,
      members: reps.length,
      grades: GRADES.map((grade, i) => ({ grade, count: counts[i] })),
      aggregates: aggregates(reps),
    };
  });

  // PK 先锋组 vs 猎鹰组 on 平均分 (higher wins)
  const side = (group) => {
    const g = groups.find((x) => x.group === group);
    return g ? { group, value: g.aggregates.平均分 } : { group };
  };
  const sides = [side('先锋组'), side('猎鹰组')];
  const pk = { id: '小组PK', by: '平均分', lowerIsBetter: false, sides, outcome: 'noData' };
  if (sides[0].value !== undefined && sides[1].value !== undefined) {
    const a = c(sides[0].value);
    const b = c(sides[1].value);
    const cmp = a.cmp(b);
    pk.outcome = cmp === 0 ? 'tie' : 'won';
    if (cmp !== 0) pk.winner = cmp > 0 ? '先锋组' : '猎鹰组';
    pk.margin = a.minus(b).abs().toString();
  }

  // leaderboard: top 10 places by experience (ties at the last place all shown)
  const board = scored.slice().sort((a, b) => b.points.experience.cmp(a.points.experience) || byId(a, b));
  const entries = [];
  for (let i = 0, place = 0; i < board.length; i++) {
    const s = board[i];
    if (i === 0 || !s.points.experience.eq(board[i - 1].points.experience)) place = i + 1;
    if (place > 10) break;
    entries.push({
      place,
      id: s.id,
      name: s.name,
      group: s.group,
      value: s.points.experience.toString(),
      level: s.points.level,
      badges: s.points.badges,
    });
  }

  return {
    members,
    aggregates: aggregates(scored),
    groups,
    pk: [pk],
    leaderboard: { by: 'experience', entries },
  };
}
