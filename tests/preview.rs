//! Admin preview: comparisons of a baseline and a draft worked out by hand on a five-rep team
//! (`tests/data/preview/`: the plan, the team, and each draft as edits of the plan), and the
//! session's incremental results checked against a session computed from scratch.
//!
//! The team under the baseline (销售 60 / 拜访量 40; ratio capped at 1.2, 拜访 linear 0–20;
//! 回款率 < 0.6 caps the total at 60; 违规 zeroes it; A ≥ 90 ×1.2, B 70–90 ×1.0, C < 70 ×0.6):
//!
//! | rep | 销售额 / 目标 | 拜访 | score | grade | forced | 提成 | 奖金 | 团队池 | payout |
//! |---|---|---|---|---|---|---|---|---|---|
//! | E1 一组 | 150,000 / 120,000 | 12 | 120×0.6 + 60×0.4 = 96 | A | A | 3,000 + 2,500 = 5,500 | 125% → 150% × 2,000 × 1.2 = 3,600 | 3,000 × 150/240 = 1,875 | 10,975 |
//! | E2 一组 | 90,000 / 100,000 | 17 | 90×0.6 + 85×0.4 = 88 | B | B | 2,700 | 90% → 75% × 2,000 = 1,500 | 1,125 | 5,325 |
//! | E3 二组 | 75,000 / 100,000 | 16 | 77, gate (回款率 0.5) → 60 | C | B | 2,250 | 75% < gate 80 → 0 | 3,000 × 75/125 = 1,800 | 4,050 |
//! | E4 二组 | 110,000 / 100,000 | 5 | 76, veto → 0 | C | C (outside) | 3,000 + 500 = 3,500 | 110% → 120% × 2,000 × 0.6 = 1,440 | 0 (vetoed) | 4,940 |
//! | E5 二组 | 50,000 / 100,000 | 5 | 50×0.6 + 25×0.4 = 40 | C | C | 1,500 | 50% → 0 | 1,200 | 2,700 |
//!
//! 提成 is marginal: 3% up to 100,000, 5% above. 奖金's curve: gate 80, (80, 50) to (100, 100),
//! ×2 above, capped at 150%, times 绩效系数. 团队池: 3,000 per group split by 销售额 (a vetoed rep
//! gets nothing). The forced distribution (A 20 / B 60 / C 20) applies to the four reps without a
//! veto: 0.8 / 2.4 / 0.8 heads → A 1, B 2, C 1 by largest remainder, so by score E1 A, E2 B,
//! E3 B, E5 C; E4 keeps its band grade C. Team cost 27,990: 提成 15,450, 奖金 6,540, 团队池 6,000.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use proptest::prelude::*;
use rust_decimal::Decimal;
use salescore::output::{NumberOutput, Options};
use salescore::plan::Plan;
use salescore::preview::{
    CompareOptions, CompareSession, Comparison, Crossing, CurveSpec, RepChange, RepKey, RepSort, SensitivitySpec,
    Threshold, View,
};
use serde_json::{json, Value};
use std::str::FromStr;

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/preview/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The baseline plan with a draft's edits applied (none for the baseline).
fn plan(draft: Option<&str>) -> Plan {
    plan_rounded(draft, "perLine")
}

/// [`plan`] with the statement rounded `perLine` or `onTotal`.
fn plan_rounded(draft: Option<&str>, rounding: &str) -> Plan {
    plan_of(draft, Some(rounding))
}

/// The test plan with `draft`'s edits, its incentive section rounded as `rounding` says, or
/// without its incentive section (scores only: a rep's change is its score's).
fn plan_of(draft: Option<&str>, rounding: Option<&str>) -> Plan {
    let mut doc = data("plan");
    doc["incentive"]["rounding"] = json!(rounding);
    if let Some(name) = draft {
        let drafts = data("drafts");
        for edit in drafts[name]["edits"].as_array().unwrap() {
            *doc.pointer_mut(edit["path"].as_str().unwrap()).unwrap() = edit["value"].clone();
        }
    }
    if rounding.is_none() {
        doc.as_object_mut().unwrap().remove("incentive");
    }
    Plan::compile(&doc.to_string()).unwrap()
}

fn team() -> Vec<Value> {
    serde_json::from_value(data("team")).unwrap()
}

fn session(draft: &str) -> CompareSession {
    let mut s = CompareSession::open(plan(None), team(), CompareOptions::default()).unwrap();
    s.set_draft(plan(Some(draft))).unwrap();
    s
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn all(s: &CompareSession) -> Comparison {
    s.comparison(&View::default()).unwrap()
}

/// (id, change) of a list of reps.
fn changes(reps: &[RepChange]) -> Vec<(String, Decimal)> {
    reps.iter().map(|r| (r.id.clone().unwrap(), r.change.unwrap().0)).collect()
}

fn payout(r: &RepChange, after: bool) -> Decimal {
    let side = if after { &r.after } else { &r.before };
    side.as_ref().unwrap().payout.unwrap().0
}

#[test]
fn baseline_with_itself_changes_nothing() {
    let s = CompareSession::open(plan(None), team(), CompareOptions::default()).unwrap();
    let c = all(&s);
    let cost = c.cost.unwrap();
    assert_eq!((cost.before.0, cost.after.0, cost.change.0), (d("27990"), d("27990"), d("0")));
    let payouts: Vec<Decimal> = c.reps.iter().map(|r| payout(r, false)).collect();
    assert_eq!(payouts, [d("10975"), d("5325"), d("4050"), d("4940"), d("2700")]);
    let forced: Vec<&str> =
        c.reps.iter().map(|r| r.before.as_ref().unwrap().forced_grade.as_deref().unwrap()).collect();
    assert_eq!(forced, ["A", "B", "B", "C", "C"]);
    let ranks: Vec<usize> = c.reps.iter().map(|r| r.before.as_ref().unwrap().rank.unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3, 5, 4]);
    assert_eq!((c.counts.compared, c.counts.unchanged, c.counts.gaining, c.counts.losing), (5, 5, 0, 0));
    assert!(c.winners.is_empty() && c.losers.is_empty() && c.not_calculable.is_empty());
    let components: Vec<(&str, Decimal)> = c.components.iter().map(|x| (x.id.as_str(), x.before.unwrap().0)).collect();
    assert_eq!(components, [("提成", d("15450")), ("奖金", d("6540")), ("团队池", d("6000"))]);
}

#[test]
fn a_tier_rate_change() {
    // The upper tier pays 6%: E1 earns 50,000 × 1% = 500 more, E4 10,000 × 1% = 100 more.
    let c = all(&session("tierRate"));
    let cost = c.cost.unwrap();
    // 600 ÷ 27,990 = 2.1436…%.
    assert_eq!((cost.before.0, cost.after.0, cost.change.0), (d("27990"), d("28590"), d("600")));
    assert_eq!(cost.percent.unwrap().0.to_string(), "2.14");
    assert_eq!(changes(&c.winners), [("E1".to_string(), d("500")), ("E4".to_string(), d("100"))]);
    assert!(c.losers.is_empty());
    assert_eq!((c.counts.gaining, c.counts.losing, c.counts.unchanged, c.counts.not_compared), (2, 0, 3, 0));
    // E1: 500 ÷ 10,975 = 4.5558…%; its 提成 5,500 → 6,000, the rest unchanged.
    let e1 = &c.winners[0];
    assert_eq!(e1.percent.unwrap().0.to_string(), "4.56");
    let parts: Vec<(&str, Decimal, Decimal, Decimal)> =
        e1.components.iter().map(|x| (x.id.as_str(), x.before.unwrap().0, x.after.unwrap().0, x.change.0)).collect();
    assert_eq!(
        parts,
        [
            ("提成", d("5500"), d("6000"), d("500")),
            ("奖金", d("3600"), d("3600"), d("0")),
            ("团队池", d("1875"), d("1875"), d("0"))
        ]
    );
    // Same tiers reached, so nothing crossed.
    assert!(c.reps.iter().all(|r| r.crossings.is_empty()));
    // Per component: 提成 15,450 → 16,050 (+3.88%); per group: 一组 16,300 → 16,800 (+3.07%),
    // 二组 11,690 → 11,790 (+0.86%).
    let commission = &c.components[0];
    assert_eq!((commission.change.0, commission.percent.unwrap().0.to_string()), (d("600"), "3.88".to_string()));
    let groups: Vec<(&str, Decimal, Decimal, String)> = c
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.cost.before.0, g.cost.after.0, g.cost.percent.unwrap().0.to_string()))
        .collect();
    assert_eq!(
        groups,
        [("一组", d("16300"), d("16800"), "3.07".into()), ("二组", d("11690"), d("11790"), "0.86".into())]
    );
    assert_eq!((c.plan_cost.baseline.unwrap().0, c.plan_cost.draft.unwrap().0), (d("27990"), d("28590")));
}

