//! Scoring one rep: profile and phase, each indicator's points, weighting, adjustments, blend,
//! gates, vetoes, grade — in that documented order.

use super::compile::{Expr, Indicator, Profile, Scorecard, Team, Weights};
use super::document::{AggregateFn, Method, StepBasis, VetoEffect};
use super::measured::{Context, Measured, ScoreState};
use super::result::{AdjustmentLine, GateLine, IndicatorLine, Member, ScoreResult, VetoLine};
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::{add, checked_sum, mul, sub};
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::name::Name;
use crate::base::number::{Dec, Rounding};
use crate::formula::eval::{divide, Evaluator, Scope};
use arrayvec::ArrayVec;
use rust_decimal::Decimal;

fn clamp(x: Decimal, floor: Decimal, cap: Option<Decimal>) -> Decimal {
    let x = x.max(floor);
    cap.map_or(x, |c| x.min(c))
}

/// What a score keeps beyond its totals, grade, gates and vetoes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreNeeds {
    /// Read the team section's rep id and tie-break key (a team call).
    pub member: bool,
    /// Keep the indicator, adjustment and points behaviour lines and the distance to the next
    /// grade.
    pub detail: bool,
}

/// The weighted indicators: their sum, and with detail each line and what it measured.
struct Weighed<'a> {
    base: Decimal,
    lines: Vec<IndicatorLine>,
    parts: Vec<(&'a Indicator, Decimal, Measured)>,
}

impl Weighed<'_> {
    /// The shown base minus the sum of the shown lines, when they differ (by rounding).
    fn rounding_difference(&self, shown_base: Decimal) -> Option<Dec> {
        let sum = checked_sum(self.lines.iter().map(|l| l.weighted.0))?;
        shown_base.sub_checked(sum).filter(|d| !d.is_zero()).map(|d| Dec(d.normalize()))
    }
}

/// The total after the vetoes, the grade they cap it to, whether any was triggered, the lines.
struct Vetoed {
    total: Decimal,
    grade_cap: Option<usize>,
    any: bool,
    lines: Vec<VetoLine>,
}

/// `num ÷ den` as points, unless `ratio` (the same quotient without × 100) was clamped to
/// `floor`/`cap`: the points and, when unclamped, the fraction they came from.
fn ratio_points(
    num: Decimal,
    den: Decimal,
    ratio: Decimal,
    floor: Decimal,
    cap: Option<Decimal>,
) -> Result<(Decimal, Option<(Decimal, Decimal)>)> {
    let clamped = clamp(ratio, floor, cap);
    if clamped != ratio {
        return Ok((mul(clamped, Decimal::ONE_HUNDRED)?, None));
    }
    let num = mul(num, Decimal::ONE_HUNDRED)?;
    Ok((divide(num, den)?, Some((num, den))))
}

/// Points out of 100 for one indicator.
pub(super) fn measure(ind: &Indicator, cx: &Context<'_>) -> Result<Measured> {
    let target = ind.target.as_ref().map(|t| cx.number(t)).transpose()?;
    if let Method::PassFail { points } = &ind.def.method {
        let passed = cx.condition(&ind.actual)?;
        let basis = if passed { Decimal::ONE } else { Decimal::ZERO };
        let points = if passed { points.0 } else { Decimal::ZERO };
        return Ok(Measured { actual: basis, target, basis, points, fraction: None, bounds: ArrayVec::new() });
    }
    let actual = cx.number(&ind.actual)?;
    let mut bounds = ArrayVec::new();
    for b in &ind.bounds {
        bounds.try_push(cx.number(b)?).map_err(|_| bad(ind, Phrase::AtMostTwoBounds))?;
    }
    let Points { basis, points, fraction } = by_method(ind, actual, target, &bounds)?;
    Ok(Measured { actual, target, basis, points, fraction, bounds })
}

/// What an indicator's method makes of its actual: the value the bands or ratio were taken on,
/// the points, and the fraction they came from (when they came from a division).
struct Points {
    basis: Decimal,
    points: Decimal,
    fraction: Option<(Decimal, Decimal)>,
}

/// `INVALID_ARGUMENT` for an indicator whose bounds do not fit its method.
fn bad(ind: &Indicator, why: Phrase) -> Error {
    Error::new(ErrorCode::InvalidArgument)
        .name(ind.def.id.as_str())
        .expected(why)
        .path(Origin::Plan, ind.actual.path.clone())
}

/// `actual ÷ target` between `floor` and `cap`. A zero target: anything above it is the best
/// possible, nothing is the floor.
fn ratio_of(actual: Decimal, target: Decimal, floor: Decimal, cap: Option<Decimal>) -> Result<Decimal> {
    if target.is_zero() {
        return Ok(if actual > Decimal::ZERO { cap.unwrap_or(Decimal::ONE) } else { floor });
    }
    Ok(clamp(divide(actual, target)?, floor, cap))
}

