//! What each fuzz target does with its bytes. One file, used twice: as the library of the fuzz
//! crate (`fuzz/fuzz_targets/*.rs` call it) and, through `#[path]`, by `tests/fuzz_crashers.rs`,
//! which replays the seeds and every crasher found through exactly this code.
//!
//! The invariant under test: whatever the bytes, the core returns — a value or a coded error —
//! without panicking, aborting, overflowing the stack or running for seconds. Results and errors
//! are also rendered (messages in both locales, JSON in both number modes) as the WebAssembly
//! shims render them, so that the rendering is fuzzed too.

use rust_decimal::Decimal;
use salescore::incentive::section::ExtraDeal;
use salescore::input::Input;
use salescore::number::serialize_numbers_as;
use salescore::output::{FormulaResult, NumberOutput, Options, PlanResult};
use salescore::plan::Evaluation;
use salescore::targets::{decompose as dec, pace as pac};
use salescore::{Error, Formula, Locale, Plan};
use serde_json::{json, Value as J};
use std::sync::OnceLock;

/// What a target does with one input.
pub type Target = fn(&[u8]);

/// The targets, by name (the folder names under `fuzz/seeds/` and `tests/data/fuzz-crashers/`).
pub const TARGETS: [(&str, Target); 6] = [
    ("formula", formula),
    ("plan", plan),
    ("record", record),
    ("compare", compare),
    ("decompose", decompose),
    ("pace", pace),
];

const LOCALES: [Locale; 2] = [Locale::ZhCn, Locale::En];
const NUMBERS: [NumberOutput; 2] = [NumberOutput::Number, NumberOutput::String];
/// Records evaluated one by one with an explanation, per input (the rest only in the team call).
const EXPLAINED: usize = 2;
/// Records read from one input of the `record` target.
const MAX_RECORDS: usize = 64;

/// The sample plan (scorecard, team and incentive sections), compiled once.
fn sample_plan() -> Option<&'static Plan> {
    static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
    PLAN.get_or_init(|| Plan::compile(include_str!("../../samples/team/plan.json")).ok()).as_ref()
}

/// Three reps of the sample team (with their orders), for plans mutated from the sample.
fn sample_reps() -> &'static [J] {
    static REPS: OnceLock<Vec<J>> = OnceLock::new();
    REPS.get_or_init(|| {
        let all: Vec<J> = serde_json::from_str(include_str!("../../samples/team/reps.json")).unwrap_or_default();
        all.into_iter().step_by(47).take(3).collect()
    })
}

/// Renders an error as the shims do: the report in both locales, as JSON.
fn render_error(e: &Error) {
    for locale in LOCALES {
        let _ = e.to_string();
        let _ = serde_json::to_string(&e.report(locale));
    }
}

thread_local! {
    /// The number mode results are rendered in for the current input (see [`numbers_for`]).
    static MODE: std::cell::Cell<NumberOutput> = const { std::cell::Cell::new(NumberOutput::Number) };
}

/// Chooses the number mode for one input from its bytes: rendering in both doubled the time of
/// an execution for a branch in one serializer, so each input takes one, deterministically.
fn numbers_for(data: &[u8]) {
    let mode = NUMBERS.get(data.iter().fold(data.len(), |h, &b| h ^ usize::from(b)) % 2).copied();
    MODE.with(|m| m.set(mode.unwrap_or(NumberOutput::Number)));
}

/// Serializes a result in the input's number mode.
fn render<T: serde::Serialize>(value: &T) {
    if let Err(e) = serialize_numbers_as(MODE.with(std::cell::Cell::get), || serde_json::to_string(value)) {
        let _ = e.to_string();
    }
}

/// Consumes the input's bytes one at a time; past the end it keeps returning a varying byte,
/// so every input decides every choice.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or((self.at % 251) as u8);
        self.at = self.at.saturating_add(1);
        b
    }
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for b in &mut out {
            *b = self.byte();
        }
        out
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        let n = items.len().max(1);
        items.get(usize::from(self.byte()) % n).cloned()
    }
}

const FLOATS: [f64; 14] = [
    0.0,
    -0.0,
    0.1,
    -1.5,
    1e28,
    7.922816251426434e28,
    8e28,
    1e300,
    5e-324,
    1e-29,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
];

