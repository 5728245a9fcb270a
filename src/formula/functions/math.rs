//! Arithmetic with Excel's semantics: ROUND is half away from zero, CEILING/FLOOR round to a
//! multiple, MOD takes the divisor's sign.

use super::{Arity, Eval, FunctionSpec};
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Phrase, Result};
use crate::base::number::{round_digits, RoundingStrategy};
use crate::formula::ast::Node;
use crate::formula::eval::{checked, divide, power, Evaluator};
use crate::formula::value::Value;
use rust_decimal::prelude::*;
use rust_decimal::MathematicalOps;

fn numbers(args: &[Value]) -> Result<Vec<Decimal>> {
    args.iter().map(Value::to_number).collect()
}

fn num(args: &[Value], i: usize) -> Result<Decimal> {
    args.get(i).ok_or_else(super::logic::arity)?.to_number()
}

fn num_or(args: &[Value], i: usize, default: Decimal) -> Result<Decimal> {
    args.get(i).map_or(Ok(default), Value::to_number)
}

fn invalid(why: Phrase) -> Error {
    Error::new(ErrorCode::InvalidArgument).expected(why)
}

fn n(d: Decimal) -> Result<Value> {
    Ok(Value::Number(d))
}

pub const SUM: FunctionSpec = FunctionSpec {
    name: "SUM",
    category: "math",
    signature: "SUM(number1, [number2], …)",
    summary_zh: "求和",
    summary_en: "the sum of the numbers",
    example: "SUM(一月, 二月, 三月)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Eager(sum),
};

fn sum(args: &[Value]) -> Result<Value> {
    let mut total = Decimal::ZERO;
    for d in numbers(args)? {
        total = checked(total.add_checked(d))?;
    }
    n(total)
}

pub const AVERAGE: FunctionSpec = FunctionSpec {
    name: "AVERAGE",
    category: "math",
    signature: "AVERAGE(number1, [number2], …)",
    summary_zh: "平均值",
    summary_en: "the arithmetic mean",
    example: "AVERAGE(满意度1, 满意度2)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Eager(average),
};

fn average(args: &[Value]) -> Result<Value> {
    let Value::Number(total) = sum(args)? else {
        return Err(super::logic::arity());
    };
    n(divide(total, Decimal::from(args.len()))?)
}

pub const MIN: FunctionSpec = FunctionSpec {
    name: "MIN",
    category: "math",
    signature: "MIN(number1, [number2], …)",
    summary_zh: "最小值",
    summary_en: "the smallest number",
    example: "MIN(提成, 5000)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Eager(min),
};

fn min(args: &[Value]) -> Result<Value> {
    numbers(args)?.into_iter().min().map_or_else(|| Err(super::logic::arity()), n)
}

pub const MAX: FunctionSpec = FunctionSpec {
    name: "MAX",
    category: "math",
    signature: "MAX(number1, [number2], …)",
    summary_zh: "最大值",
    summary_en: "the largest number",
    example: "MAX(0, 回款额 - 目标)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Eager(max),
};

fn max(args: &[Value]) -> Result<Value> {
    numbers(args)?.into_iter().max().map_or_else(|| Err(super::logic::arity()), n)
}

pub const ABS: FunctionSpec = FunctionSpec {
    name: "ABS",
    category: "math",
    signature: "ABS(number)",
    summary_zh: "绝对值",
    summary_en: "the absolute value",
    example: "ABS(实际 - 目标)",
    arity: Arity::exactly(1),
    eval: Eval::Eager(|a| n(num(a, 0)?.abs())),
};

fn digits(args: &[Value]) -> Result<i64> {
    num_or(args, 1, Decimal::ZERO)?.trunc().to_i64().ok_or_else(|| invalid(Phrase::DigitsSmallInteger))
}

fn round_with(args: &[Value], strategy: RoundingStrategy) -> Result<Value> {
    checked(round_digits(num(args, 0)?, digits(args)?, strategy)).and_then(n)
}

pub const ROUND: FunctionSpec = FunctionSpec {
    name: "ROUND",
    category: "math",
    signature: "ROUND(number, [digits])",
    summary_zh: "四舍五入到 digits 位小数（0.5 远离零进位；digits 为负时取整到十、百位）",
    summary_en: "rounds half away from zero to digits places (negative digits round to tens, hundreds)",
    example: "ROUND(2.345, 2) → 2.35",
    arity: Arity::range(1, 2),
    eval: Eval::Eager(|a| round_with(a, RoundingStrategy::HalfUp)),
};

pub const ROUNDUP: FunctionSpec = FunctionSpec {
    name: "ROUNDUP",
    category: "math",
    signature: "ROUNDUP(number, [digits])",
    summary_zh: "远离零方向进位到 digits 位小数",
    summary_en: "rounds away from zero to digits places",
    example: "ROUNDUP(2.341, 2) → 2.35",
    arity: Arity::range(1, 2),
    eval: Eval::Eager(|a| round_with(a, RoundingStrategy::Up)),
};

pub const ROUNDDOWN: FunctionSpec = FunctionSpec {
    name: "ROUNDDOWN",
    category: "math",
    signature: "ROUNDDOWN(number, [digits])",
    summary_zh: "向零方向舍去到 digits 位小数",
    summary_en: "rounds toward zero to digits places",
    example: "ROUNDDOWN(2.349, 2) → 2.34",
    arity: Arity::range(1, 2),
    eval: Eval::Eager(|a| round_with(a, RoundingStrategy::Down)),
};

