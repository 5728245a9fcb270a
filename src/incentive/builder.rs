//! Building a statement: lines added per component result, then money rounded (per line or on
//! the total) and, with a locale, each line and the total put into words by `explain.rs`.

use super::statement::{LineKind, Statement, StatementLine, TotalRounding};
use super::{sub, sum, Currency, CurveResult, DrawResult, MboResult, PoolShare, RateResult, SpiffResult, TrueUp};
use crate::base::arithmetic::Arithmetic;
use crate::base::error::{ErrorCode, Phrase, Result};
use crate::base::locale::Locale;
use crate::base::name::Name;
use crate::base::number::{Dec, Rounding};
use rust_decimal::Decimal;
use std::sync::Arc;

/// Most lines a statement may have for [`StatementBuilder::part_amounts`].
const FEW_LINES: usize = 64;

/// The largest exact amount of a line for [`StatementBuilder::part_amounts`], in value (10^20).
const SMALL_LINE: u128 = 100_000_000_000_000_000_000;

/// The finest currency for [`StatementBuilder::part_amounts`]: with at most [`FEW_LINES`] lines
/// of at most [`SMALL_LINE`], every rounded line and every sum of them is an exact integer number
/// of units at this scale or coarser (64 × 10^20 × 10^6 < 2^96), so the order of the sums cannot
/// change a digit, and no sum comes near a decimal's range (7.9 × 10^28).
const FINEST_SCALE: u32 = 6;

/// Whether a line's exact amount is at most [`SMALL_LINE`] in value. A line worked out by a
/// division has a long mantissa at a high scale and is still small; at scale 9 or more any
/// mantissa (below 2^96) is.
fn small(amount: Decimal) -> bool {
    amount.mantissa().unsigned_abs() <= SMALL_LINE.saturating_mul(10_u128.saturating_pow(amount.scale().min(9)))
}

/// A statement being built.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementBuilder {
    /// Shared with the compiled section: a rep's statement copies it only when it is finished.
    currency: Arc<Currency>,
    rounding: Rounding,
    mode: TotalRounding,
    lines: Vec<StatementLine>,
}

impl Statement {
    /// Starts a statement; the rounding scale must be the currency's (`CURRENCY_SCALE_MISMATCH`
    /// at `/rounding/scale`).
    #[allow(clippy::new_ret_no_self)] // the builder is what `new` starts
    pub fn new(currency: Currency, rounding: Rounding, mode: TotalRounding) -> Result<StatementBuilder> {
        // Room for a typical statement's lines, so that they are not moved as it grows.
        StatementBuilder::shared(Arc::new(currency), rounding, mode, 16)
    }
}

impl StatementBuilder {
    /// [`Statement::new`] in a currency shared with its caller, with room for `lines` lines.
    pub(crate) fn shared(
        currency: Arc<Currency>,
        rounding: Rounding,
        mode: TotalRounding,
        lines: usize,
    ) -> Result<StatementBuilder> {
        if rounding.scale != currency.scale {
            let e = super::at(ErrorCode::CurrencyScaleMismatch, "/rounding/scale").name("rounding.scale");
            return Err(e
                .found(rounding.scale.to_string())
                .expected(Phrase::DecimalsForCurrency.with([currency.scale.to_string(), currency.code.to_string()])));
        }
        Ok(StatementBuilder { currency, rounding, mode, lines: Vec::with_capacity(lines) })
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
        let (rule, transaction) = (rule.map(Name::from), transaction.map(Name::from));
        self.slices(&Name::from(component), (rule.as_ref(), transaction.as_ref()), &r.slices, r.capped)
    }

