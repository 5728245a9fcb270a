// SalesScore formula playground. Plain ES module, no build step.
//
// Flow: every edit of the formula recompiles it (cheap) and re-evaluates it with the values typed
// in the field inputs, sent as strings so decimals stay exact. Compile errors are shown after a
// short pause in typing, underlined at their UTF-16 span (JS string indices, as the engine gives).
// The text is coloured with the engine's own tokens (`formulaTokens`), which also drive the
// signature help, the autocomplete and the fields guessed from text that does not compile.

import init, { Formula, formulaTokens, listFunctions, version } from '/pkg/index.js';
import {
  $, errorMessage, escapeHtml, groupDigits, locale, onLocaleSwitch, readLocale, renderTopbar, showLocale, showVersion, t, useText,
} from './page.js';

// ---------------------------------------------------------------------------------------------
// Text

const TEXT = {
  'zh-CN': {
    pageTitle: 'SalesScore 公式试验台',
    title: '公式试验台',
    tagline: '销售 KPI 与提成公式 · 精确小数 · 在浏览器本地计算',
    share: '复制分享链接',
    shareDone: '链接已复制',
    shareFailed: '无法复制，请从地址栏复制',
    formula: '公式',
    formulaSub: '输入时即时检查与计算',
    samplesLabel: '示例',
    editorPlaceholder: '输入公式，例如 TIERSUM(回款额, 0, 0.03, 100000, 0.05)',
    values: '字段取值',
    clearValues: '清空',
    valuesNote: '按原样以文本传给引擎，小数不经过浮点，结果精确。',
    noFields: '这个公式不读取任何字段。',
    noFormula: '输入公式后，这里会列出它读取的字段。',
    staleFields: '公式修正前，字段按文本推测。',
    result: '结果',
    copy: '复制',
    copied: '已复制',
    grouped: '千分位',
    substituted: '代入',
    resultIdle: '—',
    resultWaiting: '等待输入',
    pending: '请填写：{names}',
    resultErrorNote: '公式有错误，修正后显示结果。',
    runtimeErrorNote: '计算失败，见上方错误说明。',
    loading: '正在加载计算引擎…',
    loadFailed: '计算引擎加载失败：{message}',
    functions: '函数参考',
    functionsCount: '{n} 个函数 · 点击插入',
    searchPlaceholder: '搜索函数：名称、用途或示例',
    noMatch: '没有匹配“{q}”的函数',
    insertTitle: '点击插入 {name}()',
    statusOk: '语法正确',
    statusFields: '读取 {n} 个字段',
    statusNoFields: '不读取字段',
    compileError: '公式错误',
    where: '第 {line} 行，第 {col} 列',
    whereCol: '第 {col} 个字符',
    fix: '改为 {s}',
    footerNote: '所有计算都在本机浏览器中完成，数据不会上传。',
    valuePlaceholder: '数值、文本或日期',
    tip: '提示：字段名可直接写中文，含空格的字段名写作 {客户 类型}；输入函数名时按 Tab 补全。',
    types: { number: '数值', text: '文本', boolean: '布尔值', date: '日期', empty: '未填写' },
    categories: { logic: '逻辑', math: '数学', lookup: '阶梯与查找', date: '日期', text: '文本' },
    sigHint: '参数',
  },
  en: {
    pageTitle: 'SalesScore Formula Playground',
    title: 'Formula Playground',
    tagline: 'Sales KPI & commission formulas · exact decimals · computed in your browser',
    share: 'Copy share link',
    shareDone: 'Link copied',
    shareFailed: 'Could not copy; use the address bar',
    formula: 'Formula',
    formulaSub: 'Checked and computed as you type',
    samplesLabel: 'Samples',
    editorPlaceholder: 'Type a formula, e.g. TIERSUM(回款额, 0, 0.03, 100000, 0.05)',
    values: 'Field values',
    clearValues: 'Clear',
    valuesNote: 'Sent to the engine as text: decimals never pass through floating point.',
    noFields: 'This formula reads no fields.',
    noFormula: 'Type a formula to see the fields it reads.',
    staleFields: 'Until the formula is fixed, fields are guessed from its text.',
    result: 'Result',
    copy: 'Copy',
    copied: 'Copied',
    grouped: 'Grouped',
    substituted: 'Substituted',
    resultIdle: '—',
    resultWaiting: 'Waiting for input',
    pending: 'Fill in: {names}',
    resultErrorNote: 'Fix the formula to see a result.',
    runtimeErrorNote: 'The calculation failed; see the error above.',
    loading: 'Loading the engine…',
    loadFailed: 'The engine failed to load: {message}',
    functions: 'Functions',
    functionsCount: '{n} functions · click to insert',
    searchPlaceholder: 'Search by name, purpose or example',
    noMatch: 'No function matches “{q}”',
    insertTitle: 'Click to insert {name}()',
    statusOk: 'Formula is valid',
    statusFields: 'reads {n} field(s)',
    statusNoFields: 'reads no fields',
    compileError: 'Formula error',
    where: 'line {line}, column {col}',
    whereCol: 'character {col}',
    fix: 'Replace with {s}',
    footerNote: 'Everything is computed locally in your browser; no data is uploaded.',
    valuePlaceholder: 'number, text or date',
    tip: 'Tip: field names can be Chinese; write names with spaces as {客户 类型}. Press Tab to complete a function name.',
    types: { number: 'Number', text: 'Text', boolean: 'Boolean', date: 'Date', empty: 'Empty' },
    categories: { logic: 'Logic', math: 'Math', lookup: 'Tiers & lookup', date: 'Date', text: 'Text' },
    sigHint: 'Arguments',
  },
};

