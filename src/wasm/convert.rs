//! JS values ↔ core inputs and outputs.

pub use super::document::kind_of;
pub use super::output::to_js;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use crate::formula::input::Input;
use crate::plan::output::OutputValue;
use crate::plan::Record;
use wasm_bindgen::prelude::*;

/// Reads one JS value without a declared type.
pub fn input(value: &JsValue) -> Input {
    if let Some(f) = value.as_f64() {
        Input::Float(f)
    } else if let Some(s) = value.as_string() {
        Input::Text(s.as_str().into())
    } else if let Some(b) = value.as_bool() {
        Input::Bool(b)
    } else if value.is_null() || value.is_undefined() {
        Input::Missing
    } else if value.is_bigint() {
        let text = js_sys::BigInt::from(value.clone()).to_string(10).map(String::from).unwrap_or_default();
        crate::base::number::parse_decimal(&text).map_or(Input::Unsupported("bigint"), Input::Decimal)
    } else {
        // Named safely (`Array.isArray` throws on a revoked Proxy).
        Input::Unsupported(match kind_of(value).as_str() {
            "array" => "array",
            "symbol" => "symbol",
            "function" => "function",
            _ => "object",
        })
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

/// The path of record `index` in a batch (`/3`), or the root for a single record.
pub fn record_path(index: Option<usize>) -> String {
    index.map_or_else(String::new, |i| format!("/{i}"))
}

/// The error for a record `readFields` could not read: `[problem, key, found]`.
fn unreadable(answer: &JsValue, path: String) -> Error {
    let answer: &js_sys::Array = answer.unchecked_ref();
    let part = |i: u32| answer.get(i).as_string().unwrap_or_default();
    let key = part(1);
    let at = if key.is_empty() { path } else { format!("{path}/{}", crate::base::error::pointer_segment(&key)) };
    match part(0).as_str() {
        "read" => Error::new(ErrorCode::ReadFailed).name(key).found(Text::from_wire(&part(2))).path(Origin::Record, at),
        "long" => Error::new(ErrorCode::TooLarge)
            .name(Phrase::LimitText)
            .expected(crate::formula::input::MAX_TEXT.to_string())
            .found(part(2))
            .path(Origin::Record, at),
        _ => Error::new(ErrorCode::InvalidValue)
            .name(Phrase::Record)
            .expected(Phrase::KindObject)
            .found(Text::from_wire(&part(2)))
            .path(Origin::Record, at),
    }
}

#[wasm_bindgen(module = "/src/wasm/record.js")]
extern "C" {
    #[wasm_bindgen(js_name = readFields)]
    fn read_fields(
        obj: &JsValue,
        keys: &js_sys::Array,
        numbers: &mut [f64],
        kinds: &mut [u8],
        lengths: &mut [u32],
    ) -> JsValue;
    #[wasm_bindgen(js_name = readMany)]
    fn read_many(
        records: &js_sys::Array,
        from: u32,
        count: u32,
        keys: &js_sys::Array,
        numbers: &mut [f64],
        kinds: &mut [u8],
        lengths: &mut [u32],
    ) -> String;
    #[wasm_bindgen(js_name = manyProblems)]
    fn many_problems() -> JsValue;
    #[wasm_bindgen(js_name = buildMetrics)]
    fn build_metrics(keys: &js_sys::Array, numbers: &[f64], others: &JsValue) -> JsValue;
}

/// Buffers for reading records, reused across a batch.
#[derive(Default)]
pub struct RecordReader {
    numbers: Vec<f64>,
    kinds: Vec<u8>,
    lengths: Vec<u32>,
    text: String,
    /// Byte range in `text` of each string field.
    spans: Vec<(usize, usize)>,
    /// The records of a batch the buffers hold ([`RecordReader::read_item`]), and why each of
    /// those that could not be read could not.
    held: std::ops::Range<usize>,
    unread: Vec<(usize, Error)>,
    /// How many fields each record held has (the keys' length, asked of JS once a chunk).
    width: usize,
    /// The sub-tables of the records held, read together when the first is asked for.
    rows: super::rows::ChunkRows,
}

/// How many records of a batch are read in one crossing.
const CHUNK: usize = 128;

/// Field kinds `readFields` reports.
pub(super) const MISSING: u8 = 0;
pub(super) const NUMBER: u8 = 1;
pub(super) const OTHER: u8 = 2;
pub(super) const TEXT: u8 = 3;
pub(super) const TRUE: u8 = 4;
pub(super) const FALSE: u8 = 5;
/// Sub-table cells only (`readRows`): a value as JSON text, and a row that is not an object.
pub(super) const JSON: u8 = 6;
pub(super) const NOT_OBJECT: u8 = 7;
/// An array (named so in errors).
pub(super) const ARRAY: u8 = 8;

impl RecordReader {
    /// Reads `obj`'s fields named by `keys` (in field order) in one crossing: numbers, strings and
    /// booleans; other values one by one when the core asks for them. `obj` must be a plain
    /// object (`INVALID_VALUE` at record `index`'s path otherwise).
    pub fn read<'a>(
        &'a mut self,
        obj: &'a JsValue,
        keys: &'a js_sys::Array,
        index: Option<usize>,
    ) -> Result<JsRecord<'a>> {
        let n = keys.length() as usize;
        self.numbers.resize(n, 0.0);
        self.kinds.resize(n, MISSING);
        self.lengths.resize(n, 0);
        self.held = 0..0;
        let answer = read_fields(obj, keys, &mut self.numbers, &mut self.kinds, &mut self.lengths);
        let Some(text) = answer.as_string() else {
            return Err(unreadable(&answer, record_path(index)));
        };
        self.text = text;
        self.find_spans();
        let (numbers, kinds, text, spans) = (&self.numbers, &self.kinds, &self.text, &self.spans);
        Ok(JsRecord { obj: Holder::One(obj), keys, numbers, kinds, text, spans })
    }

    /// Record `index` of a batch's `records` (the plain array of [`super::document::record_array`]),
    /// read as [`RecordReader::read`] reads one (errors with paths inside the record), together
    /// with the records after it in one crossing: a batch reads every record, one after the
    /// other, with the same `keys`.
    pub fn read_item<'a>(
        &'a mut self,
        records: &'a js_sys::Array,
        index: usize,
        keys: &'a js_sys::Array,
    ) -> Result<JsRecord<'a>> {
        if !self.held.contains(&index) {
            self.load(records, index, keys);
        }
        let width = self.width;
        if let Some((_, e)) = self.unread.iter().find(|(i, _)| *i == index) {
            return Err(e.clone());
        }
        let first = index.saturating_sub(self.held.start).saturating_mul(width);
        let cells = first..first.saturating_add(width);
        Ok(JsRecord {
            obj: Holder::Item(records, index),
            keys,
            numbers: self.numbers.get(cells.clone()).unwrap_or_default(),
            kinds: self.kinds.get(cells.clone()).unwrap_or_default(),
            text: &self.text,
            spans: self.spans.get(cells).unwrap_or_default(),
        })
    }

    /// Reads records `from` to at most `from + CHUNK` of `records` into the buffers.
    fn load(&mut self, records: &js_sys::Array, from: usize, keys: &js_sys::Array) {
        let count = CHUNK.min((records.length() as usize).saturating_sub(from));
        self.width = keys.length() as usize;
        let cells = count.saturating_mul(self.width);
        self.numbers.resize(cells, 0.0);
        self.kinds.resize(cells, MISSING);
        self.lengths.resize(cells, 0);
        let (start, n) = (u32::try_from(from).unwrap_or(u32::MAX), u32::try_from(count).unwrap_or(0));
        self.text = read_many(records, start, n, keys, &mut self.numbers, &mut self.kinds, &mut self.lengths);
        self.find_spans();
        self.unread.clear();
        if let Some(problems) = many_problems().dyn_ref::<js_sys::Array>() {
            for p in problems.iter() {
                let p: js_sys::Array = p.unchecked_into();
                let r = p.get(0).as_f64().filter(|r| *r >= 0.0).map_or(0, |r| r as usize);
                let index = from.saturating_add(r);
                self.unread.push((index, unreadable(&p.slice(1, 4), String::new())));
            }
        }
        self.held = from..from.saturating_add(count);
    }

    /// Where each string cell's text is in `text`.
    fn find_spans(&mut self) {
        super::rows::spans_of(&self.kinds, &self.lengths, &self.text, &mut self.spans);
    }

    /// Record `index`'s sub-table (see [`Record::rows`]): read with those of the other records
    /// held, together, when it is one of them ([`RecordReader::read_item`]); else on its own.
    pub fn rows_item(
        &mut self,
        records: &js_sys::Array,
        index: usize,
        key: &str,
        columns: &[&str],
        json: Option<usize>,
    ) -> std::result::Result<Option<crate::plan::Rows>, crate::plan::RowsError> {
        if !self.held.contains(&index) {
            return super::rows::rows(&records.get(u32::try_from(index).unwrap_or(u32::MAX)), key, columns, json);
        }
        self.rows.table(records, self.held.clone(), index, key, columns, json)
    }
}

