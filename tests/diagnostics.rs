//! Plan diagnostics as data: every case in `tests/data/diagnostics/*.json` is a small plan with
//! the exact set of diagnostics (code and path) it must produce. Each code has a case that
//! triggers it and a near-identical one (`absent`) that does not. The sample plans produce only
//! the diagnostics asserted here, and every message and hint reads in both languages.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // test code: a panic is a failed test

use salescore::plan::diagnostics::DiagnosticCode;
use salescore::plan::{Diagnostic, Plan, Severity};
use salescore::Locale;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// Cases in `tests/data/diagnostics`; an emptied or shortened file fails the count.
const CASES: usize = 97;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    case: String,
    /// The code this near miss must not produce.
    #[serde(default)]
    absent: Option<String>,
    plan: Value,
    expect: Vec<Expected>,
}

#[derive(Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    code: String,
    path: String,
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> Vec<(String, Case)> {
    let dir = root().join("tests/data/diagnostics");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut all = Vec::new();
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let list: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        all.extend(list.into_iter().map(|c| (name.clone(), c)));
    }
    all
}

fn found(diagnostics: &[Diagnostic]) -> Vec<Expected> {
    let mut out: Vec<Expected> =
        diagnostics.iter().map(|d| Expected { code: d.code.as_str().to_string(), path: d.path.clone() }).collect();
    out.sort();
    out
}

fn diagnose(plan: &Value) -> Vec<Diagnostic> {
    Plan::compile(&plan.to_string()).unwrap().diagnostics()
}

