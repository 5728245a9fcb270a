// Every JS example of the package README, type-checked as a TypeScript user's editor checks it:
// `tsc --strict` with `checkJs`, against the built package's declarations, imports resolved
// through the package's exports map (a temp project with pkg/ installed as node_modules/salescore),
// so a misspelt plan key, a wrong argument or a result part that may be missing is an error here
// before it is one in a builder's project. Lines that pass a wrong value on purpose (the
// hostile-input examples) say so with `@ts-expect-error`, which fails when the error goes away.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..', '..');
const README = join(ROOT, 'pkg-template', 'README.md');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

/** The README's JS blocks: ES modules, and CommonJS (`// run as: commonjs`) as .cjs. */
function examples() {
  const text = readFileSync(README, 'utf8');
  return [...text.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => ({
    line: text.slice(0, m.index).split('\n').length,
    code: m[1],
    commonjs: /run as: commonjs/.test(m[1]),
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'salescore-readme-types-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('tsc --strict (checkJs) finds no error in any JS example of the package README', () => {
  const blocks = examples();
  assert.ok(blocks.length >= 20, `${blocks.length} examples`);
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'salescore'), 'dir');
  // Node's types would come from @types/node in a builder's project; the CommonJS examples need
  // only `require`, declared here as Node declares it for a CommonJS file.
  writeFileSync(join(dir, 'node.d.ts'), 'declare function require(id: string): any;\n');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-types', private: true, type: 'module' }));
  const files = blocks.map((b) => {
    const file = `readme-${b.line}.${b.commonjs ? 'cjs' : 'mjs'}`;
    writeFileSync(join(dir, file), b.code);
    return file;
  });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: false,
      target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: [],
      // The handles are disposable (`using plan = Plan.compile(…)`): their types name Symbol.dispose.
      lib: ['es2022', 'esnext.disposable', 'dom'],
    },
    files: ['node.d.ts', ...files],
  }));
  const run = spawnSync(process.execPath, [TSC, '-p', dir], { cwd: dir, encoding: 'utf8' });
  // Errors name the README line: readme-<line of the block>.mjs(<line in the block>,…).
  const errors = run.stdout.split('\n').filter((l) => /error TS/.test(l));
  assert.deepEqual(errors, [], `pkg-template/README.md examples (file readme-N: the block at line N)`);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
