//! Points and experience (经验值): each behaviour earns points per occurrence up to its cap for
//! the period; experience is what was carried in plus this period's points; the level is the
//! highest one whose threshold the experience reaches; badges are earned by condition and grade.

use super::document::{GradeDef, PointsDef};
use super::measured::Context;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::checked;
use crate::base::error::{child, closest, item, Error, ErrorCode, Origin, Phrase, Result};
use crate::base::locale::Locale;
use crate::base::name::Name;
use crate::base::number::Dec;
use crate::formula::expr::{formula, Expr};
use crate::formula::parser::Resolver;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write;

/// A compiled behaviour.
#[derive(Clone, Debug)]
pub struct Behaviour {
    /// Its id, shared by the result lines that name it.
    id: Name,
    count: Expr,
    points: Decimal,
    cap: Option<Decimal>,
}

/// A compiled badge.
#[derive(Clone, Debug)]
pub struct Badge {
    id: Name,
    when: Option<Expr>,
    /// Index of the lowest grade that earns it (grades are best first).
    min_grade: Option<usize>,
}

/// The compiled points section.
#[derive(Clone, Debug)]
pub struct Points {
    behaviours: Vec<Behaviour>,
    carried: Option<Expr>,
    /// Level names and thresholds, rising.
    levels: Vec<(Name, Decimal)>,
    badges: Vec<Badge>,
}

/// An error at `parent` + `key` unless `value` ≥ 0 (its path is written only then).
fn not_negative(value: Decimal, parent: &str, key: &str, name: &str) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(invalid(ErrorCode::InvalidValue, child(parent, key))
            .name(name)
            .expected(Phrase::AtLeastZero)
            .found(value.to_string()));
    }
    Ok(())
}

impl Points {
    /// Validates the section at `path` and parses its formulas.
    pub(super) fn compile(def: &PointsDef, grades: &[GradeDef], path: &str, names: &mut impl Resolver) -> Result<Self> {
        let mut behaviours = Vec::with_capacity(def.behaviours.len());
        for (i, b) in def.behaviours.iter().enumerate() {
            let bpath = item(path, "/behaviours/", i);
            if def.behaviours.iter().take(i).any(|x| x.id == b.id) {
                return Err(invalid(ErrorCode::DuplicateId, child(&bpath, "/id")).name(b.id.as_str()));
            }
            not_negative(b.points.0, &bpath, "/points", "points")?;
            if let Some(cap) = b.cap {
                not_negative(cap.0, &bpath, "/cap", "cap")?;
            }
            let count = formula(&b.count, child(&bpath, "/count"), names)?;
            behaviours.push(Behaviour { id: Name::from(&b.id), count, points: b.points.0, cap: b.cap.map(|c| c.0) });
        }
        let carried = def.carried.as_deref().map(|c| formula(c, child(path, "/carried"), names)).transpose()?;
        let mut levels: Vec<(Name, Decimal)> = Vec::with_capacity(def.levels.len());
        for (i, l) in def.levels.iter().enumerate() {
            // Written only for an error.
            let lpath = || item(path, "/levels/", i);
            if levels.iter().any(|(name, _)| *name == l.level) {
                return Err(invalid(ErrorCode::DuplicateId, child(&lpath(), "/level")).name(l.level.as_str()));
            }
            let rises = levels.last().is_none_or(|(_, from)| l.from.0 > *from);
            let starts_at_zero = i != 0 || l.from.0.is_zero();
            if !rises || !starts_at_zero {
                let expected = if starts_at_zero { Phrase::ThresholdsRising } else { Phrase::FirstLevelFromZero };
                return Err(invalid(ErrorCode::InvalidValue, child(&lpath(), "/from"))
                    .name(l.level.as_str())
                    .expected(expected)
                    .found(l.from.0.normalize().to_string()));
            }
            levels.push((Name::from(&l.level), l.from.0));
        }
        let mut badges = Vec::with_capacity(def.badges.len());
        for (i, b) in def.badges.iter().enumerate() {
            let bpath = item(path, "/badges/", i);
            if def.badges.iter().take(i).any(|x| x.id == b.id) {
                return Err(invalid(ErrorCode::DuplicateId, child(&bpath, "/id")).name(b.id.as_str()));
            }
            if b.when.is_none() && b.min_grade.is_none() {
                return Err(invalid(ErrorCode::MissingKey, bpath).name("when"));
            }
            let min_grade = match &b.min_grade {
                Some(g) => Some(grades.iter().position(|x| x.grade == *g).ok_or_else(|| {
                    invalid(ErrorCode::UnknownIndicator, child(&bpath, "/minGrade"))
                        .name(g.as_str())
                        .expected(Phrase::Grade)
                        .suggest(closest(g, grades.iter().map(|x| x.grade.as_str())))
                })?),
                None => None,
            };
            let when = b.when.as_deref().map(|w| formula(w, child(&bpath, "/when"), names)).transpose()?;
            badges.push(Badge { id: Name::from(&b.id), when, min_grade });
        }
        Ok(Points { behaviours, carried, levels, badges })
    }

