//! The one reader from JSON text to documents (plans, specs, team calls): serde's complaints
//! become coded errors with a JSON pointer to the offending key.
//!
//! The code is read from serde_json's message (`unknown field`, `missing field`, `unknown
//! variant`), in `classify` and nowhere else, and the pointer is found by re-reading prefixes of
//! the text (`pointer.rs`). Typed errors would need a second deserializer for every document
//! type: built and measured, that added about 430 KB of code and 119 KB gzip (+14%) to the
//! `.wasm`, which the package's size budget cannot carry. What keeps this honest is the property
//! test in `plan/parse.rs`: on mutations of real documents, the codes and pointers here must
//! agree with serde_path_to_error's, so a serde_json release that changes a message fails it.

mod pointer;
pub(crate) mod tagged;

use crate::base::error::{closest, Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use pointer::{locate, offset, Fault};

/// Reads a whole document (a plan, a spec): [`from_json`], refusing an array where the
/// document's object belongs (serde would read the struct's fields from it by position).
pub fn document_from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    not_an_array(json)?;
    from_json(json)
}

/// Reads any document type from JSON text; a malformed one is a coded error with a JSON
/// pointer to the offending key (origin: the plan).
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    deserialize(json).map_err(|err| describe(json, &err).path(Origin::Plan, pointer::<T>(json, err)))
}

/// The coded error for what serde_json said of `json` (without its pointer).
pub(crate) fn describe(json: &str, err: &serde_json::Error) -> Error {
    misplaced_value(json, err).unwrap_or_else(|| classify(err))
}

/// serde_json says "expected value" where a name belongs (an enum's) and a number, an array,
/// `true`, `false` or `null` stands there: the JSON is sound, the value is of the wrong type.
fn misplaced_value(json: &str, err: &serde_json::Error) -> Option<Error> {
    if err.classify() != serde_json::error::Category::Syntax || !err.to_string().starts_with("expected value") {
        return None;
    }
    // The offset is just past the character serde_json stopped at.
    let at = offset(json, err.line(), err.column()).checked_sub(1)?;
    let rest = json.get(at..)?;
    let found: Text = match rest.as_bytes().first()? {
        b'[' => Phrase::AnArray.into(),
        b't' if rest.starts_with("true") => Phrase::FoundBoolean.with(["true"]),
        b'f' if rest.starts_with("false") => Phrase::FoundBoolean.with(["false"]),
        b'n' if rest.starts_with("null") => Text::value("null"),
        b'-' | b'0'..=b'9' => {
            let number = rest.get(..pointer::number_len(rest)?)?;
            let kind = if number.contains(['.', 'e', 'E']) { Phrase::FoundNumber } else { Phrase::FoundInteger };
            kind.with([number])
        }
        _ => return None,
    };
    Some(Error::new(ErrorCode::InvalidPlan).expected(Phrase::AString).found(found))
}

/// Reads a spec (a decomposition, a pacing, a forced distribution) as [`document_from_json`]
/// reads a plan; what cannot be read is worded as that spec (`what`), not as a plan document.
pub fn spec_from_json<T: serde::de::DeserializeOwned>(json: &str, what: Phrase) -> Result<T> {
    document_from_json(json).map_err(|e| match e.code {
        ErrorCode::InvalidPlan if e.detail.name.is_none() => e.name(what),
        _ => e,
    })
}

/// An error unless the text is something other than an array.
fn not_an_array(json: &str) -> Result<()> {
    if json.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('[') {
        return Err(Error::new(ErrorCode::InvalidPlan)
            .found("invalid type: array, expected an object")
            .path(Origin::Plan, ""));
    }
    Ok(())
}

/// Deserializes from the text; only whitespace may follow the document.
fn deserialize<T: serde::de::DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The JSON pointer of what `err` is about.
fn pointer<T: serde::de::DeserializeOwned>(json: &str, err: serde_json::Error) -> String {
    let message = err.to_string();
    let fault = match err.classify() {
        serde_json::error::Category::Eof => Fault::Eof,
        serde_json::error::Category::Data => {
            Fault::Data { object: message.starts_with("duplicate field") || message.starts_with("unknown variant") }
        }
        _ if message.starts_with("trailing c") => Fault::Trailing,
        _ => Fault::Syntax,
    };
    let bare = |m: &str| m.split(" at line ").next().unwrap_or_default().to_string();
    let fails_again = |cut: usize| {
        let again = json.get(..cut).map(deserialize::<T>);
        matches!(again, Some(Err(e)) if e.classify() == err.classify() && bare(&e.to_string()) == bare(&message))
    };
    locate(json, offset(json, err.line(), err.column()), fault, fails_again)
}

