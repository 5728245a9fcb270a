//! One rep under both plans: score, grades, rank and payout before and after, the change per
//! incentive component, and what the rep crossed.

use super::crossing::{crossings, Crossing, GradeOrder, Standing};
use super::side::Side;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::{div, mul, sub};
use crate::base::error::Result;
use crate::base::number::{Dec, Rounding, RoundingStrategy};
use crate::incentive::section::ComponentDef;
use crate::plan::Plan;
use rust_decimal::Decimal;
use serde::Serialize;

/// Percent changes: 2 places, half up.
const PERCENT: Rounding = Rounding::new(2, RoundingStrategy::HalfUp);

/// A rep under one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RepOutcome {
    /// The scorecard total (plans with a scorecard).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub score: Option<Dec>,
    /// The grade from the bands.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grade: Option<String>,
    /// The grade after the forced distribution (plans with one).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub forced_grade: Option<String>,
    /// Competition rank in the team (plans with a team section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rank: Option<usize>,
    /// Whether a veto was triggered.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub vetoed: bool,
    /// The statement total, team pools included (plans with an incentive section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub payout: Option<Dec>,
}

/// One incentive component before and after (for a rep or summed over the team).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ComponentChange {
    /// The component's id (components are matched between the plans by id).
    pub id: String,
    /// `commission`, `targetBonus`, `spiff`, `mbo`, `draw` or `pool`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Paid under the baseline (none: the baseline has no such component).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub before: Option<Dec>,
    /// Paid under the draft (none: the draft has no such component).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub after: Option<Dec>,
    /// after − before (a missing side counts as 0).
    pub change: Dec,
    /// change ÷ |before| in percent, 2 places half up (none when before is 0 or missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub percent: Option<Dec>,
}

/// One rep under both plans.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RepChange {
    /// The record's index.
    pub index: usize,
    /// Rep id (the team section's `id`), when a side could read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Group.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group: Option<String>,
    /// Under the baseline (none: the record fails there).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub before: Option<RepOutcome>,
    /// Under the draft (none: the record fails there).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub after: Option<RepOutcome>,
    /// Payout after − before (both sides paid).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub change: Option<Dec>,
    /// change ÷ |payout before| in percent, 2 places half up (none when it was 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub percent: Option<Dec>,
    /// Score after − before (both sides scored).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub score_change: Option<Dec>,
    /// Each incentive component before and after (both sides paid).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub components: Vec<ComponentChange>,
    /// What the rep crossed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub crossings: Vec<Crossing>,
}

/// A component of either plan: its id and kind, and its index in each plan.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ComponentPair {
    pub(super) id: String,
    pub(super) kind: &'static str,
    pub(super) before: Option<usize>,
    pub(super) after: Option<usize>,
}

/// The components of both plans: the baseline's in order, then those only the draft has.
pub(super) fn pair_components(baseline: &Plan, draft: &Plan) -> Vec<ComponentPair> {
    let list = |p: &Plan| p.document().incentive.as_ref().map(|i| i.components.clone()).unwrap_or_default();
    let (b, a) = (list(baseline), list(draft));
    let mut pairs: Vec<ComponentPair> = b
        .iter()
        .enumerate()
        .map(|(i, c)| ComponentPair {
            id: c.id().to_string(),
            kind: kind_of(c),
            before: Some(i),
            after: a.iter().position(|x| x.id() == c.id()),
        })
        .collect();
    for (i, c) in a.iter().enumerate() {
        if !b.iter().any(|x| x.id() == c.id()) {
            pairs.push(ComponentPair { id: c.id().to_string(), kind: kind_of(c), before: None, after: Some(i) });
        }
    }
    pairs
}

fn kind_of(c: &ComponentDef) -> &'static str {
    match c {
        ComponentDef::Commission(_) => "commission",
        ComponentDef::TargetBonus(_) => "targetBonus",
        ComponentDef::Spiff(_) => "spiff",
        ComponentDef::Mbo(_) => "mbo",
        ComponentDef::Draw(_) => "draw",
        ComponentDef::Pool(_) => "pool",
    }
}

/// `change` in percent of `|before|`, 2 places half up; none when `before` is 0.
pub(super) fn percent(change: Decimal, before: Decimal) -> Result<Option<Dec>> {
    if before.is_zero() {
        return Ok(None);
    }
    Ok(Some(Dec(PERCENT.apply(div(mul(change, Decimal::ONE_HUNDRED)?, before.abs())?))))
}

/// A change before → after, each side optional (missing counts as 0).
pub(super) fn component_change(
    id: &str,
    kind: &'static str,
    before: Option<Decimal>,
    after: Option<Decimal>,
) -> Result<ComponentChange> {
    let change = sub(after.unwrap_or_default(), before.unwrap_or_default())?;
    Ok(ComponentChange {
        id: id.to_string(),
        kind,
        before: before.map(Dec),
        after: after.map(Dec),
        change: Dec(change),
        percent: percent(change, before.unwrap_or_default())?,
    })
}

