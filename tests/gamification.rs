//! Points and experience (经验值), levels, badges, team aggregates, group-vs-group PK and the
//! leaderboard, on a small plan whose every value is worked out by hand below.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use salescore::{Locale, Plan};
use serde_json::{json, Value as J};

fn plan() -> Plan {
    Plan::compile(include_str!("data/plans/gamification.json")).expect("gamification plan compiles")
}

/// Five reps in two groups (shared with the JS suite). Totals equal 得分 (ratio to 100, weight 100).
fn team() -> Vec<J> {
    serde_json::from_str(include_str!("data/gamification_team.json")).expect("team data")
}

fn json_of<T: serde::Serialize>(v: &T) -> J {
    serde_json::to_value(v).expect("serializes")
}

#[test]
fn points_are_capped_per_period_and_levels_and_badges_follow() {
    let plan = plan();
    let points = |r: &J| json_of(&plan.evaluate(r, false).expect("evaluates").score.expect("score").points);
    let reps = team();
    // A1: 拜访 15 × 2 = 30, capped at 20; 签约 1 × 20; period 40; 90 + 40 = 130 → 白银, 170 to 黄金.
    let a1 = points(&reps[0]);
    assert_eq!(
        a1["behaviours"][0],
        json!({"id": "拜访", "count": 15.0, "each": 2.0, "raw": 30.0, "points": 20.0, "capped": true})
    );
    assert_eq!(a1["behaviours"][1]["points"], json!(20.0));
    assert_eq!((&a1["period"], &a1["carried"], &a1["experience"]), (&json!(40.0), &json!(90.0), &json!(130.0)));
    assert_eq!(a1["level"], "白银");
    assert_eq!(a1["nextLevel"], json!({"level": "黄金", "needed": 170.0}));
    assert_eq!(a1["badges"], json!(["零投诉", "绩效之星"]));
    // A2: 签约 3 × 20 = 60, capped at 50; 10 + 50 = 60; 250 + 60 = 310 → 黄金, the top level.
    let a2 = points(&reps[1]);
    assert_eq!((&a2["period"], &a2["experience"], &a2["level"]), (&json!(60.0), &json!(310.0), &json!("黄金")));
    assert!(a2.get("nextLevel").is_none(), "no level above the top one");
    assert_eq!(a2["badges"], json!([]), "a complaint, and grade A is not S");
    // B2: grade C is below the badge's minimum grade B, though it has no complaint.
    assert_eq!(points(&reps[4])["badges"], json!([]));
    // A3: nothing this period; level 青铜 from 0.
    let a3 = points(&reps[2]);
    assert_eq!(
        (&a3["experience"], &a3["level"], &a3["nextLevel"]["needed"]),
        (&json!(0.0), &json!("青铜"), &json!(100.0))
    );
}

