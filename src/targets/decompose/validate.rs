//! Checks of the spec's values before anything is split: signs, units, seasonality, ramp,
//! tiers, blends and dates, each failure a coded error with the path of the offending value.

use super::document::{Basis, DecompositionSpec, NodeSpec, Seasonality};
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::overflow;
use crate::base::error::{closest, Error, ErrorCode, Origin, Phrase, Result};
use crate::base::number::Dec;
use crate::formula::value::parse_date;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn at(path: &str) -> impl Fn(Error) -> Error + use<> {
    let path = path.to_string();
    move |e| e.path(Origin::Plan, path.clone())
}

/// Whole units of `unit` in `value` (≥ 0): `NEGATIVE_TARGET` or `NOT_MULTIPLE_OF_UNIT` at the
/// pointer `path` gives otherwise (the pointer is only written for an error).
pub fn units(value: Dec, unit: Decimal, name: &str, path: impl Fn() -> String) -> Result<u128> {
    if value.0.is_sign_negative() && !value.0.is_zero() {
        return Err(at(&path())(Error::new(ErrorCode::NegativeTarget).name(name).found(value.0.to_string())));
    }
    let not_multiple = || {
        at(&path())(
            Error::new(ErrorCode::NotMultipleOfUnit).name(name).found(value.0.to_string()).expected(unit.to_string()),
        )
    };
    if let Some(n) = whole_units(value.0, unit) {
        return n.ok_or_else(not_multiple);
    }
    let q = value.0.div_checked(unit).ok_or_else(not_multiple)?;
    if !q.fract().is_zero() {
        return Err(not_multiple());
    }
    u128::try_from(q.trunc().mantissa())
        .map_err(|_| not_multiple())
        .and_then(|m| 10_u128.checked_pow(q.trunc().scale()).and_then(|p| m.checked_div(p)).ok_or_else(not_multiple))
}

/// `value ÷ unit` in integers when both mantissas fit 64 bits at a common scale (the usual
/// case): `Some(Some(n))` for a whole `n`, `Some(None)` for a value that is not a multiple;
/// `None` when the decimals must decide. `value ≥ 0`, `unit > 0`.
fn whole_units(value: Decimal, unit: Decimal) -> Option<Option<u128>> {
    let scale = value.scale().max(unit.scale());
    let at_scale = |d: Decimal| {
        let m = u64::try_from(d.mantissa()).ok()?;
        m.checked_mul(10_u64.checked_pow(scale.checked_sub(d.scale())?)?)
    };
    let (v, u) = (at_scale(value)?, at_scale(unit)?);
    if u == 0 {
        return None;
    }
    Some((v.checked_rem(u)? == 0).then(|| v.checked_div(u).map(u128::from)).flatten())
}

fn non_negative(value: Decimal, name: &str, path: impl Fn() -> String) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(at(&path())(
            Error::new(ErrorCode::InvalidValue)
                .name(name)
                .expected(Phrase::ANumberAtLeastZero)
                .found(value.to_string()),
        ));
    }
    Ok(())
}

/// Twelve percentages, each ≥ 0, totalling exactly 100.
pub fn seasonality(profile: &[Dec], path: &str) -> Result<Vec<Decimal>> {
    if profile.len() != 12 {
        let e = Error::new(ErrorCode::InvalidValue).name("seasonality").expected(Phrase::TwelveMonthPercentages);
        return Err(at(path)(e.found(profile.len().to_string())));
    }
    let mut total = Decimal::ZERO;
    for (i, p) in profile.iter().enumerate() {
        non_negative(p.0, "seasonality", || format!("{path}/{i}"))?;
        total = total.add_checked(p.0).ok_or_else(overflow)?;
    }
    if total != Decimal::ONE_HUNDRED {
        return Err(at(path)(Error::new(ErrorCode::SeasonalityNot100).found(total.normalize().to_string())));
    }
    Ok(profile.iter().map(|p| p.0).collect())
}

/// Where a basis stands: the spec's (or a node's) own, or a part of a blend (which cannot be a
/// blend itself).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BasisPlace {
    /// The basis of the spec.
    Own,
    /// One part of a blend.
    BlendPart,
}

