//! The core and the shims compiled to WebAssembly, run by wasm-bindgen-test in Node
//! (`wasm-pack test --node`) and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack
//! test --headless --chrome`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code: a panic is a failed test

use salescore::wasm::{evaluate_formula, JsFormula, JsPlan};
use salescore::Formula;

#[path = "support/golden.rs"]
mod golden;

use golden::{cases, notation};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn golden_formula_cases_match_in_webassembly() {
    // The core, called without the package's glue: the module's start (the host's toLowerCase
    // for text compared ignoring case) is run here, as the glue runs it.
    salescore::wasm::start();
    let cases = cases();
    for case in &cases {
        let got = notation(Formula::compile(&case.formula).and_then(|f| f.evaluate_json(&case.values)));
        assert_eq!(got, case.expected, "line {}: {}", case.line, case.formula);
    }
    assert!(cases.len() >= 490, "only {} rows read from formulas.tsv", cases.len());
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).expect("property")
}

fn opts(json: &str) -> JsValue {
    object(json)
}

fn object(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("json")
}

#[wasm_bindgen_test]
fn formula_shim_converts_values_and_errors() {
    let f = JsFormula::compile(JsValue::from_str("ROUND(回款额 * 提成比例, 2)"), JsValue::UNDEFINED).expect("compiles");
    let v = f.evaluate(object(r#"{"回款额": 12345.675, "提成比例": "0.05"}"#), JsValue::UNDEFINED).expect("evaluates");
    assert_eq!(v.as_f64(), Some(617.28));
    let exact = f.evaluate(object(r#"{"回款额": 0.1, "提成比例": 3}"#), opts(r#"{"numbers": "string"}"#)).expect("ok");
    assert_eq!(exact.as_string().as_deref(), Some("0.3"));

    let err = f.evaluate(object(r#"{"回款额": "abc", "提成比例": 1}"#), JsValue::UNDEFINED).expect_err("type mismatch");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("TYPE_MISMATCH"));
    assert_eq!(get(&get(&err, "span"), "start").as_f64(), Some(6.0));
    // The handle keeps working after an error.
    assert_eq!(
        f.evaluate(object(r#"{"回款额": 1, "提成比例": 1}"#), JsValue::UNDEFINED).expect("ok").as_f64(),
        Some(1.0)
    );

    let err =
        JsFormula::compile(JsValue::from_str("SUMM(1)"), opts(r#"{"locale": "en"}"#)).err().expect("unknown function");
    assert_eq!(get(&err, "suggestion").as_string().as_deref(), Some("SUM"));
    assert_eq!(get(&err, "message").as_string().as_deref(), Some("unknown function SUMM"));
    assert_eq!(
        evaluate_formula(JsValue::from_str("1/3*3"), object("{}"), opts(r#"{"numbers": "string"}"#))
            .expect("ok")
            .as_string()
            .as_deref(),
        Some("0.9999999999999999999999999999")
    );
}

#[wasm_bindgen_test]
fn plan_shim_evaluates_and_explains() {
    let plan = JsPlan::compile(JsValue::from_str(include_str!("data/plans/sample.json"))).expect("compiles");
    let record = object(
        r#"{"回款额": 260000, "合同额": 300000, "目标": 200000, "新客户数": 3, "拜访次数": 36, "满意度": 4.6, "入职日期": "2021-03-15", "考核月末": "2025-06-30"}"#,
    );
    let result = plan.evaluate(record, opts(r#"{"explain": true, "locale": "en"}"#)).expect("evaluates");
    let metrics = get(&result, "metrics");
    assert_eq!(get(&metrics, "应发提成").as_f64(), Some(18800.0));
    assert_eq!(get(&metrics, "等级").as_string().as_deref(), Some("S"));
    let trace = js_sys::Array::from(&get(&result, "trace"));
    assert_eq!(trace.length(), 11);
    let err = JsPlan::compile(object(r#"{"fields": [{"id": "a", "type": "mony"}]}"#)).err().expect("bad type");
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("/fields/0/type"));
}

#[wasm_bindgen_test]
fn decompose_shim_returns_the_nodes_and_throws_coded_errors() {
    let spec = include_str!("data/targets/case8_ramp.json");
    let case = object(spec);
    let spec = get(&case, "spec");
    let result =
        salescore::wasm::decompose(spec.clone(), opts(r#"{"numbers": "string", "explain": true, "locale": "en"}"#))
            .expect("decomposes");
    let nodes = js_sys::Array::from(&get(&result, "nodes"));
    let root = nodes.get(0);
    assert_eq!(get(&root, "amount").as_string().as_deref(), Some("340000"));
    assert!(get(&root, "parent").is_null());
    // Depth first: the root, then its two people in the spec's order.
    let hire = nodes.get(2);
    assert_eq!(get(&hire, "parent").as_f64(), Some(0.0));
    let months = js_sys::Array::from(&get(&hire, "months"));
    assert_eq!(months.get(0).as_string().as_deref(), Some("20000"));
    assert!(get(&hire, "text").as_string().unwrap_or_default().contains("Ramp by month"));
    let numbers = salescore::wasm::decompose(spec, JsValue::UNDEFINED).expect("numbers");
    let root = js_sys::Array::from(&get(&numbers, "nodes")).get(0);
    assert_eq!(get(&root, "amount").as_f64(), Some(340000.0));
    assert!(get(&root, "why").is_undefined());
    let bad =
        object(r#"{"total": 100, "period": {"start": "2025-03-01", "end": "2025-01-31"}, "nodes": [{"id": "a"}]}"#);
    let err = salescore::wasm::decompose(bad, JsValue::UNDEFINED).expect_err("reversed");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_DATE_RANGE"));
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("/period/end"));
}