#[test]
fn a_regrouping_is_costed_by_the_baselines_groups() {
    // E3 moves to 一组 under the draft: each group's pool of 3,000 is shared by 销售额 among its
    // members (E4 is vetoed: no share). 一组 150,000 / 90,000 / 75,000 of 315,000 gives E1
    // 1,428.57, E2 857.14, E3 714.29 (the cent to the largest remainder, .285…); 二组 leaves E5
    // alone with 3,000. Before: 一组 1,875 / 1,125; 二组 E3 1,800, E5 1,200.
    let c = all(&session("regroup"));
    let mut moved = changes(&c.reps);
    moved.retain(|(_, change)| !change.is_zero());
    let expected = [("E1", "-446.43"), ("E2", "-267.86"), ("E3", "-1085.71"), ("E5", "1800")];
    assert_eq!(moved, expected.map(|(id, v)| (id.to_string(), d(v))));
    // Like for like by the baseline's groups: 一组 is E1 and E2 (16,300 → 15,585.71), 二组 is
    // E3, E4 and E5 (11,690 → 12,404.29); the team's cost does not move.
    let groups: Vec<(&str, usize, Decimal, Decimal)> =
        c.groups.iter().map(|g| (g.group.as_str(), g.reps, g.cost.before.0, g.cost.after.0)).collect();
    assert_eq!(groups, [("一组", 2, d("16300"), d("15585.71")), ("二组", 3, d("11690"), d("12404.29"))]);
    assert_eq!(c.cost.unwrap().change.0, d("0"));
}

#[test]
fn a_tier_move_is_a_crossing() {
    // The upper tier starts at 80,000: E2 (90,000) now reaches it: 80,000 × 3% + 10,000 × 5% =
    // 2,900 (+200); E1 2,400 + 70,000 × 5% = 5,900 (+400); E4 2,400 + 30,000 × 5% = 3,900 (+400).
    let c = all(&session("tierMove"));
    assert_eq!(
        changes(&c.winners),
        [("E1".to_string(), d("400")), ("E4".to_string(), d("400")), ("E2".to_string(), d("200"))]
    );
    let e2 = &c.reps[1];
    assert_eq!(e2.crossings.len(), 1);
    let crossing = serde_json::to_value(&e2.crossings[0]).unwrap();
    assert_eq!(
        crossing,
        json!({"kind": "tier", "id": "提成", "rule": "标准", "before": {"tier": 0, "from": 0.0, "on": "amount"},
               "after": {"tier": 1, "from": 80000.0, "on": "amount"}, "better": true})
    );
    // E1 and E4 were in the upper tier already; E3 and E5 stay below it.
    assert!(c.reps.iter().filter(|r| r.index != 1).all(|r| r.crossings.is_empty()));
}

#[test]
fn a_gate_move() {
    // Gate 70 and the curve from (70, 30): E2 at 90% reads 30 + 20 × 70/30 = 76.67% → 1,533.33
    // (+33.33); E3 at 75% now passes: 30 + 5 × 70/30 = 41.67% → 833.33, × 0.6 adds −333.33 →
    // 500.00 (+500). E1, E4 are above 100% (unchanged), E5 at 50% is still below the gate.
    let c = all(&session("gateMove"));
    assert_eq!(changes(&c.winners), [("E3".to_string(), d("500")), ("E2".to_string(), d("33.33"))]);
    let cost = c.cost.unwrap();
    // 533.33 ÷ 27,990 = 1.9054…%; 奖金 6,540 → 7,073.33 (533.33 ÷ 6,540 = 8.1549…%).
    assert_eq!(
        (cost.after.0, cost.change.0, cost.percent.unwrap().0.to_string()),
        (d("28523.33"), d("533.33"), "1.91".into())
    );
    let bonus = &c.components[1];
    assert_eq!((bonus.after.unwrap().0, bonus.percent.unwrap().0.to_string()), (d("7073.33"), "8.15".into()));
    // E3 crossed the gate and reached the curve's first point; E2 stays on the first segment.
    let e3: Vec<Value> = c.reps[2].crossings.iter().map(|x| serde_json::to_value(x).unwrap()).collect();
    assert_eq!(
        e3,
        [
            json!({"kind": "gate", "id": "奖金", "before": false, "after": true, "better": true}),
            json!({"kind": "curvePoint", "id": "奖金", "after": 70.0, "better": true, "before": null}),
        ]
    );
    assert!(c.reps[1].crossings.is_empty());
}

#[test]
fn a_reweighting_of_two_indicators() {
    // 销售 40 / 拜访量 60: E1 120×0.4 + 60×0.6 = 84 (A → B, ×1.2 → ×1.0: 奖金 3,600 → 3,000);
    // E2 36 + 51 = 87 (B); E3 78 → gate 60; E4 59 → veto 0; E5 20 + 15 = 35. Forced over E2 87,
    // E1 84, E3 60, E5 35: E2 A, E1 B, E3 B, E5 C.
    let c = all(&session("reweight"));
    assert_eq!(changes(&c.losers), [("E1".to_string(), d("-600"))]);
    assert!(c.winners.is_empty());
    assert_eq!((c.counts.gaining, c.counts.losing, c.counts.unchanged), (0, 1, 4));
    let e1 = &c.losers[0];
    assert_eq!(e1.percent.unwrap().0.to_string(), "-5.47"); // −600 ÷ 10,975
    assert_eq!(e1.score_change.unwrap().0, d("-12"));
    assert_eq!(
        e1.crossings,
        [
            Crossing::Grade { before: "A".into(), after: "B".into(), better: false },
            Crossing::ForcedGrade { before: Some("A".into()), after: Some("B".into()), better: false },
        ]
    );
    // E2's forced grade rises with nothing else changing for E2.
    assert_eq!(
        c.reps[1].crossings,
        [Crossing::ForcedGrade { before: Some("B".into()), after: Some("A".into()), better: true }]
    );
    assert_eq!(c.reps[1].change.unwrap().0, d("0"));
    let grades: Vec<_> =
        c.grades.iter().map(|g| (g.grade.as_str(), g.before, g.after, g.forced_before, g.forced_after)).collect();
    assert_eq!(grades, [("A", 1, 0, Some(1), Some(1)), ("B", 1, 2, Some(2), Some(2)), ("C", 3, 3, Some(2), Some(2))]);
    assert_eq!(c.cost.unwrap().change.0, d("-600"));
}

#[test]
fn a_scorecard_gate_and_a_veto_crossed() {
    // The gate closes below 0.45: E3 (回款率 0.5) keeps its 77 → B (×1.0; still no 奖金 at 75%).
    let c = all(&session("scoreGate"));
    let e3 = &c.reps[2];
    assert_eq!(e3.score_change.unwrap().0, d("17"));
    assert_eq!(
        e3.crossings,
        [
            Crossing::Grade { before: "C".into(), after: "B".into(), better: true },
            Crossing::ScoreGate { id: "回款门槛".into(), before: true, after: false, better: true },
        ]
    );
    // Ranked E1 96, E2 88, E3 77, E5 40, E3 keeps the forced grade B.
    assert_eq!(e3.after.as_ref().unwrap().forced_grade.as_deref(), Some("B"));
    // A record edit that clears E4's 违规 is a veto no longer triggered under both plans: no
    // crossing between the plans, but both now score E4 at 76 (B).
    let mut s = session("scoreGate");
    let mut e4 = team()[3].clone();
    e4["违规"] = json!(false);
    s.set_record(3, e4).unwrap();
    let r = s.rep(3).unwrap();
    assert_eq!(r.before.unwrap().score.unwrap().0, d("76"));
    assert!(r.crossings.iter().all(|x| !matches!(x, Crossing::Veto { .. })));
}

