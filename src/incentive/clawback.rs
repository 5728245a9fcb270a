//! Clawbacks (追回) and true-up (补差): a cancelled or refunded deal is a negative event that
//! re-tiers cumulative attainment, and each period pays the recomputed cumulative payout less
//! what was paid to date. A clawback can also take back a percent of what was earned.
//!
//! ```
//! use salescore::incentive::clawback_percent;
//! use rust_decimal::Decimal;
//!
//! // Public case 9: earned 10,000.00, 50% clawed back.
//! assert_eq!(clawback_percent(Decimal::new(1000000, 2), Decimal::from(50)).unwrap().to_string(), "-5000.00");
//! ```

use super::{add, percent_of, sub, sum, RateTable};
use crate::base::error::Result;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The adjustment that takes back `percent` of `earned` (negative).
pub fn clawback_percent(earned: Decimal, percent: Decimal) -> Result<Decimal> {
    sub(Decimal::ZERO, percent_of(earned, percent)?)
}

/// One period's events: booked deals (positive) and clawbacks (negative).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Period {
    /// Amounts, negative for clawbacks.
    pub events: Vec<Dec>,
}

/// One period's true-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TrueUp {
    /// Cumulative amount after the period's events.
    pub cumulative: Dec,
    /// The table's payout on the cumulative amount.
    pub recomputed: Dec,
    /// Paid before this period.
    pub paid_to_date: Dec,
    /// recomputed − paid to date: paid this period (negative: owed back).
    pub true_up: Dec,
}

/// True-up for one period: `F(cumulative) − paid_to_date`.
pub fn true_up(
    table: &RateTable,
    cumulative: Decimal,
    paid_to_date: Decimal,
    quota: Option<Decimal>,
) -> Result<TrueUp> {
    let recomputed = table.cumulative_payout(cumulative, quota)?;
    Ok(TrueUp {
        cumulative: Dec(cumulative),
        recomputed: Dec(recomputed),
        paid_to_date: Dec(paid_to_date),
        true_up: Dec(sub(recomputed, paid_to_date)?),
    })
}

/// Runs periods in order, each paying its true-up: the cumulative amount and what was paid are
/// carried from one period to the next.
pub fn ledger(table: &RateTable, periods: &[Period], quota: Option<Decimal>) -> Result<Vec<TrueUp>> {
    let (mut cumulative, mut paid) = (Decimal::ZERO, Decimal::ZERO);
    let mut out = Vec::with_capacity(periods.len());
    for p in periods {
        cumulative = add(cumulative, sum(p.events.iter().map(|e| e.0))?)?;
        let t = true_up(table, cumulative, paid, quota)?;
        paid = add(paid, t.true_up.0)?;
        out.push(t);
    }
    Ok(out)
}

use crate::base::json::read::{At, Read};

impl Read for Period {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["events"])?;
        Ok(Period { events: o.req("events")? })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)] // test code: a panic is a failed test
    use super::*;

    #[test]
    fn a_clawback_re_tiers_and_the_rebooking_restores() {
        let table = RateTable::new(
            super::super::parse(
                r#"{"kind": "retroactive", "tiers": [
            {"from": 0, "to": 10000, "rate": 0.05}, {"from": 10000, "rate": 0.10}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let p = |v: &[i64]| Period { events: v.iter().map(|x| Dec(Decimal::from(*x))).collect() };
        let rows = ledger(&table, &[p(&[8000, 4000]), p(&[-4000]), p(&[4000])], None).unwrap();
        assert_eq!(rows[0].true_up.0, Decimal::from(1200));
        // Back below 10,000: the whole 8,000 falls to 5%.
        assert_eq!(rows[1].true_up.0, Decimal::from(-800));
        assert_eq!(rows[2].true_up.0, Decimal::from(800));
        assert_eq!(rows[2].paid_to_date.0 + rows[2].true_up.0, Decimal::from(1200));
    }
}