const TEXTS: [&str; 17] = [
    "",
    " ",
    "90000",
    "-0.05",
    "1e5",
    "2025-02-29",
    "2024-02-29",
    "9999-12-31",
    "abc",
    "TRUE",
    "1,000",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "-79228162514264337593543950335",
    "新客户",
    "硬件",
];

/// One incoming value chosen by the bytes: any double, any decimal, any text, a boolean, nothing
/// or something unsupported.
fn input(bytes: &mut Bytes<'_>) -> Input {
    match bytes.byte() % 10 {
        0 => Input::Missing,
        1 => Input::Float(f64::from_le_bytes(bytes.take::<8>())),
        2 => Input::Float(bytes.pick(&FLOATS).unwrap_or(0.0)),
        3 => {
            let mantissa = i128::from_le_bytes(bytes.take::<16>()) >> 32;
            let scale = u32::from(bytes.byte() % 29);
            Input::Decimal(Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or_default())
        }
        4 => Input::Text(bytes.pick(&TEXTS).unwrap_or_default().into()),
        5 => {
            let len = usize::from(bytes.byte() % 24);
            let raw: Vec<u8> = (0..len).map(|_| bytes.byte()).collect();
            Input::Text(String::from_utf8_lossy(&raw).as_ref().into())
        }
        6 => Input::Bool(bytes.byte() % 2 == 0),
        7 => Input::Decimal(Decimal::from(i64::from_le_bytes(bytes.take::<8>()))),
        8 => Input::Decimal(Decimal::from(i16::from(bytes.byte()).wrapping_sub(28))),
        _ => Input::Unsupported("array"),
    }
}

/// The same choice as a JSON value (for records).
fn json_value(bytes: &mut Bytes<'_>) -> J {
    match input(bytes) {
        Input::Missing => J::Null,
        Input::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        Input::Decimal(d) => {
            d.to_string().parse::<serde_json::Number>().map_or_else(|_| J::String(d.to_string()), J::Number)
        }
        Input::Text(s) => J::String(s.to_string()),
        Input::Bool(b) => J::Bool(b),
        Input::Unsupported(_) => json!([1, {"a": 2}]),
    }
}

/// `formula`: the bytes up to the first NUL are formula text (compiled); the rest chooses a value
/// for every field it names, and the formula is evaluated and explained with them.
pub fn formula(data: &[u8]) {
    numbers_for(data);
    let (text, rest) = match data.iter().position(|&b| b == 0) {
        Some(at) => (data.get(..at).unwrap_or_default(), data.get(at.saturating_add(1)..).unwrap_or_default()),
        None => (data, &[][..]),
    };
    let src = String::from_utf8_lossy(text);
    let f = match Formula::compile(&src) {
        Ok(f) => f,
        Err(e) => {
            let len = src.encode_utf16().count();
            if let Some(span) = e.span {
                let end = usize::try_from(span.end).unwrap_or(usize::MAX);
                assert!(span.start <= span.end && end <= len, "span {span:?} outside the formula ({len} units)");
            }
            return render_error(&e);
        }
    };
    let mut bytes = Bytes { data: rest, at: 0 };
    let inputs: Vec<Input> = f.names().iter().map(|_| input(&mut bytes)).collect();
    match f.evaluate_inputs(inputs.clone()) {
        Ok(v) => {
            let _ = v.to_string();
        }
        Err(e) => render_error(&e),
    }
    match f.explain_inputs(inputs) {
        Ok(explanation) => {
            for numbers in NUMBERS {
                let options = Options { numbers, ..Options::default() };
                render(&FormulaResult::new(explanation.clone(), &options));
            }
        }
        Err(e) => render_error(&e),
    }
    let values: serde_json::Map<String, J> = f.names().iter().map(|n| (n.clone(), json_value(&mut bytes))).collect();
    if let Err(e) = f.evaluate_json(&J::Object(values)) {
        render_error(&e);
    }
}

/// Where a plan reads a record: its fields, and its sub-table of transactions and their columns.
struct Shape {
    fields: Vec<String>,
    table: Option<String>,
    columns: Vec<String>,
    splits: Option<String>,
}

