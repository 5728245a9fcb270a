//! The plan document's common part, as JSON: currency, rounding, locale, fields, metrics.
//! The scorecard, incentive and target sections are added beside these.

use crate::base::locale::Locale;
use crate::base::number::{Rounding, RoundingStrategy};
use crate::formula::input::FieldType;
use crate::formula::Value;
use serde::{Deserialize, Serialize};

/// A whole plan document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PlanDocument {
    /// Version of the document format; this release reads `1`.
    #[serde(default = "one")]
    pub version: u32,
    /// The plan's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// A human name for the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// ISO 4217 code of money amounts (default `CNY`).
    #[serde(default = "cny")]
    pub currency: String,
    /// Locale of messages and explanations (default `zh-CN`).
    #[serde(default)]
    pub locale: Locale,
    /// How each kind of value is rounded for output.
    #[serde(default)]
    pub rounding: RoundingPolicy,
    /// The record fields the plan reads.
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    /// Named formulas over fields and other metrics.
    #[serde(default)]
    pub metrics: Vec<MetricDef>,
    /// The KPI scorecard, if the plan scores reps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scorecard: Option<crate::scorecard::ScorecardDef>,
    /// Incentive pay (提成 / 奖金), if the plan pays reps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub incentive: Option<crate::incentive::section::IncentiveDef>,
}

fn one() -> u32 {
    1
}

fn cny() -> String {
    "CNY".to_string()
}

/// Output rounding per kind of value. Computation is exact; rounding happens on output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RoundingPolicy {
    /// Money (default: 2 places, half-up 四舍五入).
    #[serde(default = "money")]
    pub money: Rounding,
    /// Rates and ratios (default: 4 places, half-up).
    #[serde(default = "rate")]
    pub rate: Rounding,
    /// Scores (default: 2 places, half-up).
    #[serde(default = "score")]
    pub score: Rounding,
    /// Plain numbers (default: not rounded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub number: Option<Rounding>,
}

fn money() -> Rounding {
    Rounding::new(2, RoundingStrategy::HalfUp)
}
fn rate() -> Rounding {
    Rounding::new(4, RoundingStrategy::HalfUp)
}
fn score() -> Rounding {
    Rounding::new(2, RoundingStrategy::HalfUp)
}

impl Default for RoundingPolicy {
    fn default() -> Self {
        RoundingPolicy { money: money(), rate: rate(), score: score(), number: None }
    }
}

/// A field of the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FieldDef {
    /// The key in the record, and the name formulas use (`回款额`, or `{客户 类型}`).
    pub id: String,
    /// Its type; values are converted to it (decimal strings are read exactly).
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// A display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
    /// The value used when the record has none. Without a default, a formula that reads a
    /// missing field fails with `MISSING_FIELD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<serde_json::Value>"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | string | boolean"))]
    pub default: Option<serde_json::Value>,
}

/// A named formula.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MetricDef {
    /// The metric's name, usable in other formulas.
    pub id: String,
    /// The formula.
    pub formula: String,
    /// What kind of value it is; decides output rounding (default `number`).
    #[serde(default)]
    pub kind: MetricKind,
    /// A display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
}

/// The kind of a metric's value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum MetricKind {
    /// A plain number (rounded by `rounding.number` when set).
    #[default]
    Number,
    /// Money (rounded by `rounding.money`).
    Money,
    /// A rate (rounded by `rounding.rate`).
    Rate,
    /// A score (rounded by `rounding.score`).
    Score,
    /// Text.
    Text,
    /// TRUE/FALSE.
    Boolean,
    /// A date.
    Date,
}

impl MetricKind {
    /// The output rounding for this kind under a policy.
    pub fn rounding(self, policy: &RoundingPolicy) -> Option<Rounding> {
        match self {
            MetricKind::Money => Some(policy.money),
            MetricKind::Rate => Some(policy.rate),
            MetricKind::Score => Some(policy.score),
            MetricKind::Number => policy.number,
            _ => None,
        }
    }
    /// A value rounded for output by this kind's rule; other values pass through.
    pub fn round(self, value: &Value, policy: &RoundingPolicy) -> Value {
        match (value, self.rounding(policy)) {
            (Value::Number(d), Some(rule)) => Value::Number(rule.apply(*d)),
            _ => value.clone(),
        }
    }
    /// Whether values of this kind are numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, MetricKind::Number | MetricKind::Money | MetricKind::Rate | MetricKind::Score)
    }
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            MetricKind::Number => "number",
            MetricKind::Money => "money",
            MetricKind::Rate => "rate",
            MetricKind::Score => "score",
            MetricKind::Text => "text",
            MetricKind::Boolean => "boolean",
            MetricKind::Date => "date",
        }
    }
    /// The kind as error messages name it, in each locale.
    pub fn phrase(self) -> crate::base::error::Phrase {
        use crate::base::error::Phrase;
        match self {
            MetricKind::Number => Phrase::TypeNumber,
            MetricKind::Money => Phrase::TypeMoney,
            MetricKind::Rate => Phrase::TypeRate,
            MetricKind::Score => Phrase::TypeScore,
            MetricKind::Text => Phrase::TypeText,
            MetricKind::Boolean => Phrase::TypeBoolean,
            MetricKind::Date => Phrase::TypeDate,
        }
    }
}

use crate::base::error::Result;
use crate::base::json::read::{read_names, At, Read};

impl Read for PlanDocument {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&[
            "version",
            "id",
            "name",
            "currency",
            "locale",
            "rounding",
            "fields",
            "metrics",
            "scorecard",
            "incentive",
        ])?;
        Ok(PlanDocument {
            version: o.or_else("version", one)?,
            id: o.opt("id")?,
            name: o.opt("name")?,
            currency: o.or_else("currency", cny)?,
            locale: o.or_default("locale")?,
            rounding: o.or_default("rounding")?,
            fields: o.or_default("fields")?,
            metrics: o.or_default("metrics")?,
            scorecard: o.opt("scorecard")?,
            incentive: o.opt("incentive")?,
        })
    }
}

impl Read for RoundingPolicy {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["money", "rate", "score", "number"])?;
        Ok(RoundingPolicy {
            money: o.or_else("money", money)?,
            rate: o.or_else("rate", rate)?,
            score: o.or_else("score", score)?,
            number: o.opt("number")?,
        })
    }
}

impl Read for FieldDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "type", "label", "default"])?;
        Ok(FieldDef {
            id: o.req("id")?,
            field_type: o.req("type")?,
            label: o.opt("label")?,
            default: o.opt("default")?,
        })
    }
}

impl Read for MetricDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "formula", "kind", "label"])?;
        Ok(MetricDef {
            id: o.req("id")?,
            formula: o.req("formula")?,
            kind: o.or_default("kind")?,
            label: o.opt("label")?,
        })
    }
}

read_names!(MetricKind {
    "number" => MetricKind::Number,
    "money" => MetricKind::Money,
    "rate" => MetricKind::Rate,
    "score" => MetricKind::Score,
    "text" => MetricKind::Text,
    "boolean" => MetricKind::Boolean,
    "date" => MetricKind::Date,
});
