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
        merge(&mut self.tiers, other.tiers.iter().filter(|t| take(t.component)), |t| t.component);
        merge(&mut self.curves, other.curves.iter().filter(|c| take(c.component)), |c| c.component);
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

/// `taken` (in component order, of components `own` has no marks of) put into `own` (in component
/// order) where their components go: a handful of marks, placed without a sort.
fn merge<'a, T: Copy + 'a>(own: &mut Vec<T>, taken: impl Iterator<Item = &'a T>, component: impl Fn(&T) -> usize) {
    for t in taken {
        let at = own.partition_point(|m| component(m) <= component(t));
        own.insert(at, *t);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;

    fn tier(component: usize, rule: usize) -> TierMark {
        TierMark { component, rule, tier: 0 }
    }

    #[test]
    fn taken_marks_go_where_their_components_are() {
        // Commissions 0 and 3 ran here; 1 and 2 are taken (1 with two rules), 4 is not.
        let mut own = Marks { tiers: vec![tier(0, 0), tier(3, 0), tier(3, 1)], curves: Vec::new() };
        let other =
            Marks { tiers: vec![tier(0, 5), tier(1, 0), tier(1, 1), tier(2, 0), tier(4, 0)], curves: Vec::new() };
        own.take(&other, &[false, true, true, false, false]);
        let order: Vec<(usize, usize)> = own.tiers.iter().map(|t| (t.component, t.rule)).collect();
        assert_eq!(order, [(0, 0), (1, 0), (1, 1), (2, 0), (3, 0), (3, 1)]);
    }
}
