//! JS values → what the core reads, through `document.js`: the JSON text of a document (a plan
//! or a spec), call options, and the records of a batch. Each refuses a value it cannot read
//! faithfully with a coded error and the value's JSON pointer, and checks its limit before
//! anything is copied into WebAssembly memory.

use super::error::to_js;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/document.js")]
extern "C" {
    #[wasm_bindgen(js_name = documentJson)]
    fn document_json(value: &JsValue) -> js_sys::Array;
    #[wasm_bindgen(js_name = documentJson)]
    fn document_json_limited(value: &JsValue, text_limit: u32) -> js_sys::Array;
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options(value: &JsValue) -> js_sys::Array;
    #[wasm_bindgen(js_name = batchRecords)]
    fn batch_records(value: &JsValue, limit: u32) -> js_sys::Array;
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of_js(value: &JsValue) -> String;
}

/// How error messages name the kind of a JS value (`null`, `array`, `symbol`, `Map`…), safely
/// (`Array.isArray` throws on a revoked Proxy).
pub fn kind_of(value: &JsValue) -> String {
    kind_of_js(value)
}

/// Records in one batch call.
pub const MAX_RECORDS: u32 = 100_000;

/// The error a `[null, code, path, found, expected, name]` answer of `document.js` describes.
fn problem(answer: &js_sys::Array, origin: Origin) -> Error {
    let part = |i: u32| answer.get(i).as_string().unwrap_or_default();
    let code = match part(1).as_str() {
        "NOT_FINITE" => ErrorCode::NotFinite,
        "TOO_LARGE" => ErrorCode::TooLarge,
        "READ_FAILED" => ErrorCode::ReadFailed,
        "INVALID_OPTION" => ErrorCode::InvalidOption,
        _ => ErrorCode::InvalidValue,
    };
    let path = part(2);
    // Named by its key (`target`), or by its path when it is an item of a list; what a limit
    // counts, and the records argument, by their phrases.
    let name = match part(5) {
        name if code == ErrorCode::TooLarge => Phrase::limit(&name).map_or_else(|| Text::value(name), Text::from),
        name if name == "records" => Phrase::Records.into(),
        name if !name.is_empty() => name.into(),
        _ if path.is_empty() => Phrase::TheDocument.into(),
        _ => {
            let key = path.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
            if key.is_empty() || key.bytes().all(|b| b.is_ascii_digit()) {
                path.clone().into()
            } else {
                key.into()
            }
        }
    };
    let mut err = Error::new(code).name(name).found(Text::from_wire(&part(3))).path(origin, path);
    let expected = part(4);
    if !expected.is_empty() {
        err = err.expected(Text::from_wire(&expected));
    }
    err
}

/// The answer's value when it is one (`[value]`), else the error it describes.
fn answer(answer: js_sys::Array, origin: Origin) -> Result<JsValue> {
    let first = answer.get(0);
    if first.is_null() {
        return Err(problem(&answer, origin));
    }
    Ok(first)
}

/// The JSON text of a document given as JSON text or as a JS value (see `documentJson`).
pub fn text(value: &JsValue) -> Result<String> {
    let text = answer(document_json(value), Origin::Plan)?;
    text.as_string().ok_or_else(|| Error::new(ErrorCode::InvalidValue).found(Phrase::TypeText).path(Origin::Plan, ""))
}

/// The JSON text of a record (a JS object), each text value within [`crate::formula::input::MAX_TEXT`];
/// errors point into the record.
pub fn record_text(value: &JsValue) -> Result<String> {
    let limit = u32::try_from(crate::formula::input::MAX_TEXT).unwrap_or(u32::MAX);
    let text = answer(document_json_limited(value, limit), Origin::Record)?;
    text.as_string().ok_or_else(|| Error::new(ErrorCode::InvalidValue).found(Phrase::TypeText).path(Origin::Record, ""))
}

/// [`text`], its error thrown in the options' locale or else the document's (`locale_of`).
pub fn json(
    value: &JsValue,
    options: &JsValue,
    locale_of: impl Fn(&str) -> Locale,
) -> std::result::Result<String, JsValue> {
    text(value).map_err(|e| {
        let asked = options_of(options).ok().and_then(|o| o.locale);
        let text = value.as_string().unwrap_or_default();
        to_js(&e, asked.unwrap_or_else(|| locale_of(&text)))
    })
}

/// The options of a call (`{ numbers, explain, locale, detail }`, or undefined / null for none).
/// Unknown keys and bad values are `INVALID_OPTION` with the key's path.
pub fn options_of(value: &JsValue) -> Result<crate::plan::output::Options> {
    use crate::plan::output::{DetailLevel, NumberOutput, Options};
    let read = read_options(value);
    if read.get(0).is_null() {
        let err = problem(&read, Origin::Options);
        if err.code == ErrorCode::InvalidOption && err.path.starts_with('/') {
            let key = err.detail.found.clone().unwrap_or_default();
            let suggestion = crate::base::error::closest(&key, OPTION_KEYS.iter().copied());
            return Err(bad_option(&key, Phrase::OneOfOptionKeys).suggest(suggestion));
        }
        return Err(err);
    }
    let (numbers, explain, locale, detail) = (read.get(0), read.get(1), read.get(2), read.get(3));
    let mut options = Options::default();
    match numbers.as_string().as_deref() {
        _ if numbers.is_undefined() => {}
        Some("number") => options.numbers = NumberOutput::Number,
        Some("string") => options.numbers = NumberOutput::String,
        _ => return Err(bad_option("numbers", Phrase::NumberOrString)),
    }
    if !explain.is_undefined() {
        options.explain = explain.as_bool().ok_or_else(|| bad_option("explain", Phrase::TrueOrFalse))?;
    }
    if !locale.is_undefined() {
        let tag = locale.as_string().unwrap_or_default();
        options.locale = Some(Locale::parse(&tag).ok_or_else(|| bad_option("locale", Phrase::ZhOrEn))?);
    }
    match detail.as_string().as_deref() {
        _ if detail.is_undefined() => {}
        Some("full") => options.detail = DetailLevel::Full,
        Some("totals") if options.explain => return Err(bad_option("detail", Phrase::FullWhenExplained)),
        Some("totals") => options.detail = DetailLevel::Totals,
        _ => return Err(bad_option("detail", Phrase::FullOrTotals)),
    }
    Ok(options)
}

/// The keys `Options` accepts.
const OPTION_KEYS: [&str; 4] = ["numbers", "explain", "locale", "detail"];

fn bad_option(key: &str, expected: Phrase) -> Error {
    Error::new(ErrorCode::InvalidOption)
        .name(key)
        .expected(expected)
        .path(Origin::Options, format!("/{}", crate::base::error::pointer_segment(key)))
}

/// The records of a batch call, read once into a plain array: `INVALID_VALUE` when `value` is
/// not an array, `TOO_LARGE` past [`MAX_RECORDS`], `READ_FAILED` when reading it threw.
pub fn records(value: &JsValue) -> Result<Vec<JsValue>> {
    Ok(record_array(value)?.iter().collect())
}

/// [`records`] as the plain array itself (a batch reads its records from it in a few crossings).
pub fn record_array(value: &JsValue) -> Result<js_sys::Array> {
    Ok(answer(batch_records(value, MAX_RECORDS), Origin::Record)?.unchecked_into())
}
