//! The pacing spec as an admin writes it: the period and the as-of date, a working-day calendar,
//! pipeline stages with their win probabilities, and each rep's target, actual to date and open
//! deals.
//!
//! Decimals are JSON numbers or decimal strings; dates are `YYYY-MM-DD` text; keys are camelCase
//! and unknown keys are rejected (`UNKNOWN_KEY`, with a suggestion).
//!
//! ```json
//! {
//!   "period": { "start": "2026-05-01", "end": "2026-05-31" },
//!   "asOf": "2026-05-15",
//!   "calendar": { "holidays": ["2026-05-01", "2026-05-04", "2026-05-05"], "workdays": ["2026-05-09"] },
//!   "stages": [{ "id": "proposal", "probability": "0.5" }],
//!   "reps": [{ "id": "E1", "target": 300000, "actual": 120000,
//!              "deals": [{ "id": "D1", "amount": 80000, "stage": "proposal" }] }]
//! }
//! ```

use crate::base::locale::Locale;
use crate::base::number::{Dec, Rounding};
use serde::{Deserialize, Serialize};

/// A whole pacing spec.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PaceSpec {
    /// Locale of messages and explanations (default `zh-CN`; a call's options may override it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locale: Option<Locale>,
    /// The target period, both ends included.
    pub period: PeriodDef,
    /// The day actuals are counted through (`YYYY-MM-DD`, inside the period). Its working day,
    /// if it is one, counts as elapsed.
    #[cfg_attr(feature = "schema", schemars(with = "schema::Date"))]
    pub as_of: String,
    /// Which days are working days (default: Monday–Friday, no holidays).
    #[serde(default)]
    pub calendar: CalendarDef,
    /// How money results are rounded (default: 2 places, half-up). Rates and probabilities are
    /// always given at 4 places, half-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rounding: Option<Rounding>,
    /// Pipeline stages and the win probability of a deal in each.
    #[serde(default)]
    pub stages: Vec<StageDef>,
    /// The reps (one or more). The team roll-up covers all of them.
    pub reps: Vec<RepDef>,
    /// The team: its name and, optionally, a target other than the sum of the reps' targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub team: Option<PaceTeamDef>,
}

/// A date range, both ends included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PeriodDef {
    /// First day (`YYYY-MM-DD`).
    #[cfg_attr(feature = "schema", schemars(with = "schema::Date"))]
    pub start: String,
    /// Last day (`YYYY-MM-DD`), not before `start`.
    #[cfg_attr(feature = "schema", schemars(with = "schema::Date"))]
    pub end: String,
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[allow(missing_docs)] // the names say it
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// Working days: every day except the weekend days and the holidays, plus the makeup workdays
/// (调休: a weekend day that is worked, e.g. the Saturday after a long holiday).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CalendarDef {
    /// Days of the week off (default `["sat", "sun"]`; `[]` for a seven-day week).
    #[serde(default = "default_weekend")]
    pub weekend: Vec<Weekday>,
    /// Days off (`YYYY-MM-DD`). Days outside the period are ignored, so a whole year's list fits.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<schema::Date>"))]
    pub holidays: Vec<String>,
    /// Makeup workdays (调休上班, `YYYY-MM-DD`): worked although they fall on a weekend day.
    /// A day may not be both a holiday and a makeup workday.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<schema::Date>"))]
    pub workdays: Vec<String>,
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

impl Default for CalendarDef {
    fn default() -> Self {
        CalendarDef { weekend: default_weekend(), holidays: Vec::new(), workdays: Vec::new() }
    }
}

/// A pipeline stage (阶段) and the chance a deal in it is won.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StageDef {
    /// The id deals refer to.
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Win probability in [0, 1] (`0.6`, `"0.35"`).
    #[cfg_attr(feature = "schema", schemars(with = "schema::Probability"))]
    pub probability: Dec,
}

/// A rep: target for the period, actual to date and open deals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RepDef {
    /// Rep id (unique).
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Target for the whole period (≥ 0).
    pub target: Dec,
    /// Achieved from the start of the period through `asOf` (may be negative after returns).
    pub actual: Dec,
    /// Open deals (not yet counted in `actual`).
    #[serde(default)]
    pub deals: Vec<DealDef>,
}

