// The targets & pacing page (`/targets.html`), driven in headless Chromium as a user would.
// Expected values come from the same engine through the Node build of salescore/targets (the entry
// the page imports), on the same samples with the same edits, shown as the page shows exact
// decimal strings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { grouped, openDemoPage, rate, signed, trimmed } from './demo-page.mjs';
import { decompose, pace } from '../../pkg/targets/node.js';

const sample = (name) => JSON.parse(readFileSync(new URL(`../../samples/targets/${name}`, import.meta.url), 'utf8'));
const decSample = sample('decompose.json');
const paceSample = sample('pace.json');

/** The decomposition of the sample with `edit` applied to a copy of its spec. */
function decomposed(locale = 'zh-CN', edit = () => {}) {
  const spec = structuredClone(decSample);
  edit(spec);
  return decompose(spec, { explain: true, locale, numbers: 'string' });
}

/** The pacing of the sample with `edit` applied to a copy of its spec. */
function paced(locale = 'zh-CN', edit = () => {}) {
  const spec = structuredClone(paceSample);
  edit(spec);
  return pace(spec, { explain: true, locale, numbers: 'string' });
}

/** The nodes in display order (the result lists them depth first). */
const nodes = (result) => result.nodes;
const node = (result, id) => result.nodes.find((n) => n.id === id);
const isLeaf = (result, n) => !result.nodes.some((k) => k.parent !== null && result.nodes[k.parent] === n);

/** `54.95650` → `54.9565%`; a rate `0.4737` → `47.37%`. */
const percent = (s) => `${trimmed(s)}%`;

let page;
let pageErrors;
let closeDemo;

before(async () => {
  ({ page, pageErrors, close: closeDemo } = await openDemoPage('targets.html'));
});

after(async () => {
  await closeDemo?.();
});

const text = async (sel) => (await page.textContent(sel))?.trim();
const treeCell = (id, col) => text(`#tree-rows tr[data-id="${id}"] [data-testid="${col}"]`);

test('the sample decomposition: the whole tree, amounts, shares and markers from one call', async () => {
  const result = decomposed();
  const all = nodes(result);
  const ids = await page.$$eval('#tree-rows tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(ids, all.map((n) => n.id));
  for (const n of all) {
    assert.equal(await treeCell(n.id, 'amount'), grouped(n.amount), n.id);
    assert.equal(await treeCell(n.id, 'share'), n.share === null ? '' : percent(n.share), n.id);
  }
  assert.equal(await text('[data-kpi="total"] dd'), '36,000,000');
  assert.equal(await text('[data-kpi="people"] dd'), String(all.filter((n) => isLeaf(result, n)).length));
  assert.match(await text('#dec-stat'), /^28 个节点 · [\d.]+ ms$/);
  const mark = (id) => page.$$eval(`#tree-rows tr[data-id="${id}"] [data-mark]`, (ms) => ms.map((m) => m.dataset.mark));
  assert.deepEqual(await mark('天津组'), ['locked']);
  assert.deepEqual(await mark('王芳'), ['max']);
  assert.deepEqual(await mark('刘洋'), ['hire']);
  assert.deepEqual(await mark('马超'), ['hire']);
  assert.deepEqual(await mark('吴俊'), ['leave']);
  assert.deepEqual(await mark('张伟'), []);
  assert.equal(node(result, '王芳').rule, 'max');
  // Collapsing a team hides its people; expanding shows them again.
  await page.click('#tree-rows tr[data-id="上海一组"] [data-toggle]');
  assert.equal(await page.locator('#tree-rows tr[data-id="张伟"]').count(), 0);
  await page.click('#tree-rows tr[data-id="上海一组"] [data-toggle]');
  assert.equal(await page.locator('#tree-rows tr[data-id="张伟"]').count(), 1);
});

test('top-down vs bottom-up: every commitment with its gap and coverage', async () => {
  const result = decomposed();
  const committed = nodes(result).filter((n) => n.commitment);
  const ids = await page.$$eval('#commit-rows tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(ids, committed.map((n) => n.id));
  for (const n of committed) {
    assert.equal(await text(`#commit-rows tr[data-id="${n.id}"] [data-testid="gap"]`), signed(n.commitment.gap), n.id);
    assert.equal(await text(`#commit-rows tr[data-id="${n.id}"] [data-testid="coverage"]`), percent(n.commitment.coverage), n.id);
  }
  assert.equal(node(result, '华辰科技').commitment.gap, '-3600000');
});

test('clicking a node explains it; English switches the explanation', async () => {
  const zh = node(decomposed('zh-CN'), '刘洋');
  const en = node(decomposed('en'), '刘洋');
  await page.click('#tree-rows tr[data-id="刘洋"]');
  await page.waitForFunction(() => document.querySelector('#node-title')?.textContent === '刘洋');
  assert.equal(await text('[data-testid="node-text"]'), zh.text);
  assert.match(zh.text, /新人爬坡/);
  assert.equal(await text('[data-testid="node-amount"]'), grouped(zh.amount));
  const months = await page.$$eval('#node-months .m-val', (els) => els.map((e) => e.textContent));
  assert.deepEqual(months, zh.months.map(grouped));
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text('[data-testid="node-text"]'), en.text);
  assert.match(en.text, /Ramp by month/);
  assert.match(await text('#dec-stat'), /^28 nodes · [\d.]+ ms$/);
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await text('[data-testid="node-text"]'), zh.text);
});

