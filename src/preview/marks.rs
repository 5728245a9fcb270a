//! What one rep's statement reached, read from its lines: the highest tier of each commission rule
//! that paid, and where each target bonus stood on its curve. Comparing the marks of the two plans
//! tells what a rep crossed.

use crate::incentive::section::Run;
use crate::incentive::{LineKind, StatementLine};
use rust_decimal::Decimal;
use std::ops::Range;

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

/// Which lines belong to which rule and curve, copied from a run before it is finished.
pub(super) struct Layout {
    /// (component, rule, lines) for every commission rule that paid.
    rules: Vec<(usize, usize, Range<usize>)>,
    /// (component, lines) for every target bonus.
    curves: Vec<(usize, Range<usize>)>,
}

impl Layout {
    /// The layout of `run`'s lines.
    pub(super) fn of(run: &Run) -> Layout {
        let mut rules = Vec::new();
        let mut curves = Vec::new();
        for (component, part) in run.parts.iter().enumerate() {
            rules.extend(part.rules.iter().map(|(rule, lines)| (component, *rule, lines.clone())));
            if part.kind == "targetBonus" {
                curves.push((component, part.lines.clone()));
            }
        }
        Layout { rules, curves }
    }
}

impl Marks {
    /// The marks of a statement whose lines are laid out as `layout` says.
    pub(super) fn read(layout: &Layout, lines: &[StatementLine]) -> Marks {
        let tiers = layout
            .rules
            .iter()
            .filter_map(|(component, rule, range)| {
                let slices = lines.get(range.clone())?;
                let tier = slices
                    .iter()
                    .filter(|l| matches!(l.kind, LineKind::Slice | LineKind::EarlierSlice))
                    .filter_map(|l| l.tier)
                    .max()?;
                Some(TierMark { component: *component, rule: *rule, tier })
            })
            .collect();
        let curves = layout
            .curves
            .iter()
            .filter_map(|(component, range)| {
                let line = lines.get(range.clone())?.iter().find(|l| l.kind == LineKind::Curve)?;
                Some(CurveMark {
                    component: *component,
                    attainment: line.attainment?.0,
                    gate_passed: line.gate_passed,
                    capped: line.cap_hit,
                })
            })
            .collect();
        Marks { tiers, curves }
    }
}
