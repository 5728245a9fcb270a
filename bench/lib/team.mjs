// Deterministic team generator for the scorecard benchmark: n flat records for the sample plan
// (samples/team/plan.json), made by perturbing the 24 sample reps of one month.
//
// Record i starts from sample rep i mod 24, so the 2 groups (先锋组 / 猎鹰组), the 3 tiers
// (新人 / 成熟 / 金牌) and the 2 business lines (toB / toC) keep the sample's mix; 工号 is
// unique (E100001, E100002, …). The figures are varied around the rep's own, and a few records
// hit the plan's special paths: 合规违规 and 重大客诉 vetoes, the 回款率 < 0.6 gate, bounded
// 加分 / 扣分, no 应回款合同额 (DIVIDE's default), no contract, ratings and counts at the ends
// of their ranges. About 2 % of the records copy an earlier record's figures under their own
// 工号, so the team has ties on both the total and the tie-break key (回款额).
//
// The same (n, seed, month) always gives the same records: the PRNG is mulberry32 (integer
// arithmetic only) and amounts are built from integer yuan or cents. About a tenth of the money
// amounts are decimal strings ("123456.78"), as forms hand over text inputs.
import { readFileSync } from 'node:fs';
import { mulberry32 } from './records.mjs';

export const TEAM_SEED = 20260601;
export const TEAM_MONTH = 5;

const SAMPLE = JSON.parse(readFileSync(new URL('../../samples/team/reps.json', import.meta.url), 'utf8'));

/**
 * n records for the sample plan, from the sample reps of `month` (1–6).
 * @param {number} n
 * @param {number} [seed]
 * @param {number} [month]
 */
export function generateTeam(n, seed = TEAM_SEED, month = TEAM_MONTH) {
  const reps = SAMPLE.filter((r) => r.月份 === month);
  if (reps.length === 0) throw new Error(`no sample reps for month ${month}`);
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
  const chance = (p) => rand() < p;
  const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
  /** `base` scaled by a factor in [lo, hi] percent, to whole multiples of `step`. */
  const vary = (base, lo, hi, step = 1) => Math.round((base * int(lo, hi)) / 100 / step) * step;
  /** A money amount in whole yuan, sometimes with cents, sometimes as a decimal string. */
  const money = (yuan) => {
    const cents = yuan * 100 + (chance(0.15) ? int(1, 99) : 0);
    const text = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    return chance(0.1) ? text : Number(text);
  };

  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = `E${100001 + i}`;
    if (i >= 24 && chance(0.02)) {
      // A copy of a recent record: same figures (so the same total and 回款额), its own 工号.
      out[i] = { ...out[i - int(1, Math.min(i, 50))], 工号: id };
      continue;
    }
    const t = reps[i % reps.length];
    const target = chance(0.002) ? 0 : vary(t.销售目标, 80, 120, 1000);
    const attainment = chance(0.1) ? int(25, 70) : int(70, 150); // percent of target
    const sales = target === 0 ? vary(t.销售额, 50, 150, 100) : Math.round((target * attainment) / 100 / 100) * 100;
    const contract = chance(0.02) ? 0 : vary(t.合同额, 70, 130, 100);
    // 回款率: mostly 75–112 %, sometimes 35–75 % (the gate closes below 60 %).
    const collection = chance(0.1) ? int(35, 75) : int(75, 112);
    const paid = contract === 0 ? (chance(0.5) ? 0 : vary(t.回款额, 50, 100, 100)) : Math.round((contract * collection) / 100 / 100) * 100;
    const days = t.商机推进天数 * int(60, 140) / 100; // average days, to one decimal
    out[i] = {
      工号: id,
      姓名: t.姓名,
      小组: t.小组,
      业务线: t.业务线,
      职级: t.职级,
      月份: t.月份,
      销售额: money(sales),
      销售目标: money(target),
      回款额: money(paid),
      合同额: money(contract),
      新客户数: clamp(t.新客户数 + int(-3, 4), 0, 20),
      合同数: chance(0.01) ? 0 : Math.max(1, vary(t.合同数, 50, 150)),
      拜访次数: clamp(t.拜访次数 + int(-10, 12), 0, 80),
      跟进次数: clamp(t.跟进次数 + int(-12, 12), 0, 80),
      商机推进天数: Math.round(days * 10) / 10,
      满意度评分: clamp(t.满意度评分 + int(-2, 1), 1, 5),
      转介绍数: chance(0.2) ? 0 : clamp(t.转介绍数 + int(-2, 3), 0, 8),
      培训完成: chance(0.85),
      协作评分: clamp(t.协作评分 + int(-2, 1), 1, 5),
      带教人数: t.职级 === '新人' ? 0 : int(0, 3),
      投诉数: chance(0.7) ? 0 : int(1, 3),
      合规违规: chance(0.005),
      重大客诉: chance(0.005),
      团队得分: t.团队得分,
      加分: chance(0.9) ? 0 : chance(0.3) ? int(1, 15) / 2 : int(1, 8),
      扣分: chance(0.85) ? 0 : int(1, 13),
      累计经验值: chance(0.05) ? 0 : vary(t.累计经验值 + 50, 50, 160),
    };
    // The template rep's orders (订单), scaled, for the incentive section (no split credit).
    const scale = int(60, 140);
    out[i].订单 = (t.订单 ?? []).filter((o) => !o.分成).map((o, k) => ({
      订单号: `${id}-${k + 1}`,
      金额: Math.round((o.金额 * scale) / 100 / 100) * 100,
      回款: Math.round((o.回款 * scale) / 100 / 100) * 100,
      产品线: o.产品线,
      客户类型: o.客户类型,
    }));
  }
  return out;
}
