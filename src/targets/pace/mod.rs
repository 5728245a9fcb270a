//! Pacing (进度): attainment to date against a working-day calendar with holidays and makeup
//! workdays (调休), the gap and the daily rate still needed, run-rate and pipeline-weighted
//! forecasts, the probability of reaching the target from open deals with the deals that matter
//! most, and a team roll-up — each explained in 中文 or English on request.
//!
//! ```
//! let pacing = salescore::targets::pace(r#"{
//!   "period": {"start": "2026-05-01", "end": "2026-05-31"},
//!   "asOf": "2026-05-15",
//!   "calendar": {"holidays": ["2026-05-01", "2026-05-04", "2026-05-05"], "workdays": ["2026-05-09"]},
//!   "stages": [{"id": "proposal", "probability": "0.5"}],
//!   "reps": [{"id": "E1", "target": 190000, "actual": 90000,
//!             "deals": [{"id": "D1", "amount": 60000, "stage": "proposal"},
//!                       {"id": "D2", "amount": 50000, "probability": "0.8"}]}]
//! }"#).unwrap();
//! let rep = &pacing.reps[0];
//! assert_eq!(pacing.period.workdays.total, 19);
//! assert_eq!(rep.progress.expected_to_date.0.to_string(), "90000.00");
//! assert_eq!(rep.chance.probability.0.to_string(), "0.4000"); // both deals are needed: 0.5 × 0.8
//! ```

pub mod calendar;
pub mod document;
mod explain;
mod model;
pub mod pipeline;
pub mod probability;
pub mod progress;
pub mod result;
mod rollup;

pub use document::PaceSpec;
pub use result::{Chance, KeyDeal, Pacing, PeriodSummary, RepPacing, TeamPacing};

use crate::base::error::Result;
use crate::base::locale::Locale;
use model::Model;

/// Paces a spec given as JSON text, without explanations. Errors carry a JSON pointer into the
/// spec (`/reps/0/deals/2/probability`).
pub fn pace(spec_json: &str) -> Result<Pacing> {
    pace_spec(&parse(spec_json)?, None)
}

/// Paces a spec given as JSON text, with every rep and the team explained in `locale`.
pub fn pace_explained(spec_json: &str, locale: Locale) -> Result<Pacing> {
    pace_spec(&parse(spec_json)?, Some(locale))
}

/// Reads a spec from JSON text; a malformed one is a coded error with a JSON pointer.
pub fn parse(spec_json: &str) -> Result<PaceSpec> {
    crate::base::json::read_spec(spec_json, crate::base::error::Phrase::PacingSpec)
}

/// The locale a spec asks for, read leniently (for messages about a spec that does not read).
pub fn spec_locale(spec_json: &str) -> Locale {
    crate::base::json::document_locale(spec_json)
}

/// Paces a typed spec; with `explain`, every rep and the team get sentences in that locale.
pub fn pace_spec(spec: &PaceSpec, explain: Option<Locale>) -> Result<Pacing> {
    let model = Model::read(spec)?;
    let locale = explain.or(spec.locale).unwrap_or_default();
    let reps = model.reps.iter().enumerate().map(|(i, r)| rollup::rep(&model, i, r)).collect::<Result<Vec<_>>>()?;
    let team = rollup::team(&model, &reps, locale)?;
    let mut pacing = Pacing {
        period: PeriodSummary {
            start: model.start.to_string(),
            end: model.end.to_string(),
            as_of: model.as_of.to_string(),
            workdays: model.days,
        },
        reps,
        team,
    };
    if let Some(locale) = explain {
        explain_all(&mut pacing, locale);
    }
    Ok(pacing)
}

fn explain_all(p: &mut Pacing, locale: Locale) {
    let (days, as_of) = (p.period.workdays, p.period.as_of.clone());
    for r in &mut p.reps {
        r.text = Some(explain::sentences(&r.name, &days, &as_of, &r.progress, &r.pipeline, &r.chance, locale));
    }
    let t = &mut p.team;
    t.text = Some(explain::sentences(&t.name, &days, &as_of, &t.progress, &t.pipeline, &t.chance, locale));
    if let Some(text) = t.text.as_mut() {
        let (a, o, b, n) = (t.achieved, t.on_track, t.behind, t.reps);
        text.push(match locale {
            Locale::ZhCn => format!("团队 {n} 人中，已完成目标 {a} 人，进度正常 {o} 人，落后进度 {b} 人。"),
            Locale::En => {
                format!("Of the team's {n} reps, {a} have reached their target, {o} are on pace and {b} are behind.")
            }
        });
    }
}
