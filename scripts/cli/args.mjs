// The command line's flags and its help text.
import { parseArgs } from 'node:util';

export const HELP = `salescore — run a sales plan over a team file: scores, grades, incentive payouts.

Usage:
  salescore run <plan.json> <team.csv|team.json> [options]
  salescore help | --help | --version

The team file is a JSON array of records, or a CSV whose header names the plan's fields (one
rep a row). Numbers are read exactly as written ("12345.67"); empty cells are left out (the
field's default applies); boolean cells are TRUE/FALSE, 1/0, yes/no or 是/否. The plan's orders
(incentive.transactions, e.g. 订单) are either a JSON array in their CSV cell or a second CSV
given with --orders, one order a row, tied to its rep by the key column.

Options:
  -o, --out <dir>          where the outputs go (default: salescore-out); created if missing
  -f, --format <csv|json>  format of the outputs (default: csv; CSV files start with a UTF-8
                           BOM so that Excel shows Chinese text)
  -l, --locale <zh-CN|en>  language of messages and explanations (default: the plan's)
  -e, --explain            also write every rep's statement and score with their sentences
      --orders <file.csv>  orders in a CSV of their own: the key column(s) plus the plan's
                           transaction columns (订单号, 金额, …; a splits cell is JSON)
      --key <column>       the column tying an order to its rep (default: the plan's rep id,
                           incentive.rep or scorecard.team.id); when --by is given and the
                           orders file has that column too, it is matched as well
      --by <field>         one team per value of the field (e.g. --by 月份: one team a month),
                           each ranked, distributed and summed on its own
      --where <field=value>  only the records whose field has that value (repeatable)
      --strict             exit 4 when any row has an error (default: 0 when any rep computed)
  -q, --quiet              no row errors on stderr (the errors file still has them), no progress
  -h, --help               this help
  -V, --version            the package's and the engine's version

Outputs (in --out):
  reps.csv|json            one row per computed rep: row, line (CSV team files), [by field],
                           id, name, group, score, grade, forcedGrade, rank, vetoed, payout,
                           one column per incentive component (payout:<id>), one per metric
                           (metric:<id>)
  summary.csv|json         per team (per --by value): reps, errors, payout total and per
                           component, grade counts (bands and forced), the plan's aggregates,
                           the same per group, and the PK results; with --by, also the
                           total over all teams (team '(all)')
  errors.csv|json          one row per row that could not be computed: file, row, line, id,
                           code, path (in the record), message, hint; always written
  statements.csv|json      with --explain: every statement line and the score, as sentences
                           (JSON: each rep's whole score, incentive and trace objects)

  Decimals are written exactly as the engine gives them (strings in JSON).
  'row' is the record's number in the team file, first record = 1; 'line' (CSV) is the line
  where it starts, the header being line 1.

Exit codes:
  0  at least one rep was computed (rows with errors are in the errors file and on stderr)
  1  nothing could be computed (every row failed, or the team file has no records)
  2  usage: an unknown flag, a missing argument, a file that cannot be read or parsed, an output that cannot be written
  3  the plan does not compile (its code, path and message on stderr)
  4  with --strict: some rows failed (the others were computed and written)

Example:
  npx salescore run plan.json reps.json --by 月份 --out results --explain
`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  locale: { type: 'string', short: 'l' },
  explain: { type: 'boolean', short: 'e' },
  orders: { type: 'string' },
  key: { type: 'string' },
  by: { type: 'string' },
  where: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

/** `{ command, help?, version?, plan, team, options }`, or throws an Error whose message says
 *  what is wrong with the command line. */
export function parse(argv) {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help || values.version) return { help: values.help, version: values.version, command: positionals[0] };
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'help') return { help: true };
  if (command !== 'run') throw new Error(`unknown command '${command}' (try: salescore run <plan.json> <team.csv|team.json>)`);
  if (rest.length !== 2) throw new Error(`'run' takes two files, the plan and the team, found ${rest.length}: salescore run <plan.json> <team.csv|team.json>`);
  const format = values.format ?? 'csv';
  if (!['csv', 'json'].includes(format)) throw new Error(`--format is csv or json, not '${format}'`);
  if (values.locale !== undefined && !['zh-CN', 'en'].includes(values.locale)) throw new Error(`--locale is zh-CN or en, not '${values.locale}'`);
  const where = (values.where ?? []).map((w) => {
    const at = w.indexOf('=');
    if (at <= 0) throw new Error(`--where takes field=value, not '${w}'`);
    return { field: w.slice(0, at), value: w.slice(at + 1) };
  });
  return {
    command,
    plan: rest[0],
    team: rest[1],
    options: {
      out: values.out ?? 'salescore-out',
      format,
      locale: values.locale,
      explain: values.explain ?? false,
      orders: values.orders,
      key: values.key,
      by: values.by,
      where,
      strict: values.strict ?? false,
      quiet: values.quiet ?? false,
    },
  };
}
