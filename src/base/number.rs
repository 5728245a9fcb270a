//! Exact decimals at the boundary: reading JSON numbers by their shortest decimal form or decimal
//! strings, and rounding with a named strategy at a scale.

use crate::base::arithmetic::Arithmetic;
use crate::base::error::{Error, ErrorCode, Result};
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

/// Largest scale a `Decimal` can carry.
pub const MAX_SCALE: u32 = 28;

/// How to round a value that falls between two representable values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum RoundingStrategy {
    /// 四舍五入: halves go away from zero (Excel `ROUND`). 2.5 → 3, −2.5 → −3.
    #[default]
    HalfUp,
    /// Banker's rounding: halves go to the even neighbour. 2.5 → 2, 3.5 → 4.
    HalfEven,
    /// Always away from zero (Excel `ROUNDUP`). 2.1 → 3.
    Up,
    /// Always toward zero, i.e. truncate (Excel `ROUNDDOWN`). 2.9 → 2.
    Down,
}

impl RoundingStrategy {
    fn to_decimal(self) -> rust_decimal::RoundingStrategy {
        use rust_decimal::RoundingStrategy as R;
        match self {
            RoundingStrategy::HalfUp => R::MidpointAwayFromZero,
            RoundingStrategy::HalfEven => R::MidpointNearestEven,
            RoundingStrategy::Up => R::AwayFromZero,
            RoundingStrategy::Down => R::ToZero,
        }
    }
    /// The camelCase name used in plan documents.
    pub fn name(self) -> &'static str {
        match self {
            RoundingStrategy::HalfUp => "halfUp",
            RoundingStrategy::HalfEven => "halfEven",
            RoundingStrategy::Up => "up",
            RoundingStrategy::Down => "down",
        }
    }
}

/// A scale and a strategy: how one kind of value is rounded for output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Rounding {
    /// Digits after the decimal point (0–28). Negative scales are not allowed here; use
    /// `ROUND(x, -2)` in a formula to round to hundreds.
    pub scale: u32,
    /// Strategy for values between two steps.
    #[serde(default)]
    pub strategy: RoundingStrategy,
}

impl Rounding {
    /// A rounding at `scale` with `strategy`.
    pub const fn new(scale: u32, strategy: RoundingStrategy) -> Self {
        Rounding { scale, strategy }
    }
    /// Rounds `value`, keeping exactly `scale` digits (so `12.3` at scale 2 prints `12.30`).
    pub fn apply(self, value: Decimal) -> Decimal {
        let mut rounded = value.round_dp_with_strategy(self.scale.min(MAX_SCALE), self.strategy.to_decimal());
        // Only fails when the mantissa would overflow; the value is then already exact.
        rounded.rescale(self.scale.min(MAX_SCALE));
        rounded
    }
}

/// Rounds to `digits` places with a strategy; negative digits round to tens, hundreds, …
/// (Excel `ROUND(1234, -2)` = 1200). Fails only on overflow.
pub fn round_digits(value: Decimal, digits: i64, strategy: RoundingStrategy) -> Option<Decimal> {
    let s = strategy.to_decimal();
    if digits >= 0 {
        let dp = u32::try_from(digits).ok()?.min(MAX_SCALE);
        return Some(value.round_dp_with_strategy(dp, s).normalize());
    }
    let power = u32::try_from(digits.checked_neg()?).ok()?;
    if power > MAX_SCALE {
        return Some(Decimal::ZERO);
    }
    let factor = Decimal::from_i128_with_scale(10_i128.checked_pow(power)?, 0);
    let scaled = value.div_checked(factor)?.round_dp_with_strategy(0, s);
    scaled.mul_checked(factor).map(|d| d.normalize())
}

/// Reads a JavaScript number the way `String(n)` prints it (its shortest round-trip form), so
/// `0.1` is exactly one tenth. NaN and infinities are errors, never coerced.
pub fn decimal_from_f64(value: f64) -> Result<Decimal> {
    if !value.is_finite() {
        let found = if value.is_nan() {
            "NaN"
        } else if value > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return Err(Error::new(ErrorCode::NotFinite).found(found));
    }
    if let Some(d) = shortest_fast(value) {
        return Ok(d);
    }
    // zmij prints the shortest digits that round-trip (what JS `String(n)` prints, give or take
    // the exponent notation, which `parse_decimal` reads).
    let text = zmij::Buffer::new().format_finite(value).to_string();
    parse_decimal(&text).map_err(|e| {
        if e.code == ErrorCode::InvalidNumber {
            Error::new(ErrorCode::OutOfRange).found(text)
        } else {
            e
        }
    })
}