/// The locale a document asks for, read leniently (for messages about a document that does not
/// compile); `zh-CN` when it names none or cannot be read.
pub fn document_locale(json: &str) -> Locale {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        locale: Option<Locale>,
    }
    serde_json::from_str::<Probe>(json).ok().and_then(|p| p.locale).unwrap_or_default()
}

/// Picks the code from serde's message: unknown key, missing key, or a general mismatch.
pub(crate) fn classify(err: &serde_json::Error) -> Error {
    let msg = err.to_string();
    let text = msg.split(" at line ").next().unwrap_or(&msg);
    let quoted: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    if text.starts_with("unknown field") {
        let name = quoted.first().copied().unwrap_or_default();
        let suggestion = closest(name, quoted.iter().skip(1).copied());
        return Error::new(ErrorCode::UnknownKey).name(name).suggest(suggestion);
    }
    if text.starts_with("missing field") {
        return Error::new(ErrorCode::MissingKey).name(quoted.first().copied().unwrap_or_default());
    }
    if text.starts_with("unknown variant") {
        let found = quoted.first().copied().unwrap_or_default();
        let suggestion = closest(found, quoted.iter().skip(1).copied());
        let expected = quoted.iter().skip(1).copied().collect::<Vec<_>>().join(", ");
        return Error::new(ErrorCode::InvalidValue).name(found).found(found).expected(expected).suggest(suggestion);
    }
    if let Some(e) = mismatch(text) {
        return e;
    }
    // serde_json's own words for text that does not parse are phrases, worded in each locale.
    Error::new(ErrorCode::InvalidPlan).found(Text::from_wire(text))
}

/// A value of the wrong type or out of its type's range (`invalid type: string "x", expected
/// u32`): what was expected and what was found, each worded in every locale where serde's words
/// are known.
fn mismatch(text: &str) -> Option<Error> {
    let rest = text.strip_prefix("invalid type: ").or_else(|| text.strip_prefix("invalid value: "))?;
    // The last ", expected": a string found may hold the words too.
    let (found, expected) = rest.rsplit_once(", expected ")?;
    Some(Error::new(ErrorCode::InvalidPlan).expected(expected_text(expected)).found(found_text(found)))
}

/// serde's `Unexpected`, as serde_json writes it.
fn found_text(found: &str) -> Text {
    let quoted = |kind: &str| found.strip_prefix(kind).map(|v| v.trim_matches('`').to_string());
    if let Some(v) = found.strip_prefix("string ") {
        return Phrase::FoundString.with([v]);
    }
    if let Some(v) = quoted("integer ") {
        return Phrase::FoundInteger.with([v]);
    }
    if let Some(v) = quoted("floating point ") {
        return Phrase::FoundNumber.with([v]);
    }
    if let Some(v) = quoted("boolean ") {
        return Phrase::FoundBoolean.with([v]);
    }
    match found {
        "sequence" => Phrase::AnArray.into(),
        "map" => Phrase::AnObject.into(),
        _ => Text::value(found),
    }
}

/// What a visitor expects, as serde and the crate's readers say it.
fn expected_text(expected: &str) -> Text {
    match expected {
        "a string" | "a borrowed string" => Phrase::AString.into(),
        "a boolean" => Phrase::TrueOrFalse.into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => Phrase::AWholeNumberAtLeastZero.into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => Phrase::AWholeNumber.into(),
        "f32" | "f64" => Phrase::ANumber.into(),
        "a sequence" => Phrase::AnArray.into(),
        "a map" | "map with a single key" => Phrase::AnObject.into(),
        "string or map" => Phrase::AStringOrAnObject.into(),
        e if e.starts_with("struct ") || e.contains(" enum ") => Phrase::AnObject.into(),
        e => Text::from_wire(e),
    }
}
