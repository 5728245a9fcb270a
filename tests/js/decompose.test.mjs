// decompose() is checked in every build by the shared suite (tests/js/suite.mjs: the public
// cases, the bad-input cases, the sample and the native snapshots). What only Node can check:
// that the suite reads every decomposition case of tests/data/targets/, as tests/decompose.rs does
// (the browser cannot list a directory).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { DECOMPOSE_CASES } from './data.mjs';

test('the suite reads every case*.json of tests/data/targets/', () => {
  const files = readdirSync('tests/data/targets').filter((f) => f.startsWith('case') && f.endsWith('.json')).map((f) => f.slice(0, -5));
  assert.deepEqual([...DECOMPOSE_CASES].sort(), files.sort());
});
