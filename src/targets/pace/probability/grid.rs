//! The bounded method for many deals: the same dynamic programming on a grid of about `steps`
//! units of the need, with a proven bound on what the grid's rounding of the amounts can change
//! (see [`bounds`]).
//!
//! Masses are binary floating point (`f64`): only additions and multiplications, in a fixed
//! order, never fused or reassociated, so every result is the same correctly rounded IEEE 754
//! value natively, in WebAssembly and in JavaScript (the no-WASM build). Masses are never
//! negative, so each computed sum of masses is within a relative `γ_m = m·u / (1 − m·u)` of the
//! same sum in exact arithmetic (`u` = 2^-53, `m` the roundings along any path); [`float_error`]
//! bounds that and the bounds are widened by it.

use super::WinChance;
use crate::base::arithmetic::Arithmetic;
use rust_decimal::Decimal;

/// 2^62: probabilities go to decimals through this fixed point.
const FIXED_ONE: u64 = 1 << 62;

/// `p` (in [0, 1]) as the nearest `f64` (as its decimal text reads with correct rounding), so
/// within 2^-54 of `p`.
pub fn chance(p: Decimal) -> f64 {
    crate::base::number::decimal_to_f64(p).clamp(0.0, 1.0)
}

/// The distribution of the won sum over the states `0..=T` (`T` absorbing: "T or more"),
/// built deal by deal. Only the states from `lo` (below it: dropped, see [`Table::drop_below`])
/// to `reach` (above it: not reachable yet) can have mass; both buffers are zero elsewhere below
/// `T`, so a step only touches the live states.
#[derive(Debug)]
pub struct Table {
    mass: Vec<f64>,
    spare: Vec<f64>,
    lo: usize,
    reach: usize,
    /// Mass dropped, and its expected final state (mass × (state + expected rest)).
    dropped: (f64, f64),
}

impl Clone for Table {
    fn clone(&self) -> Table {
        // The spare buffer's contents are never read before being written: zeros will do.
        Table { mass: self.mass.clone(), spare: vec![0.0; self.mass.len()], ..*self }
    }
}

impl Table {
    /// Certainty at 0 over the states `0..=t`.
    pub fn new(t: usize) -> Table {
        let mut mass = vec![0.0; t.saturating_add(1)];
        if let Some(first) = mass.first_mut() {
            *first = 1.0;
        }
        let spare = vec![0.0; mass.len()];
        Table { mass, spare, lo: 0, reach: 0, dropped: (0.0, 0.0) }
    }

    /// The masses of the states `0..=T` (dropped states at zero).
    pub fn masses(&self) -> &[f64] {
        &self.mass
    }

    /// The mass dropped and its expected final moment (Σ mass × (state + expected rest)).
    pub fn dropped(&self) -> (f64, f64) {
        self.dropped
    }

    /// Adds a deal of `k` units won with probability `q`: `next[x] = cur[x]·(1 − q) + cur[x − k]·q`
    /// below `T`; `T` keeps its mass and gains every won step that reaches it.
    pub fn add(&mut self, k: usize, q: f64) {
        if k == 0 || q == 0.0 {
            return; // nothing moves (the update would give back the same masses exactly)
        }
        if self.step(k, q).is_some() {
            std::mem::swap(&mut self.mass, &mut self.spare);
        }
    }

    fn step(&mut self, k: usize, q: f64) -> Option<()> {
        let t = self.mass.len().checked_sub(1)?;
        let r = 1.0 - q;
        let (lo, reach) = (self.lo, self.reach.saturating_add(k).min(t));
        let (cur, next) = (&self.mass, &mut self.spare);
        // Regular live states lo..end.
        let end = reach.saturating_add(1).min(t);
        let head = lo.saturating_add(k).min(end).max(lo);
        for (n, &c) in next.get_mut(lo..head)?.iter_mut().zip(cur.get(lo..head)?) {
            *n = c * r;
        }
        if end > head {
            let moved = cur.get(lo..end.checked_sub(k)?)?;
            for ((n, &c), &d) in next.get_mut(head..end)?.iter_mut().zip(cur.get(head..end)?).zip(moved) {
                *n = c * r + d * q;
            }
        }
        // Won steps from t − k .. t reach the absorbing state (only live states have mass).
        let from = t.saturating_sub(k).max(lo);
        let upto = self.reach.saturating_add(1).min(t).max(from);
        let mut top = *cur.get(t)?;
        for &c in cur.get(from..upto)? {
            top += c * q;
        }
        *next.get_mut(t)? = top;
        self.reach = reach;
        Some(())
    }

