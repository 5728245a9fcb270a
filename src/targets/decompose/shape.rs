//! Assembling the result: amounts from units, quarters from months, the reasons and
//! commitments, and the nested tree.

use super::compare::commitments;
use super::constraints::Rule;
use super::document::DecompositionSpec;
use super::explain::sentence;
use super::over_time::{People, TimeSplit};
use super::period::Timeline;
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

/// Amounts from whole units: `units × unit`, with the decimal `units × unit` gives.
#[derive(Clone, Copy)]
struct Money {
    /// The unit.
    unit: Decimal,
    /// Its mantissa when it is above zero and fits 64 bits (the fast path), else none.
    mantissa: Option<i64>,
    /// Its scale.
    scale: u32,
}

impl Money {
    fn new(unit: Decimal) -> Money {
        Money { unit, mantissa: i64::try_from(unit.mantissa()).ok().filter(|m| *m > 0), scale: unit.scale() }
    }

    /// `units × unit`: the mantissa times the unit's at the unit's scale, which is what
    /// `Decimal::checked_mul` gives when it fits (a product of zero is a plain `0`); anything
    /// larger takes the decimal multiplication itself.
    fn of(self, units: u128) -> Result<Decimal> {
        if units == 0 {
            return Ok(Decimal::ZERO);
        }
        let fast = self
            .mantissa
            .and_then(|m| i64::try_from(units).ok()?.checked_mul(m))
            .and_then(|m| Decimal::try_new(m, self.scale).ok());
        if let Some(d) = fast {
            return Ok(d);
        }
        let i = i128::try_from(units).map_err(|_| overflow())?;
        Decimal::try_from_i128_with_scale(i, 0).ok().and_then(|d| d.checked_mul(self.unit)).ok_or_else(overflow)
    }

    fn row(self, units: &[u128]) -> Result<Vec<Dec>> {
        let mut out = Vec::with_capacity(units.len());
        for u in units {
            out.push(Dec(self.of(*u)?));
        }
        Ok(out)
    }
}

