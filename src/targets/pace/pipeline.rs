//! The pipeline-weighted forecast: the actual plus each open deal's amount times its win
//! probability (the stage's, unless the deal has its own). Deals expected to close after the
//! period are left out and counted apart.

use super::model::Deal;
use crate::base::arithmetic::Arithmetic;
use crate::base::number::{Dec, Rounding, RoundingStrategy};
use rust_decimal::Decimal;
use serde::Serialize;

/// The open pipeline of a rep or a team.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Pipeline {
    /// Open deals expected to close within the period.
    pub deals: usize,
    /// Their total amount.
    pub open_amount: Dec,
    /// Σ amount × win probability.
    pub weighted: Dec,
    /// actual + weighted: the pipeline-weighted forecast for the period.
    pub forecast: Dec,
    /// forecast ÷ target, at 4 places (absent when the target is 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub forecast_attainment: Option<Dec>,
    /// Open deals expected to close after the period (left out above).
    pub later_deals: usize,
    /// Their total amount.
    pub later_amount: Dec,
}

impl Pipeline {
    /// The pipeline of `deals` for a target and actual. `None` on overflow.
    pub fn of<'a>(
        deals: impl Iterator<Item = &'a Deal>,
        target: Decimal,
        actual: Decimal,
        money: Rounding,
    ) -> Option<Pipeline> {
        let (mut n, mut open, mut weighted, mut later, mut later_amount) =
            (0usize, Decimal::ZERO, Decimal::ZERO, 0usize, Decimal::ZERO);
        for d in deals {
            if d.in_period {
                n = n.saturating_add(1);
                open = open.add_checked(d.amount)?;
                weighted = weighted.add_checked(d.amount.mul_checked(d.probability)?)?;
            } else {
                later = later.saturating_add(1);
                later_amount = later_amount.add_checked(d.amount)?;
            }
        }
        let forecast = actual.add_checked(weighted)?;
        let attainment = if target.is_zero() { None } else { forecast.div_checked(target) };
        let m = |d: Decimal| Dec(money.apply(d));
        Some(Pipeline {
            deals: n,
            open_amount: m(open),
            weighted: m(weighted),
            forecast: m(forecast),
            forecast_attainment: attainment
                .map(|a| Dec(Rounding::new(super::progress::RATE_SCALE, RoundingStrategy::HalfUp).apply(a))),
            later_deals: later,
            later_amount: m(later_amount),
        })
    }
}
