//! Messages and hints for every error code, in `zh-CN` and `en`.

use crate::base::error::{Error, ErrorCode};
use crate::base::locale::Locale;

/// The message for an error in a locale.
pub fn message(err: &Error, locale: Locale) -> String {
    match &err.detail.metric {
        Some(metric) => format!("{metric}: {}", bare_message(err, locale)),
        None => bare_message(err, locale),
    }
}

fn bare_message(err: &Error, locale: Locale) -> String {
    use ErrorCode::*;
    let d = &err.detail;
    let name = d.name.as_deref().unwrap_or("");
    let expected = d.expected.as_deref().unwrap_or("");
    let found = d.found.as_deref().unwrap_or("");
    let zh = locale == Locale::ZhCn;
    match err.code {
        UnexpectedChar if zh => format!("无法识别的字符 “{found}”"),
        UnexpectedChar => format!("unexpected character '{found}'"),
        UnexpectedToken if zh => format!("此处应为{}，却是 “{}”", phrase_zh(expected), phrase_zh(found)),
        UnexpectedToken => format!("expected {expected}, found '{found}'"),
        UnexpectedEnd if zh => format!("公式不完整：缺少{}", phrase_zh(expected)),
        UnexpectedEnd => format!("the formula ends too early: expected {expected}"),
        UnterminatedString if zh => "字符串缺少结尾的双引号".into(),
        UnterminatedString => "string literal is missing its closing quote".into(),
        UnterminatedField if zh => "字段名缺少结尾的 }".into(),
        UnterminatedField => "field name is missing its closing '}'".into(),
        InvalidNumber if zh => format!("无效的数字 “{found}”"),
        InvalidNumber => format!("invalid number '{found}'"),
        UnknownFunction if zh => format!("未知函数 {name}"),
        UnknownFunction => format!("unknown function {name}"),
        WrongArgCount if zh => format!("函数 {name} 需要 {expected} 个参数，实际为 {found} 个"),
        WrongArgCount => format!("{name} takes {expected} argument(s), got {found}"),
        UnknownField if zh => format!("未知字段 {name}"),
        UnknownField => format!("unknown field {name}"),
        FormulaTooLong if zh => format!("公式过长（上限 {expected} 个字符）"),
        FormulaTooLong => format!("formula is too long (limit {expected} characters)"),
        FormulaTooDeep if zh => format!("公式嵌套过深（上限 {expected} 层）"),
        FormulaTooDeep => format!("formula nests too deeply (limit {expected} levels)"),
        FormulaTooComplex if zh => format!("公式过于复杂（上限 {expected} 个节点）"),
        FormulaTooComplex => format!("formula is too complex (limit {expected} nodes)"),
        EmptyFormula if zh => "公式为空".into(),
        EmptyFormula => "formula is empty".into(),
        DivByZero if zh => "除数为零".into(),
        DivByZero => "division by zero".into(),
        Overflow if zh => "数值超出范围".into(),
        Overflow => "number out of range".into(),
        TypeMismatch if zh => format!("类型不匹配：需要{}，实际为{}", phrase_zh(expected), phrase_zh(found)),
        TypeMismatch => format!("type mismatch: expected {expected}, found {found}"),
        MissingField if zh => format!("记录缺少字段 {name} 的值"),
        MissingField => format!("the record has no value for {name}"),
        NoMatch if zh => format!("{name} 没有匹配的条件或档位"),
        NoMatch => format!("{name}: no condition or tier matched"),
        InvalidArgument if zh => format!("{name} 的参数无效：{}", phrase_zh(expected)),
        InvalidArgument => format!("invalid argument to {name}: {expected}"),
        InvalidDate if zh => format!("无效的日期 “{found}”（应为 YYYY-MM-DD）"),
        InvalidDate => format!("invalid date '{found}' (expected YYYY-MM-DD)"),
        NotFinite if zh && name.is_empty() => format!("{found} 不是有限数"),
        NotFinite if zh => format!("{name} 的值 {found} 不是有限数"),
        NotFinite if name.is_empty() => format!("{found} is not a finite number"),
        NotFinite => format!("{name} is {found}, not a finite number"),
        OutOfRange if zh && name.is_empty() => format!("数值 {found} 超出可精确表示的范围"),
        OutOfRange if zh => format!("{name} 的值 {found} 无法精确表示"),
        OutOfRange if name.is_empty() => format!("{found} is out of the exactly representable range"),
        OutOfRange => format!("{name} = {found} cannot be represented exactly"),
        InvalidValue if zh => {
            format!("{} 的值无效：需要{}，实际为 {}", phrase_zh(name), phrase_zh(expected), phrase_zh(found))
        }
        InvalidValue => format!("invalid value for {name}: expected {expected}, found {found}"),
        TooLarge if zh => format!("{}超出上限 {expected}：实际为 {found}", phrase_zh(name)),
        TooLarge => format!("too large: {} is {found}, the limit is {expected}", limit_en(name)),
        ReadFailed if zh => format!("读取 {} 时宿主抛出异常：{found}", phrase_zh(name)),
        ReadFailed => format!("reading {name} threw: {found}"),
        InvalidPlan if zh => format!("计划文档格式错误：{found}"),
        InvalidPlan => format!("invalid plan document: {found}"),
        UnknownKey if zh => format!("未知的键 “{name}”"),
        UnknownKey => format!("unknown key '{name}'"),
        MissingKey if zh => format!("缺少必填的键 “{name}”"),
        MissingKey => format!("missing required key '{name}'"),
        DuplicateId if zh => format!("标识 “{name}” 重复"),
        DuplicateId => format!("duplicate id '{name}'"),
        InvalidId if zh => format!("标识 “{name}” 无效：{}", phrase_zh(expected)),
        InvalidId => format!("invalid id '{name}': {expected}"),
        Cycle if zh => format!("指标之间存在循环引用：{}", d.cycle.join(" → ")),
        Cycle => format!("metrics reference each other in a cycle: {}", d.cycle.join(" → ")),
        InvalidCurrency if zh => format!("无效的币种代码 “{found}”（应为三个大写字母，如 CNY）"),
        InvalidCurrency => {
            format!("invalid currency code '{found}' (expected three capital letters, e.g. CNY)")
        }
        InvalidRounding if zh => format!("{name} 的小数位数 {found} 无效（0–{expected}）"),
        InvalidRounding => format!("invalid scale {found} for {name} (0–{expected})"),
        InvalidOption if zh => format!("选项 {name} 无效：{}", phrase_zh(expected)),
        InvalidOption => format!("invalid option {name}: {expected}"),
        WeightsNot100 if zh => format!("权重合计应为 100，实际为 {found}"),
        WeightsNot100 => format!("weights must total 100, found {found}"),
        UnknownIndicator if zh => format!("未知的{} “{name}”", phrase_zh(expected)),
        UnknownIndicator => format!("unknown {expected} '{name}'"),
        BandGap if zh => format!("等级区间不连续：{name} 与下一档之间缺少 {found}"),
        BandGap => format!("grade bands leave a gap below {name}: {found}"),
        BandOverlap if zh => format!("等级区间重叠：{name} 与下一档重叠于 {found}"),
        BandOverlap => format!("grade bands overlap below {name}: {found}"),
        InvalidMethod if zh => format!("{name} 的计分方法无效：{}", phrase_zh(expected)),
        InvalidMethod => format!("invalid scoring method for {name}: {expected}"),
        QuotasNot100 if zh => format!("各等级比例合计应为 100%，实际为 {found}%"),
        QuotasNot100 => format!("grade quotas must total 100%, found {found}%"),
        EmptyTeam if zh => "团队评估至少需要一条记录".into(),
        EmptyTeam => "a team evaluation needs at least one record".into(),
        ProbabilityOutOfRange if zh => format!("概率 {found} 超出 0 到 1 的范围"),
        ProbabilityOutOfRange => format!("probability {found} is outside 0 to 1"),
        UnknownStage if zh => format!("未定义的商机阶段 “{name}”"),
        UnknownStage => format!("unknown pipeline stage '{name}'"),
        CalendarConflict if zh => format!("{found} 同时被列为节假日和调休工作日"),
        CalendarConflict => format!("{found} is listed both as a holiday and as a makeup workday"),
        WeightsAllZero if zh => format!("{name} 的下级在分解依据（{}）下权重全为 0，无法分配", phrase_zh(expected)),
        WeightsAllZero => format!("every child of {name} weighs 0 under its basis ({expected}): nothing to split by"),
        SeasonalityNot100 if zh => format!("季节性比例合计应为 100.00%，实际为 {found}%"),
        SeasonalityNot100 => format!("seasonality percentages must total 100.00, found {found}"),
        TreeCycle if zh => format!("组织树存在循环：{}", d.cycle.join(" → ")),
        TreeCycle => format!("the tree has a cycle: {}", d.cycle.join(" → ")),
        Infeasible if zh => format!("{name} 的约束无法满足：{}（{found}）", phrase_zh(expected)),
        Infeasible => format!("the constraints on {name} cannot be met: {expected} ({found})"),
        NotMultipleOfUnit if zh => format!("{name} = {found} 不是舍入单位 {expected} 的整数倍"),
        NotMultipleOfUnit => format!("{name} = {found} is not a whole multiple of the unit {expected}"),
        UnknownParent if zh => format!("上级 “{name}” 不存在"),
        UnknownParent => format!("unknown parent '{name}'"),
        TreeRoot if zh => format!("组织树必须恰有一个根节点（没有 parent 的节点），实际为 {found} 个"),
        TreeRoot => format!("the tree needs exactly one root (a node without parent), found {found}"),
        TierGap if zh => format!("档位不连续：{name} 之前缺少 {found}"),
        TierGap => format!("rate tiers leave a gap before {name}: {found}"),
        TierOverlap if zh => format!("档位重叠：{name} 与上一档重叠于 {found}"),
        TierOverlap => format!("rate tiers overlap at {name}: {found}"),
        SplitsNot100 if zh => format!("分配比例合计应为 100%，实际为 {found}%"),
        SplitsNot100 => format!("split shares must total 100%, found {found}%"),
        NegativeRate if zh => format!("{name} 的费率 {found} 为负数，且未允许负费率"),
        NegativeRate => format!("{name} has a negative rate {found} and negative rates are not allowed"),
        CurveNotFunction if zh => format!("支付曲线不是达成率的函数：{name} 处达成率 {found} 未严格递增"),
        CurveNotFunction => {
            format!("the payout curve is not a function of attainment: {name} at {found} does not rise strictly")
        }
        GateAboveCap if zh => format!("门槛 {found}% 不低于封顶达成率 {expected}%"),
        GateAboveCap => format!("the gate {found}% is not below the cap at {expected}% attainment"),
        CurrencyScaleMismatch if zh => format!("{name} = {found} 与币种精度不符：{}", phrase_zh(expected)),
        CurrencyScaleMismatch => format!("{name} = {found} does not match the currency: {expected}"),
        InvalidDateRange if zh => {
            if found.is_empty() {
                format!("{name} 的日期范围无效：{}", phrase_zh(expected))
            } else {
                format!("{name} 的日期 {found} 无效：{}", phrase_zh(expected))
            }
        }
        InvalidDateRange => {
            let what = if found.is_empty() { String::new() } else { format!(" is {found},") };
            format!("invalid date range: {name}{what} {expected}")
        }
        NegativeTarget if zh => {
            let what = if name.is_empty() { "目标" } else { name };
            format!("{what} 不能为负数，实际为 {found}")
        }
        NegativeTarget => {
            let what = if name.is_empty() { "a target" } else { name };
            format!("{what} must not be negative, found {found}")
        }
    }
}

