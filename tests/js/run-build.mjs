// Runs the suite against one flavour of the package in this process and prints the summary as
// JSON. A flavour is one file name in every entry: `salescore` (pkg/), `salescore/targets`
// (pkg/targets/) and `salescore/admin` (pkg/admin/), each its own WebAssembly module.
// Usage: node tests/js/run-build.mjs <flavour: node | cjs | inline | nowasm>
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadData } from './data.mjs';
import { combine, runSuite } from './suite.mjs';

/** The flavours Node loads, by the file each entry has for it. */
export const FLAVOURS = { node: 'node.js', cjs: 'node.cjs', inline: 'inline.js', nowasm: 'nowasm.js' };

/** The entries of the package, by the folder of pkg/ their files are in. */
export const ENTRY_DIRS = { form: 'pkg/', targets: 'pkg/targets/', admin: 'pkg/admin/' };

/** Whether an entry file (`pkg/admin/nowasm.js`…) is `salescore/admin`'s, whose Plan has the team
 *  batch (`evaluateTeam`) and the plan's document; `salescore`'s evaluates record by record. */
export const hasTeamBatch = (file) => file.startsWith(ENTRY_DIRS.admin) || file.includes(`/${ENTRY_DIRS.admin}`);

/** `salescore/admin`'s file in the flavour of an entry file (`pkg/nowasm.js` → `pkg/admin/nowasm.js`). */
export const teamEntryOf = (file) => (hasTeamBatch(file) ? file : file.replace(/pkg\/(?!admin\/)/, ENTRY_DIRS.admin));

/** One entry file (`pkg/targets/nowasm.js`…), loaded and its engine started. */
export async function loadEntry(path) {
  const file = resolve(path);
  const api = file.endsWith('.cjs') ? createRequire(import.meta.url)(file) : await import(pathToFileURL(file).href);
  await api.init();
  return api;
}

/** The three entries of a flavour: `{ form, targets, admin }`. */
export async function loadEntries(flavour) {
  const file = FLAVOURS[flavour];
  if (!file) throw new Error(`unknown flavour ${flavour} (one of ${Object.keys(FLAVOURS).join(', ')})`);
  const entries = {};
  for (const [name, dir] of Object.entries(ENTRY_DIRS)) entries[name] = await loadEntry(`${dir}${file}`);
  return entries;
}

/** A flavour as the suite calls it (see `combine` in suite.mjs). */
export async function loadBuild(flavour) {
  return combine(await loadEntries(flavour));
}

export async function runBuild(flavour) {
  const api = await loadBuild(flavour);
  const data = await loadData((p) => readFile(p, 'utf8'));
  return runSuite(api, data);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = await runBuild(process.argv[2]);
  process.stdout.write(JSON.stringify(summary));
}
