//! Results to JS through a compact tape instead of JSON text: a serde serializer writes opcodes,
//! numbers (as the f64s JS will see) and strings, and `buildValue` in `record.js` rebuilds the
//! value in one crossing. No number is printed and parsed again and no text is escaped. Struct
//! field names and enum variant names (`&'static str`) cross once per instance: JS keeps them
//! in a table that the tape refers to. Map keys (metric ids) and short strings (ids, grades)
//! cross once per call.
//!
//! The value built is the one `JSON.parse(serde_json::to_string(value))` gives: the same keys
//! in the same order, non-finite numbers as `null`, integers as the nearest double, enums
//! externally tagged.

use rustc_hash::{FxBuildHasher, FxHasher};
use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::hash::Hasher;

/// Opcodes, in the low 3 bits of a tape word; the rest is the operand.
const NULL: u32 = 0;
const TRUE: u32 = 1;
const FALSE: u32 = 2;
/// The next number of `numbers`.
const NUMBER: u32 = 3;
/// A string: operand = its index in the string table.
const STRING: u32 = 4;
/// An array: operand = its element count; the elements follow.
const ARRAY: u32 = 5;
/// An object: operand = its entry count; each entry is a key word and a value. A key word is
/// `index << 1 | 1` for a name of the instance's name table, `index << 1` for a call string.
const OBJECT: u32 = 6;
/// A string of the instance's name table: operand = its index.
const NAME: u32 = 7;
const SHIFT: u32 = 3;

/// A serialization failure (an unsupported map key, a too large output).
#[derive(Debug)]
pub struct TapeError(String);

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError(msg.to_string())
    }
}

type Res<T = ()> = Result<T, TapeError>;

fn too_large() -> TapeError {
    TapeError("output too large".to_string())
}

type FxMap<K> = HashMap<K, u32, FxBuildHasher>;

/// The names (`&'static str`, by address and length) JS already holds, by their index in its
/// name table.
#[derive(Default)]
struct Names {
    index: FxMap<(usize, usize)>,
    /// A direct-mapped cache in front of `index`, by address: (address, length, index); made on
    /// first use.
    recent: Vec<(usize, usize, u32)>,
}

/// Entries of the cache of recent names (a power of two).
const RECENT: usize = 256;

impl Names {
    fn slot(ptr: usize) -> usize {
        (ptr ^ (ptr >> 8)) & (RECENT - 1)
    }

    fn get(&mut self, id: (usize, usize)) -> Option<u32> {
        let slot = Self::slot(id.0);
        if let Some(&(p, l, i)) = self.recent.get(slot) {
            if (p, l) == id {
                return Some(i);
            }
        }
        let i = *self.index.get(&id)?;
        if self.recent.is_empty() {
            self.recent.resize(RECENT, (usize::MAX, 0, 0));
        }
        if let Some(entry) = self.recent.get_mut(slot) {
            *entry = (id.0, id.1, i);
        }
        Some(i)
    }

    /// Forgets the names from index `known` on.
    fn truncate(&mut self, known: u32) {
        self.index.retain(|_, i| *i < known);
        for entry in self.recent.iter_mut().filter(|e| e.2 >= known) {
            *entry = (usize::MAX, 0, 0);
        }
    }
}

thread_local! {
    static NAMES: std::cell::RefCell<Names> = std::cell::RefCell::default();
}

/// The serialized value: tape words, numbers, the call's strings (concatenated, with each one's
/// length in UTF-16 code units), and the names JS does not hold yet (from index `known` on).
#[derive(Default)]
pub struct Tape {
    pub words: Vec<u32>,
    pub numbers: Vec<f64>,
    pub text: String,
    pub lengths: Vec<u32>,
    pub new_names: String,
    pub new_name_lengths: Vec<u32>,
    /// How many names JS holds before this tape.
    pub known: u32,
    names: Names,
    /// Shared strings by the hash of their text (see `shared_string`).
    seen: FxMap<u64>,
    /// Byte range in `text` of each string.
    spans: Vec<(usize, usize)>,
}

/// Strings up to this many bytes are shared within a call.
const SHARED_MAX: usize = 48;

fn utf16_len(s: &str) -> Res<u32> {
    let units = if s.is_ascii() { s.len() } else { s.encode_utf16().count() };
    u32::try_from(units).map_err(|_| too_large())
}

