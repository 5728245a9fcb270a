// STAND-IN for the package's compare session (`Compare.open`), used by engine.js only while the
// package does not export `Compare`. Delete this file, and the one line of engine.js that
// imports it, once it does.
//
// It gives the same shape of view from the API that exists: both plans run through
// `plan.evaluateTeam` (explained, so each rep's components and statement lines are there), and
// the differences are worked out here with exact decimal arithmetic on the engine's rounded
// numbers. What it cannot know as the engine will (curve points crossed, why a rule changed)
// it leaves out. Sensitivity and curves scale each rep's actuals (the transaction amounts and
// the money fields the indicators read) and run the plans again.

const DEFAULTS = { top: 10, bins: 20, threshold: null };

export function openStandIn(pkg, baseline, records, { locale = 'zh-CN' } = {}) {
  return new StandInSession(pkg, baseline, records, locale);
}

class StandInSession {
  constructor(pkg, baseline, records, locale) {
    this.pkg = pkg;
    this.locale = locale;
    this.records = [...records];
    this.options = { ...DEFAULTS };
    this.base = this.#side(pkg.Plan.compile(baseline));
    this.draft = this.base;
  }

  #side(plan) {
    const team = plan.evaluateTeam(this.records, { explain: true, locale: this.locale });
    return { plan, doc: plan.document(), team, records: this.records };
  }

  setDraft(draft) {
    const plan = this.pkg.Plan.compile(draft); // throws SalesScoreError: the last draft stays
    let side;
    try {
      side = this.#side(plan);
    } catch (e) {
      plan.free();
      throw e;
    }
    if (this.draft !== this.base) this.draft.plan.free();
    this.draft = side;
    return this.summary();
  }

  setRecord(index, record) {
    this.records[index] = record;
    this.base = this.#side(this.base.plan);
    this.draft = this.draft === this.base ? this.base : this.#side(this.draft.plan);
    return this.summary();
  }

  summary(options = {}) {
    this.options = { ...this.options, ...options };
    return buildView(this.base, this.draft, this.options, this.locale);
  }

  rep(index) {
    return { before: this.base.team.results[index] ?? null, after: this.draft.team.results[index] ?? null };
  }

  sensitivity(factors) {
    return factors.map((factor) => {
      const scaled = this.records.map((r) => scaleActuals(r, this.base.doc, 1 + factor));
      const cost = (side) => side.plan.evaluateTeam(scaled).team.incentive?.total ?? 0;
      const before = cost(this.base);
      const after = cost(this.draft);
      return { factor, before, after, ...delta(before, after) };
    });
  }

  curves({ from = 0, to = 2, step = 0.05, record } = {}) {
    const index = record ?? typicalRep(this.base.team);
    const attainment = [];
    for (let i = 0; from + i * step <= to + 1e-9; i++) attainment.push(Number((from + i * step).toFixed(6)));
    const series = (side) => {
      const result = side.team.results[index];
      const now = attainmentOf(result);
      if (!now) return attainment.map(() => null);
      const rows = attainment.map((a) => scaleActuals(this.records[index], this.base.doc, (a * 100) / now));
      const { results } = side.plan.evaluateMany(rows);
      return results.map((r) => r?.incentive?.statement.total ?? null);
    };
    return { attainment, baseline: series(this.base), draft: series(this.draft), record: index };
  }

  free() {
    if (this.draft !== this.base) this.draft.plan.free();
    this.base.plan.free();
  }
}

// ------------------------------------------------------------------------------------------
// The view

function buildView(base, draft, options, locale) {
  const reps = base.team.results.map((_, index) => repChange(index, base, draft, locale));
  const failures = failuresOf(base.team, draft.team);
  const ok = reps.filter((r) => r.before && r.after);
  const brief = ({ index, id, name, change }) => ({ index, id, name, change });
  const byChange = [...ok].sort((a, b) => b.change - a.change);
  return {
    reps,
    team: teamChange(base, draft, reps),
    grades: { before: gradeCounts(base, reps, 'before'), after: gradeCounts(draft, reps, 'after') },
    histogram: histogram(ok.map((r) => r.change), options.bins),
    winners: byChange.filter((r) => r.change > 0).slice(0, options.top).map(brief),
    losers: byChange.filter((r) => r.change < 0).reverse().slice(0, options.top).map(brief),
    overThreshold: ok.filter((r) => overThreshold(r, options.threshold)).map(brief),
    gained: ok.filter((r) => r.change > 0).length,
    lost: ok.filter((r) => r.change < 0).length,
    unchanged: ok.filter((r) => r.change === 0).length,
    failures,
  };
}

function sideOf(team, index) {
  const m = team.team.members.find((x) => x.index === index);
  if (!m || !team.results[index]) return null;
  return { score: m.total, grade: m.grade, forcedGrade: m.forcedGrade ?? null, payout: m.payout ?? 0 };
}

