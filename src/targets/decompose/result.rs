//! What a decomposition returns: the whole allocation tree, every node with its amount for the
//! period, by quarter, month (and week), why it got it, and its commitment gap.

use super::constraints::Rule;
use crate::number::Dec;
use serde::Serialize;

/// The result of `decompose(spec)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Decomposition {
    /// ISO 4217 code of the amounts.
    pub currency: String,
    /// The rounding unit: every amount is a whole multiple of it.
    pub unit: Dec,
    /// The total split.
    pub total: Dec,
    /// The months of the period (`YYYY-MM`); every node's `months` follows this order.
    pub months: Vec<String>,
    /// The quarters (three months each from the start of the period); every node's `quarters`
    /// follows this order.
    pub quarters: Vec<QuarterInfo>,
    /// The week segments (with `weeks: true`); every node's `weeks` follows this order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub weeks: Vec<WeekInfo>,
    /// The root of the allocation tree.
    pub root: NodeResult,
}

/// One quarter of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct QuarterInfo {
    /// `Q1`, `Q2`, … counted from the start of the period.
    pub id: String,
    /// Its months (`YYYY-MM`).
    pub months: Vec<String>,
}

/// One week segment: the part of a Monday-to-Sunday week inside one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WeekInfo {
    /// `YYYY-MM-W1`, `YYYY-MM-W2`, … within the month.
    pub id: String,
    /// Its month (`YYYY-MM`).
    pub month: String,
    /// First day (`YYYY-MM-DD`).
    pub start: String,
    /// Last day, inclusive.
    pub end: String,
}

/// One node of the allocation tree.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NodeResult {
    /// The node's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its target for the period (a multiple of the unit; its children add up to it exactly).
    pub amount: Dec,
    /// Its percentage of the parent's amount (4 places); none for the root and under a parent
    /// of 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub share: Option<Dec>,
    /// By month, in the order of the result's `months` (adds up to `amount`). A person's months
    /// are split by seasonality × ramp × active days; a team's are its children's sums.
    pub months: Vec<Dec>,
    /// By quarter (sums of months).
    pub quarters: Vec<Dec>,
    /// By week segment (with `weeks: true`; each month's weeks add up to the month).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub weeks: Vec<Dec>,
    /// Why it got its amount.
    pub why: Why,
    /// The bottom-up commitment compared with the amount, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub commitment: Option<Commitment>,
    /// The explanation as a sentence (with `explain: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
    /// Its children, in the spec's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub children: Vec<NodeResult>,
}

/// The facts behind a node's amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Why {
    /// How the amount was decided: `total` (the root), `share`, `locked`, `min` or `max`.
    pub rule: Rule,
    /// The basis the parent split by (`equal`, `history`, `potential`, `capacity`, `weights`,
    /// `blend`); none for the root.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub basis: Option<&'static str>,
    /// The node's measure under that basis: 1 (equal), sales in the window (history), potential,
    /// capacity, custom weight, or the blended share (6 places).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub base: Option<Dec>,
    /// A person's availability in percent (ramp and proration; 4 places).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub availability: Option<Dec>,
    /// A new hire's ramp percentage per month (in the order of `months`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ramp: Vec<Dec>,
    /// The weight used: base × availability (6 places).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub weight: Option<Dec>,
    /// The weight's percentage of the free siblings' weights (4 places).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub weight_share: Option<Dec>,
    /// The pool shared in proportion: the parent's amount less locked and clamped siblings.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pool: Option<Dec>,
    /// The exact proportional share before rounding (2 places); for `min`/`max` the share the
    /// bound replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ideal: Option<Dec>,
    /// `amount − ideal` for a shared amount: what largest-remainder rounding to the unit added
    /// or took away (2 places).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rounding: Option<Dec>,
    /// The bound or lock that decided the amount (`min`, `max`, `locked`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bound: Option<Dec>,
}

/// A bottom-up commitment against the top-down amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Commitment {
    /// The committed amount: the node's own, or its children's sum.
    pub submitted: Dec,
    /// Whether it is its children's sum (`partial` when some of them committed nothing).
    pub source: CommitmentSource,
    /// `submitted − amount`: above zero, more committed than assigned.
    pub gap: Dec,
    /// `submitted ÷ amount` in percent (2 places); none when the amount is 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub coverage: Option<Dec>,
    /// Its percentage of the parent's commitment (2 places); none at the root or when the
    /// parent's is 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub share: Option<Dec>,
}

/// Where a commitment comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum CommitmentSource {
    /// Submitted for the node itself.
    Own,
    /// The sum of every child's.
    Children,
    /// The sum of the children that committed (some did not).
    Partial,
}
