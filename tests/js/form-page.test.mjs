// The record form page (`/form.html`), driven in headless Chromium as a user would: one rep's
// monthly record and its orders on a form, scored, paid and paced on every edit. Expected values
// come from the same engine through the Node builds of the entries the page imports (`salescore`
// for the plan, `salescore/targets` for pace), on the same record with the same edits, shown as
// the page shows exact decimal strings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { grouped, openDemoPage, rate, signed } from './demo-page.mjs';
import { Plan } from '../../pkg/node.js';
import { pace } from '../../pkg/targets/node.js';

const sample = (name) => JSON.parse(readFileSync(new URL(`../../samples/team/${name}`, import.meta.url), 'utf8'));
const doc = sample('plan.json');
const reps = sample('reps.json');
const rep = reps.find((r) => r['工号'] === 'E1005' && r['月份'] === 4);
const plan = Plan.compile(doc);
const ORDERS = doc.incentive.transactions.field;

/** The record as the page hands it to the engine: what the inputs hold, as text. */
function baseRecord(r = rep) {
  const rec = {};
  for (const f of doc.fields) {
    const v = r[f.id];
    if (v === undefined) continue;
    rec[f.id] = f.type === 'boolean' ? v : String(v);
  }
  rec[ORDERS] = r[ORDERS].map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)])));
  return rec;
}

/** The record the page should be showing now; every test adds its edits here. */
let record = baseRecord();

const evaluated = (loc = 'zh-CN') => plan.evaluate(record, { explain: true, locale: loc, numbers: 'string' });


let page;
let pageErrors;
let closeDemo;

before(async () => {
  ({ page, pageErrors, close: closeDemo } = await openDemoPage('form.html'));
});

after(async () => {
  await closeDemo?.();
});

const text = async (sel) => (await page.textContent(sel))?.trim();
const texts = (sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));
const orderCell = (i, col) => `#order-rows tr[data-index="${i}"] [data-col="${col}"]`;

/** The pace spec the page builds from the record: its month, target and sales, and the open
 *  deals and as-of day as the page's inputs hold them. */
async function paced(loc = 'zh-CN') {
  const month = Number(record['月份']);
  const mm = String(month).padStart(2, '0');
  const end = new Date(Date.UTC(2026, month, 0)).getUTCDate();
  const deals = await page.$$eval('#deal-rows tr', (trs) => trs.map((tr) => ({
    name: tr.querySelector('[data-dcol="name"]').value,
    amount: tr.querySelector('[data-dcol="amount"]').value,
    probability: tr.querySelector('[data-dcol="probability"]').value,
  })));
  const spec = {
    period: { start: `2026-${mm}-01`, end: `2026-${mm}-${end}` },
    asOf: await page.inputValue('#as-of'),
    reps: [{
      id: record['工号'],
      name: record['姓名'],
      target: record['销售目标'],
      actual: record['销售额'],
      deals: deals.map((d, i) => {
        const [int, frac = ''] = d.probability.split('.');
        const p = `0.${int.padStart(2, '0')}${frac}`.replace(/0+$/, '').replace(/\.$/, '');
        return { id: `D${i + 1}`, name: d.name, amount: d.amount, probability: p };
      }),
    }],
  };
  return pace(spec, { explain: true, locale: loc, numbers: 'string' }).reps[0];
}

/** Waits until the page shows the engine's total for the current record, then checks every
 *  number and sentence it shows against the engine's result in Node. */
