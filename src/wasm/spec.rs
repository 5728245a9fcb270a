//! Specs (`pace`, `decompose`) given as a JSON string or a JS object, as JSON text for the core.

use super::convert;
use super::error::to_js;
use crate::error::{Error, ErrorCode, Origin};
use crate::locale::Locale;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/spec.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = specJson)]
    fn spec_json(value: &JsValue) -> Result<js_sys::Array, JsValue>;
}

/// The JSON text of a spec: a string as given, an object through `JSON.stringify`. An object
/// holding NaN or ±Infinity (which JSON would turn into null) throws `NOT_FINITE` at the first
/// one's path, in the options' locale or else the spec's; a value with no JSON form throws
/// `INVALID_PLAN`.
pub fn json(spec: &JsValue, options: &Option<js_sys::Object>) -> Result<String, JsValue> {
    if let Some(text) = spec.as_string() {
        return Ok(text);
    }
    let parts = spec_json(spec).ok();
    let part = |i: u32| parts.as_ref().and_then(|p| p.get(i).as_string());
    let text = part(0).ok_or_else(|| {
        to_js(&Error::new(ErrorCode::InvalidPlan).found("not JSON").path(Origin::Plan, ""), Locale::default())
    })?;
    let Some(path) = part(1) else {
        return Ok(text);
    };
    // Named by its key (`target`), or by its path when it is an item of a list.
    let key = path.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
    let name = if key.is_empty() || key.bytes().all(|b| b.is_ascii_digit()) { path.clone() } else { key };
    let err = Error::new(ErrorCode::NotFinite).name(name).found(part(2).unwrap_or_default()).path(Origin::Plan, path);
    let locale =
        convert::options(options).ok().and_then(|o| o.locale).unwrap_or_else(|| crate::plan::document_locale(&text));
    Err(to_js(&err, locale))
}
