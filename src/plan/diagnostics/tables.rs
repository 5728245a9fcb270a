//! Commission rate tables: cliffs and falls at tier bounds, rates far from their neighbours,
//! fractions written as percents and the reverse.
//!
//! With `F(x)` the payout on a cumulative amount `x`: a marginal or flat table's `F` is
//! continuous and rises with every rate ≥ 0; an interpolated table's `F` is continuous too; a
//! retroactive table's `F` jumps at every bound where the rate changes, by bound × (rate above −
//! rate below).

use super::{component_path, dec, Diagnostic, DiagnosticDetail, CLIFF_PERCENT, END_OUTLIER_FACTOR, OUTLIER_FACTOR};
use crate::base::arithmetic::Arithmetic;
use crate::incentive::section::{ComponentDef, IncentiveDef};
use crate::incentive::{RateKind, RateTableDef, TierBasis, TierDef};
use rust_decimal::Decimal;

/// Above this, a bound of an attainment table is no longer read as a fraction typed for a percent.
const FRACTION_LIMIT: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// A table and who it belongs to, for the facts.
struct Owner<'a> {
    component: &'a str,
    rule: &'a str,
    path: String,
}

pub(super) fn check(def: &IncentiveDef, out: &mut Vec<Diagnostic>) {
    for (ci, component) in def.components.iter().enumerate() {
        let ComponentDef::Commission(c) = component else { continue };
        for (ri, rule) in c.rules.iter().enumerate() {
            let path = format!("{}/rules/{ri}/table", component_path(ci));
            let owner = Owner { component: &c.id, rule: &rule.id, path };
            check_table(&rule.table, &owner, out);
        }
    }
}

fn check_table(table: &RateTableDef, owner: &Owner<'_>, out: &mut Vec<Diagnostic>) {
    match table.kind {
        RateKind::Retroactive => retroactive_steps(table, owner, out),
        RateKind::Interpolated => interpolated_falls(table, owner, out),
        RateKind::Flat | RateKind::Marginal => {}
    }
    outliers(&table.tiers, owner, out);
    units(table, owner, out);
}

/// `PAYOUT_CLIFF` and `PAYOUT_DECREASES` on a retroactive table. At bound `b` the payout goes
/// from `b × r₋` to `b × r₊`: a fall when `r₊ < r₋`, a cliff when the jump is more than
/// [`CLIFF_PERCENT`]% of `b × r₋` (or anything above nothing, when `r₋ ≤ 0`).
fn retroactive_steps(table: &RateTableDef, owner: &Owner<'_>, out: &mut Vec<Diagnostic>) {
    for (i, pair) in table.tiers.windows(2).enumerate() {
        let [below, above] = pair else { continue };
        let tier = i.saturating_add(1);
        let (r0, r1) = (below.rate.0, above.rate.0);
        let path = format!("{}/tiers/{tier}/from", owner.path);
        if r1 < r0 {
            let detail = DiagnosticDetail::TableDecreases {
                component: owner.component.to_string(),
                rule: owner.rule.to_string(),
                tier,
                bound: dec(above.from.0),
                rate_below: dec(r0),
                rate_above: dec(r1),
            };
            out.push(Diagnostic::new(path, detail));
            continue;
        }
        let jump = if r0 > Decimal::ZERO { relative_rise(r0, r1) } else { None };
        let cliff = match jump {
            Some(j) => j > CLIFF_PERCENT,
            None => r1 > r0 && r0 <= Decimal::ZERO,
        };
        if cliff {
            let detail = DiagnosticDetail::TableCliff {
                component: owner.component.to_string(),
                rule: owner.rule.to_string(),
                tier,
                bound: dec(above.from.0),
                rate_below: dec(r0),
                rate_above: dec(r1),
                jump: jump.map(dec),
                threshold: dec(CLIFF_PERCENT),
            };
            out.push(Diagnostic::new(path, detail));
        }
    }
}

/// (r1 − r0) ÷ r0 × 100.
fn relative_rise(r0: Decimal, r1: Decimal) -> Option<Decimal> {
    r1.sub_checked(r0)?.mul_checked(Decimal::ONE_HUNDRED)?.div_checked(r0)
}

/// `PAYOUT_DECREASES` on an interpolated table. In a tier `[lo, hi)` whose rate runs from `r`
/// to the next tier's `s`, `F(x) = x·(r + (s − r)(x − lo)/(hi − lo))`, whose slope is lowest at
/// `hi`: `s + hi·(s − r)/(hi − lo)`. Below 0, selling more pays less.
fn interpolated_falls(table: &RateTableDef, owner: &Owner<'_>, out: &mut Vec<Diagnostic>) {
    for (i, pair) in table.tiers.windows(2).enumerate() {
        let [tier, next] = pair else { continue };
        let Some(hi) = tier.to else { continue };
        let (lo, hi, r, s) = (tier.from.0, hi.0, tier.rate.0, next.rate.0);
        let slope = (|| s.add_checked(hi.mul_checked(s.sub_checked(r)?)?.div_checked(hi.sub_checked(lo)?)?))();
        if slope.is_some_and(|d| d < Decimal::ZERO) {
            let n = i.saturating_add(1);
            let detail = DiagnosticDetail::TableDecreases {
                component: owner.component.to_string(),
                rule: owner.rule.to_string(),
                tier: n,
                bound: dec(hi),
                rate_below: dec(r),
                rate_above: dec(s),
            };
            out.push(Diagnostic::new(format!("{}/tiers/{n}/rate", owner.path), detail));
        }
    }
}

