//! Rate tables (提成比例表): tiers of rates on an amount or on attainment, paid flat, retroactively
//! (the whole amount at the reached tier), marginally (each slice at its own tier's rate) or at a
//! rate interpolated between tiers.
//!
//! A deal is paid as the change it makes to the cumulative payout: with `F(x)` the payout on a
//! cumulative amount `x`, a deal of `a` on top of a carried-in `c` pays `F(c + a) − F(c)`. So a
//! deal that straddles a tier is split correctly, a negative deal (a clawback) re-tiers, and
//! paying deals one by one adds up to paying their sum.
//!
//! ```
//! use salescore::incentive::{parse, RateTable};
//! use rust_decimal::Decimal;
//!
//! // Public case 2: cumulative 145,000 before a deal of 20,000.
//! let table = RateTable::new(parse(r#"{"kind": "marginal", "tiers": [
//!   {"from": 0, "to": 150000, "rate": 0.04}, {"from": 150000, "to": 250000, "rate": 0.06},
//!   {"from": 250000, "rate": 0.08}]}"#).unwrap()).unwrap();
//! let r = table.pay_deal(Decimal::from(20000), Decimal::from(145000)).unwrap();
//! assert_eq!(r.payout.0, Decimal::from(1100));
//! assert_eq!(r.slices.len(), 2); // 5,000 × 4% and 15,000 × 6%
//! ```

use super::{add, at, div, invalid, mul, percent_of, sub, sum};
use crate::base::error::{ErrorCode, Phrase, Result};
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How the tiers' rates are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum RateKind {
    /// One rate on the whole amount (the table has one tier).
    Flat,
    /// The whole amount at the rate of the tier it reached (SAP "straight").
    Retroactive,
    /// Each slice at its own tier's rate (graduated, SAP "step").
    Marginal,
    /// The whole amount at a rate interpolated linearly from the tier's rate at its `from` to the
    /// next tier's rate at its `to`; the last tier's rate is constant.
    Interpolated,
}

/// What the tiers' bounds are measured in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum TierBasis {
    /// The cumulative amount itself.
    #[default]
    Amount,
    /// Attainment in percent of a quota (`100` is the quota); amounts are still what is paid on.
    Attainment,
}

/// Which tier a value exactly at a bound belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Bounds {
    /// `[from, to)`: a value at a bound is in the higher tier (reaching 5,000 earns its rate).
    #[default]
    LowerInclusive,
    /// `(from, to]`: a value at a bound stays in the lower tier (the rate is earned above 5,000).
    UpperInclusive,
}

/// One tier: from `from` up to `to` at `rate` (a fraction: `0.05` is 5%).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TierDef {
    /// Lower bound; the first tier starts at 0 and each next one where the previous ends.
    pub from: Dec,
    /// Upper bound. The last tier may leave it out (open); if it has one, nothing above it is
    /// paid (a cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Option<Dec>,
    /// Rate, as a fraction.
    pub rate: Dec,
}

/// A rate table as written in a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RateTableDef {
    /// How rates apply.
    pub kind: RateKind,
    /// What the bounds measure (default: the amount).
    #[serde(default)]
    pub basis: TierBasis,
    /// Which tier a value at a bound is in (default: the higher one).
    #[serde(default)]
    pub bounds: Bounds,
    /// The tiers, rising, without gaps or overlaps.
    pub tiers: Vec<TierDef>,
    /// Whether a negative rate is allowed (e.g. a penalty tier). Default: no.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allow_negative_rates: bool,
}

/// A validated rate table.
#[derive(Clone, Debug, PartialEq)]
pub struct RateTable {
    def: RateTableDef,
    /// The tiers in amounts, worked out once when they do not depend on a quota (amount tiers).
    fixed: Option<Vec<Band>>,
}

/// One slice of a payout: `base` (the part of the amount from `from` to `to`) × `rate`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Slice {
    /// Index of the tier whose rate applies.
    pub tier: usize,
    /// Cumulative amount where the slice starts.
    pub from: Dec,
    /// Cumulative amount where it ends.
    pub to: Dec,
    /// The amount paid on (negative for a clawback, or for the earlier amount re-rated).
    pub base: Dec,
    /// The rate applied.
    pub rate: Dec,
    /// base × rate, exact.
    pub amount: Dec,
    /// True for the slice that takes back what the carried-in amount already earned before the
    /// whole amount was re-rated (retroactive and interpolated tables).
    pub earlier: bool,
}