useText(TEXT);
renderTopbar('formulas', { actions: `<button type="button" id="share" class="ghost-button" data-i18n="share">${escapeHtml(t('share'))}</button>` });

const CATEGORY_ORDER = ['lookup', 'logic', 'math', 'date', 'text'];

// Sample formulas from sales practice. Field names are Chinese, as a CRM form would have them.
const SAMPLES = [
  {
    id: 'tiered-commission',
    title: { 'zh-CN': '阶梯提成', en: 'Tiered commission' },
    desc: {
      'zh-CN': '超额累进：10 万以内 3%，10–30 万部分 5%，30 万以上部分 8%。',
      en: 'Graduated: 3% up to 100k, 5% on 100k–300k, 8% above 300k.',
    },
    formula: 'TIERSUM(回款额, 0, 0.03, 100000, 0.05, 300000, 0.08)',
    values: { 回款额: '386420.50' },
  },
  {
    id: 'attainment',
    title: { 'zh-CN': '达成率', en: 'Attainment' },
    desc: {
      'zh-CN': 'DIVIDE 在目标为 0 时返回 0 而不是报错；保留 4 位小数。',
      en: 'DIVIDE returns 0 instead of failing when the target is 0; rounded to 4 places.',
    },
    formula: 'ROUND(DIVIDE(实际回款, 目标回款), 4)',
    values: { 实际回款: '845000', 目标回款: '1200000' },
  },
  {
    id: 'tier-multiplier',
    title: { 'zh-CN': '达成系数奖金', en: 'Attainment multiplier' },
    desc: {
      'zh-CN': 'TIER 阶梯查找：达成 80% 起按 0.6 倍，100% 按 1 倍，120% 以上按 1.5 倍发放。',
      en: 'TIER step lookup: 0.6× from 80%, 1× from 100%, 1.5× from 120% attainment.',
    },
    formula: '奖金基数 * TIER(DIVIDE(实际回款, 目标回款), 0, 0, 0.8, 0.6, 1, 1, 1.2, 1.5)',
    values: { 奖金基数: '8000', 实际回款: '1086500', 目标回款: '1000000' },
  },
  {
    id: 'gate',
    title: { 'zh-CN': '门槛奖金', en: 'Gated bonus' },
    desc: {
      'zh-CN': '回款率达到 60%、有新签合同且无违规，才按回款率折算发放基础奖金（最多 100%）。',
      en: 'Paid only with ≥ 60% collection, a new contract and no violation; scaled by the collection rate (at most 100%).',
    },
    formula: 'IF(AND(回款率 >= 0.6, 新签合同数 > 0, NOT(是否违规)), 基础奖金 * MIN(回款率, 1), 0)',
    values: { 回款率: '0.72', 新签合同数: '3', 是否违规: 'FALSE', 基础奖金: '5000' },
  },
  {
    id: 'accelerator',
    title: { 'zh-CN': '超额部分翻倍', en: 'Accelerator (2× above quota)' },
    desc: {
      'zh-CN': '目标以内按提成比例，超出目标的部分按双倍比例计提。',
      en: 'The commission rate up to quota, double the rate on the part above quota.',
    },
    formula: 'MIN(回款额, 目标) * 提成比例 + MAX(0, 回款额 - 目标) * 提成比例 * 2',
    values: { 回款额: '1280000.00', 目标: '1000000', 提成比例: '0.05' },
  },
  {
    id: 'tenure',
    title: { 'zh-CN': '司龄津贴', en: 'Tenure allowance' },
    desc: {
      'zh-CN': '按考核截止日的完整司龄（年）每年 200 元，最多计 5 年。',
      en: '200 per whole year of tenure at the period end, capped at 5 years.',
    },
    formula: 'MIN(DATEDIF(入职日期, 考核截止日, "Y"), 5) * 200',
    values: { 入职日期: '2021-03-15', 考核截止日: '2025-06-30' },
  },
  {
    id: 'exact',
    title: { 'zh-CN': '精确小数', en: 'Exact decimals' },
    desc: {
      'zh-CN': '19.99 × 3 × 0.85 = 50.9745，不会出现浮点误差。',
      en: '19.99 × 3 × 0.85 = 50.9745 exactly, with no floating-point noise.',
    },
    formula: '单价 * 数量 * (1 - 折扣)',
    values: { 单价: '19.99', 数量: '3', 折扣: '0.15' },
  },
  {
    id: 'typo',
    title: { 'zh-CN': '拼写错误示例', en: 'A typo' },
    desc: {
      'zh-CN': '错误会在出错位置标红，并给出“您是不是要写 …”的建议。',
      en: 'Errors are underlined where they occur, with a “did you mean …” suggestion.',
    },
    formula: 'SUMM(一月回款, 二月回款, 三月回款)',
    values: { 一月回款: '120000', 二月回款: '98000.5', 三月回款: '143200' },
  },
];

// ---------------------------------------------------------------------------------------------
// State and helpers

