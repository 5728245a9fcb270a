//! `Plan`: a compiled plan document and per-record evaluation.

use super::convert::{self, record_path, JsRecord, RecordReader};
use super::document;
use super::error::to_js;
use crate::base::error::{Error, ErrorCode, Origin, Phrase};
use crate::base::locale::Locale;
use crate::base::number::serialize_numbers_as;
use crate::plan::output::{DetailLevel, Options, OutputValue, PlanResult};
use crate::plan::Plan;
use wasm_bindgen::prelude::*;

/// A compiled plan.
#[wasm_bindgen(js_name = Plan)]
pub struct JsPlan {
    inner: Plan,
    /// JS key of each field, in field order.
    field_keys: js_sys::Array,
    /// JS key of each metric, in metric order.
    metric_keys: js_sys::Array,
}

impl JsPlan {
    fn locale(&self, options: &Options) -> Locale {
        options.locale.unwrap_or(self.inner.locale())
    }

    /// Reads the options of a call and the locale they ask for; a bad one is thrown in the
    /// plan's locale.
    fn read_options(&self, options: &JsValue) -> Result<(Options, Locale), JsValue> {
        let options = document::options_of(options).map_err(|e| to_js(&e, self.inner.locale()))?;
        let locale = self.locale(&options);
        Ok((options, locale))
    }

    fn evaluate_one(&self, record: &JsRecord<'_>, options: &Options, index: Option<usize>) -> Result<JsValue, Error> {
        let in_record = |e: Error| if e.origin == Origin::Record { e.under(&record_path(index)) } else { e };
        if options.detail == DetailLevel::Totals && self.inner.has_lines() {
            // The totals alone: no lines computed, and a result of a few keys to cross.
            let totals = self.inner.evaluate_totals(record, options.numbers).map_err(in_record)?;
            return serialize_numbers_as(options.numbers, || convert::to_js(&totals));
        }
        let explain = options.explain.then_some(self.locale(options));
        let eval = self.inner.evaluate_in(record, explain).map_err(in_record)?;
        if options.explain || eval.score.is_some() || eval.incentive.is_some() {
            // Traces, scores and statements are nested: one tape crossing beats one per property.
            let result = PlanResult::new(eval, options);
            return serialize_numbers_as(options.numbers, || convert::to_js(&result));
        }
        // Metrics alone: `buildMetrics` fills the object from the plan's own array of JS keys and
        // one Float64Array, where the tape sends the ids as text on every call and is slower here
        // (`./run bench output`, which builds this path both ways with `generic-output`); the
        // result object is made there too, in the same crossing.
        if cfg!(feature = "generic-output") {
            let result = MetricsOnly { metrics: BorrowedMetrics(eval.metrics, options.numbers) };
            return convert::to_js(&result);
        }
        let values = eval.metrics.iter().map(|m| OutputValue::from_value(&m.value, options.numbers));
        Ok(convert::metrics_result(&self.metric_keys, values))
    }
}

