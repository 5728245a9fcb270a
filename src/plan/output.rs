//! What callers get back: values as numbers or exact decimal strings, metrics by id, traces.

use crate::base::locale::Locale;
use crate::base::name::Name;
use crate::base::number::decimal_to_f64;
use crate::formula::Value;
use crate::plan::{Evaluation, MetricResult, TraceEntry};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

pub use crate::base::number::NumberOutput;

/// Options accepted by every evaluating call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Options {
    /// Numbers as JS numbers (default) or exact decimal strings.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub numbers: NumberOutput,
    /// Include the trace and its text (default false).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub explain: bool,
    /// Locale of messages and explanation text (default: the plan's, or `zh-CN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locale: Option<Locale>,
    /// What a plan's result carries: every line (default), or its totals alone.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub detail: DetailLevel,
}

/// What a plan's result carries (`plan.evaluate`, `plan.evaluateMany`). `plan.evaluateTeam`
/// without `explain` already returns each record's metrics alone, with every rep's totals in
/// `team.members`: there it changes nothing. Other calls ignore it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum DetailLevel {
    /// Every line: each indicator, adjustment, gate and veto, the distance to the next grade,
    /// the statement's lines (`PlanResult`).
    #[default]
    Full,
    /// The totals alone (`PlanTotals`): the metrics, the score's profile, phase, total, grade
    /// and coefficient, the statement's total and each component's amount. Each is the same
    /// value as in the full result, at the same place; what a form shows beside a record,
    /// without computing or carrying the lines. Not with `explain`.
    Totals,
}

/// A value ready to hand out.
#[derive(Clone, Debug, PartialEq)]
pub enum OutputValue {
    /// A double.
    Number(f64),
    /// Text, a date (`YYYY-MM-DD`) or an exact decimal string.
    Text(String),
    /// A boolean.
    Bool(bool),
}

impl OutputValue {
    /// Converts a value as the options ask.
    pub fn from_value(value: &Value, numbers: NumberOutput) -> OutputValue {
        match (value, numbers) {
            (Value::Number(d), NumberOutput::Number) => OutputValue::Number(decimal_to_f64(*d)),
            (Value::Number(d), NumberOutput::String) => OutputValue::Text(d.to_string()),
            (Value::Bool(b), _) => OutputValue::Bool(*b),
            (Value::Text(t), _) => OutputValue::Text(t.to_string()),
            (other, _) => OutputValue::Text(other.to_string()),
        }
    }
}

impl Serialize for OutputValue {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            OutputValue::Number(n) => s.serialize_f64(*n),
            OutputValue::Text(t) => s.serialize_str(t),
            OutputValue::Bool(b) => s.serialize_bool(*b),
        }
    }
}

/// Metric values by id, in declaration order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Metrics(pub Vec<(Name, OutputValue)>);

impl Metrics {
    /// The metrics of an evaluation, rounded values written as `numbers` says.
    pub(crate) fn of(metrics: &[MetricResult<'_>], numbers: NumberOutput) -> Metrics {
        Metrics(metrics.iter().map(|m| (m.name.clone(), OutputValue::from_value(&m.value, numbers))).collect())
    }
}

impl Serialize for Metrics {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serialize_pairs(&self.0, s)
    }
}

/// Writes `(id, value)` pairs as a JSON object, in their order.
pub(crate) fn serialize_pairs<S: Serializer, K: Serialize, V: Serialize>(
    pairs: &[(K, V)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// The result of `plan.evaluate(record)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PlanResult<'p> {
    /// Metric values by id, rounded for output.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number | string | boolean>"))]
    pub metrics: Metrics,
    /// How each metric was computed (only with `explain: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "TraceEntry[]"))]
    pub trace: Option<Vec<TraceEntry<'p>>>,
    /// The scorecard result (plans with a `scorecard` section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub score: Option<crate::scorecard::ScoreResult>,
    /// The incentive statement (plans with an `incentive` section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub incentive: Option<crate::incentive::section::IncentiveResult>,
}

impl<'p> PlanResult<'p> {
    /// Shapes an evaluation for output.
    pub fn new(eval: Evaluation<'p>, options: &Options) -> PlanResult<'p> {
        PlanResult {
            metrics: Metrics::of(&eval.metrics, options.numbers),
            trace: options.explain.then_some(eval.trace),
            score: eval.score,
            incentive: eval.incentive,
        }
    }
}

/// The result of `formula.explain(values)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct FormulaResult {
    /// The value, as the options ask.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string | boolean"))]
    pub value: OutputValue,
    /// What the value is: `number`, `text`, `boolean` or `date` (dates arrive as `YYYY-MM-DD`).
    #[serde(rename = "type")]
    pub value_type: &'static str,
    /// The exact value as text.
    pub exact: String,
    /// The formula with each field replaced by its value.
    pub substituted: String,
    /// Each field read and its value.
    pub inputs: Vec<crate::plan::TraceInput<'static>>,
    /// The calculation as one line.
    pub text: String,
}

impl FormulaResult {
    /// Shapes an explanation for output.
    pub fn new(e: crate::formula::Explanation, options: &Options) -> FormulaResult {
        FormulaResult {
            value: OutputValue::from_value(&e.value, options.numbers),
            value_type: e.value.type_of().name(),
            exact: e.value.to_string(),
            substituted: e.substituted,
            inputs: e
                .inputs
                .into_iter()
                .map(|(name, value)| crate::plan::TraceInput { name: name.into(), value })
                .collect(),
            text: e.text,
        }
    }
}
