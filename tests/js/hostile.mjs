// The engine as a hostile host calls it: every export with every kind of JS value in every
// argument position, the catalogue of bad inputs (tests/data/bad_inputs.jsonl) with the code and
// path each must give, re-entrant calls from getters, calls after a trap and after free().
// Runs inside the shared suite, so in every build, in Node and in Chromium.

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
 *  names the values a site may take without an error, and `check` what a batch must give. */
function sites(api, ctx) {
  const { formula, rep, specs } = ctx;
  const plan = ctx.handle;
  const session = api.Compare.open(ctx.plan, [rep, rep]);
  const records = (v) => ({ batch: true, length: Array.isArray(v) ? v.length : -1 });
  const fieldObjects = ['class instance', 'frozen object', 'null-prototype object'];
  const options = ['undefined', 'null', 'empty object'];
  return [
    { name: 'Formula.compile(source)', call: (v) => api.Formula.compile(v), accepts: ['text', 'lone surrogate', 'full-width digits'] },
    { name: 'Formula.compile(_, options)', call: (v) => api.Formula.compile('回款额 * 0.05', v), accepts: options },
    { name: 'formula.evaluate(values)', call: (v) => formula.evaluate(v), accepts: fieldObjects },
    { name: 'formula.evaluate(_, options)', call: (v) => formula.evaluate({ 回款额: 1 }, v), accepts: options },
    { name: 'formula.explain(values)', call: (v) => formula.explain(v), accepts: fieldObjects },
    { name: 'formula.explain(_, options)', call: (v) => formula.explain({ 回款额: 1 }, v), accepts: options },
    { name: 'formula.evaluateMany(records)', call: (v) => formula.evaluateMany(v), batch: 'values' },
    { name: 'formula.evaluateMany(_, options)', call: (v) => formula.evaluateMany([{ 回款额: 1 }], v), accepts: options },
    { name: 'evaluateFormula(source)', call: (v) => api.evaluateFormula(v, { 回款额: 1, abc: 1, '１２３': 1 }), accepts: ['text', 'full-width digits'] },
    { name: 'evaluateFormula(_, values)', call: (v) => api.evaluateFormula('回款额 * 0.05', v), accepts: fieldObjects },
    { name: 'evaluateFormula(_, _, options)', call: (v) => api.evaluateFormula('1 + 1', {}, v), accepts: options },
    // `{}` is the smallest plan: every section is optional.
    { name: 'Plan.compile(document)', call: (v) => api.Plan.compile(v), accepts: ['empty object'] },
    { name: 'plan.evaluate(record)', call: (v) => plan.evaluate(v), accepts: [] },
    { name: 'plan.evaluate(_, options)', call: (v) => plan.evaluate(rep, v), accepts: options },
    { name: 'plan.evaluateMany(records)', call: (v) => plan.evaluateMany(v), batch: 'results' },
    { name: 'plan.evaluateMany(_, options)', call: (v) => plan.evaluateMany([rep], v), accepts: options },
    { name: 'plan.evaluateTeam(records)', call: (v) => plan.evaluateTeam(v), batch: 'results' },
    { name: 'plan.evaluateTeam(_, options)', call: (v) => plan.evaluateTeam([rep], v), accepts: options },
    { name: 'plan.whatIf(record)', call: (v) => plan.whatIf(v, { amount: 1000 }), accepts: [] },
    { name: 'plan.whatIf(_, deal)', call: (v) => plan.whatIf(rep, v), accepts: [] },
    { name: 'plan.whatIf(_, _, options)', call: (v) => plan.whatIf(rep, { amount: 1000 }, v), accepts: options },
    { name: 'decompose(spec)', call: (v) => api.decompose(v), accepts: [] },
    { name: 'decompose(_, options)', call: (v) => api.decompose(specs.decompose, v), accepts: options },
    { name: 'pace(spec)', call: (v) => api.pace(v), accepts: [] },
    { name: 'pace(_, options)', call: (v) => api.pace(specs.pace, v), accepts: options },
    { name: 'Compare.open(baseline)', call: (v) => api.Compare.open(v, [rep]), accepts: ['empty object'] },
    { name: 'Compare.open(_, records)', call: (v) => api.Compare.open(ctx.plan, v), accepts: [] },
    { name: 'Compare.open(_, _, options)', call: (v) => api.Compare.open(ctx.plan, [rep], v), accepts: options },
    { name: 'compare.setDraft(draft)', call: (v) => session.setDraft(v) ?? 'set', accepts: ['empty object'] },
    { name: 'compare.setRecord(index)', call: (v) => session.setRecord(v, rep) ?? 'set', accepts: ['-0'] },
    { name: 'compare.setRecord(_, record)', call: (v) => session.setRecord(0, v) ?? 'set', accepts: [...fieldObjects, 'empty object'] },
    { name: 'compare.comparison(view)', call: (v) => session.comparison(v), accepts: options },
    { name: 'compare.explain(index)', call: (v) => session.explain(v), accepts: ['-0'] },
    { name: 'compare.sensitivity(spec)', call: (v) => session.sensitivity(v), accepts: options },
    { name: 'compare.curves(spec)', call: (v) => session.curves(v), accepts: options },
    // Any string has tokens (past the formula limit the rest is one error token); the rest is INVALID_VALUE.
    { name: 'formulaTokens(source)', call: (v) => api.formulaTokens(v).length, accepts: ['empty string', '10 MB string', 'lone surrogate', 'full-width digits', 'text', 'JSON text of an array'] },
    // Calls that take nothing ignore what they are given.
    { name: 'listFunctions(anything)', call: (v) => api.listFunctions(v).length, accepts: 'all' },
    { name: 'version(anything)', call: (v) => api.version(v), accepts: 'all' },
    { name: 'plan.document(anything)', call: (v) => plan.document(v).fields.length, accepts: 'all' },
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

export function hostileChecks(api, data, check, same) {
  const values = hostileValues();
  const formula = api.Formula.compile('回款额 * 0.05');
  const plan = api.Plan.compile(data.teamPlan);
  const rep = data.teamReps[0];
  const specs = { decompose: JSON.parse(data.targets.decompose.sampleText), pace: JSON.parse(data.targets.pace.sampleText) };
  const ctx = { values, formula, handle: plan, plan: data.teamPlan, rep, specs };
  // What the handles give before any abuse; they must give it after every call.
  const expected = () => JSON.stringify([formula.evaluate({ 回款额: 1000 }), plan.evaluate(rep, { numbers: 'string' })]);
  const baseline = expected();

  for (const site of sites(api, ctx)) {
    check(`hostile values: ${site.name}`, () => {
      const problems = [];
      const outcomes = [];
      for (const [name, value] of values) {
        const got = outcome(api, () => site.call(value));
        outcomes.push(`${name}: ${got.text}`);
        const why = judge(site, name, value, got);
        if (why) problems.push(`${name}: ${why}`);
        const after = outcome(api, expected);
        if (after.text !== 'ok' || after.value !== baseline) problems.push(`${name}: the handles changed after the call (${after.text})`);
      }
      return { ok: problems.length === 0, got: problems.length ? problems : outcomes, want: 'every value a coded error or an accepted answer' };
    });
  }

  check('bad inputs catalogue (tests/data/bad_inputs.jsonl): code and path of each', () => {
    const receivers = { api, formula, plan };
    const problems = [];
    const got = [];
    for (const c of data.badInputs) {
      const [receiver, method] = c.call.includes('.') ? c.call.split('.') : ['api', c.call];
      const target = ['Formula', 'Plan', 'Compare'].includes(receiver) ? api[receiver] : receivers[receiver];
      let args;
      try {
        args = decode(c.args, ctx);
      } catch (e) {
        problems.push(`${c.id}: cannot decode: ${e.message}`);
        continue;
      }
      const r = outcome(api, () => target[method](...args));
      const text = r.error ? `${r.error.code} ${r.error.path}` : r.text;
      got.push(`${c.id}: ${text}`);
      const want = c.code === 'ok' ? 'ok' : `${c.code} ${c.path}`;
      if (text !== want) problems.push(`${c.id}: got ${text}, want ${want}`);
      else if (r.error && c.origin && r.error.origin !== c.origin) problems.push(`${c.id}: origin ${r.error.origin}, want ${c.origin}`);
    }
    if (expected() !== baseline) problems.push('the handles changed');
    return { ok: problems.length === 0, got: problems.length ? problems : got, want: 'every case as catalogued' };
  });

  check('a getter that calls the engine back gets REENTRANT_CALL; the outer call reports it at the field', () => {
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
    const outer = outcome(api, () => plan.evaluate(record));
    return same([inner, outer.text, expected() === baseline], ['REENTRANT_CALL', 'READ_FAILED /回款额', true]);
  });

  check('after a trap: INTERNAL_ERROR for the call, then a fresh instance; old handles recompile themselves', () => {
    const f = api.Formula.compile('回款额 * 2');
    const p = api.Plan.compile(JSON.stringify(data.teamPlan));
    const before = [f.evaluate({ 回款额: 21 }), JSON.stringify(p.evaluate(rep, { numbers: 'string' }))];
    const trap = outcome(api, () => api.__trapForTest());
    const after = [f.evaluate({ 回款额: 21 }), JSON.stringify(p.evaluate(rep, { numbers: 'string' }))];
    const fresh = api.Formula.compile('1 + 1').evaluate({});
    return same([trap.text, trap.error?.origin, after[0] === before[0], after[1] === before[1], expected() === baseline, fresh],
      ['INTERNAL_ERROR ', 'engine', true, true, true, 2]);
  });

  check('free(): a freed handle throws HANDLE_FREED; free() twice is harmless; others keep working', () => {
    const f = api.Formula.compile('回款额 + 1');
    f.free();
    f.free();
    const p = api.Plan.compile(data.teamPlan);
    p.free();
    return same([outcome(api, () => f.evaluate({ 回款额: 1 })).text, outcome(api, () => p.evaluate(rep)).text, expected() === baseline],
      ['HANDLE_FREED ', 'HANDLE_FREED ', true]);
  });
}