    /// [`StatementBuilder::rate_for`] from the slices and whether the cap cut the amount.
    pub(crate) fn slices(
        &mut self,
        component: &Name,
        (rule, transaction): (Option<&Name>, Option<&Name>),
        slices: &[super::Slice],
        capped: bool,
    ) -> &mut Self {
        for s in slices {
            let kind = if s.earlier { LineKind::EarlierSlice } else { LineKind::Slice };
            let mut line = StatementLine::new(component, kind, s.amount.0).with(s.base.0, s.rate.0);
            (line.tier, line.from, line.to, line.cap_hit) = (Some(s.tier), Some(s.from), Some(s.to), capped);
            (line.name, line.transaction) = (rule.cloned(), transaction.cloned());
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

    /// The lines so far, not rounded.
    pub(crate) fn lines(&self) -> &[StatementLine] {
        &self.lines
    }

    /// The statement's total and each part's amount as paid (the lines of `parts[k]`, rounded
    /// and summed, into `amounts[k]`), as [`StatementBuilder::into_statement`] and summing the
    /// rounded lines would give them, without the statement: none where this shortcut does not
    /// apply (the total rounded as a whole, a currency finer than [`FINEST_SCALE`], more than
    /// [`FEW_LINES`] lines, or a line past [`SMALL_LINE`]). Within those bounds no sum can
    /// overflow, so the sums that only stand guard against an overflow (the exact total, the
    /// rounding differences) are left out; the rounded amounts are exact at the currency's scale,
    /// so summing them part by part gives the sum over all lines, value and scale. Each part's
    /// exact sum (its lines' exact amounts, summed in order, as the statement's lines give it) is
    /// written into `exact[k]` where `exact` has room for it (an empty `exact`: none asked).
    pub(crate) fn part_amounts(
        &self,
        parts: impl Iterator<Item = std::ops::Range<usize>>,
        amounts: &mut [Decimal],
        exact: &mut [Decimal],
    ) -> Option<Decimal> {
        if self.mode != TotalRounding::PerLine
            || self.rounding.scale > FINEST_SCALE
            || self.lines.len() > FEW_LINES
            || !self.lines.iter().all(|l| small(l.exact.0))
        {
            return None;
        }
        let mut total = Decimal::ZERO;
        for (k, (range, amount)) in parts.zip(amounts.iter_mut()).enumerate() {
            let lines = self.lines.get(range).unwrap_or_default();
            let mut exact_sum = exact.get_mut(k);
            *amount = Decimal::ZERO;
            if let Some(e) = exact_sum.as_deref_mut() {
                *e = Decimal::ZERO;
            }
            for l in lines {
                *amount = amount.add_checked(self.rounding.apply(l.exact.0))?;
                if let Some(e) = exact_sum.as_deref_mut() {
                    *e = e.add_checked(l.exact.0)?;
                }
            }
            total = total.add_checked(*amount)?;
        }
        Some(self.rounding.apply(total))
    }

    /// The curve line, then one line per multiplier with what it adds.
    pub fn curve(&mut self, component: impl Into<Name>, target_bonus: Decimal, r: &CurveResult) -> Result<&mut Self> {
        let component = component.into();
        let mut line = StatementLine::new(&component, LineKind::Curve, r.base.0)
            .with(target_bonus, super::div(r.payout_percent.0, Decimal::ONE_HUNDRED)?);
        (line.attainment, line.gate_passed, line.cap_hit) = (Some(r.attainment), r.gate_passed, r.cap_hit);
        self.lines.push(line);
        let mut running = r.base.0;
        for m in &r.multipliers {
            let added = super::mul(running, sub(m.factor.0, Decimal::ONE)?)?;
            let mut line = StatementLine::new(&component, LineKind::Multiplier, added);
            (line.name, line.base, line.multiplier) = (Some(Name::from(&m.name)), Some(Dec(running)), Some(m.factor));
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
    pub fn mbo(&mut self, component: impl Into<Name>, target_bonus: Decimal, r: &MboResult) -> Result<&mut Self> {
        let component = component.into();
        for o in &r.objectives {
            let base = super::percent_of(target_bonus, o.weight.0)?;
            let mut line = StatementLine::new(&component, LineKind::Objective, o.payout.0)
                .with(base, super::div(o.counted.0, Decimal::ONE_HUNDRED)?);
            (line.name, line.cap_hit) = (Some(Name::from(&o.id)), o.counted != o.achievement);
            self.lines.push(line);
        }
        Ok(self)
    }

    /// The draw's advance and recovery lines (those that are not zero).
    pub fn draw(&mut self, component: impl Into<Name>, r: &DrawResult) -> Result<&mut Self> {
        let component = component.into();
        if !r.advanced.0.is_zero() {
            self.lines.push(StatementLine::new(&component, LineKind::DrawAdvance, r.advanced.0));
        }
        if !r.recovered.0.is_zero() {
            let mut line = StatementLine::new(&component, LineKind::DrawRecovery, sub(Decimal::ZERO, r.recovered.0)?);
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
        line.name = Some(Name::from(&s.id));
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
            // The builder ends here: its currency moves to the statement (copied when shared).
            currency: Arc::unwrap_or_clone(self.currency),
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
        crate::base::order::sort_by(&mut order, |a, b| {
            if up { a.0.cmp(&b.0) } else { b.0.cmp(&a.0) }.then(a.1.cmp(&b.1))
        });
        let step = if up { unit } else { sub(Decimal::ZERO, unit)? };
        for &(_, i) in order.iter().cycle().take(count) {
            if let Some(l) = lines.get_mut(i) {
                l.amount = Dec(super::add(l.amount.0, step)?);
            }
        }
        Ok(())
    }
}

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test
    use super::*;
    use crate::base::number::RoundingStrategy;

    /// A builder with lines of `exact` amounts, rounded per line or on the total.
    fn builder(exact: &[Decimal], on_total: bool, scale: u32) -> StatementBuilder {
        let rounding = Rounding { scale, strategy: RoundingStrategy::HalfUp };
        let mode = if on_total { TotalRounding::OnTotal } else { TotalRounding::PerLine };
        let mut b = Statement::new(Currency::new("CNY", scale).unwrap(), rounding, mode).unwrap();
        for e in exact {
            b.push(StatementLine::new("c", LineKind::Slice, *e));
        }
        b
    }

    proptest::proptest! {
        #[test]
        fn part_amounts_are_the_rounded_statements(
            lines in proptest::collection::vec((any_mantissa(), 0_u32..=28), 0..80),
            cuts in proptest::collection::vec(0_usize..80, 0..5),
            on_total in proptest::bool::weighted(0.2),
            ask_exact: bool,
            scale in proptest::prop_oneof![4 => proptest::strategy::Just(2_u32), 1 => 0_u32..=28],
        ) {
            let exact: Vec<Decimal> = lines.iter().map(|(m, s)| Decimal::from_i128_with_scale(*m, *s)).collect();
            let b = builder(&exact, on_total, scale);
            // Parts: consecutive ranges cut at `cuts`, covering every line.
            let mut ends: Vec<usize> = cuts.iter().map(|c| c % (exact.len() + 1)).collect();
            ends.push(exact.len());
            ends.sort_unstable();
            let parts: Vec<std::ops::Range<usize>> =
                ends.iter().scan(0, |from, &to| { let r = *from..to; *from = to; Some(r) }).collect();
            let mut fast = vec![Decimal::MAX; parts.len()];
            // The exact sums asked for every part, or for none.
            let mut exact_sums = vec![Decimal::MAX; if ask_exact { parts.len() } else { 0 }];
            let Some(total) = b.part_amounts(parts.iter().cloned(), &mut fast, &mut exact_sums) else {
                // Outside the shortcut's bounds: the statement is finished as it always was.
                let small = Decimal::from_i128_with_scale(SMALL_LINE as i128, 0);
                proptest::prop_assert!(on_total || scale > FINEST_SCALE || exact.len() > FEW_LINES
                    || exact.iter().any(|e| e.abs() > small));
                return Ok(());
            };
            let statement = b.into_statement(None).unwrap();
            proptest::prop_assert_eq!(total, statement.total.0);
            proptest::prop_assert_eq!(total.scale(), statement.total.0.scale());
            for (range, amount) in parts.iter().zip(&fast) {
                let paid = sum(statement.lines[range.clone()].iter().map(|l| l.amount.0)).unwrap();
                proptest::prop_assert!(paid == *amount && paid.scale() == amount.scale(), "{paid} vs {amount}");
            }
            for (range, e) in parts.iter().zip(&exact_sums) {
                let exact = sum(statement.lines[range.clone()].iter().map(|l| l.exact.0)).unwrap();
                proptest::prop_assert!(exact == *e && exact.scale() == e.scale(), "{exact} vs {e}");
            }
        }
    }

    /// Line amounts: mostly money, sometimes near a decimal's range.
    fn any_mantissa() -> impl proptest::strategy::Strategy<Value = i128> {
        use proptest::prelude::*;
        prop_oneof![
            8 => -10_000_000_000_i128..10_000_000_000,
            1 => (-1_i128 << 90)..(1_i128 << 90),
            1 => (-1_i128 << 70)..(1_i128 << 70),
        ]
    }
}
