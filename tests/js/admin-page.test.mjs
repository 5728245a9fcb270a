// The admin preview page (`/admin.html`), driven in headless Chromium as an admin would: edit the
// draft plan, use a one-click edit, break the draft, import a team from CSV, switch the language.
// Expected numbers come from the engine itself through the Node build of salescore/admin (the entry
// the page imports: Compare and plan.diagnostics()): both plans scored with `plan.evaluateTeam` on
// the same records, differences taken exactly by the engine's formulas.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { csvOf, draftText, money, openDemoPage, signedMoney as signed } from './demo-page.mjs';
import { xlsx } from './xlsx-file.mjs';
import { generateTeam } from '../../bench/lib/team.mjs';
import { Compare, Formula, Plan } from '../../pkg/admin/node.js';

const sample = (name) => readFileSync(new URL(`../../samples/team/${name}`, import.meta.url), 'utf8');
const baselineText = sample('plan.json');
const reps = JSON.parse(sample('reps.json'));
const june = reps.filter((r) => r.月份 === 6);

/** The engine's team result under a plan text, for some records. */
function teamOf(planText, records = june, options = {}) {
  const plan = Plan.compile(planText);
  try {
    return plan.evaluateTeam(records, options);
  } finally {
    plan.free();
  }
}

const minus = Formula.compile('b - a');
const plus = Formula.compile('a + b');
/** Σ, exactly. */
const sum = (xs) => xs.reduce((a, b) => plus.evaluate({ a: String(a), b: String(b) }), 0);
/** after − before, exactly (the engine's decimal arithmetic). */
const change = (a, b) => minus.evaluate({ a: String(a), b: String(b) });


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

/** What the admin sees at this step, kept to be looked at (`target/screenshots/admin-NAME.png`):
 *  the whole page, or the part `sel` selects. */
const screens = new URL('../../target/screenshots/', import.meta.url);
async function screenshot(name, sel) {
  mkdirSync(screens, { recursive: true });
  const path = fileURLToPath(new URL(`admin-${name}.png`, screens));
  if (sel) {
    await page.locator(sel).first().screenshot({ path });
    return;
  }
  // From the top (the sticky header would otherwise sit where the page was scrolled to).
  const y = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  await page.evaluate((top) => window.scrollTo(0, top), y);
}
const editorText = () => draftText(page);

/** Puts the editor's selection on `length` characters at `offset` (the typing is the keyboard's). */
async function select(offset, length) {
  await page.evaluate(async ([from, to]) => {
    const { EditorView } = await import('/vendor/editor.js');
    const view = EditorView.findFromDOM(document.querySelector('.cm-editor'));
    view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    view.focus();
  }, [offset, offset + length]);
}

const waitForText = (sel, expected) => page.waitForFunction(
  ([s, e]) => document.querySelector(s)?.textContent.trim() === e,
  [sel, expected],
);

/** Back to the baseline as the draft, the comparison caught up. */
async function resetDraft() {
  await page.click('[data-testid="reset-draft"]');
  await waitForText('[data-testid="cost-change"]', '0.00');
}

/** Clicks column `key`'s head until the table is sorted by it `direction` (the rows with it). */
async function sortTable(key, direction) {
  const sorted = () => page.$eval(`#rep-head [data-sort="${key}"]`, (b) => b.closest('th').getAttribute('aria-sort'));
  for (let i = 0; i < 2 && (await sorted()) !== direction; i++) {
    const was = await sorted();
    await page.click(`#rep-head [data-sort="${key}"]`);
    await page.waitForFunction(([k, w]) => document.querySelector(`#rep-head [data-sort="${k}"]`).closest('th').getAttribute('aria-sort') !== w, [key, was]);
  }
  assert.equal(await sorted(), direction);
}

/** Waits until the draft's team cost is `total` (the comparison has caught up with the text). */
const waitForDraftCost = (total, locale) => waitForText('[data-testid="cost-after"]', money(total, locale));

test('opens on the sample team in June with the sample plan as baseline and as the draft', async () => {
  const { team } = teamOf(baselineText);
  assert.equal(await page.getAttribute('#months [aria-checked="true"]', 'data-month'), '6');
  assert.equal(await text('[data-testid="cost-before"]'), money(team.incentive.total));
  assert.equal(await text('[data-testid="cost-after"]'), money(team.incentive.total));
  assert.equal(await text('[data-testid="cost-change"]'), '0.00');
  assert.equal(await page.locator('#rep-rows tr[data-index]').count(), 24);
  assert.equal(await text('#team-source'), '示例团队 · 24 人');
  assert.equal(await editorText(), baselineText);
  assert.match(await text('#run-stat'), /^24 人 · 重算 [\d.]+ ms$/);
});

test('typing a tier rate into the editor updates the cost and the rep table to the engine\'s numbers', async () => {
  const at = baselineText.indexOf('"rate": 0.08') + '"rate": '.length; // the 服务 rule's flat rate
  await select(at, 4);
  await page.keyboard.type('0.1');
  const draftText = `${baselineText.slice(0, at)}0.1${baselineText.slice(at + 4)}`;
  assert.equal(await editorText(), draftText);

  const base = teamOf(baselineText);
  const draft = teamOf(draftText);
  await waitForDraftCost(draft.team.incentive.total);
  assert.equal(await text('[data-testid="cost-before"]'), money(base.team.incentive.total));
  assert.equal(await text('[data-testid="cost-change"]'), signed(change(base.team.incentive.total, draft.team.incentive.total)));
  const commission = (t) => t.team.incentive.components.find((c) => c.id === '提成').amount;
  assert.equal(await text('#by-component [data-component="提成"] td:nth-of-type(2)'), money(commission(draft)));

  for (const m of draft.team.members) {
    const row = `#rep-rows tr[data-id="${m.id}"]`;
    const was = base.team.members.find((x) => x.id === m.id);
    assert.equal(await text(`${row} [data-testid="before"]`), money(was.payout), m.id);
    assert.equal(await text(`${row} [data-testid="after"]`), money(m.payout), m.id);
    assert.equal(await text(`${row} [data-testid="change"]`), signed(change(was.payout, m.payout)), m.id);
  }
  // Sorted by change, largest first: the first row gains most.
  const gains = draft.team.members.map((m) => ({ id: m.id, c: change(base.team.members.find((x) => x.id === m.id).payout, m.payout) }));
  const top = gains.reduce((a, b) => (b.c > a.c ? b : a));
  assert.equal(await page.getAttribute('#rep-rows tr:first-child', 'data-id'), top.id);
  assert.ok(top.c > 0);
});

