// The admin preview page (`/admin.html`): one rep's record edited on the page (a field, an order's
// amount, an order added and one deleted, a bad value, reset) and the orders imported from a file
// of their own, driven in headless Chromium as an admin would. After each step the page's team cost
// and that rep's row must equal what the engine's `Compare` (Node build of salescore/admin) gives
// for the same records and draft; nothing is hard-coded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { csvOf, draftText as draftIn, money, openDemoPage, signedMoney as signed } from './demo-page.mjs';
import { xlsx } from './xlsx-file.mjs';
import { Compare, Plan } from '../../pkg/admin/node.js';

const sample = (name) => readFileSync(new URL(`../../samples/team/${name}`, import.meta.url), 'utf8');
const baselineText = sample('plan.json');
const june = JSON.parse(sample('reps.json')).filter((r) => r.月份 === 6);

/** The engine's comparison of `records` under the baseline and `draftText`. */
function compare(records, draftText) {
  const session = Compare.open(baselineText, records, { locale: 'zh-CN' });
  try {
    session.setDraft(draftText);
    return session.comparison();
  } finally {
    session.free();
  }
}


let page;
let pageErrors;
let closeDemo;

before(async () => {
  ({ page, pageErrors, close: closeDemo } = await openDemoPage('admin.html'));
});

after(async () => {
  await closeDemo?.();
});

const text = async (sel) => (await page.textContent(sel)).trim();
const editorText = () => draftIn(page);

/**
 * Waits until the page shows what `Compare` computes for `records` (team cost before and after,
 * and rep `index`'s row), then asserts it field by field.
 */
async function expectComparison(records, draftText, index) {
  const c = compare(records, draftText);
  const rep = c.reps.find((r) => r.index === index);
  const row = `#rep-rows tr[data-index="${index}"]`;
  const expected = {
    '[data-testid="cost-before"]': money(c.cost.before),
    '[data-testid="cost-after"]': money(c.cost.after),
    '[data-testid="cost-change"]': c.cost.change === 0 ? '0.00' : signed(c.cost.change),
    [`${row} [data-testid="before"]`]: money(rep.before.payout),
    [`${row} [data-testid="after"]`]: money(rep.after.payout),
    [`${row} [data-testid="change"]`]: rep.change === 0 ? '0.00' : signed(rep.change),
    '[data-testid="record-after"]': money(rep.after.payout),
  };
  const read = () => page.evaluate((sels) => Object.fromEntries(sels.map((s) => [s, document.querySelector(s)?.textContent.trim() ?? null])), Object.keys(expected));
  await page.waitForFunction((e) => Object.entries(e).every(([s, v]) => document.querySelector(s)?.textContent.trim() === v), expected, { timeout: 10000 })
    .catch(() => {});
  assert.deepEqual(await read(), expected);
  // The rep's statements follow: both totals are the two payouts.
  await page.waitForFunction((totals) => JSON.stringify([...document.querySelectorAll('[data-testid="statement-total"]')].map((e) => e.textContent.trim())) === JSON.stringify(totals),
    [money(rep.before.payout), money(rep.after.payout)], { timeout: 10000 }).catch(() => {});
  assert.deepEqual(await page.$$eval('[data-testid="statement-total"]', (els) => els.map((e) => e.textContent.trim())), [money(rep.before.payout), money(rep.after.payout)]);
  assert.match(await text('#run-stat'), /只重算此人 [\d.]+ ms/);
  return c;
}

const recordOf = (records, index, change) => records.map((r, i) => (i === index ? change(r) : r));

// The draft: the one-click gate edit, so that baseline and draft differ.
let draftText;
// The rep edited: the first with at least three orders whose sales, cut to 60%, change its pay.
let index;