test('editing the company total re-decomposes at once; a bad total shows the engine error', async () => {
  const after = decomposed('zh-CN', (s) => {
    s.total = '40000000';
  });
  await page.fill('#total-input', '40000000');
  await page.waitForFunction(() => document.querySelector('[data-kpi="total"] dd')?.textContent === '40,000,000');
  for (const id of ['华东大区', '上海一组', '刘洋', '天津组']) assert.equal(await treeCell(id, 'amount'), grouped(node(after, id).amount), id);
  assert.equal(node(after, '天津组').amount, '2400000', 'the locked team keeps its amount');
  assert.equal(await text(`#commit-rows tr[data-id="华辰科技"] [data-testid="gap"]`), signed(node(after, '华辰科技').commitment.gap));

  await page.fill('#total-input', '40000050');
  await page.waitForSelector('[data-testid="dec-error"]:not([hidden])');
  assert.equal(await text('#dec-error-code'), 'NOT_MULTIPLE_OF_UNIT');
  assert.equal(await text('#dec-error-where'), '/total');
  assert.equal(await page.locator('#total-input.is-invalid').count(), 1);
  assert.match(await text('#dec-stat'), /上一次成功的结果/);

  await page.click('#dec-reset');
  await page.waitForSelector('[data-testid="dec-error"]', { state: 'hidden' });
  assert.equal(await page.inputValue('#total-input'), '36000000');
  assert.equal(await treeCell('华东大区', 'amount'), grouped(node(decomposed(), '华东大区').amount));
});

test('locking a node gives it exactly that amount; its siblings share the rest; unlocking restores', async () => {
  const locked = decomposed('zh-CN', (s) => {
    s.nodes.find((n) => n.id === '李娜').locked = '2000000';
  });
  await page.click('#tree-rows tr[data-id="李娜"]');
  await page.waitForFunction(() => document.querySelector('#node-title')?.textContent === '李娜');
  await page.fill('[data-testid="lock-input"]', '2000000');
  await page.waitForFunction(() => document.querySelector('#tree-rows tr[data-id="李娜"] [data-testid="amount"]')?.textContent === '2,000,000');
  assert.deepEqual(await page.$$eval('#tree-rows tr[data-id="李娜"] [data-mark]', (ms) => ms.map((m) => m.dataset.mark)), ['locked']);
  for (const id of ['张伟', '王芳', '刘洋']) assert.equal(await treeCell(id, 'amount'), grouped(node(locked, id).amount), id);
  assert.equal(await text('[data-testid="node-text"]'), node(locked, '李娜').text);
  assert.match(await text('#dec-edited-text'), /已修改 1 处/);

  await page.click('[data-testid="lock-clear"]');
  await page.waitForFunction(() => document.querySelector('#tree-rows tr[data-id="李娜"] [data-testid="amount"]')?.textContent !== '2,000,000');
  assert.equal(await treeCell('李娜', 'amount'), grouped(node(decomposed(), '李娜').amount));
  assert.equal(await page.isHidden('#dec-edited'), true);
});

test('the sample pacing: per rep and the team roll-up, as the engine computes them', async () => {
  const r = paced();
  const rows = await page.$$eval('#rep-rows tr[data-id]', (trs) => trs.map((tr) => tr.dataset.id));
  assert.deepEqual(rows, [...r.reps.map((x) => x.id), 'team']);
  for (const x of [...r.reps, { ...r.team, id: 'team' }]) {
    const cell = (col) => text(`#rep-rows tr[data-id="${x.id}"] [data-col="${col}"]`);
    const g = x.progress;
    assert.equal(await cell('target'), grouped(g.target), x.id);
    assert.equal(await cell('actual'), grouped(g.actual), x.id);
    assert.equal(await cell('expectedToDate'), grouped(g.expectedToDate), x.id);
    assert.equal(await cell('paceGap'), signed(g.paceGap), x.id);
    assert.equal(await cell('requiredDailyRate'), grouped(g.requiredDailyRate), x.id);
    assert.equal(await cell('runRateForecast'), grouped(g.runRateForecast), x.id);
    assert.equal(await cell('forecast'), grouped(x.pipeline.forecast), x.id);
    assert.equal(await cell('chance'), rate(x.chance.probability), x.id);
    assert.equal(await text(`#rep-rows tr[data-id="${x.id}"] [data-testid="attainment"]`), rate(g.attainment), x.id);
    assert.equal(await page.getAttribute(`#rep-rows tr[data-id="${x.id}"] [data-status]`, 'data-status'), g.status, x.id);
  }
  assert.equal(r.reps[1].chance.probability, '0.0203');
  assert.match(await text('#workdays'), /本期 19 个工作日：已过 9，剩余 10/);
  assert.equal(await text('[data-count="behind"]'), `落后 ${r.team.behind}`);
  assert.equal(await text('[data-kpi="chance"] dd'), rate(r.team.chance.probability));
  assert.match(await text('#pace-stat'), /^4 人 · [\d.]+ ms$/);
  // The first rep behind pace is open: the engine's sentences, the exact chance and the key deals.
  const lin = r.reps[1];
  assert.equal(lin.progress.status, 'behind');
  assert.deepEqual(await page.$$eval('#rep-text li', (lis) => lis.map((li) => li.textContent)), lin.text);
  assert.equal(await text('[data-testid="rep-chance"]'), '2.03%');
  assert.equal(await text('[data-testid="rep-chance-note"]'), '精确值 2.025%');
  assert.deepEqual(await page.$$eval('#key-deal-rows tr[data-id]', (trs) => trs.map((tr) => tr.dataset.id)), lin.chance.keyDeals.map((d) => d.id));
});