/// The two sides of the session and what pairs them.
pub(super) struct Pairing<'a> {
    pub(super) baseline: &'a Side,
    pub(super) draft: &'a Side,
    pub(super) components: &'a [ComponentPair],
    pub(super) grades: &'a GradeOrder,
}

/// One rep's numbers under both plans, for the team's sums.
#[derive(Clone, Copy, Debug)]
pub(super) struct Delta {
    pub(super) index: usize,
    /// Payout before and after (when both sides paid).
    pub(super) payouts: Option<(Decimal, Decimal)>,
    /// Score before and after (when both sides scored).
    pub(super) scores: Option<(Decimal, Decimal)>,
    /// Whether both sides evaluated the rep.
    pub(super) compared: bool,
}

impl Delta {
    /// What reps are ranked and counted by: the payout change, or without an incentive section
    /// on either side, the score change.
    pub(super) fn key(&self) -> Option<Decimal> {
        let (b, a) = self.payouts.or(self.scores)?;
        a.sub_checked(b)
    }
}

impl<'a> Pairing<'a> {
    /// Rep `index`'s numbers.
    pub(super) fn delta(&self, index: usize) -> Delta {
        let (b, a) = (self.baseline.scored(index), self.draft.scored(index));
        let paid = |s: &Side| s.paid(index).map(|p| p.total);
        let score = |s: Option<super::side::Scored>| s.and_then(|s| s.total);
        Delta {
            index,
            payouts: paid(self.baseline).zip(paid(self.draft)),
            scores: score(b).zip(score(a)),
            compared: b.is_some() && a.is_some(),
        }
    }

    /// Rep `index` under one side.
    fn outcome(side: &Side, index: usize) -> Option<RepOutcome> {
        let rep = side.rep(index)?;
        let member = side.member(index);
        let score = rep.score.as_deref();
        Some(RepOutcome {
            score: score.map(|s| s.total),
            grade: score.map(|s| s.grade.to_string()),
            forced_grade: member.and_then(|m| m.forced_grade.as_deref().map(str::to_string)),
            rank: member.map(|m| m.rank),
            vetoed: score.is_some_and(|s| s.vetoes.iter().any(|v| v.triggered)),
            payout: side.paid(index).map(|p| Dec(p.total)),
        })
    }

    /// Rep `index` in full: both outcomes, the changes and the crossings.
    pub(super) fn change(&self, index: usize) -> Result<RepChange> {
        let (before, after) = (Self::outcome(self.baseline, index), Self::outcome(self.draft, index));
        let member = self.member(index);
        let delta = self.delta(index);
        let change = delta.payouts.map(|(b, a)| sub(a, b)).transpose()?;
        let percent = match (delta.payouts, change) {
            (Some((b, _)), Some(c)) => percent(c, b)?,
            _ => None,
        };
        let score_change = delta.scores.map(|(b, a)| sub(a, b)).transpose()?.map(Dec);
        let components = match (self.baseline.paid(index), self.draft.paid(index)) {
            (Some(b), Some(a)) => self
                .components
                .iter()
                .map(|c| {
                    let amount =
                        |p: super::payouts::Paid<'_>, i: Option<usize>| i.and_then(|i| p.components.get(i).copied());
                    component_change(&c.id, c.kind, amount(b, c.before), amount(a, c.after))
                })
                .collect::<Result<Vec<_>>>()?,
            _ => Vec::new(),
        };
        let pays_more = |id: &str| components.iter().any(|k| k.id == id && k.change.0 > Decimal::ZERO);
        let crossings = match (self.standing(self.baseline, index), self.standing(self.draft, index)) {
            (Some(b), Some(a)) => crossings(b, a, self.grades, &pays_more),
            _ => Vec::new(),
        };
        Ok(RepChange {
            index,
            id: member.map(|m| m.id.to_string()),
            name: member.and_then(|m| m.name.as_deref().map(String::from)),
            group: member.and_then(|m| m.group.as_deref().map(String::from)),
            before,
            after,
            change: change.map(Dec),
            percent,
            score_change,
            components,
            crossings,
        })
    }

    /// Rep `index`'s id, name and group: the baseline's, else the draft's.
    pub(super) fn member(&self, index: usize) -> Option<&'a crate::scorecard::Member> {
        [self.baseline, self.draft].into_iter().find_map(|s| s.rep(index)?.score.as_deref()?.member.as_ref())
    }

    fn standing<'s>(&self, side: &'s Side, index: usize) -> Option<Standing<'s>> {
        let rep = side.rep(index)?;
        Some(Standing {
            plan: &side.plan,
            score: rep.score.as_deref(),
            marks: rep.marks.as_ref(),
            forced_grade: side.member(index).and_then(|m| m.forced_grade.as_deref()),
        })
    }
}
