//! Why each node got its amount, in words (zh-CN and en): the basis and its measure, the
//! availability of a person (ramp, proration), the share of the pool, the rounding to the unit,
//! or the lock or bound that decided it, and the commitment gap.

use super::constraints::Rule;
use super::result::{Commitment, Why};
use crate::base::locale::Locale;
use crate::base::number::Dec;

use crate::base::number::grouped as group;

fn g(d: Option<Dec>) -> String {
    d.map(|d| group(d.0)).unwrap_or_default()
}

fn basis_name(basis: &str, locale: Locale) -> &'static str {
    let (zh, en) = match basis {
        "equal" => ("平均分配", "equal shares"),
        "history" => ("历史份额", "historical share"),
        "potential" => ("市场潜力", "market potential"),
        "capacity" => ("人力产能（人数 × 档位系数）", "capacity (headcount × tier factor)"),
        "weights" => ("自定义权重", "custom weights"),
        _ => ("混合依据", "a blended basis"),
    };
    locale.pick(zh, en)
}

/// One sentence (or two, with a commitment) about a node whose amount `rule` decided.
pub fn sentence(
    name: &str,
    amount: Dec,
    unit: Dec,
    rule: Rule,
    why: &Why,
    commitment: Option<&Commitment>,
    locale: Locale,
) -> String {
    let basis = why.basis.map(|b| basis_name(b, locale)).unwrap_or_default();
    let amount = group(amount.0);
    let mut text = match (rule, locale) {
        (Rule::Total, Locale::ZhCn) => format!("{name}：总目标 {amount}。"),
        (Rule::Total, Locale::En) => format!("{name}: the total target, {amount}."),
        (Rule::Locked, Locale::ZhCn) => format!("{name}：手工锁定为 {amount}，上级其余金额由未锁定的同级分配。"),
        (Rule::Locked, Locale::En) => format!("{name}: locked at {amount}; the unlocked siblings share the rest."),
        (Rule::Min, Locale::ZhCn) => format!("{name}：按{basis}的份额低于下限，取下限 {amount}。"),
        (Rule::Min, Locale::En) => {
            format!("{name}: its share by {basis} would be below its minimum, so it gets the minimum, {amount}.")
        }
        (Rule::Max, Locale::ZhCn) => format!("{name}：按{basis}的份额高于上限，取上限 {amount}。"),
        (Rule::Max, Locale::En) => {
            format!("{name}: its share by {basis} would be above its maximum, so it gets the maximum, {amount}.")
        }
        (Rule::Share, Locale::ZhCn) => {
            let avail = why.availability.map(|a| format!("，在岗与爬坡系数 {}%", group(a.0))).unwrap_or_default();
            format!(
                "{name}：按{basis}分配，基数 {}{avail}，权重占 {}%，{} × {}% = {}；按单位 {} 以最大余数法舍入 {}，得 {amount}。",
                g(why.base), g(why.weight_share), g(why.pool), g(why.weight_share), g(why.ideal), group(unit.0), signed(why.rounding)
            )
        }
        (Rule::Share, Locale::En) => {
            let avail = why.availability.map(|a| format!(", availability {}%", group(a.0))).unwrap_or_default();
            format!(
                "{name}: by {basis}, base {}{avail}, weight {}% of the pool: {} × {}% = {}; rounded to the unit {} by largest remainder {}, giving {amount}.",
                g(why.base), g(why.weight_share), g(why.pool), g(why.weight_share), g(why.ideal), group(unit.0), signed(why.rounding)
            )
        }
    };
    if !why.ramp.is_empty() {
        let steps: Vec<String> = why.ramp.iter().map(|r| format!("{}%", group(r.0))).collect();
        text.push_str(&if locale == Locale::ZhCn {
            format!("新人爬坡（逐月）：{}。", steps.join(" / "))
        } else {
            format!(" Ramp by month: {}.", steps.join(" / "))
        });
    }
    if !why.seasonality.is_empty() {
        let months: Vec<String> = why.seasonality.iter().map(|p| group(p.0)).collect();
        text.push_str(&if locale == Locale::ZhCn {
            format!("季节性取自期间前 12 个月的历史（1–12 月占全年 %）：{}。", months.join(" / "))
        } else {
            format!(" Seasonality from the history of the twelve months before the period (January–December, % of the year): {}.", months.join(" / "))
        });
    }
    if let Some(c) = commitment {
        let coverage = c.coverage.map(|v| format!("{}%", group(v.0))).unwrap_or_else(|| "—".into());
        let partial = c.source == super::result::CommitmentSource::Partial;
        text.push_str(&match (locale, partial) {
            (Locale::ZhCn, false) => {
                format!("承诺 {}，差额 {}，覆盖目标 {coverage}。", group(c.submitted.0), signed(Some(c.gap)))
            }
            (Locale::ZhCn, true) => format!(
                "已提交承诺合计 {}（部分下级未提交），差额 {}，覆盖目标 {coverage}。",
                group(c.submitted.0),
                signed(Some(c.gap))
            ),
            (Locale::En, false) => {
                format!(" Committed {}, gap {}, {coverage} of the target.", group(c.submitted.0), signed(Some(c.gap)))
            }
            (Locale::En, true) => format!(
                " Committed {} (some children committed nothing), gap {}, {coverage} of the target.",
                group(c.submitted.0),
                signed(Some(c.gap))
            ),
        });
    }
    text
}

fn signed(d: Option<Dec>) -> String {
    match d {
        Some(d) if d.0.is_sign_positive() => format!("+{}", group(d.0)),
        Some(d) => group(d.0),
        None => String::new(),
    }
}
