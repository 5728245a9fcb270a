//! Exact enumeration of every won/lost outcome for up to [`MAX_DEALS`] deals of any amounts, by
//! meeting in the middle: the deals are split in two halves, each half's 2^(n/2) outcomes are
//! listed with their sums and weights, and every outcome of the first half is matched with the
//! outcomes of the second that complete the need (one binary search over the sorted sums).
//! Weights are exact integers as in [`super::exact`], so the results are exact decimals.

use super::bignum::{self, difference, from_u128, mul, sum, Big};
use super::WinChance;
use rust_decimal::Decimal;

/// Most deals enumerated (2 × 2^12 outcomes).
pub const MAX_DEALS: usize = 24;

/// What enumeration found: exact decimals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumerated {
    /// P(reach).
    pub probability: String,
    /// E[shortfall].
    pub shortfall: String,
    /// (P(reach | won), P(reach | lost)) per deal.
    pub swings: Vec<(String, String)>,
}

/// A deal in integers: amount at the common scale, probability `numerator / 10^scale`.
#[derive(Clone, Copy)]
struct Term {
    amount: u128,
    numerator: u64,
    denominator: u64,
    scale: usize,
}

fn term(d: &WinChance, sigma: u32) -> Option<Term> {
    let mut a = d.amount;
    a.rescale(sigma);
    let p = d.probability.normalize();
    Some(Term {
        amount: (a.scale() == sigma).then(|| u128::try_from(a.mantissa()).ok()).flatten()?,
        numerator: u64::try_from(p.mantissa()).ok()?,
        denominator: bignum::pow10(p.scale())?,
        scale: usize::try_from(p.scale()).ok()?,
    })
}

/// The outcomes of some deals: (sum, weight), sorted by sum.
fn outcomes(terms: &[Term]) -> Option<Vec<(u128, Big)>> {
    let mut list: Vec<(u128, Big)> = vec![(0, vec![1])];
    for t in terms {
        let lose = t.denominator.checked_sub(t.numerator)?;
        let mut next = Vec::with_capacity(list.len().saturating_mul(2));
        for (s, w) in &list {
            next.push((*s, mul(w, &[lose])));
            next.push((s.checked_add(t.amount)?, mul(w, &[t.numerator])));
        }
        list = next;
    }
    list.sort_by_key(|o| o.0);
    Some(list)
}

/// Numerators of P(reach) and E[shortfall] (over 10^Σscale, and 10^σ more for the shortfall).
fn solve_terms(need: u128, terms: &[Term]) -> Option<(Big, Big)> {
    let (left, right) = terms.split_at(terms.len() / 2);
    let a = outcomes(left)?;
    let b = outcomes(right)?;
    // Suffix sums of weights (for the reach) and prefix sums of weight and weight × sum (for the
    // shortfall) over the sorted second half.
    let mut suffix: Vec<Big> = vec![vec![0]; b.len().saturating_add(1)];
    for i in (0..b.len()).rev() {
        let next = sum(suffix.get(i.saturating_add(1))?, &b.get(i)?.1);
        *suffix.get_mut(i)? = next;
    }
    let (mut mass, mut moment) = (vec![vec![0u64]], vec![vec![0u64]]);
    for (s, w) in &b {
        mass.push(sum(mass.last()?, w));
        moment.push(sum(moment.last()?, &mul(w, &from_u128(*s))));
    }
    let (mut hit, mut short) = (vec![0u64], vec![0u64]);
    for (s, w) in &a {
        let rest = need.saturating_sub(*s);
        let from = b.partition_point(|(x, _)| *x < rest);
        hit = sum(&hit, &mul(w, suffix.get(from)?));
        if rest > 0 {
            let below = difference(&mul(&from_u128(rest), mass.get(from)?), moment.get(from)?)?;
            short = sum(&short, &mul(w, &below));
        }
    }
    Some((hit, short))
}

/// The exact answer for up to [`MAX_DEALS`] deals; `need` > 0.
pub fn solve(need: Decimal, deals: &[WinChance]) -> Option<Enumerated> {
    if deals.len() > MAX_DEALS {
        return None;
    }
    let sigma = deals.iter().map(|d| d.amount.normalize().scale()).chain([need.normalize().scale()]).max()?;
    let mut n = need;
    n.rescale(sigma);
    let need_int = (n.scale() == sigma).then(|| u128::try_from(n.mantissa()).ok()).flatten()?;
    let terms: Vec<Term> = deals.iter().map(|d| term(d, sigma)).collect::<Option<_>>()?;
    let scale: usize = terms.iter().map(|t| t.scale).sum();
    let (hit, short) = solve_terms(need_int, &terms)?;
    let mut swings = Vec::with_capacity(terms.len());
    for i in 0..terms.len() {
        let mut fixed = terms.clone();
        let own = fixed.get(i)?.scale;
        let slot = fixed.get_mut(i)?;
        let rest = scale.checked_sub(own)?;
        *slot = Term { amount: slot.amount, numerator: 1, denominator: 1, scale: 0 };
        let won = bignum::to_fraction(&solve_terms(need_int, &fixed)?.0, rest);
        *fixed.get_mut(i)? = Term { amount: terms.get(i)?.amount, numerator: 0, denominator: 1, scale: 0 };
        let lost = bignum::to_fraction(&solve_terms(need_int, &fixed)?.0, rest);
        swings.push((won, lost));
    }
    Some(Enumerated {
        probability: bignum::to_fraction(&hit, scale),
        shortfall: bignum::to_fraction(&short, scale.checked_add(usize::try_from(sigma).ok()?)?),
        swings,
    })
}
