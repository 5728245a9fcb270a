//! The rep-side estimator (收入试算): "if I close X more, my payout becomes Y", with the next tier
//! or gate and the distance to it. For a product with its own table, pass that product's table
//! and cumulative amount.
//!
//! ```
//! use salescore::incentive::{estimate, parse, RateTable};
//! use salescore::Locale;
//! use rust_decimal::Decimal;
//!
//! let table = RateTable::new(parse(r#"{"kind": "marginal", "tiers": [{"from": 0, "to": 5000, "rate": 0.05},
//!   {"from": 5000, "to": 10000, "rate": 0.10}, {"from": 10000, "rate": 0.15}]}"#).unwrap()).unwrap();
//! let e = estimate(&table, Decimal::from(4000), Decimal::from(2000), None, Locale::En).unwrap();
//! assert_eq!((e.payout_now.0, e.payout_after.0, e.delta.0), (Decimal::from(200), Decimal::from(350), Decimal::from(150)));
//! let next = e.next.unwrap();
//! assert_eq!((next.index, next.distance.0), (2, Decimal::from(4000))); // 4,000 more to 15%
//! ```

use super::{add, percent_of, sub, Multiplier, PayoutCurve, RateTable};
use crate::base::error::Result;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::Serialize;

/// The next step up after the estimated amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NextStep {
    /// The plan component it belongs to (what-ifs on a plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub component: Option<String>,
    /// The commission rule whose table it is in (what-ifs on a plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rule: Option<String>,
    /// `tier`, `gate`, `point` (a curve point) or `cap`.
    pub kind: &'static str,
    /// Tier or point index.
    pub index: usize,
    /// The cumulative amount where it starts.
    pub at: Dec,
    /// Attainment percent where it starts (attainment tables and curves).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// How much more is needed to reach it after the estimated amount.
    pub distance: Dec,
    /// The tier's rate (tables).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rate: Option<Dec>,
}

/// What closing more would pay.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Estimate {
    /// The cumulative amount now.
    pub current: Dec,
    /// The extra amount closed.
    pub extra: Dec,
    /// current + extra.
    pub after: Dec,
    /// The payout now (exact).
    pub payout_now: Dec,
    /// The payout after closing the extra (exact).
    pub payout_after: Dec,
    /// payout after − payout now.
    pub delta: Dec,
    /// The next tier, point or gate above the estimated amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub next: Option<NextStep>,
    /// The estimate as a sentence.
    pub text: String,
}

/// Estimates a rate table: the cumulative payout at `current` and at `current + extra`, and the
/// next tier above.
pub fn estimate(
    table: &RateTable,
    current: Decimal,
    extra: Decimal,
    quota: Option<Decimal>,
    locale: Locale,
) -> Result<Estimate> {
    let after = add(current, extra)?;
    let now = table.cumulative_payout(current, quota)?;
    let then = table.cumulative_payout(after, quota)?;
    let next = table.thresholds(quota)?.into_iter().find(|(_, lo, _)| *lo > after);
    let next = match next {
        Some((index, at, rate)) => Some(NextStep {
            component: None,
            rule: None,
            kind: "tier",
            index,
            at: Dec(at),
            attainment: match quota {
                Some(q) if table.def().basis == super::TierBasis::Attainment => {
                    Some(Dec(super::div(super::mul(at, Decimal::ONE_HUNDRED)?, q)?))
                }
                _ => None,
            },
            distance: Dec(sub(at, after)?),
            rate: Some(Dec(rate)),
        }),
        None => None,
    };
    finish(current, extra, after, now, then, next, locale)
}

/// Estimates a payout curve: attainment is the amount over `quota` (> 0), multipliers as in
/// [`PayoutCurve::compute`]; the next step is the next gate, curve point or attainment cap.
pub fn estimate_curve(
    curve: &PayoutCurve,
    current: Decimal,
    extra: Decimal,
    quota: Decimal,
    multipliers: &[Multiplier],
    locale: Locale,
) -> Result<Estimate> {
    let after = add(current, extra)?;
    let attain = |x: Decimal| super::div(super::mul(x, Decimal::ONE_HUNDRED)?, quota);
    let now = curve.compute(attain(current)?, multipliers)?.payout.0;
    let then = curve.compute(attain(after)?, multipliers)?.payout.0;
    let a_after = attain(after)?;
    let next = match curve.next_breakpoint(a_after) {
        Some((kind, index, b)) => {
            let at = percent_of(quota, b)?;
            Some(NextStep {
                component: None,
                rule: None,
                kind,
                index,
                at: Dec(at),
                attainment: Some(Dec(b)),
                distance: Dec(sub(at, after)?),
                rate: None,
            })
        }
        None => None,
    };
    finish(current, extra, after, now, then, next, locale)
}

fn finish(
    current: Decimal,
    extra: Decimal,
    after: Decimal,
    now: Decimal,
    then: Decimal,
    next: Option<NextStep>,
    locale: Locale,
) -> Result<Estimate> {
    let delta = sub(then, now)?;
    let mut e = Estimate {
        current: Dec(current),
        extra: Dec(extra),
        after: Dec(after),
        payout_now: Dec(now),
        payout_after: Dec(then),
        delta: Dec(delta),
        next,
        text: String::new(),
    };
    e.text = text(&e, locale);
    Ok(e)
}

fn text(e: &Estimate, locale: Locale) -> String {
    let v = |d: Dec| d.0.normalize().to_string();
    let head = match locale {
        Locale::ZhCn => {
            format!("再成交 {}，收入由 {} 变为 {}（+{}）", v(e.extra), v(e.payout_now), v(e.payout_after), v(e.delta))
        }
        Locale::En => format!(
            "closing {} more takes the payout from {} to {} (+{})",
            v(e.extra),
            v(e.payout_now),
            v(e.payout_after),
            v(e.delta)
        ),
    };
    let Some(n) = &e.next else { return head };
    let what = step_name(n, locale);
    match locale {
        Locale::ZhCn => format!("{head}；距{what}（{}）还差 {}", v(n.at), v(n.distance)),
        Locale::En => format!("{head}; {} more to reach {what} at {}", v(n.distance), v(n.at)),
    }
}

/// A next step as words: `第3档位` / `tier 3`, the gate, the cap, or the curve's next point.
pub(crate) fn step_name(n: &NextStep, locale: Locale) -> String {
    match (n.kind, locale) {
        ("tier", Locale::ZhCn) => format!("第{}档位", n.index.saturating_add(1)),
        ("tier", Locale::En) => format!("tier {}", n.index.saturating_add(1)),
        ("gate", Locale::ZhCn) => "门槛".to_string(),
        ("gate", Locale::En) => "the gate".to_string(),
        ("cap", Locale::ZhCn) => "封顶".to_string(),
        ("cap", Locale::En) => "the cap".to_string(),
        (_, Locale::ZhCn) => "下一拐点".to_string(),
        (_, Locale::En) => "the next point of the curve".to_string(),
    }
}