test('open a rep\'s record; change 销售额, an order\'s amount; add an order; delete one', async () => {
  await page.click('[data-testid="edit-gate"]');
  draftText = await editorText();
  assert.notEqual(draftText, baselineText);
  index = june.findIndex((r, i) => r.订单.length >= 3 && (() => {
    const c = compare(recordOf(june, i, (x) => ({ ...x, 销售额: String(Math.round(x.销售额 * 0.6)) })), draftText);
    return c.reps[i].after.payout !== compare(june, draftText).reps[i].after.payout;
  })());
  assert.ok(index >= 0);
  const rep = june[index];
  await page.waitForFunction((t) => document.querySelector('[data-testid="cost-after"]')?.textContent.trim() === t, money(compare(june, draftText).cost.after));

  // From the table: select the row, open its record from the statements panel.
  await page.click(`#rep-rows tr[data-index="${index}"]`);
  await page.click('[data-testid="edit-record"]');
  await page.waitForSelector('[data-testid="record-editor"]:not([hidden]) [data-testid="field-销售额"]');
  assert.equal(await text('#record-title'), `${rep.工号} ${rep.姓名} 的记录`);
  assert.equal(await page.inputValue('[data-testid="field-销售额"]'), String(rep.销售额));
  assert.equal(await page.locator('[data-testid="orders-table"] tbody tr[data-order]').count(), rep.订单.length);

  // 销售额, typed.
  const sales = String(Math.round(rep.销售额 * 0.6));
  await page.fill('[data-testid="field-销售额"]', sales);
  let records = recordOf(june, index, (r) => ({ ...r, 销售额: sales }));
  await expectComparison(records, draftText, index);
  assert.equal(await page.locator(`#rep-rows tr[data-index="${index}"].is-edited`).count(), 1);
  assert.equal(await page.isVisible('[data-testid="record-edited"]'), true);

  // The first order's 金额.
  const amount = String(rep.订单[0].金额 * 3);
  await page.fill('[data-testid="orders-table"] tr[data-order="0"] input[data-key="金额"]', amount);
  records = recordOf(records, index, (r) => ({ ...r, 订单: r.订单.map((o, k) => (k === 0 ? { ...o, 金额: amount } : o)) }));
  await expectComparison(records, draftText, index);

  // A new order, from the keyboard: the button focuses its amount; Tab on to 回款, 产品线, 客户类型.
  await page.focus('[data-testid="add-order"]');
  await page.keyboard.press('Enter');
  const n = rep.订单.length;
  await page.waitForSelector(`[data-testid="orders-table"] tr[data-order="${n}"]`);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), '金额');
  await page.keyboard.type('80000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('80000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('软件');
  await page.keyboard.press('Tab');
  await page.keyboard.type('新客户');
  await page.keyboard.press('Enter');
  const added = { 订单号: `${rep.工号}-N${n + 1}`, 金额: '80000', 回款: '80000', 产品线: '软件', 客户类型: '新客户' };
  records = recordOf(records, index, (r) => ({ ...r, 订单: [...r.订单, added] }));
  await expectComparison(records, draftText, index);

  // Delete the second order.
  await page.click('[data-testid="orders-table"] tr[data-order="1"] [data-testid="delete-order"]');
  records = recordOf(records, index, (r) => ({ ...r, 订单: r.订单.filter((_, k) => k !== 1) }));
  await expectComparison(records, draftText, index);
  assert.equal(await page.locator('[data-testid="orders-table"] tbody tr[data-order]').count(), n);
  editedRecords = records;
});

let editedRecords;

