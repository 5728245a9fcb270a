//! The one checked-arithmetic family on decimals: every engine adds, subtracts, multiplies and
//! divides through these, so an overflow is always the same `OVERFLOW` error (and a zero divisor
//! `DIV_BY_ZERO`), never a panic.

use super::error::{Error, ErrorCode, Result};
use rust_decimal::Decimal;

/// The error of a result past the decimal range (about ±7.9 × 10²⁸).
pub fn overflow() -> Error {
    Error::new(ErrorCode::Overflow)
}

/// `Some` → the value; `None` (a `checked_*` that overflowed) → `OVERFLOW`.
pub fn checked(result: Option<Decimal>) -> Result<Decimal> {
    result.ok_or_else(overflow)
}

/// `a + b`, or `OVERFLOW`.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    checked(a.checked_add(b))
}

/// `a − b`, or `OVERFLOW`.
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    checked(a.checked_sub(b))
}

/// `a × b`, or `OVERFLOW`.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    checked(a.checked_mul(b))
}

/// `a ÷ b`, or `DIV_BY_ZERO` / `OVERFLOW`.
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::new(ErrorCode::DivByZero));
    }
    checked(a.checked_div(b))
}

/// `percent` percent of `base`.
pub fn percent_of(base: Decimal, percent: Decimal) -> Result<Decimal> {
    div(mul(base, percent)?, Decimal::ONE_HUNDRED)
}

/// Σ values, or `OVERFLOW`.
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// Σ values, or `None` past the decimal range: for the computations that return `Option` and
/// say where the overflow was themselves.
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// Σ values computed one by one: the first error, or `OVERFLOW`.
pub fn try_sum(values: impl IntoIterator<Item = Result<Decimal>>) -> Result<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| add(acc, v?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_and_zero_divisors_are_errors() {
        assert_eq!(add(Decimal::MAX, Decimal::ONE).unwrap_err().code, ErrorCode::Overflow);
        assert_eq!(sub(Decimal::MIN, Decimal::ONE).unwrap_err().code, ErrorCode::Overflow);
        assert_eq!(mul(Decimal::MAX, Decimal::TWO).unwrap_err().code, ErrorCode::Overflow);
        assert_eq!(div(Decimal::ONE, Decimal::ZERO).unwrap_err().code, ErrorCode::DivByZero);
        assert_eq!(percent_of(Decimal::new(250, 0), Decimal::new(12, 0)).ok(), Some(Decimal::new(30, 0)));
        assert_eq!(sum([Decimal::ONE, Decimal::TWO]).ok(), Some(Decimal::new(3, 0)));
        assert_eq!(sum([Decimal::MAX, Decimal::MAX]).unwrap_err().code, ErrorCode::Overflow);
        assert_eq!(checked_sum([Decimal::ONE, Decimal::TWO]), Some(Decimal::new(3, 0)));
        assert_eq!(checked_sum([Decimal::MAX, Decimal::MAX]), None);
        assert_eq!(try_sum([Ok(Decimal::ONE), Ok(Decimal::TWO)]).ok(), Some(Decimal::new(3, 0)));
        assert_eq!(try_sum([Ok(Decimal::MAX), Ok(Decimal::MAX)]).unwrap_err().code, ErrorCode::Overflow);
        let failed = try_sum([Ok(Decimal::ONE), Err(Error::new(ErrorCode::InvalidValue))]);
        assert_eq!(failed.unwrap_err().code, ErrorCode::InvalidValue);
    }
}
