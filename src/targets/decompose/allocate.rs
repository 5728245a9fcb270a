//! Splitting a whole number of rounding units by decimal weights, exactly.
//!
//! The weights are exact decimals. They are brought to one common number of decimal places
//! and read as whole numbers `wᵢ`; part `i`'s share of `n` units is then the exact fraction
//! `n·wᵢ / Σw`, and [`largest_remainder_by_key`] turns the shares into whole units that add up
//! to `n`: each part gets the whole part of its share, and the units left over go one each to
//! the largest fractional parts. **Tie-break**: among equal fractional parts the larger weight
//! goes first, then the caller's key (the node id for the organisation, the earlier month or
//! week over time), so the result never depends on the order the parts were listed in.
//!
//! Only when `n·Σw` would not fit in 128 bits are the weights first rounded (half-up) to fewer
//! decimal places — with realistic amounts that leaves more than 15 significant digits.

use crate::error::{Error, ErrorCode, Result};
use crate::team::apportion::largest_remainder_by_key;
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Reverse;

/// Splits `n` units in proportion to `weights` (each ≥ 0), breaking ties by larger weight, then
/// by smaller `key`. All weights zero with `n > 0` is `WEIGHTS_ALL_ZERO` (the caller adds the
/// node and path).
pub fn split<K: Ord>(n: u128, weights: &[Decimal], key: impl Fn(usize) -> K) -> Result<Vec<u128>> {
    if n == 0 {
        return Ok(vec![0; weights.len()]);
    }
    let (ints, total) = integer_weights(weights, n)?;
    shares_of(n, &ints, total, key)
}

/// [`split`] for weights that are already whole numbers.
pub fn split_whole<K: Ord>(n: u128, weights: &[u128], key: impl Fn(usize) -> K) -> Result<Vec<u128>> {
    if n == 0 {
        return Ok(vec![0; weights.len()]);
    }
    let total = weights.iter().try_fold(0_u128, |a, w| a.checked_add(*w)).ok_or_else(overflow)?;
    shares_of(n, weights, total, key)
}

fn shares_of<K: Ord>(n: u128, ints: &[u128], total: u128, key: impl Fn(usize) -> K) -> Result<Vec<u128>> {
    if total == 0 {
        return Err(Error::new(ErrorCode::WeightsAllZero));
    }
    if let Some(counts) = shares_u64(n, ints, total, &key) {
        return Ok(counts);
    }
    let mut shares = Vec::with_capacity(ints.len());
    for w in ints {
        shares.push(n.checked_mul(*w).ok_or_else(overflow)?);
    }
    let tie = |i: usize| (Reverse(ints.get(i).copied().unwrap_or(0)), key(i));
    Ok(largest_remainder_by_key(n, &shares, total, tie))
}

/// [`shares_of`] in 64-bit arithmetic when `n × total` fits (128-bit division is slow in
/// WebAssembly): the same largest remainder with the same tie-break, so the same counts. None
/// when it does not fit.
fn shares_u64<K: Ord>(n: u128, ints: &[u128], total: u128, key: &impl Fn(usize) -> K) -> Option<Vec<u128>> {
    let n64 = u64::try_from(n).ok()?;
    let total = u64::try_from(total).ok()?;
    n64.checked_mul(total)?;
    let mut counts = Vec::with_capacity(ints.len());
    let mut fractions = Vec::new();
    let mut placed = 0_u64;
    for (i, w) in ints.iter().enumerate() {
        // w ≤ total, so n × w fits too.
        let share = n64.checked_mul(u64::try_from(*w).ok()?)?;
        let whole = share.checked_div(total)?;
        let frac = share.checked_rem(total)?;
        placed = placed.checked_add(whole)?;
        counts.push(u128::from(whole));
        if frac > 0 {
            fractions.push((frac, i));
        }
    }
    let left = usize::try_from(n64.saturating_sub(placed)).unwrap_or(usize::MAX);
    if left == 0 {
        return Some(counts);
    }
    let weight = |i: usize| Reverse(ints.get(i).copied().unwrap_or(0));
    fractions.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| (weight(a.1), key(a.1)).cmp(&(weight(b.1), key(b.1)))));
    for &(_, i) in fractions.iter().cycle().take(left) {
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(1);
        }
    }
    Some(counts)
}

