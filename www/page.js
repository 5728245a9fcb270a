// What the demo pages share: their links in the top bar, the locale (from the address,
// switched by the button in the top bar) and the lookup of words (the words of all pages here,
// each page's own in its script), fetching the samples, escaping text for innerHTML, and the
// engine's error message in the page's locale. Plain ES module; nothing here touches the page
// until it is called.

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
    colGrade: '等级',
    colForced: '强制',
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
    colGrade: 'Grade',
    colForced: 'Forced',
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
  const s = pageText[current]?.[key] ?? SHARED[current][key] ?? pageText['zh-CN']?.[key] ?? SHARED['zh-CN'][key] ?? key;
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

/** Fills the top bar's page links, `page` (an id of PAGES) marked as the current one. Both
 *  languages are in the links; the page's `lang` shows one. */
export function renderNav(page) {
  $('.page-nav').innerHTML = PAGES.map((p) => {
    const here = p.id === page ? ' is-current" aria-current="page' : '';
    return `<a class="nav-link${here}" href="${p.href}" data-testid="${p.testid}">` +
      `<span lang="zh-CN">${escapeHtml(p['zh-CN'])}</span><span lang="en">${escapeHtml(p.en)}</span></a>`;
  }).join('');
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
