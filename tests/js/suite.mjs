// The one JS suite every flavour runs, in Node and in the browser. It only uses the public API,
// returns plain results, and never throws: callers assert on `failures` and compare `outputs`
// across flavours. A flavour is the package's three entries in one kind of build (see `combine`).

import { hostileChecks } from './hostile.mjs';

/** What each entry exports (besides `default` in ESM namespaces), sorted. */
export const ENTRY_API = {
  form: ['Formula', 'Plan', 'SalesScoreError', '__trapForTest', 'evaluateFormula', 'formulaTokens', 'init', 'initSync', 'listFunctions', 'version'],
  targets: ['SalesScoreError', '__trapForTest', 'decompose', 'init', 'initSync', 'pace', 'version'],
  admin: ['Compare', 'Formula', 'Plan', 'SalesScoreError', '__trapForTest', 'compare', 'evaluateFormula', 'formulaTokens', 'init', 'initSync', 'listFunctions', 'version'],
};

/** The import of each entry, as the suite names them in its checks. */
export const ENTRY_IMPORT = { form: 'salescore', targets: 'salescore/targets', admin: 'salescore/admin' };

/**
 * The three entries of one flavour as the suite calls them: `salescore`'s API, with
 * `salescore/targets`' decompose and pace and `salescore/admin`'s Compare beside it, and the
 * entries themselves in `entries` (plan.diagnostics() is the admin entry's Plan's).
 */
export function combine({ form, targets, admin }) {
  return { ...form, decompose: targets.decompose, pace: targets.pace, Compare: admin.Compare, compare: admin.compare, entries: { form, targets, admin } };
}

/** An entry's exported names: an ESM namespace, a CommonJS module or an IIFE's global. */
export function exportedNames(entry) {
  return Object.keys(entry).filter((k) => k !== 'default' && k !== '__esModule').sort();
}