#[test]
fn a_veto_now_triggered_and_a_cap_now_reached() {
    // The draft's veto also triggers on fewer than 6 visits, and its bonus curve caps at 120%:
    // E5 (5 visits) is now vetoed, E4 (already vetoed for 违规) stays vetoed: no crossing; E1
    // (125% of target: 100 + 2 × 25 = 150% of its bonus, the baseline's cap) is now capped at 120.
    let mut doc = data("plan");
    doc["scorecard"]["vetoes"][0]["when"] = json!("OR(违规, 拜访 < 6)");
    doc["incentive"]["components"][1]["curve"]["cap"] = json!(120);
    let mut s = CompareSession::open(plan(None), team(), CompareOptions::default()).unwrap();
    s.set_draft(Plan::compile(&doc.to_string()).unwrap()).unwrap();
    let c = all(&s);
    let vetoes = |i: usize| -> Vec<&Crossing> {
        c.reps[i].crossings.iter().filter(|x| matches!(x, Crossing::Veto { .. })).collect()
    };
    let veto = Crossing::Veto { id: "违规否决".into(), before: false, after: true, better: false };
    assert_eq!(vetoes(4), [&veto]);
    assert!(vetoes(3).is_empty() && vetoes(0).is_empty());
    assert!(c.reps[4].after.as_ref().unwrap().vetoed && !c.reps[4].before.as_ref().unwrap().vetoed);
    let caps: Vec<&Crossing> = c.reps[0].crossings.iter().filter(|x| matches!(x, Crossing::Cap { .. })).collect();
    // Now capped, and paid less for it: not in its favour.
    assert_eq!(caps, [&Crossing::Cap { id: "奖金".into(), before: false, after: true, better: false }]);
    // Its bonus is cut from 150% to 120% of the same bonus × 绩效系数.
    let bonus = c.reps[0].components.iter().find(|k| k.id == "奖金").unwrap();
    let (before, after) = (bonus.before.as_ref().unwrap().0, bonus.after.as_ref().unwrap().0);
    assert!(before > Decimal::ZERO);
    assert_eq!(after, before * d("0.8"));
    // The other way round (the 120% cap as the baseline): E1 leaves the cap and is paid more.
    let mut back =
        CompareSession::open(Plan::compile(&doc.to_string()).unwrap(), team(), CompareOptions::default()).unwrap();
    back.set_draft(plan(None)).unwrap();
    let c = all(&back);
    let caps: Vec<&Crossing> = c.reps[0].crossings.iter().filter(|x| matches!(x, Crossing::Cap { .. })).collect();
    assert_eq!(caps, [&Crossing::Cap { id: "奖金".into(), before: true, after: false, better: true }]);
}

#[test]
fn a_draft_that_fails_for_some_reps_and_a_baseline_that_fails_for_another() {
    // E4 has no 调整目标: the draft fails for it (MISSING_FIELD). E5's 目标 is 0: the baseline's
    // 奖金 divides by it (DIV_BY_ZERO) while the draft reads 调整目标 100,000.
    let mut records = team();
    records[4]["目标"] = json!(0);
    let mut s = CompareSession::open(plan(None), records, CompareOptions::default()).unwrap();
    s.set_draft(plan(Some("adjustedQuota"))).unwrap();
    let c = s.comparison(&View { locale: Some(salescore::Locale::En), ..View::default() }).unwrap();
    assert_eq!((c.counts.compared, c.counts.not_compared), (3, 2));
    fn side(e: &Option<salescore::error::ErrorReport>) -> Option<(String, &str)> {
        e.as_ref().map(|e| (e.code.to_string(), e.path.as_str()))
    }
    let failed: Vec<_> =
        c.not_calculable.iter().map(|n| (n.index, n.id.as_deref(), side(&n.baseline), side(&n.draft))).collect();
    assert_eq!(
        failed,
        [
            (3, Some("E4"), None, Some(("MISSING_FIELD".into(), "/3/调整目标"))),
            (4, Some("E5"), Some(("DIV_BY_ZERO".into(), "/incentive/components/1/quota")), None),
        ]
    );
    assert!(c.not_calculable.iter().all(|n| n.baseline.iter().chain(&n.draft).all(|e| !e.message.is_empty())));
    // Everyone else is still compared. 二组's pool goes to who can be paid: under the baseline E3
    // alone shares it (E4 vetoed, E5 failed): 3,000; under the draft E3 and E5 split it by 销售额
    // 75/125: 1,800. So E3 5,250 → 4,050; E1 and E2 unchanged.
    assert_eq!(changes(&c.losers), [("E3".to_string(), d("-1200"))]);
    let cost = c.cost.unwrap();
    assert_eq!((cost.before.0, cost.after.0), (d("21550"), d("20350")));
    // Each plan's own cost counts every rep it pays: the baseline E1–E4 (10,975 + 5,325 + 5,250 +
    // 4,940), the draft E1–E3 and E5 (… + 4,050 + 1,500 + 0 + 1,200).
    assert_eq!((c.plan_cost.baseline.unwrap().0, c.plan_cost.draft.unwrap().0), (d("26490"), d("23050")));
    assert!(c.reps[3].after.is_none() && c.reps[3].before.is_some() && c.reps[3].change.is_none());
}

#[test]
fn a_changed_record_updates_every_aggregate() {
    // E2 sells 120,000 instead of 90,000. Baseline: score 72 + 34 = 106 (A); 提成 3,000 + 1,000;
    // 奖金 120% → 140% × 2,000 × 1.2 = 3,360; 一组's pool by 销售额 150/270 and 120/270:
    // 1,666.67 and 1,333.33 (to the cent, the larger remainder to E1). E1's payout moves without
    // E1's record changing (10,766.67), and so does its forced grade (E2 106 now ranks first: A;
    // E1 B). Draft (6% above 100,000): E2's 提成 4,200, E1's 6,000, E4's 3,600.
    let mut s = session("tierRate");
    let mut e2 = team()[1].clone();
    e2["销售额"] = json!(120000);
    s.set_record(1, e2.clone()).unwrap();
    let c = all(&s);
    let payouts: Vec<(Decimal, Decimal)> = c.reps.iter().map(|r| (payout(r, false), payout(r, true))).collect();
    assert_eq!(
        payouts,
        [
            (d("10766.67"), d("11266.67")),
            (d("8693.33"), d("8893.33")),
            (d("4050"), d("4050")),
            (d("4940"), d("5040")),
            (d("2700"), d("2700")),
        ]
    );
    let forced: Vec<&str> =
        c.reps.iter().map(|r| r.before.as_ref().unwrap().forced_grade.as_deref().unwrap()).collect();
    assert_eq!(forced, ["B", "A", "B", "C", "C"]);
    let cost = c.cost.clone().unwrap();
    // 800 ÷ 31,150 = 2.568…%.
    assert_eq!(
        (cost.before.0, cost.after.0, cost.percent.unwrap().0.to_string()),
        (d("31150"), d("31950"), "2.57".into())
    );
    assert_eq!(changes(&c.winners), [("E1".into(), d("500")), ("E2".into(), d("200")), ("E4".into(), d("100"))]);
    // The same inputs from scratch give the same comparison.
    let mut records = team();
    records[1] = e2;
    let mut fresh = CompareSession::open(plan(None), records, CompareOptions::default()).unwrap();
    fresh.set_draft(plan(Some("tierRate"))).unwrap();
    assert_eq!(all(&fresh), c);
}

