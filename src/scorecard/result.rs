//! What scoring one rep returns: every number with the parts it came from.

use super::document::{Category, VetoEffect};
use crate::base::name::Name;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::Serialize;

/// One indicator's line of the scorecard.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IndicatorLine {
    /// Indicator id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// Category.
    pub category: Category,
    /// Method name (`ratio`, `linear`, `steps`, `lowerIsBetter`, `rating`, `passFail`).
    pub method: &'static str,
    /// The actual value (1/0 for pass/fail).
    pub actual: Dec,
    /// The target, when the indicator has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub target: Option<Dec>,
    /// What the points were read from: the clamped ratio, attainment, the actual, the rating.
    pub basis: Dec,
    /// Points out of 100 (rounded as scores).
    pub points: Dec,
    /// Weight (of 100).
    pub weight: Dec,
    /// points × weight ÷ 100 (rounded as scores).
    pub weighted: Dec,
    /// The fields and metrics its formulas read, with their values (with `explain`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub inputs: Vec<crate::formula::TraceInput<'static>>,
    /// The calculation as a sentence (with `explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
    /// Linear threshold and stretch, or lower-is-better base (for the sentence).
    #[serde(skip)]
    pub bounds: Vec<Decimal>,
}

/// A bonus or deduction item as applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AdjustmentLine {
    /// Item id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// Points before the bounds.
    pub raw: Dec,
    /// Points applied.
    pub applied: Dec,
    /// Whether a bound cut it.
    pub capped: bool,
}

/// A gate as checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GateLine {
    /// Gate id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// Whether its condition held.
    pub closed: bool,
    /// The cap it imposes when closed.
    pub cap: Dec,
    /// Whether it lowered the total.
    pub capped: bool,
}

/// A veto as checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VetoLine {
    /// Veto id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// Whether it was triggered.
    pub triggered: bool,
    /// Its effect.
    pub effect: VetoEffect,
    /// The grade cap, for `capGrade`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub grade: Option<Name>,
}

/// One way to reach the next grade: this indicator's actual moved to `to`, everything else equal.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NextGradeOption {
    /// Indicator id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub indicator: Name,
    /// Its actual now.
    pub from: Dec,
    /// The actual that reaches the next grade.
    pub to: Dec,
    /// to − from (negative for lower-is-better indicators).
    pub change: Dec,
}

/// The distance to the next better grade.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NextGrade {
    /// The next better grade.
    pub grade: String,
    /// Points the total still needs.
    pub points_needed: Dec,
    /// Single-indicator ways to get there (an indicator already at its cap is left out).
    pub options: Vec<NextGradeOption>,
    /// A gate or veto that keeps the grade out of reach, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub blocked_by: Option<String>,
}

/// The scorecard result of one rep.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ScoreResult {
    /// The profile used.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub profile: Name,
    /// The phase whose weights were used, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub phase: Option<Name>,
    /// One line per weighted indicator.
    pub indicators: Vec<IndicatorLine>,
    /// Σ weighted points (of the exact values, then rounded).
    pub base: Dec,
    /// base − Σ of the lines' rounded `weighted`, when the rounded lines do not add up to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rounding_difference: Option<Dec>,
    /// Bonus and deduction items.
    pub adjustments: Vec<AdjustmentLine>,
    /// base + adjustments.
    pub individual: Dec,
    /// The team score blended in, if the plan blends.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub team: Option<Dec>,
    /// Gates.
    pub gates: Vec<GateLine>,
    /// Vetoes.
    pub vetoes: Vec<VetoLine>,
    /// The total (rounded as scores); the grade is read from it.
    pub total: Dec,
    /// The total before rounding.
    pub exact_total: Dec,
    /// 绩效等级.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub grade: Name,
    /// 绩效系数.
    pub coefficient: Dec,
    /// What it takes to reach the next grade (none at the top grade).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub next_grade: Option<NextGrade>,
    /// Points, experience, level and badges, when the scorecard has a points section.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub points: Option<super::points::PointsResult>,
    /// What the team evaluation reads, when asked for.
    #[serde(skip)]
    pub member: Option<Member>,
    /// The whole score as sentences (with `explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
}

/// What the team evaluation reads of one rep.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Rep id.
    pub id: Name,
    /// Display name, when the team section has a `name` formula.
    pub name: Option<Name>,
    /// Tie-break key.
    pub tie_break: Option<Decimal>,
    /// Group.
    pub group: Option<Name>,
    /// One value per team aggregate (1/0 for `count`).
    pub values: Vec<Decimal>,
    /// The place among the scorecard's profiles of the profile that scored the rep.
    pub profile: usize,
    /// Whether a veto was triggered (the rep is then outside the forced distribution).
    pub vetoed: bool,
}