test('a bad value shows the engine\'s error next to the field; the last comparison stays; nothing typed is lost', async () => {
  const good = await page.evaluate(() => ({
    cost: document.querySelector('[data-testid="cost-after"]').textContent,
    rows: document.querySelector('#rep-rows').innerHTML,
  }));
  await page.fill('[data-testid="field-销售额"]', '六十万');
  // The engine's error for that record.
  const session = Compare.open(baselineText, recordOf(editedRecords, index, (r) => ({ ...r, 销售额: '六十万' })), { locale: 'zh-CN' });
  const failure = session.comparison().notCalculable.find((f) => f.index === index);
  session.free();
  assert.equal(failure.baseline.origin, 'record');
  await page.waitForSelector('[data-testid="record-error"]:not([hidden])');
  assert.equal(await text('[data-testid="record-error-code"]'), failure.baseline.code);
  assert.equal(await text('[data-testid="record-error-path"]'), failure.baseline.path);
  assert.equal(await text('[data-testid="record-error-message"]'), failure.baseline.message);
  assert.match(await text('[data-field-box="销售额"] [data-testid="field-error"]'), new RegExp(`^${failure.baseline.code}`));
  assert.equal(await page.getAttribute('[data-testid="field-销售额"]', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('[data-testid="field-销售额"]'), '六十万');
  assert.match(await text('#run-stat'), /记录有误 · 显示的是上一次成功的对比/);
  assert.deepEqual(await page.evaluate(() => ({
    cost: document.querySelector('[data-testid="cost-after"]').textContent,
    rows: document.querySelector('#rep-rows').innerHTML,
  })), good);
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky bar and draft editor at the top of the picture
  await page.screenshot({ path: '/tmp/admin-edit.png', fullPage: true });
  await page.locator('#rep-detail').screenshot({ path: '/tmp/admin-edit-panel.png' });

  // A bad order amount is marked on its cell.
  await page.fill('[data-testid="field-销售额"]', String(editedRecords[index].销售额));
  await page.fill('[data-testid="orders-table"] tr[data-order="0"] input[data-key="金额"]', '12a');
  await page.waitForSelector('[data-testid="orders-table"] .field-error-row [data-testid="field-error"]');
  assert.match(await text('[data-testid="record-error-path"]'), new RegExp(`^/${index}/订单/0/金额$`));
  assert.equal(await page.getAttribute('[data-testid="orders-table"] tr[data-order="0"] input[data-key="金额"]', 'aria-invalid'), 'true');

  // Fixed: the error goes and the comparison is the engine's again.
  await page.fill('[data-testid="orders-table"] tr[data-order="0"] input[data-key="金额"]', String(editedRecords[index].订单[0].金额));
  await page.waitForSelector('[data-testid="record-error"]', { state: 'hidden' });
  await expectComparison(editedRecords, draftText, index);
});

test('"Reset this rep" restores the sample record', async () => {
  await page.click('[data-testid="reset-record"]');
  await page.waitForFunction((v) => document.querySelector('[data-testid="field-销售额"]')?.value === v, String(june[index].销售额));
  assert.equal(await page.locator('[data-testid="orders-table"] tbody tr[data-order]').count(), june[index].订单.length);
  await expectComparison(june, draftText, index);
  assert.equal(await page.locator('#rep-rows tr.is-edited').count(), 0);
  assert.equal(await page.isVisible('[data-testid="record-edited"]'), false);
  await page.click('[data-testid="close-record"]');
  assert.equal(await page.isHidden('[data-testid="record-editor"]'), true);
});

test('orders from their own CSV: row errors with row numbers, the other orders attached, the engine\'s numbers', async () => {
  const [a, b, c] = june;
  const columns = ['工号', '订单号', '金额', '回款', '产品线', '客户类型'];
  const rows = [
    ...a.订单.map((o) => [a.工号, o.订单号, o.金额 * 2, o.回款, o.产品线, o.客户类型]), // a's orders, amounts doubled
    [b.工号, b.订单[0].订单号, b.订单[0].金额, b.订单[0].回款, b.订单[0].产品线, b.订单[0].客户类型], // b: only its first
    [c.工号, `${c.工号}-X`, '五万', 0, '软件', '新客户'], // a bad amount
    ['E9999', 'E9999-1', 10000, 10000, '硬件', '老客户'], // a rep not in the team
    [b.工号, `${b.工号}-X`, 30000, 0, '服务', '老客户'], // b: and a new one
  ];
  const csv = [columns, ...rows].map((r) => r.join(',')).join('\n');
  await page.click('[data-testid="orders-open"]');
  assert.equal(await text('#import-title'), '导入订单');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="row-error"]');
  const mapped = await page.$$eval('#mapping select[data-field]', (els) => els.map((e) => [e.dataset.field, e.value]));
  assert.deepEqual(mapped, columns.map((c, i) => [c, String(i)]));

  // The bad amount's error, as the engine gives it for c's record with that order.
  const cell = (v) => String(v);
  const order = (r) => Object.fromEntries(columns.slice(1).map((k, i) => [k, cell(r[i + 1])]));
  const badAt = rows.findIndex((r) => r[2] === '五万');
  const unknownAt = rows.findIndex((r) => r[0] === 'E9999');
  const plan = Plan.compile(baselineText);
  const { errors } = plan.evaluateMany([{ ...c, 订单: [order(rows[badAt])] }]);
  plan.free();
  assert.equal(errors.length, 1);
  const items = await page.$$eval('[data-testid="row-error"]', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
  assert.equal(items.length, 2);
  assert.ok(items[0].startsWith(`第 ${badAt + 2} 行`) && items[0].includes(errors[0].error.code) && items[0].includes(`/${badAt}/金额`) && items[0].includes(errors[0].error.messages['zh-CN']), items[0]);
  assert.ok(items[1].startsWith(`第 ${unknownAt + 2} 行`) && items[1].includes('UNKNOWN_REP') && items[1].includes('工号 “E9999” 不在当前团队中'), items[1]);
  assert.equal(await page.locator(`#import-preview tr.is-bad[data-row="${badAt}"] .bad-cell`).count(), 1);
  await page.locator('#import-dialog').screenshot({ path: '/tmp/admin-orders.png' });

  await page.click('[data-testid="import-apply"]');
  const good = rows.filter((_, i) => i !== badAt && i !== unknownAt);
  const ordersOf = (id) => good.filter((r) => r[0] === id).map(order);
  const records = june.map((r) => (ordersOf(r.工号).length ? { ...r, 订单: ordersOf(r.工号) } : r));
  await page.waitForFunction(() => document.querySelector('[data-testid="orders-source"]')?.textContent.includes('orders.csv'));
  assert.equal(await text('[data-testid="orders-source"]'), `订单：orders.csv · ${good.length} 笔 · 2 人`);
  const cmp = compare(records, draftText);
  await page.waitForFunction((t) => document.querySelector('[data-testid="cost-before"]')?.textContent.trim() === t, money(cmp.cost.before));
  assert.equal(await text('[data-testid="cost-after"]'), money(cmp.cost.after));
  for (const r of cmp.reps) {
    const row = `#rep-rows tr[data-index="${r.index}"]`;
    assert.equal(await text(`${row} [data-testid="before"]`), money(r.before.payout), r.id);
    assert.equal(await text(`${row} [data-testid="after"]`), money(r.after.payout), r.id);
  }
  assert.notEqual(cmp.cost.before, compare(june, draftText).cost.before);
  withOrders = records;

  // The record editor shows the attached orders; its reset goes back to them, not to the sample's.
  await page.click(`#rep-rows tr[data-index="1"]`);
  await page.click('[data-testid="edit-record"]');
  await page.waitForSelector('[data-testid="orders-table"]');
  assert.equal(await page.locator('[data-testid="orders-table"] tbody tr[data-order]').count(), ordersOf(b.工号).length);
  await page.click('[data-testid="close-record"]');
});

let withOrders;

test('orders from Excel, the rep column mapped by hand: they replace that rep\'s orders, the earlier file\'s stay', async () => {
  const c = june[2];
  const columns = ['订单号', '销售工号', '客户类型', '产品线', '金额', '回款'];
  const sheet = [columns, ...c.订单.map((o) => [o.订单号, c.工号, o.客户类型, o.产品线, Math.round(o.金额 / 2), o.回款])];
  await page.click('[data-testid="orders-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'orders.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx(sheet) });
  await page.waitForSelector('#mapping select[data-field="工号"]');
  assert.equal(await page.inputValue('#mapping select[data-field="工号"]'), ''); // 销售工号 is not 工号
  await page.waitForSelector('[data-testid="row-error"]'); // so every row names no rep
  assert.equal(await page.locator('[data-testid="row-error"]').count(), c.订单.length);
  await page.selectOption('#mapping select[data-field="工号"]', String(columns.indexOf('销售工号')));
  await page.waitForSelector('#import-errors .ok-line');
  assert.equal(await page.locator('[data-testid="row-error"]').count(), 0);
  await page.click('[data-testid="import-apply"]');

  // The sheet's numbers as numbers, its text as text.
  const orders = sheet.slice(1).map(([订单号, , 客户类型, 产品线, 金额, 回款]) => ({ 订单号, 金额, 回款, 产品线, 客户类型 }));
  const records = withOrders.map((r, i) => (i === 2 ? { ...r, 订单: orders } : r));
  const cmp = compare(records, draftText);
  await page.waitForFunction((t) => document.querySelector('[data-testid="cost-before"]')?.textContent.trim() === t, money(cmp.cost.before));
  assert.equal(await text('[data-testid="cost-after"]'), money(cmp.cost.after));
  for (const r of cmp.reps) assert.equal(await text(`#rep-rows tr[data-index="${r.index}"] [data-testid="after"]`), money(r.after.payout), r.id);
  const attached = records.filter((r, i) => r !== june[i]);
  assert.equal(await text('[data-testid="orders-source"]'), `订单：orders.csv + orders.xlsx · ${attached.reduce((n, r) => n + r.订单.length, 0)} 笔 · ${attached.length} 人`);
});

