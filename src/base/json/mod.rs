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

use crate::base::error::{closest, Error, ErrorCode, Origin, Result, Text};
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
    deserialize(json).map_err(|err| classify(&err).path(Origin::Plan, pointer::<T>(json, err)))
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
    // serde_json's own words for text that does not parse are phrases, worded in each locale.
    Error::new(ErrorCode::InvalidPlan).found(Text::from_wire(text))
}
