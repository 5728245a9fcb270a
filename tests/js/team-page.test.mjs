// The team scorecard page (`/`, the demo's landing page), driven in headless Chromium as a user would. Expected
// values come from the same engine through the Node build, scoring the same sample records.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openDemoPage } from './demo-page.mjs';
import { Plan } from '../../pkg/admin/node.js';

const sample = (name) => JSON.parse(readFileSync(new URL(`../../samples/team/${name}`, import.meta.url), 'utf8'));
const planDoc = sample('plan.json');
const reps = sample('reps.json');
const plan = Plan.compile(planDoc);

/** The engine's team result for a month, with `edits` applied to one rep's record. */
function expected(month, locale = 'zh-CN', edits = {}) {
  const records = reps
    .filter((r) => r.月份 === month)
    .map((r) => (edits[r.工号] ? { ...r, ...edits[r.工号] } : r));
  const result = plan.evaluateTeam(records, { explain: true, locale });
  const byId = (id) => {
    const index = records.findIndex((r) => r.工号 === id);
    return { index, member: result.team.members.find((m) => m.index === index), score: result.results[index]?.score };
  };
  return { records, result, byId };
}

/** A total as the page shows it. */
const shown = (n) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 4 });

let page;
let pageErrors;
let closeDemo;

before(async () => {
  ({ page, pageErrors, close: closeDemo } = await openDemoPage(''));
});

after(async () => {
  await closeDemo?.();
});

const rowTotal = (id) => page.textContent(`#team-rows tr[data-id="${id}"] [data-testid="total"]`);

