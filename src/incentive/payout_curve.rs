//! Target bonus on a payout curve (目标奖金 × 支付曲线): payout in percent of the target bonus as a
//! piecewise-linear function of attainment, with a gate (门槛), accelerators (超额部分翻倍) and
//! decelerators as steeper or flatter segments, a cap, and multipliers (绩效系数, a 回款率 factor,
//! any named factor) applied after it.
//!
//! ```
//! use salescore::incentive::{parse, Multiplier, PayoutCurve};
//! use rust_decimal::Decimal;
//!
//! // 50% attainment pays 25%, 100% pays 100%, above that each point pays double (超额部分翻倍),
//! // capped at 200%; nothing below an 80% gate.
//! let curve = PayoutCurve::new(parse(r#"{"targetBonus": 10000, "gate": 80,
//!   "points": [{"attainment": 50, "payout": 25}, {"attainment": 100, "payout": 100}],
//!   "slopeAbove": 2, "cap": 200}"#).unwrap()).unwrap();
//! let r = curve.compute(Decimal::from(120), &[Multiplier::new("绩效系数", Decimal::new(12, 1))]).unwrap();
//! assert_eq!(r.payout_percent.0, Decimal::from(140));
//! assert_eq!(r.payout.0, Decimal::from(16800)); // 10,000 × 140% × 1.2
//! assert!(!curve.compute(Decimal::from(79), &[]).unwrap().gate_passed.unwrap());
//! ```

use super::{at, div, invalid, mul, non_negative, percent_of, sub};
use crate::base::error::{ErrorCode, Phrase, Result};
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A point of the curve: at `attainment` percent, `payout` percent of the target bonus.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CurvePoint {
    /// Attainment, percent.
    pub attainment: Dec,
    /// Payout, percent of the target bonus.
    pub payout: Dec,
}

/// A payout curve as written in a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PayoutCurveDef {
    /// The bonus paid at 100% payout.
    pub target_bonus: Dec,
    /// Points with strictly rising attainment, joined by straight segments. Below the first
    /// point nothing is paid.
    pub points: Vec<CurvePoint>,
    /// Payout percent per attainment percent beyond the last point (`2` doubles the excess,
    /// `0.5` halves it). Default 0: flat after the last point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub slope_above: Option<Dec>,
    /// Attainment percent below which nothing is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub gate: Option<Dec>,
    /// Highest payout percent (before multipliers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cap: Option<Dec>,
    /// Attainment percent beyond which the payout stops growing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cap_attainment: Option<Dec>,
}

/// A named factor the payout is multiplied by (绩效系数 1.2, 回款率 factor 0.9…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Multiplier {
    /// Name shown on the statement.
    pub name: String,
    /// The factor.
    pub factor: Dec,
}

impl Multiplier {
    /// A multiplier named `name`.
    pub fn new(name: impl Into<String>, factor: Decimal) -> Self {
        Multiplier { name: name.into(), factor: Dec(factor) }
    }
}

/// A validated payout curve.
#[derive(Clone, Debug, PartialEq)]
pub struct PayoutCurve {
    def: PayoutCurveDef,
}

/// What the curve paid, step by step.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CurveResult {
    /// Attainment, percent.
    pub attainment: Dec,
    /// Whether the gate passed (none without a gate).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub gate_passed: Option<bool>,
    /// The segment the attainment fell on: `i` runs from point `i − 1` to point `i`; 0 is below
    /// the first point, `points.len()` beyond the last.
    pub segment: usize,
    /// The segment's slope (payout percent per attainment percent): above 1 an accelerator,
    /// below 1 a decelerator.
    pub slope: Dec,
    /// Payout percent read from the curve, before the cap.
    pub curve_payout: Dec,
    /// Whether the cap (on payout or attainment) cut it.
    pub cap_hit: bool,
    /// Payout percent after gate and cap.
    pub payout_percent: Dec,
    /// target bonus × payout percent.
    pub base: Dec,
    /// The multipliers, in the order applied.
    pub multipliers: Vec<Multiplier>,
    /// base × every multiplier, exact.
    pub payout: Dec,
}

impl PayoutCurve {
    /// Validates: attainment rising strictly (`CURVE_NOT_FUNCTION`), no negative payouts, a gate
    /// below the attainment cap (`GATE_ABOVE_CAP`).
    pub fn new(def: PayoutCurveDef) -> Result<Self> {
        validate(&def)?;
        Ok(PayoutCurve { def })
    }

