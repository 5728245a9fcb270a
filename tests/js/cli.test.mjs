// `npx salescore` as an admin runs it: the package packed with `npm pack`, installed offline into
// a throwaway project (tests/js/pack.mjs, as tarball.test.mjs does), then the command line run
// there on the sample team (samples/team) — as JSON, as a CSV written here with the orders in a
// JSON cell, and as a CSV plus an orders CSV — and checked against what the installed package's
// own `plan.evaluateTeam` (salescore/admin's) gives for the same records in Node (computed here, not written down):
// every rep's score, grade, forced grade, payout and per-component payout, the team totals and
// the statements' lines. Then the failures: a CSV with bad rows (each reported with its row, line,
// code and path while every other row is computed), a CSV where nothing computes, a plan that
// does not compile, a bad flag; and --help, --version.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import Papa from 'papaparse';
import { install, npmEnv, npmWith, pack } from './pack.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PKG = join(ROOT, 'pkg');
const PLAN = JSON.parse(readFileSync(join(ROOT, 'samples/team/plan.json'), 'utf8'));
const REPS = JSON.parse(readFileSync(join(ROOT, 'samples/team/reps.json'), 'utf8'));
const month = (m) => REPS.filter((r) => r.月份 === m);

let tmp;
let env;
let dir; // the project with the tarball installed

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'salescore-cli-'));
  env = npmEnv(tmp);
  const npm = npmWith(env);
  const { tarball } = pack(npm, PKG, join(tmp, 'pack'), ROOT);
  dir = install(npm, join(tmp, 'admin'), tarball, { type: 'module' });
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(PLAN));
  writeFileSync(join(dir, 'reps.json'), JSON.stringify(REPS));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** `npx salescore …` in the project, as the README has it (npm's registry is unreachable here, so
 *  nothing could be downloaded); `{ status, stdout, stderr }`. */
const salescore = (...args) => spawnSync('npx', ['salescore', ...args], { cwd: dir, env, encoding: 'utf8', input: '' });

/** What the installed package computes for each team (an array of records each), in Node:
 *  `plan.evaluateTeam(records, { numbers: 'string', explain: true })`, per rep and per team. */
function reference(teams) {
  writeFileSync(join(dir, 'teams.json'), JSON.stringify(teams));
  writeFileSync(join(dir, 'reference.mjs'), `
import { readFileSync } from 'node:fs';
import { Plan } from 'salescore/admin';
const plan = Plan.compile(readFileSync('plan.json', 'utf8'));
const out = JSON.parse(readFileSync('teams.json', 'utf8')).map((records) => {
  const { results, errors, team } = plan.evaluateTeam(records, { numbers: 'string', explain: true });
  const reps = team.members.map((m) => ({
    id: m.id, score: m.total, grade: m.grade, forcedGrade: m.forcedGrade, rank: m.rank, payout: m.payout,
    components: Object.fromEntries(results[m.index].incentive.components.map((c) => [c.id, c.amount])),
    statement: results[m.index].incentive.statement.total,
    lines: results[m.index].incentive.statement.lines.map((l) => l.text),
    scoreTotal: results[m.index].score.total,
  }));
  return { reps, errors: errors.length, total: team.incentive.total, components: team.incentive.components };
});
console.log(JSON.stringify(out));
`);
  return JSON.parse(execFileSync(process.execPath, ['reference.mjs'], { cwd: dir, encoding: 'utf8' }));
}

const readCsv = (file) => {
  const text = readFileSync(join(dir, file), 'utf8');
  assert.ok(text.startsWith('\uFEFF'), `${file} starts with a BOM for Excel`);
  const { data, errors } = Papa.parse(text.slice(1), { header: true, skipEmptyLines: true });
  assert.deepEqual(errors, [], `${file} parses`);
  return data;
};
const readJson = (file) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

