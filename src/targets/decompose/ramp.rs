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
use rust_decimal::Decimal;

/// Hundred.
const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A person's presence over the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Presence {
    /// Weight of each month (seasonality × ramp × active share of the month, scaled).
    pub months: Vec<Decimal>,
    /// Ramp percentage of each month (100 for a person without a hire date or past the ramp;
    /// 0 before the hire month).
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

/// A person's month weights and availability.
pub fn presence(
    timeline: &Timeline,
    seasonality: &[Decimal],
    steps: &[RampStep],
    hire: Option<chrono::NaiveDate>,
    leave: Option<chrono::NaiveDate>,
) -> Option<Presence> {
    let n = timeline.months.len();
    let mut months = Vec::with_capacity(n);
    let mut ramp = Vec::with_capacity(n);
    let (mut got, mut full) = (Decimal::ZERO, Decimal::ZERO);
    for month in &timeline.months {
        let season = seasonality.get(usize::try_from(month.number()).ok()?.checked_sub(1)?).copied()?;
        let r = hire.map_or(HUNDRED, |h| ramp_percent(steps, months_since_hire(h, month)));
        let days = active_days(month.first, month.last, hire, leave);
        let per_day = DAY_SCALE.checked_div(month.days)?;
        let day_weight = Decimal::from(days.checked_mul(per_day)?);
        let weight = season.checked_mul(r)?.checked_mul(day_weight)?;
        full = full.checked_add(season.checked_mul(HUNDRED)?.checked_mul(Decimal::from(DAY_SCALE))?)?;
        got = got.checked_add(weight)?;
        months.push(weight);
        ramp.push(r);
    }
    let availability = if full.is_zero() { Decimal::ZERO } else { got.checked_div(full)? };
    Some(Presence { months, ramp, availability })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::Dec;
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
        let flat = vec![Decimal::ONE; 12];
        let hire = chrono::NaiveDate::from_ymd_opt(2025, 1, 1);
        let p = presence(&t, &flat, &steps(), hire, None).unwrap();
        assert_eq!(p.availability, "0.625".parse::<Decimal>().unwrap());
        let leave = chrono::NaiveDate::from_ymd_opt(2025, 2, 28);
        let p = presence(&t, &flat, &[], None, leave).unwrap();
        assert_eq!(p.availability, "0.5".parse::<Decimal>().unwrap());
        assert!(p.months[2].is_zero());
    }
}
