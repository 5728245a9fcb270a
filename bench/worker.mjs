// One benchmark target in its own process (so JIT state, heap and GC of one target do not
// colour another's numbers). Run by bench/run.mjs; prints one JSON object on stdout.
//
//   node --expose-gc bench/worker.mjs <node|inline|nowasm|peer> [--records N] [--samples N] [--no-decompose]
//
// Engine targets first verify — over every record — that the build's outputs equal the
// decimal.js peer's (lib/engine.mjs `verify`: formula and plan, as numbers and as exact strings,
// with and without explain; the scorecard one rep at a time and as a team) and exit non-zero on
// the first difference. They also report fingerprints of the outputs no peer computes (the
// incentive statements, the decomposition), which run.mjs compares across every build. Only then
// is anything timed. The form entry is pkg/ root; the decomposition goes through the targets
// entry (pkg/targets/) of the same flavour, the team batches through the admin entry (pkg/admin/,
// whose Plan has evaluateTeam; salescore's evaluates record by record).
import { measure } from './lib/measure.mjs';
import { records as allRecords } from './lib/workload.mjs';
import { data, expected } from './lib/expected.mjs';
import { decomposeWorkloads, fingerprints, verify, workloads } from './lib/engine.mjs';
import { payout, payoutMany } from './peer/formula.mjs';
import { planMetrics } from './peer/plan.mjs';
import { evaluateTeam as peerTeam, scoreRep } from './peer/scorecard.mjs';

const args = process.argv.slice(2);
const target = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SAMPLES = opt('--samples', 15);
const all = allRecords();
const d = data(all.slice(0, opt('--records', all.length)));
const N = d.records.length;
const log = (...a) => console.error(`[${target}${process.execArgv.includes('--jitless') ? ' jitless' : ''}]`, ...a);

const ENTRY = { node: 'node.js', inline: 'inline.js', nowasm: 'nowasm.js' };

const results = {};
const time = (key, fn) => {
  results[key] = measure(fn, { samples: SAMPLES });
  log(`${key}: ${(results[key].medianNs / 1000).toFixed(2)} µs`);
};

function timePeer() {
  const { records, team } = d;
  const rec = (i) => records[i % N];
  time('peer.formula.one', (i) => payout(rec(i)));
  time('peer.formula.batch', () => payoutMany(records));
  time('peer.plan.one', (i) => planMetrics(rec(i)));
  time('peer.plan.batch', () => {
    const out = new Array(N);
    for (let k = 0; k < N; k++) out[k] = planMetrics(records[k]);
    return out;
  });
  time('peer.score.one', (i) => scoreRep(team[i % N]));
  time('peer.score.team.batch', () => peerTeam(team));
}

async function engine() {
  const load = async (dir) => {
    const m = await import(`../pkg/${dir}${ENTRY[target]}`);
    if (target !== 'node') await m.init(); // inline: decode base64 + compile; nowasm: no-op
    return m;
  };
  const lib = await load('');
  const targets = args.includes('--no-decompose') ? null : await load('targets/');
  const admin = await load('admin/'); // the team batch is salescore/admin's
  try {
    verify(lib, d, expected(d), admin);
  } catch (e) {
    console.error(`${e.message} (${target})`);
    process.stdout.write(JSON.stringify({ target, error: `${e.message} (${target})` }));
    process.exit(3);
  }
  log(`verified ${N} records and ${N} reps (one by one and as a team) against the decimal.js peer`);
  const prints = fingerprints(lib, d, targets, admin);
  for (const [key, fn] of workloads(lib, d, { team: admin })) time(key, fn);
  if (targets) for (const [key, fn] of decomposeWorkloads(targets, d)) time(key, fn);
  return { fingerprints: prints };
}

let extra = {};
if (target === 'peer') timePeer();
else if (ENTRY[target]) extra = await engine();
else {
  console.error(`unknown target ${target}; expected node, inline, nowasm or peer`);
  process.exit(2);
}
process.stdout.write(JSON.stringify({
  target,
  jitless: process.execArgv.includes('--jitless'),
  records: N,
  samples: SAMPLES,
  ...extra,
  results,
}));
