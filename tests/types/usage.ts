// Compiled with `tsc --noEmit` against the built package's generated types: if the API or the
// generated plan types drift, this stops compiling. Each entry has its own declarations:
// salescore (formulas and plans), salescore/targets (decompose, pace), salescore/admin (the form
// entry's API with Compare and plan.diagnostics()); `@ts-expect-error` marks what an entry must
// not have.
import init, { Formula, Plan, SalesScoreError, evaluateFormula, formulaTokens, listFunctions, version } from 'salescore';
import type { FormulaResult, FormulaToken, FunctionInfo, Options, PlanBatchTotals, PlanDocument, PlanResult, PlanTotals, TraceEntry } from 'salescore';
import initTargets, { decompose, pace, SalesScoreError as TargetsError, version as targetsVersion } from 'salescore/targets';
import type { Decomposition, DecompositionSpec, PaceSpec, Pacing } from 'salescore/targets';
// @ts-expect-error salescore/targets has no Plan
import { Plan as NoPlan } from 'salescore/targets';
// @ts-expect-error salescore has no decompose (it is salescore/targets')
import { decompose as noDecompose } from 'salescore';
// @ts-expect-error salescore has no Compare (it is salescore/admin's)
import { Compare as NoCompare } from 'salescore';
import initAdmin, { Compare, Formula as AdminFormula, Plan as AdminPlan, SalesScoreError as AdminError } from 'salescore/admin';
import type { Comparison, PlanDiagnostic } from 'salescore/admin';
import initAuto, { flavour, Plan as AutoPlan } from 'salescore/auto';

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
  // The totals alone: the type follows `detail`.
  const totals: PlanTotals = Plan.compile(scored).evaluate({ 回款额: 9000 }, { detail: 'totals', numbers: 'string' });
  const scoreTotal: number | string | undefined = totals.score?.total;
  // @ts-expect-error the totals have no indicator lines
  const lines = totals.score?.indicators;
  const totalsMany: PlanBatchTotals = Plan.compile(scored).evaluateMany([{ 回款额: 9000 }], { detail: 'totals' });
  const full: PlanResult = Plan.compile(scored).evaluate({ 回款额: 9000 }, { detail: 'full' });
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
  return `${v} ${fields.length} ${explained.type} ${trace.length} ${fns.length} ${kinds} ${version()} ${grade} ${scoreTotal} ${lines} ${totalsMany.results.length} ${full.metrics}`;
}

// salescore/targets: decompose and pace, their specs and results; nothing of the form entry.
export async function targetsUsage(): Promise<string> {
  await initTargets();
  const spec: DecompositionSpec = { total: '36000000', unit: 100, period: { start: '2025-01-01', end: '2025-12-31' }, nodes: [{ id: '华东' }] };
  const tree: Decomposition = decompose(spec, { explain: true, numbers: 'string' });
  const fromText: Decomposition = decompose(JSON.stringify(spec));
  const paceSpec: PaceSpec = { period: { start: '2026-05-01', end: '2026-05-31' }, asOf: '2026-05-15', reps: [{ id: 'A', target: 100000, actual: 40000 }] };
  const paced: Pacing = pace(paceSpec, { locale: 'en' });
  try {
    pace('{');
  } catch (e) {
    if (e instanceof TargetsError) return `${e.code} ${e.path}`;
  }
  return `${tree.nodes.length} ${fromText.nodes.length} ${paced.reps.length} ${targetsVersion()} ${typeof NoPlan} ${typeof noDecompose} ${typeof NoCompare}`;
}

// salescore/admin: everything salescore has, with Compare and plan.diagnostics().
export async function adminUsage(doc: PlanDocument, team: Record<string, unknown>[]): Promise<string> {
  await initAdmin();
  const plan: AdminPlan = AdminPlan.compile(doc);
  const warnings: PlanDiagnostic[] = plan.diagnostics({ locale: 'en' });
  const codes: string = warnings.map((w) => `${w.code} ${w.path} ${w.severity}`).join(', ');
  const session: Compare = Compare.open(doc, team, { locale: 'en' });
  session.setDraft({ ...doc, currency: 'USD' });
  const compared: Comparison = session.comparison({ reps: true }, { numbers: 'string' });
  session.free();
  const fee: number | string | boolean = AdminFormula.compile('1 + 1').evaluate({});
  try {
    Compare.open('{', [], {});
  } catch (e) {
    if (e instanceof AdminError) return `${e.code} ${e.origin}`;
  }
  return `${codes} ${JSON.stringify(compared.cost)} ${fee}`;
}

export function formPlanHasNoDiagnostics(doc: PlanDocument): number {
  const plan: Plan = Plan.compile(doc);
  // @ts-expect-error salescore's Plan has no diagnostics() (salescore/admin's has)
  return plan.diagnostics().length;
}

// A misspelt key in a plan written inline is a type error where it is written, and so is a
// wrong kind of value (what an editor shows as the builder types).
export function typedDocuments(): number {
  // @ts-expect-error 'metric' is not a key of a plan document ('metrics' is)
  const misspelt = Plan.compile({ version: 1, fields: [], metric: [] });
  // @ts-expect-error a field's type is one of the plan's field types, not any string
  const wrongType = Plan.compile({ version: 1, fields: [{ id: 'x', type: 'moeny' }], metrics: [] });
  return [misspelt, wrongType].length;
}

// salescore/auto: the same API as salescore, and which build init() picked.
export async function autoUsage(): Promise<string> {
  await initAuto();
  const picked: 'wasm' | 'nowasm' | null = flavour;
  const p: AutoPlan = AutoPlan.compile({ version: 1, fields: [{ id: 'x', type: 'money' }], metrics: [{ id: 'y', formula: 'x * 2', kind: 'money' }] });
  const { decompose: d } = await import('salescore/targets/auto');
  return `${picked} ${JSON.stringify(p.evaluate({ x: 1 }).metrics)} ${typeof d}`;
}
