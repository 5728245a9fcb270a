//! Sub-tables (子表: a rep's orders) read from JS: one record's in two crossings, or those of a
//! batch's chunk of records together ([`ChunkRows`]), into the cells [`Rows`] holds.

use super::convert::{ARRAY, FALSE, JSON, MISSING, NOT_OBJECT, NUMBER, OTHER, TEXT, TRUE};
use crate::formula::input::Input;
use crate::plan::{Rows, RowsError};
use std::ops::Range;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/record.js")]
extern "C" {
    #[wasm_bindgen(js_name = rowCount)]
    fn row_count(obj: &JsValue, key: &JsValue) -> i32;
    #[wasm_bindgen(js_name = rowProblem)]
    fn row_problem() -> js_sys::Array;
    #[wasm_bindgen(js_name = readRows)]
    fn read_rows(
        obj: &JsValue,
        key: &JsValue,
        columns: &js_sys::Array,
        json: i32,
        numbers: &mut [f64],
        kinds: &mut [u8],
        lengths: &mut [u32],
    ) -> Option<String>;
    #[wasm_bindgen(js_name = rowCounts)]
    fn row_counts(records: &js_sys::Array, from: u32, count: u32, key: &JsValue, counts: &mut [i32]) -> u32;
    #[wasm_bindgen(js_name = readManyRows)]
    #[allow(clippy::too_many_arguments)]
    fn read_many_rows(
        records: &js_sys::Array,
        from: u32,
        count: u32,
        key: &JsValue,
        columns: &js_sys::Array,
        json: i32,
        counts: &mut [i32],
        numbers: &mut [f64],
        kinds: &mut [u8],
        lengths: &mut [u32],
    ) -> String;
    #[wasm_bindgen(js_name = manyRowProblems)]
    fn many_row_problems() -> JsValue;
}

/// A sub-table's key and column names, as a reader keeps them to know whether the next read is
/// of the same sub-table.
#[derive(Default)]
struct TableNames {
    key: String,
    columns: Vec<String>,
}

impl TableNames {
    fn of(key: &str, columns: &[&str]) -> Self {
        TableNames { key: key.to_string(), columns: columns.iter().map(|c| (*c).to_string()).collect() }
    }

    fn are(&self, key: &str, columns: &[&str]) -> bool {
        self.key == key && self.columns.iter().map(String::as_str).eq(columns.iter().copied())
    }
}

/// The JS strings of the last sub-table read (its key and column names), kept for the next: a
/// batch, or a run of single calls of one plan, reads the same sub-table of every record, and
/// text handed to JS is decoded on every crossing.
struct RowNames {
    names: TableNames,
    js_key: JsValue,
    js_columns: js_sys::Array,
}

thread_local! {
    static ROW_NAMES: std::cell::RefCell<Option<RowNames>> = const { std::cell::RefCell::new(None) };
}

/// The JS strings of `key` and `columns`: the kept ones when they are the same, else made and
/// kept for the next read.
fn row_names(key: &str, columns: &[&str]) -> (JsValue, js_sys::Array) {
    let fresh = || RowNames {
        names: TableNames::of(key, columns),
        js_key: JsValue::from_str(key),
        js_columns: columns.iter().map(|c| JsValue::from_str(c)).collect(),
    };
    let same = |n: &RowNames| n.names.are(key, columns);
    let kept = ROW_NAMES.try_with(|cell| {
        let mut slot = cell.try_borrow_mut().ok()?;
        if !slot.as_ref().is_some_and(same) {
            *slot = Some(fresh());
        }
        slot.as_ref().map(|n| (n.js_key.clone(), n.js_columns.clone()))
    });
    kept.ok().flatten().unwrap_or_else(|| {
        let n = fresh();
        (n.js_key, n.js_columns)
    })
}

/// The JSON column as `readRows` takes it (-1: none).
fn json_at(json: Option<usize>) -> i32 {
    json.and_then(|j| i32::try_from(j).ok()).unwrap_or(-1)
}

/// Reads a sub-table of `obj` (see [`crate::plan::Record::rows`]) in two crossings.
pub fn rows(obj: &JsValue, key: &str, columns: &[&str], json: Option<usize>) -> Result<Option<Rows>, RowsError> {
    let (key, names) = row_names(key, columns);
    let count = match row_count(obj, &key) {
        -1 => return Ok(None),
        n if n < 0 => return Err(host_problem(&row_problem())),
        n => usize::try_from(n).unwrap_or(0),
    };
    let width = columns.len();
    let cells = count.saturating_mul(width);
    let (mut numbers, mut kinds, mut lengths) = (vec![0.0; cells], vec![MISSING; cells], vec![0_u32; cells]);
    let Some(text) = read_rows(obj, &key, &names, json_at(json), &mut numbers, &mut kinds, &mut lengths) else {
        return Err(host_problem(&row_problem()));
    };
    let mut spans = Vec::with_capacity(cells);
    spans_of(&kinds, &lengths, &text, &mut spans);
    let cells = Cells { numbers: &numbers, kinds: &kinds, spans: &spans, text: &text };
    table(&cells, count, width, json).map(Some)
}