    /// Every formula of the section (behaviour counts, the carried experience, badge
    /// conditions), for plan diagnostics.
    pub(crate) fn formulas(&self) -> impl Iterator<Item = &Expr> {
        let counts = self.behaviours.iter().map(|b| &b.count);
        counts.chain(self.carried.as_ref()).chain(self.badges.iter().filter_map(|b| b.when.as_ref()))
    }

    /// This period's points, experience, level and badges; `grade_index` is the rep's grade
    /// (best first). A rep with a triggered veto (`vetoed`) earns points but no badges.
    /// The points of one rep; the behaviour lines only with `detail`.
    pub(super) fn award(
        &self,
        cx: &Context<'_>,
        grade_index: usize,
        vetoed: bool,
        detail: bool,
    ) -> Result<PointsResult> {
        let mut lines = Vec::with_capacity(if detail { self.behaviours.len() } else { 0 });
        let mut period = Decimal::ZERO;
        for b in &self.behaviours {
            let count = cx.number(&b.count)?;
            if count.is_sign_negative() && !count.is_zero() {
                return Err(Error::new(ErrorCode::InvalidValue)
                    .name(b.id.as_str())
                    .expected(Phrase::ACountAtLeastZero)
                    .found(count.normalize().to_string())
                    .path(Origin::Plan, b.count.path.clone()));
            }
            let raw = checked(count.mul_checked(b.points))?;
            let earned = b.cap.map_or(raw, |c| raw.min(c));
            period = checked(period.add_checked(earned))?;
            if !detail {
                continue;
            }
            lines.push(BehaviourLine {
                id: b.id.clone(),
                count: Dec(count.normalize()),
                each: Dec(b.points.normalize()),
                raw: Dec(raw.normalize()),
                points: Dec(earned.normalize()),
                capped: earned != raw,
            });
        }
        let carried = match &self.carried {
            Some(c) => {
                let v = cx.number(c)?;
                if v.is_sign_negative() && !v.is_zero() {
                    return Err(Error::new(ErrorCode::InvalidValue)
                        .name("carried")
                        .expected(Phrase::AtLeastZero)
                        .found(v.normalize().to_string())
                        .path(Origin::Plan, c.path.clone()));
                }
                v
            }
            None => Decimal::ZERO,
        };
        let experience = checked(carried.add_checked(period))?;
        let reached = self.levels.iter().rposition(|(_, from)| experience >= *from);
        let level = reached.and_then(|i| self.levels.get(i)).map(|(name, _)| name.clone());
        let next_level = self.levels.get(reached.map_or(0, |i| i.saturating_add(1))).map(|(name, from)| NextLevel {
            level: name.clone(),
            needed: Dec(from.saturating_sub(experience).normalize()),
        });
        let mut badges = Vec::new();
        for b in self.badges.iter().filter(|_| !vetoed) {
            let grade_ok = b.min_grade.is_none_or(|min| grade_index <= min);
            let earned = grade_ok
                && match &b.when {
                    Some(w) => cx.condition(w)?,
                    None => true,
                };
            if earned {
                badges.push(b.id.clone());
            }
        }
        Ok(PointsResult {
            behaviours: lines,
            period: Dec(period.normalize()),
            carried: Dec(carried.normalize()),
            experience: Dec(experience.normalize()),
            level,
            next_level,
            badges,
            text: None,
        })
    }
}

