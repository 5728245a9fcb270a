//! Exact allocation of an amount by weights to the smallest currency unit: every part gets the
//! whole units of its share, and the units left over go one each to the largest remainders
//! (ties to the smaller key, then the earlier part). The parts always add up to the amount.
//!
//! ```
//! use salescore::incentive::{allocation::allocate, Currency};
//! use rust_decimal::Decimal;
//!
//! let parts = allocate(Decimal::from(100), &Currency::default(), &[Decimal::ONE; 3], &["a", "b", "c"]).unwrap();
//! let text: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
//! assert_eq!(text, ["33.34", "33.33", "33.33"]);
//! ```

use super::currency::Currency;
use crate::base::apportion::largest_remainder_by_key;
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Phrase, Result};
use rust_decimal::Decimal;

/// Splits `total` by `weights` (each ≥ 0, not all 0) exactly to the currency's smallest unit;
/// `keys` break ties among equal remainders. A negative total is split as its magnitude, each
/// part negative. `CURRENCY_SCALE_MISMATCH` when the total has more decimals than the currency,
/// `WEIGHTS_ALL_ZERO` when every weight is 0.
pub fn allocate(total: Decimal, currency: &Currency, weights: &[Decimal], keys: &[&str]) -> Result<Vec<Decimal>> {
    let units = currency.units(total, "amount", "")?;
    let weights = integer_weights(weights)?;
    if weights.sum == 0 {
        return Err(Error::new(ErrorCode::WeightsAllZero).name(Phrase::Allocation).expected(Phrase::Weights));
    }
    let counts =
        unit_counts(units.unsigned_abs(), &weights.ints, weights.sum, |i| (keys.get(i).copied().unwrap_or(""), i))?;
    counts.into_iter().map(|c| signed_part(currency, units, c)).collect()
}

/// Weights as integers at their common scale.
pub(crate) struct IntegerWeights {
    pub(crate) ints: Vec<u128>,
    /// The finest scale of the weights (written without trailing zeros).
    pub(crate) scale: u32,
    /// Σ `ints`.
    pub(crate) sum: u128,
}

/// The weights as integers at their common scale, each at least 0.
pub(crate) fn integer_weights(weights: &[Decimal]) -> Result<IntegerWeights> {
    let scale = weights.iter().map(|w| w.normalize().scale()).max().unwrap_or(0);
    let ints = weights
        .iter()
        .map(|w| {
            if w.is_sign_negative() && !w.is_zero() {
                return Err(Error::new(ErrorCode::InvalidValue)
                    .name("weight")
                    .expected(Phrase::ANumberAtLeastZero)
                    .found(w.to_string()));
            }
            let mut v = *w;
            v.rescale(scale);
            u128::try_from(v.mantissa()).map_err(|_| overflow())
        })
        .collect::<Result<Vec<u128>>>()?;
    let sum = ints.iter().try_fold(0_u128, |acc, w| acc.checked_add(*w)).ok_or_else(overflow)?;
    Ok(IntegerWeights { ints, scale, sum })
}

/// `n` units split by the integer weights `ints` (their sum `sum` above 0): each its share's
/// whole units, the units left over to the largest remainders, equal ones by `key`.
pub(crate) fn unit_counts<K: Ord>(n: u128, ints: &[u128], sum: u128, key: impl Fn(usize) -> K) -> Result<Vec<u128>> {
    let shares: Vec<u128> = ints.iter().map(|w| n.checked_mul(*w)).collect::<Option<_>>().ok_or_else(overflow)?;
    Ok(largest_remainder_by_key(n, &shares, sum, key))
}

/// `count` units with the sign of `units`, as an amount of `currency`.
pub(crate) fn signed_part(currency: &Currency, units: i128, count: u128) -> Result<Decimal> {
    let c = i128::try_from(count).map_err(|_| overflow())?;
    currency.from_units(if units < 0 { c.checked_neg().ok_or_else(overflow)? } else { c })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;

    #[test]
    fn parts_add_up_for_negative_totals_too() {
        let c = Currency::default();
        let parts = allocate(Decimal::new(-1001, 2), &c, &[Decimal::ONE, Decimal::TWO], &["x", "y"]).unwrap();
        assert_eq!(parts, [Decimal::new(-334, 2), Decimal::new(-667, 2)]);
    }

    #[test]
    fn parts_past_the_decimal_range_are_an_overflow_not_a_panic() {
        // The largest decimal is 7.9e30 cents; a part of it in cents does not fit a decimal.
        let e = allocate(Decimal::MAX, &Currency::default(), &[Decimal::ONE, Decimal::ZERO], &["a", "b"]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Overflow);
        let e = allocate(Decimal::MIN, &Currency::default(), &[Decimal::ONE; 2], &["a", "b"]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Overflow);
    }

    #[test]
    fn ties_go_to_the_smaller_key() {
        let c = Currency::new("JPY", 0).unwrap();
        let parts = allocate(Decimal::from(2), &c, &[Decimal::ONE; 3], &["c", "a", "b"]).unwrap();
        assert_eq!(parts, [Decimal::ZERO, Decimal::ONE, Decimal::ONE]);
    }
}
