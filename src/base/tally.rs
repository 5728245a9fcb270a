//! A running Σ that values can be taken out of again: what keeps a team's costs up to date when
//! a few reps' payouts change, without adding up the whole team again.
//!
//! A [`Tally`] gives exactly what adding the values it holds one by one with
//! [`add`](super::checked::add) gives, in any order, value and scale, as long as that cannot
//! depend on the order: while the sum of the values' magnitudes fits a decimal's 96 bits at the
//! largest scale held, no partial sum can leave that range, so none is rounded or overflows.
//! Past that bound (or past 128 bits on the way) it gives nothing, and the caller adds the values
//! up again ([`Sum`](super::checked::Sum)), which then says what adding them one by one gives.

use super::checked::{pow10, MANTISSA_END};
use rust_decimal::Decimal;

/// The scales of a decimal: 0 to 28.
const SCALES: usize = 29;

/// An exact Σ of a multiset of decimals, with removal (see the [module docs](self)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Σ values, as an integer at `scale`.
    sum: i128,
    /// Σ |values|, as an integer at `scale`.
    magnitude: i128,
    /// The finest scale any value held so far had (it only grows).
    scale: u32,
    /// How many values held have each scale.
    counts: [u32; SCALES],
    /// Whether a step left 128 bits: the tally no longer knows its sum.
    lost: bool,
}

impl Default for Tally {
    fn default() -> Self {
        Tally { sum: 0, magnitude: 0, scale: 0, counts: [0; SCALES], lost: false }
    }
}

impl Tally {
    /// Adds `value`.
    pub fn add(&mut self, value: Decimal) {
        self.step(value, true);
    }

    /// Takes out `value`, one that was added.
    pub fn remove(&mut self, value: Decimal) {
        self.step(value, false);
    }

    fn step(&mut self, value: Decimal, add: bool) {
        if self.lost {
            return;
        }
        self.lost = self.apply(value, add).is_none();
    }

    fn apply(&mut self, value: Decimal, add: bool) -> Option<()> {
        let s = value.scale();
        if s > self.scale {
            let f = pow10(s.checked_sub(self.scale)?)?;
            (self.sum, self.magnitude) = (self.sum.checked_mul(f)?, self.magnitude.checked_mul(f)?);
            self.scale = s;
        }
        let m = match self.scale.checked_sub(s)? {
            0 => value.mantissa(),
            up => value.mantissa().checked_mul(pow10(up)?)?,
        };
        let count = self.counts.get_mut(usize::try_from(s).ok()?)?;
        if add {
            *count = count.checked_add(1)?;
            self.sum = self.sum.checked_add(m)?;
            self.magnitude = self.magnitude.checked_add(m.checked_abs()?)?;
        } else {
            *count = count.checked_sub(1)?;
            self.sum = self.sum.checked_sub(m)?;
            self.magnitude = self.magnitude.checked_sub(m.checked_abs()?)?;
        }
        Some(())
    }

    /// The sum, at the largest scale of the values held (0 when none is), as adding them one
    /// by one gives it; none when that could depend on the order (see the module docs).
    pub fn total(&self) -> Option<Decimal> {
        if self.lost {
            return None;
        }
        let top = self.counts.iter().rposition(|c| *c > 0).and_then(|s| u32::try_from(s).ok()).unwrap_or(0);
        let f = pow10(self.scale.checked_sub(top)?)?;
        let (sum, magnitude) = (self.sum.checked_div(f)?, self.magnitude.checked_div(f)?);
        (magnitude < MANTISSA_END).then(|| Decimal::try_from_i128_with_scale(sum, top).ok()).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use crate::base::arithmetic::Arithmetic;

    #[test]
    fn a_value_taken_out_leaves_the_others_sum_and_scale() {
        let mut t = Tally::default();
        assert_eq!(t.total().map(|d| d.to_string()), Some("0".into()));
        t.add(Decimal::new(150, 2));
        t.add(Decimal::new(3, 0));
        assert_eq!(t.total().map(|d| d.to_string()), Some("4.50".into()));
        t.remove(Decimal::new(150, 2));
        assert_eq!(t.total().map(|d| d.to_string()), Some("3".into()));
        t.add(Decimal::MAX);
        assert_eq!(t.total(), None);
        t.remove(Decimal::MAX);
        assert_eq!(t.total().map(|d| d.to_string()), Some("3".into()));
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_tally_is_what_adding_the_values_it_holds_gives() {
        use crate::base::checked::{decimals, Sum};
        use proptest::prelude::*;
        // Each value added, and those marked taken out again later.
        let steps = decimals().prop_flat_map(|v| {
            let n = v.len();
            (Just(v), prop::collection::vec(prop::bool::ANY, n))
        });
        proptest!(ProptestConfig::with_cases(3000), |((values, out) in steps)| {
            let mut tally = Tally::default();
            for v in &values {
                tally.add(*v);
            }
            for (v, o) in values.iter().zip(&out) {
                if *o {
                    tally.remove(*v);
                }
            }
            let held: Vec<Decimal> = values.iter().zip(&out).filter(|(_, o)| !**o).map(|(v, _)| *v).collect();
            let mut sum = Sum::default();
            for v in &held {
                sum.add(*v);
            }
            let bounded = held.iter().try_fold(Decimal::ZERO, |acc, v| acc.add_checked(v.abs()));
            match tally.total() {
                Some(t) => {
                    let s = sum.total().unwrap();
                    prop_assert!(t == s && t.scale() == s.scale(), "{t} vs {s}");
                }
                // Only when the magnitudes do not fit at the finest scale held.
                None => {
                    let top = held.iter().map(|v| v.scale()).max().unwrap_or(0);
                    let fits = bounded.is_some_and(|b| {
                        let mut b = b;
                        b.rescale(top);
                        b.scale() == top
                    });
                    prop_assert!(!fits || tally.lost, "no total for {held:?}");
                }
            }
        });
    }
}
