//! Messages and hints for every error code, in `zh-CN` and `en`.

use crate::error::{Error, ErrorCode};
use crate::locale::Locale;

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
        UnexpectedToken if zh => format!("此处应为{expected}，却是 “{found}”"),
        UnexpectedToken => format!("expected {expected}, found '{found}'"),
        UnexpectedEnd if zh => format!("公式不完整：缺少{expected}"),
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
        TypeMismatch if zh => format!(
            "类型不匹配：需要{}，实际为{}",
            type_zh(expected),
            type_zh(found)
        ),
        TypeMismatch => format!("type mismatch: expected {expected}, found {found}"),
        MissingField if zh => format!("记录缺少字段 {name} 的值"),
        MissingField => format!("the record has no value for {name}"),
        NoMatch if zh => format!("{name} 没有匹配的条件或档位"),
        NoMatch => format!("{name}: no condition or tier matched"),
        InvalidArgument if zh => format!("{name} 的参数无效：{expected}"),
        InvalidArgument => format!("invalid argument to {name}: {expected}"),
        InvalidDate if zh => format!("无效的日期 “{found}”（应为 YYYY-MM-DD）"),
        InvalidDate => format!("invalid date '{found}' (expected YYYY-MM-DD)"),
        NotFinite if zh => format!("{name} 的值 {found} 不是有限数"),
        NotFinite => format!("{name} is {found}, not a finite number"),
        OutOfRange if zh => format!("{name} 的值 {found} 无法精确表示"),
        OutOfRange => format!("{name} = {found} cannot be represented exactly"),
        InvalidValue if zh => format!("{name} 的值无效：需要{}，实际为 {found}", type_zh(expected)),
        InvalidValue => format!("invalid value for {name}: expected {expected}, found {found}"),
        InvalidPlan if zh => format!("计划文档格式错误：{found}"),
        InvalidPlan => format!("invalid plan document: {found}"),
        UnknownKey if zh => format!("未知的键 “{name}”"),
        UnknownKey => format!("unknown key '{name}'"),
        MissingKey if zh => format!("缺少必填的键 “{name}”"),
        MissingKey => format!("missing required key '{name}'"),
        DuplicateId if zh => format!("标识 “{name}” 重复"),
        DuplicateId => format!("duplicate id '{name}'"),
        InvalidId if zh => format!("标识 “{name}” 无效：{expected}"),
        InvalidId => format!("invalid id '{name}': {expected}"),
        Cycle if zh => format!("指标之间存在循环引用：{}", d.cycle.join(" → ")),
        Cycle => format!(
            "metrics reference each other in a cycle: {}",
            d.cycle.join(" → ")
        ),
        InvalidCurrency if zh => format!("无效的币种代码 “{found}”（应为三个大写字母，如 CNY）"),
        InvalidCurrency => {
            format!("invalid currency code '{found}' (expected three capital letters, e.g. CNY)")
        }
        InvalidRounding if zh => format!("{name} 的小数位数 {found} 无效（0–{expected}）"),
        InvalidRounding => format!("invalid scale {found} for {name} (0–{expected})"),
        InvalidOption if zh => format!("选项 {name} 无效：{expected}"),
        InvalidOption => format!("invalid option {name}: {expected}"),
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
            "在计划中为该字段设置 default，或用 IFERROR / ISBLANK 处理空值",
            "give the field a default in the plan, or handle blanks with IFERROR / ISBLANK",
        ),
        ErrorCode::UnknownField => locale.pick(
            "含空格或符号的字段名请写成 {字段名}",
            "write names with spaces or symbols as {field name}",
        ),
        ErrorCode::NotFinite | ErrorCode::OutOfRange => locale.pick(
            "传入十进制字符串（如 \"1234.56\"）可避免浮点误差",
            "pass a decimal string (e.g. \"1234.56\") to avoid floating-point limits",
        ),
        _ => return None,
    };
    Some(text.to_string())
}

fn type_zh(t: &str) -> &str {
    match t {
        "number" => "数字",
        "text" => "文本",
        "boolean" => "布尔值",
        "date" => "日期",
        "money" => "金额",
        "integer" => "整数",
        "rate" => "比率",
        other => other,
    }
}