/// One behaviour's points this period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BehaviourLine {
    /// Behaviour id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// How many times it happened.
    pub count: Dec,
    /// Points per occurrence.
    pub each: Dec,
    /// count × each.
    pub raw: Dec,
    /// Points earned (after the period's cap).
    pub points: Dec,
    /// Whether the cap cut it.
    pub capped: bool,
}

/// The next level and the experience still needed for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NextLevel {
    /// The level.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub level: Name,
    /// Experience still needed.
    pub needed: Dec,
}

/// Points, experience, level and badges of one rep for the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PointsResult {
    /// One line per behaviour.
    pub behaviours: Vec<BehaviourLine>,
    /// This period's points.
    pub period: Dec,
    /// Experience carried in.
    pub carried: Dec,
    /// carried + period.
    pub experience: Dec,
    /// The level reached (none when the plan has no levels).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub level: Option<Name>,
    /// The next level (none at the top level).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub next_level: Option<NextLevel>,
    /// Badges earned, in plan order.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub badges: Vec<Name>,
    /// The points as a sentence (with `explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
}

impl PointsResult {
    /// Fills in the sentence.
    pub fn explain(&mut self, locale: Locale) {
        let mut t = String::from(if locale == Locale::ZhCn { "经验值：" } else { "Points: " });
        for (i, b) in self.behaviours.iter().enumerate() {
            if i > 0 {
                t.push_str(if locale == Locale::ZhCn { "；" } else { "; " });
            }
            let (count, each, raw, points) =
                (b.count.0.to_string(), b.each.0.to_string(), b.raw.0.to_string(), b.points.0.to_string());
            let _ = match (locale, b.capped) {
                (Locale::ZhCn, false) => write!(t, "{} {count} 次 × {each} = {points}", b.id),
                (Locale::ZhCn, true) => write!(t, "{} {count} 次 × {each} = {raw}，本期上限 {points}", b.id),
                (Locale::En, false) => write!(t, "{} {count} × {each} = {points}", b.id),
                (Locale::En, true) => write!(t, "{} {count} × {each} = {raw}, capped at {points} this period", b.id),
            };
        }
        let (period, carried, experience) =
            (self.period.0.to_string(), self.carried.0.to_string(), self.experience.0.to_string());
        let _ = if locale == Locale::ZhCn {
            write!(t, "。本期 {period} 分，累计 {carried} + {period} = {experience}")
        } else {
            write!(t, ". This period {period}; experience {carried} + {period} = {experience}")
        };
        if let Some(level) = &self.level {
            let _ = if locale == Locale::ZhCn { write!(t, "，等级 {level}") } else { write!(t, ", level {level}") };
        }
        if let Some(next) = &self.next_level {
            let _ = if locale == Locale::ZhCn {
                write!(t, "，距 {} 还差 {}", next.level, next.needed.0)
            } else {
                write!(t, ", {} more to {}", next.needed.0, next.level)
            };
        }
        t.push_str(if locale == Locale::ZhCn { "。" } else { "." });
        if !self.badges.is_empty() {
            let _ = if locale == Locale::ZhCn {
                write!(t, "徽章：{}。", self.badges.join("、"))
            } else {
                write!(t, " Badges: {}.", self.badges.join(", "))
            };
        }
        self.text = Some(t);
    }
}

fn invalid(code: ErrorCode, path: String) -> Error {
    Error::new(code).path(Origin::Plan, path)
}
