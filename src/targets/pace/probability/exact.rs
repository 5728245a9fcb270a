//! The exact probability of reaching a need from independent deals, by dynamic programming over
//! the sums the won deals can make, in exact integers.
//!
//! Amounts are scaled to integers and divided by their greatest common divisor `u`, so a sum is a
//! count of units and the need becomes `T = ⌈need / u⌉` units; sums of `T` or more are one
//! absorbing state. A probability with `s` decimals is `m / 10^s`; multiplying through by every
//! denominator keeps each state's mass an integer, and the result `N / 10^(Σs)` is a terminating
//! decimal printed in full. Used when the state table and the integers stay small (see the
//! limits below); otherwise the caller falls back to the bounded grid method.

use super::bignum::{self, limbs_for, mul_add};
use super::WinChance;
use rust_decimal::Decimal;

/// Most sum states the exact method tabulates.
pub const MAX_STATES: u64 = 1 << 16;
/// Most limb operations (deals × states × limbs) the exact method spends.
pub const MAX_WORK: u64 = 24_000_000;

/// What the exact method found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exact {
    /// The probability as an exact decimal (`"0.5184"`).
    pub probability: String,
    /// The expected shortfall as an exact decimal.
    pub shortfall: String,
    /// The grid it ran on, for the per-deal swings: units per deal and the threshold.
    pub units: Vec<usize>,
    /// Threshold in units.
    pub threshold: usize,
}

/// A deal in integers: units of the common divisor, and its probability as `m / 10^s`.
struct Term {
    units: u64,
    numerator: u64,
    denominator: u64,
    scale: usize,
}

fn integer_at(value: Decimal, scale: u32) -> Option<u64> {
    let mut v = value;
    v.rescale(scale);
    (v.scale() == scale).then(|| u64::try_from(v.mantissa()).ok()).flatten()
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

fn term(amount: u64, p: Decimal, unit: u64) -> Option<Term> {
    let p = p.normalize();
    let scale = p.scale();
    let denominator = bignum::pow10(scale)?;
    Some(Term {
        units: amount.checked_div(unit)?,
        numerator: u64::try_from(p.mantissa()).ok()?,
        denominator,
        scale: usize::try_from(scale).ok()?,
    })
}

/// The exact answer, or `None` when the deals are too many, too finely divided or too precise
/// for the exact method's limits. `need` is above zero; every deal is counted.
pub fn solve(need: Decimal, deals: &[WinChance]) -> Option<Exact> {
    let sigma = deals.iter().map(|d| d.amount.normalize().scale()).chain([need.normalize().scale()]).max()?;
    let need_int = integer_at(need, sigma)?;
    let amounts: Vec<u64> = deals.iter().map(|d| integer_at(d.amount, sigma)).collect::<Option<_>>()?;
    let unit = amounts.iter().fold(0, |g, &a| gcd(g, a)).max(1);
    let threshold = need_int.div_ceil(unit);
    if threshold > MAX_STATES {
        return None;
    }
    let terms: Vec<Term> =
        amounts.iter().zip(deals).map(|(&a, d)| term(a, d.probability, unit)).collect::<Option<_>>()?;
    let scale: usize = terms.iter().map(|t| t.scale).sum();
    // The shortfall numerator multiplies masses by up to `need_int` (< 10^20).
    let limbs = limbs_for(scale.checked_add(20)?);
    let work = (terms.len() as u64).checked_mul(threshold.checked_add(1)?)?.checked_mul(limbs as u64)?;
    if work > MAX_WORK {
        return None;
    }
    let t = usize::try_from(threshold).ok()?;
    let masses = tabulate(&terms, t, limbs)?;
    let hit = masses.get(t.checked_mul(limbs)?..)?;
    let mut short = vec![0u64; limbs];
    for (x, cell) in masses.chunks_exact(limbs).take(t).enumerate() {
        let below = need_int.checked_sub((x as u64).checked_mul(unit)?)?;
        if !mul_add(&mut short, cell, below) {
            return None;
        }
    }
    Some(Exact {
        probability: bignum::to_fraction(hit, scale),
        shortfall: bignum::to_fraction(&short, scale.checked_add(usize::try_from(sigma).ok()?)?),
        units: terms.iter().map(|t| usize::try_from(t.units).unwrap_or(usize::MAX)).collect(),
        threshold: t,
    })
}

/// Masses of sums 0..T (T absorbing), each times the product of the denominators.
fn tabulate(terms: &[Term], t: usize, limbs: usize) -> Option<Vec<u64>> {
    let cells = t.checked_add(1)?.checked_mul(limbs)?;
    let mut masses = vec![0u64; cells];
    *masses.first_mut()? = 1;
    for term in terms {
        let mut next = vec![0u64; cells];
        let lose = term.denominator.checked_sub(term.numerator)?;
        let k = usize::try_from(term.units).ok()?;
        for (x, cell) in masses.chunks_exact(limbs).enumerate() {
            if cell.iter().all(|&l| l == 0) {
                continue;
            }
            let ok = if x == t {
                mul_add(cell_mut(&mut next, x, limbs)?, cell, term.denominator)
            } else {
                let won = x.saturating_add(k).min(t);
                mul_add(cell_mut(&mut next, x, limbs)?, cell, lose)
                    && mul_add(cell_mut(&mut next, won, limbs)?, cell, term.numerator)
            };
            if !ok {
                return None;
            }
        }
        masses = next;
    }
    Some(masses)
}

fn cell_mut(cells: &mut [u64], x: usize, limbs: usize) -> Option<&mut [u64]> {
    let start = x.checked_mul(limbs)?;
    cells.get_mut(start..start.checked_add(limbs)?)
}

/// A decimal text (`"123.4567…"`) as a `Decimal` keeping `places` decimals plus a sticky digit,
/// so that rounding it at `places` with any strategy gives the rounding of the full value.
pub fn decimal_for_rounding(text: &str, places: u32) -> Option<Decimal> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    // A Decimal holds 28 digits: keep what fits beside the integer part and the sticky digit.
    let room = 26usize.saturating_sub(int.trim_start_matches('-').len()).max(1);
    let keep = usize::try_from(places).ok()?.saturating_add(1).min(room);
    let (head, rest) = if frac.len() > keep { frac.split_at(keep) } else { (frac, "") };
    let sticky = if rest.bytes().any(|b| b != b'0') { "1" } else { "" };
    crate::base::number::parse_decimal(&format!("{int}.{head}{sticky}0")).ok()
}
