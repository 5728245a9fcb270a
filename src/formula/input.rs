//! Values as they arrive from a record: JSON/JS numbers (read by their shortest decimal form),
//! decimal strings, booleans, null.

use crate::base::error::{Error, ErrorCode, Phrase, Result, Text};
use crate::base::name::Name;
use crate::base::number::{decimal_from_f64, parse_decimal};
use crate::formula::value::{parse_date, Value};
use rust_decimal::Decimal;

/// UTF-16 units of one text value read from a JS record (longer text is `TOO_LARGE`).
pub const MAX_TEXT: usize = 65_536;

/// One incoming value, before it is given a type.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// Absent, `null` or `undefined`.
    Missing,
    /// A JS number or JSON float.
    Float(f64),
    /// An exact decimal (JSON integers, or values built natively).
    Decimal(Decimal),
    /// A string.
    Text(Name),
    /// A boolean.
    Bool(bool),
    /// Something else (an object, an array…), named by its type.
    Unsupported(&'static str),
}

/// The declared type of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum FieldType {
    /// Any decimal number.
    Number,
    /// An amount of money in the plan's currency.
    Money,
    /// A ratio (0.85 for 85%).
    Rate,
    /// A whole number (counts: contracts, visits).
    Integer,
    /// Text.
    Text,
    /// TRUE/FALSE.
    Boolean,
    /// A date, `YYYY-MM-DD`.
    Date,
}

impl FieldType {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Number => "number",
            FieldType::Money => "money",
            FieldType::Rate => "rate",
            FieldType::Integer => "integer",
            FieldType::Text => "text",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
        }
    }
    /// The type as error messages name it, in each locale.
    pub fn phrase(self) -> Phrase {
        match self {
            FieldType::Number => Phrase::TypeNumber,
            FieldType::Money => Phrase::TypeMoney,
            FieldType::Rate => Phrase::TypeRate,
            FieldType::Integer => Phrase::TypeInteger,
            FieldType::Text => Phrase::TypeText,
            FieldType::Boolean => Phrase::TypeBoolean,
            FieldType::Date => Phrase::TypeDate,
        }
    }
    /// Whether values of this type are numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, FieldType::Number | FieldType::Money | FieldType::Rate | FieldType::Integer)
    }
}

impl Input {
    /// Reads a JSON value; `None` is a missing key.
    pub fn from_json(value: Option<&serde_json::Value>) -> Input {
        use serde_json::Value as J;
        match value {
            None | Some(J::Null) => Input::Missing,
            Some(J::Bool(b)) => Input::Bool(*b),
            Some(J::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Input::Decimal(Decimal::from(i)),
                (_, Some(u), _) => Input::Decimal(Decimal::from(u)),
                (_, _, Some(f)) => Input::Float(f),
                _ => Input::Unsupported("number"),
            },
            Some(J::String(s)) => Input::Text(Name::from(s.as_str())),
            Some(J::Array(_)) => Input::Unsupported("array"),
            Some(J::Object(_)) => Input::Unsupported("object"),
        }
    }

    fn describe(&self) -> Text {
        match self {
            Input::Missing => "null".into(),
            Input::Float(f) => crate::base::number::js_text(*f).into(),
            Input::Decimal(d) => Text::value(d),
            Input::Text(s) => Text::value(format!("\"{s}\"")),
            Input::Bool(b) => Text::value(b),
            Input::Unsupported(t) => Text::from_wire(t),
        }
    }

    /// The value without a declared type: numbers become decimals, and so do strings written as
    /// plain decimals (`"90000"`, `"-0.05"`: forms send numbers as text), exactly; other strings
    /// stay text. `None` when missing.
    pub fn to_value(self) -> Result<Option<Value>> {
        Ok(Some(match self {
            Input::Missing => return Ok(None),
            Input::Float(f) => Value::Number(decimal_from_f64(f)?),
            Input::Decimal(d) => Value::Number(d),
            Input::Text(s) if is_plain_decimal(&s) => Value::Number(parse_decimal(&s)?),
            Input::Text(s) => Value::Text(s),
            Input::Bool(b) => Value::Bool(b),
            Input::Unsupported(t) => {
                return Err(Error::new(ErrorCode::InvalidValue)
                    .expected(Phrase::AnyFieldValue)
                    .found(Text::from_wire(t)))
            }
        }))
    }

    /// The value as the declared type; `None` when missing (or an empty string for a
    /// non-text field, as forms send for a cleared input).
    pub fn to_typed(self, ty: FieldType) -> Result<Option<Value>> {
        match (ty, self) {
            // The text itself, moved rather than copied.
            (FieldType::Text, Input::Text(s)) => Ok(Some(Value::Text(s))),
            (_, other) => other.into_typed_other(ty),
        }
    }

    fn into_typed_other(self, ty: FieldType) -> Result<Option<Value>> {
        let wrong = |input: &Input| Error::new(ErrorCode::InvalidValue).expected(ty.phrase()).found(input.describe());
        if let Input::Text(s) = &self {
            if s.trim().is_empty() && ty != FieldType::Text {
                return Ok(None);
            }
        }
        let value = match (ty, &self) {
            (_, Input::Missing) => return Ok(None),
            (_, Input::Unsupported(_)) => return Err(wrong(&self)),
            (t, _) if t.is_numeric() => {
                let d =
                    match &self {
                        Input::Float(f) => decimal_from_f64(*f)?,
                        Input::Decimal(d) => *d,
                        Input::Text(s) => parse_decimal(s).map_err(|e| {
                            if e.code == ErrorCode::InvalidNumber {
                                wrong(&self)
                            } else {
                                e
                            }
                        })?,
                        _ => return Err(wrong(&self)),
                    };
                if t == FieldType::Integer && !d.fract().is_zero() {
                    return Err(wrong(&self));
                }
                Value::Number(d)
            }
            (FieldType::Text, Input::Text(s)) => Value::Text(s.clone()),
            (FieldType::Text, Input::Float(_) | Input::Decimal(_)) => {
                Value::Text(self.to_value()?.map(|v| v.to_text()).unwrap_or_default().into())
            }
            (FieldType::Boolean, Input::Bool(b)) => Value::Bool(*b),
            (FieldType::Boolean, Input::Text(s)) => {
                Value::Text(s.clone()).to_bool().map(Value::Bool).map_err(|_| wrong(&self))?
            }
            (FieldType::Date, Input::Text(s)) => Value::Date(parse_date(s)?),
            _ => return Err(wrong(&self)),
        };
        Ok(Some(value))
    }
}

/// `[+-]digits[.digits]`, surrounding spaces allowed: the way forms write numbers.
fn is_plain_decimal(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac)
}

crate::base::json::read::read_names!(FieldType {
    "number" => FieldType::Number,
    "money" => FieldType::Money,
    "rate" => FieldType::Rate,
    "integer" => FieldType::Integer,
    "text" => FieldType::Text,
    "boolean" => FieldType::Boolean,
    "date" => FieldType::Date,
});
