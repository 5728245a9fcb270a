//! Internally tagged enums (`"type": "commission"`, indicator methods) read without serde's
//! buffering.
//!
//! serde's derived `Deserialize` for such an enum buffers the object (its `Content`) and reads the
//! variant from the buffer, which instantiates every type inside a variant for a second
//! deserializer. Here the object is read once, the tag with the enum's variant identifier and the
//! other members written back as JSON text, and the variant is read from that text by the same
//! reader as the document (serde_json's, on a `&str`): one instance of each type.
//!
//! What a reader sees is what it saw with the buffering: the members are read (and their syntax,
//! numbers and strings checked) before the variant, the tag's errors are found at the tag, a
//! second tag is a duplicate field, a missing one a missing field; the variant's own errors are
//! reported without a position, so that they are found where the buffered ones were, after the
//! object (see `pointer.rs`), and in the buffer's words where serde_json's differ (an enum's value
//! that is neither a string nor an object of one member, a struct written as an array with
//! elements left over).

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt::{self, Write as _};
use std::marker::PhantomData;

/// The tag key of the crate's internally tagged enums.
const TAG: &str = "type";

/// An internally tagged enum's object: its tag (`T`, the enum's variant identifier), and its
/// other members as JSON text.
pub(crate) struct Tagged<T> {
    /// The variant named by the tag.
    pub(crate) tag: T,
    /// The other members, as an object (or, for an enum written as an array, the elements after
    /// the tag, as an array).
    rest: String,
}

impl<T> Tagged<T> {
    /// Reads an internally tagged enum's object; `expecting` is what serde's derive says it
    /// expects (`internally tagged enum Method`).
    pub(crate) fn read<'de, D>(d: D, expecting: &'static str) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        d.deserialize_any(TaggedVisitor { expecting, tag: PhantomData })
    }

    /// The variant's value, read from the members other than the tag.
    pub(crate) fn variant<V: DeserializeOwned, E: de::Error>(&self) -> Result<V, E> {
        let mut de = serde_json::Deserializer::from_str(&self.rest);
        V::deserialize(&mut de).map_err(|err| variant_error(&self.rest, &err))
    }
}

/// An error in a variant's value as serde's buffering reported it: without a position (the
/// enclosing reader gives it the object's), and in the buffer's words where serde_json's differ:
/// an enum's value that is neither a string nor an object of one member, a struct written as an
/// array with elements left over. (`rest` is one line, with no space between tokens.)
fn variant_error<E: de::Error>(rest: &str, err: &serde_json::Error) -> E {
    let (message, column, bytes) = (without_position(err), err.column(), rest.as_bytes());
    let at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).copied();
    let single_key = || E::invalid_value(de::Unexpected::Map, &"map with a single key");
    match message.as_str() {
        // serde_json reads an enum from a string or an object only, and says so at the value
        // (its 1-based column), or at the `,` after an object's first member, or at the `}` of
        // an empty object, where it looked for the variant's end or name.
        "expected value" => {
            let start = column.checked_sub(1);
            if matches!(at(start.and_then(|s| s.checked_sub(1))), Some(b':' | b'[' | b',')) {
                if let Some(found) = start.and_then(|s| rest.get(s..)).and_then(found) {
                    return E::custom(format_args!("invalid type: {found}, expected string or map"));
                }
            }
            if (at(start) == Some(b'}') && at(column.checked_sub(2)) == Some(b'{')) || at(Some(column)) == Some(b',') {
                return single_key();
            }
        }
        // At the first element more than a struct has fields.
        "trailing characters" => {
            if let Some((true, read, len)) = column.checked_sub(1).and_then(|at| container_at(rest, at)) {
                return E::invalid_length(len, &ElementsInSeq(read));
            }
        }
        // An unknown variant name as the first key of an object of several members (serde_json
        // stops right after the key).
        m if m.starts_with("unknown variant") && at(Some(column)) == Some(b':') => {
            if let Some((false, 0, 2..)) = container_at(rest, column) {
                return single_key();
            }
        }
        _ => {}
    }
    E::custom(message)
}

/// How serde's messages name the value at the start of `value` (as serde_json wrote it), when
/// it is not a string or an object.
fn found(value: &str) -> Option<String> {
    let token = value.split([',', '}', ']']).next().unwrap_or_default();
    Some(match value.as_bytes().first()? {
        b'[' => "sequence".to_string(),
        b'n' => "null".to_string(),
        b't' | b'f' => format!("boolean `{token}`"),
        b'-' | b'0'..=b'9' if token.contains(['.', 'e', 'E']) => format!("floating point `{token}`"),
        b'-' | b'0'..=b'9' => format!("integer `{token}`"),
        _ => return None,
    })
}

