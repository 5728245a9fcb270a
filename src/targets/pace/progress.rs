//! Attainment to date against a straight line over working days: what should be done by now, the
//! gap to it, the daily rate still needed, and where the current daily rate ends up.

use super::calendar::WorkdayCount;
use crate::base::arithmetic::Arithmetic;
use crate::base::number::{Dec, Rounding, RoundingStrategy};
use rust_decimal::Decimal;
use serde::Serialize;

/// Places of rates (attainment, share of the period).
pub const RATE_SCALE: u32 = 4;

/// Where a rep or team stands against the pace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Status {
    /// The actual has reached the target.
    Achieved,
    /// At or ahead of the expected-to-date.
    OnTrack,
    /// Behind the expected-to-date.
    Behind,
}

/// Progress to date. Money is rounded as the spec's `rounding` says (default 2 places,
/// half-up); rates at 4 places, half-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Progress {
    /// Target for the period.
    pub target: Dec,
    /// Actual to date.
    pub actual: Dec,
    /// actual ÷ target (absent when the target is 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// target × elapsed working days ÷ working days: what a straight line says should be done.
    pub expected_to_date: Dec,
    /// elapsed ÷ total working days: the attainment the pace expects by now.
    pub expected_attainment: Dec,
    /// actual − expected to date: above 0 ahead of pace, below 0 behind it.
    pub pace_gap: Dec,
    /// target − actual, not below 0: still to do.
    pub remaining: Dec,
    /// remaining ÷ working days left, rounded **up** at the money scale so that keeping it
    /// reaches the target. Absent when something remains but no working day does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub required_daily_rate: Option<Dec>,
    /// actual ÷ elapsed working days (absent before the first working day has elapsed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub current_daily_rate: Option<Dec>,
    /// actual × total ÷ elapsed working days: the period's result if the current daily rate
    /// holds (absent before the first working day has elapsed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub run_rate_forecast: Option<Dec>,
    /// Where it stands.
    pub status: Status,
}

/// Unrounded figures the other parts build on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exact {
    /// Target.
    pub target: Decimal,
    /// Actual.
    pub actual: Decimal,
    /// target − actual (may be negative).
    pub need: Decimal,
}

fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    a.div_checked(b)
}

fn rate(d: Decimal) -> Dec {
    Dec(Rounding::new(RATE_SCALE, RoundingStrategy::HalfUp).apply(d))
}

impl Progress {
    /// Progress of `actual` against `target` with the period's working days. `None` on overflow.
    pub fn of(target: Decimal, actual: Decimal, days: &WorkdayCount, money: Rounding) -> Option<(Progress, Exact)> {
        let m = |d: Decimal| Dec(money.apply(d));
        let (elapsed, total, left) =
            (Decimal::from(days.elapsed), Decimal::from(days.total), Decimal::from(days.remaining));
        let expected = target.mul_checked(elapsed)?.div_checked(total)?;
        let need = target.sub_checked(actual)?;
        let remaining = need.max(Decimal::ZERO);
        let required = match ratio(remaining, left) {
            Some(r) => Some(Dec(Rounding::new(money.scale, RoundingStrategy::Up).apply(r))),
            None if remaining.is_zero() => Some(m(Decimal::ZERO)),
            None => None,
        };
        let current = ratio(actual, elapsed);
        let forecast = match current {
            Some(_) => Some(m(actual.mul_checked(total)?.div_checked(elapsed)?)),
            None => None,
        };
        let status = if actual >= target {
            Status::Achieved
        } else if actual >= expected {
            Status::OnTrack
        } else {
            Status::Behind
        };
        let progress = Progress {
            target: m(target),
            actual: m(actual),
            attainment: ratio(actual, target).map(rate),
            expected_to_date: m(expected),
            expected_attainment: rate(ratio(elapsed, total)?),
            pace_gap: m(actual.sub_checked(expected)?),
            remaining: m(remaining),
            required_daily_rate: required,
            current_daily_rate: current.map(m),
            run_rate_forecast: forecast,
            status,
        };
        Some((progress, Exact { target, actual, need }))
    }
}
