#!/usr/bin/env node
// Writes samples/team/reps.json: a fictional 24-person sales team (two groups, toB and toC,
// three tiers) over January–June 2026, one flat record per rep and month, ordered by month then
// 工号. Deterministic: a seeded PRNG, no dependencies. Run `node scripts/sample-data.mjs`.
//
// The special cases described in samples/team/README.md are applied after the random figures,
// so changing one of them does not reshuffle the others.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples', 'team', 'reps.json');
const SEED = 20260101;
const MONTHS = [1, 2, 3, 4, 5, 6];

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed always gives the same stream. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 工号, 姓名, 小组, 业务线, 职级, ability (1 = meets target on average), opening experience.
const REPS = [
  ['E1001', '陈思远', '先锋组', 'toB', '金牌', 1.16, 1680],
  ['E1002', '林雨桐', '先锋组', 'toC', '金牌', 1.14, 1520],
  ['E1003', '王浩然', '先锋组', 'toB', '成熟', 1.02, 860],
  ['E1004', '赵欣怡', '先锋组', 'toC', '成熟', 0.96, 640],
  ['E1005', '周子轩', '先锋组', 'toB', '成熟', 0.95, 920],
  ['E1006', '吴佳琪', '先锋组', 'toC', '成熟', 1.1, 580],
  ['E1007', '郑博文', '先锋组', 'toB', '成熟', 0.88, 700],
  ['E1008', '孙梦瑶', '先锋组', 'toC', '成熟', 1.0, 810],
  ['E1009', '黄俊杰', '先锋组', 'toC', '金牌', 1.05, 1390],
  ['E1010', '刘诗涵', '先锋组', 'toB', '新人', 0.86, 0],
  ['E1011', '何宇航', '先锋组', 'toC', '新人', 0.82, 90],
  ['E1012', '马晓雪', '先锋组', 'toB', '新人', 0.62, 0],
  ['E1013', '高志强', '猎鹰组', 'toB', '金牌', 1.2, 1960],
  ['E1014', '罗静怡', '猎鹰组', 'toC', '金牌', 1.04, 1260],
  ['E1015', '梁文杰', '猎鹰组', 'toB', '金牌', 1.0, 1450],
  ['E1016', '宋雅婷', '猎鹰组', 'toC', '金牌', 0.97, 1180],
  ['E1017', '谢明轩', '猎鹰组', 'toB', '成熟', 1.07, 880],
  ['E1018', '唐可欣', '猎鹰组', 'toC', '成熟', 0.93, 520],
  ['E1019', '韩宇', '猎鹰组', 'toB', '成熟', 0.9, 760],
  ['E1020', '冯思琪', '猎鹰组', 'toC', '成熟', 1.01, 690],
  ['E1021', '曹俊豪', '猎鹰组', 'toB', '成熟', 0.86, 940],
  ['E1022', '彭雨萱', '猎鹰组', 'toC', '成熟', 0.99, 430],
  ['E1023', '邓子豪', '猎鹰组', 'toC', '新人', 0.84, 150],
  ['E1024', '许若曦', '猎鹰组', 'toB', '新人', 0.78, 40],
].map(([id, name, group, line, tier, ability, opening]) => ({ id, name, group, line, tier, ability, opening }));

// Monthly sales targets by business line and tier (yuan), before the month's seasonal factor.
const TARGET = {
  toB: { 新人: 150000, 成熟: 300000, 金牌: 500000 },
  toC: { 新人: 60000, 成熟: 120000, 金牌: 200000 },
};
// Targets by month: February has the Spring Festival, June is the half-year push.
const TARGET_SEASON = [1.0, 0.8, 1.0, 1.0, 1.05, 1.15];
// How the market actually went against those targets.
const MARKET = [1.01, 0.98, 1.05, 1.04, 1.07, 1.08];
// Each group's team score (团队得分) by month.
const TEAM_SCORE = { 先锋组: [88, 84, 91, 90, 93, 95], 猎鹰组: [90, 87, 88, 92, 89, 94] };

// The points rules of the plan (scorecard.points), reproduced to carry experience forward.
const BEHAVIOURS = [
  { count: (r) => r.拜访次数, points: 2, cap: 60 },
  { count: (r) => r.合同数, points: 20, cap: 200 },
  { count: (r) => r.新客户数, points: 15, cap: 150 },
  { count: (r) => r.转介绍数, points: 10, cap: 50 },
  { count: (r) => (r.培训完成 ? 1 : 0), points: 30 },
  { count: (r) => r.带教人数, points: 25 },
];
const periodPoints = (r) =>
  BEHAVIOURS.reduce((sum, b) => sum + Math.min(b.count(r) * b.points, b.cap ?? Infinity), 0);

