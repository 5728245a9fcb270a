//! Each child's weight under a basis: equal, historical share, potential, capacity, custom
//! weights or a blend; a person's weight is then scaled by their availability.

use super::document::{Basis, DecompositionSpec};
use super::over_time::People;
use super::tree::Tree;
use super::validate::Limits;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::{overflow, sum, try_sum};
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use chrono::Datelike;
use rust_decimal::Decimal;

/// What a basis reads, shared by every split.
pub struct Context<'a> {
    /// The spec.
    pub spec: &'a DecompositionSpec,
    /// The tree.
    pub tree: &'a Tree,
    /// Each person's presence (none for teams).
    pub people: &'a People,
    /// Each node's checked dates, bounds and tier factor.
    pub limits: &'a [Limits],
    /// Month labels of the same months one year before the period.
    pub prior_year: Vec<String>,
    /// The period's first month (for trailing windows).
    pub start: chrono::NaiveDate,
}

/// Each child's measure under a basis, as a multiple of `per`: a child's measure as explained
/// is `value ÷ per` (`per` is 1 except for a blend weighed by whole numbers).
#[derive(Clone, Debug, PartialEq)]
pub struct Measures {
    /// One per child.
    pub values: Vec<Decimal>,
    /// What a value is divided by to give the measure.
    pub per: Decimal,
}

/// Whether a person's capacity is scaled by their availability (ramp, proration): inside a
/// team's sum it is; as a child's own measure it is not (availability is applied once, later).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Availability {
    /// The tier factor alone.
    Ignored,
    /// The tier factor × availability.
    Scales,
}

/// Short name of a basis (`equal`, `history`, …).
pub fn kind(basis: &Basis) -> &'static str {
    phrase(basis).wire()
}

/// The basis as error messages name it, in each locale.
pub fn phrase(basis: &Basis) -> Phrase {
    match basis {
        Basis::Equal => Phrase::Equal,
        Basis::History { .. } => Phrase::History,
        Basis::Potential => Phrase::Potential,
        Basis::Capacity => Phrase::Capacity,
        Basis::Weights => Phrase::Weights,
        Basis::Blend { .. } => Phrase::Blend,
    }
}