    /// The definition.
    pub fn def(&self) -> &PayoutCurveDef {
        &self.def
    }

    /// Pays at `attainment` percent, then multiplies by each multiplier in turn.
    pub fn compute(&self, attainment: Decimal, multipliers: &[Multiplier]) -> Result<CurveResult> {
        self.compute_for(self.def.target_bonus.0, attainment, multipliers)
    }

    /// As [`PayoutCurve::compute`], for a target bonus given per rep (a plan's formula).
    pub fn compute_for(
        &self,
        target_bonus: Decimal,
        attainment: Decimal,
        multipliers: &[Multiplier],
    ) -> Result<CurveResult> {
        let gate_passed = self.def.gate.map(|g| attainment >= g.0);
        let counted = self.def.cap_attainment.map_or(attainment, |c| attainment.min(c.0));
        let (segment, slope, curve_payout) = self.read(counted)?;
        let capped_payout = self.def.cap.map_or(curve_payout, |c| curve_payout.min(c.0));
        let cap_hit = counted < attainment || capped_payout < curve_payout;
        let payout_percent = if gate_passed == Some(false) { Decimal::ZERO } else { capped_payout };
        let base = percent_of(target_bonus, payout_percent)?;
        let payout = multipliers.iter().try_fold(base, |acc, m| mul(acc, m.factor.0))?;
        Ok(CurveResult {
            attainment: Dec(attainment),
            gate_passed,
            segment,
            slope: Dec(slope),
            curve_payout: Dec(curve_payout),
            cap_hit: cap_hit && gate_passed != Some(false),
            payout_percent: Dec(payout_percent),
            base: Dec(base),
            multipliers: multipliers.to_vec(),
            payout: Dec(payout),
        })
    }

    /// The curve's payout percent at an attainment (no gate, no cap): segment, slope, payout.
    fn read(&self, x: Decimal) -> Result<(usize, Decimal, Decimal)> {
        let points = &self.def.points;
        let above = points.iter().position(|p| x < p.attainment.0);
        match above {
            Some(0) => Ok((0, Decimal::ZERO, Decimal::ZERO)),
            Some(i) => {
                let (Some(a), Some(b)) = (points.get(i.saturating_sub(1)), points.get(i)) else {
                    return Ok((i, Decimal::ZERO, Decimal::ZERO));
                };
                let slope = div(sub(b.payout.0, a.payout.0)?, sub(b.attainment.0, a.attainment.0)?)?;
                Ok((i, slope, super::add(a.payout.0, mul(slope, sub(x, a.attainment.0)?)?)?))
            }
            None => {
                let last =
                    points.last().copied().unwrap_or(CurvePoint { attainment: Dec::default(), payout: Dec::default() });
                let slope = self.def.slope_above.map_or(Decimal::ZERO, |s| s.0);
                let payout = super::add(last.payout.0, mul(slope, sub(x, last.attainment.0)?)?)?;
                Ok((points.len(), slope, payout))
            }
        }
    }

    /// The attainments where the payout changes course (points, gate, attainment cap), rising:
    /// where the estimator looks for the next step.
    pub fn breakpoints(&self) -> Vec<Decimal> {
        let mut all: Vec<Decimal> = self.def.points.iter().map(|p| p.attainment.0).collect();
        all.extend(self.def.gate.map(|g| g.0));
        all.extend(self.def.cap_attainment.map(|c| c.0));
        crate::base::order::sort(&mut all);
        all.dedup();
        all
    }

    /// The first breakpoint above `attainment`: what it is (`"gate"`, `"cap"` or `"point"`), the
    /// index of the point at it (0 when none is), and its attainment.
    pub fn next_breakpoint(&self, attainment: Decimal) -> Option<(&'static str, usize, Decimal)> {
        let b = self.breakpoints().into_iter().find(|b| *b > attainment)?;
        let kind = if self.def.gate.is_some_and(|g| g.0 == b) {
            "gate"
        } else if self.def.cap_attainment.is_some_and(|c| c.0 == b) {
            "cap"
        } else {
            "point"
        };
        Some((kind, self.def.points.iter().position(|p| p.attainment.0 == b).unwrap_or_default(), b))
    }
}

