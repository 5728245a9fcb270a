//! The engine's fast paths against its general ones, on generated records: a JSON record read in
//! place (natively) must give what the same record gives when its fields and transactions are
//! handed over cell by cell, as a JS host hands them (`Record::input` and `Record::rows`) —
//! results, explanations and errors alike.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use proptest::prelude::*;
use salescore::formula::record::{Record, Rows, RowsError};
use salescore::input::Input;
use salescore::output::NumberOutput;
use salescore::{Locale, Plan};
use serde_json::{json, Value};

#[path = "support/totals.rs"]
mod totals;

/// A JSON record seen only through the general trait methods, as a host that cannot lend JSON.
struct Host<'a>(&'a Value);

impl Record for Host<'_> {
    fn input(&self, index: usize, field: &str) -> Input {
        self.0.input(index, field)
    }
    fn problem(&self) -> Option<salescore::Error> {
        self.0.problem()
    }
    fn rows(&self, key: &str, columns: &[&str], json: Option<usize>) -> Result<Option<Rows>, RowsError> {
        self.0.rows(key, columns, json)
    }
}

fn plan(path: &str) -> Plan {
    Plan::compile(&std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap()
}

/// A cell as a form may send it: mostly right, sometimes text, blank, wrong or missing.
fn cell(good: Value) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        24 => Just(Some(good.clone())),
        1 => Just(Some(Value::String(good.to_string().trim_matches('"').to_string()))),
        1 => Just(None),
        1 => prop_oneof![
            Just(Value::Null),
            Just(json!("")),
            Just(json!("  ")),
            Just(json!("12,5")),
            Just(json!(true)),
            Just(json!([1])),
            Just(json!({"a": 1})),
            Just(json!(-3.25)),
            Just(json!(1e30)),
            Just(json!("1e3")),
        ]
        .prop_map(Some),
    ]
}

fn amount() -> impl Strategy<Value = Value> {
    prop_oneof![(0i64..500_000).prop_map(|n| json!(n)), (0i64..50_000_000).prop_map(|c| json!(c as f64 / 100.0))]
}

fn name(names: &'static [&'static str]) -> impl Strategy<Value = Value> {
    proptest::sample::select(names).prop_map(|n| json!(n))
}

/// One order of the sample plan's 订单 (or of `hand.json`'s, with its own column names).
fn order(columns: [&'static str; 7]) -> impl Strategy<Value = Value> {
    let products: &'static [&'static str] = &["软件", "硬件", "服务", "其他", ""];
    let customers: &'static [&'static str] = &["新客户", "老客户", "新", "老", "x"];
    let split = prop_oneof![
        4 => Just(None),
        1 => Just(Some(json!([{ "rep": "E100001", "percent": 60 }, { "rep": "A", "percent": 40 }]))),
        1 => Just(Some(json!([{ "rep": "A", "percent": 50 }, { "rep": "B", "percent": 50 }]))),
        1 => Just(Some(json!([{ "rep": "A", "percent": 70 }]))),
        1 => Just(Some(json!("bad"))),
    ];
    (
        cell(json!("D-1")),
        amount().prop_flat_map(cell),
        amount().prop_flat_map(cell),
        name(products).prop_flat_map(cell),
        name(customers).prop_flat_map(cell),
        split,
    )
        .prop_map(move |(id, amount, collected, product, customer, split)| {
            let mut o = serde_json::Map::new();
            for (k, v) in columns.iter().zip([id, amount, collected, product, customer, split]) {
                if let Some(v) = v {
                    o.insert((*k).to_string(), v);
                }
            }
            if columns[6] == "extra" {
                o.insert("备注".into(), json!("x"));
            }
            Value::Object(o)
        })
}

fn orders(columns: [&'static str; 7]) -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => proptest::collection::vec(order(columns), 0..7).prop_map(Value::Array),
        1 => Just(Value::Null),
        1 => Just(json!({"not": "an array"})),
        1 => Just(json!([{"金额": 1}, 3])),
    ]
}

const SAMPLE: [&str; 7] = ["订单号", "金额", "回款", "产品线", "客户类型", "分成", "extra"];
const HAND: [&str; 7] = ["单号", "金额", "回款", "产品", "客户", "分成", ""];

