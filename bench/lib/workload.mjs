// The benchmark workloads, shared by every target: the formula, the plan document, the records.
import { readFileSync } from 'node:fs';
import { generateRecords, DEFAULT_SEED } from './records.mjs';

export { FORMULA } from '../peer/formula.mjs';

export const PLAN_PATH = new URL('../fixtures/plan.json', import.meta.url);
export const PLAN_TEXT = readFileSync(PLAN_PATH, 'utf8');
export const PLAN_DOC = JSON.parse(PLAN_TEXT);
export const BATCH = 10_000;
export const SEED = DEFAULT_SEED;

let cached;
/** The BATCH benchmark records (generated once per process, deterministic). */
export function records() {
  cached ??= generateRecords(BATCH, SEED);
  return cached;
}
