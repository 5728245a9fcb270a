//! The chance of reaching a target from open deals, each won or lost independently with its own
//! probability: `P(actual + Σ won amounts ≥ target)`, the expected shortfall
//! `E[max(target − actual − Σ won, 0)]`, and each deal's swing `P(reach | won) − P(reach | lost)`.
//!
//! Deterministic, with two methods:
//! - **exact**: dynamic programming over the exact sums in integers ([`exact`]) when the amounts
//!   share a unit that keeps the table small (typical pipelines: tens of deals with round
//!   amounts), otherwise enumeration of every outcome by meeting in the middle ([`enumerate`])
//!   for up to 24 deals of any amounts. The result is an exact decimal (`exactProbability`).
//! - **bounded**: the same programming on a grid of the need ([`grid`]), amounts rounded to the
//!   nearest grid point, with a proven bound on what that rounding can change (Hoeffding's
//!   inequality on the rounding errors of the won deals); the grid is refined (4,096 → 65,536
//!   steps) until the bounds are within 0.1 percentage point of each other or the work budget is
//!   spent, skipping a grid that the coarser one shows cannot get there (the width shrinks with
//!   the step). The result is the midpoint and `errorBound` a proven bound on its distance from
//!   the exact value. Only the live states are computed: those reachable so far that can still
//!   reach the lowest threshold asked about.
//!
//! `probability` is given at 4 places (0.01 pp), half-up. Swings come from a floating-point pass
//! (exact grid for the exact method, the nearest-rounded grid otherwise) and are at 4 places.
//! Grid masses are `f64` (see [`grid`]: deterministic on every target, and its rounding is part of
//! the proven bound); exact results never go through floating point.

mod bignum;
pub mod enumerate;
pub mod exact;
pub mod grid;
pub mod swing;

use crate::base::arithmetic::Arithmetic;
use crate::base::checked::checked_sum;
use crate::base::number::{Rounding, RoundingStrategy};
use rust_decimal::Decimal;
use serde::Serialize;
use swing::Swing;

/// Places of reported probabilities.
pub const PROBABILITY_SCALE: u32 = 4;
/// Places of the reported error bound.
pub const BOUND_SCALE: u32 = 6;
/// Grid steps the bounded method starts with and may refine to.
const STEPS: [u32; 3] = [4_096, 16_384, 65_536];
/// Most grid cells (deals × steps) one refinement of the bounded method may cost.
const GRID_WORK: u64 = 16_000_000;
/// Bound half-width at which the bounded method stops refining (0.1 percentage point).
const TARGET_HALF_WIDTH: Decimal = Decimal::from_parts(5, 0, 0, false, 4);
/// Grid steps of the swing pass in the bounded method.
const SWING_STEPS: u32 = 2_048;

/// An open deal for the probability: an amount (≥ 0) and a win probability in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WinChance {
    /// Added to the actual when won.
    pub amount: Decimal,
    /// Chance of winning it.
    pub probability: Decimal,
}

/// How the probability was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum ChanceMethod {
    /// Already reached (or the need is zero): certain without any deal.
    Reached,
    /// Out of reach even if every deal is won: zero.
    OutOfReach,
    /// Exact dynamic programming; `exactProbability` holds the exact value.
    Exact,
    /// Grid bounds; the exact value is within `errorBound` of `probability`.
    Bounded,
}

/// Which method to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Exact when within limits, bounded otherwise.
    Auto,
    /// The bounded method on a grid of this many steps, without refinement (for tests).
    Grid(u32),
}

/// The probability of reaching the need and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// The probability, at 4 places.
    pub probability: Decimal,
    /// The exact probability as a decimal text, when it is known exactly.
    pub exact: Option<String>,
    /// How it was found.
    pub method: ChanceMethod,
    /// `|exact − probability| ≤ error_bound` (6 places, rounded up).
    pub error_bound: Decimal,
    /// Expected shortfall, unrounded (within the bounded method's bounds: their midpoint).
    pub shortfall: Decimal,
    /// One per deal, in input order.
    pub swings: Vec<Swing>,
}

fn round(value: Decimal, scale: u32, strategy: RoundingStrategy) -> Decimal {
    Rounding::new(scale, strategy).apply(value)
}

/// The chance that the deals make up `need` (what is still missing to the target).
pub fn estimate(need: Decimal, deals: &[WinChance], method: Method) -> Option<Estimate> {
    if need <= Decimal::ZERO {
        let swings = vec![Swing { if_won: Decimal::ONE, if_lost: Decimal::ONE }; deals.len()];
        return Some(certain(Decimal::ONE, ChanceMethod::Reached, Decimal::ZERO, swings));
    }
    // Every deal, even one at probability 0: its swing (if won) is defined all the same.
    let reachable = checked_sum(deals.iter().map(|d| d.amount))?;
    if reachable < need {
        let expected =
            deals.iter().try_fold(Decimal::ZERO, |s, d| s.add_checked(d.amount.mul_checked(d.probability)?))?;
        let swings = vec![Swing::default(); deals.len()];
        return Some(certain(Decimal::ZERO, ChanceMethod::OutOfReach, need.sub_checked(expected)?, swings));
    }
    match method {
        Method::Auto => {
            if let Some(found) = exact::solve(need, deals) {
                return from_exact(found, deals);
            }
            match enumerate::solve(need, deals) {
                Some(found) => from_enumerated(found),
                None => bounded(need, deals, &STEPS),
            }
        }
        Method::Grid(steps) => bounded(need, deals, &[steps]),
    }
}