/// The innermost array or object open at byte `at` of `rest`: whether it is an array, how many
/// of its members come before `at`, and how many it has.
fn container_at(rest: &str, at: usize) -> Option<(bool, usize, usize)> {
    // Per open container: whether an array, and the commas seen in it (strings skipped).
    let (mut open, mut in_string, mut escaped) = (Vec::<(bool, usize)>::new(), false, false);
    let mut found = None;
    for (i, b) in rest.bytes().enumerate() {
        if i == at {
            let &(array, commas) = open.last()?;
            found = Some((open.len(), array, commas));
        }
        if in_string {
            (in_string, escaped) = (escaped || b != b'"', !escaped && b == b'\\');
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => open.push((b == b'[', 0)),
            b',' => {
                if let Some((_, commas)) = open.last_mut() {
                    *commas = commas.saturating_add(1);
                }
            }
            b']' | b'}' => {
                let depth = open.len();
                let (_, commas) = open.pop()?;
                if let Some((_, array, before)) = found.filter(|&(d, _, _)| d == depth) {
                    return Some((array, before, commas.saturating_add(1)));
                }
            }
            _ => {}
        }
    }
    None
}

/// What serde's buffer said it expected of a sequence with elements left over.
struct ElementsInSeq(usize);

impl de::Expected for ElementsInSeq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 {
            f.write_str("1 element in sequence")
        } else {
            write!(f, "{} elements in sequence", self.0)
        }
    }
}

/// serde_json's message without the position it appends (a position in `rest`, not in the
/// document).
fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    if err.line() == 0 {
        return message;
    }
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match message.strip_suffix(suffix.as_str()) {
        Some(bare) => bare.to_string(),
        None => message,
    }
}

struct TaggedVisitor<T> {
    expecting: &'static str,
    tag: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TaggedVisitor<T> {
    type Value = Tagged<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tagged<T>, A::Error> {
        let Some(tag) = seq.next_element::<T>()? else {
            return Err(de::Error::missing_field(TAG));
        };
        // The elements after the tag, as an array.
        let mut rest = String::new();
        Json(&mut rest).visit_seq(seq)?;
        Ok(Tagged { tag, rest })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tagged<T>, A::Error> {
        let mut tag = None;
        let mut rest = String::from("{");
        loop {
            let mark = rest.len();
            if rest.len() > 1 {
                rest.push(',');
            }
            match map.next_key_seed(Key(&mut rest))? {
                None => {
                    rest.truncate(mark);
                    break;
                }
                Some(true) => {
                    rest.truncate(mark);
                    if tag.is_some() {
                        return Err(de::Error::duplicate_field(TAG));
                    }
                    tag = Some(map.next_value::<T>()?);
                }
                Some(false) => {
                    rest.push(':');
                    map.next_value_seed(Json(&mut rest))?;
                }
            }
        }
        rest.push('}');
        match tag {
            Some(tag) => Ok(Tagged { tag, rest }),
            None => Err(de::Error::missing_field(TAG)),
        }
    }
}

/// A member's key: whether it is the tag; any other key is appended to the text as JSON.
struct Key<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        if v == TAG {
            return Ok(true);
        }
        write_str(self.0, v);
        Ok(false)
    }
}

/// Reads any value, appending it to the text as JSON (numbers as serde_json reads them back: an
/// integer as an integer, a float as a float).
struct Json<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for Json<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Json<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.0.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.0.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        // The shortest digits that read back as the same float; serde_json's numbers are finite.
        let mut digits = zmij::Buffer::new();
        let text = digits.format_finite(v);
        self.0.push_str(text);
        if !text.contains(['.', 'e', 'E']) {
            self.0.push_str(".0");
        }
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        write_str(self.0, v);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.push_str("null");
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.push('[');
        let mut first = true;
        loop {
            let mark = self.0.len();
            if !first {
                self.0.push(',');
            }
            if seq.next_element_seed(Json(&mut *self.0))?.is_none() {
                self.0.truncate(mark);
                break;
            }
            first = false;
        }
        self.0.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.push('{');
        let mut first = true;
        loop {
            let mark = self.0.len();
            if !first {
                self.0.push(',');
            }
            if map.next_key_seed(Json(&mut *self.0))?.is_none() {
                self.0.truncate(mark);
                break;
            }
            self.0.push(':');
            map.next_value_seed(Json(&mut *self.0))?;
            first = false;
        }
        self.0.push('}');
        Ok(())
    }
}

/// Appends `s` as a JSON string: the runs that need no escape copied whole.
fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len().saturating_add(2));
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        // Only ASCII bytes are escaped, so every run ends on a character boundary.
        if b == b'"' || b == b'\\' || b < b' ' {
            out.push_str(s.get(run..i).unwrap_or_default());
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                _ => {
                    let _ = write!(out, "\\u{:04x}", b);
                }
            }
            run = i.saturating_add(1);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
