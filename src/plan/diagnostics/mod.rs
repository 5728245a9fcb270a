//! Plan diagnostics: warnings for a plan that compiles but is probably wrong — a rule no
//! transaction reaches, a cliff or a fall in a payout curve or table, a grade no rep can reach,
//! a cap below a gate, a field nothing reads, a SPIFF that never fires, a draw above the target
//! pay, a rate far from its neighbours, a percent written as a fraction, rounding finer than the
//! currency…
//!
//! They never block: [`Plan::compile`] stays as fast as before, and [`Plan::diagnostics`] (or
//! [`diagnose`]) computes them on demand. Each [`Diagnostic`] has a stable code, a severity, a
//! JSON pointer into the plan document (as compile errors have), typed facts, and its message and
//! hint in zh-CN and en from one catalogue.
//!
//! The thresholds (documented on each check and in the README):
//! - a curve cliff: the payout rises by more than [`CLIFF_PERCENT`]% of the target bonus at one
//!   attainment point (a jump) or within one percentage point of attainment (a steep segment);
//! - a table cliff: a retroactive table's payout jumps at a tier bound by more than
//!   [`CLIFF_PERCENT`]% of what was paid just below the bound;
//! - a rate outlier: a tier's rate at least [`OUTLIER_FACTOR`]× (or at most 1/5 of) both
//!   neighbours' rates, or [`END_OUTLIER_FACTOR`]× its only neighbour for the last tier;
//! - a fraction written as a percent: a rate ≥ 1, a ratio cap or floor ≥ 10, an attainment band
//!   from ≥ 10; a percent written as a fraction: a holdback below 1, curve attainments or payouts
//!   all at most 3, attainment tier bounds all at most 3, an MBO achievement cap at most 3.
//!
//! ```
//! use salescore::plan::Plan;
//! use salescore::plan::diagnostics::DiagnosticCode;
//! use salescore::Locale;
//!
//! let plan = Plan::compile(r#"{
//!   "fields": [{"id": "回款额", "type": "money"}, {"id": "备注", "type": "text"}],
//!   "metrics": [{"id": "提成", "formula": "回款额 * 0.05", "kind": "money"}]
//! }"#).unwrap();
//! let found = plan.diagnostics();
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].code, found[0].path.as_str()), (DiagnosticCode::FieldUnused, "/fields/1"));
//! assert_eq!(found[0].message(Locale::En), "field “备注” is declared but no formula reads it");
//! ```

mod catalogue;
mod curves;
mod detail;
mod fields;
mod grades;
mod pay;
mod rules;
mod scorecard;
mod tables;
mod values;

pub use detail::{DiagnosticDetail, PoolReason, SpiffReason};

use super::Plan;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::Serialize;

/// A payout rise, in percent (of the target bonus, or of the payout just below a tier bound),
/// above which one attainment point is a cliff.
pub const CLIFF_PERCENT: Decimal = Decimal::from_parts(40, 0, 0, false, 0);
/// How many times its neighbours' rates (or how small a fraction of them) makes a rate an outlier.
pub const OUTLIER_FACTOR: Decimal = Decimal::from_parts(5, 0, 0, false, 0);
/// The same for the last tier, which has one neighbour.
pub const END_OUTLIER_FACTOR: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// How serious a diagnostic is. Neither blocks the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Severity {
    /// Probably a mistake: the plan will pay or score differently from what it seems to say.
    Warning,
    /// Worth a look: something declared that does nothing.
    Info,
}

/// Stable diagnostic codes. The string form (`RULE_SHADOWED`) is part of the public API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum DiagnosticCode {
    /// A commission rule no transaction reaches: rules tried before it take every transaction it
    /// would match (or the plan has no transactions and another rule takes the amount).
    RuleShadowed,
    /// A commission rule filters on a column the transactions do not have, so it matches nothing.
    RuleNeverMatches,
    /// The payout jumps at one attainment point, or rises steeply within one point.
    PayoutCliff,
    /// The payout falls as attainment or the amount rises.
    PayoutDecreases,
    /// A tier's rate far from its neighbours' (0.5 beside 0.05).
    RateOutlier,
    /// A value the plan reads as a fraction written like a percent (a rate of 5 for 5%).
    FractionAsPercent,
    /// A value the plan reads as a percent written like a fraction (a holdback of 0.1 for 10%).
    PercentAsFraction,
    /// A payout cap that binds at or below the gate, so the curve above it never counts.
    CapBelowGate,
    /// A SPIFF that can never pay.
    SpiffNeverFires,
    /// A team pool with nothing to share.
    PoolEmpty,
    /// A draw larger than what the components before it pay at target.
    DrawExceedsTargetPay,
    /// A grade band no total can reach, given the weights, the methods' caps and the
    /// adjustments.
    GradeUnreachable,
    /// A profile or phase never chosen: an earlier one always applies first.
    ProfileUnreachable,
    /// An indicator's points fall as its basis rises (step bands, a linear method).
    ScoreDecreases,
    /// A better grade with a lower 绩效系数 than the grade below it.
    CoefficientDecreases,
    /// An indicator or MBO objective weighed 0.
    WeightZero,
    /// An indicator no profile or phase weighs.
    IndicatorUnused,
    /// A field no formula reads.
    FieldUnused,
    /// Money rounded to more decimals than the currency has.
    RoundingFinerThanCurrency,
}

