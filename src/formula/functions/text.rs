//! Text: CONCAT and FIXED.

use super::{Arity, Eval, FunctionSpec};
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Phrase, Result};
use crate::base::number::{round_digits, RoundingStrategy};
use crate::formula::value::Value;
use rust_decimal::prelude::*;

pub const CONCAT: FunctionSpec = FunctionSpec {
    name: "CONCAT",
    category: "text",
    signature: "CONCAT(value1, [value2], …)",
    summary_zh: "把各值连接成文本（同 &）",
    summary_en: "joins the values as text (same as &)",
    example: "CONCAT(姓名, \"：\", 等级)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Eager(|args| Ok(Value::Text(args.iter().map(Value::to_text).collect::<String>().into()))),
};

pub const FIXED: FunctionSpec = FunctionSpec {
    name: "FIXED",
    category: "text",
    signature: "FIXED(number, [decimals], [no_commas])",
    summary_zh: "按固定小数位（默认 2）四舍五入并格式化为文本，默认带千分位",
    summary_en: "rounds to fixed decimals (default 2) and formats as text, with thousands separators unless no_commas",
    example: "FIXED(1234.567, 1) → \"1,234.6\"",
    arity: Arity::range(1, 3),
    eval: Eval::Eager(fixed),
};

fn fixed(args: &[Value]) -> Result<Value> {
    let x = args.first().ok_or_else(super::logic::arity)?.to_number()?;
    let decimals = args.get(1).map_or(Ok(Decimal::TWO), Value::to_number)?.trunc();
    let decimals = decimals
        .to_i64()
        .filter(|d| (-28..=28).contains(d))
        .ok_or_else(|| Error::new(ErrorCode::InvalidArgument).expected(Phrase::DecimalsBetween))?;
    let no_commas = args.get(2).map_or(Ok(false), Value::to_bool)?;
    let rounded = round_digits(x, decimals, RoundingStrategy::HalfUp).ok_or_else(overflow)?;
    let text = pad_decimals(rounded.to_string(), usize::try_from(decimals.max(0)).unwrap_or(0));
    if no_commas {
        return Ok(Value::Text(text.into()));
    }
    let (sign, body) = text.strip_prefix('-').map_or(("", text.as_str()), |b| ("-", b));
    let (int, frac) = body.split_once('.').map_or((body, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(text.len().saturating_add(8));
    for (i, c) in int.chars().enumerate() {
        if i > 0 && int.len().saturating_sub(i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    Ok(Value::Text(match frac {
        Some(f) => format!("{sign}{grouped}.{f}").into(),
        None => format!("{sign}{grouped}").into(),
    }))
}

/// Pads `text` with zeros to `places` decimals (the decimal type cannot always hold them).
fn pad_decimals(mut text: String, places: usize) -> String {
    let have = text.split_once('.').map_or(0, |(_, f)| f.len());
    if places > have {
        if have == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', places.saturating_sub(have)));
    }
    text
}