#[allow(dead_code)] // the test types are compared through `Debug`
mod tests {
    use super::*;

    fn copy(json: &str) -> String {
        let mut out = String::new();
        let mut de = serde_json::Deserializer::from_str(json);
        Json(&mut out).deserialize(&mut de).unwrap();
        out
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Booked,
        Collected(u8),
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Inner {
        id: String,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        n: Option<u8>,
        #[serde(default)]
        list: Vec<Kind>,
        #[serde(default)]
        f: Option<f64>,
    }

    /// What serde derives.
    #[derive(Debug, serde::Deserialize)]
    #[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
    enum Derived {
        One(Inner),
        Two {
            a: String,
            #[serde(default)]
            kind: Option<Kind>,
            #[serde(default)]
            min_n: Option<u8>,
        },
    }

    /// The same read here.
    #[derive(Debug)]
    enum Ours {
        One(Inner),
        Two { a: String, kind: Option<Kind>, min_n: Option<u8> },
    }

    impl<'de> Deserialize<'de> for Ours {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            #[derive(serde::Deserialize)]
            #[serde(variant_identifier, rename_all = "camelCase")]
            enum Tag {
                One,
                Two,
            }
            #[derive(serde::Deserialize)]
            #[serde(expecting = "struct variant Derived::Two with 3 elements", deny_unknown_fields)]
            struct Two {
                a: String,
                #[serde(default)]
                kind: Option<Kind>,
                #[serde(default)]
                min_n: Option<u8>,
            }
            let read = Tagged::<Tag>::read(d, "internally tagged enum Derived")?;
            Ok(match read.tag {
                Tag::One => Ours::One(read.variant()?),
                Tag::Two => {
                    let Two { a, kind, min_n } = read.variant()?;
                    Ours::Two { a, kind, min_n }
                }
            })
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Outer<T> {
        x: Vec<T>,
        #[serde(default)]
        after: u8,
    }

    /// Every result and every message (with its position) as serde's derive gives them.
    #[test]
    fn reads_as_serde_derives() {
        let values = [
            r#"{"type": "one", "id": "a"}"#,
            r#"{"id": "a", "type": "one", "kind": "booked", "n": 3, "list": ["booked", {"collected": 2}], "f": 1.5}"#,
            r#"{"id": "a\"\\\u0001\n😀", "type": "one", "f": 1e300, "n": 0}"#,
            r#"{"id": "a", "type": "one", "f": -0.0}"#,
            r#"{"id": "a", "type": "one", "f": 1e400}"#,
            r#"{"id": "\ud800", "type": "one"}"#,
            r#"{"id": "a"}"#,
            r#"{}"#,
            r#"{"type": "one", "type": "one", "id": "a"}"#,
            r#"{"id": "a", "type": "onee"}"#,
            r#"{"type": 1, "a": "b"}"#,
            r#"{"type": 7, "a": "b"}"#,
            r#"{"type": null, "a": "b"}"#,
            r#"{"type": ["one"], "a": "b"}"#,
            r#"["two", "b"]"#,
            r#"["two", "b", "booked"]"#,
            r#"["two", "b", "booked", 3]"#,
            r#"["two", "b", "booked", "x\\\"]", [4, {"a": "]"}], 5]"#,
            r#"{"type": "one", "id": "a", "list": [["x", 1, 2]]}"#,
            r#"{"type": "two", "a": "b", "kind": {"collected": [1, 2]}}"#,
            r#"["two"]"#,
            r#"["one", "a"]"#,
            r#"[]"#,
            r#"[1, "b"]"#,
            r#""one""#,
            r#"null"#,
            r#"3"#,
            r#"{"type": "two", "a": "b", "kind": null, "min_n": 1}"#,
            r#"{"type": "two", "a": "b", "minN": 1}"#,
            r#"{"type": "two", "a": 1}"#,
            r#"{"type": "two"}"#,
            r#"{"type": "two", "a": "b", "c": 1}"#,
            r#"{"type": "two", "a": "b", "a": "c"}"#,
            r#"{"type": "one", "id": "a", "id": "b"}"#,
            r#"{"type": "one", "id": "a", "n": 300}"#,
            r#"{"type": "one", "id": "a", "n": "x"}"#,
            r#"{"type": "one", "id": "a", "n": 1.5}"#,
            r#"{"type": "one", "id": "a", "n": -1}"#,
            r#"{"type": "one", "id": "a", "list": [1]}"#,
            r#"{"type": "one", "id": "a", "list": {}}"#,
            r#"{"type": "one", "id": "a", "kind": "bookd"}"#,
            r#"{"type": "one", "id": "a", "kind": "collected"}"#,
            r#"{"type": "one", "id": "a", "kind": {"collected": "x"}}"#,
            r#"{"type": "one", "id": "a", "kind": {"booked": null}}"#,
            r#"{"type": "one", "id": "a", "kind": {"booked": 1}}"#,
            r#"{"type": "one", "id": "a", "kind": {"bookd": null}}"#,
            r#"{"type": "one", "id": "a", "kind": {"collected": 12, "b": 2}}"#,
            r#"{"type": "one", "id": "a", "kind": {"booked": null, "b": 2}}"#,
            r#"{"type": "one", "id": "a", "kind": 0, "n": 1}"#,
            r#"{"type": "one", "id": "a", "list": [0, 1]}"#,
            r#"{"type": "one", "id": "a", "kind": {"a\"{": 1, "b": 2}}"#,
            r#"{"type": "one", "id": "a", "kind": {"a": 1, "b": 2}}"#,
            r#"{"type": "one", "id": "a", "kind": {}}"#,
            r#"{"type": "one", "id": "a", "kind": null}"#,
            r#"{"type": "one", "id": "a", "kind": true}"#,
            r#"{"type": "one", "id": "a", "kind": -2}"#,
            r#"{"type": "one", "id": "a", "kind": 2.5}"#,
            r#"{"type": "one", "id": "a", "kind": 100.0}"#,
            r#"{"type": "one", "id": "a", "kind": -0.0}"#,
            r#"{"type": "one", "id": "a", "kind": 1e300}"#,
            r#"{"type": "one", "id": "a", "kind": 18446744073709551615}"#,
            r#"{"type": "one", "id": "a", "kind": false, "n": 1}"#,
            r#"{"type": "one", "id": "a", "kind": {"collected": 12, "b": 2, "c": 3}}"#,
            r#"{"type": "one", "id": "a", "kind": {"c\\": 12, "b": 2}}"#,
            r#"{"type": "one", "id": "a", "kind": [1]}"#,
            r#"{"type": "one", "id": "a", "list": [{}]}"#,
            r#"{"type": "one", "id": "a", "list": ["booked", true]}"#,
            r#"{"type": "one", "id": "a", "zz": 1}"#,
            r#"{"type": "one", "id": ["a"]}"#,
            r#"{"type": "one", "id": "a", }"#,
            r#"{"type": "one", "id": "a""#,
        ];
        for value in values {
            for text in [format!(r#"{{"x": [{value}], "after": 1}}"#), format!("{{\"x\":[\n{value}\n]}}")] {
                let derived = serde_json::from_str::<Outer<Derived>>(&text);
                let ours = serde_json::from_str::<Outer<Ours>>(&text);
                let (derived, ours) = (format!("{derived:?}"), format!("{ours:?}").replace("Ours", "Derived"));
                assert_eq!(ours, derived, "{text}");
            }
        }
    }

    /// serde's buffer said what it found where an enum was expected; serde_json says "expected
    /// value".
    #[test]
    fn a_value_that_is_not_an_enum_is_named() {
        #[derive(Debug, serde::Deserialize)]
        enum E {
            A,
        }
        #[derive(Debug, serde::Deserialize)]
        struct S {
            x: u8,
            e: E,
        }
        for (value, found) in [
            ("null", "null"),
            ("true", "boolean `true`"),
            ("-1", "integer `-1`"),
            ("7", "integer `7`"),
            ("1.5", "floating point `1.5`"),
            ("1e+300", "floating point `1e+300`"),
            ("[1]", "sequence"),
        ] {
            let rest = format!(r#"{{"x":1,"e":{value}}}"#);
            let tagged = Tagged { tag: (), rest };
            let err = tagged.variant::<S, serde_json::Error>().unwrap_err();
            assert_eq!(err.to_string(), format!("invalid type: {found}, expected string or map"));
            assert_eq!(err.line(), 0);
        }
        let tagged = Tagged { tag: (), rest: r#"{"x":300,"e":"A"}"#.to_string() };
        let err = tagged.variant::<S, serde_json::Error>().unwrap_err();
        assert_eq!((err.to_string().as_str(), err.line()), ("invalid value: integer `300`, expected u8", 0));
    }

    #[test]
    fn values_are_written_back_as_serde_json_reads_them() {
        let json = r#"{"a": [1, -2, 1.5, 1e300, -0.0, 100.0, 18446744073709551615, 1e20], "b": null, "c": true,
            "d": "q\"\\\n\u0001é😀", "d": {}, "e": []}"#;
        let out = copy(json);
        assert_eq!(
            out,
            "{\"a\":[1,-2,1.5,1e+300,-0.0,100.0,18446744073709551615,1e+20],\"b\":null,\"c\":true,\
             \"d\":\"q\\\"\\\\\\u000a\\u0001é😀\",\"d\":{},\"e\":[]}"
        );
        let (a, b): (serde_json::Value, serde_json::Value) =
            (serde_json::from_str(json).unwrap(), serde_json::from_str(&out).unwrap());
        assert_eq!(a, b);
    }
}
