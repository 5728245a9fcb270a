//! SPIFFs, pools, draws, MBOs and holdbacks: pay that can never happen, a draw above the pay at
//! target, a zero weight, percents written as fractions.

use super::values::Facts;
use super::{component_path, dec, Diagnostic, DiagnosticDetail, PoolReason, SpiffReason};
use crate::base::arithmetic::Arithmetic;
use crate::base::number::Dec;
use crate::incentive::section::{
    CommissionDef, ComponentDef, IncentiveDef, MboComponentDef, PoolDef, SpiffComponentDef, TargetBonusDef,
};
use crate::incentive::{Mbo, MboDef, ObjectiveDef, PayoutCurve, PayoutCurveDef, RateTable, SpiffFrequency};
use rust_decimal::Decimal;

/// At or below this, an MBO achievement cap reads as a fraction typed for a percent.
const FRACTION_LIMIT: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

pub(super) fn check(def: &IncentiveDef, facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    for (ci, component) in def.components.iter().enumerate() {
        let base = component_path(ci);
        match component {
            ComponentDef::Commission(c) => holdback(c, &base, out),
            ComponentDef::Spiff(s) => out.extend(spiff(s, def, facts, &base)),
            ComponentDef::Pool(p) => out.extend(pool(p, facts, &base)),
            ComponentDef::Mbo(m) => objectives(m, &base, out),
            ComponentDef::Draw(d) => {
                let before = def.components.iter().take(ci).enumerate();
                if let Some(target_pay) = target_pay(before, facts) {
                    if d.amount.0 > target_pay {
                        let detail = DiagnosticDetail::DrawExceedsTargetPay {
                            component: d.id.clone(),
                            draw: dec(d.amount.0),
                            target_pay: dec(target_pay),
                        };
                        out.push(Diagnostic::new(format!("{base}/amount"), detail));
                    }
                }
            }
            ComponentDef::TargetBonus(_) => {}
        }
    }
}

/// `PERCENT_AS_FRACTION`: a holdback above 0 and below 1 (0.1 written for 10%).
fn holdback(c: &CommissionDef, base: &str, out: &mut Vec<Diagnostic>) {
    let h = c.holdback.0;
    if h > Decimal::ZERO && h < Decimal::ONE {
        let detail = DiagnosticDetail::PercentAsFraction {
            owner: c.id.clone(),
            key: "holdback".into(),
            value: dec(h),
            suggested: dec(h.mul_checked(Decimal::ONE_HUNDRED).unwrap_or(h)),
        };
        out.push(Diagnostic::new(format!("{base}/holdback"), detail));
    }
}

/// `SPIFF_NEVER_FIRES`, for the first of: a reward of 0; at most 0 events per period; a filter
/// on a column the transactions lack; an `events` formula never above 0; an `alreadyPaid`
/// formula always at or above the events the SPIFF may pay in a period.
fn spiff(s: &SpiffComponentDef, def: &IncentiveDef, facts: &Facts<'_>, base: &str) -> Option<Diagnostic> {
    let never = |key: &str, reason: SpiffReason, column: Option<&str>| {
        let detail =
            DiagnosticDetail::SpiffNeverFires { component: s.id.clone(), reason, column: column.map(str::to_string) };
        Some(Diagnostic::new(format!("{base}/{key}"), detail))
    };
    if s.amount.0.is_zero() {
        return never("amount", SpiffReason::ZeroAmount, None);
    }
    let limit = match s.frequency {
        SpiffFrequency::PerEvent => s.max_events,
        SpiffFrequency::OncePerPeriod => Some(1),
    };
    if s.frequency == SpiffFrequency::PerEvent && limit == Some(0) {
        return never("maxEvents", SpiffReason::ZeroMaxEvents, None);
    }
    if let (Some(filter), Some(tx)) = (&s.filter, &def.transactions) {
        if !filter.products.is_empty() && tx.product.is_none() {
            return never("where/products", SpiffReason::NoColumn, Some("product"));
        }
        if !filter.customer_types.is_empty() && tx.customer_type.is_none() {
            return never("where/customerTypes", SpiffReason::NoColumn, Some("customerType"));
        }
    }
    let events = facts.numbers(&format!("{base}/events"));
    if events.is_some_and(|v| v.iter().all(|n| *n <= Decimal::ZERO)) {
        return never("events", SpiffReason::NoEvents, None);
    }
    let paid = facts.numbers(&format!("{base}/alreadyPaid"));
    let exhausted = |l: u32| paid.as_ref().is_some_and(|v| v.iter().all(|n| *n >= Decimal::from(l)));
    if limit.is_some_and(exhausted) {
        return never("alreadyPaid", SpiffReason::AlreadyPaid, None);
    }
    None
}

