//! Evaluating one record: convert the fields, compute the metrics in order, round for output.

use super::document::MetricKind;
use super::explain::{trace_entry, SlotTexts, TraceEntry};
use super::{record_path, Plan};
use crate::base::error::{Error, ErrorCode, Origin, Result};
use crate::base::locale::Locale;
use crate::formula::eval::{Evaluator, Scope};
use crate::formula::Value;
use crate::incentive::section::{Keep, ScoreFacts};
use crate::scorecard::{ScoreNeeds, ScoreResult};
use std::borrow::Cow;

pub use crate::formula::record::{Record, Rows, RowsError, MAX_ROWS};

/// One metric's result.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricResult<'p> {
    /// The metric's id.
    pub id: &'p str,
    /// The same id, shared (what the output's metrics are keyed by).
    pub(crate) name: crate::base::name::Name,
    /// Its kind.
    pub kind: MetricKind,
    /// The exact value, as later formulas saw it.
    pub exact: Value,
    /// The value rounded for output by the kind's rounding.
    pub value: Value,
}

/// The result of evaluating one record.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation<'p> {
    /// Every metric, in declaration order.
    pub metrics: Vec<MetricResult<'p>>,
    /// One entry per metric, in evaluation order, when an explanation was asked for.
    pub trace: Vec<TraceEntry<'p>>,
    /// The scorecard result, when the plan has a scorecard.
    pub score: Option<crate::scorecard::ScoreResult>,
    /// The incentive statement, when the plan has an incentive section.
    pub incentive: Option<crate::incentive::section::IncentiveResult>,
    /// The statement before the team's pools are split (team evaluation only).
    pub(crate) run: Option<crate::incentive::section::Run>,
    /// The record's fields and metrics as computed, by slot, for a compare side
    /// ([`Pass::no_metrics`]; empty otherwise, and when they were given: [`Pass::slots`]).
    pub(crate) slots: Vec<Option<Value>>,
}

impl Evaluation<'_> {
    /// The rounded value of a metric.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.metrics.iter().find(|m| m.id == id).map(|m| &m.value)
    }
}

/// Slot values during one evaluation: computed, or given ([`Pass::slots`]).
struct Values<'p, 's> {
    plan: &'p Plan,
    slots: Cow<'s, [Option<Value>]>,
}

impl Scope for Values<'_, '_> {
    fn get(&self, slot: usize) -> Result<Value> {
        if let Some(Some(v)) = self.slots.get(slot) {
            return Ok(v.clone());
        }
        let id = self.plan.fields.get(slot).map_or("", |f| f.def.id.as_str());
        Err(Error::new(ErrorCode::MissingField).name(id).path(Origin::Record, record_path(id)))
    }
    fn peek(&self, slot: usize) -> Option<&Value> {
        self.slots.get(slot)?.as_ref()
    }
}

/// How one record is evaluated.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Pass<'a> {
    /// Render a trace and the explanations in this locale.
    pub explain: Option<Locale>,
    /// What the score keeps (a team call reads the member; a single record keeps every line).
    pub needs: ScoreNeeds,
    /// An extra deal credited wholly to the rep (what-if).
    pub extra: Option<&'a crate::incentive::section::ExtraDeal>,
    /// The incentive statement will be finished in a locale, listing the transactions, even
    /// without `explain` (a team's results with their score details).
    pub listed: bool,
    /// What the incentive section reads of the record's score, already computed by a plan that
    /// scores as this one does ([`Plan::scores_like`]): the scorecard is not run again, and the
    /// evaluation has no score.
    pub known: Option<ScoreFacts>,
    /// The record's fields and metrics by slot, already computed by a plan that reads and
    /// computes them as this one does ([`Plan::reads_like`]): not read again. Ignored with
    /// `explain` (the trace is built while the metrics are computed).
    pub slots: Option<&'a [Option<Value>]>,
    /// For a compare side, which reads no metric of the result but keeps its fields and metrics
    /// by slot for a draft to share: no metric is rounded for output (the result's `metrics` is
    /// empty), and the result's `slots` holds them (otherwise it is empty).
    pub no_metrics: bool,
    /// The record's transactions, already read by a plan whose section reads them as this one's
    /// does ([`Plan::reads_rows_as`]): not read again. Used only for a numbers-only run.
    pub rows: Option<&'a crate::incentive::section::Rows>,
    /// Per incentive component, whether it is not run: the caller has its amounts from a plan
    /// that pays it alike ([`Plan::pays_as`]). Used only for a numbers-only run.
    pub skip: &'a [bool],
}

