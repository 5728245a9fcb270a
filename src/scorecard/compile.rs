//! Validates a scorecard section and parses its formulas once.

use super::document::*;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::overflow;
use crate::base::error::{child, closest, item, Error, ErrorCode, Origin, Phrase, Result};
use crate::base::name::Name;
use crate::formula::parser::Resolver;
use rust_decimal::Decimal;

pub use crate::formula::expr::{formula, Expr};

/// A compiled indicator.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// Its definition.
    pub def: IndicatorDef,
    /// Its id, shared by the result lines that name it.
    pub name: Name,
    /// Actual.
    pub actual: Expr,
    /// Target.
    pub target: Option<Expr>,
    /// Linear threshold/stretch or lower-is-better base.
    pub bounds: Vec<Expr>,
    /// Slots its formulas read, distinct, in order of first use (for the explanation).
    pub reads: Vec<usize>,
}

/// Weights by indicator index.
pub type Weights = Vec<(usize, Decimal)>;

/// A compiled profile.
#[derive(Clone, Debug)]
pub struct Profile {
    /// Id.
    pub id: Name,
    /// Condition.
    pub when: Option<Expr>,
    /// Base weights.
    pub weights: Weights,
    /// Phases: id, condition, weights.
    pub phases: Vec<(Name, Expr, Weights)>,
}

/// A compiled scorecard.
#[derive(Clone, Debug)]
pub struct Scorecard {
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Profiles.
    pub profiles: Vec<Profile>,
    /// Adjustments and their formulas.
    pub adjustments: Vec<(AdjustmentDef, Expr)>,
    /// Gates and their conditions.
    pub gates: Vec<(GateDef, Expr)>,
    /// Vetoes and their conditions.
    pub vetoes: Vec<(VetoDef, Expr)>,
    /// Blend and its team formula.
    pub blend: Option<(BlendDef, Expr)>,
    /// Grade bands, best first.
    pub grades: Vec<GradeDef>,
    /// Team evaluation, when configured.
    pub team: Option<Team>,
    /// Points, levels and badges, when configured.
    pub points: Option<super::points::Points>,
    /// The adjustments', gates' and vetoes' ids and the grades, shared by the results that name them.
    pub(crate) line_names: LineNames,
}

/// The ids of a scorecard's adjustments, gates and vetoes, and its grades, in their order.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineNames {
    pub(crate) adjustments: Vec<Name>,
    pub(crate) gates: Vec<Name>,
    pub(crate) vetoes: Vec<Name>,
    pub(crate) grades: Vec<Name>,
    /// Each veto's grade cap, for `capGrade`.
    pub(crate) veto_grades: Vec<Option<Name>>,
}

/// A compiled team section.
#[derive(Clone, Debug)]
pub struct Team {
    /// The rep id formula.
    pub id: Expr,
    /// The tie-break key and whether lower wins.
    pub tie_break: Option<(Expr, bool)>,
    /// The group formula.
    pub group: Option<Expr>,
    /// The display name formula.
    pub name: Option<Expr>,
    /// Aggregates and their per-rep formulas (none: the total).
    pub aggregates: Vec<(AggregateDef, Option<Expr>)>,
    /// Contests: id, the two groups, the aggregate's index, whether lower wins.
    pub pk: Vec<Contest>,
    /// The leaderboard.
    pub leaderboard: Option<LeaderboardDef>,
}

/// A compiled group-vs-group contest.
#[derive(Clone, Debug)]
pub struct Contest {
    /// Id.
    pub id: String,
    /// The two groups.
    pub groups: [String; 2],
    /// Index of the aggregate compared.
    pub by: usize,
    /// Whether the lower value wins.
    pub lower_is_better: bool,
}

pub(super) fn invalid(code: ErrorCode, path: String) -> Error {
    Error::new(code).path(Origin::Plan, path)
}

const BASE: &str = "/scorecard";

impl Scorecard {
    /// The slots indicator `id`'s formulas read.
    pub fn reads_of(&self, id: &str) -> &[usize] {
        self.indicators.iter().find(|i| i.def.id == id).map_or(&[], |i| i.reads.as_slice())
    }

