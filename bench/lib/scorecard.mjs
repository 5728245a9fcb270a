// The scorecard workload shared by the benchmark worker and bench/verify-scorecard-peer.mjs: the
// sample plan (samples/team/plan.json), its 144 sample records, and how the engine's results are
// compared with the decimal.js peer's (bench/peer/scorecard.mjs, the comparison is in compare.mjs).
import { readFileSync } from 'node:fs';

export { engineRep, engineTeam, firstDiff } from './compare.mjs';

export const SCORECARD_PLAN = JSON.parse(readFileSync(new URL('../../samples/team/plan.json', import.meta.url), 'utf8'));
export const SAMPLE_REPS = JSON.parse(readFileSync(new URL('../../samples/team/reps.json', import.meta.url), 'utf8'));
