//! Prints the JSON Schema of the plan document (`cargo run --features schema --example plan_schema`).

fn main() {
    let schema = schemars::schema_for!(salescore::plan::PlanDocument);
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("cannot serialize the schema: {e}"),
    }
}
