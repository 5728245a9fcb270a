// Hand-written decimal.js peer of bench/fixtures/plan.json: the eleven metrics computed in
// dependency order, then rounded by kind (money 2, rate 4, score 2 places, half-up), returned
// as JS numbers (or as fixed-scale strings such as "0.8500", like `numbers: 'string'`).
// It trusts its input: no type checks, no error paths, no explanation — what a form script
// would do by hand, and less than the engine does.
import { D } from './decimal.mjs';

const c = (v) => new D(v);
const K = {
  0: c(0), 1: c(1), 5: c(5), 10: c(10), 20: c(20), 25: c(25), 30: c(30), 40: c(40), 50: c(50),
  60: c(60), '0.03': c('0.03'), '0.05': c('0.05'), '0.08': c('0.08'), '0.1': c('0.1'),
  '0.4': c('0.4'), '0.5': c('0.5'), '0.6': c('0.6'), '0.8': c('0.8'), '0.95': c('0.95'),
  '1.1': c('1.1'), '1.2': c('1.2'), '1.5': c('1.5'), 3: c(3), 20000: c(20000),
};

/** TIERSUM(x, t1, r1, t2, r2, …): each slice between thresholds at its own rate. */
function tierSum(x, table) {
  let total = K[0];
  for (let i = 0; i < table.length; i += 2) {
    const lo = table[i];
    if (x.lte(lo)) break;
    const next = table[i + 2];
    const hi = next === undefined ? x : D.min(next, x);
    total = total.plus(hi.minus(lo).times(table[i + 1]));
  }
  return total;
}

/** TIER(x, t1, r1, …): the result of the highest threshold x reaches. */
function tier(x, table) {
  for (let i = table.length - 2; i >= 0; i -= 2) if (x.gte(table[i])) return table[i + 1];
  throw new Error('NO_MATCH');
}

const clamp = (x, lo, hi) => D.min(D.max(x, lo), hi);

export const KINDS = {
  达成率: 'rate', 提成: 'money', 超额奖励: 'money', 回款系数: 'rate', 实发奖金: 'money',
  客户得分: 'score', 满意度得分: 'score', 合同转化率: 'rate', 新人系数: 'rate',
  综合得分: 'score', 奖金合计: 'money',
};
const SCALE = { money: 2, rate: 4, score: 2 };
const COLLECTION_TIERS = [K[0], K['0.5'], K['0.6'], K['0.8'], K['0.8'], K[1], K['0.95'], K['1.1']];

/** Exact metric values (Decimals), in the plan's declaration order. */
export function planExact(r) {
  const 回款额 = c(r.回款额), 目标 = c(r.目标), 合同额 = c(r.合同额);
  const 新客户数 = c(r.新客户数), 拜访次数 = c(r.拜访次数), 回款率 = c(r.回款率);
  const 满意度 = c(r.满意度), 入职月数 = c(r.入职月数);

  const 达成率 = 目标.isZero() ? K[0] : 回款额.div(目标);
  const 提成 = tierSum(回款额, [
    K[0], K['0.03'], 目标.times(K['0.8']), K['0.05'], 目标, K['0.08'], 目标.times(K['1.2']), K['0.1'],
  ]);
  const 超额奖励 = 达成率.gt(K[1]) ? D.min(回款额.minus(目标).times(K['0.1']), K[20000]) : K[0];
  const 回款系数 = tier(回款率, COLLECTION_TIERS);
  const 客户得分 = D.min(新客户数.times(K[5]), K[30]).plus(D.min(拜访次数.times(K['0.5']), K[20]));
  const 满意度得分 = clamp(满意度.minus(K[3]).times(K[25]), K[0], K[50]);
  const 合同转化率 = 合同额.isZero() ? K[0] : 回款额.div(合同额);
  const 新人系数 = 入职月数.lt(6) ? K['1.2'] : 入职月数.lt(12) ? K['1.1'] : K[1];
  const 综合得分 = clamp(达成率, K[0], K['1.5']).times(K[40])
    .plus(客户得分.times(K['0.5']))
    .plus(满意度得分.times(K['0.4']))
    .plus(D.min(合同转化率, K[1]).times(K[10]))
    .toDecimalPlaces(2, D.ROUND_HALF_UP);
  const 奖金合计 = 提成.plus(超额奖励).times(回款系数).times(新人系数);
  const 实发奖金 = 综合得分.gte(K[60]) ? 奖金合计 : 奖金合计.times(K['0.5']).toDecimalPlaces(2, D.ROUND_HALF_UP);
  return {
    达成率, 提成, 超额奖励, 回款系数, 实发奖金, 客户得分, 满意度得分, 合同转化率, 新人系数, 综合得分, 奖金合计,
  };
}

/** Like `plan.evaluate(record).metrics`: rounded by kind, as JS numbers. */
export function planMetrics(r) {
  const exact = planExact(r);
  const out = {};
  for (const id in exact) out[id] = exact[id].toDecimalPlaces(SCALE[KINDS[id]], D.ROUND_HALF_UP).toNumber();
  return out;
}

/** Like `plan.evaluate(record, { numbers: 'string' }).metrics`: fixed-scale strings ("0.8500"). */
export function planMetricStrings(r) {
  const exact = planExact(r);
  const out = {};
  for (const id in exact) out[id] = exact[id].toFixed(SCALE[KINDS[id]], D.ROUND_HALF_UP);
  return out;
}