async function assertShowsRecord(loc = 'zh-CN') {
  const r = evaluated(loc);
  const s = r.score;
  const st = r.incentive.statement;
  await page.waitForFunction((want) => document.querySelector('#stmt-total')?.textContent === want && !document.querySelector('.result-col').classList.contains('is-stale'), grouped(st.total));
  assert.equal(await text('[data-testid="score-total"]'), s.total);
  assert.equal(await text('[data-testid="score-grade"]'), s.grade);
  assert.equal(await text('[data-testid="score-coef"]'), `×${s.coefficient}`);
  assert.equal(await text('[data-testid="payout-total"]'), `¥${grouped(st.total)}`);
  // (trimmed: with no single-indicator option the engine's sentence ends in "…to A: ")
  assert.equal(await text('[data-testid="score-text"]'), s.text.trim());
  assert.deepEqual(await texts('[data-testid="indicator-text"]'), s.indicators.map((l) => l.text));
  assert.deepEqual(await texts('#indicator-rows [data-col="weighted"]'), s.indicators.map((l) => l.weighted));
  if (s.nextGrade) assert.match(await text('[data-testid="next-grade-line"]'), new RegExp(`${s.nextGrade.grade}`));
  if (s.nextGrade) assert.ok((await text('[data-testid="next-grade-line"]')).includes(s.nextGrade.pointsNeeded));
  assert.deepEqual(await texts('#stmt-rows .stmt-text'), st.lines.map((l) => l.text));
  assert.deepEqual(await texts('#stmt-rows [data-col="amount"]'), st.lines.map((l) => grouped(l.amount)));
  assert.equal(await text('[data-testid="stmt-total-text"]'), st.text);
  assert.deepEqual(await texts('#components .comp b'), r.incentive.components.map((c) => grouped(c.amount)));
  assert.deepEqual(await texts('#routing-rows [data-col="credited"]'), r.incentive.transactions.map((x) => grouped(x.credited)));
  assert.deepEqual(await texts('#trace li'), r.trace.map((x) => x.text));
  const w = plan.whatIf(record, { amount: await page.inputValue('#wi-amount') }, { explain: true, locale: loc, numbers: 'string' });
  assert.equal(await text('[data-testid="what-if"]'), w.text);

  const p = await paced(loc);
  const kpi = (k) => text(`#pace-kpis [data-kpi="${k}"] dd`);
  assert.equal(await kpi('attainment'), rate(p.progress.attainment));
  assert.equal(await kpi('expected'), grouped(p.progress.expectedToDate));
  assert.equal(await kpi('paceGap'), signed(p.progress.paceGap));
  assert.equal(await kpi('remaining'), grouped(p.progress.remaining));
  assert.equal(await kpi('forecast'), grouped(p.pipeline.forecast));
  assert.equal(await kpi('chance'), rate(p.chance.probability));
  assert.equal(await page.getAttribute('[data-testid="pace-status"]', 'data-status'), p.progress.status);
  assert.deepEqual(await texts('#pace-text li'), p.text);
  assert.match(await text('[data-testid="run-stat"]'), /^evaluate [\d.]+ ms · pace [\d.]+ ms$/);
  return r;
}

test('the sample record: fields, orders and everything the engine says about them', async () => {
  assert.equal(await page.inputValue('[data-field="工号"]'), 'E1005');
  assert.equal(await page.inputValue('[data-field="销售额"]'), String(rep['销售额']));
  assert.equal(await page.isChecked('[data-field="培训完成"]'), rep['培训完成']);
  assert.deepEqual(await page.$$eval('#order-rows [data-col="订单号"]', (els) => els.map((e) => e.value)), rep[ORDERS].map((o) => o['订单号']));
  assert.equal(await text('[data-testid="record-title"]'), '周子轩 · E1005 · 4 月');
  assert.equal(await page.inputValue('#as-of'), '2026-04-15');
  const r = await assertShowsRecord();
  assert.equal(r.score.grade, 'B');
  assert.equal(await page.getAttribute('[data-testid="nav-form"]', 'aria-current'), 'page');
});

test('typing into a field recomputes the score, the payout and the pacing', async () => {
  await page.fill('[data-field="销售额"]', '291000.5');
  record['销售额'] = '291000.5';
  const r = await assertShowsRecord();
  assert.notEqual(r.score.total, plan.evaluate(baseRecord(), { numbers: 'string' }).score.total);
  assert.match(await text('[data-testid="note-销售额"]'), /253800/);
});

test('editing an order’s amount re-pays the statement', async () => {
  await page.fill(orderCell(1, '金额'), '150000');
  record[ORDERS][1]['金额'] = '150000';
  await assertShowsRecord();
});

test('adding an order row with the keyboard, then deleting one', async () => {
  await page.focus('#add-order');
  await page.keyboard.press('Enter');
  await page.waitForSelector(orderCell(3, '金额'));
  // The new row's amount has the focus: type into it.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.col), '金额');
  await page.keyboard.type('20000');
  const cells = await page.$eval('#order-rows tr[data-index="3"]', (tr) => Object.fromEntries([...tr.querySelectorAll('[data-col]')].map((i) => [i.dataset.col, i.value])));
  const order = {};
  for (const [k, v] of Object.entries(cells)) if (v !== '') order[k] = v;
  assert.equal(order['金额'], '20000');
  record[ORDERS].push(order);
  await assertShowsRecord();
  assert.equal(await text('[data-testid="orders-count"]'), '4 笔');

  await page.click('#order-rows tr[data-index="0"] [data-delete]');
  record[ORDERS].splice(0, 1);
  await page.waitForFunction(() => document.querySelectorAll('#order-rows tr').length === 3);
  await assertShowsRecord();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.delete !== undefined), true);
});

