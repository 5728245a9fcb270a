//! Distance to the next grade: how far each weighted indicator's actual would have to move,
//! everything else equal, for the total to reach the next better band.

use super::compile::{Indicator, Scorecard};
use super::document::{Method, StepBasis, VetoEffect};
use super::measured::{Measured, ScoreState};
use super::result::{GateLine, NextGrade, NextGradeOption, VetoLine};
use crate::base::arithmetic::Arithmetic;
use crate::base::error::Result;
use crate::base::number::{Dec, Rounding, RoundingStrategy};
use rust_decimal::Decimal;

/// The next grade and the single-indicator moves that reach it; `None` at the top grade.
pub(super) fn to_next_grade(
    sc: &Scorecard,
    parts: &[(&Indicator, Decimal, Measured)],
    gates: &[GateLine],
    vetoes: &[VetoLine],
    st: ScoreState,
) -> Result<Option<NextGrade>> {
    let Some(next_index) = st.grade_index.checked_sub(1) else { return Ok(None) };
    let Some(next) = sc.grades.get(next_index) else { return Ok(None) };
    let floor = next.from.map_or(Decimal::ZERO, |f| f.0);
    let needed = floor.sub_checked(st.total).unwrap_or(Decimal::MAX).max(Decimal::ZERO);
    // Shown at the score scale, rounded up so that it is enough.
    let shown = Rounding::new(st.scale, RoundingStrategy::Up).apply(needed).normalize();
    let mut out =
        NextGrade { grade: next.grade.clone(), points_needed: Dec(shown), options: Vec::new(), blocked_by: None };
    let veto = vetoes
        .iter()
        .find(|v| v.triggered && (v.effect == VetoEffect::Zero || st.grade_cap.is_some_and(|c| c > next_index)));
    let gate = gates.iter().find(|g| g.closed && g.cap.0 < floor);
    if let Some(id) = veto.map(|v| &v.id).or(gate.map(|g| &g.id)) {
        out.blocked_by = Some(id.to_string());
        return Ok(Some(out));
    }
    // Points of the individual total that raise the blended total by `needed`.
    let individual_needed = match &sc.blend {
        Some((b, _)) if !b.individual_weight.0.is_zero() => {
            needed.mul_checked(Decimal::ONE_HUNDRED).and_then(|n| n.div_checked(b.individual_weight.0))
        }
        Some(_) => None,
        None => Some(needed),
    };
    let Some(individual_needed) = individual_needed else { return Ok(Some(out)) };
    for (ind, weight, m) in parts.iter().filter(|(_, w, _)| !w.is_zero()) {
        let more_points = individual_needed.mul_checked(Decimal::ONE_HUNDRED).and_then(|n| n.div_checked(*weight));
        let goal = more_points.and_then(|p| m.points.add_checked(p));
        if let Some(to) = goal.and_then(|g| actual_for_points(ind, m, g)) {
            let to = to_step(to, m.actual, ind.def.step.map(|s| s.0));
            if let Some(change) = to.sub_checked(m.actual) {
                out.options.push(NextGradeOption {
                    indicator: ind.name.clone(),
                    from: Dec(m.actual.normalize()),
                    to: Dec(to.normalize()),
                    change: Dec(change.normalize()),
                });
            }
        }
    }
    Ok(Some(out))
}

/// The actual that scores at least `goal` points, or `None` when the method cannot get there.
fn actual_for_points(ind: &Indicator, m: &Measured, goal: Decimal) -> Option<Decimal> {
    let hundred = Decimal::ONE_HUNDRED;
    match &ind.def.method {
        Method::Ratio { cap, .. } => {
            let r = goal.div_checked(hundred)?;
            let t = m.target.filter(|t| !t.is_zero())?;
            (cap.is_none_or(|c| r <= c.0)).then_some(())?;
            r.mul_checked(t)
        }
        Method::Linear { min_points, max_points, .. } => {
            let (t, s) = (*m.bounds.first()?, *m.bounds.get(1)?);
            if goal > max_points.0 {
                return None;
            }
            let span = max_points.0.sub_checked(min_points.0)?;
            let share = goal.sub_checked(min_points.0)?.max(Decimal::ZERO).div_checked(span)?;
            t.add_checked(share.mul_checked(s.sub_checked(t)?)?)
        }
        Method::Steps { on, bands } => {
            let band = bands.iter().find(|b| b.points.0 >= goal && b.from.0 > m.basis)?;
            match on {
                StepBasis::Actual => Some(band.from.0),
                StepBasis::Attainment => band.from.0.mul_checked(m.target?),
            }
        }
        Method::LowerIsBetter { cap, .. } => {
            let r = goal.div_checked(hundred)?;
            (cap.is_none_or(|c| r <= c.0)).then_some(())?;
            let base = *m.bounds.first()?;
            base.sub_checked(r.mul_checked(base.sub_checked(m.target?)?)?)
        }
        Method::Rating { map } => map
            .iter()
            .filter(|r| r.points.0 >= goal && r.rating.0 != m.actual)
            .min_by(|a, b| a.points.0.cmp(&b.points.0).then(a.rating.0.cmp(&b.rating.0)))
            .map(|r| r.rating.0),
        Method::PassFail { points } => (m.points.is_zero() && points.0 >= goal).then_some(Decimal::ONE),
    }
}

/// Rounds a needed actual to the indicator's step, away from where it is now (2.3 more
/// contracts → 3).
fn to_step(to: Decimal, from: Decimal, step: Option<Decimal>) -> Decimal {
    let Some(step) = step.filter(|s| *s > Decimal::ZERO) else { return to };
    let Some(q) = to.div_checked(step) else { return to };
    let q = if to >= from { q.ceil() } else { q.floor() };
    q.mul_checked(step).unwrap_or(to)
}