/// What the assembly reads.
struct Parts<'a> {
    spec: &'a DecompositionSpec,
    tree: &'a Tree,
    people: &'a People,
    org: &'a Org,
    money: Money,
    amounts: Vec<Decimal>,
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
    people: &People,
    org: &Org,
    time: &TimeSplit,
    explain: Option<Locale>,
) -> Result<Decomposition> {
    let money = Money::new(spec.unit.0);
    let amounts = org.units.iter().map(|u| money.of(*u)).collect::<Result<Vec<_>>>()?;
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
    let mut parts = Parts { spec, tree, people, org, money, amounts, quarters, time, commitments, explain };
    let root_why = parts.why(tree.root, &mut Memo::default())?;
    let root = parts.node(tree.root, root_why)?;
    Ok(Decomposition {
        currency: spec.currency.clone(),
        unit: spec.unit,
        total: Dec(parts.amounts.get(tree.root).copied().unwrap_or_default()),
        months: labels,
        quarters: quarter_info,
        weeks,
        root,
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

/// The figures of one sibling group that depend only on a child's weight (and its amount),
/// worked out once per distinct weight: siblings often share one (equal shares, tiers).
#[derive(Default)]
struct Memo {
    /// Weight → its rounded weight, weight share and exact ideal share.
    by_weight: Vec<(WeightKey, Dec, Option<Dec>, Option<Decimal>)>,
    /// (weight, units) → the rounding.
    rounding: Vec<(WeightKey, u128, Option<Dec>)>,
}

/// A weight exactly as written (mantissa, scale), and whether the child shares the pool.
type WeightKey = (i128, u32, bool);

/// Distinct entries a memo keeps per sibling group (a linear search stays cheap).
const MEMO_SIZE: usize = 16;

impl Parts<'_> {
    /// Builds `node` (whose reasons are `why`) and its subtree.
    fn node(&mut self, node: usize, why: Why) -> Result<NodeResult> {
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        let amount = self.amounts.get(node).copied().unwrap_or_default();
        let unit_row = self.time.months(node);
        let months = self.money.row(unit_row)?;
        let mut quarters = Vec::with_capacity(self.quarters.len());
        for r in &self.quarters {
            let sum = unit_row
                .get(r.clone())
                .into_iter()
                .flatten()
                .try_fold(0_u128, |a, u| a.checked_add(*u))
                .ok_or_else(overflow)?;
            quarters.push(Dec(self.money.of(sum)?));
        }
        let weeks = self.money.row(self.time.weeks(node))?;
        let units = |n: usize| self.org.units.get(n).copied();
        let parent = self.tree.parent.get(node).copied().flatten().and_then(units);
        let share = parent.and_then(|p| unit_percent(units(node).unwrap_or(0), p));
        let commitment = self.commitments.get_mut(node).and_then(Option::take);
        let name = spec.name.as_ref().unwrap_or(&spec.id).clone();
        let text = self.explain.map(|l| sentence(&name, Dec(amount), self.spec.unit, &why, commitment.as_ref(), l));
        let id = spec.id.clone();
        let tree = self.tree;
        let kids = tree.kids(node);
        let mut memo = Memo::default();
        let mut whys = Vec::with_capacity(kids.len());
        for k in kids {
            whys.push(self.why(*k, &mut memo)?);
        }
        let mut children = Vec::with_capacity(kids.len());
        for (k, w) in kids.iter().zip(whys) {
            children.push(self.node(*k, w)?);
        }
        Ok(NodeResult {
            id,
            name,
            amount: Dec(amount),
            share,
            months,
            quarters,
            weeks,
            why,
            commitment,
            text,
            children,
        })
    }

    fn why(&self, node: usize, memo: &mut Memo) -> Result<Why> {
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
        let amount = self.amounts.get(node).copied().unwrap_or_default();
        why.base = Some(places(f.base, 6));
        let key = (f.weight.mantissa(), f.weight.scale(), f.rule == Rule::Share);
        let known = memo.by_weight.iter().find(|e| e.0 == key);
        let (weight, weight_share, ideal) = match known {
            Some(e) => (e.1, e.2, e.3),
            None => {
                let weight = places(f.weight, 6);
                let (weight_share, ideal) = if f.rule == Rule::Share {
                    let ideal = if f.free_weight.is_zero() {
                        None
                    } else {
                        let pool = self.money.of(f.pool)?;
                        Some(
                            pool.checked_mul(f.weight)
                                .and_then(|p| p.checked_div(f.free_weight))
                                .ok_or_else(overflow)?,
                        )
                    };
                    (percent(f.weight, f.free_weight), ideal)
                } else {
                    (None, None)
                };
                if memo.by_weight.len() < MEMO_SIZE {
                    memo.by_weight.push((key, weight, weight_share, ideal));
                }
                (weight, weight_share, ideal)
            }
        };
        why.weight = Some(weight);
        let spec = self.spec.nodes.get(node).ok_or_else(overflow)?;
        if let Some(p) = self.people.get(node) {
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
        why.bound = f.bound.map(|b| self.money.of(b)).transpose()?.map(Dec);
        if f.rule == Rule::Share {
            why.pool = Some(Dec(self.money.of(f.pool)?));
            why.weight_share = weight_share;
            if let Some(ideal) = ideal {
                why.ideal = Some(places(ideal, 2));
                let units = self.org.units.get(node).copied().unwrap_or(0);
                let known = memo.rounding.iter().find(|e| e.0 == key && e.1 == units);
                why.rounding = match known {
                    Some(e) => e.2,
                    None => {
                        let rounding = amount.checked_sub(ideal).map(|r| places(r, 2));
                        if memo.rounding.len() < MEMO_SIZE {
                            memo.rounding.push((key, units, rounding));
                        }
                        rounding
                    }
                };
            }
        }
        Ok(why)
    }
}