impl Plan {
    /// Evaluates a record; with `explain`, adds a trace rendered in the plan's locale.
    pub fn evaluate(&self, record: &impl Record, explain: bool) -> Result<Evaluation<'_>> {
        self.evaluate_in(record, explain.then_some(self.locale()))
    }

    /// Evaluates a record; with a locale, adds a trace rendered in it.
    pub fn evaluate_in(&self, record: &impl Record, explain: Option<Locale>) -> Result<Evaluation<'_>> {
        let mut eval = self.evaluate_as(
            record,
            Pass { explain, needs: ScoreNeeds { member: false, detail: true }, ..Pass::default() },
        )?;
        if let Some(run) = eval.run.take() {
            eval.incentive = Some(run.finish(explain)?);
        }
        Ok(eval)
    }

    /// "If I close `extra` more": the incentive statement with and without an extra deal
    /// credited wholly to the rep, and the next tier, gate or curve point above. Needs an
    /// incentive section.
    pub fn what_if(
        &self,
        record: &impl Record,
        extra: &crate::incentive::section::ExtraDeal,
        locale: Option<Locale>,
    ) -> Result<crate::incentive::section::WhatIf> {
        if self.incentive.is_none() {
            return Err(Error::new(ErrorCode::MissingKey).name("incentive").path(Origin::Plan, "/incentive"));
        }
        let locale = locale.unwrap_or(self.locale());
        let finish = |eval: Evaluation<'_>| -> Result<_> {
            let run = eval.run.ok_or_else(|| Error::new(ErrorCode::MissingKey).name("incentive"))?;
            let standings = run.standings.clone();
            Ok((run.finish(Some(locale))?, standings))
        };
        let (now, _) = finish(self.evaluate_as(record, Pass::default())?)?;
        let (after, standings) = finish(self.evaluate_as(record, Pass { extra: Some(extra), ..Pass::default() })?)?;
        crate::incentive::section::what_if(&now, &after, &standings, extra, locale)
    }

    /// The score of a team member whose fields and metrics by slot (`slots`) a plan that reads
    /// records as this one does ([`Plan::reads_like`]) computed: what [`Plan::pay_member`] with
    /// those slots scores, numbers only (none: the plan has no scorecard, or the slots are not
    /// as many as its fields and metrics). A compare side scores first when what it may take
    /// from the other side depends on the score.
    pub(crate) fn score_member(&self, slots: &[Option<Value>]) -> Result<Option<ScoreResult>> {
        let Some(sc) = &self.scorecard else { return Ok(None) };
        if slots.len() != self.fields.len().saturating_add(self.metrics.len()) {
            return Ok(None);
        }
        let values = Values { plan: self, slots: Cow::Borrowed(slots) };
        sc.score_with(&values, self.doc.rounding.score, ScoreNeeds { member: true, detail: false }).map(Some)
    }

    /// Evaluates a record as `pass` says: the fields, the metrics in order, the score, the
    /// incentive run (finished by the caller).
    pub(super) fn evaluate_as(&self, record: &impl Record, pass: Pass<'_>) -> Result<Evaluation<'_>> {
        let Pass { explain, needs, extra, listed, known, slots: given, no_metrics, rows, skip } = pass;
        // A statement finished in a locale lists its transactions: explained, and what-ifs.
        let listed = listed || explain.is_some() || extra.is_some();
        // An explanation shows every line.
        let detail = needs.detail || explain.is_some();
        if let Some(problem) = record.problem() {
            return Err(problem);
        }
        let mut trace = Vec::new();
        let mut texts = SlotTexts::default();
        let width = self.fields.len().saturating_add(self.metrics.len());
        let values = match given.filter(|g| explain.is_none() && g.len() == width) {
            Some(given) => Values { plan: self, slots: Cow::Borrowed(given) },
            None => {
                let mut slots = Vec::with_capacity(width);
                // Every field at once where the record can (JSON), else one by one as each is needed.
                let mut inputs = record.inputs(&self.names);
                for (index, field) in self.fields.iter().enumerate() {
                    let id = field.def.id.as_str();
                    let input = match inputs.as_mut().and_then(|all| all.get_mut(index)) {
                        Some(input) => std::mem::replace(input, crate::formula::input::Input::Missing),
                        None => record.input(index, id),
                    };
                    let value = input
                        .to_typed(field.def.field_type)
                        .map_err(|e| e.name(id).path(Origin::Record, record_path(id)))?;
                    slots.push(value.or_else(|| field.default.clone()));
                }
                slots.resize(width, None);
                let mut values = Values { plan: self, slots: Cow::Owned(slots) };
                self.compute_metrics(&mut values, explain, &mut trace, &mut texts)?;
                values
            }
        };
        let score = match &self.scorecard {
            Some(_) if known.is_some() => None,
            Some(sc) => {
                let mut score = sc.score_with(&values, self.doc.rounding.score, ScoreNeeds { detail, ..needs })?;
                if let Some(locale) = explain {
                    score.explain(locale);
                    for line in &mut score.indicators {
                        line.inputs = super::explain::inputs(self, sc.reads_of(&line.id), &values.slots, &mut texts);
                    }
                }
                Some(score)
            }
            None => None,
        };
        let run = match &self.incentive {
            Some(inc) => {
                let facts = known.or_else(|| score.as_ref().map(score_facts));
                Some(inc.run(&Evaluator::new(&values), record, facts, extra, Keep { detail, listed }, rows, skip)?)
            }
            None => None,
        };
        let metrics = if no_metrics { Vec::new() } else { self.collect(&values.slots) };
        let slots = match values.slots {
            Cow::Owned(slots) if no_metrics => slots,
            _ => Vec::new(),
        };
        Ok(Evaluation { metrics, trace, score, incentive: None, run, slots })
    }

    /// Computes the metrics in order into `values`' slots (after the fields); with a locale,
    /// adds each one's trace entry.
    fn compute_metrics<'p>(
        &'p self,
        values: &mut Values<'p, '_>,
        explain: Option<Locale>,
        trace: &mut Vec<TraceEntry<'p>>,
        texts: &mut SlotTexts,
    ) -> Result<()> {
        for &i in &self.order {
            let Some(metric) = self.metrics.get(i) else {
                continue;
            };
            let exact = Evaluator::new(&*values)
                .eval(&metric.root)
                .map(Value::normalized)
                .map_err(|e| in_metric(e, i, &metric.def.id))?;
            check_kind(&exact, metric.def.kind).map_err(|e| in_metric(e, i, &metric.def.id))?;
            if let Some(locale) = explain {
                trace.push(trace_entry(self, metric, &values.slots, texts, &exact, locale));
            }
            if let Some(slot) = values.slots.to_mut().get_mut(self.fields.len().saturating_add(i)) {
                *slot = Some(exact);
            }
        }
        Ok(())
    }

    fn collect(&self, slots: &[Option<Value>]) -> Vec<MetricResult<'_>> {
        let base = self.fields.len();
        self.metrics
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let exact = slots.get(base.saturating_add(i))?.clone()?;
                let value = m.def.kind.round(&exact, &self.doc.rounding);
                Some(MetricResult { id: m.def.id.as_str(), name: m.name.clone(), kind: m.def.kind, exact, value })
            })
            .collect()
    }
}

