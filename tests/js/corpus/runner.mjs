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
//   generate.mjs writes them). The team cases of an entry whose Plan has no team batch
//   (salescore's) run through salescore/admin's build of the same flavour.

import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hasTeamBatch, teamEntryOf } from '../run-build.mjs';

/** Loads a package entry (ESM) and waits for its engine; `team` is the build that runs its team
 *  cases (itself, or salescore/admin's build of the same flavour). */
export async function loadBuild(entry) {
  const load = async (file) => {
    const api = await import(pathToFileURL(resolve(file)).href);
    await api.init();
    return api;
  };
  const api = await load(entry);
  const team = hasTeamBatch(entry) ? api : await load(teamEntryOf(entry));
  return { ...api, team };
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
  const free = () => {
    for (const handle of Object.values(current?.compiled ?? {})) handle?.free?.();
  };
  const plan = (p) => {
    free();
    current = { ...p, compiled: {}, failure: {} };
  };
  const run = (c) => {
    if (!current || current.id !== c.plan) throw new Error(`case ${c.id}: plan ${c.plan} not given before it`);
    // A team case runs through the build with the team batch (`api.team`), compiled there.
    const [by, build] = c.call === 'team' ? ['team', api.team ?? api] : ['one', api];
    if (current.compiled[by] === undefined && current.failure[by] === undefined) {
      try {
        current.compiled[by] = build.Plan.compile(current.as === 'object' ? JSON.parse(current.text) : current.text);
      } catch (e) {
        const out = thrown(build, e);
        current.failure[by] = out.error ? `{"case":%,"compile":${JSON.stringify(out.error)}}` : `{"case":%,"thrown":${JSON.stringify(out.thrown)}}`;
        current.compiled[by] = null;
      }
    }
    if (current.failure[by]) return current.failure[by].replace('%', String(c.id));
    const compiled = current.compiled[by];
    try {
      const result = c.call === 'team' ? compiled.evaluateTeam(c.records, c.options) : compiled.evaluate(c.record, c.options);
      return `{"case":${c.id},"result":${JSON.stringify(result)}}`;
    } catch (e) {
      const out = thrown(build, e);
      return out.error ? `{"case":${c.id},"error":${JSON.stringify(out.error)}}` : `{"case":${c.id},"thrown":${JSON.stringify(out.thrown)}}`;
    }
  };
  const done = () => {
    free();
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