    /// Every formula of the section with its plan path, for plan diagnostics (which fields a
    /// plan reads).
    pub(crate) fn formulas(&self) -> Vec<&Expr> {
        let mut all: Vec<&Expr> = Vec::new();
        for ind in &self.indicators {
            all.push(&ind.actual);
            all.extend(ind.target.as_ref());
            all.extend(&ind.bounds);
        }
        for p in &self.profiles {
            all.extend(p.when.as_ref());
            all.extend(p.phases.iter().map(|(_, when, _)| when));
        }
        all.extend(self.adjustments.iter().map(|(_, e)| e));
        all.extend(self.gates.iter().map(|(_, e)| e));
        all.extend(self.vetoes.iter().map(|(_, e)| e));
        all.extend(self.blend.as_ref().map(|(_, e)| e));
        if let Some(team) = &self.team {
            all.push(&team.id);
            all.extend(team.tie_break.as_ref().map(|(e, _)| e));
            all.extend(team.group.as_ref());
            all.extend(team.name.as_ref());
            all.extend(team.aggregates.iter().filter_map(|(_, e)| e.as_ref()));
        }
        all.extend(self.points.iter().flat_map(|p| p.formulas()));
        all
    }

    /// Compiles the section; `names` resolves field and metric names.
    pub fn compile(def: &ScorecardDef, names: &mut impl Resolver) -> Result<Scorecard> {
        for (key, len) in
            [("indicators", def.indicators.len()), ("profiles", def.profiles.len()), ("grades", def.grades.len())]
        {
            if len == 0 {
                return Err(invalid(ErrorCode::InvalidValue, format!("{BASE}/{key}"))
                    .name(key)
                    .expected(Phrase::AtLeastOne));
            }
        }
        let indicators = compile_indicators(&def.indicators, names)?;
        let profiles = compile_profiles(def, names)?;
        let adjustments = compile_adjustments(&def.adjustments, names)?;
        let gates = def
            .gates
            .iter()
            .enumerate()
            .map(|(i, g)| Ok((g.clone(), formula(&g.when, child(&item(BASE, "/gates/", i), "/when"), names)?)))
            .collect::<Result<Vec<_>>>()?;
        let grades = compile_grades(&def.grades)?;
        let vetoes = compile_vetoes(&def.vetoes, &grades, names)?;
        let blend = match &def.blend {
            None => None,
            Some(b) => {
                let total = b.individual_weight.0.add_checked(b.team_weight.0);
                if total != Some(Decimal::ONE_HUNDRED) {
                    let found = total.map_or_else(|| "overflow".to_string(), |t| t.normalize().to_string());
                    return Err(invalid(ErrorCode::WeightsNot100, child(BASE, "/blend")).found(found));
                }
                Some((b.clone(), formula(&b.team, child(BASE, "/blend/team"), names)?))
            }
        };
        let points = def
            .points
            .as_ref()
            .map(|p| super::points::Points::compile(p, &grades, &child(BASE, "/points"), names))
            .transpose()?;
        let team = def.team.as_ref().map(|t| compile_team(t, &grades, points.is_some(), names)).transpose()?;
        let line_names = LineNames {
            adjustments: def.adjustments.iter().map(|a| Name::from(&a.id)).collect(),
            gates: def.gates.iter().map(|g| Name::from(&g.id)).collect(),
            vetoes: def.vetoes.iter().map(|v| Name::from(&v.id)).collect(),
            grades: grades.iter().map(|g| Name::from(&g.grade)).collect(),
            veto_grades: def.vetoes.iter().map(|v| v.grade.as_ref().map(Name::from)).collect(),
        };
        Ok(Scorecard { indicators, profiles, adjustments, gates, vetoes, blend, grades, team, points, line_names })
    }
}

/// The indicators, each id once.
fn compile_indicators(defs: &[IndicatorDef], names: &mut impl Resolver) -> Result<Vec<Indicator>> {
    let mut indicators: Vec<Indicator> = Vec::with_capacity(defs.len());
    for (i, ind) in defs.iter().enumerate() {
        let path = item(BASE, "/indicators/", i);
        if indicators.iter().any(|x| x.def.id == ind.id) {
            return Err(invalid(ErrorCode::DuplicateId, child(&path, "/id")).name(ind.id.as_str()));
        }
        indicators.push(compile_indicator(ind, &path, names)?);
    }
    Ok(indicators)
}

