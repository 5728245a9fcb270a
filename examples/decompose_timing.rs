//! Times the decomposition natively (`cargo run --release --example decompose_timing spec.json
//! [runs]`), medians of 31 runs by default: parsing the spec, decomposing it into columns (what
//! the WebAssembly build hands to JS), the whole Rust result (`decompose_spec`), and that result
//! as JSON. `node bench/decompose.mjs --write spec.json` writes the generated 10,000-leaf spec the
//! JS benchmark uses.

use std::time::{Duration, Instant};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else { return eprintln!("usage: decompose_timing spec.json [runs]") };
    let runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(31_usize);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return eprintln!("cannot read {path}: {e}"),
    };
    let (mut parse, mut columns, mut result, mut json) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        let Ok(spec) = salescore::targets::decompose::parse(&text) else { return eprintln!("bad spec") };
        parse.push(t.elapsed());
        let t = Instant::now();
        match salescore::targets::decompose::columns(&spec, None) {
            Ok(c) => drop(c),
            Err(e) => return eprintln!("{e}"),
        }
        columns.push(t.elapsed());
        let t = Instant::now();
        let decomposition = match salescore::targets::decompose_spec(&spec, None) {
            Ok(r) => r,
            Err(e) => return eprintln!("{e}"),
        };
        result.push(t.elapsed());
        let t = Instant::now();
        let _ = serde_json::to_string(&decomposition);
        json.push(t.elapsed());
    }
    println!(
        "parse {:?}  decompose to columns {:?}  to the Rust result {:?}  result to JSON {:?} (medians of {runs})",
        median(parse),
        median(columns),
        median(result),
        median(json)
    );
}