impl Context<'_> {
    /// The base measure of each child (before availability) when `units` are split among them;
    /// `path` locates the basis.
    pub fn measures(&self, basis: &Basis, path: &str, kids: &[usize], units: u128) -> Result<Measures> {
        match basis {
            Basis::Blend { parts } => self.blend(parts, path, kids, units),
            other => Ok(Measures { values: self.plain(other, path, kids)?, per: Decimal::ONE }),
        }
    }

    /// The measures of a basis as decimals.
    fn plain(&self, basis: &Basis, path: &str, kids: &[usize]) -> Result<Vec<Decimal>> {
        match basis {
            Basis::Equal => Ok(vec![Decimal::ONE; kids.len()]),
            Basis::History { trailing_months } => {
                let window = self.window(*trailing_months)?;
                kids.iter().map(|k| self.history(*k, &window)).collect()
            }
            Basis::Potential => kids.iter().map(|k| self.potential(*k)).collect(),
            Basis::Capacity => kids.iter().map(|k| self.capacity(*k, Availability::Ignored)).collect(),
            Basis::Weights => kids.iter().map(|k| self.weight(*k)).collect(),
            // Blends do not nest (see `validate`); as decimal shares all the same.
            Basis::Blend { parts } => {
                let m = self.blend(parts, path, kids, 0)?;
                m.values.iter().map(|v| v.div_checked(m.per).ok_or_else(overflow)).collect()
            }
        }
    }

    /// Each child's weight: its measure, times its availability when it is a person.
    pub fn weights(&self, measures: &[Decimal], kids: &[usize]) -> Result<Vec<Decimal>> {
        measures
            .iter()
            .zip(kids)
            .map(|(m, k)| match self.availability(*k) {
                // × 1 would give the same decimal.
                Some(a) if a != Decimal::ONE => m.mul_checked(a).ok_or_else(overflow),
                _ => Ok(*m),
            })
            .collect()
    }

    /// A person's availability (none for a team).
    pub fn availability(&self, node: usize) -> Option<Decimal> {
        self.people.get(node).map(|p| p.availability)
    }

    fn window(&self, trailing: Option<u32>) -> Result<Vec<String>> {
        let Some(n) = trailing else { return Ok(self.prior_year.clone()) };
        (1..=n)
            .rev()
            .map(|back| {
                self.start
                    .checked_sub_months(chrono::Months::new(back))
                    .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
                    .ok_or_else(overflow)
            })
            .collect()
    }

    fn history(&self, node: usize, window: &[String]) -> Result<Decimal> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        if spec.history.is_empty() {
            return try_sum(self.tree.kids(node).iter().map(|k| self.history(*k, window)));
        }
        try_sum(window.iter().map(|m| Ok(spec.history.get(m).map_or(Decimal::ZERO, |d| d.0))))
    }

    fn potential(&self, node: usize) -> Result<Decimal> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        match (spec.potential, self.tree.is_leaf(node)) {
            (Some(p), _) => Ok(p.0),
            (None, true) => Err(Error::new(ErrorCode::MissingKey)
                .name("potential")
                .path(Origin::Plan, format!("/nodes/{node}/potential"))),
            (None, false) => try_sum(self.tree.kids(node).iter().map(|k| self.potential(*k))),
        }
    }

    /// Tier factor of a person (scaled by availability inside a team's sum).
    fn capacity(&self, node: usize, availability: Availability) -> Result<Decimal> {
        if !self.tree.is_leaf(node) {
            return try_sum(self.tree.kids(node).iter().map(|k| self.capacity(*k, Availability::Scales)));
        }
        let factor = self.limits.get(node).and_then(|l| l.tier).unwrap_or(Decimal::ONE);
        match (availability, self.availability(node)) {
            (Availability::Scales, Some(a)) => factor.mul_checked(a).ok_or_else(overflow),
            _ => Ok(factor),
        }
    }

    fn weight(&self, node: usize) -> Result<Decimal> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        spec.weight.map(|w| w.0).ok_or_else(|| {
            Error::new(ErrorCode::MissingKey).name("weight").path(Origin::Plan, format!("/nodes/{node}/weight"))
        })
    }

    /// A blend: Σ over parts of part weight ÷ 100 × (child's measure ÷ the part's sum of
    /// measures); the availability of people is applied once, to the blended measure.
    ///
    /// Those shares are fractions (a third…) that a decimal only approximates, and the
    /// approximation would decide which child gets a unit left over when the exact remainders
    /// tie. So children are weighed by whole numbers exactly proportional to their shares when
    /// these stay small (see [`exact_blend`]), and by the shares as decimals otherwise.
    fn blend(&self, parts: &[super::document::BlendPart], path: &str, kids: &[usize], units: u128) -> Result<Measures> {
        let mut each = Vec::with_capacity(parts.len());
        for (k, part) in parts.iter().enumerate() {
            let part_path = format!("{path}/parts/{k}/basis");
            let measures = self.plain(&part.basis, &part_path, kids)?;
            let total = sum(measures.iter().copied())?;
            if total.is_zero() {
                return Err(Error::new(ErrorCode::WeightsAllZero)
                    .expected(phrase(&part.basis))
                    .path(Origin::Plan, part_path));
            }
            each.push((part.weight.0, measures, total));
        }
        if let Some(exact) = exact_blend(&each, kids.len(), units) {
            return Ok(exact);
        }
        let mut out = vec![Decimal::ZERO; kids.len()];
        for (weight, measures, total) in &each {
            let mix = weight.div_checked(Decimal::ONE_HUNDRED).ok_or_else(overflow)?;
            for (o, m) in out.iter_mut().zip(measures) {
                let share = m.div_checked(*total).and_then(|s| s.mul_checked(mix)).ok_or_else(overflow)?;
                *o = o.add_checked(share).ok_or_else(overflow)?;
            }
        }
        Ok(Measures { values: out, per: Decimal::ONE })
    }
}

/// Largest divisor `per` of an exact blend: the weights stay in the range that measures such as
/// sales histories already have, where the bounds' arithmetic keeps its precision.
const MAX_EXACT_BLEND: u128 = 1_000_000_000_000_000;