/// What the incentive section reads of a score.
pub(crate) fn score_facts(s: &crate::scorecard::ScoreResult) -> ScoreFacts {
    ScoreFacts {
        total: s.total.0,
        coefficient: s.coefficient.0,
        vetoed: s.member.as_ref().map_or_else(|| s.vetoes.iter().any(|v| v.triggered), |m| m.vetoed),
    }
}

fn check_kind(value: &Value, kind: MetricKind) -> Result<()> {
    let ok = match kind {
        k if k.is_numeric() => matches!(value, Value::Number(_)),
        MetricKind::Text => matches!(value, Value::Text(_)),
        MetricKind::Boolean => matches!(value, Value::Bool(_)),
        _ => matches!(value, Value::Date(_)),
    };
    if ok {
        return Ok(());
    }
    Err(Error::new(ErrorCode::TypeMismatch).expected(kind.phrase()).found(value.type_of().phrase()))
}

/// Points an error raised inside metric `i` at its formula, unless it points at the record.
fn in_metric(mut err: Error, i: usize, id: &str) -> Error {
    if err.origin == Origin::Formula && err.path.is_empty() {
        err.origin = Origin::Plan;
        err.path = format!("/metrics/{i}/formula");
    }
    err.detail.metric = Some(id.to_string());
    err
}