/// The points of a measured (not pass/fail) indicator, by its method.
fn by_method(ind: &Indicator, actual: Decimal, target: Option<Decimal>, bounds: &[Decimal]) -> Result<Points> {
    let plain = |basis: Decimal, points: Decimal| Points { basis, points, fraction: None };
    match &ind.def.method {
        Method::Ratio { floor, cap } => {
            let (floor, cap, t) = (floor.0, cap.map(|c| c.0), target.unwrap_or_default());
            let basis = ratio_of(actual, t, floor, cap)?;
            if t.is_zero() {
                return Ok(plain(basis, mul(basis, Decimal::ONE_HUNDRED)?));
            }
            let (points, fraction) = ratio_points(actual, t, divide(actual, t)?, floor, cap)?;
            Ok(Points { basis, points, fraction })
        }
        Method::Linear { min_points, max_points, .. } => linear(ind, actual, bounds, min_points.0, max_points.0),
        Method::Steps { on, bands } => {
            let basis = match on {
                StepBasis::Actual => actual,
                StepBasis::Attainment => ratio_of(actual, target.unwrap_or_default(), Decimal::ZERO, None)?,
            };
            let points = bands.iter().rev().find(|b| basis >= b.from.0).map_or(Decimal::ZERO, |b| b.points.0);
            Ok(plain(basis, points))
        }
        Method::LowerIsBetter { floor, cap, .. } => {
            let base = bounds.first().copied().unwrap_or_default();
            let t = target.unwrap_or_default();
            if base == t {
                return Err(bad(ind, Phrase::BaseDiffersFromTarget));
            }
            let (num, den) = (sub(base, actual)?, sub(base, t)?);
            let raw = divide(num, den)?;
            let (points, fraction) = ratio_points(num, den, raw, floor.0, cap.map(|c| c.0))?;
            Ok(Points { basis: clamp(raw, floor.0, cap.map(|c| c.0)), points, fraction })
        }
        Method::Rating { map } => {
            let points = map.iter().find(|r| r.rating.0 == actual).map(|r| r.points.0).ok_or_else(|| {
                Error::new(ErrorCode::InvalidValue)
                    .name(ind.def.id.as_str())
                    .expected(Text::value(
                        map.iter().map(|r| r.rating.0.normalize().to_string()).collect::<Vec<_>>().join(", "),
                    ))
                    .found(actual.normalize().to_string())
                    .path(Origin::Plan, ind.actual.path.clone())
            })?;
            Ok(plain(actual, points))
        }
        Method::PassFail { .. } => Ok(plain(actual, Decimal::ZERO)),
    }
}

/// Linear: the minimum points at or below the threshold, the maximum at or above the stretch,
/// in between `min + (actual − t) ÷ (s − t) × (max − min)`, as one fraction.
fn linear(ind: &Indicator, actual: Decimal, bounds: &[Decimal], min: Decimal, max: Decimal) -> Result<Points> {
    let [t, s] = bounds else { return Err(bad(ind, Phrase::ThresholdAndStretch)) };
    if s <= t {
        return Err(bad(ind, Phrase::StretchAboveThreshold));
    }
    if actual <= *t {
        return Ok(Points { basis: actual, points: min, fraction: None });
    }
    if actual >= *s {
        return Ok(Points { basis: actual, points: max, fraction: None });
    }
    let den = sub(*s, *t)?;
    let num = add(mul(min, den)?, mul(sub(actual, *t)?, sub(max, min)?)?)?;
    Ok(Points { basis: actual, points: divide(num, den)?, fraction: Some((num, den)) })
}

