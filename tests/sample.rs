//! The sample team (samples/team): a 24-person sales team over six months, scored by the sample
//! plan. Checks that every record scores and is explained, that each month ranks the whole team,
//! that experience carries from month to month, and that the special cases described in
//! samples/team/README.md do what it says; snapshots the June team view and one explained rep.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use salescore::number::serialize_numbers_as;
use salescore::output::{NumberOutput, Options, PlanResult};
use salescore::scorecard::ScoreResult;
use salescore::{Locale, Plan};
use serde_json::Value as J;
use std::collections::{BTreeMap, BTreeSet};

const PLAN: &str = include_str!("../samples/team/plan.json");
const REPS: &str = include_str!("../samples/team/reps.json");

fn plan() -> Plan {
    Plan::compile(PLAN).unwrap_or_else(|e| panic!("sample plan: {e} at {}", e.path))
}

/// The 144 records (24 reps × 6 months); the tests that loop over them rely on the count.
fn records() -> Vec<J> {
    let records: Vec<J> = serde_json::from_str(REPS).expect("reps.json is a JSON array");
    assert_eq!(records.len(), 144, "samples/team/reps.json: 24 reps × 6 months");
    records
}

/// The 24 records of month `m`.
fn month(records: &[J], m: u64) -> Vec<J> {
    let reps: Vec<J> = records.iter().filter(|r| r["月份"] == m).cloned().collect();
    assert_eq!(reps.len(), 24, "month {m}: 24 reps");
    reps
}

fn record<'a>(records: &'a [J], id: &str, m: u64) -> &'a J {
    records
        .iter()
        .find(|r| r["工号"] == id && r["月份"] == m)
        .unwrap_or_else(|| panic!("no record for {id} in month {m}"))
}

fn score(plan: &Plan, record: &J) -> ScoreResult {
    plan.evaluate(record, false).unwrap_or_else(|e| panic!("{}: {e}", record["工号"])).score.expect("a score")
}

fn dec(d: salescore::number::Dec) -> f64 {
    serde_json::to_value(d).expect("serializes").as_f64().expect("a number")
}

#[test]
fn the_plan_has_ten_indicators_over_every_category_and_method() {
    let plan = plan();
    assert_eq!(plan.locale(), Locale::ZhCn);
    let doc: J = serde_json::from_str(PLAN).expect("json");
    let indicators = doc["scorecard"]["indicators"].as_array().expect("indicators");
    assert_eq!(indicators.len(), 10);
    let categories: BTreeSet<&str> = indicators.iter().filter_map(|i| i["category"].as_str()).collect();
    assert_eq!(categories, BTreeSet::from(["collaboration", "customer", "growth", "process", "result"]));
    let methods: BTreeSet<&str> = indicators.iter().filter_map(|i| i["method"]["type"].as_str()).collect();
    assert_eq!(methods, BTreeSet::from(["linear", "lowerIsBetter", "passFail", "ratio", "rating", "steps"]));
    let profiles: Vec<&str> =
        doc["scorecard"]["profiles"].as_array().expect("profiles").iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(profiles, ["新人", "成熟", "金牌"]);
}

