//! Core errors → `SalesScoreError` instances.

use crate::base::error::{Error, ErrorReport};
use crate::base::locale::Locale;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/error.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(report: JsValue) -> JsValue;
}

#[derive(Serialize)]
struct Thrown<'a> {
    #[serde(flatten)]
    report: ErrorReport,
    locale: Locale,
    messages: Messages<'a>,
}

#[derive(Serialize)]
struct Messages<'a> {
    #[serde(rename = "zh-CN")]
    zh: &'a str,
    en: &'a str,
}

/// The JS error for a core error, with its message in `locale`.
pub fn to_js(err: &Error, locale: Locale) -> JsValue {
    let (zh, en) = (err.message(Locale::ZhCn), err.message(Locale::En));
    let thrown = Thrown { report: err.report(locale), locale, messages: Messages { zh: &zh, en: &en } };
    match super::output::to_js(&thrown) {
        Ok(report) => create_error(report),
        Err(e) => JsValue::from(js_sys::Error::new(&format!("{}: {}", err.code, e.code))),
    }
}