impl Scorecard {
    /// The profile that applies (its place and itself), and its weights (and phase).
    pub(super) fn choose<'a>(
        &'a self,
        cx: &Context<'_>,
    ) -> Result<(usize, &'a Profile, Option<&'a Name>, &'a Weights)> {
        for (k, p) in self.profiles.iter().enumerate() {
            let applies = match &p.when {
                Some(w) => cx.condition(w)?,
                None => true,
            };
            if !applies {
                continue;
            }
            for (id, when, weights) in &p.phases {
                if cx.condition(when)? {
                    return Ok((k, p, Some(id), weights));
                }
            }
            return Ok((k, p, None, &p.weights));
        }
        Err(Error::new(ErrorCode::NoMatch).name("profiles").path(Origin::Plan, "/scorecard/profiles"))
    }

    /// Scores one rep reading formulas from `scope`; `rounding` is the plan's score rounding.
    /// With `member`, also reads the team section's id and tie-break key.
    pub fn score(&self, scope: &dyn Scope, rounding: Rounding, member: bool) -> Result<ScoreResult> {
        self.score_with(scope, rounding, ScoreNeeds { member, detail: true })
    }

    /// [`Scorecard::score`] keeping what `needs` asks for: without `detail`, the indicator,
    /// adjustment and points behaviour lines and the distance to the next grade are left empty,
    /// for callers that read only the profile, phase, totals, grade, gates, vetoes and member (a
    /// team ranking, a comparison of two plans, a result of totals). Every value filled in is the
    /// same as with `detail`.
    ///
    /// The steps, in the documented order: profile and phase, weighted indicators,
    /// adjustments, blend, gates, vetoes, grade.
    pub fn score_with(&self, scope: &dyn Scope, rounding: Rounding, needs: ScoreNeeds) -> Result<ScoreResult> {
        let detail = needs.detail;
        let cx = Context { ev: Evaluator::new(scope) };
        let (at, profile, phase, weights) = self.choose(&cx)?;
        let weighed = self.weigh(&cx, weights, rounding, detail)?;
        let (individual, adjustments) = self.adjust(&cx, weighed.base, detail)?;
        let (blended, team) = self.blend(&cx, individual)?;
        let (total, gates) = self.gate(&cx, blended)?;
        let vetoed = self.veto(&cx, total)?;
        let total = vetoed.total;
        let shown = rounding.apply(total);
        let shown_base = rounding.apply(weighed.base);
        let rounding_difference = weighed.rounding_difference(shown_base).filter(|_| detail);
        let mut grade_index = self.grade_of(shown)?;
        if let Some(cap) = vetoed.grade_cap.filter(|c| *c > grade_index) {
            grade_index = cap;
        }
        let grade = self.grades.get(grade_index).ok_or_else(|| Error::new(ErrorCode::NoMatch))?;
        let member = match self.team.as_ref().filter(|_| needs.member) {
            Some(team) => Some(member_of(team, &cx, shown, vetoed.any, at)?),
            None => None,
        };
        let points = self.points.as_ref().map(|p| p.award(&cx, grade_index, vetoed.any, detail)).transpose()?;
        let next_grade = if detail {
            let state = ScoreState { total, grade_index, grade_cap: vetoed.grade_cap, scale: rounding.scale };
            super::distance::to_next_grade(self, &weighed.parts, &gates, &vetoed.lines, state)?
        } else {
            None
        };
        Ok(ScoreResult {
            profile: profile.id.clone(),
            phase: phase.cloned(),
            indicators: weighed.lines,
            base: Dec(shown_base),
            rounding_difference,
            adjustments,
            individual: Dec(rounding.apply(individual)),
            team: team.map(Dec),
            gates,
            vetoes: vetoed.lines,
            total: Dec(shown),
            exact_total: Dec(total.normalize()),
            grade: self.line_names.grades.get(grade_index).cloned().unwrap_or_else(|| Name::from(&grade.grade)),
            coefficient: grade.coefficient,
            next_grade,
            points,
            member,
            text: None,
        })
    }

    /// Each weighted indicator's points, and their sum (the base); the lines only with `detail`.
    fn weigh<'a>(
        &'a self,
        cx: &Context<'_>,
        weights: &Weights,
        rounding: Rounding,
        detail: bool,
    ) -> Result<Weighed<'a>> {
        let cap = if detail { weights.len() } else { 0 };
        let mut out = Weighed { base: Decimal::ZERO, lines: Vec::with_capacity(cap), parts: Vec::with_capacity(cap) };
        for &(i, weight) in weights {
            let Some(ind) = self.indicators.get(i) else { continue };
            let m = measure(ind, cx)?;
            let weighted = m.weighted(weight)?;
            out.base = add(out.base, weighted)?;
            if detail {
                out.lines.push(IndicatorLine::new(ind, &m, weight, weighted, rounding));
                out.parts.push((ind, weight, m));
            }
        }
        Ok(out)
    }

    /// The base plus each adjustment clamped to its bounds: the individual total, and the
    /// lines only with `detail`.
    fn adjust(&self, cx: &Context<'_>, base: Decimal, detail: bool) -> Result<(Decimal, Vec<AdjustmentLine>)> {
        let mut total = base;
        let mut lines = Vec::with_capacity(if detail { self.adjustments.len() } else { 0 });
        for ((def, expr), id) in self.adjustments.iter().zip(&self.line_names.adjustments) {
            let raw = cx.number(expr)?;
            let applied = raw.max(def.min.0).min(def.max.0);
            total = add(total, applied)?;
            if detail {
                lines.push(AdjustmentLine {
                    id: id.clone(),
                    raw: Dec(raw),
                    applied: Dec(applied),
                    capped: raw != applied,
                });
            }
        }
        Ok((total, lines))
    }

    /// The individual total blended with the team's score, when the scorecard blends: the
    /// blended total and the team score.
    fn blend(&self, cx: &Context<'_>, individual: Decimal) -> Result<(Decimal, Option<Decimal>)> {
        let Some((def, team)) = &self.blend else { return Ok((individual, None)) };
        let t = cx.number(team)?;
        let blended = add(mul(individual, def.individual_weight.0)?, mul(t, def.team_weight.0)?)?;
        Ok((divide(blended, Decimal::ONE_HUNDRED)?, Some(t)))
    }

    /// The total after every closed gate's cap, and the gates' lines.
    fn gate(&self, cx: &Context<'_>, mut total: Decimal) -> Result<(Decimal, Vec<GateLine>)> {
        let mut gates = Vec::with_capacity(self.gates.len());
        for ((def, when), id) in self.gates.iter().zip(&self.line_names.gates) {
            let closed = cx.condition(when)?;
            let capped = closed && total > def.cap.0;
            if capped {
                total = def.cap.0;
            }
            gates.push(GateLine { id: id.clone(), closed, cap: def.cap, capped });
        }
        Ok((total, gates))
    }

    /// The vetoes (一票否决): the total after them, the grade they cap, their lines.
    fn veto(&self, cx: &Context<'_>, mut total: Decimal) -> Result<Vetoed> {
        let mut lines = Vec::with_capacity(self.vetoes.len());
        let mut grade_cap: Option<usize> = None;
        let mut any = false;
        let names = self.line_names.vetoes.iter().zip(&self.line_names.veto_grades);
        for ((def, when), (id, grade)) in self.vetoes.iter().zip(names) {
            let triggered = cx.condition(when)?;
            any |= triggered;
            if triggered {
                match def.effect {
                    VetoEffect::Zero => total = Decimal::ZERO,
                    VetoEffect::CapGrade => {
                        let idx = self.grades.iter().position(|g| Some(&g.grade) == def.grade.as_ref());
                        grade_cap = grade_cap.max(idx);
                    }
                }
            }
            lines.push(VetoLine { id: id.clone(), triggered, effect: def.effect, grade: grade.clone() });
        }
        Ok(Vetoed { total, grade_cap, any, lines })
    }

    /// The band a (rounded) total falls in.
    pub(super) fn grade_of(&self, total: Decimal) -> Result<usize> {
        self.grades
            .iter()
            .position(|g| g.from.is_none_or(|f| total >= f.0) && g.to.is_none_or(|t| total < t.0))
            .ok_or_else(|| {
                Error::new(ErrorCode::NoMatch)
                    .name("grades")
                    .found(total.normalize().to_string())
                    .path(Origin::Plan, "/scorecard/grades")
            })
    }
}

