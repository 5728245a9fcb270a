//! The one catalogue of diagnostic messages and hints, in zh-CN and en. Names from the plan are
//! quoted “so”; plan keys are written `so`; the Chinese texts use no other Latin letters.

use super::{DiagnosticDetail, PoolReason, SpiffReason};
use crate::base::arithmetic::Arithmetic;
use crate::base::locale::Locale;
use crate::base::number::{approx_text, grouped, Dec};
use rust_decimal::Decimal;

/// A number as sentences write it.
fn n(d: &Dec) -> String {
    approx_text(d.0)
}

/// An amount as sentences write it, thousands grouped: 50,000.
fn amount(d: &Dec) -> String {
    if d.0.round_dp(4) == d.0 {
        grouped(d.0.normalize())
    } else {
        approx_text(d.0)
    }
}

/// `d × 100`, as a number.
fn hundredfold(d: &Dec) -> String {
    d.0.mul_checked(Decimal::ONE_HUNDRED).map_or_else(|| n(d), approx_text)
}

/// Names joined as a list: “a”, “b”.
fn names(list: &[String], locale: Locale) -> String {
    let quoted: Vec<String> = list.iter().map(|s| format!("“{s}”")).collect();
    quoted.join(if locale == Locale::ZhCn { "、" } else { ", " })
}

