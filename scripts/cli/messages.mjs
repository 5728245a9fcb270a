// The command line's own errors: a stable code (like the engine's) and a message in 中文 or
// English. The engine's errors keep the engine's code, path and message.

const MESSAGES = {
  USAGE: { en: (d) => d.text, 'zh-CN': (d) => d.text },
  FILE_UNREADABLE: { en: (d) => `cannot read ${d.file}: ${d.reason}`, 'zh-CN': (d) => `无法读取 ${d.file}：${d.reason}` },
  FILE_UNWRITABLE: { en: (d) => `cannot write ${d.file}: ${d.reason}`, 'zh-CN': (d) => `无法写入 ${d.file}：${d.reason}` },
  BAD_ENCODING: {
    en: (d) => `${d.file} is not UTF-8 text (save it as "CSV UTF-8" in Excel)`,
    'zh-CN': (d) => `${d.file} 不是 UTF-8 文本（在 Excel 中请另存为“CSV UTF-8”）`,
  },
  TEAM_NOT_ARRAY: {
    en: (d) => `${d.file} must hold a JSON array of records, found ${d.found}`,
    'zh-CN': (d) => `${d.file} 应为记录组成的 JSON 数组，实际为 ${d.found}`,
  },
  BAD_JSON: { en: (d) => `${d.file} is not valid JSON: ${d.reason}`, 'zh-CN': (d) => `${d.file} 不是有效的 JSON：${d.reason}` },
  NO_KEY: {
    en: () => 'orders need a key column tying them to a rep: the plan has no plain field as its rep id (incentive.rep or scorecard.team.id); give one with --key',
    'zh-CN': () => '订单需要一个关联销售代表的键列：方案中没有可用作代表标识的字段（incentive.rep 或 scorecard.team.id），请用 --key 指定',
  },
  NO_TRANSACTIONS: {
    en: () => '--orders given, but the plan has no incentive.transactions section',
    'zh-CN': () => '指定了 --orders，但方案没有 incentive.transactions 配置',
  },
  MISSING_COLUMN: { en: (d) => `${d.file} has no column ${d.column}`, 'zh-CN': (d) => `${d.file} 缺少列 ${d.column}` },
  BAD_JSON_CELL: {
    en: (d) => `${d.column} is not valid JSON: ${d.reason}`,
    'zh-CN': (d) => `${d.column} 不是有效的 JSON：${d.reason}`,
  },
  CSV_ROW: { en: (d) => `the CSV row is malformed: ${d.reason}`, 'zh-CN': (d) => `CSV 行格式错误：${d.reason}` },
  ORDER_WITHOUT_REP: {
    en: (d) => `no rep in the team file has ${d.key}`,
    'zh-CN': (d) => `团队文件中没有 ${d.key} 的销售代表`,
  },
  ORDER_AMBIGUOUS_REP: {
    en: (d) => `several rows of the team file have ${d.key}: add the column that tells them apart (the --by field) to the orders file`,
    'zh-CN': (d) => `团队文件中有多行的 ${d.key}：请在订单文件中加入能区分它们的列（--by 指定的字段）`,
  },
  ORDER_INVALID: {
    en: (d) => `an order of this rep (${d.file} row ${d.row}) is invalid: ${d.message}`,
    'zh-CN': (d) => `该代表的一笔订单（${d.file} 第 ${d.row} 行）无效：${d.message}`,
  },
  MISSING_BY: { en: (d) => `no value for ${d.field} (--by)`, 'zh-CN': (d) => `缺少 ${d.field} 的值（--by）` },
  NOTHING_COMPUTED: { en: () => 'no rep could be computed', 'zh-CN': () => '没有任何一条记录计算成功' },
  NO_MATCH: { en: (d) => `no record has ${d.where}`, 'zh-CN': (d) => `没有记录满足 ${d.where}` },
  EMPTY_TEAM: { en: (d) => `${d.file} has no records`, 'zh-CN': (d) => `${d.file} 中没有记录` },
};

/** An error of the command line: `{ code, path, message }` in the locale. */
export function cliError(code, detail = {}, locale = 'zh-CN', path = '') {
  const m = MESSAGES[code];
  const message = (m[locale] ?? m.en)(detail);
  return { code, path, message };
}

/** Thrown for what stops the whole run: a usage error (exit 2) or a plan that does not compile (3). */
export class Stop extends Error {
  constructor(exit, error) {
    super(error.message);
    this.exit = exit;
    this.error = error;
  }
}
