//! The document reader: a JSON text becomes a tree ([`Json`], parsed by serde_json), and each
//! document type reads itself from the tree ([`Read`]), naming where it is (a JSON pointer) in
//! every error it raises.
//!
//! serde's derived readers are instantiated per document type and per deserializer; the plan
//! document's 100-odd types made them the largest part of the form `.wasm`. Here the parsing is
//! one instance (the tree's visitor), and a type's reader is a few calls: [`At::object`] checks the
//! members' names, [`Object::req`], [`Object::opt`], [`Object::or_default`] and [`Object::or_else`]
//! read each member as its type reads. The words of every error are those of the serde reader it
//! replaces (a property test in `plan/parse.rs` holds the two to each other on mutated documents);
//! the differences are deliberate and listed there.

use crate::base::error::{closest, pointer_segment, Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use crate::base::number::{decimal_from_f64, parse_decimal, Dec, NumberOutput, Rounding, RoundingStrategy};
use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value as the reader sees it: the members of an object in the text's order (a key
/// written twice is an error while parsing), numbers as serde_json read them.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number ≥ 0.
    U64(u64),
    /// A negative whole number.
    I64(i64),
    /// Any other number (the nearest double).
    F64(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: its members in the text's order.
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Json, E> {
        Ok(u64::try_from(v).map_or(Json::I64(v), Json::U64))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Json, E> {
        Ok(Json::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Json, E> {
        Ok(Json::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Json, A::Error> {
        let mut members: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // serde's words, so that the error is coded and placed as a struct's duplicate was.
            if members.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let value = map.next_value()?;
            members.push((key, value));
        }
        Ok(Json::Object(members))
    }
}

/// Where a value is in the document: the steps from the root, each on the stack of the reader
/// that took it (nothing is allocated unless an error needs the pointer).
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                out.push_str(&pointer_segment(key));
            }
            Path::Index(parent, index) => {
                parent.write(out);
                out.push('/');
                out.push_str(itoa::Buffer::new().format(index));
            }
        }
    }
}

/// A value being read, and where it is.
#[derive(Clone, Copy)]
pub struct At<'a> {
    /// The value.
    pub json: &'a Json,
    path: &'a Path<'a>,
    /// A member an internally tagged enum's variant does not read (its tag).
    tag: Option<&'a str>,
}

/// A type read from a document.
pub trait Read: Sized {
    /// Reads the value at `at`, or says where and why it cannot.
    fn read(at: At<'_>) -> Result<Self>;
}

/// Reads a whole document from its tree.
pub fn read_root<T: Read>(json: &Json) -> Result<T> {
    T::read(At { json, path: &Path::Root, tag: None })
}

impl<'a> At<'a> {
    /// This value's JSON pointer.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.path.write(&mut out);
        out
    }

    /// `err`, placed at this value.
    pub fn error(&self, err: Error) -> Error {
        err.path(Origin::Plan, self.pointer())
    }

    /// The error for a value of another type than `expected`.
    pub fn expected(&self, expected: impl Into<Text>) -> Error {
        self.error(Error::new(ErrorCode::InvalidPlan).expected(expected).found(found(self.json)))
    }

