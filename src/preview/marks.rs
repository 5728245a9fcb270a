//! What one rep's statement reached, read from its lines: the highest tier of each commission rule
//! that paid, and where each target bonus stood on its curve. Comparing the marks of the two plans
//! tells what a rep crossed.

use crate::incentive::section::Run;
use crate::incentive::LineKind;
use rust_decimal::Decimal;

/// The highest tier one commission rule's slices reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TierMark {
    /// The commission component's index in the plan.
    pub(super) component: usize,
    /// The rule's index in the component.
    pub(super) rule: usize,
    /// The tier's index in the rule's table.
    pub(super) tier: usize,
}

/// Where a target bonus stood on its payout curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CurveMark {
    /// The target bonus component's index in the plan.
    pub(super) component: usize,
    /// Attainment, percent.
    pub(super) attainment: Decimal,
    /// Whether the gate passed (none: the curve has no gate).
    pub(super) gate_passed: Option<bool>,
    /// Whether the cap cut the payout.
    pub(super) capped: bool,
}

/// Every tier and curve mark of one statement.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Marks {
    pub(super) tiers: Vec<TierMark>,
    pub(super) curves: Vec<CurveMark>,
}

impl Marks {
    /// `other`'s marks of the components `taken` says added to these (which have none of
    /// them), in component order as a statement's are.
    pub(super) fn take(&mut self, other: &Marks, taken: &[bool]) {
        let take = |component: usize| taken.get(component).copied().unwrap_or(false);
        self.tiers.extend(other.tiers.iter().filter(|t| take(t.component)));
        self.tiers.sort_by_key(|t| t.component);
        self.curves.extend(other.curves.iter().filter(|c| take(c.component)));
        self.curves.sort_by_key(|c| c.component);
    }

    /// The marks of a run's statement, read before it is finished: the tiers and curve points
    /// reached do not depend on how money is rounded.
    pub(super) fn of(run: &Run) -> Marks {
        let lines = run.builder.lines();
        let mut marks = Marks::default();
        for (component, part) in run.parts.iter().enumerate() {
            for (rule, range) in &part.rules {
                let tier = lines
                    .get(range.clone())
                    .unwrap_or_default()
                    .iter()
                    .filter(|l| matches!(l.kind, LineKind::Slice | LineKind::EarlierSlice))
                    .filter_map(|l| l.tier)
                    .max();
                if let Some(tier) = tier {
                    marks.tiers.push(TierMark { component, rule: *rule, tier });
                }
            }
            if part.kind != "targetBonus" {
                continue;
            }
            let curve = lines.get(part.lines.clone()).unwrap_or_default().iter().find(|l| l.kind == LineKind::Curve);
            if let Some((line, attainment)) = curve.and_then(|l| Some((l, l.attainment?.0))) {
                marks.curves.push(CurveMark {
                    component,
                    attainment,
                    gate_passed: line.gate_passed,
                    capped: line.cap_hit,
                });
            }
        }
        marks
    }
}