#[test]
fn the_data_set_is_24_reps_over_six_months() {
    let plan = plan();
    let records = records();
    assert_eq!(records.len(), 144);
    // Ordered by month, then 工号.
    let keys: Vec<(u64, String)> = records
        .iter()
        .map(|r| (r["月份"].as_u64().expect("月份"), r["工号"].as_str().expect("工号").to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let fields: Vec<&str> = plan.field_ids().collect();
    for r in &records {
        let object = r.as_object().expect("a flat record");
        for f in &fields {
            assert!(object.contains_key(*f), "{} month {} has no {f}", r["工号"], r["月份"]);
        }
    }
    for m in 1..=6 {
        let reps = month(&records, m);
        assert_eq!(reps.len(), 24, "month {m}");
        let count = |key: &str, value: &str| reps.iter().filter(|r| r[key] == value).count();
        assert_eq!([count("职级", "新人"), count("职级", "成熟"), count("职级", "金牌")], [5, 12, 7]);
        assert_eq!([count("小组", "先锋组"), count("小组", "猎鹰组")], [12, 12]);
        assert_eq!([count("业务线", "toB"), count("业务线", "toC")], [12, 12]);
    }
}

#[test]
fn every_record_scores_and_is_explained_in_both_locales() {
    let plan = plan();
    for r in records() {
        let who = format!("{} month {}", r["工号"], r["月份"]);
        for locale in [Locale::ZhCn, Locale::En] {
            let eval = plan.evaluate_in(&r, Some(locale)).unwrap_or_else(|e| panic!("{who}: {e} at {}", e.path));
            assert_eq!(eval.trace.len(), 4, "{who}: one trace entry per metric");
            let score = eval.score.expect("a score");
            assert!(!score.indicators.is_empty(), "{who}");
            for line in &score.indicators {
                assert!(line.text.as_deref().is_some_and(|t| !t.is_empty()), "{who}: {} explained", line.id);
            }
            let text = score.text.as_deref().unwrap_or_default();
            assert!(!text.is_empty(), "{who}: summary");
            // Every summary ends as a sentence, never on a colon with nothing after it (as it did
            // when no single indicator could make up the points to the next grade).
            assert!(!text.trim_end().ends_with([':', '：']), "{who} ({locale:?}): {text}");
            let points = score.points.expect("points");
            assert!(points.text.as_deref().is_some_and(|t| !t.is_empty()), "{who}: points");
        }
    }
}

#[test]
fn each_month_ranks_and_distributes_the_whole_team() {
    let plan = plan();
    let records = records();
    for m in 1..=6 {
        let reps = month(&records, m);
        let out = plan.evaluate_team(&reps).expect("team");
        assert!(out.errors.is_empty(), "month {m}: {:?}", out.errors.iter().map(|(i, e)| (i, e.to_string())));
        let team = &out.team;
        assert_eq!(team.members.len(), 24, "month {m}");
        // Every member carries its display name from the team section's `name` formula.
        for x in &team.members {
            let record = reps.iter().find(|r| r["工号"] == x.id.as_str()).expect("record");
            assert_eq!(x.name.as_deref(), record["姓名"].as_str(), "month {m}");
        }
        assert_eq!(team.members[0].rank, 1);
        for pair in team.members.windows(2) {
            assert!(pair[0].total >= pair[1].total, "month {m}: best first");
        }
        // Vetoed reps (E1008 in March, E1001 in May) are outside the forced distribution and
        // keep their band grade after the veto.
        let distribution = team.distribution.as_ref().expect("forced distribution");
        let vetoed: Vec<&str> = team.members.iter().filter(|x| x.vetoed).map(|x| x.id.as_str()).collect();
        let expected_vetoed: &[&str] = match m {
            3 => &["E1008"],
            5 => &["E1001"],
            _ => &[],
        };
        assert_eq!(vetoed, expected_vetoed, "month {m}");
        let pool = 24 - vetoed.len();
        let targets: Vec<usize> = distribution.grades.iter().map(|g| g.target).collect();
        // Of 23: 2.3, 4.6, 11.5, 3.45, 1.15 → 2, 4, 11, 3, 1 and the two largest remainders (A, B).
        let want: [usize; 5] = if pool == 24 { [2, 5, 12, 4, 1] } else { [2, 5, 12, 3, 1] };
        assert_eq!(targets, want, "month {m}: S10/A20/B50/C15/D5 of {pool}");
        assert_eq!(distribution.grades.iter().map(|g| g.actual).sum::<usize>(), pool, "month {m}");
        assert!(team.members.iter().all(|x| x.forced_grade.is_some()), "month {m}");
        for x in team.members.iter().filter(|x| x.vetoed) {
            assert_eq!(x.forced_grade.as_deref(), Some(x.grade.as_str()), "month {m}: {} keeps its band grade", x.id);
        }
        let ids: Vec<&str> = team.aggregates.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ids, ["平均分", "回款总额", "中位分", "人数", "达标人数", "最高分"], "month {m}");
        assert_eq!(team.aggregates.get("人数").map(dec), Some(24.0));
        let groups: Vec<(&str, usize)> = team.groups.iter().map(|g| (g.group.as_str(), g.members)).collect();
        assert_eq!(groups, [("先锋组", 12), ("猎鹰组", 12)], "month {m}");
        for g in &team.groups {
            assert_eq!(g.grades.iter().map(|c| c.count).sum::<usize>(), 12);
            assert_eq!(g.aggregates.0.len(), 6);
        }
        assert_eq!(team.pk.len(), 1);
        assert!(team.pk[0].sides.iter().all(|s| s.value.is_some()), "month {m}: both groups scored");
        let board = team.leaderboard.as_ref().expect("leaderboard");
        assert!(board.entries.len() >= 10, "month {m}");
        assert!(board.entries.iter().all(|e| e.place <= 10 && e.level.is_some()), "month {m}");
        // Band grades: a spread, not everyone at one end.
        let grades: BTreeSet<&str> = team.members.iter().map(|x| x.grade.as_str()).collect();
        assert!(grades.len() >= 3, "month {m}: {grades:?}");
    }
}

#[test]
fn experience_carries_from_month_to_month() {
    let plan = plan();
    let records = records();
    let mut experience: BTreeMap<String, f64> = BTreeMap::new();
    for m in 1..=6 {
        for r in month(&records, m) {
            let id = r["工号"].as_str().expect("id").to_string();
            let points = score(&plan, &r).points.expect("points");
            let carried = r["累计经验值"].as_f64().expect("累计经验值");
            if let Some(previous) = experience.get(&id) {
                assert_eq!(carried, *previous, "{id}: month {m} carries month {}'s experience", m - 1);
            }
            assert_eq!(dec(points.carried), carried);
            experience.insert(id, dec(points.experience));
        }
    }
}

#[test]
fn mature_reps_switch_from_prospecting_to_maintenance_after_march() {
    let plan = plan();
    for r in records() {
        let s = score(&plan, &r);
        let m = r["月份"].as_u64().expect("月份");
        let want = match (r["职级"].as_str(), m) {
            (Some("成熟"), 1..=3) => Some("拓新期"),
            (Some("成熟"), _) => Some("维护期"),
            _ => None,
        };
        assert_eq!(s.profile, r["职级"].as_str().expect("职级"));
        assert_eq!(s.phase.as_deref(), want, "{} month {m}", r["工号"]);
    }
}

#[test]
fn a_compliance_violation_zeroes_the_total() {
    let (plan, records) = (plan(), records());
    let r = record(&records, "E1008", 3);
    assert_eq!(r["合规违规"], true);
    let s = score(&plan, r);
    assert!(s.vetoes.iter().any(|v| v.id == "合规一票否决" && v.triggered));
    assert!(dec(s.individual) > 80.0, "a good month otherwise");
    assert_eq!((dec(s.total), s.grade.as_str()), (0.0, "D"));
    // Points are still earned, badges are not (in February, without the veto, she earned some).
    let points = s.points.expect("points");
    assert!(dec(points.period) > 0.0);
    assert_eq!(points.badges, Vec::<String>::new());
    assert!(!score(&plan, record(&records, "E1008", 2)).points.expect("points").badges.is_empty());
    // Nobody else is vetoed.
    let vetoed: Vec<String> = records
        .iter()
        .filter(|r| r["合规违规"] == true)
        .map(|r| format!("{}/{}", r["工号"].as_str().unwrap_or_default(), r["月份"]))
        .collect();
    assert_eq!(vetoed, ["E1008/3"]);
}

#[test]
fn a_major_complaint_caps_the_grade_at_c() {
    let (plan, records) = (plan(), records());
    let s = score(&plan, record(&records, "E1001", 5));
    assert!(s.vetoes.iter().any(|v| v.id == "重大客诉" && v.triggered));
    assert!(dec(s.total) >= 95.0, "the total alone would be an A: {}", dec(s.total));
    assert_eq!(s.grade, "C");
    assert_eq!(dec(s.coefficient), 0.8);
    // The same rep a month earlier, without the complaint, is not capped.
    assert_ne!(score(&plan, record(&records, "E1001", 4)).grade, "C");
}

#[test]
fn low_collections_close_the_gate() {
    let (plan, records) = (plan(), records());
    let r = record(&records, "E1019", 2);
    let eval = plan.evaluate(r, false).expect("evaluates");
    let rate = eval.get("回款率").expect("回款率").to_string().parse::<f64>().expect("a number");
    assert!(rate < 0.6, "回款率 {rate}");
    let s = eval.score.expect("score");
    let gate = s.gates.iter().find(|g| g.id == "回款率门槛").expect("gate");
    assert!(gate.closed && gate.capped);
    assert_eq!(dec(s.total), 60.0);
    assert!(dec(s.individual) > 60.0);
    assert_eq!(s.next_grade.and_then(|n| n.blocked_by).as_deref(), Some("回款率门槛"));
}

#[test]
fn tied_reps_share_a_forced_grade_across_a_boundary() {
    let (plan, records) = (plan(), records());
    let (a, b) = (record(&records, "E1014", 6), record(&records, "E1016", 6));
    assert_eq!(a["回款额"], b["回款额"], "the tie-break key cannot separate them");
    let out = plan.evaluate_team(&month(&records, 6)).expect("team");
    let member = |id: &str| out.team.members.iter().find(|x| x.id == id).expect("member");
    let (ma, mb) = (member("E1014"), member("E1016"));
    assert_eq!(ma.total, mb.total);
    assert_eq!(ma.rank, mb.rank);
    assert_eq!(ma.grade, mb.grade);
    assert_eq!(ma.forced_grade, mb.forced_grade);
    let distribution = out.team.distribution.as_ref().expect("distribution");
    let slots: Vec<(usize, &str, usize)> = ["E1014", "E1016"]
        .iter()
        .map(|id| {
            let e = distribution.get(id).expect("graded");
            (e.reason.slot, e.reason.slot_grade.as_str(), e.reason.tied_group_size)
        })
        .collect();
    // Slots 7 (A) and 8 (B): one slot each, so the better grade — A for both.
    assert_eq!(slots, [(7, "A", 2), (8, "B", 2)]);
    assert_eq!(ma.forced_grade.as_deref(), Some("A"));
    let a_grade = &distribution.grades[1];
    assert_eq!((a_grade.grade.as_str(), a_grade.target, a_grade.actual, a_grade.deviation), ("A", 5, 6, 1));
}

#[test]
fn the_new_hire_with_low_figures_ranks_last_at_first() {
    let (plan, records) = (plan(), records());
    let out = plan.evaluate_team(&month(&records, 1)).expect("team");
    let last = out.team.members.last().expect("members");
    assert_eq!((last.id.as_str(), last.grade.as_str(), last.forced_grade.as_deref()), ("E1012", "D", Some("D")));
    let s = score(&plan, record(&records, "E1012", 1));
    assert_eq!(s.profile, "新人");
    assert!(s.indicators.iter().any(|l| l.id == "培训" && dec(l.points) == 0.0), "training not yet done");
    assert_eq!(dec(s.points.expect("points").carried), 0.0, "starts from nothing");
}

#[test]
fn an_oversized_bonus_is_bounded() {
    let (plan, records) = (plan(), records());
    let s = score(&plan, record(&records, "E1013", 6));
    let bonus = s.adjustments.iter().find(|a| a.id == "加分项").expect("bonus");
    assert_eq!((dec(bonus.raw), dec(bonus.applied), bonus.capped), (6.0, 5.0, true));
}

#[test]
fn team_summary_snapshot_for_june() {
    let (plan, records) = (plan(), records());
    let out = plan.evaluate_team(&month(&records, 6)).expect("team");
    // As a caller asking for `numbers: 'string'` gets it: every decimal exact.
    serialize_numbers_as(NumberOutput::String, || insta::assert_json_snapshot!("team_june", out.team));
}

#[test]
fn explained_rep_snapshot_in_both_locales() {
    // 韩宇 in February: a mature rep in the prospecting phase whose low collections close the gate.
    let (plan, records) = (plan(), records());
    let r = record(&records, "E1019", 2);
    for locale in [Locale::ZhCn, Locale::En] {
        let eval = plan.evaluate_in(r, Some(locale)).expect("evaluates");
        let options =
            Options { numbers: NumberOutput::String, explain: true, locale: Some(locale), ..Options::default() };
        let result = PlanResult::new(eval, &options);
        serialize_numbers_as(NumberOutput::String, || {
            insta::assert_json_snapshot!(format!("rep_explained_{locale:?}"), result);
        });
    }
}

#[test]
fn the_lines_as_shown_add_up_to_the_base_with_the_reported_rounding_difference() {
    let (plan, records) = (plan(), records());
    let mut reported = 0;
    for r in &records {
        let s = score(&plan, r);
        let lines: rust_decimal::Decimal = s.indicators.iter().map(|l| l.weighted.0).sum();
        let difference = s.rounding_difference.map(|d| d.0).unwrap_or_default();
        assert_eq!(lines + difference, s.base.0, "{} month {}", r["工号"], r["月份"]);
        reported += usize::from(s.rounding_difference.is_some());
    }
    // Two-place lines drift from their two-place sum now and then; the sample has such months.
    assert!(reported > 0);
}

#[test]
fn a_rounding_difference_is_explained() {
    // 林雨桐 in January: the exact weighted points add up to 102.21, the two-place lines to 102.22.
    let (plan, records) = (plan(), records());
    let r = record(&records, "E1002", 1);
    let s = plan.evaluate_in(r, Some(Locale::ZhCn)).expect("evaluates").score.expect("score");
    assert_eq!((dec(s.base), s.rounding_difference.map(dec)), (102.21, Some(-0.01)));
    let text = s.text.expect("text");
    assert!(
        text.contains("各项加权合计 102.21 分（按未舍入的各项相加；各项显示值之和为 102.22，差 -0.01 来自舍入）"),
        "{text}"
    );
}

#[test]
fn a_team_call_without_scores_gives_the_same_team_view() {
    let (plan, records) = (plan(), records());
    for m in 1..=6 {
        let reps = month(&records, m);
        let full = plan.evaluate_team(&reps).expect("team");
        let lean = plan.evaluate_team_with(&reps, false, None).expect("team");
        // The same, but the forced distribution's entries (each member's reason), which only
        // the call with score details carries.
        let mut expected = full.team.clone();
        let entries = expected.distribution.as_mut().map(|d| std::mem::take(&mut d.entries));
        assert_eq!(entries.map(|e| e.len()), Some(full.team.members.iter().filter(|m| !m.vetoed).count()), "month {m}");
        assert_eq!(lean.team, expected, "month {m}");
        assert!(lean.results.iter().flatten().all(|r| r.score.is_none()), "month {m}: scores dropped");
        let lean_metrics: Vec<_> = lean.results.iter().flatten().map(|r| &r.metrics).collect();
        let full_metrics: Vec<_> = full.results.iter().flatten().map(|r| &r.metrics).collect();
        assert_eq!(lean_metrics, full_metrics, "month {m}");
    }
}

#[test]
fn points_needed_for_the_next_grade_are_rounded_up_to_the_score_scale() {
    // 马晓雪 in January: 30.1142857… points short of C; shown as 30.12, which is enough.
    let (plan, records) = (plan(), records());
    let next = score(&plan, record(&records, "E1012", 1)).next_grade.expect("next grade");
    assert_eq!((next.grade.as_str(), dec(next.points_needed)), ("C", 30.12));
}

// ---- Incentives ----

fn decimal(d: salescore::number::Dec) -> rust_decimal::Decimal {
    d.0
}

#[test]
fn every_statement_adds_up_line_by_line_and_by_component() {
    let (plan, records) = (plan(), records());
    for r in &records {
        let inc = plan.evaluate(r, true).expect("evaluates").incentive.expect("a statement");
        let s = &inc.statement;
        let lines: rust_decimal::Decimal = s.lines.iter().map(|l| decimal(l.amount)).sum();
        let exact: rust_decimal::Decimal = s.lines.iter().map(|l| decimal(l.exact)).sum();
        let parts: rust_decimal::Decimal = inc.components.iter().map(|c| decimal(c.amount)).sum();
        assert_eq!((lines, parts), (decimal(s.total), decimal(s.total)), "{}", r["订单"]);
        assert_eq!(exact, decimal(s.exact_total));
        assert!(s.lines.iter().all(|l| !l.text.is_empty()));
        // One rep alone cannot be given a pool share: the pool waits for the team.
        assert_eq!(inc.pending, ["团队奖金池"]);
    }
}

#[test]
fn pools_split_to_the_cent_within_each_group_and_skip_vetoed_reps() {
    let (plan, records) = (plan(), records());
    for m in 1..=6 {
        let out = plan.evaluate_team_in(&month(&records, m), Some(Locale::ZhCn)).expect("team");
        let team = out.team.incentive.as_ref().expect("team incentive");
        let mut by_group: BTreeMap<String, rust_decimal::Decimal> = BTreeMap::new();
        let mut payouts = rust_decimal::Decimal::ZERO;
        for member in &out.team.members {
            let inc = out.results[member.index].as_ref().and_then(|r| r.incentive.as_ref()).expect("statement");
            assert_eq!(member.payout, Some(inc.statement.total));
            payouts += decimal(inc.statement.total);
            let pool: rust_decimal::Decimal =
                inc.statement.lines.iter().filter(|l| l.component == "团队奖金池").map(|l| decimal(l.amount)).sum();
            if member.vetoed {
                assert!(pool.is_zero(), "{} is vetoed in month {m}", member.id);
            }
            *by_group.entry(member.group.as_deref().expect("group").to_string()).or_default() += pool;
        }
        let thirty_thousand = rust_decimal::Decimal::from(30000);
        assert_eq!(by_group.values().copied().collect::<Vec<_>>(), [thirty_thousand, thirty_thousand], "month {m}");
        assert_eq!(payouts, decimal(team.total));
        let components: rust_decimal::Decimal = team.components.iter().map(|c| decimal(c.amount)).sum();
        assert_eq!(components, decimal(team.total));
    }
}

#[test]
fn a_shared_order_credits_each_rep_their_split() {
    let (plan, records) = (plan(), records());
    // In even months E1001 shares its first order 60/40 with the next rep of 先锋组.
    let owner = record(&records, "E1001", 2);
    let order = &owner["订单"][0];
    let partner_id = order["分成"][1]["rep"].as_str().expect("partner");
    let partner = record(&records, partner_id, 2);
    let credited = |r: &J| {
        let inc = plan.evaluate(r, true).expect("evaluates").incentive.expect("statement");
        let t = inc.transactions.iter().find(|t| t.id.as_deref() == order["订单号"].as_str()).expect("the order");
        (decimal(t.percent), decimal(t.credited))
    };
    let amount = rust_decimal::Decimal::from(order["金额"].as_i64().expect("amount"));
    let (a, b) = (credited(owner), credited(partner));
    assert_eq!((a.0, b.0), (60.into(), 40.into()));
    assert_eq!(a.1 + b.1, amount);
}

#[test]
fn a_cancelled_order_is_clawed_back_at_its_tier() {
    let (plan, records) = (plan(), records());
    let inc = plan.evaluate(record(&records, "E1003", 5), false).expect("evaluates").incentive.expect("statement");
    let line = inc.statement.lines.iter().find(|l| l.transaction.as_deref() == Some("E1003-04-1")).expect("clawback");
    assert_eq!((decimal(line.base.expect("base")), decimal(line.amount)), ((-80000).into(), (-1600).into()));
}

#[test]
fn the_target_bonus_is_multiplied_by_the_scorecard_coefficient() {
    let (plan, records) = (plan(), records());
    let april = month(&records, 4);
    for r in &april {
        let eval = plan.evaluate(r, false).expect("evaluates");
        let coefficient = eval.score.as_ref().expect("score").coefficient;
        let inc = eval.incentive.expect("statement");
        let line = inc.statement.lines.iter().find(|l| l.name.as_deref() == Some("绩效系数"));
        let gate_passed = inc.statement.lines.iter().any(|l| l.gate_passed == Some(true));
        assert_eq!(line.and_then(|l| l.multiplier), Some(coefficient), "{}", r["工号"]);
        assert!(gate_passed || inc.components[1].amount.0.is_zero());
    }
}
