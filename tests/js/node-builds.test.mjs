// Every flavour Node can load runs the same suite over its three entries (salescore,
// salescore/targets, salescore/admin); outputs must be identical across flavours.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { FLAVOURS, runBuild } from './run-build.mjs';

const outputs = {};

function report(summary) {
  return summary.failures.map((f) => `${f.name}\n    got:  ${JSON.stringify(f.got)}\n    want: ${JSON.stringify(f.want)}`).join('\n');
}

for (const flavour of Object.keys(FLAVOURS)) {
  test(`suite passes: ${flavour} (pkg/${FLAVOURS[flavour]}, pkg/targets/${FLAVOURS[flavour]}, pkg/admin/${FLAVOURS[flavour]})`, async () => {
    const summary = await runBuild(flavour);
    outputs[flavour] = summary.outputs;
    assert.ok(summary.count > 500, `only ${summary.count} checks ran`);
    assert.equal(summary.failures.length, 0, report(summary));
  });
}

test('suite passes: nowasm under node --jitless', () => {
  const out = execFileSync(process.execPath, ['--jitless', 'tests/js/run-build.mjs', 'nowasm'], { maxBuffer: 64 << 20 });
  const summary = JSON.parse(out);
  outputs.jitless = summary.outputs;
  assert.equal(summary.failures.length, 0, report(summary));
});

test('every flavour gives identical outputs, entry by entry', () => {
  const [first, ...rest] = Object.keys(outputs);
  assert.ok(rest.length >= 4, 'all flavours ran');
  for (const other of rest) assert.deepEqual(outputs[other], outputs[first], `${other} differs from ${first}`);
});
