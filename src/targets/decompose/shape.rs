//! Assembling the result: amounts from units, quarters from months, the commitments and (on
//! request) the reasons, as columns by position in depth-first order ([`Columns`]), from which
//! the result's flat list of nodes is built natively ([`Columns::result`]) or, by the WebAssembly
//! shim, straight into JS objects.

use super::compare::commitments;
use super::constraints::Rule;
use super::document::DecompositionSpec;
use super::explain::sentence;
use super::over_time::{People, TimeSplit};
use super::period::Timeline;
use super::result::{Commitment, Decomposition, NodeResult, QuarterInfo, WeekInfo, Why};
use super::topdown::{Facts, Org};
use super::tree::Tree;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::overflow;
use crate::base::error::Result;
use crate::base::locale::Locale;
use crate::base::number::{decimal_to_f64, Dec};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write as _;

/// `d` at `dp` places (half-up), trailing zeros dropped.
fn places(d: Decimal, dp: u32) -> Dec {
    Dec(d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize())
}

fn percent(part: Decimal, whole: Decimal) -> Option<Dec> {
    if whole.is_zero() {
        return None;
    }
    part.mul_checked(Decimal::ONE_HUNDRED).and_then(|p| p.div_checked(whole)).map(|p| places(p, 4))
}

/// A percentage at 4 places as a whole number of its last place: `466667` is 46.6667%.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent4(pub u128);

impl Percent4 {
    /// `part ÷ whole` in percent at 4 places (half-up), in integers; none when `whole` is 0.
    pub fn of(part: u128, whole: u128) -> Option<Percent4> {
        if whole == 0 {
            return None;
        }
        // 64-bit arithmetic when it fits (128-bit is slow in WebAssembly); below 2⁴³, part × 2·10⁶
        // cannot overflow 64 bits.
        let scaled = match (u64::try_from(part).ok().filter(|p| *p < 1 << 43), u64::try_from(whole)) {
            (Some(p), Ok(w)) => u128::from(p.wrapping_mul(2_000_000).checked_div(w)?),
            _ => part.checked_mul(2_000_000)?.checked_div(whole)?,
        };
        Some(Percent4(scaled.checked_add(1)?.checked_div(2)?))
    }

    /// As a decimal, trailing zeros dropped.
    pub fn dec(self) -> Option<Dec> {
        let d = Decimal::try_from_i128_with_scale(i128::try_from(self.0).ok()?, 4).ok()?;
        Some(Dec(d.normalize()))
    }

    /// The nearest `f64` (what [`decimal_to_f64`] gives for [`Percent4::dec`]).
    pub fn number(self) -> f64 {
        match u64::try_from(self.0).ok().filter(|v| *v < EXACT_F64) {
            Some(v) => v as f64 / 1e4,
            None => self.dec().map_or(f64::NAN, |d| decimal_to_f64(d.0)),
        }
    }

    /// Appends it as [`Percent4::dec`] prints itself (`46.6667`, `50`, `12.5`).
    pub fn write(self, out: &mut String) -> Result<()> {
        let whole = self.0.checked_div(10_000).ok_or_else(overflow)?;
        let mut frac = self.0.checked_rem(10_000).ok_or_else(overflow)?;
        write!(out, "{whole}").map_err(|_| overflow())?;
        if frac > 0 {
            let mut places = 4_usize;
            while frac.checked_rem(10) == Some(0) {
                frac = frac.checked_div(10).ok_or_else(overflow)?;
                places = places.saturating_sub(1);
            }
            write!(out, ".{frac:0places$}").map_err(|_| overflow())?;
        }
        Ok(())
    }
}

/// Powers of ten exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Integers below this are exact in an `f64`.
const EXACT_F64: u64 = 1 << 53;

/// Amounts from whole units: `units × unit`, with the decimal `units × unit` gives.
#[derive(Clone, Copy, Debug)]
pub struct Money {
    /// The unit.
    unit: Decimal,
    /// Its mantissa when it is above zero and fits 64 bits (the fast path), else none.
    mantissa: Option<u64>,
    /// Its scale.
    scale: u32,
    /// Ten to the scale, when exact in an `f64`.
    pow: Option<f64>,
}

impl Money {
    fn new(unit: Decimal) -> Money {
        let pow = usize::try_from(unit.scale()).ok().and_then(|s| POW10.get(s)).copied();
        Money { unit, mantissa: u64::try_from(unit.mantissa()).ok().filter(|m| *m > 0), scale: unit.scale(), pow }
    }

