//! Payout as a function of attainment under each plan, for one rep or a typical rep, to draw both
//! plans on one chart.
//!
//! Attainment is the plan's: its first target bonus's (actual ÷ quota × 100), or, when the
//! caller names an actual and a target field, actual ÷ target × 100 for both plans. To put the
//! rep at attainment `a`, every actual of the record (see [`super::actuals`]) is multiplied by
//! `a ÷` the rep's attainment now, so the rep keeps its mix of products and customers; scaled
//! money is rounded to the cent, so `reached` (the attainment the plan then computes) may differ
//! from `a` in the last places. The payout is the rep's statement without the team's pools (a
//! pool depends on the whole team).
//!
//! The typical rep is the record with the median attainment under the baseline (the lower
//! median; equal attainments in record order) among those the baseline computes with an
//! attainment above 0.

use super::actuals::{ActualFields, Actuals};
use super::side::Side;
use super::view::option;
use crate::base::checked::{add, div, mul};
use crate::base::error::{pointer_segment, Error, ErrorCode, ErrorReport, Origin, Phrase, Result};
use crate::base::locale::Locale;
use crate::base::number::Dec;
use crate::formula::input::{FieldType, Input};
use crate::formula::Value;
use crate::plan::{settle, Plan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Most points one curve may have.
pub const MAX_POINTS: usize = 1_001;

/// Options of [`CompareSession::curves`](super::CompareSession::curves).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CurveSpec {
    /// First attainment, percent (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Dec,
    /// Last attainment, percent (default 200).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Dec,
    /// Step, percent (default 10; at most 1,001 points).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub step: Dec,
    /// The record to chart (default: the typical rep).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rep: Option<usize>,
    /// Attainment as actual ÷ target of two record fields (default: each plan's target bonus).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<AttainmentFields>,
    /// The record fields to scale (default: the session's actuals).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub actuals: Option<Vec<String>>,
    /// Whether the transactions' amount and collected columns are scaled too (default true).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transactions: bool,
}

impl Default for CurveSpec {
    fn default() -> Self {
        CurveSpec {
            from: Dec(Decimal::ZERO),
            to: Dec(Decimal::from(200)),
            step: Dec(Decimal::TEN),
            rep: None,
            attainment: None,
            actuals: None,
            transactions: true,
        }
    }
}

/// Attainment read from two record fields.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AttainmentFields {
    /// The actual field (scaled with the other actuals).
    pub actual: String,
    /// The target field.
    pub target: String,
}

/// Both plans' payout curves for one rep.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Curves {
    /// The record charted.
    pub rep: usize,
    /// Its id, when the baseline reads one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Whether it was chosen as the typical rep.
    pub typical: bool,
    /// What was scaled.
    pub actuals: ActualFields,
    /// The baseline's curve.
    pub baseline: PayoutCurve,
    /// The draft's curve.
    pub draft: PayoutCurve,
}

/// One plan's payout by attainment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PayoutCurve {
    /// The rep's attainment now, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// The points, by attainment.
    pub points: Vec<PayoutPoint>,
    /// Why there is no curve (no target bonus, no attainment to scale).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ErrorReport"))]
    pub error: Option<ErrorReport>,
}

/// The payout at one attainment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PayoutPoint {
    /// The attainment asked, percent.
    pub attainment: Dec,
    /// The attainment the plan computes for the scaled record.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reached: Option<Dec>,
    /// The statement total without pools.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub payout: Option<Dec>,
    /// Why the scaled record could not be paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ErrorReport"))]
    pub error: Option<ErrorReport>,
}

