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

test('the formula is coloured with the engine\'s own tokens', async () => {
  const src = 'IF(NOT 是否违规 AND {新 客户} ＞＝ 1, "🎉达标", SUMM(x)) & "未';
  await page.fill('#formula', src);
  await page.waitForSelector('.error-underline');
  const shown = await page.$$eval('#formula-highlight .tok', (spans) => spans.map((s) => [s.className.slice(4), s.textContent]));
  assert.deepEqual(shown, [
    ['tok-function', 'IF'], ['tok-punctuation', '('], ['tok-keyword', 'NOT'], ['tok-field', '是否违规'], ['tok-keyword', 'AND'],
    ['tok-field', '{新 客户}'], ['tok-operator', '＞＝'], ['tok-number', '1'], ['tok-punctuation', ','], ['tok-string', '"🎉达标"'],
    ['tok-punctuation', ','], ['tok-function is-unknown', 'SUMM'], ['tok-punctuation', '('], ['tok-field', 'x'], ['tok-punctuation', ')'],
    ['tok-punctuation', ')'], ['tok-operator', '&'], ['tok-error', '"未'],
  ]);
  // The highlight layer holds the text exactly, so it lines up with the textarea.
  assert.equal(await page.textContent('#formula-highlight'), src);
  assert.equal(await page.getAttribute('#formula-highlight .tok-error', 'data-code'), 'UNTERMINATED_STRING');
  assert.equal((await page.textContent('#error-code')).trim(), 'UNTERMINATED_STRING');
  // Fields are guessed from the tokens while the formula does not compile.
  assert.deepEqual(await page.$$eval('#fields [data-field]', (inputs) => inputs.map((i) => i.dataset.field)), ['是否违规', '新 客户', 'x']);
});

test('the function reference lists every built-in', async () => {
  const count = await page.locator('#functions [data-function]').count();
  assert.ok(count >= 36, `${count} functions listed`);
  assert.deepEqual(pageErrors, []);
});
