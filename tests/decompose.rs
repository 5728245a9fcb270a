//! Target decomposition: golden cases (public cases 7–8) and bad-input cases as data in
//! `tests/data/targets/`, the sample company, properties over generated trees, the flat
//! depth-first list of nodes, and snapshots of a whole explained result in zh-CN and en.
#![cfg(not(target_arch = "wasm32"))] // native; tests/wasm.rs runs the shim in WebAssembly
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use proptest::prelude::*;
use rust_decimal::Decimal;
use salescore::number::serialize_numbers_as;
use salescore::output::NumberOutput;
use salescore::targets::decompose::{decompose_spec, parse, Decomposition, NodeResult};
use salescore::targets::{decompose, decompose_explained};
use salescore::{ErrorCode, Locale};
use serde_json::{json, Value as J};
use std::collections::BTreeMap;

/// The result as JSON with exact decimal strings.
fn exact(result: &Decomposition) -> J {
    serialize_numbers_as(NumberOutput::String, || serde_json::to_value(result)).expect("serializes")
}

/// The node with this id in a result as JSON.
fn find<'a>(result: &'a J, id: &str) -> Option<&'a J> {
    result["nodes"].as_array()?.iter().find(|n| n["id"] == id)
}

/// The decomposition cases of `tests/data/targets/` (`case*.json`): public cases 7–8 and cases
/// worked out by hand, each with its arithmetic in `derivation`. Every field a case names must
/// match; all differences are reported together.
#[test]
fn golden_cases() {
    let mut n = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir("tests/data/targets").expect("dir") {
        let path = entry.expect("entry").path();
        // The decomposition cases (the folder also holds the pacing cases).
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default();
        if !file.starts_with("case") || !file.ends_with(".json") {
            continue;
        }
        let case: J = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let name = case["case"].as_str().unwrap_or_default();
        // Explained: the cases check the reasons (`why`) too.
        let result = decompose_explained(&case["spec"].to_string(), None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let result = exact(&result);
        let mut check = |at: String, got: &J, want: &J| {
            if got != want {
                failures.push(format!("{file}: {at}: got {got}, want {want}"));
            }
        };
        for (id, want) in case["expect"].as_object().expect("expect") {
            let got = find(&result, id).unwrap_or_else(|| panic!("{name}: no node {id}"));
            for (key, value) in want.as_object().expect("fields") {
                match value {
                    J::Object(fields) => {
                        for (k, v) in fields {
                            check(format!("{id}.{key}.{k}"), &got[key][k], v);
                        }
                    }
                    _ => check(format!("{id}.{key}"), &got[key], value),
                }
            }
        }
        // The week segments, when a case lists them ([id, first day, last day]).
        if let Some(weeks) = case.get("weekSegments") {
            let got: Vec<J> = result["weeks"]
                .as_array()
                .expect("weeks")
                .iter()
                .map(|w| json!([w["id"], w["start"], w["end"]]))
                .collect();
            check("weeks".to_string(), &J::Array(got), weeks);
        }
        n += 1;
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
    assert!(n >= 9, "only {n} case files read");
}

#[test]
fn bad_inputs_give_coded_errors_with_paths() {
    let text = std::fs::read_to_string("tests/data/targets/errors.jsonl").expect("errors");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: J = serde_json::from_str(line).expect("json");
        let name = case["case"].as_str().unwrap_or_default();
        let err = decompose(&case["spec"].to_string()).expect_err(name);
        let report = serde_json::to_value(err.report(Locale::En)).expect("report");
        let want = &case["error"];
        for key in ["code", "path", "suggestion"] {
            if let Some(v) = want.get(key) {
                assert_eq!(&report[key], v, "{name}: {key} ({err})");
            }
        }
        if let Some(v) = want.get("name") {
            assert_eq!(&report["detail"]["name"], v, "{name}: name");
        }
        if let Some(v) = want.get("cycle") {
            assert_eq!(&report["detail"]["cycle"], v, "{name}: cycle");
        }
        assert_eq!(report["origin"], "plan", "{name}");
        assert_ne!(err.message(Locale::ZhCn), err.message(Locale::En), "{name}: both locales");
        n += 1;
    }
    assert!(n >= 34, "only {n} rows in errors.jsonl");
}

/// The list is the tree depth first (the root first, each node after its parent, a node's
/// children in the spec's order right after its subtree's earlier siblings); every level adds up
/// exactly, every amount is a multiple of the unit, every node's months add up to it, quarters
/// to the months, weeks to each month.
fn check_sums(result: &Decomposition) {
    let weeks_per_month: Vec<usize> =
        result.months.iter().map(|m| result.weeks.iter().filter(|w| &w.month == m).count()).collect();
    let root = &result.nodes[0];
    assert_eq!((root.parent, root.depth, root.share), (None, 0, None));
    assert_eq!(root.amount, result.total);
    let unit = result.unit.0;
    for (i, node) in result.nodes.iter().enumerate() {
        if i > 0 {
            let parent = node.parent.expect("a parent");
            assert!(parent < i, "{}: parent after it", node.id);
            assert_eq!(node.depth, result.nodes[parent].depth + 1, "{}: depth", node.id);
            // Depth first: between the parent and the node only the parent's deeper descendants.
            assert!(
                result.nodes[parent + 1..i].iter().all(|n| n.depth > result.nodes[parent].depth),
                "{}: order",
                node.id
            );
        }
        assert!((node.amount.0 % unit).is_zero(), "{}: {} not a multiple of {unit}", node.id, node.amount.0);
        let months: Decimal = node.months.iter().map(|m| m.0).sum();
        assert_eq!(months, node.amount.0, "{}: months", node.id);
        let quarters: Decimal = node.quarters.iter().map(|m| m.0).sum();
        assert_eq!(quarters, node.amount.0, "{}: quarters", node.id);
        if !node.weeks.is_empty() {
            let mut at = 0;
            for (m, count) in weeks_per_month.iter().enumerate() {
                let sum: Decimal = node.weeks[at..at + count].iter().map(|w| w.0).sum();
                assert_eq!(sum, node.months[m].0, "{}: weeks of month {m}", node.id);
                at += count;
            }
        }
        let kids: Vec<&NodeResult> = result.children(i).map(|k| &result.nodes[k]).collect();
        let by_parent = result.nodes.iter().filter(|n| n.parent == Some(i)).count();
        assert_eq!(kids.len(), by_parent, "{}: children", node.id);
        if !kids.is_empty() {
            let sum: Decimal = kids.iter().map(|k| k.amount.0).sum();
            assert_eq!(sum, node.amount.0, "{}: children", node.id);
            for (m, month) in node.months.iter().enumerate() {
                let sum: Decimal = kids.iter().map(|k| k.months[m].0).sum();
                assert_eq!(sum, month.0, "{}: children's month {m}", node.id);
            }
        }
    }
}

fn sample() -> String {
    std::fs::read_to_string("samples/targets/decompose.json").expect("sample")
}

#[test]
fn the_sample_company_adds_up_and_explains_itself() {
    let result = decompose_explained(&sample(), None).expect("sample decomposes");
    check_sums(&result);
    let json = exact(&result);
    assert_eq!(json["nodes"][0]["amount"], "36000000");
    // The leaver has nothing after June; the July hire nothing before July and half in July.
    let leaver = find(&json, "吴俊").expect("leaver");
    assert!(leaver["months"].as_array().expect("months")[6..].iter().all(|m| m == "0"));
    let hire = find(&json, "马超").expect("new hire");
    assert!(hire["months"].as_array().expect("months")[..6].iter().all(|m| m == "0"));
    assert_eq!(hire["why"]["ramp"][6], "50");
    // The locked team, the capped rep.
    assert_eq!(find(&json, "天津组").expect("locked")["amount"], "2400000");
    assert_eq!(find(&json, "王芳").expect("capped")["rule"], "max");
    let text = find(&json, "刘洋").expect("hire")["text"].as_str().expect("text").to_string();
    assert!(text.contains("新人爬坡"), "{text}");
}

#[test]
fn snapshots_of_a_whole_explained_result() {
    let spec = std::fs::read_to_string("tests/data/targets/explained.json").expect("spec");
    for locale in [Locale::ZhCn, Locale::En] {
        let result = decompose_explained(&spec, Some(locale)).expect("decomposes");
        check_sums(&result);
        insta::assert_json_snapshot!(format!("decompose_explained_{locale:?}"), exact(&result));
    }
}

#[test]
fn the_sample_texts_in_both_locales() {
    for locale in [Locale::ZhCn, Locale::En] {
        let result = decompose_explained(&sample(), Some(locale)).expect("decomposes");
        let lines: BTreeMap<String, String> =
            result.nodes.iter().map(|n| (n.id.clone(), n.text.clone().unwrap_or_default())).collect();
        insta::assert_json_snapshot!(format!("decompose_sample_text_{locale:?}"), lines);
    }
}

#[test]
fn numbers_and_strings_are_the_same_input() {
    let a = decompose(
        r#"{"total": 1000.5, "unit": 0.1, "period": {"start": "2025-01-01", "end": "2025-03-31"}, "nodes": [{"id": "a"}]}"#,
    );
    let b = decompose(
        r#"{"total": "1000.5", "unit": "0.1", "period": {"start": "2025-01-01", "end": "2025-03-31"}, "nodes": [{"id": "a"}]}"#,
    );
    assert_eq!(a.expect("numbers"), b.expect("strings"));
}

// ---- properties over generated trees ----

/// A generated node: parent index (earlier in the list), weight, and optional constraints in
/// units.
#[derive(Clone, Debug)]
struct Gen {
    parent: usize,
    weight: u32,
    min: Option<u32>,
    max: Option<u32>,
    locked: Option<u32>,
    hire_month: Option<u32>,
}

fn gen_node() -> impl Strategy<Value = Gen> {
    (
        any::<prop::sample::Index>(),
        0u32..50,
        prop::option::weighted(0.15, 0u32..40),
        prop::option::weighted(0.15, 10u32..400),
        prop::option::weighted(0.1, 0u32..60),
        prop::option::weighted(0.2, 1u32..12),
    )
        .prop_map(|(p, weight, min, max, locked, hire_month)| Gen {
            parent: p.index(usize::MAX),
            weight,
            min,
            max: max.map(|m| m.max(min.unwrap_or(0))),
            locked: locked.filter(|l| min.is_none_or(|m| *l >= m) && max.is_none_or(|m| *l <= m)),
            hire_month,
        })
}

fn spec_json(total: u32, unit: &str, nodes: &[Gen], order: &[usize], basis: &str) -> String {
    let unit_dec: Decimal = unit.parse().expect("unit");
    let amount = |u: u32| (Decimal::from(u) * unit_dec).to_string();
    let mut list = Vec::new();
    for &i in order {
        let mut node = json!({"id": format!("n{i}")});
        if i > 0 {
            let g = &nodes[i];
            node["parent"] = json!(format!("n{}", g.parent % i));
            node["weight"] = json!(g.weight);
            if let Some(m) = g.min {
                node["min"] = json!(amount(m));
            }
            if let Some(m) = g.max {
                node["max"] = json!(amount(m));
            }
            if let Some(l) = g.locked {
                node["locked"] = json!(amount(l));
            }
            if let Some(h) = g.hire_month {
                node["hireDate"] = json!(format!("2025-{h:02}-15"));
            }
        }
        list.push(node);
    }
    json!({
        "total": amount(total), "unit": unit, "basis": {"type": basis},
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "seasonality": [7, 7, 8, 8, 8, 9, 8, 8, 9, 9, 9, 10],
        "ramp": [{"months": 2, "percent": 50}, {"months": 1, "percent": 75.5}],
        "weeks": true,
        "nodes": list
    })
    .to_string()
}

type Amounts = BTreeMap<String, (Decimal, Vec<Decimal>, Vec<Decimal>)>;

fn by_id(result: &Decomposition) -> Amounts {
    let row = |values: &[salescore::number::Dec]| values.iter().map(|m| m.0).collect();
    result.nodes.iter().map(|n| (n.id.clone(), (n.amount.0, row(&n.months), row(&n.weeks)))).collect()
}

fn check_constraints(result: &Decomposition, spec: &J) {
    let nodes = spec["nodes"].as_array().expect("nodes");
    for node in &result.nodes {
        let me = nodes.iter().find(|n| n["id"] == node.id.as_str()).expect("node");
        let dec = |v: &J| v.as_str().map(|s| s.parse::<Decimal>().expect("decimal"));
        if let Some(l) = dec(&me["locked"]) {
            assert_eq!(node.amount.0, l, "{} locked", node.id);
        }
        if let Some(m) = dec(&me["min"]) {
            assert!(node.amount.0 >= m, "{} below min", node.id);
        }
        if let Some(m) = dec(&me["max"]) {
            assert!(node.amount.0 <= m, "{} above max", node.id);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn sums_locks_bounds_and_order_independence(
        nodes in prop::collection::vec(gen_node(), 1..40),
        total in 0u32..2000,
        unit in prop::sample::select(vec!["1", "100", "0.01"]),
        basis in prop::sample::select(vec!["weights", "equal", "capacity"]),
        seed in any::<u64>(),
    ) {
        let order: Vec<usize> = (0..nodes.len()).collect();
        let text = spec_json(total, unit, &nodes, &order, basis);
        let spec: J = serde_json::from_str(&text).expect("json");
        match decompose(&text) {
            Ok(result) => {
                check_sums(&result);
                check_constraints(&result, &spec);
                // The same tree listed in another order gives the same amounts per node.
                let mut shuffled = order.clone();
                let mut x = seed | 1;
                for i in (1..shuffled.len()).rev() {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                    shuffled.swap(i, (x % (i as u64 + 1)) as usize);
                }
                let again = decompose(&spec_json(total, unit, &nodes, &shuffled, basis)).expect("same tree");
                prop_assert_eq!(by_id(&result), by_id(&again));
            }
            Err(e) => prop_assert!(
                matches!(e.code, ErrorCode::Infeasible | ErrorCode::WeightsAllZero),
                "unexpected {}", e
            ),
        }
    }
}

#[test]
fn the_reasons_and_sentences_only_when_explained() {
    let plain = decompose(&sample()).expect("plain");
    let explained = decompose_explained(&sample(), None).expect("explained");
    assert!(plain.nodes.iter().all(|n| n.why.is_none() && n.text.is_none()));
    assert!(explained.nodes.iter().all(|n| n.why.is_some() && n.text.is_some()));
    // Everything else is the same.
    let strip = |mut r: Decomposition| {
        r.nodes.iter_mut().for_each(|n| (n.why, n.text) = (None, None));
        r
    };
    assert_eq!(strip(explained), plain);
}

#[test]
fn the_list_is_the_tree_depth_first() {
    let result = decompose(&sample()).expect("sample");
    let ids = |i: usize| result.children(i).map(|k| result.nodes[k].id.as_str()).collect::<Vec<_>>();
    assert_eq!(ids(0), ["华东大区", "华南大区", "华北大区"]);
    let east = result.nodes.iter().position(|n| n.id == "华东大区").expect("east");
    assert_eq!(result.nodes[east].parent, Some(0));
    assert_eq!(result.find("上海一组").map(|n| n.depth), Some(2));
    // Children follow the spec's order; each subtree is one run of the list.
    let spec: J = serde_json::from_str(&sample()).expect("json");
    for (i, node) in result.nodes.iter().enumerate() {
        let in_spec: Vec<&str> = spec["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter(|n| n["parent"] == node.id.as_str())
            .map(|n| n["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids(i), in_spec, "{}", node.id);
    }
}

#[test]
fn the_typed_entry_matches_the_text_entry() {
    let spec = parse(&sample()).expect("parses");
    assert_eq!(decompose_spec(&spec, None).expect("typed"), decompose(&sample()).expect("text"));
}