    /// `units × unit`'s mantissa at the unit's scale, when it fits 64 bits.
    fn small(self, units: u128) -> Option<u64> {
        self.mantissa.and_then(|m| u64::try_from(units).ok()?.checked_mul(m))
    }

    /// `units × unit`: the mantissa times the unit's at the unit's scale, which is what
    /// `Decimal::checked_mul` gives when it fits (a product of zero is a plain `0`); anything
    /// larger takes the decimal multiplication itself.
    pub fn of(self, units: u128) -> Result<Decimal> {
        if units == 0 {
            return Ok(Decimal::ZERO);
        }
        let fast =
            self.small(units).and_then(|m| i64::try_from(m).ok()).and_then(|m| Decimal::try_new(m, self.scale).ok());
        if let Some(d) = fast {
            return Ok(d);
        }
        let i = i128::try_from(units).map_err(|_| overflow())?;
        Decimal::try_from_i128_with_scale(i, 0).ok().and_then(|d| d.mul_checked(self.unit)).ok_or_else(overflow)
    }

    /// [`Money::number`] of each of `units`, appended to `out`.
    pub fn numbers(self, units: &[u128], out: &mut Vec<f64>) -> Result<()> {
        if let (Some(m), Some(p)) = (self.mantissa, self.pow) {
            // Up to `limit` units, units × mantissa is below 2⁵³: no overflow check needed (a
            // checked 64-bit multiplication is a 128-bit one in WebAssembly).
            let limit = u128::from(EXACT_F64.saturating_sub(1).checked_div(m).unwrap_or(0));
            for u in units {
                out.push(if *u <= limit { (*u as u64).wrapping_mul(m) as f64 / p } else { self.number(*u)? });
            }
            return Ok(());
        }
        for u in units {
            out.push(self.number(*u)?);
        }
        Ok(())
    }

    /// `units × unit` as the nearest `f64` (what [`decimal_to_f64`] gives for [`Money::of`]):
    /// one correctly rounded division of two exact doubles when it can be.
    pub fn number(self, units: u128) -> Result<f64> {
        if let (Some(m), Some(p)) = (self.small(units).filter(|m| *m < EXACT_F64), self.pow) {
            return Ok(m as f64 / p);
        }
        Ok(decimal_to_f64(self.of(units)?))
    }

    /// Appends `units × unit` as [`Money::of`]'s decimal prints itself (`0`, `12300`, `0.05`,
    /// `5.00`: all of the unit's places).
    pub fn write(self, units: u128, out: &mut String) -> Result<()> {
        match self.small(units) {
            Some(0) => out.push('0'),
            Some(m) => {
                let mut buffer = [b'0'; 20];
                let digits = decimal_digits(m, &mut buffer);
                let scale = usize::try_from(self.scale).map_err(|_| overflow())?;
                match digits.len().checked_sub(scale).filter(|w| *w > 0) {
                    Some(whole) => {
                        out.push_str(digits.get(..whole).unwrap_or_default());
                        if scale > 0 {
                            out.push('.');
                            out.push_str(digits.get(whole..).unwrap_or_default());
                        }
                    }
                    None => {
                        out.push_str("0.");
                        out.extend(std::iter::repeat_n('0', scale.saturating_sub(digits.len())));
                        out.push_str(digits);
                    }
                }
            }
            None => write!(out, "{}", self.of(units)?).map_err(|_| overflow())?,
        }
        Ok(())
    }
}

/// The decimal digits of `v` (written at the end of `buffer`).
fn decimal_digits(mut v: u64, buffer: &mut [u8; 20]) -> &str {
    let mut at = buffer.len();
    loop {
        at = at.saturating_sub(1);
        if let (Some(slot), Ok(digit)) = (buffer.get_mut(at), u8::try_from(v % 10)) {
            *slot = b'0'.saturating_add(digit);
        }
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    buffer.get(at..).and_then(|d| std::str::from_utf8(d).ok()).unwrap_or_default()
}

/// The decomposition as columns, each by position in depth-first order (the order of the
/// result's `nodes`): what the result is built from.
pub struct Columns<'a> {
    spec: &'a DecompositionSpec,
    tree: Tree,
    people: People,
    org: Org,
    time: TimeSplit,
    /// Node (spec index) → its position.
    position: Vec<usize>,
    money: Money,
    quarters: Vec<std::ops::Range<usize>>,
    labels: Vec<String>,
    week_info: Vec<WeekInfo>,
    /// By node (spec index).
    commitments: Vec<Option<Commitment>>,
    /// By position, with `explain`: the reasons and the sentence.
    reasons: Vec<(Why, String)>,
}

