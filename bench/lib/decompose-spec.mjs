// The decomposition benchmark's spec (bench/decompose.mjs, bench/output.mjs): a generated tree of
// a company, 10 regions, 100 teams and `leafCount` people over 2025. No Node imports (the output
// benchmark also runs it in Chromium).

/** A company → 10 regions → 10 teams each → reps, deterministic (xorshift). */
export function generateSpec(leafCount) {
  let x = 20250101;
  const rand = () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const season = [6.5, 5, 8, 8, 8.5, 9.5, 7.5, 7.5, 8.5, 9, 9.5, 12.5];
  const nodes = [{ id: 'HQ', name: '总部', basis: { type: 'potential' } }];
  const teams = [];
  for (let r = 0; r < 10; r++) {
    nodes.push({ id: `R${r}`, parent: 'HQ', basis: { type: 'history' } });
    for (let t = 0; t < 10; t++) {
      const id = `R${r}T${t}`;
      const history = {};
      for (let m = 1; m <= 12; m++) history[`2024-${String(m).padStart(2, '0')}`] = Math.round(2e5 + rand() * 3e5) * 10;
      nodes.push({ id, parent: `R${r}`, basis: { type: 'capacity' }, potential: Math.round(1e7 + rand() * 4e7), history });
      teams.push(id);
    }
  }
  const tiers = ['资深', '标准', '初级'];
  for (let i = 0; i < leafCount; i++) {
    const rep = { id: `P${i}`, parent: teams[i % teams.length], tier: tiers[i % 3] };
    if (i % 10 === 3) rep.hireDate = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    if (i % 97 === 5 && !rep.hireDate) rep.leaveDate = '2025-06-30';
    if (i % 53 === 7) rep.max = 600000;
    nodes.push(rep);
  }
  return {
    total: 6000000000, unit: 100,
    period: { start: '2025-01-01', end: '2025-12-31' },
    seasonality: season,
    ramp: [{ months: 2, percent: 50 }, { months: 2, percent: 75 }],
    tiers: { 资深: 1.2, 标准: 1, 初级: 0.8 },
    nodes,
  };
}