/** Every rep of `want` (a reference team) in `got` (the CLI's per-rep rows, by id), the same. */
function sameReps(got, want, label) {
  const byId = new Map(got.map((r) => [r.id, r]));
  assert.equal(got.length, want.reps.length, `${label}: one row per computed rep`);
  for (const w of want.reps) {
    const g = byId.get(w.id);
    assert.ok(g, `${label}: ${w.id} is in the output`);
    assert.deepEqual(
      { score: g.score, grade: g.grade, forcedGrade: g.forcedGrade, rank: String(g.rank), payout: g.payout },
      { score: w.score, grade: w.grade, forcedGrade: w.forcedGrade, rank: String(w.rank), payout: w.payout },
      `${label}: ${w.id}`,
    );
    for (const [c, amount] of Object.entries(w.components)) assert.equal(g[`payout:${c}`], amount, `${label}: ${w.id} payout:${c}`);
  }
}

/** A CSV of records as a spreadsheet would export it; the orders as a JSON cell (or left out). */
function toCsv(records, { orders = true } = {}) {
  const columns = Object.keys(records[0]).filter((c) => orders || c !== '订单');
  const data = records.map((r) => columns.map((c) => (r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c]))));
  return Papa.unparse({ fields: columns, data });
}

test('--help and --version', () => {
  const help = salescore('--help');
  assert.equal(help.status, 0, help.stderr);
  for (const flag of ['salescore run <plan.json> <team.csv|team.json>', '--out', '--format', '--locale', '--explain', '--orders', '--key', '--by', '--where', '--strict', 'Exit codes']) {
    assert.ok(help.stdout.includes(flag), `--help mentions ${flag}`);
  }
  assert.equal(salescore().stdout, help.stdout, 'no arguments: the help');
  assert.equal(salescore('help').stdout, help.stdout);
  assert.equal(salescore('run', '--help').stdout, help.stdout);
  const version = salescore('--version');
  assert.equal(version.status, 0);
  const { version: v } = JSON.parse(readFileSync(join(dir, 'node_modules', 'salescore', 'package.json'), 'utf8'));
  assert.match(version.stdout, new RegExp(`^salescore ${v.replace(/\./g, '\\.')} \\(engine .+\\)\\n$`));
});

test('the package README\'s command-line example runs as written, on the sample team', () => {
  const readme = readFileSync(join(PKG, 'README.md'), 'utf8');
  const section = /^## From the command line\n([\s\S]*?)^## /m.exec(readme)?.[1];
  assert.ok(section, 'the README has a "From the command line" section');
  const block = /^```sh\n([\s\S]*?)^```/m.exec(section)?.[1];
  assert.ok(block, 'with a sh example');
  mkdirSync(join(dir, 'samples'), { recursive: true });
  cpSync(join(ROOT, 'samples', 'team'), join(dir, 'samples', 'team'), { recursive: true });
  const lines = block.split('\n');
  const commands = lines.filter((l) => l.startsWith('npx salescore '));
  assert.ok(commands.length >= 1);
  for (const command of commands) {
    const r = spawnSync('sh', ['-c', command], { cwd: dir, env, encoding: 'utf8', input: '' });
    assert.equal(r.status, 0, `${command}\n${r.stderr}`);
    const said = lines[lines.indexOf(command) + 1]?.match(/^# → (.*)$/)?.[1];
    if (said) assert.ok(r.stderr.includes(said), `${command} says: ${said}\n${r.stderr}`);
  }
});

test('the sample team as JSON, one team a month (--by 月份): every rep as evaluateTeam computes it, with the statements', () => {
  const r = salescore('run', 'plan.json', 'reps.json', '--by', '月份', '--out', 'out-json', '--explain');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /144 computed, 0 failed/);
  const want = reference([1, 2, 3, 4, 5, 6].map(month));
  const reps = readCsv('out-json/reps.csv');
  assert.deepEqual(reps.map((x) => Number(x.row)), REPS.map((_, i) => i + 1), 'rows in the team file\'s order');
  for (const m of [1, 2, 3, 4, 5, 6]) sameReps(reps.filter((x) => x.月份 === String(m)), want[m - 1], `month ${m}`);

  const summary = readCsv('out-json/summary.csv');
  const measure = (team, group, name) => summary.find((x) => x.team === team && x.group === group && x.measure === name)?.value;
  for (const m of [1, 2, 3, 4, 5, 6]) {
    assert.equal(measure(String(m), '', 'payout'), want[m - 1].total, `month ${m}: the team's payout`);
    for (const c of want[m - 1].components) assert.equal(measure(String(m), '', `payout:${c.id}`), c.amount, `month ${m}: ${c.id}`);
    assert.equal(measure(String(m), '', 'reps'), '24');
  }
  assert.equal(readCsv('out-json/errors.csv').length, 0, 'no errors');

  // Without --explain the run takes another way (the team call without explanations, the reps'
  // statements from evaluateMany, each pool share as the payout less the statement): the same files.
  const plain = salescore('run', 'plan.json', 'reps.json', '--by', '月份', '--out', 'out-plain');
  assert.equal(plain.status, 0, plain.stderr);
  for (const f of ['reps.csv', 'summary.csv', 'errors.csv']) {
    assert.equal(readFileSync(join(dir, 'out-plain', f), 'utf8'), readFileSync(join(dir, 'out-json', f), 'utf8'), `${f} with and without --explain`);
  }

  // --explain: each rep's statement lines and total, as the engine writes them.
  const statements = readCsv('out-json/statements.csv');
  for (const m of [1, 6]) {
    for (const w of want[m - 1].reps) {
      const mine = statements.filter((x) => x.月份 === String(m) && x.id === w.id);
      assert.deepEqual(mine.filter((x) => !['score', 'total'].includes(x.kind)).map((x) => x.text), w.lines, `month ${m} ${w.id}: the lines`);
      assert.equal(mine.find((x) => x.kind === 'total').amount, w.statement);
      assert.equal(mine.find((x) => x.kind === 'score').amount, w.scoreTotal);
    }
  }
});

