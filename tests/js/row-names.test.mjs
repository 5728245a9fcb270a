// A record's transactions are read through the host in one crossing per record, with the
// sub-table's key and column names kept as JS strings from one read to the next (src/wasm/convert.rs,
// `row_names`). Two plans whose transactions have other names, called in turn, must each read
// their own, in every Node flavour of both entries with plans; so must every read after one that
// failed half-way (a host's getter that calls the engine, which refuses to be called then).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ENTRY_DIRS, FLAVOURS, hasTeamBatch, loadEntry } from './run-build.mjs';

const builds = Object.values(FLAVOURS).flatMap((file) => [`${ENTRY_DIRS.form}${file}`, `${ENTRY_DIRS.admin}${file}`]);
const sample = JSON.parse(readFileSync('samples/team/plan.json', 'utf8'));
const reps = JSON.parse(readFileSync('samples/team/reps.json', 'utf8'));

/** The sample plan's transaction columns, and the names the renamed plan gives them. */
const RENAMED = { 订单号: 'no', 金额: 'amt', 回款: 'paid', 产品线: 'line', 客户类型: 'cust', 分成: 'split' };
const renamedPlan = structuredClone(sample);
const t = renamedPlan.incentive.transactions;
for (const [k, v] of Object.entries(t)) if (k !== 'field') t[k] = RENAMED[v];
t.field = 'orders';

/** A rep's record with its orders under the renamed plan's names. */
function renamed(rep) {
  const { 订单: orders, ...rest } = rep;
  return { ...rest, orders: orders.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [RENAMED[k], v]))) };
}

const pay = (result) => result.incentive.statement.total;

for (const build of builds) {
  test(`plans with other transaction names read their own, in turn and from inside a read: ${build}`, async () => {
    const { Plan } = await loadEntry(build);
    const [a, b] = [Plan.compile(sample), Plan.compile(renamedPlan)];
    const chosen = reps.filter((r) => r.订单?.length >= 2).slice(0, 6);
    // Each plan alone first: the expected payouts (both plans pay alike on the same orders).
    const alone = chosen.map((r) => pay(a.evaluate(r)));
    assert.deepEqual(chosen.map((r) => pay(b.evaluate(renamed(r)))), alone);
    assert.ok(alone.some((p) => p > 0), 'some rep is paid');
    // In turn: every read switches names.
    for (let round = 0; round < 3; round++) {
      chosen.forEach((r, i) => {
        assert.equal(pay(a.evaluate(r)), alone[i], `sample plan, rep ${i}, round ${round}`);
        assert.equal(pay(b.evaluate(renamed(r))), alone[i], `renamed plan, rep ${i}, round ${round}`);
      });
    }
    // A getter of one order that calls the engine while the sample plan reads the orders: the
    // engine refuses (READ_FAILED at that cell), and the reads after it are right.
    chosen.forEach((r, i) => {
      const record = structuredClone(r);
      const amount = record.订单[0].金额;
      Object.defineProperty(record.订单[0], '金额', {
        enumerable: true,
        get() {
          b.evaluate(renamed(r));
          return amount;
        },
      });
      assert.throws(() => a.evaluate(record), (e) => e.code === 'READ_FAILED' && e.path === '/订单/0/金额', `rep ${i}`);
      assert.equal(pay(b.evaluate(renamed(r))), alone[i], `renamed plan after, rep ${i}`);
      assert.equal(pay(a.evaluate(r)), alone[i], `sample plan after, rep ${i}`);
    });
    // A batch reads every record's orders the same way (the team batch is the admin entry's).
    const many = a.evaluateMany(chosen);
    assert.deepEqual(b.evaluateMany(chosen.map(renamed)).results.map(pay), many.results.map(pay));
    assert.deepEqual(many.results.map(pay), alone);
    if (hasTeamBatch(build)) {
      const team = a.evaluateTeam(chosen);
      const renamedTeam = b.evaluateTeam(chosen.map(renamed));
      assert.deepEqual(renamedTeam.team.members.map((m) => m.payout), team.team.members.map((m) => m.payout));
    }
    a.free();
    b.free();
  });
}
