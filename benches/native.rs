//! Native (non-WebAssembly) benchmark of the salescore core: the same workloads as
//! `bench/run.mjs` measures through the JS builds, so WASM-vs-native ratios are like for like.
//!
//! No criterion: each operation is warmed up, an iteration count is calibrated so one sample
//! lasts ~25 ms, and the median of N samples (ns per operation) is printed as JSON on stdout.
//!
//! ```text
//! cargo bench --profile bench-native --bench native -- --json
//!     [--records bench-results/records.json]  records as JSON (default: the built-in generator,
//!                                              a port of bench/lib/records.mjs)
//!     [--plan bench/fixtures/plan.json]       the plan document
//!     [--samples 15]                          samples per measurement
//!     [--check out.json]                      also write every output (exact strings) there,
//!                                              for run.mjs to compare with the WASM/peer outputs
//!     [--only plan.evaluate]                  run one measurement (e.g. under `perf record`)
//!     [--scorecard samples/team/plan.json]    the scorecard plan
//!     [--team samples/team/reps.json]         the team it scores (run.mjs passes 10,000
//!                                              generated reps); with --check, the team summary
//!                                              and each rep's score are written there too
//!     [--spec bench-results/decompose-spec.json]  a decomposition spec (run.mjs writes its
//!                                              10,000-leaf one): times `decompose.10k`; with
//!                                              --check, the decomposition is written there too
//! ```
//!
//! Without `--bench` (which `cargo bench` adds), `--json` or `--samples` — as under
//! `cargo test --all-targets` — every workload runs once as a smoke test, and nothing is timed.
//!
//! What is timed is the public Rust API and the same output conversion the WASM shims do
//! (`OutputValue` for formulas, `PlanResult` for plans), minus the JS boundary: reading fields
//! from a JS object and building the JS result are what WASM adds on top of these numbers.

use salescore::number::serialize_numbers_as;
use salescore::output::{NumberOutput, Options, OutputValue, PlanResult};
use salescore::{Formula, Plan};
use serde_json::{json, Value as Json};
use std::error::Error;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The formula workload (same text as bench/peer/formula.mjs).
const FORMULA: &str = "IF(回款额 >= 目标 * 0.8, ROUND(回款额 * 0.05 + MAX(0, 回款额 - 目标) * 0.05, 2), 0)";
const DEFAULT_PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/fixtures/plan.json");
const DEFAULT_SCORECARD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/team/plan.json");
const DEFAULT_TEAM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/team/reps.json");
const BATCH: usize = 10_000;
const SEED: u32 = 20_250_701;
const WARMUP: Duration = Duration::from_millis(150);
const TARGET_SAMPLE: Duration = Duration::from_millis(25);

type Res<T> = Result<T, Box<dyn Error>>;

struct Args {
    records: Option<String>,
    plan: String,
    samples: usize,
    check: Option<String>,
    only: Option<String>,
    scorecard: String,
    team: String,
    spec: Option<String>,
}

fn parse_args() -> Res<Args> {
    let mut args = Args {
        records: None,
        plan: DEFAULT_PLAN.to_string(),
        samples: 15,
        check: None,
        only: None,
        scorecard: DEFAULT_SCORECARD.to_string(),
        team: DEFAULT_TEAM.to_string(),
        spec: None,
    };
    // `cargo bench` passes `--bench`; run.mjs passes `--json`. Without either (or `--samples`),
    // e.g. under `cargo test --all-targets`, every workload runs once as a smoke test.
    let mut measuring = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        measuring |= matches!(a.as_str(), "--bench" | "--json" | "--samples");
        match a.as_str() {
            "--records" => args.records = it.next(),
            "--plan" => args.plan = it.next().ok_or("--plan needs a path")?,
            "--samples" => args.samples = it.next().ok_or("--samples needs a number")?.parse()?,
            "--check" => args.check = it.next(),
            "--only" => args.only = it.next(),
            "--scorecard" => args.scorecard = it.next().ok_or("--scorecard needs a path")?,
            "--team" => args.team = it.next().ok_or("--team needs a path")?,
            "--spec" => args.spec = it.next(),
            // `--json` (the only output format) and `--bench` (added by cargo bench) are accepted.
            _ => {}
        }
    }
    args.samples = if measuring { args.samples.max(1) } else { 0 };
    Ok(args)
}

