//! Prints the JSON Schema of the target decomposition spec (`decompose(spec)`)
//! (`cargo run --features schema --example decompose_schema`).

fn main() {
    let schema = schemars::schema_for!(salescore::targets::DecompositionSpec);
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("cannot serialize the schema: {e}"),
    }
}
