//! The golden formula cases (`tests/data/formulas.tsv`) and their notation, shared by the native
//! and the WebAssembly test suites.
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use salescore::Value;

/// One row.
pub struct Case {
    pub line: usize,
    pub formula: String,
    pub values: serde_json::Value,
    pub expected: String,
}

pub fn cases() -> Vec<Case> {
    let text = include_str!("../data/formulas.tsv");
    let mut rows = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let header = rows.next().expect("header").1;
    assert_eq!(header, "formula\tvalues\texpected");
    rows.map(|(i, line)| {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: expected 3 tab-separated columns", i + 1);
        let values = serde_json::from_str(cols[1]).unwrap_or_else(|e| panic!("line {}: bad JSON: {e}", i + 1));
        Case { line: i + 1, formula: cols[0].to_string(), values, expected: cols[2].to_string() }
    })
    .collect()
}

/// The result in the file's notation.
pub fn notation(result: Result<Value, salescore::Error>) -> String {
    match result {
        Ok(Value::Number(d)) => d.to_string(),
        Ok(Value::Text(s)) => format!("\"{s}\""),
        Ok(Value::Bool(b)) => if b { "TRUE" } else { "FALSE" }.to_string(),
        Ok(Value::Date(d)) => format!("#{d}"),
        Err(e) => match e.span {
            Some(s) => format!("!{}@{}..{}", e.code, s.start, s.end),
            None => format!("!{}", e.code),
        },
    }
}