/// Median, min and max nanoseconds per call of `f` (called with a running counter). With no
/// samples, calls `f` once (smoke test).
fn measure<T>(samples: usize, mut f: impl FnMut(usize) -> T) -> Json {
    if samples == 0 {
        black_box(f(0));
        return json!({ "smoke": true });
    }
    let mut i: usize = 0;
    // Warm-up in doubling chunks for at least WARMUP; the per-call estimate is the fastest
    // chunk's, so a stall of the shared machine during warm-up does not distort calibration.
    let start = Instant::now();
    let mut per_call = f64::INFINITY;
    let mut chunk: u32 = 1;
    loop {
        let c0 = Instant::now();
        for _ in 0..chunk {
            black_box(f(black_box(i)));
            i = i.wrapping_add(1);
        }
        let dt = c0.elapsed();
        per_call = per_call.min(dt.as_secs_f64() / f64::from(chunk));
        if dt < TARGET_SAMPLE {
            chunk = chunk.saturating_mul(2);
        }
        if start.elapsed() >= WARMUP {
            break;
        }
    }
    let iters = (TARGET_SAMPLE.as_secs_f64() / per_call.max(1e-9)).round().max(1.0);
    let mut per: Vec<f64> = Vec::with_capacity(samples);
    for _ in 0..samples {
        let t0 = Instant::now();
        let mut k = 0.0;
        while k < iters {
            black_box(f(black_box(i)));
            i = i.wrapping_add(1);
            k += 1.0;
        }
        per.push(t0.elapsed().as_secs_f64() * 1e9 / iters);
    }
    per.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let idx = (q * (per.len().saturating_sub(1)) as f64).round() as usize;
        per.get(idx).copied().unwrap_or(f64::NAN)
    };
    let median = match per.len() {
        n if n % 2 == 0 => (at(0.5 - 0.5 / n as f64) + at(0.5 + 0.5 / n as f64)) / 2.0,
        _ => at(0.5),
    };
    let spread = if median > 0.0 { (at(0.75) - at(0.25)) / median * 100.0 } else { 0.0 };
    json!({
        "medianNs": median,
        "minNs": at(0.0),
        "maxNs": at(1.0),
        "itersPerSample": iters,
        "samples": samples,
        "spreadPct": spread,
    })
}

/// mulberry32, as in bench/lib/records.mjs.
struct Mulberry32(u32);

impl Mulberry32 {
    /// A float in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
    /// An integer in [lo, hi].
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).saturating_add(1) as f64;
        lo.saturating_add((self.next() * span).floor() as i64)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.next() < p
    }
}

/// A money amount from integer cents, as a JSON number or a decimal string.
fn money(cents: i64, as_string: bool) -> Json {
    let text = format!("{}.{:02}", cents / 100, cents % 100);
    if as_string {
        Json::String(text)
    } else {
        text.parse::<f64>().map_or(Json::Null, Json::from)
    }
}