/// The profiles (each id once), their conditions, weights and phases.
fn compile_profiles(def: &ScorecardDef, names: &mut impl Resolver) -> Result<Vec<Profile>> {
    let ids: Vec<&str> = def.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut profiles = Vec::with_capacity(def.profiles.len());
    for (p, prof) in def.profiles.iter().enumerate() {
        let path = item(BASE, "/profiles/", p);
        if def.profiles.iter().take(p).any(|x| x.id == prof.id) {
            return Err(invalid(ErrorCode::DuplicateId, child(&path, "/id")).name(prof.id.as_str()));
        }
        let when = prof.when.as_deref().map(|w| formula(w, child(&path, "/when"), names)).transpose()?;
        let weights = compile_weights(&prof.weights, &ids, &child(&path, "/weights"))?;
        let mut phases = Vec::with_capacity(prof.phases.len());
        for (k, phase) in prof.phases.iter().enumerate() {
            let ppath = item(&path, "/phases/", k);
            let cond = formula(&phase.when, child(&ppath, "/when"), names)?;
            phases.push((
                phase.id.as_str().into(),
                cond,
                compile_weights(&phase.weights, &ids, &child(&ppath, "/weights"))?,
            ));
        }
        profiles.push(Profile { id: prof.id.as_str().into(), when, weights, phases });
    }
    Ok(profiles)
}

/// The bonus and deduction items, each with bounds in order.
fn compile_adjustments(defs: &[AdjustmentDef], names: &mut impl Resolver) -> Result<Vec<(AdjustmentDef, Expr)>> {
    defs.iter()
        .enumerate()
        .map(|(i, a)| {
            let path = item(BASE, "/adjustments/", i);
            if a.min.0 > a.max.0 {
                return Err(invalid(ErrorCode::InvalidValue, child(&path, "/min"))
                    .name(a.id.as_str())
                    .expected(Phrase::MinNotAboveMax));
            }
            Ok((a.clone(), formula(&a.points, child(&path, "/points"), names)?))
        })
        .collect()
}

/// The vetoes; one that caps the grade names one of `grades`.
fn compile_vetoes(defs: &[VetoDef], grades: &[GradeDef], names: &mut impl Resolver) -> Result<Vec<(VetoDef, Expr)>> {
    defs.iter()
        .enumerate()
        .map(|(i, v)| {
            let path = item(BASE, "/vetoes/", i);
            if v.effect == VetoEffect::CapGrade {
                let grade =
                    v.grade.as_deref().ok_or_else(|| invalid(ErrorCode::MissingKey, path.clone()).name("grade"))?;
                if !grades.iter().any(|g| g.grade == grade) {
                    return Err(invalid(ErrorCode::UnknownIndicator, child(&path, "/grade"))
                        .name(grade)
                        .expected(Phrase::Grade)
                        .suggest(closest(grade, grades.iter().map(|g| g.grade.as_str()))));
                }
            }
            Ok((v.clone(), formula(&v.when, child(&path, "/when"), names)?))
        })
        .collect()
}