function repChange(index, base, draft, locale) {
  const before = sideOf(base.team, index);
  const after = sideOf(draft.team, index);
  const rep = { index, ...identity(index, base, draft), before, after };
  if (!before || !after) return { ...rep, change: null, percent: null, components: [], crossed: [] };
  const b = base.team.results[index];
  const a = draft.team.results[index];
  return { ...rep, ...delta(before.payout, after.payout), components: componentChanges(b, a), crossed: crossings(b, a, before, after, locale) };
}

function identity(index, base, draft) {
  const member = base.team.team.members.find((m) => m.index === index) ?? draft.team.team.members.find((m) => m.index === index);
  if (member) return { id: member.id, name: member.name ?? '', group: member.group ?? '' };
  const keys = base.doc.scorecard?.team ?? {};
  const record = base.records[index] ?? {};
  return { id: String(record[keys.id] ?? index + 1), name: String(record[keys.name] ?? ''), group: String(record[keys.group] ?? '') };
}

function componentChanges(b, a) {
  const ids = unique([...(b.incentive?.components ?? []), ...(a.incentive?.components ?? [])].map((c) => c.id));
  const amount = (r, id) => r.incentive?.components.find((c) => c.id === id)?.amount ?? 0;
  return ids.map((id) => ({ id, before: amount(b, id), after: amount(a, id), change: sub(amount(a, id), amount(b, id)) }));
}

/** Like for like, as the engine: only the reps both plans compute; each plan's own total beside. */
function teamChange(base, draft, reps) {
  const both = reps.filter((r) => r.before && r.after);
  const total = (list, side, amount) => list.reduce((s, r) => add(s, amount(r[side], r)), 0);
  const cost = (list, amount) => {
    const [before, after] = [total(list, 'before', amount), total(list, 'after', amount)];
    return { before, after, change: sub(after, before) };
  };
  const payout = (side) => side.payout;
  const byGroup = unique(both.map((r) => r.group)).map((group) => ({ group, ...cost(both.filter((r) => r.group === group), payout) }));
  const ids = unique(both.flatMap((r) => r.components.map((c) => c.id)));
  const part = (id, side) => (_, r) => r.components.find((c) => c.id === id)?.[side] ?? 0;
  const byComponent = ids.map((id) => {
    const [before, after] = [total(both, 'before', part(id, 'before')), total(both, 'after', part(id, 'after'))];
    return { id, before, after, change: sub(after, before) };
  });
  const { before, after } = cost(both, payout);
  const planCost = { before: base.team.team.incentive?.total ?? 0, after: draft.team.team.incentive?.total ?? 0 };
  return { before, after, ...delta(before, after), planCost, byGroup, byComponent };
}

function gradeCounts(side, reps, which) {
  const order = (side.doc.scorecard?.grades ?? []).map((g) => g.grade);
  const counts = new Map(order.map((g) => [g, 0]));
  for (const r of reps) if (r[which]?.grade) counts.set(r[which].grade, (counts.get(r[which].grade) ?? 0) + 1);
  return [...counts].map(([grade, count]) => ({ grade, count }));
}

function histogram(changes, bins) {
  if (!changes.length) return [];
  let lo = Math.min(...changes);
  let hi = Math.max(...changes);
  if (lo === hi) return [{ from: lo, to: hi, count: changes.length }];
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ from: round2(lo + i * width), to: round2(lo + (i + 1) * width), count: 0 }));
  for (const c of changes) out[Math.min(bins - 1, Math.floor((c - lo) / width))].count++;
  return out;
}

function overThreshold(r, threshold) {
  if (!threshold) return false;
  const { amount, percent } = threshold;
  return (amount != null && Math.abs(r.change) >= amount) || (percent != null && r.percent != null && Math.abs(r.percent) >= percent);
}

function failuresOf(base, draft) {
  const errs = new Map();
  for (const e of base.errors) errs.set(e.index, { index: e.index, side: 'baseline', error: e.error });
  for (const e of draft.errors) {
    const seen = errs.get(e.index);
    errs.set(e.index, seen ? { ...seen, side: 'both' } : { index: e.index, side: 'draft', error: e.error });
  }
  return [...errs.values()].sort((a, b) => a.index - b.index);
}

// ------------------------------------------------------------------------------------------
// What a rep crossed (grade bands, gates, vetoes, the highest tier of each rule)

const CROSS_TEXT = {
  'zh-CN': { gradeBand: '等级 {from} → {to}', gate: '{c} 门槛：{from} → {to}', veto: '{c}：{from} → {to}', tier: '{c} 最高档 {from} → {to}', open: '达成', closed: '未达成', on: '触发', off: '未触发' },
  en: { gradeBand: 'grade {from} → {to}', gate: '{c} gate: {from} → {to}', veto: '{c}: {from} → {to}', tier: '{c} top tier {from} → {to}', open: 'passed', closed: 'missed', on: 'triggered', off: 'not triggered' },
};

