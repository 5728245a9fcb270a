// The cross-build corpus: generated (plan, record) cases, the same for a given seed and count.
//
// Plans are variations of samples/team/plan.json, tests/data/plans/*.json and
// tests/data/incentive/plan/*.json: rates, tier bounds, weights, gates, caps, rounding scales and
// strategies, enums, formulas changed; components, indicators, metrics and keys dropped, added or
// duplicated — kept valid most of the time and broken on purpose the rest. Records are the sample
// team's reps, or values made from a plan's field types, perturbed: decimals with many places,
// negative, zero, huge, numbers as text, wrong types, missing fields, odd order sub-tables (订单)
// and splits. Cases that fail are as useful as those that succeed: the output is then the error.
//
// Output: JSON lines, one per plan (`{ "kind": "plan", "id", "text", "as" }`, before its first
// case) and one per case (`{ "kind": "case", "id", "plan", "call", "record" | "records",
// "options" }`). `examples/corpus.rs` runs them natively, `runner.mjs` through a JS build.
//
// What the corpus leaves out, because a JS host cannot hand it over as the JSON text says (not a
// difference between builds): integers written as JSON numbers at or beyond 2^53 (a JS number
// cannot hold them: they are written as decimal strings instead), object keys that look like
// array indices (JS orders them first), lone surrogates, and text longer than the JS limit.
//
//   node tests/js/corpus/generate.mjs [COUNT] [SEED] > cases.jsonl

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../../', import.meta.url);
const load = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));

/** A seeded PRNG (mulberry32) and the draws the generator uses. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks by weight from `[[weight, value], …]`. */
    weighted: (pairs) => {
      let x = next() * pairs.reduce((s, [w]) => s + w, 0);
      for (const [w, v] of pairs) {
        x -= w;
        if (x < 0) return v;
      }
      return pairs[pairs.length - 1][1];
    },
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    },
  };
  return r;
}

const clone = (v) => structuredClone(v);

// ---------------------------------------------------------------------------------------------
// The base plans and the sample team.

const REPS = load('samples/team/reps.json');
const BASES = [
  { name: 'team', doc: load('samples/team/plan.json'), weight: 5 },
  { name: 'sample', doc: load('tests/data/plans/sample.json'), weight: 2 },
  { name: 'scorecard', doc: load('tests/data/plans/scorecard.json'), weight: 2 },
  { name: 'gamification', doc: load('tests/data/plans/gamification.json'), weight: 1 },
  { name: 'hand', doc: load('tests/data/incentive/plan/hand.json'), weight: 1.5 },
  { name: 'hand2', doc: load('tests/data/incentive/plan/hand2.json'), weight: 1 },
];

/** Every value the sample team has for a field id, to draw realistic values from. */
const POOL = new Map();
for (const rep of REPS) {
  for (const [k, v] of Object.entries(rep)) {
    if (k === '订单') continue;
    if (!POOL.has(k)) POOL.set(k, []);
    POOL.get(k).push(v);
  }
}
const ORDERS = REPS.flatMap((r) => r['订单'] ?? []);
const TEXTS = ['甲组', '乙组', '丙组', '先锋组', '猎鹰组', '新人', '成熟', '金牌', 'toB', 'toC', '维护期', '拓新期', '王芳', 'E1001', 'E1002', 'A', 'B'];
// Letters with a case beyond ASCII (Latin, full-width, Greek with its final sigma): text compared
// ignoring case is lowercased by the standard library natively and by the host's toLowerCase in
// WebAssembly, which must agree.
const CASED = ['ÄPFEL', 'äpfel', 'Äpfel', 'ＶＩＰ客户', 'ｖｉｐ客户', 'ΣΟΦΟΣ', 'σοφος', 'σοφοσ', 'İstanbul', 'Straße', 'STRASSE'];
const PRODUCTS = ['硬件', '软件', '服务', '其他', '软件 ', 'SOFTWARE', ''];
const CUSTOMERS = ['新客户', '老客户', '新', '老', ''];

// ---------------------------------------------------------------------------------------------
// Values.

/** Rounds to `places` decimals (as a JS number). */
const round = (x, places) => Number(x.toFixed(places));

