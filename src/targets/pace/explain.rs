//! Pacing as sentences in 中文 or English: the working days and the expected-to-date, the gap,
//! the daily rate needed against the current one, the forecasts, and the chance with the deals
//! that matter most.

use super::calendar::WorkdayCount;
use super::pipeline::Pipeline;
use super::probability::ChanceMethod;
use super::progress::{Progress, Status};
use super::result::Chance;
use crate::base::arithmetic::Arithmetic;
use crate::base::locale::Locale;
use crate::base::number::{grouped, Dec};
use rust_decimal::Decimal;

/// An amount as the decomposition's sentences write it: grouped in thousands (`1,250,000.00`).
fn n(d: Dec) -> String {
    grouped(d.0)
}

/// A rate as a percentage with 2 places, grouped like amounts (`0.4737` → `47.37%`,
/// `12.5` → `1,250.00%`).
fn pct(d: Dec) -> String {
    let mut p = d.0.mul_checked(Decimal::ONE_HUNDRED).unwrap_or_default().round_dp(2);
    p.rescale(2);
    format!("{}%", grouped(p))
}

/// The sentences for one rep or the team.
pub fn sentences(
    who: &str,
    days: &WorkdayCount,
    as_of: &str,
    p: &Progress,
    pipe: &Pipeline,
    chance: &Chance,
    locale: Locale,
) -> Vec<String> {
    let mut out = vec![days_line(who, days, as_of, p, locale), gap_line(p, locale), rate_line(p, days, locale)];
    out.push(pipeline_line(pipe, locale));
    out.push(chance_line(chance, locale));
    if let Some(keys) = key_line(chance, locale) {
        out.push(keys);
    }
    out
}

fn days_line(who: &str, d: &WorkdayCount, as_of: &str, p: &Progress, locale: Locale) -> String {
    let (e, t, exp, share) = (d.elapsed, d.total, n(p.expected_to_date), pct(p.expected_attainment));
    let (h, m) = (d.holidays, d.makeup_workdays);
    if locale == Locale::ZhCn {
        format!("{who}：截至 {as_of}，本期 {t} 个工作日（已扣除 {h} 个节假日、计入 {m} 个调休工作日）已过 {e} 个，按进度应完成目标 {} 的 {share}，即 {exp}。", n(p.target))
    } else {
        let plural = |k: u32, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let passed = if e == 1 { "has" } else { "have" };
        let (h, m) = (plural(h, "holiday", "holidays"), plural(m, "makeup workday", "makeup workdays"));
        format!("{who}: as of {as_of}, {e} of the period's {t} working days {passed} passed ({h} off, {m} counted), so {share} of the target {}, {exp}, is expected by now.", n(p.target))
    }
}

fn gap_line(p: &Progress, locale: Locale) -> String {
    let att = p.attainment.map(pct).unwrap_or_else(|| "—".into());
    let (a, gap) = (n(p.actual), Dec(p.pace_gap.0.abs()));
    match (p.status, locale) {
        (Status::Achieved, Locale::ZhCn) => format!("实际完成 {a}，达成率 {att}，已完成目标。"),
        (Status::Achieved, Locale::En) => format!("Actual {a} is {att} of target: the target is reached."),
        (Status::OnTrack, Locale::ZhCn) => format!("实际完成 {a}，达成率 {att}，领先进度 {}。", n(gap)),
        (Status::OnTrack, Locale::En) => format!("Actual {a} is {att} of target, {} ahead of pace.", n(gap)),
        (Status::Behind, Locale::ZhCn) => format!("实际完成 {a}，达成率 {att}，落后进度 {}。", n(gap)),
        (Status::Behind, Locale::En) => format!("Actual {a} is {att} of target, {} behind pace.", n(gap)),
    }
}

