//! The top-down pass: from the root down, each node's amount shared among its children by
//! their basis weights within locks and bounds.

use super::basis::{kind, Context, Measures};
use super::constraints::{share, Rule, Sibling};
use super::document::DecompositionSpec;
use super::over_time::People;
use super::period::Timeline;
use super::tree::Tree;
use super::validate::{units, Limits};
use crate::base::error::{Error, ErrorCode, Origin, Result};
use chrono::Datelike;
use rust_decimal::Decimal;

/// How one node's amount was decided, before any rounding for output.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The rule.
    pub rule: Rule,
    /// The basis its parent split by.
    pub basis: Option<&'static str>,
    /// Its measure under that basis.
    pub base: Decimal,
    /// Its weight (measure × availability).
    pub weight: Decimal,
    /// Units shared in proportion among the free siblings.
    pub pool: u128,
    /// The free siblings' total weight.
    pub free_weight: Decimal,
    /// What `base` and `weight` are divided by to give them as explained (see
    /// [`Measures`](super::basis::Measures)).
    pub per: Decimal,
    /// The lock or bound that decided it, in units.
    pub bound: Option<u128>,
}

/// Units, rules and facts per node.
pub struct Org {
    /// Units per node.
    pub units: Vec<u128>,
    /// The rule that decided each node's units.
    pub rules: Vec<Rule>,
    /// Facts per node (only for an explained decomposition; empty otherwise).
    pub facts: Vec<Facts>,
}

fn root_facts() -> Facts {
    Facts {
        rule: Rule::Total,
        basis: None,
        base: Decimal::ZERO,
        weight: Decimal::ZERO,
        pool: 0,
        free_weight: Decimal::ZERO,
        per: Decimal::ONE,
        bound: None,
    }
}

/// The whole top-down pass; with `explain`, the facts behind every amount too.
pub fn allocate(
    spec: &DecompositionSpec,
    tree: &Tree,
    people: &People,
    timeline: &Timeline,
    limits: &[Limits],
    explain: bool,
) -> Result<Org> {
    let start =
        timeline.start().ok_or_else(|| Error::new(ErrorCode::InvalidDateRange).path(Origin::Plan, "/period"))?;
    let prior_year = timeline
        .months
        .iter()
        .map(|m| format!("{:04}-{:02}", m.first.year().saturating_sub(1), m.first.month()))
        .collect();
    let ctx = Context { spec, tree, people, limits, prior_year, start };
    let unit = spec.unit.0;
    let total = units(spec.total, unit, "total", || "/total".to_string())?;
    check_root(spec, tree.root, total, limits)?;
    let n = spec.nodes.len();
    let mut org = Org {
        units: vec![0; n],
        rules: vec![Rule::Total; n],
        facts: if explain { vec![root_facts(); n] } else { Vec::new() },
    };
    if let Some(u) = org.units.get_mut(tree.root) {
        *u = total;
    }
    for node in &tree.order {
        let kids = tree.kids(*node);
        if kids.is_empty() {
            continue;
        }
        let own = spec.nodes.get(*node).and_then(|n| n.basis.as_ref());
        let (basis, path) = match own {
            Some(b) => (b, format!("/nodes/{node}/basis")),
            None => (&spec.basis, "/basis".to_string()),
        };
        let id = spec.nodes.get(*node).map_or("", |n| n.id.as_str());
        let amount = org.units.get(*node).copied().unwrap_or(0);
        let Measures { values: measures, per } =
            ctx.measures(basis, &path, kids, amount).map_err(|e| match e.code {
                ErrorCode::WeightsAllZero if e.detail.name.is_none() => e.name(id),
                _ => e,
            })?;
        let weights = ctx.weights(&measures, kids)?;
        let siblings: Vec<Sibling<'_>> =
            kids.iter().zip(&weights).map(|(k, w)| sibling(spec, limits, *k, *w)).collect();
        let split = share(amount, &siblings, *node, id, super::basis::phrase(basis))?;
        for (j, k) in kids.iter().enumerate() {
            let (u, rule) = split.amounts.get(j).copied().unwrap_or((0, Rule::Share));
            let s = siblings.get(j);
            let bound = match rule {
                Rule::Locked => s.and_then(|s| s.locked),
                Rule::Min => s.and_then(|s| s.min).or(Some(0)),
                Rule::Max => s.and_then(|s| s.max),
                _ => None,
            };
            if let (Some(slot), Some(r)) = (org.units.get_mut(*k), org.rules.get_mut(*k)) {
                *slot = u;
                *r = rule;
            }
            if let Some(f) = org.facts.get_mut(*k) {
                *f = Facts {
                    rule,
                    basis: Some(kind(basis)),
                    base: measures.get(j).copied().unwrap_or_default(),
                    weight: weights.get(j).copied().unwrap_or_default(),
                    pool: split.pool,
                    free_weight: split.free_weight,
                    per,
                    bound,
                };
            }
        }
    }
    Ok(org)
}

fn sibling<'a>(spec: &'a DecompositionSpec, limits: &[Limits], node: usize, weight: Decimal) -> Sibling<'a> {
    let l = limits.get(node).copied().unwrap_or_default();
    let id = spec.nodes.get(node).map_or("", |n| n.id.as_str());
    Sibling { node, id, weight, min: l.min, max: l.max, locked: l.locked }
}

/// The root gets the total: a lock or bound on it must agree.
fn check_root(spec: &DecompositionSpec, root: usize, total: u128, limits: &[Limits]) -> Result<()> {
    let s = sibling(spec, limits, root, Decimal::ONE);
    let wrong =
        s.locked.is_some_and(|l| l != total) || s.min.is_some_and(|m| total < m) || s.max.is_some_and(|m| total > m);
    if wrong {
        return Err(Error::new(ErrorCode::Infeasible)
            .name(s.id)
            .expected(crate::base::error::Phrase::RootGetsTotal)
            .found(spec.total.0.to_string())
            .path(Origin::Plan, format!("/nodes/{root}")));
    }
    Ok(())
}