/// Where a record's object is: given, or an item of a batch's records (fetched only when a field
/// or a sub-table has to be read from the object itself).
enum Holder<'a> {
    One(&'a JsValue),
    Item(&'a js_sys::Array, usize),
}

impl Holder<'_> {
    fn object(&self) -> std::borrow::Cow<'_, JsValue> {
        match self {
            Holder::One(obj) => std::borrow::Cow::Borrowed(*obj),
            Holder::Item(records, i) => std::borrow::Cow::Owned(records.get(u32::try_from(*i).unwrap_or(u32::MAX))),
        }
    }
}

/// A JS object seen as a record (see [`RecordReader`]).
pub struct JsRecord<'a> {
    obj: Holder<'a>,
    keys: &'a js_sys::Array,
    numbers: &'a [f64],
    kinds: &'a [u8],
    text: &'a str,
    spans: &'a [(usize, usize)],
}

impl JsRecord<'_> {
    /// The field at `index`.
    pub fn field(&self, index: usize) -> Input {
        match self.kinds.get(index).copied() {
            Some(NUMBER) => self.numbers.get(index).map_or(Input::Missing, |n| Input::Float(*n)),
            Some(TEXT) => {
                let text = self.spans.get(index).and_then(|&(from, to)| self.text.get(from..to));
                Input::Text(text.unwrap_or_default().into())
            }
            Some(TRUE) => Input::Bool(true),
            Some(FALSE) => Input::Bool(false),
            Some(OTHER) => input(&get(&self.obj.object(), &self.keys.get(u32::try_from(index).unwrap_or(u32::MAX)))),
            Some(ARRAY) => Input::Unsupported("array"),
            _ => Input::Missing,
        }
    }
}

