//! The KPI scorecard: golden cases (tests/data/scorecard_cases.jsonl) over a plan that uses every
//! scoring method, profiles, phases, adjustments, gates, vetoes, a blend and grade bands.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use salescore::Plan;
use serde_json::{json, Value as J};

fn plan() -> Plan {
    Plan::compile(include_str!("data/plans/scorecard.json")).expect("scorecard plan compiles")
}

fn num(v: &J) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn golden_scorecard_cases() {
    let plan = plan();
    let lines: Vec<&str> =
        include_str!("data/scorecard_cases.jsonl").lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 6, "only {} rows in scorecard_cases.jsonl", lines.len());
    for line in lines {
        let case: J = serde_json::from_str(line).expect("case");
        let name = case["case"].as_str().unwrap_or_default();
        let eval = plan.evaluate(&case["record"], false).unwrap_or_else(|e| panic!("{name}: {e}"));
        let score = serde_json::to_value(eval.score.expect("a score")).expect("serializes");
        let want = &case["expect"];
        for key in ["profile", "phase", "grade"] {
            if let Some(w) = want.get(key) {
                assert_eq!(&score[key], w, "{name}: {key}");
            }
        }
        for key in ["base", "individual", "total", "coefficient"] {
            if let Some(w) = want.get(key) {
                assert_eq!(num(&score[key]), num(w), "{name}: {key}");
            }
        }
        if let Some(points) = want.get("points").and_then(J::as_object) {
            for (id, p) in points {
                let line = score["indicators"].as_array().and_then(|l| l.iter().find(|x| x["id"] == json!(id)));
                let line = line.unwrap_or_else(|| panic!("{name}: no line for {id}"));
                assert_eq!(num(&line["points"]), num(p), "{name}: points of {id}");
            }
        }
        if let Some(next) = want.get("next") {
            let got = &score["nextGrade"];
            assert_eq!(got["grade"], next["grade"], "{name}: next grade");
            if let Some(n) = next.get("pointsNeeded") {
                assert_eq!(num(&got["pointsNeeded"]), num(n), "{name}: points needed");
            }
            assert_eq!(got.get("blockedBy"), next.get("blockedBy"), "{name}: blocked by");
            let options: Vec<J> = got["options"]
                .as_array()
                .expect("options")
                .iter()
                .map(|o| json!([o["indicator"], num(&o["to"]), num(&o["change"])]))
                .collect();
            let want_options: Vec<J> = next["options"]
                .as_array()
                .expect("options")
                .iter()
                .map(|o| json!([o[0], num(&o[1]), num(&o[2])]))
                .collect();
            assert_eq!(options, want_options, "{name}: options");
        }
    }
}

#[test]
fn lower_is_better_matches_the_public_case() {
    // vectors/README.md case 5: base 20 complaints, target 5, actual 8 → 80.
    let plan = plan();
    let record =
        json!({"回款额": 1, "目标": 1, "投诉数": 8, "满意度评分": 3, "司龄月数": 40, "合同额": 1, "团队得分": 0});
    let score = serde_json::to_value(plan.evaluate(&record, false).expect("ok").score).expect("json");
    let line = score["indicators"].as_array().and_then(|l| l.iter().find(|x| x["id"] == "投诉")).expect("line").clone();
    assert_eq!(num(&line["points"]), 80.0);
}

#[test]
fn a_rating_outside_the_map_is_a_coded_error_and_the_plan_keeps_working() {
    let plan = plan();
    let bad = json!({"回款额": 1, "目标": 1, "满意度评分": 6, "司龄月数": 40, "合同额": 1, "团队得分": 0});
    let err = plan.evaluate(&bad, false).expect_err("rating 6");
    assert_eq!(err.code, salescore::ErrorCode::InvalidValue);
    assert_eq!(err.path, "/scorecard/indicators/4/actual");
    let good = json!({"回款额": 1, "目标": 1, "满意度评分": 5, "司龄月数": 40, "合同额": 1, "团队得分": 0});
    assert!(plan.evaluate(&good, false).is_ok());
}

fn team_record(i: usize, collected: u64) -> J {
    json!({"工号": format!("E{i:02}"), "回款额": collected, "目标": 100000, "合同数": i % 5, "拜访次数": 20 + i,
           "投诉数": 3, "满意度评分": 4, "带教人数": 1, "司龄月数": 40, "合同额": 120000, "团队得分": 90})
}