impl Tape {
    /// Serializes `value`. The names it adds are kept only if it succeeds (JS receives them).
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Res<Tape> {
        let names = NAMES.with(|n| std::mem::take(&mut *n.borrow_mut()));
        let known = u32::try_from(names.index.len()).map_err(|_| too_large())?;
        let mut tape = Tape { names, known, ..Tape::default() };
        let result = value.serialize(&mut tape);
        if result.is_err() {
            tape.names.truncate(known);
        }
        let names = std::mem::take(&mut tape.names);
        NAMES.with(|n| *n.borrow_mut() = names);
        result.map(|()| tape)
    }

    fn word(&mut self, op: u32, operand: usize) -> Res {
        let operand = u32::try_from(operand).ok().filter(|n| n.leading_zeros() >= SHIFT).ok_or_else(too_large)?;
        self.words.push(op | (operand << SHIFT));
        Ok(())
    }

    fn push_string(&mut self, s: &str) -> Res<usize> {
        let index = self.lengths.len();
        self.lengths.push(utf16_len(s)?);
        let from = self.text.len();
        self.text.push_str(s);
        self.spans.push((from, self.text.len()));
        Ok(index)
    }

    fn string(&mut self, s: &str) -> Res {
        let index = if s.len() <= SHARED_MAX { self.shared_string(s)? } else { self.push_string(s)? };
        self.word(STRING, index)
    }

    /// The index of `s` among the call's strings, adding it only the first time: results repeat
    /// short strings (indicator ids, grades, groups in every team member).
    fn shared_string(&mut self, s: &str) -> Res<usize> {
        let mut h = FxHasher::default();
        h.write(s.as_bytes());
        h.write_usize(s.len());
        let hash = h.finish();
        if let Some(&i) = self.seen.get(&hash) {
            let i = i as usize;
            let same = self.spans.get(i).and_then(|&(from, to)| self.text.get(from..to)) == Some(s);
            // A different string with the same hash is simply not shared.
            return if same { Ok(i) } else { self.push_string(s) };
        }
        let i = self.push_string(s)?;
        self.seen.insert(hash, u32::try_from(i).map_err(|_| too_large())?);
        Ok(i)
    }

    /// The index of a `&'static str` in JS's name table, adding it when new.
    fn name_index(&mut self, name: &'static str) -> Res<usize> {
        let id = (name.as_ptr() as usize, name.len());
        if let Some(i) = self.names.get(id) {
            return Ok(i as usize);
        }
        let i = self.names.index.len();
        self.names.index.insert(id, u32::try_from(i).map_err(|_| too_large())?);
        self.new_name_lengths.push(utf16_len(name)?);
        self.new_names.push_str(name);
        Ok(i)
    }

    fn name(&mut self, name: &'static str) -> Res {
        let i = self.name_index(name)?;
        self.word(NAME, i)
    }

    fn key_word(&mut self, index: usize, named: bool) -> Res {
        let word = index
            .checked_mul(2)
            .map(|w| w | usize::from(named))
            .and_then(|w| u32::try_from(w).ok())
            .ok_or_else(too_large)?;
        self.words.push(word);
        Ok(())
    }

    /// A struct field or variant name as a key.
    fn static_key(&mut self, key: &'static str) -> Res {
        let i = self.name_index(key)?;
        self.key_word(i, true)
    }

    /// A map key: map keys repeat (the same metric ids in every result), so each distinct one is
    /// in the call's strings once.
    fn key(&mut self, key: &str) -> Res {
        let index = self.shared_string(key)?;
        self.key_word(index, false)
    }

    fn number(&mut self, n: f64) -> Res {
        if !n.is_finite() {
            // serde_json writes NaN and infinities as null.
            return self.word(NULL, 0);
        }
        self.numbers.push(n);
        self.word(NUMBER, 0)
    }

    /// Opens an array or object; its count is written when it closes.
    fn open(&mut self, op: u32) -> Compound<'_> {
        let at = self.words.len();
        self.words.push(op);
        Compound { tape: self, at, count: 0 }
    }

    /// `{ variant: … }`: the outer object of an externally tagged enum variant.
    fn variant(&mut self, variant: &'static str) -> Res {
        self.word(OBJECT, 1)?;
        self.static_key(variant)
    }
}

/// An array or object being written.
pub struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
    count: usize,
}

