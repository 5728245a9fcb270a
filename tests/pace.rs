//! Pacing: golden working-day counts, progress, forecasts and probabilities read from
//! `tests/data/targets/`, bad specs with their codes and paths, the probability against brute-force
//! enumeration on random deal sets, and the explained sample in both locales.
#![cfg(not(target_arch = "wasm32"))] // native only: proptest, insta and the data files
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use proptest::prelude::*;
use rust_decimal::Decimal;
use salescore::number::serialize_numbers_as;
use salescore::output::NumberOutput;
use salescore::targets::pace::probability::{enumerate, estimate, ChanceMethod, Method, WinChance};
use salescore::targets::{pace, pace_explained};
use serde_json::{json, Value as J};
use std::str::FromStr;

fn cases(file: &str) -> Vec<J> {
    let path = format!("tests/data/targets/{file}");
    let text = std::fs::read_to_string(&path).expect(&path);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn dec(v: &J) -> Decimal {
    Decimal::from_str(v.as_str().expect("decimal string")).expect("decimal")
}

/// Every key of `want` has the same value in `got` (recursively for objects).
fn assert_subset(got: &J, want: &J, at: &str) {
    match want {
        J::Object(map) => {
            for (k, v) in map {
                assert_subset(&got[k], v, &format!("{at}/{k}"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

fn as_strings<T: serde::Serialize>(value: &T) -> J {
    serialize_numbers_as(NumberOutput::String, || serde_json::to_value(value).expect("serializes"))
}

#[test]
fn golden_working_days() {
    let all = cases("calendar.json");
    assert!(all.len() >= 8, "only {} cases", all.len());
    for case in all {
        let name = case["case"].as_str().expect("name");
        let mut spec =
            json!({ "period": case["period"], "asOf": case["asOf"], "reps": [{"id": "A", "target": 1, "actual": 0}] });
        if !case["calendar"].is_null() {
            spec["calendar"] = case["calendar"].clone();
        }
        let pacing = pace(&spec.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = serde_json::to_value(pacing.period.workdays).expect("json");
        assert_eq!(got, case["expected"], "{name}");
    }
}

#[test]
fn golden_progress_forecasts_and_chances() {
    let all = cases("progress.json");
    assert!(all.len() >= 5, "only {} cases", all.len());
    for case in all {
        let name = case["case"].as_str().expect("name");
        let pacing = pace(&case["spec"].to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_subset(&as_strings(&pacing.reps[0]), &case["expected"], name);
        // One rep: the team is the same rep, summed.
        assert_eq!(as_strings(&pacing.team.progress), as_strings(&pacing.reps[0].progress), "{name}: team");
    }
}

fn deals_of(case: &J) -> Vec<WinChance> {
    case["deals"]
        .as_array()
        .expect("deals")
        .iter()
        .map(|d| WinChance { amount: dec(&d[0]), probability: dec(&d[1]) })
        .collect()
}

#[test]
fn golden_probabilities_checked_by_hand() {
    let all = cases("probability.json");
    assert!(all.len() >= 9, "only {} cases", all.len());
    for case in all {
        let name = case["case"].as_str().expect("name");
        let est = estimate(dec(&case["need"]), &deals_of(&case), Method::Auto).expect("estimates");
        assert_eq!(est.exact.as_deref(), case["exact"].as_str(), "{name}: exact");
        assert_eq!(est.probability.to_string(), case["probability"].as_str().expect("p"), "{name}");
        assert_eq!(est.shortfall.normalize(), dec(&case["shortfall"]).normalize(), "{name}: shortfall");
        if let Some(method) = case["method"].as_str() {
            assert_eq!(serde_json::to_value(est.method).expect("json"), json!(method), "{name}: method");
        }
        if let Some(swings) = case["swings"].as_array() {
            let got: Vec<J> = est.swings.iter().map(|s| json!([s.if_won.to_string(), s.if_lost.to_string()])).collect();
            assert_eq!(&got, swings, "{name}: swings");
        }
    }
}

/// The bounded method on cases worked out by hand (`tests/data/targets/bounded.json`): the grid
/// forced on a few deals, or chosen on its own for many, and the exact value (by hand, or a
/// binomial tail recomputed here in exact integers) within the reported bound.
#[test]
fn bounded_probabilities_checked_by_hand() {
    let all = cases("bounded.json");
    assert!(all.len() >= 3, "only {} cases", all.len());
    for case in &all {
        let name = case["case"].as_str().expect("name");
        let exact = dec(&case["exact"]);
        if let Some(b) = case.get("binomial") {
            let p = dec(&b["p"]);
            let percent = u64::try_from((p * Decimal::from(100)).normalize().mantissa()).expect("whole percent");
            let n = b["n"].as_u64().expect("n");
            let at_least = b["atLeast"].as_u64().expect("atLeast");
            assert_eq!(
                brute::binomial_tail(n, percent, at_least),
                case["exact"].as_str().expect("exact"),
                "{name}: exact"
            );
            let deals = deals_of(case);
            assert_eq!(deals.len() as u64, n, "{name}: deals");
            assert!(deals.iter().all(|d| d.probability == p), "{name}: one probability");
        }
        let method = match case["grid"].as_u64() {
            Some(steps) => Method::Grid(u32::try_from(steps).expect("steps")),
            None => Method::Auto,
        };
        let est = estimate(dec(&case["need"]), &deals_of(case), method).expect("estimates");
        assert_eq!(est.method, ChanceMethod::Bounded, "{name}: method");
        assert_eq!(est.exact, None, "{name}: no exact value claimed");
        assert!(est.error_bound > Decimal::ZERO, "{name}: a bound");
        assert!(
            (est.probability - exact).abs() <= est.error_bound,
            "{name}: {} ± {} misses the exact {exact}",
            est.probability,
            est.error_bound
        );
        if let Some(max) = case.get("maxBound") {
            assert!(est.error_bound <= dec(max), "{name}: bound {} above {}", est.error_bound, dec(max));
        }
        if let Some(p) = case.get("probability") {
            assert_eq!(est.probability.to_string(), p.as_str().expect("p"), "{name}: probability");
        }
    }
}

#[test]
fn bad_specs_have_codes_and_paths() {
    let all = cases("errors.json");
    assert!(all.len() >= 19, "only {} cases", all.len());
    for case in all {
        let name = case["case"].as_str().expect("name");
        let err = pace(&case["spec"].to_string()).err().unwrap_or_else(|| panic!("{name}: no error"));
        assert_eq!(err.code.as_str(), case["code"].as_str().expect("code"), "{name}: {err}");
        assert_eq!(err.path, case["path"].as_str().expect("path"), "{name}: {err}");
        if let Some(s) = case["suggestion"].as_str() {
            assert_eq!(err.suggestion.as_deref(), Some(s), "{name}");
        }
        for locale in [salescore::Locale::ZhCn, salescore::Locale::En] {
            assert!(!err.message(locale).is_empty(), "{name}: message");
        }
    }
}

/// Exact brute force: every subset of deals, in integers over 100^n (probabilities have two
/// places here), printed as a decimal.
mod brute {
    /// Little-endian base-10^9 digits.
    #[derive(Clone)]
    pub struct Big(Vec<u64>);
    const BASE: u64 = 1_000_000_000;

    impl Big {
        pub fn one() -> Big {
            Big(vec![1])
        }
        pub fn zero() -> Big {
            Big(vec![0])
        }
        pub fn times(&self, f: u64) -> Big {
            let mut out = Vec::with_capacity(self.0.len() + 1);
            let mut carry = 0u64;
            for d in &self.0 {
                let v = d * f + carry;
                out.push(v % BASE);
                carry = v / BASE;
            }
            while carry > 0 {
                out.push(carry % BASE);
                carry /= BASE;
            }
            Big(out)
        }
        pub fn add(&mut self, o: &Big) {
            let mut carry = 0;
            for i in 0..self.0.len().max(o.0.len()) {
                let v = self.0.get(i).copied().unwrap_or(0) + o.0.get(i).copied().unwrap_or(0) + carry;
                if i < self.0.len() {
                    self.0[i] = v % BASE;
                } else {
                    self.0.push(v % BASE);
                }
                carry = v / BASE;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        /// `self / 10^scale` as a decimal without trailing zeros.
        pub fn fraction(&self, scale: usize) -> String {
            let mut digits: String = self.0.iter().rev().map(|d| format!("{d:09}")).collect();
            digits = digits.trim_start_matches('0').to_string();
            if digits.len() <= scale {
                digits = format!("{}{digits}", "0".repeat(scale + 1 - digits.len()));
            }
            let (int, frac) = digits.split_at(digits.len() - scale);
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
    }

    /// P(at least `k` of `n` deals won, each with `percent` %) exactly: Σ C(n, j) · percent^j ·
    /// (100 − percent)^(n − j) over j ≥ k, divided by 100^n.
    pub fn binomial_tail(n: u64, percent: u64, k: u64) -> String {
        let mut hit = Big::zero();
        let mut choose: u128 = 1; // C(n, j)
        for j in 0..=n {
            if j >= k {
                let mut term = Big::one().times(u64::try_from(choose).expect("C(n, j) fits"));
                for _ in 0..j {
                    term = term.times(percent);
                }
                for _ in j..n {
                    term = term.times(100 - percent);
                }
                hit.add(&term);
            }
            choose = choose * u128::from(n - j) / u128::from(j + 1);
        }
        hit.fraction(2 * n as usize)
    }

    /// P(Σ won amounts ≥ need) exactly, by walking all 2^n outcomes.
    pub fn probability(need: u64, deals: &[(u64, u64)]) -> String {
        fn walk(deals: &[(u64, u64)], sum: u64, weight: Big, need: u64, hit: &mut Big) {
            match deals.split_first() {
                None => {
                    if sum >= need {
                        hit.add(&weight);
                    }
                }
                Some((&(amount, pct), rest)) => {
                    if pct > 0 {
                        walk(rest, sum + amount, weight.times(pct), need, hit);
                    }
                    if pct < 100 {
                        walk(rest, sum, weight.times(100 - pct), need, hit);
                    }
                }
            }
        }
        let mut hit = Big::zero();
        walk(deals, 0, Big::one(), need, &mut hit);
        hit.fraction(2 * deals.len())
    }
}

fn chances(deals: &[(u64, u64)]) -> Vec<WinChance> {
    deals.iter().map(|&(a, p)| WinChance { amount: Decimal::from(a), probability: Decimal::new(p as i64, 2) }).collect()
}

/// The first 24 significant places of a decimal text, as a Decimal.
fn approx(text: &str) -> Decimal {
    Decimal::from_str(&text.chars().take(26).collect::<String>()).expect("decimal")
}

fn deal_sets() -> impl Strategy<Value = (Vec<(u64, u64)>, u64)> {
    prop::collection::vec((1u64..=400, 0u64..=100), 0..=20).prop_flat_map(|deals| {
        let total: u64 = deals.iter().map(|d| d.0).sum();
        (Just(deals), 1..=total.max(1) + 50)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The exact method equals enumeration digit for digit and the reported value is it rounded
    /// at 4 places; the bounded method, forced on a grid, is within its proven error bound.
    #[test]
    fn probability_matches_brute_force((deals, need) in deal_sets()) {
        let want = brute::probability(need, &deals);
        let est = estimate(Decimal::from(need), &chances(&deals), Method::Auto).expect("estimates");
        let exact = approx(&want);
        match est.method {
            ChanceMethod::Bounded => prop_assert!((est.probability - exact).abs() <= est.error_bound),
            _ => prop_assert_eq!(est.exact.as_deref(), Some(want.as_str())),
        }
        prop_assert!((est.probability - exact).abs() <= Decimal::new(5, 5), "{} vs {}", est.probability, want);
        let grid = estimate(Decimal::from(need), &chances(&deals), Method::Grid(4096)).expect("estimates");
        prop_assert!((grid.probability - exact).abs() <= grid.error_bound, "{} ± {} vs {}", grid.probability, grid.error_bound, want);
    }

    /// Amounts with cents make the sum table too fine: up to 24 deals are enumerated, still
    /// exactly; a coarse grid (whose step divides no amount) still brackets the exact value.
    #[test]
    fn amounts_with_cents_are_exact_too((deals, need) in deal_sets()) {
        let cents: Vec<WinChance> = chances(&deals).into_iter().map(|mut d| { d.amount += Decimal::new(37, 2); d }).collect();
        let scaled: Vec<(u64, u64)> = deals.iter().map(|&(a, p)| (a * 100 + 37, p)).collect();
        let want = brute::probability(need * 100, &scaled);
        let est = estimate(Decimal::from(need), &cents, Method::Auto).expect("estimates");
        prop_assert!(est.method != ChanceMethod::Bounded);
        prop_assert_eq!(est.exact.as_deref(), Some(want.as_str()));
        let grid = estimate(Decimal::from(need), &cents, Method::Grid(512)).expect("estimates");
        let exact = approx(&want);
        prop_assert!((grid.probability - exact).abs() <= grid.error_bound, "{} ± {} vs {}", grid.probability, grid.error_bound, want);
    }
}

fn small_sets_with_sure_and_hopeless_deals() -> impl Strategy<Value = (Vec<(u64, u64)>, u64)> {
    let chance = prop_oneof![Just(0u64), Just(100u64), 0u64..=100];
    prop::collection::vec((1u64..=400, chance), 1..=10).prop_flat_map(|deals| {
        let total: u64 = deals.iter().map(|d| d.0).sum();
        (Just(deals), 1..=total + 50)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Enumeration's swings (one exact division per deal, or a second matching for a deal at 0 or
    /// 1) equal enumeration with that deal won or lost, digit for digit.
    #[test]
    fn enumerated_swings_match_brute_force((deals, need) in small_sets_with_sure_and_hopeless_deals()) {
        let cents: Vec<WinChance> = chances(&deals).into_iter().map(|mut d| { d.amount += Decimal::new(37, 2); d }).collect();
        let scaled: Vec<(u64, u64)> = deals.iter().map(|&(a, p)| (a * 100 + 37, p)).collect();
        let found = enumerate::solve(Decimal::from(need), &cents).expect("enumerates");
        prop_assert_eq!(&found.probability, &brute::probability(need * 100, &scaled));
        for (i, (won, lost)) in found.swings.iter().enumerate() {
            let mut fixed = scaled.clone();
            fixed[i].1 = 100;
            prop_assert_eq!(won, &brute::probability(need * 100, &fixed), "deal {} won", i);
            fixed[i].1 = 0;
            prop_assert_eq!(lost, &brute::probability(need * 100, &fixed), "deal {} lost", i);
        }
    }
}

#[test]
fn swings_match_enumeration_on_a_small_case() {
    let deals = [(120, 75), (80, 50), (60, 90), (45, 50), (30, 10)];
    let need = 200;
    let est = estimate(Decimal::from(need), &chances(&deals), Method::Auto).expect("estimates");
    for i in 0..deals.len() {
        let mut won = deals.to_vec();
        won[i].1 = 100;
        let mut lost = deals.to_vec();
        lost[i].1 = 0;
        let round4 =
            |s: String| approx(&s).round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(est.swings[i].if_won, round4(brute::probability(need, &won)), "deal {i} won");
        assert_eq!(est.swings[i].if_lost, round4(brute::probability(need, &lost)), "deal {i} lost");
    }
}

#[test]
fn two_hundred_deals_use_the_bounded_method_within_half_a_point() {
    // Deterministic pseudo-random amounts with cents and two-place probabilities.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let deals: Vec<WinChance> = (0..200)
        .map(|_| WinChance {
            amount: Decimal::new((next() % 5_000_000 + 100_000) as i64, 2),
            probability: Decimal::new((next() % 99 + 1) as i64, 2),
        })
        .collect();
    let expected: Decimal = deals.iter().map(|d| d.amount * d.probability).sum();
    let est = estimate(expected, &deals, Method::Auto).expect("estimates");
    assert_eq!(est.method, ChanceMethod::Bounded);
    assert!(est.error_bound <= Decimal::new(5, 3), "error bound {}", est.error_bound);
    assert!(est.probability > Decimal::new(3, 1) && est.probability < Decimal::new(7, 1), "{}", est.probability);
    assert_eq!(estimate(expected, &deals, Method::Auto).expect("again"), est, "deterministic");
}

fn sample() -> String {
    std::fs::read_to_string("samples/targets/pace.json").expect("sample")
}

#[test]
fn the_sample_paces_as_its_readme_says() {
    let pacing = pace(&sample()).expect("paces");
    assert_eq!(
        (pacing.period.workdays.total, pacing.period.workdays.elapsed, pacing.period.workdays.remaining),
        (19, 9, 10)
    );
    let status: Vec<J> = pacing.reps.iter().map(|r| serde_json::to_value(r.progress.status).expect("json")).collect();
    assert_eq!(status, [json!("onTrack"), json!("behind"), json!("achieved"), json!("behind")]);
    assert_eq!(pacing.reps[1].chance.exact_probability.as_deref(), Some("0.02025"));
    assert_eq!(pacing.reps[0].pipeline.later_deals, 1);
    let team = &pacing.team;
    assert_eq!(team.progress.target.0, Decimal::from(1_250_000));
    assert_eq!(team.progress.actual.0, Decimal::from(708_000));
    assert_eq!((team.achieved, team.on_track, team.behind), (1, 1, 2));
}

#[test]
fn explained_sample_snapshot_in_both_locales() {
    for locale in [salescore::Locale::ZhCn, salescore::Locale::En] {
        let pacing = pace_explained(&sample(), locale).expect("paces");
        assert!(pacing.reps.iter().all(|r| r.text.as_ref().is_some_and(|t| t.len() >= 5)), "every rep explained");
        insta::assert_json_snapshot!(format!("pace_explained_{locale:?}"), as_strings(&pacing));
    }
}
