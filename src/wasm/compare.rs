//! `Compare`: a compare session for the admin preview (see [`crate::preview`]). Records and
//! specs cross as JSON through the document reader, so a value with no JSON form is a coded
//! error with its path.

use super::document;
use super::error::to_js;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::json::read::Read;
use crate::base::locale::Locale;
use crate::base::number::serialize_numbers_as;
use crate::plan::output::Options;
use crate::plan::Plan;
use crate::preview::{CompareOptions, CompareSession, CurveSpec, SensitivitySpec, View};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

/// A compare session: the baseline plan computed once over a team's records, and a draft.
#[wasm_bindgen(js_name = Compare)]
pub struct JsCompare {
    inner: CompareSession,
    locale: Locale,
}

/// A plan document (JSON text or a JS object) compiled.
fn plan_of(value: &JsValue) -> Result<Plan> {
    Plan::compile(&document::text(value)?)
}

/// One record as JSON (`path` is its place: `/3` in a team, empty alone).
fn record_of(value: &JsValue, path: &str) -> Result<Json> {
    if document::kind_of(value) != "object" {
        let found = document::kind_of(value);
        return Err(Error::new(ErrorCode::InvalidValue)
            .name(Phrase::Record)
            .expected(Phrase::KindObject)
            .found(Text::from_wire(&found))
            .path(Origin::Record, path.to_string()));
    }
    let text = document::record_text(value).map_err(|e| {
        let at = format!("{path}{}", e.path);
        e.path(Origin::Record, at)
    })?;
    // Through the one JSON reader, for the pointer; the parser's English stays out of the detail.
    crate::base::json::from_json(&text).map_err(|e| {
        Error::new(ErrorCode::InvalidValue)
            .name(Phrase::Record)
            .expected(Phrase::AJsonValue)
            .path(Origin::Record, format!("{path}{}", e.path))
    })
}

/// A spec or view given as a JS object (or nothing, for its defaults).
fn spec_of<T: Read + Default>(value: &JsValue) -> Result<T> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let to_options = |e: Error| {
        let at = e.path.clone();
        e.path(Origin::Options, at)
    };
    let text = document::text(value).map_err(to_options)?;
    crate::base::json::read_document(&text).map_err(to_options)
}

/// A record index given by JS.
fn index_of(value: &JsValue) -> Result<usize> {
    value.as_f64().filter(|i| i.fract() == 0.0 && *i >= 0.0 && *i < 4_294_967_296.0).map(|i| i as usize).ok_or_else(
        || {
            Error::new(ErrorCode::InvalidOption)
                .name("index")
                .expected(Phrase::ARecordIndex)
                .found(Text::from_wire(&document::kind_of(value)))
                .path(Origin::Options, "")
        },
    )
}