impl Shape {
    fn of(plan: &Plan) -> Shape {
        let t = plan.document().incentive.as_ref().and_then(|i| i.transactions.as_ref());
        let columns = t.map_or_else(Vec::new, |t| {
            let optional = [&t.collected, &t.id, &t.product, &t.customer_type];
            std::iter::once(t.amount.clone()).chain(optional.into_iter().flatten().cloned()).collect()
        });
        Shape {
            fields: plan.field_ids().map(str::to_string).collect(),
            table: t.map(|t| t.field.clone()),
            columns,
            splits: t.and_then(|t| t.splits.clone()),
        }
    }
}

/// Rep ids a split may name: the sample reps', and some that name nobody.
const REP_IDS: [&str; 6] = ["E1001", "E1002", "E1003", "E1004", "", "nobody"];

/// A split: up to four `{ rep, percent }` shares, mostly of sensible percentages, naming the
/// sample reps, nobody, or one of `own` (the record's own texts, its rep id among them).
fn split(bytes: &mut Bytes<'_>, own: &[String]) -> J {
    let n = bytes.byte() % 5;
    let shares = (0..n)
        .map(|_| {
            let rep = match bytes.byte() % 2 {
                0 => bytes.pick(own),
                _ => bytes.pick(&REP_IDS).map(str::to_string),
            };
            let rep = rep.map_or(J::Null, J::String);
            let percent = match bytes.byte() % 3 {
                0 => json_value(bytes),
                _ => json!(bytes.pick(&[0, 25, 40, 50, 60, 100, 101, -10]).unwrap_or(100)),
            };
            json!({"rep": rep, "percent": percent})
        })
        .collect();
    J::Array(shares)
}

/// Edits `record` as the bytes say, up to 16 times: a field or a transaction's cell set to a
/// chosen value, a transaction's split replaced, a transaction copied or removed, a field removed.
fn edit(record: &mut J, shape: &Shape, bytes: &mut Bytes<'_>) {
    let Some(map) = record.as_object_mut() else { return };
    let own: Vec<String> = map.values().filter_map(J::as_str).take(8).map(str::to_string).collect();
    let edits = bytes.byte() % 17;
    for _ in 0..edits {
        let op = bytes.byte() % 6;
        if op == 0 {
            if let Some(field) = bytes.pick(&shape.fields) {
                map.insert(field, json_value(bytes));
            }
            continue;
        }
        if op == 1 {
            if let Some(field) = bytes.pick(&shape.fields) {
                map.remove(&field);
            }
            continue;
        }
        let Some(table) = &shape.table else { continue };
        let rows = map.entry(table.clone()).or_insert_with(|| J::Array(Vec::new()));
        let Some(rows) = rows.as_array_mut() else {
            *rows = J::Array(Vec::new());
            continue;
        };
        let at = usize::from(bytes.byte()) % rows.len().saturating_add(1);
        if rows.get(at).is_none() || op == 2 {
            let copy = rows.get(at).cloned().unwrap_or_else(|| json!({}));
            rows.insert(at.min(rows.len()), copy);
            if op == 2 {
                continue;
            }
        }
        let Some(row) = rows.get_mut(at).and_then(J::as_object_mut) else { continue };
        match op {
            3 => {
                if let Some(column) = bytes.pick(&shape.columns) {
                    row.insert(column, json_value(bytes));
                }
            }
            4 => {
                if let Some(splits) = &shape.splits {
                    row.insert(splits.clone(), split(bytes, &own));
                }
            }
            _ => {
                rows.remove(at);
            }
        }
    }
}

/// Renders an evaluation as `plan.evaluate` returns it.
fn render_evaluation(eval: Evaluation<'_>, explain: bool) {
    let numbers = MODE.with(std::cell::Cell::get);
    render(&PlanResult::new(eval, &Options { numbers, explain, locale: None, ..Options::default() }));
}

