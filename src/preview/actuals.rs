//! A rep's actuals: the record values that sensitivity scales and payout curves move.
//!
//! By default they are
//! - the `amount` and `collected` columns of the transactions (`incentive.transactions`) of
//!   either plan, in every row, and
//! - every `money` field of either plan that is not a target: a field is a target when a target
//!   formula reads it (directly or through metrics) — a scorecard indicator's `target`, a linear
//!   indicator's `threshold` and `stretch`, a lower-is-better indicator's `base`, a commission
//!   rule's `quota`, a target bonus's `quota` — or when its id names a target (it contains 目标,
//!   指标, 定额, 配额, `target`, `quota`, `goal` or `budget`, in any case).
//!
//! A caller may name the fields instead (any numeric field of either plan); the transaction
//! columns are scaled unless turned off. Scaled money is rounded half up to the baseline's money
//! scale, integers to whole numbers; other numbers stay exact. Values that are missing or not
//! numbers are left as they are.

use super::view::option;
use crate::base::error::{closest, pointer_segment, Error, ErrorCode, Origin, Result};
use crate::base::number::{Rounding, RoundingStrategy};
use crate::formula::input::{FieldType, Input};
use crate::formula::{Formula, Value};
use crate::incentive::section::ComponentDef;
use crate::plan::Plan;
use crate::scorecard::document::Method;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value as Json;

/// Words that make a field a target by its id.
const TARGET_WORDS: [&str; 8] = ["目标", "指标", "定额", "配额", "target", "quota", "goal", "budget"];

/// What was scaled.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ActualFields {
    /// Record fields.
    pub fields: Vec<String>,
    /// Transaction columns, per sub-table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transactions: Vec<TransactionColumns>,
}

/// The scaled columns of one sub-table of transactions.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TransactionColumns {
    /// The record field holding the transactions.
    pub field: String,
    /// The columns scaled in every row.
    pub columns: Vec<String>,
}

/// How a scaled value is rounded.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Money(u32),
    Integer,
    Number,
}

/// The actuals of a session and how to scale them.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Actuals {
    fields: Vec<(String, Kind)>,
    tables: Vec<TransactionColumns>,
    money: u32,
}

impl Actuals {
    /// The actuals of `plans` (the baseline first): `named` fields (at `path` in the options)
    /// or the default ones, and the transaction columns unless `transactions` is false.
    pub(super) fn resolve(plans: &[&Plan], named: Option<&[String]>, transactions: bool, path: &str) -> Result<Self> {
        let money = plans.first().map_or(2, |p| p.document().rounding.money.scale);
        let fields = match named {
            Some(names) => names
                .iter()
                .enumerate()
                .map(|(i, name)| Ok((name.clone(), named_kind(plans, name, money, &format!("{path}/{i}"))?)))
                .collect::<Result<Vec<_>>>()?,
            None => default_fields(plans, money),
        };
        let mut tables: Vec<TransactionColumns> = Vec::new();
        let defs = plans.iter().filter_map(|p| p.document().incentive.as_ref()?.transactions.as_ref());
        for t in defs.filter(|_| transactions) {
            let columns = std::iter::once(&t.amount).chain(t.collected.as_ref());
            let at = match tables.iter().position(|c| c.field == t.field) {
                Some(at) => at,
                None => {
                    tables.push(TransactionColumns { field: t.field.clone(), columns: Vec::new() });
                    tables.len().saturating_sub(1)
                }
            };
            if let Some(table) = tables.get_mut(at) {
                for c in columns {
                    if !table.columns.contains(c) {
                        table.columns.push(c.clone());
                    }
                }
            }
        }
        Ok(Actuals { fields, tables, money })
    }

    /// What is scaled, for the result.
    pub(super) fn describe(&self) -> ActualFields {
        ActualFields { fields: self.fields.iter().map(|(f, _)| f.clone()).collect(), transactions: self.tables.clone() }
    }

