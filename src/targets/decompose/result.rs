//! What a decomposition returns: every node of the allocation tree as one flat list (parents
//! before children, each naming its parent by index), with its amount for the period, by quarter,
//! month (and week), the rule that decided it, its commitment gap and, on request, why.

use super::constraints::Rule;
use crate::base::number::Dec;
use serde::Serialize;

/// The result of `decompose(spec)`.
///
/// `nodes` is the whole tree as a flat list in depth-first order: `nodes[0]` is the root, every
/// node comes after its parent and before its next sibling, children in the spec's order, so a
/// node's subtree is the run of nodes after it that are deeper than it. At every level the
/// children's amounts add up exactly to their parent's, and so do their months, quarters and
/// weeks.
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
    /// Every node, depth first from the root (`nodes[0]`); a node's `parent` is an index into
    /// this list.
    pub nodes: Vec<NodeResult>,
}

impl Decomposition {
    /// The node with this id.
    pub fn find(&self, id: &str) -> Option<&NodeResult> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The indices of the children of the node at `index`, in order.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let depth = self.nodes.get(index).map_or(u32::MAX, |n| n.depth);
        let after = index.saturating_add(1);
        self.nodes
            .iter()
            .enumerate()
            .skip(after)
            .take_while(move |(_, n)| n.depth > depth)
            .filter(move |(_, n)| n.parent == Some(index))
            .map(|(i, _)| i)
    }
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
    /// The index of its parent in `nodes`; `null` for the root.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub parent: Option<usize>,
    /// How deep it is: 0 for the root, 1 for its children, …
    pub depth: u32,
    /// Its target for the period (a multiple of the unit; its children add up to it exactly).
    pub amount: Dec,
    /// Its percentage of the parent's amount (4 places); `null` for the root and under a parent
    /// of 0.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Dec | null"))]
    pub share: Option<Dec>,
    /// How its amount was decided: `total` (the root), `share` (its proportional share),
    /// `locked`, `min` or `max`.
    pub rule: Rule,
    /// By month, in the order of the result's `months` (adds up to `amount`). A person's months
    /// are split by seasonality × ramp × active days; a team's are its children's sums.
    pub months: Vec<Dec>,
    /// By quarter (sums of months).
    pub quarters: Vec<Dec>,
    /// By week segment (with `weeks: true`; each month's weeks add up to the month).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub weeks: Vec<Dec>,
    /// The bottom-up commitment compared with the amount, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub commitment: Option<Commitment>,
    /// Why it got its amount (with `explain: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub why: Option<Why>,
    /// The explanation as a sentence (with `explain: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
}

/// The facts behind a node's amount (with `explain: true`; the rule itself is the node's
/// `rule`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Why {
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
    /// The seasonality this node derived from history (`seasonality: "history"` on it, or on
    /// the spec for the root): each calendar month's share of the year in percent, January
    /// first, rounded to 2 places for reading (the split uses the amounts themselves).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub seasonality: Vec<Dec>,
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