/// Rounds `x` to a multiple of `sig` with `f` (ceil or floor of the quotient).
fn to_multiple(args: &[Value], zero_ok: bool, f: fn(Decimal) -> Decimal) -> Result<Value> {
    let x = num(args, 0)?;
    let sig = num_or(args, 1, Decimal::ONE)?;
    if sig.is_zero() {
        return if zero_ok { n(Decimal::ZERO) } else { Err(Error::new(ErrorCode::DivByZero)) };
    }
    if x.is_sign_positive() && !x.is_zero() && sig.is_sign_negative() {
        return Err(invalid(Phrase::PositiveSignificance));
    }
    n(checked(f(divide(x, sig)?).mul_checked(sig))?.normalize())
}

pub const CEILING: FunctionSpec = FunctionSpec {
    name: "CEILING",
    category: "math",
    signature: "CEILING(number, [significance])",
    summary_zh: "向上舍入到 significance 的倍数（默认 1）",
    summary_en: "rounds up to a multiple of significance (default 1)",
    example: "CEILING(2.5, 2) → 4",
    arity: Arity::range(1, 2),
    eval: Eval::Eager(|a| to_multiple(a, true, |d| d.ceil())),
};

pub const FLOOR: FunctionSpec = FunctionSpec {
    name: "FLOOR",
    category: "math",
    signature: "FLOOR(number, [significance])",
    summary_zh: "向下舍入到 significance 的倍数（默认 1）",
    summary_en: "rounds down to a multiple of significance (default 1)",
    example: "FLOOR(2.5, 2) → 2",
    arity: Arity::range(1, 2),
    eval: Eval::Eager(|a| to_multiple(a, false, |d| d.floor())),
};

pub const INT: FunctionSpec = FunctionSpec {
    name: "INT",
    category: "math",
    signature: "INT(number)",
    summary_zh: "向下取整",
    summary_en: "rounds down to an integer",
    example: "INT(-2.5) → -3",
    arity: Arity::exactly(1),
    eval: Eval::Eager(|a| n(num(a, 0)?.floor())),
};

pub const MOD: FunctionSpec = FunctionSpec {
    name: "MOD",
    category: "math",
    signature: "MOD(number, divisor)",
    summary_zh: "余数，符号与除数相同",
    summary_en: "the remainder, with the divisor's sign",
    example: "MOD(-3, 2) → 1",
    arity: Arity::exactly(2),
    eval: Eval::Eager(modulo),
};

fn modulo(args: &[Value]) -> Result<Value> {
    let (a, b) = (num(args, 0)?, num(args, 1)?);
    let q = divide(a, b)?.floor();
    n(checked(a.sub_checked(checked(b.mul_checked(q))?))?)
}

pub const POWER: FunctionSpec = FunctionSpec {
    name: "POWER",
    category: "math",
    signature: "POWER(number, power)",
    summary_zh: "乘方（同 ^）",
    summary_en: "raises to a power (same as ^)",
    example: "POWER(1.1, 2) → 1.21",
    arity: Arity::exactly(2),
    eval: Eval::Eager(|a| n(power(num(a, 0)?, num(a, 1)?)?)),
};

pub const SQRT: FunctionSpec = FunctionSpec {
    name: "SQRT",
    category: "math",
    signature: "SQRT(number)",
    summary_zh: "平方根",
    summary_en: "the square root",
    example: "SQRT(16) → 4",
    arity: Arity::exactly(1),
    eval: Eval::Eager(sqrt),
};

fn sqrt(args: &[Value]) -> Result<Value> {
    let x = num(args, 0)?;
    if x.is_sign_negative() && !x.is_zero() {
        return Err(invalid(Phrase::NumberNotNegative));
    }
    x.sqrt().map(|d| Value::Number(d.normalize())).ok_or_else(overflow)
}

pub const CLAMP: FunctionSpec = FunctionSpec {
    name: "CLAMP",
    category: "math",
    signature: "CLAMP(number, low, high)",
    summary_zh: "限制在 [low, high] 区间内",
    summary_en: "limits the number to the range [low, high]",
    example: "CLAMP(达成率, 0, 1.2)",
    arity: Arity::exactly(3),
    eval: Eval::Eager(clamp),
};

fn clamp(args: &[Value]) -> Result<Value> {
    let (x, lo, hi) = (num(args, 0)?, num(args, 1)?, num(args, 2)?);
    if lo > hi {
        return Err(invalid(Phrase::LowNotAboveHigh));
    }
    n(x.max(lo).min(hi))
}

pub const DIVIDE: FunctionSpec = FunctionSpec {
    name: "DIVIDE",
    category: "math",
    signature: "DIVIDE(numerator, denominator, [default])",
    summary_zh: "安全除法：除数为零时返回 default（默认 0）",
    summary_en: "safe division: default (0 when omitted) when the denominator is zero",
    example: "DIVIDE(回款额, 目标, 0)",
    arity: Arity::range(2, 3),
    eval: Eval::Lazy(safe_divide),
};

/// Lazy, so the default is only evaluated when it is used.
fn safe_divide(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    let [a, b, rest @ ..] = args else { return Err(super::logic::arity()) };
    let (a, b) = (ev.number(a)?, ev.number(b)?);
    if b.is_zero() {
        return rest.first().map_or(n(Decimal::ZERO), |d| ev.eval(d));
    }
    n(divide(a, b)?)
}