    /// The members of the object here, of which only `keys` may be present (serde's
    /// `deny_unknown_fields`).
    pub fn object(self, keys: &[&str]) -> Result<Object<'a>> {
        let object = self.open_object()?;
        let known = |k: &str| keys.contains(&k) || self.tag == Some(k);
        if let Some((key, json)) = object.members.iter().find(|(k, _)| !known(k)) {
            let suggestion = closest(key, keys.iter().copied());
            let member = At { json, path: &Path::Key(self.path, key), tag: None };
            return Err(member.error(Error::new(ErrorCode::UnknownKey).name(key.as_str()).suggest(suggestion)));
        }
        Ok(object)
    }

    /// The members of the object here, whatever their names.
    pub fn open_object(self) -> Result<Object<'a>> {
        match self.json {
            Json::Object(members) => Ok(Object { members, at: self }),
            _ => Err(self.expected(Phrase::AnObject)),
        }
    }

    /// The string here.
    pub fn str(&self) -> Result<&'a str> {
        match self.json {
            Json::String(s) => Ok(s),
            _ => Err(self.expected(Phrase::AString)),
        }
    }

    /// The elements of the array here, each read as `T`.
    pub fn array<T: Read>(&self) -> Result<Vec<T>> {
        let Json::Array(items) = self.json else { return Err(self.expected(Phrase::AnArray)) };
        let mut out = Vec::with_capacity(items.len());
        for (index, json) in items.iter().enumerate() {
            let path = Path::Index(self.path, index);
            out.push(T::read(At { json, path: &path, tag: None })?);
        }
        Ok(out)
    }

    /// The value of the variant the string here names (`names` pairs each name with its
    /// variant): an unknown name is `INVALID_VALUE`, with the names and the closest.
    pub fn variant<T: Clone>(&self, names: &[(&str, T)]) -> Result<T> {
        let name = match self.json {
            Json::String(s) => s.as_str(),
            _ => return Err(self.expected(Phrase::AString)),
        };
        match names.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => Ok(value.clone()),
            None => Err(self.error(unknown_variant(name, names.iter().map(|(n, _)| *n)))),
        }
    }

    /// An internally tagged enum's object (`"type": "commission"`): the index of the variant
    /// its tag names among `names`, and the object for the variant to read (its tag allowed).
    pub fn tagged(self, tag: &'a str, names: &[&str]) -> Result<(usize, At<'a>)> {
        let object = self.open_object()?;
        let Some(at) = object.member(tag) else {
            return Err(self.error(Error::new(ErrorCode::MissingKey).name(tag)));
        };
        let path = Path::Key(self.path, tag);
        let tag_at = At { json: at, path: &path, tag: None };
        let name = tag_at.str()?;
        match names.iter().position(|n| *n == name) {
            Some(index) => Ok((index, At { tag: Some(tag), ..self })),
            None => Err(tag_at.error(unknown_variant(name, names.iter().copied()))),
        }
    }
}

/// `INVALID_VALUE` for a name that is none of `names`.
fn unknown_variant<'n>(name: &str, names: impl Iterator<Item = &'n str> + Clone) -> Error {
    let expected = names.clone().collect::<Vec<_>>().join(", ");
    Error::new(ErrorCode::InvalidValue).name(name).found(name).expected(expected).suggest(closest(name, names))
}

/// A string found, quoted as serde quotes it in its errors (Rust's `{:?}`) for every ASCII
/// character: `"`, `\\`, newline, return, tab and NUL by their escapes, other control characters
/// as `\u{…}`. Other characters are written as they are, where `{:?}` would escape the few
/// non-printable ones (U+200B, U+FEFF…) by core's Unicode tables, which a form's `.wasm` then
/// leaves out.
fn quoted(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len().saturating_add(2));
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What was found, as the errors name it.
fn found(json: &Json) -> Text {
    match json {
        Json::Null => Text::value("null"),
        Json::Bool(b) => Phrase::FoundBoolean.with([if *b { "true" } else { "false" }]),
        Json::U64(n) => Phrase::FoundInteger.with([itoa::Buffer::new().format(*n)]),
        Json::I64(n) => Phrase::FoundInteger.with([itoa::Buffer::new().format(*n)]),
        // The shortest digits that read back as the number, as JavaScript writes it.
        Json::F64(n) => {
            let mut digits = zmij::Buffer::new();
            let text = digits.format(*n);
            Phrase::FoundNumber.with([text.strip_suffix(".0").unwrap_or(text)])
        }
        Json::String(s) => Phrase::FoundString.with([quoted(s)]),
        Json::Array(_) => Phrase::AnArray.into(),
        Json::Object(_) => Phrase::AnObject.into(),
    }
}

/// An object's members, read by name.
pub struct Object<'a> {
    members: &'a [(String, Json)],
    at: At<'a>,
}