/// Decimals ≥ 0 as whole numbers at one scale (none if they do not fit).
fn whole(values: &[Decimal]) -> Option<Vec<u128>> {
    let normal: Vec<Decimal> = values.iter().map(Decimal::normalize).collect();
    super::ramp::integers(&normal)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

/// A blend's children weighed by whole numbers exactly proportional to their blended shares,
/// when they stay small (none otherwise). `parts` holds each part's weight (percent), its
/// measures and their sum.
///
/// With part `p`'s measures as whole numbers `M_p,i` at one scale, `T_p` their sum and the part
/// weights as whole numbers `μ_p`, child `i` weighs `N_i = Σ_p μ_p · M_p,i · Π_{q≠p} T_q`, and
/// `N_i ÷ (Σμ · Π T)` is exactly its blended share; all are divided by their greatest common
/// divisor. Used when that divisor `per` is at most [`MAX_EXACT_BLEND`] and the split of `units`
/// by these weights fits its 128-bit integers.
fn exact_blend(parts: &[(Decimal, Vec<Decimal>, Decimal)], count: usize, units: u128) -> Option<Measures> {
    let mixes: Vec<Decimal> = parts.iter().map(|p| p.0).collect();
    let mu = whole(&mixes)?;
    let measures: Vec<Vec<u128>> = parts.iter().map(|p| whole(&p.1)).collect::<Option<_>>()?;
    let totals: Vec<u128> =
        measures.iter().map(|m| m.iter().try_fold(0_u128, |a, x| a.checked_add(*x))).collect::<Option<_>>()?;
    let product = |skip: Option<usize>| {
        totals.iter().enumerate().filter(|(q, _)| Some(*q) != skip).try_fold(1_u128, |a, (_, t)| a.checked_mul(*t))
    };
    let others: Vec<u128> = (0..totals.len()).map(|p| product(Some(p))).collect::<Option<_>>()?;
    let mut per = mu.iter().try_fold(0_u128, |a, x| a.checked_add(*x))?.checked_mul(product(None)?)?;
    let mut weights = Vec::with_capacity(count);
    for i in 0..count {
        let mut n = 0_u128;
        for ((m, part), o) in mu.iter().zip(&measures).zip(&others) {
            n = n.checked_add(m.checked_mul(*part.get(i)?)?.checked_mul(*o)?)?;
        }
        weights.push(n);
    }
    let mut common = per;
    for w in &weights {
        if common == 1 {
            break;
        }
        common = gcd(common, *w);
    }
    if common > 1 {
        per = per.checked_div(common)?;
        for w in &mut weights {
            *w = w.checked_div(common)?;
        }
    }
    // The split multiplies the units by the weights' sum (`per`) plus one per weight.
    let spare = u128::try_from(count).ok()?.checked_mul(2)?.checked_add(1)?;
    per.checked_add(spare)?.checked_mul(units.checked_add(1)?)?;
    if per > MAX_EXACT_BLEND {
        return None;
    }
    let dec = |v: u128| Decimal::try_from_i128_with_scale(i128::try_from(v).ok()?, 0).ok();
    let values = weights.into_iter().map(dec).collect::<Option<Vec<_>>>()?;
    Some(Measures { values, per: dec(per)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_blend_weighs_its_children_by_exact_whole_numbers() {
        // 50% history 60,000 : 40,000 : 0, 30% potential 50 : 30 : 20, 20% equal: the shares are
        // 31/60, 107/300 and 19/150, which no decimal holds exactly.
        let parts = [
            (d("50"), vec![d("60000"), d("40000"), d("0")], d("100000")),
            (d("30"), vec![d("50"), d("30"), d("20")], d("100")),
            (d("20"), vec![d("1"); 3], d("3")),
        ];
        let m = exact_blend(&parts, 3, 1000).unwrap();
        assert_eq!((m.values, m.per), (vec![d("155"), d("107"), d("38")], d("300")));
        // Decimal weights and parts in percent with decimals read as the same fractions.
        let parts = [(d("62.5"), vec![d("0.5"), d("1.50")], d("2")), (d("37.5"), vec![d("1"), d("1")], d("2"))];
        let m = exact_blend(&parts, 2, 10).unwrap();
        // 0.625 × 1/4 + 0.375 × 1/2 = 0.34375 and 0.625 × 3/4 + 0.375 × 1/2 = 0.65625: 11 : 21.
        assert_eq!((m.values, m.per), (vec![d("11"), d("21")], d("32")));
    }

    #[test]
    fn a_blend_too_large_for_exact_weights_is_left_to_decimals() {
        let big = |a: &str, b: &str| vec![d(a), d(b)];
        let parts = [
            (d("50"), big("1234567.89", "9876543.21"), d("11111111.10")),
            (d("50"), big("7654321.01", "1234567.03"), d("8888888.04")),
        ];
        assert_eq!(exact_blend(&parts, 2, 1000), None);
        // Small enough weights, but too many units for the split's 128-bit arithmetic.
        let parts = [(d("50"), big("1", "2"), d("3")), (d("50"), big("1", "1"), d("2"))];
        assert!(exact_blend(&parts, 2, 1000).is_some());
        assert_eq!(exact_blend(&parts, 2, u128::MAX / 4), None);
    }
}