/// JS `Math.round` for the non-negative values used here.
fn js_round(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

/// A port of bench/lib/records.mjs (the same draws in the same order), used when no records
/// file is given. run.mjs always passes its own records file.
fn generate_records(n: usize, seed: u32) -> Vec<Json> {
    let mut rng = Mulberry32(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let target_cents = rng.int(50, 500).saturating_mul(100_000);
        let attainment_bp = rng.int(3000, 16000);
        let paid_cents =
            js_round((target_cents as f64) * (attainment_bp as f64) / 10_000.0).saturating_add(rng.int(0, 99));
        let contract_cents =
            if rng.chance(0.02) { 0 } else { js_round((paid_cents as f64) * (rng.int(9000, 15000) as f64) / 10_000.0) };
        let collection_bp = rng.int(3000, 10000);
        let satisfaction_tenths = rng.int(10, 50);
        let paid = money(paid_cents, rng.chance(0.25));
        let target = money(target_cents, rng.chance(0.1));
        let contract = money(contract_cents, rng.chance(0.25));
        let new_clients = rng.int(0, 12);
        let visits = rng.int(0, 60);
        let collection = if rng.chance(0.25) {
            Json::String(format!("{:.4}", collection_bp as f64 / 10_000.0))
        } else {
            Json::from(collection_bp as f64 / 10_000.0)
        };
        let satisfaction = if rng.chance(0.2) {
            Json::String(format!("{:.1}", satisfaction_tenths as f64 / 10.0))
        } else {
            Json::from(satisfaction_tenths as f64 / 10.0)
        };
        let months = rng.int(1, 60);
        out.push(json!({
            "回款额": paid, "目标": target, "合同额": contract, "新客户数": new_clients,
            "拜访次数": visits, "回款率": collection, "满意度": satisfaction, "入职月数": months,
        }));
    }
    out
}

fn main() -> Res<()> {
    let args = parse_args()?;
    let records: Vec<Json> = match &args.records {
        Some(path) => serde_json::from_str(&std::fs::read_to_string(path)?)?,
        None => generate_records(BATCH, SEED),
    };
    if records.is_empty() {
        return Err("no records".into());
    }
    let plan_text = std::fs::read_to_string(&args.plan)?;
    let n = records.len();
    let rec = |i: usize| records.get(i.checked_rem(n).unwrap_or(0)).unwrap_or(&Json::Null);
    let formula = Formula::compile(FORMULA).map_err(|e| format!("formula: {e:?}"))?;
    let plan = Plan::compile(&plan_text).map_err(|e| format!("plan: {e:?}"))?;
    let off = Options::default();
    let on = Options { explain: true, ..Options::default() };

    // The sample plan pays incentives too: `paid` is the whole plan; `scorecard` leaves its
    // incentive section out, so that the scorecard columns compare like with like (the decimal.js
    // peer computes the scorecard only).
    let whole: Json = serde_json::from_str(&std::fs::read_to_string(&args.scorecard)?)?;
    let whole_text = whole.to_string();
    let paid = Plan::compile(&whole_text).map_err(|e| format!("plan: {e:?}"))?;
    let mut bare = whole.clone();
    if let Some(doc) = bare.as_object_mut() {
        doc.remove("incentive");
    }
    let scorecard = Plan::compile(&bare.to_string()).map_err(|e| format!("scorecard: {e:?}"))?;
    let team: Vec<Json> = serde_json::from_str(&std::fs::read_to_string(&args.team)?)?;
    // The decomposition spec, as JSON text (as the WASM shim reads it after `JSON.stringify`).
    let spec = args.spec.as_ref().map(std::fs::read_to_string).transpose()?;
    let reps = team.len().max(1);
    let rep = |i: usize| team.get(i.checked_rem(reps).unwrap_or(0)).unwrap_or(&Json::Null);
    // Reps with a quota: a zero quota is an error for the target bonus (reported, not timed).
    let payable: Vec<&Json> = team.iter().filter(|r| paid.evaluate(*r, false).is_ok()).collect();
    let pay_rep =
        |i: usize| payable.get(i.checked_rem(payable.len().max(1)).unwrap_or(0)).copied().unwrap_or(&Json::Null);

    // Outputs for run.mjs to compare with the peer (and so with every WASM build).
    if let Some(path) = &args.check {
        let strings = Options { numbers: NumberOutput::String, ..Options::default() };
        let mut f_out = Vec::with_capacity(n);
        let mut p_out = Vec::with_capacity(n);
        for r in &records {
            let v = formula.evaluate_json(r).map_err(|e| format!("formula: {e:?}"))?;
            f_out.push(serde_json::to_value(OutputValue::from_value(&v, NumberOutput::String))?);
            let e = plan.evaluate(r, false).map_err(|e| format!("plan: {e:?}"))?;
            p_out.push(serde_json::to_value(PlanResult::new(e, &strings).metrics)?);
        }
        let mut scores = Vec::with_capacity(team.len());
        for r in &team {
            let e = scorecard.evaluate(r, false).map_err(|e| format!("scorecard: {e:?}"))?;
            scores.push(serialize_numbers_as(NumberOutput::String, || {
                serde_json::to_value(PlanResult::new(e, &strings))
            })?);
        }
        let summary = scorecard.evaluate_team(&team).map_err(|e| format!("team: {e:?}"))?.team;
        let summary = serialize_numbers_as(NumberOutput::String, || serde_json::to_value(&summary))?;
        let decomposition = match &spec {
            Some(text) => {
                let d = salescore::targets::decompose::decompose(text).map_err(|e| format!("decompose: {e:?}"))?;
                serialize_numbers_as(NumberOutput::String, || serde_json::to_value(&d))?
            }
            None => Json::Null,
        };
        std::fs::write(
            path,
            serde_json::to_string(
                &json!({"formula": f_out, "plan": p_out, "scores": scores, "team": summary, "decompose": decomposition}),
            )?,
        )?;
    }

    let s = args.samples;
    let mut results = serde_json::Map::new();
    let only = args.only.clone();
    let mut put = |key: &str, run: &mut dyn FnMut() -> Json| {
        if only.as_deref().is_some_and(|o| o != key) {
            return;
        }
        let v = run();
        if v.get("smoke").is_some() {
            eprintln!("[native] {key}: ran once (smoke test; pass --json or --samples N to measure)");
            return;
        }
        eprintln!("[native] {key}: {:.2} µs", v.get("medianNs").and_then(Json::as_f64).unwrap_or(f64::NAN) / 1000.0);
        results.insert(key.to_string(), v);
    };
    put("formula.compile", &mut || measure(s, |_| Formula::compile(FORMULA)));
    put("formula.evaluate", &mut || {
        measure(s, |i| formula.evaluate_json(rec(i)).map(|v| OutputValue::from_value(&v, off.numbers)))
    });
    put("formula.evaluateMany", &mut || {
        measure(s, |_| {
            records
                .iter()
                .map(|r| formula.evaluate_json(r).map(|v| OutputValue::from_value(&v, off.numbers)))
                .collect::<Vec<_>>()
        })
    });
    put("plan.compile", &mut || measure(s, |_| Plan::compile(&plan_text)));
    put("plan.evaluate", &mut || measure(s, |i| plan.evaluate(rec(i), false).map(|e| PlanResult::new(e, &off))));
    put("plan.evaluate.explain", &mut || measure(s, |i| plan.evaluate(rec(i), true).map(|e| PlanResult::new(e, &on))));
    put("plan.batch", &mut || {
        measure(s, |_| {
            records.iter().map(|r| plan.evaluate(r, false).map(|e| PlanResult::new(e, &off))).collect::<Vec<_>>()
        })
    });
    put("score.evaluate", &mut || measure(s, |i| scorecard.evaluate(rep(i), false).map(|e| PlanResult::new(e, &off))));
    put("score.evaluate.explain", &mut || {
        measure(s, |i| scorecard.evaluate(rep(i), true).map(|e| PlanResult::new(e, &on)))
    });
    // As the shim does without `explain`: no per-rep score details, the team view, every result shaped.
    put("score.team.batch", &mut || {
        measure(s, |_| {
            scorecard.evaluate_team_with(&team, false, None).map(|t| {
                let results: Vec<_> = t.results.into_iter().map(|r| r.map(|e| PlanResult::new(e, &off))).collect();
                (results, t.team)
            })
        })
    });
    put("pay.compile", &mut || measure(s, |_| Plan::compile(&whole_text)));
    put("pay.evaluate", &mut || measure(s, |i| paid.evaluate(pay_rep(i), false).map(|e| PlanResult::new(e, &off))));
    put("pay.evaluate.explain", &mut || {
        measure(s, |i| paid.evaluate(pay_rep(i), true).map(|e| PlanResult::new(e, &on)))
    });
    put("pay.evaluate.totals", &mut || {
        measure(s, |i| paid.evaluate_totals(pay_rep(i), salescore::output::NumberOutput::Number))
    });
    put("pay.team.batch", &mut || {
        measure(s, |_| {
            paid.evaluate_team_with(&team, false, None).map(|t| {
                let results: Vec<_> = t.results.into_iter().map(|r| r.map(|e| PlanResult::new(e, &off))).collect();
                (results, t.team)
            })
        })
    });
    // As the shim does: parse the spec, allocate, shape the result (natively into
    // `Decomposition`, in WebAssembly into JS objects).
    if let Some(text) = &spec {
        put("decompose.10k", &mut || measure(s, |_| salescore::targets::decompose::decompose(text)));
    }
    let out = json!({
        "target": "native",
        "debugAssertions": cfg!(debug_assertions),
        "records": n,
        "teamSize": team.len(),
        "recordsSource": if args.records.is_some() { "file" } else { "built-in generator" },
        "samples": s,
        "results": results,
    });
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}
