//! Assembling the result: amounts from units, quarters from months, the reasons and
//! commitments, and the nested tree.

use super::compare::commitments;
use super::constraints::Rule;
use super::document::DecompositionSpec;
use super::explain::sentence;
use super::over_time::TimeSplit;
use super::period::Timeline;
use super::ramp::Presence;
use super::result::{Commitment, Decomposition, NodeResult, QuarterInfo, WeekInfo, Why};
use super::topdown::{Facts, Org};
use super::tree::Tree;
use crate::error::{Error, ErrorCode, Result};
use crate::locale::Locale;
use crate::number::Dec;
use rust_decimal::{Decimal, RoundingStrategy};

fn overflow() -> Error {
    Error::new(ErrorCode::Overflow)
}

/// `d` at `dp` places (half-up), trailing zeros dropped.
fn places(d: Decimal, dp: u32) -> Dec {
    Dec(d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize())
}

fn percent(part: Decimal, whole: Decimal) -> Option<Dec> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED).and_then(|p| p.checked_div(whole)).map(|p| places(p, 4))
}

/// `part ÷ whole` in percent at 4 places (half-up), in integers; none when `whole` is 0.
fn unit_percent(part: u128, whole: u128) -> Option<Dec> {
    if whole == 0 {
        return None;
    }
    let scaled = part.checked_mul(2_000_000)?.checked_div(whole)?;
    let rounded = scaled.checked_add(1)?.checked_div(2)?;
    let d = Decimal::try_from_i128_with_scale(i128::try_from(rounded).ok()?, 4).ok()?;
    Some(Dec(d.normalize()))
}

/// What the assembly reads.
struct Parts<'a> {
    spec: &'a DecompositionSpec,
    tree: &'a Tree,
    people: &'a [Option<Presence>],
    org: &'a Org,
    amounts: Vec<Decimal>,
    months: Vec<Vec<Dec>>,
    quarters: Vec<std::ops::Range<usize>>,
    time: &'a TimeSplit,
    commitments: Vec<Option<Commitment>>,
    explain: Option<Locale>,
}

/// The whole result.
pub fn result(
    spec: &DecompositionSpec,
    tree: &Tree,
    timeline: &Timeline,
    people: &[Option<Presence>],
    org: &Org,
    time: &TimeSplit,
    explain: Option<Locale>,
) -> Result<Decomposition> {
    let unit = spec.unit.0;
    let dec = |u: u128| -> Result<Decimal> {
        let i = i128::try_from(u).map_err(|_| overflow())?;
        Decimal::try_from_i128_with_scale(i, 0).ok().and_then(|d| d.checked_mul(unit)).ok_or_else(overflow)
    };
    let amounts = org.units.iter().map(|u| dec(*u)).collect::<Result<Vec<_>>>()?;
    let months = time
        .months
        .iter()
        .map(|row| row.iter().map(|u| dec(*u).map(Dec)).collect::<Result<Vec<_>>>())
        .collect::<Result<Vec<_>>>()?;
    let labels: Vec<String> = timeline.months.iter().map(super::period::Month::label).collect();
    let quarters = timeline.quarters();
    let quarter_info = quarters
        .iter()
        .enumerate()
        .map(|(i, r)| QuarterInfo {
            id: format!("Q{}", i.saturating_add(1)),
            months: labels.get(r.clone()).map(<[String]>::to_vec).unwrap_or_default(),
        })
        .collect();
    let weeks = if spec.weeks { week_info(timeline) } else { Vec::new() };
    let commitments = commitments(tree, &spec.nodes, &amounts)?;
    let parts = Parts { spec, tree, people, org, amounts, months, quarters, time, commitments, explain };
    Ok(Decomposition {
        currency: spec.currency.clone(),
        unit: spec.unit,
        total: Dec(parts.amounts.get(tree.root).copied().unwrap_or_default()),
        months: labels,
        quarters: quarter_info,
        weeks,
        root: parts.node(tree.root)?,
    })
}