test('the default month scores all 24 reps in one call, ranked as the engine ranks them', async () => {
  const { result } = expected(6);
  const ids = await page.$$eval('#team-rows tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
  assert.equal(ids.length, 24);
  assert.deepEqual(ids, result.team.members.map((m) => m.id));
  assert.equal(await page.getAttribute('#months [aria-checked="true"]', 'data-month'), '6');
  for (const m of result.team.members.slice(0, 3)) assert.equal((await rowTotal(m.id)).trim(), shown(m.total));
  assert.match(await page.textContent('#run-stat'), /^24 人 · [\d.]+ ms$/);
  // Team aggregates, the PK verdict and the leaderboard.
  assert.equal((await page.textContent('[data-aggregate="平均分"] dd')).trim(), shown(result.team.aggregates.平均分));
  const pk = result.team.pk[0];
  assert.equal(pk.winner, '先锋组');
  assert.match(await page.textContent('[data-testid="pk-verdict"]'), new RegExp(`${pk.winner} 胜，领先 ${pk.margin}`));
  const board = await page.$$eval('#leaderboard tbody tr', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(board, result.team.leaderboard.entries.map((e) => e.id));
  // June's tie at the A/B boundary: A 6 instead of 5.
  assert.equal((await page.textContent('[data-grade="A"] [data-testid="dist-actual"]')).trim(), '6');
});

test('month 3: the compliance veto zeroes E1008', async () => {
  const { byId, result } = expected(3);
  const { member, score } = byId('E1008');
  assert.equal(score.total, 0);
  assert.ok(score.vetoes.some((v) => v.triggered && v.effect === 'zero'));

  await page.click('#months [data-month="3"]');
  await page.waitForFunction(() => document.querySelector('#months [aria-checked="true"]')?.dataset.month === '3');
  assert.equal(await page.locator('#team-rows tr[data-id]').count(), 24);
  const row = page.locator('#team-rows tr[data-id="E1008"]');
  assert.equal((await rowTotal('E1008')).trim(), '0');
  assert.equal((await row.locator('.rank').textContent()).trim(), String(member.rank));
  assert.equal(await row.locator('[data-mark="veto"]').count(), 1);
  assert.equal(member.rank, result.team.members.length);
});

test('clicking a row explains that rep in Chinese, and English switches the explanation', async () => {
  const zh = expected(3, 'zh-CN').byId('E1008').score;
  const en = expected(3, 'en').byId('E1008').score;
  assert.notEqual(zh.text, en.text);

  await page.click('#team-rows tr[data-id="E1008"]');
  await page.waitForFunction(() => document.querySelector('#detail-title')?.textContent.includes('E1008'));
  assert.equal((await page.textContent('[data-testid="score-text"]')).trim(), zh.text);
  assert.match(zh.text, /一票否决/);
  const firstLine = page.locator('[data-testid="indicators"] .ind-text').first();
  assert.equal((await firstLine.textContent()).trim(), zh.indicators[0].text);
  assert.equal((await page.textContent('[data-testid="detail-total"]')).trim(), '0');

  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal((await page.textContent('[data-testid="score-text"]')).trim(), en.text);
  assert.equal((await firstLine.textContent()).trim(), en.indicators[0].text);
  assert.equal((await page.textContent('[data-testid="points-text"]')).trim(), en.points.text);
  assert.match(await page.textContent('#run-stat'), /^24 reps · [\d.]+ ms$/);

  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal((await page.textContent('[data-testid="score-text"]')).trim(), zh.text);
});

test('each rep\'s pay: the column, the statement line by line with a what-if, and the team\'s cost', async () => {
  const { result, byId } = expected(3, 'zh-CN');
  const { index, member } = byId('E1003');
  const statement = result.results[index].incentive.statement;
  await page.click('#team-rows tr[data-id="E1003"]');
  await page.waitForFunction(() => document.querySelector('#detail-title')?.textContent.includes('E1003'));
  const money = (n) => Number(n).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.equal((await page.textContent('#team-rows tr[data-id="E1003"] [data-col="payout"]')).trim(), money(member.payout));
  const lines = await page.locator('[data-testid="statement"] .stmt-text').allTextContents();
  assert.deepEqual(lines, statement.lines.map((l) => l.text));
  assert.equal((await page.textContent('[data-testid="statement-total"]')).trim(), statement.text);
  const whatIf = plan.whatIf(expected(3).records[index], { amount: 50000, product: '软件' }, { locale: 'zh-CN' });
  assert.ok((await page.textContent('[data-testid="what-if"]')).includes(whatIf.text));
  assert.equal((await page.textContent('[data-testid="plan-cost"] dd')).trim(), money(result.team.incentive.total));
});

test('editing a figure re-scores the team at once (exact decimal strings)', async () => {
  const id = 'E1012';
  const edit = { 销售额: '98765.43' };
  const before = expected(3).byId(id);
  const after = expected(3, 'zh-CN', { [id]: edit }).byId(id);
  assert.notEqual(after.score.total, before.score.total);

  await page.click(`#team-rows tr[data-id="${id}"]`);
  await page.waitForFunction((rep) => document.querySelector('#detail-title')?.textContent.includes(rep), id);
  assert.equal((await rowTotal(id)).trim(), shown(before.score.total));
  await page.click('[data-testid="tab-data"]');
  await page.fill('[data-field="销售额"]', edit.销售额);
  await page.waitForFunction(
    ([rep, total]) => document.querySelector(`#team-rows tr[data-id="${rep}"] [data-testid="total"]`)?.textContent.trim() === total,
    [id, shown(after.score.total)],
  );
  assert.equal((await page.textContent('[data-testid="detail-total"]')).trim(), shown(after.score.total));
  assert.equal((await page.locator(`#team-rows tr[data-id="${id}"] .rank`).textContent()).trim(), String(after.member.rank));
  assert.equal((await page.textContent('[data-testid="detail-rank"]')).trim(), `${after.member.rank} / 24`);
  assert.equal(await page.locator('[data-row="销售额"].is-changed').count(), 1);
});

test('an invalid figure shows the engine error inline, and fixing it recovers', async () => {
  const id = 'E1012';
  await page.fill('[data-field="拜访次数"]', '3.5');
  await page.waitForSelector('[data-row="拜访次数"].is-invalid');
  assert.match(await page.textContent('[data-note="拜访次数"]'), /INVALID_VALUE/);
  assert.match(await page.textContent('[data-testid="record-errors"]'), /拜访次数/);
  assert.equal(await page.locator(`#team-rows tr[data-id="${id}"].is-error`).count(), 1);
  assert.match(await page.textContent('#run-stat'), /23 人 · [\d.]+ ms · 1 条记录有误/);

  const original = String(reps.find((r) => r.月份 === 3 && r.工号 === id).拜访次数);
  await page.fill('[data-field="拜访次数"]', original);
  await page.waitForFunction(() => !document.querySelector('[data-row="拜访次数"].is-invalid'));
  assert.equal(await page.locator('#team-rows tr[data-id]').count(), 24);
  assert.equal(await page.isHidden('[data-testid="record-errors"]'), true);

  // Restoring the rep's figures brings back the sample's result.
  await page.click('#reset-rep');
  const { score } = expected(3).byId(id);
  await page.waitForFunction(
    ([rep, total]) => document.querySelector(`#team-rows tr[data-id="${rep}"] [data-testid="total"]`)?.textContent.trim() === total,
    [id, shown(score.total)],
  );
  assert.equal(await page.inputValue('[data-field="销售额"]'), String(reps.find((r) => r.月份 === 3 && r.工号 === id).销售额));
});

test('the pages link to each other, and nothing threw', async () => {
  assert.equal(await page.getAttribute('[data-testid="nav-playground"]', 'href'), './formulas.html');
  await page.click('[data-testid="nav-playground"]');
  await page.waitForURL((url) => url.pathname === '/formulas.html');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('[data-testid="nav-team"]');
  await page.waitForURL((url) => url.pathname === '/');
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('#team-rows tr[data-id]').count(), 24);
  assert.deepEqual(pageErrors, []);
});