fn validate(def: &PayoutCurveDef) -> Result<()> {
    non_negative(def.target_bonus.0, "targetBonus", "/targetBonus")?;
    if def.points.is_empty() {
        return Err(invalid("/points", "points", Phrase::AtLeastOne, 0));
    }
    for (i, p) in def.points.iter().enumerate() {
        non_negative(p.payout.0, "payout", &format!("/points/{i}/payout"))?;
    }
    for (i, pair) in def.points.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.attainment.0 <= a.attainment.0 {
                let n = i.saturating_add(1);
                let e =
                    at(ErrorCode::CurveNotFunction, format!("/points/{n}/attainment")).name(Phrase::PointAt.with([n]));
                return Err(e.found(b.attainment.0.to_string()));
            }
        }
    }
    for (value, name) in [(def.slope_above, "slopeAbove"), (def.cap, "cap"), (def.gate, "gate")] {
        if let Some(v) = value {
            non_negative(v.0, name, &format!("/{name}"))?;
        }
    }
    if let (Some(gate), Some(cap)) = (def.gate, def.cap_attainment) {
        if gate.0 >= cap.0 {
            let e = at(ErrorCode::GateAboveCap, "/gate").found(gate.0.to_string());
            return Err(e.expected(cap.0.to_string()));
        }
    }
    Ok(())
}

use crate::base::json::read::{At, Read};

impl Read for CurvePoint {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["attainment", "payout"])?;
        Ok(CurvePoint { attainment: o.req("attainment")?, payout: o.req("payout")? })
    }
}

impl Read for PayoutCurveDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["targetBonus", "points", "slopeAbove", "gate", "cap", "capAttainment"])?;
        Ok(PayoutCurveDef {
            target_bonus: o.req("targetBonus")?,
            points: o.req("points")?,
            slope_above: o.opt("slopeAbove")?,
            gate: o.opt("gate")?,
            cap: o.opt("cap")?,
            cap_attainment: o.opt("capAttainment")?,
        })
    }
}

impl Read for Multiplier {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["name", "factor"])?;
        Ok(Multiplier { name: o.req("name")?, factor: o.req("factor")? })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;

    fn curve(json: &str) -> Result<PayoutCurve> {
        PayoutCurve::new(super::super::parse(json)?)
    }

    #[test]
    fn segments_accelerate_and_decelerate() {
        let c = curve(r#"{"targetBonus": 1000, "points": [{"attainment": 0, "payout": 0},
            {"attainment": 100, "payout": 100}, {"attainment": 120, "payout": 140}, {"attainment": 150, "payout": 155}]}"#)
        .unwrap();
        let r = c.compute(Decimal::from(110), &[]).unwrap();
        assert_eq!((r.segment, r.slope.0, r.payout_percent.0), (2, Decimal::from(2), Decimal::from(120)));
        let r = c.compute(Decimal::from(140), &[]).unwrap();
        assert_eq!((r.slope.0, r.payout_percent.0), (Decimal::new(5, 1), Decimal::from(150)));
        // Beyond the last point without slopeAbove: flat.
        assert_eq!(c.compute(Decimal::from(200), &[]).unwrap().payout.0, Decimal::from(1550));
    }

    #[test]
    fn caps_on_payout_and_on_attainment() {
        let c =
            curve(r#"{"targetBonus": 100, "points": [{"attainment": 0, "payout": 0}], "slopeAbove": 1, "cap": 150}"#)
                .unwrap();
        let r = c.compute(Decimal::from(180), &[]).unwrap();
        assert!(r.cap_hit);
        assert_eq!(r.payout.0, Decimal::from(150));
        let c = curve(r#"{"targetBonus": 100, "points": [{"attainment": 0, "payout": 0}], "slopeAbove": 1, "capAttainment": 130}"#)
            .unwrap();
        assert_eq!(c.compute(Decimal::from(180), &[]).unwrap().payout.0, Decimal::from(130));
    }

    #[test]
    fn bad_curves_are_coded() {
        let e = curve(
            r#"{"targetBonus": 1, "points": [{"attainment": 50, "payout": 0}, {"attainment": 50, "payout": 10}]}"#,
        )
        .unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::CurveNotFunction, "/points/1/attainment"));
        let e = curve(
            r#"{"targetBonus": 1, "points": [{"attainment": 0, "payout": 0}], "gate": 130, "capAttainment": 120}"#,
        )
        .unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::GateAboveCap, "/gate"));
    }
}
