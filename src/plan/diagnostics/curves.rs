//! Target bonus curves: cliffs, falls, caps that bind at the gate, fractions written for
//! percents. Every value is read through the payout curve the engine pays with (gate, points,
//! `slopeAbove`, `cap`, `capAttainment`), in percent of the target bonus; multipliers are left
//! out (they scale the whole curve).

use super::{component_path, dec, Diagnostic, DiagnosticDetail, CLIFF_PERCENT};
use crate::base::arithmetic::Arithmetic;
use crate::base::number::Dec;
use crate::incentive::section::{ComponentDef, CurveDef, IncentiveDef};
use crate::incentive::{CurveResult, PayoutCurve, PayoutCurveDef};
use rust_decimal::Decimal;

/// At or below this, every attainment (or every payout) of a curve reads as a fraction typed for
/// a percent (1 for 100%).
const FRACTION_LIMIT: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

pub(super) fn check(def: &IncentiveDef, out: &mut Vec<Diagnostic>) {
    for (ci, component) in def.components.iter().enumerate() {
        if let ComponentDef::TargetBonus(t) = component {
            let base = format!("{}/curve", component_path(ci));
            check_curve(&t.curve, &t.id, &base, out);
        }
    }
}

/// The curve as the engine reads it.
struct Reader {
    curve: PayoutCurve,
}

impl Reader {
    fn new(c: &CurveDef) -> Option<Self> {
        let def = PayoutCurveDef {
            target_bonus: Dec(Decimal::ONE_HUNDRED),
            points: c.points.clone(),
            slope_above: c.slope_above,
            gate: c.gate,
            cap: c.cap,
            cap_attainment: c.cap_attainment,
        };
        PayoutCurve::new(def).ok().map(|curve| Reader { curve })
    }

    /// The curve at `attainment`: `payout_percent` after gate and cap, `curve_payout` before the
    /// cap, `slope` of the segment starting there.
    fn at(&self, attainment: Decimal) -> Option<CurveResult> {
        self.curve.compute(attainment, &[]).ok()
    }
}

fn check_curve(c: &CurveDef, id: &str, base: &str, out: &mut Vec<Diagnostic>) {
    let (Some(first), Some(reader)) = (c.points.first(), Reader::new(c)) else { return };
    if fractions(c, id, base, out) {
        return;
    }
    // CAP_BELOW_GATE on attainment: counted attainment never passes the first point.
    if let Some(cap) = c.cap_attainment.filter(|ca| ca.0 <= first.attainment.0) {
        let detail = DiagnosticDetail::CapBelowGate {
            component: id.to_string(),
            key: "capAttainment".into(),
            cap: dec(cap.0),
            gate: dec(first.attainment.0),
            payout_at_gate: None,
        };
        out.push(Diagnostic::new(format!("{base}/capAttainment"), detail));
        return;
    }
    let gate_first = c.gate.is_some_and(|g| g.0 >= first.attainment.0);
    let entry = c.gate.map_or(first.attainment.0, |g| g.0.max(first.attainment.0));
    let Some(at_entry) = reader.at(entry) else { return };
    payout_cap(c, id, base, &reader, entry, &at_entry, out);
    // PAYOUT_CLIFF at the entry: below it nothing is paid.
    if at_entry.payout_percent.0 > CLIFF_PERCENT {
        let path = if gate_first { format!("{base}/gate") } else { format!("{base}/points/0/payout") };
        out.push(Diagnostic::new(path, cliff(id, entry, entry, at_entry.payout_percent.0)));
    }
    segments(c, id, base, &reader, &breakpoints(c, entry), out);
}

/// Attainments where the paid curve changes course from `entry` on: the entry, the points above
/// it, the attainment cap (beyond which it is flat).
fn breakpoints(c: &CurveDef, entry: Decimal) -> Vec<Decimal> {
    let limit = c.cap_attainment.map(|ca| ca.0);
    let mut all = vec![entry];
    all.extend(c.points.iter().map(|p| p.attainment.0).filter(|a| *a > entry && limit.is_none_or(|l| *a < l)));
    all.extend(limit.filter(|l| *l > entry));
    crate::base::order::sort(&mut all);
    all.dedup();
    all
}

fn cliff(id: &str, from: Decimal, to: Decimal, rise: Decimal) -> DiagnosticDetail {
    DiagnosticDetail::CurveCliff {
        component: id.to_string(),
        from: dec(from),
        to: dec(to),
        rise: dec(rise),
        threshold: dec(CLIFF_PERCENT),
    }
}

