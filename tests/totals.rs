//! A result of totals (`detail: "totals"`, `Plan::evaluate_totals`) against the full result: every
//! value it has is the full result's at the same place, for every record of the sample team, the
//! scorecard cases and the gamification team, both ways of rounding a statement and both ways of
//! writing numbers; it fails exactly where the full result fails. `tests/fast_paths.rs` does the
//! same on generated records, and the JS suite in every build.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use salescore::output::NumberOutput;
use salescore::Plan;
use serde_json::{json, Value};

#[path = "support/totals.rs"]
mod totals;
use totals::totals_within_full;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

/// Every record of `team` under `plan`, both ways of writing numbers: the totals held to the
/// full results, and how many were computed.
fn each(plan: &Plan, team: &[Value]) -> usize {
    let mut computed = 0;
    for record in team {
        for numbers in [NumberOutput::Number, NumberOutput::String] {
            let totals = totals_within_full(plan, record, numbers);
            computed += usize::from(!totals.is_null());
        }
    }
    computed
}

#[test]
fn the_sample_teams_totals_are_its_full_results() {
    let team: Vec<Value> = serde_json::from_str(&read("samples/team/reps.json")).expect("team");
    let mut doc: Value = serde_json::from_str(&read("samples/team/plan.json")).expect("plan");
    for rounding in ["perLine", "onTotal"] {
        doc["incentive"]["rounding"] = json!(rounding);
        let plan = Plan::compile(&doc.to_string()).expect("compiles");
        assert_eq!(each(&plan, &team), 2 * team.len(), "{rounding}: every rep computes");
        // What the totals hold: the score's and the statement's, every component's amount.
        let t = totals_within_full(&plan, &team[0], NumberOutput::String);
        for key in ["profile", "total", "grade", "coefficient"] {
            assert!(t["score"].get(key).is_some(), "score.{key}: {t}");
        }
        assert_eq!(t["score"].as_object().map(|o| o.len()), Some(4), "no phase, no lines: {t}");
        assert!(t["incentive"]["statement"]["total"].is_string(), "{t}");
        let ids: Vec<&str> = t["incentive"]["components"]
            .as_array()
            .expect("components")
            .iter()
            .map(|c| c["id"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(ids.len(), doc["incentive"]["components"].as_array().expect("components").len());
        assert!(t["metrics"].as_object().is_some_and(|m| !m.is_empty()), "{t}");
        // A pool is split by the team: a single record lists it as pending, as the full result.
        assert!(t["incentive"]["pending"].as_array().is_some_and(|p| !p.is_empty()), "{t}");
    }
}

#[test]
fn scorecard_cases_and_gamification_totals_are_their_full_results() {
    let plan = Plan::compile(&read("tests/data/plans/scorecard.json")).expect("compiles");
    let cases: Vec<Value> = read("tests/data/scorecard_cases.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).expect("case")["record"].clone())
        .collect();
    assert_eq!(each(&plan, &cases), 2 * cases.len());
    // A phase, when the profile has one, is in the totals as in the full result.
    let phased = cases
        .iter()
        .map(|r| totals_within_full(&plan, r, NumberOutput::Number))
        .filter(|t| t["score"].get("phase").is_some())
        .count();
    assert!(phased > 0, "no case scored in a phase");

    let plan = Plan::compile(&read("tests/data/plans/gamification.json")).expect("compiles");
    let team: Vec<Value> = serde_json::from_str(&read("tests/data/gamification_team.json")).expect("team");
    assert!(each(&plan, &team) > 0);
}

#[test]
fn a_record_that_fails_fails_alike() {
    let plan = Plan::compile(&read("samples/team/plan.json")).expect("compiles");
    let team: Vec<Value> = serde_json::from_str(&read("samples/team/reps.json")).expect("team");
    let mut bad = team[0].clone();
    bad["订单"] = json!([{ "金额": "12,5" }]);
    assert!(totals_within_full(&plan, &bad, NumberOutput::Number).is_null());
    let mut bad = team[0].clone();
    bad["回款额"] = json!([1]);
    assert!(totals_within_full(&plan, &bad, NumberOutput::Number).is_null());
}
