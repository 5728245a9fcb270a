// What the demo pages share: the top bar with the links to the pages, the locale (from the
// address, switched by the button in the top bar) and the lookup of words (the words more than
// one page uses here, each page's own in its script), fetching the samples, escaping text for
// innerHTML, showing the engine's decimal strings and its errors in the page's locale. Plain ES
// module; nothing here touches the page until it is called.

/** The demo's pages, in the order of the top bar. */
export const PAGES = [
  { id: 'formulas', href: './formulas.html', testid: 'nav-playground', 'zh-CN': '公式试验台', en: 'Formulas' },
  { id: 'team', href: './', testid: 'nav-team', 'zh-CN': '团队绩效', en: 'Team scorecard' },
  { id: 'targets', href: './targets.html', testid: 'nav-targets', 'zh-CN': '目标分解与进度', en: 'Targets & pacing' },
  { id: 'form', href: './form.html', testid: 'nav-form', 'zh-CN': '销售记录表单', en: 'Record form' },
  { id: 'admin', href: './admin.html', testid: 'nav-admin', 'zh-CN': '计划预览', en: 'Plan preview' },
];

/** Words more than one page uses, one translation each. */
const SHARED = {
  'zh-CN': {
    loading: '正在加载计算引擎和示例数据…',
    loadFailed: '加载失败：{message}',
    engineError: '计算错误',
    close: '关闭',
    resetAll: '全部恢复',
    original: '原值 {v}',
    monthName: '{m} 月',
    colId: '工号',
    colName: '姓名',
    colGroup: '小组',
    colForced: '强制',
    colRep: '销售',
    colTarget: '目标',
    month: '月份',
    edited: '已修改 {n} 处',
    yes: '是',
    no: '否',
    teamSampleNote: '示例数据：华东销售部 24 人 × 6 个月。所有计算都在本机浏览器中完成。',
    // an order, a deal
    addOrder: '添加订单',
    colDeal: '商机',
    amount: '金额',
    // a rep's score (team scorecard, record form)
    total: '总分',
    grade: '等级',
    coefficient: '绩效系数',
    statement: '激励结算单',
    nextGradeLine: '距 {g} 还差 {p} 分',
    nextGradeReached: '总分已够 {g}',
    colIndicator: '指标',
    colPoints: '得分',
    colWeight: '权重',
    colWeighted: '加权',
    // pacing (targets, record form)
    attainment: '达成率',
    expected: '应完成',
    paceGap: '进度差',
    daily: '每日需完成',
    runRate: '按当前速度',
    chance: '达成概率',
    status: { achieved: '已达成', onTrack: '进度正常', behind: '落后' },
    method: { exact: '精确值 {p}', reached: '已达成', outOfReach: '商机全赢也不够', bounded: '误差不超过 ±{b}' },
  },
  en: {
    loading: 'Loading the engine and the sample data…',
    loadFailed: 'Failed to load: {message}',
    engineError: 'Calculation error',
    close: 'Close',
    resetAll: 'Reset all',
    original: 'was {v}',
    monthName: '{mon}',
    colId: 'ID',
    colName: 'Name',
    colGroup: 'Group',
    colForced: 'Forced',
    colRep: 'Rep',
    colTarget: 'Target',
    month: 'Month',
    edited: '{n} edited',
    yes: 'yes',
    no: 'no',
    teamSampleNote: 'Sample data: East China sales, 24 reps × 6 months. Everything is computed in this browser.',
    addOrder: 'Add order',
    colDeal: 'Deal',
    amount: 'Amount',
    total: 'Total',
    grade: 'Grade',
    coefficient: 'Coefficient',
    statement: 'Incentive statement',
    nextGradeLine: '{p} more points to {g}',
    nextGradeReached: 'The total already reaches {g}',
    colIndicator: 'Indicator',
    colPoints: 'Points',
    colWeight: 'Weight',
    colWeighted: 'Weighted',
    attainment: 'Attainment',
    expected: 'Expected',
    paceGap: 'Pace gap',
    daily: 'Needed per day',
    runRate: 'Run rate',
    chance: 'Chance',
    status: { achieved: 'achieved', onTrack: 'on track', behind: 'behind' },
    method: { exact: 'exactly {p}', reached: 'reached', outOfReach: 'out of reach even if every deal wins', bounded: 'within ±{b}' },
  },
};

