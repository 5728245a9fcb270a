// Checks that the decimal.js scorecard peer (peer/scorecard.mjs) gives exactly the engine's
// results on the sample plan, then prints rough timings of the peer.
//
//   node bench/verify-scorecard-peer.mjs [--records N] [--runs N]
//
// Compared, field by field and as exact strings (`numbers: 'string'`):
//   - plan.evaluate(record) on all 144 sample records and on every generated record: metrics,
//     total, grade, coefficient, each indicator's points and weighted points, and the points
//     section (period, experience, level, badges);
//   - plan.evaluateTeam(records) for each of the six sample months and for the generated team
//     (10,000 records by default): members in order (id, group, total, grade, rank, dense rank,
//     forced grade, vetoed), aggregates, groups, PK and leaderboard.
// The first difference is printed with its path and both values; any difference exits 1.
// Timings (median of --runs, 5 by default) follow either way; they are for information only.
import { performance } from 'node:perf_hooks';
import { scoreRep, evaluateTeam } from './peer/scorecard.mjs';
import { generateTeam } from './lib/team.mjs';
import { SCORECARD_PLAN as PLAN_DOC, SAMPLE_REPS as SAMPLE, engineRep, engineTeam, firstDiff } from './lib/scorecard.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('--records', 10_000);
const RUNS = opt('--runs', 5);
const STR = { numbers: 'string' };


/** The engine's Node build (salescore/admin's: its Plan has the team batch); a missing or
 *  half-written pkg/ (being rebuilt) is retried. */
async function loadEngine(attempts = 5) {
  for (let k = 1; ; k++) {
    try {
      return await import(new URL('../pkg/admin/node.js', import.meta.url).href);
    } catch (err) {
      if (k >= attempts) throw err;
      console.error(`pkg/admin/node.js not loadable (${err.message.split('\n')[0]}); retrying in 60 s (${k}/${attempts - 1})`);
      await new Promise((r) => setTimeout(r, 60_000));
    }
  }
}

// ---- comparison -------------------------------------------------------------------------------

let failures = 0;
const SHOWN = 3; // differences printed in full with the record; the next ones on one line each
function check(what, engine, peer, context) {
  const d = firstDiff(engine, peer);
  if (!d) return true;
  failures++;
  if (failures <= SHOWN) {
    console.error(`\nMISMATCH in ${what} at ${d.path}`);
    console.error(`  engine: ${JSON.stringify(d.engine)}`);
    console.error(`  peer:   ${JSON.stringify(d.peer)}`);
    if (context !== undefined) console.error(`  record: ${JSON.stringify(context)}`);
  } else if (failures <= 40) {
    console.error(`  also: ${what} at ${d.path}: engine ${JSON.stringify(d.engine)}, peer ${JSON.stringify(d.peer)}`);
  } else if (failures === 41) {
    console.error('  (further differences are counted, not printed)');
  }
  return false;
}

function verifyReps(plan, label, records) {
  let bad = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!check(`${label} evaluate #${i} (${r.工号}, month ${r.月份})`, engineRep(plan.evaluate(r, STR)), scoreRep(r), r)) bad++;
  }
  if (bad) console.error(`FAIL evaluate: ${bad} of ${records.length} ${label} records differ`);
  else console.log(`ok  evaluate: ${records.length} ${label} records`);
  return bad === 0;
}

function verifyTeam(plan, label, records) {
  const result = plan.evaluateTeam(records, STR);
  if (result.errors.length) {
    failures++;
    console.error(`\n${label}: the engine reported record errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return false;
  }
  const ok = check(`${label} evaluateTeam`, engineTeam(result.team), evaluateTeam(records));
  if (ok) {
    const d = result.team.distribution?.grades.map((g) => `${g.grade} ${g.actual}/${g.target}`).join(' ');
    const vetoed = result.team.members.filter((m) => m.vetoed).length;
    console.log(`ok  evaluateTeam: ${label} (${records.length} reps, ${vetoed} vetoed; forced ${d})`);
  }
  return ok;
}

// ---- timing ----------------------------------------------------------------------------------

function median(fn, runs) {
  const times = [];
  for (let k = 0; k < runs; k++) {
    globalThis.gc?.();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

// ---- main ------------------------------------------------------------------------------------

const { Plan } = await loadEngine();
const plan = Plan.compile(PLAN_DOC);

verifyReps(plan, 'sample', SAMPLE);
for (let month = 1; month <= 6; month++) {
  verifyTeam(
    plan,
    `sample month ${month}`,
    SAMPLE.filter((r) => r.月份 === month),
  );
}
const team = generateTeam(N);
verifyReps(plan, 'generated', team);
verifyTeam(plan, `generated team`, team);

if (failures) console.error(`\nFAILED: ${failures} check(s) differ (timings below are for information only)`);
else console.log('\nThe peer equals the engine on every check.');

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const peerOne = median(() => {
  for (let i = 0; i < team.length; i++) scoreRep(team[i]);
}, RUNS);
const peerTeam = median(() => evaluateTeam(team), RUNS);
const engineOne = median(() => {
  for (let i = 0; i < team.length; i++) plan.evaluate(team[i], STR);
}, RUNS);
const engineTeamMs = median(() => plan.evaluateTeam(team, STR), RUNS);
console.log(`\nRough timings, ${team.length} records, median of ${RUNS} runs (information only):`);
console.log(`  peer   scoreRep one by one       ${fmt(peerOne)}  (${((peerOne * 1000) / team.length).toFixed(1)} µs/record)`);
console.log(`  peer   evaluateTeam              ${fmt(peerTeam)}`);
console.log(`  engine evaluate one by one       ${fmt(engineOne)}  (wasm node, numbers: 'string', for comparison)`);
console.log(`  engine evaluateTeam              ${fmt(engineTeamMs)}`);
plan.free();
if (failures) process.exit(1);
