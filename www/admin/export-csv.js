// The comparison as CSV (papaparse writes it): a row per rep with both sides, the change, what
// the rep crossed or why it was not computed, each component before and after; the team's total
// last. A byte-order mark lets Excel read the Chinese.

import { unparseCsv } from '../vendor/sheets.js';
import { crossingText, errorMessage, t } from './i18n.js';

/** `view`: the comparison with every rep's row (`rows`, in record order). */
export function comparisonCsv(view) {
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
  return `\uFEFF${unparseCsv({ fields: head, data: [...rows, total] })}`;
}