export const LOCALES = Object.keys(SHARED);
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let current = 'zh-CN';
let pageText = {};

/** Gives the lookup the page's own words: `{ 'zh-CN': {…}, en: {…} }` (they win over the shared). */
export function useText(text) {
  pageText = text;
}

export const locale = () => current;

/** Switches to `loc` if it is one of the pages' locales; the locale in effect. */
export function setLocale(loc) {
  if (LOCALES.includes(loc)) current = loc;
  return current;
}

/** The words for `key` in the current locale (zh-CN when missing), `{name}` filled from `vars`.
 *  A value that is not a string (a table of words, a function) is returned as it is. */
export function t(key, vars) {
  return tIn(current, key, vars);
}

/** An error the page itself reports, shaped as the engine's (code, path, origin, its words in
 *  every locale from the page's text `key` filled with `vars`): about a record unless `origin`
 *  says otherwise (`page`: the page's own failure). */
export function pageError(code, path, key, vars, origin = 'record') {
  const messages = Object.fromEntries(LOCALES.map((loc) => [loc, tIn(loc, key, vars)]));
  return { code, path, origin, messages, message: messages['zh-CN'] };
}

/** {@link t} in locale `loc` (one of {@link LOCALES}): for messages given in every locale. */
export function tIn(loc, key, vars) {
  const s = pageText[loc]?.[key] ?? SHARED[loc]?.[key] ?? pageText['zh-CN']?.[key] ?? SHARED['zh-CN'][key] ?? key;
  if (typeof s !== 'string' || !vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] != null ? String(vars[k]) : m));
}

/** A month (1–12) as the pages write it: `6 月`, `Jun`. */
export const monthName = (m) => t('monthName', { m, mon: MONTHS_EN[m - 1] });

/** The engine's message for an error in the page's locale. */
export const errorMessage = (e) => e?.messages?.[current] ?? e?.message ?? String(e);

/** Text made safe for innerHTML, in text and in attribute values. */
export const escapeHtml = (v) =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** ['a', '0', 'b'] from '/a/0/b' (RFC 6901 unescaping). */
export function pointerSegments(pointer) {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** `1234567.8` → `1,234,567.8`: an exact decimal string grouped, its digits unchanged; anything
 *  else as it is. */
export function groupDigits(s) {
  const m = /^([+-]?)(\d+)(\.\d+)?$/.exec(String(s));
  return m ? m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '') : String(s);
}

/** An exact decimal string (the engine's numbers with `numbers: 'string'`). */
export const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The decimal string `s` times 10^k, exactly (the point moved, no float), without trailing
 *  zeros after the point; anything else as it is. */
export function shiftPoint(s, k) {
  const str = String(s);
  if (!DECIMAL.test(str)) return str;
  const neg = str.startsWith('-');
  const [int, frac = ''] = (neg ? str.slice(1) : str).split('.');
  let digits = int + frac;
  let point = int.length + k;
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const head = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const tail = digits.slice(point).replace(/0+$/, '');
  const out = tail ? `${head}.${tail}` : head;
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}

/** An exact decimal string as the pages show it: grouped, a minus as `−` (the digits unchanged). */
export const num = (s) => groupDigits(String(s)).replace(/^-/, '−');

/** The same with `+` before a number that is not negative. */
export const signed = (s) => (String(s).startsWith('-') ? num(s) : `+${num(s)}`);

/** Whether a decimal string is below zero (`-0.00` is not). */
export const isNeg = (s) => String(s).startsWith('-') && /[1-9]/.test(String(s));

/** A rate in [0, 1] as a percentage: `0.4737` → `47.37%`. */
export const pct = (s) => `${shiftPoint(s, 2)}%`;

/** A percentage the user typed (`60`, `12.5`) as a probability (`0.6`, `0.125`); anything else
 *  goes to the engine as typed (trimmed), which reports it with its path. */
export const fromPercent = (s) => (DECIMAL.test(s.trim()) ? shiftPoint(s.trim(), -2) : s.trim());

/** Shows the engine's `error` in an error box (its `.error-code`, `.error-where` and
 *  `.error-message`), or hides the box when `error` is null. */