#[test]
fn aggregates_groups_pk_and_leaderboard_in_one_team_call() {
    let plan = plan();
    let out = plan.evaluate_team(&team()).expect("team");
    assert!(out.errors.is_empty());
    let team = json_of(&out.team);
    // (95 + 85 + 70 + 88 + 55) ÷ 5 = 78.6; median 85; 4 without complaints; 6 contracts.
    assert_eq!(
        team["aggregates"],
        json!({"平均分": 78.6, "中位分": 85.0, "最高分": 95.0, "最低分": 55.0, "人数": 5.0, "零投诉人数": 4.0, "合同总数": 6.0})
    );
    // Groups in code-point order of their names (乙 U+4E59 before 甲 U+7532); 甲组's average 83.333… is rounded as scores (2 places); 乙组's median is
    // the mean of its two totals.
    let groups = team["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 2);
    let (yi, jia) = (&groups[0], &groups[1]);
    assert_eq!((&jia["group"], &jia["members"], &yi["group"]), (&json!("甲组"), &json!(3), &json!("乙组")));
    assert_eq!(jia["aggregates"]["平均分"], json!(83.33));
    assert_eq!(jia["aggregates"]["中位分"], json!(85.0));
    assert_eq!(
        jia["grades"],
        json!([{"grade": "S", "count": 1}, {"grade": "A", "count": 1}, {"grade": "B", "count": 1}, {"grade": "C", "count": 0}])
    );
    assert_eq!(yi["aggregates"]["平均分"], json!(71.5));
    assert_eq!(yi["aggregates"]["中位分"], json!(71.5));
    let pk = team["pk"].as_array().expect("pk");
    assert_eq!(
        pk[0],
        json!({"id": "月度PK", "by": "平均分", "lowerIsBetter": false,
               "sides": [{"group": "甲组", "value": 83.33}, {"group": "乙组", "value": 71.5}],
               "outcome": "won", "winner": "甲组", "margin": 11.83})
    );
    assert_eq!((&pk[1]["outcome"], &pk[1]["margin"]), (&json!("tie"), &json!(0.0)));
    assert!(pk[1].get("winner").is_none());
    assert_eq!((&pk[2]["winner"], &pk[2]["margin"]), (&json!("乙组"), &json!(15.0)), "the lower minimum wins");
    assert_eq!(pk[3]["outcome"], "noData");
    assert_eq!(pk[3]["sides"][1], json!({"group": "丙组"}), "a group without members has no value");
    // Experience: B2 316, A2 310, then A1 and B1 tied at 130 for 3rd — both shown, by id.
    let board = &team["leaderboard"];
    assert_eq!(board["by"], "experience");
    let places: Vec<(u64, &str, f64)> = board["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| (e["place"].as_u64().expect("place"), e["id"].as_str().expect("id"), e["value"].as_f64().expect("v")))
        .collect();
    assert_eq!(places, vec![(1, "B2", 316.0), (2, "A2", 310.0), (3, "A1", 130.0), (3, "B1", 130.0)]);
    assert_eq!(board["entries"][2]["badges"], json!(["零投诉", "绩效之星"]));
    assert_eq!(board["entries"][2]["level"], "白银");
    // Members carry their group.
    assert_eq!(
        team["members"][0],
        json!({"index": 0, "id": "A1", "group": "甲组", "total": 95.0, "grade": "S", "rank": 1, "denseRank": 1})
    );
}

#[test]
fn results_are_exact_strings_when_asked() {
    use salescore::number::serialize_numbers_as;
    use salescore::output::NumberOutput;
    let plan = plan();
    let out = plan.evaluate_team(&team()).expect("team");
    let team = serialize_numbers_as(NumberOutput::String, || json_of(&out.team));
    assert_eq!(team["aggregates"]["平均分"], json!("78.60"));
    assert_eq!(team["groups"][1]["aggregates"]["平均分"], json!("83.33"));
    assert_eq!(team["members"][0]["total"], json!("95.00"));
    let score = out.results[0].as_ref().and_then(|r| r.score.as_ref()).expect("score");
    let score = serialize_numbers_as(NumberOutput::String, || json_of(score));
    assert_eq!((&score["total"], &score["points"]["experience"]), (&json!("95.00"), &json!("130")));
    // Outside the scope, numbers again.
    assert_eq!(json_of(&out.team)["aggregates"]["平均分"], json!(78.6));
}

#[test]
fn a_negative_count_is_a_coded_error_and_the_plan_keeps_working() {
    let plan = plan();
    let err =
        plan.evaluate(&json!({"工号": "X", "小组": "甲组", "得分": 80, "拜访次数": -1}), false).expect_err("error");
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_VALUE", "/scorecard/points/behaviours/0/count"));
    assert!(plan.evaluate(&team()[0], false).is_ok());
}

#[test]
fn points_are_explained_in_both_locales() {
    let plan = plan();
    let text = |locale| {
        let eval = plan.evaluate_in(&team()[0], Some(locale)).expect("evaluates");
        eval.score.and_then(|s| s.points).and_then(|p| p.text).expect("text")
    };
    assert_eq!(
        text(Locale::ZhCn),
        "经验值：拜访 15 次 × 2 = 30，本期上限 20；签约 1 次 × 20 = 20。本期 40 分，累计 90 + 40 = 130，等级 白银，距 黄金 还差 170。徽章：零投诉、绩效之星。"
    );
    assert_eq!(
        text(Locale::En),
        "Points: 拜访 15 × 2 = 30, capped at 20 this period; 签约 1 × 20 = 20. This period 40; experience 90 + 40 = 130, level 白银, 170 more to 黄金. Badges: 零投诉, 绩效之星."
    );
}