/// The rep's id, tie-break key, group and aggregate values; `total` is the rounded total,
/// `vetoed` whether a veto was triggered.
fn member_of(team: &Team, cx: &Context<'_>, total: Decimal, vetoed: bool, profile: usize) -> Result<Member> {
    let text = |e: &Expr| e.name(&cx.ev);
    let id = text(&team.id)?;
    let tie_break = team.tie_break.as_ref().map(|(by, _)| cx.number(by)).transpose()?;
    let group = team.group.as_ref().map(text).transpose()?;
    let name = team.name.as_ref().map(text).transpose()?;
    let mut values = Vec::with_capacity(team.aggregates.len());
    for (def, of) in &team.aggregates {
        let value = match (def.function, of) {
            (AggregateFn::Count, Some(cond)) => Decimal::from(u8::from(cx.condition(cond)?)),
            (AggregateFn::Count, None) => Decimal::ONE,
            (_, Some(e)) => cx.number(e)?,
            (_, None) => total,
        };
        values.push(value);
    }
    Ok(Member { id, name, tie_break, group, values, profile, vetoed })
}

impl IndicatorLine {
    pub(super) fn new(ind: &Indicator, m: &Measured, weight: Decimal, weighted: Decimal, r: Rounding) -> Self {
        IndicatorLine {
            id: ind.name.clone(),
            category: ind.def.category,
            method: super::method_name(&ind.def.method),
            actual: Dec(m.actual.normalize()),
            target: m.target.map(|t| Dec(t.normalize())),
            basis: Dec(m.basis.normalize()),
            points: Dec(r.apply(m.points)),
            weight: Dec(weight.normalize()),
            weighted: Dec(r.apply(weighted)),
            inputs: Vec::new(),
            text: None,
            bounds: m.bounds.to_vec(),
        }
    }
}
