//! The facts of each diagnostic: one variant per kind, with the names and numbers its messages
//! need. The code follows from the variant, so a message can never miss a fact.

use super::DiagnosticCode;
use crate::base::number::Dec;
use serde::Serialize;

/// Why a SPIFF never pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum SpiffReason {
    /// Its reward is 0.
    ZeroAmount,
    /// It pays per event, at most 0 events.
    ZeroMaxEvents,
    /// It filters on a column (`column`) the transactions do not have.
    NoColumn,
    /// Its `events` formula is never above 0.
    NoEvents,
    /// Its `alreadyPaid` formula is always at or above the events it may pay.
    AlreadyPaid,
}

/// Why a pool has nothing to share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum PoolReason {
    /// Its amount is 0.
    ZeroAmount,
    /// Its `share` formula is never above 0, so no rep has a share.
    NoShares,
}

/// The facts of a diagnostic. Numbers are exact decimals; attainments and payouts of curves are
/// percents, rates are fractions, as in the plan document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum DiagnosticDetail {
    /// `RULE_SHADOWED`: rule `rule` of commission `component` is reached by no transaction; the
    /// rules `by` (tried first) take them all.
    #[serde(rename_all = "camelCase")]
    RuleShadowed {
        /// The commission component.
        component: String,
        /// The rule never reached.
        rule: String,
        /// The rules that take its transactions, in the order they are tried.
        by: Vec<String>,
    },
    /// `RULE_NEVER_MATCHES`: the rule filters on `column` (`product` or `customerType`), which
    /// the transactions do not declare.
    #[serde(rename_all = "camelCase")]
    RuleNeverMatches {
        /// The commission component.
        component: String,
        /// The rule.
        rule: String,
        /// The missing key of `incentive.transactions`.
        column: String,
    },
    /// `PAYOUT_CLIFF` on a target bonus curve: between attainment `from` and `to` (equal for a
    /// jump) the payout rises by `rise` percent of the target bonus, more than `threshold`
    /// within one attainment point.
    #[serde(rename_all = "camelCase")]
    CurveCliff {
        /// The target bonus component.
        component: String,
        /// Attainment percent where the rise starts.
        from: Dec,
        /// Attainment percent where it ends.
        to: Dec,
        /// Payout rise, percent of the target bonus.
        rise: Dec,
        /// The threshold, percent of the target bonus.
        threshold: Dec,
    },
    /// `PAYOUT_CLIFF` on a retroactive rate table: at the bound of tier `tier` the rate on the
    /// whole amount goes from `rateBelow` to `rateAbove`, so the payout jumps by `jump` percent
    /// of what was paid just below (none when nothing was paid below).
    #[serde(rename_all = "camelCase")]
    TableCliff {
        /// The commission component.
        component: String,
        /// The rule.
        rule: String,
        /// Index of the tier that starts at the bound.
        tier: usize,
        /// The bound (an amount, or an attainment percent).
        bound: Dec,
        /// Rate just below the bound.
        rate_below: Dec,
        /// Rate from the bound.
        rate_above: Dec,
        /// Jump in percent of the payout just below; none when that payout is 0.
        #[serde(skip_serializing_if = "Option::is_none")]
        jump: Option<Dec>,
        /// The threshold, percent.
        threshold: Dec,
    },
    /// `PAYOUT_DECREASES` on a curve: from attainment `from` to `to` the payout falls from
    /// `payoutFrom` to `payoutTo` percent.
    #[serde(rename_all = "camelCase")]
    CurveDecreases {
        /// The target bonus component.
        component: String,
        /// Attainment percent where the fall starts.
        from: Dec,
        /// Attainment percent where it ends.
        to: Dec,
        /// Payout percent at `from`.
        payout_from: Dec,
        /// Payout percent at `to`.
        payout_to: Dec,
    },
    /// `PAYOUT_DECREASES` on a rate table: around `bound` the rate on the whole amount falls
    /// from `rateBelow` to `rateAbove` (retroactive) or runs down to it (interpolated) so fast
    /// that more sales pay less.
    #[serde(rename_all = "camelCase")]
    TableDecreases {
        /// The commission component.
        component: String,
        /// The rule.
        rule: String,
        /// Index of the tier with the lower rate.
        tier: usize,
        /// Where the payout falls (an amount, or an attainment percent).
        bound: Dec,
        /// Rate below.
        rate_below: Dec,
        /// Rate above.
        rate_above: Dec,
    },
    /// `RATE_OUTLIER`: tier `tier`'s `rate` is far from its `neighbours`' rates.
    #[serde(rename_all = "camelCase")]
    RateOutlier {
        /// The commission component.
        component: String,
        /// The rule.
        rule: String,
        /// Index of the tier.
        tier: usize,
        /// Its rate.
        rate: Dec,
        /// The neighbouring tiers' rates.
        neighbours: Vec<Dec>,
    },
    /// `FRACTION_AS_PERCENT`: `key` (read as a fraction) is `value`, probably meant as
    /// `suggested`.
    #[serde(rename_all = "camelCase")]
    FractionAsPercent {
        /// The component, rule or indicator it belongs to.
        owner: String,
        /// The plan key (`rate`, `cap`, `floor`, `from`).
        key: String,
        /// The value written.
        value: Dec,
        /// The value it probably means.
        suggested: Dec,
    },
    /// `PERCENT_AS_FRACTION`: `key` (read as a percent) is `value`, probably meant as
    /// `suggested`.
    #[serde(rename_all = "camelCase")]
    PercentAsFraction {
        /// The component, rule or objective it belongs to.
        owner: String,
        /// The plan key (`holdback`, `attainment`, `payout`, `from`, `maxAchievement`).
        key: String,
        /// The value written.
        value: Dec,
        /// The value it probably means.
        suggested: Dec,
    },
    /// `CAP_BELOW_GATE`: the curve's `key` (`cap` or `capAttainment`) is `cap`, at or below
    /// what it pays (or the attainment where it starts paying) at the gate `gate`.
    #[serde(rename_all = "camelCase")]
    CapBelowGate {
        /// The target bonus component.
        component: String,
        /// `cap` (a payout percent) or `capAttainment` (an attainment percent).
        key: String,
        /// The cap.
        cap: Dec,
        /// The attainment percent where the curve starts paying (the gate or the first point).
        gate: Dec,
        /// The payout percent the curve reads at the gate, before the cap (for `cap`).
        #[serde(skip_serializing_if = "Option::is_none")]
        payout_at_gate: Option<Dec>,
    },
    /// `SPIFF_NEVER_FIRES`.
    #[serde(rename_all = "camelCase")]
    SpiffNeverFires {
        /// The SPIFF component.
        component: String,
        /// Why.
        reason: SpiffReason,
        /// For `noColumn`: the missing key of `incentive.transactions`.
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<String>,
    },
    /// `POOL_EMPTY`.
    #[serde(rename_all = "camelCase")]
    PoolEmpty {
        /// The pool component.
        component: String,
        /// Why.
        reason: PoolReason,
    },
    /// `DRAW_EXCEEDS_TARGET_PAY`: the draw pays `draw`, more than the `targetPay` the
    /// components before it pay at 100% attainment (the lowest over the values their formulas
    /// can take).
    #[serde(rename_all = "camelCase")]
    DrawExceedsTargetPay {
        /// The draw component.
        component: String,
        /// The draw.
        draw: Dec,
        /// Pay at target of the components before it.
        target_pay: Dec,
    },
    /// `GRADE_UNREACHABLE`: no total reaches band `grade` [`from`, `to`); totals run from
    /// `lowest` to `highest` (none: no upper bound).
    #[serde(rename_all = "camelCase")]
    GradeUnreachable {
        /// The grade.
        grade: String,
        /// Its lowest score, if bounded.
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<Dec>,
        /// Its highest score (exclusive), if bounded.
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<Dec>,
        /// The lowest total (rounded as scores).
        lowest: Dec,
        /// The highest total (rounded as scores); none when unbounded.
        #[serde(skip_serializing_if = "Option::is_none")]
        highest: Option<Dec>,
    },
    /// `PROFILE_UNREACHABLE`: profile `profile` (or its phase `phase`) is never chosen, because
    /// `by` (earlier, with no condition or the same one) always is first.
    #[serde(rename_all = "camelCase")]
    ProfileUnreachable {
        /// The profile.
        profile: String,
        /// The phase, when a phase is unreachable.
        #[serde(skip_serializing_if = "Option::is_none")]
        phase: Option<String>,
        /// The profile or phase chosen instead.
        by: String,
    },
    /// `SCORE_DECREASES`: indicator `indicator` scores `points`, fewer than the `previous`
    /// points of a lower basis (at `at` for a step band).
    #[serde(rename_all = "camelCase")]
    ScoreDecreases {
        /// The indicator.
        indicator: String,
        /// The band's `from` (step bands); none for a linear method.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<Dec>,
        /// Points of the higher basis.
        points: Dec,
        /// Points of the lower basis.
        previous: Dec,
    },
    /// `COEFFICIENT_DECREASES`: grade `grade` has coefficient `coefficient`, below the
    /// `worseCoefficient` of the worse grade `worse`.
    #[serde(rename_all = "camelCase")]
    CoefficientDecreases {
        /// The better grade.
        grade: String,
        /// Its coefficient.
        coefficient: Dec,
        /// The next worse grade.
        worse: String,
        /// Its coefficient.
        worse_coefficient: Dec,
    },
    /// `WEIGHT_ZERO` in a scorecard weight set.
    #[serde(rename_all = "camelCase")]
    WeightZero {
        /// The profile.
        profile: String,
        /// The phase, for a phase's weights.
        #[serde(skip_serializing_if = "Option::is_none")]
        phase: Option<String>,
        /// The indicator weighed 0.
        indicator: String,
    },
    /// `WEIGHT_ZERO` for an MBO objective.
    #[serde(rename_all = "camelCase")]
    ObjectiveWeightZero {
        /// The MBO component.
        component: String,
        /// The objective weighed 0.
        objective: String,
    },
    /// `INDICATOR_UNUSED`.
    #[serde(rename_all = "camelCase")]
    IndicatorUnused {
        /// The indicator no weight set lists.
        indicator: String,
    },
    /// `FIELD_UNUSED`.
    #[serde(rename_all = "camelCase")]
    FieldUnused {
        /// The field no formula reads.
        field: String,
    },
    /// `ROUNDING_FINER_THAN_CURRENCY`: money is rounded to `scale` decimals, the currency has
    /// `currencyScale`.
    #[serde(rename_all = "camelCase")]
    RoundingFinerThanCurrency {
        /// ISO code.
        currency: String,
        /// Decimals money is rounded to.
        scale: u32,
        /// Decimals of the currency's smallest unit.
        currency_scale: u32,
    },
}