impl Record for JsRecord<'_> {
    fn input(&self, index: usize, _field: &str) -> Input {
        self.field(index)
    }
    fn rows(
        &self,
        key: &str,
        columns: &[&str],
        json: Option<usize>,
    ) -> std::result::Result<Option<crate::plan::Rows>, crate::plan::RowsError> {
        super::rows::rows(&self.obj.object(), key, columns, json)
    }
}

/// `{ metrics: { key: value } }` for values in key order, built in one crossing (plus two per
/// value that is not a JS number, and one for their list).
pub fn metrics_result(keys: &js_sys::Array, values: impl ExactSizeIterator<Item = OutputValue>) -> JsValue {
    let mut numbers = Vec::with_capacity(values.len());
    // Made only for a value that is not a number: most plans' metrics are all numbers.
    let mut others: Option<js_sys::Array> = None;
    for (i, value) in values.enumerate() {
        match value {
            OutputValue::Number(n) => numbers.push(n),
            other => {
                numbers.push(0.0);
                let others = others.get_or_insert_with(js_sys::Array::new);
                others.push(&JsValue::from(u32::try_from(i).unwrap_or(u32::MAX)));
                others.push(&output(&other));
            }
        }
    }
    build_metrics(keys, &numbers, others.as_ref().map_or(&JsValue::UNDEFINED, |o| o.as_ref()))
}

/// One output value as JS.
pub fn output(value: &OutputValue) -> JsValue {
    match value {
        OutputValue::Number(n) => JsValue::from_f64(*n),
        OutputValue::Text(s) => JsValue::from_str(s),
        OutputValue::Bool(b) => JsValue::from_bool(*b),
    }
}

/// Runs `one` over every record index of `records`: `{ values | results, errors }` with `null`
/// where a record failed and its error beside it (index and `SalesScoreError`), so nothing is
/// silent.
pub fn batch(
    records: &js_sys::Array,
    locale: Locale,
    name: &str,
    mut one: impl FnMut(usize) -> Result<JsValue, Error>,
) -> JsValue {
    let values = js_sys::Array::new_with_length(records.length());
    let errors = js_sys::Array::new();
    for i in 0..records.length() as usize {
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        match one(i) {
            Ok(v) => values.set(index, v),
            Err(e) => {
                values.set(index, JsValue::NULL);
                let entry = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("index"), &JsValue::from(index));
                let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("error"), &super::error::to_js(&e, locale));
                errors.push(&entry);
            }
        }
    }
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str(name), &values);
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("errors"), &errors);
    out.into()
}
