//! What a rep crossed between the two plans: a grade band, the forced grade, a veto, a scorecard
//! gate, a commission tier, a target bonus's gate, curve point or cap. Read from what both sides
//! already computed (the scores' gates and vetoes, the statements' slices and curve lines); the
//! plans' documents give the names and bounds.

use super::marks::{CurveMark, Marks, TierMark};
use crate::base::number::Dec;
use crate::incentive::section::ComponentDef;
use crate::incentive::TierBasis;
use crate::plan::Plan;
use crate::scorecard::ScoreResult;
use rust_decimal::Decimal;
use serde::Serialize;

/// One thing a rep crossed. `better` says whether the crossing is in the rep's favour (a higher
/// tier or grade, a gate passed, a veto no longer triggered, a higher curve point; a cap reached
/// or left when the bonus it caps pays more for it).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Crossing {
    /// The grade band (绩效等级) changed.
    Grade {
        /// Grade under the baseline.
        before: String,
        /// Grade under the draft.
        after: String,
        /// Whether the new grade is better.
        better: bool,
    },
    /// The grade after the forced distribution changed.
    ForcedGrade {
        /// Forced grade under the baseline.
        before: Option<String>,
        /// Forced grade under the draft.
        after: Option<String>,
        /// Whether the new grade is better.
        better: bool,
    },
    /// A veto (一票否决) is now triggered, or no longer.
    Veto {
        /// The veto.
        id: String,
        /// Triggered under the baseline.
        before: bool,
        /// Triggered under the draft.
        after: bool,
        /// True when it is no longer triggered.
        better: bool,
    },
    /// A scorecard gate now closes (capping the total), or no longer.
    ScoreGate {
        /// The gate.
        id: String,
        /// Closed under the baseline.
        before: bool,
        /// Closed under the draft.
        after: bool,
        /// True when it no longer closes.
        better: bool,
    },
    /// The highest tier a commission rule paid at changed (none: the rule paid nothing).
    Tier {
        /// The commission component.
        id: String,
        /// The rule.
        rule: String,
        /// The tier reached under the baseline.
        before: Option<TierStep>,
        /// The tier reached under the draft.
        after: Option<TierStep>,
        /// True when the tier is higher.
        better: bool,
    },
    /// A target bonus's gate is now passed, or no longer (a curve without a gate passes).
    Gate {
        /// The target bonus component.
        id: String,
        /// Passed under the baseline.
        before: bool,
        /// Passed under the draft.
        after: bool,
        /// True when it is now passed.
        better: bool,
    },
    /// The rep moved to another segment of the curve: the highest curve point at or below its
    /// attainment is another point (none: below the first point). Points are matched by their
    /// place on the curve.
    CurvePoint {
        /// The target bonus component.
        id: String,
        /// The point's attainment (percent) under the baseline.
        before: Option<Dec>,
        /// The point's attainment (percent) under the draft.
        after: Option<Dec>,
        /// True when the point is higher.
        better: bool,
    },
    /// A target bonus's cap now cuts the payout, or no longer.
    Cap {
        /// The target bonus component.
        id: String,
        /// Capped under the baseline.
        before: bool,
        /// Capped under the draft.
        after: bool,
        /// True when the bonus it caps pays more under the draft (a cap reached by a higher
        /// attainment), false when it pays less (a cap lowered below the rep's attainment).
        better: bool,
    },
}

/// A tier of a commission rule's table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TierStep {
    /// The tier's index in the table (0 is the first).
    pub tier: usize,
    /// Its lower bound.
    pub from: Dec,
    /// What the bound measures: the amount or attainment (percent).
    pub on: TierBasis,
}

/// One side of a rep, as the crossings read it.
#[derive(Clone, Copy)]
pub(super) struct Standing<'a> {
    pub(super) plan: &'a Plan,
    pub(super) score: Option<&'a ScoreResult>,
    pub(super) marks: Option<&'a Marks>,
    pub(super) forced_grade: Option<&'a str>,
}

