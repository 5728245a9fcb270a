//! Statements (提成明细): one line per component, slice, multiplier and adjustment, each with
//! its base, rate, bounds, gate, cap, multiplier and rounding difference, and a sentence in
//! zh-CN or en.
//!
//! Money is rounded here and only here, either per line (the total is the sum of the rounded
//! lines) or on the total (the total is the rounded exact sum, and the cents the lines' own
//! rounding got wrong are moved to the lines rounded furthest, so the lines still add up to the
//! total). Either way `roundingDifference` reports Σ lines rounded one by one − the rounded
//! exact total.
//!
//! ```
//! use salescore::incentive::{Currency, Statement, StatementLine, TotalRounding};
//! use salescore::number::{Rounding, RoundingStrategy};
//! use salescore::Locale;
//! use rust_decimal::Decimal;
//!
//! // Public case 6: two lines of 558.125, 四舍五入.
//! let mut s = Statement::new(Currency::default(), Rounding::new(2, RoundingStrategy::HalfUp), TotalRounding::OnTotal).unwrap();
//! s.push(StatementLine::adjustment("A", Decimal::new(558125, 3)));
//! s.push(StatementLine::adjustment("B", Decimal::new(558125, 3)));
//! let s = s.finish(Locale::En).unwrap();
//! assert_eq!(s.total.0.to_string(), "1116.25");
//! assert_eq!(s.rounding_difference.0.to_string(), "0.01");
//! assert_eq!((s.lines[0].amount.0.to_string(), s.lines[1].amount.0.to_string()), ("558.12".into(), "558.13".into()));
//! ```

use super::{sub, sum, Currency, CurveResult, DrawResult, MboResult, PoolShare, RateResult, SpiffResult, TrueUp};
use crate::base::error::{ErrorCode, Phrase, Result};
use crate::base::locale::Locale;
use crate::base::number::{Dec, Rounding};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a statement line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum LineKind {
    /// A rate table slice: base × rate between bounds.
    Slice,
    /// The carried-in amount re-rated (retroactive and interpolated tables).
    EarlierSlice,
    /// Target bonus × payout percent read from a curve.
    Curve,
    /// What a multiplier adds: base × (factor − 1).
    Multiplier,
    /// A SPIFF: events × reward.
    Spiff,
    /// An MBO objective: bonus × weight × achievement.
    Objective,
    /// A draw advance on top of earnings.
    DrawAdvance,
    /// A draw balance recovered from earnings.
    DrawRecovery,
    /// A true-up: recomputed cumulative − paid to date.
    TrueUp,
    /// A share of a team pool.
    Pool,
    /// Commission withheld this period: − earned × holdback percent.
    Holdback,
    /// Earlier holdbacks released this period.
    HoldbackRelease,
    /// What was already paid, taken off a recomputed cumulative payout (true-up).
    PaidToDate,
    /// Any other adjustment (a clawback, a manual line).
    Adjustment,
}

/// Whether money is rounded line by line or on the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum TotalRounding {
    /// Each line rounded; the total is their sum.
    #[default]
    PerLine,
    /// The exact total rounded; the lines adjusted to add up to it.
    OnTotal,
}

/// One line of a statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StatementLine {
    /// The component it comes from.
    pub component: String,
    /// What it is.
    pub kind: LineKind,
    /// A name within the component: the rule, multiplier, objective or pool member.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The transaction a slice pays (per-transaction calculation).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transaction: Option<String>,
    /// Tier index (slices).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tier: Option<usize>,
    /// Lower bound of a slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Option<Dec>,
    /// Upper bound of a slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Option<Dec>,
    /// What the rate applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub base: Option<Dec>,
    /// The rate (a fraction) or per-unit amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rate: Option<Dec>,
    /// Attainment, percent (curves).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// Whether a gate passed (none: no gate).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub gate_passed: Option<bool>,
    /// Whether a cap cut the line.
    pub cap_hit: bool,
    /// The multiplier factor (multiplier lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub multiplier: Option<Dec>,
    /// The exact amount.
    pub exact: Dec,
    /// The amount paid, rounded.
    pub amount: Dec,
    /// amount − exact.
    pub rounding_diff: Dec,
    /// The line as a sentence.
    pub text: String,
}

/// A finished statement: lines, totals and the rounding reported.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Statement {
    /// The currency.
    pub currency: Currency,
    /// Money rounding.
    pub rounding: Rounding,
    /// Per line or on the total.
    pub total_rounding: TotalRounding,
    /// The lines, in order.
    pub lines: Vec<StatementLine>,
    /// Σ exact amounts.
    pub exact_total: Dec,
    /// The total paid: always exactly Σ line amounts.
    pub total: Dec,
    /// Σ lines rounded one by one − the exact total rounded (0 when both agree).
    pub rounding_difference: Dec,
    /// The total as a sentence.
    pub text: String,
}

