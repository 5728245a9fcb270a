//! The message catalogue: for every error code its message and hint in `zh-CN` and `en`, made
//! from the error's typed facts (`detail`).
//!
//! Three parts, each the one home of what it holds:
//! - here, one entry per [`ErrorCode`] with its Chinese and English side by side;
//! - [`phrases`]: the fixed phrases a detail may be ([`Phrase`]), each with both renderings
//!   (declared beside the error, [`crate::base::error::phrases`], whose details are made of
//!   them; re-exported here);
//! - [`glossary`]: the one Chinese term for each English term the messages use.
//!
//! The dependency goes one way: the catalogue reads the error, the error never the catalogue.
//!
//! A detail is either a phrase or a value shown as written (an id, a key, a number, what the user
//! gave); Chinese messages contain no other English. `tests/messages.rs` renders every code with
//! every phrase and checks both.

pub mod glossary;
pub use crate::base::error::{phrases, text, Phrase, Text};

use crate::base::error::{Error, ErrorCode, ErrorReport};
use crate::base::locale::Locale;
use std::borrow::Cow;

/// Rendering an error: its message and hint in a locale, the report callers serialize, and its
/// English `Display`. The error type holds only data ([`crate::base::error`]); its words are here.
impl Error {
    /// The message in a locale.
    pub fn message(&self, locale: Locale) -> String {
        message(self, locale)
    }
    /// The hint in a locale ("did you mean 回款额?"), if there is one.
    pub fn hint(&self, locale: Locale) -> Option<String> {
        hint(self, locale)
    }
    /// A serializable view with the message and hint rendered in a locale.
    pub fn report(&self, locale: Locale) -> ErrorReport {
        ErrorReport {
            code: self.code,
            message: self.message(locale),
            path: self.path.clone(),
            origin: self.origin,
            span: self.span,
            hint: self.hint(locale),
            suggestion: self.suggestion.clone(),
            detail: self.detail.clone(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Locale::En))?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        if let Some(span) = self.span {
            write!(f, " [{}..{}]", span.start, span.end)?;
        }
        Ok(())
    }
}

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
    let (name, expected, found) = (render(&d.name, locale), render(&d.expected, locale), render(&d.found, locale));
    // In Chinese, a value is set off by a space, and so is a phrase that starts with Latin text.
    let (ex, fd) = (gap(&d.expected, &expected), gap(&d.found, &found));
    // A name that opens a Chinese sentence: a value is followed by a space (`华东 的下级`).
    let nm = match name.chars().last() {
        Some(c) if c.is_ascii_graphic() || d.name.as_ref().is_some_and(|t| t.phrase().is_none()) => format!("{name} "),
        _ => name.to_string(),
    };
    let is_phrase = |t: &Option<Text>| t.as_ref().is_some_and(|t| t.phrase().is_some());
    let zh = locale == Locale::ZhCn;
    // What an INVALID_PLAN could not read: the same reader reads a call's options and the specs
    // (named), and then they, not a plan, are what cannot be read.
    let unreadable = || match (err.origin == crate::base::error::Origin::Options, d.name.is_some(), zh) {
        (true, _, true) => "选项无法读取".to_string(),
        (true, _, false) => "invalid options".to_string(),
        (false, true, true) => format!("{name}无法读取"),
        (false, true, false) => format!("invalid {name}"),
        (false, false, true) => "计划文档无法读取".to_string(),
        (false, false, false) => "invalid plan document".to_string(),
    };
    match err.code {
        UnexpectedChar if zh => format!("无法识别的字符 “{found}”"),
        UnexpectedChar => format!("unexpected character '{found}'"),
        UnexpectedToken if zh => format!("此处应为{ex}，却是 “{found}”"),
        UnexpectedToken => format!("expected {expected}, found '{found}'"),
        UnexpectedEnd if zh => format!("公式不完整：缺少{ex}"),
        UnexpectedEnd => format!("the formula ends too early: expected {expected}"),
        UnterminatedString if zh => "字符串缺少结尾的双引号".into(),
        UnterminatedString => "string literal is missing its closing quote".into(),
        UnterminatedField if zh => "字段名缺少结尾的 “}”".into(),
        UnterminatedField => "field name is missing its closing '}'".into(),
        InvalidNumber if zh => format!("无效的数值 “{found}”"),
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
        TypeMismatch if zh => format!("类型不匹配：需要{ex}，实际为{fd}"),
        TypeMismatch => format!("type mismatch: expected {expected}, found {found}"),
        MissingField if zh => format!("记录缺少字段 {nm}的值"),
        MissingField => format!("the record has no value for {name}"),
        NoMatch if zh => format!("{nm}没有匹配的条件或档位"),
        NoMatch => format!("{name}: no condition or tier matched"),
        InvalidArgument if zh && name.is_empty() => format!("参数无效：{expected}"),
        InvalidArgument if zh => format!("{nm}的参数无效：{expected}"),
        InvalidArgument if name.is_empty() => format!("invalid argument: {expected}"),
        InvalidArgument => format!("invalid argument to {name}: {expected}"),
        InvalidDate if zh && is_phrase(&d.found) => format!("无效的日期：{found}"),
        InvalidDate if zh => format!("无效的日期 “{found}”（应为{}）", gap(&d.expected, or(&expected, "YYYY-MM-DD"))),
        InvalidDate if is_phrase(&d.found) => format!("invalid date: {found}"),
        InvalidDate => format!("invalid date '{found}' (expected {})", or(&expected, "YYYY-MM-DD")),
        NotFinite if zh && name.is_empty() => format!("{found} 不是有限数"),
        NotFinite if zh => format!("{nm}的值 {found} 不是有限数"),
        NotFinite if name.is_empty() => format!("{found} is not a finite number"),
        NotFinite => format!("{name} is {found}, not a finite number"),
        OutOfRange if zh && name.is_empty() => format!("数值 {found} 超出可精确表示的范围"),
        OutOfRange if zh => format!("{nm}的值 {found} 无法精确表示"),
        OutOfRange if name.is_empty() => format!("{found} is out of the exactly representable range"),
        OutOfRange => format!("{name} = {found} cannot be represented exactly"),
        InvalidValue if zh => {
            let head = if name.is_empty() { "值无效".to_string() } else { format!("{nm}的值无效") };
            let parts: Vec<String> = [
                (!expected.is_empty()).then(|| format!("需要{ex}")),
                (!found.is_empty()).then(|| format!("实际为{fd}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if parts.is_empty() {
                head
            } else {
                format!("{head}：{}", parts.join("，"))
            }
        }
        InvalidValue => {
            let head = if name.is_empty() { "invalid value".to_string() } else { format!("invalid value for {name}") };
            let parts: Vec<String> = [
                (!expected.is_empty()).then(|| format!("expected {expected}")),
                (!found.is_empty()).then(|| format!("found {found}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if parts.is_empty() {
                head
            } else {
                format!("{head}: {}", parts.join(", "))
            }
        }
        TooLarge if zh => format!("{nm}超出上限 {expected}：实际为{fd}"),
        TooLarge => format!("too large: {name} is {found}, the limit is {expected}"),
        ReadFailed if zh && (found.is_empty() || is_phrase(&d.found)) => format!("读取 {name} 时宿主抛出异常：{found}"),
        ReadFailed if zh => format!("读取 {name} 时宿主抛出异常（其说明：“{found}”）"),
        ReadFailed => format!("reading {name} threw: {found}"),
        InvalidPlan if zh => {
            let head = unreadable();
            if !expected.is_empty() {
                format!("{head}：此处需要{ex}，实际为{fd}")
            } else if found.is_empty() {
                head
            } else if is_phrase(&d.found) {
                format!("{head}：{found}")
            } else {
                format!("{head}：不是有效的 JSON，或与应有的结构不符（解析器的说明：“{found}”）")
            }
        }
        InvalidPlan => {
            let head = unreadable();
            if !expected.is_empty() {
                format!("{head}: expected {expected}, found {found}")
            } else if found.is_empty() {
                head
            } else {
                format!("{head}: {found}")
            }
        }
        UnknownKey if zh => format!("未知的键 “{name}”"),
        UnknownKey => format!("unknown key '{name}'"),
        MissingKey if zh => format!("缺少必填的键 “{name}”"),
        MissingKey => format!("missing required key '{name}'"),
        DuplicateId if zh => format!("标识 “{name}” 重复"),
        DuplicateId => format!("duplicate id '{name}'"),
        InvalidId if zh => format!("标识 “{name}” 无效：{expected}"),
        InvalidId => format!("invalid id '{name}': {expected}"),
        Cycle if zh => format!("指标之间存在循环引用：{}", d.cycle.join(" → ")),
        Cycle => format!("metrics reference each other in a cycle: {}", d.cycle.join(" → ")),
        InvalidCurrency if zh => format!("无效的币种代码 “{found}”（应为三个大写字母，如 CNY）"),
        InvalidCurrency => {
            format!("invalid currency code '{found}' (expected three capital letters, e.g. CNY)")
        }
        InvalidRounding if zh && is_phrase(&d.expected) => format!("{nm}的小数位数 {found} 无效（应为{ex}）"),
        InvalidRounding if zh => format!("{nm}的小数位数 {found} 无效（0–{expected}）"),
        InvalidRounding if is_phrase(&d.expected) => format!("invalid scale {found} for {name} ({expected})"),
        InvalidRounding => format!("invalid scale {found} for {name} (0–{expected})"),
        InvalidOption if zh => format!("选项 {name} 无效：{expected}"),
        InvalidOption => format!("invalid option {name}: {expected}"),
        WeightsNot100 if zh => format!("权重合计应为 100，实际为 {found}"),
        WeightsNot100 => format!("weights must total 100, found {found}"),
        UnknownIndicator if zh => format!("未知的{expected} “{name}”"),
        UnknownIndicator => format!("unknown {expected} '{name}'"),
        BandGap if zh => format!("等级区间不连续：{name} 与下一个等级区间之间缺少 {found}"),
        BandGap => format!("grade bands leave a gap below {name}: {found}"),
        BandOverlap if zh => format!("等级区间重叠：{name} 与下一个等级区间重叠于 {found}"),
        BandOverlap => format!("grade bands overlap below {name}: {found}"),
        InvalidMethod if zh => format!("{nm}的计分方法无效：{expected}"),
        InvalidMethod => format!("invalid scoring method for {name}: {expected}"),
        QuotasNot100 if zh => format!("各等级比例合计应为 100%，实际为 {found}%"),
        QuotasNot100 => format!("grade quotas must total 100%, found {found}%"),
        EmptyTeam if zh => "团队评估至少需要一条记录".into(),
        EmptyTeam => "a team evaluation needs at least one record".into(),
        WeightsAllZero if zh => format!("{nm}的下级在分解依据（{expected}）下权重全为 0，无法分配"),
        WeightsAllZero => format!("every child of {name} weighs 0 under its basis ({expected}): nothing to split by"),
        TierGap if zh => format!("档位不连续：{name} 之前缺少 {found}"),
        TierGap => format!("rate tiers leave a gap before {name}: {found}"),
        TierOverlap if zh => format!("档位重叠：{name} 与上一个档位重叠于 {found}"),
        TierOverlap => format!("rate tiers overlap at {name}: {found}"),
        SplitsNot100 if zh => format!("分配比例合计应为 100%，实际为 {found}%"),
        SplitsNot100 => format!("split shares must total 100%, found {found}%"),
        NegativeRate if zh => format!("{nm}的比例 {found} 为负数，而该表不允许负比例"),
        NegativeRate => format!("{name} has a negative rate {found} and negative rates are not allowed"),
        CurveNotFunction if zh => format!("发放曲线不是达成率的函数：{nm}处达成率 {found} 未严格递增"),
        CurveNotFunction => {
            format!("the payout curve is not a function of attainment: {name} at {found} does not rise strictly")
        }
        GateAboveCap if zh => format!("门槛 {found}% 不低于封顶达成率 {expected}%"),
        GateAboveCap => format!("the gate {found}% is not below the cap at {expected}% attainment"),
        CurrencyScaleMismatch if zh => format!("{name} = {found} 与币种精度不符：{expected}"),
        CurrencyScaleMismatch => format!("{name} = {found} does not match the currency: {expected}"),
        ProbabilityOutOfRange
        | UnknownStage
        | CalendarConflict
        | SeasonalityNot100
        | TreeCycle
        | Infeasible
        | NotMultipleOfUnit
        | UnknownParent
        | TreeRoot
        | InvalidDateRange
        | NegativeTarget => targets_message(
            err.code,
            zh,
            Parts { name: &name, nm: &nm, expected: &expected, found: &found, cycle: &d.cycle },
        ),
    }
}

/// A detail rendered for a sentence (see `bare_message`).
#[cfg_attr(not(feature = "targets"), allow(dead_code))]
struct Parts<'a> {
    name: &'a str,
    nm: &'a str,
    expected: &'a str,
    found: &'a str,
    cycle: &'a [String],
}

/// The messages of the codes only decomposition and pacing raise (`salescore/targets`). A build
/// without that entry's exports never raises them and leaves their words out (the form entry's
/// `.wasm`: about 0.7 KB gzip of it).
#[cfg(feature = "targets")]
fn targets_message(code: ErrorCode, zh: bool, p: Parts<'_>) -> String {
    use ErrorCode::*;
    let Parts { name, nm, expected, found, .. } = p;
    match code {
        ProbabilityOutOfRange if zh => format!("概率 {found} 超出 0 到 1 的范围"),
        ProbabilityOutOfRange => format!("probability {found} is outside 0 to 1"),
        UnknownStage if zh => format!("未定义的商机阶段 “{name}”"),
        UnknownStage => format!("unknown pipeline stage '{name}'"),
        CalendarConflict if zh => format!("{found} 同时被列为节假日和调休工作日"),
        CalendarConflict => format!("{found} is listed both as a holiday and as a makeup workday"),
        SeasonalityNot100 if zh => format!("季节性比例合计应为 100.00%，实际为 {found}%"),
        SeasonalityNot100 => format!("seasonality percentages must total 100.00, found {found}"),
        TreeCycle if zh => format!("组织树存在循环：{}", p.cycle.join(" → ")),
        TreeCycle => format!("the tree has a cycle: {}", p.cycle.join(" → ")),
        Infeasible if zh => format!("{nm}的约束无法满足：{expected}（{found}）"),
        Infeasible => format!("the constraints on {name} cannot be met: {expected} ({found})"),
        NotMultipleOfUnit if zh => format!("{name} = {found} 不是舍入单位 {expected} 的整数倍"),
        NotMultipleOfUnit => format!("{name} = {found} is not a whole multiple of the unit {expected}"),
        UnknownParent if zh => format!("上级 “{name}” 不存在"),
        UnknownParent => format!("unknown parent '{name}'"),
        TreeRoot if zh => format!("组织树必须恰有一个根节点（没有 `parent` 的节点），实际为 {found} 个"),
        TreeRoot => format!("the tree needs exactly one root (a node without parent), found {found}"),
        InvalidDateRange if zh => {
            if found.is_empty() {
                format!("{nm}的日期范围无效：{expected}")
            } else {
                format!("{nm}的日期 {found} 无效：{expected}")
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
        _ => code.to_string(),
    }
}

/// Never raised in a build without decomposition and pacing: the code alone.
#[cfg(not(feature = "targets"))]
fn targets_message(code: ErrorCode, _zh: bool, _p: Parts<'_>) -> String {
    code.to_string()
}

/// A detail as it reads in `locale` (empty when absent).
fn render(text: &Option<Text>, locale: Locale) -> Cow<'_, str> {
    text.as_ref().map_or(Cow::Borrowed(""), |t| t.render(locale))
}

/// `text`, or `default` when it is empty.
fn or<'a>(text: &'a str, default: &'a str) -> &'a str {
    if text.is_empty() {
        default
    } else {
        text
    }
}

/// A detail as a part of a Chinese sentence: a value (`12`, `甲组`, `"abc"`) is set off by a
/// space, as the catalogue writes `实际为 12`; a phrase is joined directly (`实际为数组`) unless it
/// starts with Latin text or a sign, as one that starts with a key does.
fn gap<'a>(detail: &Option<Text>, rendered: &'a str) -> Cow<'a, str> {
    let is_value = detail.as_ref().is_none_or(|t| t.phrase().is_none());
    match rendered.chars().next() {
        Some(c) if is_value || c.is_ascii_graphic() => Cow::Owned(format!(" {rendered}")),
        _ => Cow::Borrowed(rendered),
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
            "请提供该字段的值；也可用 ISBLANK / IFERROR 处理空值，或在计划中为字段设置 `default`",
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