/** A perturbed number: one of many shapes, as a number or as text. */
function perturbNumber(r, v) {
  const base = typeof v === 'number' && Number.isFinite(v) ? v : r.int(0, 200000);
  return r.weighted([
    [8, () => round(base * (0.5 + r.next()), r.pick([0, 0, 2, 2, 4]))],
    [4, () => base + r.next()], // every place a double has
    [3, () => `${Math.trunc(base)}.${String(r.int(0, 1e9)).padStart(9, '0')}${String(r.int(0, 1e9)).padStart(9, '0')}`],
    [2, () => -Math.abs(base) - r.pick([0, 0.5, 0.01])],
    [2, () => r.pick([0, '0', '0.00', -0, '-0'])],
    [1.5, () => r.pick([1e15, 123456789012345.67, 9007199254740991, 1e21, 1.5e25, 7.9e28, 1e300, '79228162514264337593543950335', '79228162514264337593543950336', '-12345678901234567890123.45'])],
    [1, () => r.pick([1e-7, 5e-324, 0.1 + 0.2, '0.0000000000000000000000000001', '1e-30', 2 ** -20])],
    [2, () => r.pick([` ${base} `, `${base}`, '1e3', '+7', '1,000', 'abc', '', '  ', 'NaN', 'Infinity', '0x10', '--1', '.5', '5.', '1e400'])],
    [1, () => r.pick([true, false, null, [], [1], {}, { a: 1 }])],
  ])();
}

/** A perturbed value of a field of type `type`. */
function perturbValue(r, v, type) {
  switch (type) {
    case 'text':
      return r.weighted([
        [5, () => r.pick(TEXTS)],
        [1, () => r.pick(['', ' ', '中文 and English ✓', '😀'.repeat(r.int(1, 4)), 'x'.repeat(r.int(50, 300)), 'a"b\\c\n\t\u0001', ...CASED])],
        [2, () => r.pick([0, 12.5, true, null, [], {}])],
      ])();
    case 'boolean':
      return r.pick([true, false, 'true', 'TRUE', 'false', 'yes', 1, 0, '', null, [], 2.5]);
    case 'date':
      return r.pick(['2025-06-30', '2024-02-29', '2025-02-29', '2025-02-30', '2025/01/01', '2025-1-1', '2025-13-01', '1900-01-01', '9999-12-31', 45000, '', 'today', true]);
    case 'integer':
      return r.chance(0.3) ? r.pick([2.5, '3', ' 4 ', -1, 1e6, '1e2', 0.1 + 0.2, 1e20]) : perturbNumber(r, v);
    default:
      return perturbNumber(r, v);
  }
}

