//! The one reader from JSON text to documents (plans, specs, the compare session's options).
//!
//! The text is parsed once into a tree ([`read::Json`], by serde_json), and each document type
//! reads itself from the tree ([`read::Read`]), naming the JSON pointer of whatever it refuses.
//! A text that is not JSON (or writes a key twice) is a coded error too: serde_json's complaint,
//! its code read from the message in `classify` and nowhere else, and its pointer found by
//! re-reading prefixes of the text (`pointer.rs`).
//!
//! The types also keep serde's derived `Deserialize`, read through [`from_json`]: for the
//! readers that still take serde's (a record's JSON in the compare session, a component read
//! alone by `incentive::parse`), and for the tests, which hold the [`read::Read`] readers to
//! serde's on mutations of every document (`read::testing`), and serde's to a path-tracking
//! deserializer's (`plan/parse.rs`). The WebAssembly builds read documents with [`read_document`] and
//! [`read_spec`] only: serde's derived readers were the largest part of the form `.wasm`
//! (README, "Builds").

mod pointer;
pub mod read;
pub(crate) mod tagged;

use crate::base::error::{closest, Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use pointer::{locate, offset, Fault};

/// Reads a whole document with its [`read::Read`] reader: the text is parsed into a tree
/// (a syntax error, or a key written twice, is a coded error with a pointer, as from
/// [`from_json`]), and the document reads itself from the tree.
pub fn read_document<T: read::Read>(json: &str) -> Result<T> {
    let tree = from_json::<read::Json>(json)?;
    read::read_root(&tree)
}

/// Reads a spec (a decomposition, a pacing, a forced distribution) as [`read_document`] reads
/// a plan; what cannot be read is worded as that spec (`what`), not as a plan document.
pub fn read_spec<T: read::Read>(json: &str, what: Phrase) -> Result<T> {
    read_document(json).map_err(|e| match e.code {
        ErrorCode::InvalidPlan if e.detail.name.is_none() => e.name(what),
        _ => e,
    })
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

/// Deserializes from the text; only whitespace may follow the document.
fn deserialize<T: serde::de::DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// JSON text as a `serde_json::Value`, through the one parser: none when it is not JSON (or
/// writes a key twice). For JSON a host wrote (`JSON.stringify` of a record's cell).
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) fn value_of(json: &str) -> Option<serde_json::Value> {
    read::read_root(&deserialize::<read::Json>(json).ok()?).ok()
}

/// A JSON string token (`"a\"b"`) unescaped; none when it is not one.
pub(crate) fn string_of(token: &str) -> Option<String> {
    match deserialize::<read::Json>(token).ok()? {
        read::Json::String(s) => Some(s),
        _ => None,
    }
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
    let Ok(read::Json::Object(members)) = deserialize::<read::Json>(json) else { return Locale::default() };
    let locale = members.iter().find(|(k, _)| k == "locale").map(|(_, v)| v);
    locale.and_then(|json| read::read_root::<Locale>(json).ok()).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::{string_of, value_of};
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;
    #[cfg(not(target_arch = "wasm32"))]
    use serde_json::Value;

    /// Any JSON value a host could write: every kind, nested, numbers of every size.
    #[cfg(not(target_arch = "wasm32"))]
    fn values() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            ".{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(".{0,4}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        /// A host's JSON reads as serde_json's own `Value` reads it; a string token unescapes as
        /// serde_json unescapes it.
        #[test]
        fn host_json_reads_as_serde_json_reads_it(value in values(), text in ".{0,8}") {
            let written = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(value_of(&written), serde_json::from_str::<Value>(&written).ok());
            let token = serde_json::to_string(&text).unwrap();
            prop_assert_eq!(string_of(&token), Some(text));
        }
    }

    #[test]
    fn what_is_not_one_value_or_string_is_none() {
        for bad in ["", "{", "[1,]", "{\"a\":1,\"a\":2}", "1 2", "nul"] {
            assert_eq!(value_of(bad), None, "{bad}");
        }
        for bad in ["1", "\"a", "\"a\" \"b\"", "[\"a\"]", "\"\\x\""] {
            assert_eq!(string_of(bad), None, "{bad}");
        }
    }
}