/// Parses a decimal string exactly: `"1234.56"`, `"-0.5"`, `"1e3"`, `"+7"`. Leading and trailing
/// spaces are allowed; thousands separators are not. Too many digits before the point, or an
/// exponent past 28 (up to 4,294,967,295), is `OUT_OF_RANGE`; more decimals than a decimal holds,
/// or a longer exponent, is `INVALID_NUMBER` (as rust_decimal sorts them).
pub fn parse_decimal(text: &str) -> Result<Decimal> {
    let t = text.trim();
    let invalid = || Error::new(ErrorCode::InvalidNumber).found(text);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')) {
        return Err(invalid());
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    if !has_digit {
        return Err(invalid());
    }
    let parsed = if t.contains(['e', 'E']) { Decimal::from_scientific(t) } else { Decimal::from_str_exact(t) };
    parsed.map(|d| d.normalize()).map_err(|e| {
        if out_of_range(t, &e) {
            Error::new(ErrorCode::OutOfRange).found(text)
        } else {
            invalid()
        }
    })
}

/// Whether rust_decimal refused `t` (digits, points, signs and exponent marks only) for its size
/// rather than its form. Its typed errors say so (a value past the largest decimal, an exponent
/// past 28), except `ErrorString`, which it gives both for a text not written as a number and for
/// more digits before the point than a decimal holds: a base written as a number (a sign, digits,
/// at most one point) refused is too long. With an exponent the base is read first, so a
/// well-written base refused on its own is too long, else the exponent was not a number. More
/// decimals than a decimal holds (`Underflow`) is not a number, as before.
fn out_of_range(t: &str, e: &rust_decimal::Error) -> bool {
    match e {
        rust_decimal::Error::ExceedsMaximumPossibleValue | rust_decimal::Error::ScaleExceedsMaximumPrecision(_) => true,
        rust_decimal::Error::ErrorString(_) => {
            let mut parts = t.splitn(2, ['e', 'E']);
            let base = parts.next().unwrap_or_default();
            let digits = base.strip_prefix(['-', '+']).unwrap_or(base);
            let written = digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && digits.bytes().filter(|b| *b == b'.').count() <= 1
                && digits.bytes().any(|b| b.is_ascii_digit());
            written && (parts.next().is_none() || Decimal::from_str(base).is_err())
        }
        _ => false,
    }
}

/// 2^53: integers below it are exact in an f64.
const EXACT_F64: f64 = 9_007_199_254_740_992.0;
/// Powers of ten that are exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The shortest decimal that round-trips to `value`, found without formatting when it has at most
/// 15 decimals and 15 significant digits: the smallest scale `s` at which `round(value·10^s)/10^s`
/// reads back as `value` (both operands exact, the division correctly rounded). When a neighbour
/// also reads back, the choice is ambiguous and the general path decides.
fn shortest_fast(value: f64) -> Option<Decimal> {
    for (scale, p) in POW10.iter().take(16).enumerate() {
        let scaled = value * p;
        if scaled.abs() >= EXACT_F64 {
            return None;
        }
        let m = scaled.round();
        let reads_back = |m: f64| m / p == value;
        if reads_back(m) {
            if scale > 0 && (reads_back(m - 1.0) || reads_back(m + 1.0)) {
                return None;
            }
            // Through i64 (|m| < 2^53): converting to i128 is a library call in WebAssembly.
            return Decimal::try_new(m as i64, u32::try_from(scale).ok()?).ok();
        }
    }
    None
}

