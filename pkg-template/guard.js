// The package's front door, the same in every build. Each call into the engine goes through
// `run`, which:
// - refuses `init()` where WebAssembly is missing or blocked (WASM_UNAVAILABLE, naming the no-WASM
//   build), before downloading anything;
// - refuses a call before `init()` has finished (NOT_INITIALIZED, with the fix in the hint), and a
//   call made from inside another one (REENTRANT_CALL: a getter or Proxy of a record calling the
//   engine back), before anything reaches WebAssembly;
// - lets the engine's own errors (SalesScoreError) through as they are;
// - treats anything else escaping the engine (a trap: out of memory, `unreachable`, a stack
//   overflow) as the end of that WebAssembly instance: it starts a fresh one from the compiled
//   module and throws INTERNAL_ERROR for the call that failed. Handles made on the dead instance
//   compile themselves again from their document or formula text on their next call, so the
//   page keeps working and no handle reads memory it no longer owns.
// Messages of the codes raised here are the only ones not in the engine's catalogue: the engine
// may be the thing that is missing or dead when they are needed.

const MESSAGES = {
  NOT_INITIALIZED: {
    en: 'the engine is not loaded yet',
    'zh-CN': '引擎尚未加载完成',
    hintEn: 'await init() once before the first call ({entry}/nowasm needs no loading)',
    hintZh: '首次调用前先 await init()（{entry}/nowasm 无需加载）',
  },
  REENTRANT_CALL: {
    en: 'the engine was called from inside another call to it (a getter or Proxy of the input called it back)',
    'zh-CN': '在引擎的一次调用尚未结束时又调用了引擎（输入对象的属性访问器或 Proxy 对象回调了引擎）',
    hintEn: 'read the values you need first, then call the engine with plain objects',
    hintZh: '先取出需要的值，再用普通对象调用引擎',
  },
  HANDLE_FREED: {
    en: 'this handle was released with free()',
    'zh-CN': '该对象已通过 free() 释放',
    hintEn: 'compile it again (Plan.compile / Formula.compile)',
    hintZh: '请重新编译（Plan.compile / Formula.compile）',
  },
  WASM_UNAVAILABLE: {
    en: 'this page cannot run WebAssembly ({found})',
    'zh-CN': '此页面无法运行 WebAssembly（运行环境报告：“{found}”）',
    hintEn: "import {entry}/auto, which falls back to the no-WASM build by itself, or use the no-WASM build ({entry}/nowasm or {entry}/nowasm/iife), or allow 'wasm-unsafe-eval' in the page's Content Security Policy",
    hintZh: "请改为导入 {entry}/auto（会自动退回无 WASM 的版本），或直接使用无 WASM 的版本（{entry}/nowasm 或 {entry}/nowasm/iife），或在页面的内容安全策略中允许 'wasm-unsafe-eval'",
  },
  WASM_NOT_FOUND: {
    en: "the engine's .wasm could not be loaded ({found})",
    'zh-CN': '无法加载引擎的 .wasm 文件（运行环境报告：“{found}”）',
    hintEn: "the bundler or server did not put this entry's .wasm where the script looks for it (or served another file there): import it from '{entry}/wasm' and pass it to init({ module_or_path }), or use {entry}/inline, which needs no file",
    hintZh: "打包工具或服务器没有把本入口的 .wasm 放在脚本查找的位置（或在该位置返回了别的文件）：从 '{entry}/wasm' 导入后传给 init({ module_or_path })，或改用无需单独文件的 {entry}/inline",
  },
  INTERNAL_ERROR: {
    en: 'the engine stopped ({found}) and was restarted; this call has no result',
    'zh-CN': '引擎意外停止（运行环境报告：“{found}”），已重新启动；本次调用没有结果',
    hintEn: 'call again; compiled plans and formulas keep working. Please report the input that caused it',
    hintZh: '请重试；已编译的计划和公式仍可继续使用。请反馈引发此问题的输入',
  },
};