export function showError(box, error) {
  box.hidden = !error;
  if (!error) return;
  $('.error-code', box).textContent = error.code ?? 'ERROR';
  $('.error-where', box).textContent = error.path ?? '';
  $('.error-message', box).textContent = errorMessage(error);
}

async function fetched(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

/** The JSON at `url` (a sample); an HTTP error is thrown with the address. */
export const fetchJson = async (url) => (await fetched(url)).json();

/** The text at `url`; an HTTP error is thrown with the address. */
export const fetchText = async (url) => (await fetched(url)).text();

/** The parameters after `#` in the address, or after `?` when there is no `#`. */
export const addressParams = () => new URLSearchParams(location.hash.slice(1) || location.search.slice(1));

/** Takes the locale the address asks for (`lang=en`; `zh` and `zh-cn` are zh-CN). */
export function readLocale(params = addressParams()) {
  const lang = params.get('lang') ?? new URLSearchParams(location.search).get('lang');
  if (lang === 'zh' || lang === 'zh-cn') setLocale('zh-CN');
  else if (lang) setLocale(lang);
}

/** Writes the page's state in the address (`params` and the locale unless zh-CN), without
 *  adding to the history. */
export function writeAddress(params = new URLSearchParams()) {
  if (current !== 'zh-CN') params.set('lang', current);
  history.replaceState(null, '', `#${params}`);
}

/** Writes the top bar into the page's `<header class="topbar">`: the brand with the page's
 *  `title` and, under it, its `tagline` (both in the page's words; with `planName`, an empty line
 *  `#plan-name` the page fills with its plan's name), the links to the pages with `page` (an id
 *  of PAGES) marked as the current one, `actions` (HTML, after the links) and the language
 *  button. Both languages are in the links and the button; the page's `lang` shows one. Called
 *  before the page looks anything up in the bar. */
export function renderTopbar(page, { planName = false, actions = '' } = {}) {
  const tagline = planName
    ? '<p class="tagline" id="plan-name" data-testid="plan-name">…</p>'
    : `<p class="tagline" data-i18n="tagline">${escapeHtml(t('tagline'))}</p>`;
  const links = PAGES.map((p) => {
    const here = p.id === page ? ' is-current" aria-current="page' : '';
    return `<a class="nav-link${here}" href="${p.href}" data-testid="${p.testid}">` +
      `<span lang="zh-CN">${escapeHtml(p['zh-CN'])}</span><span lang="en">${escapeHtml(p.en)}</span></a>`;
  }).join('');
  $('.topbar').innerHTML =
    '<div class="brand"><span class="logo" aria-hidden="true">ƒ</span><div class="brand-text">' +
    `<h1><span class="brand-name">SalesScore</span> <span data-i18n="title">${escapeHtml(t('title'))}</span></h1>${tagline}</div></div>` +
    `<div class="topbar-actions"><nav class="page-nav" aria-label="页面 / Pages">${links}</nav>${actions}` +
    '<button type="button" id="locale" class="locale-switch" data-locale="zh-CN" aria-label="切换语言 / Switch language" title="切换语言 / Switch language">' +
    '<span class="locale-option" data-value="zh-CN">中文</span><span class="locale-option" data-value="en">English</span></button></div>';
}

/** Calls `changed()` after the top bar's language button switches the locale. */
export function onLocaleSwitch(changed) {
  $('#locale').addEventListener('click', () => {
    setLocale(current === 'zh-CN' ? 'en' : 'zh-CN');
    changed();
  });
}

/** Shows the locale: the document's `lang` and title (`pageTitle`), the language button, and
 *  the words of elements marked `data-i18n` (text), `data-i18n-title` (title and label) and
 *  `data-i18n-placeholder`. */
export function showLocale(root = document) {
  document.documentElement.lang = current;
  document.title = t('pageTitle');
  const button = $('#locale');
  button.dataset.locale = current;
  for (const opt of button.querySelectorAll('.locale-option')) opt.classList.toggle('is-active', opt.dataset.value === current);
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute('aria-label', t(el.dataset.i18nTitle));
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

/** Shows the engine's version in the footer. */
export function showVersion(version) {
  const el = $('#version');
  el.textContent = `v${version}`;
  el.dataset.version = version;
}
