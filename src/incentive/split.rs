//! Split credit (业绩分配): one deal credited to several reps by shares that total exactly 100%.
//! Each rep's credited amount is exact to the cent and the credits add up to the deal; a rep's
//! attainment counts only the credit.
//!
//! ```
//! use salescore::incentive::{parse, Currency, Split};
//! use rust_decimal::Decimal;
//!
//! let split = Split::new(parse(r#"{"shares": [{"rep": "张三", "percent": 60}, {"rep": "李四", "percent": 40}]}"#).unwrap()).unwrap();
//! let credit = split.credit(Decimal::new(1000001, 2), &Currency::default()).unwrap();
//! assert_eq!(credit[0].credited.0.to_string(), "6000.01");
//! assert_eq!(credit[1].credited.0.to_string(), "4000.00");
//! ```

use super::{at, non_negative, sum, Currency};
use crate::base::error::{ErrorCode, Result};
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One rep's share of the credit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SplitShareDef {
    /// The rep.
    pub rep: String,
    /// Percent of the credit.
    pub percent: Dec,
}

/// A credit split as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SplitDef {
    /// The shares, totalling 100.
    pub shares: Vec<SplitShareDef>,
}

/// A validated split.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    def: SplitDef,
}

/// What one rep is credited.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SplitShare {
    /// The rep.
    pub rep: String,
    /// Percent of the credit.
    pub percent: Dec,
    /// amount × percent, exact before rounding.
    pub exact: Dec,
    /// The credited amount, to the smallest unit; the credits add up to the amount.
    pub credited: Dec,
}

impl Split {
    /// Validates: shares ≥ 0, reps unique (`DUPLICATE_ID`), total exactly 100 (`SPLITS_NOT_100`).
    pub fn new(def: SplitDef) -> Result<Self> {
        for (i, share) in def.shares.iter().enumerate() {
            non_negative(share.percent.0, "percent", &format!("/shares/{i}/percent"))?;
            if def.shares.iter().take(i).any(|s| s.rep == share.rep) {
                return Err(at(ErrorCode::DuplicateId, format!("/shares/{i}/rep")).name(share.rep.clone()));
            }
        }
        let total = sum(def.shares.iter().map(|s| s.percent.0))?;
        if total != Decimal::ONE_HUNDRED {
            return Err(at(ErrorCode::SplitsNot100, "/shares").found(total.normalize().to_string()));
        }
        Ok(Split { def })
    }

    /// The definition.
    pub fn def(&self) -> &SplitDef {
        &self.def
    }

    /// Credits `amount` (negative for a clawback) to the reps, exact to the currency's unit.
    pub fn credit(&self, amount: Decimal, currency: &Currency) -> Result<Vec<SplitShare>> {
        let weights: Vec<Decimal> = self.def.shares.iter().map(|s| s.percent.0).collect();
        let keys: Vec<&str> = self.def.shares.iter().map(|s| s.rep.as_str()).collect();
        let parts = super::allocation::allocate(amount, currency, &weights, &keys)?;
        self.def
            .shares
            .iter()
            .zip(parts)
            .map(|(s, credited)| {
                let exact = super::percent_of(amount, s.percent.0)?;
                Ok(SplitShare { rep: s.rep.clone(), percent: s.percent, exact: Dec(exact), credited: Dec(credited) })
            })
            .collect()
    }

    /// What `rep` is credited of `amount`: its share of [`Split::credit`] (0 when the split does
    /// not name it), with the same errors, without building every rep's share.
    pub(crate) fn credit_to(&self, amount: Decimal, currency: &Currency, rep: &str) -> Result<Decimal> {
        let weights: Vec<Decimal> = self.def.shares.iter().map(|s| s.percent.0).collect();
        let keys: Vec<&str> = self.def.shares.iter().map(|s| s.rep.as_str()).collect();
        let parts = super::allocation::allocate(amount, currency, &weights, &keys)?;
        let mut mine = None;
        for (s, credited) in self.def.shares.iter().zip(parts) {
            // `credit` works out each exact share too: the same overflow is reported here.
            super::percent_of(amount, s.percent.0)?;
            if mine.is_none() && s.rep == rep {
                mine = Some(credited);
            }
        }
        Ok(mine.unwrap_or(Decimal::ZERO))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;

    #[test]
    fn shares_must_total_100() {
        let def: SplitDef =
            super::super::parse(r#"{"shares": [{"rep": "a", "percent": 60}, {"rep": "b", "percent": 30}]}"#).unwrap();
        let e = Split::new(def).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str(), e.detail.found.as_deref()),
            (ErrorCode::SplitsNot100, "/shares", Some("90"))
        );
    }

    #[test]
    fn thirds_add_up() {
        let def: SplitDef = super::super::parse(
            r#"{"shares": [{"rep": "a", "percent": "33.33"}, {"rep": "b", "percent": "33.33"}, {"rep": "c", "percent": "33.34"}]}"#,
        )
        .unwrap();
        let credit = Split::new(def).unwrap().credit(Decimal::new(1, 2), &Currency::default()).unwrap();
        let total: Decimal = credit.iter().map(|c| c.credited.0).sum();
        assert_eq!(total, Decimal::new(1, 2));
        assert_eq!(credit[2].credited.0, Decimal::new(1, 2));
    }
}
