//! A subtree's seasonality: the twelve percentages a node (or the spec) gives, or a profile
//! derived from the history of the people below it (the same calendar months in the twelve
//! months before the period), as whole-number month weights for [`super::ramp::presence`].

use super::document::{DecompositionSpec, Seasonality};
use super::period::Timeline;
use super::ramp::integers;
use super::tree::Tree;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::{overflow, sum, try_sum};
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use crate::base::number::Dec;
use chrono::Datelike;
use rust_decimal::{Decimal, RoundingStrategy};

/// A profile ready to weigh months.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// Each calendar month's weight (January first); only their ratios matter.
    pub weights: Vec<u128>,
    /// Derived from history: each month's share of the year in percent (2 places, January
    /// first), to explain it. Empty for a profile given as percentages.
    pub derived: Vec<Dec>,
}

impl Profile {
    /// Every month equal (no seasonality).
    pub fn flat() -> Profile {
        Profile { weights: vec![1; 12], derived: Vec::new() }
    }
}

/// The profile `season` names for the subtree of `node`; `path` is where it is written.
pub fn profile(
    season: &Seasonality,
    node: usize,
    spec: &DecompositionSpec,
    tree: &Tree,
    timeline: &Timeline,
    path: &str,
) -> Result<Profile> {
    match season {
        Seasonality::Percentages(p) => {
            let weights = integers(&p.iter().map(|d| d.0).collect::<Vec<Decimal>>()).ok_or_else(overflow)?;
            Ok(Profile { weights, derived: Vec::new() })
        }
        Seasonality::History => from_history(node, spec, tree, timeline, path),
    }
}

/// Each calendar month weighs the subtree's sales in that month during the twelve months before
/// the period; every month the period covers must have some.
fn from_history(
    node: usize,
    spec: &DecompositionSpec,
    tree: &Tree,
    timeline: &Timeline,
    path: &str,
) -> Result<Profile> {
    let start = timeline.start().ok_or_else(overflow)?;
    let mut sums = [Decimal::ZERO; 12];
    let mut labels: [String; 12] = Default::default();
    for back in 1..=12 {
        let month = start.checked_sub_months(chrono::Months::new(back)).ok_or_else(overflow)?;
        let label = format!("{:04}-{:02}", month.year(), month.month());
        let at = usize::try_from(month.month0()).map_err(|_| overflow())?;
        if let (Some(sum), Some(slot)) = (sums.get_mut(at), labels.get_mut(at)) {
            *sum = history(node, &label, spec, tree)?;
            *slot = label;
        }
    }
    for month in &timeline.months {
        let at = usize::try_from(month.first.month0()).map_err(|_| overflow())?;
        if sums.get(at).is_none_or(Decimal::is_zero) {
            let e = Error::new(ErrorCode::InvalidValue)
                .name("seasonality")
                .expected(Phrase::HistoryInEveryMonth)
                .found(labels.get(at).map_or("", String::as_str));
            return Err(e.path(Origin::Plan, path));
        }
    }
    let total = sum(sums.iter().copied())?;
    let derived = sums
        .iter()
        .map(|s| {
            let p = s.mul_checked(Decimal::ONE_HUNDRED).and_then(|p| p.div_checked(total)).ok_or_else(overflow)?;
            Ok(Dec(p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize()))
        })
        .collect::<Result<Vec<Dec>>>()?;
    Ok(Profile { weights: integers(&sums).ok_or_else(overflow)?, derived })
}

/// A node's sales in one month: its own history when it has one, else its children's sums (as
/// the `history` basis reads it).
fn history(node: usize, month: &str, spec: &DecompositionSpec, tree: &Tree) -> Result<Decimal> {
    let own = &spec.nodes.get(node).ok_or_else(overflow)?.history;
    if !own.is_empty() {
        return Ok(own.get(month).map_or(Decimal::ZERO, |d| d.0));
    }
    try_sum(tree.kids(node).iter().map(|k| history(*k, month, spec, tree)))
}
