// What a run writes: per-rep rows, the summary, the errors and (--explain) the statements, as
// CSV (papaparse, with a UTF-8 BOM for Excel) or JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sumDecimals } from './decimal.mjs';

const BOM = '\uFEFF';
// Cells a spreadsheet would run as a formula get a leading quote (papaparse's escapeFormulae),
// plain negative numbers excepted.
const FORMULA = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;
const str = (v) => (v === undefined || v === null ? '' : String(v));

/** One row per computed rep, in the team file's order. */
export function repRows(computed, doc, shape, { by }, input) {
  const components = (doc.incentive?.components ?? []).map((c) => c.id);
  const metrics = (doc.metrics ?? []).map((m) => m.id);
  return computed.map(({ row, line, record, result, member }) => {
    const amounts = Object.fromEntries((result.incentive?.components ?? []).map((c) => [c.id, c.amount]));
    const v = (x) => (x === undefined || x === '' ? null : x);
    return {
      row,
      ...(input === 'csv' ? { line } : {}),
      ...(by ? { [by]: v(record[by]) } : {}),
      id: v(member?.id ?? record[shape.repField]),
      name: v(member?.name ?? record[shape.nameField]),
      group: v(member?.group ?? record[shape.groupField]),
      score: v(result.score?.total),
      grade: v(result.score?.grade),
      forcedGrade: v(member?.forcedGrade),
      rank: v(member?.rank),
      vetoed: member ? Boolean(member.vetoed) : null,
      payout: v(member?.payout ?? result.incentive?.statement.total),
      ...Object.fromEntries(components.map((c) => [`payout:${c}`, v(amounts[c])])),
      ...Object.fromEntries(metrics.map((m) => [`metric:${m}`, v(result.metrics?.[m])])),
    };
  });
}

const count = (values) => {
  const out = {};
  for (const v of values) if (v) out[v] = (out[v] ?? 0) + 1;
  return out;
};

/** Payout total and per component over some computed rows. */
function payouts(rows, components) {
  return {
    total: sumDecimals(rows.map((r) => r.payout)),
    components: Object.fromEntries(components.map((c) => [c, sumDecimals(rows.map((r) => r[`payout:${c}`]))])),
  };
}

/** The summary: one entry per team (per --by value), and with --by the total over all teams. */
export function summary(teams, rowsByEntry, failedByTeam, doc, { by }) {
  const components = (doc.incentive?.components ?? []).map((c) => c.id);
  const hasIncentive = Boolean(doc.incentive);
  const grades = (doc.scorecard?.grades ?? []).map((g) => g.grade);
  const ordered = (counts) => Object.fromEntries([...grades, ...Object.keys(counts)].filter((g, i, all) => all.indexOf(g) === i).map((g) => [g, counts[g] ?? 0]));
  const one = (t) => {
    const rows = t.entries.filter((e) => rowsByEntry.has(e)).map((e) => rowsByEntry.get(e));
    const team = t.team;
    const out = {
      ...(by ? { [by]: t.by } : {}),
      reps: rows.length,
      errors: failedByTeam.get(t) ?? 0,
    };
    if (hasIncentive) {
      const p = payouts(rows, components);
      // The engine's team cost where it gives one (pools included); the same sum otherwise.
      if (team?.incentive) {
        p.total = team.incentive.total;
        for (const c of team.incentive.components) p.components[c.id] = c.amount;
      }
      out.payout = p;
    }
    if (doc.scorecard) {
      out.grades = ordered(count(rows.map((r) => r.grade)));
      if (team?.distribution) out.forcedGrades = ordered(count(rows.map((r) => r.forcedGrade)));
    }
    if (team?.aggregates) out.aggregates = team.aggregates;
    if (team) {
      const groupNames = [...new Set(rows.map((r) => r.group).filter((g) => g !== null))];
      out.groups = groupNames.map((g) => {
        const inGroup = rows.filter((r) => r.group === g);
        const engine = team.groups?.find((x) => x.group === g);
        return {
          group: g,
          reps: inGroup.length,
          ...(hasIncentive ? { payout: payouts(inGroup, components) } : {}),
          grades: ordered(count(inGroup.map((r) => r.grade))),
          ...(team.distribution ? { forcedGrades: ordered(count(inGroup.map((r) => r.forcedGrade))) } : {}),
          ...(engine ? { aggregates: engine.aggregates } : {}),
        };
      });
      if (team.pk?.length) out.pk = team.pk;
    }
    return out;
  };
  const perTeam = teams.map(one);
  const result = { teams: perTeam };
  if (by && perTeam.length > 1) {
    result.total = {
      reps: perTeam.reduce((s, t) => s + t.reps, 0),
      errors: perTeam.reduce((s, t) => s + t.errors, 0),
      ...(hasIncentive ? {
        payout: {
          total: sumDecimals(perTeam.map((t) => t.payout.total)),
          components: Object.fromEntries(components.map((c) => [c, sumDecimals(perTeam.map((t) => t.payout.components[c]))])),
        },
      } : {}),
    };
  }
  return result;
}