impl CurveSpec {
    /// The attainments to chart: `INVALID_OPTION` with a path into the options when the range
    /// is not one.
    pub fn attainments(&self) -> Result<Vec<Decimal>> {
        let (from, to, step) = (self.from.0, self.to.0, self.step.0);
        if from.is_sign_negative() && !from.is_zero() {
            return Err(option("from", Phrase::AnAttainmentAtLeast.with([0]), from.to_string(), "/from"));
        }
        if to < from {
            return Err(option("to", Phrase::AnAttainmentAtLeast.with([from]), to.to_string(), "/to"));
        }
        if step <= Decimal::ZERO {
            return Err(option("step", Phrase::AStepAbove0, step.to_string(), "/step"));
        }
        let mut out = Vec::new();
        let mut a = from;
        while a <= to {
            if out.len() >= MAX_POINTS {
                return Err(option("step", Phrase::AtMostPoints.with([MAX_POINTS]), step.to_string(), "/step"));
            }
            out.push(a);
            a = add(a, step)?;
        }
        Ok(out)
    }
}

/// The curves of `spec` for the session's records and sides.
pub(super) fn curves(
    records: &[serde_json::Value],
    baseline: &Side,
    draft: &Side,
    spec: &CurveSpec,
    locale: Locale,
) -> Result<Curves> {
    let points = spec.attainments()?;
    let plans = [&baseline.plan, &draft.plan];
    let actuals = Actuals::resolve(&plans, spec.actuals.as_deref(), spec.transactions, "/actuals")?;
    let fields = spec.attainment.as_ref();
    let (rep, typical) = match spec.rep {
        Some(i) if i < records.len() => (i, false),
        Some(i) => return Err(option("rep", Phrase::ARecordIndexBelow.with([records.len()]), i.to_string(), "/rep")),
        None => (typical_rep(records, baseline, fields)?, true),
    };
    let record = records.get(rep).ok_or_else(|| option("rep", Phrase::ARecord, rep.to_string(), "/rep"))?;
    let curve = |plan: &Plan| -> PayoutCurve {
        let now = match attainment(plan, record, fields) {
            Ok(a) if a > Decimal::ZERO => a,
            Ok(a) => {
                let e = Error::new(ErrorCode::InvalidValue)
                    .name("attainment")
                    .expected(Phrase::Above0)
                    .found(a.to_string());
                return PayoutCurve { attainment: Some(Dec(a)), points: Vec::new(), error: Some(e.report(locale)) };
            }
            Err(e) => return PayoutCurve { attainment: None, points: Vec::new(), error: Some(e.report(locale)) },
        };
        let points = points.iter().map(|a| point(plan, record, &actuals, fields, now, *a, locale)).collect();
        PayoutCurve { attainment: Some(Dec(now)), points, error: None }
    };
    let id = baseline.rep(rep).and_then(|r| r.score.as_deref()?.member.as_ref()).map(|m| m.id.to_string());
    Ok(Curves {
        rep,
        id,
        typical,
        actuals: actuals.describe(),
        baseline: curve(&baseline.plan),
        draft: curve(&draft.plan),
    })
}

/// The payout of `record` under `plan` with its actuals scaled from attainment `now` to `at`.
fn point(
    plan: &Plan,
    record: &serde_json::Value,
    actuals: &Actuals,
    fields: Option<&AttainmentFields>,
    now: Decimal,
    at: Decimal,
    locale: Locale,
) -> PayoutPoint {
    let paid = || -> Result<(Decimal, Decimal)> { paid_at(plan, &actuals.scale(record, div(at, now)?)?, fields) };
    match paid() {
        Ok((reached, payout)) => {
            PayoutPoint { attainment: Dec(at), reached: Some(Dec(reached)), payout: Some(Dec(payout)), error: None }
        }
        Err(e) => PayoutPoint { attainment: Dec(at), reached: None, payout: None, error: Some(e.report(locale)) },
    }
}

/// The attainment of `record` under `plan` and its statement total without pools.
fn paid_at(plan: &Plan, record: &serde_json::Value, fields: Option<&AttainmentFields>) -> Result<(Decimal, Decimal)> {
    let run = plan
        .pay_member(record, None, None, None, &[])?
        .run
        .ok_or_else(|| Error::new(ErrorCode::MissingKey).name("incentive").path(Origin::Plan, "/incentive"))?;
    let reached = match fields {
        Some(f) => field_attainment(record, f)?,
        None => plan_attainment(&run)?,
    };
    Ok((reached, settle(run, &[], None)?.statement.total.0))
}

