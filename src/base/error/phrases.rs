//! The phrases error details are made of, each with its English and its Chinese, in one table.
//!
//! To say something new in an error's `expected`, `found` or `name`, add a line here (the test in
//! `tests/messages.rs` renders every phrase in both locales and checks the Chinese against the
//! glossary) and pass the phrase: `.expected(Phrase::AtLeastOneRule)`. A phrase with values
//! writes them `{0}`, `{1}` in both languages and is given them with [`Phrase::with`].

use super::text::Text;

/// Declares the phrases once: the enum, the list of all, and each phrase's wire text (its
/// English in `detail`, and what `document.js` sends), its English in a message (when that
/// differs from the wire text) and its Chinese.
macro_rules! phrases {
    ($($(#[$doc:meta])* $key:ident = $wire:literal $(as $en:literal)? => $zh:literal,)*) => {
        /// A fixed phrase of an error's facts, worded by each locale. See the module.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Phrase {
            $($(#[$doc])* $key,)*
        }

        impl Phrase {
            /// Every phrase, in table order.
            pub const ALL: &'static [Phrase] = &[$(Phrase::$key,)*];

            /// The wire text: the English `detail` carries (and `document.js` sends).
            pub fn wire(self) -> &'static str {
                match self {
                    $(Phrase::$key => $wire,)*
                }
            }

            /// The English in a message.
            pub fn en(self) -> &'static str {
                match self {
                    $(Phrase::$key => phrases!(@en $wire $(, $en)?),)*
                }
            }

            /// The Chinese in a message.
            pub fn zh(self) -> &'static str {
                match self {
                    $(Phrase::$key => $zh,)*
                }
            }
        }
    };
    (@en $wire:literal) => { $wire };
    (@en $wire:literal, $en:literal) => { $en };
}

impl Phrase {
    /// This phrase with the values of its `{0}`, `{1}`…, as a [`Text`].
    pub fn with<I: IntoIterator<Item = S>, S: ToString>(self, args: I) -> Text {
        Text::phrase_with(self, args.into_iter().map(|a| a.to_string()).collect())
    }

    /// The phrase whose wire text is `text` (the first in the table; limits are looked up with
    /// [`Phrase::limit`]).
    pub fn from_wire(text: &str) -> Option<Phrase> {
        Phrase::ALL.iter().copied().filter(|p| !p.is_limit()).find(|p| p.wire() == text)
    }

    /// The `TOO_LARGE` limit named `name` (`records`, `rows`, `text`, `document`, `nesting`,
    /// `array`), as the boundary names it.
    pub fn limit(name: &str) -> Option<Phrase> {
        Phrase::ALL.iter().copied().filter(|p| p.is_limit()).find(|p| p.wire() == name)
    }

    /// Whether this names what a `TOO_LARGE` limit counts.
    pub fn is_limit(self) -> bool {
        use Phrase::*;
        matches!(self, LimitRecords | LimitRows | LimitText | LimitDocument | LimitNesting | LimitArray)
    }
}