impl DiagnosticDetail {
    /// The code of a diagnostic with these facts.
    pub fn code(&self) -> DiagnosticCode {
        use DiagnosticCode as C;
        match self {
            DiagnosticDetail::RuleShadowed { .. } => C::RuleShadowed,
            DiagnosticDetail::RuleNeverMatches { .. } => C::RuleNeverMatches,
            DiagnosticDetail::CurveCliff { .. } | DiagnosticDetail::TableCliff { .. } => C::PayoutCliff,
            DiagnosticDetail::CurveDecreases { .. } | DiagnosticDetail::TableDecreases { .. } => C::PayoutDecreases,
            DiagnosticDetail::RateOutlier { .. } => C::RateOutlier,
            DiagnosticDetail::FractionAsPercent { .. } => C::FractionAsPercent,
            DiagnosticDetail::PercentAsFraction { .. } => C::PercentAsFraction,
            DiagnosticDetail::CapBelowGate { .. } => C::CapBelowGate,
            DiagnosticDetail::SpiffNeverFires { .. } => C::SpiffNeverFires,
            DiagnosticDetail::PoolEmpty { .. } => C::PoolEmpty,
            DiagnosticDetail::DrawExceedsTargetPay { .. } => C::DrawExceedsTargetPay,
            DiagnosticDetail::GradeUnreachable { .. } => C::GradeUnreachable,
            DiagnosticDetail::ProfileUnreachable { .. } => C::ProfileUnreachable,
            DiagnosticDetail::ScoreDecreases { .. } => C::ScoreDecreases,
            DiagnosticDetail::CoefficientDecreases { .. } => C::CoefficientDecreases,
            DiagnosticDetail::WeightZero { .. } | DiagnosticDetail::ObjectiveWeightZero { .. } => C::WeightZero,
            DiagnosticDetail::IndicatorUnused { .. } => C::IndicatorUnused,
            DiagnosticDetail::FieldUnused { .. } => C::FieldUnused,
            DiagnosticDetail::RoundingFinerThanCurrency { .. } => C::RoundingFinerThanCurrency,
        }
    }
}