/// What one calculation paid, slice by slice.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RateResult {
    /// How the rates applied.
    pub kind: RateKind,
    /// The cumulative amount carried in before this amount.
    pub carried_in: Dec,
    /// The amount paid for (a deal, a period's sales; negative for a clawback).
    pub amount: Dec,
    /// carried_in + amount.
    pub cumulative: Dec,
    /// Attainment of the cumulative amount in percent, for an attainment table.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// The tier the cumulative amount reached.
    pub tier: usize,
    /// The rate at the cumulative amount (retroactive and interpolated: the rate on the whole).
    pub rate: Dec,
    /// Whether the last tier's `to` capped the amount.
    pub capped: bool,
    /// The slices, in order.
    pub slices: Vec<Slice>,
    /// Σ slice amounts, exact (not rounded).
    pub payout: Dec,
}

/// A table's tiers in amounts for one quota (the table's own, for amount tiers).
#[derive(Clone, Debug)]
pub(crate) struct Tiers<'t>(Cow<'t, [Band]>);

/// A tier in amounts: `[lo, hi)` (or `(lo, hi]`) at `rate`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Band {
    lo: Decimal,
    hi: Option<Decimal>,
    rate: Decimal,
}

impl RateTable {
    /// Validates a definition: tiers rising from 0 without gaps (`TIER_GAP`) or overlaps
    /// (`TIER_OVERLAP`), only the last one open, no negative rate unless allowed
    /// (`NEGATIVE_RATE`), one tier for a flat table. Paths point into the definition.
    pub fn new(def: RateTableDef) -> Result<Self> {
        validate(&def)?;
        let mut table = RateTable { def, fixed: None };
        if table.def.basis == TierBasis::Amount {
            table.fixed = Some(table.bands(None)?);
        }
        Ok(table)
    }

    /// The definition.
    pub fn def(&self) -> &RateTableDef {
        &self.def
    }

    /// Pays an amount from zero (amount tiers).
    pub fn pay(&self, amount: Decimal) -> Result<RateResult> {
        self.compute(amount, Decimal::ZERO, None)
    }

    /// Pays a deal on top of a carried-in cumulative amount (amount tiers).
    pub fn pay_deal(&self, amount: Decimal, carried_in: Decimal) -> Result<RateResult> {
        self.compute(amount, carried_in, None)
    }

    /// Pays `amount` on top of `carried_in`; an attainment table needs the `quota` (> 0) its
    /// percent bounds are taken of.
    pub fn compute(&self, amount: Decimal, carried_in: Decimal, quota: Option<Decimal>) -> Result<RateResult> {
        self.compute_in(&self.tiers_for(quota)?, amount, carried_in, quota)
    }

