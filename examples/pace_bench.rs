//! Native timing of `pace` on one rep with 200 (and 20) open deals with cents, the same deals as
//! `bench/pace.mjs` generates: `cargo run --release --example pace_bench [runs]`. Prints the
//! median per call.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)] // a timing script: sums of small floats, and the spec has one rep

use std::time::Instant;

/// The deals of bench/pace.mjs (same generator): amounts with cents, two-place probabilities.
fn spec(n: usize) -> String {
    let mut x: u32 = 12345;
    let mut rnd = || {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345) & 0x7fff_ffff;
        f64::from(x) / 2_147_483_648.0
    };
    let mut expected = 0.0;
    let deals: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let amount = (1000.0 + (rnd() * 49000.0).floor()) + (rnd() * 100.0).floor() / 100.0;
            let probability = (rnd() * 98.0 + 1.0).round() / 100.0;
            expected += amount * probability;
            serde_json::json!({ "id": format!("D{i}"), "amount": amount, "probability": probability })
        })
        .collect();
    serde_json::json!({
        "period": { "start": "2026-05-01", "end": "2026-05-31" }, "asOf": "2026-05-15",
        "reps": [{ "id": "A", "target": expected.round(), "actual": 0, "deals": deals }]
    })
    .to_string()
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    for n in [20, 200] {
        let text = spec(n);
        let Ok(first) = salescore::targets::pace(&text) else {
            eprintln!("the spec does not pace");
            return;
        };
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let _ = std::hint::black_box(salescore::targets::pace(&text));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let c = &first.reps[0].chance;
        let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
        println!("{n:>3} deals: {median:8.2} ms   method {:?}, p {} ± {}", c.method, c.probability.0, c.error_bound.0);
    }
}