    /// Drops the states below `cut` (below `T`): they can no longer reach any state asked
    /// about. Their mass is kept apart with `state + rest` (`rest`: the expected units still to
    /// be won), what the shortfall needs of them.
    pub fn drop_below(&mut self, cut: usize, rest: f64) {
        let cut = cut.min(self.mass.len().saturating_sub(1));
        if cut <= self.lo {
            return;
        }
        let (mut mass, mut moment) = self.dropped;
        if let (Some(live), Some(spare)) = (self.mass.get_mut(self.lo..cut), self.spare.get_mut(self.lo..cut)) {
            for (x, m) in (self.lo..).zip(live.iter_mut()) {
                mass += *m;
                moment += *m * (x as f64 + rest);
                *m = 0.0;
            }
            spare.fill(0.0);
        }
        self.dropped = (mass, moment);
        self.lo = cut;
    }
}

impl Table {
    /// Adds `deals` (grid units, probability) in order when only the states from `floor` up
    /// are asked about: a state that cannot reach `floor` even if every deal still to come is
    /// won is dropped (see [`Table::drop_below`]).
    pub fn add_all(&mut self, deals: &[(usize, f64)], floor: usize) {
        let mut most = deals.iter().fold(0usize, |s, &(k, _)| s.saturating_add(k));
        // The expected won units still to come after each deal.
        let mut rests = vec![0.0; deals.len()];
        let mut mean = 0.0;
        for (slot, &(k, q)) in rests.iter_mut().zip(deals).rev() {
            *slot = mean;
            mean += k as f64 * q;
        }
        for (&(k, q), &rest) in deals.iter().zip(&rests) {
            self.add(k, q);
            most = most.saturating_sub(k);
            self.drop_below(floor.saturating_sub(most), rest);
        }
    }
}

/// The distribution of the sum after every deal (`units[i]` grid units won with probability
/// `probs[i]`), from certainty at 0, over `0..=t`, when only the states from `floor` up are
/// asked about.
///
/// The deals are added smallest first up to the middle, then largest first (ties in input
/// order): the sum then crosses the middle of the table, where the most states are live (both
/// reachable and still able to reach `floor`), in few large steps.
pub fn distribution(units: &[usize], probs: &[f64], t: usize, floor: usize) -> Table {
    let mut order: Vec<(usize, f64)> = units.iter().copied().zip(probs.iter().copied()).collect();
    crate::base::order::sort_by_key(&mut order, |&(k, _)| k);
    let rising = order.iter().copied().step_by(2);
    let falling = order.iter().copied().skip(1).step_by(2).rev();
    let deals: Vec<(usize, f64)> = rising.chain(falling).collect();
    let mut table = Table::new(t);
    table.add_all(&deals, floor);
    table
}

/// A probability mass (≥ 0) as a decimal, rounded down to a multiple of 2^-62.
pub fn to_decimal(mass: f64) -> Decimal {
    // A product by a power of two is exact; the conversion truncates.
    let fixed = (mass * FIXED_ONE as f64) as u128;
    let whole = fixed.checked_shr(62).unwrap_or(0);
    let frac = fixed & u128::from(FIXED_ONE.saturating_sub(1));
    let whole = Decimal::from_i128_with_scale(i128::try_from(whole).unwrap_or(0), 0);
    let frac =
        Decimal::from(u64::try_from(frac).unwrap_or(0)).div_checked(Decimal::from(FIXED_ONE)).unwrap_or_default();
    whole.add_checked(frac).unwrap_or(whole)
}

