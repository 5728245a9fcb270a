//! `pace(spec, options)`: pacing against a target, one call.

use super::convert;
use super::error::to_js;
use crate::base::number::serialize_numbers_as;
use crate::targets::pace as core;
use wasm_bindgen::prelude::*;

/// Paces a spec (a JSON string or an object): each rep's progress, forecasts and chance of
/// reaching the target, and the team roll-up; with `explain: true`, sentences in the locale.
/// Throws `SalesScoreError` with a JSON pointer into the spec.
#[wasm_bindgen(unchecked_return_type = "Pacing")]
pub fn pace(
    #[wasm_bindgen(unchecked_param_type = "PaceSpec | string")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let json = super::document::json(&spec, &options, core::spec_locale)?;
    let asked = core::spec_locale(&json);
    let options = super::document::options_of(&options).map_err(|e| to_js(&e, asked))?;
    let locale = options.locale.unwrap_or(asked);
    let explain = options.explain.then_some(locale);
    let spec = core::parse(&json).map_err(|e| to_js(&e, locale))?;
    let pacing = core::pace_spec(&spec, explain).map_err(|e| to_js(&e, locale))?;
    serialize_numbers_as(options.numbers, || convert::to_js(&pacing)).map_err(|e| to_js(&e, locale))
}
