//! Times plan compilation and plan diagnostics natively (`cargo run --release --example
//! diagnostics_timing [plan.json] [runs]`), medians of 501 runs by default, on the sample plan
//! unless another is given. Diagnostics are computed on demand, never by `Plan::compile`.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| format!("{}/samples/team/plan.json", env!("CARGO_MANIFEST_DIR")));
    let runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(501_usize);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return eprintln!("cannot read {path}: {e}"),
    };
    let (mut compile, mut diagnose) = (Vec::new(), Vec::new());
    let mut found = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let plan = match salescore::Plan::compile(black_box(&text)) {
            Ok(p) => p,
            Err(e) => return eprintln!("{e}"),
        };
        compile.push(t.elapsed());
        let t = Instant::now();
        found = black_box(plan.diagnostics()).len();
        diagnose.push(t.elapsed());
    }
    println!("plan.compile      {:>9.1?}", median(compile));
    println!("plan.diagnostics  {:>9.1?}  ({found} found)", median(diagnose));
}
