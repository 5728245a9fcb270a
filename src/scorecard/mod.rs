//! The KPI scorecard (绩效考核) for one rep: indicators scored by method, weighted by profile
//! and phase, adjusted, blended, gated, vetoed and graded, with the distance to the next grade.

pub(crate) mod compile;
mod distance;
pub mod document;
mod explain;
mod measured;
pub mod points;
mod result;
mod score;

pub use compile::{Scorecard, Team};
pub use document::ScorecardDef;
pub use points::{BehaviourLine, NextLevel, PointsResult};
pub use result::{AdjustmentLine, GateLine, IndicatorLine, Member, NextGrade, NextGradeOption, ScoreResult, VetoLine};
pub use score::ScoreNeeds;

/// The name of a method as it appears in documents.
fn method_name(m: &document::Method) -> &'static str {
    use document::Method::*;
    match m {
        Ratio { .. } => "ratio",
        Linear { .. } => "linear",
        Steps { .. } => "steps",
        LowerIsBetter { .. } => "lowerIsBetter",
        Rating { .. } => "rating",
        PassFail { .. } => "passFail",
    }
}
