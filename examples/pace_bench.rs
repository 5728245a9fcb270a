//! Native timing of `pace` on the rows of `bench/pace.mjs`: the sample spec explained, and one rep
//! with 20 and 200 open deals with cents (the same deals as `bench/pace.mjs` generates):
//! `cargo run --release --example pace_bench [samples]`. Prints the median per call after a
//! warm-up.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)] // a timing script: sums of small floats, and the spec has one rep

use std::time::{Duration, Instant};

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

/// Median milliseconds per call of `f`, after calling it for at least 300 ms.
fn median(samples: usize, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(300) || calls < 3 {
        f();
        calls += 1;
    }
    let per = start.elapsed().as_secs_f64() / f64::from(calls);
    // About 50 ms of calls per sample.
    let batch = ((0.05 / per) as usize).max(1);
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_secs_f64() * 1e3 / batch as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let samples: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    let sample = std::fs::read_to_string("samples/targets/pace.json").unwrap_or_default();
    let rows: [(&str, String, bool); 3] = [
        ("sample (4 reps, 17 deals), explained", sample, true),
        ("20 deals with cents (exact enumeration)", spec(20), false),
        ("200 deals with cents (bounded method)", spec(200), false),
    ];
    println!("pace() native, median of {samples}");
    for (name, text, explain) in rows {
        let run = || {
            if explain {
                salescore::targets::pace::pace_explained(&text, salescore::Locale::En)
            } else {
                salescore::targets::pace(&text)
            }
        };
        let Ok(first) = run() else {
            eprintln!("{name}: the spec does not pace");
            continue;
        };
        let ms = median(samples, || {
            let _ = std::hint::black_box(run());
        });
        let c = &first.reps[0].chance;
        println!("{name:<44} {ms:9.2} ms   method {:?}, p {} ± {}", c.method, c.probability.0, c.error_bound.0);
    }
}
