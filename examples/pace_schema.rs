//! Prints the JSON Schema of the pacing spec (`pace(spec)`)
//! (`cargo run --features schema --example pace_schema`).

fn main() {
    let schema = schemars::schema_for!(salescore::targets::PaceSpec);
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("cannot serialize the schema: {e}"),
    }
}
