//! The second reading of a document that failed, for its error: the JSON text as a tree, and a
//! deserializer over it whose error type is [`Fault`], so that a type's complaint arrives as the
//! typed call it made (`unknown_field(field, expected)`, `missing_field(field)`, …) and not as
//! text, and whose path `serde_path_to_error` tracks.
//!
//! The deserializer does what `serde_json`'s does with the text the tree was read from, call for
//! call, so that a type reading the tree fails where it failed reading the text, with the same
//! complaint at the same path:
//!
//! - The tree keeps what `serde_json`'s parser made of the text: numbers as the `u64`, `i64` or
//!   `f64` it offers (`float_roundtrip` included: the same parser reads both times), strings
//!   unescaped, the members of an object in their order with repeated keys kept.
//! - A type that asks for a string, a number, a boolean, `null`, an array or an object and finds
//!   something else fails before its visitor is offered the value (as in `serde_json`, a number
//!   is not offered to a visitor that asked for a string, even one that would take it); a
//!   struct may also be an array, an enum is a string or the first member of an object, an
//!   ignored value is skipped.
//! - Where the text stops being JSON the tree stops too, with a [`Node::Cut`] where a value
//!   began and a [`Node::Stop`] where the next element or member's value did not (a missing `,`
//!   or `:`, a trailing comma, the end of the text): a type that gets there fails with
//!   [`Fault::Syntax`] in the same call as it did on the text, and so at the same path. So does
//!   one that reads JSON that is not what it wants as `serde_json` fails on it (an enum given a
//!   number, a fixed-size array given more elements).

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value as `serde_json` read it.
#[derive(Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Seq(Vec<Node>),
    /// The members in the order of the text, repeated keys included; no key where the text
    /// stopped being JSON before one was read.
    Map(Vec<(Option<String>, Node)>),
    /// A value whose text is not JSON (or ends) after it began.
    Cut,
    /// The text stopped being JSON before the next element, or before a member's value.
    Stop,
}

impl Node {
    /// Whether the text read as JSON all through the value.
    fn whole(&self) -> bool {
        match self {
            Node::Seq(items) => items.iter().all(Node::whole),
            Node::Map(members) => members.iter().all(|(key, value)| key.is_some() && value.whole()),
            Node::Cut | Node::Stop => false,
            _ => true,
        }
    }
}

/// Reads `json` into a tree, as far as it reads as JSON (what follows the value is not read).
pub(crate) fn read(json: &str) -> Node {
    let mut root = Node::Stop;
    // The error is where the tree has its cut.
    let _ = Fill(&mut root).deserialize(&mut serde_json::Deserializer::from_str(json));
    root
}

/// Fills one node from the value that comes next.
struct Fill<'a>(&'a mut Node);

impl<'de> DeserializeSeed<'de> for Fill<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // A value begins: a cut until it is read.
        *self.0 = Node::Cut;
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Fill<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        *self.0 = Node::Null;
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        *self.0 = Node::Bool(v);
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        *self.0 = Node::U64(v);
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        *self.0 = Node::I64(v);
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        *self.0 = Node::F64(v);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        *self.0 = Node::Str(v.to_owned());
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut items = Vec::new();
        let result = loop {
            items.push(Node::Stop);
            match items.last_mut().map(|slot| seq.next_element_seed(Fill(slot))) {
                Some(Ok(Some(()))) => {}
                Some(Ok(None)) => {
                    items.pop();
                    break Ok(());
                }
                Some(Err(e)) => break Err(e),
                None => break Ok(()),
            }
        };
        *self.0 = Node::Seq(items);
        result
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut members: Vec<(Option<String>, Node)> = Vec::new();
        let result = loop {
            match map.next_key::<String>() {
                Ok(Some(key)) => members.push((Some(key), Node::Stop)),
                Ok(None) => break Ok(()),
                Err(e) => {
                    members.push((None, Node::Stop));
                    break Err(e);
                }
            }
            if let Some((_, slot)) = members.last_mut() {
                if let Err(e) = map.next_value_seed(Fill(slot)) {
                    break Err(e);
                }
            }
        };
        *self.0 = Node::Map(members);
        result
    }
}

/// What a type said was wrong with the tree: serde's typed complaints, kept as they were made.
#[derive(Debug)]
pub(crate) enum Fault {
    /// A key the type does not know, and the keys it does.
    UnknownField { field: String, expected: &'static [&'static str] },
    /// A key the type needs.
    MissingField(&'static str),
    /// A variant the enum does not have, and the ones it has.
    UnknownVariant { variant: String, expected: &'static [&'static str] },
    /// Any other complaint (a value of the wrong type or out of range, a repeated key, a type's
    /// own message): `serde_json`'s words for it are the first reading's.
    Other,
    /// Where `serde_json` found the text not to be JSON, or not the JSON the type reads (see the
    /// module documentation).
    Syntax,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for Fault {}

impl de::Error for Fault {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Fault::Other
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Fault::UnknownField { field: field.to_owned(), expected }
    }
    fn missing_field(field: &'static str) -> Self {
        Fault::MissingField(field)
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Fault::UnknownVariant { variant: variant.to_owned(), expected }
    }
}

/// The deserializer over a node: what `serde_json`'s deserializer does with the text the node
/// was read from. A type that asks for a string, a number, a boolean, `null`, an array or an
/// object and finds something else fails there, before any of its visitor's methods is called
/// (`serde_json` does not offer a number to a visitor that asked for a string, even one that would
/// take it); `deserialize_any` offers whatever is there.
#[derive(Clone, Copy)]
pub(crate) struct Tree<'a>(pub(crate) &'a Node);

