//! The bounded method for many deals: the same dynamic programming on a grid of `steps` units of
//! the need, with probability masses in fixed point (2^-62) always rounded down.
//!
//! Rounding every amount **down** to the grid can only lower the sum of the won deals, so it
//! gives a lower bound of the probability; rounding every amount **up** gives an upper bound.
//! Rounding masses down keeps each bound on its side (the upper bound is computed as one minus a
//! lower bound of the chance of missing), and the probabilities themselves are nudged outward
//! by one unit of 2^-62. The exact probability lies between the two bounds, always.

use super::WinChance;
use rust_decimal::Decimal;

/// Fixed-point one: masses are multiples of 2^-62.
pub const ONE: u64 = 1 << 62;

/// How a probability is turned into fixed point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// Down by at least its rounding (for lower bounds).
    Down,
    /// Up (for upper bounds).
    Up,
    /// To the nearest (for estimates).
    Nearest,
}

/// `p` in fixed point, nudged as asked and kept in [0, ONE].
pub fn fixed(p: Decimal, nudge: Nudge) -> u64 {
    let scaled = p.checked_mul(Decimal::from(ONE)).unwrap_or(Decimal::ZERO);
    let (v, shift) = match nudge {
        Nudge::Down => (scaled.floor(), -1i8),
        Nudge::Up => (scaled.ceil(), 1),
        Nudge::Nearest => (scaled.round(), 0),
    };
    let v = u64::try_from(v).unwrap_or(0);
    let v = match shift {
        -1 => v.saturating_sub(1),
        1 => v.saturating_add(1),
        _ => v,
    };
    if p.is_zero() {
        0
    } else if p == Decimal::ONE {
        ONE
    } else {
        v.min(ONE)
    }
}

/// `mass × q` in fixed point, rounded down.
pub fn times(mass: u64, q: u64) -> u64 {
    let wide = u128::from(mass).saturating_mul(u128::from(q));
    u64::try_from(wide.checked_shr(62).unwrap_or(0)).unwrap_or(u64::MAX)
}

/// Adds one deal (`k` units, won with fixed probability `q`) to a distribution over 0..=T, the
/// last state absorbing.
pub fn add_deal(dist: &[u64], k: usize, q: u64) -> Vec<u64> {
    let t = dist.len().saturating_sub(1);
    let mut next = vec![0u64; dist.len()];
    for (x, &m) in dist.iter().enumerate() {
        if m == 0 {
            continue;
        }
        if x == t || k == 0 {
            bump(&mut next, x, m);
            continue;
        }
        let won = times(m, q);
        bump(&mut next, x, times(m, ONE.saturating_sub(q)));
        bump(&mut next, x.saturating_add(k).min(t), won);
    }
    next
}

fn bump(dist: &mut [u64], x: usize, m: u64) {
    if let Some(slot) = dist.get_mut(x) {
        *slot = slot.saturating_add(m);
    }
}

/// The distribution of the sum after every deal, from certainty at 0.
pub fn distribution(units: &[usize], probs: &[u64], t: usize) -> Vec<u64> {
    let mut dist = vec![0u64; t.saturating_add(1)];
    if let Some(first) = dist.first_mut() {
        *first = ONE;
    }
    for (&k, &q) in units.iter().zip(probs) {
        dist = add_deal(&dist, k, q);
    }
    dist
}

/// A fixed-point sum as a decimal (its value over 2^62).
pub fn to_decimal(n: u128) -> Decimal {
    let whole = n.checked_shr(62).unwrap_or(0);
    let frac = n & u128::from(ONE.saturating_sub(1));
    let whole = Decimal::from_i128_with_scale(i128::try_from(whole).unwrap_or(0), 0);
    let frac = Decimal::from(u64::try_from(frac).unwrap_or(0)).checked_div(Decimal::from(ONE)).unwrap_or_default();
    whole.checked_add(frac).unwrap_or(whole)
}