test('a CSV with the orders in a JSON cell, and a CSV with an orders CSV (--orders): the same numbers, as JSON', () => {
  const records = month(6);
  writeFileSync(join(dir, 'june.csv'), toCsv(records));
  writeFileSync(join(dir, 'june-reps.csv'), toCsv(records, { orders: false }));
  const columns = ['工号', '订单号', '金额', '回款', '产品线', '客户类型', '分成'];
  writeFileSync(join(dir, 'june-orders.csv'), Papa.unparse({
    fields: columns,
    data: records.flatMap((r) => r.订单.map((o) => columns.map((c) => (c === '工号' ? r.工号 : o[c] === undefined ? '' : typeof o[c] === 'object' ? JSON.stringify(o[c]) : String(o[c]))))),
  }));
  // An order whose rep is not in the team file: reported against the orders file, nothing else changes.
  writeFileSync(join(dir, 'june-orders.csv'), `${readFileSync(join(dir, 'june-orders.csv'), 'utf8')}\r\nE9999,X-1,1000,1000,软件,新客户,`);
  const orphan = { file: 'june-orders.csv', row: records.reduce((n, r) => n + r.订单.length, 0) + 1, code: 'ORDER_WITHOUT_REP' };
  const [want] = reference([records]);
  for (const [label, args] of [['cell', ['june.csv']], ['--orders', ['june-reps.csv', '--orders', 'june-orders.csv']]]) {
    const out = `out-${label.replace(/-/g, '')}`;
    const r = salescore('run', 'plan.json', ...args, '--format', 'json', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const reps = readJson(`${out}/reps.json`);
    sameReps(reps, want, label);
    assert.deepEqual(reps.map((x) => x.line), records.map((_, i) => i + 2), `${label}: the line of each rep (header = line 1)`);
    const { teams } = readJson(`${out}/summary.json`);
    assert.equal(teams[0].payout.total, want.total, `${label}: the team's payout`);
    const errors = readJson(`${out}/errors.json`).map(({ file, row, code }) => ({ file, row, code }));
    assert.deepEqual(errors, label === 'cell' ? [] : [orphan]);
  }

  // An order with a broken splits cell: that order's row in the orders file and its rep's row
  // in the team file are reported; the other reps are computed.
  const orders = readFileSync(join(dir, 'june-orders.csv'), 'utf8').split('\r\n');
  const at = orders.findIndex((l) => l.includes('[{'));
  const rep = orders[at].split(',')[0];
  orders[at] = orders[at].replace(/"\[\{.*$/, '"[{oops"');
  writeFileSync(join(dir, 'june-orders-bad.csv'), orders.join('\r\n'));
  const r = salescore('run', 'plan.json', 'june-reps.csv', '--orders', 'june-orders-bad.csv', '--format', 'json', '--out', 'out-orders-bad');
  assert.equal(r.status, 0, r.stderr);
  const errors = readJson('out-orders-bad/errors.json').map(({ file, row, id, code }) => ({ file, row, id, code }));
  assert.deepEqual(errors, [
    { file: 'june-reps.csv', row: records.findIndex((x) => x.工号 === rep) + 1, id: rep, code: 'ORDER_INVALID' },
    { file: 'june-orders-bad.csv', row: at, id: rep, code: 'BAD_JSON_CELL' },
    { ...orphan, file: 'june-orders-bad.csv', id: 'E9999' },
  ]);
  assert.equal(readJson('out-orders-bad/reps.json').length, records.length - 1);

  // Two months in the team file and orders keyed by 工号 alone: no order is attached to a guess;
  // each is reported, and with 月份 in the orders file they attach to their month.
  const two = [...month(5), ...records].map((r) => ({ ...r, 订单: [] }));
  writeFileSync(join(dir, 'may-june-reps.csv'), toCsv(two, { orders: false }));
  const ambiguous = salescore('run', 'plan.json', 'may-june-reps.csv', '--orders', 'june-orders.csv', '--by', '月份', '--format', 'json', '--out', 'out-ambiguous');
  assert.equal(ambiguous.status, 0, ambiguous.stderr);
  const orderErrors = readJson('out-ambiguous/errors.json').filter((e) => e.file === 'june-orders.csv').map((e) => e.code);
  const orderCount = records.reduce((n, r) => n + r.订单.length, 0);
  assert.deepEqual(orderErrors, [...Array(orderCount).fill('ORDER_AMBIGUOUS_REP'), 'ORDER_WITHOUT_REP']);
  const withMonth = readFileSync(join(dir, 'june-orders.csv'), 'utf8').split('\r\n').map((l, i) => `${l},${i === 0 ? '月份' : 6}`);
  writeFileSync(join(dir, 'june-orders-month.csv'), withMonth.join('\r\n'));
  const attached = salescore('run', 'plan.json', 'may-june-reps.csv', '--orders', 'june-orders-month.csv', '--by', '月份', '--format', 'json', '--out', 'out-attached');
  assert.equal(attached.status, 0, attached.stderr);
  const june = readJson('out-attached/reps.json').filter((x) => String(x.月份) === '6');
  sameReps(june, want, 'two months, orders with 月份');
});

test('a plan without a team section: plan.evaluateMany, the same numbers', () => {
  const plan = structuredClone(PLAN);
  delete plan.scorecard.team;
  plan.incentive.rep = '工号';
  plan.incentive.components = plan.incentive.components.filter((c) => c.type !== 'pool'); // pools need a team
  writeFileSync(join(dir, 'no-team.json'), JSON.stringify(plan));
  writeFileSync(join(dir, 'many.mjs'), `
import { readFileSync } from 'node:fs';
import { Plan } from 'salescore';
const plan = Plan.compile(readFileSync('no-team.json', 'utf8'));
const records = JSON.parse(readFileSync('reps.json', 'utf8'));
const { results } = plan.evaluateMany(records, { numbers: 'string' });
console.log(JSON.stringify(results.map((r, i) => ({ id: records[i].工号, month: records[i].月份, score: r.score.total, grade: r.score.grade, payout: r.incentive.statement.total }))));
`);
  const want = JSON.parse(execFileSync(process.execPath, ['many.mjs'], { cwd: dir, encoding: 'utf8' }));
  const r = salescore('run', 'no-team.json', 'reps.json', '--by', '月份', '--format', 'json', '--out', 'out-many');
  assert.equal(r.status, 0, r.stderr);
  const got = readJson('out-many/reps.json');
  assert.deepEqual(got.map((x) => ({ id: x.id, month: x.月份, score: x.score, grade: x.grade, payout: x.payout })), want);
  assert.ok(got.every((x) => x.rank === null && x.forcedGrade === null), 'no ranks or forced grades without a team section');
});

test('bad rows: each with its row, line, code and path, in the errors file and on stderr; every other rep computed', () => {
  const records = month(6).map((r) => ({ ...r }));
  records[2].销售额 = '12万'; // text in a money column: row 3, line 4
  delete records[4].销售目标; // a required field left empty: row 5, line 6
  writeFileSync(join(dir, 'bad.csv'), toCsv(records));
  const r = salescore('run', 'plan.json', 'bad.csv', '--out', 'out-bad', '--locale', 'en');
  assert.equal(r.status, 0, `some reps computed: exit 0\n${r.stderr}`);
  const errors = readCsv('out-bad/errors.csv');
  assert.deepEqual(errors.map((e) => [e.file, e.row, e.line, e.id, e.code, e.path]), [
    ['bad.csv', '3', '4', records[2].工号, 'INVALID_VALUE', '/销售额'],
    ['bad.csv', '5', '6', records[4].工号, 'MISSING_FIELD', '/销售目标'],
  ]);
  assert.match(errors[0].message, /销售额/);
  assert.match(r.stderr, new RegExp(`bad\\.csv row 3 \\(line 4\\) ${records[2].工号}: INVALID_VALUE /销售额`));
  assert.match(r.stderr, /bad\.csv row 5 \(line 6\) \S+: MISSING_FIELD \/销售目标/);
  assert.match(r.stderr, /22 computed, 2 failed/);
  // The others, as evaluateTeam computes the team without the two (pools are split among 22).
  const [want] = reference([records.filter((_, i) => i !== 2 && i !== 4)]);
  sameReps(readCsv('out-bad/reps.csv'), want, 'the 22 others');
  const summary = readCsv('out-bad/summary.csv');
  assert.equal(summary.find((x) => x.group === '' && x.measure === 'errors').value, '2');

  // --strict: the same outputs, exit 4.
  assert.equal(salescore('run', 'plan.json', 'bad.csv', '--out', 'out-bad', '--strict', '--quiet').status, 4);

  // Nothing computes: exit 1.
  writeFileSync(join(dir, 'none.csv'), toCsv(records.slice(2, 3)));
  const none = salescore('run', 'plan.json', 'none.csv', '--out', 'out-none');
  assert.equal(none.status, 1, none.stderr);
  assert.match(none.stderr, /0 computed, 1 failed/);
  assert.equal(readCsv('out-none/errors.csv')[0].code, 'INVALID_VALUE');
});

test('a plan that does not compile: its code and path on stderr, exit 3; a bad flag: exit 2', () => {
  const broken = structuredClone(PLAN);
  broken.metrics[0].formula = 'DIVIDE(销售额, ';
  writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
  const r = salescore('run', 'broken.json', 'reps.json', '--out', 'out-broken', '--locale', 'en');
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /^error broken\.json: UNEXPECTED_END \/metrics\/0\/formula: /m);

  writeFileSync(join(dir, 'unreadable.json'), '{"fields": [');
  assert.equal(salescore('run', 'unreadable.json', 'reps.json').status, 3, 'a plan that is not JSON does not compile either');

  const flag = salescore('run', 'plan.json', 'reps.json', '--colour');
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--colour/);
  assert.equal(salescore('run', 'plan.json', 'missing.csv').status, 2, 'a team file that does not exist');
  assert.equal(salescore('run', 'plan.json', 'reps.json', '--format', 'xlsx').status, 2);
});
