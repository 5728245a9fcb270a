//! The scorecard's profiles, weights, indicators and grade coefficients.

use super::{dec, Diagnostic, DiagnosticDetail};
use crate::base::arithmetic::Arithmetic;
use crate::scorecard::document::{GradeDef, IndicatorDef, Method, ProfileDef, ScorecardDef, StepBasis, Weight};
use rust_decimal::Decimal;

/// At or above this, a ratio bound (`cap`, `floor`) or an attainment band reads as a percent
/// typed for a fraction (120 for 1.2).
const PERCENT_LIMIT: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

const BASE: &str = "/scorecard";

pub(super) fn check(def: &ScorecardDef, out: &mut Vec<Diagnostic>) {
    profiles(&def.profiles, out);
    for (p, profile) in def.profiles.iter().enumerate() {
        let path = format!("{BASE}/profiles/{p}");
        zero_weights(&profile.weights, &profile.id, None, &format!("{path}/weights"), out);
        for (k, phase) in profile.phases.iter().enumerate() {
            let wpath = format!("{path}/phases/{k}/weights");
            zero_weights(&phase.weights, &profile.id, Some(&phase.id), &wpath, out);
        }
    }
    for (i, indicator) in def.indicators.iter().enumerate() {
        let path = format!("{BASE}/indicators/{i}");
        let weighed = def.profiles.iter().any(|p| {
            let lists = std::iter::once(&p.weights).chain(p.phases.iter().map(|ph| &ph.weights));
            lists.flatten().any(|w| w.indicator == indicator.id)
        });
        if !weighed {
            let detail = DiagnosticDetail::IndicatorUnused { indicator: indicator.id.clone() };
            out.push(Diagnostic::new(path.clone(), detail));
        }
        method(indicator, &path, out);
    }
    coefficients(&def.grades, out);
}

/// A condition as compared: its text without spaces.
fn condition(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `PROFILE_UNREACHABLE`: a profile after one without a condition, or with the same condition as
/// an earlier one (the first whose condition holds is used); a phase with the same condition as
/// an earlier phase of its profile.
fn profiles(profiles: &[ProfileDef], out: &mut Vec<Diagnostic>) {
    for (p, profile) in profiles.iter().enumerate() {
        let mine = profile.when.as_deref().map(condition);
        let by = profiles.iter().take(p).find(|e| e.when.is_none() || e.when.as_deref().map(condition) == mine);
        if let Some(by) = by {
            let detail =
                DiagnosticDetail::ProfileUnreachable { profile: profile.id.clone(), phase: None, by: by.id.clone() };
            out.push(Diagnostic::new(format!("{BASE}/profiles/{p}"), detail));
        }
        for (k, phase) in profile.phases.iter().enumerate() {
            let mine = condition(&phase.when);
            if let Some(by) = profile.phases.iter().take(k).find(|e| condition(&e.when) == mine) {
                let detail = DiagnosticDetail::ProfileUnreachable {
                    profile: profile.id.clone(),
                    phase: Some(phase.id.clone()),
                    by: by.id.clone(),
                };
                out.push(Diagnostic::new(format!("{BASE}/profiles/{p}/phases/{k}"), detail));
            }
        }
    }
}

/// `WEIGHT_ZERO` (info): an indicator listed with weight 0 — it is scored, shown, and counts for
/// nothing.
fn zero_weights(weights: &[Weight], profile: &str, phase: Option<&str>, path: &str, out: &mut Vec<Diagnostic>) {
    for (k, w) in weights.iter().enumerate() {
        if w.weight.0.is_zero() {
            let detail = DiagnosticDetail::WeightZero {
                profile: profile.to_string(),
                phase: phase.map(str::to_string),
                indicator: w.indicator.clone(),
            };
            out.push(Diagnostic::new(format!("{path}/{k}/weight"), detail));
        }
    }
}

/// `SCORE_DECREASES`: a step band with fewer points than the band below it, a linear method whose
/// `max_points` is below its `min_points`. `FRACTION_AS_PERCENT`: a ratio or lower-is-better `cap`
/// or `floor` of 10 or more (120 written for 1.2), an attainment band from 10 on (80 for 0.8).
fn method(indicator: &IndicatorDef, path: &str, out: &mut Vec<Diagnostic>) {
    let id = &indicator.id;
    let mpath = format!("{path}/method");
    let percent = |key: &str, value: Decimal| DiagnosticDetail::FractionAsPercent {
        owner: id.clone(),
        key: key.into(),
        value: dec(value),
        suggested: dec(value.div_checked(Decimal::ONE_HUNDRED).unwrap_or(value)),
    };
    match &indicator.method {
        Method::Ratio { floor, cap } | Method::LowerIsBetter { floor, cap, .. } => {
            for (key, value) in [("floor", Some(floor.0)), ("cap", cap.map(|c| c.0))] {
                if let Some(v) = value.filter(|v| *v >= PERCENT_LIMIT) {
                    out.push(Diagnostic::new(format!("{mpath}/{key}"), percent(key, v)));
                }
            }
        }
        Method::Steps { on, bands } => {
            for (k, pair) in bands.windows(2).enumerate() {
                let [lower, band] = pair else { continue };
                if band.points.0 < lower.points.0 {
                    let detail = DiagnosticDetail::ScoreDecreases {
                        indicator: id.clone(),
                        at: Some(dec(band.from.0)),
                        points: dec(band.points.0),
                        previous: dec(lower.points.0),
                    };
                    out.push(Diagnostic::new(format!("{mpath}/bands/{}/points", k.saturating_add(1)), detail));
                }
            }
            let percent_band = bands.iter().position(|b| b.from.0 >= PERCENT_LIMIT);
            if let (StepBasis::Attainment, Some(k)) = (on, percent_band) {
                let from = bands.get(k).map(|b| b.from.0).unwrap_or_default();
                out.push(Diagnostic::new(format!("{mpath}/bands/{k}/from"), percent("from", from)));
            }
        }
        Method::Linear { min_points, max_points, .. } if max_points.0 < min_points.0 => {
            let detail = DiagnosticDetail::ScoreDecreases {
                indicator: id.clone(),
                at: None,
                points: dec(max_points.0),
                previous: dec(min_points.0),
            };
            out.push(Diagnostic::new(format!("{mpath}/max_points"), detail));
        }
        _ => {}
    }
}

/// `COEFFICIENT_DECREASES`: a grade whose 绩效系数 is below the next worse grade's (grades are
/// listed best first).
fn coefficients(grades: &[GradeDef], out: &mut Vec<Diagnostic>) {
    for (i, pair) in grades.windows(2).enumerate() {
        let [better, worse] = pair else { continue };
        if better.coefficient.0 < worse.coefficient.0 {
            let detail = DiagnosticDetail::CoefficientDecreases {
                grade: better.grade.clone(),
                coefficient: dec(better.coefficient.0),
                worse: worse.grade.clone(),
                worse_coefficient: dec(worse.coefficient.0),
            };
            out.push(Diagnostic::new(format!("{BASE}/grades/{i}/coefficient"), detail));
        }
    }
}