test('a bad cell shows the engine’s code beside it and the last good result stays', async () => {
  const good = evaluated();
  await page.fill(orderCell(0, '金额'), '12万');
  await page.waitForSelector('[data-testid="eval-error"]:not([hidden])');
  let err;
  try {
    plan.evaluate({ ...record, [ORDERS]: record[ORDERS].map((o, i) => (i === 0 ? { ...o, 金额: '12万' } : o)) });
  } catch (e) {
    err = e;
  }
  assert.equal(await text('[data-testid="eval-error-code"]'), err.code);
  assert.equal(await text('[data-testid="eval-error-where"]'), err.path);
  assert.equal(err.path, `/${ORDERS}/0/金额`);
  assert.equal(await text('#order-rows tr[data-index="0"] td[data-cell="金额"] [data-note]'), err.code);
  assert.equal(await text('[data-testid="score-total"]'), good.score.total);
  assert.equal(await text('[data-testid="stmt-total"]'), grouped(good.incentive.statement.total));
  await page.fill(orderCell(0, '金额'), record[ORDERS][0]['金额']);
  await assertShowsRecord();

  await page.fill('[data-field="拜访次数"]', '十二');
  await page.waitForSelector('[data-row="拜访次数"].is-invalid');
  try {
    plan.evaluate({ ...record, 拜访次数: '十二' });
  } catch (e) {
    err = e;
  }
  assert.equal(await text('[data-testid="note-拜访次数"]'), err.code);
  assert.equal(await text('[data-testid="eval-error-where"]'), '/拜访次数');
  assert.equal(await text('[data-testid="score-total"]'), good.score.total);
  await page.fill('[data-field="拜访次数"]', record['拜访次数']);
  await assertShowsRecord();

  // A rating outside the plan's map: the engine points into the plan (the indicator's actual),
  // which names the field, so the code shows beside that field.
  await page.fill('[data-field="满意度评分"]', '7');
  await page.waitForSelector('[data-row="满意度评分"].is-invalid');
  try {
    plan.evaluate({ ...record, 满意度评分: '7' });
  } catch (e) {
    err = e;
  }
  assert.equal(await text('[data-testid="eval-error-where"]'), err.path);
  assert.match(err.path, /^\/scorecard\/indicators\/\d+\/actual$/);
  assert.equal(await text('[data-testid="note-满意度评分"]'), err.code);
  assert.equal(await text('[data-testid="score-total"]'), good.score.total);
  await page.fill('[data-field="满意度评分"]', record['满意度评分']);
  await assertShowsRecord();
  assert.equal(await page.locator('#fields .is-invalid').count(), 0);
});

test('English: the engine explains the same record in English', async () => {
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => /^Profile/.test(document.querySelector('[data-testid="profile"]')?.textContent ?? ''));
  const r = await assertShowsRecord('en');
  assert.match(r.incentive.statement.text, /^total /);
  assert.equal(await text('[data-testid="record-title"]'), '周子轩 · E1005 · Apr');
  assert.equal((await page.innerText('[data-testid="nav-form"]')).trim(), 'Record form');
  // The edits survive the switch.
  assert.equal(await page.inputValue('[data-field="销售额"]'), '291000.5');
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await assertShowsRecord();
});

test('reset restores the sample record', async () => {
  await page.click('#reset');
  record = baseRecord();
  await assertShowsRecord();
  assert.equal(await page.isHidden('#edited'), true);
});

test('another sample record: E1008 in March, zeroed by the compliance veto; nothing threw', async () => {
  await page.selectOption('[data-testid="pick-rep"]', 'E1008');
  await page.selectOption('[data-testid="pick-month"]', '3');
  record = baseRecord(reps.find((r) => r['工号'] === 'E1008' && r['月份'] === 3));
  await page.waitForFunction(() => document.querySelector('[data-field="工号"]')?.value === 'E1008' && document.querySelector('[data-field="月份"]')?.value === '3');
  const r = await assertShowsRecord();
  assert.equal(r.score.vetoes.find((v) => v.id === '合规一票否决').triggered, true);
  assert.deepEqual(await texts('#checks .chk-bad'), ['合规一票否决：已触发']);
  assert.equal(await page.inputValue('#as-of'), '2026-03-15');
  assert.match(await page.evaluate(() => location.hash), /rep=E1008&month=3/);
  assert.deepEqual(pageErrors, []);
});
