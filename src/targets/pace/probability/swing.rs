//! Which deals matter most: for each deal, the chance of reaching the need if it is won and if it
//! is lost (every other deal still open). Computed for all deals at once by divide and conquer:
//! each half of the deals is solved on the distribution of all the other deals, so the cost is
//! about `log2(n)` passes over the deals instead of `n`.

use super::grid::{add_deal, to_decimal};
use rust_decimal::Decimal;

/// A deal's chance of reaching the need if won and if lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swing {
    /// P(reach | this deal won).
    pub if_won: Decimal,
    /// P(reach | this deal lost).
    pub if_lost: Decimal,
}

/// Swings of every deal (`units[i]` grid units, fixed-point probability `probs[i]`), threshold
/// `t` units.
pub fn swings(units: &[usize], probs: &[u64], t: usize) -> Vec<Swing> {
    let mut base = vec![0u64; t.saturating_add(1)];
    if let Some(first) = base.first_mut() {
        *first = super::grid::ONE;
    }
    let deals: Vec<(usize, u64)> = units.iter().copied().zip(probs.iter().copied()).collect();
    let mut out = Vec::with_capacity(deals.len());
    solve(&deals, base, &mut out);
    out
}

fn solve(deals: &[(usize, u64)], base: Vec<u64>, out: &mut Vec<Swing>) {
    match deals {
        [] => {}
        [(k, _)] => out.push(one(&base, *k)),
        _ => {
            let (left, right) = deals.split_at(deals.len() / 2);
            let with_right = right.iter().fold(base.clone(), |d, &(k, q)| add_deal(&d, k, q));
            solve(left, with_right, out);
            let with_left = left.iter().fold(base, |d, &(k, q)| add_deal(&d, k, q));
            solve(right, with_left, out);
        }
    }
}

/// The chances given the distribution of every other deal's sum.
fn one(others: &[u64], k: usize) -> Swing {
    let t = others.len().saturating_sub(1);
    let from = t.saturating_sub(k);
    let won: u128 = others.iter().skip(from).map(|&m| u128::from(m)).sum();
    let lost = u128::from(others.last().copied().unwrap_or(0));
    Swing { if_won: to_decimal(won), if_lost: to_decimal(lost) }
}