const els = {
  formula: $('#formula'),
  highlight: $('#formula-highlight'),
  mirror: $('#formula-mirror'),
  editor: $('#editor'),
  autocomplete: $('#autocomplete'),
  signature: $('#signature-help'),
  statusOk: $('#status-ok'),
  error: $('#error'),
  errorKind: $('#error-kind'),
  errorCode: $('#error-code'),
  errorWhere: $('#error-where'),
  errorMessage: $('#error-message'),
  errorHint: $('#error-hint'),
  errorFix: $('#error-fix'),
  fields: $('#fields'),
  result: $('#result'),
  resultType: $('#result-type'),
  resultNote: $('#result-note'),
  resultDetails: $('#result-details'),
  resultGrouped: $('#result-grouped'),
  resultGroupedRow: $('#result-grouped-row'),
  resultSubstituted: $('#result-substituted'),
  resultSubstitutedRow: $('#result-substituted-row'),
  copyResult: $('#copy-result'),
  functions: $('#functions'),
  functionsCount: $('#functions-count'),
  search: $('#function-search'),
  samples: $('#samples'),
  sampleDesc: $('#sample-desc'),
  share: $('#share'),
  clearValues: $('#clear-values'),
};

const ERROR_DELAY_MS = 220; // pause in typing before a compile error is shown

const state = {
  ready: false,
  functions: [], // from listFunctions()
  functionNames: new Set(),
  values: new Map(), // field name -> typed string (kept when the field leaves the formula)
  formula: null, // the compiled Formula of the current text, or null
  compiledKey: null, // `${locale}\u0000${source}` the formula / compileError belong to
  compileError: null,
  lastFields: [], // fields of the last formula that compiled
  shownError: null, // {error, kind, source} currently displayed (and underlined)
  errorTimer: 0,
  sampleId: null,
  ac: { open: false, items: [], index: 0, navigated: false, start: 0, end: 0 },
};

/** A guess of the type of a typed value, for the badge next to the input. */
function valueType(v) {
  const s = v.trim();
  if (s === '') return 'empty';
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return 'number';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'date';
  if (/^(true|false)$/i.test(s)) return 'boolean';
  return 'text';
}

/** 1-based line and column (in characters, not UTF-16 units) of a UTF-16 offset. */
function lineCol(src, offset) {
  const before = src.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, col: [...lines[lines.length - 1]].length + 1 };
}

// ---------------------------------------------------------------------------------------------
// Syntax colouring with the engine's tokens: `{ kind, start, end, code? }`, spans in UTF-16 units,
// white space left out.

let lastTokens = { src: null, tokens: [] };

/** The engine's tokens of `src` (the last text's are kept: every keystroke asks several times). */
function tokensOf(src) {
  if (!state.ready) return [];
  if (lastTokens.src !== src) lastTokens = { src, tokens: formulaTokens(src) };
  return lastTokens.tokens;
}

const textOf = (src, tok) => src.slice(tok.start, tok.end);

/** The class of a token's span: `tok-<kind>`, a function the engine does not know marked. */
function tokenClass(src, tok) {
  if (tok.kind === 'function' && !state.functionNames.has(textOf(src, tok).toUpperCase())) return 'tok tok-function is-unknown';
  return `tok tok-${tok.kind}`;
}

/** HTML of `src` with token colours and, if given, the error span wrapped in `.error-underline`. */
function highlightHtml(src, tokens, err) {
  const piece = (from, to) => {
    let html = '';
    let at = from; // white space between tokens goes as it is
    for (const tok of tokens) {
      const s = Math.max(tok.start, from);
      const e = Math.min(tok.end, to);
      if (s >= e) continue;
      if (s > at) html += escapeHtml(src.slice(at, s));
      const code = tok.code ? ` data-code="${tok.code}"` : '';
      html += `<span class="${tokenClass(src, tok)}"${code}>${escapeHtml(src.slice(s, e))}</span>`;
      at = e;
    }
    return at < to ? html + escapeHtml(src.slice(at, to)) : html;
  };
  if (!err) return piece(0, src.length);
  const start = Math.min(Math.max(0, err.start), src.length);
  const end = Math.min(Math.max(start, err.end), src.length);
  const cls = ['error-underline', err.kind === 'runtime' ? 'is-runtime' : 'is-compile'];
  if (start === end) cls.push('is-empty');
  return (
    piece(0, start) +
    `<span class="${cls.join(' ')}" data-kind="${err.kind}" data-start="${start}" data-end="${end}">` +
    piece(start, end) +
    '</span>' +
    piece(end, src.length)
  );
}

// ---------------------------------------------------------------------------------------------
// Editor

function autoSize() {
  const ta = els.formula;
  ta.style.height = 'auto';
  ta.style.height = `${ta.scrollHeight}px`;
}

function renderHighlight() {
  const src = els.formula.value;
  const shown = state.shownError;
  const err =
    shown && shown.source === src && shown.error.span
      ? { start: shown.error.span.start, end: shown.error.span.end, kind: shown.kind }
      : null;
  // A trailing newline needs a character after it to take up its line.
  els.highlight.innerHTML = highlightHtml(src, tokensOf(src), err) + (src.endsWith('\n') ? ' ' : '');
}

