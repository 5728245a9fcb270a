//! `decompose(spec)`: target decomposition in one call.

use super::convert;
use super::error::to_js;
use crate::number::serialize_numbers_as;
use wasm_bindgen::prelude::*;

/// Splits a target top-down along the organisation and over the months of the period, exactly
/// at the rounding unit, and returns the whole allocation tree (`{ currency, unit, total,
/// months, quarters, weeks?, root }`). `explain: true` adds each node's reasons as text in the
/// locale (default: the spec's). Throws `SalesScoreError` with a JSON pointer into the spec.
#[wasm_bindgen(unchecked_return_type = "Decomposition")]
pub fn decompose(
    #[wasm_bindgen(unchecked_param_type = "DecompositionSpec | string")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let json = super::spec::json(&spec, &options)?;
    let spec_locale = crate::plan::document_locale(&json);
    let options = convert::options(&options).map_err(|e| to_js(&e, spec_locale))?;
    let locale = options.locale.unwrap_or(spec_locale);
    let result = if options.explain {
        crate::targets::decompose_explained(&json, Some(locale))
    } else {
        crate::targets::decompose(&json)
    }
    .map_err(|e| to_js(&e, locale))?;
    serialize_numbers_as(options.numbers, || convert::to_js(&result)).map_err(|e| to_js(&e, locale))
}
