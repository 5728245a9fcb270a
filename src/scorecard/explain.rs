//! The scorecard as sentences, in 中文 or English: one per indicator, and a summary from the
//! weighted points to the grade and the distance to the next one.

use super::result::{IndicatorLine, NextGrade, ScoreResult};
use crate::base::arithmetic::Arithmetic;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use std::fmt::Write;

fn n(d: Dec) -> String {
    d.0.normalize().to_string()
}

fn line_text(l: &IndicatorLine, locale: Locale) -> String {
    let target = l.target.map(n).unwrap_or_default();
    let bound = |i: usize| l.bounds.get(i).map(|b| b.normalize().to_string()).unwrap_or_default();
    let (a, basis) = (n(l.actual), crate::base::number::approx_text(l.basis.0));
    let how = match (l.method, locale) {
        ("ratio", Locale::ZhCn) => format!("比率法：实际 {a} ÷ 目标 {target}，取值 {basis}"),
        ("ratio", Locale::En) => format!("ratio: actual {a} ÷ target {target}, taken as {basis}"),
        ("linear", Locale::ZhCn) => format!("线性：实际 {a}，门槛 {} 得最低分、挑战 {} 得满分", bound(0), bound(1)),
        ("linear", Locale::En) => format!("linear: actual {a}, threshold {} to stretch {}", bound(0), bound(1)),
        ("steps", Locale::ZhCn) => format!("阶梯：按 {basis} 所在档位"),
        ("steps", Locale::En) => format!("steps: band reached by {basis}"),
        ("lowerIsBetter", Locale::ZhCn) => {
            format!("越低越好：(基准 {} − 实际 {a}) ÷ (基准 {} − 目标 {target})，取值 {basis}", bound(0), bound(0))
        }
        ("lowerIsBetter", Locale::En) => format!(
            "lower is better: (base {} − actual {a}) ÷ (base {} − target {target}), taken as {basis}",
            bound(0),
            bound(0)
        ),
        ("rating", Locale::ZhCn) => format!("评分：{a} 分"),
        ("rating", Locale::En) => format!("rating: {a}"),
        (_, Locale::ZhCn) => {
            if l.actual.0.is_zero() {
                "达标制：未达标".to_string()
            } else {
                "达标制：达标".to_string()
            }
        }
        (_, Locale::En) => {
            if l.actual.0.is_zero() {
                "pass/fail: failed".to_string()
            } else {
                "pass/fail: passed".to_string()
            }
        }
    };
    if locale == Locale::ZhCn {
        format!("{}（{how}）→ {} 分 × 权重 {}% = {} 分", l.id, n(l.points), n(l.weight), n(l.weighted))
    } else {
        format!("{} ({how}) → {} points × weight {}% = {}", l.id, n(l.points), n(l.weight), n(l.weighted))
    }
}

impl ScoreResult {
    /// Fills in the sentences: one per indicator, then the summary in the order the score is
    /// computed (profile and weighted points, adjustments and team blend, gates and vetoes,
    /// total and grade, the way to the next grade).
    pub fn explain(&mut self, locale: Locale) {
        for l in &mut self.indicators {
            l.text = Some(line_text(l, locale));
        }
        let mut t = String::new();
        weighted_points(self, locale, &mut t);
        adjustments(self, locale, &mut t);
        gates_and_vetoes(self, locale, &mut t);
        grade(self, locale, &mut t);
        if let Some(next) = &self.next_grade {
            next_grade(next, locale, &mut t);
        }
        self.text = Some(t);
        if let Some(points) = &mut self.points {
            points.explain(locale);
        }
    }
}

/// The profile (and phase), the weighted points and the rounding difference of the lines.
fn weighted_points(r: &ScoreResult, locale: Locale, t: &mut String) {
    let phase = r
        .phase
        .as_deref()
        .map(|p| if locale == Locale::ZhCn { format!("（{p}）") } else { format!(" ({p})") })
        .unwrap_or_default();
    let _ = if locale == Locale::ZhCn {
        write!(t, "档案 {}{phase}：各项加权合计 {} 分", r.profile, n(r.base))
    } else {
        write!(t, "Profile {}{phase}: weighted points {}", r.profile, n(r.base))
    };
    if let Some(d) = r.rounding_difference {
        let lines = r.base.0.sub_checked(d.0).map(|x| x.normalize().to_string()).unwrap_or_default();
        let _ = if locale == Locale::ZhCn {
            write!(t, "（按未舍入的各项相加；各项显示值之和为 {lines}，差 {} 来自舍入）", n(d))
        } else {
            write!(t, " (from the unrounded lines; the lines as shown add up to {lines}, {} apart by rounding)", n(d))
        };
    }
}