impl DiagnosticCode {
    /// Every code, in the order above.
    pub const ALL: [DiagnosticCode; 19] = [
        DiagnosticCode::RuleShadowed,
        DiagnosticCode::RuleNeverMatches,
        DiagnosticCode::PayoutCliff,
        DiagnosticCode::PayoutDecreases,
        DiagnosticCode::RateOutlier,
        DiagnosticCode::FractionAsPercent,
        DiagnosticCode::PercentAsFraction,
        DiagnosticCode::CapBelowGate,
        DiagnosticCode::SpiffNeverFires,
        DiagnosticCode::PoolEmpty,
        DiagnosticCode::DrawExceedsTargetPay,
        DiagnosticCode::GradeUnreachable,
        DiagnosticCode::ProfileUnreachable,
        DiagnosticCode::ScoreDecreases,
        DiagnosticCode::CoefficientDecreases,
        DiagnosticCode::WeightZero,
        DiagnosticCode::IndicatorUnused,
        DiagnosticCode::FieldUnused,
        DiagnosticCode::RoundingFinerThanCurrency,
    ];

    /// The stable string form, e.g. `"RULE_SHADOWED"`.
    pub fn as_str(self) -> &'static str {
        use DiagnosticCode::*;
        match self {
            RuleShadowed => "RULE_SHADOWED",
            RuleNeverMatches => "RULE_NEVER_MATCHES",
            PayoutCliff => "PAYOUT_CLIFF",
            PayoutDecreases => "PAYOUT_DECREASES",
            RateOutlier => "RATE_OUTLIER",
            FractionAsPercent => "FRACTION_AS_PERCENT",
            PercentAsFraction => "PERCENT_AS_FRACTION",
            CapBelowGate => "CAP_BELOW_GATE",
            SpiffNeverFires => "SPIFF_NEVER_FIRES",
            PoolEmpty => "POOL_EMPTY",
            DrawExceedsTargetPay => "DRAW_EXCEEDS_TARGET_PAY",
            GradeUnreachable => "GRADE_UNREACHABLE",
            ProfileUnreachable => "PROFILE_UNREACHABLE",
            ScoreDecreases => "SCORE_DECREASES",
            CoefficientDecreases => "COEFFICIENT_DECREASES",
            WeightZero => "WEIGHT_ZERO",
            IndicatorUnused => "INDICATOR_UNUSED",
            FieldUnused => "FIELD_UNUSED",
            RoundingFinerThanCurrency => "ROUNDING_FINER_THAN_CURRENCY",
        }
    }

    /// How serious diagnostics of this code are.
    pub fn severity(self) -> Severity {
        use DiagnosticCode::*;
        match self {
            WeightZero | IndicatorUnused | FieldUnused => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message and what to do about it, in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DiagnosticText {
    /// What is probably wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// The message and hint in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DiagnosticMessages {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh_cn: DiagnosticText,
    /// English.
    pub en: DiagnosticText,
}

/// One warning about a plan that compiles but is probably wrong.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Diagnostic {
    /// Stable code.
    pub code: DiagnosticCode,
    /// Warning or info.
    pub severity: Severity,
    /// JSON pointer (RFC 6901) into the plan document.
    pub path: String,
    /// The facts the messages are made from.
    pub detail: DiagnosticDetail,
    /// Message and hint in zh-CN and en, rendered from the detail.
    pub messages: DiagnosticMessages,
}

impl Diagnostic {
    /// A diagnostic at `path` (a JSON pointer into the plan) with its facts; code, severity and
    /// messages follow from the detail.
    pub fn new(path: impl Into<String>, detail: DiagnosticDetail) -> Self {
        let code = detail.code();
        let text = |locale| DiagnosticText {
            message: catalogue::message(&detail, locale),
            hint: catalogue::hint(&detail, locale),
        };
        let messages = DiagnosticMessages { zh_cn: text(Locale::ZhCn), en: text(Locale::En) };
        Diagnostic { code, severity: code.severity(), path: path.into(), detail, messages }
    }

    /// The message in a locale.
    pub fn message(&self, locale: Locale) -> &str {
        &self.text(locale).message
    }

    /// The hint in a locale.
    pub fn hint(&self, locale: Locale) -> &str {
        &self.text(locale).hint
    }

    fn text(&self, locale: Locale) -> &DiagnosticText {
        match locale {
            Locale::ZhCn => &self.messages.zh_cn,
            Locale::En => &self.messages.en,
        }
    }
}

/// Every diagnostic of a compiled plan, in document order within each family (rounding, fields,
/// scorecard, incentive). Never fails and never panics: a check that cannot decide (a formula
/// whose value depends on the record, an overflow) says nothing.
pub fn diagnose(plan: &Plan) -> Vec<Diagnostic> {
    let facts = values::Facts::of(plan);
    let mut out = Vec::new();
    fields::check_rounding(plan, &mut out);
    fields::check_fields(plan, &mut out);
    if let Some(def) = &plan.doc.scorecard {
        scorecard::check(def, &mut out);
        grades::check(def, plan.doc.rounding.score, &mut out);
    }
    if let Some(def) = &plan.doc.incentive {
        rules::check(def, &mut out);
        tables::check(def, &mut out);
        curves::check(def, &mut out);
        pay::check(def, &facts, &mut out);
    }
    out
}

/// Compiles a plan document (JSON text) and returns its diagnostics: the one-shot check. A plan
/// that does not compile is its compile error.
pub fn check(json: &str) -> crate::base::error::Result<Vec<Diagnostic>> {
    Plan::compile(json).map(|plan| diagnose(&plan))
}

impl Plan {
    /// The plan's diagnostics (see [`diagnose`]), computed on demand.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnose(self)
    }
}

/// `x` as a decimal fact.
fn dec(x: Decimal) -> Dec {
    Dec(x.normalize())
}

/// The path of component `index` of the incentive section.
fn component_path(index: usize) -> String {
    format!("/incentive/components/{index}")
}
