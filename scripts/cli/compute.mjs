// Running the plan over the team's records: one `plan.evaluateTeam` call per team (per --by
// value) when the plan has a `scorecard.team` section, `plan.evaluateMany` in chunks otherwise.
// Rows that failed before (a broken CSV row) or in the engine carry their error; every other row
// carries its result.
import { addDecimal } from './decimal.mjs';
import { cliError } from './messages.mjs';

const CHUNK = 1000;

/** The engine's error as a row error: its code, the path inside the record (the batch index the
 *  engine puts first is dropped: the row number says which record), message and hint. */
function fromEngine(error, batchIndex) {
  const prefix = `/${batchIndex}`;
  let path = error.path ?? '';
  if (batchIndex !== undefined && (path === prefix || path.startsWith(`${prefix}/`))) path = path.slice(prefix.length);
  return { code: error.code, path, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

const text = (v) => (v === undefined || v === null ? '' : String(v));

/** Splits the entries into teams: `[{ by, entries }]`, in order of first appearance. */
function teamsOf(entries, by, locale) {
  if (!by) return [{ by: undefined, entries }];
  const teams = new Map();
  for (const entry of entries) {
    if (entry.error) continue;
    const value = entry.record?.[by];
    if (value === undefined || value === null || value === '') {
      entry.error = cliError('MISSING_BY', { field: by }, locale, `/${by}`);
      continue;
    }
    const k = text(value);
    if (!teams.has(k)) teams.set(k, { by: value, entries: [] });
    teams.get(k).entries.push(entry);
  }
  return [...teams.values()];
}

/** Evaluates `entries` with `plan.evaluateMany`, CHUNK records a call; sets each one's
 *  `result` or `error`. */
function evaluateMany(plan, entries, options, progress, label, counter) {
  for (let at = 0; at < entries.length; at += CHUNK) {
    const chunk = entries.slice(at, at + CHUNK);
    try {
      const { results, errors } = plan.evaluateMany(chunk.map((e) => e.record), options);
      for (const { index, error } of errors) chunk[index].error = fromEngine(error, index);
      results.forEach((r, i) => {
        if (r) chunk[i].result = r;
      });
    } catch (e) {
      for (const entry of chunk) entry.error = fromEngine(e);
    }
    counter.done += chunk.length;
    progress.update(label, counter.done, counter.total);
  }
}

const negate = (d) => (d.startsWith('-') ? d.slice(1) : `-${d}`);

/**
 * Evaluates every team. Returns `{ teams: [{ by, entries, team }], kept }` with, on each entry
 * that computed, `result` (its PlanResult) and `member` (its TeamMember, team plans).
 *
 * A team plan's per-rep scores and statements: `evaluateTeam` gives them only with `explain`,
 * which costs about three times the run and its memory. So unless the statements are asked for
 * (or the plan has several pools), the team call runs without it (ranks, forced grades, payouts
 * with pools, the team summary) and the reps' scores and statements come from `evaluateMany`
 * in chunks; a statement there leaves the pool pending, and the rep's pool share is its team
 * payout less that statement's total.
 */
export function compute(plan, doc, entries, { by, where, locale, explain }, progress) {
  const kept = entries.filter((e) => e.error || where.every((w) => text(e.record?.[w.field]) === w.value));
  const options = { numbers: 'string', ...(locale ? { locale } : {}) };
  const isTeam = Boolean(doc.scorecard?.team);
  const pools = (doc.incentive?.components ?? []).filter((c) => c.type === 'pool').map((c) => c.id);
  const detailed = explain || pools.length > 1;
  const teams = teamsOf(kept, by, locale);
  const counter = { done: 0, total: kept.filter((e) => !e.error).length * (isTeam && !detailed ? 2 : 1) };
  for (const t of teams) {
    const live = t.entries.filter((e) => !e.error);
    const label = t.by === undefined ? 'reps' : `${by} = ${t.by}`;
    progress.update(label, counter.done, counter.total, true);
    if (!isTeam) {
      evaluateMany(plan, live, { ...options, explain }, progress, label, counter);
      continue;
    }
    try {
      const { results, errors, team } = plan.evaluateTeam(live.map((e) => e.record), { ...options, explain: detailed });
      for (const { index, error } of errors) live[index].error = fromEngine(error, index);
      if (detailed) {
        results.forEach((r, i) => {
          if (r) live[i].result = r;
        });
      }
      for (const m of team.members) live[m.index].member = m;
      t.team = team;
    } catch (e) {
      // The whole call failed (TOO_LARGE, an engine that stopped…): every row of the team has it.
      for (const entry of live) entry.error = fromEngine(e);
    }
    counter.done += live.length;
    progress.update(label, counter.done, counter.total, true);
    if (detailed) continue;
    const scored = live.filter((e) => !e.error);
    evaluateMany(plan, scored, options, progress, label, counter);
    counter.done += live.length - scored.length;
    if (pools.length !== 1) continue;
    for (const e of scored) {
      const pool = e.result?.incentive?.components.find((c) => c.id === pools[0]);
      if (!pool || e.member?.payout === undefined) continue;
      const share = addDecimal(e.member.payout, negate(e.result.incentive.statement.total));
      // No share (a vetoed rep is outside the pool): the engine's own zero ("0"), as evaluateTeam writes it.
      if (!/^-?[0.]*$/.test(share)) pool.amount = share;
    }
  }
  return { teams, kept };
}