test('a deal’s win probability edited live; an out-of-range one shows the engine error', async () => {
  const edited = paced('zh-CN', (s) => {
    s.reps[1].deals.find((d) => d.id === 'D-2004').probability = '0.55';
  });
  const lin = edited.reps[1];
  await page.fill('[data-deal="D-2004"]', '55');
  await page.waitForFunction((want) => document.querySelector('#rep-rows tr[data-id="E1002"] [data-col="chance"]')?.textContent === want, rate(lin.chance.probability));
  assert.equal(await text('[data-testid="rep-chance"]'), rate(lin.chance.probability));
  assert.equal(await text('[data-testid="rep-chance-note"]'), `精确值 ${rate(lin.chance.exactProbability)}`);
  assert.equal(await text('#rep-rows tr[data-id="team"] [data-col="chance"]'), rate(edited.team.chance.probability));
  assert.equal(await text('#rep-rows tr[data-id="E1002"] [data-col="forecast"]'), grouped(lin.pipeline.forecast));
  assert.deepEqual(await page.$$eval('#rep-text li', (lis) => lis.map((li) => li.textContent)), lin.text);
  assert.equal(await page.locator('[data-row="D-2004"].is-changed').count(), 1);

  await page.fill('[data-deal="D-2004"]', '150');
  await page.waitForSelector('[data-testid="pace-error"]:not([hidden])');
  assert.equal(await text('#pace-error-code'), 'PROBABILITY_OUT_OF_RANGE');
  assert.equal(await text('#pace-error-where'), '/reps/1/deals/3/probability');
  assert.equal(await page.locator('[data-row="D-2004"].is-invalid').count(), 1);

  await page.click('#pace-reset');
  await page.waitForSelector('[data-testid="pace-error"]', { state: 'hidden' });
  assert.equal(await text('#rep-rows tr[data-id="E1002"] [data-col="chance"]'), '2.03%');
});

test('a rep’s actual edited live; the team row explains the roll-up in English', async () => {
  const edited = paced('zh-CN', (s) => {
    s.reps[3].actual = '80000.5';
  });
  await page.click('#rep-rows tr[data-id="E1004"]');
  await page.waitForFunction(() => document.querySelector('#rep-title')?.textContent.includes('E1004'));
  await page.fill('[data-actual="E1004"]', '80000.5');
  await page.waitForFunction((want) => document.querySelector('#rep-rows tr[data-id="E1004"] [data-col="actual"]')?.textContent === want, grouped(edited.reps[3].progress.actual));
  assert.equal(await text('#rep-rows tr[data-id="E1004"] [data-col="requiredDailyRate"]'), grouped(edited.reps[3].progress.requiredDailyRate));
  assert.equal(await text('#rep-rows tr[data-id="team"] [data-col="actual"]'), grouped(edited.team.progress.actual));
  await page.click('#pace-reset');

  const en = paced('en');
  await page.click('#rep-rows tr[data-id="team"]');
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const lines = await page.$$eval('#rep-text li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(lines.slice(0, en.team.text.length), en.team.text);
  assert.deepEqual(await page.$$eval('#key-deal-rows tr[data-id]', (trs) => trs.map((tr) => tr.dataset.id)), en.team.chance.keyDeals.map((d) => d.id));
  assert.match(await text('#workdays'), /19 working days: 9 elapsed, 10 remaining/);
  assert.equal(await text('[data-count="behind"]'), `behind ${en.team.behind}`);
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
});

test('the five pages link to each other, and nothing threw', async () => {
  await page.click('[data-testid="nav-team"]');
  await page.waitForURL((url) => url.pathname === '/');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('[data-testid="nav-targets"]');
  await page.waitForURL((url) => url.pathname === '/targets.html');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('[data-testid="nav-playground"]');
  await page.waitForURL((url) => url.pathname === '/formulas.html');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('[data-testid="nav-form"]');
  await page.waitForURL((url) => url.pathname === '/form.html');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('[data-testid="nav-admin"]');
  await page.waitForURL((url) => url.pathname === '/admin.html');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('[data-testid="nav-targets"]');
  await page.waitForURL((url) => url.pathname === '/targets.html');
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.locator('#tree-rows tr[data-id]').count(), 28);
  assert.deepEqual(pageErrors, []);
});