fn overflow() -> Error {
    Error::new(ErrorCode::Overflow)
}

/// The weights as whole numbers at one common scale, and their sum, such that `n × sum` fits.
fn integer_weights(weights: &[Decimal], n: u128) -> Result<(Vec<u128>, u128)> {
    let max_scale = weights.iter().map(|w| w.normalize().scale()).max().unwrap_or(0);
    let whole_sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |acc, w| acc.checked_add(w.ceil()))
        .and_then(|s| u128::try_from(s.mantissa()).ok())
        .ok_or_else(overflow)?;
    // Largest scale at which n × (sum + one per weight) still fits.
    let count = u128::try_from(weights.len()).map_err(|_| overflow())?;
    let bound = whole_sum
        .checked_add(count)
        .and_then(|s| s.checked_add(1))
        .and_then(|s| s.checked_mul(n.checked_add(1)?))
        .ok_or_else(overflow)?;
    let room = u128::MAX.checked_div(bound).unwrap_or(0);
    let mut scale = 0_u32;
    while scale < max_scale && 10_u128.checked_pow(scale.saturating_add(1)).is_some_and(|p| p <= room) {
        scale = scale.saturating_add(1);
    }
    let mut ints = Vec::with_capacity(weights.len());
    let mut total = 0_u128;
    for w in weights {
        let r = w.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
        let m = u128::try_from(r.mantissa()).map_err(|_| Error::new(ErrorCode::InvalidValue).found(w.to_string()))?;
        let up = 10_u128.checked_pow(scale.saturating_sub(r.scale())).ok_or_else(overflow)?;
        let v = m.checked_mul(up).ok_or_else(overflow)?;
        total = total.checked_add(v).ok_or_else(overflow)?;
        ints.push(v);
    }
    n.checked_mul(total).ok_or_else(overflow)?;
    Ok((ints, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn even_split_with_ties_by_key() {
        let w = vec![d("1"); 3];
        assert_eq!(split(10, &w, |i| i).unwrap(), [4, 3, 3]);
        assert_eq!(split(10, &w, |i| [2, 1, 0][i]).unwrap(), [3, 3, 4]);
    }

    #[test]
    fn larger_weight_wins_an_equal_remainder() {
        // 5 over 1 : 3 → 1.25 / 3.75; 7 over 1 : 1 : 2 → 1.75 / 1.75 / 3.5.
        assert_eq!(split(5, &[d("1"), d("3")], |i| i).unwrap(), [1, 4]);
        assert_eq!(split(7, &[d("1"), d("1"), d("2")], |i| i).unwrap(), [2, 2, 3]);
        // 3 over 0.5 : 0.5 : 1 → .75 / .75 / 1.5: the weight-1 part's .5 loses to .75s.
        assert_eq!(split(3, &[d("0.5"), d("0.5"), d("1")], |i| i).unwrap(), [1, 1, 1]);
    }

    #[test]
    fn zeros() {
        assert_eq!(split(0, &[d("0"), d("0")], |i| i).unwrap(), [0, 0]);
        assert_eq!(split(3, &[d("0"), d("0")], |i| i).unwrap_err().code, ErrorCode::WeightsAllZero);
        assert_eq!(split(3, &[d("0"), d("2")], |i| i).unwrap(), [0, 3]);
    }

    #[test]
    fn long_fractions_still_add_up() {
        let w = [d("0.3333333333333333333333333333"), d("0.6666666666666666666666666667"), d("1")];
        let got = split(1_000_000_000_000, &w, |i| i).unwrap();
        assert_eq!(got.iter().sum::<u128>(), 1_000_000_000_000);
        assert_eq!(got, [166_666_666_667, 333_333_333_333, 500_000_000_000]);
    }
}