#[test]
fn thresholds_top_n_and_the_histogram() {
    let s = session("tierRate");
    let flagged = |t: Threshold| {
        let c = s.comparison(&View { threshold: Some(t), reps: false, ..View::default() }).unwrap();
        assert!(c.reps.is_empty());
        changes(&c.exceeding)
    };
    let amount = |a: &str| Threshold { amount: Some(salescore::number::Dec(d(a))), percent: None };
    let percent = |p: &str| Threshold { amount: None, percent: Some(salescore::number::Dec(d(p))) };
    assert_eq!(flagged(amount("200")), [("E1".to_string(), d("500"))]);
    // E1 +4.56%, E4 +2.02% (100 ÷ 4,940).
    assert_eq!(flagged(percent("3")), [("E1".to_string(), d("500"))]);
    assert_eq!(flagged(percent("2")), [("E1".to_string(), d("500")), ("E4".to_string(), d("100"))]);
    assert_eq!(flagged(Threshold::default()), []);
    let c = s.comparison(&View { top: 1, bins: 5, ..View::default() }).unwrap();
    assert_eq!(changes(&c.winners), [("E1".to_string(), d("500"))]);
    // Changes 0, 0, 0, 100, 500 in 5 bins: width 100 (500 ÷ 5), bins from 0 to 600.
    let h = &c.histogram;
    assert_eq!(h.width.unwrap().0, d("100"));
    let bins: Vec<(Decimal, usize)> = h.bins.iter().map(|b| (b.from.0, b.count)).collect();
    assert_eq!(bins, [(d("0"), 3), (d("100"), 1), (d("200"), 0), (d("300"), 0), (d("400"), 0), (d("500"), 1)]);
    let bad = s.comparison(&View { bins: 0, ..View::default() }).unwrap_err();
    assert_eq!((bad.code.as_str(), bad.path.as_str()), ("INVALID_OPTION", "/bins"));
    let bad = s.comparison(&View { threshold: Some(amount("-1")), ..View::default() }).unwrap_err();
    assert_eq!(bad.path, "/threshold/amount");
}

/// The ids of the reps a view lists.
fn ids(reps: &[RepChange]) -> Vec<&str> {
    reps.iter().map(|r| r.id.as_deref().unwrap_or("")).collect()
}

fn sorted(by: RepKey, descending: bool) -> Option<RepSort> {
    Some(RepSort { by, descending })
}

#[test]
fn reps_sorted_by_a_column_in_a_window_and_picked() {
    // tierRate: E1 +500, E4 +100, the others 0 (ties keep record order).
    let s = session("tierRate");
    let list = |view: View| ids(&s.comparison(&view).unwrap().reps).join(" ");
    assert_eq!(list(View { sort: sorted(RepKey::Change, true), ..View::default() }), "E1 E4 E2 E3 E5");
    assert_eq!(list(View { sort: sorted(RepKey::Change, false), ..View::default() }), "E2 E3 E5 E4 E1");
    assert_eq!(list(View { sort: sorted(RepKey::Change, true), from: 1, count: Some(2), ..View::default() }), "E4 E2");
    // Without a sort, a window of record order.
    assert_eq!(list(View { from: 3, count: Some(9), ..View::default() }), "E4 E5");
    assert_eq!(list(View { from: 5, ..View::default() }), "");
    assert_eq!(list(View { count: Some(0), ..View::default() }), "");
    // Grades in the plan's order (A, B, C): ascending is the best first.
    assert_eq!(list(View { sort: sorted(RepKey::Grade, false), ..View::default() }), "E1 E2 E3 E4 E5");
    assert_eq!(list(View { sort: sorted(RepKey::Grade, true), ..View::default() }), "E3 E4 E5 E2 E1");
    // Forced grades: E1 A, E2 B, E3 B, E4 C (its band grade, vetoed), E5 C.
    assert_eq!(list(View { sort: sorted(RepKey::ForcedGrade, true), ..View::default() }), "E4 E5 E2 E3 E1");
    // Text by code point: 丁 U+4E01, 丙 U+4E19, 乙 U+4E59, 戊 U+620A, 甲 U+7532.
    assert_eq!(list(View { sort: sorted(RepKey::Name, false), ..View::default() }), "E4 E3 E2 E5 E1");
    assert_eq!(list(View { sort: sorted(RepKey::Group, true), ..View::default() }), "E3 E4 E5 E1 E2");
    // Scores 96, 88, 60, 0, 40; payouts 10,975, 5,325, 4,050, 4,940, 2,700 before.
    assert_eq!(list(View { sort: sorted(RepKey::Score, true), ..View::default() }), "E1 E2 E3 E5 E4");
    assert_eq!(list(View { sort: sorted(RepKey::Before, false), count: Some(2), ..View::default() }), "E5 E3");
    // E1 +4.56%, E4 +2.02%.
    assert_eq!(list(View { sort: sorted(RepKey::Percent, true), count: Some(2), ..View::default() }), "E1 E4");
    // gateMove: E3 crosses the bonus's gate and its first curve point, the others nothing.
    let gate = session("gateMove");
    let c =
        gate.comparison(&View { sort: sorted(RepKey::Crossings, true), count: Some(2), ..View::default() }).unwrap();
    assert_eq!(ids(&c.reps), ["E3", "E1"]);
    // Picked reps, in the order named, whatever the window; past the team: INVALID_OPTION.
    let c = s.comparison(&View { count: Some(1), pick: vec![4, 0], ..View::default() }).unwrap();
    assert_eq!((ids(&c.reps), ids(&c.picked)), (vec!["E1"], vec!["E5", "E1"]));
    assert_eq!(c.picked[0], s.rep(4).unwrap());
    let bad = s.comparison(&View { pick: vec![0, 5], ..View::default() }).unwrap_err();
    assert_eq!((bad.code.as_str(), bad.path.as_str()), ("INVALID_OPTION", "/pick/1"));

    // Reps a plan cannot compute come last, either way (E4 fails under the draft, E5 under the
    // baseline); E3 loses 1,200, E1 and E2 are unchanged.
    let mut records = team();
    records[4]["目标"] = json!(0);
    let mut s = CompareSession::open(plan(None), records, CompareOptions::default()).unwrap();
    s.set_draft(plan(Some("adjustedQuota"))).unwrap();
    let list = |view: View| ids(&s.comparison(&view).unwrap().reps).join(" ");
    assert_eq!(list(View { sort: sorted(RepKey::Change, true), ..View::default() }), "E1 E2 E3 E4 E5");
    assert_eq!(list(View { sort: sorted(RepKey::Change, false), ..View::default() }), "E3 E1 E2 E4 E5");
    // Crossings too: E4 and E5 have none to count, so they come after the reps with 0.
    assert_eq!(list(View { sort: sorted(RepKey::Crossings, false), ..View::default() }), "E1 E2 E3 E4 E5");
    // The baseline pays E4 and the draft E5: each has its own side's payout.
    assert_eq!(list(View { sort: sorted(RepKey::Before, false), ..View::default() }), "E4 E3 E2 E1 E5");
    assert_eq!(list(View { sort: sorted(RepKey::After, false), ..View::default() }), "E5 E3 E2 E1 E4");
}