/// A basis: blends total 100 and do not nest; trailing windows of 1–60 months.
pub fn basis(b: &Basis, path: &str, place: BasisPlace) -> Result<()> {
    match b {
        Basis::History { trailing_months: Some(n) } if *n == 0 || *n > 60 => {
            let p = format!("{path}/trailingMonths");
            Err(at(&p)(
                Error::new(ErrorCode::InvalidValue)
                    .name("trailingMonths")
                    .expected(Phrase::AtLeastOneMonth)
                    .found(n.to_string()),
            ))
        }
        Basis::Blend { .. } if place == BasisPlace::BlendPart => Err(at(path)(
            Error::new(ErrorCode::InvalidValue)
                .name("basis")
                .expected(Phrase::ABlendPartNotABlend)
                .found(Phrase::Blend),
        )),
        Basis::Blend { parts } => {
            let mut total = Decimal::ZERO;
            for (i, part) in parts.iter().enumerate() {
                non_negative(part.weight.0, "weight", || format!("{path}/parts/{i}/weight"))?;
                basis(&part.basis, &format!("{path}/parts/{i}/basis"), BasisPlace::BlendPart)?;
                total = total.add_checked(part.weight.0).ok_or_else(overflow)?;
            }
            if total != Decimal::ONE_HUNDRED {
                let p = format!("{path}/parts");
                return Err(at(&p)(Error::new(ErrorCode::WeightsNot100).found(total.normalize().to_string())));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Whether `text` is a month `YYYY-MM` (what `parse_date` reads as the first of a month).
fn is_month(text: &str) -> bool {
    let digits = |from: usize, to: usize| text.get(from..to).filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    let month = digits(5, 7).and_then(|m| m.parse::<u32>().ok());
    text.len() == 7
        && digits(0, 4).is_some()
        && text.as_bytes().get(4) == Some(&b'-')
        && month.is_some_and(|m| (1..=12).contains(&m))
}

/// What checking a node found that the split uses: its dates and its bounds in whole units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Hire date.
    pub hire: Option<NaiveDate>,
    /// Last working day.
    pub leave: Option<NaiveDate>,
    /// Lowest amount, in units.
    pub min: Option<u128>,
    /// Highest amount, in units.
    pub max: Option<u128>,
    /// Locked amount, in units.
    pub locked: Option<u128>,
    /// The factor of its capacity tier.
    pub tier: Option<Decimal>,
}

/// Everything in the spec outside the tree's shape; each node's [`Limits`], in spec order.
pub fn spec(s: &DecompositionSpec) -> Result<Vec<Limits>> {
    if s.unit.0 <= Decimal::ZERO {
        let e =
            Error::new(ErrorCode::InvalidValue).name("unit").expected(Phrase::AUnitAbove0).found(s.unit.0.to_string());
        return Err(at("/unit")(e));
    }
    units(s.total, s.unit.0, "total", || "/total".to_string())?;
    if let Some(Seasonality::Percentages(p)) = &s.seasonality {
        seasonality(p, "/seasonality")?;
    }
    for (i, step) in s.ramp.iter().enumerate() {
        if step.months == 0 {
            let e = Error::new(ErrorCode::InvalidValue).name("months").expected(Phrase::AtLeastOneMonth).found("0");
            return Err(at(&format!("/ramp/{i}/months"))(e));
        }
        if step.percent.0.is_sign_negative() || step.percent.0 > Decimal::ONE_HUNDRED {
            let e = Error::new(ErrorCode::InvalidValue).name("percent").expected(Phrase::ANumberFrom0To100);
            return Err(at(&format!("/ramp/{i}/percent"))(e.found(step.percent.0.to_string())));
        }
    }
    for (name, factor) in &s.tiers {
        non_negative(factor.0, name, || format!("/tiers/{}", crate::base::error::pointer_segment(name)))?;
    }
    basis(&s.basis, "/basis", BasisPlace::Own)?;
    s.nodes.iter().enumerate().map(|(i, node)| self::node(s, node, i)).collect()
}

/// One node's values.
fn node(s: &DecompositionSpec, n: &NodeSpec, i: usize) -> Result<Limits> {
    let p = |key: &str| format!("/nodes/{i}/{key}");
    if let Some(b) = &n.basis {
        basis(b, &p("basis"), BasisPlace::Own)?;
    }
    if let Some(w) = n.weight {
        non_negative(w.0, "weight", || p("weight"))?;
    }
    if let Some(w) = n.potential {
        non_negative(w.0, "potential", || p("potential"))?;
    }
    let tier = match &n.tier {
        Some(t) => match s.tiers.get(t) {
            Some(factor) => Some(factor.0),
            None => {
                let e =
                    Error::new(ErrorCode::InvalidValue).name("tier").expected(Phrase::ATierInTiers).found(t.as_str());
                return Err(at(&p("tier"))(e.suggest(closest(t, s.tiers.keys().map(String::as_str)))));
            }
        },
        None => None,
    };
    for (month, v) in &n.history {
        let key = || format!("{}/{}", p("history"), crate::base::error::pointer_segment(month));
        let valid = is_month(month);
        if !valid {
            return Err(at(&key())(
                Error::new(ErrorCode::InvalidDate).name("history").expected(Phrase::AMonth).found(month.as_str()),
            ));
        }
        non_negative(v.0, "history", key)?;
    }
    if let Some(Seasonality::Percentages(profile)) = &n.seasonality {
        seasonality(profile, &p("seasonality"))?;
    }
    let date = |d: &str, key: &str| parse_date(d).map_err(|e| e.path(Origin::Plan, p(key)));
    let hire = n.hire_date.as_deref().map(|d| date(d, "hireDate")).transpose()?;
    let leave = n.leave_date.as_deref().map(|d| date(d, "leaveDate")).transpose()?;
    if let (Some(h), Some(l)) = (hire, leave) {
        if l < h {
            let e = Error::new(ErrorCode::InvalidDateRange).name(n.id.as_str()).expected(Phrase::LeaveNotBeforeHire);
            return Err(at(&p("leaveDate"))(e));
        }
    }
    let unit = s.unit.0;
    let min = n.min.map(|v| units(v, unit, "min", || p("min"))).transpose()?;
    let max = n.max.map(|v| units(v, unit, "max", || p("max"))).transpose()?;
    let locked = n.locked.map(|v| units(v, unit, "locked", || p("locked"))).transpose()?;
    if let Some(c) = n.commitment {
        if c.0.is_sign_negative() && !c.0.is_zero() {
            return Err(at(&p("commitment"))(
                Error::new(ErrorCode::NegativeTarget).name("commitment").found(c.0.to_string()),
            ));
        }
    }
    let infeasible = |expected: Phrase, found: String, key: &str| {
        at(&p(key))(Error::new(ErrorCode::Infeasible).name(n.id.as_str()).expected(expected).found(found))
    };
    if let (Some(lo), Some(hi)) = (n.min, n.max) {
        if min > max {
            return Err(infeasible(Phrase::MinNotAboveMax, format!("{} > {}", lo.0, hi.0), "min"));
        }
    }
    if let (Some(l), Some(v)) = (locked, n.locked) {
        if min.is_some_and(|m| l < m) || max.is_some_and(|m| l > m) {
            return Err(infeasible(Phrase::LockedOutsideMinMax, v.0.to_string(), "locked"));
        }
    }
    Ok(Limits { hire, leave, min, max, locked, tier })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_as_the_date_parser_reads_them() {
        for text in [
            "2024-01",
            "2024-12",
            "0000-05",
            "9999-09",
            "2024-00",
            "2024-13",
            "2024-1",
            "2024-1a",
            " 024-01",
            "2024/01",
            "24-01",
            "2024-011",
            "２０２４-01",
        ] {
            let parsed = text.len() == 7 && parse_date(&format!("{text}-01")).is_ok();
            assert_eq!(is_month(text), parsed, "{text}");
        }
    }
}
