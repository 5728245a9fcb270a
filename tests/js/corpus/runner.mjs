// Runs the corpus (generate.mjs) through one JS build and writes one line per case, exactly as
// examples/corpus.rs writes it natively:
//   {"case":N,"result":R}                R: JSON.stringify of evaluate / evaluateTeam's result
//   {"case":N,"error":E}                 the call threw
//   {"case":N,"compile":E}               Plan.compile threw
// with E = {"code","message","path","origin","span","hint","suggestion","detail","messages"}.
// Anything else thrown (not a SalesScoreError) is written as {"case":N,"thrown":"Name: message"}.
//
//   node tests/js/corpus/runner.mjs BUILD < cases.jsonl > outputs.jsonl
//   (BUILD: an entry with plans, pkg/node.js, pkg/nowasm.js, pkg/admin/node.js…; the cases as
//   generate.mjs writes them)

import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Loads a package entry (ESM) and waits for its engine. */
export async function loadBuild(entry) {
  const api = await import(pathToFileURL(resolve(entry)).href);
  await api.init();
  return api;
}

/** A thrown value as the corpus writes it. */
function thrown(api, e) {
  if (!(e instanceof api.SalesScoreError)) return { thrown: `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}` };
  const { code, message, path, origin, span, hint, suggestion, detail, messages } = e;
  return { error: { code, message, path, origin, span, hint, suggestion, detail, messages: { 'zh-CN': messages['zh-CN'], en: messages.en } } };
}

/**
 * A runner over one build: `plan(p)` takes a plan line, `run(c)` a case line and returns the
 * case's output line. A plan is compiled on its first case and freed when the next plan comes.
 */
export function runner(api) {
  let current = null;
  const plan = (p) => {
    current?.compiled?.free?.();
    current = { ...p, compiled: undefined, failure: undefined };
  };
  const run = (c) => {
    if (!current || current.id !== c.plan) throw new Error(`case ${c.id}: plan ${c.plan} not given before it`);
    if (current.compiled === undefined && current.failure === undefined) {
      try {
        current.compiled = api.Plan.compile(current.as === 'object' ? JSON.parse(current.text) : current.text);
      } catch (e) {
        const out = thrown(api, e);
        current.failure = out.error ? `{"case":%,"compile":${JSON.stringify(out.error)}}` : `{"case":%,"thrown":${JSON.stringify(out.thrown)}}`;
        current.compiled = null;
      }
    }
    if (current.failure) return current.failure.replace('%', String(c.id));
    try {
      const result =
        c.call === 'team' ? current.compiled.evaluateTeam(c.records, c.options) : current.compiled.evaluate(c.record, c.options);
      return `{"case":${c.id},"result":${JSON.stringify(result)}}`;
    } catch (e) {
      const out = thrown(api, e);
      return out.error ? `{"case":${c.id},"error":${JSON.stringify(out.error)}}` : `{"case":${c.id},"thrown":${JSON.stringify(out.thrown)}}`;
    }
  };
  const done = () => {
    current?.compiled?.free?.();
    current = null;
  };
  return { plan, run, done };
}

/** Every case of a corpus (`{ plans, cases }` from generate.mjs) through `api`: output lines. */
export function runCorpus(api, { plans, cases }) {
  const r = runner(api);
  const out = [];
  let given = -1;
  for (const c of cases) {
    while (given < c.plan) r.plan(plans[++given]);
    // Each case gets its own copy of its input, as a host would send it.
    out.push(r.run(structuredClone(c)));
  }
  r.done();
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const api = await loadBuild(process.argv[2]);
  const r = runner(api);
  const out = [];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line) continue;
    const item = JSON.parse(line);
    if (item.kind === 'plan') r.plan(item);
    else out.push(r.run(item));
    if (out.length >= 512) process.stdout.write(`${out.splice(0).join('\n')}\n`);
  }
  r.done();
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
}
