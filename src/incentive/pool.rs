//! Team pool (团队奖金池): an amount shared by the members' scores, exact to the cent (largest
//! remainder; equal remainders go to the smaller id), always adding up to the pool.
//!
//! ```
//! use salescore::incentive::{Currency, Pool, PoolMember};
//! use rust_decimal::Decimal;
//!
//! let pool = Pool::new(Decimal::from(1000), Currency::default()).unwrap();
//! let members = [PoolMember::new("a", Decimal::from(90)), PoolMember::new("b", Decimal::from(80)), PoolMember::new("c", Decimal::from(70))];
//! let shares = pool.split(&members).unwrap();
//! let amounts: Vec<String> = shares.iter().map(|s| s.amount.0.to_string()).collect();
//! assert_eq!(amounts, ["375.00", "333.33", "291.67"]);
//! ```

use super::{at, div, mul, non_negative, Currency};
use crate::base::error::{ErrorCode, Phrase, Result};
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A member and the score the pool is shared by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PoolMember {
    /// Member id.
    pub id: String,
    /// Score (≥ 0).
    pub score: Dec,
}

impl PoolMember {
    /// A member with a score.
    pub fn new(id: impl Into<String>, score: Decimal) -> Self {
        PoolMember { id: id.into(), score: Dec(score) }
    }
}

/// One member's part of the pool.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PoolShare {
    /// Member id.
    pub id: String,
    /// Score.
    pub score: Dec,
    /// score ÷ Σ scores, exact.
    pub share: Dec,
    /// pool × share, exact before rounding.
    pub exact: Dec,
    /// The amount, to the smallest unit; the amounts add up to the pool.
    pub amount: Dec,
}

/// A pool to share.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    amount: Decimal,
    currency: Currency,
}

impl Pool {
    /// A pool of `amount` (≥ 0, at most the currency's decimals: `CURRENCY_SCALE_MISMATCH`).
    pub fn new(amount: Decimal, currency: Currency) -> Result<Self> {
        non_negative(amount, "amount", "/amount")?;
        currency.units(amount, "amount", "/amount")?;
        Ok(Pool { amount, currency })
    }

    /// Shares the pool by score: scores ≥ 0 (`INVALID_VALUE` at `/members/i/score`), ids unique
    /// (`DUPLICATE_ID`), not all 0 (`WEIGHTS_ALL_ZERO`).
    pub fn split(&self, members: &[PoolMember]) -> Result<Vec<PoolShare>> {
        let mut seen = std::collections::HashSet::with_capacity(members.len());
        for (i, m) in members.iter().enumerate() {
            if m.score.0.is_sign_negative() {
                non_negative(m.score.0, "score", &format!("/members/{i}/score"))?;
            }
            if !seen.insert(m.id.as_str()) {
                return Err(at(ErrorCode::DuplicateId, format!("/members/{i}/id")).name(m.id.clone()));
            }
        }
        let scores: Vec<Decimal> = members.iter().map(|m| m.score.0).collect();
        let keys: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
        let parts = self.parts(&scores, &keys)?;
        members
            .iter()
            .zip(parts)
            .map(|(m, part)| {
                Ok(PoolShare {
                    id: m.id.clone(),
                    score: m.score,
                    share: Dec(part.share()?),
                    exact: Dec(mul(self.amount, part.share()?)?),
                    amount: Dec(part.amount),
                })
            })
            .collect()
    }

    /// Each member's part of the pool by `scores` (≥ 0, not all 0), `keys` (unique ids) breaking
    /// ties among equal remainders: what [`Pool::split`] gives, without checking the members.
    pub(crate) fn parts(&self, scores: &[Decimal], keys: &[&str]) -> Result<Vec<PoolPart>> {
        for (i, s) in scores.iter().enumerate() {
            if s.is_sign_negative() {
                non_negative(*s, "score", &format!("/members/{i}/score"))?;
            }
        }
        let total = super::sum(scores.iter().copied())?;
        if total.is_zero() {
            return Err(at(ErrorCode::WeightsAllZero, "/members").name(Phrase::Pool).expected(Phrase::TypeScore));
        }
        let amounts = super::allocation::allocate(self.amount, &self.currency, scores, keys)?;
        Ok(scores.iter().zip(amounts).map(|(s, amount)| PoolPart { amount, score: *s, total }).collect())
    }
}

/// One member's part of a pool (see [`Pool::parts`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PoolPart {
    /// The amount, to the smallest unit.
    pub(crate) amount: Decimal,
    /// The member's score.
    pub(crate) score: Decimal,
    /// Σ scores (above 0).
    pub(crate) total: Decimal,
}

impl PoolPart {
    /// score ÷ Σ scores, exact (worked out only for a statement that shows it).
    pub(crate) fn share(&self) -> Result<Decimal> {
        div(self.score, self.total)
    }
}

use crate::base::json::read::{At, Read};

impl Read for PoolMember {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "score"])?;
        Ok(PoolMember { id: o.req("id")?, score: o.req("score")? })
    }
}