/// `RATE_OUTLIER`: a positive rate at least [`OUTLIER_FACTOR`] times both neighbours' rates, or
/// at most a [`OUTLIER_FACTOR`]th of both. The first and last tiers, which have one neighbour,
/// at [`END_OUTLIER_FACTOR`], unless that neighbour is itself an outlier (in 0.05, 0.5, 0.06
/// only the middle tier is flagged); of a two-tier table only the second tier is judged. Zero
/// and negative rates (a tier that pays nothing, a penalty) are never outliers, nor is a rate
/// judged against them.
fn outliers(tiers: &[TierDef], owner: &Owner<'_>, out: &mut Vec<Diagnostic>) {
    let rate = |i: usize| tiers.get(i).map(|t| t.rate.0).filter(|r| *r > Decimal::ZERO);
    let n = tiers.len();
    let interior: Vec<bool> = (0..n)
        .map(|i| match (i.checked_sub(1).and_then(rate), rate(i), rate(i.saturating_add(1))) {
            (Some(a), Some(r), Some(b)) if i.saturating_add(1) < n => far_from(r, &[a, b], OUTLIER_FACTOR),
            _ => false,
        })
        .collect();
    let flagged = |i: usize| interior.get(i).copied().unwrap_or(false);
    for i in 0..n {
        let Some(r) = rate(i) else { continue };
        let neighbours: Vec<usize> = if flagged(i) {
            vec![i.saturating_sub(1), i.saturating_add(1)]
        } else if n >= 3 && i == 0 && !flagged(1) && rate(1).is_some_and(|b| far_from(r, &[b], END_OUTLIER_FACTOR)) {
            vec![1]
        } else if n >= 2 && i.saturating_add(1) == n {
            let before = i.saturating_sub(1);
            let far = rate(before).is_some_and(|a| far_from(r, &[a], END_OUTLIER_FACTOR));
            if !far || flagged(before) {
                continue;
            }
            vec![before]
        } else {
            continue;
        };
        let detail = DiagnosticDetail::RateOutlier {
            component: owner.component.to_string(),
            rule: owner.rule.to_string(),
            tier: i,
            rate: dec(r),
            neighbours: neighbours.into_iter().filter_map(rate).map(dec).collect(),
        };
        out.push(Diagnostic::new(format!("{}/tiers/{i}/rate", owner.path), detail));
    }
}

/// `r ≥ factor × n` for every neighbour `n`, or `r × factor ≤ n` for every one.
fn far_from(r: Decimal, neighbours: &[Decimal], factor: Decimal) -> bool {
    let above = neighbours.iter().all(|n| n.mul_checked(factor).is_some_and(|m| r >= m));
    let below = r.mul_checked(factor).is_some_and(|m| neighbours.iter().all(|n| m <= *n));
    above || below
}

/// `FRACTION_AS_PERCENT`: a rate of 1 or more (pays the whole amount or more: 5 written for 5%).
/// `PERCENT_AS_FRACTION`: an attainment table whose bounds are all at most 3 (0.8 written for
/// 80%), reported at its largest bound.
fn units(table: &RateTableDef, owner: &Owner<'_>, out: &mut Vec<Diagnostic>) {
    for (i, tier) in table.tiers.iter().enumerate() {
        if tier.rate.0 >= Decimal::ONE {
            let detail = DiagnosticDetail::FractionAsPercent {
                owner: owner.rule.to_string(),
                key: "rate".into(),
                value: dec(tier.rate.0),
                suggested: dec(tier.rate.0.div_checked(Decimal::ONE_HUNDRED).unwrap_or(tier.rate.0)),
            };
            out.push(Diagnostic::new(format!("{}/tiers/{i}/rate", owner.path), detail));
        }
    }
    if table.basis != TierBasis::Attainment {
        return;
    }
    let bounds = table.tiers.iter().enumerate().flat_map(|(i, t)| {
        let to = t.to.map(|to| (i, "to", to.0));
        std::iter::once((i, "from", t.from.0)).chain(to)
    });
    let Some((i, key, largest)) = bounds.max_by_key(|(_, _, v)| *v) else { return };
    if largest > Decimal::ZERO && largest <= FRACTION_LIMIT {
        let detail = DiagnosticDetail::PercentAsFraction {
            owner: owner.rule.to_string(),
            key: key.into(),
            value: dec(largest),
            suggested: dec(largest.mul_checked(Decimal::ONE_HUNDRED).unwrap_or(largest)),
        };
        out.push(Diagnostic::new(format!("{}/tiers/{i}/{key}", owner.path), detail));
    }
}
