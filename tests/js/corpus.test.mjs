// Same answer everywhere, on a sample: 400 generated (plan, record) cases (tests/js/corpus/)
// natively (examples/corpus.rs, debug build), through the WebAssembly build, the no-WASM build
// and the admin entry's WebAssembly build; every output line byte-identical. `./run corpus` runs 10,000 and more.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { BUILDS, compare, tally } from './corpus/compare.mjs';
import { generate, lines } from './corpus/generate.mjs';
import { loadBuild, runCorpus } from './corpus/runner.mjs';

const COUNT = 400;
const SEED = 7;

test(`${COUNT} generated cases give byte-identical outputs natively, in WebAssembly, without it and in the admin entry`, async () => {
  const corpus = generate(COUNT, SEED);
  assert.equal(corpus.cases.length, COUNT);
  const all = [...lines(corpus)];
  const r = spawnSync('cargo', ['run', '--quiet', '--example', 'corpus'], {
    input: `${all.join('\n')}\n`,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `examples/corpus.rs failed:\n${r.stderr}`);
  const native = r.stdout.split('\n').filter((l) => l.length > 0);
  assert.equal(native.length, COUNT, 'one native line per case');

  const builds = {};
  for (const [name, entry] of BUILDS) {
    builds[name] = runCorpus(await loadBuild(entry), corpus);
    assert.equal(builds[name].length, COUNT, `one ${name} line per case`);
  }
  const { compared, differences } = compare(native, builds, all.filter((l) => l.startsWith('{"kind":"case"')));
  assert.equal(compared, BUILDS.length * COUNT);
  assert.equal(differences.length, 0, differences.join('\n\n'));

  // A corpus that exercises something: results, errors of calls and of plans, team calls.
  const t = tally(native);
  assert.equal(t.other, 0, 'every case has a result or a coded error');
  assert.ok(t.results > COUNT * 0.3, `${t.results} results`);
  assert.ok(t.errors > COUNT * 0.1, `${t.errors} call errors`);
  assert.ok(t.compile > COUNT * 0.05, `${t.compile} compile errors`);
  assert.ok(corpus.cases.filter((c) => c.call === 'team').length > COUNT * 0.03, 'team calls');
});