/// The nearest `f64` to a decimal: one correctly rounded division when mantissa and power of ten
/// are exact in an f64, otherwise through its decimal text.
pub fn decimal_to_f64(value: Decimal) -> f64 {
    let mantissa = value.mantissa();
    let scale = usize::try_from(value.scale()).unwrap_or(usize::MAX);
    if let Some(p) = POW10.get(scale) {
        // Through i64: converting an i128 is a library call in WebAssembly, an i64 one instruction.
        if let Some(m) = i64::try_from(mantissa).ok().filter(|m| m.unsigned_abs() < 9_007_199_254_740_992) {
            return m as f64 / p;
        }
    }
    // Mantissa and exponent as text ("48995847422627853e-17"): the same number as the decimal's
    // own text, read with the same correct rounding, but written without dividing by ten. It is
    // read as a JSON number, by serde_json's correctly rounded parser (`float_roundtrip`, linked
    // to read documents anyway): core's float parser and i128 formatting stay out of the `.wasm`.
    let mut text = arrayvec::ArrayString::<64>::new();
    let written = [itoa::Buffer::new().format(mantissa), "e-", itoa::Buffer::new().format(scale)]
        .into_iter()
        .all(|part| text.try_push_str(part).is_ok());
    let read = |text: &str| text.parse::<serde_json::Number>().ok().and_then(|n| n.as_f64());
    match written.then(|| read(&text)).flatten() {
        Some(number) => number,
        None => read(&value.to_string()).unwrap_or(0.0),
    }
}

/// A double as JavaScript's `String(n)` writes it: the shortest digits that read back, in plain
/// notation from 1e-7 (exclusive) to 1e21 (exclusive) and in exponent notation outside; `0` for
/// both zeros. Messages name a JS number this way, so a record read natively (where the JSON
/// integer `0` is a decimal) and in JS (where it is a double) say the same.
///
/// ```
/// use salescore::number::js_text;
///
/// assert_eq!(js_text(0.0), "0");
/// assert_eq!(js_text(2.5e-7), "2.5e-7");
/// assert_eq!(js_text(1e21), "1e+21");
/// assert_eq!(js_text(123.0), "123");
/// ```
pub fn js_text(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let (digits, n) = shortest_digits(value.abs());
    let digits = digits.as_str();
    let k = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let zeros = |count: i64| "0".repeat(usize::try_from(count).unwrap_or(0));
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", zeros(n.saturating_sub(k)))
    } else if 0 < n && n <= 21 {
        let (whole, frac) = digits.split_at(usize::try_from(n).unwrap_or(0).min(digits.len()));
        format!("{whole}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", zeros(n.saturating_neg()))
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let e = n.saturating_sub(1);
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{first}{dot}{rest}e{}{}", if e < 0 { '-' } else { '+' }, e.unsigned_abs())
    };
    format!("{sign}{body}")
}

/// The shortest digits of a finite `value` > 0 that read back (no leading or trailing zeros),
/// and `n`: the decimal point goes after `n` of them (`0.0012` → `("12", -2)`). By zmij, the
/// same digits as `decimal_from_f64` reads (it writes `123.45`, `0.00012` or `1.2e-7`).
fn shortest_digits(value: f64) -> (String, i64) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(value);
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = whole.chars().chain(fraction.chars()).collect();
    let lead = all.bytes().take_while(|b| *b == b'0').count();
    let digits = all.get(lead..).unwrap_or_default().trim_end_matches('0').to_string();
    let count = |len: usize| i64::try_from(len).unwrap_or(i64::MAX);
    let n = count(whole.len()).saturating_add(exponent.parse::<i64>().unwrap_or(0)).saturating_sub(count(lead));
    (digits, n)
}

/// A decimal in a plan document: a JSON number (read by its shortest decimal form, so `0.8` is
/// exactly eight tenths) or a decimal string (`"0.8"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec(pub Decimal);

/// A decimal as written in a sentence: at most 4 places, no trailing zeros, marked `≈` when
/// that rounds it (results keep the exact value).
///
/// ```
/// use rust_decimal::Decimal;
/// use salescore::number::approx_text;
///
/// assert_eq!(approx_text(Decimal::new(108, 2)), "1.08");
/// assert_eq!(approx_text(Decimal::TWO / Decimal::from(3)), "≈0.6667");
/// ```
pub fn approx_text(d: Decimal) -> String {
    let shown = d.round_dp(4).normalize();
    if shown == d {
        shown.to_string()
    } else {
        format!("≈{shown}")
    }
}