fn rate_line(p: &Progress, d: &WorkdayCount, locale: Locale) -> String {
    let left = d.remaining;
    let need = match (&p.required_daily_rate, locale) {
        _ if p.remaining.0.is_zero() && locale == Locale::ZhCn => "无需再完成".to_string(),
        _ if p.remaining.0.is_zero() => "nothing more is needed".to_string(),
        (Some(r), Locale::ZhCn) => format!("还差 {}，剩余 {left} 个工作日需日均 {}", n(p.remaining), n(*r)),
        (Some(r), Locale::En) => {
            format!("{} remains over {left} working days: {} a day is needed", n(p.remaining), n(*r))
        }
        (None, Locale::ZhCn) => format!("还差 {}，但已没有剩余工作日", n(p.remaining)),
        (None, Locale::En) => format!("{} remains with no working day left", n(p.remaining)),
    };
    match (p.current_daily_rate, p.run_rate_forecast, locale) {
        (Some(c), Some(f), Locale::ZhCn) => format!("{need}；当前日均 {}，按此速度预计全期完成 {}。", n(c), n(f)),
        (Some(c), Some(f), Locale::En) => format!("{need}; at the current {} a day the period ends at {}.", n(c), n(f)),
        (_, _, Locale::ZhCn) => format!("{need}；尚无已过的工作日，无法按当前速度预测。"),
        (_, _, Locale::En) => format!("{need}; no working day has passed yet, so there is no run rate."),
    }
}

fn pipeline_line(pipe: &Pipeline, locale: Locale) -> String {
    let later = pipe.later_deals;
    let fa = pipe.forecast_attainment.map(pct).unwrap_or_else(|| "—".into());
    let (k, open, w, f) = (pipe.deals, n(pipe.open_amount), n(pipe.weighted), n(pipe.forecast));
    match locale {
        Locale::ZhCn if later > 0 => format!("本期在途商机 {k} 个，金额 {open}，按赢率加权 {w}，加权预测 {f}（{fa}）；另有 {later} 个预计下期成交，未计入。"),
        Locale::ZhCn => format!("本期在途商机 {k} 个，金额 {open}，按赢率加权 {w}，加权预测 {f}（{fa}）。"),
        Locale::En => {
            let deals = if k == 1 { "1 open deal closes".to_string() } else { format!("{k} open deals close") };
            let rest = match later {
                0 => String::new(),
                1 => "; 1 more closes later and is left out".to_string(),
                _ => format!("; {later} more close later and are left out"),
            };
            format!("{deals} this period ({open}), {w} weighted by win probability: a pipeline forecast of {f} ({fa}){rest}.")
        }
    }
}

fn chance_line(c: &Chance, locale: Locale) -> String {
    let (p, s) = (pct(c.probability), n(c.expected_shortfall));
    let bound = pct(Dec(c.error_bound.0));
    match (c.method, locale) {
        (ChanceMethod::Reached, Locale::ZhCn) => "目标已达成，达成概率为 100%。".into(),
        (ChanceMethod::Reached, Locale::En) => "The target is reached: the chance is 100%.".into(),
        (ChanceMethod::OutOfReach, Locale::ZhCn) => format!("即使在途商机全部赢单也无法达成目标，概率为 0，预期缺口 {s}。"),
        (ChanceMethod::OutOfReach, Locale::En) => {
            format!("Even winning every open deal falls short: the chance is 0, expected shortfall {s}.")
        }
        (ChanceMethod::Exact, Locale::ZhCn) => format!("按各商机赢率精确计算，达成目标的概率为 {p}，预期缺口 {s}。"),
        (ChanceMethod::Exact, Locale::En) => {
            format!("From each deal's win probability, the chance of reaching the target is {p} (exact), expected shortfall {s}.")
        }
        (ChanceMethod::Bounded, Locale::ZhCn) => format!("按各商机赢率计算，达成目标的概率约为 {p}（误差不超过 {bound}），预期缺口约 {s}。"),
        (ChanceMethod::Bounded, Locale::En) => format!(
            "From each deal's win probability, the chance of reaching the target is about {p} (within {bound}), expected shortfall about {s}."
        ),
    }
}

fn key_line(c: &Chance, locale: Locale) -> Option<String> {
    let parts: Vec<String> = c
        .key_deals
        .iter()
        .take(3)
        .map(|k| {
            if locale == Locale::ZhCn {
                format!("{}（{}，赢单则 {}、丢单则 {}）", k.name, n(k.amount), pct(k.if_won), pct(k.if_lost))
            } else {
                format!("{} ({}: {} if won, {} if lost)", k.name, n(k.amount), pct(k.if_won), pct(k.if_lost))
            }
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(if locale == Locale::ZhCn {
        format!("影响最大的商机：{}。", parts.join("；"))
    } else {
        format!("The deals that matter most: {}.", parts.join("; "))
    })
}