export function runSuite(api, data) {
  const results = [];
  const check = (name, fn) => {
    try {
      const { ok, got, want } = fn();
      results.push({ name, ok, got, want });
    } catch (e) {
      results.push({ name, ok: false, got: `threw ${e && e.code ? e.code : ''} ${e && e.stack ? e.stack : e}`, want: 'no exception' });
    }
  };
  const same = (got, want) => ({ ok: JSON.stringify(got) === JSON.stringify(want), got, want });

  // 1. Golden formula cases: exact (decimal strings), and as the JS number nearest to it.
  for (const c of data.formulas) {
    check(`formula line ${c.line}: ${c.formula.slice(0, 60)}`, () => {
      const got = notation(api, () => {
        const f = api.Formula.compile(c.formula);
        const v = f.evaluate(c.values);
        if (typeof v !== 'number') return v;
        const exact = f.evaluate(c.values, { numbers: 'string' });
        return Number(exact) === v ? { exact } : `number ${v} is not the nearest double to ${exact}`;
      }, c.expected);
      return { ok: got === c.expected, got, want: c.expected };
    });
  }

  // 2. Plan evaluations.
  const planOf = (c) => (c.plan === 'sample' ? data.sample : c.plan);
  for (const c of data.planCases) {
    check(`plan case: ${c.case}`, () => {
      const { metrics } = api.Plan.compile(planOf(c)).evaluate(c.record, { numbers: 'string' });
      const picked = Object.fromEntries(Object.keys(c.metrics).map((k) => [k, metrics[k]]));
      return same(picked, c.metrics);
    });
  }

  // 2b. Scorecards: profile, grade, total, points and the distance to the next grade.
  const scorecardPlan = api.Plan.compile(data.scorecard);
  // The team batch and the plan's document are salescore/admin's Plan's (salescore's evaluates
  // record by record); the checks below that use them compile there.
  const TeamPlan = api.entries.admin.Plan;
  const scorecardTeam = TeamPlan.compile(data.scorecard);
  for (const c of data.scorecardCases) {
    check(`scorecard case: ${c.case}`, () => {
      const { score } = scorecardPlan.evaluate(c.record);
      const w = c.expect;
      const got = {};
      const want = {};
      for (const key of ['profile', 'phase', 'grade', 'base', 'individual', 'total', 'coefficient']) {
        if (key in w) {
          got[key] = score[key];
          want[key] = w[key];
        }
      }
      for (const [id, p] of Object.entries(w.points ?? {})) {
        got[`points ${id}`] = score.indicators.find((l) => l.id === id)?.points;
        want[`points ${id}`] = p;
      }
      if (w.next) {
        const n = score.nextGrade;
        got.next = [n.grade, n.blockedBy ?? null, n.options.map((o) => [o.indicator, o.to, o.change])];
        want.next = [w.next.grade, w.next.blockedBy ?? null, w.next.options];
      }
      return same(got, want);
    });
  }

  check('plan.evaluateTeam: ranks and forced distribution in one call, bad records beside', () => {
    const rec = (i, collected) => ({ 工号: `E${String(i).padStart(2, '0')}`, 回款额: collected, 目标: 100000, 合同数: i % 5, 拜访次数: 20 + i,
      投诉数: 3, 满意度评分: 4, 带教人数: 1, 司龄月数: 40, 合同额: 120000, 团队得分: 90 });
    const records = Array.from({ length: 10 }, (_, i) => rec(i, 60000 + 10000 * i));
    records.push(42);
    records.push({ ...rec(11, 1), 满意度评分: 9 });
    const { results, errors, team } = scorecardTeam.evaluateTeam(records);
    const count = (g) => team.members.filter((m) => m.forcedGrade === g).length;
    const sorted = team.members.every((m, i, a) => i === 0 || a[i - 1].total >= m.total);
    return same(
      [results.length, results[10], errors.map((e) => `${e.index} ${e.error.code} ${e.error.path}`), team.members.length, sorted, team.members[0].rank,
        ['S', 'A', 'B', 'C', 'D'].map(count), typeof team.members[0].total, 'score' in results[0]],
      [12, null, ['10 INVALID_VALUE /10', '11 INVALID_VALUE /scorecard/indicators/4/actual'], 10, true, 1, [1, 2, 5, 2, 0], 'number', false],
    );
  });

  // 2c. Points, levels, badges, aggregates, PK and the leaderboard (values worked out in
  // tests/gamification.rs), as numbers and as exact strings.
  check('plan.evaluateTeam: aggregates, groups, PK, leaderboard and points', () => {
    const plan = TeamPlan.compile(data.gamification);
    const { team, results } = plan.evaluateTeam(data.gamificationTeam, { explain: true });
    const exact = plan.evaluateTeam(data.gamificationTeam, { numbers: 'string' }).team;
    const one = plan.evaluate(data.gamificationTeam[0], { numbers: 'string' }).score;
    return same(
      [team.aggregates, team.groups.map((g) => [g.group, g.members, g.aggregates.平均分]),
        team.pk.map((p) => [p.id, p.outcome, p.winner ?? null, p.margin ?? null]),
        team.leaderboard.entries.map((e) => [e.place, e.id, e.value]),
        results[0].score.points.badges, results[0].score.points.level, typeof results[0].score.points.text,
        exact.aggregates.平均分, exact.members[0].total, exact.pk[0].margin, one.total, one.points.experience, one.indicators[0].points],
      [{ 平均分: 78.6, 中位分: 85, 最高分: 95, 最低分: 55, 人数: 5, 零投诉人数: 4, 合同总数: 6 },
        [['乙组', 2, 71.5], ['甲组', 3, 83.33]],
        [['月度PK', 'won', '甲组', 11.83], ['零投诉PK', 'tie', null, 0], ['最低分低者胜', 'won', '乙组', 15], ['跨组PK', 'noData', null, null]],
        [[1, 'B2', 316], [2, 'A2', 310], [3, 'A1', 130], [3, 'B1', 130]],
        ['零投诉', '绩效之星'], '白银', 'string',
        '78.60', '95.00', '11.83', '95.00', '130', '95.00'],
    );
  });

  check('plan.evaluateTeam: an empty team and duplicate ids are coded errors; the handle keeps working', () => {
    const plan = TeamPlan.compile(data.gamification);
    let empty;
    try {
      plan.evaluateTeam([]);
    } catch (e) {
      empty = [e.code, e.origin];
    }
    const dup = plan.evaluateTeam([...data.gamificationTeam, data.gamificationTeam[2]]);
    return same(
      [empty, dup.errors.map((e) => `${e.index} ${e.error.code} ${e.error.path}`), dup.team.members.length, plan.evaluateTeam(data.gamificationTeam).team.members.length],
      [['EMPTY_TEAM', 'record'], ['5 DUPLICATE_ID /5'], 5, 5],
    );
  });

  // 2d. The sample team: whole results equal the native snapshots (exact strings).
  check('sample team: June evaluateTeam equals the native snapshot', () => {
    const plan = TeamPlan.compile(data.teamPlan);
    const june = data.teamReps.filter((r) => r.月份 === 6);
    return same(plan.evaluateTeam(june, { explain: true, numbers: 'string' }).team, data.snapshots.teamJune);
  });
  // Without explain, the same team view but the reasons of the forced grades (the distribution's
  // entries, one per graded rep), which only the explained call carries.
  check('sample team: June evaluateTeam without explain leaves out the distribution\'s entries', () => {
    const plan = TeamPlan.compile(data.teamPlan);
    const june = data.teamReps.filter((r) => r.月份 === 6);
    const { entries, ...grades } = data.snapshots.teamJune.distribution;
    const team = plan.evaluateTeam(june, { numbers: 'string' }).team;
    return same([team, entries.length], [{ ...data.snapshots.teamJune, distribution: grades }, 24]);
  });
  for (const [locale, want] of [['zh-CN', data.snapshots.repZh], ['en', data.snapshots.repEn]]) {
    check(`sample team: an explained rep (${locale}) equals the native snapshot`, () => {
      const plan = api.Plan.compile(data.teamPlan);
      const rep = data.teamReps.find((r) => r.工号 === 'E1019' && r.月份 === 2);
      return same(plan.evaluate(rep, { explain: true, locale, numbers: 'string' }), want);
    });
  }

  // 2e. Incentives: the statement worked out by hand (tests/incentive_plan.rs), a what-if, and the
  // sample team's pay adding up to the cent every month.
  const repA = {
    工号: 'A', 目标: 20000, 回款率: 0.95,
    订单: [
      { 单号: 'D1', 金额: 8000, 回款: 8000, 产品: '软件', 客户: '新' },
      { 单号: 'D2', 金额: 6000, 回款: 3000, 产品: '软件', 客户: '老', 分成: [{ rep: 'A', percent: 50 }, { rep: 'B', percent: 50 }] },
      { 单号: 'D3', 金额: '5000', 回款: 0, 产品: '服务', 客户: '新' },
    ],
  };
  check('incentive: the statement worked out by hand', () => {
    const inc = api.Plan.compile(data.incentiveHand).evaluate(repA, { explain: true, numbers: 'string' }).incentive;
    const got = {
      lines: inc.statement.lines.map((l) => [l.component, l.amount]),
      total: inc.statement.total,
      credited: inc.components[0].credited,
      split: [inc.transactions[1].percent, inc.transactions[1].credited],
      slice: inc.statement.lines[3].text,
    };
    return same(got, {
      lines: [['提成', '500.00'], ['提成', '400.00'], ['提成', '100.00'], ['提成', '100.00'], ['提成', '-110.00'], ['奖金', '800.00'], ['奖金', '0.00'], ['开单奖', '400.00']],
      total: '2190.00',
      credited: '16000.00',
      split: ['50', '3000.00'],
      slice: '提成·标准 [D2] 第2档位 10000–11000：1000 × 10% = 100',
    });
  });
  check('incentive: what if I close 1000 more of 软件', () => {
    const w = api.Plan.compile(data.incentiveHand).whatIf(repA, { amount: 1000, product: '软件' }, { locale: 'en', numbers: 'string' });
    return same(
      [w.payoutNow, w.payoutAfter, w.delta, w.next.map((n) => [n.component, n.kind, n.at, n.distance])],
      ['2190.00', '2330.00', '140.00', [['奖金', 'point', '20000', '3000.00']]],
    );
  });
  check('incentive: collected basis, true-up, holdback, MBO, a once-per-period SPIFF and a draw, by hand', () => {
    const plan = api.Plan.compile(data.incentiveHand2);
    const rep = {
      累计回款: 40000, 已发放: 800, 释放: 100, 预支余额: 1000, 满意度: 90, 培训: 130,
      订单: [{ 金额: 30000, 回款: 20000 }, { 金额: 10000, 回款: 5000 }, { 金额: -5000, 回款: -5000 }],
    };
    const inc = plan.evaluate(rep, { numbers: 'string' }).incentive;
    return same(
      [inc.components.map((c) => [c.id, c.amount]), inc.statement.total, inc.drawBalance],
      [[['回款提成', '1380.00'], ['季度MBO', '3060.00'], ['首单奖', '500.00'], ['保底', '60.00']], '5000.00', '1060.00'],
    );
  });
  check('the totals alone (detail: totals) are the full result\'s values at the same places', () => {
    // Every value of the totals is the full result's at the same place (lists as long); what
    // they hold is the score's profile, phase, total, grade and coefficient, the statement's
    // currency and total and each component's id, type and amount, the draw's balance.
    const within = (part, whole, path, bad) => {
      if (part && typeof part === 'object') {
        if (!whole || typeof whole !== 'object' || Array.isArray(part) !== Array.isArray(whole)) return bad.push(`${path}: not in the full result`);
        if (Array.isArray(part) && part.length !== whole.length) return bad.push(`${path}: ${part.length} items, not ${whole.length}`);
        for (const k of Object.keys(part)) within(part[k], whole[k], `${path}/${k}`, bad);
      } else if (part !== whole) bad.push(`${path}: ${part} is ${whole} in the full result`);
      return bad;
    };
    const bad = [];
    const keys = new Set();
    for (const [doc, records] of [[data.teamPlan, data.teamReps.slice(0, 40)], [data.scorecard, data.scorecardCases.map((c) => c.record)], [data.incentiveHand2, [{
      累计回款: 40000, 已发放: 800, 释放: 100, 预支余额: 1000, 满意度: 90, 培训: 130,
      订单: [{ 金额: 30000, 回款: 20000 }, { 金额: -5000, 回款: -5000 }],
    }]]]) {
      const plan = api.Plan.compile(doc);
      for (const numbers of ['number', 'string']) {
        const many = plan.evaluateMany(records, { numbers, detail: 'totals' });
        records.forEach((record, i) => {
          const full = plan.evaluate(record, { numbers });
          const totals = plan.evaluate(record, { numbers, detail: 'totals' });
          within(totals, full, `${i}`, bad);
          within(many.results[i], full, `many ${i}`, bad);
          for (const [k, v] of Object.entries(totals)) for (const key of Object.keys(v)) if (k !== 'metrics') keys.add(`${k}.${key}`);
          for (const c of totals.incentive?.components ?? []) for (const key of Object.keys(c)) keys.add(`components.${key}`);
        });
      }
      plan.free();
    }
    // A record that fails fails alike, and the handle keeps working.
    const plan = api.Plan.compile(data.teamPlan);
    const broken = { ...data.teamReps[0], 订单: [{ 金额: '12,5' }] };
    const codes = [thrown(() => plan.evaluate(broken)), thrown(() => plan.evaluate(broken, { detail: 'totals' }))].map((e) => e && `${e.code} ${e.path}`);
    const many = plan.evaluateMany([broken, data.teamReps[0]], { detail: 'totals', numbers: 'string' });
    return same(
      [bad.slice(0, 5), [...keys].sort(), codes[0] === codes[1] && codes[0] !== null, many.errors.map((e) => `${e.index} ${e.error.path}`), many.results[1].score.grade === plan.evaluate(data.teamReps[0]).score.grade],
      [[], ['incentive.components', 'incentive.drawBalance', 'incentive.pending', 'incentive.statement', 'score.coefficient', 'score.grade', 'score.phase', 'score.profile', 'score.total', 'components.amount', 'components.id', 'components.type'].sort(), true, [`0 /0${codes[0].split(' ')[1]}`], true],
    );
  });
  check('incentive: bad what-if deals and bad orders are coded errors; the handle keeps working', () => {
    const plan = api.Plan.compile(data.incentiveHand);
    const coded = (fn) => {
      const e = thrown(fn);
      return e ? [e.code, e.path] : null;
    };
    const got = [
      coded(() => plan.whatIf(repA, { amount: 'lots' }))?.[0],
      coded(() => plan.whatIf(repA, 5))?.[0],
      coded(() => plan.evaluate({ ...repA, 订单: [{ 金额: 1 }, 7] })),
      coded(() => plan.evaluate({ ...repA, 订单: 'none' })),
      coded(() => plan.evaluate({ ...repA, 订单: [{ 金额: 100, 分成: [{ rep: 'A', percent: 50 }] }] })),
      plan.evaluate(repA).incentive.statement.total,
    ];
    return same(got, ['INVALID_VALUE', 'INVALID_OPTION', ['INVALID_VALUE', '/订单/1'], ['INVALID_VALUE', '/订单'], ['SPLITS_NOT_100', '/订单/0/分成'], 2190]);
  });
  check('incentive: every month, each rep\'s pay and the team\'s cost add up to the cent, pools included', () => {
    const plan = TeamPlan.compile(data.teamPlan);
    const cents = (s) => BigInt(Math.round(Number(s) * 100));
    const bad = [];
    for (const m of [1, 2, 3, 4, 5, 6]) {
      const out = plan.evaluateTeam(data.teamReps.filter((r) => r.月份 === m), { numbers: 'string' });
      const paid = out.team.members.reduce((a, x) => a + cents(x.payout), 0n);
      const pools = out.team.incentive.pools.reduce((a, p) => a + cents(p.paid), 0n);
      if (paid !== cents(out.team.incentive.total) || pools !== 6000000n) bad.push(m);
    }
    return same(bad, []);
  });

  // 3. Bad plans and records: coded errors with paths, spans and both locales.
  for (const c of data.planErrors) {
    check(`plan error: ${c.case}`, () => {
      let err;
      try {
        const plan = api.Plan.compile(planOf(c));
        if (c.record) plan.evaluate(c.record);
      } catch (e) {
        err = e;
      }
      if (!err) return { ok: false, got: 'no error', want: c.error.code };
      const got = {
        isError: err instanceof Error && err instanceof api.SalesScoreError && err.name === 'SalesScoreError',
        bothLocales: !!err.messages && err.messages['zh-CN'] !== err.messages.en && err.messages.en.length > 0,
      };
      const want = { isError: true, bothLocales: true };
      for (const key of ['code', 'path', 'origin', 'suggestion']) {
        if (key in c.error) {
          got[key] = err[key];
          want[key] = c.error[key];
        }
      }
      if (c.error.span) {
        got.span = err.span && [err.span.start, err.span.end];
        want.span = c.error.span;
      }
      if (c.error.cycle) {
        got.cycle = err.detail.cycle;
        want.cycle = c.error.cycle;
      }
      if (c.error.metric) {
        got.metric = err.detail.metric;
        want.metric = c.error.metric;
      }
      return same(got, want);
    });
  }

  // 4. The API around the cases.
  check('version and listFunctions', () => {
    const fns = api.listFunctions();
    const round = fns.find((f) => f.name === 'ROUND');
    return same(
      { version: /^\d+\.\d+\.\d+/.test(api.version()), many: fns.length >= 30, round: round && round.signature, keys: Object.keys(round).sort() },
      { version: true, many: true, round: 'ROUND(number, [digits])', keys: ['category', 'example', 'name', 'signature', 'summaryEn', 'summaryZh'] },
    );
  });

  check('compiled formula: fields, source, many evaluations', () => {
    const f = api.Formula.compile('IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0)');
    const outs = [1000, 79999, 80000, 123456.78].map((x) => f.evaluate({ 回款额: x, 目标: 100000 }));
    return same({ fields: f.fields, source: f.source, outs }, { fields: ['回款额', '目标'], source: 'IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0)', outs: [0, 0, 4000, 6172.839] });
  });

  check('formula.explain: value, type and the calculation shown', () => {
    const f = api.Formula.compile('IF(回款额 >= 目标 * 0.8, ROUND(回款额 * 0.05, 2), "未达标")');
    const a = f.explain({ 回款额: 90000.5, 目标: 100000 });
    const b = f.explain({ 回款额: 1, 目标: 100000 }, { numbers: 'string' });
    const c = api.Formula.compile('EDATE(入职日期, 3)').explain({ 入职日期: '2025-01-31' });
    return same([a.value, a.type, a.exact, a.text, b.value, b.type, c.value, c.type, a.inputs], [
      4500.03, 'number', '4500.03', 'IF(回款额 >= 目标 * 0.8, ROUND(回款额 * 0.05, 2), "未达标") = IF(90000.5 >= 100000 * 0.8, ROUND(90000.5 * 0.05, 2), "未达标") = 4500.03',
      '未达标', 'text', '2025-04-30', 'date', [{ name: '回款额', value: '90000.5' }, { name: '目标', value: '100000' }],
    ]);
  });

  check('numbers are read by their shortest decimal form', () => {
    const f = api.Formula.compile('a + b');
    return same([f.evaluate({ a: 0.1, b: 0.2 }), f.evaluate({ a: 0.1, b: 0.2 }, { numbers: 'string' }), f.evaluate({ a: '0.1', b: 10n }, { numbers: 'string' })], [0.3, '0.3', '10.1']);
  });

  check('JS numbers are read exactly as String(n) prints them', () => {
    const f = api.Formula.compile('x');
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const mismatches = [];
    for (let i = 0; i < 3000; i++) {
      const x = [next() * 1e6, Math.round(next() * 1e8) / 100, next() * 1e15, (next() - 0.5) * 1e-3, next() * 9e15 + 0.25][i % 5];
      const s = String(x);
      if (/e/.test(s)) continue;
      const got = f.evaluate({ x }, { numbers: 'string' });
      if (got !== s) mismatches.push([s, got]);
    }
    return same(mismatches.slice(0, 5), []);
  });

  check('NaN and Infinity are coded errors with the field path', () => {
    const f = api.Formula.compile('x * 2');
    const codes = [NaN, Infinity, -Infinity, 1e30, { a: 1 }, [1]].map((x) => {
      try {
        f.evaluate({ x });
        return 'no error';
      } catch (e) {
        return `${e.code} ${e.path} ${e.origin}`;
      }
    });
    return same(codes, ['NOT_FINITE /x record', 'NOT_FINITE /x record', 'NOT_FINITE /x record', 'OUT_OF_RANGE /x record', 'INVALID_VALUE /x record', 'INVALID_VALUE /x record']);
  });

  check('evaluateMany: one call, errors beside values, nothing silent', () => {
    const f = api.Formula.compile('ROUND(回款额 / 目标, 4)');
    const records = [];
    for (let i = 0; i < 5000; i++) records.push({ 回款额: 1000 + i, 目标: i % 1000 === 7 ? 0 : 3000 });
    records.push(null);
    const { values, errors } = f.evaluateMany(records, { numbers: 'string' });
    const failing = errors.map((e) => `${e.index}:${e.error.code}:${e.error.path}`);
    const nulls = values.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
    return same(
      { n: values.length, first: values[0], last: values[4999], failing, nulls },
      { n: 5001, first: '0.3333', last: '1.9997', failing: ['7:DIV_BY_ZERO:/7', '1007:DIV_BY_ZERO:/1007', '2007:DIV_BY_ZERO:/2007', '3007:DIV_BY_ZERO:/3007', '4007:DIV_BY_ZERO:/4007', '5000:INVALID_VALUE:/5000'], nulls: [7, 1007, 2007, 3007, 4007, 5000] },
    );
  });

  check('a large batch grows memory and stays correct', () => {
    const f = api.Formula.compile('CONCAT(name, ":", ROUND(x * 1.1, 2))');
    const records = Array.from({ length: 30000 }, (_, i) => ({ name: `销售代表-${i}-${'x'.repeat(40)}`, x: i }));
    const { values, errors } = f.evaluateMany(records);
    return same([values.length, errors.length, values[29999]], [30000, 0, `销售代表-29999-${'x'.repeat(40)}:32998.9`]);
  });

  check('errors: class, fields, locales, hint; the handle keeps working', () => {
    const f = api.Formula.compile('回款额 / 目标');
    const caught = [];
    for (const [values, options] of [[{ 回款额: 1, 目标: 0 }, { locale: 'en' }], [{ 回款额: 1, 目标: 0 }, undefined], [{ 回款额: 1 }, undefined], [42, undefined], [{}, { bogus: 1 }]]) {
      try {
        f.evaluate(values, options);
      } catch (e) {
        caught.push([e instanceof api.SalesScoreError, e.code, e.origin, e.path, e.span && [e.span.start, e.span.end], e.message, !!e.hint]);
      }
    }
    const after = f.evaluate({ 回款额: 50, 目标: 200 });
    return same({ caught, after }, {
      caught: [
        [true, 'DIV_BY_ZERO', 'formula', '', [0, 8], 'division by zero', true],
        [true, 'DIV_BY_ZERO', 'formula', '', [0, 8], '除数为零', true],
        [true, 'MISSING_FIELD', 'record', '/目标', [6, 8], '记录缺少字段 目标 的值', true],
        [true, 'INVALID_VALUE', 'record', '', null, caught[3] && caught[3][5], false],
        [true, 'INVALID_OPTION', 'options', '/bogus', null, caught[4] && caught[4][5], false],
      ],
      after: 0.25,
    });
  });

  check('compile errors carry spans and suggestions', () => {
    const out = [];
    for (const src of ['SUMM(1, 2)', '1 + * 2', 'ROUND(1, 2, 3)', '“abc”']) {
      try {
        api.Formula.compile(src, { locale: 'en' });
      } catch (e) {
        out.push([e.code, [e.span.start, e.span.end], e.suggestion, e.hint]);
      }
    }
    return same(out, [
      ['UNKNOWN_FUNCTION', [0, 4], 'SUM', 'did you mean SUM?'],
      ['UNEXPECTED_TOKEN', [4, 5], null, null],
      ['WRONG_ARG_COUNT', [0, 14], null, null],
      ['UNEXPECTED_CHAR', [0, 1], '"', 'did you mean "?'],
    ]);
  });

  check('formulaTokens: the engine\'s tokens, their kinds and UTF-16 spans; never a throw for a string', () => {
    const tokens = (src) => api.formulaTokens(src).map((t) => [t.kind, t.start, t.end, ...(t.code ? [t.code] : [])]);
    const coded = (v) => {
      try {
        return api.formulaTokens(v);
      } catch (e) {
        return [e instanceof api.SalesScoreError, e.code, e.path, e.origin];
      }
    };
    const long = 'x'.repeat(8001);
    return same([
      tokens('IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0)'),
      tokens('CONCAT({客户 名称}, "🎉签约", TRUE) ＞＝ 1'),
      tokens('NOT 是否违规 AND (a) & "未完'),
      tokens('1.2.3 + @ + \ud800 + SUMM（1）'),
      tokens(''),
      tokens(long),
      coded(42),
      coded(undefined),
    ], [
      [['function', 0, 2], ['punctuation', 2, 3], ['field', 3, 6], ['operator', 7, 9], ['field', 10, 12], ['operator', 13, 14], ['number', 15, 18],
        ['punctuation', 18, 19], ['field', 20, 23], ['operator', 24, 25], ['number', 26, 30], ['punctuation', 30, 31], ['number', 32, 33], ['punctuation', 33, 34]],
      [['function', 0, 6], ['punctuation', 6, 7], ['field', 7, 14], ['punctuation', 14, 15], ['string', 16, 22], ['punctuation', 22, 23],
        ['boolean', 24, 28], ['punctuation', 28, 29], ['operator', 30, 32], ['number', 33, 34]],
      [['keyword', 0, 3], ['field', 4, 8], ['keyword', 9, 12], ['punctuation', 13, 14], ['field', 14, 15], ['punctuation', 15, 16],
        ['operator', 17, 18], ['error', 19, 22, 'UNTERMINATED_STRING']],
      [['error', 0, 5, 'INVALID_NUMBER'], ['operator', 6, 7], ['error', 8, 9, 'UNEXPECTED_CHAR'], ['operator', 10, 11], ['error', 12, 13, 'UNEXPECTED_CHAR'],
        ['operator', 14, 15], ['function', 16, 20], ['punctuation', 20, 21], ['number', 21, 22], ['punctuation', 22, 23]],
      [],
      [['field', 0, 8000], ['error', 8000, 8001, 'FORMULA_TOO_LONG']],
      [true, 'INVALID_VALUE', '', 'formula'],
      [true, 'INVALID_VALUE', '', 'formula'],
    ]);
  });

  check('plan: compile from text or object, explain in both locales, decimal strings', () => {
    const byText = api.Plan.compile(JSON.stringify(data.sample));
    const byObject = api.Plan.compile(data.sample);
    const record = data.planCases[1].record;
    const zh = byObject.evaluate(record, { explain: true });
    const en = byText.evaluate(record, { explain: true, locale: 'en', numbers: 'string' });
    const trace = zh.trace.find((t) => t.metric === '应发提成');
    return same(
      { zh: zh.metrics['应发提成'], en: en.metrics['应发提成'], grade: zh.metrics['等级'], traceLen: zh.trace.length, inputs: trace.inputs.map((i) => i.name), text: trace.text, enText: en.trace[0].text, noTrace: 'trace' in byObject.evaluate(record) },
      { zh: 3060.02, en: '3060.02', grade: 'B', traceLen: 11, inputs: ['回款率', '基础提成', '超额奖励', '新人系数'], text: '应发提成 = IF(回款率 < 0.6, 0, ROUND((基础提成 + 超额奖励) * 新人系数, 2)) = IF(0.850005 < 0.6, 0, ROUND((2550.015 + 0) * 1.2, 2)) = 3060.02', enText: '达成率 = DIVIDE(回款额, 目标) = DIVIDE(85000.5, 100000) = 0.850005, rounded as rate to 4 places (half up): 0.8500', noTrace: false },
    );
  });

  check('plan.evaluateMany: results beside errors, record paths by index', () => {
    const plan = api.Plan.compile(data.sample);
    const good = data.planCases[0].record;
    const { results, errors } = plan.evaluateMany([good, { ...good, 回款额: '十万' }, good, 7], { numbers: 'string' });
    return same(
      [results.length, results[0].metrics['应发提成'], results[1], results[2].metrics['等级'], results[3], errors.map((e) => `${e.index} ${e.error.code} ${e.error.path}`)],
      [4, '18800.00', null, 'S', null, ['1 INVALID_VALUE /1/回款额', '3 INVALID_VALUE /3']],
    );
  });

  check('options are checked: unknown keys and bad values are INVALID_OPTION', () => {
    const f = api.Formula.compile('1');
    const out = [{ numbers: 'decimal' }, { explain: 'yes' }, { locale: 'fr' }, { explian: true }, { detail: 'lines' }, { detail: 'totals', explain: true }, { detial: 'totals' }].map((o) => {
      try {
        f.evaluate({}, o);
        return 'no error';
      } catch (e) {
        return `${e.code} ${e.path} ${e.suggestion ?? ''}`.trim();
      }
    });
    return same(out, ['INVALID_OPTION /numbers', 'INVALID_OPTION /explain', 'INVALID_OPTION /locale', 'INVALID_OPTION /explian explain', 'INVALID_OPTION /detail', 'INVALID_OPTION /detail', 'INVALID_OPTION /detial detail']);
  });

  check('plan document round-trips with defaults filled in', () => {
    const doc = TeamPlan.compile({ fields: [{ id: 'x', type: 'money' }], metrics: [{ id: 'y', formula: 'x * 2', kind: 'money' }] }).document();
    return same([doc.currency, doc.locale, doc.rounding.money, doc.metrics[0].kind], ['CNY', 'zh-CN', { scale: 2, strategy: 'halfUp' }, 'money']);
  });

  check('plan.diagnostics (salescore/admin): a warning with its code, path, severity and message in the asked locale', () => {
    const plan = api.entries.admin.Plan.compile({
      fields: [{ id: '回款额', type: 'money' }, { id: '备注', type: 'text' }],
      metrics: [{ id: '提成', formula: '回款额 * 0.05', kind: 'money' }],
    });
    const [en] = plan.diagnostics({ locale: 'en' });
    const [zh] = plan.diagnostics();
    return same([plan.diagnostics().length, en.code, en.path, en.severity, en.message, zh.message === en.messages['zh-CN'].message, zh.hint.length > 0],
      [1, 'FIELD_UNUSED', '/fields/1', 'info', 'field “备注” is declared but no formula reads it', true, true]);
  });

  check('Compare: a draft over a team, one record changed, a draft that does not compile, both sides explained', () => {
    // A flat 5% commission raised to 6%: 100,000 + 50,000 of sales pay 7,500 → 9,000 (+1,500, +20%);
    // the second rep's sales set to 0 leave 5,000 → 6,000. A broken draft keeps the last one.
    const plan = (rate) => ({
      fields: [{ id: '销售额', type: 'money' }],
      incentive: { components: [{ id: '提成', type: 'commission', amount: '销售额', rules: [{ id: '标准', table: { kind: 'flat', tiers: [{ from: 0, rate }] } }] }] },
    });
    const session = api.Compare.open(plan(0.05), [{ 销售额: 100000 }, { 销售额: 50000 }]);
    session.setDraft(plan('0.06'));
    const first = session.comparison(undefined, { numbers: 'string' }).cost;
    session.setRecord(1, { 销售额: 0 });
    const second = session.comparison({}, { numbers: 'string' });
    const broken = thrown(() => session.setDraft({ fields: [{ id: '销售额', type: 'mony' }] }));
    const third = session.comparison(undefined, { numbers: 'string' }).cost;
    const explained = session.explain(0, { locale: 'en' });
    const badRecord = thrown(() => session.setRecord(0, { 销售额: Number.NaN }));
    return same([first.before, first.after, first.change, first.percent, second.cost.before, second.cost.after, second.counts,
      `${broken?.code} ${broken?.path}`, third.after, typeof explained.baseline, typeof explained.draft, `${badRecord?.code} ${badRecord?.path}`, session.length],
    ['7500.00', '9000.00', '1500.00', '20.00', '5000.00', '6000.00', { reps: 2, compared: 2, gaining: 1, losing: 0, unchanged: 1, notCompared: 0 }, 'INVALID_VALUE /fields/0/type', '6000.00', 'object', 'object',
      'NOT_FINITE /0/销售额', 2]);
  });

  // The hand-worked comparisons of tests/preview.rs (derivations there), in every build.
  const previewPlan = (name) => {
    const doc = structuredClone(data.preview.plan);
    doc.incentive.rounding = 'perLine';
    for (const { path, value } of name ? data.preview.drafts[name].edits : []) {
      const keys = path.split('/').slice(1);
      const last = keys.pop();
      let at = doc;
      for (const k of keys) at = at[k];
      at[last] = value;
    }
    return doc;
  };
  const compared = (name, records = data.preview.team) => {
    const session = api.Compare.open(previewPlan(null), records);
    session.setDraft(previewPlan(name));
    return session.comparison({ reps: true, locale: 'en' }, { numbers: 'string' });
  };
  const moved = (list) => list.map((r) => `${r.id} ${r.change}`);
  check('Compare on the hand-worked team: a tier rate, a tier move, a gate move, a reweighting', () => {
    const rate = compared('tierRate');
    const tierMove = compared('tierMove');
    const gate = compared('gateMove');
    const weights = compared('reweight');
    return same([
      [rate.cost.before, rate.cost.after, rate.cost.change, rate.cost.percent, moved(rate.winners), rate.components.map((c) => `${c.id} ${c.change}`)],
      [moved(tierMove.winners), tierMove.reps[1].crossings.map((x) => `${x.kind} ${x.before.tier}→${x.after.tier}`)],
      [gate.cost.after, gate.cost.change, gate.cost.percent, moved(gate.winners), gate.reps[2].crossings.map((x) => x.kind)],
      [moved(weights.losers), weights.losers[0]?.percent, weights.grades.map((g) => `${g.grade} ${g.before}→${g.after}`)],
    ], [
      ['27990.00', '28590.00', '600.00', '2.14', ['E1 500.00', 'E4 100.00'], ['提成 600.00', '奖金 0.00', '团队池 0.00']],
      [['E1 400.00', 'E4 400.00', 'E2 200.00'], ['tier 0→1']],
      ['28523.33', '533.33', '1.91', ['E3 500.00', 'E2 33.33'], ['gate', 'curvePoint']],
      [['E1 -600.00'], '-5.47', ['A 1→0', 'B 1→2', 'C 3→3']],
    ]);
  });

  check('Compare on the hand-worked team: a draft that fails for one rep and a baseline that fails for another', () => {
    const records = structuredClone(data.preview.team);
    records[4].目标 = 0;
    const c = compared('adjustedQuota', records);
    const side = (e) => (e ? `${e.code} ${e.path}` : null);
    return same([c.counts.compared, c.counts.notCompared, c.notCalculable.map((n) => [n.index, n.id, side(n.baseline), side(n.draft)]),
      moved(c.losers), c.cost.before, c.cost.after],
    [3, 2, [[3, 'E4', null, 'MISSING_FIELD /3/调整目标'], [4, 'E5', 'DIV_BY_ZERO /incentive/components/1/quota', null]],
      ['E3 -1200.00'], '21550.00', '20350.00']);
  });

  check('Compare: the rep table sorted by a column, a window of it, and picked reps (tests/preview.rs)', () => {
    // tierRate: E1 +500, E4 +100, the others 0 (record order among them).
    const session = api.Compare.open(previewPlan(null), data.preview.team);
    session.setDraft(previewPlan('tierRate'));
    const list = (view) => (session.comparison(view).reps ?? []).map((r) => r.id).join(' ');
    const c = session.comparison({ sort: { by: 'change', descending: true }, from: 1, count: 2, pick: [4] }, { numbers: 'string' });
    const bad = thrown(() => session.comparison({ pick: [5] }));
    const badKey = thrown(() => session.comparison({ sort: { by: 'payout' } }));
    // Every wrong window is a coded error at its option; the session answers as before after it.
    const wrong = [{ from: -1 }, { count: '5' }, { pick: [1.5] }, { pick: 2 }, { sort: 'change' }, { sort: { by: 'change', descending: 'yes' } }, { sort: { by: 'change', order: 'desc' } }]
      .map((v) => thrown(() => session.comparison(v))).map((e) => `${e?.code} ${e?.path}`);
    const worded = thrown(() => session.comparison({ from: -1 }))?.messages;
    const out = [
      list({ sort: { by: 'change', descending: true } }), list({ sort: { by: 'grade' } }), list({ sort: { by: 'name' } }),
      list({ sort: { by: 'forcedGrade', descending: true } }), list({ from: 3 }),
      c.reps.map((r) => `${r.id} ${r.change}`), c.picked.map((r) => `${r.id} ${r.after.payout}`), c.counts.reps,
      `${bad?.code} ${bad?.path}`, `${badKey?.code} ${badKey?.path}`, wrong, list({ sort: { by: 'change', descending: true } }),
      worded?.['zh-CN'], worded?.en,
    ];
    session.free();
    return same(out, [
      'E1 E4 E2 E3 E5', 'E1 E2 E3 E4 E5', 'E4 E3 E2 E5 E1', 'E4 E5 E2 E3 E1', 'E4 E5',
      ['E4 100.00', 'E2 0.00'], ['E5 2700.00'], 5, 'INVALID_OPTION /pick/0', 'INVALID_VALUE /sort/by',
      ['INVALID_PLAN /from', 'INVALID_PLAN /count', 'INVALID_PLAN /pick/0', 'INVALID_PLAN /pick', 'INVALID_PLAN /sort', 'INVALID_PLAN /sort/descending', 'UNKNOWN_KEY /sort/order'], 'E1 E4 E2 E3 E5',
      '选项无法读取：此处需要不小于 0 的整数，实际为整数 -1', 'invalid options: expected a whole number ≥ 0, found integer -1',
    ]);
  });

  check('compare(baseline, draft, records, view, options): one call gives what a session gives; a draft that does not compile throws its code', () => {
    const view = { top: 2, bins: 4, sort: { by: 'change', descending: true }, count: 3 };
    const options = { numbers: 'string', locale: 'en' };
    const session = api.Compare.open(previewPlan(null), data.preview.team, { locale: 'en' });
    session.setDraft(previewPlan('tierRate'));
    const expected = session.comparison(view, options);
    session.free();
    const got = api.compare(previewPlan(null), previewPlan('tierRate'), data.preview.team, view, options);
    const codeOf = (f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return [e.code, e.path, e.message];
      }
    };
    const badDraft = { ...previewPlan(null), fields: [{ id: '销售额', type: 'mony' }] };
    return same([
      got, got.cost.change, got.winners.map((w) => w.id),
      codeOf(() => api.compare(previewPlan(null), badDraft, data.preview.team, undefined, { locale: 'en' }))[0],
      codeOf(() => api.compare(previewPlan(null), previewPlan(null), [], undefined, undefined))[0],
      codeOf(() => api.compare(previewPlan(null), previewPlan(null), data.preview.team, { bins: 0 }, undefined)).slice(0, 2),
      // Before the session exists, errors are in the baseline's locale when the options name none.
      codeOf(() => api.compare({ ...previewPlan(null), locale: 'en' }, previewPlan(null), [], undefined, undefined))[2],
    ], [expected, '600.00', ['E1', 'E4'], 'INVALID_VALUE', 'EMPTY_TEAM', ['INVALID_OPTION', '/bins'], 'a team evaluation needs at least one record']);
  });

  check('Compare: each sensitivity scenario costs what each plan alone pays the team with its actuals scaled', () => {
    const session = api.Compare.open(previewPlan(null), data.preview.team);
    session.setDraft(previewPlan('tierRate'));
    const s = session.sensitivity({ changes: [-20, 0, 20] }, { numbers: 'string' });
    session.free();
    // 销售额 is the team's one money field that is not a target: scaled exactly (whole yuan).
    const teamCost = (doc, p) => {
      const plan = TeamPlan.compile(doc);
      try {
        const records = data.preview.team.map((r) => ({ ...r, 销售额: (r.销售额 * (100 + p)) / 100 }));
        return plan.evaluateTeam(records, { numbers: 'string' }).team.incentive.total;
      } finally {
        plan.free();
      }
    };
    return same([s.actuals.fields, s.scenarios.map((c) => [Number(c.change), c.planCost.baseline, c.planCost.draft, c.cost.before, c.cost.after])],
      [['销售额'], [-20, 0, 20].map((p) => {
        const [b, d] = [teamCost(previewPlan(null), p), teamCost(previewPlan('tierRate'), p)];
        return [p, b, d, b, d];
      })]);
  });

  // 5. Target decomposition and pacing (tests/decompose.rs, tests/pace.rs).
  targetChecks(api, data.targets, check, same);

  // 5b. The entries: what each exports, one SalesScoreError class, the admin entry's formulas
  // and plans the same as the form entry's.
  entryChecks(api, data, check, same);

  // 6. A hostile host: every export with every kind of JS value, the bad-input catalogue,
  // re-entrant calls, traps and freed handles.
  hostileChecks(api, data, check, same);

  const failures = results.filter((r) => !r.ok);
  return { count: results.length, failures, outputs: results.map((r) => [r.name, r.got]) };
}