/// A decimal as sentences write amounts: the whole part grouped in thousands, its own places
/// kept.
///
/// ```
/// use rust_decimal::Decimal;
/// use salescore::number::grouped;
///
/// assert_eq!(grouped(Decimal::new(1_200_000_050, 2)), "12,000,000.50");
/// assert_eq!(grouped(Decimal::new(-123_456, 2)), "-1,234.56");
/// assert_eq!(grouped(Decimal::from(999)), "999");
/// ```
pub fn grouped(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |t| ("-", t));
    let (whole, frac) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(text.len().saturating_add(whole.len() / 3));
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && whole.len().saturating_sub(i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// How numbers are returned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum NumberOutput {
    /// As JS numbers (the nearest double to the exact, rounded decimal).
    #[default]
    Number,
    /// As exact decimal strings (`"1234.50"`).
    String,
}

thread_local! {
    /// How decimals are written while [`serialize_numbers_as`] runs.
    static NUMBERS: std::cell::Cell<Option<NumberOutput>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` (typically a serialization) with every result decimal written as `numbers` says:
/// JS numbers, or exact decimal strings. Outside it, [`Dec`] writes numbers and the team
/// module's decimals write strings.
///
/// ```
/// use rust_decimal::Decimal;
/// use salescore::number::{serialize_numbers_as, Dec};
/// use salescore::output::NumberOutput;
///
/// let d = Dec(Decimal::new(9250, 2));
/// assert_eq!(serde_json::to_string(&d).unwrap(), "92.5");
/// let text = serialize_numbers_as(NumberOutput::String, || serde_json::to_string(&d).unwrap());
/// assert_eq!(text, r#""92.50""#);
/// ```
pub fn serialize_numbers_as<T>(numbers: NumberOutput, f: impl FnOnce() -> T) -> T {
    let before = NUMBERS.with(|c| c.replace(Some(numbers)));
    let out = f();
    NUMBERS.with(|c| c.set(before));
    out
}

/// The number output [`serialize_numbers_as`] set, if it is running.
pub(crate) fn numbers_as() -> Option<NumberOutput> {
    NUMBERS.with(std::cell::Cell::get)
}

impl Serialize for Dec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match numbers_as() {
            Some(NumberOutput::String) => s.collect_str(&self.0),
            _ => s.serialize_f64(decimal_to_f64(self.0)),
        }
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Dec;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a decimal string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Dec, E> {
                decimal_from_f64(v).map(Dec).map_err(|e| E::custom(e.message(crate::base::locale::Locale::En)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Dec, E> {
                parse_decimal(v).map(Dec).map_err(|e| match e.code {
                    // Text that is no number: what was expected and found, worded in each locale.
                    crate::base::error::ErrorCode::InvalidNumber => {
                        E::invalid_value(serde::de::Unexpected::Str(v), &Visitor)
                    }
                    _ => E::custom(e.message(crate::base::locale::Locale::En)),
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Serde for a bare `Decimal` field of the team engine's data (`#[serde(with = "…::exact")]`):
/// read as [`Dec`] reads (a JSON number by its shortest decimal form, or a decimal string),
/// written as its exact string (`"93.50"` keeps its scale), or as a number inside
/// [`serialize_numbers_as`] with numbers.
///
/// The one difference from [`Dec`] is the default outside [`serialize_numbers_as`]: the team
/// engine's native results have always been exact strings (its public API), a plan's results
/// numbers. Every path to JS sets the mode, so the two agree there.
pub mod exact {
    use super::{decimal_to_f64, numbers_as, Dec, NumberOutput};
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as its exact string, or as a number when numbers were asked for.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        match numbers_as() {
            Some(NumberOutput::Number) => s.serialize_f64(decimal_to_f64(*value)),
            _ => s.collect_str(value),
        }
    }

    /// Reads a JSON number or a decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        Dec::deserialize(d).map(|x| x.0)
    }

    /// The same for `Option<Decimal>` (`null` or absent is `None`).
    pub mod option {
        use crate::base::number::Dec;
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes `Some` as [`super::serialize`] does and `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        /// Reads `null`, a JSON number or a decimal string.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            Option::<Dec>::deserialize(d).map(|x| x.map(|d| d.0))
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Dec {
    fn schema_name() -> String {
        "Decimal".to_string()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::{InstanceType, SchemaObject, SingleOrVec};
        SchemaObject {
            instance_type: Some(SingleOrVec::Vec(vec![InstanceType::Number, InstanceType::String])),
            // As text, a decimal as `parse_decimal` reads it (`"0.05"`, `" 1200 "`, `"1e3"`).
            string: Some(Box::new(schemars::schema::StringValidation {
                pattern: Some(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$".to_string()),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_whole_part_in_thousands() {
        let g = |s: &str| grouped(s.parse().unwrap());
        assert_eq!(g("12000000"), "12,000,000");
        assert_eq!(g("-1234.56"), "-1,234.56");
        assert_eq!(g("100000.00"), "100,000.00");
        assert_eq!(g("999.999"), "999.999");
        assert_eq!(g("1000"), "1,000");
        assert_eq!(g("0.05"), "0.05");
        assert_eq!(g("-999"), "-999");
    }

    #[test]
    fn reads_floats_by_shortest_form() {
        assert_eq!(decimal_from_f64(0.1).unwrap().to_string(), "0.1");
        assert_eq!(decimal_from_f64(0.1 + 0.2).unwrap().to_string(), "0.30000000000000004");
        assert_eq!(decimal_from_f64(1e21).unwrap().to_string(), "1000000000000000000000");
        assert_eq!(decimal_from_f64(f64::NAN).unwrap_err().code, ErrorCode::NotFinite);
        assert_eq!(decimal_from_f64(1e30).unwrap_err().code, ErrorCode::OutOfRange);
        assert_eq!(decimal_from_f64(-0.0).unwrap().to_string(), "0");
    }

    #[test]
    fn fast_paths_agree_with_formatting() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..40_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let candidates = [
                f64::from_bits(x),
                (x % 100_000_000) as f64 / 100.0,
                (x % 1_000_000) as f64 / 10_000.0 - 50.0,
                i as f64 * 0.1,
                (x % 10_000_000_000) as f64 / 1e9,
            ];
            for v in candidates.into_iter().filter(|v| v.is_finite() && v.abs() < 1e20) {
                let Ok(by_text) = parse_decimal(zmij::Buffer::new().format(v)) else {
                    assert!(decimal_from_f64(v).is_err(), "{v} is out of range either way");
                    continue;
                };
                assert_eq!(decimal_from_f64(v).unwrap(), by_text, "{v}");
                assert_eq!(decimal_from_f64(v).unwrap().to_string(), by_text.to_string(), "scale of {v}");
                assert_eq!(decimal_to_f64(by_text), by_text.to_string().parse::<f64>().unwrap(), "{by_text}");
            }
        }
    }

    #[test]
    fn long_decimals_convert_as_their_text_reads() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a = Decimal::from(x % 1_000_000_007).add_checked(Decimal::ONE).unwrap();
            let b = Decimal::new(i64::try_from(x >> 40).unwrap().wrapping_add(1), u32::try_from(x % 7).unwrap());
            let all =
                [a.div_checked(b), b.div_checked(a), Decimal::ZERO.sub_checked(a / b), Decimal::MAX.div_checked(a)];
            for d in all.into_iter().flatten() {
                assert_eq!(decimal_to_f64(d), d.to_string().parse::<f64>().unwrap(), "{d}");
            }
        }
    }

    #[test]
    fn js_text_writes_numbers_as_javascript_does() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (5.0, "5"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (11.011_521_177_133_545, "11.011521177133545"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000_123, "0.000123"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-2.5e25, "-2.5e+25"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (value, js) in cases {
            assert_eq!(js_text(value), js, "{value}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20_000, ..Default::default() })]
        /// zmij's digits read back, and are as few as `{:e}` (core's Grisu and Dragon) writes,
        /// at the same place: any finite double, by its bits. Where the two differ (a value
        /// halfway between them), they differ by one in the last digit and zmij's is the even
        /// one, as JavaScript picks (`String(1570909844466803.25)` is `"1570909844466803.2"`;
        /// core writes `.3`).
        #[test]
        #[allow(clippy::arithmetic_side_effects)] // test code: small exponents
        fn shortest_digits_read_back_as_few_as_cores(bits in proptest::prelude::any::<u64>()) {
            let value = f64::from_bits(bits).abs();
            proptest::prop_assume!(value.is_finite() && value > 0.0);
            let sci = format!("{value:e}");
            let (mantissa, exponent) = sci.split_once('e').unwrap();
            let core: String = mantissa.chars().filter(char::is_ascii_digit).collect();
            let core_n = exponent.parse::<i64>().unwrap() + 1;
            let (digits, n) = shortest_digits(value);
            let len = i64::try_from(digits.len()).unwrap();
            proptest::prop_assert_eq!(format!("{digits}e{}", n - len).parse::<f64>().unwrap(), value);
            proptest::prop_assert_eq!((digits.len(), n), (core.len(), core_n), "{:e}", value);
            if digits != core {
                let (a, b) = (digits.parse::<u128>().unwrap(), core.parse::<u128>().unwrap());
                proptest::prop_assert!(a.abs_diff(b) == 1 && a % 2 == 0, "{} against {}", digits, core);
            }
        }
    }

    #[test]
    fn shortest_digits_of_every_form_zmij_writes() {
        for (value, digits, n) in [
            (123.45, "12345", 3),
            (0.00012, "12", -3),
            (1e21, "1", 22),
            (1.2345e-7, "12345", -6),
            (100.0, "1", 3),
            (5e-324, "5", -323),
            (f64::MAX, "17976931348623157", 309),
            (f64::from_bits(4_834_142_439_919_038_925), "15709098444668032", 16),
        ] {
            assert_eq!(shortest_digits(value), (digits.to_string(), n), "{value}");
        }
    }

    #[test]
    fn ties_pick_the_even_digit_as_javascript_does() {
        // String(1658206780088562.25) in JS is "1658206780088562.2".
        assert_eq!(decimal_from_f64(f64::from_bits(0x4317_9085_685d_83c9)).unwrap().to_string(), "1658206780088562.2");
    }

    #[test]
    fn parses_strings_exactly() {
        assert_eq!(parse_decimal(" 558.125 ").unwrap().to_string(), "558.125");
        assert_eq!(parse_decimal("1e3").unwrap().to_string(), "1000");
        assert_eq!(parse_decimal("1,000").unwrap_err().code, ErrorCode::InvalidNumber);
        assert_eq!(parse_decimal("abc").unwrap_err().code, ErrorCode::InvalidNumber);
        assert_eq!(parse_decimal("99999999999999999999999999999999").unwrap_err().code, ErrorCode::OutOfRange);
    }

    #[test]
    fn out_of_range_and_malformed_numbers_keep_their_codes() {
        let code = |t: &str| parse_decimal(t).unwrap_err().code;
        // Past the largest decimal: before the point, by the exponent, or an exponent past 28.
        assert_eq!(code("79228162514264337593543950336"), ErrorCode::OutOfRange);
        assert_eq!(code("-79228162514264337593543950336"), ErrorCode::OutOfRange);
        assert_eq!(code("7.9228162514264337593543950336e28"), ErrorCode::OutOfRange);
        assert_eq!(code("1e29"), ErrorCode::OutOfRange);
        assert_eq!(code("1e-29"), ErrorCode::OutOfRange);
        assert_eq!(code("99999999999999999999999999999999e-5"), ErrorCode::OutOfRange);
        // More decimals than a decimal holds, and texts not written as a number.
        assert_eq!(code("0.00000000000000000000000000001"), ErrorCode::InvalidNumber);
        assert_eq!(code("1.2.3"), ErrorCode::InvalidNumber);
        assert_eq!(code("1e"), ErrorCode::InvalidNumber);
        assert_eq!(code("1e+-3"), ErrorCode::InvalidNumber);
        assert_eq!(code("1e99999999999"), ErrorCode::InvalidNumber);
        assert_eq!(code("--1"), ErrorCode::InvalidNumber);
        // A base too long is reported before a malformed exponent.
        assert_eq!(code("99999999999999999999999999999999e+-3"), ErrorCode::OutOfRange);
    }

    #[test]
    fn rounds_public_case_6() {
        let even = Rounding::new(2, RoundingStrategy::HalfEven);
        let up = Rounding::new(2, RoundingStrategy::HalfUp);
        assert_eq!(even.apply(parse_decimal("558.125").unwrap()).to_string(), "558.12");
        assert_eq!(even.apply(parse_decimal("558.135").unwrap()).to_string(), "558.14");
        assert_eq!(up.apply(parse_decimal("558.125").unwrap()).to_string(), "558.13");
        assert_eq!(up.apply(parse_decimal("12.3").unwrap()).to_string(), "12.30");
    }

    #[test]
    fn rounds_to_negative_digits() {
        let d = parse_decimal("1250").unwrap();
        assert_eq!(round_digits(d, -2, RoundingStrategy::HalfUp).unwrap().to_string(), "1300");
        assert_eq!(round_digits(d, -2, RoundingStrategy::HalfEven).unwrap().to_string(), "1200");
    }
}