#[wasm_bindgen(js_class = Plan)]
impl JsPlan {
    /// Compiles a plan document (a JSON string or an object). Throws `SalesScoreError` with a
    /// JSON pointer into the document.
    pub fn compile(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] document: JsValue,
    ) -> Result<JsPlan, JsValue> {
        let json = document::json(&document, &JsValue::UNDEFINED, crate::base::json::document_locale)?;
        let inner = Plan::compile(&json).map_err(|e| to_js(&e, crate::base::json::document_locale(&json)))?;
        let field_keys = inner.field_ids().map(JsValue::from_str).collect();
        let metric_keys = inner.metric_ids().map(JsValue::from_str).collect();
        Ok(JsPlan { inner, field_keys, metric_keys })
    }

    /// Evaluates one record: `{ metrics, trace? }`.
    #[wasm_bindgen(unchecked_return_type = "PlanResult")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (options, locale) = self.read_options(&options)?;
        let mut reader = RecordReader::default();
        let result = reader.read(&record, &self.field_keys, None).and_then(|r| self.evaluate_one(&r, &options, None));
        result.map_err(|e| to_js(&e, locale))
    }

    /// Evaluates many records in one call. Returns `{ results, errors }`: `results[i]` is record
    /// `i`'s `{ metrics, trace? }`, or `null` exactly when `errors` has an entry with `index: i`.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "PlanBatchResult")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (options, locale) = self.read_options(&options)?;
        let records = document::record_array(&records).map_err(|e| to_js(&e, locale))?;
        let mut reader = RecordReader::default();
        Ok(convert::batch(&records, locale, "results", |i| {
            let record = reader.read_item(&records, i, &self.field_keys).map_err(|e| e.under(&record_path(Some(i))))?;
            self.evaluate_one(&record, &options, Some(i))
        }))
    }

    /// Evaluates a whole team in one call (needs `scorecard.team`): `{ results, errors, team }`,
    /// where `team.members` are ranked best first with their forced-distribution grades.
    /// `results[i]` has record `i`'s metrics, and its full score only with `explain: true`.
    /// In the admin entry only: a form computes the record it shows, and the team's ranks,
    /// forced distribution and pools cost the form entry about 27 KB gzip of `.wasm`.
    #[cfg(feature = "admin")]
    #[wasm_bindgen(js_name = evaluateTeam, unchecked_return_type = "TeamResult")]
    pub fn evaluate_team(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (options, locale) = self.read_options(&options)?;
        let records = document::record_array(&records).map_err(|e| to_js(&e, locale))?;
        // Each record is read when the core first asks for it (with the next ones, in one
        // crossing), into one reader for the batch.
        let reader = std::cell::RefCell::new(RecordReader::default());
        let team_records: Vec<TeamRecord<'_>> = (0..records.length() as usize)
            .map(|index| TeamRecord { records: &records, index, keys: &self.field_keys, reader: &reader })
            .collect();
        // Per-rep score details are large; a team call computes and carries them only with
        // `explain` (`team.members` has every total, rank and grade).
        let explain = options.explain.then_some(locale);
        let out =
            self.inner.evaluate_team_with(&team_records, options.explain, explain).map_err(|e| to_js(&e, locale))?;
        let results: Vec<Option<TeamResult<'_>>> = out
            .results
            .into_iter()
            .map(|r| {
                r.map(|eval| {
                    if options.explain || eval.score.is_some() || eval.incentive.is_some() {
                        TeamResult::Full(Box::new(PlanResult::new(eval, &options)))
                    } else {
                        TeamResult::Metrics(MetricsOnly { metrics: BorrowedMetrics(eval.metrics, options.numbers) })
                    }
                })
            })
            .collect();
        let errors: Vec<TeamError> =
            out.errors.iter().map(|(index, e)| TeamError { index: *index, error: e.report(locale) }).collect();
        let output = TeamOutput { results, errors, team: &out.team };
        serialize_numbers_as(options.numbers, || convert::to_js(&output)).map_err(|e| to_js(&e, locale))
    }

    /// "If I close this much more": the incentive statement total with and without an extra
    /// deal credited wholly to the rep (`deal`: `{ amount, product?, customerType? }`), what
    /// each component gains, and the next tier, gate or curve point with the distance to it.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WhatIfDeal")] deal: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (options, locale) = self.read_options(&options)?;
        let run = || -> Result<JsValue, Error> {
            let extra = extra_deal(&deal)?;
            let mut reader = RecordReader::default();
            let record = reader.read(&record, &self.field_keys, None)?;
            let w = self.inner.what_if(&record, &extra, Some(locale))?;
            serialize_numbers_as(options.numbers, || convert::to_js(&w))
        };
        run().map_err(|e| to_js(&e, locale))
    }

    /// Warnings about a plan that compiles but is probably wrong (a rule never reached, a payout
    /// cliff, a grade no rep can reach…): each with a code, a severity, a JSON pointer into the
    /// document, its facts, and its message and hint in the options' locale (both in `messages`).
    #[cfg(feature = "admin")]
    #[wasm_bindgen(unchecked_return_type = "PlanDiagnostic[]")]
    pub fn diagnostics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (options, locale) = self.read_options(&options)?;
        let found = self.inner.diagnostics();
        let out: Vec<LocalizedDiagnostic<'_>> = found
            .iter()
            .map(|d| LocalizedDiagnostic { diagnostic: d, message: d.message(locale), hint: d.hint(locale) })
            .collect();
        serialize_numbers_as(options.numbers, || convert::to_js(&out)).map_err(|e| to_js(&e, locale))
    }

    /// The plan document as compiled (with defaults filled in). In the admin entry only (for
    /// editors and team pages; its serializer costs the form entry about 9 KB gzip of `.wasm`).
    #[cfg(feature = "admin")]
    #[wasm_bindgen(unchecked_return_type = "PlanDocument")]
    pub fn document(&self) -> Result<JsValue, JsValue> {
        convert::to_js(self.inner.document()).map_err(|e| to_js(&e, self.inner.locale()))
    }
}