    /// The tiers in amounts for `quota` (attainment bounds taken of it), to pay several amounts
    /// against the same quota with [`RateTable::compute_in`]; the errors of [`RateTable::compute`]
    /// about the quota.
    pub(crate) fn tiers_for(&self, quota: Option<Decimal>) -> Result<Tiers<'_>> {
        match &self.fixed {
            Some(bands) => Ok(Tiers(Cow::Borrowed(bands))),
            None => self.bands(quota).map(|b| Tiers(Cow::Owned(b))),
        }
    }

    /// [`RateTable::compute`] with the tiers [`RateTable::tiers_for`] gave for the same `quota`.
    pub(crate) fn compute_in(
        &self,
        tiers: &Tiers<'_>,
        amount: Decimal,
        carried_in: Decimal,
        quota: Option<Decimal>,
    ) -> Result<RateResult> {
        let bands = &*tiers.0;
        let cumulative = add(carried_in, amount)?;
        let (end, capped) = clamp(bands, cumulative);
        let start = clamp(bands, carried_in).0;
        let slices = match self.def.kind {
            RateKind::Marginal => marginal_slices(bands, start, end)?,
            _ => whole_slices(self, bands, start, end)?,
        };
        let tier = self.tier_of(bands, end);
        let attainment = match (self.def.basis, quota) {
            (TierBasis::Attainment, Some(q)) => Some(Dec(percent(cumulative, q)?)),
            _ => None,
        };
        Ok(RateResult {
            kind: self.def.kind,
            carried_in: Dec(carried_in),
            amount: Dec(amount),
            cumulative: Dec(cumulative),
            attainment,
            tier,
            rate: Dec(self.rate_at(bands, end)?),
            capped,
            payout: Dec(sum(slices.iter().map(|s| s.amount.0))?),
            slices,
        })
    }

    /// What a statement shows of paying `amount` on top of `carried_in`: the slices (into
    /// `slices`, emptied first), whether the cap cut the amount, and the payout. Fails exactly
    /// when [`RateTable::compute_in`] fails: every figure it works out is worked out here too.
    pub(crate) fn pay_into(
        &self,
        tiers: &Tiers<'_>,
        (amount, carried_in, quota): (Decimal, Decimal, Option<Decimal>),
        slices: &mut Vec<Slice>,
    ) -> Result<(bool, Decimal)> {
        let bands = &*tiers.0;
        let cumulative = add(carried_in, amount)?;
        let (end, capped) = clamp(bands, cumulative);
        let start = clamp(bands, carried_in).0;
        slices.clear();
        match self.def.kind {
            RateKind::Marginal => marginal_into(bands, start, end, slices)?,
            _ => whole_into(self, bands, start, end, slices)?,
        }
        if let (TierBasis::Attainment, Some(q)) = (self.def.basis, quota) {
            if !percent_fits(cumulative, q) {
                percent(cumulative, q)?;
            }
        }
        self.rate_at(bands, end)?;
        Ok((capped, sum(slices.iter().map(|s| s.amount.0))?))
    }

    /// Pays each transaction on its own, each from zero (Oracle's per-transaction step rates).
    pub fn per_transaction(&self, amounts: &[Decimal], quota: Option<Decimal>) -> Result<Vec<RateResult>> {
        amounts.iter().map(|a| self.compute(*a, Decimal::ZERO, quota)).collect()
    }

    /// The cumulative payout `F(x)` on a cumulative amount `x`.
    pub fn cumulative_payout(&self, x: Decimal, quota: Option<Decimal>) -> Result<Decimal> {
        Ok(self.compute(x, Decimal::ZERO, quota)?.payout.0)
    }

    /// The tiers' lower bounds in amounts (attainment bounds taken of the quota), with each
    /// tier's rate: where the estimator looks for the next tier.
    pub fn thresholds(&self, quota: Option<Decimal>) -> Result<Vec<(usize, Decimal, Decimal)>> {
        Ok(self.bands(quota)?.iter().enumerate().map(|(i, b)| (i, b.lo, b.rate)).collect())
    }

    /// The tiers in amounts.
    fn bands(&self, quota: Option<Decimal>) -> Result<Vec<Band>> {
        let scale = |v: Decimal| match self.def.basis {
            TierBasis::Amount => Ok(v),
            TierBasis::Attainment => percent_of(quota.unwrap_or_default(), v),
        };
        if self.def.basis == TierBasis::Attainment && quota.is_none_or(|q| q <= Decimal::ZERO) {
            let found = quota.map(|q| q.to_string()).unwrap_or_else(|| "-".into());
            return Err(invalid("/quota", "quota", Phrase::AQuotaAbove0, found));
        }
        self.def
            .tiers
            .iter()
            .map(|t| Ok(Band { lo: scale(t.from.0)?, hi: t.to.map(|h| scale(h.0)).transpose()?, rate: t.rate.0 }))
            .collect()
    }

    /// The tier a cumulative amount is in, by the table's bound rule.
    fn tier_of(&self, bands: &[Band], x: Decimal) -> usize {
        let last = bands.len().saturating_sub(1);
        let inside = |b: &Band| match (self.def.bounds, b.hi) {
            (_, None) => true,
            (Bounds::LowerInclusive, Some(hi)) => x < hi,
            (Bounds::UpperInclusive, Some(hi)) => x <= hi,
        };
        bands.iter().position(inside).unwrap_or(last)
    }

    /// The rate on the whole amount at cumulative `x` (the marginal rate for a marginal table).
    fn rate_at(&self, bands: &[Band], x: Decimal) -> Result<Decimal> {
        let i = self.tier_of(bands, x);
        let Some(band) = bands.get(i) else { return Ok(Decimal::ZERO) };
        match (self.def.kind, band.hi, bands.get(i.saturating_add(1))) {
            (RateKind::Interpolated, Some(hi), Some(next)) => {
                let t = div(sub(x.max(band.lo), band.lo)?, sub(hi, band.lo)?)?;
                add(band.rate, mul(sub(next.rate, band.rate)?, t)?)
            }
            _ => Ok(band.rate),
        }
    }
}