impl<'a> Object<'a> {
    /// The object itself.
    pub fn at(&self) -> At<'a> {
        self.at
    }

    /// The member `key`'s value, if present.
    pub fn member(&self, key: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Reads the member `key` with `read`, if present.
    fn with<T>(&self, key: &str, read: impl FnOnce(At<'_>) -> Result<T>) -> Option<Result<T>> {
        let json = self.member(key)?;
        let path = Path::Key(self.at.path, key);
        Some(read(At { json, path: &path, tag: None }))
    }

    /// The member `key`, which must be present.
    pub fn req<T: Read>(&self, key: &str) -> Result<T> {
        self.with(key, T::read).unwrap_or_else(|| Err(self.at.error(Error::new(ErrorCode::MissingKey).name(key))))
    }

    /// The member `key`: absent or `null` is `None`.
    pub fn opt<T: Read>(&self, key: &str) -> Result<Option<T>> {
        self.with(key, Option::<T>::read).unwrap_or(Ok(None))
    }

    /// The member `key`, or the type's default when it is absent.
    pub fn or_default<T: Read + Default>(&self, key: &str) -> Result<T> {
        self.with(key, T::read).unwrap_or_else(|| Ok(T::default()))
    }

    /// The member `key`, or `default()` when it is absent.
    pub fn or_else<T: Read>(&self, key: &str, default: impl FnOnce() -> T) -> Result<T> {
        self.with(key, T::read).unwrap_or_else(|| Ok(default()))
    }
}

impl<T: Read> Read for Option<T> {
    fn read(at: At<'_>) -> Result<Self> {
        match at.json {
            Json::Null => Ok(None),
            _ => T::read(at).map(Some),
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(at: At<'_>) -> Result<Self> {
        at.array()
    }
}

/// An array of exactly `N` elements, in serde's words otherwise.
impl<T: Read, const N: usize> Read for [T; N] {
    fn read(at: At<'_>) -> Result<Self> {
        if !matches!(at.json, Json::Array(_)) {
            return Err(at.expected(Text::from_wire(&format!("an array of length {N}"))));
        }
        let items: Vec<T> = at.array()?;
        let len = items.len();
        <[T; N]>::try_from(items).map_err(|_| {
            let words = format!("invalid length {len}, expected an array of length {N}");
            at.error(Error::new(ErrorCode::InvalidPlan).found(Text::from_wire(&words)))
        })
    }
}

impl<T: Read> Read for Box<T> {
    fn read(at: At<'_>) -> Result<Self> {
        T::read(at).map(Box::new)
    }
}

impl<T: Read> Read for std::collections::BTreeMap<String, T> {
    fn read(at: At<'_>) -> Result<Self> {
        let object = at.open_object()?;
        let mut out = std::collections::BTreeMap::new();
        for (key, _) in object.members {
            if let Some(value) = object.with(key, T::read) {
                out.insert(key.clone(), value?);
            }
        }
        Ok(out)
    }
}

impl Read for String {
    fn read(at: At<'_>) -> Result<Self> {
        at.str().map(str::to_string)
    }
}

impl Read for bool {
    fn read(at: At<'_>) -> Result<Self> {
        match at.json {
            Json::Bool(b) => Ok(*b),
            _ => Err(at.expected(Phrase::TrueOrFalse)),
        }
    }
}

/// A whole number ≥ 0 that fits `u64`, else the error saying what was expected.
fn whole(at: &At<'_>) -> Result<u64> {
    match at.json {
        Json::U64(n) => Ok(*n),
        _ => Err(at.expected(Phrase::AWholeNumberAtLeastZero)),
    }
}

macro_rules! read_unsigned {
    ($($t:ty),*) => {$(
        impl Read for $t {
            fn read(at: At<'_>) -> Result<Self> {
                let n = whole(&at)?;
                <$t>::try_from(n).map_err(|_| at.expected(Phrase::AWholeNumberAtLeastZero))
            }
        }
    )*};
}
read_unsigned!(u8, u16, u32, u64, usize);

macro_rules! read_signed {
    ($($t:ty),*) => {$(
        impl Read for $t {
            fn read(at: At<'_>) -> Result<Self> {
                let n = match *at.json {
                    Json::U64(n) => <$t>::try_from(n).ok(),
                    Json::I64(n) => <$t>::try_from(n).ok(),
                    _ => None,
                };
                n.ok_or_else(|| at.expected(Phrase::AWholeNumber))
            }
        }
    )*};
}
read_signed!(i32, i64);

impl Read for f64 {
    fn read(at: At<'_>) -> Result<Self> {
        match *at.json {
            Json::U64(n) => Ok(n as f64),
            Json::I64(n) => Ok(n as f64),
            Json::F64(n) => Ok(n),
            _ => Err(at.expected(Phrase::ANumber)),
        }
    }
}

impl Read for serde_json::Value {
    fn read(at: At<'_>) -> Result<Self> {
        fn convert(json: &Json) -> serde_json::Value {
            use serde_json::Value;
            match json {
                Json::Null => Value::Null,
                Json::Bool(b) => Value::Bool(*b),
                Json::U64(n) => Value::from(*n),
                Json::I64(n) => Value::from(*n),
                Json::F64(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
                Json::String(s) => Value::String(s.clone()),
                Json::Array(items) => Value::Array(items.iter().map(convert).collect()),
                Json::Object(members) => Value::Object(members.iter().map(|(k, v)| (k.clone(), convert(v))).collect()),
            }
        }
        Ok(convert(at.json))
    }
}

/// Implements [`Read`] for an enum read from the names of its variants:
/// `read_names!(Locale { "zh-CN" => Locale::ZhCn, "en" => Locale::En });`
macro_rules! read_names {
    ($ty:ty { $($name:literal => $variant:expr),* $(,)? }) => {
        impl $crate::base::json::read::Read for $ty {
            fn read(at: $crate::base::json::read::At<'_>) -> $crate::base::error::Result<Self> {
                at.variant(&[$(($name, $variant)),*])
            }
        }
    };
}
pub(crate) use read_names;

// The base types a document holds.

read_names!(Locale { "zh-CN" => Locale::ZhCn, "en" => Locale::En });

read_names!(RoundingStrategy {
    "halfUp" => RoundingStrategy::HalfUp,
    "halfEven" => RoundingStrategy::HalfEven,
    "up" => RoundingStrategy::Up,
    "down" => RoundingStrategy::Down,
});

read_names!(NumberOutput { "number" => NumberOutput::Number, "string" => NumberOutput::String });

impl Read for Rounding {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["scale", "strategy"])?;
        Ok(Rounding { scale: o.req("scale")?, strategy: o.or_default("strategy")? })
    }
}

/// Read as a JSON number (by its shortest decimal form) or a decimal string, with the words of
/// its serde reader.
impl Read for Dec {
    fn read(at: At<'_>) -> Result<Self> {
        const EXPECTED: &str = "a number or a decimal string";
        let worded =
            |e: Error| at.error(Error::new(ErrorCode::InvalidPlan).found(Text::from_wire(&e.message(Locale::En))));
        match at.json {
            Json::U64(n) => Ok(Dec(Decimal::from(*n))),
            Json::I64(n) => Ok(Dec(Decimal::from(*n))),
            Json::F64(n) => decimal_from_f64(*n).map(Dec).map_err(worded),
            Json::String(s) => parse_decimal(s).map(Dec).map_err(|e| match e.code {
                ErrorCode::InvalidNumber => at.expected(Text::from_wire(EXPECTED)),
                _ => worded(e),
            }),
            _ => Err(at.expected(Text::from_wire(EXPECTED))),
        }
    }
}

/// The reader against serde's derived readers it replaced (`from_json`, which `plan/parse.rs`
/// holds to a path-tracking deserializer), on mutations of real documents: what both read is
/// equal, and what fails fails with the same code, pointer, name, suggestion and detail, except
/// where the reader differs on purpose:
/// - the text is parsed whole before it is read, so a syntax error (or a key written twice)
///   anywhere is the error, where serde's reader stopped at an earlier error in the text;
/// - of two errors in one object, the reader reports an unknown key first, then the members in
///   the order of the type's fields (serde: in the text's order, a missing key last); when the
///   document mutated already failed, either error may be reported;
/// - inside an internally tagged enum (a scoring method, a pay component, a decomposition's
///   basis), an error points at its member (serde's derive buffered the object and pointed at
///   it, in its own words);
/// - a struct or an enum is an object, never an array (serde's read a struct's members by
///   position from an array), and an enum of names is a string (serde's took an object of one
///   member whose key named the variant); a tag that is not a string expects "a string"
///   (serde: "variant identifier");
/// - a number found is written by its shortest form, as JavaScript writes it (`1e+300`, where
///   serde wrote every digit).
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)] // test texts
pub(crate) mod testing {
    use super::{Json, Read};
    use crate::base::error::{Error, ErrorCode, Phrase, Result, Text};
    use crate::base::json::{from_json, read_document};
    use serde::de::DeserializeOwned;
    use serde_json::Value;
    use std::fmt::Debug;