/** The locale a call asks for, read without trusting `options`. */
function localeOf(options) {
  try {
    return options && typeof options === 'object' && options.locale === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function describe(e) {
  try {
    if (e && typeof e === 'object' && typeof e.message === 'string') return `${e.name ?? 'Error'}: ${e.message}`.slice(0, 200);
    return String(e).slice(0, 200);
  } catch {
    return 'an exception';
  }
}

/**
 * Wraps one build's generated bindings. `glue` has the classes and functions; `restart()` starts
 * a fresh instance synchronously; `ready()` says whether the instance is loaded; `load(...)` and
 * `loadSync(...)` load it (the build's `init` and `initSync`); `documentJson` is the engine's
 * reader of documents, used to keep each plan's text for a recompile.
 */
export function guard({ glue, SalesScoreError, restart, ready, load, loadSync, documentJson, wasm = true, entry = 'salescore' }) {
  let generation = 0;
  let busy = false;
  /** Handles made on the current instance (weakly: the garbage collector still frees them). */
  let live = new Set();
  let pruneAt = 64;

  const error = (code, locale, found = '') => {
    const m = MESSAGES[code];
    const fill = (s) => s.replace('{found}', () => found).replaceAll('{entry}', () => entry);
    const messages = { 'zh-CN': fill(m['zh-CN']), en: fill(m.en) };
    return new SalesScoreError({
      code, path: '', origin: 'engine', locale, message: messages[locale], messages,
      hint: fill(locale === 'en' ? m.hintEn : m.hintZh), detail: found ? { found } : {},
    });
  };

  const track = (inner) => {
    live.add(new WeakRef(inner));
    if (live.size > pruneAt) {
      for (const ref of live) if (ref.deref() === undefined) live.delete(ref);
      pruneAt = Math.max(64, live.size * 2);
    }
    return inner;
  };

  /** Ends the current instance: its handles let go of their memory without touching it (their
   *  finalizers would free pointers in the new instance), then a fresh instance starts. */
  const renew = () => {
    for (const ref of live) ref.deref()?.__destroy_into_raw();
    live = new Set();
    generation += 1;
    restart();
  };

  const run = (locale, fn) => {
    if (!ready()) throw error('NOT_INITIALIZED', locale);
    if (busy) throw error('REENTRANT_CALL', locale);
    busy = true;
    try {
      return fn();
    } catch (e) {
      if (e instanceof SalesScoreError) throw e;
      const found = describe(e);
      try {
        renew();
      } catch (again) {
        throw error('INTERNAL_ERROR', locale, `${found}; restart failed: ${describe(again)}`);
      }
      throw error('INTERNAL_ERROR', locale, found);
    } finally {
      busy = false;
    }
  };

  const SECRET = Symbol('salescore handle');

  /** What Formula and Plan share: the inner handle, its instance, and free(). */
  class Handle {
    #inner;
    #generation;
    #freed = false;
    constructor(secret, inner) {
      if (secret !== SECRET) throw new TypeError('use compile() to make one');
      this.#inner = inner;
      this.#generation = generation;
    }
    /** The inner handle on the current instance (compiled again after a restart). */
    inner(locale) {
      if (this.#freed) throw error('HANDLE_FREED', locale);
      if (this.#generation !== generation) {
        this.#inner = track(this.recompile());
        this.#generation = generation;
      }
      return this.#inner;
    }
    /** Releases the handle's memory now (the garbage collector does it otherwise). Calling it
     *  again does nothing. */
    free() {
      if (this.#freed) return;
      this.#freed = true;
      if (this.#generation === generation && ready()) {
        const inner = this.#inner;
        for (const ref of live) if (ref.deref() === inner) live.delete(ref);
        inner.free();
      }
      this.#inner = undefined;
    }
  }
  if (Symbol.dispose) Handle.prototype[Symbol.dispose] = Handle.prototype.free;

  class Formula extends Handle {
    #source;
    constructor(secret, inner, source) {
      super(secret, inner);
      this.#source = source;
    }
    /** Compiles formula text. Throws `SalesScoreError` with a span on bad text. */
    static compile(source, options) {
      const locale = localeOf(options);
      return new Formula(SECRET, run(locale, () => track(glue.Formula.compile(source, options))), source);
    }
    recompile() {
      return glue.Formula.compile(this.#source);
    }
    /** Evaluates against an object of field values. */
    evaluate(values, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).evaluate(values, options));
    }
    /** Evaluates many records in one call: `{ values, errors }`. */
    evaluateMany(records, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).evaluateMany(records, options));
    }
    /** Evaluates and shows the calculation. */
    explain(values, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).explain(values, options));
    }
    /** The field names the formula reads, in order of first use. */
    get fields() {
      return run('zh-CN', () => this.inner('zh-CN').fields);
    }
    /** The formula text. */
    get source() {
      return this.#source;
    }
  }

  class Plan extends Handle {
    #text;
    constructor(secret, inner, text) {
      super(secret, inner);
      this.#text = text;
    }
    /** Compiles a plan document (a JSON string or an object). */
    static compile(document) {
      const [text] = documentJson(document);
      // A document the reader refuses goes to the engine as given, which says why.
      const inner = run('zh-CN', () => track(glue.Plan.compile(text ?? document)));
      return new Plan(SECRET, inner, text);
    }
    recompile() {
      return glue.Plan.compile(this.#text);
    }
    /** Evaluates one record. */
    evaluate(record, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).evaluate(record, options));
    }
    /** Evaluates many records in one call: `{ results, errors }`. */
    evaluateMany(records, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).evaluateMany(records, options));
    }
    /** Evaluates a whole team in one call: `{ results, errors, team }`. */
    evaluateTeam(records, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).evaluateTeam(records, options));
    }
    /** "If I close this much more". */
    whatIf(record, deal, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).whatIf(record, deal, options));
    }
    /** Warnings about a plan that compiles but is probably wrong, in the options' locale. */
    diagnostics(options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale).diagnostics(options));
    }
    /** The plan document as compiled (with defaults filled in). */
    document() {
      return run('zh-CN', () => this.inner('zh-CN').document());
    }
  }

  /** An admin's compare session (see `Compare.open`). After a restart it opens again from the
   *  baseline, the records as last set and the draft. */
  class Compare extends Handle {
    #baseline;
    #records;
    #options;
    #draft;
    constructor(secret, inner, baseline, records, options) {
      super(secret, inner);
      this.#baseline = baseline;
      this.#records = records;
      this.#options = options;
    }
    /** Opens a session: `baseline` computed once over `records` (a team, one period). */
    static open(baseline, records, options) {
      const locale = localeOf(options);
      const [text] = documentJson(baseline);
      const inner = run(locale, () => track(glue.Compare.open(text ?? baseline, records, options)));
      return new Compare(SECRET, inner, text, [...records], options);
    }
    recompile() {
      const session = glue.Compare.open(this.#baseline, this.#records, this.#options);
      if (this.#draft !== undefined) session.setDraft(this.#draft);
      return session;
    }
    /** Sets the draft plan; only the draft side is computed. */
    setDraft(draft) {
      const [text] = documentJson(draft);
      run('zh-CN', () => this.inner('zh-CN').setDraft(text ?? draft));
      this.#draft = text;
    }
    /** Removes the draft. */
    clearDraft() {
      run('zh-CN', () => this.inner('zh-CN').clearDraft());
      this.#draft = undefined;
    }
    /** Replaces record `index`; only it is computed again, under both plans. */
    setRecord(index, record) {
      run('zh-CN', () => this.inner('zh-CN').setRecord(index, record));
      this.#records[index] = record;
    }
    /** Adds a record at the end; its index. */
    addRecord(record) {
      const index = run('zh-CN', () => this.inner('zh-CN').addRecord(record));
      this.#records.push(record);
      return index;
    }
    /** Removes record `index`. */
    removeRecord(index) {
      run('zh-CN', () => this.inner('zh-CN').removeRecord(index));
      this.#records.splice(index, 1);
    }
    /** The number of records. */
    get length() {
      return run('zh-CN', () => this.inner('zh-CN').length);
    }
  }
  for (const name of ['comparison', 'rep', 'explain', 'sensitivity', 'curves']) {
    Compare.prototype[name] = function (arg, options) {
      const locale = localeOf(options);
      return run(locale, () => this.inner(locale)[name](arg, options));
    };
  }

  const call = (name) => (...args) => run(localeOf(args[args.length - 1]), () => glue[name](...args));

  /** Loads through `start`, refusing at once (before any download) where WebAssembly is missing,
   *  and naming the fix when the page refuses to compile it. */
  const loadWith = (start, args) => {
    if (wasm && typeof WebAssembly !== 'object') throw error('WASM_UNAVAILABLE', 'zh-CN', 'WebAssembly is not defined');
    const refused = (e) => {
      if (e instanceof SalesScoreError) return e;
      const name = e && e.name;
      const message = String(e && e.message);
      // Not this entry's .wasm: an HTTP error (the glue's words), a failed request (the
      // browser's), another file in its place (an HTML fallback page: not a WebAssembly module
      // at all; another entry's .wasm: its imports do not match).
      if (/^failed to fetch Wasm|^Failed to fetch|NetworkError|^Load failed/.test(message)
        || (name === 'CompileError' && /magic|\\0asm|doesn't start|empty|BufferSource/i.test(message))
        || name === 'LinkError' || (name === 'TypeError' && /^WebAssembly\./.test(message))) {
        return error('WASM_NOT_FOUND', 'zh-CN', describe(e));
      }
      // Any other refusal to compile: the page's CSP (each browser words it its own way), or a
      // WebAssembly feature this engine lacks; or no WebAssembly at all.
      if (name === 'ReferenceError' || name === 'CompileError') return error('WASM_UNAVAILABLE', 'zh-CN', describe(e));
      return e;
    };
    try {
      const started = start(...args);
      return started instanceof Promise ? started.catch((e) => Promise.reject(refused(e))) : started;
    } catch (e) {
      throw refused(e);
    }
  };

  // An entry exports what its WebAssembly module has (salescore, salescore/targets,
  // salescore/admin each build a different set): the Plan of salescore has no evaluateTeam,
  // document or diagnostics, salescore/admin's has them all.
  for (const method of ['evaluateTeam', 'document', 'diagnostics']) {
    if (!glue.Plan || !(method in glue.Plan.prototype)) delete Plan.prototype[method];
  }
  const has = (name) => typeof glue[name] === 'function';
  const exported = {};
  for (const [name, value] of [['Formula', Formula], ['Plan', Plan], ['Compare', Compare]]) if (has(name)) exported[name] = value;
  for (const name of ['evaluateFormula', 'compare', 'decompose', 'pace', 'formulaTokens', 'listFunctions', 'version']) {
    if (has(name)) exported[name] = call(name);
  }

  let loading;
  return {
    ...exported,
    SalesScoreError,
    /** Loads the engine (once; later calls return the same promise). */
    init(...args) {
      loading ??= Promise.resolve()
        .then(() => loadWith(load, args))
        .catch((e) => {
          loading = undefined;
          throw e;
        });
      return loading;
    },
    /** Loads the engine synchronously. */
    initSync(...args) {
      return loadWith(loadSync, args);
    },
    /** Ends the engine's instance as a trap would, to test recovery (not part of the API). */
    __trapForTest() {
      return run('en', () => glue.__trapForTest());
    },
  };
}