/// Both ways of reading `record` give the same result or error, for one record and explained;
/// and its totals alone (`detail: "totals"`, computed without the lines) are the full result's.
fn same(plan: &Plan, record: &Value) {
    for locale in [None, Some(Locale::ZhCn), Some(Locale::En)] {
        assert_eq!(plan.evaluate_in(record, locale), plan.evaluate_in(&Host(record), locale), "{record}");
    }
    for numbers in [NumberOutput::Number, NumberOutput::String] {
        let totals = totals::totals_within_full(plan, record, numbers);
        assert_eq!(totals, totals::totals_within_full(plan, &Host(record), numbers), "{record}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn sample_plan_reads_json_in_place_as_a_host_hands_it_over(
        rep in 0usize..144,
        orders in orders(SAMPLE),
        changes in proptest::collection::vec((0usize..30, amount().prop_flat_map(cell)), 0..3),
    ) {
        let reps: Vec<Value> = serde_json::from_str(
            &std::fs::read_to_string(format!("{}/samples/team/reps.json", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        ).unwrap();
        let mut record = reps[rep].clone();
        record["订单"] = orders;
        // A few fields changed, made wrong or dropped (the sample plan reads the first 27 keys).
        let keys: Vec<String> = record.as_object().unwrap().keys().cloned().collect();
        for (k, value) in changes {
            let key = keys[k % keys.len()].clone();
            match value {
                Some(v) => record[key.as_str()] = v,
                None => { record.as_object_mut().unwrap().remove(&key); }
            }
        }
        let plan = plan("samples/team/plan.json");
        same(&plan, &record);
        let team = [record.clone(), reps[(rep + 1) % reps.len()].clone()];
        let hosts = [Host(&team[0]), Host(&team[1])];
        for (scores, locale) in [(false, None), (true, None), (true, Some(Locale::En))] {
            // A change can make the whole team fail (an empty or duplicate id): then both fail alike.
            match (plan.evaluate_team_with(&team, scores, locale), plan.evaluate_team_with(&hosts, scores, locale)) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(a.results, b.results);
                    prop_assert_eq!(a.errors, b.errors);
                    prop_assert_eq!(a.team, b.team);
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "one way fails: {:?} / {:?}", a.err(), b.err()),
            }
        }
    }

    #[test]
    fn a_team_without_explanations_is_paid_as_its_finished_statements(
        members in proptest::collection::vec((0usize..144, orders(SAMPLE)), 1..5),
        on_total: bool,
    ) {
        // Numbers only, each statement is summed without being built; with scores, it is built
        // and then summed. Rounding on the total takes every statement past the sums' shortcut:
        // the numbers are then read from a statement built without words.
        let reps: Vec<Value> = serde_json::from_str(
            &std::fs::read_to_string(format!("{}/samples/team/reps.json", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        ).unwrap();
        let team: Vec<Value> = members.iter().map(|(rep, orders)| {
            let mut record = reps[*rep].clone();
            record["订单"] = orders.clone();
            record
        }).collect();
        let mut doc: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{}/samples/team/plan.json", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        ).unwrap();
        if on_total {
            doc["incentive"]["rounding"] = json!("onTotal");
        }
        let plan = Plan::compile(&doc.to_string()).unwrap();
        match (plan.evaluate_team_with(&team, false, None), plan.evaluate_team_with(&team, true, None)) {
            (Ok(numbers), Ok(statements)) => {
                prop_assert!(numbers.team.incentive.is_some());
                // The same view, but the forced distribution's entries, which only the call
                // with score details carries.
                let mut expected = statements.team;
                if let Some(d) = expected.distribution.as_mut() {
                    d.entries = Vec::new();
                }
                prop_assert_eq!(numbers.team, expected);
                prop_assert_eq!(numbers.errors, statements.errors);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "one way fails: {:?} / {:?}", a.err(), b.err()),
        }
    }

    #[test]
    fn split_plan_reads_json_in_place_as_a_host_hands_it_over(
        rep in proptest::sample::select(&["A", "B", "C"][..]),
        target in amount().prop_flat_map(cell),
        orders in orders(HAND),
    ) {
        let mut record = json!({ "工号": rep, "回款率": 0.95, "订单": orders });
        if let Some(target) = target {
            record["目标"] = target;
        }
        same(&plan("tests/data/incentive/plan/hand.json"), &record);
    }

    #[test]
    fn a_plan_with_a_draw_and_an_mbo_reads_json_in_place_as_a_host_hands_it_over(
        fields in proptest::collection::vec(amount().prop_flat_map(cell), 6),
        orders in orders(HAND),
    ) {
        // hand2.json: a cumulative commission with a holdback, an MBO, a SPIFF and a draw.
        let mut record = json!({ "订单": orders });
        for (id, value) in ["累计回款", "已发放", "释放", "预支余额", "满意度", "培训"].iter().zip(fields) {
            if let Some(value) = value {
                record[*id] = value;
            }
        }
        same(&plan("tests/data/incentive/plan/hand2.json"), &record);
    }
}
