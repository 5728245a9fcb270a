//! Decimal arithmetic, one function per operation: the crate's only calls of `rust_decimal`'s
//! `checked_*` (see [`Arithmetic`]). Below the error codes: the `checked` module turns its `None`
//! into `OVERFLOW` and `DIV_BY_ZERO`.

use rust_decimal::Decimal;

/// Decimal arithmetic, one function per operation, called where it is used rather than copied
/// into it. `rust_decimal` marks its `checked_add`, `checked_sub` and `checked_mul`, and the code
/// under them, `#[inline(always)]`: every call site carried a whole addition or multiplication
/// (the form entry's `.wasm` was 21 KB gzip larger, 58 KB raw). The crate calls these instead
/// (`clippy.toml` disallows the inherent ones); each is what the inherent method of the same name
/// gives: `None` past the decimal range or for a zero divisor.
pub trait Arithmetic: Sized {
    /// `self + other`, or `None` past the decimal range.
    fn add_checked(self, other: Decimal) -> Option<Decimal>;
    /// `self − other`, or `None` past the decimal range.
    fn sub_checked(self, other: Decimal) -> Option<Decimal>;
    /// `self × other`, or `None` past the decimal range.
    fn mul_checked(self, other: Decimal) -> Option<Decimal>;
    /// `self ÷ other`, or `None` past the decimal range or for a zero divisor.
    fn div_checked(self, other: Decimal) -> Option<Decimal>;
    /// The remainder of `self ÷ other` (the sign of `self`), or `None` for a zero divisor.
    fn rem_checked(self, other: Decimal) -> Option<Decimal>;
}

#[allow(clippy::disallowed_methods)]
impl Arithmetic for Decimal {
    fn add_checked(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }
    fn sub_checked(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }
    fn mul_checked(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }
    fn div_checked(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
    fn rem_checked(self, other: Decimal) -> Option<Decimal> {
        self.checked_rem(other)
    }
}