/// `POOL_EMPTY`: an amount of 0, or a `share` formula never above 0 (no rep gets a share).
fn pool(p: &PoolDef, facts: &Facts<'_>, base: &str) -> Option<Diagnostic> {
    let empty = |key: &str, reason: PoolReason| {
        Some(Diagnostic::new(format!("{base}/{key}"), DiagnosticDetail::PoolEmpty { component: p.id.clone(), reason }))
    };
    if p.amount.0.is_zero() {
        return empty("amount", PoolReason::ZeroAmount);
    }
    let shares = facts.numbers(&format!("{base}/share"));
    if shares.is_some_and(|v| v.iter().all(|n| *n <= Decimal::ZERO)) {
        return empty("share", PoolReason::NoShares);
    }
    None
}

/// `WEIGHT_ZERO` for an objective weighed 0; `PERCENT_AS_FRACTION` for an achievement cap above 0
/// and at most 3 (1.2 written for 120%).
fn objectives(m: &MboComponentDef, base: &str, out: &mut Vec<Diagnostic>) {
    for (k, o) in m.objectives.iter().enumerate() {
        let path = format!("{base}/objectives/{k}");
        if o.weight.0.is_zero() {
            let detail = DiagnosticDetail::ObjectiveWeightZero { component: m.id.clone(), objective: o.id.clone() };
            out.push(Diagnostic::new(format!("{path}/weight"), detail));
        }
        if let Some(cap) = o.max_achievement.filter(|c| c.0 > Decimal::ZERO && c.0 <= FRACTION_LIMIT) {
            let detail = DiagnosticDetail::PercentAsFraction {
                owner: o.id.clone(),
                key: "maxAchievement".into(),
                value: dec(cap.0),
                suggested: dec(cap.0.mul_checked(Decimal::ONE_HUNDRED).unwrap_or(cap.0)),
            };
            out.push(Diagnostic::new(format!("{path}/maxAchievement"), detail));
        }
    }
}

/// What the components before a draw pay at 100% attainment (and full achievement), taking the
/// lowest value their formulas can give: a target bonus's curve at 100 times its target bonus
/// (multipliers at 1), an MBO's target bonus, a commission's table paid on its quota. SPIFFs,
/// pools and other draws add nothing. `None` when one of them depends on the record.
fn target_pay<'a>(before: impl Iterator<Item = (usize, &'a ComponentDef)>, facts: &Facts<'_>) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for (ci, component) in before {
        let base = component_path(ci);
        let pay = match component {
            ComponentDef::TargetBonus(t) => target_bonus_at_target(t, facts, &base)?,
            ComponentDef::Mbo(m) => mbo_at_target(m, facts, &base)?,
            ComponentDef::Commission(c) => commission_at_target(c, facts, &base)?,
            ComponentDef::Spiff(_) | ComponentDef::Draw(_) | ComponentDef::Pool(_) => Decimal::ZERO,
        };
        total = total.add_checked(pay)?;
    }
    Some(total)
}

fn lowest(values: Option<Vec<Decimal>>) -> Option<Decimal> {
    values?.into_iter().min()
}

fn target_bonus_at_target(t: &TargetBonusDef, facts: &Facts<'_>, base: &str) -> Option<Decimal> {
    let bonus = lowest(facts.numbers(&format!("{base}/targetBonus")))?;
    let c = &t.curve;
    let curve = PayoutCurve::new(PayoutCurveDef {
        target_bonus: Dec(bonus),
        points: c.points.clone(),
        slope_above: c.slope_above,
        gate: c.gate,
        cap: c.cap,
        cap_attainment: c.cap_attainment,
    })
    .ok()?;
    curve.compute(Decimal::ONE_HUNDRED, &[]).ok().map(|r| r.payout.0)
}

fn mbo_at_target(m: &MboComponentDef, facts: &Facts<'_>, base: &str) -> Option<Decimal> {
    let bonus = lowest(facts.numbers(&format!("{base}/targetBonus")))?;
    let objectives: Vec<ObjectiveDef> = m
        .objectives
        .iter()
        .map(|o| ObjectiveDef { id: o.id.clone(), weight: o.weight, max_achievement: o.max_achievement })
        .collect();
    let full: Vec<(&str, Decimal)> = m.objectives.iter().map(|o| (o.id.as_str(), Decimal::ONE_HUNDRED)).collect();
    let mbo = Mbo::new(MboDef { target_bonus: Dec(bonus), objectives }).ok()?;
    mbo.compute(&full).ok().map(|r| r.payout.0)
}

/// The lowest, over rules and the values of their quotas, of a rule's table paid on an amount
/// equal to its quota; `None` when a rule has no quota or one that depends on the record.
fn commission_at_target(c: &CommissionDef, facts: &Facts<'_>, base: &str) -> Option<Decimal> {
    let mut low: Option<Decimal> = None;
    for (ri, rule) in c.rules.iter().enumerate() {
        let quotas = facts.numbers(&format!("{base}/rules/{ri}/quota"))?;
        let table = RateTable::new(rule.table.clone()).ok()?;
        for q in quotas.into_iter().filter(|q| *q > Decimal::ZERO) {
            let pay = table.compute(q, Decimal::ZERO, Some(q)).ok()?.payout.0;
            low = Some(low.map_or(pay, |l| l.min(pay)));
        }
    }
    low
}