/// `PAYOUT_DECREASES` where the paid curve falls between two breakpoints; `PAYOUT_CLIFF` where
/// it rises more than [`CLIFF_PERCENT`] within one attainment point (the smaller of the rise and
/// the slope), and beyond the last point when `slopeAbove` does.
fn segments(c: &CurveDef, id: &str, base: &str, reader: &Reader, points: &[Decimal], out: &mut Vec<Diagnostic>) {
    let path_to = |b: Decimal| match c.points.iter().position(|p| p.attainment.0 >= b) {
        Some(k) => format!("{base}/points/{k}/payout"),
        None => format!("{base}/slopeAbove"),
    };
    for pair in points.windows(2) {
        let [a, b] = pair else { continue };
        let (Some(ra), Some(rb)) = (reader.at(*a), reader.at(*b)) else { continue };
        let (va, vb) = (ra.payout_percent.0, rb.payout_percent.0);
        let Some(rise) = vb.sub_checked(va) else { continue };
        if rise < Decimal::ZERO {
            let detail = DiagnosticDetail::CurveDecreases {
                component: id.to_string(),
                from: dec(*a),
                to: dec(*b),
                payout_from: dec(va),
                payout_to: dec(vb),
            };
            out.push(Diagnostic::new(path_to(*b), detail));
        } else if rise.min(ra.slope.0) > CLIFF_PERCENT {
            out.push(Diagnostic::new(path_to(*b), cliff(id, *a, *b, rise)));
        }
    }
    let (Some(last), None) = (points.last(), c.cap_attainment) else { return };
    let Some(end) = reader.at(*last) else { return };
    let room = c.cap.map_or(Some(end.slope.0), |cap| cap.0.sub_checked(end.payout_percent.0));
    let rise = room.map(|r| r.min(end.slope.0)).unwrap_or_default();
    if rise > CLIFF_PERCENT {
        let to = last.add_checked(Decimal::ONE).unwrap_or(*last);
        out.push(Diagnostic::new(format!("{base}/slopeAbove"), cliff(id, *last, to, rise)));
    }
}

/// `CAP_BELOW_GATE` on the payout: a cap at or below what the curve reads where it starts
/// paying, while the curve rises above the cap later — from the gate on, it pays the cap
/// whatever the attainment.
fn payout_cap(
    c: &CurveDef,
    id: &str,
    base: &str,
    reader: &Reader,
    entry: Decimal,
    at_entry: &CurveResult,
    out: &mut Vec<Diagnostic>,
) {
    let Some(cap) = c.cap else { return };
    let later = breakpoints(c, entry).into_iter().filter_map(|b| reader.at(b)).map(|r| r.curve_payout.0);
    let unbounded = c.cap_attainment.is_none() && c.slope_above.is_some_and(|s| s.0 > Decimal::ZERO);
    let rises = unbounded || later.into_iter().any(|v| v > cap.0);
    if rises && cap.0 <= at_entry.curve_payout.0 {
        let detail = DiagnosticDetail::CapBelowGate {
            component: id.to_string(),
            key: "cap".into(),
            cap: dec(cap.0),
            gate: dec(entry),
            payout_at_gate: Some(dec(at_entry.curve_payout.0)),
        };
        out.push(Diagnostic::new(format!("{base}/cap"), detail));
    }
}

/// `PERCENT_AS_FRACTION`: every attainment (points, gate, attainment cap) at most 3, or every
/// payout (points, cap) at most 3 with one above 0 — percents written as fractions. True when
/// found (the other checks would only repeat it).
fn fractions(c: &CurveDef, id: &str, base: &str, out: &mut Vec<Diagnostic>) -> bool {
    let attainments =
        c.points.iter().map(|p| p.attainment.0).chain(c.gate.map(|g| g.0)).chain(c.cap_attainment.map(|a| a.0));
    let top_attainment = attainments.max().unwrap_or_default();
    let last = c.points.len().saturating_sub(1);
    let found = if top_attainment > Decimal::ZERO && top_attainment <= FRACTION_LIMIT {
        let value = c.points.last().map_or(top_attainment, |p| p.attainment.0);
        Some((format!("{base}/points/{last}/attainment"), "attainment", value))
    } else {
        let payouts = c.points.iter().map(|p| p.payout.0).chain(c.cap.map(|a| a.0));
        let top = payouts.max().unwrap_or_default();
        let k = c.points.iter().position(|p| p.payout.0 == top).unwrap_or(last);
        (top > Decimal::ZERO && top <= FRACTION_LIMIT).then(|| (format!("{base}/points/{k}/payout"), "payout", top))
    };
    let Some((path, key, value)) = found else { return false };
    let detail = DiagnosticDetail::PercentAsFraction {
        owner: id.to_string(),
        key: key.into(),
        value: dec(value),
        suggested: dec(value.mul_checked(Decimal::ONE_HUNDRED).unwrap_or(value)),
    };
    out.push(Diagnostic::new(path, detail));
    true
}