fn compile_indicator(ind: &IndicatorDef, path: &str, names: &mut impl Resolver) -> Result<Indicator> {
    let bad = |why: Phrase, key: &str| {
        invalid(ErrorCode::InvalidMethod, format!("{path}/{key}")).name(ind.id.as_str()).expected(why)
    };
    let actual = formula(&ind.actual, child(path, "/actual"), names)?;
    let target = ind.target.as_deref().map(|t| formula(t, child(path, "/target"), names)).transpose()?;
    let needs_target = match &ind.method {
        Method::Ratio { .. } | Method::LowerIsBetter { .. } => true,
        Method::Steps { on, .. } => *on == StepBasis::Attainment,
        _ => false,
    };
    if needs_target && target.is_none() {
        return Err(bad(Phrase::TargetNeeded, "target"));
    }
    let mut bounds = Vec::new();
    match &ind.method {
        Method::Ratio { floor, cap } | Method::LowerIsBetter { floor, cap, .. }
            if cap.is_some_and(|c| c.0 < floor.0) =>
        {
            return Err(bad(Phrase::CapNotBelowFloor, "method/cap"));
        }
        Method::Linear { threshold, stretch, .. } => {
            bounds.push(formula(threshold, child(path, "/method/threshold"), names)?);
            bounds.push(formula(stretch, child(path, "/method/stretch"), names)?);
        }
        Method::LowerIsBetter { base, .. } => bounds.push(formula(base, child(path, "/method/base"), names)?),
        Method::Steps { bands, .. }
            if bands.is_empty() || bands.windows(2).any(|w| matches!(w, [a, b] if a.from.0 >= b.from.0)) =>
        {
            return Err(bad(Phrase::BandsRiseStrictly, "method/bands"));
        }
        Method::Rating { map }
            if map
                .iter()
                .enumerate()
                .any(|(i, r)| map.iter().skip(i.saturating_add(1)).any(|q| q.rating == r.rating)) =>
        {
            return Err(bad(Phrase::RatingsUnique, "method/map"));
        }
        _ => {}
    }
    let mut reads = Vec::new();
    for e in std::iter::once(&actual).chain(target.as_ref()).chain(&bounds) {
        e.root.visit_refs(&mut |s| {
            if !reads.contains(&s) {
                reads.push(s);
            }
        });
    }
    Ok(Indicator { def: ind.clone(), name: Name::from(&ind.id), actual, target, bounds, reads })
}

fn compile_weights(weights: &[Weight], ids: &[&str], path: &str) -> Result<Weights> {
    let mut out = Vec::with_capacity(weights.len());
    let mut total = Decimal::ZERO;
    for (i, w) in weights.iter().enumerate() {
        let index = ids.iter().position(|id| *id == w.indicator).ok_or_else(|| {
            invalid(ErrorCode::UnknownIndicator, format!("{path}/{i}/indicator"))
                .name(w.indicator.as_str())
                .expected(Phrase::Indicator)
                .suggest(closest(&w.indicator, ids.iter().copied()))
        })?;
        if out.iter().any(|(x, _)| *x == index) {
            return Err(invalid(ErrorCode::DuplicateId, format!("{path}/{i}/indicator")).name(w.indicator.as_str()));
        }
        if w.weight.0.is_sign_negative() {
            return Err(invalid(ErrorCode::InvalidValue, format!("{path}/{i}/weight"))
                .name("weight")
                .expected(Phrase::AtLeastZero)
                .found(w.weight.0.to_string()));
        }
        total = total.add_checked(w.weight.0).ok_or_else(|| overflow().path(Origin::Plan, path.to_string()))?;
        out.push((index, w.weight.0));
    }
    if total != Decimal::ONE_HUNDRED {
        return Err(invalid(ErrorCode::WeightsNot100, path.to_string()).found(total.normalize().to_string()));
    }
    Ok(out)
}

/// Bands best first: each band's `from` must equal the next band's `to`.
fn compile_grades(grades: &[GradeDef]) -> Result<Vec<GradeDef>> {
    let last = grades.len().saturating_sub(1);
    for (i, g) in grades.iter().enumerate() {
        let path = item(BASE, "/grades/", i);
        if grades.iter().take(i).any(|x| x.grade == g.grade) {
            return Err(invalid(ErrorCode::DuplicateId, child(&path, "/grade")).name(g.grade.as_str()));
        }
        if g.to.is_none() && i != 0 {
            return Err(invalid(ErrorCode::InvalidValue, child(&path, "/to"))
                .name("to")
                .expected(Phrase::OnlyHighestBandOpen));
        }
        if g.from.is_none() && i != last {
            return Err(invalid(ErrorCode::InvalidValue, child(&path, "/from"))
                .name("from")
                .expected(Phrase::OnlyLowestBandOpen));
        }
        if let (Some(from), Some(to)) = (g.from, g.to) {
            if from.0 >= to.0 {
                return Err(invalid(ErrorCode::InvalidValue, child(&path, "/from"))
                    .name("from")
                    .expected(Phrase::FromBelowTo));
            }
        }
        if let (Some(from), Some(next)) = (g.from, grades.get(i.saturating_add(1))) {
            let next_to = next.to.map(|d| d.0);
            let below = || child(&path, "/from");
            match next_to {
                Some(t) if t < from.0 => {
                    return Err(invalid(ErrorCode::BandGap, below())
                        .name(g.grade.as_str())
                        .found(format!("[{t}, {})", from.0)))
                }
                Some(t) if t > from.0 => {
                    return Err(invalid(ErrorCode::BandOverlap, below())
                        .name(g.grade.as_str())
                        .found(format!("[{}, {t})", from.0)))
                }
                _ => {}
            }
        }
    }
    Ok(grades.to_vec())
}