/// A bound on how far any sum of the computed masses of `deals` deals on `t` + 1 states (and a
/// suffix sum of them) can be from the same sum computed exactly with the exact probabilities.
///
/// Along any path to a state a mass picks up at most 3 roundings per deal (`1 − q`, the
/// product, the sum) and at most `t` more entering the absorbing state; a suffix sum adds `t` +
/// 1 more, and the conversion of each probability moves it by at most 2^-54, which moves the
/// probability of any event by at most that much per deal. With masses summing to at most 1,
/// `(3n + 2t + 2)·2^-53` relative plus `n·2^-54` is below `(3n + 2t + 16)·2^-52` while
/// `(3n + 2t)·2^-53` < 1/2; the conversion to a decimal loses less than 2^-60 more.
pub fn float_error(deals: usize, t: usize) -> Decimal {
    let count = (deals as u128).saturating_mul(3).saturating_add((t as u128).saturating_mul(2)).saturating_add(16);
    // count · 2^-52 = count · 2^10 · 2^-62, and one more 2^-60 for the conversion.
    let fixed = count.saturating_mul(1 << 10).saturating_add(4);
    let whole = Decimal::from_i128_with_scale(i128::try_from(fixed).unwrap_or(i128::MAX), 0);
    whole.div_checked(Decimal::from(FIXED_ONE)).unwrap_or(Decimal::ONE)
}

/// The step of a grid of about `steps` units of `need`, rounded up to 4 significant digits so
/// that products of it stay exact.
pub fn step(need: Decimal, steps: u32) -> Option<Decimal> {
    let raw = need.div_checked(Decimal::from(steps.max(1)))?.normalize();
    // raw = mantissa × 10^-scale, so its leading digit is at 10^(digits − 1 − scale).
    let digits = i64::try_from(raw.mantissa().unsigned_abs().to_string().len()).ok()?;
    let magnitude = digits.checked_sub(1)?.checked_sub(i64::from(raw.scale()))?;
    let dp = 3i64.checked_sub(magnitude)?;
    let h = crate::base::number::round_digits(raw, dp, crate::base::number::RoundingStrategy::Up)?;
    (h > Decimal::ZERO).then_some(h)
}