/// A statement being built.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementBuilder {
    currency: Currency,
    rounding: Rounding,
    mode: TotalRounding,
    lines: Vec<StatementLine>,
}

impl StatementLine {
    /// A bare line of `kind` with an exact amount.
    pub fn new(component: &str, kind: LineKind, exact: Decimal) -> Self {
        StatementLine {
            component: component.to_string(),
            kind,
            name: None,
            transaction: None,
            tier: None,
            from: None,
            to: None,
            base: None,
            rate: None,
            attainment: None,
            gate_passed: None,
            cap_hit: false,
            multiplier: None,
            exact: Dec(exact),
            amount: Dec(exact),
            rounding_diff: Dec::default(),
            text: String::new(),
        }
    }

    /// An adjustment line (a clawback, a manual amount).
    pub fn adjustment(component: &str, exact: Decimal) -> Self {
        StatementLine::new(component, LineKind::Adjustment, exact)
    }

    fn with(mut self, base: Decimal, rate: Decimal) -> Self {
        self.base = Some(Dec(base));
        self.rate = Some(Dec(rate));
        self
    }
}

impl Statement {
    /// Starts a statement; the rounding scale must be the currency's (`CURRENCY_SCALE_MISMATCH`
    /// at `/rounding/scale`).
    #[allow(clippy::new_ret_no_self)] // the builder is what `new` starts
    pub fn new(currency: Currency, rounding: Rounding, mode: TotalRounding) -> Result<StatementBuilder> {
        if rounding.scale != currency.scale {
            let e = super::at(ErrorCode::CurrencyScaleMismatch, "/rounding/scale").name("rounding.scale");
            return Err(e
                .found(rounding.scale.to_string())
                .expected(Phrase::DecimalsForCurrency.with([currency.scale.to_string(), currency.code.to_string()])));
        }
        Ok(StatementBuilder { currency, rounding, mode, lines: Vec::new() })
    }
}

impl StatementBuilder {
    /// Adds a line.
    pub fn push(&mut self, line: StatementLine) -> &mut Self {
        self.lines.push(line);
        self
    }

    /// One line per slice of a rate table result.
    pub fn rate(&mut self, component: &str, r: &RateResult) -> &mut Self {
        self.rate_for(component, None, None, r)
    }

    /// One line per slice, naming the rule and the transaction paid.
    pub fn rate_for(
        &mut self,
        component: &str,
        rule: Option<&str>,
        transaction: Option<&str>,
        r: &RateResult,
    ) -> &mut Self {
        for s in &r.slices {
            let kind = if s.earlier { LineKind::EarlierSlice } else { LineKind::Slice };
            let mut line = StatementLine::new(component, kind, s.amount.0).with(s.base.0, s.rate.0);
            (line.tier, line.from, line.to, line.cap_hit) = (Some(s.tier), Some(s.from), Some(s.to), r.capped);
            (line.name, line.transaction) = (rule.map(str::to_string), transaction.map(str::to_string));
            self.lines.push(line);
        }
        self
    }

    /// How many lines there are so far.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no lines yet.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Σ exact amounts of the lines from `start` on.
    pub fn exact_since(&self, start: usize) -> Result<Decimal> {
        sum(self.lines.iter().skip(start).map(|l| l.exact.0))
    }

    /// The curve line, then one line per multiplier with what it adds.
    pub fn curve(&mut self, component: &str, target_bonus: Decimal, r: &CurveResult) -> Result<&mut Self> {
        let mut line = StatementLine::new(component, LineKind::Curve, r.base.0)
            .with(target_bonus, super::div(r.payout_percent.0, Decimal::ONE_HUNDRED)?);
        (line.attainment, line.gate_passed, line.cap_hit) = (Some(r.attainment), r.gate_passed, r.cap_hit);
        self.lines.push(line);
        let mut running = r.base.0;
        for m in &r.multipliers {
            let added = super::mul(running, sub(m.factor.0, Decimal::ONE)?)?;
            let mut line = StatementLine::new(component, LineKind::Multiplier, added);
            (line.name, line.base, line.multiplier) = (Some(m.name.clone()), Some(Dec(running)), Some(m.factor));
            self.lines.push(line);
            running = super::add(running, added)?;
        }
        Ok(self)
    }

    /// A SPIFF line: paid events × reward.
    pub fn spiff(&mut self, r: &SpiffResult) -> &mut Self {
        let mut line =
            StatementLine::new(&r.id, LineKind::Spiff, r.payout.0).with(Decimal::from(r.paid_events), r.amount.0);
        line.cap_hit = r.capped;
        self.lines.push(line);
        self
    }

