// Compiled with `tsc --noEmit` against the built package's generated types: if the API or the
// generated plan types drift, this stops compiling.
import init, { Formula, Plan, SalesScoreError, evaluateFormula, formulaTokens, listFunctions, version } from 'salescore';
import type { FormulaResult, FormulaToken, FunctionInfo, Options, PlanDocument, PlanResult, TraceEntry } from 'salescore';

export async function usage(): Promise<string> {
  await init();
  const options: Options = { numbers: 'string', explain: true, locale: 'en' };
  const f: Formula = Formula.compile('回款额 * 0.05', options);
  const v: number | string | boolean = f.evaluate({ 回款额: 1000 }, options);
  const fields: string[] = f.fields;
  const explained: FormulaResult = f.explain({ 回款额: 1000 });
  const doc: PlanDocument = {
    version: 1,
    currency: 'CNY',
    locale: 'zh-CN',
    rounding: { money: { scale: 2, strategy: 'halfUp' }, rate: { scale: 4, strategy: 'halfEven' }, score: { scale: 1, strategy: 'down' } },
    fields: [{ id: '回款额', type: 'money', default: 0 }],
    metrics: [{ id: '提成', formula: '回款额 * 0.05', kind: 'money', label: '提成' }],
  };
  const result: PlanResult = Plan.compile(doc).evaluate({ 回款额: '1000' }, { explain: true });
  const scored: PlanDocument = {
    ...doc,
    scorecard: {
      indicators: [{ id: '回款', category: 'result', actual: '回款额', target: '10000', method: { type: 'ratio', cap: '1.2' } }],
      profiles: [{ id: '默认', weights: [{ indicator: '回款', weight: 100 }] }],
      grades: [{ grade: 'A', from: 90, coefficient: 1.2 }, { grade: 'B', to: 90, coefficient: 1 }],
    },
  };
  const grade: string | undefined = Plan.compile(scored).evaluate({ 回款额: 9000 }).score?.grade;
  const trace: TraceEntry[] = result.trace ?? [];
  const fns: FunctionInfo[] = listFunctions();
  const tokens: FormulaToken[] = formulaTokens('SUM(回款额, "未');
  const kinds: string = tokens.map((t) => `${t.kind}:${t.start}-${t.end}${t.code ?? ''}`).join(' ');
  try {
    evaluateFormula('1/0', {});
  } catch (e) {
    if (e instanceof SalesScoreError) {
      const where: string = `${e.code} ${e.path} ${e.origin} ${e.span?.start ?? ''}`;
      return where;
    }
  }
  return `${v} ${fields.length} ${explained.type} ${trace.length} ${fns.length} ${kinds} ${version()} ${grade}`;
}
