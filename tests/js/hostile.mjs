// The engine as a hostile host calls it: every export of every entry (salescore,
// salescore/targets, salescore/admin) with every kind of JS value in every argument position, the
// catalogue of bad inputs (tests/data/bad_inputs.jsonl) with the code and path each must give,
// re-entrant calls from getters, calls after a trap and after free().
// Runs inside the shared suite, so in every flavour, in Node and in Chromium.

/** Every kind of JS value a host may hand over, by name. Made once per run (the big ones are
 *  shared). */
export function hostileValues() {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const cyclicArray = [];
  cyclicArray.push(cyclicArray);
  let deep = [];
  for (let i = 0; i < 100000; i++) deep = [deep];
  const throwingProxy = new Proxy({}, {
    get() { throw new Error('proxy get'); },
    has() { throw new Error('proxy has'); },
    ownKeys() { throw new Error('proxy ownKeys'); },
    getPrototypeOf() { throw new Error('proxy getPrototypeOf'); },
  });
  const throwingGetter = Object.defineProperty({}, '回款额', { get() { throw new Error('getter'); }, enumerable: true });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  class Thing {
    constructor() {
      this.回款额 = 1000;
    }
  }
  return [
    ['undefined', undefined], ['null', null], ['true', true], ['false', false],
    ['NaN', Number.NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0], ['1e308', 1e308], ['5e-324', 5e-324], ['42', 42],
    ['BigInt', 12n], ['huge BigInt', 10n ** 40n],
    ['empty string', ''], ['10 MB string', 'x'.repeat(10_000_000)], ['lone surrogate', '\ud800'], ['full-width digits', '１２３'], ['text', 'abc'],
    ['JSON text of an array', '[]'],
    ['Symbol', Symbol('s')], ['function', () => 1], ['class', Thing],
    ['empty array', []], ['sparse array', [, , {}]], ['huge array', new Array(200000).fill(0)], ['nested 100,000 deep', deep], ['array of text', ['a']],
    ['cyclic array', cyclicArray],
    ['Uint8Array', new Uint8Array(4)], ['Float64Array', new Float64Array([Number.NaN])], ['ArrayBuffer', new ArrayBuffer(8)],
    ['Date', new Date(0)], ['invalid Date', new Date(Number.NaN)], ['Map', new Map([['回款额', 1]])], ['Set', new Set([1])], ['RegExp', /x/],
    ['Promise', Promise.resolve(1)], ['Error', new Error('x')], ['WeakMap', new WeakMap()],
    ['empty object', {}], ['class instance', new Thing()], ['frozen object', Object.freeze({ 回款额: 1000 })],
    ['null-prototype object', Object.assign(Object.create(null), { 回款额: 1000 })],
    ['cyclic object', cyclic], ['throwing Proxy', throwingProxy], ['throwing getter', throwingGetter], ['revoked Proxy', revoked],
    ['object with NaN', { 回款额: Number.NaN }], ['object with 100,000-unit text', { 回款额: 'x'.repeat(100000) }],
  ];
}

/** A catalogue value: JSON, where `{"$": name, …}` stands for what JSON cannot write. */
export function decode(v, ctx) {
  if (Array.isArray(v)) return v.map((x) => decode(x, ctx));
  if (v === null || typeof v !== 'object') return v;
  if (!('$' in v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x, ctx)]));
  const named = Object.fromEntries(ctx.values);
  switch (v.$) {
    case 'value': {
      if (!(v.name in named)) throw new Error(`no hostile value named ${v.name}`);
      return named[v.name];
    }
    case 'rep': {
      // The sample team's first rep, with `set` keys replaced and `delete` keys removed.
      const rep = structuredClone(ctx.rep);
      for (const [k, x] of Object.entries(v.set ?? {})) rep[k] = decode(x, ctx);
      for (const k of v.delete ?? []) delete rep[k];
      return rep;
    }
    case 'plan': {
      // The sample team plan with `set` (JSON pointers → values) applied.
      const plan = structuredClone(ctx.plan);
      for (const [pointer, x] of Object.entries(v.set ?? {})) {
        const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
        const last = keys.pop();
        let at = plan;
        for (const k of keys) at = at[k];
        at[last] = decode(x, ctx);
      }
      return plan;
    }
    case 'spec':
      return { ...structuredClone(ctx.specs[v.of]), ...decode(v.with ?? {}, ctx) };
    case 'repeat':
      return Array.from({ length: v.n }, () => decode(v.item, ctx));
    case 'text':
      return String(v.s).repeat(v.n);
    case 'getter': {
      const o = decode(v.of ?? {}, ctx);
      Object.defineProperty(o, v.key, { get() { throw new Error('getter threw'); }, enumerable: true });
      return o;
    }
    default:
      throw new Error(`unknown catalogue value ${v.$}`);
  }
}