    /// One line per MBO objective.
    pub fn mbo(&mut self, component: &str, target_bonus: Decimal, r: &MboResult) -> Result<&mut Self> {
        for o in &r.objectives {
            let base = super::percent_of(target_bonus, o.weight.0)?;
            let mut line = StatementLine::new(component, LineKind::Objective, o.payout.0)
                .with(base, super::div(o.counted.0, Decimal::ONE_HUNDRED)?);
            (line.name, line.cap_hit) = (Some(o.id.clone()), o.counted != o.achievement);
            self.lines.push(line);
        }
        Ok(self)
    }

    /// The draw's advance and recovery lines (those that are not zero).
    pub fn draw(&mut self, component: &str, r: &DrawResult) -> Result<&mut Self> {
        if !r.advanced.0.is_zero() {
            self.lines.push(StatementLine::new(component, LineKind::DrawAdvance, r.advanced.0));
        }
        if !r.recovered.0.is_zero() {
            let mut line = StatementLine::new(component, LineKind::DrawRecovery, sub(Decimal::ZERO, r.recovered.0)?);
            line.base = Some(r.balance_in);
            self.lines.push(line);
        }
        Ok(self)
    }

    /// A true-up line.
    pub fn true_up(&mut self, component: &str, t: &TrueUp) -> &mut Self {
        let mut line = StatementLine::new(component, LineKind::TrueUp, t.true_up.0);
        (line.base, line.from) = (Some(t.recomputed), Some(t.paid_to_date));
        self.lines.push(line);
        self
    }

    /// A pool share line.
    pub fn pool(&mut self, component: &str, pool: Decimal, s: &PoolShare) -> &mut Self {
        let mut line = StatementLine::new(component, LineKind::Pool, s.exact.0).with(pool, s.share.0);
        line.name = Some(s.id.clone());
        self.lines.push(line);
        self
    }

    /// Rounds, adds up and writes every sentence in `locale`.
    pub fn finish(&self, locale: Locale) -> Result<Statement> {
        self.finish_in(Some(locale))
    }

    /// [`StatementBuilder::finish`]; without a locale, the sentences are left empty (a team's
    /// totals need no text).
    pub fn finish_in(&self, locale: Option<Locale>) -> Result<Statement> {
        self.clone().into_statement(locale)
    }

    /// [`StatementBuilder::finish_in`], consuming the builder (no copy of the lines).
    pub fn into_statement(mut self, locale: Option<Locale>) -> Result<Statement> {
        let r = self.rounding;
        let mut lines = std::mem::take(&mut self.lines);
        let exact_total = sum(lines.iter().map(|l| l.exact.0))?;
        for l in &mut lines {
            l.amount = Dec(r.apply(l.exact.0));
        }
        let per_line = sum(lines.iter().map(|l| l.amount.0))?;
        let on_total = r.apply(exact_total);
        let total = match self.mode {
            TotalRounding::PerLine => per_line,
            TotalRounding::OnTotal => {
                self.move_cents(&mut lines, sub(on_total, per_line)?)?;
                on_total
            }
        };
        for l in &mut lines {
            l.rounding_diff = Dec(sub(l.amount.0, l.exact.0)?.normalize());
            if let Some(locale) = locale {
                l.text = super::explain::line(l, locale);
            }
        }
        let mut statement = Statement {
            currency: self.currency.clone(),
            rounding: r,
            total_rounding: self.mode,
            lines,
            exact_total: Dec(exact_total),
            total: Dec(r.apply(total)),
            rounding_difference: Dec(r.apply(sub(per_line, on_total)?)),
            text: String::new(),
        };
        if let Some(locale) = locale {
            statement.text = super::explain::total(&statement, locale);
        }
        Ok(statement)
    }

    /// Moves `gap` (a whole number of smallest units) onto the lines, one unit each, to those
    /// whose rounding went most the other way (ties: the earlier line).
    fn move_cents(&self, lines: &mut [StatementLine], gap: Decimal) -> Result<()> {
        let unit = self.currency.from_units(1)?;
        let count = usize::try_from(self.currency.units(gap.abs(), "gap", "")?).unwrap_or(0);
        let up = gap.is_sign_positive();
        let mut order: Vec<(Decimal, usize)> =
            lines.iter().enumerate().map(|(i, l)| Ok((sub(l.amount.0, l.exact.0)?, i))).collect::<Result<_>>()?;
        // Adding a unit: the lines rounded down the most first; taking one: rounded up the most.
        order.sort_by(|a, b| if up { a.0.cmp(&b.0) } else { b.0.cmp(&a.0) }.then(a.1.cmp(&b.1)));
        let step = if up { unit } else { sub(Decimal::ZERO, unit)? };
        for &(_, i) in order.iter().cycle().take(count) {
            if let Some(l) = lines.get_mut(i) {
                l.amount = Dec(super::add(l.amount.0, step)?);
            }
        }
        Ok(())
    }
}