/** Pixel position of the caret at `offset`, relative to the editor box. */
function caretPosition(offset) {
  const src = els.formula.value;
  els.mirror.innerHTML = `${escapeHtml(src.slice(0, offset))}<span class="caret-marker">\u200b</span>`;
  const marker = els.mirror.querySelector('.caret-marker');
  return { left: marker.offsetLeft, top: marker.offsetTop, height: marker.offsetHeight };
}

function insertText(text, caretBack = 0) {
  const ta = els.formula;
  ta.focus();
  // execCommand keeps the browser's undo stack; fall back to setRangeText.
  const ok = document.execCommand && document.execCommand('insertText', false, text);
  if (!ok) {
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, 'end');
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }
  if (caretBack) {
    const pos = ta.selectionEnd - caretBack;
    ta.setSelectionRange(pos, pos);
  }
  updateSignature();
}

function insertFunction(name) {
  const ta = els.formula;
  const after = ta.value.slice(ta.selectionEnd);
  if (/^\s*[(（]/.test(after)) insertText(name);
  else insertText(`${name}()`, 1);
}

/** A field name as the formula must write it: braced when it is not a plain identifier. */
function fieldRef(name) {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) ? name : `{${name}}`;
}

/** A string literal, closed or running to the end of the text. */
const isString = (tok) => tok.kind === 'string' || tok.code === 'UNTERMINATED_STRING';

// Signature help: the innermost call around the caret.
function callAtCaret() {
  const src = els.formula.value;
  const caret = els.formula.selectionStart;
  const stack = [];
  let prev = null;
  for (const tok of tokensOf(src)) {
    if (tok.start >= caret) break;
    if (isString(tok) && tok.end > caret) return null; // inside a string literal
    const mark = tok.kind === 'punctuation' ? textOf(src, tok) : '';
    if (mark === '(' || mark === '（') {
      stack.push({ name: prev?.kind === 'function' ? textOf(src, prev).toUpperCase() : null, arg: 0 });
    } else if (mark === ')' || mark === '）') stack.pop();
    else if ((mark === ',' || mark === '，') && stack.length) stack[stack.length - 1].arg += 1;
    prev = tok;
  }
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].name) return stack[k];
  return null;
}

function updateSignature() {
  const call = document.activeElement === els.formula ? callAtCaret() : null;
  const info = call && state.functions.find((f) => f.name === call.name);
  if (!info) {
    els.signature.classList.remove('is-visible');
    els.signature.textContent = '';
    return;
  }
  const open = info.signature.indexOf('(');
  const inner = info.signature.slice(open + 1, info.signature.lastIndexOf(')'));
  const params = inner ? inner.split(',').map((p) => p.trim()) : [];
  // Map the argument index onto the parameter list, cycling through a repeated group (`…`).
  let idx = call.arg;
  if (idx >= params.length - 1 && params[params.length - 1] === '…') {
    const groupStart = params.findIndex((p) => p.startsWith('['));
    const groupLen = params.length - 1 - groupStart;
    if (groupStart >= 0 && groupLen > 0 && idx >= groupStart) idx = groupStart + ((idx - groupStart) % groupLen);
  }
  idx = Math.min(idx, params.length - 1);
  const paramsHtml = params
    .map((p, k) => (k === idx ? `<b class="sig-current">${escapeHtml(p)}</b>` : escapeHtml(p)))
    .join(', ');
  const summary = locale() === 'en' ? info.summaryEn : info.summaryZh;
  els.signature.innerHTML =
    `<code class="sig"><span class="sig-name">${escapeHtml(info.name)}</span>(${paramsHtml})</code>` +
    `<span class="sig-summary">${escapeHtml(summary)}</span>`;
  els.signature.classList.add('is-visible');
}

// Autocomplete: function names and known fields for the word before the caret.
function wordBeforeCaret() {
  const ta = els.formula;
  if (ta.selectionStart !== ta.selectionEnd) return null;
  const caret = ta.selectionStart;
  const before = ta.value.slice(0, caret);
  const m = /[\p{L}_][\p{L}\p{N}_]*$/u.exec(before);
  if (!m) return null;
  const after = /^[\p{L}\p{N}_]*/u.exec(ta.value.slice(caret))[0];
  // Not inside a string literal.
  const str = tokensOf(ta.value).find((tok) => isString(tok) && tok.start < caret && caret < tok.end + (tok.kind === 'string' ? 0 : 1));
  if (str) return null;
  return { word: m[0], start: caret - m[0].length, end: caret + after.length };
}

function updateAutocomplete() {
  const w = document.activeElement === els.formula ? wordBeforeCaret() : null;
  if (!w) return closeAutocomplete();
  const q = w.word.toUpperCase();
  const items = [];
  for (const f of state.functions) {
    if (f.name.startsWith(q) && f.name !== q) items.push({ kind: 'fn', label: f.name, detail: locale() === 'en' ? f.summaryEn : f.summaryZh });
  }
  const fieldNames = new Set([...state.lastFields, ...state.values.keys()]);
  for (const name of fieldNames) {
    if (name !== w.word && name.toUpperCase().startsWith(q)) items.push({ kind: 'field', label: name, detail: t('values') });
  }
  if (!items.length) return closeAutocomplete();
  const ac = state.ac;
  const same = ac.open && ac.start === w.start;
  Object.assign(ac, { open: true, items: items.slice(0, 8), start: w.start, end: w.end });
  if (!same) { ac.index = 0; ac.navigated = false; }
  ac.index = Math.min(ac.index, ac.items.length - 1);
  renderAutocomplete();
}