#[test]
fn sensitivity_scales_the_actuals() {
    // The actuals are 销售额 (money, not a target) — 目标 and 调整目标 are targets — and there
    // are no transactions. At +20%: E1 180,000: 提成 7,000, 奖金 150% → 200% capped at 150% →
    // 3,600; E2 108,000: score 64.8 + 34 = 98.8 (A): 提成 3,400, 奖金 116% × 2,000 × 1.2 = 2,784;
    // E3 90,000: 提成 2,700, 奖金 75% × 2,000 × 0.6 = 900; E4 132,000: 提成 4,600, 奖金 capped
    // 3,000 × 0.6 = 1,800; E5 60,000: 提成 1,800. Pools split by 销售额 stay the same. Baseline
    // 12,475 + 7,309 + 5,400 + 6,400 + 3,000 = 34,584; the draft pays 6% above 100,000: +800 (E1),
    // +80 (E2), +320 (E4) = 35,784 (+3.47%).
    let s = session("tierRate");
    let spec = SensitivitySpec {
        changes: vec![salescore::number::Dec(d("0")), salescore::number::Dec(d("20"))],
        ..SensitivitySpec::default()
    };
    let out = s.sensitivity(&spec).unwrap();
    assert_eq!(out.actuals.fields, ["销售额"]);
    let rows: Vec<(Decimal, Decimal, Decimal, String)> = out
        .scenarios
        .iter()
        .map(|x| {
            let c = x.cost.as_ref().unwrap();
            (x.change.0, c.before.0, c.after.0, c.percent.unwrap().0.to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [(d("0"), d("27990"), d("28590"), "2.14".into()), (d("20"), d("34584"), d("35784"), "3.47".into())]
    );
    // Each scenario carries the comparison's team parts: with `top`, its winners (at +20%: E1
    // +800, E4 +320, E2 +80, worked out above); at 0 its groups and histogram are the
    // comparison's own.
    let out = s.sensitivity(&SensitivitySpec { top: 3, bins: 4, ..spec }).unwrap();
    let winners: Vec<(String, Decimal)> =
        out.scenarios[1].winners.iter().map(|w| (w.id.clone().unwrap(), w.change.as_ref().unwrap().0)).collect();
    assert_eq!(winners, [("E1".into(), d("800")), ("E4".into(), d("320")), ("E2".into(), d("80"))]);
    assert!(out.scenarios[1].losers.is_empty());
    // The scaled scenario's groups add up to its cost change (35,784 − 34,584), and its
    // histogram counts every compared rep once (E1 +800, E4 +320, E2 +80, E3 and E5 0).
    let scaled = &out.scenarios[1];
    let by_groups: Decimal = scaled.groups.iter().map(|g| g.cost.change.0).sum();
    assert_eq!((scaled.groups.len() > 1, by_groups), (true, d("1200")));
    let counted: usize = scaled.histogram.bins.iter().map(|b| b.count).sum();
    assert_eq!((counted, scaled.counts.compared, scaled.counts.unchanged), (5, 5, 2));
    let now = s.comparison(&View { top: 3, bins: 4, reps: false, ..View::default() }).unwrap();
    assert_eq!(out.scenarios[0].groups, now.groups);
    assert_eq!(out.scenarios[0].histogram, now.histogram);
    assert_eq!(out.scenarios[0].winners, now.winners);
    let bins = s.sensitivity(&SensitivitySpec { bins: 0, ..SensitivitySpec::default() });
    assert_eq!(bins.unwrap_err().path, "/bins");
    let bad = s.sensitivity(&SensitivitySpec {
        changes: vec![salescore::number::Dec(d("-100"))],
        ..SensitivitySpec::default()
    });
    assert_eq!(bad.unwrap_err().path, "/changes/0");
    let unknown =
        s.sensitivity(&SensitivitySpec { actuals: Some(vec!["销售".into()]), ..SensitivitySpec::default() });
    let e = unknown.unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str(), e.suggestion.as_deref()),
        ("UNKNOWN_FIELD", "/actuals/0", Some("销售额"))
    );
}

#[test]
fn payout_curves_of_both_plans() {
    // The typical rep is E2 (attainments 50, 75, 90, 110, 125: the median is 90). Its 销售额 is
    // scaled to 1,000 × attainment: at 100% 提成 3,000 and 奖金 100% × 2,000 × 1.2 (score 60 + 34
    // = 94, A) = 5,400; at 150% 提成 5,500 (baseline) or 6,000 (draft) and 奖金 capped 150% × 1.2
    // = 3,600. Pools are left out.
    let s = session("tierRate");
    let spec = CurveSpec { step: salescore::number::Dec(d("50")), ..CurveSpec::default() };
    let c = s.curves(&spec).unwrap();
    assert_eq!((c.rep, c.id.as_deref(), c.typical), (1, Some("E2"), true));
    let curve = |p: &salescore::preview::PayoutCurve| -> Vec<(Decimal, Decimal, Decimal)> {
        p.points.iter().map(|x| (x.attainment.0, x.reached.unwrap().0, x.payout.unwrap().0)).collect()
    };
    assert_eq!(c.baseline.attainment.unwrap().0, d("90"));
    assert_eq!(
        curve(&c.baseline),
        [
            (d("0"), d("0"), d("0")),
            (d("50"), d("50"), d("1500")),
            (d("100"), d("100"), d("5400")),
            (d("150"), d("150"), d("9100")),
            (d("200"), d("200"), d("11600")),
        ]
    );
    let draft: Vec<Decimal> = curve(&c.draft).iter().map(|x| x.2).collect();
    assert_eq!(draft, [d("0"), d("1500"), d("5400"), d("9600"), d("12600")]);
    // A named rep and the attainment read from two fields give the same for E2.
    let by_fields = CurveSpec {
        rep: Some(1),
        attainment: Some(salescore::preview::AttainmentFields { actual: "销售额".into(), target: "目标".into() }),
        ..spec.clone()
    };
    let f = s.curves(&by_fields).unwrap();
    assert_eq!((f.typical, curve(&f.baseline)), (false, curve(&c.baseline)));
    let bad = s.curves(&CurveSpec { step: salescore::number::Dec(d("0")), ..CurveSpec::default() }).unwrap_err();
    assert_eq!((bad.code.as_str(), bad.path.as_str()), ("INVALID_OPTION", "/step"));
}

#[test]
fn explained_statements_of_both_sides() {
    let s = session("tierRate");
    let e = s.explain(0, &Options { locale: Some(salescore::Locale::En), ..Options::default() }).unwrap();
    let statement = |side: &salescore::preview::ExplainedSide<'_>| {
        side.result.as_ref().unwrap().incentive.as_ref().unwrap().statement.clone()
    };
    let (before, after) = (statement(&e.baseline), statement(&e.draft));
    assert_eq!((before.total.0, after.total.0), (d("10975"), d("11475")));
    // The pool line is the team's share (1,875), and every line is explained.
    assert!(before.lines.iter().any(|l| l.amount.0 == d("1875") && l.component == "团队池"));
    assert!(before.lines.iter().chain(&after.lines).all(|l| !l.text.is_empty()));
    assert_eq!(e.baseline.forced_grade.as_deref(), Some("A"));
    assert!(e.baseline.result.as_ref().unwrap().score.as_ref().unwrap().text.is_some());
    // A rep the draft cannot compute is explained on the side that can, with the error beside it.
    let mut s = session("adjustedQuota");
    s.set_record(0, team()[0].clone()).unwrap();
    let e = s.explain(3, &Options::default()).unwrap();
    assert!(e.baseline.result.is_some() && e.draft.result.is_none());
    assert_eq!(e.draft.error.unwrap().code.as_str(), "MISSING_FIELD");
}

#[test]
fn results_serialize_as_numbers_or_exact_strings() {
    let c = session("gateMove").comparison(&View { reps: false, ..View::default() }).unwrap();
    let numbers = serde_json::to_value(&c).unwrap();
    assert_eq!(numbers["cost"]["change"], json!(533.33));
    assert_eq!(numbers["counts"]["notCompared"], json!(0));
    let strings = salescore::number::serialize_numbers_as(NumberOutput::String, || serde_json::to_value(&c).unwrap());
    assert_eq!(strings["cost"]["change"], json!("533.33"));
    assert_eq!(strings["winners"][0]["after"]["payout"], json!("4550.00"));
    assert_eq!(strings["planCost"]["baseline"], json!("27990.00"));
}

