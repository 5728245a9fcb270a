//! The team under both plans: cost before and after (per group and per component), grade
//! distributions, the histogram of changes, winners and losers, reps over a threshold, and the
//! records that only one plan (or neither) can compute.

use super::change::{component_change, percent, ComponentChange, Delta, Pairing, RepChange};
use super::histogram::{histogram, Histogram};
use super::listing::{listed, picked};
use super::side::Side;
use super::view::View;
use crate::base::checked::{sub, Sum};
use crate::base::error::{ErrorReport, Result};
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// The comparison of the baseline and the draft over the team.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Comparison {
    /// How many reps gain, lose, or are unchanged.
    pub counts: Counts,
    /// The cost of the reps both plans compute (like for like): before, after, change.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cost: Option<CostChange>,
    /// Each plan's own team cost: every rep it pays, as `evaluateTeam` reports it.
    pub plan_cost: PlanCost,
    /// The like-for-like cost per group, by group name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub groups: Vec<GroupChange>,
    /// The like-for-like cost per incentive component.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub components: Vec<ComponentChange>,
    /// Reps per grade under each plan, best grade first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grades: Vec<GradeShift>,
    /// The changes (payout, or score when neither plan pays) of the compared reps, binned.
    pub histogram: Histogram,
    /// The biggest gains, largest first (ties: record order).
    pub winners: Vec<RepChange>,
    /// The biggest losses, largest first (ties: record order).
    pub losers: Vec<RepChange>,
    /// Reps whose change reaches the view's threshold, largest change first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub exceeding: Vec<RepChange>,
    /// Records that fail under either plan, with each side's error.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub not_calculable: Vec<NotCalculable>,
    /// The reps the view lists: in its order (record order by default), from its `from`, at
    /// most its `count` (every rep by default; `counts.reps` is how many there are in all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reps: Vec<RepChange>,
    /// The reps the view picks by index, in the order it names them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub picked: Vec<RepChange>,
}

/// Head counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Counts {
    /// Records in the session.
    pub reps: usize,
    /// Reps both plans compute.
    pub compared: usize,
    /// Compared reps whose payout rises (score, when neither plan pays).
    pub gaining: usize,
    /// Compared reps whose payout falls.
    pub losing: usize,
    /// Compared reps whose payout stays the same.
    pub unchanged: usize,
    /// Records that fail under either plan.
    pub not_compared: usize,
}

/// A sum before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CostChange {
    /// Under the baseline.
    pub before: Dec,
    /// Under the draft.
    pub after: Dec,
    /// after − before.
    pub change: Dec,
    /// change ÷ |before| in percent, 2 places half up (none when before is 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub percent: Option<Dec>,
}

/// Each plan's own cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PlanCost {
    /// Σ of every statement the baseline pays (none: no incentive section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub baseline: Option<Dec>,
    /// Σ of every statement the draft pays.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub draft: Option<Dec>,
}

/// One group's like-for-like cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GroupChange {
    /// The group.
    pub group: String,
    /// Compared reps in it.
    pub reps: usize,
    /// The cost before and after.
    pub cost: CostChange,
}

/// How many reps have a grade under each plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GradeShift {
    /// The grade.
    pub grade: String,
    /// Reps with it from the bands, under the baseline.
    pub before: usize,
    /// … under the draft.
    pub after: usize,
    /// Reps with it after the forced distribution, under the baseline (plans with one).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub forced_before: Option<usize>,
    /// … under the draft.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub forced_after: Option<usize>,
}

/// A record one plan (or neither) can compute.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NotCalculable {
    /// The record's index.
    pub index: usize,
    /// Rep id, when the other plan could read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Display name, when the other plan could read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Why the baseline fails (path under the record's index).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ErrorReport"))]
    pub baseline: Option<ErrorReport>,
    /// Why the draft fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ErrorReport"))]
    pub draft: Option<ErrorReport>,
}

impl CostChange {
    /// `before` → `after`.
    pub(super) fn new(before: Decimal, after: Decimal) -> Result<CostChange> {
        let change = sub(after, before)?;
        Ok(CostChange {
            before: Dec(before),
            after: Dec(after),
            change: Dec(change),
            percent: percent(change, before)?,
        })
    }
}