/** A result in the notation of tests/data/formulas.tsv (dates and text both arrive as strings;
 * a `YYYY-MM-DD` string is read as a date where the case expects one). */
export function notation(api, run, expected = '') {
  try {
    const v = run();
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (v && typeof v === 'object' && 'exact' in v) return v.exact;
    if (typeof v !== 'string') return `unexpected ${typeof v} ${v}`;
    if (expected.startsWith('#') && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `#${v}`;
    return `"${v}"`;
  } catch (e) {
    if (!(e instanceof api.SalesScoreError)) return `not a SalesScoreError: ${e}`;
    return e.span ? `!${e.code}@${e.span.start}..${e.span.end}` : `!${e.code}`;
  }
}

/** Objects with their keys sorted, recursively: the native snapshots of decompositions and
 * pacings go through `serde_json::Value`, whose keys are sorted. */
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

/** The node with this id in a decomposition (a flat list, depth first). */
function findNode(result, id) {
  return result.nodes.find((n) => n.id === id) ?? null;
}

/** The parts of `got` that `want` names (recursively for objects). */
function picked(got, want) {
  if (!want || typeof want !== 'object' || Array.isArray(want)) return got;
  return Object.fromEntries(Object.keys(want).map((k) => [k, picked(got?.[k], want[k])]));
}

/** Exact sums of decimal strings (at most 8 places), as a decimal string. */
function sum(values) {
  const scale = 8n;
  const unit = 10n ** scale;
  const toInt = (s) => {
    const neg = s.startsWith('-');
    const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
    const n = BigInt(i) * unit + BigInt((f + '0'.repeat(Number(scale))).slice(0, Number(scale)));
    return neg ? -n : n;
  };
  const total = values.reduce((a, v) => a + toInt(String(v)), 0n);
  const neg = total < 0n;
  const abs = neg ? -total : total;
  const frac = String(abs % unit).padStart(Number(scale), '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / unit}${frac ? `.${frac}` : ''}`;
}
const norm = (s) => sum([s]);

/** Every number in `numbers` is the JS number nearest to the decimal string at the same place
 * in `strings` (the same result in both number modes). Returns the places that differ. */
function numberModesAgree(numbers, strings, at = '', out = []) {
  if (typeof numbers === 'number') {
    // Counts (working days, deals, reps) are integers in both modes.
    if (!(typeof strings === 'string' || Number.isInteger(strings)) || Number(strings) !== numbers) out.push(`${at}: ${numbers} vs ${JSON.stringify(strings)}`);
  } else if (numbers && typeof numbers === 'object') {
    for (const k of new Set([...Object.keys(numbers), ...Object.keys(strings ?? {})])) numberModesAgree(numbers[k], strings?.[k], `${at}/${k}`, out);
  } else if (numbers !== strings) {
    out.push(`${at}: ${JSON.stringify(numbers)} vs ${JSON.stringify(strings)}`);
  }
  return out;
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

function targetChecks(api, t, check, same) {
  const samesorted = (got, want) => same(canonical(got), canonical(want));
  const { decompose, pace } = api;
  const decomposeSample = JSON.parse(t.decompose.sampleText);
  const paceSample = JSON.parse(t.pace.sampleText);

  // Decomposition: the public cases 7 and 8 (the fields each case names).
  for (const c of t.decompose.cases) {
    check(`decompose case: ${c.case}`, () => {
      const result = decompose(c.spec, { explain: true, numbers: 'string' });
      const got = Object.fromEntries(Object.keys(c.expect).map((id) => [id, picked(findNode(result, id), c.expect[id])]));
      return same(got, c.expect);
    });
  }

  // Bad specs: code, path, suggestion, the node named, the cycle, both locales.
  for (const c of t.decompose.errors) {
    check(`decompose error: ${c.case}`, () => {
      const e = thrown(() => decompose(c.spec, { locale: 'en' }));
      if (!e) return { ok: false, got: 'no error', want: c.error.code };
      const got = { isError: e instanceof api.SalesScoreError && e.name === 'SalesScoreError', origin: e.origin,
        bothLocales: !!e.messages && e.messages['zh-CN'] !== e.messages.en && e.messages.en === e.message };
      const want = { isError: true, origin: 'plan', bothLocales: true };
      for (const key of ['code', 'path', 'suggestion']) {
        if (key in c.error) {
          got[key] = e[key];
          want[key] = c.error[key];
        }
      }
      for (const key of ['name', 'cycle']) {
        if (key in c.error) {
          got[key] = e.detail?.[key];
          want[key] = c.error[key];
        }
      }
      return same(got, want);
    });
  }

  // Whole explained results equal the native snapshots (exact strings).
  for (const locale of ['zh-CN', 'en']) {
    check(`decompose: the explained result (${locale}) equals the native snapshot`, () =>
      samesorted(decompose(t.decompose.explainedSpec, { explain: true, locale, numbers: 'string' }), t.snapshots.decomposeExplained[locale]));
    check(`decompose: the sample's explanations (${locale}) equal the native snapshot`, () => {
      const lines = Object.fromEntries(decompose(decomposeSample, { explain: true, locale }).nodes.map((n) => [n.id, n.text ?? '']));
      return samesorted(lines, t.snapshots.decomposeSampleText[locale]);
    });
  }

  check('decompose: the sample adds up exactly at every level, by month and quarter', () => {
    const result = decompose(t.decompose.sampleText, { explain: true, numbers: 'string' });
    const { nodes } = result;
    const bad = [];
    nodes.forEach((node, i) => {
      if (i > 0 && !(node.parent < i && node.depth === nodes[node.parent].depth + 1)) bad.push(`${node.id} order`);
      if (norm(sum(node.months)) !== norm(node.amount)) bad.push(`${node.id} months`);
      if (norm(sum(node.quarters)) !== norm(node.amount)) bad.push(`${node.id} quarters`);
      if (BigInt(node.amount) % 100n !== 0n) bad.push(`${node.id} unit`);
      const kids = nodes.filter((k) => k.parent === i);
      if (kids.length) {
        if (sum(kids.map((k) => k.amount)) !== norm(node.amount)) bad.push(`${node.id} children`);
        node.months.forEach((m, j) => {
          if (sum(kids.map((k) => k.months[j])) !== norm(m)) bad.push(`${node.id} month ${j}`);
        });
      }
    });
    const leaver = findNode(result, '吴俊');
    const hire = findNode(result, '马超');
    return same(
      [bad, nodes[0].parent, nodes[0].amount, result.months.length, result.quarters.map((q) => q.id), leaver.months.slice(6).every((m) => m === '0'),
        hire.months.slice(0, 6).every((m) => m === '0'), hire.why.ramp[6], findNode(result, '天津组').amount, findNode(result, '天津组').rule,
        findNode(result, '王芳').rule, findNode(result, '华东大区').commitment.source],
      [[], null, '36000000', 12, ['Q1', 'Q2', 'Q3', 'Q4'], true, true, '50', '2400000', 'locked', 'max', 'own'],
    );
  });

  check('decompose: numbers and decimal strings are the same input; text and object the same spec; both number modes agree', () => {
    const spec = (total, unit) => ({ total, unit, period: { start: '2025-01-01', end: '2025-03-31' }, nodes: [{ id: 'a' }] });
    const a = decompose(spec(1000.5, 0.1), { numbers: 'string' });
    const b = decompose(spec('1000.5', '0.1'), { numbers: 'string' });
    const asNumbers = decompose(decomposeSample, { explain: true });
    const asStrings = decompose(t.decompose.sampleText, { explain: true, numbers: 'string' });
    return same([JSON.stringify(a) === JSON.stringify(b), a.nodes[0].months, typeof asNumbers.nodes[0].amount, numberModesAgree(asNumbers, asStrings).slice(0, 5)],
      [true, ['333.5', '333.5', '333.5'], 'number', []]);
  });

  check('decompose: reasons and text only when asked, in the spec locale unless the options say otherwise; the rest the same', () => {
    const plain = decompose(decomposeSample);
    const zh = decompose(decomposeSample, { explain: true });
    const en = decompose({ ...decomposeSample, locale: 'en' }, { explain: true });
    const hire = (r) => findNode(r, '刘洋').text;
    const bare = (r) => JSON.stringify(canonical({ ...r, nodes: r.nodes.map(({ why, text, ...rest }) => rest) }));
    return same([plain.nodes.some((n) => 'text' in n || 'why' in n), /新人爬坡/.test(hire(zh)), /Ramp by month/.test(hire(en)),
      hire(en) === hire(decompose(decomposeSample, { explain: true, locale: 'en' })), bare(plain) === bare(zh)],
    [false, true, true, true, true]);
  });

  check('decompose: bad options and bad JSON are coded errors', () => {
    const codes = [
      () => decompose(decomposeSample, { explian: true }),
      () => decompose(decomposeSample, { numbers: 'decimal' }),
      () => decompose('{'),
      () => decompose({ ...decomposeSample, totl: 1 }),
    ].map((fn) => {
      const e = thrown(fn);
      return e ? `${e.code} ${e.path} ${e.suggestion ?? ''}`.trim() : 'no error';
    });
    return same(codes, ['INVALID_OPTION /explian explain', 'INVALID_OPTION /numbers', codes[2].startsWith('INVALID_PLAN') ? codes[2] : 'INVALID_PLAN', 'UNKNOWN_KEY /totl total']);
  });

  // Pacing: golden working-day counts.
  for (const c of t.pace.calendar) {
    check(`pace calendar: ${c.case}`, () => {
      const spec = { period: c.period, asOf: c.asOf, reps: [{ id: 'A', target: 1, actual: 0 }] };
      if (c.calendar) spec.calendar = c.calendar;
      return same(pace(spec).period.workdays, c.expected);
    });
  }

  // Progress, forecasts and chances; one rep, so the team's progress is the rep's.
  for (const c of t.pace.progress) {
    check(`pace progress: ${c.case}`, () => {
      const r = pace(c.spec, { numbers: 'string' });
      return same([picked(r.reps[0], c.expected), JSON.stringify(r.team.progress) === JSON.stringify(r.reps[0].progress)], [c.expected, true]);
    });
  }

  // Probabilities checked by hand, through one rep whose target is the need: the exact value,
  // the rounded one, the method, the expected shortfall (money at 10 places here, so it is not
  // rounded away) and the key deals: swing above 0, by swing, then amount, then order; five at most.
  for (const c of t.pace.probability) {
    check(`pace probability: ${c.case}`, () => {
      const deals = c.deals.map(([amount, probability], i) => ({ id: `D${i}`, amount, probability }));
      const spec = { period: { start: '2026-06-01', end: '2026-06-30' }, asOf: '2026-06-01', rounding: { scale: 10, strategy: 'halfUp' },
        reps: [{ id: 'A', target: c.need, actual: 0, deals }] };
      const { chance } = pace(spec, { numbers: 'string' }).reps[0];
      const got = [chance.exactProbability, chance.probability, norm(chance.expectedShortfall)];
      const want = [c.exact, c.probability, norm(c.shortfall)];
      if (c.method) {
        got.push(chance.method);
        want.push(c.method);
      }
      if (c.swings) {
        const swing = ([won, lost]) => Number(won) - Number(lost);
        got.push(chance.keyDeals.map((d) => [d.id, d.ifWon, d.ifLost]));
        want.push(c.swings.map((s, i) => ({ s, i })).filter(({ s }) => swing(s) > 0)
          .sort((a, b) => swing(b.s) - swing(a.s) || Number(c.deals[b.i][0]) - Number(c.deals[a.i][0]) || a.i - b.i)
          .slice(0, 5).map(({ s, i }) => [`D${i}`, ...s]));
      }
      return same(got, want);
    });
  }

  for (const c of t.pace.errors) {
    check(`pace error: ${c.case}`, () => {
      const e = thrown(() => pace(c.spec));
      if (!e) return { ok: false, got: 'no error', want: c.code };
      const got = [e instanceof api.SalesScoreError && e.name === 'SalesScoreError', e.code, e.path, e.origin, !!e.messages && !!e.messages['zh-CN'] && !!e.messages.en];
      const want = [true, c.code, c.path, 'plan', true];
      if (c.suggestion) {
        got.push(e.suggestion);
        want.push(c.suggestion);
      }
      return same(got, want);
    });
  }

  for (const locale of ['zh-CN', 'en']) {
    check(`pace: the explained sample (${locale}) equals the native snapshot`, () =>
      samesorted(pace(paceSample, { explain: true, locale, numbers: 'string' }), t.snapshots.paceExplained[locale]));
  }

  check('pace: the sample as numbers: working days, statuses, the exact chance, the team', () => {
    const r = pace(paceSample);
    const lin = r.reps[1];
    return same(
      [r.period.workdays, r.reps.map((x) => x.progress.status), lin.progress.expectedToDate, lin.progress.requiredDailyRate, lin.pipeline.weighted,
        lin.chance.method, lin.chance.exactProbability, lin.chance.probability, lin.chance.keyDeals[0].id, r.reps[0].pipeline.laterDeals,
        r.team.progress.target, r.team.progress.actual, [r.team.achieved, r.team.onTrack, r.team.behind], 'text' in lin],
      [{ total: 19, elapsed: 9, remaining: 10, holidays: 3, makeupWorkdays: 1 }, ['onTrack', 'behind', 'achieved', 'behind'], 142105.26, 20400, 141300,
        'exact', '0.02025', 0.0203, 'D-2004', 1, 1250000, 708000, [1, 1, 2], false],
    );
  });

  check('pace: text and object give the same result; both number modes agree', () => {
    const asStrings = pace(t.pace.sampleText, { numbers: 'string', explain: true });
    const asNumbers = pace(paceSample, { explain: true });
    return same([JSON.stringify(pace(paceSample, { numbers: 'string', explain: true })) === JSON.stringify(asStrings), asStrings.reps[1].progress.requiredDailyRate,
      numberModesAgree(asNumbers, asStrings).slice(0, 5)], [true, '20400.00', []]);
  });

  check('pace: explanations follow the locale option', () => {
    const zh = pace(paceSample, { explain: true });
    const en = pace(paceSample, { explain: true, locale: 'en' });
    return same([/调休/.test(zh.reps[0].text[0]), /团队 4 人/.test(zh.team.text.at(-1)), /makeup workday/.test(en.reps[0].text[0]), /2\.03% \(exact\)/.test(en.reps[1].text.join(' '))],
      [true, true, true, true]);
  });

  check('pace: bad specs and options are coded errors with paths', () => {
    const codes = [
      { ...paceSample, stages: [{ id: 'x', probability: 1.5 }] },
      { ...paceSample, reps: [{ id: 'A', target: -1, actual: 0 }] },
      { ...paceSample, asof: '2026-05-15' },
      { ...paceSample, reps: [{ id: 'A', target: Number.NaN, actual: 0 }] },
    ].map((spec) => thrown(() => pace(spec))).concat([thrown(() => pace(paceSample, { explian: true })), thrown(() => pace('{'))])
      .map((e) => (e ? `${e.code} ${e.path}` : 'no error'));
    // NaN has no JSON form: whatever its code, it points at the field.
    return same(codes.map((c, i) => (i === 3 ? c.split(' ')[1] : i > 3 ? c.split(' ')[0] : c)),
      ['PROBABILITY_OUT_OF_RANGE /stages/0/probability', 'NEGATIVE_TARGET /reps/0/target', 'UNKNOWN_KEY /asof', '/reps/0/target', 'INVALID_OPTION', 'INVALID_PLAN']);
  });

  // Beyond 24 deals with amounts in cents, the bounded method (200 deals: tests/js/pace.test.mjs,
  // too slow for the no-WASM build under --jitless); its value is compared across builds.
  check('pace: 25 open deals in cents use the bounded method, within its bound', () => {
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
    const deals = Array.from({ length: 25 }, (_, i) => ({
      id: `D${i}`, amount: (1000 + Math.floor(rnd() * 49000)) + Math.floor(rnd() * 100) / 100, probability: Math.round(rnd() * 98 + 1) / 100,
    }));
    const expected = deals.reduce((s, d) => s + d.amount * d.probability, 0);
    const spec = { ...paceSample, reps: [{ id: 'A', target: Math.round(expected), actual: 0, deals }] };
    const { chance } = pace(spec, { numbers: 'string' }).reps[0];
    return same([chance.method, 'exactProbability' in chance, Number(chance.errorBound) <= 0.001, chance.probability, chance.keyDeals.length],
      ['bounded', false, true, '0.4998', 5]);
  });
}

/** The entries themselves (`api.entries`): their exports, the one SalesScoreError class they
 *  share, and the admin entry (a build of its own) computing formulas and plans exactly as the
 *  form entry does. */
function entryChecks(api, data, check, same) {
  const { form, targets, admin } = api.entries;

  check('entries: each exports its own API and nothing more', () =>
    same(Object.fromEntries(Object.entries(api.entries).map(([name, entry]) => [ENTRY_IMPORT[name], exportedNames(entry)])),
      Object.fromEntries(Object.entries(ENTRY_API).map(([name, list]) => [ENTRY_IMPORT[name], list]))));

  check('salescore: no Compare, decompose or pace, and its Plan has no diagnostics(), evaluateTeam() or document()', () => {
    const plan = form.Plan.compile({});
    const got = ['Compare' in form, 'decompose' in form, 'pace' in form,
      ...['diagnostics', 'evaluateTeam', 'document'].flatMap((m) => [m in form.Plan.prototype, m in plan, typeof plan[m]])];
    plan.free();
    return same(got, [false, false, false, false, false, 'undefined', false, false, 'undefined', false, false, 'undefined']);
  });

  check('salescore/targets: decompose and pace only, no Formula, Plan or Compare', () =>
    same(['Formula' in targets, 'Plan' in targets, 'Compare' in targets, 'evaluateFormula' in targets, typeof targets.decompose, typeof targets.pace],
      [false, false, false, false, 'function', 'function']));

  check('salescore/admin: Compare, and a Plan with diagnostics(), evaluateTeam() and document()', () => {
    const plan = admin.Plan.compile({});
    const got = [typeof admin.Compare?.open, typeof plan.diagnostics, Array.isArray(plan.diagnostics()), typeof plan.evaluateTeam,
      typeof plan.document, plan.document().currency];
    plan.free();
    return same(got, ['function', 'function', true, 'function', 'function', 'CNY']);
  });

  check('version: the same in every entry', () =>
    same([form.version() === targets.version(), form.version() === admin.version(), /^\d+\.\d+\.\d+/.test(targets.version())], [true, true, true]));

  check('one SalesScoreError: an error thrown by any entry is instanceof the class every entry exports', () => {
    const errors = {
      form: thrown(() => form.Formula.compile('1 +')),
      targets: thrown(() => targets.pace('{')),
      admin: thrown(() => admin.Compare.open(42, [])),
      'admin Plan': thrown(() => admin.Plan.compile({}).diagnostics({ locale: 'fr' })),
    };
    const got = {};
    const want = {};
    for (const [thrower, e] of Object.entries(errors)) {
      got[thrower] = [e?.name, e?.code, e instanceof Error, ...Object.values(api.entries).map((entry) => e instanceof entry.SalesScoreError)];
      want[thrower] = ['SalesScoreError', errors[thrower]?.code, true, true, true, true];
    }
    got.same = [form.SalesScoreError === targets.SalesScoreError, form.SalesScoreError === admin.SalesScoreError];
    want.same = [true, true];
    got.codes = Object.values(errors).map((e) => e?.code);
    want.codes = ['UNEXPECTED_END', 'INVALID_PLAN', 'INVALID_PLAN', 'INVALID_OPTION'];
    return same(got, want);
  });

  // The admin entry is a WebAssembly build of its own: its formulas and plans must give exactly
  // what the form entry's give.
  const outcome = (entry, fn) => {
    try {
      return JSON.stringify(fn());
    } catch (e) {
      return e instanceof entry.SalesScoreError ? `${e.code} ${e.path} ${e.message} ${JSON.stringify(e.span ?? null)}` : `not coded: ${e}`;
    }
  };
  const differences = (calls) => {
    const out = [];
    for (const [name, fn] of calls) {
      const a = outcome(form, () => fn(form));
      const b = outcome(admin, () => fn(admin));
      if (a !== b) out.push(`${name}: salescore ${a.slice(0, 200)}, salescore/admin ${b.slice(0, 200)}`);
    }
    return out;
  };
  check('salescore/admin: the golden formulas give what salescore gives', () => {
    const calls = data.formulas.map((c) => [`line ${c.line}`, (entry) => {
      const f = entry.Formula.compile(c.formula);
      return [f.evaluate(c.values), f.evaluate(c.values, { numbers: 'string' })];
    }]);
    calls.push(['listFunctions', (entry) => entry.listFunctions()], ['formulaTokens', (entry) => entry.formulaTokens('IF(回款额 >= 目标, "达标", SUMM(x)')]);
    return same(differences(calls).slice(0, 5), []);
  });
  check('salescore/admin: plan cases, plan errors and the sample team\'s reps give what salescore gives', () => {
    const planOf = (c) => (c.plan === 'sample' ? data.sample : c.plan);
    const june = data.teamReps.filter((r) => r.月份 === 6);
    const rep = data.teamReps.find((r) => r.工号 === 'E1019' && r.月份 === 2);
    const calls = [
      ...data.planCases.map((c) => [`plan case ${c.case}`, (entry) => entry.Plan.compile(planOf(c)).evaluate(c.record, { explain: true, numbers: 'string' })]),
      ...data.planErrors.map((c) => [`plan error ${c.case}`, (entry) => {
        const plan = entry.Plan.compile(planOf(c));
        return c.record ? plan.evaluate(c.record) : 'compiled';
      }]),
      // (June's team batch is salescore/admin's alone: held to the native snapshot above.)
      ['June, every rep', (entry) => entry.Plan.compile(data.teamPlan).evaluateMany(june, { explain: true, numbers: 'string' })],
      ['rep explained (en)', (entry) => entry.Plan.compile(data.teamPlan).evaluate(rep, { explain: true, locale: 'en' })],
      ['what-if', (entry) => entry.Plan.compile(data.incentiveHand).whatIf({ 工号: 'A', 目标: 20000, 回款率: 0.95, 订单: [] }, { amount: 1000 }, { numbers: 'string' })],
    ];
    return same(differences(calls).slice(0, 5), []);
  });
}
