//! What the incentive section pays one rep: the statement, totals per component, and how each
//! transaction was credited and routed.

use crate::base::name::Name;
use crate::base::number::Dec;
use crate::incentive::{NextStep, Statement};
use serde::Serialize;

/// The incentive result of one rep (`result.incentive`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IncentiveResult {
    /// The statement: one line per slice, curve, multiplier, SPIFF, objective, draw, holdback,
    /// true-up and pool share, rounded, with the total and the rounding reported. The lines'
    /// and the total's sentences are written only for an explained result (`explain: true`).
    pub statement: Statement,
    /// Each component's total, in statement order.
    pub components: Vec<ComponentTotal>,
    /// Each transaction as credited to this rep and routed to a rule (explained results only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transactions: Vec<TransactionLine>,
    /// The draw's balance carried out, when the plan has a draw.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub draw_balance: Option<Dec>,
    /// Pools not yet paid: they are split by `evaluateTeam`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pending: Vec<String>,
}

/// One component's total.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ComponentTotal {
    /// The component's id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// `commission`, `targetBonus`, `spiff`, `mbo`, `draw` or `pool`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Σ its lines, exact.
    pub exact: Dec,
    /// Σ its lines as paid (rounded).
    pub amount: Dec,
    /// Attainment in percent (target bonuses).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// The amount credited to the rep (commissions): the sum over the transactions of this
    /// rep's share, on the component's basis.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub credited: Option<Dec>,
}

/// One transaction row.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TransactionLine {
    /// Its index in the record's array.
    pub index: usize,
    /// Its id, when the plan names an id column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Product line.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product: Option<String>,
    /// Customer type.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub customer_type: Option<String>,
    /// The booked amount of the whole deal.
    pub amount: Dec,
    /// The collected amount of the whole deal.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub collected: Option<Dec>,
    /// This rep's split percent (100 without a split; 0 when the split does not name the rep).
    pub percent: Dec,
    /// This rep's share of the booked amount, exact to the smallest unit.
    pub credited: Dec,
    /// This rep's share of the collected amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub credited_collected: Option<Dec>,
    /// The rule that paid it, per commission component (`[component, rule]`); a transaction no
    /// rule matches earns no commission.
    pub rules: Vec<[String; 2]>,
}

/// What closing one more deal would pay (`plan.whatIf`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WhatIf {
    /// The extra amount closed.
    pub extra: Dec,
    /// Product line of the extra deal.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product: Option<String>,
    /// The statement total now.
    pub payout_now: Dec,
    /// The statement total with the extra deal.
    pub payout_after: Dec,
    /// after − now.
    pub delta: Dec,
    /// The change per component (those that change).
    pub components: Vec<ComponentDelta>,
    /// The next tier, gate, curve point or cap above, per component, with the distance to it.
    pub next: Vec<NextStep>,
    /// The answer as a sentence.
    pub text: String,
}

/// A component's change in a what-if.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ComponentDelta {
    /// The component.
    pub id: String,
    /// Paid now.
    pub now: Dec,
    /// Paid after.
    pub after: Dec,
}