/// Evaluates `records` one by one (the first few explained, in a locale the bytes choose), as a
/// team when the plan has a team section, and asks what one more deal would pay.
fn exercise(plan: &Plan, records: &[J], bytes: &mut Bytes<'_>) {
    let locale = bytes.pick(&LOCALES).unwrap_or_default();
    for (i, record) in records.iter().enumerate() {
        if i < EXPLAINED {
            match plan.evaluate_in(record, Some(locale)) {
                Ok(eval) => render_evaluation(eval, true),
                Err(e) => render_error(&e),
            }
        }
        match plan.evaluate(record, false) {
            Ok(eval) => render_evaluation(eval, false),
            Err(e) => render_error(&e),
        }
    }
    // The team plainly or explained (with every rep's score), as the bytes choose.
    let explain = bytes.pick(&[None, Some(locale)]).flatten();
    match plan.evaluate_team_with(records, explain.is_some(), explain) {
        Ok(team) => {
            render(&team.team);
            for e in team.errors.iter().map(|(_, e)| e) {
                render_error(e);
            }
            for eval in team.results.into_iter().flatten().take(EXPLAINED) {
                render_evaluation(eval, explain.is_some());
            }
        }
        Err(e) => render_error(&e),
    }
    if plan.document().incentive.is_some() {
        let amount = match input(bytes).to_value() {
            Ok(Some(salescore::Value::Number(d))) => d,
            _ => Decimal::from(50_000),
        };
        let product = bytes.pick(&TEXTS).filter(|_| bytes.byte() % 2 == 0).map(str::to_string);
        let customer_type = bytes.pick(&TEXTS).filter(|_| bytes.byte() % 2 == 0).map(str::to_string);
        let extra = ExtraDeal { amount, product, customer_type };
        let at = usize::from(bytes.byte()) % records.len().max(1);
        if let Some(record) = records.get(at) {
            match plan.what_if(record, &extra, Some(locale)) {
                Ok(w) => render(&w),
                Err(e) => render_error(&e),
            }
        }
    }
}

/// `plan`: the bytes are a plan document. When it compiles, it evaluates an empty record, a
/// record with a value chosen by the bytes for each of its fields, and three sample reps, one by
/// one and as a team, and asks what one more deal would pay.
pub fn plan(data: &[u8]) {
    numbers_for(data);
    let json = String::from_utf8_lossy(data);
    let _ = salescore::plan::document_locale(&json);
    let plan = match Plan::compile(&json) {
        Ok(plan) => plan,
        Err(e) => return render_error(&e),
    };
    let mut bytes = Bytes { data, at: data.len() / 2 };
    let shape = Shape::of(&plan);
    let mut chosen = J::Object(shape.fields.iter().map(|id| (id.clone(), json_value(&mut bytes))).collect());
    edit(&mut chosen, &shape, &mut bytes);
    let mut records = vec![chosen, json!({})];
    records.extend(sample_reps().iter().cloned());
    exercise(&plan, &records, &mut bytes);
}

/// `record`: records for the sample plan, evaluated one by one and as a team, with a what-if.
/// The bytes are a record or an array of records as JSON; other bytes edit three sample reps
/// (fields, orders, their amounts and splits) as [`edit`] says.
pub fn record(data: &[u8]) {
    numbers_for(data);
    let Some(plan) = sample_plan() else { return };
    let records: Vec<J> = match serde_json::from_slice::<J>(data) {
        Ok(J::Array(items)) => items.into_iter().take(MAX_RECORDS).collect(),
        Ok(one) => vec![one],
        Err(_) => {
            let shape = Shape::of(plan);
            let mut bytes = Bytes { data, at: 0 };
            let mut reps = sample_reps().to_vec();
            for rep in &mut reps {
                edit(rep, &shape, &mut bytes);
            }
            return exercise(plan, &reps, &mut bytes);
        }
    };
    // The choices (locale, extra deal) come from the middle of the text, which varies most.
    let mut bytes = Bytes { data, at: data.len() / 2 };
    exercise(plan, &records, &mut bytes);
}

/// A part of a `compare` input read as its type; the type's default when missing or malformed.
fn part<T: serde::de::DeserializeOwned + Default>(doc: &J, key: &str) -> T {
    doc.get(key).and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
}