/// `x` as a percent of `quota`.
fn percent(x: Decimal, quota: Decimal) -> Result<Decimal> {
    div(mul(x, Decimal::ONE_HUNDRED)?, quota)
}

/// Whether [`percent`] of `x` and `quota` (above 0) cannot fail, told without dividing: with
/// |x| ≤ 2^64 − 1 (below 1.9 × 10^19) and `quota` ≥ 10^-6, x × 100 ÷ quota stays below
/// 1.9 × 10^27, inside a decimal's range (7.9 × 10^28). A numbers-only payment skips the division
/// whose figure it does not show when it cannot fail.
fn percent_fits(x: Decimal, quota: Decimal) -> bool {
    /// 2^64 − 1 and 10^-6, made once.
    const LARGEST: Decimal = Decimal::from_parts(u32::MAX, u32::MAX, 0, false, 0);
    const SMALLEST_QUOTA: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
    x.abs() <= LARGEST && quota >= SMALLEST_QUOTA
}

/// `x` clamped at the last tier's `to` (a cap), and whether it was.
fn clamp(bands: &[Band], x: Decimal) -> (Decimal, bool) {
    match bands.last().and_then(|b| b.hi) {
        Some(cap) if x > cap => (cap, true),
        _ => (x, false),
    }
}

/// Marginal slices between two cumulative amounts: each tier's overlap at its rate, negative
/// when the amount falls. Below 0 the first tier's rate extends.
fn marginal_slices(bands: &[Band], start: Decimal, end: Decimal) -> Result<Vec<Slice>> {
    let mut slices = Vec::new();
    marginal_into(bands, start, end, &mut slices)?;
    Ok(slices)
}

/// [`marginal_slices`], added to `slices`.
fn marginal_into(bands: &[Band], start: Decimal, end: Decimal, slices: &mut Vec<Slice>) -> Result<()> {
    let falling = end < start;
    let (lo, hi) = if falling { (end, start) } else { (start, end) };
    for (i, band) in bands.iter().enumerate() {
        let band_lo = if i == 0 { lo.min(band.lo) } else { band.lo };
        let from = lo.max(band_lo);
        let to = band.hi.map_or(hi, |h| hi.min(h));
        if to <= from {
            continue;
        }
        // The overlap (above 0), negative when the amount falls: its sign set, the same digits
        // and scale as multiplying by −1, without a multiplication per slice.
        let mut base = sub(to, from)?;
        base.set_sign_negative(falling);
        let (from, to) = if falling { (to, from) } else { (from, to) };
        let amount = mul(base, band.rate)?;
        slices.push(Slice {
            tier: i,
            from: Dec(from),
            to: Dec(to),
            base: Dec(base),
            rate: Dec(band.rate),
            amount: Dec(amount),
            earlier: false,
        });
    }
    Ok(())
}

/// Flat, retroactive and interpolated slices: the whole cumulative amount at its rate, less
/// what the carried-in amount earned at its own rate; one slice when the rate did not change.
fn whole_slices(table: &RateTable, bands: &[Band], start: Decimal, end: Decimal) -> Result<Vec<Slice>> {
    let mut slices = Vec::with_capacity(2);
    whole_into(table, bands, start, end, &mut slices)?;
    Ok(slices)
}