    /// `record` with every actual multiplied by `factor`.
    pub(super) fn scale(&self, record: &Json, factor: Decimal) -> Result<Json> {
        let mut out = record.clone();
        // A record that is not an object is left for the evaluation to report.
        let Some(obj) = out.as_object_mut() else { return Ok(out) };
        for (id, kind) in &self.fields {
            if let Some(v) = obj.get_mut(id) {
                scale_value(v, factor, *kind)
                    .map_err(|e| e.path(Origin::Record, format!("/{}", pointer_segment(id))))?;
            }
        }
        for table in &self.tables {
            let Some(Json::Array(rows)) = obj.get_mut(&table.field) else { continue };
            for (r, row) in rows.iter_mut().enumerate() {
                let Some(row) = row.as_object_mut() else { continue };
                for c in &table.columns {
                    if let Some(v) = row.get_mut(c) {
                        scale_value(v, factor, Kind::Money(self.money)).map_err(|e| {
                            let path = format!("/{}/{r}/{}", pointer_segment(&table.field), pointer_segment(c));
                            e.path(Origin::Record, path)
                        })?;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Multiplies a numeric value by `factor`, rounded as its kind says; other values stay.
fn scale_value(v: &mut Json, factor: Decimal, kind: Kind) -> Result<()> {
    let Ok(Some(Value::Number(d))) = Input::from_json(Some(v)).to_typed(FieldType::Number) else { return Ok(()) };
    let scaled = crate::base::checked::mul(d, factor)?;
    let scaled = match kind {
        Kind::Money(scale) => Rounding::new(scale, RoundingStrategy::HalfUp).apply(scaled),
        Kind::Integer => Rounding::new(0, RoundingStrategy::HalfUp).apply(scaled),
        Kind::Number => scaled.normalize(),
    };
    *v = Json::String(scaled.to_string());
    Ok(())
}

/// The kind of a field the caller named: a numeric field of one of the plans.
fn named_kind(plans: &[&Plan], name: &str, money: u32, path: &str) -> Result<Kind> {
    let def = plans.iter().find_map(|p| p.document().fields.iter().find(|f| f.id == name));
    match def.map(|f| f.field_type) {
        Some(FieldType::Money) => Ok(Kind::Money(money)),
        Some(FieldType::Integer) => Ok(Kind::Integer),
        Some(FieldType::Number | FieldType::Rate) => Ok(Kind::Number),
        Some(other) => Err(option(name, "a numeric field", other.name(), path)),
        None => {
            let ids = plans.iter().flat_map(|p| p.document().fields.iter().map(|f| f.id.as_str()));
            Err(Error::new(ErrorCode::UnknownField).name(name).suggest(closest(name, ids)).path(Origin::Options, path))
        }
    }
}

/// Every money field of the plans that is not a target, in declaration order.
fn default_fields(plans: &[&Plan], money: u32) -> Vec<(String, Kind)> {
    let targets: Vec<String> = plans.iter().flat_map(|p| target_fields(p)).collect();
    let mut out: Vec<(String, Kind)> = Vec::new();
    for f in plans.iter().flat_map(|p| p.document().fields.iter()) {
        let lower = crate::base::case::lowercase(&f.id);
        let named_target = TARGET_WORDS.iter().any(|w| lower.contains(w));
        if f.field_type == FieldType::Money
            && !named_target
            && !targets.contains(&f.id)
            && !out.iter().any(|(id, _)| *id == f.id)
        {
            out.push((f.id.clone(), Kind::Money(money)));
        }
    }
    out
}

/// The names the plan's target formulas read, through metrics.
fn target_fields(plan: &Plan) -> Vec<String> {
    let doc = plan.document();
    let mut sources: Vec<&str> = Vec::new();
    if let Some(sc) = &doc.scorecard {
        for ind in &sc.indicators {
            sources.extend(ind.target.as_deref());
            match &ind.method {
                Method::Linear { threshold, stretch, .. } => sources.extend([threshold.as_str(), stretch.as_str()]),
                Method::LowerIsBetter { base, .. } => sources.push(base),
                _ => {}
            }
        }
    }
    for c in doc.incentive.iter().flat_map(|i| &i.components) {
        match c {
            ComponentDef::TargetBonus(t) => sources.push(&t.quota),
            ComponentDef::Commission(c) => sources.extend(c.rules.iter().filter_map(|r| r.quota.as_deref())),
            _ => {}
        }
    }
    let mut names: Vec<String> = Vec::new();
    let mut queue: Vec<String> = sources.iter().flat_map(|s| names_in(s)).collect();
    while let Some(name) = queue.pop() {
        if names.contains(&name) {
            continue;
        }
        if let Some(m) = doc.metrics.iter().find(|m| m.id == name) {
            queue.extend(names_in(&m.formula));
        }
        names.push(name);
    }
    names
}

/// The names a formula reads (none when it does not compile: the plan compiled, so it does).
fn names_in(src: &str) -> Vec<String> {
    Formula::compile(src).map(|f| f.names().to_vec()).unwrap_or_default()
}