phrases! {
    // ---- formula text: what the parser expected
    /// Any operand.
    AValue = "a value" => "一个值",
    /// A binary operator.
    AnOperator = "an operator" => "运算符",
    /// The end of the formula.
    EndOfFormula = "end of formula" => "公式结尾",
    /// A closing parenthesis.
    CloseParen = "')'" => "“)”",
    /// The separator or the end of an argument list.
    CommaOrCloseParen = "',' or ')'" => "“,” 或 “)”",
    /// A name between braces.
    AFieldName = "a field name" => "字段名",

    // ---- functions: why an argument is refused
    /// `0^0`.
    ZeroToZero = "0^0 is undefined" => "0^0 没有定义",
    /// A negative base with a fractional exponent.
    NegativeFractionalPower = "a negative number has no real fractional power" => "负数不能开非整数次方",
    /// CEILING/FLOOR with a negative significance for a positive number.
    PositiveSignificance = "a positive number needs a positive significance" => "正数的舍入基数必须为正",
    /// The digits of ROUND and its kin.
    DigitsSmallInteger = "digits must be a small integer" => "位数必须是较小的整数",
    /// CLAMP's bounds.
    LowNotAboveHigh = "low must not exceed high" => "下限不能大于上限",
    /// SQRT's argument.
    NumberNotNegative = "the number must not be negative" => "数值不能为负",
    /// TIER's thresholds.
    ThresholdsRiseStrictly = "thresholds must rise strictly" => "门槛值必须严格递增",
    /// FIXED's decimals.
    DecimalsBetween = "decimals must be between -28 and 28" => "小数位数须在 -28 到 28 之间",
    /// DATEDIF's dates.
    StartNotAfterEnd = "start_date must not be after end_date" => "开始日期不能晚于结束日期",
    /// DATEDIF's unit.
    DateUnit = "unit must be \"Y\", \"M\", \"D\" or \"YM\"" => "单位须为 \"Y\"、\"M\"、\"D\" 或 \"YM\"",
    /// A date computed past the calendar's range.
    DateOutOfRange = "out of range" => "超出可表示的日期范围",

    // ---- kinds of values: types of fields and metrics, and kinds of JSON and JS values
    /// Number type.
    TypeNumber = "number" => "数值",
    /// Text type.
    TypeText = "text" => "文本",
    /// Boolean type.
    TypeBoolean = "boolean" => "布尔值",
    /// Date type.
    TypeDate = "date" => "日期",
    /// Money type.
    TypeMoney = "money" => "金额",
    /// Integer type.
    TypeInteger = "integer" => "整数",
    /// Rate type.
    TypeRate = "rate" => "比率",
    /// Score kind of a metric; also what a team pool is shared by.
    TypeScore = "score" => "得分",
    /// What a field without a declared type accepts.
    AnyFieldValue = "number, text, boolean or date" => "数值、文本、布尔值或日期",
    /// A JS string.
    KindString = "string" => "字符串",
    /// An array.
    KindArray = "array" => "数组",
    /// An object.
    KindObject = "object" => "对象",
    /// A JS function.
    KindFunction = "function" => "函数",
    /// A JS symbol.
    KindSymbol = "symbol" => "符号值",
    /// A JS BigInt.
    KindBigint = "bigint" => "大整数",
    /// A revoked Proxy, or one whose traps throw.
    UnreadableObject = "unreadable object" => "无法读取的对象",
    /// What a getter threw when it cannot be described.
    AnException = "an exception" => "异常",
    /// A read that failed for no reason the host gave.
    Unknown = "unknown" => "原因不明",
    /// A value that contains itself.
    ACycle = "a cycle" => "循环引用",
    /// A hole in a sparse array.
    AnEmptySlot = "an empty slot" => "数组空位",
    /// Anything JSON can write.
    AJsonValue = "a JSON value" => "可写成 JSON 的值",
    /// An object (a row of a sub-table).
    AnObject = "an object" => "对象",

    // ---- the arguments of the package's calls
    /// The record argument.
    Record = "record" => "记录",
    /// A whole document argument.
    TheDocument = "the document" => "文档",
    /// The records argument of a batch call.
    Records = "records" => "记录列表",
    /// What a batch call takes.
    AnArrayOfRecords = "an array of records" => "记录数组",
    /// What the options argument is.
    AnOptionsObject = "an object { numbers, explain, locale, detail }" => "`{ numbers, explain, locale, detail }` 形式的对象",
    /// The keys of the options.
    OneOfOptionKeys = "one of numbers, explain, locale, detail" => "可用的选项为 `numbers`、`explain`、`locale`、`detail`",
    /// A boolean option.
    TrueOrFalse = "true or false" => "`true` 或 `false`",
    /// The `numbers` option.
    NumberOrString = "\"number\" or \"string\"" => "\"number\" 或 \"string\"",
    /// The `locale` option.
    ZhOrEn = "\"zh-CN\" or \"en\"" => "\"zh-CN\" 或 \"en\"",
    /// The `detail` option.
    FullOrTotals = "\"full\" or \"totals\"" => "\"full\" 或 \"totals\"",
    /// The `detail` option beside `explain: true`.
    FullWhenExplained = "\"full\" (an explanation shows every line)" => "\"full\"（解释需要列出每一行）",
    /// The index of a record in a comparison.
    ARecordIndex = "a record index" => "记录序号",
    /// The extra deal of a what-if.
    ADealObject = "{ amount, product?, customerType? }" => "`{ amount, product?, customerType? }` 形式的对象",
    /// An amount of money.
    AnAmount = "an amount" => "金额",

    // ---- ids and lists in plans
    /// An id or a list that is empty.
    MustNotBeEmpty = "must not be empty" => "不能为空",
    /// An id with spaces around it.
    NoSpacesAround = "must not start or end with spaces" => "首尾不能有空格",
    /// A field id with a closing brace.
    NoClosingBrace = "must not contain '}'" => "不能包含 “}”",
    /// A list that needs an entry.
    AtLeastOne = "at least one" => "至少一项",
    /// Two bounds the wrong way round.
    MinNotAboveMax = "min must not exceed max" => "下限不大于上限",
    /// A `from` not below its `to`.
    FromBelowTo = "from must be below to" => "`from` 小于 `to`",
    /// What a reference names: a grade.
    Grade = "grade" => "等级",
    /// What a reference names: an indicator.
    Indicator = "indicator" => "指标",
    /// What a reference names: a team aggregate.
    Aggregate = "aggregate" => "汇总项",
    /// A number not below zero.
    AtLeastZero = "≥ 0" => "不小于 0 的数",
    /// A number not below zero.
    ANumberAtLeastZero = "a number ≥ 0" => "不小于 0 的数",
    /// A whole number not below zero.
    AWholeNumberAtLeastZero = "a whole number ≥ 0" => "不小于 0 的整数",
    /// A count not below zero.
    ACountAtLeastZero = "a count ≥ 0" => "不小于 0 的次数",
    /// A number from 0 to 100.
    ANumberFrom0To100 = "a number from 0 to 100" => "0 到 100 之间的数",
    /// A percent from 0 to 100.
    APercentFrom0To100 = "a percent from 0 to 100" => "0 到 100 之间的百分比",
    /// A number with at most so many decimal places.
    AtMostDecimalPlaces = "at most {0} decimal places" => "最多 {0} 位小数",

    // ---- scorecards
    /// A scoring method that needs a target.
    TargetNeeded = "a target is needed" => "需要设置目标",
    /// A ratio method's cap below its floor.
    CapNotBelowFloor = "cap must not be below floor" => "封顶值不能低于保底值",
    /// Step bands out of order.
    BandsRiseStrictly = "bands must rise strictly" => "档位必须严格递增",
    /// A rating listed twice.
    RatingsUnique = "ratings must be unique" => "评分不能重复",
    /// A linear method with more than two bounds.
    AtMostTwoBounds = "at most two bounds" => "最多两个界限值",
    /// A linear method's two bounds.
    ThresholdAndStretch = "threshold and stretch" => "门槛值和挑战值",
    /// A linear method's bounds the wrong way round.
    StretchAboveThreshold = "stretch must be above threshold" => "挑战值必须高于门槛值",
    /// A lower-is-better method whose base is its target.
    BaseDiffersFromTarget = "base must differ from target" => "基准值不能等于目标值",
    /// A grade band above the top one without an upper bound.
    OnlyHighestBandOpen = "only the highest band may leave out to" => "一个上限（只有最高的等级区间可以不设）",
    /// A grade band below the bottom one without a lower bound.
    OnlyLowestBandOpen = "only the lowest band may leave out from" => "一个下限（只有最低的等级区间可以不设）",
    /// A PK between a group and itself.
    TwoDifferentGroups = "two different groups" => "两个不同的小组",
    /// Level thresholds out of order.
    ThresholdsRising = "thresholds rising strictly" => "严格递增的门槛值",
    /// The first level not starting at 0.
    FirstLevelFromZero = "the first level from 0" => "从 0 开始的第一个级别",

    // ---- incentives
    /// An incentive section without components.
    AtLeastOneComponent = "at least one component" => "至少一个组件",
    /// A team pool before another component.
    PoolsLast = "team pools after every other component" => "团队奖金池排在其他所有组件之后",
    /// A SPIFF with both or neither of its triggers.
    EventsOrWhere = "exactly one of events and where" => "`events` 与 `where` 恰好填写一个",
    /// A team pool in a plan without a team scorecard.
    ScorecardTeamSection = "a scorecard team section (pools are split by team)" => "考核表中的 `team` 部分（奖金池按团队分配）",
    /// A commission without rules.
    AtLeastOneRule = "at least one rule" => "至少一条规则",
    /// An amount formula beside a transactions sub-table.
    NoAmountFormulaWithTransactions = "no amount formula when the plan has transactions" => "不写金额公式（计划已含交易子表）",
    /// A rule with filters under an amount formula.
    RuleWithoutFilters = "a rule without filters for the amount formula" => "不带筛选条件的规则（用金额公式计算时）",
    /// A target bonus with both or neither of its actuals.
    ActualOrActualFrom = "exactly one of actual and actualFrom" => "`actual` 与 `actualFrom` 恰好填写一个",
    /// A multiplier read from the scorecard in a plan without one.
    APlanWithAScorecard = "a plan with a scorecard" => "包含考核表的计划",
    /// A multiplier with both or neither of its sources.
    FromOrFormula = "exactly one of from and formula" => "`from` 与 `formula` 恰好填写一个",
    /// What `actualFrom` names.
    CommissionComponent = "commission component" => "提成组件",
    /// A rate table's quota.
    AQuotaAbove0 = "a quota above 0" => "大于 0 的定额",
    /// A flat rate table with several tiers.
    FlatTableOneTier = "a flat table has one tier" => "一个档位（固定比例表只能有一个）",
    /// A tier other than the last without an upper bound.
    OnlyLastTierOpen = "only the last tier may leave out to" => "一个上限（只有最后一个档位可以不设 `to`）",
    /// A team pool (named in errors about its members).
    Pool = "pool" => "奖金池",
    /// An allocation by weights.
    Allocation = "allocation" => "分配",
    /// The rate tier at an index.
    TierAt = "tier {0}" => "档位 {0}",
    /// The payout curve point at an index.
    PointAt = "point {0}" => "曲线点 {0}",
    /// What a transactions field holds.
    AnArrayOfTransactions = "an array of transactions" => "交易记录数组",
    /// What a split cell holds.
    AnArrayOfShares = "an array of { rep, percent }" => "`{ rep, percent }` 的数组",
    /// A rounding scale fixed by the currency.
    DecimalsForCurrency = "{0} decimals for {1}" => "{1} 的 {0} 位小数",
    /// An amount's decimals limited by the currency.
    AtMostDecimalsForCurrency = "at most {0} decimals for {1}" => "{1} 最多 {0} 位小数",

    // ---- target decomposition and pacing
    /// Decomposition basis: equal shares.
    Equal = "equal" => "平均",
    /// Decomposition basis: history.
    History = "history" => "历史份额",
    /// Decomposition basis: potential.
    Potential = "potential" => "市场潜力",
    /// Decomposition basis: capacity.
    Capacity = "capacity" => "人力产能",
    /// Decomposition basis: custom weights.
    Weights = "weights" => "自定义权重",
    /// Decomposition basis: a blend of bases.
    Blend = "blend" => "混合",
    /// A blend inside a blend.
    ABlendPartNotABlend = "a blend part that is not a blend" => "非混合的分解依据",
    /// Locks above the parent's amount.
    LockedExceed = "locked amounts exceed the amount to share" => "锁定金额之和超过了可分配金额",
    /// Every child locked, locks not adding up.
    AllLockedMismatch = "every child is locked but the locks do not add up to the amount" => "下级全部锁定，但锁定金额之和不等于上级金额",
    /// Minima above the parent's amount.
    MinimaExceed = "the minima exceed the amount to share" => "各下级的下限之和超过了可分配金额",
    /// Maxima below the parent's amount.
    MaximaShort = "the maxima fall short of the amount to share" => "各下级的上限之和不足可分配金额",
    /// A lock outside its node's bounds.
    LockedOutsideMinMax = "the locked amount is outside min and max" => "锁定金额不在下限与上限之间",
    /// A node with an amount but no active day.
    NoActiveDay = "no active day in the period for its amount" => "期间内没有在岗日，无法安排其金额",
    /// A period not starting on the 1st.
    StartFirstDayOfMonth = "start must be the first day of a month" => "开始日期必须是某月 1 日",
    /// A period not ending on a month's last day.
    EndLastDayOfMonth = "end must be the last day of a month" => "结束日期必须是某月最后一天",
    /// A period ending before it starts.
    EndNotBeforeStart = "end must not be before start" => "结束日期不能早于开始日期",
    /// A period too long.
    AtMost60Months = "at most 60 months" => "最长 60 个月",
    /// A leaver before being hired.
    LeaveNotBeforeHire = "leaveDate must not be before hireDate" => "离职日期不能早于入职日期",
    /// A seasonality profile.
    TwelveMonthPercentages = "twelve month percentages" => "12 个月的百分比",
    /// Seasonality derived from history needs sales in each month it weighs.
    HistoryInEveryMonth = "sales history in every month of the period, in the twelve months before it" => "期间前 12 个月中，与期间各月对应的月份都要有历史销售",
    /// A month of history.
    AMonth = "a month YYYY-MM" => "YYYY-MM 格式的月份",
    /// A capacity tier.
    ATierInTiers = "a tier in tiers" => "`tiers` 中的档位",
    /// A rounding unit.
    AUnitAbove0 = "a unit above 0" => "大于 0 的单位",
    /// Months of a ramp or of history.
    AtLeastOneMonth = "at least 1 month" => "至少 1 个月",
    /// A root with its own amount.
    RootGetsTotal = "the root gets the total" => "根节点的金额就是总目标",
    /// A tree too deep.
    TreeAtMost32Levels = "a tree at most 32 levels deep" => "组织树最多 32 层",
    /// A pacing period ending before it starts.
    NotBeforeStart = "it must not be before the start" => "不能早于开始日期",
    /// An as-of date outside the period.
    WithinPeriod = "it must be within the period" => "必须在期间内",
    /// A pacing period without a working day.
    PeriodNeedsWorkingDay = "the period needs at least one working day" => "期间至少需要一个工作日",
    /// A deal's amount.
    ANonNegativeAmount = "a non-negative amount" => "不小于 0 的金额",

    // ---- the admin's comparison: options
    /// A count from 1.
    OneTo = "1 to {0}" => "1 到 {0}",
    /// A histogram's bin width.
    AWidthAbove0 = "a width above 0" => "大于 0 的宽度",
    /// A bin width that gives too many bins.
    AWidthGivingAtMost1000Bins = "a width giving at most 1,000 bins" => "使分组不超过 1,000 个的宽度",
    /// A threshold bound.
    ABoundAtLeast0 = "a bound ≥ 0" => "不小于 0 的界限",
    /// A curve's range.
    AnAttainmentAtLeast = "an attainment ≥ {0}" => "不小于 {0} 的达成率",
    /// A curve's step.
    AStepAbove0 = "a step above 0" => "大于 0 的步长",
    /// A curve's number of points.
    AtMostPoints = "at most {0} points" => "最多 {0} 个点",
    /// A record's index in the team.
    ARecordIndexBelow = "a record index below {0}" => "小于 {0} 的记录序号",
    /// A record of the team.
    ARecord = "a record" => "一条记录",
    /// A sensitivity's number of changes.
    OneToChanges = "1 to {0} changes" => "1 到 {0} 个变化",
    /// A sensitivity's change.
    AChangeAboveMinus100 = "a change above −100" => "大于 −100 的变化",
    /// An attainment.
    Above0 = "above 0" => "大于 0",
    /// Where a payout curve's attainment comes from.
    TargetBonusOrAttainmentFields = "a target bonus in the plan, or the attainment fields" => "计划中的目标奖金，或达成率字段",
    /// The rep a payout curve is drawn for.
    ARecordWithAttainmentAbove0 = "a record with an attainment above 0" => "达成率大于 0 的记录",

    // ---- JSON text that does not parse: serde_json's words (the wire text is its message)
    /// The text ends inside an array.
    JsonEofList = "EOF while parsing a list" => "JSON 在数组结束之前就结束了（缺少 “]”）",
    /// The text ends inside an object.
    JsonEofObject = "EOF while parsing an object" => "JSON 在对象结束之前就结束了（缺少 “}”）",
    /// The text ends inside a string.
    JsonEofString = "EOF while parsing a string" => "JSON 在字符串结束之前就结束了（缺少右引号）",
    /// The text ends where a value belongs.
    JsonEofValue = "EOF while parsing a value" => "JSON 在应有值的地方就结束了",
    /// A key not followed by a colon.
    JsonExpectedColon = "expected `:`" => "JSON 语法错误：此处应为 “:”",
    /// An array item not followed by a comma or the end.
    JsonExpectedCommaOrBracket = "expected `,` or `]`" => "JSON 语法错误：此处应为 “,” 或 “]”",
    /// An object member not followed by a comma or the end.
    JsonExpectedCommaOrBrace = "expected `,` or `}`" => "JSON 语法错误：此处应为 “,” 或 “}”",
    /// A bare word that is not true, false or null.
    JsonExpectedIdent = "expected ident" => "JSON 语法错误：此处有无法识别的词",
    /// Something other than a value where one belongs.
    JsonExpectedValue = "expected value" => "JSON 语法错误：此处应为一个值",
    /// A key not in double quotes.
    JsonExpectedQuote = "expected `\"`" => "JSON 语法错误：此处应为双引号",
    /// A backslash escape JSON does not have.
    JsonInvalidEscape = "invalid escape" => "JSON 语法错误：无效的转义",
    /// A number JSON cannot read.
    JsonInvalidNumber = "invalid number" => "JSON 语法错误：无效的数值",
    /// A number too large to read.
    JsonNumberOutOfRange = "number out of range" => "JSON 中的数值超出范围",
    /// A `\u` escape that is no character.
    JsonInvalidCodePoint = "invalid unicode code point" => "JSON 语法错误：转义表示的不是有效的字符",
    /// A raw control character inside a string.
    JsonControlCharacter = "control character (\\u0000-\\u001F) found while parsing a string"
        => "JSON 字符串中有控制字符（\\u0000–\\u001F），应写成转义",
    /// A key without quotes.
    JsonKeyNotString = "key must be a string" => "JSON 语法错误：键必须是带双引号的字符串",
    /// Half of a surrogate pair.
    JsonLoneSurrogate = "lone leading surrogate in hex escape" => "JSON 语法错误：转义中有不成对的代理项",
    /// A comma before a closing bracket or brace.
    JsonTrailingComma = "trailing comma" => "JSON 语法错误：最后一项后面多了逗号",
    /// More text after the document.
    JsonTrailingCharacters = "trailing characters" => "JSON 文档结束后还有多余的字符",
    /// A `\u` escape cut short.
    JsonHexEscapeEnd = "unexpected end of hex escape" => "JSON 语法错误：十六进制转义不完整",
    /// Nesting past serde_json's limit.
    JsonTooDeep = "recursion limit exceeded" => "JSON 嵌套层数过多",

    // ---- documents other than a plan, named when they cannot be read (`INVALID_PLAN`'s name)
    /// `decompose`'s spec.
    DecompositionSpec = "decomposition spec" => "目标分解规格",
    /// `pace`'s spec.
    PacingSpec = "pacing spec" => "进度规格",
    /// A forced distribution's spec.
    DistributionSpec = "distribution spec" => "强制分布规格",

    // ---- a value of the wrong type in a document: what serde_json found and expected
    /// A string that was found.
    FoundString = "string {0}" => "字符串 {0}",
    /// A whole number that was found.
    FoundInteger = "integer {0}" => "整数 {0}",
    /// A number with a fraction that was found.
    FoundNumber = "number {0}" => "数值 {0}",
    /// `true` or `false`, found.
    FoundBoolean = "boolean {0}" => "布尔值 {0}",
    /// Text.
    AString = "a string" => "字符串",
    /// A JSON array.
    AnArray = "an array" => "数组",
    /// A name, or an object that names its kind (an internally tagged part of a document).
    AStringOrAnObject = "a string or an object" => "字符串或对象",
    /// Any number.
    ANumber = "a number" => "数值",
    /// A whole number, of any sign.
    AWholeNumber = "a whole number" => "整数",
    /// What an exact decimal reads.
    ANumberOrDecimalString = "a number or a decimal string" => "数值（或写成字符串的数值）",

    // ---- what a `TOO_LARGE` limit counts (`name`)
    /// Records in one call.
    LimitRecords = "records" as "the number of records" => "记录条数",
    /// Rows of a sub-table.
    LimitRows = "rows" as "the number of rows" => "子表行数",
    /// The length of one text value.
    LimitText = "text" as "the length of a text value" => "文本长度",
    /// The length of a document.
    LimitDocument = "document" as "the length of the document" => "文档长度",
    /// The depth of nesting.
    LimitNesting = "nesting" as "the depth of nesting" => "嵌套层数",
    /// The length of an array.
    LimitArray = "array" as "the length of an array" => "数组长度",
}
