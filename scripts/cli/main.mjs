// `npx salescore`: runs a plan over a team file and writes per-rep results, a summary, the rows
// that failed and (--explain) the statements. Bundled with papaparse into the package's cli.mjs
// by scripts/assemble.mjs; `salescore` below is the package's own Node entry (./node.js).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Plan, version } from 'salescore/admin';
import { HELP, parse } from './args.mjs';
import { compute } from './compute.mjs';
import { cliError, Stop } from './messages.mjs';
import { repRows, summary, write } from './outputs.mjs';
import { createProgress } from './progress.mjs';
import { attachOrders, planShape, readTeam, readText } from './team-file.mjs';

const EXIT = { ok: 0, nothing: 1, usage: 2, plan: 3, strict: 4 };

const say = (line) => process.stderr.write(`${line}\n`);
const describe = (e) => `${e.code}${e.path ? ` ${e.path}` : ''}: ${e.message}`;

function packageVersion() {
  try {
    return JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function run(args) {
  const o = args.options;
  let locale = o.locale;
  // The plan: handed to the engine as text, so that a syntax error is the engine's coded error too.
  const planText = readText(args.plan, locale ?? 'en');
  let plan;
  try {
    plan = Plan.compile(planText);
  } catch (e) {
    const message = locale ? (e.messages?.[locale] ?? e.message) : e.message;
    throw new Stop(EXIT.plan, { file: args.plan, code: e.code ?? 'INTERNAL_ERROR', path: e.path ?? '', message, hint: e.hint ?? undefined });
  }
  const doc = plan.document();
  locale ??= doc.locale === 'en' ? 'en' : 'zh-CN';
  const shape = planShape(doc);
  const team = readTeam(args.team, shape, locale);
  if (!team.entries.length) throw new Stop(EXIT.nothing, cliError('EMPTY_TEAM', { file: args.team }, locale));
  const problems = o.orders ? attachOrders(o.orders, team, shape, o, locale) : [];
  const unknown = team.columns.filter((c) => c && !shape.types.has(c) && c !== shape.transactions?.field);
  if (unknown.length && !o.quiet) {
    say(locale === 'en'
      ? `note: ${basename(args.team)} has columns that are not fields of the plan (passed on, unused): ${unknown.join(', ')}`
      : `注意：${basename(args.team)} 中以下列不是方案字段（原样传入，未使用）：${unknown.join('、')}`);
  }

  const progress = createProgress({ enabled: Boolean(process.stderr.isTTY) && !o.quiet });
  const { teams, kept } = compute(plan, doc, team.entries, { by: o.by, where: o.where, locale: o.locale, explain: o.explain }, progress);
  progress.clear();

  const computed = kept.filter((e) => e.result && !e.error);
  const rows = repRows(computed, doc, shape, o, team.format);
  const rowsByEntry = new Map(computed.map((e, i) => [e, rows[i]]));
  const teamFile = basename(args.team);
  const errors = [
    ...kept.filter((e) => e.error).map((e) => ({
      file: teamFile,
      row: e.row,
      ...(e.line !== undefined ? { line: e.line } : {}),
      id: e.record && typeof e.record === 'object' ? String(e.record[shape.repField] ?? '') : '',
      ...e.error,
    })),
    ...problems,
  ].sort((a, b) => (a.file === b.file ? a.row - b.row : a.file === teamFile ? -1 : 1));
  const failedByTeam = new Map(teams.map((t) => [t, t.entries.filter((e) => e.error).length]));
  const s = summary(teams, rowsByEntry, failedByTeam, doc, o);
  const explained = o.explain && {
    computed,
    repRowOf: (e) => rowsByEntry.get(e),
    json: computed.map((e) => {
      const r = rowsByEntry.get(e);
      return { row: r.row, ...(o.by ? { [o.by]: r[o.by] } : {}), id: r.id, name: r.name, score: e.result.score, incentive: e.result.incentive, trace: e.result.trace };
    }),
  };
  let files;
  try {
    files = write(o.out, o.format, { reps: rows, summary: s, errors, explained, by: o.by });
  } catch (e) {
    // An output folder that cannot be made or a file held open elsewhere: a usage problem, not
    // "nothing computed".
    throw new Stop(EXIT.usage, cliError('FILE_UNWRITABLE', { file: e.path ?? o.out, reason: e.code ?? e.message }, locale));
  }

  if (!o.quiet) {
    for (const e of errors) say(`${e.file} row ${e.row}${e.line !== undefined ? ` (line ${e.line})` : ''}${e.id ? ` ${e.id}` : ''}: ${describe(e)}`);
  }
  const failedRows = kept.filter((e) => e.error).length;
  if (!o.by && errors.some((e) => e.code === 'DUPLICATE_ID')) {
    say(locale === 'en'
      ? 'hint: several records share a rep id; if the file holds several periods, compute one team per period with --by <field> (or pick one with --where <field>=<value>)'
      : '提示：多条记录的代表标识相同；若文件包含多个周期，请用 --by <字段> 按周期分别计算（或用 --where <字段>=<值> 选取一个周期）');
  }
  say(`${rows.length} computed, ${failedRows} failed${problems.length ? `, ${problems.length} order problems` : ''} → ${files.join(', ')}`);
  if (!rows.length) {
    const none = !kept.length && o.where.length
      ? cliError('NO_MATCH', { where: o.where.map((w) => `${w.field}=${w.value}`).join(', ') }, locale)
      : cliError('NOTHING_COMPUTED', {}, locale);
    say(`error ${describe(none)}`);
    return EXIT.nothing;
  }
  return o.strict && errors.length ? EXIT.strict : EXIT.ok;
}

function main(argv) {
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    say(`salescore: ${e.message}\nRun 'salescore --help' for the commands and flags.`);
    return EXIT.usage;
  }
  if (args.version) {
    process.stdout.write(`salescore ${packageVersion()} (engine ${version()})\n`);
    return EXIT.ok;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  try {
    return run(args);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    say(`error ${e.error.file ? `${e.error.file}: ` : ''}${describe(e.error)}${e.error.hint ? `\n  hint: ${e.error.hint}` : ''}`);
    return e.exit;
  }
}

process.exitCode = main(process.argv.slice(2));
