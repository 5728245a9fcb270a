// A batch call (`Formula.evaluateMany`, `Plan.evaluateMany`, `Plan.evaluateTeam`) reads its
// records from the host a chunk at a time, in one crossing per chunk (src/wasm/convert.rs,
// `RecordReader::read_item`; src/wasm/record.js, `readMany`). Whatever the chunking, record `i`
// of a batch must be exactly what a single call gives for it: the same value, or the same error
// with the record's index in front of its path. The batches here run past two chunk boundaries,
// with records that cannot be read (not objects, a throwing getter, text past the limit) and
// values that are read from the object itself (a BigInt, a Map) on both sides of them, and text
// with characters outside the BMP, whose UTF-16 lengths place every later string.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ENTRY_DIRS, FLAVOURS, hasTeamBatch, loadEntry } from './run-build.mjs';

const builds = Object.values(FLAVOURS).flatMap((file) => [`${ENTRY_DIRS.form}${file}`, `${ENTRY_DIRS.admin}${file}`]);
const REGIONS = ['华东', '华南', '西北🚀', '', 'north'];
/** Records past the second chunk boundary (a chunk is 128 records). */
const N = 300;

/** A record for `CONCAT(区域, "/", 回款额 + 目标)`, some of them broken on purpose. */
function record(i) {
  const r = { 区域: REGIONS[i % REGIONS.length], 回款额: i % 3 ? i * 10 + 0.5 : `${i * 7}.25`, 目标: i };
  switch (i) {
    case 0: return 'not a record';
    case 5: return { ...r, 回款额: 12n }; // a BigInt: read from the object itself
    case 60: // its last field's getter throws, after its text was read: the text must not stay
      return Object.defineProperty({ ...r }, '目标', { enumerable: true, get() { throw new Error('gone'); } });
    case 127: // the last of the first chunk: its getter throws
      return Object.defineProperty({ ...r }, '回款额', { enumerable: true, get() { throw new RangeError('no access'); } });
    case 128: return { ...r, 区域: 'x'.repeat(65537) }; // the first of the second: text past the limit
    case 129: return { ...r, 区域: `${'长'.repeat(40)}🚀` };
    case 200: return { ...r, 回款额: new Map() };
    case 255: return [r];
    case 256: return { ...r, 回款额: 99n };
    case 299: return null;
    default: return r;
  }
}

/** What a single call gives: `{ value }` or `{ code, path }`. */
function single(call) {
  try {
    return { value: call() };
  } catch (e) {
    return { code: e.code, path: e.path };
  }
}

/** Record `i` of a batch as `single` shapes it. */
function fromBatch(values, errors, i) {
  const error = errors.find((e) => e.index === i);
  if (error) return { code: error.error.code, path: error.error.path.replace(new RegExp(`^/${i}`), '') };
  return { value: values[i] };
}

const records = Array.from({ length: N }, (_, i) => record(i));

for (const build of builds) {
  test(`a batch gives each record what a single call gives, across chunks: ${build}`, async () => {
    const { Formula, Plan } = await loadEntry(build);
    const f = Formula.compile('CONCAT(区域, "/", 回款额 + 目标)');
    const alone = records.map((r) => single(() => f.evaluate(r)));
    // The broken records fail alone, the others do not.
    const failing = alone.flatMap((a, i) => (a.code ? [i] : []));
    assert.deepEqual(failing, [0, 60, 127, 128, 200, 255, 299]);
    assert.deepEqual(alone[127], { code: 'READ_FAILED', path: '/回款额' });
    assert.deepEqual(alone[128], { code: 'TOO_LARGE', path: '/区域' });
    assert.equal(alone[5].value, '华东/17');
    assert.equal(alone[129].value, `${'长'.repeat(40)}🚀/1032.25`); // 903.25 + 129
    for (const options of [{}, { numbers: 'string' }]) {
      const { values, errors } = f.evaluateMany(records, options);
      assert.equal(values.length, N);
      records.forEach((r, i) => {
        const want = options.numbers ? single(() => f.evaluate(r, options)) : alone[i];
        assert.deepEqual(fromBatch(values, errors, i), want, `record ${i}`);
        assert.equal(values[i] === null, Boolean(want.code), `record ${i}: null exactly when it failed`);
      });
    }

    // A plan over the same records: its fields are read the same way.
    const plan = Plan.compile({
      version: 1,
      fields: [{ id: '区域', type: 'text' }, { id: '回款额', type: 'money' }, { id: '目标', type: 'money' }],
      metrics: [
        { id: '合计', kind: 'money', formula: '回款额 + 目标' },
        { id: '标签', kind: 'text', formula: 'CONCAT(区域, "·", 目标)' },
      ],
    });
    const { results, errors } = plan.evaluateMany(records);
    records.forEach((r, i) => {
      const want = single(() => plan.evaluate(r));
      assert.deepEqual(fromBatch(results, errors, i), want, `plan, record ${i}`);
    });
    assert.deepEqual(errors.map((e) => e.index), [0, 60, 127, 128, 200, 255, 299]);
  });

  // The team batch is the admin entry's (the form entry's Plan has none: see the suite's entry checks).
  if (!hasTeamBatch(build)) continue;
  test(`a team batch reads its records across chunks as single calls do: ${build}`, async () => {
    const { Plan } = await loadEntry(build);
    const plan = Plan.compile(JSON.parse(readFileSync('samples/team/plan.json', 'utf8')));
    const reps = JSON.parse(readFileSync('samples/team/reps.json', 'utf8')).filter((r) => r.月份 === 5);
    // 300 reps with ids of their own; one unreadable past the first chunk, one not an object.
    const team = Array.from({ length: N }, (_, i) => ({ ...reps[i % reps.length], 工号: `R${i}`, 姓名: `员工${i}🚀` }));
    const broken = { ...team[130] };
    Object.defineProperty(broken, '销售额', { enumerable: true, get() { throw new Error('locked'); } });
    team[130] = broken;
    team[257] = 42;
    const { results, errors } = plan.evaluateTeam(team);
    assert.deepEqual(errors.map((e) => [e.index, e.error.code, e.error.path]), [
      [130, 'READ_FAILED', '/130/销售额'],
      [257, 'INVALID_VALUE', '/257'],
    ]);
    team.forEach((r, i) => {
      if (i === 130 || i === 257) {
        assert.equal(results[i], null, `rep ${i}`);
        return;
      }
      assert.deepEqual(results[i].metrics, plan.evaluate(r).metrics, `rep ${i}`);
    });
  });
}