const CODE = /^[A-Z][A-Z0-9_]+$/;

/** Why a thrown value is not a proper SalesScoreError ('' when it is). */
function badError(api, e) {
  if (!(e instanceof api.SalesScoreError)) return `not a SalesScoreError: ${e && e.name}: ${e && e.message}`;
  if (!CODE.test(e.code)) return `code ${e.code}`;
  if (typeof e.path !== 'string' || (e.path !== '' && !e.path.startsWith('/'))) return `path ${e.path}`;
  const zh = e.messages?.['zh-CN'];
  const en = e.messages?.en;
  if (typeof zh !== 'string' || !zh || typeof en !== 'string' || !en) return 'messages missing';
  // No value printed by accident ("[object Object]"), no empty name; `undefined` only when that
  // is what was given.
  if (/\[object | for : /.test(zh + en)) return `message: ${en}`;
  if (/undefined/.test(zh + en) && e.detail?.found !== 'undefined') return `message mentions undefined: ${en}`;
  return '';
}

/** `ok` or `CODE path` for a call; a throw that is not a proper SalesScoreError is a failure. */
function outcome(api, fn) {
  try {
    const value = fn();
    return { text: 'ok', value };
  } catch (e) {
    const bad = badError(api, e);
    return bad ? { text: `BAD ${bad}`, bad } : { text: `${e.code} ${e.path}`, error: e };
  }
}

/** The call sites: each export's argument positions, with valid values elsewhere. `accepts`
 *  names the values a site may take without an error, and `check` what a batch must give. `of`
 *  names the export a site calls; an entry runs the sites of the exports it has. */
function allSites(api, ctx) {
  const { formula, rep, specs } = ctx;
  const plan = ctx.handle;
  const session = ctx.session;
  const records = (v) => ({ batch: true, length: Array.isArray(v) ? v.length : -1 });
  const fieldObjects = ['class instance', 'frozen object', 'null-prototype object'];
  const options = ['undefined', 'null', 'empty object'];
  return [
    { of: 'Formula', name: 'Formula.compile(source)', call: (v) => api.Formula.compile(v), accepts: ['text', 'lone surrogate', 'full-width digits'] },
    { of: 'Formula', name: 'Formula.compile(_, options)', call: (v) => api.Formula.compile('回款额 * 0.05', v), accepts: options },
    { of: 'Formula', name: 'formula.evaluate(values)', call: (v) => formula.evaluate(v), accepts: fieldObjects },
    { of: 'Formula', name: 'formula.evaluate(_, options)', call: (v) => formula.evaluate({ 回款额: 1 }, v), accepts: options },
    { of: 'Formula', name: 'formula.explain(values)', call: (v) => formula.explain(v), accepts: fieldObjects },
    { of: 'Formula', name: 'formula.explain(_, options)', call: (v) => formula.explain({ 回款额: 1 }, v), accepts: options },
    { of: 'Formula', name: 'formula.evaluateMany(records)', call: (v) => formula.evaluateMany(v), batch: 'values' },
    { of: 'Formula', name: 'formula.evaluateMany(_, options)', call: (v) => formula.evaluateMany([{ 回款额: 1 }], v), accepts: options },
    { of: 'evaluateFormula', name: 'evaluateFormula(source)', call: (v) => api.evaluateFormula(v, { 回款额: 1, abc: 1, '１２３': 1 }), accepts: ['text', 'full-width digits'] },
    { of: 'evaluateFormula', name: 'evaluateFormula(_, values)', call: (v) => api.evaluateFormula('回款额 * 0.05', v), accepts: fieldObjects },
    { of: 'evaluateFormula', name: 'evaluateFormula(_, _, options)', call: (v) => api.evaluateFormula('1 + 1', {}, v), accepts: options },
    // `{}` is the smallest plan: every section is optional.
    { of: 'Plan', name: 'Plan.compile(document)', call: (v) => api.Plan.compile(v), accepts: ['empty object'] },
    { of: 'Plan', name: 'plan.evaluate(record)', call: (v) => plan.evaluate(v), accepts: [] },
    { of: 'Plan', name: 'plan.evaluate(_, options)', call: (v) => plan.evaluate(rep, v), accepts: options },
    { of: 'Plan', name: 'plan.evaluateMany(records)', call: (v) => plan.evaluateMany(v), batch: 'results' },
    { of: 'Plan', name: 'plan.evaluateMany(_, options)', call: (v) => plan.evaluateMany([rep], v), accepts: options },
    // Each option's value (undefined is the default; each accepts only its own words).
    { of: 'Plan', name: 'plan.evaluate(_, { detail })', call: (v) => plan.evaluate(rep, { detail: v }), accepts: ['undefined'] },
    { of: 'Plan', name: 'plan.evaluateMany(_, { detail })', call: (v) => plan.evaluateMany([rep], { detail: v }), accepts: ['undefined'] },
    { of: 'Plan', name: 'plan.evaluate(_, { numbers })', call: (v) => plan.evaluate(rep, { numbers: v }), accepts: ['undefined'] },
    { of: 'Plan', name: 'plan.evaluate(_, { explain })', call: (v) => plan.evaluate(rep, { explain: v }), accepts: ['undefined', 'true', 'false'] },
    { of: 'Plan', name: 'plan.evaluate(_, { locale })', call: (v) => plan.evaluate(rep, { locale: v }), accepts: ['undefined'] },
    // salescore/admin's Plan only (salescore's evaluates record by record).
    { of: 'evaluateTeam', name: 'plan.evaluateTeam(records)', call: (v) => plan.evaluateTeam(v), batch: 'results' },
    { of: 'evaluateTeam', name: 'plan.evaluateTeam(_, options)', call: (v) => plan.evaluateTeam([rep], v), accepts: options },
    { of: 'Plan', name: 'plan.whatIf(record)', call: (v) => plan.whatIf(v, { amount: 1000 }), accepts: [] },
    { of: 'Plan', name: 'plan.whatIf(_, deal)', call: (v) => plan.whatIf(rep, v), accepts: [] },
    { of: 'Plan', name: 'plan.whatIf(_, _, options)', call: (v) => plan.whatIf(rep, { amount: 1000 }, v), accepts: options },
    // salescore/admin's Plan only.
    { of: 'diagnostics', name: 'plan.diagnostics(options)', call: (v) => plan.diagnostics(v), accepts: options },
    { of: 'decompose', name: 'decompose(spec)', call: (v) => api.decompose(v), accepts: [] },
    { of: 'decompose', name: 'decompose(_, options)', call: (v) => api.decompose(specs.decompose, v), accepts: options },
    { of: 'pace', name: 'pace(spec)', call: (v) => api.pace(v), accepts: [] },
    { of: 'pace', name: 'pace(_, options)', call: (v) => api.pace(specs.pace, v), accepts: options },
    { of: 'Compare', name: 'Compare.open(baseline)', call: (v) => api.Compare.open(v, [rep]), accepts: ['empty object'] },
    { of: 'Compare', name: 'Compare.open(_, records)', call: (v) => api.Compare.open(ctx.plan, v), accepts: [] },
    { of: 'Compare', name: 'Compare.open(_, _, options)', call: (v) => api.Compare.open(ctx.plan, [rep], v), accepts: options },
    { of: 'compare', name: 'compare(baseline)', call: (v) => api.compare(v, ctx.plan, [rep]), accepts: ['empty object'] },
    { of: 'compare', name: 'compare(_, draft)', call: (v) => api.compare(ctx.plan, v, [rep]), accepts: ['empty object'] },
    { of: 'compare', name: 'compare(_, _, records)', call: (v) => api.compare(ctx.plan, ctx.plan, v), accepts: [] },
    { of: 'compare', name: 'compare(_, _, _, view)', call: (v) => api.compare(ctx.plan, ctx.plan, [rep], v), accepts: options },
    { of: 'compare', name: 'compare(_, _, _, _, options)', call: (v) => api.compare(ctx.plan, ctx.plan, [rep], undefined, v), accepts: options },
    { of: 'Compare', name: 'compare.setDraft(draft)', call: (v) => session.setDraft(v) ?? 'set', accepts: ['empty object'] },
    { of: 'Compare', name: 'compare.setRecord(index)', call: (v) => session.setRecord(v, rep) ?? 'set', accepts: ['-0'] },
    { of: 'Compare', name: 'compare.setRecord(_, record)', call: (v) => session.setRecord(0, v) ?? 'set', accepts: [...fieldObjects, 'empty object'] },
    { of: 'Compare', name: 'compare.comparison(view)', call: (v) => session.comparison(v), accepts: options },
    { of: 'Compare', name: 'compare.explain(index)', call: (v) => session.explain(v), accepts: ['-0'] },
    { of: 'Compare', name: 'compare.sensitivity(spec)', call: (v) => session.sensitivity(v), accepts: options },
    { of: 'Compare', name: 'compare.curves(spec)', call: (v) => session.curves(v), accepts: options },
    { of: 'Compare', name: 'compare.comparison(_, options)', call: (v) => session.comparison(undefined, v), accepts: options },
    { of: 'Compare', name: 'compare.explain(_, options)', call: (v) => session.explain(0, v), accepts: options },
    { of: 'Compare', name: 'compare.sensitivity(_, options)', call: (v) => session.sensitivity(undefined, v), accepts: options },
    { of: 'Compare', name: 'compare.curves(_, options)', call: (v) => session.curves(undefined, v), accepts: options },
    { of: 'Compare', name: 'compare.rep(index)', call: (v) => session.rep(v), accepts: ['-0'] },
    { of: 'Compare', name: 'compare.rep(_, options)', call: (v) => session.rep(0, v), accepts: options },
    // The session keeps its two records: a record added is removed again, one removed is added first.
    { of: 'Compare', name: 'compare.addRecord(record)', call: (v) => {
      const length = session.addRecord(v);
      session.removeRecord(session.length - 1);
      return length;
    }, accepts: [...fieldObjects, 'empty object'] },
    { of: 'Compare', name: 'compare.removeRecord(index)', call: (v) => {
      session.addRecord(rep);
      try {
        return session.removeRecord(v) ?? 'removed';
      } catch (e) {
        session.removeRecord(session.length - 1);
        throw e;
      }
    }, accepts: ['-0'] },
    { of: 'Compare', name: 'compare.clearDraft(anything)', call: (v) => {
      session.clearDraft(v);
      session.setDraft(ctx.plan);
      return session.length;
    }, accepts: 'all' },
    // Any string has tokens (past the formula limit the rest is one error token); the rest is INVALID_VALUE.
    { of: 'formulaTokens', name: 'formulaTokens(source)', call: (v) => api.formulaTokens(v).length, accepts: ['empty string', '10 MB string', 'lone surrogate', 'full-width digits', 'text', 'JSON text of an array'] },
    // Calls that take nothing ignore what they are given.
    { of: 'listFunctions', name: 'listFunctions(anything)', call: (v) => api.listFunctions(v).length, accepts: 'all' },
    { of: 'version', name: 'version(anything)', call: (v) => api.version(v), accepts: 'all' },
    { of: 'document', name: 'plan.document(anything)', call: (v) => plan.document(v).fields.length, accepts: 'all' },
  ].map((s) => ({ ...s, records }));
}

/** What a site gave for a value, and whether that is allowed. */
function judge(site, name, value, got) {
  if (got.bad) return got.bad;
  if (got.error) return '';
  if (site.batch) {
    // A batch answers every record, or throws: never an empty or short answer.
    if (!Array.isArray(value)) return `accepted a non-array ${name}`;
    const out = got.value?.[site.batch];
    if (!Array.isArray(out) || out.length !== value.length) return `answered ${out?.length} of ${value.length} records`;
    const errors = new Set(got.value.errors.map((e) => e.index));
    for (let i = 0; i < value.length; i++) if ((out[i] === null) !== errors.has(i)) return `record ${i}: null without an error`;
    return '';
  }
  if (site.accepts !== 'all' && !site.accepts.includes(name)) return `accepted ${name}`;
  if (got.value === undefined) return `returned undefined for ${name}`;
  return '';
}

/** Plan methods only some entries' Plans have (salescore/admin's). */
const PLAN_METHODS = new Set(['diagnostics', 'evaluateTeam', 'document']);

/** Whether an entry has the export a site calls (`diagnostics`, `evaluateTeam`, `document`: a
 *  Plan with that method). */
const has = (entry, of) => (PLAN_METHODS.has(of) ? !!entry.Plan && of in entry.Plan.prototype : of in entry);

/** The names of the package's entries in the checks. */
const IMPORT = { form: 'salescore', targets: 'salescore/targets', admin: 'salescore/admin' };

/** Exports that are not calls on the engine's data: loading, the error class, the test hook. */
const NOT_CALLS = new Set(['default', '__esModule', 'init', 'initSync', 'SalesScoreError', '__trapForTest']);

/** `api` is the suite's (see `combine` in suite.mjs): every check runs on each of its entries. */
export function hostileChecks(api, data, check, same) {
  const values = hostileValues();
  const specs = { decompose: JSON.parse(data.targets.decompose.sampleText), pace: JSON.parse(data.targets.pace.sampleText) };
  const rep = data.teamReps[0];

  // Each entry's handles, and what they (or, without handles, its pacing of the sample) give
  // before any abuse; they must give it after every call, in every entry.
  const state = Object.entries(api.entries).map(([name, entry]) => {
    const formula = entry.Formula?.compile('回款额 * 0.05');
    const plan = entry.Plan?.compile(data.teamPlan);
    const session = entry.Compare?.open(data.teamPlan, [rep, rep]);
    const expected = () => JSON.stringify(formula
      ? [formula.evaluate({ 回款额: 1000 }), plan.evaluate(rep, { numbers: 'string' })]
      : [entry.pace(specs.pace, { numbers: 'string' }).team, entry.decompose(specs.decompose, { numbers: 'string' }).nodes.length]);
    const ctx = { values, formula, handle: plan, session, plan: data.teamPlan, rep, specs };
    return { name, label: IMPORT[name] ?? name, entry, ctx, expected, baseline: expected() };
  });
  const unchanged = () => state.every((s) => outcome(s.entry, s.expected).value === s.baseline);

  // Every call an entry exports has its sites.
  check('hostile values: every export of every entry has call sites', () => {
    const covered = new Set(allSites(api, state[0].ctx).map((site) => site.of));
    const missing = state.flatMap(({ label, entry }) => Object.keys(entry).filter((k) => !NOT_CALLS.has(k) && !covered.has(k)).map((k) => `${label}: ${k}`));
    return same(missing, []);
  });

  for (const { label, entry, ctx, expected, baseline } of state) {
    for (const site of allSites(entry, ctx).filter((x) => has(entry, x.of))) {
      check(`hostile values: ${label}: ${site.name}`, () => {
        const problems = [];
        const outcomes = [];
        for (const [name, value] of values) {
          const got = outcome(entry, () => site.call(value));
          outcomes.push(`${name}: ${got.text}`);
          const why = judge(site, name, value, got);
          if (why) problems.push(`${name}: ${why}`);
          const after = outcome(entry, expected);
          if (after.text !== 'ok' || after.value !== baseline) problems.push(`${name}: the handles changed after the call (${after.text})`);
        }
        return { ok: problems.length === 0, got: problems.length ? problems : outcomes, want: 'every value a coded error or an accepted answer' };
      });
    }
  }

  // The catalogue: each case through every entry that has its call.
  const ran = new Map(data.badInputs.map((c) => [c.id, []]));
  for (const { label, entry, ctx, expected, baseline } of state) {
    check(`bad inputs catalogue (tests/data/bad_inputs.jsonl): ${label}: code and path of each`, () => {
      const receivers = { api: entry, formula: ctx.formula, plan: ctx.handle };
      const problems = [];
      const got = [];
      for (const c of data.badInputs) {
        const [receiver, method] = c.call.includes('.') ? c.call.split('.') : ['api', c.call];
        const target = ['Formula', 'Plan', 'Compare'].includes(receiver) ? entry[receiver] : receivers[receiver];
        if (!target || !(method in target)) continue;
        ran.get(c.id).push(label);
        let args;
        try {
          args = decode(c.args, ctx);
        } catch (e) {
          problems.push(`${c.id}: cannot decode: ${e.message}`);
          continue;
        }
        const r = outcome(entry, () => target[method](...args));
        const text = r.error ? `${r.error.code} ${r.error.path}` : r.text;
        got.push(`${c.id}: ${text}`);
        const want = c.code === 'ok' ? 'ok' : `${c.code} ${c.path}`;
        if (text !== want) problems.push(`${c.id}: got ${text}, want ${want}`);
        else if (r.error && c.origin && r.error.origin !== c.origin) problems.push(`${c.id}: origin ${r.error.origin}, want ${c.origin}`);
      }
      if (expected() !== baseline) problems.push('the handles changed');
      return { ok: problems.length === 0, got: problems.length ? problems : got, want: 'every case as catalogued' };
    });
  }
  check('bad inputs catalogue: every case ran in some entry', () =>
    same([...ran].filter(([, labels]) => labels.length === 0).map(([id]) => id), []));

  for (const { label, entry, ctx, expected, baseline } of state.filter((s) => s.ctx.formula)) {
    const { formula, handle: plan } = ctx;
    check(`${label}: a getter that calls the engine back gets REENTRANT_CALL; the outer call reports it at the field`, () => {
      const record = { ...rep };
      let inner;
      Object.defineProperty(record, '回款额', {
        enumerable: true,
        get() {
          try {
            formula.evaluate({ 回款额: 1 });
            inner = 'no error';
          } catch (e) {
            inner = e.code;
            throw e;
          }
          return 1;
        },
      });
      const outer = outcome(entry, () => plan.evaluate(record));
      return same([inner, outer.text, expected() === baseline], ['REENTRANT_CALL', 'READ_FAILED /回款额', true]);
    });
  }

  for (const { label, entry } of state.filter((s) => 'pace' in s.entry)) {
    check(`${label}: a getter in a spec that calls the engine back gets REENTRANT_CALL; the outer call reports it at the field`, () => {
      const spec = structuredClone(specs.pace);
      let inner;
      Object.defineProperty(spec, 'asOf', {
        enumerable: true,
        get() {
          try {
            entry.decompose(specs.decompose);
            inner = 'no error';
          } catch (e) {
            inner = e.code;
            throw e;
          }
          return specs.pace.asOf;
        },
      });
      const outer = outcome(entry, () => entry.pace(spec));
      return same([inner, outer.text], ['REENTRANT_CALL', 'READ_FAILED /asOf']);
    });
  }

  // A trap ends one entry's instance: that entry starts a fresh one, the others never notice.
  for (const { label, entry, expected, baseline } of state) {
    check(`${label}: after a trap: INTERNAL_ERROR for the call, then a fresh instance; old handles recompile themselves; the other entries are untouched`, () => {
      const f = entry.Formula?.compile('回款额 * 2');
      const p = entry.Plan?.compile(JSON.stringify(data.teamPlan));
      const results = () => (f
        ? [f.evaluate({ 回款额: 21 }), JSON.stringify(p.evaluate(rep, { numbers: 'string' }))]
        : [JSON.stringify(entry.pace(data.targets.pace.sampleText, { numbers: 'string' })), entry.version()]);
      // A fresh instance is started as the first was: text beyond ASCII still compares ignoring case
      // (the module's start installs the host's toLowerCase).
      const fresh = () => (f ? entry.Formula.compile('IF("ÄPFEL" = "äpfel", 1 + 1, 0)').evaluate({}) : JSON.stringify(entry.decompose(specs.decompose, { numbers: 'string' })));
      const before = [...results(), fresh()];
      const trap = outcome(entry, () => entry.__trapForTest());
      const after = [...results(), fresh()];
      return same([trap.text, trap.error?.origin, after[0] === before[0], after[1] === before[1], after[2] === before[2], !f || after[2] === 2, expected() === baseline, unchanged()],
        ['INTERNAL_ERROR ', 'engine', true, true, true, true, true, true]);
    });
  }

  for (const { label, entry, expected, baseline } of state.filter((s) => s.ctx.formula)) {
    check(`${label}: free(): a freed handle throws HANDLE_FREED; free() twice is harmless; others keep working`, () => {
      const f = entry.Formula.compile('回款额 + 1');
      f.free();
      f.free();
      const p = entry.Plan.compile(data.teamPlan);
      p.free();
      const got = [outcome(entry, () => f.evaluate({ 回款额: 1 })).text, outcome(entry, () => p.evaluate(rep)).text];
      const want = ['HANDLE_FREED ', 'HANDLE_FREED '];
      if (entry.Compare) {
        const session = entry.Compare.open(data.teamPlan, [rep]);
        session.free();
        session.free();
        got.push(outcome(entry, () => session.comparison()).text);
        want.push('HANDLE_FREED ');
      }
      return same([...got, expected() === baseline], [...want, true]);
    });
  }
}
