//! Prints the sample decomposition (`cargo run --example decompose_sample [spec.json] [en]`).

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "samples/targets/decompose.json".to_string());
    let locale = args.next().and_then(|l| salescore::Locale::parse(&l));
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return eprintln!("cannot read {path}: {e}"),
    };
    match salescore::targets::decompose_explained(&text, locale) {
        // Depth first: each node right after its parent.
        Ok(result) => result.nodes.iter().for_each(|node| {
            let indent = "  ".repeat(usize::try_from(node.depth).unwrap_or(0));
            println!("{indent}{} {}  {}", node.id, node.amount.0, node.text.as_deref().unwrap_or(""));
        }),
        Err(e) => eprintln!("{e}"),
    }
}