test('English: the record editor and the orders import speak it', async () => {
  await page.click('#rep-rows tr[data-index="0"]');
  await page.click('[data-testid="edit-record"]');
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => document.querySelector('[data-testid="reset-record"]')?.textContent.trim() === 'Reset this rep');
  assert.equal(await text('#record-title'), `Record of ${june[0].工号} ${june[0].姓名}`);
  assert.equal(await text('[data-testid="orders-open"]'), 'Import orders…');
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(pageErrors, []);
});

test('a record typed for the sample team stays with it while another team is imported, and comes back with it', async () => {
  await page.click('[data-testid="use-sample"]'); // the sample as shipped: without the orders read from files
  await page.waitForFunction(() => document.querySelector('#team-source')?.textContent.trim() === '示例团队 · 24 人');
  await page.waitForFunction((t) => document.querySelector('[data-testid="cost-after"]')?.textContent.trim() === t, money(compare(june, draftText).cost.after));
  const k = 1;
  await page.click(`#rep-rows tr[data-index="${k}"]`);
  await page.click('[data-testid="edit-record"]');
  await page.waitForSelector('[data-testid="record-editor"]:not([hidden]) [data-testid="field-销售额"]');
  const sales = String(Math.round(june[k].销售额 * 0.5));
  await page.fill('[data-testid="field-销售额"]', sales);
  const records = recordOf(june, k, (r) => ({ ...r, 销售额: sales }));
  const edited = compare(records, draftText);
  await page.waitForFunction((t) => document.querySelector('[data-testid="cost-after"]')?.textContent.trim() === t, money(edited.cost.after));

  // Another team, imported.
  const fields = JSON.parse(baselineText).fields.map((f) => f.id);
  const csv = csvOf(fields, june.slice(0, 3));
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="import-apply"]:not([disabled])');
  await page.click('[data-testid="import-apply"]');
  await page.waitForFunction(() => document.querySelector('#team-source')?.textContent.trim() === 'three.csv · 3 人');
  assert.equal(await page.locator('#rep-rows tr.is-edited').count(), 0);

  // Back to the sample: the record typed for it is there again, and compared.
  await page.click('[data-testid="use-sample"]');
  await page.waitForFunction((t) => document.querySelector('[data-testid="cost-after"]')?.textContent.trim() === t, money(edited.cost.after));
  assert.equal(await text('[data-testid="cost-before"]'), money(edited.cost.before));
  assert.equal(await page.locator(`#rep-rows tr[data-index="${k}"].is-edited`).count(), 1);
  assert.deepEqual(pageErrors, []);
});