/// The message for a diagnostic's facts in a locale.
pub(super) fn message(detail: &DiagnosticDetail, locale: Locale) -> String {
    match detail {
        DiagnosticDetail::RuleShadowed { component, rule, by } if locale == Locale::ZhCn => {
            format!("“{component}”的规则“{rule}”永远不会生效：它能匹配的金额都先被排在前面的{}取走", names(by, Locale::ZhCn))
        }
        DiagnosticDetail::RuleShadowed { component, rule, by } => format!(
            "rule “{rule}” of “{component}” is never reached: the rules tried before it ({}) take everything it would match",
            names(by, Locale::En)
        ),
        DiagnosticDetail::RuleNeverMatches { component, rule, column } if locale == Locale::ZhCn => format!(
            "“{component}”的规则“{rule}”按{}筛选，但 `incentive.transactions` 没有声明 `{column}` 列，因此匹配不到任何交易",
            column_zh(column)
        ),
        DiagnosticDetail::RuleNeverMatches { component, rule, column } => format!(
            "rule “{rule}” of “{component}” filters by {}, but `incentive.transactions` declares no `{column}` column, so it matches nothing",
            column_en(column)
        ),
        DiagnosticDetail::CurveCliff { component, from, to, rise, threshold } => curve_cliff(component, from, to, rise, threshold, locale),
        DiagnosticDetail::TableCliff { component, rule, bound, rate_below, rate_above, jump, .. } => {
            let (b, r0, r1) = (amount(bound), n(rate_below), n(rate_above));
            match (jump, locale) {
                (Some(j), Locale::ZhCn) => format!(
                    "“{component}”的规则“{rule}”按全额累进：达到 {b} 时整笔金额的比例从 {r0} 升到 {r1}，提成比刚低于该点时跳升 {}%",
                    n(j)
                ),
                (None, Locale::ZhCn) => format!(
                    "“{component}”的规则“{rule}”按全额累进：达到 {b} 时整笔金额的比例从 {r0} 升到 {r1}，提成从零陡然跳升"
                ),
                (Some(j), Locale::En) => format!(
                    "rule “{rule}” of “{component}” is retroactive: reaching {b} raises the rate on the whole amount from {r0} to {r1}, so the payout jumps by {}% of what was paid just below",
                    n(j)
                ),
                (None, Locale::En) => format!(
                    "rule “{rule}” of “{component}” is retroactive: reaching {b} raises the rate on the whole amount from {r0} to {r1}, so the payout jumps up from nothing"
                ),
            }
        }
        DiagnosticDetail::CurveDecreases { component, from, to, payout_from, payout_to } if locale == Locale::ZhCn => format!(
            "“{component}”的发放比例随达成率上升而下降：达成率 {}% 时为目标奖金的 {}%，{}% 时为 {}%",
            n(from),
            n(payout_from),
            n(to),
            n(payout_to)
        ),
        DiagnosticDetail::CurveDecreases { component, from, to, payout_from, payout_to } => format!(
            "“{component}” pays less as attainment rises: {}% of the target bonus at {}% attainment, {}% at {}%",
            n(payout_from),
            n(from),
            n(payout_to),
            n(to)
        ),
        DiagnosticDetail::TableDecreases { component, rule, bound, rate_below, rate_above, .. } if locale == Locale::ZhCn => format!(
            "“{component}”的规则“{rule}”在 {} 附近多卖反而少拿：整笔金额的比例从 {} 降到 {}",
            amount(bound),
            n(rate_below),
            n(rate_above)
        ),
        DiagnosticDetail::TableDecreases { component, rule, bound, rate_below, rate_above, .. } => format!(
            "in rule “{rule}” of “{component}”, selling more pays less around {}: the rate on the whole amount falls from {} to {}",
            amount(bound),
            n(rate_below),
            n(rate_above)
        ),
        DiagnosticDetail::RateOutlier { component, rule, tier, rate, neighbours } => {
            let list: Vec<String> = neighbours.iter().map(n).collect();
            let tier = tier.saturating_add(1);
            if locale == Locale::ZhCn {
                format!(
                    "“{component}”的规则“{rule}”：第 {tier} 个档位的比例 {} 与相邻档位（{}）相差悬殊，是否输错？",
                    n(rate),
                    list.join("、")
                )
            } else {
                format!(
                    "rule “{rule}” of “{component}”: tier {tier}'s rate {} is far from its {} ({}); a typo?",
                    n(rate),
                    if list.len() == 1 { "neighbour's" } else { "neighbours'" },
                    list.join(", ")
                )
            }
        }
        DiagnosticDetail::FractionAsPercent { owner, key, value, suggested } if locale == Locale::ZhCn => format!(
            "“{owner}”的 `{key}` 为 {}，按小数读即 {}%；是否应为 {}？",
            n(value),
            hundredfold(value),
            n(suggested)
        ),
        DiagnosticDetail::FractionAsPercent { owner, key, value, suggested } => format!(
            "`{key}` of “{owner}” is {}, which is read as a fraction ({}%); did you mean {}?",
            n(value),
            hundredfold(value),
            n(suggested)
        ),
        DiagnosticDetail::PercentAsFraction { owner, key, value, suggested } if locale == Locale::ZhCn => {
            format!("“{owner}”的 `{key}` 为 {v}，按百分数读即 {v}%；是否应为 {}？", n(suggested), v = n(value))
        }
        DiagnosticDetail::PercentAsFraction { owner, key, value, suggested } => format!(
            "`{key}` of “{owner}” is {v}, which is read as a percent ({v}%); did you mean {}?",
            n(suggested),
            v = n(value)
        ),
        DiagnosticDetail::CapBelowGate { component, key, cap, gate, payout_at_gate } => {
            cap_below_gate(component, key, cap, gate, payout_at_gate.as_ref(), locale)
        }
        DiagnosticDetail::SpiffNeverFires { component, reason, column } => {
            let column = column.as_deref().unwrap_or("");
            let why = match (reason, locale) {
                (SpiffReason::ZeroAmount, Locale::ZhCn) => "`amount` 为 0".to_string(),
                (SpiffReason::ZeroAmount, Locale::En) => "its `amount` is 0".to_string(),
                (SpiffReason::ZeroMaxEvents, Locale::ZhCn) => "`maxEvents` 为 0".to_string(),
                (SpiffReason::ZeroMaxEvents, Locale::En) => "its `maxEvents` is 0".to_string(),
                (SpiffReason::NoColumn, Locale::ZhCn) => {
                    format!("它按{}筛选，但 `incentive.transactions` 没有声明 `{column}` 列", column_zh(column))
                }
                (SpiffReason::NoColumn, Locale::En) => format!(
                    "it filters by {}, but `incentive.transactions` declares no `{column}` column",
                    column_en(column)
                ),
                (SpiffReason::NoEvents, Locale::ZhCn) => "`events` 公式的值从不大于 0".to_string(),
                (SpiffReason::NoEvents, Locale::En) => "its `events` formula is never above 0".to_string(),
                (SpiffReason::AlreadyPaid, Locale::ZhCn) => "`alreadyPaid` 公式总是达到本期可发放的次数上限".to_string(),
                (SpiffReason::AlreadyPaid, Locale::En) => {
                    "its `alreadyPaid` formula always reaches the events it may pay in a period".to_string()
                }
            };
            if locale == Locale::ZhCn {
                format!("即时奖励“{component}”永远不会发放：{why}")
            } else {
                format!("SPIFF “{component}” never pays: {why}")
            }
        }
        DiagnosticDetail::PoolEmpty { component, reason: PoolReason::ZeroAmount } if locale == Locale::ZhCn => {
            format!("奖金池“{component}”没有可分配的金额：`amount` 为 0")
        }
        DiagnosticDetail::PoolEmpty { component, reason: PoolReason::ZeroAmount } => {
            format!("pool “{component}” has nothing to share: its `amount` is 0")
        }
        DiagnosticDetail::PoolEmpty { component, reason: PoolReason::NoShares } if locale == Locale::ZhCn => {
            format!("奖金池“{component}”不会分给任何人：`share` 公式的值从不大于 0")
        }
        DiagnosticDetail::PoolEmpty { component, reason: PoolReason::NoShares } => {
            format!("pool “{component}” is never shared: its `share` formula is never above 0, so no rep gets a share")
        }
        DiagnosticDetail::DrawExceedsTargetPay { component, draw, target_pay } if locale == Locale::ZhCn => format!(
            "保底项“{component}”（{}）高于它前面各项在 100% 达成时的收入（{}）：达成目标的销售也只能拿保底",
            amount(draw),
            amount(target_pay)
        ),
        DiagnosticDetail::DrawExceedsTargetPay { component, draw, target_pay } => format!(
            "draw “{component}” ({}) is larger than what the components before it pay at 100% attainment ({}): a rep on target would live on the draw",
            amount(draw),
            amount(target_pay)
        ),
        DiagnosticDetail::GradeUnreachable { grade, from, to, lowest, highest } => {
            grade_unreachable(grade, from.as_ref(), to.as_ref(), lowest, highest.as_ref(), locale)
        }
        DiagnosticDetail::ProfileUnreachable { profile, phase: None, by } if locale == Locale::ZhCn => {
            format!("档案“{profile}”永远不会被选中：排在前面的“{by}”在同样情况下总是先被选中")
        }
        DiagnosticDetail::ProfileUnreachable { profile, phase: None, by } => {
            format!("profile “{profile}” is never chosen: “{by}” comes first and applies whenever it would")
        }
        DiagnosticDetail::ProfileUnreachable { profile, phase: Some(phase), by } if locale == Locale::ZhCn => {
            format!("档案“{profile}”的阶段“{phase}”永远不会被选中：阶段“{by}”条件相同且排在前面")
        }
        DiagnosticDetail::ProfileUnreachable { profile, phase: Some(phase), by } => format!(
            "phase “{phase}” of profile “{profile}” is never chosen: phase “{by}” has the same condition and comes first"
        ),
        DiagnosticDetail::ScoreDecreases { indicator, at: Some(at), points, previous } if locale == Locale::ZhCn => format!(
            "指标“{indicator}”越高得分越低：从 {} 起的档位得 {} 分，低于前一个档位的 {} 分",
            n(at),
            n(points),
            n(previous)
        ),
        DiagnosticDetail::ScoreDecreases { indicator, at: Some(at), points, previous } => format!(
            "indicator “{indicator}” scores less for more: the band from {} gives {} points, fewer than the {} of the band below it",
            n(at),
            n(points),
            n(previous)
        ),
        DiagnosticDetail::ScoreDecreases { indicator, at: None, points, previous } if locale == Locale::ZhCn => format!(
            "指标“{indicator}”越高得分越低：`max_points`（{}）低于 `min_points`（{}）",
            n(points),
            n(previous)
        ),
        DiagnosticDetail::ScoreDecreases { indicator, at: None, points, previous } => format!(
            "indicator “{indicator}” scores less for more: `max_points` ({}) is below `min_points` ({})",
            n(points),
            n(previous)
        ),
        DiagnosticDetail::CoefficientDecreases { grade, coefficient, worse, worse_coefficient } if locale == Locale::ZhCn => format!(
            "等级“{grade}”的绩效系数（{}）低于更差的等级“{worse}”（{}）：等级越好奖金反而越少",
            n(coefficient),
            n(worse_coefficient)
        ),
        DiagnosticDetail::CoefficientDecreases { grade, coefficient, worse, worse_coefficient } => format!(
            "grade “{grade}” has a lower coefficient ({}) than the worse grade “{worse}” ({}): a better grade pays less",
            n(coefficient),
            n(worse_coefficient)
        ),
        DiagnosticDetail::WeightZero { profile, phase, indicator } if locale == Locale::ZhCn => {
            let phase = phase.as_ref().map(|p| format!("的阶段“{p}”")).unwrap_or_default();
            format!("指标“{indicator}”在档案“{profile}”{phase}中权重为 0：会计分但不计入总分")
        }
        DiagnosticDetail::WeightZero { profile, phase, indicator } => {
            let phase = phase.as_ref().map(|p| format!(", phase “{p}”")).unwrap_or_default();
            format!("indicator “{indicator}” has weight 0 in profile “{profile}”{phase}: it is scored but counts for nothing")
        }
        DiagnosticDetail::ObjectiveWeightZero { component, objective } if locale == Locale::ZhCn => {
            format!("目标管理“{component}”的目标“{objective}”权重为 0：不会带来任何奖金")
        }
        DiagnosticDetail::ObjectiveWeightZero { component, objective } => {
            format!("objective “{objective}” of MBO “{component}” has weight 0: it pays nothing")
        }
        DiagnosticDetail::IndicatorUnused { indicator } if locale == Locale::ZhCn => {
            format!("指标“{indicator}”已声明，但没有任何档案或阶段为它分配权重")
        }
        DiagnosticDetail::IndicatorUnused { indicator } => {
            format!("indicator “{indicator}” is declared but no profile or phase weighs it")
        }
        DiagnosticDetail::FieldUnused { field } if locale == Locale::ZhCn => format!("字段“{field}”已声明，但没有任何公式读取它"),
        DiagnosticDetail::FieldUnused { field } => format!("field “{field}” is declared but no formula reads it"),
        DiagnosticDetail::RoundingFinerThanCurrency { currency, scale, currency_scale } if locale == Locale::ZhCn => format!(
            "金额保留 {scale} 位小数，但“{currency}”的最小单位只有 {currency_scale} 位小数：金额会出现不足最小单位的零头"
        ),
        DiagnosticDetail::RoundingFinerThanCurrency { currency, scale, currency_scale } => format!(
            "money is rounded to {scale} decimals, but “{currency}” has {currency_scale}: amounts would show fractions of its smallest unit"
        ),
    }
}