/// Where each text cell's text (a string, or a JSON cell's text) is in `text`, where they are one
/// after the other, each `lengths` UTF-16 units long; an empty range for every other cell.
pub(super) fn spans_of(kinds: &[u8], lengths: &[u32], text: &str, spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    let mut chars = text.char_indices();
    let mut at = 0;
    for (kind, &units) in kinds.iter().zip(lengths) {
        if *kind != TEXT && *kind != JSON {
            spans.push((at, at));
            continue;
        }
        let start = at;
        let mut left = units as usize;
        while left > 0 {
            let Some((_, c)) = chars.next() else { break };
            left = left.saturating_sub(c.len_utf16());
            at = at.saturating_add(c.len_utf8());
        }
        spans.push((start, at));
    }
}

/// Cells as `readRows` fills them, with each text cell's place in their text.
struct Cells<'a> {
    numbers: &'a [f64],
    kinds: &'a [u8],
    spans: &'a [(usize, usize)],
    text: &'a str,
}

/// The `count` rows of `width` cells that `cells` holds, from its first.
fn table(cells: &Cells<'_>, count: usize, width: usize, json: Option<usize>) -> Result<Rows, RowsError> {
    let mut out = Rows {
        count,
        cells: Vec::with_capacity(count.saturating_mul(width)),
        json: Vec::with_capacity(if json.is_some() { count } else { 0 }),
    };
    let text = |i: usize| cells.spans.get(i).and_then(|&(from, to)| cells.text.get(from..to)).unwrap_or_default();
    for r in 0..count {
        if cells.kinds.get(r.saturating_mul(width)) == Some(&NOT_OBJECT) {
            return Err(RowsError::NotObject(r));
        }
        let mut json_cell = None;
        for k in 0..width {
            let i = r.saturating_mul(width).saturating_add(k);
            let cell = match cells.kinds.get(i).copied() {
                Some(NUMBER) => cells.numbers.get(i).map_or(Input::Missing, |n| Input::Float(*n)),
                Some(TEXT) => Input::Text(text(i).into()),
                Some(TRUE) => Input::Bool(true),
                Some(FALSE) => Input::Bool(false),
                Some(OTHER) => Input::Unsupported("object"),
                Some(ARRAY) => Input::Unsupported("array"),
                Some(JSON) => {
                    json_cell = crate::base::json::value_of(text(i));
                    Input::Missing
                }
                _ => Input::Missing,
            };
            out.cells.push(cell);
        }
        if json.is_some() {
            out.json.push(json_cell);
        }
    }
    Ok(out)
}

/// The sub-tables of the chunk of a batch's records a [`super::convert::RecordReader`] holds,
/// read together when the first of them is asked for: their row counts in one crossing, their
/// cells in a second, instead of three crossings per record (the record, its row count, its
/// rows). Each record's rows are then what [`rows`] reads of it alone, problems included.
#[derive(Default)]
pub struct ChunkRows {
    /// The sub-table read: its key and columns, and its JSON column.
    names: TableNames,
    json: Option<usize>,
    /// The records whose sub-tables are held.
    held: Range<usize>,
    /// Per record held: its row count (-1: none; -2: it could not be read) and its first cell.
    counts: Vec<i32>,
    starts: Vec<usize>,
    numbers: Vec<f64>,
    kinds: Vec<u8>,
    lengths: Vec<u32>,
    text: String,
    spans: Vec<(usize, usize)>,
    /// Why the records that could not be read could not (by record index).
    problems: Vec<(usize, RowsError)>,
}