/// The attainment of `record` under `plan`, percent: from the fields, or the plan's first target
/// bonus.
fn attainment(plan: &Plan, record: &serde_json::Value, fields: Option<&AttainmentFields>) -> Result<Decimal> {
    match fields {
        Some(f) => field_attainment(record, f),
        None => match plan.pay_member(record, None, None, None, &[])?.run {
            Some(run) => plan_attainment(&run),
            None => Err(no_attainment()),
        },
    }
}

/// actual ÷ target × 100.
fn field_attainment(record: &serde_json::Value, f: &AttainmentFields) -> Result<Decimal> {
    let (actual, target) = (number(record, &f.actual)?, number(record, &f.target)?);
    div(mul(actual, Decimal::ONE_HUNDRED)?, target)
        .map_err(|e| e.name(f.target.as_str()).path(Origin::Record, format!("/{}", pointer_segment(&f.target))))
}

/// The first target bonus's attainment.
fn plan_attainment(run: &crate::incentive::section::Run) -> Result<Decimal> {
    run.parts.iter().find(|p| p.kind == "targetBonus").and_then(|p| p.attainment).ok_or_else(no_attainment)
}

fn no_attainment() -> Error {
    Error::new(ErrorCode::MissingKey)
        .name("attainment")
        .expected(Phrase::TargetBonusOrAttainmentFields)
        .path(Origin::Options, "/attainment")
}

/// A numeric field of the record.
fn number(record: &serde_json::Value, field: &str) -> Result<Decimal> {
    let path = || format!("/{}", pointer_segment(field));
    match Input::from_json(record.get(field)).to_typed(FieldType::Number) {
        Ok(Some(Value::Number(d))) => Ok(d),
        Ok(_) => Err(Error::new(ErrorCode::MissingField).name(field).path(Origin::Record, path())),
        Err(e) => Err(e.name(field).path(Origin::Record, path())),
    }
}

/// The record with the median attainment under the baseline (see the module docs).
fn typical_rep(records: &[serde_json::Value], baseline: &Side, fields: Option<&AttainmentFields>) -> Result<usize> {
    let mut reps: Vec<(Decimal, usize)> = (0..records.len())
        .filter_map(|i| {
            let rep = baseline.rep(i)?;
            let a = match fields {
                Some(f) => records.get(i).and_then(|r| attainment(&baseline.plan, r, Some(f)).ok())?,
                None => rep.marks.as_ref()?.curves.first()?.attainment,
            };
            (a > Decimal::ZERO).then_some((a, i))
        })
        .collect();
    crate::base::order::sort(&mut reps);
    let middle = reps.len().saturating_sub(1) / 2;
    reps.get(middle).map(|(_, i)| *i).ok_or_else(|| {
        Error::new(ErrorCode::InvalidValue)
            .name("rep")
            .expected(Phrase::ARecordWithAttainmentAbove0)
            .path(Origin::Options, "/rep")
    })
}

use crate::base::json::read::{At, Read};

impl Read for CurveSpec {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["from", "to", "step", "rep", "attainment", "actuals", "transactions"])?;
        let d = Self::default();
        Ok(CurveSpec {
            from: o.or_else("from", || d.from)?,
            to: o.or_else("to", || d.to)?,
            step: o.or_else("step", || d.step)?,
            rep: o.or_else("rep", || d.rep)?,
            attainment: o.or_else("attainment", || d.attainment)?,
            actuals: o.or_else("actuals", || d.actuals)?,
            transactions: o.or_else("transactions", || d.transactions)?,
        })
    }
}

impl Read for AttainmentFields {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["actual", "target"])?;
        Ok(AttainmentFields { actual: o.req("actual")?, target: o.req("target")? })
    }
}