#[wasm_bindgen(js_class = Compare)]
impl JsCompare {
    /// Opens a session: `baseline` (a plan document or its JSON text) computed over `records`
    /// (a team, one period). `options`: `{ locale?, actuals? }` (the fields scaled by
    /// sensitivity and curves). A record that fails under a plan is reported by the comparison.
    pub fn open(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] baseline: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CompareOptions")] options: JsValue,
    ) -> std::result::Result<JsCompare, JsValue> {
        let options = spec_of(&options).map_err(|e| to_js(&e, Locale::default()))?;
        JsCompare::start(&baseline, &records, options).map_err(|e| to_js(&e, Locale::default()))
    }

    /// Sets the draft (a plan document or its JSON text) and computes it over the records; the
    /// baseline is not recomputed. A draft that does not compile throws, and the previous draft
    /// stays.
    #[wasm_bindgen(js_name = setDraft)]
    pub fn set_draft(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] draft: JsValue,
    ) -> std::result::Result<(), JsValue> {
        let locale = self.locale;
        plan_of(&draft).and_then(|plan| self.inner.set_draft(plan)).map_err(|e| to_js(&e, locale))
    }

    /// Removes the draft: the comparison is the baseline with itself.
    #[wasm_bindgen(js_name = clearDraft)]
    pub fn clear_draft(&mut self) {
        self.inner.clear_draft();
    }

    /// Replaces record `index`; only it is evaluated again, under both plans.
    #[wasm_bindgen(js_name = setRecord)]
    pub fn set_record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] record: JsValue,
    ) -> std::result::Result<(), JsValue> {
        let locale = self.locale;
        let set = index_of(&index)
            .and_then(|i| record_of(&record, &format!("/{i}")).map(|r| (i, r)))
            .and_then(|(i, r)| self.inner.set_record(i, r));
        set.map_err(|e| to_js(&e, locale))
    }

    /// Adds a record at the end; its index.
    #[wasm_bindgen(js_name = addRecord)]
    pub fn add_record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] record: JsValue,
    ) -> std::result::Result<u32, JsValue> {
        let locale = self.locale;
        let path = format!("/{}", self.inner.records().len());
        let added = record_of(&record, &path).and_then(|r| self.inner.add_record(r));
        added.map(|i| u32::try_from(i).unwrap_or(u32::MAX)).map_err(|e| to_js(&e, locale))
    }

    /// Removes record `index` (the later ones move down by one).
    #[wasm_bindgen(js_name = removeRecord)]
    pub fn remove_record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
    ) -> std::result::Result<(), JsValue> {
        let locale = self.locale;
        index_of(&index).and_then(|i| self.inner.remove_record(i)).map(|_| ()).map_err(|e| to_js(&e, locale))
    }

    /// The number of records.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.inner.records().len()).unwrap_or(u32::MAX)
    }

    /// The comparison: per rep and for the team (`view`: top N, threshold, histogram bins…).
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn comparison(
        &self,
        #[wasm_bindgen(unchecked_param_type = "View")] view: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        self.answer(&options, |s| s.comparison(&spec_of::<View>(&view)?))
    }

    /// Rep `index` under both plans: outcomes, changes per component, what it crossed.
    #[wasm_bindgen(unchecked_return_type = "RepChange")]
    pub fn rep(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        self.answer(&options, |s| s.rep(index_of(&index)?))
    }

    /// Rep `index` explained under both plans, side by side (statements with every sentence).
    #[wasm_bindgen(unchecked_return_type = "RepExplanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        let read = document::options_of(&options).map_err(|e| to_js(&e, self.locale))?;
        let locale = read.locale.unwrap_or(self.locale);
        let explained = Options { explain: true, locale: Some(locale), ..read };
        let run = || -> Result<JsValue> {
            let out = self.inner.explain(index_of(&index)?, &explained)?;
            serialize_numbers_as(explained.numbers, || super::convert::to_js(&out))
        };
        run().map_err(|e| to_js(&e, locale))
    }

    /// The team's costs with every rep's actuals scaled (`spec.changes` in percent).
    #[wasm_bindgen(unchecked_return_type = "Sensitivity")]
    pub fn sensitivity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SensitivitySpec")] spec: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        self.answer(&options, |s| s.sensitivity(&spec_of::<SensitivitySpec>(&spec)?))
    }

    /// Both plans' payout by attainment, for charting on one chart.
    #[wasm_bindgen(unchecked_return_type = "Curves")]
    pub fn curves(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CurveSpec")] spec: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        self.answer(&options, |s| s.curves(&spec_of::<CurveSpec>(&spec)?))
    }
}

/// One-shot: `draft` compared with `baseline` over `records`, as a session opened, given the
/// draft and asked for `view` would compare them (`options`: the locale of messages and the
/// number mode). A page that compares again on every edit keeps a [`Compare`](JsCompare) open.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] baseline: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] draft: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
    #[wasm_bindgen(unchecked_param_type = "View")] view: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> std::result::Result<JsValue, JsValue> {
    let read = document::options_of(&options).map_err(|e| to_js(&e, Locale::default()))?;
    let open = CompareOptions { locale: read.locale, ..CompareOptions::default() };
    // An error before the session exists is worded as the session's would be: in the options'
    // locale, else the baseline's (read leniently, only then).
    let locale = || {
        read.locale.unwrap_or_else(|| {
            document::text(&baseline).map(|t| crate::base::json::document_locale(&t)).unwrap_or_default()
        })
    };
    let mut session = JsCompare::start(&baseline, &records, open).map_err(|e| to_js(&e, locale()))?;
    session.set_draft(draft)?;
    session.comparison(view, options)
}

impl JsCompare {
    /// A session of `baseline` over `records` (messages in `options.locale`, else the plan's).
    fn start(baseline: &JsValue, records: &JsValue, options: CompareOptions) -> Result<JsCompare> {
        let plan = plan_of(baseline)?;
        let locale = options.locale.unwrap_or(plan.locale());
        let rows = document::records(records)?;
        let records =
            rows.iter().enumerate().map(|(i, r)| record_of(r, &format!("/{i}"))).collect::<Result<Vec<_>>>()?;
        Ok(JsCompare { inner: CompareSession::open(plan, records, options)?, locale })
    }

    /// Runs `f` and hands its result to JS in the options' number mode; errors in the session's
    /// locale (or the options').
    fn answer<T: serde::Serialize>(
        &self,
        options: &JsValue,
        f: impl FnOnce(&CompareSession) -> Result<T>,
    ) -> std::result::Result<JsValue, JsValue> {
        let read = document::options_of(options).map_err(|e| to_js(&e, self.locale))?;
        let locale = read.locale.unwrap_or(self.locale);
        let out = f(&self.inner).map_err(|e| to_js(&e, locale))?;
        serialize_numbers_as(read.numbers, || super::convert::to_js(&out)).map_err(|e| to_js(&e, locale))
    }
}
