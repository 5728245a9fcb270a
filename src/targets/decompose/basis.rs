//! Each child's weight under a basis: equal, historical share, potential, capacity, custom
//! weights or a blend; a person's weight is then scaled by their availability.

use super::document::{Basis, DecompositionSpec};
use super::over_time::People;
use super::tree::Tree;
use super::validate::Limits;
use crate::error::{Error, ErrorCode, Origin, Result};
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

/// Short name of a basis (`equal`, `history`, …).
pub fn kind(basis: &Basis) -> &'static str {
    match basis {
        Basis::Equal => "equal",
        Basis::History { .. } => "history",
        Basis::Potential => "potential",
        Basis::Capacity => "capacity",
        Basis::Weights => "weights",
        Basis::Blend { .. } => "blend",
    }
}

fn overflow() -> Error {
    Error::new(ErrorCode::Overflow)
}

fn sum(mut values: impl Iterator<Item = Result<Decimal>>) -> Result<Decimal> {
    values.try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?).ok_or_else(overflow))
}

impl Context<'_> {
    /// The base measure of each child (before availability); `path` locates the basis.
    pub fn measures(&self, basis: &Basis, path: &str, kids: &[usize]) -> Result<Vec<Decimal>> {
        match basis {
            Basis::Equal => Ok(vec![Decimal::ONE; kids.len()]),
            Basis::History { trailing_months } => {
                let window = self.window(*trailing_months)?;
                kids.iter().map(|k| self.history(*k, &window)).collect()
            }
            Basis::Potential => kids.iter().map(|k| self.potential(*k)).collect(),
            Basis::Capacity => kids.iter().map(|k| self.capacity(*k, false)).collect(),
            Basis::Weights => kids.iter().map(|k| self.weight(*k)).collect(),
            Basis::Blend { parts } => self.blend(parts, path, kids),
        }
    }

    /// Each child's weight: its measure, times its availability when it is a person.
    pub fn weights(&self, measures: &[Decimal], kids: &[usize]) -> Result<Vec<Decimal>> {
        measures
            .iter()
            .zip(kids)
            .map(|(m, k)| match self.availability(*k) {
                // × 1 would give the same decimal.
                Some(a) if a != Decimal::ONE => m.checked_mul(a).ok_or_else(overflow),
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
            return sum(self.tree.kids(node).iter().map(|k| self.history(*k, window)));
        }
        sum(window.iter().map(|m| Ok(spec.history.get(m).map_or(Decimal::ZERO, |d| d.0))))
    }

    fn potential(&self, node: usize) -> Result<Decimal> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        match (spec.potential, self.tree.is_leaf(node)) {
            (Some(p), _) => Ok(p.0),
            (None, true) => Err(Error::new(ErrorCode::MissingKey)
                .name("potential")
                .path(Origin::Plan, format!("/nodes/{node}/potential"))),
            (None, false) => sum(self.tree.kids(node).iter().map(|k| self.potential(*k))),
        }
    }

    /// Tier factor of a person (scaled by availability inside a team's sum).
    fn capacity(&self, node: usize, scaled: bool) -> Result<Decimal> {
        if !self.tree.is_leaf(node) {
            return sum(self.tree.kids(node).iter().map(|k| self.capacity(*k, true)));
        }
        let factor = self.limits.get(node).and_then(|l| l.tier).unwrap_or(Decimal::ONE);
        match (scaled, self.availability(node)) {
            (true, Some(a)) => factor.checked_mul(a).ok_or_else(overflow),
            _ => Ok(factor),
        }
    }

    fn weight(&self, node: usize) -> Result<Decimal> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        spec.weight.map(|w| w.0).ok_or_else(|| {
            Error::new(ErrorCode::MissingKey).name("weight").path(Origin::Plan, format!("/nodes/{node}/weight"))
        })
    }

    /// Σ over parts of part weight ÷ 100 × (child's measure ÷ the part's sum of measures); the
    /// availability of people is applied once, to the blended measure.
    fn blend(&self, parts: &[super::document::BlendPart], path: &str, kids: &[usize]) -> Result<Vec<Decimal>> {
        let mut out = vec![Decimal::ZERO; kids.len()];
        for (k, part) in parts.iter().enumerate() {
            let part_path = format!("{path}/parts/{k}/basis");
            let measures = self.measures(&part.basis, &part_path, kids)?;
            let total = sum(measures.iter().map(|m| Ok(*m)))?;
            if total.is_zero() {
                return Err(Error::new(ErrorCode::WeightsAllZero)
                    .expected(kind(&part.basis))
                    .path(Origin::Plan, part_path));
            }
            let mix = part.weight.0.checked_div(Decimal::ONE_HUNDRED).ok_or_else(overflow)?;
            for (o, m) in out.iter_mut().zip(&measures) {
                let share = m.checked_div(total).and_then(|s| s.checked_mul(mix)).ok_or_else(overflow)?;
                *o = o.checked_add(share).ok_or_else(overflow)?;
            }
        }
        Ok(out)
    }
}