/// A record of a team batch, read when the core first asks for it (records are evaluated one
/// after the other, so one reader serves the batch, a chunk of records at a time).
struct TeamRecord<'a> {
    records: &'a js_sys::Array,
    index: usize,
    keys: &'a js_sys::Array,
    reader: &'a std::cell::RefCell<RecordReader>,
}

impl TeamRecord<'_> {
    /// This record as the shared reader holds it (read there unless it is already).
    fn with<T>(&self, f: impl FnOnce(Result<convert::JsRecord<'_>, Error>) -> T) -> T {
        let mut reader = self.reader.borrow_mut();
        f(reader.read_item(self.records, self.index, self.keys))
    }
}

impl crate::plan::Record for TeamRecord<'_> {
    fn input(&self, index: usize, _field: &str) -> crate::formula::input::Input {
        self.with(|record| record.map_or(crate::formula::input::Input::Missing, |r| r.field(index)))
    }
    fn problem(&self) -> Option<Error> {
        // The error names the record alone: the team puts it under the record's index.
        self.with(|record| record.err())
    }
    fn rows(
        &self,
        key: &str,
        columns: &[&str],
        json: Option<usize>,
    ) -> std::result::Result<Option<crate::plan::Rows>, crate::plan::RowsError> {
        self.reader.borrow_mut().rows_item(self.records, self.index, key, columns, json)
    }
}

/// A team result: the full result, or (without explain and scores) only the metrics, shaped
/// as `PlanResult` shapes them, without copying their ids.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum TeamResult<'p> {
    Full(Box<PlanResult<'p>>),
    Metrics(MetricsOnly<'p>),
}

#[derive(serde::Serialize)]
struct MetricsOnly<'p> {
    metrics: BorrowedMetrics<'p>,
}

/// Metric values by id (`Metrics` of `PlanResult`, without copying the ids).
struct BorrowedMetrics<'p>(Vec<crate::plan::MetricResult<'p>>, crate::plan::output::NumberOutput);

impl serde::Serialize for BorrowedMetrics<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for m in &self.0 {
            map.serialize_entry(m.id, &OutputValue::from_value(&m.value, self.1))?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct TeamError {
    index: usize,
    error: crate::base::error::ErrorReport,
}

#[derive(serde::Serialize)]
struct TeamOutput<'p> {
    results: Vec<Option<TeamResult<'p>>>,
    errors: Vec<TeamError>,
    team: &'p crate::plan::TeamSummary,
}

/// A diagnostic with its message and hint in the asked locale.
#[cfg(feature = "admin")]
#[derive(serde::Serialize)]
struct LocalizedDiagnostic<'a> {
    #[serde(flatten)]
    diagnostic: &'a crate::plan::diagnostics::Diagnostic,
    message: &'a str,
    hint: &'a str,
}

/// Reads `{ amount, product?, customerType? }`.
fn extra_deal(deal: &JsValue) -> Result<crate::incentive::section::ExtraDeal, Error> {
    let bad = |key: &str, expected: Phrase, path: &str| {
        Error::new(ErrorCode::InvalidOption).name(key).expected(expected).path(Origin::Record, path)
    };
    if convert::kind_of(deal) != "object" {
        return Err(bad("deal", Phrase::ADealObject, ""));
    }
    let amount = convert::input(&convert::get(deal, &JsValue::from_str("amount")))
        .to_typed(crate::formula::input::FieldType::Money)
        .map_err(|e| e.name("amount").path(Origin::Record, "/amount"))?;
    let Some(crate::formula::Value::Number(amount)) = amount else {
        return Err(bad("amount", Phrase::AnAmount, "/amount"));
    };
    let text = |key: &str| convert::get(deal, &JsValue::from_str(key)).as_string();
    Ok(crate::incentive::section::ExtraDeal { amount, product: text("product"), customer_type: text("customerType") })
}