test('a one-click edit moves the gate; the reps it drops below the gate show the crossing', async () => {
  await resetDraft();
  const label = await text('[data-testid="edit-gate"]');
  assert.equal(label, '门槛：目标奖金 达成 60% → 80%');
  await page.click('[data-testid="edit-gate"]');

  const draftText = baselineText.replace('"gate": 60', '"gate": 80');
  assert.equal(await editorText(), draftText);
  const base = teamOf(baselineText, june, { explain: true });
  const draft = teamOf(draftText, june, { explain: true });
  await waitForDraftCost(draft.team.incentive.total);

  const gatePassed = (result) => result.incentive.statement.lines.find((l) => l.kind === 'curve')?.gatePassed;
  const dropped = june.map((r, i) => i).filter((i) => gatePassed(base.results[i]) && !gatePassed(draft.results[i]));
  assert.ok(dropped.length > 0, 'the sample has reps between 60% and 80%');
  for (const i of dropped) {
    const row = page.locator(`#rep-rows tr[data-index="${i}"]`);
    assert.equal(await row.locator('.cross[data-kind="gate"][data-direction="down"]').count(), 1, june[i].工号);
    const was = base.team.members.find((m) => m.index === i).payout;
    const now = draft.team.members.find((m) => m.index === i).payout;
    assert.equal((await row.locator('[data-testid="change"]').textContent()).trim(), signed(change(was, now)));
  }
  assert.equal(await text('[data-testid="cost-change"]'), signed(change(base.team.incentive.total, draft.team.incentive.total)));

  // Sensitivity: the row "as is" is the comparison itself.
  await page.waitForSelector('#sensitivity tr[data-factor="0"]');
  assert.deepEqual(
    await page.$$eval('#sensitivity tr[data-factor="0"] td', (tds) => tds.slice(0, 2).map((td) => td.textContent.trim())),
    [money(base.team.incentive.total), money(draft.team.incentive.total)],
  );
  // The threshold flags the reps whose pay moves by at least that much.
  await page.fill('[data-testid="threshold-amount"]', '3000');
  await page.fill('[data-testid="threshold-percent"]', '');
  const moved = draft.team.members.filter((m) => Math.abs(change(base.team.members.find((x) => x.id === m.id).payout, m.payout)) >= 3000);
  await waitForText('[data-list="over"] .muted', String(moved.length));
  assert.deepEqual((await page.$$eval('#rep-rows tr.is-over', (rows) => rows.map((r) => r.dataset.id))).sort(), moved.map((m) => m.id).sort());
  await page.fill('[data-testid="threshold-amount"]', '1000');
  await page.fill('[data-testid="threshold-percent"]', '10');
  const flagged = draft.team.members.filter((m) => {
    const was = base.team.members.find((x) => x.id === m.id).payout;
    const c = change(was, m.payout);
    return Math.abs(c) >= 1000 || (was !== 0 && Math.abs((c / was) * 100) >= 10);
  });
  await waitForText('#threshold-sub', '阈值：1,000 元或 10%');
  await waitForText('[data-list="over"] .muted', String(flagged.length));
});

test('a draft that does not compile shows its error at its line; the last comparison stays; nothing typed is lost', async () => {
  const good = await text('[data-testid="cost-after"]');
  const rowsBefore = await page.locator('#rep-rows').innerHTML();
  const current = await editorText();
  // Delete the closing parenthesis of the first metric's formula.
  const formula = 'DIVIDE(销售额, 销售目标)';
  const at = current.indexOf(formula) + formula.length - 1;
  await select(at, 1);
  await page.keyboard.press('Backspace');
  const broken = `${current.slice(0, at)}${current.slice(at + 1)}`;
  assert.equal(await editorText(), broken);

  let expected;
  try {
    Plan.compile(broken);
  } catch (e) {
    expected = e;
  }
  assert.equal(expected.code, 'UNEXPECTED_END');
  await page.waitForSelector('[data-testid="draft-error"]:not([hidden])');
  assert.equal(await text('[data-testid="draft-error-code"]'), expected.code);
  assert.equal(await text('[data-testid="draft-error-message"]'), expected.messages['zh-CN']);
  const line = broken.slice(0, broken.indexOf('DIVIDE(销售额, 销售目标')).split('\n').length;
  assert.equal(await page.getAttribute('[data-testid="draft-error-where"]', 'data-line'), String(line));
  assert.match(await text('[data-testid="draft-error-where"]'), new RegExp(`/metrics/0/formula · L${line}$`));
  // The mark in the editor sits on that line, at the end of the formula.
  await page.waitForSelector('.cm-lintRange-error');
  assert.match(await page.$eval('.cm-lintRange-error', (el) => el.closest('.cm-line').textContent), /"formula": "DIVIDE\(销售额, 销售目标"/);

  assert.equal(await text('[data-testid="cost-after"]'), good);
  assert.equal(await page.locator('#rep-rows').innerHTML(), rowsBefore);
  assert.equal(await text('#run-stat'), '草稿有误 · 显示的是上一次成功的对比');

  // Another month while the draft is broken: the last draft that compiled is compared there.
  const may = reps.filter((r) => r.月份 === 5);
  await page.click('#months [data-month="5"]');
  await waitForText('[data-testid="cost-before"]', money(teamOf(baselineText, may).team.incentive.total));
  assert.equal(await text('[data-testid="cost-after"]'), money(teamOf(current, may).team.incentive.total));
  assert.equal(await text('[data-testid="draft-error-code"]'), expected.code);
  await page.click('#months [data-month="6"]');
  await waitForText('[data-testid="cost-after"]', good);
  assert.equal(await editorText(), broken);

  await select(at, 0);
  await page.keyboard.type(')');
  await page.waitForSelector('[data-testid="draft-error"]', { state: 'hidden' });
  assert.equal(await editorText(), current);
  assert.equal(await page.locator('.cm-lintRange-error').count(), 0);
  assert.equal(await text('[data-testid="cost-after"]'), good);
});

test('an unknown key is marked where it is, and the engine\'s suggestion fixes it in one click', async () => {
  const current = await editorText();
  const at = current.indexOf('"gate": 80') + 1;
  await select(at, 4);
  await page.keyboard.type('gte');
  await page.waitForSelector('[data-testid="draft-error"]:not([hidden])');
  assert.equal(await text('[data-testid="draft-error-code"]'), 'UNKNOWN_KEY');
  await page.waitForSelector('.cm-lintRange-error');
  assert.equal(await page.$eval('.cm-lintRange-error', (el) => el.textContent), '"gte"');
  assert.equal(await text('[data-testid="draft-error-fix"]'), '改为 gate');
  await page.click('[data-testid="draft-error-fix"]');
  await page.waitForSelector('[data-testid="draft-error"]', { state: 'hidden' });
  assert.equal(await editorText(), current);
});

test('JSON that does not parse is worded in the page\'s language, and the last comparison stays', async () => {
  const current = await editorText();
  const good = await text('[data-testid="cost-after"]');
  const at = current.indexOf(',', current.indexOf('"gate": ')); // the comma after the gate
  await select(at, 1);
  await page.keyboard.press('Delete');
  await page.waitForSelector('[data-testid="draft-error"]:not([hidden])');
  assert.equal(await text('[data-testid="draft-error-code"]'), 'INVALID_PLAN');
  assert.equal(await text('[data-testid="draft-error-message"]'), '计划文档无法读取：JSON 语法错误：此处应为 “,” 或 “}”');
  assert.equal(await text('[data-testid="cost-after"]'), good);
  await page.keyboard.type(',');
  await page.waitForSelector('[data-testid="draft-error"]', { state: 'hidden' });
  assert.equal(await editorText(), current);
});

