//! The explanation behind each metric: the formula, the same formula with values in place, the
//! exact result and the rounding applied, as data and as a sentence.

use super::document::MetricKind;
use super::{Metric, Plan};
use crate::formula::render::{literal, render};
use crate::formula::Value;
use crate::locale::Locale;
use crate::number::{Rounding, RoundingStrategy};
use serde::Serialize;

/// One input a formula read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TraceInput {
    /// Field or metric id.
    pub name: String,
    /// Its value as text (exact).
    pub value: String,
}

/// How one metric was computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TraceEntry {
    /// Metric id.
    pub metric: String,
    /// Its kind.
    pub kind: MetricKind,
    /// The formula as written.
    pub formula: String,
    /// The formula with each reference replaced by its value.
    pub substituted: String,
    /// The values read.
    pub inputs: Vec<TraceInput>,
    /// The exact result.
    pub exact: String,
    /// The result after output rounding.
    pub value: String,
    /// The rounding applied, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rounding: Option<Rounding>,
    /// value − exact, when rounding changed the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rounding_difference: Option<String>,
    /// The whole calculation as one sentence.
    pub text: String,
}

fn slot_name(plan: &Plan, slot: usize) -> &str {
    let n = plan.fields.len();
    match slot.checked_sub(n) {
        None => plan.fields.get(slot).map_or("", |f| f.def.id.as_str()),
        Some(m) => plan.metrics.get(m).map_or("", |m| m.def.id.as_str()),
    }
}

/// Builds the trace entry of `metric`, whose exact value is `exact`.
pub(super) fn trace_entry(
    plan: &Plan,
    metric: &Metric,
    slots: &[Option<Value>],
    exact: &Value,
    locale: Locale,
) -> TraceEntry {
    let inputs = metric
        .reads
        .iter()
        .map(|&s| TraceInput {
            name: slot_name(plan, s).to_string(),
            value: slots.get(s).cloned().flatten().map_or_else(|| "∅".to_string(), |v| v.to_string()),
        })
        .collect();
    let substituted = render(&metric.root, &|s| slots.get(s).cloned().flatten().map(|v| literal(&v)));
    let rounding = metric.def.kind.rounding(&plan.doc.rounding);
    let rounded = super::evaluate::round_for_output(exact, metric.def.kind, &plan.doc.rounding);
    let difference = match (&rounded, exact) {
        (Value::Number(r), Value::Number(e)) if r != e => r.checked_sub(*e).map(|d| d.normalize().to_string()),
        _ => None,
    };
    let mut text = format!("{} = {}", metric.def.id, metric.def.formula.trim());
    if substituted != metric.def.formula.trim() {
        text.push_str(&format!(" = {substituted}"));
    }
    text.push_str(&format!(" = {exact}"));
    if let (Some(rule), Some(_)) = (rounding, &difference) {
        text.push_str(&rounding_clause(rule, metric.def.kind, &rounded, locale));
    }
    TraceEntry {
        metric: metric.def.id.clone(),
        kind: metric.def.kind,
        formula: metric.def.formula.clone(),
        substituted,
        inputs,
        exact: exact.to_string(),
        value: display(&rounded),
        rounding,
        rounding_difference: difference,
        text,
    }
}

/// A rounded number keeps its trailing zeros (`0.8500`); other values print plainly.
fn display(value: &Value) -> String {
    match value {
        Value::Number(d) => d.to_string(),
        other => other.to_string(),
    }
}

fn rounding_clause(rule: Rounding, kind: MetricKind, rounded: &Value, locale: Locale) -> String {
    let strategy = match (rule.strategy, locale) {
        (RoundingStrategy::HalfUp, Locale::ZhCn) => "四舍五入",
        (RoundingStrategy::HalfEven, Locale::ZhCn) => "四舍六入五成双",
        (RoundingStrategy::Up, Locale::ZhCn) => "向上进位",
        (RoundingStrategy::Down, Locale::ZhCn) => "直接舍去",
        (RoundingStrategy::HalfUp, Locale::En) => "half up",
        (RoundingStrategy::HalfEven, Locale::En) => "half even",
        (RoundingStrategy::Up, Locale::En) => "up",
        (RoundingStrategy::Down, Locale::En) => "down",
    };
    let kind_zh = match kind {
        MetricKind::Money => "金额",
        MetricKind::Rate => "比率",
        MetricKind::Score => "分数",
        _ => "数值",
    };
    let value = display(rounded);
    match locale {
        Locale::ZhCn => format!("，按{kind_zh}保留 {} 位小数（{strategy}）得 {value}", rule.scale),
        Locale::En => format!(", rounded as {} to {} places ({strategy}): {value}", kind.name(), rule.scale),
    }
}