/** Rep `i`'s orders (子表), some of them broken on purpose, made afresh on each call (a getter
 *  counts its own reads). */
function orders(rep, i) {
  const rows = rep.订单.map((o) => ({ ...o }));
  switch (i) {
    case 3: return 'not rows';
    case 40: return [rows[0], 7];
    case 127: // the last of the first chunk: a cell's getter throws
      return [Object.defineProperty({ ...rows[0] }, '金额', { enumerable: true, get() { throw new Error('sealed'); } })];
    case 128: return [{ ...rows[0], 产品线: 'x'.repeat(65537) }]; // the first of the second: text past the limit
    case 150: return [{ ...rows[0], 分成: [{ rep: `R${i}`, percent: Number.NaN }] }];
    case 151: return [{ ...rows[0], 分成: [{ rep: `R${i}`, percent: 60 }, { rep: 'R0', percent: 40 }] }, ...rows.slice(1)];
    case 200: return null;
    case 201: return rows.map((o, k) => ({ ...o, 订单号: `单🚀${k}`, 产品线: k % 2 ? '软件' : '硬件🚀' }));
    case 202: return [{ ...rows[0], 金额: undefined }];
    case 255: return [];
    default: return rows;
  }
}

/** The sample team of 300 reps with their orders, made afresh. Rep 129's orders are behind a
 *  getter that throws, rep 260's behind one that hands a longer array on each read. */
function payTeam(reps) {
  return Array.from({ length: N }, (_, i) => {
    const rep = { ...reps[i % reps.length], 工号: `R${i}`, 姓名: `员工${i}🚀` };
    if (i === 129) return Object.defineProperty(rep, '订单', { enumerable: true, get() { throw new TypeError('no orders'); } });
    if (i === 260) {
      let reads = 0;
      const all = reps[i % reps.length].订单;
      return Object.defineProperty(rep, '订单', { enumerable: true, get() { reads += 1; return all.slice(0, Math.min(reads, all.length)).map((o) => ({ ...o })); } });
    }
    return { ...rep, 订单: orders(rep, i) };
  });
}

for (const build of builds) {
  if (!hasTeamBatch(build)) continue;
  test(`a team batch reads its reps' orders across chunks as single calls do: ${build}`, async () => {
    const { Plan } = await loadEntry(build);
    const doc = JSON.parse(readFileSync('samples/team/plan.json', 'utf8'));
    // Without the pool, a member's payout is what a single call pays the rep.
    doc.incentive.components = doc.incentive.components.filter((c) => c.type !== 'pool');
    const plan = Plan.compile(doc);
    const reps = JSON.parse(readFileSync('samples/team/reps.json', 'utf8')).filter((r) => r.月份 === 5);
    for (const options of [{}, { numbers: 'string' }]) {
      const { results, errors, team } = plan.evaluateTeam(payTeam(reps), options);
      const alone = payTeam(reps).map((r) => single(() => plan.evaluate(r, options)));
      const failing = alone.flatMap((a, i) => (a.code ? [i] : []));
      assert.deepEqual(failing, [3, 40, 127, 128, 129, 150, 202]);
      assert.deepEqual(alone[127], { code: 'READ_FAILED', path: '/订单/0/金额' });
      assert.deepEqual(alone[129], { code: 'READ_FAILED', path: '/订单' });
      assert.deepEqual(errors.map((e) => e.index), failing);
      const payout = new Map(team.members.map((m) => [m.index, m.payout]));
      alone.forEach((want, i) => {
        if (want.code) {
          assert.deepEqual(fromBatch(results, errors, i), want, `rep ${i}`);
          return;
        }
        assert.deepEqual(results[i].metrics, want.value.metrics, `rep ${i}: metrics`);
        assert.equal(payout.get(i), want.value.incentive.statement.total, `rep ${i}: payout`);
      });
      // A split credits the rep part of an order: rep 151 is paid less than rep 7, the same rep
      // of the sample without it.
      assert.equal(151 % reps.length, 7);
      assert.ok(Number(payout.get(151)) < Number(payout.get(7)), `${payout.get(151)} < ${payout.get(7)}`);
    }
  });
}