/// The comparison as `view` asks for it (checked by the caller), from every rep's numbers
/// read again: what a [`super::ledger::Ledger`] kept up to date gives too.
pub(super) fn compare(pairing: &Pairing<'_>, view: &View, locale: Locale) -> Result<Comparison> {
    let n = pairing.baseline.len();
    view.check_picks(n)?;
    let deltas: Vec<Delta> = (0..n).map(|i| pairing.delta(i)).collect();
    let keyed: Vec<(usize, Decimal)> = deltas.iter().filter_map(|d| Some((d.index, d.key()?))).collect();
    let counts = Counts {
        reps: n,
        compared: deltas.iter().filter(|d| d.compared).count(),
        gaining: keyed.iter().filter(|(_, k)| k.is_sign_positive() && !k.is_zero()).count(),
        losing: keyed.iter().filter(|(_, k)| k.is_sign_negative() && !k.is_zero()).count(),
        unchanged: keyed.iter().filter(|(_, k)| k.is_zero()).count(),
        not_compared: deltas.iter().filter(|d| !d.compared).count(),
    };
    let values: Vec<Decimal> = keyed.iter().map(|(_, k)| *k).collect();
    let winners = first(keyed.iter().copied().filter(|(_, k)| *k > Decimal::ZERO).collect(), view.top, &|a, b| {
        b.1.cmp(&a.1).then(a.0.cmp(&b.0))
    });
    let losers = first(keyed.iter().copied().filter(|(_, k)| *k < Decimal::ZERO).collect(), view.top, &|a, b| {
        a.1.cmp(&b.1).then(a.0.cmp(&b.0))
    });
    let rows = |list: &[(usize, Decimal)]| -> Result<Vec<RepChange>> {
        list.iter().take(view.top).map(|(i, _)| pairing.change(*i)).collect()
    };
    Ok(Comparison {
        counts,
        cost: like_for_like(&deltas)?,
        plan_cost: PlanCost { baseline: plan_cost(pairing.baseline)?, draft: plan_cost(pairing.draft)? },
        groups: groups(pairing, &deltas)?,
        components: components(pairing, &deltas)?,
        grades: grades(pairing),
        histogram: histogram(&values, view.bins, view.bin_width.map(|w| w.0))?,
        winners: rows(&winners)?,
        losers: rows(&losers)?,
        exceeding: exceeding(pairing, &deltas, view)?,
        not_calculable: not_calculable(pairing, deltas.iter().filter(|d| !d.compared).map(|d| d.index), locale),
        reps: listed(pairing, &deltas, view)?,
        picked: picked(pairing, view)?,
    })
}

/// A rep's index and its change.
type Keyed = (usize, Decimal);

/// The first `top` of `items` in the order `by` (a total order): only those are sorted.
fn first(mut items: Vec<Keyed>, top: usize, by: &dyn Fn(&Keyed, &Keyed) -> std::cmp::Ordering) -> Vec<Keyed> {
    crate::base::order::select_first(&mut items, top, &by);
    items.truncate(top);
    crate::base::order::sort_by(&mut items, by);
    items
}

/// Σ payouts before and after over the reps both plans pay.
fn like_for_like(deltas: &[Delta]) -> Result<Option<CostChange>> {
    let mut paid = deltas.iter().filter_map(|d| d.payouts).peekable();
    if paid.peek().is_none() {
        return Ok(None);
    }
    let (mut before, mut after) = (Sum::default(), Sum::default());
    for (b, a) in paid {
        before.add(b);
        after.add(a);
    }
    CostChange::new(before.total()?, after.total()?).map(Some)
}

/// Σ of every statement one side pays.
fn plan_cost(side: &Side) -> Result<Option<Dec>> {
    if side.plan.document().incentive.is_none() {
        return Ok(None);
    }
    let mut total = Sum::default();
    for i in 0..side.len() {
        if let Some(p) = side.paid(i) {
            total.add(p.total);
        }
    }
    Ok(Some(Dec(total.total()?)))
}

/// The like-for-like cost per group (the baseline's group of the rep, else the draft's).
fn groups(pairing: &Pairing<'_>, deltas: &[Delta]) -> Result<Vec<GroupChange>> {
    let (b, d) = (&pairing.baseline.groups, &pairing.draft.groups);
    // Both sides' groups by name (a few groups), then each side's group numbers into them.
    let mut names: Vec<&str> = b.names().iter().chain(d.names()).map(String::as_str).collect();
    crate::base::order::sort_by(&mut names, |x, y| x.cmp(y));
    names.dedup();
    let place = |list: &[String]| -> Vec<usize> {
        list.iter().map(|g| names.binary_search(&g.as_str()).unwrap_or_default()).collect()
    };
    let (in_b, in_d) = (place(b.names()), place(d.names()));
    let mut sums: Vec<(usize, Sum, Sum)> = vec![(0, Sum::default(), Sum::default()); names.len()];
    for delta in deltas {
        let Some((before, after)) = delta.payouts else { continue };
        let group = match b.of(delta.index) {
            Some(g) => in_b.get(g),
            None => d.of(delta.index).and_then(|g| in_d.get(g)),
        };
        let Some((reps, sb, sa)) = group.and_then(|g| sums.get_mut(*g)) else { continue };
        *reps = reps.saturating_add(1);
        sb.add(before);
        sa.add(after);
    }
    names
        .into_iter()
        .zip(sums)
        .filter(|(_, (reps, _, _))| *reps > 0)
        .map(|(group, (reps, b, a))| {
            Ok(GroupChange { group: group.to_string(), reps, cost: CostChange::new(b.total()?, a.total()?)? })
        })
        .collect()
}