test('completion offers the keys the plan schema allows at the cursor, less those already there', async () => {
  const current = await editorText();
  // After the last key of the target bonus's curve.
  const eol = current.indexOf('\n', current.indexOf('"cap": ', current.indexOf('"gate": ')));
  await select(eol, 0);
  await page.keyboard.type(',\n"ca');
  await page.waitForSelector('.cm-tooltip-autocomplete li');
  const options = await page.$$eval('.cm-tooltip-autocomplete li', (els) => els.map((e) => (e.querySelector('.cm-completionLabel') ?? e).textContent.replace(/"/g, '')));
  // The curve has gate, points, slopeAbove and cap: capAttainment is the one key left.
  assert.deepEqual(options.filter((o) => ['cap', 'capAttainment', 'gate', 'points', 'slopeAbove'].includes(o)), ['capAttainment']);
  await page.keyboard.press('Escape');
  const restore = () => page.evaluate(async (text) => {
    const { EditorView } = await import('/vendor/editor.js');
    const view = EditorView.findFromDOM(document.querySelector('.cm-editor'));
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }, current);
  await restore();
  // Typed before the other keys (after the curve's first line), the same: the keys after the
  // half-typed one count as present too.
  await select(current.indexOf('\n', current.indexOf('"gate": ')), 0);
  await page.keyboard.type('\n"ca');
  await page.waitForSelector('.cm-tooltip-autocomplete li');
  const before = await page.$$eval('.cm-tooltip-autocomplete li', (els) => els.map((e) => (e.querySelector('.cm-completionLabel') ?? e).textContent.replace(/"/g, '')));
  assert.deepEqual(before.filter((o) => ['cap', 'capAttainment', 'gate', 'points', 'slopeAbove'].includes(o)), ['capAttainment']);
  await page.keyboard.press('Escape');
  await restore();
  await page.waitForSelector('[data-testid="draft-error"]', { state: 'hidden' });
  assert.equal(await editorText(), current);
});

test('a draft that fails for some reps lists them with the engine\'s error and still compares the others', async () => {
  const current = await editorText();
  const was = 'DIVIDE(销售额, 合同数)';
  const now = '销售额 / (合同数 - 4)'; // divides by zero for the reps with four contracts
  const at = current.indexOf(was);
  await select(at, was.length);
  await page.keyboard.type(now);
  await page.keyboard.press('Escape'); // the completion list
  const draftText = `${current.slice(0, at)}${now}${current.slice(at + was.length)}`;
  assert.equal(await editorText(), draftText);

  const base = teamOf(baselineText);
  const draft = teamOf(draftText);
  const failed = draft.errors.map((e) => e.index);
  assert.ok(failed.length > 0 && draft.errors.every((e) => e.error.code === 'DIV_BY_ZERO' && e.error.path === '/metrics/2/formula'));
  await page.waitForSelector('[data-testid="failures"] li');
  assert.deepEqual(await page.$$eval('[data-testid="failures"] li', (els) => els.map((e) => Number(e.dataset.index))), failed);
  assert.match(await text('[data-testid="failures"] li'), /DIV_BY_ZERO \/metrics\/2\/formula/);
  // Like for like: the reps both plans compute.
  const compared = base.team.members.filter((m) => !failed.includes(m.index));
  await waitForDraftCost(draft.team.incentive.total);
  assert.equal(await text('[data-testid="cost-before"]'), money(sum(compared.map((m) => m.payout))));
  assert.equal(await page.locator('#rep-rows tr.is-failed').count(), failed.length);
  // The formula that fails is marked in the editor, saying for how many reps.
  await page.waitForSelector('.cm-lintRange-error');
  assert.match(await page.$eval('.cm-lintRange-error', (el) => el.closest('.cm-line').textContent), /"formula": "销售额 \/ \(合同数 - 4\)"/);

  await select(at, now.length);
  await page.keyboard.type(was);
  await page.keyboard.press('Escape');
  assert.equal(await editorText(), current);
  await waitForDraftCost(teamOf(current).team.incentive.total);
  assert.equal(await page.locator('[data-testid="failures"] li').count(), 0);
});

test('a warning of the draft appears at its line and in the list', async () => {
  const current = await editorText();
  const at = current.indexOf('"rate": 0.05 }') + '"rate": '.length; // the 标准 rule's top rate
  await select(at, 4);
  await page.keyboard.type('0.5'); // ten times its neighbours: a likely typo
  const draftText = `${current.slice(0, at)}0.5${current.slice(at + 4)}`;
  const plan = Plan.compile(draftText);
  const expected = plan.diagnostics({ locale: 'zh-CN' });
  plan.free();
  const outlier = expected.find((d) => d.code === 'RATE_OUTLIER');
  assert.ok(outlier, JSON.stringify(expected));
  await page.waitForSelector('#diag-list [data-code="RATE_OUTLIER"]');
  assert.deepEqual(await page.$$eval('#diag-list [data-code]', (els) => els.map((e) => e.dataset.code)), expected.map((d) => d.code));
  assert.ok((await text('#diag-list [data-code="RATE_OUTLIER"]')).includes(outlier.message));
  const line = draftText.slice(0, at).split('\n').length;
  assert.equal(await text('#diag-list [data-code="RATE_OUTLIER"] .diag-where'), `L${line}`);
  const marked = await page.$$eval('.cm-lintRange-warning', (els) => els.map((el) => el.closest('.cm-line')?.textContent ?? ''));
  assert.ok(marked.some((l) => l.includes('"rate": 0.5 }')), marked.join('\n'));
  await screenshot('diagnostic');
  // Undo puts the rate back; its warning goes.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('#diag-list [data-code="RATE_OUTLIER"]'));
  assert.equal(await editorText(), current);
});

test('the table sorts and opens a rep\'s statements from the keyboard, changed lines highlighted', async () => {
  await page.focus('#rep-head [data-sort="id"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#rep-head [data-sort="id"]').closest('th').getAttribute('aria-sort') === 'ascending');
  const ids = await page.$$eval('#rep-rows tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(ids, [...ids].sort());

  const draftText = await editorText();
  const base = teamOf(baselineText, june, { explain: true });
  const draft = teamOf(draftText, june, { explain: true });
  const i = june.findIndex((r) => r.工号 === ids[0]);
  await page.focus(`#rep-rows tr[data-index="${i}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="statement-table"]');
  const totals = await page.$$eval('[data-testid="statement-total"]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(totals, [money(base.results[i].incentive.statement.total), money(draft.results[i].incentive.statement.total)]);
  const firstLine = base.results[i].incentive.statement.lines[0].text;
  assert.equal(await text('[data-testid="statement-table"] tbody tr:first-child .stmt-text'), firstLine);
});

test('the comparison exports as CSV with the engine\'s numbers', async () => {
  const draftText = await editorText();
  const base = teamOf(baselineText);
  const draft = teamOf(draftText);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  assert.equal(download.suggestedFilename(), 'salescore-comparison-m6.csv');
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  // Four tables, a blank line between: the reps, the groups, the components, the grades.
  const [repTable, groups, components, grades] = csv.trim().split(/\r?\n\r?\n/).map((t) => t.split(/\r?\n/).map((line) => line.split(',')));
  const [head, ...rows] = repTable;
  assert.deepEqual(head.slice(0, 3), ['工号', '姓名', '小组']);
  const col = (name) => head.indexOf(name);
  assert.equal(rows.length, 25); // 24 reps and the total
  for (const m of draft.team.members) {
    const row = rows.find((r) => r[0] === m.id);
    const was = base.team.members.find((x) => x.id === m.id);
    assert.equal(Number(row[col('基线收入')]), was.payout, m.id);
    assert.equal(Number(row[col('草稿收入')]), m.payout, m.id);
    assert.equal(Number(row[col('变化')]), change(was.payout, m.payout), m.id);
  }
  const total = rows[rows.length - 1];
  assert.equal(Number(total[col('草稿收入')]), draft.team.incentive.total);
  // The team's tables are the engine's comparison of the same records.
  const session = Compare.open(JSON.parse(baselineText), june);
  session.setDraft(draftText);
  const c = session.comparison({ reps: false }, { numbers: 'string' });
  session.free();
  const cells = (...xs) => xs.map((x) => x ?? '');
  assert.deepEqual(groups, [['小组', '基线', '草稿', '变化', '变化率 %'], ...c.groups.map((g) => cells(g.group, g.cost.before, g.cost.after, g.cost.change, g.cost.percent))]);
  assert.deepEqual(components, [['激励项', '基线', '草稿', '变化', '变化率 %'], ...c.components.map((k) => cells(k.id, k.before ?? '0', k.after ?? '0', k.change, k.percent))]);
  assert.deepEqual(grades, [['等级', '基线', '草稿'], ...c.grades.map((g) => [g.grade, String(g.before), String(g.after)])]);
});

test('CSV import: columns map to fields, a bad row shows its error, the rest is compared', async () => {
  const fields = JSON.parse(baselineText).fields.map((f) => f.id);
  const columns = [...fields, '订单'];
  const chosen = june.slice(0, 5);
  const csv = csvOf(columns, chosen, (r, c, i) => (i === 2 && c === '回款额' ? '九万' : r[c]));

  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="row-error"]');
  // What the page hands the engine: every cell as text, booleans parsed, the orders as JSON.
  const records = chosen.map((r, i) => Object.fromEntries(columns.filter((c) => r[c] != null).map((c) => {
    const v = i === 2 && c === '回款额' ? '九万' : r[c];
    return [c, typeof v === 'number' ? String(v) : v];
  })));
  const plan = Plan.compile(baselineText);
  const { errors } = plan.evaluateMany(records);
  plan.free();
  assert.deepEqual(errors.map((e) => e.index), [2]);
  const item = await text('[data-testid="row-error"]');
  assert.match(item, /^第 4 行/); // the header is row 1
  assert.ok(item.includes(errors[0].error.code) && item.includes(errors[0].error.path) && item.includes(errors[0].error.messages['zh-CN']), item);
  assert.equal(await page.locator('#import-preview tr.is-bad[data-row="2"] .bad-cell').count(), 1);
  assert.equal(await page.locator('#mapping select[data-field="回款额"]').inputValue(), String(columns.indexOf('回款额')));

  await page.click('[data-testid="import-apply"]');
  await waitForText('#team-source', 'team.csv · 5 人');
  const good = records.filter((_, i) => i !== 2);
  const base = teamOf(baselineText, records);
  await waitForText('[data-testid="cost-before"]', money(base.team.incentive.total));
  assert.equal(base.results[2], null);
  assert.equal(await page.locator('#rep-rows tr[data-index]').count(), 5);
  assert.match(await text('[data-testid="failures"]'), new RegExp(`${errors[0].error.code}.*${errors[0].error.path}`));
  assert.equal(await page.locator('#rep-rows tr.is-failed').count(), 1);
  assert.ok(good.length === 4 && (await page.locator('#month-group').isHidden()));

  await page.click('[data-testid="use-sample"]');
  await waitForText('#team-source', '示例团队 · 24 人');
});

test('CSV import with a column the plan does not name: its field stays unmapped and each row shows the engine\'s error for it; a file without rows says so', async () => {
  const fields = JSON.parse(baselineText).fields.map((f) => f.id);
  const columns = fields.map((c) => (c === '销售额' ? 'Revenue' : c));
  const chosen = june.slice(0, 3);
  const csv = [columns.join(','), ...chosen.map((r) => fields.map((c) => (r[c] == null ? '' : String(r[c]))).join(','))].join('\n');
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'renamed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="row-error"]');
  assert.equal(await page.locator('#mapping select[data-field="销售额"]').inputValue(), '');
  // What the page hands the engine: the mapped cells as text, booleans parsed; no 销售额.
  const records = chosen.map((r) => Object.fromEntries(fields.filter((c) => c !== '销售额' && r[c] != null)
    .map((c) => [c, typeof r[c] === 'number' ? String(r[c]) : r[c]])));
  const plan = Plan.compile(baselineText);
  const { errors } = plan.evaluateMany(records);
  plan.free();
  assert.deepEqual(errors.map((e) => [e.index, e.error.code]), [[0, 'MISSING_FIELD'], [1, 'MISSING_FIELD'], [2, 'MISSING_FIELD']]);
  const items = await page.$$eval('[data-testid="row-error"]', (els) => els.map((e) => e.textContent));
  assert.equal(items.length, 3);
  for (const [k, item] of items.entries()) {
    assert.ok(item.includes(errors[k].error.code) && item.includes(errors[k].error.path) && item.includes('销售额'), item);
  }
  // A file with its header alone has no rows to use.
  await page.setInputFiles('[data-testid="import-file"]', { name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from(columns.join(',')) });
  // Coded, where the admin is looking: EMPTY_TEAM, as the engine names a team without records.
  await waitForText('#import-status', 'EMPTY_TEAM header.csv 中没有数据行');
  assert.ok(await page.locator('#import-apply').isDisabled());
  // A file that cannot be read at all (not a workbook) is coded too, with the reader's words.
  await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip file') });
  await page.waitForFunction(() => document.querySelector('#import-status')?.textContent.startsWith('FILE_UNREADABLE 无法读取 broken.xlsx：'));
  assert.equal(await page.locator('#import-status .error-code').textContent(), 'FILE_UNREADABLE');
  assert.ok(await page.locator('#import-apply').isDisabled());
  await page.click('#import-dialog button[value="cancel"].ghost-button');
  await waitForText('#team-source', '示例团队 · 24 人');
});

test('CSV import of malformed rows: a stray quote, a quoted cell never closed and a cell past the header each show CSV_ROW at their row and are left out', async () => {
  const fields = JSON.parse(baselineText).fields.map((f) => f.id);
  const chosen = june.slice(0, 5);
  const line = (r) => fields.map((c) => (r[c] == null ? '' : String(r[c]))).join(',');
  const lines = chosen.map(line);
  lines[1] = `${lines[1]},extra`; // a filled cell past the header
  lines[2] = `"${chosen[2][fields[0]]}"x",${lines[2].split(',').slice(1).join(',')}`; // a quote not doubled
  lines[4] = `"${lines[4]}`; // never closed: the rest of the file is one cell
  const csv = [fields.join(','), lines[0], lines[1], '', lines[2], lines[3], lines[4]].join('\n');
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('#import-errors .warn-line')?.textContent.endsWith('3 行 CSV 格式错误，不会导入'));
  const items = await page.$$eval('[data-testid="row-error"]', (els) => els.map((e) => [e.dataset.row, e.textContent.trim()]));
  assert.deepEqual(items.map(([row]) => row), ['1', '2', '4']);
  // Row numbers are the file's (the header is row 1, the empty row counts).
  assert.match(items[0][1], new RegExp(`^第 3 行\\s*CSV_ROW /1\\s*这一行有 ${fields.length + 1} 个单元格，表头只有 ${fields.length} 列`));
  assert.match(items[1][1], /^第 5 行\s*CSV_ROW \/2\s*引号内的单元格中有未成对的引号/);
  assert.match(items[2][1], /^第 7 行\s*CSV_ROW \/4\s*引号内的单元格没有闭合/);
  assert.equal(await page.locator('#import-preview tr.is-bad').count(), 3);

  // A file whose every row is malformed has nothing to import: the dialog stays, its mapping too.
  const allBad = [fields.join(','), lines[1], lines[2]].join('\n');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'all-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(allBad) });
  await page.waitForFunction(() => document.querySelector('#import-errors .warn-line')?.textContent === '2 行 CSV 格式错误，不会导入');
  assert.ok(await page.locator('#import-apply').isDisabled());
  await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('#import-errors .warn-line')?.textContent.endsWith('3 行 CSV 格式错误，不会导入'));

  // Applied: the two well-formed rows only, compared as the engine computes them.
  await page.click('[data-testid="import-apply"]');
  await waitForText('#team-source', 'broken.csv · 2 人');
  const records = [chosen[0], chosen[3]].map((r) => Object.fromEntries(fields.filter((c) => r[c] != null)
    .map((c) => [c, typeof r[c] === 'number' ? String(r[c]) : r[c]])));
  const base = teamOf(baselineText, records);
  await waitForText('[data-testid="cost-before"]', money(base.team.incentive.total));
  assert.equal(await page.locator('#rep-rows tr[data-index]').count(), 2);

  await page.click('[data-testid="use-sample"]');
  await waitForText('#team-source', '示例团队 · 24 人');
});

test('the page writes the engine\'s decimal strings digit for digit, past what a float holds', async () => {
  const shown = await page.evaluate(async () => {
    const { money, signedMoney, plain } = await import('/admin/i18n.js');
    return [money('98765432109876543.21'), signedMoney('12345678901234567.89'), money('-0.07'), plain('123456789012.3456')];
  });
  assert.deepEqual(shown, ['98,765,432,109,876,543.21', '+12,345,678,901,234,567.89', '-0.07', '123,456,789,012.3456']);
});

test('Excel import: numbers, booleans and text cells as the sheet has them; a bad cell shows its row', async () => {
  const fields = JSON.parse(baselineText).fields;
  const columns = [...fields.map((f) => f.id), '订单'];
  const march = reps.filter((r) => r.月份 === 3).slice(0, 6);
  const bad = (i, c) => i === 1 && c === '销售目标';
  const sheet = [columns, ...march.map((r, i) => columns.map((c) => (c === '订单' ? JSON.stringify(r[c]) : bad(i, c) ? '十万' : r[c])))];
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'march.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx(sheet) });
  await page.waitForSelector('[data-testid="row-error"]');
  // The engine gets numbers and booleans as the sheet holds them, text fields as text.
  const records = march.map((r, i) => Object.fromEntries(columns.filter((c) => r[c] != null).map((c) => [c, bad(i, c) ? '十万' : r[c]])));
  const plan = Plan.compile(baselineText);
  const { errors } = plan.evaluateMany(records);
  plan.free();
  assert.deepEqual(errors.map((e) => [e.index, e.error.code, e.error.path]), [[1, 'INVALID_VALUE', '/1/销售目标']]);
  assert.equal(await page.locator('[data-testid="row-error"]').count(), 1);
  const item = await text('[data-testid="row-error"]');
  assert.ok(item.startsWith('第 3 行') && item.includes('/1/销售目标') && item.includes(errors[0].error.messages['zh-CN']), item);

  await page.click('[data-testid="import-apply"]');
  await waitForText('#team-source', 'march.xlsx · 6 人');
  const { team } = teamOf(baselineText, records);
  await waitForText('[data-testid="cost-before"]', money(team.incentive.total));
  assert.equal(await page.locator('#rep-rows tr.is-failed').count(), 1);
  await page.click('[data-testid="use-sample"]');
  await waitForText('#team-source', '示例团队 · 24 人');
});

test('English: the page, the engine\'s statements and the numbers switch with the language', async () => {
  const draft = teamOf(await editorText(), june, { explain: true, locale: 'en' });
  const base = teamOf(baselineText, june, { explain: true, locale: 'en' });
  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await waitForDraftCost(draft.team.incentive.total, 'en');
  assert.equal(await text('#cost-title'), 'Team incentive cost');
  assert.equal(await text('[data-kpi="before"] dt'), 'Baseline');
  assert.match(await text('#run-stat'), /^24 reps · recomputed in [\d.]+ ms$/);
  assert.equal(await text('[data-testid="edit-gate"]'), 'Gate: 目标奖金 at 80% → 100%');

  await page.click('#rep-rows tr[data-index="0"]');
  await page.waitForFunction((t) => document.querySelector('[data-testid="statement-table"] tbody tr:first-child .stmt-text')?.textContent.trim() === t, base.results[0].incentive.statement.lines[0].text);

  await page.click('#locale');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await text('#cost-title'), '团队激励成本');
  assert.deepEqual(pageErrors, []);
});

test('a one-click reweighting rescores the team: grades, the grade chart and a rep\'s changed statement lines are the engine\'s', async () => {
  await resetDraft();
  await page.click('[data-testid="edit-weights"]');
  const draftText = await editorText();
  assert.notEqual(draftText, baselineText);
  const base = teamOf(baselineText, june, { explain: true });
  const draft = teamOf(draftText, june, { explain: true });
  // The pools share as much as before (the cost may stay): the rows have caught up when the
  // first rep whose score moved shows it.
  const member = (t, i) => t.team.members.find((m) => m.index === i);
  const first = june.findIndex((_, i) => member(base, i).total !== member(draft, i).total);
  assert.ok(first >= 0, 'the reweighting moves scores');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('→'), `#rep-rows tr[data-index="${first}"] [data-testid="score"]`);
  await waitForDraftCost(draft.team.incentive.total);

  // Each rep's score and grade cells: one value, or the baseline's → the draft's.
  for (const [i, r] of june.entries()) {
    const [b, a] = [member(base, i), member(draft, i)];
    const row = `#rep-rows tr[data-index="${i}"]`;
    assert.equal((await text(`${row} [data-testid="score"]`)).includes('→'), b.total !== a.total, r.工号);
    assert.equal(await text(`${row} [data-testid="grade"]`), b.grade === a.grade ? b.grade : `${b.grade}→${a.grade}`, r.工号);
  }
  // The grade chart: reps per grade under each plan, in the scorecard's order.
  const grades = JSON.parse(baselineText).scorecard.grades.map((g) => g.grade);
  const count = (t, g, key = 'grade') => t.team.members.filter((m) => m[key] === g).length;
  const pairs = (key) => grades.map((g) => `${g}: ${count(base, g, key)} → ${count(draft, g, key)}`).join('; ');
  // Then the forced distribution's grades (the sample plan has one), under the same grades.
  const label = `${pairs('grade')} | 强制分布: ${pairs('forcedGrade')}`;
  await page.waitForFunction((l) => document.querySelector('#grades-chart')?.getAttribute('aria-label') === l, label);

  // A rep whose pay moved: exactly the lines whose amount or text changed, or that one side
  // alone has, are highlighted (lines matched by component, kind, rule, transaction and tier).
  const i = june.findIndex((r, k) => base.results[k].incentive.statement.total !== draft.results[k].incentive.statement.total);
  assert.ok(i >= 0);
  const key = (l) => [l.component, l.kind, l.name ?? '', l.transaction ?? '', l.tier ?? ''].join('|');
  const keyed = (lines) => {
    const seen = new Map();
    return new Map(lines.map((l) => {
      const n = seen.get(key(l)) ?? 0;
      seen.set(key(l), n + 1);
      return [`${key(l)}#${n}`, l];
    }));
  };
  const [lb, la] = [keyed(base.results[i].incentive.statement.lines), keyed(draft.results[i].incentive.statement.lines)];
  const changed = [...new Set([...lb.keys(), ...la.keys()])]
    .filter((k) => !lb.has(k) || !la.has(k) || lb.get(k).amount !== la.get(k).amount || lb.get(k).text !== la.get(k).text)
    .sort();
  assert.ok(changed.length > 0);
  await page.focus(`#rep-rows tr[data-index="${i}"]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('#detail-sub')?.textContent.includes(id), june[i].工号);
  await page.waitForSelector('[data-testid="statement-table"]');
  const shown = await page.$$eval('[data-testid="statement-table"] tbody tr.is-changed', (rows) => rows.map((r) => r.dataset.key).sort());
  assert.deepEqual(shown, changed);
  const plainRows = await page.$$eval('[data-testid="statement-table"] tbody tr[data-key]:not(.is-changed)', (rows) => rows.map((r) => r.dataset.key));
  assert.ok(plainRows.every((k) => lb.has(k) && la.has(k) && lb.get(k).amount === la.get(k).amount));
  await screenshot('reweighted');
  await screenshot('statements', '#rep-detail');
  assert.deepEqual(pageErrors, []);
});

test('the payout curves take the attainment range the admin sets; a range that is not one is marked and left', async () => {
  const label = () => page.getAttribute('#curves-chart', 'aria-label');
  const draftText = await editorText();
  const selected = await page.$eval('#rep-rows tr[aria-current="true"]', (el) => Number(el.dataset.index)).catch(() => undefined);
  // What the engine draws for the same rep (the one open, else the typical rep), ending at 150%.
  const session = Compare.open(JSON.parse(baselineText), june);
  session.setDraft(JSON.parse(draftText));
  const curves = session.curves({ from: 50, to: 150, step: 5, ...(selected === undefined ? {} : { rep: selected }) });
  session.free();
  const whole = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
  const end = (side) => whole.format(Number(side.points.at(-1).payout));
  assert.equal(Number(curves.baseline.points.at(-1).attainment), 150);
  const expected = `达成率 150%: 基线 ${end(curves.baseline)}, 草稿 ${end(curves.draft)}`;

  await page.fill('[data-testid="curve-from"]', '50');
  await page.fill('[data-testid="curve-to"]', '150');
  await page.waitForFunction(([l]) => document.querySelector('#curves-chart').getAttribute('aria-label') === l, [expected]);
  // 150% to 120% is no range: marked, and the chart stays.
  await page.fill('[data-testid="curve-to"]', '120');
  await page.fill('[data-testid="curve-from"]', '130');
  await page.waitForFunction(() => document.querySelector('[data-testid="curve-from"]').getAttribute('aria-invalid') === 'true');
  assert.equal(await page.getAttribute('[data-testid="curve-to"]', 'aria-invalid'), 'true');
  assert.equal(await label(), expected);
  await page.fill('[data-testid="curve-from"]', '0');
  await page.fill('[data-testid="curve-to"]', '200');
  await page.waitForFunction(() => /^达成率 200%:/.test(document.querySelector('#curves-chart').getAttribute('aria-label')));
  assert.equal(await page.getAttribute('[data-testid="curve-from"]', 'aria-invalid'), 'false');
  assert.deepEqual(pageErrors, []);
});

test('a rep that fails on both sides for two reasons lists each side\'s own error', async () => {
  await resetDraft();
  // E1001 (four contracts) with an order amount the engine cannot read: the baseline fails on
  // the order; the draft, dividing by 合同数 − 4, fails first on its metric.
  const fields = JSON.parse(baselineText).fields.map((f) => f.id);
  const columns = [...fields, '订单'];
  const chosen = june.slice(0, 3).map((r, i) => (i === 0 ? { ...r, 订单: r.订单.map((o, k) => (k === 0 ? { ...o, 金额: '12a' } : o)) } : r));
  const csv = csvOf(columns, chosen);
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="row-error"]');
  await page.click('[data-testid="import-apply"]');
  await waitForText('#team-source', 'two.csv · 3 人');

  const current = await editorText();
  const [was, now] = ['DIVIDE(销售额, 合同数)', '销售额 / (合同数 - 4)'];
  const at = current.indexOf(was);
  await select(at, was.length);
  await page.keyboard.type(now);
  await page.keyboard.press('Escape'); // the completion list
  const draftText = `${current.slice(0, at)}${now}${current.slice(at + was.length)}`;
  const records = chosen.map((r) => Object.fromEntries(columns.filter((c) => r[c] != null).map((c) => [c, typeof r[c] === 'number' ? String(r[c]) : r[c]])));
  const session = Compare.open(baselineText, records, { locale: 'zh-CN' });
  session.setDraft(draftText);
  const failure = session.comparison().notCalculable.find((f) => f.index === 0);
  session.free();
  assert.notEqual(failure.baseline.code, failure.draft.code);
  await page.waitForFunction(() => (document.querySelector('[data-testid="failures"] li[data-index="0"]')?.textContent.match(/DIV_BY_ZERO/g) ?? []).length === 1);
  const item = await text('[data-testid="failures"] li[data-index="0"]');
  for (const [side, e] of [['基线失败', failure.baseline], ['草稿失败', failure.draft]]) {
    assert.ok(item.includes(`${side} · ${e.code} ${e.path}`), `${side}: ${item}`);
  }
  await page.click('[data-testid="use-sample"]');
  await waitForText('#team-source', '示例团队 · 24 人');
  await resetDraft();
  assert.deepEqual(pageErrors, []);
});

test('the one-click rate edit raises the lowest tier of a tiered rule by half a point; the cost per group is the engine\'s', async () => {
  await resetDraft();
  await page.click('[data-testid="edit-rate"]');
  const draftText = await editorText();
  // One number changed: a tier's rate, up by 0.005.
  const [b, d] = [JSON.parse(baselineText), JSON.parse(draftText)];
  const rates = (doc) => doc.incentive.components.flatMap((c, ci) => (c.rules ?? []).flatMap((r, ri) => (r.table?.tiers ?? []).map((t, ti) => [`${ci}/${ri}/${ti}`, t.rate])));
  const moved = rates(d).filter(([k, v], i) => rates(b)[i][1] !== v);
  assert.equal(moved.length, 1);
  assert.match(moved[0][0], /\/0$/);
  assert.equal(Number(change(rates(b).find(([k]) => k === moved[0][0])[1], moved[0][1])), 0.005);
  const base = teamOf(baselineText);
  const draft = teamOf(draftText);
  await waitForDraftCost(draft.team.incentive.total);

  const groups = [...new Set(base.team.members.map((m) => m.group))];
  assert.ok(groups.length > 1);
  for (const g of groups) {
    const paid = (t) => sum(t.team.members.filter((m) => m.group === g).map((m) => m.payout));
    const [before, after] = [paid(base), paid(draft)];
    const cells = await page.$$eval(`#by-group tr[data-group="${g}"] td`, (tds) => tds.map((td) => td.textContent.trim()));
    assert.deepEqual(cells, [money(before), money(after), signed(change(before, after))], g);
  }
  await resetDraft();
  assert.deepEqual(pageErrors, []);
});

test('the counts, the biggest winners, the histogram and the sensitivity rows are the engine\'s', async () => {
  await resetDraft();
  await page.click('[data-testid="edit-rate"]');
  const draftText = await editorText();
  const session = Compare.open(baselineText, june);
  session.setDraft(draftText);
  const c = session.comparison({ top: 10, bins: 12 }, { numbers: 'string' });
  const top3 = session.comparison({ top: 3, reps: false }, { numbers: 'string' });
  const factors = [-20, -10, 0, 10, 20];
  const { scenarios } = session.sensitivity({ changes: factors }, { numbers: 'string' });
  session.free();
  await waitForDraftCost(c.cost.after);
  assert.ok(c.counts.gaining > 0 && c.winners.length > 0);

  assert.ok((await text('#counts')).startsWith(`${c.counts.gaining} 人增加 · ${c.counts.losing} 人减少 · ${c.counts.unchanged} 人不变`));
  const movers = (list) => page.$$eval(`[data-list="${list}"] li`, (lis) => lis.map((li) => [Number(li.querySelector('button').dataset.index), li.querySelector('.delta').textContent.trim()]));
  assert.deepEqual(await movers('winners'), c.winners.map((w) => [w.index, signed(w.change)]));
  assert.deepEqual(await movers('losers'), c.losers.map((w) => [w.index, signed(w.change)]));
  // The admin sets how many to list; a count that is not one (0, text) is marked and left.
  await page.fill('[data-testid="top-n"]', '3');
  await page.waitForFunction(() => document.querySelectorAll('[data-list="winners"] li').length === 3);
  assert.deepEqual(await movers('winners'), top3.winners.map((w) => [w.index, signed(w.change)]));
  for (const bad of ['0', 'x']) {
    await page.fill('[data-testid="top-n"]', bad);
    await page.waitForFunction(() => document.querySelector('[data-testid="top-n"]').getAttribute('aria-invalid') === 'true');
  }
  assert.equal(await page.locator('[data-list="winners"] li').count(), 3);
  await page.fill('[data-testid="top-n"]', '10');
  await page.waitForFunction((n) => document.querySelectorAll('[data-list="winners"] li').length === n, c.winners.length);
  assert.deepEqual(await movers('winners'), c.winners.map((w) => [w.index, signed(w.change)]));
  // The histogram's bars: the count of each band that has reps, in order.
  const label = await page.getAttribute('#hist-chart', 'aria-label');
  assert.deepEqual(label.split('; ').map((part) => Number(part.split(': ').at(-1))), c.histogram.bins.filter((b) => b.count).map((b) => b.count));
  // Every rep's actuals scaled by −20% … +20%: each row the engine's costs.
  await page.waitForSelector('#sensitivity tr[data-factor="0.2"]');
  for (const [k, f] of factors.entries()) {
    const cells = await page.$$eval(`#sensitivity tr[data-factor="${f / 100}"] td`, (tds) => tds.map((td) => td.textContent.trim()));
    const cost = scenarios[k].cost;
    assert.deepEqual(cells.slice(0, 3), [money(cost.before), money(cost.after), signed(cost.change)], `${f}%`);
    const n = scenarios[k].counts;
    assert.equal(await text(`#sensitivity tr[data-factor="${f / 100}"] + tr .sens-counts`), `${n.gaining} 人增加 · ${n.losing} 人减少 · ${n.unchanged} 人不变`, `${f}%`);
  }
  await screenshot('rate-edit');
  await resetDraft();
  assert.deepEqual(pageErrors, []);
});

test('every kind of crossing shows in its rep\'s row as the engine reports it: a tier, a curve point, a veto now triggered, a grade band', async () => {
  await resetDraft();
  const doc = JSON.parse(baselineText);
  const tiers = doc.incentive.components[0].rules[2].table.tiers; // 标准: 2% to 80%, 3% to 100%, then 5%
  tiers[0].to = 90;
  tiers[1].from = 90;
  doc.incentive.components[1].curve.points[1].attainment = 110; // 目标奖金 pays 100% from 110%, not 100%
  doc.scorecard.vetoes[0].when = '合规违规 OR 投诉数 >= 2'; // no June rep broke the rules; two had two complaints
  doc.scorecard.grades[1].from = 90; // A from 90, not 95
  doc.scorecard.grades[2].to = 90;
  const draftText = JSON.stringify(doc, null, 2);
  const current = await editorText();
  await select(0, current.length);
  await page.keyboard.insertText(draftText);
  const session = Compare.open(baselineText, june);
  session.setDraft(draftText);
  const c = session.comparison({ reps: true }, { numbers: 'string' });
  session.free();
  await waitForDraftCost(c.cost.after);

  const kinds = new Set(c.reps.flatMap((r) => (r.crossings ?? []).map((x) => x.kind)));
  for (const kind of ['tier', 'curvePoint', 'veto', 'grade']) assert.ok(kinds.has(kind), `no ${kind} crossing in ${[...kinds]}`);
  const vetoed = c.reps.filter((r) => (r.crossings ?? []).some((x) => x.kind === 'veto' && x.after && !x.better));
  assert.deepEqual(vetoed.map((r) => r.index), june.flatMap((r, i) => (r.投诉数 >= 2 ? [i] : [])));
  for (const r of c.reps) {
    const chips = await page.$$eval(`#rep-rows tr[data-index="${r.index}"] .cross`, (els) => els.map((e) => `${e.dataset.kind} ${e.dataset.direction}`));
    assert.deepEqual(chips, (r.crossings ?? []).map((x) => `${x.kind} ${x.better ? 'up' : 'down'}`), r.id);
  }
  await resetDraft();
  assert.deepEqual(pageErrors, []);
});

test('typing stays live while the worker recomputes 10,000 reps: keys typed during a recompute reach the editor then, and the comparison follows the last text', async () => {
  const fields = JSON.parse(baselineText).fields.map((f) => f.id);
  const columns = [...fields, '订单'];
  const team = generateTeam(10000);
  const csv = csvOf(columns, team);
  await page.click('[data-testid="import-open"]');
  await page.setInputFiles('[data-testid="import-file"]', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid="import-apply"]:not([disabled])', { timeout: 60000 });
  await page.click('[data-testid="import-apply"]');
  await page.waitForFunction(() => /^10000 人 · 重算 [\d.]+ ms$/.test(document.querySelector('#run-stat')?.textContent ?? ''), null, { timeout: 60000 });

  // Each key as the editor receives it, with what the run status said at that moment.
  await page.evaluate(() => {
    window.keysSeen = [];
    document.querySelector('.cm-content').addEventListener('keydown', (e) => {
      window.keysSeen.push([e.key, document.querySelector('#run-stat').textContent]);
    }, true);
  });
  // A metric's formula changed: the draft reads every record again, the longest recompute.
  const current = await editorText();
  const was = 'DIVIDE(销售额, 合同数)';
  const first = 'DIVIDE(销售额, 合同数 + 0)';
  const at = current.indexOf(was);
  await select(at, was.length);
  await page.keyboard.insertText(first);
  await waitForText('#run-stat', '正在重算…');
  await page.keyboard.type(' * 1');
  await page.keyboard.press('Escape'); // the completion list
  const last = `${current.slice(0, at)}${first} * 1${current.slice(at + was.length)}`;
  assert.equal(await editorText(), last);
  const seen = await page.evaluate(() => window.keysSeen);
  // The first key typed after the recompute began was handled while it ran: the page's thread
  // was free (a recompute on it would have held every key until it ended).
  assert.deepEqual(seen.slice(0, 4).map(([key]) => key), [' ', '*', ' ', '1']);
  assert.equal(seen[0][1], '正在重算…');

  const records = team.map((r) => Object.fromEntries(columns.filter((c) => r[c] != null).map((c) => [c, typeof r[c] === 'number' ? String(r[c]) : r[c]])));
  const session = Compare.open(JSON.parse(baselineText), records);
  session.setDraft(last);
  const expected = session.comparison({ reps: false });
  await page.waitForFunction(() => /^10000 人 · 重算 [\d.]+ ms$/.test(document.querySelector('#run-stat')?.textContent ?? ''), null, { timeout: 60000 });
  await waitForText('[data-testid="cost-after"]', money(expected.cost.after));
  assert.equal(await text('[data-testid="cost-before"]'), money(expected.cost.before));

  await select(at, `${first} * 1`.length);
  await page.keyboard.insertText(was);

  // The one-click rate edit over the 10,000 reps: the table has the engine's first 50 rows of
  // the whole team by the biggest change, the next 50 on the next page, then the first 50 by a
  // column clicked; a rep picked from the winners has its statements wherever it is sorted.
  await page.click('[data-testid="edit-rate"]');
  const rated = await editorText();
  assert.notEqual(rated, current);
  session.setDraft(rated);
  const moved = session.comparison({ reps: false });
  await waitForText('[data-testid="cost-after"]', money(moved.cost.after));
  await page.waitForFunction(() => /^10000 人 · 重算 [\d.]+ ms$/.test(document.querySelector('#run-stat')?.textContent ?? ''), null, { timeout: 60000 });
  const shown = () => page.$$eval('#rep-rows tr[data-index]', (rows) => rows.map((r) => Number(r.dataset.index)));
  await sortTable('change', 'descending');
  const firstRows = (by, descending, from = 0) => session.comparison({ reps: true, sort: { by, descending }, from, count: 50 }).reps.map((r) => r.index);
  const byChange = firstRows('change', true);
  assert.deepEqual(await shown(), byChange);
  assert.equal(await text('[data-testid="page-text"]'), '第 1–50 人，共 10000 人');
  assert.equal(await text('#rep-rows tr:first-child [data-testid="change"]'), signed(session.rep(byChange[0]).change));
  assert.equal(await page.isDisabled('[data-testid="page-prev"]'), true);
  await page.click('[data-testid="page-next"]');
  await waitForText('[data-testid="page-text"]', '第 51–100 人，共 10000 人');
  assert.deepEqual(await shown(), firstRows('change', true, 50));
  // The export has every rep, whichever page the table shows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const repTable = readFileSync(await download.path(), 'utf8').split(/\r?\n\r?\n/)[0].trim().split(/\r?\n/);
  assert.equal(repTable.length, 1 + 10000 + 1); // the head, every rep, the total
  assert.equal(repTable[1].split(',')[0], session.rep(0).id);
  // The record panel open on a rep of this page follows a rep picked from another.
  await page.click('#rep-rows tr:first-child');
  await page.click('[data-testid="edit-record"]');
  await page.waitForSelector('#record-title');
  await sortTable('id', 'ascending');
  assert.equal(await text('[data-testid="page-text"]'), '第 1–50 人，共 10000 人'); // a new order starts at its top
  const byId = firstRows('id', false);
  assert.deepEqual(await shown(), byId);
  assert.equal(await text('#rep-rows tr:first-child .id'), session.rep(byId[0]).id);
  const winner = moved.winners.find((r) => !byId.includes(r.index));
  assert.ok(winner, 'a winner outside the first rows by id');
  await page.click(`#movers [data-list="winners"] .rep-link[data-index="${winner.index}"]`);
  await page.waitForFunction((who) => document.querySelector('#detail-sub')?.textContent.startsWith(who), `${winner.id} ${winner.name} ·`);
  await waitForText('#record-title', `${winner.id} ${winner.name} 的记录`);
  await page.click('[data-testid="close-record"]');
  await page.waitForSelector('[data-testid="statement-total"]');
  const picked = session.explain(winner.index);
  const totals = await page.$$eval('[data-testid="statement-total"]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(totals, [money(picked.baseline.result.incentive.statement.total), money(picked.draft.result.incentive.statement.total)]);
  await sortTable('change', 'descending');
  session.free();
  await resetDraft();
  await page.click('[data-testid="use-sample"]');
  await waitForText('#team-source', '示例团队 · 24 人');
});