/// Grades, best first: the baseline's, then those only the draft has.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct GradeOrder(pub(super) Vec<String>);

impl GradeOrder {
    /// The grades of both plans.
    pub(super) fn of(baseline: &Plan, draft: &Plan) -> GradeOrder {
        let mut grades: Vec<String> = Vec::new();
        for plan in [baseline, draft] {
            let Some(sc) = &plan.document().scorecard else { continue };
            for g in &sc.grades {
                if !grades.contains(&g.grade) {
                    grades.push(g.grade.clone());
                }
            }
        }
        GradeOrder(grades)
    }

    /// Grade `grade`'s place, from 0 for the best (past the last for a grade neither plan has).
    pub(super) fn place(&self, grade: &str) -> usize {
        self.0.iter().position(|x| x == grade).unwrap_or(self.0.len())
    }

    /// Whether `after` is a better grade than `before`.
    fn better(&self, before: Option<&str>, after: Option<&str>) -> bool {
        let at = |g: Option<&str>| g.map_or(usize::MAX, |g| self.place(g));
        at(after) < at(before)
    }
}

/// Everything rep crossed from `before` to `after`, in a fixed order: grade, forced grade,
/// vetoes, scorecard gates, then each component's tiers, gate, curve point and cap.
/// `pays_more(component id)`: whether that component pays the rep more under the draft.
pub(super) fn crossings(
    before: Standing<'_>,
    after: Standing<'_>,
    grades: &GradeOrder,
    pays_more: &dyn Fn(&str) -> bool,
) -> Vec<Crossing> {
    let mut out = Vec::new();
    if let (Some(b), Some(a)) = (before.score, after.score) {
        if b.grade != a.grade {
            let better = grades.better(Some(b.grade.as_str()), Some(a.grade.as_str()));
            out.push(Crossing::Grade { before: b.grade.to_string(), after: a.grade.to_string(), better });
        }
        if before.forced_grade != after.forced_grade {
            out.push(Crossing::ForcedGrade {
                before: before.forced_grade.map(str::to_string),
                after: after.forced_grade.map(str::to_string),
                better: grades.better(before.forced_grade, after.forced_grade),
            });
        }
        score_lines(b, a, &mut out);
    }
    if let (Some(b), Some(a)) = (before.marks, after.marks) {
        tiers(before.plan, b, after.plan, a, &mut out);
        curves(before.plan, b, after.plan, a, pays_more, &mut out);
    }
    out
}

/// Vetoes and gates whose state changed (one only a plan has counts as not triggered or open in
/// the other).
fn score_lines(b: &ScoreResult, a: &ScoreResult, out: &mut Vec<Crossing>) {
    let vetoes = union(b.vetoes.iter().map(|v| v.id.as_str()), a.vetoes.iter().map(|v| v.id.as_str()));
    for id in vetoes {
        let state = |s: &ScoreResult| s.vetoes.iter().any(|v| v.id == id && v.triggered);
        let (before, after) = (state(b), state(a));
        if before != after {
            out.push(Crossing::Veto { id: id.to_string(), before, after, better: before });
        }
    }
    let gates = union(b.gates.iter().map(|g| g.id.as_str()), a.gates.iter().map(|g| g.id.as_str()));
    for id in gates {
        let state = |s: &ScoreResult| s.gates.iter().any(|g| g.id == id && g.closed);
        let (before, after) = (state(b), state(a));
        if before != after {
            out.push(Crossing::ScoreGate { id: id.to_string(), before, after, better: before });
        }
    }
}

