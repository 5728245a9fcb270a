//! Team results: golden rankings and forced distributions read from `tests/data/team/`, team sizes
//! from 1 to 1000, and properties (counts add up, ties never split, input order never matters,
//! a higher score never gets a worse grade).
#![cfg(not(target_arch = "wasm32"))] // native only: proptest and the data files
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code: a panic is a failed test

use proptest::prelude::*;
use rust_decimal::Decimal;
use salescore::base::arithmetic::Arithmetic;
use salescore::team::{
    Distribution, DistributionSpec, ForcedDistribution, GradeQuota, Ranking, TeamEntry, TieBreakOrder, TiePolicy,
};
use serde_json::Value as J;
use std::collections::BTreeMap;

fn cases(file: &str) -> Vec<J> {
    let path = format!("tests/data/team/{file}");
    let text = std::fs::read_to_string(&path).expect(&path);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sktd() -> ForcedDistribution {
    ForcedDistribution::new(DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 50), ("C", 15), ("D", 5)]))
        .expect("S10/A20/B50/C15/D5 is valid")
}

/// Ids per grade in slot order, grades in quota order, empty grades left out.
fn ids_by_grade(d: &Distribution) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &d.entries {
        out.entry(e.grade.to_string()).or_default().push(e.id.to_string());
    }
    out
}

