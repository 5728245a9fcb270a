//! Each person's amount over the months of the period (seasonality × ramp × active days) and
//! each month over its week segments (active days); teams sum their children.

use super::allocate;
use super::document::DecompositionSpec;
use super::period::{active_days, Timeline};
use super::ramp::{presence, Presence, Ramp};
use super::seasonality::{profile, Profile};
use super::tree::Tree;
use super::validate::Limits;
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Origin, Result};
use crate::base::number::Dec;
use chrono::NaiveDate;
use rustc_hash::FxBuildHasher;
use std::collections::HashMap;

/// Amounts in units per node (in spec order): by month, and by week segment (none without
/// weeks), each node's row after the other.
pub struct TimeSplit {
    /// Months per node.
    pub n_months: usize,
    /// Week segments per node.
    pub n_weeks: usize,
    /// `n_months` per node.
    months: Vec<u128>,
    /// `n_weeks` per node.
    weeks: Vec<u128>,
}

fn row(values: &[u128], node: usize, len: usize) -> &[u128] {
    let from = node.saturating_mul(len);
    values.get(from..from.saturating_add(len)).unwrap_or_default()
}

fn row_mut(values: &mut [u128], node: usize, len: usize) -> &mut [u128] {
    let from = node.saturating_mul(len);
    values.get_mut(from..from.saturating_add(len)).unwrap_or_default()
}

impl TimeSplit {
    /// A node's months.
    pub fn months(&self, node: usize) -> &[u128] {
        row(&self.months, node, self.n_months)
    }

    /// A node's week segments (empty without weeks).
    pub fn weeks(&self, node: usize) -> &[u128] {
        row(&self.weeks, node, self.n_weeks)
    }

    fn set(&mut self, node: usize, months: &[u128], weeks: &[u128]) {
        put(row_mut(&mut self.months, node, self.n_months), months);
        put(row_mut(&mut self.weeks, node, self.n_weeks), weeks);
    }

    /// Gives node `to` the rows of node `from`.
    fn copy(&mut self, from: usize, to: usize) {
        for (values, len) in [(&mut self.months, self.n_months), (&mut self.weeks, self.n_weeks)] {
            let start = |node: usize| node.saturating_mul(len);
            if start(from.max(to)).saturating_add(len) <= values.len() {
                values.copy_within(start(from)..start(from).saturating_add(len), start(to));
            }
        }
    }
}

fn put(to: &mut [u128], from: &[u128]) {
    for (t, f) in to.iter_mut().zip(from) {
        *t = *f;
    }
}

/// Small keys → an index.
type FastMap<K> = HashMap<K, usize, FxBuildHasher>;

/// Every person's presence over the period. People with the same seasonality profile, hire date
/// and leave date share one (most people are there all period, and new hires come in cohorts),
/// so each distinct presence is worked out once.
pub struct People {
    /// Per node, the index of its presence in `list` (none for teams).
    of: Vec<Option<u32>>,
    /// The distinct presences.
    pub list: Vec<Presence>,
    /// Per node, the seasonality it derived from history (percent, January first), to explain.
    derived: Vec<Option<Vec<Dec>>>,
}

impl People {
    /// A person's presence (none for a team).
    pub fn get(&self, node: usize) -> Option<&Presence> {
        self.list.get(usize::try_from(self.index(node)?).ok()?)
    }

    /// The index of a person's presence in `list` (none for a team): people with the same index
    /// have the same month weights.
    pub fn index(&self, node: usize) -> Option<u32> {
        self.of.get(node).copied().flatten()
    }

    /// The seasonality a node (the root for the spec's) derived from history, in percent.
    pub fn derived(&self, node: usize) -> Option<&[Dec]> {
        self.derived.get(node)?.as_deref()
    }
}

/// Every person's presence (none for teams), with the seasonality their subtree uses.
pub fn people(spec: &DecompositionSpec, tree: &Tree, timeline: &Timeline, limits: &[Limits]) -> Result<People> {
    let root = match &spec.seasonality {
        Some(s) => profile(s, tree.root, spec, tree, timeline, "/seasonality")?,
        None => Profile::flat(),
    };
    let ramp = Ramp::new(&spec.ramp).ok_or_else(overflow)?;
    let mut people =
        People { of: vec![None; spec.nodes.len()], list: Vec::new(), derived: vec![None; spec.nodes.len()] };
    if !root.derived.is_empty() {
        if let Some(slot) = people.derived.get_mut(tree.root) {
            *slot = Some(root.derived.clone());
        }
    }
    // Index of each node's profile: 0 is the spec's, the others nodes' own.
    let mut profiles = vec![root.weights];
    let mut profile_of = vec![0_usize; spec.nodes.len()];
    let mut known: FastMap<(usize, Option<NaiveDate>, Option<NaiveDate>)> = HashMap::default();
    for node in &tree.order {
        let inherited = tree.parent.get(*node).copied().flatten().and_then(|p| profile_of.get(p).copied()).unwrap_or(0);
        let index = match spec.nodes.get(*node).and_then(|n| n.seasonality.as_ref()) {
            Some(own) => {
                let own = profile(own, *node, spec, tree, timeline, &format!("/nodes/{node}/seasonality"))?;
                profiles.push(own.weights);
                if !own.derived.is_empty() {
                    if let Some(slot) = people.derived.get_mut(*node) {
                        *slot = Some(own.derived);
                    }
                }
                profiles.len().saturating_sub(1)
            }
            None => inherited,
        };
        if let Some(slot) = profile_of.get_mut(*node) {
            *slot = index;
        }
        if !tree.is_leaf(*node) {
            continue;
        }
        let (hire, leave) = limits.get(*node).map_or((None, None), |l| (l.hire, l.leave));
        let at = match known.get(&(index, hire, leave)) {
            Some(at) => *at,
            None => {
                let season = profiles.get(index).ok_or_else(overflow)?;
                let p = presence(timeline, season, &ramp, hire, leave).ok_or_else(overflow)?;
                people.list.push(p);
                let at = people.list.len().saturating_sub(1);
                known.insert((index, hire, leave), at);
                at
            }
        };
        if let Some(slot) = people.of.get_mut(*node) {
            *slot = Some(u32::try_from(at).map_err(|_| overflow())?);
        }
    }
    Ok(people)
}

