//! What scoring reads and passes between its steps: the formulas' context, what one indicator
//! measured, and where the total stands (for the distance to the next grade).

use crate::base::arithmetic::Arithmetic;
use crate::base::checked::mul;
use crate::base::error::Result;
use crate::formula::eval::{divide, Evaluator};
use crate::formula::expr::Expr;
use arrayvec::ArrayVec;
use rust_decimal::Decimal;

/// Evaluates scorecard formulas, pointing errors at their place in the plan.
pub(super) struct Context<'s> {
    pub(super) ev: Evaluator<'s>,
}

impl Context<'_> {
    pub(super) fn number(&self, e: &Expr) -> Result<Decimal> {
        e.number(&self.ev)
    }
    pub(super) fn condition(&self, e: &Expr) -> Result<bool> {
        e.condition(&self.ev)
    }
}

/// What one indicator measured, before weighting.
pub(super) struct Measured {
    pub(super) actual: Decimal,
    pub(super) target: Option<Decimal>,
    /// The value the bands or ratio were taken on (attainment, ratio, rating…).
    pub(super) basis: Decimal,
    pub(super) points: Decimal,
    /// `points` as numerator ÷ denominator when it came from a division, so that the weighted
    /// points are one division too: `25.075` stays `25.075`, not `25.07499…` (a ratio rounded
    /// to 28 digits, then multiplied).
    pub(super) fraction: Option<(Decimal, Decimal)>,
    /// Linear threshold and stretch, or lower-is-better base.
    pub(super) bounds: ArrayVec<Decimal, 2>,
}

impl Measured {
    /// points × weight ÷ 100, with a single division.
    pub(super) fn weighted(&self, weight: Decimal) -> Result<Decimal> {
        if let Some((num, den)) = self.fraction {
            if let (Some(n), Some(d)) = (num.mul_checked(weight), den.mul_checked(Decimal::ONE_HUNDRED)) {
                return divide(n, d);
            }
        }
        divide(mul(self.points, weight)?, Decimal::ONE_HUNDRED)
    }
}

/// Where the total stands, for the distance to the next grade.
#[derive(Clone, Copy)]
pub(super) struct ScoreState {
    pub(super) total: Decimal,
    pub(super) grade_index: usize,
    pub(super) grade_cap: Option<usize>,
    /// Decimal places of scores.
    pub(super) scale: u32,
}