fn check_golden_distribution(case: &J) {
    let name = case["case"].as_str().expect("case name");
    let spec: DistributionSpec = serde_json::from_value(case["spec"].clone()).expect("spec reads");
    let dist = ForcedDistribution::new(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
    let policy: TiePolicy = serde_json::from_value(case["policy"].clone()).expect("policy reads");
    let team: Vec<TeamEntry> = serde_json::from_value(case["team"].clone()).expect("team reads");
    let result = dist.apply(&team, policy).unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = &case["expected"];
    let targets: Vec<usize> = result.grades.iter().map(|g| g.target).collect();
    let actual: Vec<usize> = result.grades.iter().map(|g| g.actual).collect();
    assert_eq!(serde_json::to_value(&targets).expect("json"), want["targets"], "{name}: targets");
    assert_eq!(serde_json::to_value(&actual).expect("json"), want["actual"], "{name}: actual");
    assert_eq!(dist.quota_counts(team.len()), targets, "{name}: quota_counts");
    let grades: BTreeMap<String, Vec<String>> = serde_json::from_value(want["grades"].clone()).expect("grades");
    assert_eq!(ids_by_grade(&result), grades, "{name}: grades");
    let moved: Vec<&str> =
        result.entries.iter().filter(|e| e.reason.moved_because_of_tie).map(|e| e.id.as_str()).collect();
    let want_moved: Vec<&str> = want["moved"].as_array().expect("moved").iter().filter_map(J::as_str).collect();
    assert_eq!(moved, want_moved, "{name}: moved because of a tie");
    for g in &result.grades {
        assert_eq!(g.deviation, (g.actual as i64).saturating_sub(g.target as i64), "{name}: deviation of {}", g.grade);
    }
    // The same answer for the team read in reverse.
    let mut reversed = team.clone();
    reversed.reverse();
    assert_eq!(dist.apply(&reversed, policy).expect("applies"), result, "{name}: input order");
}

#[test]
fn golden_24_person_team() {
    let cases = cases("sktd_24.json");
    assert_eq!(cases.len(), 2);
    for case in &cases {
        assert_eq!(case["team"].as_array().map(Vec::len), Some(24));
        check_golden_distribution(case);
    }
}

#[test]
fn golden_small_teams() {
    let all = cases("small_teams.json");
    assert!(all.len() >= 9, "only {} cases", all.len());
    for case in all {
        check_golden_distribution(&case);
    }
}

#[test]
fn golden_custom_grades() {
    let all = cases("custom_grades.json");
    assert!(all.len() >= 6, "only {} cases", all.len());
    for case in all {
        check_golden_distribution(&case);
    }
}

#[test]
fn golden_spec_errors() {
    let all = cases("spec_errors.json");
    assert!(all.len() >= 13, "only {} cases", all.len());
    for case in all {
        let name = case["case"].as_str().expect("case name");
        let text = match &case["spec"] {
            J::String(s) => s.clone(),
            other => other.to_string(),
        };
        let err = ForcedDistribution::from_json(&text).err().unwrap_or_else(|| panic!("{name}: should fail"));
        assert_eq!(err.code.as_str(), case["code"], "{name}: code ({err})");
        assert_eq!(err.path, case["path"], "{name}: path ({err})");
        if let Some(found) = case.get("found") {
            assert_eq!(err.detail.found.as_deref(), found.as_str(), "{name}: found");
        }
        // Every error renders in both locales.
        assert!(!err.message(salescore::Locale::ZhCn).is_empty() && !err.message(salescore::Locale::En).is_empty());
    }
}

#[test]
fn golden_rankings() {
    let all = cases("ranking.json");
    assert!(all.len() >= 2, "only {} cases", all.len());
    for case in all {
        let name = case["case"].as_str().expect("case name");
        let team: Vec<TeamEntry> = serde_json::from_value(case["team"].clone()).expect("team reads");
        let ranking = Ranking::new(&team).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rows: Vec<J> = ranking
            .entries
            .iter()
            .map(|e| serde_json::json!([e.id, e.position, e.competition_rank, e.dense_rank]))
            .collect();
        assert_eq!(J::Array(rows), case["expected"], "{name}");
    }
}

#[test]
fn team_sizes_from_1_to_1000() {
    let d = sktd();
    let expected: [(usize, [usize; 5]); 8] = [
        (1, [0, 0, 1, 0, 0]),
        (2, [0, 1, 1, 0, 0]),
        (3, [0, 1, 2, 0, 0]),
        (5, [0, 1, 3, 1, 0]),
        (7, [1, 1, 4, 1, 0]),
        (10, [1, 2, 5, 2, 0]),
        (24, [2, 5, 12, 4, 1]),
        (1000, [100, 200, 500, 150, 50]),
    ];
    for (n, counts) in expected {
        assert_eq!(d.quota_counts(n), counts, "team of {n}");
        // Distinct scores: everyone gets their slot grade and every grade meets its target.
        let team: Vec<TeamEntry> = (0..n).map(|i| TeamEntry::new(format!("p{i:04}"), Decimal::from(i))).collect();
        let r = d.apply(&team, TiePolicy::KeepTiesTogether).expect("applies");
        let actual: Vec<usize> = r.grades.iter().map(|g| g.actual).collect();
        assert_eq!(actual, counts, "team of {n}");
        assert!(r.grades.iter().all(|g| g.deviation == 0));
        assert_eq!(r.entries.first().map(|e| e.id.to_string()), Some(format!("p{:04}", n - 1)), "best first");
    }
}

#[test]
fn nobody_goes_to_d_by_rounding_half_a_person_or_less() {
    let d = sktd();
    // D's share is n × 5%: at most one half up to 10 people.
    for n in 0..=10 {
        assert_eq!(d.quota_counts(n)[4], 0, "team of {n}");
    }
    for n in 0..=2000_usize {
        let d_count = d.quota_counts(n)[4];
        // D's share is n / 20 people: its whole part, plus one only for a fraction above 10/20.
        let (whole, twentieths) = (n / 20, n % 20);
        assert!(d_count == whole || d_count == whole + 1 && twentieths > 10, "team of {n}: {d_count}");
    }
}

#[test]
fn exact_shares_and_summaries() {
    let r = sktd().apply(&[], TiePolicy::KeepTiesTogether).expect("empty team");
    assert!(r.entries.is_empty());
    let d = sktd();
    let shares: Vec<String> = d.exact_shares(24).iter().map(ToString::to_string).collect();
    assert_eq!(shares, ["2.4", "4.8", "12", "3.6", "1.2"]);
    let team: Vec<TeamEntry> = (0..24).map(|i| TeamEntry::new(format!("p{i:02}"), Decimal::from(i))).collect();
    let v = serde_json::to_value(d.apply(&team, TiePolicy::default()).expect("applies")).expect("json");
    assert_eq!(
        v["grades"][0],
        serde_json::json!({"grade": "S", "percent": "10", "exactShare": "2.4", "target": 2, "actual": 2, "deviation": 0})
    );
    assert_eq!(v["entries"][0]["id"], "p23");
}

// ---- properties -------------------------------------------------------------------------------

/// A valid spec: 1–7 grades whose percents (in hundredths) add up to exactly 100, zeros allowed.
fn spec_strategy() -> impl Strategy<Value = ForcedDistribution> {
    prop::collection::vec(0_i64..=10_000, 0..7).prop_map(|mut cuts| {
        cuts.push(0);
        cuts.push(10_000);
        cuts.sort_unstable();
        let quotas = cuts
            .windows(2)
            .enumerate()
            .map(|(i, w)| GradeQuota::new(format!("G{i}"), Decimal::new(w[1].saturating_sub(w[0]), 2)))
            .collect();
        ForcedDistribution::new(DistributionSpec { quotas }).expect("generated spec is valid")
    })
}

/// A team of up to 60 with scores from a small range (many ties) and tie-break keys with ties.
fn team_strategy() -> impl Strategy<Value = Vec<TeamEntry>> {
    prop::collection::vec((0_i64..12, 0_i64..3), 0..60).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (score, key))| {
                TeamEntry::new(format!("m{i:02}"), Decimal::new(score.saturating_mul(5), 1))
                    .with_tie_break(Decimal::from(key))
            })
            .collect()
    })
}

