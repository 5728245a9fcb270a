//! Splitting a whole number of rounding units by decimal weights, exactly.
//!
//! The weights are exact decimals. They are brought to one common number of decimal places
//! and read as whole numbers `wᵢ`; part `i`'s share of `n` units is then the exact fraction
//! `n·wᵢ / Σw`, and [`largest_remainder_by_key`](crate::base::apportion::largest_remainder_by_key) turns the shares into whole units that add up
//! to `n`: each part gets the whole part of its share, and the units left over go one each to
//! the largest fractional parts. **Tie-break**: among equal fractional parts the larger weight
//! goes first, then the caller's key (the node id for the organisation, the earlier month or
//! week over time), so the result never depends on the order the parts were listed in.
//!
//! Only when `n·Σw` would not fit in 128 bits are the weights first rounded (half-up) to fewer
//! decimal places — with realistic amounts that leaves more than 15 significant digits.

use crate::base::checked::{checked_sum, overflow};
use crate::base::error::{Error, ErrorCode, Result};
use rust_decimal::{Decimal, RoundingStrategy};

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
    // 64-bit arithmetic when n × total fits (128-bit division is slow in WebAssembly).
    let small = u64::try_from(n).ok().zip(u64::try_from(total).ok()).filter(|(n, t)| n.checked_mul(*t).is_some());
    let mut counts = Vec::with_capacity(ints.len());
    // (fractional part × total, weight, index) of every part with one.
    let mut fractions: Vec<(u128, u128, usize)> = Vec::new();
    let mut placed = 0_u128;
    for (i, w) in ints.iter().enumerate() {
        let (whole, frac) = match small {
            Some((n, t)) => {
                // w ≤ t and n × t fits: no overflow (and no checked multiplication, a 128-bit
                // one in WebAssembly).
                let share =
                    u64::try_from(*w).ok().filter(|w| *w <= t).map(|w| n.wrapping_mul(w)).ok_or_else(overflow)?;
                let (q, r) = (share.checked_div(t), share.checked_rem(t));
                (u128::from(q.ok_or_else(overflow)?), u128::from(r.ok_or_else(overflow)?))
            }
            None => divmod(n.checked_mul(*w).ok_or_else(overflow)?, total).ok_or_else(overflow)?,
        };
        placed = placed.checked_add(whole).ok_or_else(overflow)?;
        counts.push(whole);
        if frac > 0 {
            fractions.push((frac, *w, i));
        }
    }
    let left = usize::try_from(n.saturating_sub(placed)).unwrap_or(usize::MAX);
    for i in winners(&mut fractions, left, &key) {
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(1);
        }
    }
    Ok(counts)
}

/// The parts that get one more unit: the `left` largest fractional parts, ties going to the larger
/// weight, then to the smaller key (one of each, in any order). Only a run of equal fractions
/// and weights cut by the `left`-th place needs the keys compared.
fn winners<K: Ord>(fractions: &mut [(u128, u128, usize)], left: usize, key: &impl Fn(usize) -> K) -> Vec<usize> {
    if left == 0 {
        return Vec::new();
    }
    let full = |a: &(u128, u128, usize), b: &(u128, u128, usize)| {
        b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| key(a.2).cmp(&key(b.2)))
    };
    if left >= fractions.len() {
        // The fractional parts add up to `left` whole units and each is below one, so more than
        // `left` parts have one; `cycle` only keeps the total exact if that were ever not so.
        fractions.sort_by(full);
        return fractions.iter().cycle().take(left).map(|f| f.2).collect();
    }
    fractions.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let same = |a: Option<&(u128, u128, usize)>, b: Option<&(u128, u128, usize)>| match (a, b) {
        (Some(a), Some(b)) => a.0 == b.0 && a.1 == b.1,
        _ => false,
    };
    let cut = left.saturating_sub(1);
    if same(fractions.get(cut), fractions.get(left)) {
        // The run of equal (fraction, weight) around the cut: its first `left − start` by key win.
        let mut start = cut;
        while start > 0 && same(fractions.get(start.saturating_sub(1)), fractions.get(cut)) {
            start = start.saturating_sub(1);
        }
        let mut end = left;
        while same(fractions.get(end), fractions.get(cut)) {
            end = end.saturating_add(1);
        }
        if let Some(run) = fractions.get_mut(start..end) {
            run.select_nth_unstable_by(cut.saturating_sub(start), |a, b| key(a.2).cmp(&key(b.2)));
        }
    }
    fractions.iter().take(left).map(|f| f.2).collect()
}

