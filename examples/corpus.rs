//! The cross-build corpus, natively: reads the cases `tests/js/corpus/generate.mjs` writes (JSON
//! lines, from a file or stdin) and writes one line per case, byte for byte as
//! `tests/js/corpus/runner.mjs` writes it from a JS build:
//!
//! ```text
//! {"case":N,"result":R}    the result as `plan.evaluate` / `plan.evaluateTeam` return it (with
//!                          `detail: "totals"`, the totals alone)
//! {"case":N,"error":E}     the call's error
//! {"case":N,"compile":E}   the plan's compile error
//! ```
//!
//! `R` is the result serialized as the WebAssembly shims serialize it (`PlanResult`, numbers as
//! the options ask), written as `JSON.stringify` writes it; `E` is the error's code, message, path,
//! origin, span, hint, suggestion, detail and both messages.
//!
//! `cargo run --release --example corpus [FILE]` (`./run corpus` runs the whole comparison).

use salescore::error::{Detail, Error, ErrorCode, ErrorReport, Origin, Span};
use salescore::output::{DetailLevel, NumberOutput, Options, PlanResult};
use salescore::plan::TeamSummary;
use salescore::{Locale, Plan};
use serde::Serialize;
use serde_json::Value;
use std::io::{BufRead, Write};

/// An error as the JS runner writes a thrown `SalesScoreError`.
#[derive(Serialize)]
struct Thrown<'a> {
    code: ErrorCode,
    message: String,
    path: &'a str,
    origin: Origin,
    span: Option<Span>,
    hint: Option<String>,
    suggestion: Option<&'a str>,
    detail: &'a Detail,
    messages: Messages,
}

#[derive(Serialize)]
struct Messages {
    #[serde(rename = "zh-CN")]
    zh: String,
    en: String,
}

impl<'a> Thrown<'a> {
    fn new(err: &'a Error, locale: Locale) -> Thrown<'a> {
        Thrown {
            code: err.code,
            message: err.message(locale),
            path: &err.path,
            origin: err.origin,
            span: err.span,
            hint: err.hint(locale),
            suggestion: err.suggestion.as_deref(),
            detail: &err.detail,
            messages: Messages { zh: err.message(Locale::ZhCn), en: err.message(Locale::En) },
        }
    }
}

/// `plan.evaluateTeam`'s result, as `src/wasm/plan.rs` shapes it.
#[derive(Serialize)]
struct TeamOutput<'p> {
    results: Vec<Option<PlanResult<'p>>>,
    errors: Vec<TeamError>,
    team: &'p TeamSummary,
}

#[derive(Serialize)]
struct TeamError {
    index: usize,
    error: ErrorReport,
}

/// Writes numbers as JavaScript's `JSON.stringify` does (`1e+21`, `5`, `0` for -0); the rest as
/// serde_json does, which is what `JSON.stringify` does for the values results hold.
struct JsFormatter;

impl serde_json::ser::Formatter for JsFormatter {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        writer.write_all(salescore::number::js_text(value).as_bytes())
    }
    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> std::io::Result<()> {
        writer.write_all(salescore::number::js_text(f64::from(value)).as_bytes())
    }
}

/// `value` as `JSON.stringify` writes it, decimals as `numbers` asks.
fn to_json<T: Serialize>(value: &T, numbers: NumberOutput) -> String {
    let mut out = Vec::new();
    let written = salescore::number::serialize_numbers_as(numbers, || {
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, JsFormatter))
    });
    match written {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("\"unserializable: {e}\""),
    }
}

/// A call's options, read as the package reads them.
fn options_of(value: Option<&Value>) -> Options {
    let mut options = Options::default();
    if let Some(o) = value {
        if o.get("numbers").and_then(Value::as_str) == Some("string") {
            options.numbers = NumberOutput::String;
        }
        options.explain = o.get("explain").and_then(Value::as_bool).unwrap_or(false);
        options.locale = o.get("locale").and_then(Value::as_str).and_then(Locale::parse);
        if o.get("detail").and_then(Value::as_str) == Some("totals") {
            options.detail = DetailLevel::Totals;
        }
    }
    options
}