/// The like-for-like cost per component (matched by id).
fn components(pairing: &Pairing<'_>, deltas: &[Delta]) -> Result<Vec<ComponentChange>> {
    let mut before = vec![Sum::default(); pairing.components.len()];
    let mut after = vec![Sum::default(); pairing.components.len()];
    for d in deltas.iter().filter(|d| d.payouts.is_some()) {
        let (Some(b), Some(a)) = (pairing.baseline.paid(d.index), pairing.draft.paid(d.index)) else { continue };
        for (k, c) in pairing.components.iter().enumerate() {
            let (Some(sb), Some(sa)) = (before.get_mut(k), after.get_mut(k)) else { continue };
            if let Some(v) = c.before.and_then(|i| b.components.get(i)) {
                sb.add(*v);
            }
            if let Some(v) = c.after.and_then(|i| a.components.get(i)) {
                sa.add(*v);
            }
        }
    }
    pairing
        .components
        .iter()
        .zip(before.into_iter().zip(after))
        .map(|(c, (b, a))| {
            let (b, a) = (b.total()?, a.total()?);
            component_change(&c.id, c.kind, c.before.map(|_| b), c.after.map(|_| a))
        })
        .collect()
}

/// Reps per grade under each side, in the grade order of both plans.
fn grades(pairing: &Pairing<'_>) -> Vec<GradeShift> {
    let order = &pairing.grades.0;
    // Each grade's place in `order` (the first, were a name there twice).
    let at: FxHashMap<&str, usize> = order.iter().enumerate().rev().map(|(k, g)| (g.as_str(), k)).collect();
    // Each side's count per grade of `order`, in one pass over its reps (or members).
    let tally = |grades: &mut dyn Iterator<Item = &str>| {
        let mut counts = vec![0_usize; order.len()];
        for grade in grades {
            if let Some(c) = at.get(grade).and_then(|k| counts.get_mut(*k)) {
                *c = c.saturating_add(1);
            }
        }
        counts
    };
    // By each rep's grade's place in its plan: each plan's grades found in `order` once.
    let band = |side: &Side| {
        let places: Vec<Option<usize>> = side
            .plan
            .document()
            .scorecard
            .as_ref()
            .map_or_else(Vec::new, |sc| sc.grades.iter().map(|g| at.get(g.grade.as_str()).copied()).collect());
        let mut counts = vec![0_usize; order.len()];
        for i in 0..side.len() {
            let place = side.scored(i).and_then(|s| s.grade).and_then(|g| places.get(g).copied().flatten());
            if let Some(c) = place.and_then(|k| counts.get_mut(k)) {
                *c = c.saturating_add(1);
            }
        }
        counts
    };
    let forced = |side: &Side| {
        side.forced.then(|| tally(&mut side.team.members.iter().filter_map(|m| m.forced_grade.as_deref())))
    };
    let (before, after) = (band(pairing.baseline), band(pairing.draft));
    let (forced_before, forced_after) = (forced(pairing.baseline), forced(pairing.draft));
    let at = |counts: &[usize], k: usize| counts.get(k).copied().unwrap_or(0);
    order
        .iter()
        .enumerate()
        .map(|(k, g)| GradeShift {
            grade: g.clone(),
            before: at(&before, k),
            after: at(&after, k),
            forced_before: forced_before.as_deref().map(|c| at(c, k)),
            forced_after: forced_after.as_deref().map(|c| at(c, k)),
        })
        .collect()
}

/// Reps whose change reaches the threshold, largest |change| first.
fn exceeding(pairing: &Pairing<'_>, deltas: &[Delta], view: &View) -> Result<Vec<RepChange>> {
    let Some(t) = &view.threshold else { return Ok(Vec::new()) };
    if t.amount.is_none() && t.percent.is_none() {
        return Ok(Vec::new());
    }
    let mut over: Vec<(usize, Decimal)> = Vec::new();
    for d in deltas {
        let (Some(key), Some((before, _))) = (d.key(), d.payouts.or(d.scores)) else { continue };
        if key.is_zero() {
            continue;
        }
        let by_amount = t.amount.is_some_and(|a| key.abs() >= a.0);
        let by_percent = match (t.percent, percent(key, before)?) {
            (Some(p), Some(pc)) => pc.0.abs() >= p.0,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if by_amount || by_percent {
            over.push((d.index, key.abs()));
        }
    }
    crate::base::order::sort_by(&mut over, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    over.iter().map(|(i, _)| pairing.change(*i)).collect()
}

/// The records of `uncompared` (in record order: those not compared) either side fails on (the
/// others have a result on both sides).
pub(super) fn not_calculable(
    pairing: &Pairing<'_>,
    uncompared: impl Iterator<Item = usize>,
    locale: Locale,
) -> Vec<NotCalculable> {
    uncompared
        .filter_map(|i| {
            let (b, a) = (pairing.baseline.error(i), pairing.draft.error(i));
            if b.is_none() && a.is_none() {
                return None;
            }
            let member = pairing.member(i);
            Some(NotCalculable {
                index: i,
                id: member.map(|m| m.id.to_string()),
                name: member.and_then(|m| m.name.as_deref().map(String::from)),
                baseline: b.map(|e| e.report(locale)),
                draft: a.map(|e| e.report(locale)),
            })
        })
        .collect()
}