/// The steps' outputs the columns are made of.
pub struct Steps<'a> {
    /// The spec.
    pub spec: &'a DecompositionSpec,
    /// The tree.
    pub tree: Tree,
    /// Each person's presence.
    pub people: People,
    /// The top-down units and facts.
    pub org: Org,
    /// The months and weeks.
    pub time: TimeSplit,
}

/// The columns, with each node's reasons and sentence in `explain`'s locale.
pub fn columns<'a>(steps: Steps<'a>, timeline: &Timeline, explain: Option<Locale>) -> Result<Columns<'a>> {
    let Steps { spec, tree, people, org, time } = steps;
    let money = Money::new(spec.unit.0);
    let mut position = vec![0_usize; spec.nodes.len()];
    for (p, node) in tree.order.iter().enumerate() {
        if let Some(slot) = position.get_mut(*node) {
            *slot = p;
        }
    }
    let commitments = if spec.nodes.iter().any(|n| n.commitment.is_some()) {
        let amounts = org.units.iter().map(|u| money.of(*u)).collect::<Result<Vec<_>>>()?;
        commitments(&tree, &spec.nodes, &amounts)?
    } else {
        Vec::new()
    };
    let mut columns = Columns {
        spec,
        tree,
        people,
        org,
        time,
        position,
        money,
        quarters: timeline.quarters(),
        labels: timeline.months.iter().map(super::period::Month::label).collect(),
        week_info: if spec.weeks { week_info(timeline) } else { Vec::new() },
        commitments,
        reasons: Vec::new(),
    };
    if let Some(locale) = explain {
        columns.reasons = columns.reasons(locale)?;
    }
    Ok(columns)
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

/// The head of the result: everything but the nodes (serialized as the result is).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Head {
    /// ISO 4217 code of the amounts.
    pub currency: String,
    /// The rounding unit.
    pub unit: Dec,
    /// The total.
    pub total: Dec,
    /// Month labels.
    pub months: Vec<String>,
    /// Quarters.
    pub quarters: Vec<QuarterInfo>,
    /// Week segments (with weeks).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub weeks: Vec<WeekInfo>,
}

/// One node of [`Columns`], read at once.
#[derive(Clone, Copy, Debug)]
pub struct NodeView<'c> {
    /// Its id.
    pub id: &'c str,
    /// Its display name (the id when it has none).
    pub name: &'c str,
    /// Its parent's position (none for the root).
    pub parent: Option<usize>,
    /// Its depth (0 for the root).
    pub depth: u32,
    /// The rule that decided its amount.
    pub rule: Rule,
    /// Its amount in units.
    pub units: u128,
    /// Its percentage of the parent's amount.
    pub share: Option<Percent4>,
    /// Its months in units.
    pub months: &'c [u128],
    /// Its week segments in units.
    pub weeks: &'c [u128],
}

impl<'a> Columns<'a> {
    /// The node at position `at`.
    pub fn view(&self, at: usize) -> NodeView<'_> {
        let node = self.node(at);
        let spec = self.spec.nodes.get(node);
        let units = self.org.units.get(node).copied().unwrap_or(0);
        let parent = self.tree.parent.get(node).copied().flatten();
        NodeView {
            id: spec.map_or("", |n| n.id.as_str()),
            name: spec.map_or("", |n| n.name.as_deref().unwrap_or(&n.id)),
            parent: parent.and_then(|p| self.position.get(p).copied()),
            depth: self.tree.depth.get(node).copied().unwrap_or(0),
            rule: self.org.rules.get(node).copied().unwrap_or(Rule::Total),
            units,
            share: parent.and_then(|p| Percent4::of(units, self.org.units.get(p).copied()?)),
            months: self.time.months(node),
            weeks: self.time.weeks(node),
        }
    }

    /// The quarter ranges of the months.
    pub fn quarter_ranges(&self) -> &[std::ops::Range<usize>] {
        &self.quarters
    }
}