fn certain(p: Decimal, method: ChanceMethod, shortfall: Decimal, swings: Vec<Swing>) -> Estimate {
    let probability = round(p, PROBABILITY_SCALE, RoundingStrategy::HalfUp);
    Estimate { probability, exact: Some(p.to_string()), method, error_bound: Decimal::ZERO, shortfall, swings }
}

/// An exact decimal text rounded half-up at `places`.
fn round_text(text: &str, places: u32) -> Option<Decimal> {
    Some(round(exact::decimal_for_rounding(text, places)?, places, RoundingStrategy::HalfUp))
}

fn exact_estimate(probability: String, shortfall: &str, swings: Vec<Swing>) -> Option<Estimate> {
    let rounded = round_text(&probability, PROBABILITY_SCALE)?;
    let error = exact::decimal_for_rounding(&probability, BOUND_SCALE.saturating_add(2))?.sub_checked(rounded)?.abs();
    Some(Estimate {
        probability: rounded,
        error_bound: round(error, BOUND_SCALE, RoundingStrategy::Up),
        shortfall: exact::decimal_for_rounding(shortfall, 26)?,
        exact: Some(probability),
        method: ChanceMethod::Exact,
        swings,
    })
}

fn from_exact(found: exact::Exact, deals: &[WinChance]) -> Option<Estimate> {
    let probs: Vec<f64> = deals.iter().map(|d| grid::chance(d.probability)).collect();
    // The swings are within `error` of the exact ones: rounded at the places that error allows
    // (15 for any realistic table), a swing with no more decimals than that is exact again, so
    // its rounding at 4 places (ties included) matches the exact one.
    let places = trusted_places(swing::error(deals.len(), found.threshold));
    let swings = swing::swings(&found.units, &probs, found.threshold)
        .into_iter()
        .map(|s| Swing { if_won: s.if_won.round_dp(places), if_lost: s.if_lost.round_dp(places) })
        .collect();
    exact_estimate(found.probability, &found.shortfall, rounded_swings(swings))
}

/// The most places (at most 15, at least 4) at which a value within `error` of an exact value
/// with that many decimals rounds back to it: `error < ½·10^-places`.
fn trusted_places(error: Decimal) -> u32 {
    (PROBABILITY_SCALE..=15).rev().find(|&d| error < Decimal::new(5, d.saturating_add(1))).unwrap_or(PROBABILITY_SCALE)
}

fn from_enumerated(found: enumerate::Enumerated) -> Option<Estimate> {
    let swings = found
        .swings
        .iter()
        .map(|(won, lost)| {
            Some(Swing { if_won: round_text(won, PROBABILITY_SCALE)?, if_lost: round_text(lost, PROBABILITY_SCALE)? })
        })
        .collect::<Option<Vec<_>>>()?;
    exact_estimate(found.probability, &found.shortfall, swings)
}

fn bounded(need: Decimal, deals: &[WinChance], steps: &[u32]) -> Option<Estimate> {
    // The grids within the work budget (the first always).
    let n = deals.len() as u64;
    let allowed: Vec<u32> = steps
        .iter()
        .enumerate()
        .filter(|&(i, &s)| i == 0 || n.saturating_mul(u64::from(s)) <= GRID_WORK)
        .map(|(_, &s)| s)
        .collect();
    let target = TARGET_HALF_WIDTH.mul_checked(Decimal::TWO)?;
    let mut best: Option<(u32, grid::Bounds)> = None;
    for (i, &s) in allowed.iter().enumerate() {
        if let Some((coarser, b)) = best {
            // The width shrinks about in proportion to the step: a grid that would not reach the
            // target is skipped when a finer one is allowed.
            let predicted =
                b.high.sub_checked(b.low)?.mul_checked(Decimal::from(coarser))?.div_checked(Decimal::from(s))?;
            if predicted > target && i.saturating_add(1) < allowed.len() {
                continue;
            }
        }
        let b = grid::bounds(need, deals, s)?;
        let done = b.high.sub_checked(b.low)? <= target;
        best = Some((s, b));
        if done {
            break;
        }
    }
    let (_, b) = best?;
    let two = Decimal::TWO;
    let mid = b.low.add_checked(b.high)?.div_checked(two)?;
    let probability = round(mid, PROBABILITY_SCALE, RoundingStrategy::HalfUp);
    let half = b.high.sub_checked(b.low)?.div_checked(two)?;
    let error = half.add_checked(mid.sub_checked(probability)?.abs())?;
    let shortfall = b.shortfall;
    Some(Estimate {
        probability,
        exact: None,
        method: ChanceMethod::Bounded,
        error_bound: round(error, BOUND_SCALE, RoundingStrategy::Up),
        shortfall,
        swings: rounded_swings(nearest_swings(need, deals)?),
    })
}

/// Swings on a grid of amounts rounded to the nearest step.
fn nearest_swings(need: Decimal, deals: &[WinChance]) -> Option<Vec<Swing>> {
    let h = grid::step(need, SWING_STEPS)?;
    let t = grid::units(need, h, true)?;
    let units: Vec<usize> = deals
        .iter()
        .map(|d| d.amount.div_checked(h).map(|q| usize::try_from(q.round()).unwrap_or(usize::MAX)))
        .collect::<Option<_>>()?;
    let probs: Vec<f64> = deals.iter().map(|d| grid::chance(d.probability)).collect();
    Some(swing::swings(&units, &probs, t))
}

fn rounded_swings(swings: Vec<Swing>) -> Vec<Swing> {
    swings
        .into_iter()
        .map(|s| Swing {
            if_won: round(s.if_won.min(Decimal::ONE), PROBABILITY_SCALE, RoundingStrategy::HalfUp),
            if_lost: round(s.if_lost.min(Decimal::ONE), PROBABILITY_SCALE, RoundingStrategy::HalfUp),
        })
        .collect()
}
