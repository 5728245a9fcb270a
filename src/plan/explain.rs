//! The explanation behind each metric: the formula, the same formula with values in place, the
//! exact result and the rounding applied, as data and as a sentence.

use super::document::MetricKind;
use super::{Metric, Plan};
use crate::base::arithmetic::Arithmetic;
use crate::base::locale::Locale;
use crate::base::number::{Rounding, RoundingStrategy};
use crate::formula::render::literal;
use crate::formula::Value;
use serde::Serialize;
use std::borrow::Cow;

pub use crate::formula::TraceInput;

/// How one metric was computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TraceEntry<'p> {
    /// Metric id.
    pub metric: &'p str,
    /// Its kind.
    pub kind: MetricKind,
    /// The formula as written.
    pub formula: &'p str,
    /// The formula with each reference replaced by its value.
    pub substituted: String,
    /// The values read.
    pub inputs: Vec<TraceInput<'p>>,
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

/// Each slot's value as text, made once per evaluation and shared by every trace entry that
/// reads the slot: `(plain, literal)`, e.g. `("2025-01-31", "\"2025-01-31\"")`.
#[derive(Default)]
pub(super) struct SlotTexts(Vec<Option<(String, String)>>);

impl SlotTexts {
    fn get(&mut self, slots: &[Option<Value>], slot: usize) -> Option<&(String, String)> {
        if self.0.len() <= slot {
            self.0.resize(slot.saturating_add(1), None);
        }
        let cell = self.0.get_mut(slot)?;
        if cell.is_none() {
            let value = slots.get(slot)?.as_ref()?;
            *cell = Some((value.to_string(), literal(value)));
        }
        cell.as_ref()
    }
}

/// The values of `reads`, owned (for results that outlive the plan borrow).
pub(super) fn inputs(
    plan: &Plan,
    reads: &[usize],
    slots: &[Option<Value>],
    texts: &mut SlotTexts,
) -> Vec<TraceInput<'static>> {
    reads
        .iter()
        .map(|&s| TraceInput {
            name: Cow::Owned(slot_name(plan, s).to_string()),
            value: texts.get(slots, s).map_or_else(|| "∅".to_string(), |(plain, _)| plain.clone()),
        })
        .collect()
}

/// Builds the trace entry of `metric`, whose exact value is `exact`.
pub(super) fn trace_entry<'p>(
    plan: &'p Plan,
    metric: &'p Metric,
    slots: &[Option<Value>],
    texts: &mut SlotTexts,
    exact: &Value,
    locale: Locale,
) -> TraceEntry<'p> {
    let inputs = metric
        .reads
        .iter()
        .map(|&s| TraceInput {
            name: Cow::Borrowed(slot_name(plan, s)),
            value: texts.get(slots, s).map_or_else(|| "∅".to_string(), |(plain, _)| plain.clone()),
        })
        .collect();
    let substituted = metric.template().fill(|s| texts.0.get(s).and_then(|t| t.as_ref()).map(|(_, lit)| lit.as_str()));
    let rounding = metric.def.kind.rounding(&plan.doc.rounding);
    let rounded = metric.def.kind.round(exact, &plan.doc.rounding);
    let difference = match (&rounded, exact) {
        (Value::Number(r), Value::Number(e)) if r != e => r.sub_checked(*e).map(|d| d.normalize().to_string()),
        _ => None,
    };
    let exact_text = exact.to_string();
    let formula = metric.def.formula.trim();
    let mut text = String::with_capacity(formula.len().saturating_mul(2).saturating_add(64));
    for part in [metric.def.id.as_str(), " = ", formula] {
        text.push_str(part);
    }
    if substituted != formula {
        text.push_str(" = ");
        text.push_str(&substituted);
    }
    text.push_str(" = ");
    text.push_str(&exact_text);
    if let (Some(rule), Some(_)) = (rounding, &difference) {
        text.push_str(&rounding_clause(rule, metric.def.kind, &rounded, locale));
    }
    TraceEntry {
        metric: &metric.def.id,
        kind: metric.def.kind,
        formula: &metric.def.formula,
        substituted,
        inputs,
        exact: exact_text,
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
