//! Reads a plan document from JSON text, turning serde's complaints into coded errors with a
//! JSON pointer to the offending key.

use super::document::PlanDocument;
use crate::error::{closest, pointer_segment, Error, ErrorCode, Origin, Result};
use crate::locale::Locale;
use serde_path_to_error::Segment;

/// Parses the document, or says exactly where and why it is malformed.
pub fn parse_document(json: &str) -> Result<PlanDocument> {
    from_json(json)
}

/// Reads any document type from JSON text; a malformed one is a coded error with a JSON
/// pointer to the offending key (origin: the plan).
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let mut pointer = String::new();
        for seg in err.path().iter() {
            match seg {
                Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
                Segment::Map { key } | Segment::Enum { variant: key } => {
                    pointer.push('/');
                    pointer.push_str(&pointer_segment(key));
                }
                Segment::Unknown => {}
            }
        }
        classify(err.inner()).path(Origin::Plan, pointer)
    })
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
fn classify(err: &serde_json::Error) -> Error {
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
    Error::new(ErrorCode::InvalidPlan).found(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_has_pointer_and_suggestion() {
        let err = parse_document(r#"{"fields":[{"id":"a","type":"money","lable":"x"}]}"#).unwrap_err();
        assert_eq!(err.code, ErrorCode::UnknownKey);
        assert_eq!(err.path, "/fields/0/lable");
        assert_eq!(err.suggestion.as_deref(), Some("label"));
    }

    #[test]
    fn a_broken_document_still_says_its_locale() {
        assert_eq!(document_locale(r#"{"locale": "en", "fields": [{"id": "a", "type": "mony"}]}"#), Locale::En);
        assert_eq!(document_locale(r#"{"fields": []}"#), Locale::ZhCn);
        assert_eq!(document_locale("{"), Locale::ZhCn);
    }

    #[test]
    fn bad_variant_and_syntax() {
        let err = parse_document(r#"{"fields":[{"id":"a","type":"mony"}]}"#).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidValue, "/fields/0/type"));
        assert_eq!(err.suggestion.as_deref(), Some("money"));
        assert_eq!(parse_document("{").unwrap_err().code, ErrorCode::InvalidPlan);
    }
}