/// An open deal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DealDef {
    /// Deal id (unique within the spec).
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// What the deal adds to the actual when won (≥ 0).
    pub amount: Dec,
    /// Its stage; the deal's win probability is the stage's unless `probability` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub stage: Option<String>,
    /// Its own win probability in [0, 1], overriding the stage's. One of `stage` and
    /// `probability` is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::Probability>"))]
    pub probability: Option<Dec>,
    /// Expected close date (`YYYY-MM-DD`). A deal expected to close after the period ends does
    /// not count toward this period's forecasts or chance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::Date>"))]
    pub close_date: Option<String>,
}

/// The team the reps form.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PaceTeamDef {
    /// Display name (default: 团队 / Team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The team's target (≥ 0; default: the sum of the reps' targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub target: Option<Dec>,
}

use crate::base::error::Result;
use crate::base::json::read::{read_names, At, Read};

impl Read for PaceSpec {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["locale", "period", "asOf", "calendar", "rounding", "stages", "reps", "team"])?;
        Ok(PaceSpec {
            locale: o.opt("locale")?,
            period: o.req("period")?,
            as_of: o.req("asOf")?,
            calendar: o.or_default("calendar")?,
            rounding: o.opt("rounding")?,
            stages: o.or_default("stages")?,
            reps: o.req("reps")?,
            team: o.opt("team")?,
        })
    }
}

impl Read for PeriodDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["start", "end"])?;
        Ok(PeriodDef { start: o.req("start")?, end: o.req("end")? })
    }
}

read_names!(Weekday {
    "mon" => Weekday::Mon,
    "tue" => Weekday::Tue,
    "wed" => Weekday::Wed,
    "thu" => Weekday::Thu,
    "fri" => Weekday::Fri,
    "sat" => Weekday::Sat,
    "sun" => Weekday::Sun,
});

impl Read for CalendarDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["weekend", "holidays", "workdays"])?;
        Ok(CalendarDef {
            weekend: o.or_else("weekend", default_weekend)?,
            holidays: o.or_default("holidays")?,
            workdays: o.or_default("workdays")?,
        })
    }
}

impl Read for StageDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "name", "probability"])?;
        Ok(StageDef { id: o.req("id")?, name: o.opt("name")?, probability: o.req("probability")? })
    }
}

impl Read for RepDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "name", "target", "actual", "deals"])?;
        Ok(RepDef {
            id: o.req("id")?,
            name: o.opt("name")?,
            target: o.req("target")?,
            actual: o.req("actual")?,
            deals: o.or_default("deals")?,
        })
    }
}

impl Read for DealDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "name", "amount", "stage", "probability", "closeDate"])?;
        Ok(DealDef {
            id: o.req("id")?,
            name: o.opt("name")?,
            amount: o.req("amount")?,
            stage: o.opt("stage")?,
            probability: o.opt("probability")?,
            close_date: o.opt("closeDate")?,
        })
    }
}

impl Read for PaceTeamDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["name", "target"])?;
        Ok(PaceTeamDef { name: o.opt("name")?, target: o.opt("target")? })
    }
}

/// The schema of the spec's dates, tighter than their Rust type (text).
#[cfg(feature = "schema")]
mod schema {
    use schemars::gen::SchemaGenerator;
    use schemars::schema::{InstanceType, Metadata, NumberValidation, Schema, SchemaObject, StringValidation};

    /// A probability in [0, 1]: a number, or a decimal string (`"0.35"`).
    pub struct Probability;

    impl schemars::JsonSchema for Probability {
        fn schema_name() -> String {
            "Probability".to_string()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let description = Some("A probability in [0, 1]: a number, or a decimal string.".to_string());
            SchemaObject {
                metadata: Some(Box::new(Metadata { description, ..Default::default() })),
                instance_type: Some(vec![InstanceType::Number, InstanceType::String].into()),
                number: Some(Box::new(NumberValidation {
                    minimum: Some(0.0),
                    maximum: Some(1.0),
                    ..Default::default()
                })),
                string: Some(Box::new(StringValidation {
                    pattern: Some(r"^\s*\+?(0*\.\d+|0+(\.\d*)?|0*1(\.0*)?)\s*$".to_string()),
                    ..Default::default()
                })),
                ..Default::default()
            }
            .into()
        }
    }

    /// A day, `YYYY-MM-DD` (`format: date`).
    pub struct Date;

    impl schemars::JsonSchema for Date {
        fn schema_name() -> String {
            "Date".to_string()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let description = Some("A day, `YYYY-MM-DD`.".to_string());
            SchemaObject {
                metadata: Some(Box::new(Metadata { description, ..Default::default() })),
                instance_type: Some(InstanceType::String.into()),
                format: Some("date".to_string()),
                ..Default::default()
            }
            .into()
        }
    }
}
