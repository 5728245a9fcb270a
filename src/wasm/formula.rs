//! `Formula`: compile once, evaluate many.

use super::convert::{self, record_path, JsRecord, RecordReader};
use super::document;
use super::error::to_js;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Span, Text};
use crate::base::locale::Locale;
use crate::formula::{lexemes, Formula, Lexeme, Limits};
use crate::plan::output::{FormulaResult, Options, OutputValue};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A compiled formula.
#[wasm_bindgen(js_name = Formula)]
pub struct JsFormula {
    inner: Formula,
    keys: js_sys::Array,
}

/// Reads the options of a call; a bad one is thrown in the default locale.
fn read_options(options: &JsValue) -> Result<Options, JsValue> {
    document::options_of(options).map_err(|e| to_js(&e, Locale::default()))
}

/// `source` as a JS string, or `INVALID_VALUE` (path `""`, origin formula) when it is not one.
fn js_text(source: &JsValue) -> Result<&js_sys::JsString, Error> {
    source.dyn_ref::<js_sys::JsString>().ok_or_else(|| {
        Error::new(ErrorCode::InvalidValue)
            .name("formula")
            .expected(Phrase::TypeText)
            .found(Text::from_wire(&super::convert::kind_of(source)))
            .path(Origin::Formula, "")
    })
}

/// The formula text of `source`: `INVALID_VALUE` when it is not a string, `FORMULA_TOO_LONG`
/// (checked before the text is copied) past the limit.
fn source_text(source: &JsValue) -> Result<String, Error> {
    let text = js_text(source)?;
    let max = Limits::default().max_length;
    if text.length() > max {
        let span = Span::new(max, text.length());
        return Err(Error::new(ErrorCode::FormulaTooLong).expected(max.to_string()).at(span));
    }
    Ok(String::from(text))
}

fn locale_of(options: &Options) -> Locale {
    options.locale.unwrap_or_default()
}

impl JsFormula {
    fn eval_one(&self, record: &JsRecord<'_>, options: &Options, index: Option<usize>) -> Result<OutputValue, Error> {
        let inputs = (0..self.inner.names().len()).map(|i| record.field(i));
        let value = self.inner.evaluate_inputs(inputs).map_err(|e| e.under(&record_path(index)))?;
        Ok(OutputValue::from_value(&value, options.numbers))
    }
}

#[wasm_bindgen(js_class = Formula)]
impl JsFormula {
    /// Compiles formula text. Throws `SalesScoreError` with a span on bad text.
    pub fn compile(
        #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsFormula, JsValue> {
        let options = read_options(&options)?;
        let compiled = source_text(&source).and_then(|text| Formula::compile(&text));
        let inner = compiled.map_err(|e| to_js(&e, locale_of(&options)))?;
        let keys = inner.names().iter().map(|n| JsValue::from_str(n)).collect();
        Ok(JsFormula { inner, keys })
    }

    /// Evaluates against an object of field values.
    #[wasm_bindgen(unchecked_return_type = "number | string | boolean")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] values: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = read_options(&options)?;
        let mut reader = RecordReader::default();
        let result = reader.read(&values, &self.keys, None).and_then(|r| self.eval_one(&r, &options, None));
        result.map(|v| convert::output(&v)).map_err(|e| to_js(&e, locale_of(&options)))
    }

    /// Evaluates many records in one call. Returns `{ values, errors }`: `values[i]` is the
    /// result of record `i`, or `null` exactly when `errors` has an entry with `index: i`.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "BatchResult")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = read_options(&options)?;
        let locale = locale_of(&options);
        let records = document::record_array(&records).map_err(|e| to_js(&e, locale))?;
        let mut reader = RecordReader::default();
        Ok(convert::batch(&records, locale, "values", |i| {
            let record = reader.read_item(&records, i, &self.keys).map_err(|e| e.under(&record_path(Some(i))))?;
            self.eval_one(&record, &options, Some(i)).map(|v| convert::output(&v))
        }))
    }

    /// Evaluates and shows the calculation: `{ value, type, exact, substituted, inputs, text }`.
    #[wasm_bindgen(unchecked_return_type = "FormulaResult")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] values: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = read_options(&options)?;
        let run = || -> Result<JsValue, Error> {
            let mut reader = RecordReader::default();
            let record = reader.read(&values, &self.keys, None)?;
            let inputs = (0..self.inner.names().len()).map(|i| record.field(i));
            convert::to_js(&FormulaResult::new(self.inner.explain_inputs(inputs)?, &options))
        };
        run().map_err(|e| to_js(&e, locale_of(&options)))
    }

    /// The field names the formula reads, in order of first use.
    #[wasm_bindgen(getter)]
    pub fn fields(&self) -> Vec<String> {
        self.inner.names().to_vec()
    }

    /// The formula text.
    #[wasm_bindgen(getter)]
    pub fn source(&self) -> String {
        self.inner.source().to_string()
    }
}

/// Compiles and evaluates a formula in one call.
#[wasm_bindgen(js_name = evaluateFormula, unchecked_return_type = "number | string | boolean")]
pub fn evaluate_formula(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    JsFormula::compile(source, options.clone())?.evaluate(values, options)
}

/// A token as `formulaTokens` gives it: `{ kind, start, end }`, and `code` on an error.
#[derive(Serialize)]
struct JsToken {
    kind: &'static str,
    start: u32,
    end: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
}

impl From<&Lexeme> for JsToken {
    fn from(l: &Lexeme) -> Self {
        JsToken { kind: l.kind.as_str(), start: l.span.start, end: l.span.end, code: l.error.map(ErrorCode::as_str) }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TOKEN: &str = r#"
/** A token of formula text as `formulaTokens()` gives it; `start` and `end` count UTF-16 units
 *  (JS string indices). `code` is set on `error` tokens: the code compiling the text gives there. */
export interface FormulaToken {
  kind: "number" | "string" | "field" | "function" | "boolean" | "keyword" | "operator" | "punctuation" | "error";
  start: number;
  end: number;
  code?: string;
}
"#;

/// The tokens of formula text with their kinds and UTF-16 spans, as the engine reads them, for
/// highlighting. Never throws for a string: unreadable text is an `error` token with its code;
/// past the formula length limit the rest is one `FORMULA_TOO_LONG` token (not copied in).
#[wasm_bindgen(js_name = formulaTokens, unchecked_return_type = "FormulaToken[]")]
pub fn formula_tokens(#[wasm_bindgen(unchecked_param_type = "string")] source: JsValue) -> Result<JsValue, JsValue> {
    let text = js_text(&source).map_err(|e| to_js(&e, Locale::default()))?;
    let (length, max) = (text.length(), Limits::default().max_length);
    let read = String::from(if length > max { text.slice(0, max) } else { text.clone() });
    let mut tokens: Vec<JsToken> = lexemes(&read).iter().map(JsToken::from).collect();
    if length > max {
        tokens.push(JsToken { kind: "error", start: max, end: length, code: Some(ErrorCode::FormulaTooLong.as_str()) });
    }
    convert::to_js(&tokens).map_err(|e| to_js(&e, Locale::default()))
}