#[test]
fn bad_input_keeps_the_session_working() {
    let e = CompareSession::open(plan(None), Vec::new(), CompareOptions::default()).unwrap_err();
    assert_eq!(e.code.as_str(), "EMPTY_TEAM");
    let mut s = session("tierRate");
    let before = all(&s);
    assert_eq!(s.set_record(9, json!({})).unwrap_err().path, "/index");
    assert_eq!(s.rep(5).unwrap_err().code.as_str(), "INVALID_OPTION");
    // A record that is not an object is a failing rep, not a broken session.
    s.set_record(4, json!(null)).unwrap();
    let c = all(&s);
    assert_eq!(c.not_calculable[0].baseline.as_ref().unwrap().code.to_string(), "INVALID_VALUE");
    s.set_record(4, team()[4].clone()).unwrap();
    assert_eq!(all(&s), before);
    // Records come and go; the last one stays.
    let i = s.add_record(team()[4].clone()).unwrap();
    assert_eq!(all(&s).not_calculable[0].draft.as_ref().unwrap().code.to_string(), "DUPLICATE_ID");
    assert_eq!(s.remove_record(i).unwrap(), team()[4]);
    assert_eq!(all(&s), before);
    let mut one = CompareSession::open(plan(None), vec![team()[0].clone()], CompareOptions::default()).unwrap();
    assert_eq!(one.remove_record(0).unwrap_err().code.as_str(), "EMPTY_TEAM");
}

/// A rep for the property test.
fn rep_strategy(id: usize) -> impl Strategy<Value = Value> {
    (0u32..300, 50u32..200, 0u32..25, 30u32..100, prop::bool::weighted(0.1), prop::bool::weighted(0.1), 0u32..3)
        .prop_map(move |(sales, target, visits, collected, veto, missing, group)| {
            let mut r = json!({
                "工号": format!("P{}", id % 7), "姓名": format!("R{id}"), "小组": format!("G{group}"),
                "销售额": sales * 1000, "目标": target * 1000, "调整目标": target * 900,
                "回款率": f64::from(collected) / 100.0, "拜访": visits, "违规": veto,
            });
            if missing {
                r.as_object_mut().unwrap().remove("调整目标");
            }
            r
        })
}

#[derive(Clone, Debug)]
enum Step {
    Set(usize, Value),
    Add(Value),
    Remove(usize),
    Draft(&'static str),
    /// 调整目标 of a record changed: only the adjustedQuota draft's 奖金 reads it, so the team's
    /// ranks and pools stay (the session's shortcut).
    Quota(usize, u32),
    /// 销售额 of a record changed: its score moves, the rest of the rep stays (the session
    /// regrades the team around it).
    Sales(usize, u32),
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..12, (0usize..12).prop_flat_map(rep_strategy)).prop_map(|(i, r)| Step::Set(i, r)),
        1 => (0usize..12).prop_flat_map(rep_strategy).prop_map(Step::Add),
        1 => (0usize..12).prop_map(Step::Remove),
        2 => (0usize..12, 40u32..200).prop_map(|(i, q)| Step::Quota(i, q)),
        3 => (0usize..12, 0u32..300).prop_map(|(i, s)| Step::Sales(i, s)),
        // Onto a few sales figures only: scores tie, and a tie is left or joined.
        2 => (0usize..12, prop::sample::select(vec![80u32, 120, 160])).prop_map(|(i, s)| Step::Sales(i, s)),
        1 => prop::sample::select(vec!["tierRate", "tierMove", "gateMove", "reweight", "scoreGate", "adjustedQuota"])
            .prop_map(Step::Draft),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the edits, the session equals a session opened from scratch on its records and
    /// draft (ids repeat on purpose: duplicates move in and out of the team).
    #[test]
    fn incremental_results_equal_a_fresh_session(
        start in prop::collection::vec((0usize..12).prop_flat_map(rep_strategy), 1..8),
        steps in prop::collection::vec(step_strategy(), 1..8),
        pay in 0u8..3,
    ) {
        // Rounded on the total, a rep's statement is finished again when its pool share moves;
        // without an incentive section, the changes are the scores' (an incentive draft is then
        // the baseline again).
        let rounding = [Some("perLine"), Some("onTotal"), None][usize::from(pay)];
        let plan = |draft| plan_of(draft, rounding);
        let mut s = CompareSession::open(plan(None), start, CompareOptions::default()).unwrap();
        let mut draft = None;
        for step in steps {
            let n = s.records().len();
            match step {
                Step::Set(i, r) => s.set_record(i % n, r).unwrap(),
                Step::Add(r) => { s.add_record(r).unwrap(); }
                Step::Remove(i) if n > 1 => { s.remove_record(i % n).unwrap(); }
                Step::Remove(_) => {}
                Step::Quota(i, q) => {
                    let mut r = s.records()[i % n].clone();
                    r["调整目标"] = json!(q * 1000);
                    s.set_record(i % n, r).unwrap();
                }
                Step::Sales(i, sales) => {
                    let mut r = s.records()[i % n].clone();
                    r["销售额"] = json!(sales * 1000);
                    s.set_record(i % n, r).unwrap();
                }
                Step::Draft(name) => { s.set_draft(plan(Some(name))).unwrap(); draft = Some(name); }
            }
            // The parts the session kept up to date give what every rep's numbers read again
            // give, after every step (a later step that makes them again would hide a stale one).
            for view in views() {
                prop_assert_eq!(s.comparison(&view).unwrap(), s.comparison_from_scratch(&view).unwrap());
            }
        }
        let mut fresh = CompareSession::open(plan(None), s.records().to_vec(), CompareOptions::default()).unwrap();
        if let Some(name) = draft {
            fresh.set_draft(plan(Some(name))).unwrap();
        }
        let view = View { threshold: Some(Threshold { amount: None, percent: Some(salescore::number::Dec(d("5"))) }), ..View::default() };
        let c = s.comparison(&view).unwrap();
        prop_assert_eq!(&c, &fresh.comparison(&view).unwrap());
        // Every rep a plan computes is ranked in its team (the first of a repeated id only).
        for r in &c.reps {
            for side in [&r.before, &r.after].into_iter().flatten() {
                prop_assert!(side.rank.is_some() && side.forced_grade.is_some(), "rep {} unranked", r.index);
            }
        }
        prop_assert_eq!(s.teams().unwrap(), fresh.teams().unwrap());
        // Both sides are each plan's own team evaluation (a draft that changes only the
        // incentive section takes the baseline's scores instead of scoring again).
        let teams = s.teams().unwrap();
        for (side, name) in [(&teams.0, None), (&teams.1, draft)] {
            let team = plan(name).evaluate_team(s.records()).unwrap().team;
            prop_assert_eq!(side, &team_without_cost(team));
        }
    }
}

/// Views that read the kept parts every way: thresholds by amount and by percent, the table
/// sorted by the change either way in a window, by another column, few winners, set bins.
fn views() -> Vec<View> {
    let dec = |s: &str| Some(salescore::number::Dec(d(s)));
    let threshold = |amount: Option<salescore::number::Dec>, percent| Some(Threshold { amount, percent });
    vec![
        View::default(),
        View { threshold: threshold(dec("100"), None), top: 3, bins: 4, ..View::default() },
        View { threshold: threshold(dec("0"), dec("0")), sort: sorted(RepKey::Change, true), ..View::default() },
        View {
            threshold: threshold(None, dec("2.5")),
            sort: sorted(RepKey::Change, false),
            from: 2,
            count: Some(3),
            ..View::default()
        },
        View { sort: sorted(RepKey::Change, true), from: 1, count: Some(4), pick: vec![0], ..View::default() },
        View { sort: sorted(RepKey::Score, true), count: Some(5), bin_width: dec("37"), top: 1, ..View::default() },
        View { reps: false, top: 0, bins: 1, ..View::default() },
        View { threshold: threshold(dec("500"), dec("15")), reps: false, ..View::default() },
        View { threshold: threshold(dec("2000"), dec("40")), reps: false, ..View::default() },
        View { threshold: threshold(dec("10"), dec("100")), reps: false, ..View::default() },
        View { threshold: threshold(None, dec("5")), reps: false, ..View::default() },
    ]
}

