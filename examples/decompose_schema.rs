//! Prints the JSON Schema of the target decomposition spec (`decompose(spec)`)
//! (`cargo run --features schema --example decompose_schema`).
//!
//! A decimal there is a JSON number or a decimal string; the schema also says which strings:
//! an optional sign, digits with an optional point (or a point and digits), an optional
//! exponent, surrounding spaces allowed — what the engine reads.

use schemars::schema::{Schema, StringValidation};

/// The decimal strings the engine reads (`"12000000"`, `"0.5"`, `".5"`, `"-1.5e3"`).
const DECIMAL_TEXT: &str = r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$";

fn main() {
    let mut schema = schemars::schema_for!(salescore::targets::DecompositionSpec);
    if let Some(Schema::Object(decimal)) = schema.definitions.get_mut("Decimal") {
        decimal.string =
            Some(Box::new(StringValidation { pattern: Some(DECIMAL_TEXT.to_string()), ..Default::default() }));
        decimal.metadata().description =
            Some("A decimal: a JSON number, or a decimal string such as \"12000000.00\".".to_string());
    }
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("cannot serialize the schema: {e}"),
    }
}