/// Commission rules whose highest tier changed, matched by component and rule id.
fn tiers(bp: &Plan, b: &Marks, ap: &Plan, a: &Marks, out: &mut Vec<Crossing>) {
    let named = |plan: &Plan, m: &TierMark| -> Option<(String, String, TierStep)> {
        let (id, rule) = rule_of(plan, m.component, m.rule)?;
        let table = &rule.table;
        let step = TierStep { tier: m.tier, from: table.tiers.get(m.tier)?.from, on: table.basis };
        Some((id.to_string(), rule.id.clone(), step))
    };
    let before: Vec<_> = b.tiers.iter().filter_map(|m| named(bp, m)).collect();
    let after: Vec<_> = a.tiers.iter().filter_map(|m| named(ap, m)).collect();
    let keys = union(
        before.iter().map(|(c, r, _)| (c.as_str(), r.as_str())),
        after.iter().map(|(c, r, _)| (c.as_str(), r.as_str())),
    );
    for (component, rule) in keys {
        let find = |list: &[(String, String, TierStep)]| {
            list.iter().find(|(c, r, _)| c == component && r == rule).map(|(_, _, s)| s.clone())
        };
        let (was, now) = (find(&before), find(&after));
        if was.as_ref().map(|s| s.tier) == now.as_ref().map(|s| s.tier) {
            continue;
        }
        let better = now.as_ref().map(|s| s.tier) > was.as_ref().map(|s| s.tier);
        out.push(Crossing::Tier { id: component.to_string(), rule: rule.to_string(), before: was, after: now, better });
    }
}

/// Target bonuses (in both plans) whose gate, curve point or cap changed; a cap reached or left
/// is in the rep's favour when the bonus pays more (`pays_more`).
fn curves(bp: &Plan, b: &Marks, ap: &Plan, a: &Marks, pays_more: &dyn Fn(&str) -> bool, out: &mut Vec<Crossing>) {
    for mb in &b.curves {
        let Some(id) = component_id(bp, mb.component) else { continue };
        let Some(ma) = a.curves.iter().find(|m| component_id(ap, m.component) == Some(id)) else { continue };
        let (passed_b, passed_a) = (mb.gate_passed.unwrap_or(true), ma.gate_passed.unwrap_or(true));
        if passed_b != passed_a {
            out.push(Crossing::Gate { id: id.to_string(), before: passed_b, after: passed_a, better: passed_a });
        }
        let (point_b, point_a) = (point_reached(bp, mb), point_reached(ap, ma));
        if point_b.map(|(i, _)| i) != point_a.map(|(i, _)| i) {
            out.push(Crossing::CurvePoint {
                id: id.to_string(),
                before: point_b.map(|(_, a)| Dec(a)),
                after: point_a.map(|(_, a)| Dec(a)),
                better: point_a.map(|(i, _)| i) > point_b.map(|(i, _)| i),
            });
        }
        if mb.capped != ma.capped {
            out.push(Crossing::Cap { id: id.to_string(), before: mb.capped, after: ma.capped, better: pays_more(id) });
        }
    }
}

/// The highest curve point at or below the mark's attainment: its index and attainment. Points
/// are compared by index, so a point the draft moves is not a crossing for a rep who stays on
/// the same segment.
fn point_reached(plan: &Plan, mark: &CurveMark) -> Option<(usize, Decimal)> {
    let inc = plan.document().incentive.as_ref()?;
    let ComponentDef::TargetBonus(def) = inc.components.get(mark.component)? else { return None };
    def.curve.points.iter().map(|p| p.attainment.0).enumerate().rfind(|(_, a)| *a <= mark.attainment)
}

/// Component `index`'s id.
pub(super) fn component_id(plan: &Plan, index: usize) -> Option<&str> {
    plan.document().incentive.as_ref()?.components.get(index).map(ComponentDef::id)
}

/// Commission component `component`'s id and its rule `rule`.
fn rule_of(plan: &Plan, component: usize, rule: usize) -> Option<(&str, &crate::incentive::section::RuleDef)> {
    let inc = plan.document().incentive.as_ref()?;
    let ComponentDef::Commission(def) = inc.components.get(component)? else { return None };
    Some((def.id.as_str(), def.rules.get(rule)?))
}

/// The keys of both lists, each once, in order of first appearance.
fn union<T: PartialEq + Copy>(a: impl Iterator<Item = T>, b: impl Iterator<Item = T>) -> Vec<T> {
    let mut keys: Vec<T> = Vec::new();
    for k in a.chain(b) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}
