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
            // Each deal of a half asks for the states from t − (its units); the rest of the half
            // is still to come: the states that cannot reach t − (the half's units) are dropped.
            let floor = |half: &[(usize, f64)]| {
                base.masses()
                    .len()
                    .saturating_sub(1)
                    .saturating_sub(half.iter().fold(0usize, |s, &(k, _)| s.saturating_add(k)))
            };
            let (for_left, for_right) = (floor(left), floor(right));
            let mut with_right = base.clone();
            with_right.add_all(right, for_left);
            solve(left, with_right, out);
            let mut with_left = base;
            with_left.add_all(left, for_right);
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

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)] // test arithmetic on small numbers
mod tests {
    use super::*;

    /// Pseudo-random deals: units in 1..=60, probabilities in (0, 1) with some sure and
    /// hopeless ones.
    fn deals(n: usize, seed: u64) -> (Vec<usize>, Vec<f64>) {
        let mut x = seed;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|i| {
                let k = (next() % 60 + 1) as usize;
                let q = match i % 7 {
                    0 => 0.0,
                    3 => 1.0,
                    _ => (next() % 99 + 1) as f64 / 100.0,
                };
                (k, q)
            })
            .unzip()
    }

    #[test]
    fn divide_and_conquer_with_dropped_states_matches_one_deal_at_a_time() {
        for (n, t, seed) in [(1, 10, 1), (2, 30, 2), (9, 150, 3), (40, 700, 4), (41, 400, 5)] {
            let (units, probs) = deals(n, seed);
            let got = swings(&units, &probs, t);
            assert_eq!(got.len(), n);
            for i in 0..n {
                let mut others = Table::new(t);
                for j in (0..n).filter(|&j| j != i) {
                    others.add(units[j], probs[j]);
                }
                let m = others.masses();
                let won: f64 = m[t.saturating_sub(units[i])..].iter().sum();
                let close = |a: Decimal, b: f64| (a - to_decimal(b)).abs() < Decimal::new(1, 12);
                assert!(close(got[i].if_won, won), "n {n} deal {i}: {} vs {won}", got[i].if_won);
                assert!(close(got[i].if_lost, m[t]), "n {n} deal {i}: {} vs {}", got[i].if_lost, m[t]);
            }
        }
    }
}
