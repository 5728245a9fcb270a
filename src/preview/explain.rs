//! One rep's explained results under both plans, side by side: the metrics' trace, the score and
//! the statement with every sentence, the pools as the team split them.

use super::side::Side;
use crate::base::error::{ErrorReport, Result};
use crate::base::locale::Locale;
use crate::plan::output::{Options, PlanResult};
use crate::plan::settle;
use serde::Serialize;

/// A rep explained under both plans.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RepExplanation<'p> {
    /// The record's index.
    pub index: usize,
    /// Under the baseline.
    pub baseline: ExplainedSide<'p>,
    /// Under the draft (the baseline again when no draft is set).
    pub draft: ExplainedSide<'p>,
}

/// A rep explained under one plan: its full result, or why it has none.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExplainedSide<'p> {
    /// Metrics with their trace, the score and the statement, explained.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub result: Option<PlanResult<'p>>,
    /// Competition rank in the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rank: Option<usize>,
    /// The grade after the forced distribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub forced_grade: Option<String>,
    /// Why the record has no result under this plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ErrorReport"))]
    pub error: Option<ErrorReport>,
}

/// Rep `index` of `record` explained under `side`, in `locale`; numbers as `options` say.
pub(super) fn explain_side<'p>(
    side: &'p Side,
    index: usize,
    record: &serde_json::Value,
    options: &Options,
    locale: Locale,
) -> Result<ExplainedSide<'p>> {
    let member = side.member(index);
    let (rank, forced_grade) =
        (member.map(|m| m.rank), member.and_then(|m| m.forced_grade.as_deref().map(str::to_string)));
    if let Some(e) = side.error(index) {
        return Ok(ExplainedSide { result: None, rank, forced_grade, error: Some(e.report(locale)) });
    }
    let mut eval = side.plan.evaluate_member(record, Some(locale))?;
    if let Some(run) = eval.run.take() {
        eval.incentive = Some(settle(run, side.awards(index), Some(locale))?);
    }
    let options = Options { explain: true, locale: Some(locale), ..*options };
    Ok(ExplainedSide { result: Some(PlanResult::new(eval, &options)), rank, forced_grade, error: None })
}
