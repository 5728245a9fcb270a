// The playground served by `./run demo`, driven in headless Chromium as a user would.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDemoPage } from './demo-page.mjs';

let page;
let pageErrors;
let closeDemo;

before(async () => {
  ({ page, pageErrors, close: closeDemo } = await openDemoPage('formulas.html'));
});

after(async () => {
  await closeDemo?.();
});

test('a valid formula evaluates as you type, exactly', async () => {
  await page.fill('#formula', 'TIERSUM(回款额, 0, 0.03, 100000, 0.05) * 系数');
  await page.fill('[data-field="回款额"]', '123456.78');
  await page.fill('[data-field="系数"]', '1.2');
  await page.waitForFunction(() => document.querySelector('#result')?.dataset.state === 'ok');
  assert.equal((await page.textContent('#result')).trim(), '5007.4068');
  assert.equal(await page.getAttribute('#result', 'data-type'), 'number');
});

test('an unknown function is underlined at its span with code, message and suggestion', async () => {
  await page.fill('#formula', 'IF(回款额 >= 目标 * 0.8, SUMM(回款额) * 0.05, 0)');
  await page.waitForSelector('.error-underline');
  assert.equal(await page.textContent('.error-underline'), 'SUMM');
  assert.equal((await page.textContent('#error-code')).trim(), 'UNKNOWN_FUNCTION');
  assert.match(await page.textContent('#error-message'), /SUMM/);
  await page.click('#error-fix');
  await page.waitForFunction(() => document.querySelector('#formula').value.includes('SUM(回款额)'));
});

test('runtime errors and the English locale', async () => {
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.fill('#formula', '回款额 / 目标');
  await page.fill('[data-field="回款额"]', '100');
  await page.fill('[data-field="目标"]', '0');
  await page.waitForFunction(() => document.querySelector('#error-code')?.textContent.trim() === 'DIV_BY_ZERO');
  assert.equal((await page.textContent('#error-message')).trim(), 'division by zero');
});

test('the function reference lists every built-in', async () => {
  const count = await page.locator('#functions [data-function]').count();
  assert.ok(count >= 36, `${count} functions listed`);
  assert.deepEqual(pageErrors, []);
});
