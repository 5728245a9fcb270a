//! Times the decomposition natively (`cargo run --release --example decompose_timing spec.json`):
//! parse, decompose and serialize, medians of 15 runs. `node bench/decompose.mjs --write
//! spec.json` writes the generated 10,000-leaf spec the JS benchmark uses.

use std::time::{Duration, Instant};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let Some(path) = std::env::args().nth(1) else { return eprintln!("usage: decompose_timing spec.json") };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return eprintln!("cannot read {path}: {e}"),
    };
    let (mut parse, mut split, mut json) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let t = Instant::now();
        let Ok(spec) = salescore::targets::decompose::parse(&text) else { return eprintln!("bad spec") };
        parse.push(t.elapsed());
        let t = Instant::now();
        let result = match salescore::targets::decompose_spec(&spec, None) {
            Ok(r) => r,
            Err(e) => return eprintln!("{e}"),
        };
        split.push(t.elapsed());
        let t = Instant::now();
        let _ = serde_json::to_string(&result);
        json.push(t.elapsed());
    }
    println!("parse {:?}  decompose {:?}  to JSON {:?} (medians)", median(parse), median(split), median(json));
}