impl Tree<'_> {
    /// The error for a value that is not of the kind asked for: a type's complaint, unless the
    /// text was not JSON there.
    fn wrong<T>(self) -> Result<T, Fault> {
        Err(match self.0 {
            Node::Cut | Node::Stop => Fault::Syntax,
            _ => Fault::Other,
        })
    }

    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::U64(_) | Node::I64(_) | Node::F64(_) => self.deserialize_any(visitor),
            _ => self.wrong(),
        }
    }

    fn string<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Str(v) => visitor.visit_str(v),
            _ => self.wrong(),
        }
    }

    fn seq<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Seq(_) => self.deserialize_any(visitor),
            _ => self.wrong(),
        }
    }
}

impl<'de> Deserializer<'de> for Tree<'_> {
    type Error = Fault;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(v) => visitor.visit_bool(*v),
            Node::U64(v) => visitor.visit_u64(*v),
            Node::I64(v) => visitor.visit_i64(*v),
            Node::F64(v) => visitor.visit_f64(*v),
            Node::Str(v) => visitor.visit_str(v),
            Node::Seq(items) => {
                let mut items = Items(items.iter());
                let value = visitor.visit_seq(&mut items)?;
                // More elements than the type reads: `serde_json` wants the `]`.
                items.0.next().map_or(Ok(value), |_| Err(Fault::Syntax))
            }
            Node::Map(members) => {
                let mut members = Members { rest: members.iter(), value: None };
                let value = visitor.visit_map(&mut members)?;
                members.rest.next().map_or(Ok(value), |_| Err(Fault::Syntax))
            }
            Node::Cut | Node::Stop => Err(Fault::Syntax),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Bool(v) => visitor.visit_bool(*v),
            _ => self.wrong(),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.string(visitor)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.string(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.string(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Str(v) => visitor.visit_bytes(v.as_bytes()),
            _ => self.seq(visitor),
        }
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            Node::Cut | Node::Stop => Err(Fault::Syntax),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            _ => self.wrong(),
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Fault> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Fault> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.seq(visitor)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Fault> {
        self.seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Fault> {
        self.seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Map(_) => self.deserialize_any(visitor),
            _ => self.wrong(),
        }
    }

    /// An object, or (as `serde_json` allows) an array of the fields in order.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Fault> {
        match self.0 {
            Node::Map(_) | Node::Seq(_) => self.deserialize_any(visitor),
            _ => self.wrong(),
        }
    }

    /// A unit variant as a string, or `{"variant": content}`: `serde_json` reads the first
    /// member's key as the variant and its value as the content, and then wants the `}`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Fault> {
        match self.0 {
            // serde's own access: a unit variant, anything else "expected a newtype variant"…
            Node::Str(variant) => visitor.visit_enum(variant.as_str().into_deserializer()),
            Node::Map(members) => match members.split_first() {
                Some(((Some(variant), content), rest)) => {
                    let value = visitor.visit_enum(Variant { variant, content })?;
                    if rest.is_empty() {
                        Ok(value)
                    } else {
                        Err(Fault::Syntax)
                    }
                }
                _ => Err(Fault::Syntax),
            },
            _ => Err(Fault::Syntax),
        }
    }

    /// Skipped, as `serde_json` reads past a value without a visitor (where it can).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        if self.0.whole() {
            visitor.visit_unit()
        } else {
            Err(Fault::Syntax)
        }
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.number(visitor)
    }
}

/// The elements of an array.
struct Items<'a>(std::slice::Iter<'a, Node>);

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Fault;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Fault> {
        match self.0.next() {
            None => Ok(None),
            // No `,` or `]`, a trailing comma, or the end of the text: before the element.
            Some(Node::Stop) => Err(Fault::Syntax),
            Some(node) => seed.deserialize(Tree(node)).map(Some),
        }
    }
}

/// The members of an object.
struct Members<'a> {
    rest: std::slice::Iter<'a, (Option<String>, Node)>,
    /// The value of the member whose key was just read.
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Members<'_> {
    type Error = Fault;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Fault> {
        let Some((key, value)) = self.rest.next() else { return Ok(None) };
        // No key: `serde_json` failed before or in it.
        let key = key.as_deref().ok_or(Fault::Syntax)?;
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Fault> {
        match self.value.take() {
            // No `:`, or the text ended: `serde_json` failed before the value.
            Some(Node::Stop) | None => Err(Fault::Syntax),
            Some(value) => seed.deserialize(Tree(value)),
        }
    }
}

/// An enum written as `{"variant": content}`.
struct Variant<'a> {
    variant: &'a str,
    content: &'a Node,
}

impl<'de, 'a> de::EnumAccess<'de> for Variant<'a> {
    type Error = Fault;
    type Variant = Tree<'a>;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Tree<'a>), Fault> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        // No `:` after the variant: `serde_json` fails while reading the variant.
        match self.content {
            Node::Stop => Err(Fault::Syntax),
            content => Ok((variant, Tree(content))),
        }
    }
}

/// The content of an enum written as `{"variant": content}`, read as `serde_json` reads it.
impl<'de> de::VariantAccess<'de> for Tree<'_> {
    type Error = Fault;
    fn unit_variant(self) -> Result<(), Fault> {
        de::Deserialize::deserialize(self)
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Fault> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Fault> {
        self.deserialize_seq(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Fault> {
        self.deserialize_struct("", fields, visitor)
    }
}
