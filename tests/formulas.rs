//! Runs every row of `tests/data/formulas.tsv` natively.
#![cfg(not(target_arch = "wasm32"))] // native; tests/wasm.rs runs the same data in WebAssembly
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use salescore::Formula;

#[path = "support/golden.rs"]
mod golden;

use golden::{cases, notation};

#[test]
fn golden_formula_cases() {
    let cases = cases();
    assert!(cases.len() >= 490, "only {} rows read from formulas.tsv", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = notation(Formula::compile(&case.formula).and_then(|f| f.evaluate_json(&case.values)));
        if got != case.expected {
            failures.push(format!("line {}: {}  →  got {got}, expected {}", case.line, case.formula, case.expected));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn every_error_has_a_message_in_both_locales() {
    let errors: Vec<_> = cases().into_iter().filter(|c| c.expected.starts_with('!')).collect();
    assert!(errors.len() >= 137, "only {} error rows in formulas.tsv", errors.len());
    for case in &errors {
        let err = Formula::compile(&case.formula).and_then(|f| f.evaluate_json(&case.values)).unwrap_err();
        for locale in [salescore::Locale::ZhCn, salescore::Locale::En] {
            let message = err.message(locale);
            assert!(!message.trim().is_empty(), "line {}: empty message", case.line);
        }
        assert_ne!(err.message(salescore::Locale::ZhCn), err.message(salescore::Locale::En), "line {}", case.line);
    }
}

#[test]
fn explain_shows_the_calculation() {
    let f = Formula::compile("IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0)").unwrap();
    let inputs = vec![salescore::input::Input::Text("90000".into()), salescore::input::Input::Float(100000.0)];
    let e = f.explain_inputs(inputs).unwrap();
    assert_eq!(
        e.text,
        "IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0) = IF(90000 >= 100000 * 0.8, 90000 * 0.05, 0) = 4500"
    );
    assert_eq!(e.inputs, vec![("回款额".to_string(), "90000".to_string()), ("目标".to_string(), "100000".to_string())]);
}
