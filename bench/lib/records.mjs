// Deterministic record generator for the benchmark workloads.
//
// The same seed always gives the same records, on every machine and Node version: the PRNG is
// mulberry32 (32-bit integer arithmetic only) and values are built from integers (cents,
// basis points) so no float rounding differs between runs. About a quarter of the money and
// rate values are given as decimal strings ("123456.78"), the way forms hand over text inputs;
// the rest are JS numbers.

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFAULT_SEED = 20250701;

/**
 * N records with the plan's eight fields (the formula workload reads 回款额 and 目标 from them).
 * @param {number} n
 * @param {number} [seed]
 */
export function generateRecords(n, seed = DEFAULT_SEED) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
  const chance = (p) => rand() < p;
  // A money amount from integer cents: as a number, or (sometimes) as a decimal string.
  const money = (cents, asString) => {
    const text = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    return asString ? text : Number(text);
  };
  const records = new Array(n);
  for (let i = 0; i < n; i++) {
    const targetCents = int(50, 500) * 1000 * 100; // 50,000 – 500,000 in steps of 1,000
    // Attainment 30 % – 160 %, in basis points, so every tier of the plan is exercised.
    const attainmentBp = int(3000, 16000);
    const paidCents = Math.round((targetCents * attainmentBp) / 10000) + int(0, 99);
    // Contract amount: 90 % – 150 % of the payment, zero for ~2 % (DIVIDE's default path).
    const contractCents = chance(0.02) ? 0 : Math.round((paidCents * int(9000, 15000)) / 10000);
    const collectionBp = int(3000, 10000); // 回款率 0.30 – 1.00
    const satisfactionTenths = int(10, 50); // 满意度 1.0 – 5.0
    records[i] = {
      回款额: money(paidCents, chance(0.25)),
      目标: money(targetCents, chance(0.1)),
      合同额: money(contractCents, chance(0.25)),
      新客户数: int(0, 12),
      拜访次数: int(0, 60),
      回款率: chance(0.25) ? (collectionBp / 10000).toFixed(4) : collectionBp / 10000,
      满意度: chance(0.2) ? (satisfactionTenths / 10).toFixed(1) : satisfactionTenths / 10,
      入职月数: int(1, 60),
    };
  }
  return records;
}