/// The hint for an error in a locale, if any.
pub fn hint(err: &Error, locale: Locale) -> Option<String> {
    if let Some(s) = &err.suggestion {
        return Some(match locale {
            Locale::ZhCn => format!("您是不是要写 {s}？"),
            Locale::En => format!("did you mean {s}?"),
        });
    }
    let text = match err.code {
        ErrorCode::DivByZero => locale.pick(
            "可用 DIVIDE(a, b, 默认值) 在除数为零时返回默认值",
            "use DIVIDE(a, b, default) to return a default when the divisor is zero",
        ),
        ErrorCode::MissingField => locale.pick(
            "请提供该字段的值；也可用 ISBLANK / IFERROR 处理空值，或在计划中为字段设置 default",
            "provide a value; or handle blanks with ISBLANK / IFERROR, or give the field a default in the plan",
        ),
        ErrorCode::UnknownField => {
            locale.pick("含空格或符号的字段名请写成 {字段名}", "write names with spaces or symbols as {field name}")
        }
        ErrorCode::NotFinite | ErrorCode::OutOfRange if err.origin == crate::base::error::Origin::Record => locale
            .pick(
                "传入十进制字符串（如 \"1234.56\"）可避免浮点误差",
                "pass a decimal string (e.g. \"1234.56\") to avoid floating-point limits",
            ),
        _ => return None,
    };
    Some(text.to_string())
}