const rnd = mulberry32(SEED);
const between = (lo, hi) => lo + (hi - lo) * rnd();
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round100 = (x) => Math.round(x / 100) * 100;
const roundTo = (x, unit) => Math.round(x / unit) * unit;
const pick = (items) => items[Math.floor(rnd() * items.length)];

/** One rep's random figures for month `m` (1–6). */
function figures(rep, m) {
  const toB = rep.line === 'toB';
  const i = m - 1;
  // New hires ramp up over the half year; everyone else performs at their ability.
  const ramp = rep.tier === '新人' ? 0.84 + 0.04 * m : 1;
  const form = rep.ability * ramp;
  const target = roundTo(TARGET[rep.line][rep.tier] * TARGET_SEASON[i], toB ? 10000 : 5000);
  const sales = round100(target * form * MARKET[i] * between(0.8, 1.22));
  const contracted = round100(sales * between(0.9, 1.1));
  const collectionRate = clamp(between(0.74, 1.08) + (rep.ability - 1) * 0.4, 0.62, 1.12);
  const collected = round100(contracted * collectionRate);
  const dealSize = toB ? between(90000, 160000) : between(7000, 12000);
  const contracts = Math.max(1, Math.round(sales / dealSize));
  const newCustomers = Math.max(0, Math.round((toB ? 3 : 8) * form * between(0.5, 1.4)));
  // New hires make up in effort what they lack in experience.
  const effort = rep.tier === '新人' ? 1.1 : rep.tier === '金牌' ? 0.95 : 1;
  const visits = Math.round((toB ? 14 : 32) * effort * between(0.65, 1.4));
  const followUps = Math.round((toB ? 30 : 38) * effort * between(0.6, 1.35));
  const days = Math.round(((toB ? 36 : 13) / rep.ability) * between(0.8, 1.25));
  const satisfaction = clamp(Math.round(4 + (rep.ability - 1) * 3 + between(-1, 1)), 2, 5);
  const referrals = Math.max(0, Math.round((toB ? 1.2 : 3) * rep.ability * between(0, 1.6)));
  const trained = rnd() < { 新人: 0.95, 成熟: 0.85, 金牌: 0.8 }[rep.tier];
  const teamwork = clamp(Math.round(3.8 + (rep.tier === '金牌' ? 0.4 : 0) + between(-1, 1)), 2, 5);
  const mentees =
    rep.tier === '金牌' ? 1 + (rnd() < 0.4 ? 1 : 0) : rep.tier === '成熟' ? (rnd() < 0.2 ? 1 : 0) : 0;
  const complaints = rnd() < (toB ? 0.75 : 0.6) ? 0 : rnd() < 0.8 ? 1 : 2;
  const bonus = rnd() < 0.12 ? pick([1, 2, 3]) : 0;
  const deduction = rnd() < 0.08 ? pick([1, 2, 3]) : 0;
  return {
    工号: rep.id,
    姓名: rep.name,
    小组: rep.group,
    业务线: rep.line,
    职级: rep.tier,
    月份: m,
    销售额: sales,
    销售目标: target,
    回款额: collected,
    合同额: contracted,
    新客户数: newCustomers,
    合同数: contracts,
    拜访次数: visits,
    跟进次数: followUps,
    商机推进天数: days,
    满意度评分: satisfaction,
    转介绍数: referrals,
    培训完成: trained,
    协作评分: teamwork,
    带教人数: mentees,
    投诉数: complaints,
    合规违规: false,
    重大客诉: false,
    团队得分: TEAM_SCORE[rep.group][i],
    加分: bonus,
    扣分: deduction,
    累计经验值: 0,
  };
}

const records = [];
for (const m of MONTHS) {
  for (const rep of REPS) records.push(figures(rep, m));
}
const at = (id, m) => records.find((r) => r.工号 === id && r.月份 === m);

// ---- Special cases (see samples/team/README.md) ----