fn policy_strategy() -> impl Strategy<Value = TiePolicy> {
    prop_oneof![
        Just(TiePolicy::KeepTiesTogether),
        Just(TiePolicy::BreakTiesBy(TieBreakOrder::HigherFirst)),
        Just(TiePolicy::BreakTiesBy(TieBreakOrder::LowerFirst)),
    ]
}

/// The shuffled copy of a team.
fn shuffled(team: Vec<TeamEntry>) -> impl Strategy<Value = (Vec<TeamEntry>, Vec<TeamEntry>)> {
    Just(team.clone()).prop_shuffle().prop_map(move |s| (team.clone(), s))
}

/// Whether `a` is placed ahead of `b` by score and (with BreakTiesBy) the key.
fn strictly_better(a: &TeamEntry, b: &TeamEntry, policy: TiePolicy) -> bool {
    match policy {
        TiePolicy::KeepTiesTogether => a.score > b.score,
        TiePolicy::BreakTiesBy(order) => {
            a.score > b.score
                || a.score == b.score
                    && match order {
                        TieBreakOrder::HigherFirst => a.tie_break > b.tie_break,
                        TieBreakOrder::LowerFirst => a.tie_break < b.tie_break,
                    }
        }
    }
}

proptest! {
    #[test]
    fn counts_always_sum_to_the_team_size(d in spec_strategy(), n in 0_usize..3000) {
        let counts = d.quota_counts(n);
        prop_assert_eq!(counts.iter().sum::<usize>(), n);
        let shares = d.exact_shares(n);
        let last_with_people = d.quotas().iter().rposition(|q| !q.percent.is_zero());
        for (i, (c, share)) in counts.iter().zip(&shares).enumerate() {
            // Each count is the whole part of its share, or one more (never for a 0% grade).
            let whole = share.floor();
            let c = Decimal::from(*c);
            let rounded_up = Some(c) == whole.add_checked(Decimal::ONE) && share.fract() > Decimal::ZERO;
            prop_assert!(c == whole || rounded_up, "grade {}: {} people for a share of {}", i, c, share);
            // The bottom grade only rounds up a fraction above one half.
            if Some(i) == last_with_people && c > whole {
                prop_assert!(share.fract() > Decimal::new(5, 1));
            }
        }
    }

    #[test]
    fn every_entry_gets_one_grade(d in spec_strategy(), team in team_strategy(), policy in policy_strategy()) {
        let r = d.apply(&team, policy).expect("applies");
        prop_assert_eq!(r.entries.len(), team.len());
        prop_assert_eq!(r.grades.iter().map(|g| g.actual).sum::<usize>(), team.len());
        prop_assert_eq!(r.grades.iter().map(|g| g.target).sum::<usize>(), team.len());
        prop_assert_eq!(r.grades.iter().map(|g| g.deviation).sum::<i64>(), 0);
        for (slot, e) in r.entries.iter().enumerate() {
            prop_assert_eq!(e.reason.slot, slot.saturating_add(1));
            prop_assert_eq!(&d.quotas()[e.grade_index].grade, &e.grade);
            prop_assert_eq!(e.reason.moved_because_of_tie, e.grade != e.reason.slot_grade);
            prop_assert!(!e.reason.moved_because_of_tie || e.reason.tied_group_size > 1);
        }
    }

    #[test]
    fn equal_scores_never_split_when_kept_together(d in spec_strategy(), team in team_strategy()) {
        let r = d.apply(&team, TiePolicy::KeepTiesTogether).expect("applies");
        for a in &r.entries {
            for b in &r.entries {
                if a.score == b.score {
                    prop_assert_eq!(&a.grade, &b.grade);
                    prop_assert_eq!(a.reason.rank, b.reason.rank);
                }
            }
        }
    }

    #[test]
    fn equal_score_and_key_never_split(d in spec_strategy(), team in team_strategy(), policy in policy_strategy()) {
        let r = d.apply(&team, policy).expect("applies");
        let key = |id: &str| team.iter().find(|e| e.id == id).and_then(|e| e.tie_break);
        for a in &r.entries {
            for b in &r.entries {
                if a.score == b.score && (policy == TiePolicy::KeepTiesTogether || key(&a.id) == key(&b.id)) {
                    prop_assert_eq!(&a.grade, &b.grade);
                }
            }
        }
    }

    #[test]
    fn a_better_entry_never_gets_a_worse_grade(d in spec_strategy(), team in team_strategy(), policy in policy_strategy()) {
        let r = d.apply(&team, policy).expect("applies");
        for a in &team {
            for b in &team {
                if strictly_better(a, b, policy) {
                    let (ga, gb) = (r.get(&a.id).expect("a"), r.get(&b.id).expect("b"));
                    prop_assert!(ga.grade_index <= gb.grade_index, "{} got {} but {} got {}", a.id, ga.grade, b.id, gb.grade);
                }
                if a.score > b.score {
                    prop_assert!(r.get(&a.id).expect("a").grade_index <= r.get(&b.id).expect("b").grade_index);
                }
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_input_order(
        d in spec_strategy(),
        (team, shuffled) in team_strategy().prop_flat_map(shuffled),
        policy in policy_strategy(),
    ) {
        prop_assert_eq!(d.apply(&team, policy).expect("applies"), d.apply(&shuffled, policy).expect("applies"));
        prop_assert_eq!(Ranking::new(&team).expect("ranks"), Ranking::new(&shuffled).expect("ranks"));
    }

    #[test]
    fn ranks_count_the_better_scores((team, shuffled) in team_strategy().prop_flat_map(shuffled)) {
        let r = Ranking::new(&shuffled).expect("ranks");
        prop_assert_eq!(r.len(), team.len());
        for (i, e) in r.entries.iter().enumerate() {
            let higher: Vec<Decimal> = team.iter().map(|t| t.score).filter(|s| *s > e.score).collect();
            let mut distinct = higher.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(e.position, i.saturating_add(1));
            prop_assert_eq!(e.competition_rank, higher.len().saturating_add(1));
            prop_assert_eq!(e.dense_rank, distinct.len().saturating_add(1));
            prop_assert_eq!(e.tie_size, team.iter().filter(|t| t.score == e.score).count());
            if let Some(next) = r.entries.get(i.saturating_add(1)) {
                prop_assert!(e.score > next.score || e.score == next.score && e.id < next.id);
            }
        }
    }
}