/// What a `TOO_LARGE` limit counts, in English.
fn limit_en(name: &str) -> &str {
    match name {
        "records" => "the number of records",
        "rows" => "the number of rows",
        "text" => "the length of a text value",
        "document" => "the length of the document",
        "nesting" => "the depth of nesting",
        "array" => "the length of an array",
        other => other,
    }
}

/// Chinese for the fixed English phrases used in `expected`/`found`; other text (names, values,
/// serde's detail) is kept as is.
fn phrase_zh(t: &str) -> &str {
    match t {
        "a value" => "一个值",
        "an operator" => "运算符",
        "end of formula" => "公式结尾",
        "end" => "公式结尾",
        "')'" => "“)”",
        "',' or ')'" => "“,” 或 “)”",
        "a field name" => "字段名",
        "object" => "对象",
        "number, text, boolean or date" => "数字、文本、布尔值或日期",
        "decimals must be between -28 and 28" => "小数位数须在 -28 到 28 之间",
        "start_date must not be after end_date" => "开始日期不能晚于结束日期",
        "thresholds must rise strictly" => "门槛必须严格递增",
        "0^0 is undefined" => "0^0 没有定义",
        "a negative number has no real fractional power" => "负数不能开非整数次方",
        "a positive number needs a positive significance" => "正数的舍入基数必须为正",
        "digits must be a small integer" => "位数必须是较小的整数",
        "low must not exceed high" => "下限不能大于上限",
        "the number must not be negative" => "数值不能为负",
        "unit must be \"Y\", \"M\", \"D\" or \"YM\"" => "单位须为 \"Y\"、\"M\"、\"D\" 或 \"YM\"",
        "must not be empty" => "不能为空",
        "indicator" => "指标",
        "grade" => "等级",
        "cap must not be below floor" => "上限不能低于下限",
        "bands must rise strictly" => "档位必须严格递增",
        "ratings must be unique" => "评分不能重复",
        "a target is needed" => "需要设置目标值",
        "stretch must be above threshold" => "挑战值必须高于门槛值",
        "base must differ from target" => "基准值不能等于目标值",
        "a capGrade veto needs a grade" => "封顶等级的否决项需要指定等级",
        "at least one" => "至少需要一项",
        "from must be below to" => "下限必须低于上限",
        "only the highest band may leave out to" => "只有最高档可以不设上限",
        "only the lowest band may leave out from" => "只有最低档可以不设下限",
        "min must not exceed max" => "下限不能大于上限",
        "one of numbers, explain, locale" => "可用的选项为 numbers、explain、locale",
        "true or false" => "true 或 false",
        "\"number\" or \"string\"" => "\"number\" 或 \"string\"",
        "\"zh-CN\" or \"en\"" => "\"zh-CN\" 或 \"en\"",
        "must not start or end with spaces" => "首尾不能有空格",
        "must not contain '}'" => "不能包含 “}”",
        "number" => "数字",
        "text" => "文本",
        "boolean" => "布尔值",
        "date" => "日期",
        "money" => "金额",
        "integer" => "整数",
        "rate" => "比率",
        "it must not be before the start" => "不能早于开始日期",
        "it must be within the period" => "必须在考核期间内",
        "the period needs at least one working day" => "考核期间至少需要一个工作日",
        "a non-negative amount" => "不小于 0 的金额",
        "equal" => "平均",
        "history" => "历史份额",
        "potential" => "市场潜力",
        "capacity" => "人力产能",
        "weights" => "自定义权重",
        "blend" => "混合",
        "month of the ramp" => "爬坡月份",
        "locked amounts exceed the amount to share" => "锁定金额之和超过了可分配金额",
        "every child is locked but the locks do not add up to the amount" => {
            "下级全部锁定，但锁定金额之和不等于上级金额"
        }
        "the minima exceed the amount to share" => "各下级的下限之和超过了可分配金额",
        "the maxima fall short of the amount to share" => "各下级的上限之和不足可分配金额",
        "the locked amount is outside min and max" => "锁定金额不在下限与上限之间",
        "no active day in the period for its amount" => "期间内没有在岗日，无法安排其金额",
        "start must be the first day of a month" => "开始日期必须是某月 1 日",
        "end must be the last day of a month" => "结束日期必须是某月最后一天",
        "end must not be before start" => "结束日期不能早于开始日期",
        "at most 60 months" => "最长 60 个月",
        "leaveDate must not be before hireDate" => "离职日期不能早于入职日期",
        "twelve month percentages" => "12 个月的百分比",
        "a month YYYY-MM" => "月份（YYYY-MM）",
        "a number ≥ 0" => "不小于 0 的数",
        "a number from 0 to 100" => "0 到 100 之间的数",
        "a tier in tiers" => "tiers 中的档位",
        "a blend part that is not a blend" => "不能嵌套混合依据",
        "a unit above 0" => "大于 0 的单位",
        "at least 1 month" => "至少 1 个月",
        "the root gets the total" => "根节点的金额就是总目标",
        "a tree at most 32 levels deep" => "组织树最多 32 层",
        // kinds of JS values and what the boundary expects instead
        "records" => "记录数",
        "rows" => "明细行数",
        "document" => "文档长度",
        "nesting" => "嵌套层数",
        "array" => "数组",
        "options" => "选项",
        "record" => "记录",
        "the document" => "文档",
        "null" => "null",
        "a JSON value" => "可写成 JSON 的值",
        "an array of records" => "记录数组",
        "an object { numbers, explain, locale }" => "对象 { numbers, explain, locale }",
        "an empty slot" => "数组空位",
        "a cycle" => "循环引用",
        "function" => "函数",
        "unreadable object" => "无法读取的对象",
        "an amount" => "金额",
        other => other,
    }
}