// The new hire with low figures: 马晓雪 starts slowly — far below target in her first months.
for (const [m, share] of [
  [1, 0.42],
  [2, 0.5],
  [3, 0.61],
]) {
  const r = at('E1012', m);
  r.销售额 = round100(r.销售目标 * share);
  r.合同额 = round100(r.销售额 * 1.02);
  r.回款额 = round100(r.合同额 * 0.82);
  r.合同数 = 1;
  r.新客户数 = m === 1 ? 0 : 1;
  r.拜访次数 = 7 + m;
  r.跟进次数 = 12 + 2 * m;
  r.满意度评分 = 3;
  r.协作评分 = 3;
  r.培训完成 = m !== 1;
}

// Compliance violation (合规违规): 孙梦瑶 in March — the veto zeroes her total.
at('E1008', 3).合规违规 = true;

// Major customer complaint (重大客诉): 陈思远 in May — a strong month, but the grade is capped at C.
Object.assign(at('E1001', 5), { 重大客诉: true, 投诉数: 3 });

// Low collections: 韩宇 in February collects 52% of the contracted amount — the 回款率 gate
// caps his total at 60.
{
  const r = at('E1019', 2);
  r.销售额 = round100(r.销售目标 * 1.08);
  r.合同额 = round100(r.销售额 * 1.05);
  r.回款额 = round100(r.合同额 * 0.52);
}

// An oversized bonus: 高志强's June 加分 of 6 is bounded to the plan's maximum of 5.
at('E1013', 6).加分 = 6;

// A tie at a forced-distribution boundary: in June 宋雅婷 (E1016) matches 罗静怡 (E1014) — same
// group, business line and tier — on every figure the 金牌 profile scores, 回款额 included, so the
// tie-break by 回款额 cannot separate them. Their totals straddle the A/B boundary of the forced
// distribution (slots 7 and 8 of 24), and they share a grade.
{
  const from = at('E1014', 6);
  const to = at('E1016', 6);
  const scored = ['销售额', '回款额', '合同额', '合同数', '新客户数', '商机推进天数', '满意度评分', '转介绍数'];
  for (const key of [...scored, '协作评分', '加分', '扣分']) to[key] = from[key];
}

// ---- Experience carried from month to month, by the plan's points rules ----
for (const rep of REPS) {
  let experience = rep.opening;
  for (const m of MONTHS) {
    const r = at(rep.id, m);
    r.累计经验值 = experience;
    experience += periodPoints(r);
  }
}

// ---- Orders (订单): the transactions the incentive section pays on ----
// Each record's 销售额 is split into 合同数 orders (multiples of 100) over three product lines;
// the first 新客户数 orders are new customers. What is collected of an order follows the rep's
// 回款率. In even months each rep shares one order with the next rep of the group (60/40 split
// credit), and in May 赵凯 (E1003) has April's order 作废: a clawback of −80,000.
{
  const rand = mulberry32(20260601);
  const PRODUCTS = ['软件', '软件', '硬件', '服务'];
  for (const r of records) {
    const count = Math.max(1, r.合同数);
    const rate = Math.min(1, r.合同额 > 0 ? r.回款额 / r.合同额 : 1);
    const weights = Array.from({ length: count }, () => 0.5 + rand());
    const total = weights.reduce((a, b) => a + b, 0);
    let left = r.销售额;
    r.订单 = weights.map((w, k) => {
      const amount = k === count - 1 ? left : round100((r.销售额 * w) / total);
      left -= amount;
      return {
        订单号: `${r.工号}-${String(r.月份).padStart(2, '0')}-${k + 1}`,
        金额: amount,
        回款: round100(amount * rate),
        产品线: PRODUCTS[Math.floor(rand() * PRODUCTS.length)],
        客户类型: k < r.新客户数 ? '新客户' : '老客户',
      };
    });
  }
  for (const m of MONTHS.filter((m) => m % 2 === 0)) {
    for (const group of ['先锋组', '猎鹰组']) {
      const members = REPS.filter((rep) => rep.group === group);
      members.forEach((rep, k) => {
        const owner = at(rep.id, m);
        const partner = members[(k + 1) % members.length];
        const order = owner.订单[0];
        order.分成 = [
          { rep: rep.id, percent: 60 },
          { rep: partner.id, percent: 40 },
        ];
        at(partner.id, m).订单.push(order);
      });
    }
  }
  at('E1003', 5).订单.push({ 订单号: 'E1003-04-1', 金额: -80000, 回款: 0, 产品线: '软件', 客户类型: '老客户', 备注: '作废' });
}

const text = `[\n${records.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
writeFileSync(OUT, text);
console.log(`wrote ${records.length} records to samples/team/reps.json`);