/// The adjustments that changed the points, then the blend with the team.
fn adjustments(r: &ScoreResult, locale: Locale, t: &mut String) {
    for a in r.adjustments.iter().filter(|a| !a.applied.0.is_zero()) {
        let capped = match (a.capped, locale) {
            (true, Locale::ZhCn) => format!("（原为 {}，已按上下限截取）", n(a.raw)),
            (true, Locale::En) => format!(" (was {}, bounded)", n(a.raw)),
            _ => String::new(),
        };
        let sign = if a.applied.0 > Decimal::ZERO { "+" } else { "" };
        let sep = if locale == Locale::ZhCn { "；" } else { "; " };
        let _ = write!(t, "{sep}{} {sign}{}{capped}", a.id, n(a.applied));
    }
    if let Some(team) = r.team {
        let _ = if locale == Locale::ZhCn {
            write!(t, "；个人 {} 与团队 {} 融合", n(r.individual), n(team))
        } else {
            write!(t, "; individual {} blended with team {}", n(r.individual), n(team))
        };
    }
}

/// The gates that capped the score and the vetoes triggered.
fn gates_and_vetoes(r: &ScoreResult, locale: Locale, t: &mut String) {
    for g in r.gates.iter().filter(|g| g.capped) {
        let _ = if locale == Locale::ZhCn {
            write!(t, "；{} 触发，封顶 {} 分", g.id, n(g.cap))
        } else {
            write!(t, "; gate {} closed: capped at {}", g.id, n(g.cap))
        };
    }
    for v in r.vetoes.iter().filter(|v| v.triggered) {
        let _ =
            if locale == Locale::ZhCn { write!(t, "；一票否决 {}", v.id) } else { write!(t, "; veto {}", v.id) };
    }
}

/// The total, the grade and its coefficient.
fn grade(r: &ScoreResult, locale: Locale, t: &mut String) {
    let _ = if locale == Locale::ZhCn {
        write!(t, "；总分 {}，等级 {}（系数 {}）", n(r.total), r.grade, n(r.coefficient))
    } else {
        write!(t, "; total {}, grade {} (coefficient {})", n(r.total), r.grade, n(r.coefficient))
    };
}

/// What keeps the next grade out of reach, or the points still needed and the ways to make
/// them up through one indicator.
fn next_grade(next: &NextGrade, locale: Locale, t: &mut String) {
    match (&next.blocked_by, locale) {
        (Some(b), Locale::ZhCn) => {
            let _ = write!(t, "；受 {b} 限制，暂无法升至 {}", next.grade);
        }
        (Some(b), Locale::En) => {
            let _ = write!(t, "; {} is out of reach because of {b}", next.grade);
        }
        (None, _) => {
            let ways: Vec<String> = next
                .options
                .iter()
                .map(|o| {
                    let verb = match (o.change.0 >= Decimal::ZERO, locale) {
                        (true, Locale::ZhCn) => "再增加",
                        (false, Locale::ZhCn) => "减少",
                        (true, Locale::En) => "+",
                        (false, Locale::En) => "",
                    };
                    let amount = if locale == Locale::ZhCn { n(Dec(o.change.0.abs())) } else { n(o.change) };
                    if locale == Locale::ZhCn {
                        format!("{} {verb} {amount}", o.indicator)
                    } else {
                        format!("{} {verb}{amount}", o.indicator)
                    }
                })
                .collect();
            // Without a way through one indicator alone (each is capped short of it),
            // the gap is said as it is rather than followed by an empty list.
            let _ = match (locale, ways.is_empty()) {
                (Locale::ZhCn, false) => {
                    write!(t, "；距 {} 还差 {} 分：{}", next.grade, n(next.points_needed), ways.join("，或 "))
                }
                (Locale::ZhCn, true) => {
                    write!(t, "；距 {} 还差 {} 分，单靠任何一项指标都补不上", next.grade, n(next.points_needed))
                }
                (Locale::En, false) => {
                    write!(t, "; {} more points to {}: {}", n(next.points_needed), next.grade, ways.join(", or "))
                }
                (Locale::En, true) => write!(
                    t,
                    "; {} more points to {}, more than any one indicator can add",
                    n(next.points_needed),
                    next.grade
                ),
            };
        }
    }
}