/** A fresh value of a field (its sample team values when there are any). */
function freshValue(r, field) {
  const pool = POOL.get(field.id);
  if (pool && r.chance(0.8)) return r.pick(pool);
  switch (field.type) {
    case 'text':
      return r.pick(TEXTS);
    case 'boolean':
      return r.chance(0.2);
    case 'date':
      return `${r.int(2015, 2026)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    case 'integer':
      return r.int(0, r.pick([5, 10, 50, 200]));
    case 'rate':
      return round(r.next() * 1.5, 4);
    case 'money':
      return r.weighted([[3, () => r.int(0, 600) * 1000], [1, () => round(r.next() * 300000, 2)]])();
    default:
      return r.weighted([[3, () => r.int(0, 120)], [1, () => round(r.next() * 100, 1)], [1, () => round(r.next() * 5, 2)]])();
  }
}

// ---------------------------------------------------------------------------------------------
// Records.

/** Orders for a plan's transactions section (`t`), in its column names. */
function freshOrders(r, t, repId) {
  const n = r.weighted([[1, 0], [3, 1], [4, r.int(2, 5)], [1, r.int(6, 20)]]);
  const orders = [];
  for (let i = 0; i < n; i++) {
    const o = r.pick(ORDERS);
    const row = {};
    if (t.id) row[t.id] = `${repId ?? 'X'}-${i + 1}`;
    row[t.amount] = r.chance(0.7) ? o['金额'] : r.int(1, 400) * 1000;
    if (t.collected) row[t.collected] = r.chance(0.6) ? row[t.amount] : round(row[t.amount] * r.next(), 2);
    if (t.product) row[t.product] = r.chance(0.8) ? o['产品线'] : r.pick(PRODUCTS);
    if (t.customerType) row[t.customerType] = r.chance(0.8) ? o['客户类型'] : r.pick(CUSTOMERS);
    if (t.splits && r.chance(0.12)) row[t.splits] = freshSplit(r, repId);
    orders.push(row);
  }
  return orders;
}

function freshSplit(r, repId) {
  const me = repId ?? 'A';
  const other = r.pick(['E1002', 'E1013', 'B', 'Z']);
  const [a, b] = r.pick([[60, 40], [50, 50], [33.33, 66.67], [100, 0], [70, 30]]);
  return [{ rep: me, percent: a }, { rep: other, percent: b }];
}

/** A broken split cell. */
function oddSplit(r, repId) {
  return r.pick([
    [{ rep: repId ?? 'A', percent: 60 }, { rep: 'B', percent: 30 }],
    [{ rep: repId ?? 'A', percent: '50' }, { rep: 'B', percent: '50' }],
    [{ rep: repId ?? 'A', percent: 50.5 }, { rep: 'B', percent: 49.5 }],
    [{ rep: repId ?? 'A', percent: -20 }, { rep: 'B', percent: 120 }],
    [{ rep: 'B', percent: 100 }],
    [{ rep: repId ?? 'A' }],
    [{ rep: repId ?? 'A', percent: 50, extra: 1 }, { rep: 'B', percent: 50 }],
    [],
    { rep: repId ?? 'A', percent: 100 },
    [1, 2],
    [[], {}],
    [{ rep: repId ?? 'A', percent: 1e30 }],
    [{ rep: null, percent: 100 }],
    { nested: { deep: [1, { x: 'y' }] } },
    'A:60,B:40',
    100,
    true,
  ]);
}

/** Perturbs the orders of a record in place (`key` the sub-table, `t` its columns). */
function perturbOrders(r, record, key, t, repId) {
  const orders = record[key];
  const what = r.weighted([
    [6, 'cells'],
    [1, 'drop'],
    [1, 'duplicate'],
    [1, 'shuffle'],
    [1, 'add'],
    [1, 'empty'],
    [1, 'missing'],
    [1, 'notArray'],
    [1, 'oddRow'],
    [2, 'split'],
  ]);
  if (!Array.isArray(orders)) return;
  switch (what) {
    case 'cells':
      for (const row of orders) {
        if (!r.chance(0.4)) continue;
        const col = r.pick([t.amount, t.amount, t.collected, t.product, t.customerType, t.id].filter(Boolean));
        if (r.chance(0.1)) delete row[col];
        else if (col === t.product) row[col] = r.chance(0.7) ? r.pick(PRODUCTS) : perturbValue(r, row[col], 'text');
        else if (col === t.customerType) row[col] = r.chance(0.7) ? r.pick(CUSTOMERS) : perturbValue(r, row[col], 'text');
        else if (col === t.id) row[col] = perturbValue(r, row[col], 'text');
        else row[col] = perturbValue(r, row[col], 'money');
      }
      break;
    case 'drop':
      orders.splice(r.int(0, orders.length), 1);
      break;
    case 'duplicate':
      if (orders.length) orders.push(clone(r.pick(orders)));
      break;
    case 'shuffle':
      r.shuffle(orders);
      break;
    case 'add':
      orders.push(...freshOrders(r, t, repId));
      break;
    case 'empty':
      record[key] = [];
      break;
    case 'missing':
      if (r.chance(0.5)) delete record[key];
      else record[key] = null;
      break;
    case 'notArray':
      record[key] = r.pick([{}, { 0: { [t.amount]: 1 } }, 'orders', 5, true]);
      break;
    case 'oddRow':
      orders.splice(r.int(0, orders.length), 0, r.pick([null, 5, 'row', [], [1, 2], true]));
      break;
    case 'split':
      if (t.splits && orders.length) {
        const row = r.pick(orders);
        if (row && typeof row === 'object') row[t.splits] = r.chance(0.4) ? freshSplit(r, repId) : oddSplit(r, repId);
      }
      break;
  }
}

/** The plan's fields: `[{ id, type }]` (whatever the document says, for broken plans too). */
function fieldsOf(doc) {
  return Array.isArray(doc.fields) ? doc.fields.filter((f) => f && typeof f.id === 'string') : [];
}

/** A record for `doc`: a sample rep (team plans) or values made from its fields; perturbed with
 *  probability `noise` per field. */
function makeRecord(r, base, doc, noise, rep) {
  const fields = fieldsOf(doc);
  const t = doc.incentive?.transactions;
  let record;
  if (base.name === 'team') {
    record = clone(rep ?? r.pick(REPS));
  } else {
    record = {};
    for (const f of fields) if (r.chance(0.93)) record[f.id] = freshValue(r, f);
    if (t && typeof t === 'object' && typeof t.field === 'string' && typeof t.amount === 'string') {
      const repField = typeof doc.incentive.rep === 'string' ? doc.incentive.rep : '工号';
      if (!(repField in record) && r.chance(0.8)) record[repField] = r.pick(['A', 'E1001', 'B']);
      record[t.field] = freshOrders(r, t, record[repField]);
    }
  }
  for (const f of fields) {
    if (!r.chance(noise)) continue;
    if (r.chance(0.15)) delete record[f.id];
    else record[f.id] = perturbValue(r, record[f.id], f.type);
  }
  if (t && typeof t.field === 'string' && r.chance(noise * 2)) {
    perturbOrders(r, record, t.field, t, record[doc.incentive?.rep ?? '工号'] ?? record['工号']);
  }
  if (r.chance(0.05)) record['不相关'] = r.pick([1, 'x', null, { a: [1] }]);
  return record;
}

// ---------------------------------------------------------------------------------------------
// Plan mutations. Each changes `doc` in place (when it finds something to change).

/** Every `[parent, key, value]` in `doc` whose value passes `test`. */
function leaves(doc, test) {
  const out = [];
  const walk = (node) => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const key = Array.isArray(node) ? Number(k) : k;
      if (test(v, key, node)) out.push([node, key, v]);
      walk(v);
    }
  };
  walk(doc);
  return out;
}

const ENUMS = {
  strategy: ['halfUp', 'halfEven', 'up', 'down', 'ceiling'],
  bounds: ['lowerInclusive', 'upperInclusive'],
  calculation: ['cumulative', 'perTransaction'],
  frequency: ['perEvent', 'oncePerPeriod'],
  effect: ['zero', 'capGrade'],
  fn: ['average', 'sum', 'median', 'count', 'max', 'min'],
  currency: ['CNY', 'USD', 'JPY', 'EUR', 'XXX'],
  locale: ['zh-CN', 'en', 'fr'],
  on: ['attainment', 'actual'],
};

/** The values an enum-like string may take, given where it is (a scoring method's type only
 *  with `methods`: each type needs its own keys, so a swap is mostly an error). */
function enumValues(key, parent, methods = true) {
  if (key === 'kind' && Array.isArray(parent.tiers)) return ['flat', 'retroactive', 'marginal', 'interpolated'];
  if (key === 'kind' && 'formula' in parent) return ['number', 'money', 'rate', 'score', 'text', 'boolean', 'date'];
  if (key === 'kind' && parent.type === 'draw') return ['recoverable', 'nonRecoverable'];
  if (key === 'basis' && parent.type === 'commission') return ['booked', 'collected'];
  if (key === 'basis' && Array.isArray(parent.tiers)) return ['amount', 'attainment'];
  if (key === 'rounding' && typeof parent.rounding === 'string') return ['perLine', 'onTotal', 'perItem'];
  if (key === 'type' && 'id' in parent && !('formula' in parent) && !('components' in parent) && ['money', 'integer', 'number', 'rate', 'text', 'boolean', 'date'].includes(parent.type)) {
    return ['money', 'integer', 'number', 'rate', 'text', 'boolean', 'date', 'amount'];
  }
  if (methods && key === 'type' && ['ratio', 'linear', 'steps', 'lowerIsBetter', 'rating', 'passFail'].includes(parent.type)) {
    return ['ratio', 'linear', 'steps', 'lowerIsBetter', 'rating', 'passFail'];
  }
  return ENUMS[key];
}

/** Number literals and field names in formula text, changed. */
function mutateFormula(r, text, fieldIds) {
  return r.weighted([
    [3, () => text.replace(/\d+(\.\d+)?/, () => String(r.pick([0, 1, 0.5, 2, 100, 1e6, 0.0001, 33.333]))) ],
    [2, () => text.replace(/>=|<=|>|</, () => r.pick(['>=', '<=', '>', '<', '=', '<>']))],
    [1, () => (fieldIds.length ? text.replace(fieldIds.find((f) => text.includes(f)) ?? '\u0000', (m) => m.slice(0, -1) || 'x') : text)],
    [1, () => `${text} + 1`],
    [1, () => `(${text}) / 0`],
    [1, () => `ROUND(${text}, ${r.int(-2, 6)})`],
    [1, () => `${text} * ${r.pick(['0.1', '3', '1e-9', '-1', '"x"'])}`],
    [1, () => text.slice(0, r.int(0, text.length))],
  ])();
}

const NEW_FORMULAS = [
  (a, b) => `DIVIDE(${a}, ${b})`,
  (a, b) => `IF(${a} > ${b}, ${a} - ${b}, 0)`,
  (a, b) => `ROUND(${a} * 0.0375, 2)`,
  (a) => `${a} ^ 2`,
  (a, b) => `MAX(${a}, ${b}) / 3`,
  (a) => `TIERSUM(${a}, 0, 0.03, 100000, 0.05, 200000, 0.08)`,
  (a) => `CLAMP(${a} / 7, 0, 100)`,
  (a, b) => `${a} / ${b}`,
  (a) => `MOD(${a}, -3)`,
  (a) => `CEILING(${a}, 0.05)`,
  (a) => `SQRT(${a})`,
  (a) => `IFS(${a} > 100000, "高", ${a} > 0, "中")`,
];

const MUTATIONS = [
  // A number anywhere: a rate, a bound, a weight, a cap, points, a percent, a scale…
  [6, 'number', (r, doc) => {
    const all = leaves(doc, (v, k) => typeof v === 'number' && (k !== 'version' || r.chance(0.1)));
    if (!all.length) return;
    const [parent, key, v] = r.pick(all);
    parent[key] = r.weighted([
      [4, () => round(v * r.pick([0.5, 0.9, 1.1, 1.25, 2]), 6)],
      [2, () => v + r.pick([1, -1, 0.5, 0.001, 5])],
      [1, () => -v],
      [1, () => 0],
      [1, () => v + 1 / 3],
      [1, () => String(v)],
      [0.5, () => r.pick([1e21, 1e-9, '1e2', 'x', null, true])],
    ])();
  }],
  // Weights moved between two entries of one list, so they still total 100 (or do not).
  [5, 'weights', (r, doc) => {
    const lists = leaves(doc, (v, k) => k === 'weights' && Array.isArray(v) && v.length > 1);
    if (!lists.length) return;
    const [, , list] = r.pick(lists);
    const [a, b] = r.shuffle([...list.keys()]);
    const delta = r.pick([1, 5, 2.5, 0.01, 1 / 3]);
    if (typeof list[a]?.weight !== 'number' || typeof list[b]?.weight !== 'number') return;
    list[a].weight = round(list[a].weight + delta, 6);
    list[b].weight = round(list[b].weight - (r.chance(0.8) ? delta : delta / 2), 6);
  }],
  // A tier bound moved, with the next tier's start (valid), or alone (a gap or an overlap).
  [5, 'tiers', (r, doc) => {
    const lists = leaves(doc, (v, k) => (k === 'tiers' || k === 'bands' || k === 'points') && Array.isArray(v) && v.length > 1);
    if (!lists.length) return;
    const [, , list] = r.pick(lists);
    const i = r.int(0, list.length - 2);
    const [lo, hi] = [list[i], list[i + 1]];
    if (!lo || !hi) return;
    for (const k of ['to', 'from', 'attainment']) {
      if (typeof lo[k] === 'number' || typeof hi[k] === 'number') {
        const target = k === 'to' ? lo : hi;
        const base = typeof target[k] === 'number' ? target[k] : 0;
        const moved = round(base * r.pick([0.9, 1.1, 0.5, 1.01]) + r.pick([0, 0.5]), 4);
        target[k] = moved;
        if (k === 'to' && typeof hi.from === 'number' && r.chance(0.8)) hi.from = moved;
        return;
      }
    }
  }],
  [3, 'rate', (r, doc) => {
    const rates = leaves(doc, (v, k) => (k === 'rate' || k === 'coefficient' || k === 'payout' || k === 'slopeAbove') && typeof v === 'number');
    if (!rates.length) return;
    const [parent, key, v] = r.pick(rates);
    parent[key] = r.pick([round(v * 1.5, 6), round(v / 3, 10), 0, -0.01, 0.123456789, 1, String(v)]);
    if (parent[key] < 0 && r.chance(0.5)) {
      const table = leaves(doc, (t) => t && Array.isArray(t.tiers) && t.tiers.includes(parent));
      if (table.length) table[0][2].allowNegativeRates = true;
    }
  }],
  [4, 'enum', (r, doc) => {
    const all = leaves(doc, (v, k, parent) => typeof v === 'string' && !!enumValues(k, parent, r.chance(0.2)));
    if (!all.length) return;
    const [parent, key] = r.pick(all);
    parent[key] = r.pick(enumValues(key, parent, true));
  }],
  [4, 'rounding', (r, doc) => {
    doc.rounding ??= {};
    const kind = r.pick(['money', 'rate', 'score', 'number']);
    doc.rounding[kind] = {
      scale: r.weighted([[8, r.int(0, 6)], [1, r.pick([-1, 29, 2.5, '2'])]]),
      strategy: r.chance(0.9) ? r.pick(ENUMS.strategy.slice(0, 4)) : 'ceiling',
    };
  }],
  [3, 'formula', (r, doc) => {
    const all = leaves(doc, (v, k) => typeof v === 'string' && ['formula', 'when', 'target', 'threshold', 'stretch', 'base', 'points', 'count', 'targetBonus', 'achievement', 'events'].includes(k));
    if (!all.length) return;
    const [parent, key, v] = r.pick(all);
    parent[key] = mutateFormula(r, v, fieldsOf(doc).map((f) => f.id));
  }],
  [3, 'addMetric', (r, doc) => {
    const numeric = fieldsOf(doc).filter((f) => ['money', 'number', 'integer', 'rate'].includes(f.type)).map((f) => f.id);
    if (numeric.length < 2) return;
    doc.metrics ??= [];
    doc.metrics.push({
      id: `新指标${r.int(1, 99)}`,
      formula: r.pick(NEW_FORMULAS)(r.pick(numeric), r.pick(numeric)),
      kind: r.pick(['number', 'money', 'rate', 'score', 'text']),
    });
  }],
  [2, 'addComponent', (r, doc) => {
    if (!doc.incentive?.components) return;
    const numeric = fieldsOf(doc).filter((f) => ['money', 'number', 'integer', 'rate'].includes(f.type)).map((f) => f.id);
    if (!numeric.length) return;
    const pool = doc.incentive.components.findIndex((c) => c?.type === 'pool');
    doc.incentive.components.splice(
      pool >= 0 && r.chance(0.9) ? pool : doc.incentive.components.length,
      0,
      r.pick([
        () => ({ id: `MBO${r.int(1, 9)}`, type: 'mbo', targetBonus: r.pick(['3000', '0', '1234.567']), objectives: [
          { id: '甲', weight: 60, achievement: `CLAMP(${r.pick(numeric)} / 1000, 0, 150)` },
          { id: '乙', weight: r.pick([40, 40, 30]), maxAchievement: 120, achievement: r.pick(['80', '100', '130']) },
        ] }),
        () => ({ id: `保底${r.int(1, 9)}`, type: 'draw', amount: r.pick([5000, 0, 1234.5]), kind: r.pick(['recoverable', 'nonRecoverable']) }),
        () => ({ id: `奖励${r.int(1, 9)}`, type: 'spiff', amount: r.pick([100, 0.5, 300]), frequency: r.pick(['perEvent', 'oncePerPeriod']), maxEvents: r.pick([1, 3, 10]) }),
      ])(),
    );
  }],
  // Drop an entry of a list: a component, an indicator, a rule, a tier, a metric, a field…
  [3, 'drop', (r, doc) => {
    const lists = leaves(doc, (v) => Array.isArray(v) && v.length > 0);
    if (!lists.length) return;
    const [, , list] = r.pick(lists);
    list.splice(r.int(0, list.length - 1), 1);
  }],
  // Duplicate an entry (a duplicate id, an overlapping tier).
  [1, 'duplicate', (r, doc) => {
    const lists = leaves(doc, (v) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object');
    if (!lists.length) return;
    const [, , list] = r.pick(lists);
    list.push(clone(r.pick(list)));
  }],
  // Delete a key of an object (a required one is MISSING_KEY; an optional one changes defaults).
  [1.5, 'deleteKey', (r, doc) => {
    const all = leaves(doc, (v, k, parent) => !Array.isArray(parent));
    if (!all.length) return;
    const [parent, key] = r.pick(all);
    delete parent[key];
  }],
  [1, 'unknownKey', (r, doc) => {
    const objects = leaves(doc, (v) => v && typeof v === 'object' && !Array.isArray(v));
    const target = objects.length ? r.pick(objects)[2] : doc;
    const keys = Object.keys(target);
    const typo = keys.length ? `${r.pick(keys)}s` : 'extra';
    target[r.chance(0.7) ? typo : r.pick(['lable', 'foo', 'Formula'])] = r.pick([1, 'x', null, []]);
  }],
  [2, 'caps', (r, doc) => {
    const all = leaves(doc, (v, k) => ['cap', 'gate', 'maxEvents', 'holdback', 'capAttainment', 'max', 'min', 'top', 'percent', 'individualWeight', 'teamWeight'].includes(k));
    if (!all.length) return;
    const [parent, key, v] = r.pick(all);
    parent[key] = r.pick([0, 1, 50, 100, 150, 1000, -5, typeof v === 'number' ? v * 2 : 3, 99.99]);
  }],
  [1, 'fieldType', (r, doc) => {
    const fields = fieldsOf(doc);
    if (!fields.length) return;
    r.pick(fields).type = r.pick(['money', 'integer', 'number', 'rate', 'text', 'boolean', 'date']);
  }],
  [1, 'default', (r, doc) => {
    const fields = fieldsOf(doc);
    if (!fields.length) return;
    const f = r.pick(fields);
    if (r.chance(0.3)) delete f.default;
    else f.default = perturbValue(r, f.default ?? 0, f.type);
  }],
  [1, 'locale', (r, doc) => {
    if (r.chance(0.3)) delete doc.locale;
    else doc.locale = r.pick(['zh-CN', 'en', 'en', 'zh', 'fr']);
  }],
  [1, 'incentiveRounding', (r, doc) => {
    if (doc.incentive) doc.incentive.rounding = r.pick(['perLine', 'onTotal']);
  }],
  [1, 'casedText', (r, doc) => {
    // A text field holding letters with a case beyond ASCII, compared ignoring case.
    const text = fieldsOf(doc).filter((f) => f.type === 'text');
    if (!text.length) return;
    const f = r.pick(text);
    f.default = r.pick(CASED);
    const [a, b] = [r.pick(CASED), r.pick(CASED)];
    doc.metrics ??= [];
    doc.metrics.push({
      id: `大小写${r.int(1, 99)}`,
      formula: r.pick([`IF(${f.id} = "${a}", 1, 0)`, `IF(${f.id} < "${a}", 1, 2)`, `SWITCH(${f.id}, "${a}", 1, "${b}", 2, 0)`]),
      kind: 'number',
    });
  }],
];

/** The plan text broken as JSON (compiled as text only: a JS object cannot carry it). */
function brokenText(r, text) {
  return r.pick([
    () => text.slice(0, r.int(1, text.length - 1)),
    () => `${text},`,
    () => text.replace(':', ''),
    () => '',
    () => 'null',
    () => '[]',
    () => '"plan"',
    () => '{"fields": []} trailing',
  ])();
}

// ---------------------------------------------------------------------------------------------
// Cases.

/** Integers at or past 2^53 written as JSON numbers become decimal strings (see above). */
function sanitize(v) {
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 2 ** 53 && Math.abs(v) < 1e21) return String(v);
  if (Array.isArray(v)) return v.map(sanitize);
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) v[k] = sanitize(v[k]);
  }
  return v;
}

function options(r) {
  const o = { numbers: 'string' };
  if (r.chance(0.35)) o.explain = true;
  else if (r.chance(0.1)) o.explain = false;
  if (r.chance(0.4)) o.locale = r.pick(['en', 'zh-CN']);
  // The totals alone (never with an explanation, which shows every line).
  if (!o.explain && r.chance(0.3)) o.detail = 'totals';
  return o;
}

/** A team of reps for a team call: one month of the sample team (team plans), or made ones. */
function makeTeam(r, base, doc) {
  const size = r.weighted([[1, 1], [2, r.int(2, 6)], [3, r.int(7, 24)], [0.3, 0]]);
  const noise = r.pick([0, 0, 0.02, 0.05, 0.15]);
  let records;
  if (base.name === 'team') {
    const month = r.int(1, 6);
    const reps = r.shuffle(REPS.filter((x) => x['月份'] === month)).slice(0, size);
    records = reps.map((rep) => makeRecord(r, base, doc, noise, rep));
  } else {
    records = [];
    for (let i = 0; i < size; i++) {
      const rec = makeRecord(r, base, doc, noise);
      rec['工号'] = r.chance(0.95) ? `R${i + 1}` : 'R1';
      rec['小组'] = r.pick(['甲组', '乙组', '丙组']);
      records.push(rec);
    }
  }
  if (records.length && r.chance(0.1)) records.splice(r.int(0, records.length), 0, r.pick([null, 5, 'rep', [], clone(records[0])]));
  return records;
}

/**
 * `count` cases from `seed`: `{ plans: [{ id, text, as }], cases: [{ id, plan, call, record |
 * records, options }] }` (plans in order of first use; each plan serves 1–8 cases).
 */
export function generate(count, seed = 20260501) {
  const r = prng(seed);
  const plans = [];
  const cases = [];
  while (cases.length < count) {
    const base = r.weighted(BASES.map((b) => [b.weight, b]));
    const doc = clone(base.doc);
    const n = r.weighted([[3, 0], [5, 1], [2, 2], [0.5, 3]]);
    for (let i = 0; i < n; i++) r.weighted(MUTATIONS.map(([w, , f]) => [w, f]))(r, doc);
    sanitize(doc);
    let text = JSON.stringify(doc);
    let as = r.chance(0.7) ? 'object' : 'text';
    if (r.chance(0.02)) {
      text = brokenText(r, text);
      as = 'text';
    }
    const plan = { id: plans.length, text, as };
    plans.push(plan);
    const uses = Math.min(count - cases.length, r.weighted([[2, 1], [3, r.int(2, 4)], [2, r.int(5, 8)]]));
    const teamPlan = !!doc.scorecard?.team;
    for (let u = 0; u < uses; u++) {
      const c = { id: cases.length, plan: plan.id, options: options(r) };
      if (teamPlan && r.chance(0.15)) {
        c.call = 'team';
        c.records = sanitize(makeTeam(r, base, doc));
        if (c.records.length > 8 && c.options.explain) c.options.explain = r.chance(0.3);
      } else {
        c.call = 'evaluate';
        const noise = r.weighted([[5, 0], [4, 0.04], [1.5, 0.2]]);
        c.record = r.chance(0.02) ? r.pick([null, 5, 'record', [], [{}], true]) : sanitize(makeRecord(r, base, doc, noise));
      }
      cases.push(c);
    }
  }
  return { plans, cases };
}

/** The JSON lines of a corpus: each plan before its first case. */
export function* lines({ plans, cases }) {
  let next = 0;
  for (const c of cases) {
    while (next <= c.plan) {
      const p = plans[next++];
      yield JSON.stringify({ kind: 'plan', id: p.id, text: p.text, as: p.as });
    }
    yield JSON.stringify({ kind: 'case', ...c });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 20260501);
  for (const line of lines(generate(count, seed))) process.stdout.write(`${line}\n`);
}
