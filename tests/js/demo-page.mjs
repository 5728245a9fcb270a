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