/** The summary as a long table: team, group, measure, value. */
function summaryRows(s, by) {
  const rows = [];
  const add = (team, group, measure, value) => rows.push({ team, group, measure, value: str(value) });
  const measures = (team, group, x) => {
    add(team, group, 'reps', x.reps);
    if (x.errors !== undefined) add(team, group, 'errors', x.errors);
    if (x.payout) {
      add(team, group, 'payout', x.payout.total);
      for (const [c, v] of Object.entries(x.payout.components)) add(team, group, `payout:${c}`, v);
    }
    for (const [g, n] of Object.entries(x.grades ?? {})) add(team, group, `grade:${g}`, n);
    for (const [g, n] of Object.entries(x.forcedGrades ?? {})) add(team, group, `forcedGrade:${g}`, n);
    for (const [k, v] of Object.entries(x.aggregates ?? {})) add(team, group, `aggregate:${k}`, v);
  };
  for (const t of s.teams) {
    const team = by ? str(t[by]) : '';
    measures(team, '', t);
    for (const g of t.groups ?? []) measures(team, g.group, g);
    for (const pk of t.pk ?? []) {
      add(team, '', `pk:${pk.id}:winner`, pk.winner ?? '');
      if (pk.margin !== undefined) add(team, '', `pk:${pk.id}:margin`, pk.margin);
    }
  }
  if (s.total) measures('(all)', '', s.total);
  return rows;
}

/** Statements of the computed reps: the score's and the statement's sentences. */
function statementRows(computed, repRowOf, by) {
  const rows = [];
  for (const entry of computed) {
    const rep = repRowOf(entry);
    const head = { row: rep.row, ...(by ? { [by]: rep[by] } : {}), id: rep.id, name: rep.name };
    const { score, incentive } = entry.result;
    if (score?.text) rows.push({ ...head, kind: 'score', component: '', rule: '', transaction: '', amount: str(score.total), text: score.text });
    for (const l of incentive?.statement.lines ?? []) {
      rows.push({ ...head, kind: l.kind, component: l.component, rule: str(l.name), transaction: str(l.transaction), amount: str(l.amount), text: str(l.text) });
    }
    if (incentive) rows.push({ ...head, kind: 'total', component: '', rule: '', transaction: '', amount: str(incentive.statement.total), text: str(incentive.statement.text) });
  }
  return rows;
}

const ERROR_COLUMNS = ['file', 'row', 'line', 'id', 'code', 'path', 'message', 'hint'];

/** Writes the files; returns their paths. */
export function write(dir, format, { reps, summary: s, errors, explained, by }) {
  mkdirSync(dir, { recursive: true });
  const written = [];
  const put = (name, data, columns) => {
    const file = join(dir, `${name}.${format}`);
    if (format === 'json') writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    else {
      const cells = data.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] === false ? '' : str(r[c])])));
      writeFileSync(file, BOM + Papa.unparse({ fields: columns, data: cells.map((r) => columns.map((c) => r[c])) }, { newline: '\r\n', escapeFormulae: FORMULA }) + '\r\n');
    }
    written.push(file);
  };
  put('reps', reps, reps.length ? Object.keys(reps[0]) : ['row', 'id']);
  if (format === 'json') put('summary', s);
  else put('summary', summaryRows(s, by), ['team', 'group', 'measure', 'value']);
  put('errors', errors.map((e) => Object.fromEntries(ERROR_COLUMNS.map((c) => [c, e[c] ?? null]))), ERROR_COLUMNS);
  if (explained) {
    if (format === 'json') put('statements', explained.json);
    else put('statements', statementRows(explained.computed, explained.repRowOf, by), ['row', ...(by ? [by] : []), 'id', 'name', 'kind', 'component', 'rule', 'transaction', 'amount', 'text']);
  }
  return written;
}