fn column_zh(column: &str) -> &'static str {
    if column == "product" {
        "产品线"
    } else {
        "客户类型"
    }
}

fn column_en(column: &str) -> &'static str {
    if column == "product" {
        "product line"
    } else {
        "customer type"
    }
}

fn curve_cliff(component: &str, from: &Dec, to: &Dec, rise: &Dec, threshold: &Dec, locale: Locale) -> String {
    let (f, t, r, x) = (n(from), n(to), n(rise), n(threshold));
    match (from == to, locale) {
        (true, Locale::ZhCn) => format!(
            "“{component}”在达成率低于 {f}% 时不发放，达到 {f}% 即发放目标奖金的 {r}%：在一个点上跳升超过目标奖金的 {x}%"
        ),
        (true, Locale::En) => format!(
            "“{component}” pays nothing below {f}% attainment and {r}% of the target bonus at {f}%: a jump of more than {x}% of the target bonus at one point"
        ),
        (false, Locale::ZhCn) => format!(
            "“{component}”的发放比例在达成率 {f}% 到 {t}% 之间上升目标奖金的 {r}%，一个百分点内的涨幅超过目标奖金的 {x}%"
        ),
        (false, Locale::En) => format!(
            "“{component}”'s payout rises by {r}% of the target bonus between {f}% and {t}% attainment, more than {x}% of it within one point of attainment"
        ),
    }
}

