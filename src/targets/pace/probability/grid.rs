//! The bounded method for many deals: the same dynamic programming on a grid of about `steps`
//! units of the need, with probability masses in fixed point (2^-62) rounded down, and a proven
//! bound on what the grid's rounding of the amounts can change (see [`bounds`]).

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
    /// The expected shortfall on the grid, corrected by the mean rounding (an estimate).
    pub shortfall: Decimal,
}

/// `ln(2/δ)` for the failure probabilities δ tried, each rounded up (a larger value only widens
/// the window, so the bound stays valid).
const TAILS: [(Decimal, Decimal); 4] = [
    (Decimal::from_parts(1, 0, 0, false, 3), Decimal::from_parts(76_009_025, 0, 0, false, 7)),
    (Decimal::from_parts(1, 0, 0, false, 4), Decimal::from_parts(99_034_876, 0, 0, false, 7)),
    (Decimal::from_parts(1, 0, 0, false, 5), Decimal::from_parts(122_060_727, 0, 0, false, 7)),
    (Decimal::from_parts(1, 0, 0, false, 6), Decimal::from_parts(145_086_578, 0, 0, false, 7)),
];

/// Bounds of the probability on a grid of about `steps` units of `need` (> 0).
///
/// Each amount `a` is rounded to the nearest grid point, `a = u·h + e`. The won sum is then
/// `X = h·U + R` with `R = Σ won e`, a sum of independent terms of known ranges, so by
/// Hoeffding's inequality `|R − E[R]| < t` except with probability `δ = 2·exp(−2t²/Σe²)`.
/// Hence `P(h·U ≥ need − E[R] + t) − δ ≤ P(X ≥ need) ≤ P(h·U ≥ need − E[R] − t) + δ`; both
/// tails come from one pass over the grid. Masses lost to fixed-point rounding and the
/// probabilities' own rounding widen the upper bound. Several `δ` are tried; the tightest wins.
pub fn bounds(need: Decimal, deals: &[WinChance], steps: u32) -> Option<Bounds> {
    let h = step(need, steps)?;
    let mut units_of = Vec::with_capacity(deals.len());
    let (mut mean, mut spread) = (Decimal::ZERO, Decimal::ZERO);
    for d in deals {
        let u = d.amount.checked_div(h)?.round();
        let e = d.amount.checked_sub(u.checked_mul(h)?)?;
        mean = mean.checked_add(e.checked_mul(d.probability)?)?;
        spread = spread.checked_add(e.checked_mul(e)?)?;
        units_of.push(usize::try_from(u).ok()?);
    }
    let window = |ln: Decimal| -> Option<Decimal> {
        use rust_decimal::MathematicalOps;
        let t = spread.checked_mul(ln)?.checked_div(Decimal::TWO)?.sqrt()?;
        // Decimal's square root is approximate: widen it a little.
        t.checked_mul(Decimal::from_parts(1_000_001, 0, 0, false, 6))
    };
    let widest = if spread.is_zero() { Decimal::ZERO } else { window(TAILS.last()?.1)? };
    let center = need.checked_sub(mean)?;
    let top = threshold(center.checked_add(widest)?, h)?.max(1);
    let probs: Vec<u64> = deals.iter().map(|d| fixed(d.probability, Nudge::Nearest)).collect();
    let dist = distribution(&units_of, &probs, top);
    let tails = suffix_sums(&dist);
    let tail = |y: Decimal| -> Option<Decimal> { Some(to_decimal(*tails.get(threshold(y, h)?.min(top))?)) };
    let lost = to_decimal(u128::from(ONE).saturating_sub(tails.first().copied().unwrap_or(0)));
    // Each probability was moved by at most 2^-62 to fit fixed point.
    let nudged = to_decimal(deals.len() as u128);
    let slack = lost.checked_add(nudged)?;
    let options: Vec<(Decimal, Decimal)> = if spread.is_zero() {
        vec![(Decimal::ZERO, Decimal::ZERO)]
    } else {
        TAILS.iter().map(|&(delta, ln)| Some((delta, window(ln)?))).collect::<Option<_>>()?
    };
    let mut best: Option<(Decimal, Decimal)> = None;
    for (delta, t) in options {
        let low = tail(center.checked_add(t)?)?.checked_sub(delta)?.checked_sub(nudged)?.max(Decimal::ZERO);
        let high = tail(center.checked_sub(t)?)?.checked_add(delta)?.checked_add(slack)?.min(Decimal::ONE);
        if best.is_none_or(|(l, h)| high.checked_sub(low) < h.checked_sub(l)) {
            best = Some((low, high));
        }
    }
    let (low, high) = best?;
    Some(Bounds { low, high: high.max(low), shortfall: shortfall(&dist, center, h)? })
}

/// Units of `h` needed to reach `y`: ⌈y / h⌉, 0 when `y` ≤ 0.
fn threshold(y: Decimal, h: Decimal) -> Option<usize> {
    if y <= Decimal::ZERO {
        return Some(0);
    }
    units(y, h, true)
}

/// `out[x]` = mass of the states ≥ x.
fn suffix_sums(dist: &[u64]) -> Vec<u128> {
    let mut out = vec![0u128; dist.len().saturating_add(1)];
    let mut acc: u128 = 0;
    for (slot, &m) in out.iter_mut().rev().skip(1).zip(dist.iter().rev()) {
        acc = acc.saturating_add(u128::from(m));
        *slot = acc;
    }
    out
}

/// Σ mass(x) · (need − x·h) over the states below `need`.
fn shortfall(dist: &[u64], need: Decimal, h: Decimal) -> Option<Decimal> {
    let below = threshold(need, h)?;
    let mut mass: u128 = 0;
    let mut moment: u128 = 0;
    for (x, &m) in dist.iter().take(below).enumerate() {
        mass = mass.saturating_add(u128::from(m));
        moment = moment.saturating_add(u128::from(m).saturating_mul(x as u128));
    }
    let value = need.checked_mul(to_decimal(mass))?.checked_sub(h.checked_mul(to_decimal(moment))?)?;
    Some(value.max(Decimal::ZERO))
}
