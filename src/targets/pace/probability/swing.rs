//! Which deals matter most: for each deal, the chance of reaching the need if it is won and if it
//! is lost (every other deal still open). Computed for all deals at once by divide and conquer:
//! each half of the deals is solved on the distribution of all the other deals, so the cost is
//! about `log2(n)` passes over the deals instead of `n`.

use super::grid::{float_error, to_decimal, Table};
use rust_decimal::Decimal;

/// A deal's chance of reaching the need if won and if lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swing {
    /// P(reach | this deal won).
    pub if_won: Decimal,
    /// P(reach | this deal lost).
    pub if_lost: Decimal,
}

/// Swings of every deal (`units[i]` grid units, probability `probs[i]`), threshold `t` units,
/// each within [`error`]`(units.len(), t)` of the same swing computed exactly.
pub fn swings(units: &[usize], probs: &[f64], t: usize) -> Vec<Swing> {
    let deals: Vec<(usize, f64)> = units.iter().copied().zip(probs.iter().copied()).collect();
    let mut out = Vec::with_capacity(deals.len());
    solve(&deals, Table::new(t), &mut out);
    out
}

/// How far the swings of `deals` deals on a threshold of `t` units may be from exact.
pub fn error(deals: usize, t: usize) -> Decimal {
    float_error(deals, t)
}

fn solve(deals: &[(usize, f64)], base: Table, out: &mut Vec<Swing>) {
    match deals {
        [] => {}
        [(k, _)] => out.push(one(&base, *k)),
        _ => {
            let (left, right) = deals.split_at(deals.len() / 2);
            let mut with_right = base.clone();
            right.iter().for_each(|&(k, q)| with_right.add(k, q));
            solve(left, with_right, out);
            let mut with_left = base;
            left.iter().for_each(|&(k, q)| with_left.add(k, q));
            solve(right, with_left, out);
        }
    }
}

/// The chances given the distribution of every other deal's sum.
fn one(others: &Table, k: usize) -> Swing {
    let masses = others.masses();
    let t = masses.len().saturating_sub(1);
    let from = t.saturating_sub(k);
    let won = masses.iter().skip(from).fold(0.0, |s, &m| s + m);
    let lost = masses.last().copied().unwrap_or(0.0);
    Swing { if_won: to_decimal(won), if_lost: to_decimal(lost) }
}