/// Rep `r`'s value in column `by`, read from its full row (the test's own reading of the rep
/// table, against the engine's sort): text, then numbers; none sorts last.
fn column(r: &RepChange, by: RepKey) -> Option<(Option<String>, Decimal)> {
    let n = |v: Option<Decimal>| v.map(|v| (None, v));
    let t = |v: Option<&String>| v.map(|v| (Some(v.clone()), Decimal::ZERO));
    let side = |f: &dyn Fn(&salescore::preview::RepOutcome) -> Option<Decimal>| {
        r.after.as_ref().and_then(f).or_else(|| r.before.as_ref().and_then(f))
    };
    let place =
        |g: &Option<String>| g.as_deref().map(|g| Decimal::from(["A", "B", "C"].iter().position(|x| *x == g).unwrap()));
    let compared = r.before.is_some() && r.after.is_some();
    match by {
        RepKey::Index => n(Some(Decimal::from(r.index))),
        RepKey::Id => t(r.id.as_ref()),
        RepKey::Name => t(r.name.as_ref()),
        RepKey::Group => t(r.group.as_ref()),
        RepKey::Score => n(side(&|o| o.score.map(|s| s.0))),
        RepKey::Grade => n(side(&|o| place(&o.grade))),
        RepKey::ForcedGrade => n(side(&|o| place(&o.forced_grade))),
        RepKey::Before => n(r.before.as_ref().and_then(|o| o.payout.map(|p| p.0))),
        RepKey::After => n(r.after.as_ref().and_then(|o| o.payout.map(|p| p.0))),
        RepKey::Change => n(r.change.map(|c| c.0)),
        RepKey::Percent => n(r.percent.map(|c| c.0)),
        RepKey::ScoreChange => n(r.score_change.map(|c| c.0)),
        RepKey::Crossings => n(compared.then(|| Decimal::from(r.crossings.len()))),
    }
}

const KEYS: [RepKey; 13] = [
    RepKey::Index,
    RepKey::Id,
    RepKey::Name,
    RepKey::Group,
    RepKey::Score,
    RepKey::Grade,
    RepKey::ForcedGrade,
    RepKey::Before,
    RepKey::After,
    RepKey::Change,
    RepKey::Percent,
    RepKey::ScoreChange,
    RepKey::Crossings,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A window of the sorted reps is the whole table, sorted by the test's reading of each
    /// row, then cut: on generated teams (ties, vetoes, failing records), any column, either way.
    #[test]
    fn a_window_is_the_sorted_table_cut(
        reps in prop::collection::vec((0usize..12).prop_flat_map(rep_strategy), 1..14),
        draft in prop::sample::select(vec!["tierRate", "tierMove", "gateMove", "reweight", "scoreGate", "adjustedQuota"]),
        key in 0usize..KEYS.len(),
        descending in prop::bool::ANY,
        from in 0usize..16,
        count in prop::option::of(0usize..16),
    ) {
        let mut s = CompareSession::open(plan(None), reps, CompareOptions::default()).unwrap();
        s.set_draft(plan(Some(draft))).unwrap();
        let by = KEYS[key];
        let mut table = s.comparison(&View::default()).unwrap().reps;
        table.sort_by(|a, b| {
            let order = match (column(a, by), column(b, by)) {
                (Some(x), Some(y)) if descending => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (x, y) => y.is_none().cmp(&x.is_none()).reverse(),
            };
            order.then(a.index.cmp(&b.index))
        });
        let expected: Vec<RepChange> = table.into_iter().skip(from).take(count.unwrap_or(usize::MAX)).collect();
        let view = View { sort: sorted(by, descending), from, count, ..View::default() };
        prop_assert_eq!(s.comparison(&view).unwrap().reps, expected);
    }
}

#[test]
fn the_baseline_is_the_team_evaluation() {
    // On the sample team (24 reps of May), each rep's payout, rank and forced grade are what
    // `evaluate_team` gives, pools included, with statements rounded per line or on the total.
    for rounding in ["perLine", "onTotal"] {
        the_baseline_is_the_team_evaluation_rounded(rounding);
    }
}

fn the_baseline_is_the_team_evaluation_rounded(rounding: &str) {
    let path = format!("{}/samples/team/", env!("CARGO_MANIFEST_DIR"));
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(format!("{path}plan.json")).unwrap()).unwrap();
    doc["incentive"]["rounding"] = json!(rounding);
    let plan = Plan::compile(&doc.to_string()).unwrap();
    let reps: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{path}reps.json")).unwrap()).unwrap();
    let may: Vec<Value> = reps.into_iter().filter(|r| r["月份"] == 5).collect();
    let team = plan.evaluate_team(&may).unwrap().team;
    let s = CompareSession::open(plan, may, CompareOptions::default()).unwrap();
    assert_eq!(s.teams().unwrap().0, team_without_cost(team.clone()));
    let c = all(&s);
    for m in &team.members {
        let r = &c.reps[m.index];
        let before = r.before.as_ref().unwrap();
        assert_eq!(
            (before.payout, before.rank, before.forced_grade.as_deref()),
            (m.payout, Some(m.rank), m.forced_grade.as_deref())
        );
    }
    assert_eq!(c.plan_cost.baseline, Some(team.incentive.unwrap().total));
}

#[test]
fn a_draft_side_is_the_draft_plans_team_evaluation() {
    // A draft that changes only the incentive section takes the baseline's scores, grades,
    // fields and metrics as they are (the sample plan's 回款系数 reads the metric 回款率), and
    // its transactions as read when its section reads them alike, and the amounts of the
    // components it pays alike (a changed rate: the target bonus and the SPIFF) as the baseline
    // paid them. A draft that changes the scorecard too takes the fields, metrics, transactions
    // and the components other than a target bonus, and scores again (only the reps of the
    // profiles it reweights, when that is all it changes). Any draft's side must still be what
    // the draft plan alone gives the team, pools included.
    let path = format!("{}/samples/team/", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(format!("{path}plan.json")).unwrap()).unwrap();
    let reps: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{path}reps.json")).unwrap()).unwrap();
    // The same with a draw (what the components before it earned) and rounded on the total:
    // neither can take a component's amount from the baseline.
    let mut with_draw = doc.clone();
    let draw = json!({"id": "保底", "type": "draw", "amount": 12000, "kind": "nonRecoverable"});
    with_draw["incentive"]["components"].as_array_mut().unwrap().insert(3, draw);
    let mut on_total = doc.clone();
    on_total["incentive"]["rounding"] = json!("onTotal");
    for doc in [doc, with_draw, on_total] {
        drafts_are_the_draft_plans_team_evaluation(&doc, &reps);
    }
}

