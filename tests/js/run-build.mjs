// Runs the suite against one build in this process and prints the summary as JSON.
// Usage: node tests/js/run-build.mjs <pkg entry, e.g. pkg/nowasm.js>
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadData } from './data.mjs';
import { runSuite } from './suite.mjs';

export async function loadBuild(entry) {
  const file = resolve(entry);
  const api = file.endsWith('.cjs') ? createRequire(import.meta.url)(file) : await import(pathToFileURL(file).href);
  await api.init();
  return api;
}

export async function runBuild(entry) {
  const api = await loadBuild(entry);
  const data = await loadData((p) => readFile(p, 'utf8'));
  return runSuite(api, data);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = await runBuild(process.argv[2]);
  process.stdout.write(JSON.stringify(summary));
}