/// [`whole_slices`], added to `slices`.
fn whole_into(table: &RateTable, bands: &[Band], start: Decimal, end: Decimal, slices: &mut Vec<Slice>) -> Result<()> {
    let (r_end, r_start) = (table.rate_at(bands, end)?, table.rate_at(bands, start)?);
    let tier = table.tier_of(bands, end);
    if r_end == r_start || start.is_zero() {
        let base = sub(end, start)?;
        let amount = mul(base, r_end)?;
        slices.push(Slice {
            tier,
            from: Dec(start),
            to: Dec(end),
            base: Dec(base),
            rate: Dec(r_end),
            amount: Dec(amount),
            earlier: false,
        });
        return Ok(());
    }
    let whole = Slice {
        tier,
        from: Dec(Decimal::ZERO),
        to: Dec(end),
        base: Dec(end),
        rate: Dec(r_end),
        amount: Dec(mul(end, r_end)?),
        earlier: false,
    };
    let back = Dec(sub(Decimal::ZERO, start)?);
    let earlier = Slice {
        tier: table.tier_of(bands, start),
        from: Dec(Decimal::ZERO),
        to: Dec(start),
        base: back,
        rate: Dec(r_start),
        amount: Dec(mul(back.0, r_start)?),
        earlier: true,
    };
    slices.extend([whole, earlier]);
    Ok(())
}

fn validate(def: &RateTableDef) -> Result<()> {
    let n = def.tiers.len();
    if n == 0 {
        return Err(invalid("/tiers", "tiers", Phrase::AtLeastOne, 0));
    }
    if def.kind == RateKind::Flat && n != 1 {
        return Err(invalid("/tiers", "tiers", Phrase::FlatTableOneTier, n));
    }
    for (i, tier) in def.tiers.iter().enumerate() {
        validate_tier(def, i, tier)?;
    }
    let first = def.tiers.first().map(|t| t.from.0).unwrap_or_default();
    if first.is_sign_negative() && !first.is_zero() {
        return Err(invalid("/tiers/0/from", "from", Phrase::ANumberAtLeastZero, first));
    }
    if !first.is_zero() {
        return Err(at(ErrorCode::TierGap, "/tiers/0/from").name(Phrase::TierAt.with([0])).found(format!("0–{first}")));
    }
    for (i, pair) in def.tiers.windows(2).enumerate() {
        if let [a, b] = pair {
            adjacent(i.saturating_add(1), a, b)?;
        }
    }
    Ok(())
}

fn validate_tier(def: &RateTableDef, i: usize, tier: &TierDef) -> Result<()> {
    let last = i.saturating_add(1) == def.tiers.len();
    match tier.to {
        None if !last => return Err(invalid(format!("/tiers/{i}"), "to", Phrase::OnlyLastTierOpen, "-")),
        Some(to) if to.0 <= tier.from.0 => {
            return Err(invalid(format!("/tiers/{i}/to"), "to", Phrase::FromBelowTo, to.0));
        }
        _ => {}
    }
    if tier.rate.0.is_sign_negative() && !tier.rate.0.is_zero() && !def.allow_negative_rates {
        let e = at(ErrorCode::NegativeRate, format!("/tiers/{i}/rate")).name(Phrase::TierAt.with([i]));
        return Err(e.found(tier.rate.0.to_string()));
    }
    Ok(())
}

/// Tier `i` (`b`) must start where tier `i − 1` (`a`) ends.
fn adjacent(i: usize, a: &TierDef, b: &TierDef) -> Result<()> {
    let Some(end) = a.to else { return Ok(()) };
    let path = format!("/tiers/{i}/from");
    let name = Phrase::TierAt.with([i]);
    if b.from.0 > end.0 {
        return Err(at(ErrorCode::TierGap, path).name(name.clone()).found(format!("{}–{}", end.0, b.from.0)));
    }
    if b.from.0 < end.0 {
        return Err(at(ErrorCode::TierOverlap, path).name(name).found(format!("{}–{}", b.from.0, end.0)));
    }
    Ok(())
}

use crate::base::json::read::{read_names, At, Read};