#[test]
fn a_team_is_ranked_and_force_distributed_in_one_call() {
    let plan = plan();
    let mut records: Vec<J> = (0..10).map(|i| team_record(i, 60000 + 10000 * i as u64)).collect();
    records.push(
        json!({"工号": "BAD", "回款额": 1, "目标": 1, "满意度评分": 9, "司龄月数": 40, "合同额": 1, "团队得分": 0}),
    );
    records.push(team_record(3, 90000)); // E03 again
    let out = plan.evaluate_team(&records).expect("team");
    assert_eq!(out.results.len(), 12);
    let errors: Vec<(usize, &str, &str)> =
        out.errors.iter().map(|(i, e)| (*i, e.code.as_str(), e.path.as_str())).collect();
    assert_eq!(errors, vec![(10, "INVALID_VALUE", "/scorecard/indicators/4/actual"), (11, "DUPLICATE_ID", "/11")]);
    let members = &out.team.members;
    assert_eq!(members.len(), 10);
    // Best first, ranks agree with the totals.
    for pair in members.windows(2) {
        assert!(pair[0].total >= pair[1].total);
        assert!(pair[0].rank <= pair[1].rank);
    }
    assert_eq!(members[0].rank, 1);
    // S10/A20/B50/C15/D5 over 10 people: 1, 2, 5, 2, 0.
    let count = |g: &str| members.iter().filter(|m| m.forced_grade.as_deref() == Some(g)).count();
    assert_eq!([count("S"), count("A"), count("B"), count("C"), count("D")], [1, 2, 5, 2, 0]);
    assert_eq!(members[0].forced_grade.as_deref(), Some("S"));
}

#[test]
fn team_inputs_are_checked() {
    let plan = plan();
    let empty: Vec<J> = Vec::new();
    assert_eq!(plan.evaluate_team(&empty).err().map(|e| e.code), Some(salescore::ErrorCode::EmptyTeam));
    let no_team = Plan::compile(r#"{"fields": [{"id": "x", "type": "number"}]}"#).expect("plan");
    let err = no_team.evaluate_team(&[json!({"x": 1})]).err().expect("no scorecard");
    assert_eq!((err.code, err.path.as_str()), (salescore::ErrorCode::MissingKey, "/scorecard/team"));
}

#[test]
fn explained_score_snapshot_in_both_locales() {
    let plan = plan();
    let first = include_str!("data/scorecard_cases.jsonl").lines().next().expect("a case");
    let case: J = serde_json::from_str(first).expect("case");
    for locale in [salescore::Locale::ZhCn, salescore::Locale::En] {
        let eval = plan.evaluate_in(&case["record"], Some(locale)).expect("evaluates");
        let score = eval.score.expect("score");
        assert!(score.indicators.iter().all(|l| l.text.is_some()), "every line explained");
        insta::assert_json_snapshot!(format!("score_explained_{locale:?}"), score);
    }
}

#[test]
fn a_weighted_ratio_at_an_exact_half_cent_rounds_up() {
    // 100300 ÷ 120000 × 100 × 30% = 25.075 exactly; dividing first (0.83583…, cut at 28 digits)
    // and multiplying after would give 25.07499… and round down.
    let plan = Plan::compile(
        &json!({
            "fields": [{"id": "销售额", "type": "money"}, {"id": "销售目标", "type": "money"}, {"id": "达标", "type": "boolean"}],
            "scorecard": {
                "indicators": [
                    {"id": "销售达成", "category": "result", "actual": "销售额", "target": "销售目标", "method": {"type": "ratio"}},
                    {"id": "培训", "category": "growth", "actual": "达标", "method": {"type": "passFail"}},
                    {"id": "拜访", "category": "process", "actual": "销售额 / 1000", "method": {"type": "linear", "threshold": "0", "stretch": "300"}}
                ],
                "profiles": [{"id": "全员", "weights": [
                    {"indicator": "销售达成", "weight": 30}, {"indicator": "培训", "weight": 40}, {"indicator": "拜访", "weight": 30}]}],
                "grades": [{"grade": "A", "from": 60, "coefficient": 1}, {"grade": "B", "to": 60, "coefficient": 0.5}]
            }
        })
        .to_string(),
    )
    .expect("plan");
    let score = plan
        .evaluate(&json!({"销售额": 100300, "销售目标": 120000, "达标": false}), false)
        .expect("ok")
        .score
        .expect("score");
    let weighted: Vec<String> = score.indicators.iter().map(|l| l.weighted.0.to_string()).collect();
    // Linear: 100.3 ÷ 300 × 100 × 30% = 10.03 exactly.
    assert_eq!(weighted, ["25.08", "0.00", "10.03"]);
    assert_eq!(score.exact_total.0.to_string(), "35.105");
    assert_eq!(score.total.0.to_string(), "35.11");
}
