//! Grade bands no total can reach.
//!
//! The range of totals follows the scoring order: each weight set (a profile's weights or a
//! phase's) adds weight × the indicator's lowest and highest points ÷ 100, the widest set
//! counts; adjustments add their bounds; a gate can lower a total to its cap and a `zero` veto
//! to 0; the total is rounded as scores before it is graded. A method without a cap (ratio,
//! lower-is-better) has no highest points, and a blend with a team weight above 0 takes a team
//! score from a formula, which has no bounds: then nothing is said.

use super::{dec, Diagnostic, DiagnosticDetail};
use crate::base::arithmetic::Arithmetic;
use crate::base::number::Rounding;
use crate::scorecard::document::{IndicatorDef, Method, ScorecardDef, StepBasis, VetoEffect, Weight};
use rust_decimal::Decimal;

/// Lowest and highest; `None` for no upper bound.
#[derive(Clone, Copy)]
struct Range {
    lo: Decimal,
    hi: Option<Decimal>,
}

pub(super) fn check(def: &ScorecardDef, rounding: Rounding, out: &mut Vec<Diagnostic>) {
    let Some(range) = totals(def) else { return };
    let (lo, hi) = (rounding.apply(range.lo), range.hi.map(|h| rounding.apply(h)));
    for (i, g) in def.grades.iter().enumerate() {
        let (from, to) = (g.from.map(|f| f.0), g.to.map(|t| t.0));
        let by_score = from.is_none_or(|f| hi.is_none_or(|h| f <= h)) && to.is_none_or(|t| lo < t);
        // A capGrade veto moves a rep whose total is above the band down into it.
        let by_veto = to.is_some_and(|t| hi.is_none_or(|h| h >= t))
            && def.vetoes.iter().any(|v| v.effect == VetoEffect::CapGrade && v.grade.as_deref() == Some(&g.grade));
        if !by_score && !by_veto {
            let detail = DiagnosticDetail::GradeUnreachable {
                grade: g.grade.clone(),
                from: from.map(dec),
                to: to.map(dec),
                lowest: dec(lo),
                highest: hi.map(dec),
            };
            out.push(Diagnostic::new(format!("/scorecard/grades/{i}"), detail));
        }
    }
}

/// The range of exact totals, or `None` when unbounded below or not computable.
fn totals(def: &ScorecardDef) -> Option<Range> {
    if def.blend.as_ref().is_some_and(|b| !b.team_weight.0.is_zero()) {
        return None;
    }
    let sets =
        def.profiles.iter().flat_map(|p| std::iter::once(&p.weights).chain(p.phases.iter().map(|ph| &ph.weights)));
    let mut total: Option<Range> = None;
    for weights in sets {
        let r = weighted(weights, &def.indicators)?;
        total = Some(match total {
            None => r,
            Some(t) => Range { lo: t.lo.min(r.lo), hi: t.hi.zip(r.hi).map(|(a, b)| a.max(b)) },
        });
    }
    let mut range = total?;
    for a in &def.adjustments {
        range.lo = range.lo.add_checked(a.min.0)?;
        range.hi = match range.hi {
            Some(h) => Some(h.add_checked(a.max.0)?),
            None => None,
        };
    }
    for g in &def.gates {
        range.lo = range.lo.min(g.cap.0);
    }
    if def.vetoes.iter().any(|v| v.effect == VetoEffect::Zero) {
        range.lo = range.lo.min(Decimal::ZERO);
    }
    Some(range)
}

/// Σ weight × points ÷ 100 over one weight set.
fn weighted(weights: &[Weight], indicators: &[IndicatorDef]) -> Option<Range> {
    let mut sum = Range { lo: Decimal::ZERO, hi: Some(Decimal::ZERO) };
    for w in weights {
        let indicator = indicators.iter().find(|i| i.id == w.indicator)?;
        let points = points(&indicator.method)?;
        let scale = |p: Decimal| p.mul_checked(w.weight.0)?.div_checked(Decimal::ONE_HUNDRED);
        sum.lo = sum.lo.add_checked(scale(points.lo)?)?;
        sum.hi = match (sum.hi, points.hi) {
            (Some(s), Some(h)) if !w.weight.0.is_zero() => Some(s.add_checked(scale(h)?)?),
            (Some(s), _) if w.weight.0.is_zero() => Some(s),
            _ => None,
        };
    }
    Some(sum)
}

/// An indicator's lowest and highest points, as the method scores them.
fn points(method: &Method) -> Option<Range> {
    let percent = |ratio: Decimal| ratio.mul_checked(Decimal::ONE_HUNDRED);
    let spread = |values: &mut dyn Iterator<Item = Decimal>| {
        let all: Vec<Decimal> = values.collect();
        Some(Range { lo: all.iter().copied().min()?, hi: Some(all.iter().copied().max()?) })
    };
    match method {
        Method::Ratio { floor, cap } | Method::LowerIsBetter { floor, cap, .. } => {
            let hi = match cap {
                Some(c) => Some(percent(c.0)?),
                None => None,
            };
            Some(Range { lo: percent(floor.0)?, hi })
        }
        Method::Linear { min_points, max_points, .. } => spread(&mut [min_points.0, max_points.0].into_iter()),
        Method::Steps { on, bands } => {
            // Below the first band scores 0; attainment is never below 0.
            let below = !(*on == StepBasis::Attainment && bands.first().is_some_and(|b| b.from.0 <= Decimal::ZERO));
            let zero = below.then_some(Decimal::ZERO);
            spread(&mut bands.iter().map(|b| b.points.0).chain(zero))
        }
        Method::Rating { map } => spread(&mut map.iter().map(|r| r.points.0)),
        Method::PassFail { points } => spread(&mut [Decimal::ZERO, points.0].into_iter()),
    }
}