#[test]
fn every_case_gives_exactly_its_diagnostics() {
    let all = cases();
    assert_eq!(all.len(), CASES, "cases read from tests/data/diagnostics");
    let mut failures = Vec::new();
    for (file, case) in &all {
        let plan = match Plan::compile(&case.plan.to_string()) {
            Ok(plan) => plan,
            Err(e) => {
                failures.push(format!("{file}: {}: does not compile: {e}", case.case));
                continue;
            }
        };
        let got = found(&plan.diagnostics());
        let mut want = case.expect.clone();
        want.sort();
        if got != want {
            failures.push(format!("{file}: {}:\n  expected {want:?}\n  found    {got:?}", case.case));
        }
        if let Some(code) = &case.absent {
            assert!(
                want.iter().all(|e| &e.code != code),
                "{file}: {}: expects the code it is a near miss of",
                case.case
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_case_that_triggers_it_and_one_that_does_not() {
    let all = cases();
    let triggered: BTreeSet<&str> = all.iter().flat_map(|(_, c)| c.expect.iter().map(|e| e.code.as_str())).collect();
    let near: BTreeSet<&str> = all.iter().filter_map(|(_, c)| c.absent.as_deref()).collect();
    for code in DiagnosticCode::ALL {
        assert!(triggered.contains(code.as_str()), "no case triggers {code}");
        assert!(near.contains(code.as_str()), "no near-miss case for {code}");
    }
    let known: BTreeSet<&str> = DiagnosticCode::ALL.iter().map(|c| c.as_str()).collect();
    assert!(triggered.is_subset(&known) && near.is_subset(&known), "unknown codes in the cases");
}

/// Removes “quoted names” and `plan keys`, the only places Latin letters may appear in Chinese.
fn without_identifiers(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match (closing, c) {
            (None, '“') => closing = Some('”'),
            (None, '`') => closing = Some('`'),
            (Some(end), c) if c == end => closing = None,
            (None, c) => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn messages_and_hints_read_in_both_languages() {
    let mut seen = BTreeSet::new();
    for (file, case) in cases() {
        for d in diagnose(&case.plan) {
            seen.insert(d.code);
            for locale in [Locale::ZhCn, Locale::En] {
                assert!(!d.message(locale).trim().is_empty(), "{file}: {}: empty message", case.case);
                assert!(!d.hint(locale).trim().is_empty(), "{file}: {}: empty hint", case.case);
            }
            for text in [d.message(Locale::ZhCn), d.hint(Locale::ZhCn)] {
                let bare = without_identifiers(text);
                assert!(!bare.chars().any(|c| c.is_ascii_alphabetic()), "{file}: Latin letters in “{text}”");
                assert!(bare.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: “{text}”");
            }
            for text in [d.message(Locale::En), d.hint(Locale::En)] {
                let bare = without_identifiers(text);
                assert!(!bare.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese in “{text}”");
            }
            assert_eq!(d.severity, d.code.severity());
        }
    }
    assert_eq!(seen.len(), DiagnosticCode::ALL.len(), "every code rendered");
}

#[test]
fn a_diagnostic_serializes_with_its_facts_and_both_messages() {
    let plan = serde_json::json!({
        "incentive": {
            "transactions": { "field": "订单", "amount": "金额", "product": "产品线" },
            "components": [{ "id": "提成", "type": "commission", "rules": [
                { "id": "标准", "priority": 10, "table": { "kind": "flat", "tiers": [{ "from": 0, "rate": 0.03 }] } },
                { "id": "软件", "products": ["软件"], "table": { "kind": "flat", "tiers": [{ "from": 0, "rate": 0.05 }] } }
            ] }]
        }
    });
    let found = diagnose(&plan);
    let json = serde_json::to_value(&found[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": "RULE_SHADOWED",
            "severity": "warning",
            "path": "/incentive/components/0/rules/1",
            "detail": { "component": "提成", "rule": "软件", "by": ["标准"] },
            "messages": {
                "zh-CN": {
                    "message": "“提成”的规则“软件”永远不会生效：它能匹配的金额都先被排在前面的“标准”取走",
                    "hint": "把它的 `priority` 调到它们之上，或收窄它们的 `products` / `customerTypes`；不需要就删除它"
                },
                "en": {
                    "message": "rule “软件” of “提成” is never reached: the rules tried before it (“标准”) take everything it would match",
                    "hint": "raise its `priority` above theirs, or narrow their `products` / `customerTypes`; remove it if it is not needed"
                }
            }
        })
    );
}

#[test]
fn facts_are_exact_decimals() {
    let cases = cases();
    let cliff =
        cases.iter().find(|(f, c)| f == "tables.json" && c.expect.iter().any(|e| e.code == "PAYOUT_CLIFF")).unwrap();
    let d = &diagnose(&cliff.1.plan)[0];
    let detail = serde_json::to_value(&d.detail).unwrap();
    assert_eq!(detail["bound"], 5000.0);
    assert_eq!(detail["rateBelow"], 0.05);
    assert_eq!(detail["rateAbove"], 0.1);
    assert_eq!(detail["jump"], 100.0);
    assert_eq!(d.message(Locale::En), "rule “标准” of “提成” is retroactive: reaching 5,000 raises the rate on the whole amount from 0.05 to 0.1, so the payout jumps by 100% of what was paid just below");
}

fn sample(path: &str) -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    found(&Plan::compile(&text).unwrap().diagnostics())
}

fn expected(list: &[(&str, &str)]) -> Vec<Expected> {
    list.iter().map(|(c, p)| Expected { code: c.to_string(), path: p.to_string() }).collect()
}

#[test]
fn the_sample_plans_say_only_what_is_true_of_them() {
    assert_eq!(sample("samples/team/plan.json"), []);
    assert_eq!(sample("tests/data/plans/scorecard.json"), []);
    assert_eq!(sample("tests/data/plans/gamification.json"), []);
    // 姓名 is declared with a label, and no formula reads it.
    assert_eq!(sample("tests/data/plans/sample.json"), expected(&[("FIELD_UNUSED", "/fields/0")]));
    // A 50% gate that pays half the bonus at once.
    let cliff = [("PAYOUT_CLIFF", "/incentive/components/1/curve/gate")];
    assert_eq!(sample("tests/data/incentive/plan/hand.json"), expected(&cliff));
    // Retroactive 2% → 4% at 50,000: 49,999 pays 999.98, 50,000 pays 2,000.
    let retroactive = [("PAYOUT_CLIFF", "/incentive/components/0/rules/0/table/tiers/1/from")];
    assert_eq!(sample("tests/data/incentive/plan/hand2.json"), expected(&retroactive));
}

#[test]
fn codes_serialize_as_their_stable_strings() {
    for code in DiagnosticCode::ALL {
        assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
    }
    let text = std::fs::read_to_string(root().join("tests/data/plans/sample.json")).unwrap();
    let found = salescore::plan::diagnostics::check(&text).unwrap();
    assert_eq!(found[0].code, DiagnosticCode::FieldUnused);
    assert_eq!(salescore::plan::diagnostics::check("{\"version\": 2}").unwrap_err().code.as_str(), "INVALID_VALUE");
}

#[test]
fn info_is_for_what_does_nothing() {
    let info: Vec<&str> =
        DiagnosticCode::ALL.iter().filter(|c| c.severity() == Severity::Info).map(|c| c.as_str()).collect();
    assert_eq!(info, ["WEIGHT_ZERO", "INDICATOR_UNUSED", "FIELD_UNUSED"]);
}

/// Every number of every case replaced, one at a time, by extremes: whatever compiles is
/// diagnosed without a panic, and its diagnostics serialize.
#[test]
fn extreme_numbers_never_panic() {
    fn numbers(v: &Value, at: &mut Vec<String>, out: &mut Vec<String>) {
        match v {
            Value::Number(_) => out.push(at.join("/")),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| {
                at.push(i.to_string());
                numbers(x, at, out);
                at.pop();
            }),
            Value::Object(map) => map.iter().for_each(|(k, x)| {
                at.push(k.clone());
                numbers(x, at, out);
                at.pop();
            }),
            _ => {}
        }
    }
    let extremes = [
        serde_json::json!(0),
        serde_json::json!(-1),
        serde_json::json!("79228162514264337593543950335"),
        serde_json::json!("0.0000000000000000000000000001"),
    ];
    let mut compiled = 0;
    for (_, case) in cases() {
        let mut paths = Vec::new();
        numbers(&case.plan, &mut Vec::new(), &mut paths);
        for path in paths {
            for x in &extremes {
                let mut plan = case.plan.clone();
                *plan.pointer_mut(&format!("/{path}")).unwrap() = x.clone();
                if let Ok(p) = Plan::compile(&plan.to_string()) {
                    compiled += 1;
                    serde_json::to_string(&p.diagnostics()).unwrap();
                }
            }
        }
    }
    assert!(compiled > 500, "only {compiled} variants compiled");
}
