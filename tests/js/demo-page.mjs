// Opens a page of the demo (served by scripts/serve.mjs on a free port) in headless Chromium,
// waits until it says it is ready, and collects uncaught page errors. Shared by the page tests.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

/** `path` relative to the demo root (e.g. `''`, `'formulas.html'`). */
export async function openDemoPage(path) {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('html[data-ready="true"]');
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { page, pageErrors, close };
}

// As the pages show the engine's decimal strings: digits unchanged, grouped, a minus as `−`;
// rates as percentages (the point moved, never a float).
export const grouped = (s) => {
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '−' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
};
export const signed = (s) => (s.startsWith('-') ? grouped(s) : `+${grouped(s)}`);
export const trimmed = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
/** A rate `0.4737` → `47.37%`. */
export const rate = (s) => {
  const [int, frac = ''] = s.split('.');
  const digits = `${int}${frac.padEnd(2, '0')}`;
  return `${trimmed(`${digits.slice(0, int.length + 2).replace(/^0+(?=\d)/, '')}.${digits.slice(int.length + 2)}`)}%`;
};

/** `records` as CSV text with a header of `columns` (sub-tables as JSON, quoted where needed);
 *  `value(record, column, row)` picks each cell (by default the record's own). */
export function csvOf(columns, records, value = (r, c) => r[c]) {
  const cell = (v) => {
    if (v == null) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...records.map((r, i) => columns.map((c) => cell(value(r, c, i))).join(','))].join('\n');
}

/** Money as the admin page writes it (the engine's exact decimal strings, or numbers). */
export const money = (n, locale = 'zh-CN') =>
  new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
/** A change in money as the admin page writes it: `+` before a gain. */
export const signedMoney = (n, locale) => `${n > 0 ? '+' : ''}${money(n, locale)}`;

/** The admin page's draft, as its editor holds it. */
export const draftText = (page) => page.evaluate(async () => {
  const { EditorView } = await import('/vendor/editor.js');
  return EditorView.findFromDOM(document.querySelector('.cm-editor')).state.doc.toString();
});