read_names!(RateKind {
    "flat" => RateKind::Flat,
    "retroactive" => RateKind::Retroactive,
    "marginal" => RateKind::Marginal,
    "interpolated" => RateKind::Interpolated,
});

read_names!(TierBasis { "amount" => TierBasis::Amount, "attainment" => TierBasis::Attainment });

read_names!(Bounds { "lowerInclusive" => Bounds::LowerInclusive, "upperInclusive" => Bounds::UpperInclusive });

impl Read for TierDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["from", "to", "rate"])?;
        Ok(TierDef { from: o.req("from")?, to: o.opt("to")?, rate: o.req("rate")? })
    }
}

impl Read for RateTableDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["kind", "basis", "bounds", "tiers", "allowNegativeRates"])?;
        Ok(RateTableDef {
            kind: o.req("kind")?,
            basis: o.or_default("basis")?,
            bounds: o.or_default("bounds")?,
            tiers: o.req("tiers")?,
            allow_negative_rates: o.or_default("allowNegativeRates")?,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Every kind of table, on amounts and on attainment, with a cap or open.
    #[cfg(not(target_arch = "wasm32"))]
    fn tables() -> Vec<RateTable> {
        let mut all = Vec::new();
        for kind in ["flat", "retroactive", "marginal", "interpolated"] {
            for basis in ["amount", "attainment"] {
                for last in [r#"{"from": 300, "rate": 0.08}"#, r#"{"from": 300, "to": 500, "rate": 0.08}"#] {
                    let tiers = if kind == "flat" {
                        r#"[{"from": 0, "rate": 0.05}]"#.to_string()
                    } else {
                        format!(
                            r#"[{{"from": 0, "to": 100, "rate": 0.02}}, {{"from": 100, "to": 300, "rate": 0.05}}, {last}]"#
                        )
                    };
                    let def = format!(r#"{{"kind": "{kind}", "basis": "{basis}", "tiers": {tiers}}}"#);
                    all.push(RateTable::new(serde_json::from_str(&def).unwrap()).unwrap());
                }
            }
        }
        all
    }

    #[test]
    fn paying_into_a_buffer_fails_where_the_attainment_overflows() {
        let table = |kind: &str| {
            let tiers = r#"[{"from": 0, "to": 100, "rate": 0.02}, {"from": 100, "rate": 0.05}]"#;
            let def = format!(r#"{{"kind": "{kind}", "basis": "attainment", "tiers": {tiers}}}"#);
            RateTable::new(serde_json::from_str(&def).unwrap()).unwrap()
        };
        // 10^10 × 100 ÷ 10^-20 = 10^32 is past a decimal's range; 1.8 × 10^19 × 100 ÷ 10^-6
        // (the edge of `percent_fits`) is not.
        let cases = [(d("1e10"), Decimal::new(1, 20), true), (Decimal::from(u64::MAX), Decimal::new(1, 6), false)];
        for kind in ["marginal", "retroactive"] {
            let table = table(kind);
            for (amount, quota, fails) in cases {
                let mut slices = vec![];
                let fast = table
                    .tiers_for(Some(quota))
                    .and_then(|t| table.pay_into(&t, (amount, d("0"), Some(quota)), &mut slices));
                let full = table.compute(amount, d("0"), Some(quota));
                assert_eq!((fast.is_err(), full.is_err()), (fails, fails), "{kind} {amount} {quota}");
                if fails {
                    assert_eq!(fast.unwrap_err().code, full.unwrap_err().code);
                }
            }
        }
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn paying_into_a_buffer_is_computing(
            table in 0usize..16,
            amount in -1_000_000i64..1_000_000,
            carried in -1_000i64..100_000,
            quota in proptest::option::of(-10i64..100_000),
            huge in proptest::bool::weighted(0.1),
        ) {
            let table = &tables()[table];
            let scale = |x: i64| if huge { Decimal::from(x) * Decimal::from(10_i64.pow(17)) * Decimal::from(10_000) } else { Decimal::new(x, 2) };
            let (amount, carried, quota) = (scale(amount), scale(carried), quota.map(|q| Decimal::new(q, 1)));
            let mut slices = vec![];
            let fast = table
                .tiers_for(quota)
                .and_then(|t| table.pay_into(&t, (amount, carried, quota), &mut slices).map(|r| (r, slices.clone())));
            let full = table.compute(amount, carried, quota).map(|r| ((r.capped, r.payout.0), r.slices));
            proptest::prop_assert_eq!(fast, full);
        }
    }

    fn table(kind: &str, tiers: &str) -> RateTable {
        RateTable::new(super::super::parse(&format!(r#"{{"kind": "{kind}", "tiers": {tiers}}}"#)).unwrap()).unwrap()
    }

    const CASE1: &str = r#"[{"from": 0, "to": 5000, "rate": 0.05}, {"from": 5000, "to": 10000, "rate": 0.10}, {"from": 10000, "rate": 0.15}]"#;

    #[test]
    fn public_case_1_marginal_and_retroactive() {
        assert_eq!(table("marginal", CASE1).pay(d("11000")).unwrap().payout.0, d("900"));
        let retro = table("retroactive", CASE1).pay(d("11000")).unwrap();
        assert_eq!(retro.payout.0, d("1650"));
        assert_eq!((retro.tier, retro.rate.0), (2, d("0.15")));
    }

    #[test]
    fn bound_rule_decides_a_value_at_a_bound() {
        let lower = table("retroactive", CASE1);
        assert_eq!(lower.pay(d("5000")).unwrap().payout.0, d("500"));
        let mut def = lower.def().clone();
        def.bounds = Bounds::UpperInclusive;
        assert_eq!(RateTable::new(def).unwrap().pay(d("5000")).unwrap().payout.0, d("250"));
    }

    #[test]
    fn deals_add_up_to_their_sum_and_clawbacks_re_tier() {
        let t = table("retroactive", CASE1);
        let first = t.pay_deal(d("4000"), Decimal::ZERO).unwrap().payout.0;
        let second = t.pay_deal(d("2000"), d("4000")).unwrap();
        assert_eq!(first + second.payout.0, t.pay(d("6000")).unwrap().payout.0);
        assert_eq!(second.slices.len(), 2);
        assert!(second.slices[1].earlier);
        let back = t.pay_deal(d("-2000"), d("6000")).unwrap();
        assert_eq!(back.payout.0, -second.payout.0);
    }

    #[test]
    fn interpolated_rates_run_between_tiers() {
        let t = table("interpolated", r#"[{"from": 0, "to": 100, "rate": 0.02}, {"from": 100, "rate": 0.04}]"#);
        let r = t.pay(d("50")).unwrap();
        assert_eq!((r.rate.0, r.payout.0), (d("0.03"), d("1.5")));
        assert_eq!(t.pay(d("200")).unwrap().payout.0, d("8"));
    }

    #[test]
    fn a_closed_last_tier_caps() {
        let t = table("marginal", r#"[{"from": 0, "to": 100, "rate": 0.1}]"#);
        let r = t.pay(d("150")).unwrap();
        assert!(r.capped);
        assert_eq!(r.payout.0, d("10"));
    }

    #[test]
    fn bad_tiers_are_coded_with_paths() {
        let err = |tiers: &str| {
            let def: RateTableDef =
                super::super::parse(&format!(r#"{{"kind": "marginal", "tiers": {tiers}}}"#)).unwrap();
            let e = RateTable::new(def).unwrap_err();
            (e.code, e.path.clone())
        };
        let gap = r#"[{"from": 0, "to": 10, "rate": 0.1}, {"from": 11, "rate": 0.2}]"#;
        assert_eq!(err(gap), (ErrorCode::TierGap, "/tiers/1/from".into()));
        let overlap = r#"[{"from": 0, "to": 10, "rate": 0.1}, {"from": 9, "rate": 0.2}]"#;
        assert_eq!(err(overlap), (ErrorCode::TierOverlap, "/tiers/1/from".into()));
        assert_eq!(err(r#"[{"from": 0, "rate": -0.1}]"#), (ErrorCode::NegativeRate, "/tiers/0/rate".into()));
        assert_eq!(err(r#"[{"from": 5, "rate": 0.1}]"#), (ErrorCode::TierGap, "/tiers/0/from".into()));
    }
}
