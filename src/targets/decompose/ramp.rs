//! People over time: how much of each month a person is there for (proration for joiners and
//! leavers, by calendar days) and at what share of full quota (the new-hire ramp).
//!
//! A person's weight for month `m` is `seasonality(m) × ramp(m) × activeDays(m) ÷ days(m)`,
//! kept as an exact whole-day weight (see [`DAY_SCALE`]). Their **availability** is the sum of
//! those weights over the period divided by what a full-time, fully ramped person would have:
//! 100% for someone there all period, 62.5% for a new hire on the schedule 50/50/75/75 over a
//! four-month period… It scales the person's weight in the top-down split, and the month
//! weights split their amount over time.

use super::document::RampStep;
use super::period::{active_days, months_since_hire, Timeline, DAY_SCALE};
use crate::base::arithmetic::Arithmetic;
use rust_decimal::Decimal;

/// Hundred.
const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A person's presence over the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Presence {
    /// Whole-number weight of each month (seasonality × ramp × active share of the month, all
    /// scaled to integers; only their ratios matter).
    pub months: Vec<u128>,
    /// Ramp percentage of each month for a person with a hire date (100 past the ramp, 0 before
    /// the hire month); empty without one.
    pub ramp: Vec<Decimal>,
    /// Availability as a fraction of a full-time, fully ramped person (0–1).
    pub availability: Decimal,
}

/// The ramp percentage in month `k` after hire (the hire month is 1; 0 before it).
pub fn ramp_percent(steps: &[RampStep], k: u32) -> Decimal {
    if k == 0 {
        return Decimal::ZERO;
    }
    let mut through = 0_u32;
    for step in steps {
        through = through.saturating_add(step.months);
        if k <= through {
            return step.percent.0;
        }
    }
    HUNDRED
}

/// Decimals as whole numbers at one common scale (none if they do not fit).
pub fn integers(values: &[Decimal]) -> Option<Vec<u128>> {
    let scale = values.iter().map(|v| v.normalize().scale()).max().unwrap_or(0);
    values
        .iter()
        .map(|v| {
            let m = u128::try_from(v.mantissa()).ok()?;
            m.checked_mul(10_u128.checked_pow(scale.checked_sub(v.scale())?)?)
        })
        .collect()
}

/// The ramp as whole numbers: each step's percentage and full quota (100%) at one scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ramp {
    steps: Vec<(u32, u128)>,
    full: u128,
    percents: Vec<Decimal>,
}

impl Ramp {
    /// Reads the spec's steps (none if a percentage has too many decimals to scale).
    pub fn new(steps: &[RampStep]) -> Option<Ramp> {
        let mut percents: Vec<Decimal> = steps.iter().map(|s| s.percent.0).collect();
        percents.push(HUNDRED);
        let ints = integers(&percents)?;
        let full = *ints.last()?;
        let steps = steps.iter().zip(&ints).map(|(s, p)| (s.months, *p)).collect();
        percents.pop();
        Some(Ramp { steps, full, percents })
    }

    /// The scaled percentage and the percentage in month `k` after hire.
    fn at(&self, k: u32) -> (u128, Decimal) {
        if k == 0 {
            return (0, Decimal::ZERO);
        }
        let mut through = 0_u32;
        for ((months, p), d) in self.steps.iter().zip(&self.percents) {
            through = through.saturating_add(*months);
            if k <= through {
                return (*p, *d);
            }
        }
        (self.full, HUNDRED)
    }
}

/// `a × b × c` (none on overflow), in 64 bits when the factors allow it (128-bit products
/// are slow in WebAssembly).
fn product(a: u128, b: u128, c: u128) -> Option<u128> {
    let small = (u64::try_from(a), u64::try_from(b), u64::try_from(c));
    if let (Ok(a), Ok(b), Ok(c)) = small {
        if let Some(p) = a.checked_mul(b).and_then(|ab| ab.checked_mul(c)) {
            return Some(u128::from(p));
        }
    }
    a.checked_mul(b)?.checked_mul(c)
}

/// A person's month weights and availability; `season` is the seasonality profile as whole
/// numbers (January first).
pub fn presence(
    timeline: &Timeline,
    season: &[u128],
    ramp: &Ramp,
    hire: Option<chrono::NaiveDate>,
    leave: Option<chrono::NaiveDate>,
) -> Option<Presence> {
    let n = timeline.months.len();
    let mut months = Vec::with_capacity(n);
    let mut percents = Vec::with_capacity(if hire.is_some() { n } else { 0 });
    let (mut got, mut full) = (0_u128, 0_u128);
    for month in &timeline.months {
        let s = *season.get(usize::try_from(month.number()).ok()?.checked_sub(1)?)?;
        let (r, percent) = hire.map_or((ramp.full, HUNDRED), |h| ramp.at(months_since_hire(h, month)));
        let days = if hire.is_none() && leave.is_none() {
            month.days
        } else {
            active_days(month.first, month.last, hire, leave)
        };
        let day_weight = u128::from(days.checked_mul(DAY_SCALE.checked_div(month.days)?)?);
        let weight = product(s, r, day_weight)?;
        full = full.checked_add(product(s, ramp.full, u128::from(DAY_SCALE))?)?;
        got = got.checked_add(weight)?;
        months.push(weight);
        if hire.is_some() {
            percents.push(percent);
        }
    }
    let dec = |v: u128| Decimal::try_from_i128_with_scale(i128::try_from(v).ok()?, 0).ok();
    let availability = if full == 0 {
        Decimal::ZERO
    } else if got == full {
        Decimal::ONE
    } else {
        dec(got)?.div_checked(dec(full)?)?
    };
    Some(Presence { months, ramp: percents, availability })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::number::Dec;
    use crate::targets::decompose::document::Period;

    fn steps() -> Vec<RampStep> {
        vec![
            RampStep { months: 2, percent: Dec(Decimal::from(50)) },
            RampStep { months: 2, percent: Dec(Decimal::from(75)) },
        ]
    }

    #[test]
    fn public_case_8_schedule() {
        let got: Vec<Decimal> = (0..7).map(|k| ramp_percent(&steps(), k)).collect();
        let want: Vec<Decimal> = [0, 50, 50, 75, 75, 100, 100].iter().map(|p| Decimal::from(*p)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn availability_of_a_new_hire_and_a_leaver() {
        let t = Timeline::new(&Period { start: "2025-01-01".into(), end: "2025-04-30".into() }).unwrap();
        let flat = vec![1_u128; 12];
        let ramp = Ramp::new(&steps()).unwrap();
        let hire = chrono::NaiveDate::from_ymd_opt(2025, 1, 1);
        let p = presence(&t, &flat, &ramp, hire, None).unwrap();
        assert_eq!(p.availability, "0.625".parse::<Decimal>().unwrap());
        let leave = chrono::NaiveDate::from_ymd_opt(2025, 2, 28);
        let p = presence(&t, &flat, &Ramp::new(&[]).unwrap(), None, leave).unwrap();
        assert_eq!(p.availability, "0.5".parse::<Decimal>().unwrap());
        assert_eq!(p.months[2], 0);
    }
}