/// `YYYY-MM-DD`.
fn day(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week_info(timeline: &Timeline) -> Vec<WeekInfo> {
    let mut out: Vec<WeekInfo> = Vec::new();
    let mut count = 0_usize;
    let mut last_month = usize::MAX;
    for seg in timeline.week_segments() {
        count = if seg.month == last_month { count.saturating_add(1) } else { 1 };
        last_month = seg.month;
        let month = timeline.months.get(seg.month).map(super::period::Month::label).unwrap_or_default();
        out.push(WeekInfo { id: format!("{month}-W{count}"), month, start: day(seg.start), end: day(seg.end) });
    }
    out
}

impl Parts<'_> {
    fn node(&self, node: usize) -> Result<NodeResult> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        let amount = self.amounts.get(node).copied().unwrap_or_default();
        let months = self.months.get(node).cloned().unwrap_or_default();
        let quarters = self
            .quarters
            .iter()
            .map(|r| {
                months.get(r.clone()).into_iter().flatten().try_fold(Decimal::ZERO, |a, m| a.checked_add(m.0)).map(Dec)
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(overflow)?;
        let weeks = self.week_row(node)?;
        let units = |n: usize| self.org.units.get(n).copied();
        let parent = self.tree.parent.get(node).copied().flatten().and_then(units);
        let why = self.why(node, amount)?;
        let commitment = self.commitments.get(node).cloned().flatten();
        let name = spec.name.clone().unwrap_or_else(|| spec.id.clone());
        let text = self.explain.map(|l| sentence(&name, Dec(amount), self.spec.unit, &why, commitment.as_ref(), l));
        let children = self.tree.kids(node).iter().map(|k| self.node(*k)).collect::<Result<Vec<_>>>()?;
        Ok(NodeResult {
            id: spec.id.clone(),
            name,
            amount: Dec(amount),
            share: parent.and_then(|p| unit_percent(units(node).unwrap_or(0), p)),
            months,
            quarters,
            weeks,
            why,
            commitment,
            text,
            children,
        })
    }

    fn week_row(&self, node: usize) -> Result<Vec<Dec>> {
        let unit = self.spec.unit.0;
        self.time
            .weeks
            .get(node)
            .into_iter()
            .flatten()
            .map(|u| {
                let i = i128::try_from(*u).map_err(|_| overflow())?;
                Decimal::try_from_i128_with_scale(i, 0)
                    .ok()
                    .and_then(|d| d.checked_mul(unit))
                    .map(Dec)
                    .ok_or_else(overflow)
            })
            .collect()
    }

    fn why(&self, node: usize, amount: Decimal) -> Result<Why> {
        let f: &Facts = self.org.facts.get(node).ok_or_else(overflow)?;
        let mut why = Why {
            rule: f.rule,
            basis: f.basis,
            base: None,
            availability: None,
            ramp: Vec::new(),
            weight: None,
            weight_share: None,
            pool: None,
            ideal: None,
            rounding: None,
            bound: None,
        };
        if f.rule == Rule::Total {
            return Ok(why);
        }
        let unit = self.spec.unit.0;
        let to_amount = |u: u128| {
            i128::try_from(u)
                .ok()
                .and_then(|i| Decimal::try_from_i128_with_scale(i, 0).ok())
                .and_then(|d| d.checked_mul(unit))
                .ok_or_else(overflow)
        };
        why.base = Some(places(f.base, 6));
        why.weight = Some(places(f.weight, 6));
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        if let Some(p) = self.people.get(node).and_then(Option::as_ref) {
            if p.availability != Decimal::ONE || spec.hire_date.is_some() || spec.leave_date.is_some() {
                why.availability = p.availability.checked_mul(Decimal::ONE_HUNDRED).map(|a| places(a, 4));
            }
            if spec.hire_date.is_some()
                && !self.spec.ramp.is_empty()
                && p.ramp.iter().any(|r| *r != Decimal::ONE_HUNDRED)
            {
                why.ramp = p.ramp.iter().map(|r| Dec(r.normalize())).collect();
            }
        }
        why.bound = f.bound.map(to_amount).transpose()?.map(Dec);
        if f.rule == Rule::Share {
            let pool = to_amount(f.pool)?;
            why.pool = Some(Dec(pool));
            why.weight_share = percent(f.weight, f.free_weight);
            if !f.free_weight.is_zero() {
                let ideal =
                    pool.checked_mul(f.weight).and_then(|p| p.checked_div(f.free_weight)).ok_or_else(overflow)?;
                why.ideal = Some(places(ideal, 2));
                why.rounding = amount.checked_sub(ideal).map(|r| places(r, 2));
            }
        }
        Ok(why)
    }
}