/// Units of `h` in `a`, rounded down (`up` false) or up, checked exactly.
pub fn units(a: Decimal, h: Decimal, up: bool) -> Option<usize> {
    let q = a.div_checked(h)?;
    let mut n = if up { q.ceil() } else { q.floor() };
    // The quotient is rounded at 28 digits; make the bound hold exactly.
    if !up && n.mul_checked(h)? > a {
        n = n.sub_checked(Decimal::ONE)?;
    }
    if up && n.mul_checked(h)? < a {
        n = n.add_checked(Decimal::ONE)?;
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
/// tails come from one pass over the grid. The floating point's own error ([`float_error`])
/// widens both bounds. Several `δ` are tried; the tightest wins.
pub fn bounds(need: Decimal, deals: &[WinChance], steps: u32) -> Option<Bounds> {
    let h = step(need, steps)?;
    let mut units_of = Vec::with_capacity(deals.len());
    let (mut mean, mut spread) = (Decimal::ZERO, Decimal::ZERO);
    for d in deals {
        let u = d.amount.div_checked(h)?.round();
        let e = d.amount.sub_checked(u.mul_checked(h)?)?;
        mean = mean.add_checked(e.mul_checked(d.probability)?)?;
        spread = spread.add_checked(e.mul_checked(e)?)?;
        units_of.push(usize::try_from(u).ok()?);
    }
    let window = |ln: Decimal| -> Option<Decimal> {
        use rust_decimal::MathematicalOps;
        let t = spread.mul_checked(ln)?.div_checked(Decimal::TWO)?.sqrt()?;
        // Decimal's square root is approximate: widen it a little.
        t.mul_checked(Decimal::from_parts(1_000_001, 0, 0, false, 6))
    };
    let widest = if spread.is_zero() { Decimal::ZERO } else { window(TAILS.last()?.1)? };
    let center = need.sub_checked(mean)?;
    let top = threshold(center.add_checked(widest)?, h)?.max(1);
    let probs: Vec<f64> = deals.iter().map(|d| chance(d.probability)).collect();
    let floor = threshold(center.sub_checked(widest)?, h)?.min(top);
    let dist = distribution(&units_of, &probs, top, floor);
    let tails = suffix_sums(dist.masses());
    let tail = |y: Decimal| -> Option<Decimal> { Some(to_decimal(*tails.get(threshold(y, h)?.min(top))?)) };
    let slack = float_error(deals.len(), top);
    let options: Vec<(Decimal, Decimal)> = if spread.is_zero() {
        vec![(Decimal::ZERO, Decimal::ZERO)]
    } else {
        TAILS.iter().map(|&(delta, ln)| Some((delta, window(ln)?))).collect::<Option<_>>()?
    };
    let mut best: Option<(Decimal, Decimal)> = None;
    for (delta, t) in options {
        let low = tail(center.add_checked(t)?)?.sub_checked(delta)?.sub_checked(slack)?.max(Decimal::ZERO);
        let high = tail(center.sub_checked(t)?)?.add_checked(delta)?.add_checked(slack)?.min(Decimal::ONE);
        if best.is_none_or(|(l, h)| high.sub_checked(low) < h.sub_checked(l)) {
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
fn suffix_sums(dist: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; dist.len().saturating_add(1)];
    let mut acc = 0.0;
    for (slot, &m) in out.iter_mut().rev().skip(1).zip(dist.iter().rev()) {
        acc += m;
        *slot = acc;
    }
    out
}

/// Σ mass(x) · (need − x·h) over the states below `need`, the dropped states (all below the
/// need whatever happens) by their expected final state.
fn shortfall(dist: &Table, need: Decimal, h: Decimal) -> Option<Decimal> {
    let below = threshold(need, h)?;
    let (mut mass, mut moment) = dist.dropped();
    for (x, &m) in dist.masses().iter().take(below).enumerate() {
        mass += m;
        moment += m * x as f64;
    }
    let value = need.mul_checked(to_decimal(mass))?.sub_checked(h.mul_checked(to_decimal(moment))?)?;
    Some(value.max(Decimal::ZERO))
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)] // test arithmetic on small numbers
mod tests {
    use super::*;

    #[test]
    fn dropping_hopeless_states_keeps_the_tails_and_the_shortfall() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (units, probs): (Vec<usize>, Vec<f64>) =
            (0..60).map(|_| ((next() % 90 + 1) as usize, (next() % 101) as f64 / 100.0)).unzip();
        let t = 1_500;
        let floor = 1_200;
        let full = distribution(&units, &probs, t, 0);
        let cut = distribution(&units, &probs, t, floor);
        assert_eq!(full.dropped(), (0.0, 0.0));
        assert!(cut.dropped().0 > 0.0, "something was dropped");
        let (a, b) = (suffix_sums(full.masses()), suffix_sums(cut.masses()));
        for y in floor..=t {
            assert!((a[y] - b[y]).abs() < 1e-12, "tail at {y}: {} vs {}", a[y], b[y]);
        }
        let h = Decimal::new(25, 1);
        let need = Decimal::from(3_200); // 1,280 units: above the floor
        let (s1, s2) = (shortfall(&full, need, h).unwrap(), shortfall(&cut, need, h).unwrap());
        assert!((s1 - s2).abs() < Decimal::new(1, 8), "{s1} vs {s2}");
        assert!(s1 > Decimal::ZERO);
    }

    #[test]
    fn probabilities_and_masses_convert_exactly_enough() {
        assert_eq!(chance(Decimal::new(35, 2)), 0.35);
        assert_eq!(chance(Decimal::ONE), 1.0);
        assert_eq!(to_decimal(0.5), Decimal::new(5, 1));
        assert_eq!(to_decimal(1.0), Decimal::ONE);
        assert_eq!(to_decimal(0.0), Decimal::ZERO);
        assert!(float_error(200, 65_536) < Decimal::new(1, 10));
    }
}
