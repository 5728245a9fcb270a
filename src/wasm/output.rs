//! Results to JS: every result type serialized onto the tape ([`super::tape`]) and rebuilt by
//! `buildValue` (`record.js`) in one crossing. Errors use it too, so it depends on nothing else
//! of the shims.

use crate::base::error::{Error, ErrorCode, Result};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/record.js")]
extern "C" {
    #[wasm_bindgen(js_name = buildValue)]
    #[cfg_attr(feature = "swb-output", allow(dead_code))]
    fn build_value(
        words: &[u32],
        numbers: &[f64],
        text: &str,
        lengths: &[u32],
        new_names: &str,
        new_name_lengths: &[u32],
        known: u32,
    ) -> JsValue;
}

/// Hands a result to JS in one crossing, as the value `JSON.parse` would give for its JSON, but
/// without printing and parsing it (see [`super::tape`]); one serializer for every result type.
/// serde-wasm-bindgen, which crosses once per value and property, measured 1.16–1.67× slower on
/// the plan's results but a team without explanations (`./run bench output`; the figures and
/// the reasons are in the README).
#[cfg(not(feature = "swb-output"))]
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    let tape = super::tape::Tape::of(value).map_err(|e| Error::new(ErrorCode::InvalidValue).found(e.to_string()))?;
    Ok(build_value(
        &tape.words,
        &tape.numbers,
        &tape.text,
        &tape.lengths,
        &tape.new_names,
        &tape.new_name_lengths,
        tape.known,
    ))
}

/// The benchmark's alternative to the tape (`--features swb-output`): serde-wasm-bindgen, set to
/// give the values `JSON.parse` would (plain objects for maps, `null` for missing values).
#[cfg(feature = "swb-output")]
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(ErrorCode::InvalidValue).found(e.to_string()))
}