impl Compound<'_> {
    fn close(self) -> Res {
        let count = u32::try_from(self.count).ok().filter(|n| n.leading_zeros() >= SHIFT).ok_or_else(too_large)?;
        if let Some(w) = self.tape.words.get_mut(self.at) {
            *w |= count << SHIFT;
        }
        Ok(())
    }
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.count = self.count.saturating_add(1);
        value.serialize(&mut *self.tape)
    }
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.count = self.count.saturating_add(1);
        self.tape.static_key(key)?;
        value.serialize(&mut *self.tape)
    }
}

/// A compound inside `{ variant: … }` (tuple and struct variants).
pub struct Variant<'a>(Compound<'a>);

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Variant<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Variant<'a>;

    fn serialize_bool(self, v: bool) -> Res {
        self.word(if v { TRUE } else { FALSE }, 0)
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.number(f64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.number(f64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.number(f64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Res {
        // Rounds to the nearest double, as JSON.parse reads the digits.
        self.number(v as f64)
    }
    fn serialize_i128(self, v: i128) -> Res {
        self.number(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.number(f64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.number(f64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.number(f64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Res {
        self.number(v as f64)
    }
    fn serialize_u128(self, v: u128) -> Res {
        self.number(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Res {
        if !v.is_finite() {
            return self.word(NULL, 0);
        }
        // JSON prints an f32 by its shortest digits, which JS then reads as a double.
        self.number(v.to_string().parse::<f64>().unwrap_or(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Res {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Res {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Res {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Res {
        let mut seq = self.open(ARRAY);
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Res {
        self.word(NULL, 0)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.word(NULL, 0)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        self.word(NULL, 0)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Res {
        self.name(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Res {
        self.variant(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Res<Compound<'a>> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Res<Compound<'a>> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Res<Compound<'a>> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Res<Variant<'a>> {
        self.variant(variant)?;
        Ok(Variant(self.open(ARRAY)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Res<Compound<'a>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Res<Compound<'a>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Res<Variant<'a>> {
        self.variant(variant)?;
        Ok(Variant(self.open(OBJECT)))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }
    fn end(self) -> Res {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }
    fn end(self) -> Res {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }
    fn end(self) -> Res {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Variant<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.0.element(value)
    }
    fn end(self) -> Res {
        self.0.close()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res {
        self.count = self.count.saturating_add(1);
        key.serialize(KeySerializer(&mut *self.tape))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Res {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.field(key, value)
    }
    fn end(self) -> Res {
        self.close()
    }
}

impl ser::SerializeStructVariant for Variant<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.0.field(key, value)
    }
    fn end(self) -> Res {
        self.0.close()
    }
}

/// Map keys: strings, and what serde_json turns into strings (integers, booleans, chars, unit
/// variants).
struct KeySerializer<'a>(&'a mut Tape);

fn bad_key() -> TapeError {
    TapeError("key must be a string".to_string())
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = ser::Impossible<(), TapeError>;
    type SerializeTuple = ser::Impossible<(), TapeError>;
    type SerializeTupleStruct = ser::Impossible<(), TapeError>;
    type SerializeTupleVariant = ser::Impossible<(), TapeError>;
    type SerializeMap = ser::Impossible<(), TapeError>;
    type SerializeStruct = ser::Impossible<(), TapeError>;
    type SerializeStructVariant = ser::Impossible<(), TapeError>;

    fn serialize_bool(self, v: bool) -> Res {
        self.0.key(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Res {
        self.0.key(&v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Res {
        Err(bad_key())
    }
    fn serialize_f64(self, _v: f64) -> Res {
        Err(bad_key())
    }
    fn serialize_char(self, v: char) -> Res {
        self.0.key(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Res {
        self.0.key(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Res {
        Err(bad_key())
    }
    fn serialize_none(self) -> Res {
        Err(bad_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Res {
        Err(bad_key())
    }
    fn serialize_unit(self) -> Res {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        Err(bad_key())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Res {
        self.0.static_key(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Res {
        Err(bad_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Res<Self::SerializeSeq> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _len: usize) -> Res<Self::SerializeTuple> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Res<Self::SerializeTupleStruct> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeTupleVariant> {
        Err(bad_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Res<Self::SerializeMap> {
        Err(bad_key())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Res<Self::SerializeStruct> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeStructVariant> {
        Err(bad_key())
    }
}
