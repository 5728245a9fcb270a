//! Plan documents: golden evaluations, bad-input cases with their codes and paths, and a
//! snapshot of a whole explained result. Cases are data in `tests/data/` shared with the JS suite.
#![cfg(not(target_arch = "wasm32"))] // native; tests/wasm.rs runs the same data in WebAssembly
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code: a panic is a failed test

use salescore::output::{NumberOutput, Options, PlanResult};
use salescore::{Locale, Plan};
use serde_json::Value as J;

fn sample() -> String {
    std::fs::read_to_string("tests/data/plans/sample.json").expect("sample plan")
}

fn plan_text(case: &J) -> String {
    match &case["plan"] {
        J::String(s) if s == "sample" => sample(),
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn jsonl(path: &str) -> Vec<J> {
    std::fs::read_to_string(path)
        .expect(path)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}")))
        .collect()
}

#[test]
fn golden_plan_evaluations() {
    let cases = jsonl("tests/data/plan_cases.jsonl");
    assert!(cases.len() >= 3, "only {} rows in plan_cases.jsonl", cases.len());
    for case in cases {
        let plan = Plan::compile(&plan_text(&case)).expect("plan compiles");
        let eval = plan.evaluate(&case["record"], false).unwrap_or_else(|e| panic!("{}: {e}", case["case"]));
        let options = Options { numbers: NumberOutput::String, ..Options::default() };
        let out = serde_json::to_value(PlanResult::new(eval, &options)).expect("serializes");
        for (id, want) in case["metrics"].as_object().expect("metrics") {
            assert_eq!(&out["metrics"][id], want, "{}: metric {id}", case["case"]);
        }
    }
}

#[test]
fn bad_inputs_give_coded_errors_with_paths() {
    let cases = jsonl("tests/data/plan_errors.jsonl");
    assert!(cases.len() >= 78, "only {} rows in plan_errors.jsonl", cases.len());
    for case in cases {
        let name = case["case"].as_str().unwrap_or_default();
        let want = &case["error"];
        let result = Plan::compile(&plan_text(&case)).and_then(|plan| match case.get("record") {
            Some(record) => plan.evaluate(record, false).map(|_| ()),
            None => Ok(()),
        });
        let err = result.expect_err(name);
        let report = serde_json::to_value(err.report(Locale::En)).expect("report");
        for key in ["code", "path", "origin", "suggestion"] {
            if let Some(v) = want.get(key) {
                assert_eq!(&report[key], v, "{name}: {key} ({})", err);
            }
        }
        if let Some(span) = want.get("span") {
            assert_eq!(json_span(&report), *span, "{name}: span");
        }
        if let Some(cycle) = want.get("cycle") {
            assert_eq!(&report["detail"]["cycle"], cycle, "{name}: cycle");
        }
        if let Some(metric) = want.get("metric") {
            assert_eq!(&report["detail"]["metric"], metric, "{name}: metric");
        }
        assert_ne!(err.message(Locale::ZhCn), err.message(Locale::En), "{name}: both locales");
    }
}

fn json_span(report: &J) -> J {
    serde_json::json!([report["span"]["start"], report["span"]["end"]])
}

#[test]
fn the_same_plan_keeps_working_after_errors() {
    let plan = Plan::compile(&sample()).expect("compiles");
    assert!(plan.evaluate(&serde_json::json!({"回款额": "abc"}), false).is_err());
    assert!(plan.evaluate(&serde_json::json!({}), false).is_err());
    let case = &jsonl("tests/data/plan_cases.jsonl")[0];
    let eval = plan.evaluate(&case["record"], false).expect("still evaluates");
    assert_eq!(eval.get("等级").map(ToString::to_string).as_deref(), Some("S"));
}

#[test]
fn explained_sample_snapshot_in_both_locales() {
    let plan = Plan::compile(&sample()).expect("compiles");
    let case = &jsonl("tests/data/plan_cases.jsonl")[1];
    for locale in [Locale::ZhCn, Locale::En] {
        let eval = plan.evaluate_in(&case["record"], Some(locale)).expect("evaluates");
        let options =
            Options { numbers: NumberOutput::String, explain: true, locale: Some(locale), ..Options::default() };
        let out = PlanResult::new(eval, &options);
        assert_eq!(out.trace.as_ref().map(Vec::len), Some(11), "one trace entry per metric");
        insta::assert_json_snapshot!(format!("sample_explained_{locale:?}"), out);
    }
}