/// `compare`: an admin's preview of a plan change against the sample plan, on three sample reps.
/// The bytes are a JSON object whose keys, all optional, are the `draft` plan document, the
/// `records`, the `options`, `view`, `sensitivity` and `curves` of the calls, an `index` and a
/// `record` to put there; other bytes edit the sample reps (as the `record` target does) and
/// compare the sample plan with itself. The comparison and rep views are made, one of the
/// heavier calls (explain, teams, sensitivity, curves: the bytes choose), then records are
/// replaced, added and removed, the draft perhaps cleared, and the comparison made again.
pub fn compare(data: &[u8]) {
    numbers_for(data);
    use salescore::preview::{CompareOptions, CompareSession, CurveSpec, SensitivitySpec, View};
    let Some(baseline) = sample_plan() else { return };
    let mut bytes = Bytes { data, at: data.len() / 2 };
    let doc = serde_json::from_slice::<J>(data).ok().filter(J::is_object).unwrap_or_else(|| {
        let shape = Shape::of(baseline);
        let mut reps = sample_reps().to_vec();
        for rep in &mut reps {
            edit(rep, &shape, &mut bytes);
        }
        json!({ "records": reps })
    });
    let records = match doc.get("records") {
        Some(J::Array(items)) => items.iter().take(MAX_RECORDS).cloned().collect(),
        Some(other) => vec![other.clone()],
        None => sample_reps().to_vec(),
    };
    let options: CompareOptions = part(&doc, "options");
    let mut session = match CompareSession::open(baseline.clone(), records, options) {
        Ok(session) => session,
        Err(e) => return render_error(&e),
    };
    if let Some(draft) = doc.get("draft") {
        let text = match draft {
            J::String(text) => text.clone(),
            other => other.to_string(),
        };
        match Plan::compile(&text).and_then(|plan| session.set_draft(plan)) {
            Ok(()) => {}
            Err(e) => render_error(&e),
        }
    }
    let view: View = part(&doc, "view");
    let count = session.records().len();
    let survey = |session: &CompareSession| {
        match session.comparison(&view) {
            Ok(c) => render(&c),
            Err(e) => render_error(&e),
        }
        for i in 0..count.min(EXPLAINED).saturating_add(1) {
            match session.rep(i) {
                Ok(r) => render(&r),
                Err(e) => render_error(&e),
            }
        }
    };
    survey(&session);
    // One of the session's heavier calls per input (the bytes choose), so that an execution
    // stays short enough for millions of them.
    match bytes.byte() % 4 {
        0 => match session.explain(0, &Options { explain: true, ..part(&doc, "options") }) {
            Ok(x) => render(&x),
            Err(e) => render_error(&e),
        },
        1 => match session.teams() {
            Ok(teams) => render(&teams),
            Err(e) => render_error(&e),
        },
        2 => match session.sensitivity(&part::<SensitivitySpec>(&doc, "sensitivity")) {
            Ok(s) => render(&s),
            Err(e) => render_error(&e),
        },
        _ => match session.curves(&part::<CurveSpec>(&doc, "curves")) {
            Ok(c) => render(&c),
            Err(e) => render_error(&e),
        },
    }
    let index = doc.get("index").and_then(J::as_u64).map_or(0, |i| usize::try_from(i).unwrap_or(usize::MAX));
    let record = doc.get("record").cloned().unwrap_or_else(|| json!({}));
    for result in [
        session.set_record(index, record.clone()),
        session.add_record(record).map(|_| ()),
        session.remove_record(index).map(|_| ()),
    ] {
        if let Err(e) = result {
            render_error(&e);
        }
    }
    if bytes.byte() % 2 == 0 {
        session.clear_draft();
    }
    survey(&session);
}

/// `decompose`: the bytes are a decomposition spec, decomposed plainly and explained in both
/// locales, shaped both ways (the columns the shim reads, the native result).
pub fn decompose(data: &[u8]) {
    numbers_for(data);
    let json = String::from_utf8_lossy(data);
    let spec = match dec::parse(&json) {
        Ok(spec) => spec,
        Err(e) => return render_error(&e),
    };
    match dec::columns(&spec, None) {
        Ok(columns) => {
            let _ = columns.result().map(|r| render(&r));
        }
        Err(e) => return render_error(&e),
    }
    for locale in LOCALES {
        match dec::decompose_spec(&spec, Some(locale)) {
            Ok(result) => render(&result),
            Err(e) => render_error(&e),
        }
    }
}

/// `pace`: the bytes are a pacing spec, paced plainly and explained in both locales.
pub fn pace(data: &[u8]) {
    numbers_for(data);
    let json = String::from_utf8_lossy(data);
    let _ = pac::spec_locale(&json);
    match pac::pace(&json) {
        Ok(pacing) => render(&pacing),
        Err(e) => return render_error(&e),
    }
    for locale in LOCALES {
        match pac::pace_explained(&json, locale) {
            Ok(pacing) => render(&pacing),
            Err(e) => render_error(&e),
        }
    }
}