impl ChunkRows {
    /// Record `index`'s sub-table, where `held` are the records of its chunk: the chunk's are read
    /// first unless they are held already (the same sub-table of the same records).
    pub fn table(
        &mut self,
        records: &js_sys::Array,
        held: Range<usize>,
        index: usize,
        key: &str,
        columns: &[&str],
        json: Option<usize>,
    ) -> Result<Option<Rows>, RowsError> {
        if self.held != held || self.json != json || !self.names.are(key, columns) {
            self.load(records, held, key, columns, json);
        }
        let r = index.saturating_sub(self.held.start);
        let count = match self.counts.get(r).copied() {
            Some(-1) => return Ok(None),
            Some(n) if n >= 0 => usize::try_from(n).unwrap_or(0),
            _ => {
                let problem = self.problems.iter().find(|(i, _)| *i == index).map(|(_, e)| e.clone());
                return Err(problem.unwrap_or(RowsError::NotArray("object")));
            }
        };
        let first = self.starts.get(r).copied().unwrap_or(0);
        let cells = first..first.saturating_add(count.saturating_mul(columns.len()));
        let cells = Cells {
            numbers: self.numbers.get(cells.clone()).unwrap_or_default(),
            kinds: self.kinds.get(cells.clone()).unwrap_or_default(),
            spans: self.spans.get(cells).unwrap_or_default(),
            text: &self.text,
        };
        table(&cells, count, columns.len(), json).map(Some)
    }

    /// Reads the sub-tables of records `held`.
    fn load(&mut self, records: &js_sys::Array, held: Range<usize>, key: &str, columns: &[&str], json: Option<usize>) {
        let (js_key, names) = row_names(key, columns);
        let (from, count) = (u32::try_from(held.start).unwrap_or(u32::MAX), u32::try_from(held.len()).unwrap_or(0));
        self.counts.clear();
        self.counts.resize(held.len(), -1);
        self.problems.clear();
        let rows = row_counts(records, from, count, &js_key, &mut self.counts);
        self.take_problems(held.start);
        // Each record's rows start where the rows before end (as `readManyRows` lays them out,
        // even where it then finds a record's rows unreadable).
        self.starts.clear();
        let mut at = 0_usize;
        for n in &self.counts {
            self.starts.push(at);
            at = at.saturating_add(usize::try_from(*n).unwrap_or(0).saturating_mul(columns.len()));
        }
        let cells = (rows as usize).saturating_mul(columns.len());
        self.numbers.clear();
        self.numbers.resize(cells, 0.0);
        self.kinds.clear();
        self.kinds.resize(cells, MISSING);
        self.lengths.clear();
        self.lengths.resize(cells, 0);
        self.text = read_many_rows(
            records,
            from,
            count,
            &js_key,
            &names,
            json_at(json),
            &mut self.counts,
            &mut self.numbers,
            &mut self.kinds,
            &mut self.lengths,
        );
        self.take_problems(held.start);
        spans_of(&self.kinds, &self.lengths, &self.text, &mut self.spans);
        (self.names, self.json, self.held) = (TableNames::of(key, columns), json, held);
    }

    /// Keeps the problems the last crossing reported (`[r, ...rowProblem()]`, `r` from `from`).
    fn take_problems(&mut self, from: usize) {
        let Some(problems) = many_row_problems().dyn_into::<js_sys::Array>().ok() else { return };
        for p in problems.iter() {
            let p: js_sys::Array = p.unchecked_into();
            let r = p.get(0).as_f64().filter(|r| *r >= 0.0).map_or(0, |r| r as usize);
            self.problems.push((from.saturating_add(r), host_problem(&p.slice(1, 6))));
        }
    }
}

/// The sub-table problem `rowProblem` reports: `[problem, row, column, found, path]`.
fn host_problem(p: &js_sys::Array) -> RowsError {
    let found = p.get(3).as_string().unwrap_or_default();
    let row = p.get(1).as_f64().filter(|r| *r >= 0.0).map(|r| r as usize);
    let mut column = crate::base::error::pointer_segment(&p.get(2).as_string().unwrap_or_default());
    // Inside a nested cell (a split): the pointer goes on into it.
    column.push_str(&p.get(4).as_string().unwrap_or_default());
    let host = |code| RowsError::Host { code, row, column: column.clone(), found: found.clone() };
    match p.get(0).as_string().as_deref() {
        Some("type") => RowsError::NotArray(match found.as_str() {
            "string" => "string",
            "number" => "number",
            "boolean" => "boolean",
            "array" => "array",
            "function" => "function",
            "symbol" => "symbol",
            "bigint" => "bigint",
            _ => "object",
        }),
        Some("rows") => RowsError::TooMany(found.parse().unwrap_or(usize::MAX)),
        Some("long") => host(crate::base::error::ErrorCode::TooLarge),
        Some("finite") => host(crate::base::error::ErrorCode::NotFinite),
        Some("json") => host(crate::base::error::ErrorCode::InvalidValue),
        _ => host(crate::base::error::ErrorCode::ReadFailed),
    }
}