function renderAutocomplete() {
  const ac = state.ac;
  const list = els.autocomplete;
  list.innerHTML = ac.items
    .map(
      (it, k) =>
        `<li role="option" class="ac-item${k === ac.index ? ' is-active' : ''}" data-index="${k}" aria-selected="${k === ac.index}">` +
        `<span class="ac-kind ac-${it.kind}">${it.kind === 'fn' ? 'ƒ' : '#'}</span>` +
        `<span class="ac-label">${escapeHtml(it.label)}</span><span class="ac-detail">${escapeHtml(it.detail)}</span></li>`,
    )
    .join('');
  const pos = caretPosition(ac.start);
  list.hidden = false;
  const maxLeft = els.editor.clientWidth - list.offsetWidth - 4;
  list.style.left = `${Math.max(4, Math.min(pos.left, maxLeft))}px`;
  list.style.top = `${pos.top + pos.height + 4}px`;
}

function closeAutocomplete() {
  state.ac.open = false;
  els.autocomplete.hidden = true;
}

function acceptAutocomplete(index = state.ac.index) {
  const ac = state.ac;
  const it = ac.items[index];
  if (!it) return;
  const ta = els.formula;
  ta.focus();
  ta.setSelectionRange(ac.start, ac.end);
  closeAutocomplete();
  if (it.kind === 'fn') insertFunction(it.label);
  else insertText(fieldRef(it.label));
}

// ---------------------------------------------------------------------------------------------
// Compile, evaluate, show

function compileCurrent() {
  const src = els.formula.value;
  const key = `${locale()}\u0000${src}`;
  if (key === state.compiledKey) return;
  state.compiledKey = key;
  if (state.formula) {
    state.formula.free();
    state.formula = null;
  }
  state.compileError = null;
  if (!src.trim()) return; // idle: nothing to compile
  try {
    state.formula = Formula.compile(src, { locale: locale() });
    state.lastFields = state.formula.fields;
  } catch (e) {
    state.compileError = e;
  }
}

/** Recompiles if needed and re-evaluates. `fromTyping` delays a new compile error a little. */
function run({ fromTyping = false } = {}) {
  if (!state.ready) return;
  compileCurrent();
  const src = els.formula.value;

  if (state.compileError) {
    const err = state.compileError;
    renderFields(guessFields(src), { stale: true });
    showResult({ state: 'error', note: t('resultErrorNote') });
    const same = state.shownError && state.shownError.kind === 'compile' && state.shownError.source === src;
    if (fromTyping && !same) {
      hideError(); // no stale underline at shifted positions
      clearTimeout(state.errorTimer);
      state.errorTimer = setTimeout(() => showError(err, 'compile', src), ERROR_DELAY_MS);
    } else {
      showError(err, 'compile', src);
    }
    return;
  }

  clearTimeout(state.errorTimer);
  if (!state.formula) {
    // Empty editor.
    hideError();
    renderFields([], { empty: true });
    showResult({ state: 'idle' });
    showStatusOk(null);
    return;
  }

  const fields = state.formula.fields;
  renderFields(fields);
  showStatusOk(fields);

  const record = {};
  for (const name of fields) {
    const v = state.values.get(name);
    if (v != null && v !== '') record[name] = v;
  }
  try {
    const value = state.formula.evaluate(record, { numbers: 'string', locale: locale() });
    hideError();
    showResult({ state: 'ok', value, type: resultType(value, record), record, fields });
  } catch (e) {
    if (e && e.code === 'MISSING_FIELD') {
      hideError();
      const missing = fields.filter((f) => !(f in record));
      showResult({ state: 'pending', note: t('pending', { names: missing.join(locale() === 'en' ? ', ' : '、') }), missing });
    } else {
      showError(e, 'runtime', src);
      showResult({ state: 'error', note: t('runtimeErrorNote') });
    }
  }
}

