//! JS values ↔ core inputs and outputs.

use crate::error::{Error, ErrorCode, Origin, Result};
use crate::input::Input;
use crate::output::{Options, OutputValue};
use crate::plan::Record;
use serde::Serialize;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// Reads one JS value without a declared type.
pub fn input(value: &JsValue) -> Input {
    if let Some(f) = value.as_f64() {
        Input::Float(f)
    } else if let Some(s) = value.as_string() {
        Input::Text(s)
    } else if let Some(b) = value.as_bool() {
        Input::Bool(b)
    } else if value.is_null() || value.is_undefined() {
        Input::Missing
    } else if value.is_bigint() {
        let text = js_sys::BigInt::from(value.clone()).to_string(10).map(String::from).unwrap_or_default();
        crate::number::parse_decimal(&text).map_or(Input::Unsupported("bigint"), Input::Decimal)
    } else if js_sys::Array::is_array(value) {
        Input::Unsupported("array")
    } else {
        Input::Unsupported("object")
    }
}

/// Reads `obj[key]` (missing when `obj` is not an object).
pub fn get(obj: &JsValue, key: &JsValue) -> JsValue {
    if obj.is_object() {
        js_sys::Reflect::get(obj, key).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// Checks that a record is a plain object.
pub fn expect_object(value: &JsValue, path: &str) -> Result<()> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        return Ok(());
    }
    let found = if value.is_null() { "null".to_string() } else { value.js_typeof().as_string().unwrap_or_default() };
    Err(Error::new(ErrorCode::InvalidValue).name("record").expected("object").found(found).path(Origin::Record, path))
}

/// A JS object seen as a record, with the field keys made once per plan.
pub struct JsRecord<'a> {
    /// The object.
    pub obj: &'a JsValue,
    /// Field id → JS key.
    pub keys: &'a HashMap<String, JsValue>,
}

impl Record for JsRecord<'_> {
    fn input(&self, field: &str) -> Input {
        match self.keys.get(field) {
            Some(key) => input(&get(self.obj, key)),
            None => Input::Missing,
        }
    }
}

/// One output value as JS.
pub fn output(value: &OutputValue) -> JsValue {
    match value {
        OutputValue::Number(n) => JsValue::from_f64(*n),
        OutputValue::Text(s) => JsValue::from_str(s),
        OutputValue::Bool(b) => JsValue::from_bool(*b),
    }
}

/// Serializes a result as plain JS objects (maps as objects).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(ErrorCode::InvalidValue).found(e.to_string()))
}

/// The keys `Options` accepts.
const OPTION_KEYS: [&str; 3] = ["numbers", "explain", "locale"];

/// Options from an optional JS object; unknown keys and bad values are `INVALID_OPTION`.
pub fn options(value: &Option<js_sys::Object>) -> Result<Options> {
    let Some(value) = value.as_ref().map(JsValue::from).filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(Options::default());
    };
    // serde-wasm-bindgen reads only the declared keys, so unknown ones are checked here.
    for key in js_sys::Object::keys(&js_sys::Object::from(value.clone())).iter().filter_map(|k| k.as_string()) {
        if !OPTION_KEYS.contains(&key.as_str()) {
            return Err(Error::new(ErrorCode::InvalidOption)
                .name(key.as_str())
                .expected(format!("one of {}", OPTION_KEYS.join(", ")))
                .suggest(crate::error::closest(&key, OPTION_KEYS.iter().copied()))
                .path(Origin::Options, format!("/{}", crate::error::pointer_segment(&key))));
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        Error::new(ErrorCode::InvalidOption).name("options").expected(e.to_string()).path(Origin::Options, "")
    })
}
