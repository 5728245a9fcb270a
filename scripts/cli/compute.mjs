// Running the plan over the team's records: one `plan.evaluateTeam` call per team (per --by
// value) when the plan has a `scorecard.team` section, `plan.evaluateMany` in chunks otherwise.
// Rows that failed before (a broken CSV row) or in the engine carry their error; every other row
// carries its result.
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

/**
 * Evaluates every team. Returns `{ teams: [{ by, entries, team }] }` with, on each entry that
 * computed, `result` (the PlanResult, explained) and `member` (its TeamMember, team plans).
 */
export function compute(plan, doc, entries, { by, where, locale }, progress) {
  const kept = entries.filter((e) => e.error || where.every((w) => text(e.record?.[w.field]) === w.value));
  const options = { numbers: 'string', explain: true, ...(locale ? { locale } : {}) };
  const isTeam = Boolean(doc.scorecard?.team);
  const teams = teamsOf(kept, by, locale);
  const total = kept.filter((e) => !e.error).length;
  let done = 0;
  for (const t of teams) {
    const live = t.entries.filter((e) => !e.error);
    const label = t.by === undefined ? 'reps' : `${by} = ${t.by}`;
    progress.update(label, done, total, true);
    if (isTeam) {
      try {
        const { results, errors, team } = plan.evaluateTeam(live.map((e) => e.record), options);
        for (const { index, error } of errors) live[index].error = fromEngine(error, index);
        results.forEach((r, i) => {
          if (r) live[i].result = r;
        });
        for (const m of team.members) live[m.index].member = m;
        t.team = team;
      } catch (e) {
        // The whole call failed (TOO_LARGE, an engine that stopped…): every row of the team has it.
        for (const entry of live) entry.error = fromEngine(e);
      }
      done += live.length;
      progress.update(label, done, total, true);
    } else {
      for (let at = 0; at < live.length; at += CHUNK) {
        const chunk = live.slice(at, at + CHUNK);
        try {
          const { results, errors } = plan.evaluateMany(chunk.map((e) => e.record), options);
          for (const { index, error } of errors) chunk[index].error = fromEngine(error, index);
          results.forEach((r, i) => {
            if (r) chunk[i].result = r;
          });
        } catch (e) {
          for (const entry of chunk) entry.error = fromEngine(e);
        }
        done += chunk.length;
        progress.update(label, done, total);
      }
    }
  }
  return { teams, kept };
}
