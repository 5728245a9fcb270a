// Hand-written decimal.js peer of the formula workload
//   IF(回款额 >= 目标 * 0.8, ROUND(回款额 * 0.05 + MAX(0, 回款额 - 目标) * 0.05, 2), 0)
// as a builder would write it in a form script. Constants are created once (which only makes
// the peer faster, so the WASM-vs-peer ratio is conservative).
import { D } from './decimal.mjs';

export const FORMULA = 'IF(回款额 >= 目标 * 0.8, ROUND(回款额 * 0.05 + MAX(0, 回款额 - 目标) * 0.05, 2), 0)';

const ZERO = new D(0);
const P80 = new D('0.8');
const P5 = new D('0.05');

/** The payout as an exact Decimal (rounded to 2 places half-up by ROUND). */
export function payoutDecimal(record) {
  const paid = new D(record.回款额);
  const target = new D(record.目标);
  if (paid.gte(target.times(P80))) {
    const base = paid.times(P5);
    const over = D.max(ZERO, paid.minus(target)).times(P5);
    return base.plus(over).toDecimalPlaces(2, D.ROUND_HALF_UP);
  }
  return ZERO;
}

/** The payout as a JS number, like `formula.evaluate(record)`. */
export function payout(record) {
  return payoutDecimal(record).toNumber();
}

/** The payout as an exact decimal string, like `formula.evaluate(record, { numbers: 'string' })`. */
export function payoutString(record) {
  return payoutDecimal(record).toFixed();
}

/** The batch, like `formula.evaluateMany(records).values`. */
export function payoutMany(records) {
  const out = new Array(records.length);
  for (let i = 0; i < records.length; i++) out[i] = payout(records[i]);
  return out;
}
