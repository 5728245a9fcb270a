//! Each person's amount over the months of the period (seasonality × ramp × active days) and
//! each month over its week segments (active days); teams sum their children.

use super::allocate;
use super::document::DecompositionSpec;
use super::period::{active_days, date_at, Timeline};
use super::ramp::{integers, presence, Presence, Ramp};
use super::tree::Tree;
use crate::error::{Error, ErrorCode, Origin, Result};
use rust_decimal::Decimal;

/// Amounts in units per node: by month, and by week segment (empty without weeks).
pub struct TimeSplit {
    /// Per node, per month.
    pub months: Vec<Vec<u128>>,
    /// Per node, per week segment.
    pub weeks: Vec<Vec<u128>>,
}

/// A person's hire and leave dates.
fn dates(spec: &DecompositionSpec, node: usize) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> {
    let n = spec.nodes.get(node);
    let hire =
        n.and_then(|n| n.hire_date.as_deref()).map(|d| date_at(d, &format!("/nodes/{node}/hireDate"))).transpose()?;
    let leave =
        n.and_then(|n| n.leave_date.as_deref()).map(|d| date_at(d, &format!("/nodes/{node}/leaveDate"))).transpose()?;
    Ok((hire, leave))
}

/// Every person's presence (none for teams), with the seasonality their subtree uses.
pub fn people(spec: &DecompositionSpec, tree: &Tree, timeline: &Timeline) -> Result<Vec<Option<Presence>>> {
    let overflow = || Error::new(ErrorCode::Overflow);
    let as_ints =
        |p: &[crate::number::Dec]| integers(&p.iter().map(|d| d.0).collect::<Vec<Decimal>>()).ok_or_else(overflow);
    let default = match &spec.seasonality {
        Some(p) => as_ints(p)?,
        None => vec![1; 12],
    };
    let ramp = Ramp::new(&spec.ramp).ok_or_else(overflow)?;
    // Index of each node's profile: 0 is the spec's, the others nodes' own.
    let mut profiles = vec![default];
    let mut profile_of = vec![0_usize; spec.nodes.len()];
    let mut out = vec![None; spec.nodes.len()];
    for node in &tree.order {
        let inherited = tree.parent.get(*node).copied().flatten().and_then(|p| profile_of.get(p).copied()).unwrap_or(0);
        let index = match spec.nodes.get(*node).and_then(|n| n.seasonality.as_ref()) {
            Some(own) => {
                profiles.push(as_ints(own)?);
                profiles.len().saturating_sub(1)
            }
            None => inherited,
        };
        if let Some(slot) = profile_of.get_mut(*node) {
            *slot = index;
        }
        if tree.is_leaf(*node) {
            let (hire, leave) = dates(spec, *node)?;
            let season = profiles.get(index).ok_or_else(overflow)?;
            let p = presence(timeline, season, &ramp, hire, leave).ok_or_else(overflow)?;
            if let Some(slot) = out.get_mut(*node) {
                *slot = Some(p);
            }
        }
    }
    Ok(out)
}

/// Splits every person's amount over months (and weeks) and sums them up the tree.
pub fn split(
    spec: &DecompositionSpec,
    tree: &Tree,
    people: &[Option<Presence>],
    timeline: &Timeline,
    units: &[u128],
) -> Result<TimeSplit> {
    let n_months = timeline.months.len();
    let segments = if spec.weeks { timeline.week_segments() } else { Vec::new() };
    let mut months = vec![Vec::new(); spec.nodes.len()];
    let mut weeks = vec![Vec::new(); spec.nodes.len()];
    for node in tree.order.iter().rev() {
        let (m, w) = match people.get(*node).and_then(Option::as_ref) {
            Some(person) => person_split(spec, *node, person, &segments, units.get(*node).copied().unwrap_or(0))?,
            None => (sum_kids(tree, *node, &months, n_months)?, sum_kids(tree, *node, &weeks, segments.len())?),
        };
        if let (Some(ms), Some(ws)) = (months.get_mut(*node), weeks.get_mut(*node)) {
            *ms = m;
            *ws = w;
        }
    }
    Ok(TimeSplit { months, weeks })
}

type Rows = (Vec<u128>, Vec<u128>);

fn person_split(
    spec: &DecompositionSpec,
    node: usize,
    person: &Presence,
    segments: &[super::period::WeekSegment],
    units: u128,
) -> Result<Rows> {
    let months = allocate::split_whole(units, &person.months, |m| m).map_err(|e| no_active_day(spec, node, e))?;
    if segments.is_empty() {
        return Ok((months, Vec::new()));
    }
    let (hire, leave) = dates(spec, node)?;
    let mut weeks = Vec::with_capacity(segments.len());
    for (m, amount) in months.iter().enumerate() {
        let weights: Vec<u128> = segments
            .iter()
            .skip_while(|s| s.month < m)
            .take_while(|s| s.month == m)
            .map(|s| u128::from(active_days(s.start, s.end, hire, leave)))
            .collect();
        weeks.extend(allocate::split_whole(*amount, &weights, |w| w).map_err(|e| no_active_day(spec, node, e))?);
    }
    Ok((months, weeks))
}

fn no_active_day(spec: &DecompositionSpec, node: usize, e: Error) -> Error {
    if e.code != ErrorCode::WeightsAllZero {
        return e;
    }
    let id = spec.nodes.get(node).map_or("", |n| n.id.as_str());
    Error::new(ErrorCode::Infeasible)
        .name(id)
        .expected("no active day in the period for its amount")
        .found(format!("{}–{}", spec.period.start, spec.period.end))
        .path(Origin::Plan, format!("/nodes/{node}"))
}

fn sum_kids(tree: &Tree, node: usize, rows: &[Vec<u128>], len: usize) -> Result<Vec<u128>> {
    let mut out = vec![0_u128; len];
    for kid in tree.kids(node) {
        for (o, v) in out.iter_mut().zip(rows.get(*kid).into_iter().flatten()) {
            *o = o.checked_add(*v).ok_or_else(|| Error::new(ErrorCode::Overflow))?;
        }
    }
    Ok(out)
}