/// `(a ÷ b, a mod b)` for `b > 0`, without a 128-bit division when the quotient is small: a
/// floating-point estimate (relative error below 2⁻⁵⁰), corrected exactly.
fn divmod(a: u128, b: u128) -> Option<(u128, u128)> {
    if b == 0 {
        return None;
    }
    let estimate = a as f64 / b as f64;
    if estimate < 1e15 {
        let mut q = estimate as u128;
        let mut product = q.checked_mul(b)?;
        for _ in 0..4 {
            if product <= a {
                break;
            }
            q = q.checked_sub(1)?;
            product = product.checked_sub(b)?;
        }
        let mut r = a.checked_sub(product)?;
        for _ in 0..4 {
            if r < b {
                return Some((q, r));
            }
            q = q.checked_add(1)?;
            r = r.checked_sub(b)?;
        }
    }
    Some((a.checked_div(b)?, a.checked_rem(b)?))
}

/// The weights as whole numbers at one common scale, and their sum, such that `n × sum` fits.
fn integer_weights(weights: &[Decimal], n: u128) -> Result<(Vec<u128>, u128)> {
    let max_scale = weights.iter().map(|w| w.normalize().scale()).max().unwrap_or(0);
    let whole_sum = checked_sum(weights.iter().map(Decimal::ceil))
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
    fn the_same_counts_as_the_plain_largest_remainder() {
        use crate::base::apportion::largest_remainder_by_key;
        use std::cmp::Reverse;
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        for round in 0..4000 {
            let len = 1 + next(40) as usize;
            // Few distinct weights make long runs of equal fractions; huge ones take 128 bits.
            let big = round % 3 == 0;
            let ints: Vec<u128> = (0..len)
                .map(|_| {
                    if big {
                        u128::from(next(5)) * 10_u128.pow(27) + u128::from(next(7))
                    } else {
                        u128::from(next(6))
                    }
                })
                .collect();
            let total: u128 = ints.iter().sum();
            if total == 0 {
                continue;
            }
            let n = u128::from(next(1000));
            let keys: Vec<u64> = (0..len).map(|_| next(1 << 40)).collect();
            let key = |i: usize| keys[i];
            let shares: Vec<u128> = ints.iter().map(|w| n * w).collect();
            let want = largest_remainder_by_key(n, &shares, total, |i| (Reverse(ints[i]), key(i)));
            assert_eq!(shares_of(n, &ints, total, key).unwrap(), want, "{n} over {ints:?}");
        }
    }

    #[test]
    fn divmod_is_exact() {
        let cases = [
            (0_u128, 1_u128),
            (7, 3),
            (u128::MAX, 1),
            (u128::MAX, u128::MAX),
            (10_u128.pow(30) + 7, 10_u128.pow(20) + 3),
        ];
        for (a, b) in cases {
            assert_eq!(divmod(a, b), Some((a / b, a % b)), "{a} / {b}");
        }
        let mut x: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834;
        for _ in 0..20_000 {
            x ^= x << 29;
            x ^= x >> 31;
            x ^= x << 11;
            let b = (x >> 64) | 1;
            let a = x.wrapping_mul(x >> 7) >> (x % 60) as u32;
            assert_eq!(divmod(a, b), Some((a / b, a % b)), "{a} / {b}");
        }
        assert_eq!(divmod(1, 0), None);
    }

    #[test]
    fn long_fractions_still_add_up() {
        let w = [d("0.3333333333333333333333333333"), d("0.6666666666666666666666666667"), d("1")];
        let got = split(1_000_000_000_000, &w, |i| i).unwrap();
        assert_eq!(got.iter().sum::<u128>(), 1_000_000_000_000);
        assert_eq!(got, [166_666_666_667, 333_333_333_333, 500_000_000_000]);
    }
}