    /// Every value of `doc` with one change at one place.
    pub fn mutations(doc: &Value) -> Vec<Value> {
        fn walk(v: &Value, out: &mut Vec<Value>, rebuild: &dyn Fn(Value) -> Value) {
            let replacements = [
                Value::Null,
                Value::Bool(true),
                serde_json::json!(-1),
                serde_json::json!(1.5),
                serde_json::json!(1e300),
                serde_json::json!("x"),
                serde_json::json!("1e400"),
                serde_json::json!(""),
                serde_json::json!([]),
                serde_json::json!({}),
                serde_json::json!([1]),
                serde_json::json!({"type": "x"}),
            ];
            for r in replacements {
                if &r != v {
                    out.push(rebuild(r));
                }
            }
            match v {
                Value::Object(map) => {
                    for (k, child) in map {
                        let rename = |to: String| {
                            let mut m = map.clone();
                            let c = m.remove(k).unwrap();
                            m.insert(to, c);
                            rebuild(Value::Object(m))
                        };
                        out.push(rename(format!("{k}x")));
                        out.push(rename(k.chars().skip(1).collect()));
                        let mut m = map.clone();
                        m.remove(k);
                        out.push(rebuild(Value::Object(m)));
                        let (k2, map2) = (k.clone(), map.clone());
                        walk(child, out, &move |c| {
                            let mut m = map2.clone();
                            m.insert(k2.clone(), c);
                            rebuild(Value::Object(m))
                        });
                    }
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let mut a = items.clone();
                        a.remove(i);
                        out.push(rebuild(Value::Array(a)));
                        let items2 = items.clone();
                        walk(child, out, &move |c| {
                            let mut a = items2.clone();
                            a[i] = c;
                            rebuild(Value::Array(a))
                        });
                    }
                }
                Value::String(s) => {
                    out.push(rebuild(Value::String(format!("{s}x"))));
                    out.push(rebuild(Value::String(s.chars().skip(1).collect())));
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(doc, &mut out, &|v| v);
        out
    }

    /// Texts of `doc` with a repeated member: `"key": value` written twice in each object.
    pub fn repeated_members(text: &str) -> Vec<String> {
        text.match_indices(",\"")
            .map(|(i, _)| i)
            .take(200)
            .filter_map(|i| {
                let rest = &text[i + 1..];
                let end = rest.find([',', '}'])?;
                Some(format!("{},{}{}", &text[..i + 1 + end], &rest[..end], &text[i + 1 + end..]))
            })
            .collect()
    }

    fn facts(e: &Error) -> String {
        format!("{:?} {:?} {:?} {:?}", e.code, e.path, e.suggestion, e.detail)
    }

    /// Whether `new` differs from `old` only as the module says the reader does.
    fn on_purpose(text: &str, old: Option<&Error>, new: &Error) -> bool {
        let tree = from_json::<Json>(text);
        if let Err(syntax) = &tree {
            return facts(syntax) == facts(new);
        }
        let expected = new.detail.expected.as_ref().and_then(Text::phrase);
        let found = new.detail.found.as_ref().and_then(Text::phrase);
        let old_under = |o: &Error| o.path.starts_with(&format!("{}/", new.path));
        // A struct or an enum read from an array; an enum of names from an object.
        if matches!(
            (expected, found),
            (Some(Phrase::AnObject), Some(Phrase::AnArray)) | (Some(Phrase::AString), Some(Phrase::AnObject))
        ) {
            return old.is_none_or(|o| o.path == new.path || old_under(o) || o.path == enum_object(&new.path));
        }
        let Some(old) = old else { return false };
        // A missing key is found after the object's members, where serde found the other
        // error first.
        if new.code == ErrorCode::MissingKey && old_under(old) {
            return true;
        }
        // Inside an internally tagged enum, the error is at its member (serde's buffering
        // placed it at the enum's object, in its own words).
        if new.path.starts_with(&format!("{}/", old.path)) && enum_object(&new.path) == old.path {
            return true;
        }
        let same_place = old.code == new.code && old.path == new.path;
        // A tag that is not a string: serde expected a "variant identifier".
        if same_place
            && expected == Some(Phrase::AString)
            && old.detail.expected.as_deref() == Some("variant identifier")
        {
            return old.detail.found == new.detail.found;
        }
        // The same number, written shortest.
        if same_place && found == Some(Phrase::FoundNumber) {
            let number = |t: &Text| t.args().first().and_then(|a| a.parse::<f64>().ok());
            return old.detail.found.as_ref().and_then(number) == new.detail.found.as_ref().and_then(number)
                && old.detail.expected == new.detail.expected;
        }
        false
    }

    /// The object of the internally tagged enum (a scoring method, a pay component) that
    /// holds `path`, or `path` itself.
    fn enum_object(path: &str) -> &str {
        // A scoring method, a pay component, a decomposition's basis (the spec's or a node's:
        // the outermost, as a blend's parts hold bases too).
        let basis = ["/basis", "/nodes/"].iter().any(|p| path.starts_with(p)).then(|| path.find("/basis")).flatten();
        let component = path.find("/components/").map(|i| {
            let from = i + "/components/".len();
            path[from..].find('/').map_or(path.len(), |j| from + j)
        });
        let end = path.find("/method").map(|i| i + "/method".len()).or(component).or(basis.map(|i| i + "/basis".len()));
        end.map_or(path, |end| &path[..end])
    }

    /// Compares the two readers on `text`; when the document mutated already failed
    /// (`several`: the mutation adds a second error), the readers may report either error.
    pub fn check<T: DeserializeOwned + Read + PartialEq + Debug>(
        text: &str,
        several: bool,
        mismatches: &mut Vec<String>,
    ) -> bool {
        let (old, new) = (from_json::<T>(text), read_document::<T>(text));
        let same = match (&old, &new) {
            (Ok(a), Ok(b)) => a == b,
            (Err(_), Err(_)) if several => true,
            (Err(a), Err(b)) => facts(a) == facts(b) || on_purpose(text, Some(a), b),
            (Ok(_), Err(b)) => on_purpose(text, None, b),
            (Err(_), Ok(_)) => false,
        };
        if !same {
            if let Ok(f) = std::env::var("MISMATCH_LOG") {
                use std::io::Write;
                let line = |r: &Result<T>| match r {
                    Ok(_) => "OK".to_string(),
                    Err(e) => format!(
                        "{:?} {} exp={:?} found={:?}",
                        e.code,
                        e.path,
                        e.detail.expected.as_ref().map(|t| t.as_str().to_string()),
                        e.detail.found.as_ref().map(|t| t.as_str().to_string())
                    ),
                };
                let mut file = std::fs::OpenOptions::new().append(true).create(true).open(f).unwrap();
                writeln!(file, "{}\t{}", line(&old), line(&new)).unwrap();
            }
            let show = |r: &Result<T>| r.as_ref().map(|_| "read").map_err(facts);
            mismatches.push(format!("{text}\n  serde:  {:?}\n  reader: {:?}", show(&old), show(&new)));
        }
        new.is_err()
    }

    pub fn report(mismatches: &[String]) {
        assert!(
            mismatches.is_empty(),
            "{} mismatches:\n{}",
            mismatches.len(),
            mismatches[..mismatches.len().min(12)].join("\n")
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::quoted;

    #[test]
    fn a_string_found_is_quoted_as_serde_quotes_it() {
        // Every ASCII character, alone and in text, and text outside ASCII that `{:?}` prints.
        let mut cases: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        cases.extend(
            ["", "回款额", "a\"b\\c\nd\re\tf\0g\u{1b}h\u{7f}", "'单引号' 🚀 é", "x".repeat(300).as_str()]
                .map(String::from),
        );
        for s in cases {
            assert_eq!(quoted(&s), format!("{s:?}"), "{s:?}");
        }
    }
}
