//! A result of totals (`detail: "totals"`): what a form shows beside a record — the metrics, the
//! score's profile, phase, total, grade and coefficient, the statement's total and what each
//! component pays — without the lines behind them.
//!
//! Each value is the one the full result ([`PlanResult`](super::output::PlanResult)) has at the
//! same place (`score.total`, `incentive.statement.total`, `incentive.components[k].amount`): the
//! totals are the full result with keys left out, never a key of their own. They are computed
//! without the lines: no indicator, adjustment or behaviour line, no distance to the next grade,
//! and a statement summed per component without being finished ([`Run::amounts_into`]; the form
//! entry, built for size, finishes it without words and reads the same figures).
//! `tests/totals.rs` holds them to the full result on the sample team and on generated plans.
//!
//! [`Run::amounts_into`]: crate::incentive::section::Run

use super::evaluate::Pass;
use super::output::{Metrics, NumberOutput};
use super::{Plan, Record};
use crate::base::error::Result;
use crate::base::name::Name;
use crate::base::number::Dec;
use crate::incentive::currency::Currency;
use crate::scorecard::{ScoreNeeds, ScoreResult};
use rust_decimal::Decimal;
use serde::Serialize;

/// The result of `plan.evaluate(record, { detail: "totals" })`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PlanTotals<'p> {
    /// Metric values by id, rounded for output (as in the full result).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number | string | boolean>"))]
    pub metrics: Metrics,
    /// The score's totals (plans with a `scorecard` section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub score: Option<ScoreTotals>,
    /// The statement's totals (plans with an `incentive` section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub incentive: Option<IncentiveTotals<'p>>,
}

/// A score's totals: `ScoreResult` without its lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ScoreTotals {
    /// The profile used.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub profile: Name,
    /// The phase whose weights were used, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub phase: Option<Name>,
    /// The total (rounded as scores).
    pub total: Dec,
    /// 绩效等级.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub grade: Name,
    /// 绩效系数.
    pub coefficient: Dec,
}

impl ScoreTotals {
    fn of(score: ScoreResult) -> ScoreTotals {
        let ScoreResult { profile, phase, total, grade, coefficient, .. } = score;
        ScoreTotals { profile, phase, total, grade, coefficient }
    }
}

/// A statement's totals: `IncentiveResult` without its lines and transactions.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IncentiveTotals<'p> {
    /// The statement's currency and total.
    pub statement: StatementTotal<'p>,
    /// What each component pays, in plan order.
    pub components: Vec<ComponentAmount>,
    /// The draw balance carried out, when the plan has a draw.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub draw_balance: Option<Dec>,
    /// Pool components not split (a single record: pools are split by `evaluateTeam`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pending: Vec<String>,
}

/// A statement's currency and total (`Statement` without its lines).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StatementTotal<'p> {
    /// The section's currency.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Currency"))]
    pub currency: &'p Currency,
    /// The total paid.
    pub total: Dec,
}

/// What one component pays (`ComponentTotal` without its exact sum and facts).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ComponentAmount {
    /// The component's id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// Its type (`commission`, `targetBonus`, `spiff`, `mbo`, `draw`, `pool`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The amount paid.
    pub amount: Dec,
}

impl Plan {
    /// Evaluates a record for its totals alone ([`PlanTotals`]): the same values as
    /// [`Plan::evaluate`]'s result has at the same places, without computing the lines.
    pub fn evaluate_totals(&self, record: &impl Record, numbers: NumberOutput) -> Result<PlanTotals<'_>> {
        let eval =
            self.evaluate_as(record, Pass { needs: ScoreNeeds { member: false, detail: false }, ..Pass::default() })?;
        let incentive = match (eval.run, &self.incentive) {
            (Some(run), Some(section)) => {
                let mut components: Vec<ComponentAmount> = run
                    .kinds()
                    .map(|(id, kind)| ComponentAmount { id: id.clone(), kind, amount: Dec(Decimal::ZERO) })
                    .collect();
                let pending = run.parts.iter().filter(|p| p.pending).map(|p| p.id.to_string()).collect();
                let draw_balance = run.draw_balance.map(Dec);
                let (total, amounts) = if super::NUMBERS_ONLY {
                    let mut amounts = vec![Decimal::ZERO; components.len()];
                    (run.amounts_into(&mut amounts, &mut [])?.0, amounts)
                } else {
                    let finished = run.finish(None)?;
                    (finished.statement.total.0, finished.components.iter().map(|c| c.amount.0).collect())
                };
                for (c, amount) in components.iter_mut().zip(amounts) {
                    c.amount = Dec(amount);
                }
                let statement = StatementTotal { currency: section.currency(), total: Dec(total) };
                Some(IncentiveTotals { statement, components, draw_balance, pending })
            }
            _ => None,
        };
        Ok(PlanTotals {
            metrics: Metrics::of(&eval.metrics, numbers),
            score: eval.score.map(ScoreTotals::of),
            incentive,
        })
    }
}
