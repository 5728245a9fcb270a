//! "If I close X more (of this product), my payout becomes Y": the statement with and without
//! an extra deal, and the next tier, gate or curve point above, with the distance to it.

use super::evaluate::{ExtraDeal, Standing};
use super::result::{ComponentDelta, IncentiveResult, WhatIf};
use crate::base::error::Result;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use crate::incentive::{div, mul, percent_of, sub, NextStep, TierBasis};
use rust_decimal::Decimal;

/// Compares the statements without and with `extra`; `standings` are where the components
/// stand with it.
pub(crate) fn what_if(
    now: &IncentiveResult,
    after: &IncentiveResult,
    standings: &[Standing],
    extra: &ExtraDeal,
    locale: Locale,
) -> Result<WhatIf> {
    let routed: Vec<&[String; 2]> = after.transactions.last().map(|t| t.rules.iter().collect()).unwrap_or_default();
    let mut next = Vec::new();
    for s in standings {
        let step = match s {
            Standing::Rule { component, rule, .. } => {
                let took_it = routed.is_empty() || routed.iter().any(|[c, r]| c == component && r == rule);
                if took_it {
                    next_tier(s)?
                } else {
                    None
                }
            }
            Standing::Curve { .. } => next_point(s)?,
        };
        next.extend(step);
    }
    let components = now
        .components
        .iter()
        .zip(&after.components)
        .filter(|(a, b)| a.amount != b.amount)
        .map(|(a, b)| ComponentDelta { id: a.id.to_string(), now: a.amount, after: b.amount })
        .collect();
    let (payout_now, payout_after) = (now.statement.total, after.statement.total);
    let mut w = WhatIf {
        extra: Dec(extra.amount),
        product: extra.product.clone(),
        payout_now,
        payout_after,
        delta: Dec(sub(payout_after.0, payout_now.0)?),
        components,
        next,
        text: String::new(),
    };
    w.text = text(&w, locale);
    Ok(w)
}

/// The next tier of a commission rule's table above the cumulative amount it reached.
fn next_tier(standing: &Standing) -> Result<Option<NextStep>> {
    let Standing::Rule { component, rule, table, cumulative, quota } = standing else { return Ok(None) };
    let Some((index, lo, rate)) = table.thresholds(*quota)?.into_iter().find(|(_, lo, _)| lo > cumulative) else {
        return Ok(None);
    };
    let attainment = match quota {
        Some(q) if table.def().basis == TierBasis::Attainment && !q.is_zero() => {
            Some(Dec(div(mul(lo, Decimal::ONE_HUNDRED)?, *q)?))
        }
        _ => None,
    };
    Ok(Some(NextStep {
        component: Some(component.clone()),
        rule: Some(rule.clone()),
        kind: "tier",
        index,
        at: Dec(lo),
        attainment,
        distance: Dec(sub(lo, *cumulative)?),
        rate: Some(Dec(rate)),
    }))
}

/// The next breakpoint of a target bonus curve above the attainment reached: its gate, its cap
/// or a point.
fn next_point(standing: &Standing) -> Result<Option<NextStep>> {
    let Standing::Curve { component, curve, actual, quota } = standing else { return Ok(None) };
    if quota.is_zero() {
        return Ok(None);
    }
    let attained = div(mul(*actual, Decimal::ONE_HUNDRED)?, *quota)?;
    let Some((kind, index, b)) = curve.next_breakpoint(attained) else { return Ok(None) };
    let at = percent_of(*quota, b)?;
    Ok(Some(NextStep {
        component: Some(component.clone()),
        rule: None,
        kind,
        index,
        at: Dec(at),
        attainment: Some(Dec(b)),
        distance: Dec(sub(at, *actual)?),
        rate: None,
    }))
}

fn text(w: &WhatIf, locale: Locale) -> String {
    let v = |d: Dec| d.0.normalize().to_string();
    let signed = |d: Dec| if d.0.is_sign_negative() { v(d) } else { format!("+{}", v(d)) };
    let what = match (&w.product, locale) {
        (Some(p), Locale::ZhCn) => format!("{}（{p}）", v(w.extra)),
        (Some(p), Locale::En) => format!("{} of {p}", v(w.extra)),
        (None, _) => v(w.extra),
    };
    let mut out = if locale == Locale::ZhCn {
        format!("再成交 {what}，收入由 {} 变为 {}（{}）", v(w.payout_now), v(w.payout_after), signed(w.delta))
    } else {
        format!(
            "closing {what} more takes the payout from {} to {} ({})",
            v(w.payout_now),
            v(w.payout_after),
            signed(w.delta)
        )
    };
    for n in &w.next {
        let place = match (&n.component, &n.rule) {
            (Some(c), Some(r)) => format!("{c}·{r}"),
            (Some(c), None) => c.clone(),
            _ => String::new(),
        };
        let step = crate::incentive::estimator::step_name(n, locale);
        if locale == Locale::ZhCn {
            out.push_str(&format!("；距{place}{step}（{}）还差 {}", v(n.at), v(n.distance)));
        } else {
            out.push_str(&format!("; {} more to reach {place} {step} at {}", v(n.distance), v(n.at)));
        }
    }
    out
}
