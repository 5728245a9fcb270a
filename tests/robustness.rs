//! Properties: no input panics, every failure is a coded error, and a plan keeps working after
//! errors. Generated formulas mix valid grammar with junk; generated records mix every JSON type.
#![cfg(not(target_arch = "wasm32"))] // native; the JS suite covers the same handles in every build
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code: a panic is a failed test

use proptest::prelude::*;
use salescore::{Formula, Plan};
use serde_json::json;

const ATOMS: &[&str] = &[
    "0",
    "1",
    "-1",
    "0.5",
    "1e28",
    "79228162514264337593543950335",
    "100%",
    "\"abc\"",
    "\"2025-02-29\"",
    "\"2024-02-29\"",
    "TRUE",
    "FALSE",
    "回款额",
    "目标",
    "{新 客户}",
    "x",
    "DATE(2025, 2, 30)",
];
const FUNCTIONS: &[&str] = &[
    "IF",
    "IFS",
    "SWITCH",
    "AND",
    "OR",
    "NOT",
    "IFERROR",
    "ISBLANK",
    "SUM",
    "AVERAGE",
    "MIN",
    "MAX",
    "ABS",
    "ROUND",
    "ROUNDUP",
    "ROUNDDOWN",
    "CEILING",
    "FLOOR",
    "INT",
    "MOD",
    "POWER",
    "SQRT",
    "CLAMP",
    "DIVIDE",
    "TIER",
    "TIERSUM",
    "DATE",
    "YEAR",
    "MONTH",
    "DAY",
    "DAYS",
    "DATEDIF",
    "EDATE",
    "EOMONTH",
    "CONCAT",
    "FIXED",
];
const OPS: &[&str] = &["+", "-", "*", "/", "^", "&", "=", "<>", "<", ">=", " AND ", " OR "];

fn expr() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(ATOMS).prop_map(str::to_string);
    leaf.prop_recursive(6, 64, 4, |inner| {
        prop_oneof![
            (inner.clone(), prop::sample::select(OPS), inner.clone()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            (prop::sample::select(FUNCTIONS), prop::collection::vec(inner.clone(), 0..5))
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            inner.clone().prop_map(|a| format!("-({a})")),
            inner.prop_map(|a| format!("({a})%")),
        ]
    })
}

fn value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(json!(null), serde_json::Value::Number)),
        "[-0-9.e]{0,12}".prop_map(|s| json!(s)),
        prop::sample::select(vec!["2025-01-31", "abc", "", "1,000", "TRUE"]).prop_map(|s| json!(s)),
        any::<bool>().prop_map(|b| json!(b)),
        Just(json!(null)),
        Just(json!([1, 2])),
        Just(json!({"a": 1})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn generated_formulas_never_panic(src in expr(), a in value(), b in value(), x in value()) {
        if let Ok(f) = Formula::compile(&src) {
            let values = json!({"回款额": a, "目标": b, "x": x, "新 客户": 3});
            match f.evaluate_json(&values) {
                Ok(_) => {}
                Err(e) => prop_assert!(!e.message(salescore::Locale::En).is_empty()),
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in "\\PC{0,80}") {
        match Formula::compile(&src) {
            Ok(f) => { let _ = f.evaluate_json(&json!({})); }
            Err(e) => {
                let span = e.span.expect("compile errors have spans");
                let len = u32::try_from(src.encode_utf16().count()).unwrap_or(u32::MAX);
                prop_assert!(span.start <= span.end && span.end <= len, "{span:?} in {len}");
            }
        }
    }

    #[test]
    fn sample_plan_survives_any_record(values in prop::collection::vec(value(), 10)) {
        let plan = Plan::compile(include_str!("data/plans/sample.json")).expect("sample compiles");
        let ids = ["姓名", "回款额", "合同额", "目标", "新客户数", "拜访次数", "满意度", "入职日期", "考核月末", "合规违规"];
        let record: serde_json::Map<String, serde_json::Value> =
            ids.iter().map(|k| k.to_string()).zip(values).collect();
        let _ = plan.evaluate(&serde_json::Value::Object(record), true);
        let ok = json!({"回款额": 1, "合同额": 1, "目标": 1, "满意度": 4, "入职日期": "2024-01-01", "考核月末": "2025-01-01"});
        prop_assert!(plan.evaluate(&ok, false).is_ok(), "the plan still works after a bad record");
    }

    #[test]
    fn decimal_strings_round_trip_exactly(int in -999_999_999_i64..999_999_999, frac in 0_u32..1_000_000) {
        let text = format!("{int}.{frac:06}");
        let f = Formula::compile("x * 1").expect("compiles");
        let got = f.evaluate_json(&json!({ "x": text })).expect("evaluates").to_string();
        let want = text.parse::<rust_decimal::Decimal>().expect("decimal").normalize().to_string();
        prop_assert_eq!(got, want);
    }
}
