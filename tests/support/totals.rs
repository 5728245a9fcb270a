//! A result of totals held to the full result (`tests/totals.rs`, `tests/fast_paths.rs`).
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, dead_code)] // test code: a panic is a failed test

use salescore::formula::record::Record;
use salescore::number::serialize_numbers_as;
use salescore::output::{NumberOutput, Options, PlanResult};
use salescore::Plan;
use serde_json::Value;

/// Holds `part` to `whole`: every key of an object in `part` is in `whole` with the same value
/// (held the same way), every list as long, every other value equal.
fn within(part: &Value, whole: &Value, path: &str) {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => {
            for (k, v) in p {
                let there = w.get(k).unwrap_or_else(|| panic!("{path}/{k}: not in the full result"));
                within(v, there, &format!("{path}/{k}"));
            }
        }
        (Value::Array(p), Value::Array(w)) => {
            assert_eq!(p.len(), w.len(), "{path}: lengths");
            for (i, (a, b)) in p.iter().zip(w).enumerate() {
                within(a, b, &format!("{path}/{i}"));
            }
        }
        _ => assert_eq!(part, whole, "{path}"),
    }
}

/// `record`'s totals held to its full result; returns the totals (null: both failed alike).
pub fn totals_within_full(plan: &Plan, record: &impl Record, numbers: NumberOutput) -> Value {
    let options = Options { numbers, ..Options::default() };
    let full = plan.evaluate(record, false).map(|e| {
        serialize_numbers_as(numbers, || serde_json::to_value(PlanResult::new(e, &options))).expect("serializes")
    });
    let totals = plan
        .evaluate_totals(record, numbers)
        .map(|t| serialize_numbers_as(numbers, || serde_json::to_value(&t)).expect("serializes"));
    match (totals, full) {
        (Ok(totals), Ok(full)) => {
            within(&totals, &full, "");
            totals
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            Value::Null
        }
        (a, b) => panic!("one fails: totals {:?}, full {:?}", a.err(), b.err()),
    }
}
