//! Tier lookups: the rate of the reached tier (TIER), and graduated slices (TIERSUM).

use super::{Arity, Eval, FunctionSpec};
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::checked;
use crate::base::error::{Error, ErrorCode, Phrase, Result};
use crate::formula::value::Value;
use rust_decimal::Decimal;

/// Reads `x, t1, r1, t2, r2, …` and checks the thresholds rise strictly.
fn tiers(args: &[Value]) -> Result<(Decimal, Vec<(Decimal, Value)>)> {
    let (x, rest) = args.split_first().ok_or_else(super::logic::arity)?;
    let mut out: Vec<(Decimal, Value)> = Vec::with_capacity(rest.len() / 2);
    for pair in rest.chunks(2) {
        let [t, r] = pair else {
            return Err(super::logic::arity());
        };
        let t = t.to_number()?;
        if out.last().is_some_and(|(prev, _)| *prev >= t) {
            return Err(Error::new(ErrorCode::InvalidArgument).expected(Phrase::ThresholdsRiseStrictly));
        }
        out.push((t, r.clone()));
    }
    Ok((x.to_number()?, out))
}

pub const TIER: FunctionSpec = FunctionSpec {
    name: "TIER",
    category: "lookup",
    signature: "TIER(value, threshold1, result1, [threshold2, result2], …)",
    summary_zh: "阶梯查找：返回 value 达到的最高门槛对应的结果（门槛含下限）；低于第一个门槛时报 NO_MATCH",
    summary_en: "step lookup: the result of the highest threshold value reaches (inclusive); NO_MATCH below the first",
    example: "TIER(达成率, 0, 0, 0.8, 0.6, 1, 1, 1.2, 1.5)",
    arity: Arity::at_least(3, 2),
    eval: Eval::Eager(tier),
};

fn tier(args: &[Value]) -> Result<Value> {
    let (x, table) = tiers(args)?;
    table.into_iter().rev().find(|(t, _)| x >= *t).map(|(_, r)| r).ok_or_else(|| Error::new(ErrorCode::NoMatch))
}

pub const TIERSUM: FunctionSpec = FunctionSpec {
    name: "TIERSUM",
    category: "lookup",
    signature: "TIERSUM(value, threshold1, rate1, [threshold2, rate2], …)",
    summary_zh: "累进计算：每一段按该段费率计（超额累进），各段之和",
    summary_en: "graduated: each slice between thresholds at its own rate, summed",
    example: "TIERSUM(11000, 0, 0.05, 5000, 0.1, 10000, 0.15) → 900",
    arity: Arity::at_least(3, 2),
    eval: Eval::Eager(tiersum),
};

fn tiersum(args: &[Value]) -> Result<Value> {
    let (x, table) = tiers(args)?;
    let mut total = Decimal::ZERO;
    let mut iter = table.iter().peekable();
    while let Some((lo, rate)) = iter.next() {
        if x <= *lo {
            break;
        }
        let hi = iter.peek().map_or(x, |(next, _)| (*next).min(x));
        let slice = checked(hi.sub_checked(*lo))?;
        total = checked(total.add_checked(checked(slice.mul_checked(rate.to_number()?))?))?;
    }
    Ok(Value::Number(total.normalize()))
}