fn cap_below_gate(component: &str, key: &str, cap: &Dec, gate: &Dec, paid: Option<&Dec>, locale: Locale) -> String {
    let (c, g) = (n(cap), n(gate));
    match (key, paid, locale) {
        ("cap", Some(p), Locale::ZhCn) => format!(
            "“{component}”的封顶（目标奖金的 {c}%）不高于曲线起付点的发放比例（达成率 {g}% 时为 {}%）：此后无论达成多少都只发 {c}%",
            n(p)
        ),
        ("cap", Some(p), Locale::En) => format!(
            "the cap of “{component}” ({c}% of the target bonus) is at or below what the curve pays where it starts ({}% at {g}% attainment): from there on it pays {c}% whatever the attainment",
            n(p)
        ),
        (_, _, Locale::ZhCn) => format!(
            "“{component}”的达成率封顶（{c}%）不高于曲线的第一个点（{g}%）：计入的达成率到不了曲线上升的部分"
        ),
        (_, _, Locale::En) => format!(
            "the attainment cap of “{component}” ({c}%) is at or below the curve's first point ({g}%): counted attainment never reaches the part where the curve rises"
        ),
    }
}

fn grade_unreachable(
    grade: &str,
    from: Option<&Dec>,
    to: Option<&Dec>,
    lowest: &Dec,
    highest: Option<&Dec>,
    locale: Locale,
) -> String {
    let band = match (from, to, locale) {
        (Some(f), Some(t), _) => format!("{} – {}", n(f), n(t)),
        (Some(f), None, Locale::ZhCn) => format!("{} 及以上", n(f)),
        (Some(f), None, Locale::En) => format!("{} and above", n(f)),
        (None, Some(t), Locale::ZhCn) => format!("低于 {}", n(t)),
        (None, Some(t), Locale::En) => format!("below {}", n(t)),
        (None, None, Locale::ZhCn) => "全部分数".to_string(),
        (None, None, Locale::En) => "every score".to_string(),
    };
    match (highest, locale) {
        (Some(h), Locale::ZhCn) => {
            format!("任何总分都达不到等级“{grade}”（{band}）：总分范围为 {} 至 {}", n(lowest), n(h))
        }
        (Some(h), Locale::En) => {
            format!("no total can reach grade “{grade}” ({band}): totals run from {} to {}", n(lowest), n(h))
        }
        (None, Locale::ZhCn) => format!("任何总分都达不到等级“{grade}”（{band}）：总分至少为 {}", n(lowest)),
        (None, Locale::En) => format!("no total can reach grade “{grade}” ({band}): totals are at least {}", n(lowest)),
    }
}