/// Splits every person's amount over months (and weeks) and sums them up the tree. People with
/// the same presence and the same amount get the same months, worked out once.
pub fn split(
    spec: &DecompositionSpec,
    tree: &Tree,
    people: &People,
    timeline: &Timeline,
    limits: &[Limits],
    units: &[u128],
) -> Result<TimeSplit> {
    let n_months = timeline.months.len();
    let segments = if spec.weeks { timeline.week_segments() } else { Vec::new() };
    // Each month's segments, as a range of `segments`.
    let mut month_segments = vec![0..0; n_months];
    for (i, s) in segments.iter().enumerate() {
        if let Some(r) = month_segments.get_mut(s.month) {
            *r = if r.start == r.end { i..i.saturating_add(1) } else { r.start..i.saturating_add(1) };
        }
    }
    let n = spec.nodes.len();
    let mut time = TimeSplit {
        n_months,
        n_weeks: segments.len(),
        months: vec![0; n.checked_mul(n_months).ok_or_else(overflow)?],
        weeks: vec![0; n.checked_mul(segments.len()).ok_or_else(overflow)?],
    };
    let mut done: FastMap<(u32, u128)> =
        HashMap::with_capacity_and_hasher(people.list.len().saturating_mul(4), FxBuildHasher);
    let mut sums = (vec![0_u128; n_months], vec![0_u128; segments.len()]);
    for node in tree.order.iter().rev() {
        let node = *node;
        let Some(at) = people.index(node) else {
            sum_kids(tree, node, &time, &mut sums)?;
            time.set(node, &sums.0, &sums.1);
            continue;
        };
        let u = units.get(node).copied().unwrap_or(0);
        if let Some(&same) = done.get(&(at, u)) {
            time.copy(same, node);
            continue;
        }
        let person = people.get(node).ok_or_else(overflow)?;
        let months = allocate::split_whole(u, &person.months, |m| m).map_err(|e| no_active_day(spec, node, e))?;
        let mut weeks = Vec::with_capacity(segments.len());
        if !segments.is_empty() {
            let l = limits.get(node).copied().unwrap_or_default();
            for (amount, range) in months.iter().zip(&month_segments) {
                let weights: Vec<u128> = segments
                    .get(range.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(|s| u128::from(active_days(s.start, s.end, l.hire, l.leave)))
                    .collect();
                let split =
                    allocate::split_whole(*amount, &weights, |w| w).map_err(|e| no_active_day(spec, node, e))?;
                weeks.extend(split);
            }
        }
        time.set(node, &months, &weeks);
        done.insert((at, u), node);
    }
    Ok(time)
}

fn no_active_day(spec: &DecompositionSpec, node: usize, e: Error) -> Error {
    if e.code != ErrorCode::WeightsAllZero {
        return e;
    }
    let id = spec.nodes.get(node).map_or("", |n| n.id.as_str());
    Error::new(ErrorCode::Infeasible)
        .name(id)
        .expected(crate::base::error::Phrase::NoActiveDay)
        .found(format!("{}–{}", spec.period.start, spec.period.end))
        .path(Origin::Plan, format!("/nodes/{node}"))
}

/// A team's months and weeks: the sums of its children's, into `sums`.
fn sum_kids(tree: &Tree, node: usize, time: &TimeSplit, sums: &mut (Vec<u128>, Vec<u128>)) -> Result<()> {
    sums.0.fill(0);
    sums.1.fill(0);
    for kid in tree.kids(node) {
        for (o, v) in sums.0.iter_mut().zip(time.months(*kid)) {
            *o = o.checked_add(*v).ok_or_else(overflow)?;
        }
        for (o, v) in sums.1.iter_mut().zip(time.weeks(*kid)) {
            *o = o.checked_add(*v).ok_or_else(overflow)?;
        }
    }
    Ok(())
}