impl Columns<'_> {
    /// How many nodes.
    pub fn len(&self) -> usize {
        self.tree.order.len()
    }

    /// Whether there are no nodes (never: a spec has a root).
    pub fn is_empty(&self) -> bool {
        self.tree.order.is_empty()
    }

    fn node(&self, at: usize) -> usize {
        self.tree.order.get(at).copied().unwrap_or(usize::MAX)
    }

    /// The id at position `at`.
    pub fn id(&self, at: usize) -> &str {
        self.spec.nodes.get(self.node(at)).map_or("", |n| n.id.as_str())
    }

    /// The display name at `at` (its id when it has none).
    pub fn name(&self, at: usize) -> &str {
        self.spec.nodes.get(self.node(at)).map_or("", |n| n.name.as_deref().unwrap_or(&n.id))
    }

    /// The position of the parent of `at` (none for the root).
    pub fn parent(&self, at: usize) -> Option<usize> {
        let parent = self.tree.parent.get(self.node(at)).copied().flatten()?;
        self.position.get(parent).copied()
    }

    /// The depth of `at` (0 for the root).
    pub fn depth(&self, at: usize) -> u32 {
        self.tree.depth.get(self.node(at)).copied().unwrap_or(0)
    }

    /// The amount at `at`, in units.
    pub fn units(&self, at: usize) -> u128 {
        self.org.units.get(self.node(at)).copied().unwrap_or(0)
    }

    /// The rule that decided the amount at `at`.
    pub fn rule(&self, at: usize) -> Rule {
        self.org.rules.get(self.node(at)).copied().unwrap_or(Rule::Total)
    }

    /// The percentage of the parent's amount at `at` (4 places).
    pub fn share(&self, at: usize) -> Option<Dec> {
        self.share_percent(at)?.dec()
    }

    /// [`Columns::share`] as a whole number of its last place.
    pub fn share_percent(&self, at: usize) -> Option<Percent4> {
        let parent = self.tree.parent.get(self.node(at)).copied().flatten()?;
        Percent4::of(self.units(at), self.org.units.get(parent).copied()?)
    }

    /// The months at `at`, in units.
    pub fn months(&self, at: usize) -> &[u128] {
        self.time.months(self.node(at))
    }

    /// The week segments at `at`, in units (empty without weeks).
    pub fn weeks(&self, at: usize) -> &[u128] {
        self.time.weeks(self.node(at))
    }

    /// How many quarters.
    pub fn quarter_count(&self) -> usize {
        self.quarters.len()
    }

    /// The quarters at `at`, in units (sums of months).
    pub fn quarter_units(&self, at: usize) -> impl Iterator<Item = Result<u128>> + '_ {
        let months = self.months(at);
        self.quarters.iter().map(move |r| {
            months
                .get(r.clone())
                .unwrap_or_default()
                .iter()
                .try_fold(0_u128, |a, u| a.checked_add(*u))
                .ok_or_else(overflow)
        })
    }

    /// The commitment at `at`.
    pub fn commitment(&self, at: usize) -> Option<&Commitment> {
        self.commitments.get(self.node(at)).and_then(Option::as_ref)
    }

    /// The reasons and sentence at `at` (with explain).
    pub fn reasons_at(&self, at: usize) -> Option<&(Why, String)> {
        self.reasons.get(at)
    }

    /// Amounts from units.
    pub fn money(&self) -> Money {
        self.money
    }

    /// The head of the result.
    pub fn head(&self) -> Result<Head> {
        let quarters = self
            .quarters
            .iter()
            .enumerate()
            .map(|(i, r)| QuarterInfo {
                id: format!("Q{}", i.saturating_add(1)),
                months: self.labels.get(r.clone()).map(<[String]>::to_vec).unwrap_or_default(),
            })
            .collect();
        Ok(Head {
            currency: self.spec.currency.clone(),
            unit: self.spec.unit,
            total: Dec(self.money.of(self.units(0))?),
            months: self.labels.clone(),
            quarters,
            weeks: self.week_info.clone(),
        })
    }

    /// The result as Rust values.
    pub fn result(&self) -> Result<Decomposition> {
        let Head { currency, unit, total, months, quarters, weeks } = self.head()?;
        let row = |units: &[u128]| units.iter().map(|u| self.money.of(*u).map(Dec)).collect::<Result<Vec<_>>>();
        let mut nodes = Vec::with_capacity(self.len());
        for at in 0..self.len() {
            let reasons = self.reasons_at(at);
            nodes.push(NodeResult {
                id: self.id(at).to_string(),
                name: self.name(at).to_string(),
                parent: self.parent(at),
                depth: self.depth(at),
                amount: Dec(self.money.of(self.units(at))?),
                share: self.share(at),
                rule: self.rule(at),
                months: row(self.months(at))?,
                quarters: self
                    .quarter_units(at)
                    .map(|u| u.and_then(|u| self.money.of(u)).map(Dec))
                    .collect::<Result<_>>()?,
                weeks: row(self.weeks(at))?,
                commitment: self.commitment(at).cloned(),
                why: reasons.map(|r| r.0.clone()),
                text: reasons.map(|r| r.1.clone()),
            });
        }
        Ok(Decomposition { currency, unit, total, months, quarters, weeks, nodes })
    }

    /// Every node's reasons and sentence, by position.
    fn reasons(&self, locale: Locale) -> Result<Vec<(Why, String)>> {
        let mut whys = vec![None; self.spec.nodes.len()];
        if let Some(slot) = whys.get_mut(self.tree.root) {
            *slot = Some(self.why(self.tree.root, &mut Memo::default())?);
        }
        for node in &self.tree.order {
            let mut memo = Memo::default();
            for k in self.tree.kids(*node) {
                let why = self.why(*k, &mut memo)?;
                if let Some(slot) = whys.get_mut(*k) {
                    *slot = Some(why);
                }
            }
        }
        let mut out = Vec::with_capacity(self.len());
        for at in 0..self.len() {
            let why = whys.get_mut(self.node(at)).and_then(Option::take).unwrap_or_default();
            let amount = Dec(self.money.of(self.units(at))?);
            let text =
                sentence(self.name(at), amount, self.spec.unit, self.rule(at), &why, self.commitment(at), locale);
            out.push((why, text));
        }
        Ok(out)
    }

    fn why(&self, node: usize, memo: &mut Memo) -> Result<Why> {
        let f: &Facts = self.org.facts.get(node).ok_or_else(overflow)?;
        let mut why = Why { basis: f.basis, ..Why::default() };
        if let Some(derived) = self.people.derived(node) {
            why.seasonality = derived.to_vec();
        }
        if f.rule == Rule::Total {
            return Ok(why);
        }
        let units = self.org.units.get(node).copied().unwrap_or(0);
        let amount = self.money.of(units)?;
        // A blend weighed by whole numbers explains its shares (see `basis::Measures`).
        let explained = |v: Decimal| if f.per == Decimal::ONE { Some(v) } else { v.div_checked(f.per) };
        why.base = Some(places(explained(f.base).ok_or_else(overflow)?, 6));
        let key = (f.weight.mantissa(), f.weight.scale(), f.rule == Rule::Share);
        let known = memo.by_weight.iter().find(|e| e.0 == key);
        let (weight, weight_share, ideal) = match known {
            Some(e) => (e.1, e.2, e.3),
            None => {
                let weight = places(explained(f.weight).ok_or_else(overflow)?, 6);
                let (weight_share, ideal) = if f.rule == Rule::Share {
                    let ideal = if f.free_weight.is_zero() {
                        None
                    } else {
                        let pool = self.money.of(f.pool)?;
                        Some(
                            pool.mul_checked(f.weight)
                                .and_then(|p| p.div_checked(f.free_weight))
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
                why.availability = p.availability.mul_checked(Decimal::ONE_HUNDRED).map(|a| places(a, 4));
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
                let known = memo.rounding.iter().find(|e| e.0 == key && e.1 == units);
                why.rounding = match known {
                    Some(e) => e.2,
                    None => {
                        let rounding = amount.sub_checked(ideal).map(|r| places(r, 2));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_print_and_convert_as_the_decimal_does() {
        for (part, whole) in
            [(1, 3), (2, 3), (1, 2), (1, 1), (0, 5), (7, 8), (1, 10), (123_456, 1_000_000), (5, 100_000_000)]
        {
            let p = Percent4::of(part, whole).unwrap();
            let d = p.dec().unwrap();
            let mut text = String::new();
            p.write(&mut text).unwrap();
            assert_eq!(text, d.0.to_string(), "{part}/{whole}");
            assert_eq!(p.number(), decimal_to_f64(d.0), "{part}/{whole}");
        }
        assert_eq!(Percent4::of(1, 0), None);
    }

    #[test]
    fn money_prints_and_converts_as_the_decimal_does() {
        for unit in ["1", "100", "0.01", "0.10", "0.5", "0.001", "25", "1000000"] {
            let money = Money::new(unit.parse().unwrap());
            for units in
                [0_u128, 1, 5, 9, 10, 99, 100, 101, 12345, 3_333_333, 9_007_199_254_740_993, u128::from(u64::MAX)]
            {
                let Ok(d) = money.of(units) else { continue };
                let mut text = String::new();
                money.write(units, &mut text).unwrap();
                assert_eq!(text, d.to_string(), "{units} × {unit}");
                assert_eq!(money.number(units).unwrap(), decimal_to_f64(d), "{units} × {unit}");
            }
        }
    }
}
