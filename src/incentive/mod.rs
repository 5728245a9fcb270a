//! Incentive computation (提成 / 奖金): the pure components a plan's incentive section is built
//! from, each validated on construction and computing with an explanation.
//!
//! - [`RateTable`]: flat, retroactive, marginal and interpolated tiers on an amount or on
//!   attainment, with a carried-in cumulative amount and per-transaction calculation;
//! - [`PayoutCurve`]: a target bonus on a curve of attainment (gate, segments, accelerators,
//!   decelerators, cap) times named multipliers (绩效系数, 回款率 factor);
//! - [`Split`] and [`Pool`]: credit and pools shared exactly to the cent;
//! - [`Spiff`], [`Mbo`], [`Draw`], and [`clawback`] with true-up;
//! - [`Statement`]: the lines a rep reads, rounded per line or on the total, in zh-CN or en;
//! - [`estimate`]: "if I close X more, my payout becomes Y", with the next tier or gate.
//!
//! Rates are fractions (`0.05` is 5%); attainment and curve payouts are percents (`100` is
//! quota, or the whole target bonus). Money is rounded only in a [`Statement`]; components
//! return exact values.
//!
//! ```
//! use salescore::incentive::{RateTable, RateTableDef};
//!
//! let def: RateTableDef = salescore::incentive::parse(r#"{
//!   "kind": "marginal",
//!   "tiers": [{"from": 0, "to": 5000, "rate": 0.05}, {"from": 5000, "to": 10000, "rate": 0.10},
//!             {"from": 10000, "rate": 0.15}]
//! }"#).unwrap();
//! let table = RateTable::new(def).unwrap();
//! assert_eq!(table.pay(11000.into()).unwrap().payout.0.to_string(), "900.00");
//! ```

pub mod allocation;
pub mod builder;
pub mod clawback;
pub mod currency;
pub mod draw;
pub mod estimator;
mod explain;
pub mod mbo;
pub mod payout_curve;
pub mod pool;
pub mod rate_table;
pub mod section;
pub mod spiff;
pub mod split;
pub mod statement;

pub use builder::StatementBuilder;
pub use clawback::{clawback_percent, ledger, true_up, Period, TrueUp};
pub use currency::Currency;
pub use draw::{Draw, DrawDef, DrawKind, DrawResult};
pub use estimator::{estimate, estimate_curve, Estimate, NextStep};
pub use mbo::{Mbo, MboDef, MboResult, ObjectiveDef, ObjectiveLine};
pub use payout_curve::{CurvePoint, CurveResult, Multiplier, PayoutCurve, PayoutCurveDef};
pub(crate) use pool::PoolPart;
pub use pool::{Pool, PoolMember, PoolShare};
pub use rate_table::{Bounds, RateKind, RateResult, RateTable, RateTableDef, Slice, TierBasis, TierDef};
pub use spiff::{Spiff, SpiffDef, SpiffFrequency, SpiffResult};
pub use split::{Split, SplitDef, SplitShare, SplitShareDef};
pub use statement::{LineKind, Statement, StatementLine, TotalRounding};

use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use rust_decimal::Decimal;

/// Reads a component definition from JSON text; a malformed one is a coded error with a JSON
/// pointer to the offending key.
pub fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    crate::base::json::from_json(json)
}

pub(crate) use crate::base::checked::{add, div, mul, percent_of, sub, sum};

/// An error pointing into a component definition.
pub(crate) fn at(code: ErrorCode, path: impl Into<String>) -> Error {
    Error::new(code).path(Origin::Plan, path)
}

/// `INVALID_VALUE` for `name` at `path`: `expected`, found `found`.
pub(crate) fn invalid(path: impl Into<String>, name: &str, expected: Phrase, found: impl ToString) -> Error {
    at(ErrorCode::InvalidValue, path).name(name).expected(expected).found(found.to_string())
}

/// A value ≥ 0, or `INVALID_VALUE` at `path`.
pub(crate) fn non_negative(value: Decimal, name: &str, path: &str) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(invalid(path, name, Phrase::ANumberAtLeastZero, value.normalize()));
    }
    Ok(())
}
