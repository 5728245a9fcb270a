//! Aggregates over a team's values (sum, average, min, max, median, count) and a contest (PK)
//! between two groups on one of them.

use crate::base::arithmetic::Arithmetic;
use crate::base::checked::overflow;
use crate::base::error::Result;
use crate::base::number::Rounding;
use rust_decimal::Decimal;

/// How values are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// Σ values.
    Sum,
    /// Σ values ÷ count, by the given rounding.
    Average(Rounding),
    /// The lowest value.
    Min,
    /// The highest value.
    Max,
    /// The middle value, or the mean of the two middle values.
    Median,
    /// Σ values, where each value is 1 (counted) or 0.
    Count,
}

fn sum(values: &[Decimal]) -> Result<Decimal> {
    values.iter().try_fold(Decimal::ZERO, |acc, v| acc.add_checked(*v).ok_or_else(overflow))
}

impl Aggregate {
    /// Combines `values`; `None` for an empty slice (there is no average of nobody), except for
    /// `Sum` and `Count`, which are 0. An average keeps its rounding's scale (`78.60`).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::Aggregate;
    ///
    /// let v = [Decimal::new(90, 0), Decimal::new(70, 0), Decimal::new(85, 0), Decimal::new(60, 0)];
    /// assert_eq!(Aggregate::Median.of(&v).unwrap(), Some(Decimal::new(775, 1)));
    /// assert_eq!(Aggregate::Max.of(&v).unwrap(), Some(Decimal::new(90, 0)));
    /// assert_eq!(Aggregate::Median.of(&[]).unwrap(), None);
    /// let cents = [Decimal::new(8946, 2), Decimal::new(8947, 2)];
    /// assert_eq!(Aggregate::Median.of(&cents).unwrap().map(|d| d.to_string()), Some("89.465".into()));
    /// ```
    pub fn of(self, values: &[Decimal]) -> Result<Option<Decimal>> {
        let two = Decimal::TWO;
        Ok(match self {
            Aggregate::Sum | Aggregate::Count => Some(sum(values)?),
            _ if values.is_empty() => None,
            Aggregate::Average(rounding) => {
                let n = Decimal::from(values.len());
                Some(rounding.apply(sum(values)?.div_checked(n).ok_or_else(overflow)?))
            }
            Aggregate::Min => values.iter().min().copied(),
            Aggregate::Max => values.iter().max().copied(),
            Aggregate::Median => {
                let (lower, upper) = middle(values, values.len() / 2);
                if values.len() % 2 == 1 {
                    upper
                } else {
                    match (lower, upper) {
                        (Some(a), Some(b)) => {
                            // The mean at the values' own scale, or finer where it needs it
                            // (89.46 and 89.47 → 89.465, 89.40 and 89.40 → 89.40).
                            let sum = a.add_checked(b).ok_or_else(overflow)?;
                            let mut mean = sum.div_checked(two).ok_or_else(overflow)?.normalize();
                            let scale = a.scale().max(b.scale());
                            if mean.scale() < scale {
                                mean.rescale(scale);
                            }
                            Some(mean)
                        }
                        _ => None,
                    }
                }
            }
        })
    }
}

/// What a stable sort of `values` puts at places `k - 1` and `k`, found by one selection
/// instead of sorting them: after it, the value at `k` is the least of those from `k` on, the
/// one at `k - 1` the greatest of those before `k`. Among the values equal to either (`90` and
/// `90.00`), the one a stable sort puts there is picked: they keep their order.
fn middle(values: &[Decimal], k: usize) -> (Option<Decimal>, Option<Decimal>) {
    let mut rest = values.to_vec();
    crate::base::order::select_first(&mut rest, k, Decimal::cmp);
    let upper = rest.get(k..).and_then(|r| r.iter().min().copied());
    let lower = rest.get(..k).and_then(|r| r.iter().max().copied());
    let stable = |value: Decimal, at: usize| {
        let below = values.iter().filter(|v| **v < value).count();
        values.iter().filter(|v| **v == value).nth(at.checked_sub(below)?).copied()
    };
    let lower = lower.zip(k.checked_sub(1)).and_then(|(v, at)| stable(v, at));
    (lower, upper.and_then(|v| stable(v, k)))
}

/// The outcome of a contest between two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The first side won.
    First,
    /// The second side won.
    Second,
    /// Equal values.
    Tie,
    /// A side has no value (a group without scored members).
    NoData,
}

/// Compares two sides' values; the higher wins unless `lower_is_better`.
///
/// ```
/// use rust_decimal::Decimal;
/// use salescore::team::{contest, Outcome};
///
/// let (a, b) = (Some(Decimal::new(825, 1)), Some(Decimal::new(79, 0)));
/// assert_eq!(contest(a, b, false), (Outcome::First, Some(Decimal::new(35, 1))));
/// assert_eq!(contest(a, b, true).0, Outcome::Second);
/// assert_eq!(contest(a, None, false), (Outcome::NoData, None));
/// ```
pub fn contest(a: Option<Decimal>, b: Option<Decimal>, lower_is_better: bool) -> (Outcome, Option<Decimal>) {
    let (Some(a), Some(b)) = (a, b) else {
        return (Outcome::NoData, None);
    };
    let margin = a.sub_checked(b).map(|d| d.abs().normalize());
    let outcome = match (a.cmp(&b), lower_is_better) {
        (std::cmp::Ordering::Equal, _) => Outcome::Tie,
        (std::cmp::Ordering::Greater, false) | (std::cmp::Ordering::Less, true) => Outcome::First,
        _ => Outcome::Second,
    };
    (outcome, margin)
}

// Property tests run natively (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The median is the stable sort's middle, the same value at the same scale (`90` and
        /// `90.00` are equal and kept in their order).
        #[test]
        fn the_median_is_the_stable_sorts_middle(picks in proptest::collection::vec(0_usize..7, 0..30)) {
            let pool = ["90", "90.0", "90.00", "85.5", "85.50", "70", "-1"];
            let values: Vec<Decimal> = picks.iter().filter_map(|i| pool.get(*i)?.parse().ok()).collect();
            let mut sorted = values.clone();
            sorted.sort();
            for k in 0..values.len() {
                let (lower, upper) = middle(&values, k);
                let want = |at: Option<usize>| at.and_then(|at| sorted.get(at)).map(|d| d.to_string());
                proptest::prop_assert_eq!(upper.map(|d| d.to_string()), want(Some(k)));
                proptest::prop_assert_eq!(lower.map(|d| d.to_string()), want(k.checked_sub(1)));
            }
            let (lower, upper) = middle(&values, values.len());
            proptest::prop_assert_eq!(upper, None);
            proptest::prop_assert_eq!(lower.map(|d| d.to_string()), values.len().checked_sub(1).and_then(|at| sorted.get(at)).map(|d| d.to_string()));
        }
    }
}
