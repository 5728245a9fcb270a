//! The comparison again with every rep's actuals scaled (for instance −20 %, as is, +20 %), so
//! the admin sees what each plan costs in a weak and a strong period, not only in this one.

use super::actuals::{ActualFields, Actuals};
use super::change::{ComponentChange, Pairing, RepChange};
use super::histogram::Histogram;
use super::side::Side;
use super::summary::{compare, CostChange, Counts, GradeShift, GroupChange, PlanCost};
use super::view::{option, View};
use crate::base::checked::{add, div};
use crate::base::error::Result;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Most scenarios one call computes.
pub const MAX_SCENARIOS: usize = 21;

/// Options of [`CompareSession::sensitivity`](super::CompareSession::sensitivity).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SensitivitySpec {
    /// Changes applied to every rep's actuals, in percent, each above −100 (default −20, 0, 20;
    /// at most 21).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub changes: Vec<Dec>,
    /// The record fields to scale (default: the session's actuals, see the module docs).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub actuals: Option<Vec<String>>,
    /// Whether the transactions' amount and collected columns are scaled too (default true).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transactions: bool,
    /// How many winners and losers each scenario lists (default 0: none).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub top: usize,
    /// How many bins each scenario's histogram of changes aims at (default 10, at most 1,000).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bins: usize,
}

impl Default for SensitivitySpec {
    fn default() -> Self {
        SensitivitySpec {
            changes: [-20, 0, 20].into_iter().map(|p| Dec(Decimal::from(p))).collect(),
            actuals: None,
            transactions: true,
            top: 0,
            bins: 10,
        }
    }
}

/// Both plans with the actuals scaled, one scenario per change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Sensitivity {
    /// What was scaled.
    pub actuals: ActualFields,
    /// One scenario per change, in the order asked.
    pub scenarios: Vec<Scenario>,
}

/// The team with every actual changed by `change` percent: the comparison's team parts (its
/// rep rows aside).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Scenario {
    /// The change, percent.
    pub change: Dec,
    /// How many reps gain, lose, are unchanged or not compared.
    pub counts: Counts,
    /// The like-for-like cost before and after.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cost: Option<CostChange>,
    /// Each plan's own team cost.
    pub plan_cost: PlanCost,
    /// The like-for-like cost per group, by group name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub groups: Vec<GroupChange>,
    /// The like-for-like cost per component.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub components: Vec<ComponentChange>,
    /// Reps per grade under each plan.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grades: Vec<GradeShift>,
    /// The changes of the compared reps, binned.
    pub histogram: Histogram,
    /// The biggest gains (the spec's `top`), largest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub winners: Vec<RepChange>,
    /// The biggest losses, largest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub losers: Vec<RepChange>,
}

impl SensitivitySpec {
    /// Checks the changes: `INVALID_OPTION` with a path into the options.
    pub fn check(&self) -> Result<()> {
        if self.changes.is_empty() || self.changes.len() > MAX_SCENARIOS {
            let found = self.changes.len().to_string();
            return Err(option(
                "changes",
                crate::base::error::Phrase::OneToChanges.with([MAX_SCENARIOS]),
                found,
                "/changes",
            ));
        }
        if let Some((i, c)) = self.changes.iter().enumerate().find(|(_, c)| c.0 <= Decimal::from(-100)) {
            return Err(option(
                "changes",
                crate::base::error::Phrase::AChangeAboveMinus100,
                c.0.to_string(),
                &format!("/changes/{i}"),
            ));
        }
        Ok(())
    }
}

/// Each scenario of `spec` for the session's records and sides (`current`: the sides as they
/// are, used for a change of 0).
pub(super) fn sensitivity(
    records: &[serde_json::Value],
    current: &Pairing<'_>,
    spec: &SensitivitySpec,
    locale: Locale,
) -> Result<Sensitivity> {
    spec.check()?;
    let plans = [&current.baseline.plan, &current.draft.plan];
    let actuals = Actuals::resolve(&plans, spec.actuals.as_deref(), spec.transactions, "/actuals")?;
    let view = View { top: spec.top, bins: spec.bins, reps: false, ..View::default() };
    view.check()?;
    let mut scenarios = Vec::with_capacity(spec.changes.len());
    for change in &spec.changes {
        let c = if change.0.is_zero() {
            compare(current, &view, locale)?
        } else {
            let factor = add(Decimal::ONE, div(change.0, Decimal::ONE_HUNDRED)?)?;
            let scaled = records.iter().map(|r| actuals.scale(r, factor)).collect::<Result<Vec<_>>>()?;
            let baseline = Side::new(current.baseline.plan.clone(), &scaled, None)?;
            let alike = current.draft.plan.reads_like(&current.baseline.plan);
            let draft = Side::new(current.draft.plan.clone(), &scaled, alike.then_some(&baseline))?;
            let pairing = Pairing { baseline: &baseline, draft: &draft, ..*current };
            compare(&pairing, &view, locale)?
        };
        scenarios.push(Scenario {
            change: *change,
            counts: c.counts,
            cost: c.cost,
            plan_cost: c.plan_cost,
            groups: c.groups,
            components: c.components,
            grades: c.grades,
            histogram: c.histogram,
            winners: c.winners,
            losers: c.losers,
        });
    }
    Ok(Sensitivity { actuals: actuals.describe(), scenarios })
}

use crate::base::json::read::{At, Read};

impl Read for SensitivitySpec {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["changes", "actuals", "transactions", "top", "bins"])?;
        let d = Self::default();
        Ok(SensitivitySpec {
            changes: o.or_else("changes", || d.changes)?,
            actuals: o.or_else("actuals", || d.actuals)?,
            transactions: o.or_else("transactions", || d.transactions)?,
            top: o.or_else("top", || d.top)?,
            bins: o.or_else("bins", || d.bins)?,
        })
    }
}