/// What to do about a diagnostic, in a locale.
pub(super) fn hint(detail: &DiagnosticDetail, locale: Locale) -> String {
    let pick =
        |zh_text: &str, en_text: &str| if locale == Locale::ZhCn { zh_text.to_string() } else { en_text.to_string() };
    match detail {
        DiagnosticDetail::RuleShadowed { .. } => pick(
            "把它的 `priority` 调到它们之上，或收窄它们的 `products` / `customerTypes`；不需要就删除它",
            "raise its `priority` above theirs, or narrow their `products` / `customerTypes`; remove it if it is not needed",
        ),
        DiagnosticDetail::RuleNeverMatches { column, .. } if locale == Locale::ZhCn => {
            format!("在 `incentive.transactions` 中加上 `{column}`（订单里存放该值的列），或去掉这个筛选")
        }
        DiagnosticDetail::RuleNeverMatches { column, .. } => {
            format!("add `{column}` to `incentive.transactions` (the order column holding it), or remove the filter")
        }
        DiagnosticDetail::CurveCliff { .. } => pick(
            "刚好低于该点的销售会少拿一大截奖金；在其下方加一个点让发放比例逐步上升，或降低跳升幅度",
            "a rep just below the step loses a large part of the bonus; add a point below it so the payout ramps up, or make the step smaller",
        ),
        DiagnosticDetail::TableCliff { .. } => pick(
            "改用 `kind: marginal`（超额累进，每段按各自比例）可避免跳升，或缩小相邻档位的比例差",
            "use `kind: marginal` (each slice at its own rate) to pay without a jump, or bring the rates closer",
        ),
        DiagnosticDetail::CurveDecreases { .. } => pick(
            "让每个点的发放比例不低于前一个点（减速只应让曲线变平缓，而不是下降）",
            "give each point a payout at least the previous one's (a decelerator flattens the curve, it does not lower it)",
        ),
        DiagnosticDetail::TableDecreases { .. } => pick(
            "让比例随档位递增，或改用 `kind: marginal`，使较低的比例只作用于超出部分",
            "keep rates rising with the tiers, or use `kind: marginal` so a lower rate applies only to the slice above the bound",
        ),
        DiagnosticDetail::RateOutlier { .. } => {
            pick("检查小数点：比例按小数填写（0.05 即 5%）", "check the decimal point: rates are fractions (0.05 is 5%)")
        }
        DiagnosticDetail::FractionAsPercent { .. } => {
            pick("该值按小数填写：0.05 即 5%，1.2 即 120%", "this value is a fraction: 0.05 is 5%, 1.2 is 120%")
        }
        DiagnosticDetail::PercentAsFraction { .. } => pick(
            "该值按百分数填写：10 即 10%，100 即达成目标",
            "this value is a percent: 10 is 10%, 100 is the quota",
        ),
        DiagnosticDetail::CapBelowGate { .. } => pick(
            "把封顶提高到起付点的发放比例之上（或把达成率封顶移到第一个点之后），或删除封顶",
            "raise the cap above the payout where the curve starts (or the attainment cap past the first point), or remove it",
        ),
        DiagnosticDetail::SpiffNeverFires { .. } => {
            pick("修正这项设置，或删除这项即时奖励", "correct that setting, or remove the SPIFF")
        }
        DiagnosticDetail::PoolEmpty { .. } => pick(
            "设置奖金池的 `amount`，或让 `share` 为每人给出大于 0 的权重（默认按考核总分）",
            "set the pool's `amount`, or make `share` give each rep a weight above 0 (the scorecard total by default)",
        ),
        DiagnosticDetail::DrawExceedsTargetPay { .. } => pick(
            "把保底降到目标收入以下，或检查目标奖金和指标",
            "lower the draw below the pay at target, or check the target bonus and the quota",
        ),
        DiagnosticDetail::GradeUnreachable { .. } => pick(
            "把该等级的区间移到可达范围内，或提高指标的封顶、权重或加分上限",
            "move the band within the reachable totals, or raise the indicators' caps, weights or bonus items",
        ),
        DiagnosticDetail::ProfileUnreachable { .. } => pick(
            "给它一个不同的条件，或把无条件的档案放到最后",
            "give it a condition of its own, or move the profile without a condition last",
        ),
        DiagnosticDetail::ScoreDecreases { .. } => pick(
            "让分数随档位递增；越低越好的指标请用 `lowerIsBetter` 方法",
            "make points rise with the bands; for a lower-is-better indicator use the `lowerIsBetter` method",
        ),
        DiagnosticDetail::CoefficientDecreases { .. } => pick(
            "等级按从好到差排列，绩效系数应依次递减",
            "grades are listed best first; their coefficients should fall in that order",
        ),
        DiagnosticDetail::WeightZero { .. } | DiagnosticDetail::ObjectiveWeightZero { .. } => {
            pick("给它分配权重，或把它从权重表中删除", "give it a weight, or remove it from the weights")
        }
        DiagnosticDetail::IndicatorUnused { .. } => {
            pick("把它加入某个档案的权重表，或删除它", "add it to a profile's weights, or remove it")
        }
        DiagnosticDetail::FieldUnused { .. } => {
            pick("在公式中使用它，或从 `fields` 中删除", "use it in a formula, or remove it from `fields`")
        }
        DiagnosticDetail::RoundingFinerThanCurrency { currency_scale, .. } if locale == Locale::ZhCn => {
            format!("把 `rounding.money.scale` 设为 {currency_scale} 或更小")
        }
        DiagnosticDetail::RoundingFinerThanCurrency { currency_scale, .. } => {
            format!("set `rounding.money.scale` to {currency_scale} or less")
        }
    }
}
