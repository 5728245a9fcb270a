// Headless Chromium (Debian's, driven by playwright-core) with the repository served from disk
// at http://salescore.test/, optionally under a Content Security Policy.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = normalize(join(import.meta.dirname, '..', '..'));
const ORIGIN = 'http://salescore.test';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.tsv': 'text/plain', '.jsonl': 'text/plain', '.css': 'text/css', '.png': 'image/png' };

export async function openBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

  // `virtual` maps URL paths to generated file contents (e.g. a page made for one example).
  async function page({ csp, virtual = {} } = {}) {
    const context = await browser.newContext();
    await context.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname in virtual) {
        const headers = { 'content-type': url.pathname.endsWith('.html') ? 'text/html' : 'text/javascript' };
        if (csp) headers['content-security-policy'] = csp;
        return route.fulfill({ status: 200, headers, body: virtual[url.pathname] });
      }
      const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
      if (!file.startsWith(ROOT)) return route.fulfill({ status: 403 });
      try {
        const body = await readFile(file);
        const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
        if (csp && extname(file) === '.html') headers['content-security-policy'] = csp;
        return route.fulfill({ status: 200, headers, body });
      } catch {
        return route.fulfill({ status: 404, body: 'not found' });
      }
    });
    const p = await context.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    return { page: p, context, errors };
  }

  return {
    page,
    origin: ORIGIN,
    async run(path, options) {
      const { page: p, context } = await page(options);
      await p.goto(`${ORIGIN}${path}`);
      const result = await p.evaluate(() => window.__result);
      await context.close();
      return result;
    },
    close: () => browser.close(),
  };
}
