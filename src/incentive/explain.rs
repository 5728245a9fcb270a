//! Statement lines as sentences in zh-CN and en.

use super::statement::{LineKind, Statement, StatementLine};
use crate::base::arithmetic::Arithmetic;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;

use crate::base::number::approx_text as shown;

fn n(d: Option<Dec>) -> String {
    d.map(|d| shown(d.0)).unwrap_or_default()
}

/// A fraction as a percent (`0.05` → `5%`).
fn pct(d: Option<Dec>) -> String {
    let p = d.and_then(|d| d.0.mul_checked(Decimal::ONE_HUNDRED)).unwrap_or_default();
    format!("{}%", shown(p))
}

/// The sentence for one line, with the rounding difference when there is one.
pub fn line(l: &StatementLine, locale: Locale) -> String {
    let body = body(l, locale);
    let marks = marks(l, locale);
    let diff = if l.rounding_diff.0.is_zero() {
        String::new()
    } else if locale == Locale::ZhCn {
        format!("（舍入 {}）", signed(l.rounding_diff.0))
    } else {
        format!(" (rounding {})", signed(l.rounding_diff.0))
    };
    format!("{body}{marks}{diff}")
}

/// ` name`, or nothing for no name.
fn spaced(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" {name}")
    }
}

fn signed(d: Decimal) -> String {
    if d.is_sign_negative() {
        shown(d)
    } else {
        format!("+{}", shown(d))
    }
}

fn body(l: &StatementLine, locale: Locale) -> String {
    let (exact, base, rate) = (n(Some(l.exact)), n(l.base), pct(l.rate));
    let c = &match (l.kind, &l.name, &l.transaction) {
        (LineKind::Slice | LineKind::EarlierSlice, Some(rule), Some(t)) => format!("{}·{rule} [{t}]", l.component),
        (LineKind::Slice | LineKind::EarlierSlice, Some(rule), None) => format!("{}·{rule}", l.component),
        _ => l.component.to_string(),
    };
    let name = l.name.as_deref().unwrap_or("");
    let tier = l.tier.map(|t| t.saturating_add(1)).unwrap_or_default();
    let (from, to) = (n(l.from), n(l.to));
    match (l.kind, locale) {
        (LineKind::Slice, Locale::ZhCn) => format!("{c} 第{tier}档位 {from}–{to}：{base} × {rate} = {exact}"),
        (LineKind::Slice, Locale::En) => format!("{c} tier {tier} {from}–{to}: {base} × {rate} = {exact}"),
        (LineKind::EarlierSlice, Locale::ZhCn) => {
            format!("{c} 前期已按第{tier}档位计提的 {to} 冲回：{base} × {rate} = {exact}")
        }
        (LineKind::EarlierSlice, Locale::En) => {
            format!("{c} earlier {to} already paid at tier {tier}, taken back: {base} × {rate} = {exact}")
        }
        (LineKind::Curve, Locale::ZhCn) => {
            format!("{c} 达成率 {}%：目标奖金 {base} × 支付比例 {rate} = {exact}", n(l.attainment))
        }
        (LineKind::Curve, Locale::En) => {
            format!("{c} at {}% attainment: target bonus {base} × payout {rate} = {exact}", n(l.attainment))
        }
        (LineKind::Multiplier, Locale::ZhCn) => {
            format!("{c} × {name} {}：{base} × ({} − 1) = {exact}", n(l.multiplier), n(l.multiplier))
        }
        (LineKind::Multiplier, Locale::En) => {
            format!("{c} × {name} {}: {base} × ({} − 1) = {exact}", n(l.multiplier), n(l.multiplier))
        }
        (LineKind::Spiff, Locale::ZhCn) => format!("{c}：{base} 次 × {} = {exact}", n(l.rate)),
        (LineKind::Spiff, Locale::En) => format!("{c}: {base} event(s) × {} = {exact}", n(l.rate)),
        (LineKind::Objective, Locale::ZhCn) => format!("{c} {name}：{base} × 达成 {rate} = {exact}"),
        (LineKind::Objective, Locale::En) => format!("{c} {name}: {base} × achievement {rate} = {exact}"),
        (LineKind::DrawAdvance, Locale::ZhCn) => format!("{c} 保底补足：{exact}"),
        (LineKind::DrawAdvance, Locale::En) => format!("{c} draw advance: {exact}"),
        (LineKind::DrawRecovery, Locale::ZhCn) => format!("{c} 预支追回（余额 {base}）：{exact}"),
        (LineKind::DrawRecovery, Locale::En) => format!("{c} draw recovered (balance {base}): {exact}"),
        (LineKind::TrueUp, Locale::ZhCn) => format!("{c} 补差：重算累计 {base} − 已发放 {from} = {exact}"),
        (LineKind::TrueUp, Locale::En) => format!("{c} true-up: recomputed {base} − paid to date {from} = {exact}"),
        (LineKind::Pool, Locale::ZhCn) => format!("{c}{}：奖金池 {base} × 占比 {rate} = {exact}", spaced(name)),
        (LineKind::Pool, Locale::En) => format!("{c}{}: pool {base} × share {rate} = {exact}", spaced(name)),
        (LineKind::Holdback, Locale::ZhCn) => format!("{c} 暂扣 {rate}：{base} × {rate} = {exact}"),
        (LineKind::Holdback, Locale::En) => format!("{c} holdback {rate}: {base} × {rate} = {exact}"),
        (LineKind::HoldbackRelease, Locale::ZhCn) => format!("{c} 释放前期暂扣：{exact}"),
        (LineKind::HoldbackRelease, Locale::En) => format!("{c} earlier holdback released: {exact}"),
        (LineKind::PaidToDate, Locale::ZhCn) => format!("{c} 重算累计 {base}，减去已发放：{exact}"),
        (LineKind::PaidToDate, Locale::En) => format!("{c} recomputed to date {base}, less paid to date: {exact}"),
        (LineKind::Adjustment, Locale::ZhCn) => format!("{c}：{exact}"),
        (LineKind::Adjustment, Locale::En) => format!("{c}: {exact}"),
    }
}

/// Gate and cap marks.
fn marks(l: &StatementLine, locale: Locale) -> String {
    let mut out = String::new();
    match (l.gate_passed, locale) {
        (Some(true), Locale::ZhCn) => out.push_str("，门槛已达成"),
        (Some(false), Locale::ZhCn) => out.push_str("，未达门槛"),
        (Some(true), Locale::En) => out.push_str(", gate passed"),
        (Some(false), Locale::En) => out.push_str(", gate not passed"),
        (None, _) => {}
    }
    if l.cap_hit {
        out.push_str(if locale == Locale::ZhCn { "，已封顶" } else { ", capped" });
    }
    out
}

/// The total as a sentence.
pub fn total(s: &Statement, locale: Locale) -> String {
    let (total, exact, diff) = (s.total.0, shown(s.exact_total.0), s.rounding_difference.0);
    let code = &s.currency.code;
    let note = match (diff.is_zero(), locale) {
        (true, _) => String::new(),
        (false, Locale::ZhCn) => format!("；逐行舍入与合计舍入相差 {}", signed(diff)),
        (false, Locale::En) => format!("; rounding line by line differs from rounding the total by {}", signed(diff)),
    };
    if locale == Locale::ZhCn {
        format!("合计 {total} {code}（精确值 {exact}）{note}")
    } else {
        format!("total {total} {code} (exact {exact}){note}")
    }
}