/** Field names in text that does not compile, read off the tokens (the engine gives none). */
function guessFields(src) {
  const names = [];
  for (const tok of tokensOf(src)) {
    if (tok.kind !== 'field') continue;
    const text = textOf(src, tok);
    const name = text.startsWith('{') ? text.slice(1, -1).trim() : text;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The type of a result, as `formula.explain` reports it (number, text, boolean or date). */
function resultType(value, record) {
  try {
    return state.formula.explain(record, { numbers: 'string', locale: locale() }).type;
  } catch {
    return typeof value === 'boolean' ? 'boolean' : 'text';
  }
}

/** `1280000 * 0.05 + …`: the formula with the values put in, from `formula.explain`. */
function substituted(fields, record) {
  if (!fields.length) return null;
  try {
    return state.formula.explain(record, { numbers: 'string', locale: locale() }).substituted;
  } catch {
    return null;
  }
}

function showResult({ state: st, value, type, note = '', record, fields, missing = [] }) {
  const r = els.result;
  r.dataset.state = st;
  els.resultNote.textContent = note;
  els.resultNote.dataset.state = st;
  for (const input of els.fields.querySelectorAll('input[data-field]')) {
    input.closest('.field-row').classList.toggle('is-missing', missing.includes(input.dataset.field));
  }
  if (st !== 'ok') {
    r.textContent = '';
    r.removeAttribute('data-type');
    r.dataset.placeholder = st === 'pending' || st === 'idle' ? t('resultIdle') : '';
    r.title = '';
    els.resultType.hidden = true;
    els.resultDetails.hidden = true;
    els.copyResult.hidden = true;
    return;
  }
  const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  r.textContent = text;
  r.title = text;
  r.dataset.type = type;
  r.classList.toggle('is-long', text.length > 16 && text.length <= 24);
  r.classList.toggle('is-very-long', text.length > 24);
  els.resultType.hidden = false;
  els.resultType.textContent = t('types')[type];
  els.resultType.dataset.type = type;
  els.copyResult.hidden = false;
  els.copyResult.textContent = t('copy');

  const grouped = type === 'number' ? groupDigits(text) : null;
  const showGrouped = grouped && grouped !== text;
  const sub = substituted(fields, record);
  const showSub = sub && sub !== els.formula.value.trim();
  els.resultGroupedRow.hidden = !showGrouped;
  els.resultGrouped.textContent = showGrouped ? grouped : '';
  els.resultSubstitutedRow.hidden = !showSub;
  els.resultSubstituted.textContent = showSub ? `${sub} = ${text}` : '';
  els.resultDetails.hidden = !(showGrouped || showSub);
}

function showStatusOk(fields) {
  if (!fields) {
    els.statusOk.hidden = true;
    return;
  }
  els.statusOk.hidden = false;
  const detail = fields.length ? t('statusFields', { n: fields.length }) : t('statusNoFields');
  els.statusOk.innerHTML = `<span class="ok-mark" aria-hidden="true">✓</span> ${escapeHtml(t('statusOk'))} <span class="muted">· ${escapeHtml(detail)}</span>`;
}

function showError(err, kind, source) {
  clearTimeout(state.errorTimer);
  if (source !== els.formula.value) return; // the text moved on
  state.shownError = { error: err, kind, source };
  const msg = errorMessage(err);
  els.error.hidden = false;
  els.error.dataset.kind = kind;
  els.statusOk.hidden = true;
  els.errorKind.textContent = kind === 'compile' ? t('compileError') : t('engineError');
  els.errorCode.textContent = err?.code ?? 'ERROR';
  els.errorMessage.textContent = msg;
  if (err?.span) {
    const { line, col } = lineCol(source, err.span.start);
    els.errorWhere.textContent = source.includes('\n') ? t('where', { line, col }) : t('whereCol', { col });
  } else {
    els.errorWhere.textContent = '';
  }
  els.errorHint.textContent = err?.hint ?? '';
  els.errorHint.hidden = !err?.hint;
  if (err?.suggestion != null && err?.span) {
    els.errorFix.hidden = false;
    els.errorFix.textContent = t('fix', { s: err.suggestion });
  } else {
    els.errorFix.hidden = true;
  }
  renderHighlight();
}

function hideError() {
  const had = state.shownError;
  state.shownError = null;
  els.error.hidden = true;
  els.errorCode.textContent = '';
  els.errorMessage.textContent = '';
  els.errorHint.textContent = '';
  els.errorWhere.textContent = '';
  els.errorFix.hidden = true;
  delete els.error.dataset.kind;
  if (had) renderHighlight();
}

function applySuggestion() {
  const shown = state.shownError;
  if (!shown || shown.error.suggestion == null || !shown.error.span) return;
  const ta = els.formula;
  ta.focus();
  ta.setSelectionRange(shown.error.span.start, shown.error.span.end);
  insertText(shown.error.suggestion);
}

// ---------------------------------------------------------------------------------------------
// Field values

function placeholderFor(name) {
  if (/日期|日$|时间|date/i.test(name)) return 'YYYY-MM-DD';
  if (/^是否|^is|^has/i.test(name)) return 'TRUE / FALSE';
  if (/率|比例|系数|rate|ratio/i.test(name)) return '0.05';
  if (/数$|数量|count|qty/i.test(name)) return '0';
  if (/额|金额|奖金|回款|目标|单价|价|amount|bonus|target|price/i.test(name)) return '0.00';
  return t('valuePlaceholder');
}

function renderFields(fields, { stale = false, empty = false } = {}) {
  const box = els.fields;
  box.classList.toggle('is-stale', stale);
  box.dataset.state = stale ? 'stale' : empty ? 'empty' : 'ok';
  const rows = new Map([...box.querySelectorAll('.field-row')].map((r) => [r.dataset.fieldRow, r]));
  const wanted = new Set(fields);
  for (const [name, row] of rows) if (!wanted.has(name)) row.remove();
  let msg = box.querySelector('.fields-empty');
  if (!fields.length) {
    if (!msg) {
      msg = document.createElement('p');
      msg.className = 'fields-empty';
      box.append(msg);
    }
    msg.textContent = empty ? t('noFormula') : t('noFields');
  } else if (msg) msg.remove();
  let staleMsg = box.querySelector('.fields-stale');
  if (stale && fields.length) {
    if (!staleMsg) {
      staleMsg = document.createElement('p');
      staleMsg.className = 'fields-stale';
      box.prepend(staleMsg);
    }
    staleMsg.textContent = t('staleFields');
  } else staleMsg?.remove();

  let prev = staleMsg && staleMsg.isConnected ? staleMsg : null;
  for (const name of fields) {
    let row = rows.get(name);
    if (!row) row = createFieldRow(name);
    const want = prev ? prev.nextSibling : box.firstChild;
    if (row !== want) box.insertBefore(row, want);
    prev = row;
    const input = row.querySelector('input');
    input.disabled = false;
  }
}

function createFieldRow(name) {
  const row = document.createElement('label');
  row.className = 'field-row';
  row.dataset.fieldRow = name;
  const label = document.createElement('span');
  label.className = 'field-name';
  label.textContent = name;
  label.title = name;
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'field-input';
  input.dataset.field = name;
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.placeholder = placeholderFor(name);
  input.value = state.values.get(name) ?? '';
  const badge = document.createElement('span');
  badge.className = 'type-badge field-type';
  row.append(label, input, badge);
  updateTypeBadge(input);
  input.addEventListener('input', () => {
    state.values.set(name, input.value);
    updateTypeBadge(input);
    run();
  });
  return row;
}

function shownFieldNames() {
  return [...els.fields.querySelectorAll('input[data-field]')].map((input) => input.dataset.field);
}

function updateTypeBadge(input) {
  const badge = input.parentElement?.querySelector('.field-type') ?? input.nextElementSibling;
  if (!badge) return;
  const type = valueType(input.value);
  badge.dataset.type = type;
  badge.textContent = t('types')[type];
}

function setValues(values) {
  for (const [k, v] of Object.entries(values)) state.values.set(k, String(v));
  for (const input of els.fields.querySelectorAll('input[data-field]')) {
    input.value = state.values.get(input.dataset.field) ?? '';
    updateTypeBadge(input);
  }
}

// ---------------------------------------------------------------------------------------------
// Samples, function reference, locale

function renderSamples() {
  els.samples.setAttribute('aria-label', t('samplesLabel'));
  els.samples.innerHTML = SAMPLES.map(
    (s) =>
      `<button type="button" class="chip${s.id === state.sampleId ? ' is-active' : ''}" data-sample="${s.id}" title="${escapeHtml(s.formula)}">${escapeHtml(s.title[locale()])}</button>`,
  ).join('');
  const current = SAMPLES.find((s) => s.id === state.sampleId);
  els.sampleDesc.textContent = current ? current.desc[locale()] : t('tip');
  els.sampleDesc.classList.toggle('is-tip', !current);
}

function loadSample(id) {
  const sample = SAMPLES.find((s) => s.id === id);
  if (!sample) return;
  state.sampleId = id;
  setValues(sample.values);
  setFormula(sample.formula);
  renderSamples();
}

function setFormula(src) {
  els.formula.value = src;
  autoSize();
  renderHighlight();
  run();
}

function renderFunctions() {
  const q = els.search.value.trim().toLowerCase();
  const cats = t('categories');
  const groups = new Map();
  for (const f of state.functions) {
    const hay = [f.name, f.signature, f.summaryZh, f.summaryEn, f.example, cats[f.category] ?? f.category, f.category]
      .join('\n')
      .toLowerCase();
    if (q && !hay.includes(q)) continue;
    if (!groups.has(f.category)) groups.set(f.category, []);
    groups.get(f.category).push(f);
  }
  const order = [...CATEGORY_ORDER, ...[...groups.keys()].filter((c) => !CATEGORY_ORDER.includes(c))];
  let html = '';
  let count = 0;
  for (const cat of order) {
    const list = groups.get(cat);
    if (!list?.length) continue;
    html += `<section class="fn-group" data-category="${escapeHtml(cat)}"><h3 class="fn-group-title">${escapeHtml(cats[cat] ?? cat)} <span class="muted">${list.length}</span></h3>`;
    for (const f of list) {
      count++;
      const summary = locale() === 'en' ? f.summaryEn : f.summaryZh;
      const sig = escapeHtml(f.signature).replace(escapeHtml(f.name), `<b>${escapeHtml(f.name)}</b>`);
      html +=
        `<button type="button" class="fn" role="listitem" data-function="${escapeHtml(f.name)}" data-category="${escapeHtml(f.category)}" title="${escapeHtml(t('insertTitle', { name: f.name }))}">` +
        `<code class="fn-sig">${sig}</code>` +
        `<span class="fn-summary">${escapeHtml(summary)}</span>` +
        `<code class="fn-example">${escapeHtml(f.example)}</code>` +
        `</button>`;
    }
    html += '</section>';
  }
  if (!count) html = `<p class="fn-empty">${escapeHtml(t('noMatch', { q: els.search.value.trim() }))}</p>`;
  els.functions.innerHTML = html;
  els.functionsCount.textContent = t('functionsCount', { n: state.functions.length });
}

function applyLocale() {
  showLocale();
  els.formula.placeholder = t('editorPlaceholder');
  for (const input of els.fields.querySelectorAll('input[data-field]')) {
    input.placeholder = placeholderFor(input.dataset.field);
    updateTypeBadge(input);
  }
  if (!state.ready) return;
  renderSamples();
  renderFunctions();
  state.shownError = null;
  run(); // recompiles: messages and hints come from the engine in the chosen locale
  updateSignature();
}

// ---------------------------------------------------------------------------------------------
// Share links: #f=<formula>&v=<json of values>

function shareUrl() {
  const params = new URLSearchParams();
  params.set('f', els.formula.value);
  const vals = {};
  for (const name of shownFieldNames()) {
    const v = state.values.get(name);
    if (v) vals[name] = v;
  }
  if (Object.keys(vals).length) params.set('v', JSON.stringify(vals));
  if (locale() !== 'zh-CN') params.set('lang', locale());
  const url = new URL(location.href);
  url.hash = params.toString();
  return url.toString();
}

function readLocation() {
  const hash = new URLSearchParams(location.hash.slice(1));
  readLocale(hash);
  const formula = hash.get('f');
  let values = null;
  try {
    values = hash.has('v') ? JSON.parse(hash.get('v')) : null;
  } catch {
    values = null;
  }
  return { formula, values };
}

// ---------------------------------------------------------------------------------------------
// Events

function wireEvents() {
  const ta = els.formula;
  ta.addEventListener('input', () => {
    if (state.sampleId) {
      const sample = SAMPLES.find((s) => s.id === state.sampleId);
      if (sample && sample.formula !== ta.value) {
        state.sampleId = null;
        renderSamples();
      }
    }
    autoSize();
    renderHighlight();
    run({ fromTyping: true });
    updateAutocomplete();
    updateSignature();
  });
  ta.addEventListener('keydown', (e) => {
    const ac = state.ac;
    if (ac.open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const d = e.key === 'ArrowDown' ? 1 : -1;
        ac.index = (ac.index + d + ac.items.length) % ac.items.length;
        ac.navigated = true;
        renderAutocomplete();
        return;
      }
      if (e.key === 'Tab' || (e.key === 'Enter' && ac.navigated)) {
        e.preventDefault();
        acceptAutocomplete();
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        closeAutocomplete();
        return;
      }
    }
  });
  const caretMoved = () => {
    updateSignature();
    if (state.ac.open) updateAutocomplete();
  };
  ta.addEventListener('click', caretMoved);
  ta.addEventListener('keyup', (e) => {
    if (['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) caretMoved();
    else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !state.ac.open) caretMoved();
  });
  ta.addEventListener('focus', updateSignature);
  ta.addEventListener('blur', () => {
    setTimeout(() => {
      if (document.activeElement !== ta) {
        closeAutocomplete();
        updateSignature();
      }
    }, 120);
  });
  els.autocomplete.addEventListener('mousedown', (e) => {
    const li = e.target.closest('.ac-item');
    if (!li) return;
    e.preventDefault(); // keep focus in the editor
    acceptAutocomplete(Number(li.dataset.index));
  });

  new ResizeObserver(() => {
    autoSize();
    if (state.ac.open) renderAutocomplete();
  }).observe(els.editor);

  els.errorFix.addEventListener('click', applySuggestion);

  els.samples.addEventListener('click', (e) => {
    const chip = e.target.closest('[data-sample]');
    if (chip) loadSample(chip.dataset.sample);
  });

  els.functions.addEventListener('click', (e) => {
    const btn = e.target.closest('[data-function]');
    if (btn) insertFunction(btn.dataset.function);
  });
  els.search.addEventListener('input', renderFunctions);
  els.search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      const first = els.functions.querySelector('[data-function]');
      if (first) {
        e.preventDefault();
        insertFunction(first.dataset.function);
      }
    } else if (e.key === 'Escape') {
      els.search.value = '';
      renderFunctions();
    }
  });

  onLocaleSwitch(applyLocale);

  els.clearValues.addEventListener('click', () => {
    for (const name of shownFieldNames()) state.values.set(name, '');
    setValues({});
    run();
    els.fields.querySelector('input[data-field]')?.focus();
  });

  els.copyResult.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(els.result.textContent);
      flash(els.copyResult, t('copied'), t('copy'));
    } catch {
      /* clipboard unavailable */
    }
  });

  els.share.addEventListener('click', async () => {
    const url = shareUrl();
    history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      flash(els.share, t('shareDone'), t('share'));
    } catch {
      flash(els.share, t('shareFailed'), t('share'));
    }
  });

  // Ctrl/Cmd+K focuses the function search.
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      els.search.focus();
      els.search.select();
    }
  });
}