/// The step of a grid of about `steps` units of `need`, rounded up to 4 significant digits so
/// that products of it stay exact.
pub fn step(need: Decimal, steps: u32) -> Option<Decimal> {
    let raw = need.checked_div(Decimal::from(steps.max(1)))?.normalize();
    // raw = mantissa × 10^-scale, so its leading digit is at 10^(digits − 1 − scale).
    let digits = i64::try_from(raw.mantissa().unsigned_abs().to_string().len()).ok()?;
    let magnitude = digits.checked_sub(1)?.checked_sub(i64::from(raw.scale()))?;
    let dp = 3i64.checked_sub(magnitude)?;
    let h = crate::number::round_digits(raw, dp, crate::number::RoundingStrategy::Up)?;
    (h > Decimal::ZERO).then_some(h)
}

/// Units of `h` in `a`, rounded down (`up` false) or up, checked exactly.
pub fn units(a: Decimal, h: Decimal, up: bool) -> Option<usize> {
    let q = a.checked_div(h)?;
    let mut n = if up { q.ceil() } else { q.floor() };
    // The quotient is rounded at 28 digits; make the bound hold exactly.
    if !up && n.checked_mul(h)? > a {
        n = n.checked_sub(Decimal::ONE)?;
    }
    if up && n.checked_mul(h)? < a {
        n = n.checked_add(Decimal::ONE)?;
    }
    usize::try_from(n.max(Decimal::ZERO)).ok()
}

/// Bounds found on one grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// The probability is at least this.
    pub low: Decimal,
    /// And at most this.
    pub high: Decimal,
    /// The expected shortfall is at least this.
    pub shortfall_low: Decimal,
    /// And at most this.
    pub shortfall_high: Decimal,
    /// Threshold in units of `step`.
    pub threshold: usize,
    /// The grid step.
    pub step: Decimal,
}

/// Lower and upper bounds of the probability and of the expected shortfall on a grid of about
/// `steps` units of `need` (> 0).
pub fn bounds(need: Decimal, deals: &[WinChance], steps: u32) -> Option<Bounds> {
    let h = step(need, steps)?;
    let t = units(need, h, true)?;
    let down: Vec<usize> = deals.iter().map(|d| units(d.amount, h, false)).collect::<Option<_>>()?;
    let up: Vec<usize> = deals.iter().map(|d| units(d.amount, h, true)).collect::<Option<_>>()?;
    let q_down: Vec<u64> = deals.iter().map(|d| fixed(d.probability, Nudge::Down)).collect();
    let q_up: Vec<u64> = deals.iter().map(|d| fixed(d.probability, Nudge::Up)).collect();
    let low_dist = distribution(&down, &q_down, t);
    let high_dist = distribution(&up, &q_up, t);
    let low = to_decimal(u128::from(low_dist.last().copied().unwrap_or(0)));
    let miss = miss_mass(&high_dist);
    let high = Decimal::ONE.checked_sub(to_decimal(miss))?;
    // Mass lost to rounding could be anywhere: count it as a full shortfall in the upper bound.
    let lost = u128::from(ONE).saturating_sub(low_dist.iter().map(|&m| u128::from(m)).sum());
    let shortfall_high = shortfall(&low_dist, need, h)?.checked_add(to_decimal(lost).checked_mul(need)?)?;
    let shortfall_low = shortfall(&high_dist, need, h)?;
    Some(Bounds { low, high: high.max(low), shortfall_low, shortfall_high, threshold: t, step: h })
}

fn miss_mass(dist: &[u64]) -> u128 {
    dist.iter().take(dist.len().saturating_sub(1)).map(|&m| u128::from(m)).sum()
}

/// Σ mass(x) · (need − x·h) over the states below the threshold.
fn shortfall(dist: &[u64], need: Decimal, h: Decimal) -> Option<Decimal> {
    let below = dist.len().saturating_sub(1);
    let mut mass: u128 = 0;
    let mut moment: u128 = 0;
    for (x, &m) in dist.iter().take(below).enumerate() {
        mass = mass.saturating_add(u128::from(m));
        moment = moment.saturating_add(u128::from(m).saturating_mul(x as u128));
    }
    let value = need.checked_mul(to_decimal(mass))?.checked_sub(h.checked_mul(to_decimal(moment))?)?;
    Some(value.max(Decimal::ZERO))
}
