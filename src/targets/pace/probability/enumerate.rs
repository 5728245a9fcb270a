//! Exact enumeration of every won/lost outcome for up to [`MAX_DEALS`] deals of any amounts, by
//! meeting in the middle: the deals are split in two halves, each half's 2^(n/2) outcomes are
//! listed with their sums and weights, and every outcome of the first half is matched with the
//! outcomes of the second that complete the need (one binary search over the sorted sums).
//! Weights are exact integers as in [`super::exact`], so the results are exact decimals.

use super::bignum::{self, add_to, difference, from_u128, mul, sum, Big};
use super::WinChance;
use rust_decimal::Decimal;

/// Most deals enumerated (2 × 2^12 outcomes).
pub const MAX_DEALS: usize = 24;

/// What enumeration found: exact decimals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumerated {
    /// P(reach).
    pub probability: String,
    /// E\[shortfall\].
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

/// The outcomes of some deals: (sum, weight, which deals were won as bits), sorted by sum.
fn outcomes(terms: &[Term]) -> Option<Vec<(u128, Big, u32)>> {
    let mut list: Vec<(u128, Big, u32)> = vec![(0, vec![1], 0)];
    for (i, t) in terms.iter().enumerate() {
        let lose = t.denominator.checked_sub(t.numerator)?;
        let bit = 1u32.checked_shl(u32::try_from(i).ok()?)?;
        let mut next = Vec::with_capacity(list.len().saturating_mul(2));
        for (s, w, won) in &list {
            next.push((*s, mul(w, &[lose]), *won));
            next.push((s.checked_add(t.amount)?, mul(w, &[t.numerator]), won | bit));
        }
        list = next;
    }
    crate::base::order::sort_by_key(&mut list, |o| o.0);
    Some(list)
}

/// What one matching of the outcomes of `first` with those of `second` gives: numerators of
/// P(reach) and E[shortfall] (over 10^Σscale, and 10^σ more for the shortfall), and for each
/// deal of `first` the part of P(reach) where it is won and where it is lost.
struct Pass {
    hit: Big,
    short: Big,
    won: Vec<Big>,
    lost: Vec<Big>,
}

fn pass(need: u128, first: &[Term], second: &[Term]) -> Option<Pass> {
    let a = outcomes(first)?;
    let b = outcomes(second)?;
    // Suffix sums of weights (for the reach) and prefix sums of weight and weight × sum (for the
    // shortfall) over the sorted second half.
    let mut suffix: Vec<Big> = vec![vec![0]; b.len().saturating_add(1)];
    for i in (0..b.len()).rev() {
        let next = sum(suffix.get(i.saturating_add(1))?, &b.get(i)?.1);
        *suffix.get_mut(i)? = next;
    }
    let (mut mass, mut moment) = (vec![vec![0u64]], vec![vec![0u64]]);
    for (s, w, _) in &b {
        mass.push(sum(mass.last()?, w));
        moment.push(sum(moment.last()?, &mul(w, &from_u128(*s))));
    }
    let mut out =
        Pass { hit: vec![0], short: vec![0], won: vec![vec![0]; first.len()], lost: vec![vec![0]; first.len()] };
    for (s, w, won) in &a {
        let rest = need.saturating_sub(*s);
        let from = b.partition_point(|(x, _, _)| *x < rest);
        let reach = mul(w, suffix.get(from)?);
        for (i, (on, off)) in out.won.iter_mut().zip(out.lost.iter_mut()).enumerate() {
            add_to(if won.checked_shr(u32::try_from(i).ok()?)? & 1 == 1 { on } else { off }, &reach);
        }
        add_to(&mut out.hit, &reach);
        if rest > 0 {
            let below = difference(&mul(&from_u128(rest), mass.get(from)?), moment.get(from)?)?;
            add_to(&mut out.short, &mul(w, &below));
        }
    }
    Some(out)
}

/// The exact answer for up to [`MAX_DEALS`] deals; `need` > 0.
///
/// Each deal's swing comes from the same two matchings (each half's deals against the other
/// half): the part of P(reach) where deal `i` is won is `mᵢ ×` P(reach | won) over the other
/// deals' denominators, so one exact division by `mᵢ` gives it (and by `dᵢ − mᵢ` when lost). Only
/// a deal that cannot be won (or lost) is matched again with its outcome fixed.
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
    let (left, right) = terms.split_at(terms.len() / 2);
    let first = pass(need_int, left, right)?;
    let second = pass(need_int, right, left)?;
    let parts = first.won.iter().zip(&first.lost).chain(second.won.iter().zip(&second.lost));
    let mut swings = Vec::with_capacity(terms.len());
    for (i, (t, (won, lost))) in terms.iter().zip(parts).enumerate() {
        let rest = scale.checked_sub(t.scale)?;
        let lose = t.denominator.checked_sub(t.numerator)?;
        let given = |outcome: u64, part: &Big| -> Option<String> {
            let factor = if outcome == 1 { t.numerator } else { lose };
            let numerator = match bignum::exact_quotient(part, factor) {
                Some(q) => q,
                None => {
                    let mut fixed = terms.clone();
                    *fixed.get_mut(i)? = Term { amount: t.amount, numerator: outcome, denominator: 1, scale: 0 };
                    let (l, r) = fixed.split_at(fixed.len() / 2);
                    pass(need_int, l, r)?.hit
                }
            };
            Some(bignum::to_fraction(&numerator, rest))
        };
        swings.push((given(1, won)?, given(0, lost)?));
    }
    Some(Enumerated {
        probability: bignum::to_fraction(&first.hit, scale),
        shortfall: bignum::to_fraction(&first.short, scale.checked_add(usize::try_from(sigma).ok()?)?),
        swings,
    })
}
