// Every build Node can load runs the same suite; outputs must be identical across builds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { runBuild } from './run-build.mjs';

const builds = ['pkg/node.js', 'pkg/node.cjs', 'pkg/inline.js', 'pkg/nowasm.js'];
const outputs = {};

function report(summary) {
  return summary.failures.map((f) => `${f.name}\n    got:  ${JSON.stringify(f.got)}\n    want: ${JSON.stringify(f.want)}`).join('\n');
}

for (const build of builds) {
  test(`suite passes: ${build}`, async () => {
    const summary = await runBuild(build);
    outputs[build] = summary.outputs;
    assert.ok(summary.count > 500, `only ${summary.count} checks ran`);
    assert.equal(summary.failures.length, 0, report(summary));
  });
}

test('suite passes: pkg/nowasm.js under node --jitless', () => {
  const out = execFileSync(process.execPath, ['--jitless', 'tests/js/run-build.mjs', 'pkg/nowasm.js'], { maxBuffer: 64 << 20 });
  const summary = JSON.parse(out);
  outputs.jitless = summary.outputs;
  assert.equal(summary.failures.length, 0, report(summary));
});

test('every build gives identical outputs', () => {
  const [first, ...rest] = Object.keys(outputs);
  assert.ok(rest.length >= 4, 'all builds ran');
  for (const other of rest) assert.deepEqual(outputs[other], outputs[first], `${other} differs from ${first}`);
});