fn compile_team(def: &TeamDef, grades: &[GradeDef], has_points: bool, names: &mut impl Resolver) -> Result<Team> {
    let path = child(BASE, "/team");
    let id = formula(&def.id, child(&path, "/id"), names)?;
    let tie_break = match &def.tie_break {
        Some(t) => Some((formula(&t.by, child(&path, "/tieBreak/by"), names)?, t.lower_first)),
        None => None,
    };
    let group = def.group.as_deref().map(|g| formula(g, child(&path, "/group"), names)).transpose()?;
    let name = def.name.as_deref().map(|n| formula(n, child(&path, "/name"), names)).transpose()?;
    let mut aggregates = Vec::with_capacity(def.aggregates.len());
    for (i, a) in def.aggregates.iter().enumerate() {
        let apath = item(&path, "/aggregates/", i);
        if def.aggregates.iter().take(i).any(|x| x.id == a.id) {
            return Err(invalid(ErrorCode::DuplicateId, child(&apath, "/id")).name(a.id.as_str()));
        }
        let of = a.of.as_deref().map(|f| formula(f, child(&apath, "/of"), names)).transpose()?;
        aggregates.push((a.clone(), of));
    }
    let mut pk = Vec::with_capacity(def.pk.len());
    for (i, c) in def.pk.iter().enumerate() {
        let cpath = item(&path, "/pk/", i);
        if def.pk.iter().take(i).any(|x| x.id == c.id) {
            return Err(invalid(ErrorCode::DuplicateId, child(&cpath, "/id")).name(c.id.as_str()));
        }
        if group.is_none() {
            return Err(invalid(ErrorCode::MissingKey, path.clone()).name("group"));
        }
        let [a, b] = &c.groups;
        if a == b {
            return Err(invalid(ErrorCode::InvalidValue, child(&cpath, "/groups"))
                .name(c.id.as_str())
                .expected(Phrase::TwoDifferentGroups)
                .found(a.as_str()));
        }
        let by = def.aggregates.iter().position(|x| x.id == c.by).ok_or_else(|| {
            invalid(ErrorCode::UnknownIndicator, child(&cpath, "/by"))
                .name(c.by.as_str())
                .expected(Phrase::Aggregate)
                .suggest(closest(&c.by, def.aggregates.iter().map(|x| x.id.as_str())))
        })?;
        pk.push(Contest { id: c.id.clone(), groups: c.groups.clone(), by, lower_is_better: c.lower_is_better });
    }
    if let Some(board) = &def.leaderboard {
        if board.by != LeaderboardBy::Total && !has_points {
            return Err(invalid(ErrorCode::MissingKey, child(BASE, "/points")).name("points"));
        }
    }
    let team = Team { id, tie_break, group, name, aggregates, pk, leaderboard: def.leaderboard.clone() };
    for (i, q) in def.distribution.iter().enumerate() {
        if grades.get(i).map(|g| g.grade.as_str()) != Some(q.grade.as_str()) {
            return Err(invalid(ErrorCode::UnknownIndicator, format!("{path}/distribution/{i}/grade"))
                .name(q.grade.as_str())
                .expected(Phrase::Grade)
                .suggest(grades.get(i).map(|g| g.grade.clone())));
        }
    }
    Ok(team)
}