function flash(button, text, back) {
  button.textContent = text;
  button.classList.add('is-flash');
  clearTimeout(button._flash);
  button._flash = setTimeout(() => {
    button.textContent = back;
    button.classList.remove('is-flash');
  }, 1400);
}

// ---------------------------------------------------------------------------------------------
// Start

async function main() {
  const fromUrl = readLocation();
  applyLocale();
  els.result.dataset.state = 'loading';
  els.resultNote.textContent = t('loading');
  els.formula.disabled = true;
  wireEvents();
  try {
    await init();
  } catch (e) {
    els.result.dataset.state = 'failed';
    els.resultNote.textContent = t('loadFailed', { message: e?.message ?? String(e) });
    document.documentElement.dataset.ready = 'failed';
    console.error(e);
    return;
  }
  state.functions = listFunctions();
  state.functionNames = new Set(state.functions.map((f) => f.name));
  showVersion(version());
  state.ready = true;
  els.formula.disabled = false;
  applyLocale();

  if (fromUrl.formula != null) {
    if (fromUrl.values && typeof fromUrl.values === 'object') setValues(fromUrl.values);
    setFormula(fromUrl.formula);
    renderSamples();
  } else {
    loadSample(SAMPLES[0].id);
  }
  document.documentElement.dataset.ready = 'true';
}

main();
