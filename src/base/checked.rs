//! The one checked-arithmetic family on decimals: every engine adds, subtracts, multiplies and
//! divides through these, so an overflow is always the same `OVERFLOW` error (and a zero divisor
//! `DIV_BY_ZERO`), never a panic.

use super::arithmetic::Arithmetic;
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
    checked(a.add_checked(b))
}

/// `a − b`, or `OVERFLOW`.
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    checked(a.sub_checked(b))
}

/// `a × b`, or `OVERFLOW`.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    checked(a.mul_checked(b))
}

/// `a ÷ b`, or `DIV_BY_ZERO` / `OVERFLOW`.
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::new(ErrorCode::DivByZero));
    }
    checked(a.div_checked(b))
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
    values.into_iter().try_fold(Decimal::ZERO, Decimal::add_checked)
}

/// Σ values computed one by one: the first error, or `OVERFLOW`.
pub fn try_sum(values: impl IntoIterator<Item = Result<Decimal>>) -> Result<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| add(acc, v?))
}

/// A running Σ that gives exactly what adding the values one by one with [`add`] gives (the same
/// value and scale, the same `OVERFLOW`), faster: while the sum fits a decimal's 96 bits at the
/// largest scale seen, it is kept as an integer (money is mostly at one scale, so adding is an
/// integer addition); past that, it goes on as decimals.
#[derive(Clone, Copy, Debug)]
pub struct Sum {
    /// The sum so far: an integer at `scale`, or a decimal.
    state: SumState,
}

#[derive(Clone, Copy, Debug)]
enum SumState {
    Exact { mantissa: i128, scale: u32 },
    Decimal(Decimal),
    Overflow,
}

/// 2⁹⁶: a decimal's mantissa is below it.
pub(crate) const MANTISSA_END: i128 = 1 << 96;

impl Default for Sum {
    fn default() -> Self {
        Sum { state: SumState::Exact { mantissa: 0, scale: 0 } }
    }
}

impl Sum {
    /// Adds `value`.
    #[inline]
    pub fn add(&mut self, value: Decimal) {
        self.state = match self.state {
            SumState::Exact { mantissa, scale } => match exact_add(mantissa, scale, value) {
                Some((m, s)) => SumState::Exact { mantissa: m, scale: s },
                // The sum so far is a decimal (it fitted); from here on, as `add` goes.
                None => {
                    match Decimal::try_from_i128_with_scale(mantissa, scale).ok().and_then(|d| d.add_checked(value)) {
                        Some(d) => SumState::Decimal(d),
                        None => SumState::Overflow,
                    }
                }
            },
            SumState::Decimal(d) => d.add_checked(value).map_or(SumState::Overflow, SumState::Decimal),
            SumState::Overflow => SumState::Overflow,
        };
    }

    /// The sum, or `OVERFLOW`.
    pub fn total(&self) -> Result<Decimal> {
        match self.state {
            SumState::Exact { mantissa, scale } => {
                Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| overflow())
            }
            SumState::Decimal(d) => Ok(d),
            SumState::Overflow => Err(overflow()),
        }
    }
}

/// 10⁰ … 10²⁸: the factors between a decimal's scales (money comes at scales 0 to 2 mixed, so
/// most additions to a running sum rescale one side). Worked out while compiling: an index out
/// of range or an overflow here would stop the build, never a run.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const POW10: [i128; 29] = {
    let mut table = [1_i128; 29];
    let mut k = 1;
    while k < table.len() {
        table[k] = table[k - 1] * 10;
        k += 1;
    }
    table
};

/// 10ᵏ, for the scales of a decimal (k ≤ 28).
pub(crate) fn pow10(k: u32) -> Option<i128> {
    POW10.get(usize::try_from(k).ok()?).copied()
}

/// `mantissa × 10^-scale + value` as an integer at the larger scale, when it fits a decimal.
#[inline]
fn exact_add(mantissa: i128, scale: u32, value: Decimal) -> Option<(i128, u32)> {
    let (m, s) = (value.mantissa(), value.scale());
    if s == scale {
        let sum = mantissa.checked_add(m)?;
        return (sum.checked_abs()? < MANTISSA_END).then_some((sum, s));
    }
    let to = scale.max(s);
    let a = mantissa.checked_mul(pow10(to.checked_sub(scale)?)?)?;
    let b = m.checked_mul(pow10(to.checked_sub(s)?)?)?;
    let sum = a.checked_add(b)?;
    (sum.checked_abs()? < MANTISSA_END).then_some((sum, to))
}

/// Lists of up to 40 decimals for property tests of sums: at every scale, small and large
/// (up to the 96 bits), with the extremes among them.
#[cfg(all(test, not(target_arch = "wasm32")))] // proptest is a native dev-dependency only
pub(crate) fn decimals() -> impl proptest::strategy::Strategy<Value = Vec<Decimal>> {
    use proptest::prelude::*;
    let value = (any::<i64>(), 0_u32..29, prop::bool::ANY).prop_map(|(m, scale, big)| {
        let m = if big { i128::from(m) << 32 } else { i128::from(m % 1_000_000_000) };
        Decimal::try_from_i128_with_scale(m, scale).unwrap_or(Decimal::MAX)
    });
    let edges = prop::sample::select(vec![Decimal::MAX, Decimal::MIN, Decimal::new(1, 28), Decimal::new(-5, 1)]);
    prop::collection::vec(prop_oneof![8 => value, 1 => edges], 0..40)
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

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_sum_is_what_adding_one_by_one_gives() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(2000), |(values in decimals())| {
            let mut sum = Sum::default();
            for v in &values {
                sum.add(*v);
            }
            let one_by_one = values.iter().try_fold(Decimal::ZERO, |acc, v| add(acc, *v));
            match (sum.total(), one_by_one) {
                (Ok(a), Ok(b)) => prop_assert!(a == b && a.scale() == b.scale(), "{a} vs {b}"),
                (Err(a), Err(b)) => prop_assert_eq!(a.code, b.code),
                (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
            }
        });
    }
}
