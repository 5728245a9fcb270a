//! Values formulas compute with, and the coercions between them.

use crate::base::case::lowercase;
use crate::base::error::{Error, ErrorCode, Phrase, Result};
use crate::base::name::Name;
use crate::base::number::parse_decimal;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;

/// A formula value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An exact decimal.
    Number(Decimal),
    /// Text.
    Text(Name),
    /// TRUE or FALSE.
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
}

/// The type of a value, as named in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Number.
    Number,
    /// Text.
    Text,
    /// Boolean.
    Bool,
    /// Date.
    Date,
}

impl Type {
    /// The English name used in error details.
    pub fn name(self) -> &'static str {
        match self {
            Type::Number => "number",
            Type::Text => "text",
            Type::Bool => "boolean",
            Type::Date => "date",
        }
    }
    /// The type as error messages name it, in each locale.
    pub fn phrase(self) -> Phrase {
        match self {
            Type::Number => Phrase::TypeNumber,
            Type::Text => Phrase::TypeText,
            Type::Bool => Phrase::TypeBoolean,
            Type::Date => Phrase::TypeDate,
        }
    }
}

fn mismatch(expected: Type, found: &Value) -> Error {
    Error::new(ErrorCode::TypeMismatch).expected(expected.phrase()).found(found.type_of().phrase())
}

/// Reads `YYYY-MM-DD` (exactly that shape, and a real calendar day).
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let part = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = t.get(range)?;
        digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok()).flatten()
    };
    let shape = t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') && t.as_bytes().get(7) == Some(&b'-');
    let date = match (shape, part(0..4), part(5..7), part(8..10)) {
        (true, Some(y), Some(m), Some(d)) => i32::try_from(y).ok().and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    };
    date.ok_or_else(|| Error::new(ErrorCode::InvalidDate).found(text))
}

impl Value {
    /// The value's type.
    pub fn type_of(&self) -> Type {
        match self {
            Value::Number(_) => Type::Number,
            Value::Text(_) => Type::Text,
            Value::Bool(_) => Type::Bool,
            Value::Date(_) => Type::Date,
        }
    }

    /// As a number. TRUE/FALSE count as 1/0 and text that is a decimal ("1234.5") is read
    /// exactly, as Excel does; other text is a type mismatch.
    pub fn to_number(&self) -> Result<Decimal> {
        match self {
            Value::Number(d) => Ok(*d),
            Value::Bool(b) => Ok(if *b { Decimal::ONE } else { Decimal::ZERO }),
            Value::Text(s) => parse_decimal(s).map_err(|_| mismatch(Type::Number, self)),
            Value::Date(_) => Err(mismatch(Type::Number, self)),
        }
    }

    /// As a condition: booleans, and numbers (non-zero is TRUE) as in Excel.
    pub fn to_bool(&self) -> Result<bool> {
        match self {
            Value::Bool(b) => Ok(*b),
            Value::Number(d) => Ok(!d.is_zero()),
            Value::Text(s) if s.eq_ignore_ascii_case("true") => Ok(true),
            Value::Text(s) if s.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(mismatch(Type::Bool, self)),
        }
    }

    /// The value as a date if it is one, or is text in `YYYY-MM-DD` form.
    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Text(s) => parse_date(s).ok(),
            _ => None,
        }
    }

    /// As a date: dates, and text in `YYYY-MM-DD`.
    pub fn to_date(&self) -> Result<NaiveDate> {
        match self {
            Value::Date(d) => Ok(*d),
            Value::Text(s) => parse_date(s),
            _ => Err(mismatch(Type::Date, self)),
        }
    }

    /// The same value with numbers in their shortest form (`3.00` → `3`).
    pub fn normalized(self) -> Value {
        match self {
            Value::Number(d) => Value::Number(d.normalize()),
            other => other,
        }
    }

    /// As text: numbers in plain decimal form, dates as `YYYY-MM-DD`, TRUE/FALSE.
    pub fn to_text(&self) -> String {
        match self {
            Value::Number(d) => d.normalize().to_string(),
            Value::Text(s) => s.to_string(),
            other => other.to_string(),
        }
    }

    /// Compares two values as Excel does, except across types: a number and a text compare
    /// numerically when the text is a decimal, a date and a text when the text is a date, and
    /// anything else (number vs text, boolean vs number…) is a type mismatch, where Excel would
    /// silently rank every text above every number and TRUE above both. Text compares
    /// case-insensitively.
    pub fn compare(&self, other: &Value) -> Result<Ordering> {
        use Value::*;
        Ok(match (self, other) {
            (Number(a), Number(b)) => a.cmp(b),
            (Text(a), Text(b)) => compare_text(a, b),
            (Bool(a), Bool(b)) => a.cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            (Number(a), Text(_)) => a.cmp(&other.to_number()?),
            (Text(_), Number(b)) => self.to_number()?.cmp(b),
            (Date(a), Text(_)) => a.cmp(&other.to_date()?),
            (Text(_), Date(b)) => self.to_date()?.cmp(b),
            _ => return Err(mismatch(self.type_of(), other)),
        })
    }

    /// This value, to be tested for equality ([`Value::compare`]) against many others (SWITCH's
    /// cases): a text beyond ASCII is lowercased once, not again for every other value (in
    /// WebAssembly, cased letters beyond ASCII are lowercased by the host).
    pub fn matcher(&self) -> Matcher<'_> {
        let lowered = match self {
            Value::Text(t) if !t.is_ascii() => Some(lowercase(t)),
            _ => None,
        };
        Matcher { value: self, lowered }
    }
}

/// A value tested for equality against many ([`Value::matcher`]).
#[derive(Debug)]
pub struct Matcher<'a> {
    value: &'a Value,
    /// The text lowercased, when it is a text beyond ASCII (ASCII compares in place).
    lowered: Option<std::borrow::Cow<'a, str>>,
}

impl Matcher<'_> {
    /// Whether `other` equals the value, as [`Value::compare`] decides it.
    pub fn matches(&self, other: &Value) -> Result<bool> {
        match (&self.lowered, other) {
            (Some(lowered), Value::Text(text)) => Ok(lowercase(text) == *lowered),
            _ => self.value.compare(other).map(Ordering::is_eq),
        }
    }
}

/// Text order ignoring case: the order of the two texts lowercased ([`crate::base::case`]),
/// without building them when both are ASCII.
fn compare_text(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    lowercase(a).cmp(&lowercase(b))
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(d) => write!(f, "{d}"),
            Value::Text(s) => f.write_str(s),
            Value::Bool(true) => f.write_str("TRUE"),
            Value::Bool(false) => f.write_str("FALSE"),
            Value::Date(d) => write!(f, "{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_order_is_the_order_of_the_lowercased_texts() {
        let texts = [
            "toB", "TOB", "tob", "toC", "", "a", "B", "新人", "成熟", "金牌", "ΣΑΣ", "σας", "Straße", "İx", "i̇x", "ǅ",
            "ǆ",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(compare_text(a, b), a.to_lowercase().cmp(&b.to_lowercase()), "{a} vs {b}");
            }
        }
    }
}
