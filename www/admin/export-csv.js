// The comparison as CSV (papaparse writes it), in four tables one after another, each with its
// head, a blank line between them: a row per rep with both sides, the change, what the rep
// crossed or why it was not computed, each component before and after, and the team's total
// last; then the cost per group, per component, and the reps per grade under each plan. A
// byte-order mark lets Excel read the Chinese.

import { unparseCsv } from '../vendor/sheets.js';
import { crossingText, errorMessage, t } from './i18n.js';

/** `view`: the comparison with every rep's row (`rows`, in record order). */
export function comparisonCsv(view) {
  const { team } = view;
  const cost = (key, r) => [key, r.before ?? '', r.after ?? '', r.change ?? '', r.percent ?? ''];
  const costHead = (first) => [first, t('before'), t('after'), t('change'), t('csvPercent')];
  const counts = new Map(view.grades.after.map((g) => [g.grade, g.count]));
  const tables = [
    reps(view),
    { fields: costHead(t('colGroup')), data: team.byGroup.map((g) => cost(g.group, g)) },
    { fields: costHead(t('colComponent')), data: team.byComponent.map((c) => cost(c.id, c)) },
    { fields: [t('grade'), t('before'), t('after')], data: view.grades.before.map((g) => [g.grade, g.count, counts.get(g.grade) ?? 0]) },
  ];
  return `\uFEFF${tables.filter((x) => x.data.length).map((x) => unparseCsv(x)).join('\r\n\r\n')}`;
}

/** The reps' table: a row per rep, the team's total last. */
function reps(view) {
  const components = view.team.byComponent.map((c) => c.id);
  const head = [...t('csvHead'), ...components.flatMap((c) => [`${c} (${t('before')})`, `${c} (${t('after')})`])];
  const failures = new Map(view.failures.map((f) => [f.index, f]));
  const rows = view.rows.map((r) => {
    const f = failures.get(r.index);
    const comp = (id, side) => r.components.find((c) => c.id === id)?.[side] ?? '';
    return [
      r.id, r.name, r.group, r.before?.score ?? '', r.after?.score ?? '', r.before?.grade ?? '', r.after?.grade ?? '',
      r.before?.forcedGrade ?? '', r.after?.forcedGrade ?? '', r.before?.payout ?? '', r.after?.payout ?? '',
      r.change ?? '', r.percent ?? '', r.crossed.map(crossingText).join('; '), f ? `${f.error.code} ${f.error.path} ${errorMessage(f.error)}` : '',
      ...components.flatMap((id) => [comp(id, 'before'), comp(id, 'after')]),
    ];
  });
  const { team } = view;
  const total = ['', t('statementTotal'), '', '', '', '', '', '', '', team.before, team.after, team.change, team.percent ?? '', '', ''];
  return { fields: head, data: [...rows, total] };
}