function crossings(b, a, before, after, locale) {
  const text = CROSS_TEXT[locale] ?? CROSS_TEXT['zh-CN'];
  const say = (key, vars) => text[key].replace(/\{(\w+)\}/g, (_, k) => vars[k]);
  const out = [];
  if (before.grade !== after.grade) {
    const direction = after.score >= before.score ? 'up' : 'down';
    out.push({ kind: 'gradeBand', from: before.grade, to: after.grade, direction, text: say('gradeBand', { from: before.grade, to: after.grade }) });
  }
  for (const [id, was, now] of pairs(gates(b), gates(a))) {
    if (was === now) continue;
    const [from, to] = [was ? text.open : text.closed, now ? text.open : text.closed];
    out.push({ kind: 'gate', component: id, from, to, direction: now ? 'up' : 'down', text: say('gate', { c: id, from, to }) });
  }
  for (const [id, was, now] of pairs(vetoes(b), vetoes(a))) {
    if (was === now) continue;
    const [from, to] = [was ? text.on : text.off, now ? text.on : text.off];
    out.push({ kind: 'veto', component: id, from, to, direction: now ? 'down' : 'up', text: say('veto', { c: id, from, to }) });
  }
  for (const [id, was, now] of pairs(tiers(b), tiers(a))) {
    if (was === now || was == null || now == null) continue;
    out.push({ kind: 'tier', component: id, from: was + 1, to: now + 1, direction: now > was ? 'up' : 'down', text: say('tier', { c: id, from: was + 1, to: now + 1 }) });
  }
  return out;
}

const lines = (r) => r.incentive?.statement.lines ?? [];
const gates = (r) => new Map(lines(r).filter((l) => l.kind === 'curve' && l.gatePassed != null).map((l) => [l.component, l.gatePassed]));
const vetoes = (r) => new Map((r.score?.vetoes ?? []).map((v) => [v.id, Boolean(v.triggered)]));

function tiers(r) {
  const top = new Map();
  for (const l of lines(r)) {
    if (l.kind !== 'slice' || l.tier == null) continue;
    const key = `${l.component}·${l.name}`;
    top.set(key, Math.max(top.get(key) ?? -1, l.tier));
  }
  return top;
}

function pairs(was, now) {
  return unique([...was.keys(), ...now.keys()]).map((k) => [k, was.get(k), now.get(k)]);
}

// ------------------------------------------------------------------------------------------
// Scaling actuals (sensitivity, curves)

function scaleActuals(record, doc, factor) {
  const f = String(Number(factor.toFixed(10)));
  const places = doc.rounding?.money?.scale ?? 2;
  const out = { ...record };
  const tx = doc.incentive?.transactions;
  const actuals = new Set((doc.scorecard?.indicators ?? []).map((i) => i.actual));
  const money = (doc.fields ?? []).filter((fd) => fd.type === 'money' && actuals.has(fd.id));
  for (const fd of money) if (isNum(out[fd.id])) out[fd.id] = mul(out[fd.id], f, places);
  if (tx && Array.isArray(out[tx.field])) {
    out[tx.field] = out[tx.field].map((row) => {
      const r = { ...row };
      for (const col of [tx.amount, tx.collected]) if (col && isNum(r[col])) r[col] = mul(r[col], f, places);
      return r;
    });
  }
  return out;
}

const attainmentOf = (result) => result?.incentive?.components.find((c) => c.attainment != null)?.attainment ?? null;

function typicalRep(team) {
  let best = 0;
  let gap = Infinity;
  team.results.forEach((r, i) => {
    const a = attainmentOf(r);
    if (a != null && Math.abs(a - 100) < gap) [best, gap] = [i, Math.abs(a - 100)];
  });
  return best;
}

// ------------------------------------------------------------------------------------------
// Exact decimals (BigInt, 12 places) on the engine's numbers

const SCALE = 12;
const UNIT = 10n ** BigInt(SCALE);

function big(n) {
  const s = typeof n === 'number' ? numberText(n) : String(n).trim();
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace(/^[-+]/, '').split('.');
  const v = BigInt(int || '0') * UNIT + BigInt((frac + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
  return neg ? -v : v;
}

function numberText(n) {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(SCALE) : s;
}

function fromBig(v) {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % UNIT).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return Number(`${neg ? '-' : ''}${a / UNIT}${frac ? `.${frac}` : ''}`);
}

const add = (a, b) => fromBig(big(a) + big(b));
const sub = (a, b) => fromBig(big(a) - big(b));
/** a × f, rounded half up to `places` decimals (money must fit the currency), as text. */
function mul(a, f, places = 2) {
  const v = (big(a) * big(f)) / UNIT;
  const step = 10n ** BigInt(SCALE - places);
  const half = v >= 0n ? step / 2n : -step / 2n;
  return String(fromBig(((v + half) / step) * step));
}

function delta(before, after) {
  const change = sub(after, before);
  if (before === 0) return { change, percent: null };
  const p = (big(change) * 100n * 100n * UNIT) / big(before); // percent × 100, scaled
  const rounded = (p + (p >= 0n ? UNIT / 2n : -UNIT / 2n)) / UNIT;
  return { change, percent: Number(rounded) / 100 };
}

const round2 = (x) => Math.round(x * 100) / 100;
const isNum = (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v));
const unique = (xs) => [...new Set(xs)];
