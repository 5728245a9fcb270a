//! The one reader from JSON text to documents (plans, specs, team calls): serde's complaints
//! become coded errors with a JSON pointer to the offending key.
//!
//! A document is read in one pass of `serde_json` straight into its type. Only when that fails is
//! the text read again, for the error ([`tree`]): into a tree, and from the tree into the type
//! again through `serde_path_to_error`, with a deserializer that fails where `serde_json` failed
//! and whose errors are typed. The path is the one `serde_path_to_error` tracked; the code comes
//! from what the type said (an unknown key and the keys it knows, a missing key, an unknown
//! variant), not from serde's wording, which is kept only as the detail of the other errors.

mod tree;

use crate::base::error::{closest, pointer_segment, Error, ErrorCode, Origin, Result};
use crate::base::locale::Locale;
use serde::de::DeserializeOwned;
use tree::{Fault, Tree};

/// Reads a whole document (a plan, a spec): [`from_json`], refusing an array where the
/// document's object belongs (serde would read the struct's fields from it by position).
pub fn document_from_json<T: DeserializeOwned>(json: &str) -> Result<T> {
    not_an_array(json)?;
    from_json(json)
}

/// Reads any document type from JSON text; a malformed one is a coded error with a JSON
/// pointer to the offending key (origin: the plan).
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    match T::deserialize(&mut de) {
        // Only whitespace may follow the document; what does is an error about the whole.
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(err) => Err(untyped(&err).path(Origin::Plan, "")),
        },
        Err(err) => Err(explain::<T>(json, &err)),
    }
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

/// The coded error for `err`, the first reading's, with the path to what it is about.
#[cold]
#[inline(never)]
fn explain<T: DeserializeOwned>(json: &str, err: &serde_json::Error) -> Error {
    let tree = tree::read(json);
    let Err(again) = serde_path_to_error::deserialize::<_, T>(Tree(&tree)) else {
        // (The tree reads as the text does: not reached.)
        return untyped(err).path(Origin::Plan, "");
    };
    let path = pointer(again.path());
    // A syntax error is `serde_json`'s own: the tree's reading only says where it was.
    let data = err.classify() == serde_json::error::Category::Data;
    let error = match again.into_inner() {
        Fault::UnknownField { field, expected } if data => {
            Error::new(ErrorCode::UnknownKey).suggest(closest(&field, expected.iter().copied())).name(field)
        }
        Fault::MissingField(field) if data => Error::new(ErrorCode::MissingKey).name(field),
        Fault::UnknownVariant { variant, expected } if data => Error::new(ErrorCode::InvalidValue)
            .expected(expected.join(", "))
            .suggest(closest(&variant, expected.iter().copied()))
            .found(variant.as_str())
            .name(variant),
        _ => untyped(err),
    };
    error.path(Origin::Plan, path)
}

/// An error that is none of the typed ones: the document does not fit, in `serde_json`'s words
/// (without the position, which the path replaces).
fn untyped(err: &serde_json::Error) -> Error {
    let text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let text = text.strip_suffix(position.as_str()).unwrap_or(&text);
    Error::new(ErrorCode::InvalidPlan).found(text)
}

/// A path-tracking deserializer's path as a JSON pointer.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('/');
                out.push_str(&pointer_segment(key));
            }
            Segment::Unknown => {}
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read only for their errors
    struct Doc {
        name: String,
        #[serde(default)]
        kind: Kind,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        any: Option<serde_json::Value>,
        #[serde(default)]
        picky: Option<Picky>,
    }

    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        #[default]
        Plain,
        Fancy,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
    }

    /// A type whose own message reads like serde's.
    #[derive(Debug)]
    struct Picky;

    impl<'de> serde::Deserialize<'de> for Picky {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> std::result::Result<Self, D::Error> {
            Err(serde::de::Error::custom("unknown field `x`, expected `y`"))
        }
    }

    fn error(json: &str) -> Error {
        from_json::<Doc>(json).unwrap_err()
    }

    #[test]
    fn codes_come_from_what_the_type_said() {
        let e = error(r#"{"name": "a", "items": [{"id": "x", "i`d": 1}]}"#);
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownKey, "/items/0/i`d"));
        assert_eq!((e.detail.name.as_deref(), e.suggestion.as_deref()), (Some("i`d"), Some("id")));

        let e = error(r#"{"name": "a", "kind": "fancey"}"#);
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidValue, "/kind"));
        assert_eq!(e.detail.expected.as_deref(), Some("plain, fancy"));
        assert_eq!((e.detail.found.as_deref(), e.suggestion.as_deref()), (Some("fancey"), Some("fancy")));

        let e = error(r#"{"items": []}"#);
        assert_eq!((e.code, e.path.as_str(), e.detail.name.as_deref()), (ErrorCode::MissingKey, "", Some("name")));

        // A type's own words are only words, whatever they say.
        let e = error(r#"{"name": "a", "picky": 1}"#);
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidPlan, "/picky"));
        assert_eq!(e.detail.found.as_deref(), Some("unknown field `x`, expected `y`"));
    }

    #[test]
    fn syntax_errors_are_serde_json_s_at_the_path_it_reached() {
        let e = error(r#"{"name": "a", "items": [{"id": "x"} {"id": "y"}]}"#);
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidPlan, "/items"));
        assert_eq!(e.detail.found.as_deref(), Some("expected `,` or `]`"));
        let e = error(r#"{"name": "a", "kind": 1}"#);
        assert_eq!(
            (e.code, e.path.as_str(), e.detail.found.as_deref()),
            (ErrorCode::InvalidPlan, "/kind", Some("expected value"))
        );
        let e = error("{\"name\": \"a\"}\n x");
        assert_eq!(
            (e.code, e.path.as_str(), e.detail.found.as_deref()),
            (ErrorCode::InvalidPlan, "", Some("trailing characters"))
        );
    }

    /// Deep documents: the second reading goes as deep as the first (`serde_json` stops at 128).
    #[test]
    fn deep_documents() {
        let deep = |depth: usize, after: &str| {
            format!(r#"{{"name": "a", "any": {}1{}{after}}}"#, "[".repeat(depth), "]".repeat(depth))
        };
        let e = error(&deep(120, r#", "extra": 1"#));
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownKey, "/extra"));
        let json = deep(200, "");
        let e = error(&json);
        let tracked = serde_path_to_error::deserialize::<_, Doc>(&mut serde_json::Deserializer::from_str(&json));
        let path = pointer(tracked.unwrap_err().path());
        assert!(path.starts_with("/any/0/0/"), "{path}");
        assert_eq!(
            (e.code, e.path.as_str(), e.detail.found.as_deref()),
            (ErrorCode::InvalidPlan, path.as_str(), Some("recursion limit exceeded"))
        );
    }
}