/// The plan of the cases being run.
struct Current {
    id: i64,
    text: String,
    /// Compiled on its first case, as the JS runner does.
    compiled: Option<Result<Plan, Error>>,
}

/// One case's output line.
fn run_case(current: &mut Current, case: &Value) -> String {
    let id = case.get("id").and_then(Value::as_i64).unwrap_or(-1);
    let compiled = current.compiled.get_or_insert_with(|| Plan::compile(&current.text));
    let plan = match compiled {
        Ok(plan) => plan,
        Err(e) => {
            let locale = salescore::plan::document_locale(&current.text);
            return format!("{{\"case\":{id},\"compile\":{}}}", to_json(&Thrown::new(e, locale), NumberOutput::Number));
        }
    };
    let options = options_of(case.get("options"));
    let locale = options.locale.unwrap_or(plan.locale());
    let explain = options.explain.then_some(locale);
    let outcome = if case.get("call").and_then(Value::as_str) == Some("team") {
        let records = match case.get("records") {
            Some(Value::Array(records)) => records.as_slice(),
            _ => &[],
        };
        plan.evaluate_team_with(records, options.explain, explain).map(|out| {
            let output = TeamOutput {
                results: out.results.into_iter().map(|r| r.map(|eval| PlanResult::new(eval, &options))).collect(),
                errors: out
                    .errors
                    .iter()
                    .map(|(index, e)| TeamError { index: *index, error: e.report(locale) })
                    .collect(),
                team: &out.team,
            };
            to_json(&output, options.numbers)
        })
    } else {
        let record = case.get("record").unwrap_or(&Value::Null);
        if options.detail == DetailLevel::Totals && plan.has_lines() {
            plan.evaluate_totals(record, options.numbers).map(|totals| to_json(&totals, options.numbers))
        } else {
            plan.evaluate_in(record, explain).map(|eval| to_json(&PlanResult::new(eval, &options), options.numbers))
        }
    };
    match outcome {
        Ok(result) => format!("{{\"case\":{id},\"result\":{result}}}"),
        Err(e) => format!("{{\"case\":{id},\"error\":{}}}", to_json(&Thrown::new(&e, locale), NumberOutput::Number)),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input: Box<dyn BufRead> = match std::env::args().nth(1) {
        Some(path) => Box::new(std::io::BufReader::new(std::fs::File::open(path)?)),
        None => Box::new(std::io::stdin().lock()),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut current: Option<Current> = None;
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Value = serde_json::from_str(&line)?;
        match item.get("kind").and_then(Value::as_str) {
            Some("plan") => {
                current = Some(Current {
                    id: item.get("id").and_then(Value::as_i64).unwrap_or(-1),
                    text: item.get("text").and_then(Value::as_str).unwrap_or_default().to_string(),
                    compiled: None,
                });
            }
            Some("case") => {
                let plan = item.get("plan").and_then(Value::as_i64);
                let Some(current) = current.as_mut().filter(|c| Some(c.id) == plan) else {
                    return Err(format!("case {line:.80}: its plan was not given before it").into());
                };
                // A panic is written as the case's output (the JS builds would throw
                // INTERNAL_ERROR); with `panic = "abort"` (release) it ends the run instead.
                let line = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(current, &item)))
                    .unwrap_or_else(|_| {
                        let id = item.get("id").and_then(Value::as_i64).unwrap_or(-1);
                        format!("{{\"case\":{id},\"thrown\":\"panic\"}}")
                    });
                writeln!(out, "{line}")?;
            }
            _ => return Err(format!("not a plan or a case: {line:.80}").into()),
        }
    }
    out.flush()?;
    Ok(())
}