fn drafts_are_the_draft_plans_team_evaluation(doc: &Value, reps: &[Value]) {
    let baseline = Plan::compile(&doc.to_string()).unwrap();
    // Two indicators of the first profile reweighted (its weights still total 100).
    let mut reweighted = doc["scorecard"]["profiles"][0]["weights"].clone();
    reweighted[0]["weight"] = json!(reweighted[0]["weight"].as_f64().unwrap() + 5.0);
    reweighted[2]["weight"] = json!(reweighted[2]["weight"].as_f64().unwrap() - 5.0);
    let mut phase = doc["scorecard"]["profiles"][1]["phases"].clone();
    phase[0]["when"] = json!("月份 <= 2");
    phase[0]["weights"][0]["weight"] = json!(phase[0]["weights"][0]["weight"].as_f64().unwrap() + 5.0);
    phase[0]["weights"][1]["weight"] = json!(phase[0]["weights"][1]["weight"].as_f64().unwrap() - 5.0);
    let edits = [
        ("/incentive/components/0/rules/2/table/tiers/2/rate", json!(0.06), true),
        ("/incentive/components/1/multipliers/1/formula", json!("IF(回款率 >= 0.95, 1.1, 0.8)"), true),
        ("/scorecard/gates/0/cap", json!(70), false),
        ("/scorecard/profiles/0/weights", reweighted, false),
        // The second profile's phase otherwise (February's reps are in it, May's not).
        ("/scorecard/profiles/1/phases", phase, false),
        // The first profile chosen otherwise: every rep is scored again.
        ("/scorecard/profiles/0/when", json!("职级 = \"新人\" AND 月份 > 2"), false),
        // Another rep id in the team section, which the incentive section credits splits by.
        ("/scorecard/team/id", json!("CONCAT(工号, \"-\")"), false),
        // Transactions read alike (shared), paid on another basis.
        ("/incentive/components/0/basis", json!("collected"), true),
        // Transactions read otherwise: another amount column, product lines numbered otherwise.
        ("/incentive/transactions/amount", json!("回款"), true),
        ("/incentive/components/0/rules/0/products", json!(["软件"]), true),
        // Splits credited to another rep id (February's orders are split between reps).
        ("/incentive/rep", json!("CONCAT(姓名, \"\")"), true),
    ];
    for ((pointer, value, alike), month) in edits.into_iter().flat_map(|e| [(e.clone(), 2), (e, 5)]) {
        let team: Vec<Value> = reps.iter().filter(|r| r["月份"] == month).cloned().collect();
        let mut edited = doc.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        edited.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_string(), value);
        let draft = Plan::compile(&edited.to_string()).unwrap();
        assert_eq!(draft.scores_like(&baseline), alike, "{pointer}");
        assert!(draft.reads_like(&baseline), "{pointer}");
        let (records, team) = (team.clone(), draft.evaluate_team(&team).unwrap().team);
        let mut s = CompareSession::open(baseline.clone(), records, CompareOptions::default()).unwrap();
        s.set_draft(draft).unwrap();
        assert_eq!(s.teams().unwrap().1, team_without_cost(team.clone()), "{pointer}");
        let c = all(&s);
        assert_eq!(c.plan_cost.draft, Some(team.incentive.as_ref().unwrap().total), "{pointer}");
        for m in &team.members {
            assert_eq!(c.reps[m.index].after.as_ref().unwrap().payout, m.payout, "{pointer}, {month}, rep {}", m.index);
        }
    }
}

fn team_without_cost(mut t: salescore::plan::TeamSummary) -> salescore::plan::TeamSummary {
    t.incentive = None;
    t
}

#[test]
fn scores_moving_on_the_sample_team_regrade_as_a_fresh_session() {
    // The sample plan's pool is split per group; a moved score splits again only its group's
    // part. The same steps with the pool for the whole team, and with both kinds of pool.
    let path = format!("{}/samples/team/plan.json", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    scores_moving_regrade_as_a_fresh_session(doc.clone());
    let mut whole = doc.clone();
    whole["incentive"]["components"][3]["perGroup"] = json!(false);
    scores_moving_regrade_as_a_fresh_session(whole);
    // A pool of a few cents a member: a moved score changes every share's weight total, but
    // few shares by a cent.
    let mut small = doc.clone();
    small["incentive"]["components"][3]["amount"] = json!(1);
    scores_moving_regrade_as_a_fresh_session(small);
    let mut both = doc;
    let pool = json!({ "id": "公司池", "type": "pool", "amount": 5000.05, "share": "销售额" });
    both["incentive"]["components"].as_array_mut().unwrap().push(pool);
    scores_moving_regrade_as_a_fresh_session(both);
}

fn scores_moving_regrade_as_a_fresh_session(doc: Value) {
    // May's 24 reps under the sample plan (forced distribution with a tie-break by 回款额, a
    // veto, pools) and a draft: each step moves one rep's score, either by its sales, or onto
    // another rep's score exactly (a tie kept together), or onto it with another tie-break key.
    // After every step the session equals one opened from scratch.
    let path = format!("{}/samples/team/", env!("CARGO_MANIFEST_DIR"));
    let mut edited = doc.clone();
    *edited.pointer_mut("/incentive/components/0/rules/2/table/tiers/2/rate").unwrap() = json!(0.06);
    let (plan, draft) = (Plan::compile(&doc.to_string()).unwrap(), Plan::compile(&edited.to_string()).unwrap());
    let reps: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{path}reps.json")).unwrap()).unwrap();
    let mut may: Vec<Value> = reps.into_iter().filter(|r| r["月份"] == 5).collect();
    // Two vetoed reps the others move past: they hold places outside the forced distribution.
    may[3]["合规违规"] = json!(true);
    may[17]["重大客诉"] = json!(true);
    let mut s = CompareSession::open(plan.clone(), may, CompareOptions::default()).unwrap();
    s.set_draft(draft.clone()).unwrap();
    let mut ties = 0;
    for step in 0..36_usize {
        let (k, j) = (step * 7 % 24, (step * 7 + 5) % 24);
        let mut r = s.records()[k].clone();
        match step % 3 {
            0 => r["销售额"] = json!(r["销售额"].as_f64().unwrap() * if step % 2 == 0 { 1.25 } else { 0.7 }),
            _ => {
                let other = s.records()[j].clone();
                for (key, value) in other.as_object().unwrap() {
                    if !["工号", "姓名", "小组"].contains(&key.as_str()) {
                        r[key] = value.clone();
                    }
                }
                if step % 3 == 2 {
                    r["回款额"] = json!(r["回款额"].as_f64().unwrap() + 100.0);
                }
            }
        }
        s.set_record(k, r).unwrap();
        let mut fresh = CompareSession::open(plan.clone(), s.records().to_vec(), CompareOptions::default()).unwrap();
        fresh.set_draft(draft.clone()).unwrap();
        assert_eq!(all(&s), all(&fresh), "step {step}");
        for view in views() {
            assert_eq!(s.comparison(&view).unwrap(), s.comparison_from_scratch(&view).unwrap(), "step {step}");
        }
        // Explained, a pool share names the group's weights as they are now, for the moved rep
        // and the others (whose shares may not have moved by a cent).
        for i in [k, j, (k + 1) % 24] {
            assert_eq!(s.explain(i, &Options::default()).unwrap(), fresh.explain(i, &Options::default()).unwrap());
        }
        assert_eq!(s.teams().unwrap(), fresh.teams().unwrap(), "step {step}");
        let c = all(&s);
        let totals: Vec<Decimal> = c.reps.iter().filter_map(|r| r.before.as_ref()?.score.map(|d| d.0)).collect();
        ties += usize::from(totals.iter().enumerate().any(|(a, x)| totals.iter().skip(a + 1).any(|y| y == x)));
    }
    // The steps did make ties.
    assert!(ties > 10, "{ties} steps with a tie");
}

#[test]
fn a_draft_scores_as_the_baseline_only_when_nothing_but_incentive_changed() {
    // What the session checks before taking the baseline's scores for the draft: every part of
    // the document but the incentive section, numbers exactly as written.
    let base = plan(None);
    let drafts = data("drafts");
    for (name, alike) in [("tierRate", true), ("tierMove", true), ("reweight", false), ("scoreGate", false)] {
        assert_eq!(plan(Some(name)).scores_like(&base), alike, "{name}: {}", drafts[name]["edits"]);
        assert_eq!(base.scores_like(&plan(Some(name))), alike, "{name}, the other way round");
    }
    let edited = |pointer: &str, value: Value| {
        let mut doc = data("plan");
        doc["incentive"]["rounding"] = json!("perLine");
        *doc.pointer_mut(pointer).unwrap() = value;
        Plan::compile(&doc.to_string()).unwrap()
    };
    // A plan's numbers are read normalized: 60, "60" and "60.00" are one weight.
    let weight = "/scorecard/profiles/0/weights/0/weight";
    assert!(edited(weight, json!("60.00")).scores_like(&base));
    assert!(edited(weight, json!(60)).scores_like(&base));
    assert!(!edited("/currency", json!("USD")).scores_like(&base));
    assert!(edited("/name", json!("2027 draft")).scores_like(&base));
}
