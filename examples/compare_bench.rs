//! Native timing of the admin preview's compare session on the sample plan
//! (`samples/team/plan.json`) and a generated team of 1,000 and 10,000 reps (the generator of
//! `bench/lib/team.mjs`, ported: the 24 sample reps of May, varied):
//! `cargo run --profile bench-native --example compare_bench [samples] [--json]` (`--json`: one JSON
//! object of wall-time medians by team size and column, for `bench/compare.mjs` to print beside
//! the WebAssembly builds).
//!
//! Columns, each the median per call after a warm-up, in milliseconds of the thread's CPU time
//! (the machine may be shared) and, in brackets, of wall time:
//! - evaluateTeam: `Plan::evaluate_team_with` without score details, for reference (what one
//!   plan over the team costs in the engine);
//! - open: the baseline over the team (every rep, then ranks, forced distribution, pools);
//! - new draft: `set_draft` with the top tier of the 标准 commission rule at 6% instead of 5%;
//! - new draft + summary: the same, then the comparison without the rep rows;
//! - summary: the comparison without the rep rows alone (what every edit adds to its own work);
//! - new draft + page: the same with what the admin page asks for on every edit: the summary
//!   (threshold set) and the rep table's first page of 50 rows, sorted by the change, and the selected
//!   rep's row;
//! - new draft + rows: the same with every rep's row (outcomes, changes, crossings), in record
//!   order (what the page's export asks for);
//! - scorecard draft + summary: `set_draft` with two indicators of the 新人 profile reweighted
//!   (销售达成 25 → 30, 跟进 15 → 10: the profile's reps score otherwise), then the comparison
//!   without rows;
//! - one changed record: `set_record` (one rep's 销售额 and orders +10%, under both plans: its
//!   score moves, so ranks, forced grades and pools are recomputed), then the comparison without
//!   rows; and the page's view;
//! - one changed order: `set_record` with only the rep's orders +10% (its commission moves, its
//!   score does not: the team's parts are kept), then the comparison without rows;
//! - memory: resident memory added by one session with a draft.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)] // a timing script: float draws as bench/lib/team.mjs makes them, JSON objects it builds itself

use salescore::number::Dec;
use salescore::plan::Plan;
use salescore::preview::{CompareOptions, CompareSession, RepKey, RepSort, Threshold, View};
use serde_json::{json, Value};
use std::error::Error;
use std::time::{Duration, Instant};

type Res<T> = Result<T, Box<dyn Error>>;

/// mulberry32, as in bench/lib/records.mjs.
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
    /// An integer in [lo, hi].
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() * (hi - lo + 1) as f64).floor() as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.next() < p
    }
}

/// JS `Math.round`.
fn round(x: f64) -> f64 {
    (x + 0.5).floor()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

/// `n` records for the sample plan, from the sample reps of May (bench/lib/team.mjs).
fn generate_team(sample: &[Value], n: usize, seed: u32) -> Vec<Value> {
    let reps: Vec<&Value> = sample.iter().filter(|r| r["月份"] == 5).collect();
    let mut rng = Rng(seed);
    let mut out: Vec<Value> = Vec::with_capacity(n);
    for i in 0..n {
        let id = format!("E{}", 100_001 + i);
        if i >= 24 && rng.chance(0.02) {
            let back = rng.int(1, i.min(50) as i64) as usize;
            let mut copy = out.get(i - back).cloned().unwrap_or(Value::Null);
            copy["工号"] = json!(id);
            out.push(copy);
            continue;
        }
        let t = reps.get(i % reps.len()).copied().unwrap_or(&Value::Null);
        let vary = |rng: &mut Rng, base: f64, lo: i64, hi: i64, step: f64| {
            round(base * rng.int(lo, hi) as f64 / 100.0 / step) * step
        };
        let money = |rng: &mut Rng, yuan: f64| {
            let cents = yuan as i64 * 100 + if rng.chance(0.15) { rng.int(1, 99) } else { 0 };
            let text = format!("{}.{:02}", cents / 100, cents % 100);
            if rng.chance(0.1) {
                json!(text)
            } else {
                json!(text.parse::<f64>().unwrap_or(0.0))
            }
        };
        let clamp = |v: i64, lo: i64, hi: i64| v.clamp(lo, hi);
        let target = if rng.chance(0.002) { 0.0 } else { vary(&mut rng, num(&t["销售目标"]), 80, 120, 1000.0) };
        let attainment = if rng.chance(0.1) { rng.int(25, 70) } else { rng.int(70, 150) } as f64;
        let sales = if target == 0.0 {
            vary(&mut rng, num(&t["销售额"]), 50, 150, 100.0)
        } else {
            round(target * attainment / 100.0 / 100.0) * 100.0
        };
        let contract = if rng.chance(0.02) { 0.0 } else { vary(&mut rng, num(&t["合同额"]), 70, 130, 100.0) };
        let collection = if rng.chance(0.1) { rng.int(35, 75) } else { rng.int(75, 112) } as f64;
        let paid = if contract == 0.0 {
            if rng.chance(0.5) {
                0.0
            } else {
                vary(&mut rng, num(&t["回款额"]), 50, 100, 100.0)
            }
        } else {
            round(contract * collection / 100.0 / 100.0) * 100.0
        };
        let days = num(&t["商机推进天数"]) * rng.int(60, 140) as f64 / 100.0;
        let int = |v: &Value| v.as_i64().unwrap_or(0);
        let mut r = json!({
            "工号": id, "姓名": t["姓名"], "小组": t["小组"], "业务线": t["业务线"], "职级": t["职级"], "月份": t["月份"],
            "销售额": money(&mut rng, sales), "销售目标": money(&mut rng, target),
            "回款额": money(&mut rng, paid), "合同额": money(&mut rng, contract),
        });
        let rest = json!({
            "新客户数": clamp(int(&t["新客户数"]) + rng.int(-3, 4), 0, 20),
            "合同数": if rng.chance(0.01) { 0 } else { (vary(&mut rng, num(&t["合同数"]), 50, 150, 1.0) as i64).max(1) },
            "拜访次数": clamp(int(&t["拜访次数"]) + rng.int(-10, 12), 0, 80),
            "跟进次数": clamp(int(&t["跟进次数"]) + rng.int(-12, 12), 0, 80),
            "商机推进天数": round(days * 10.0) / 10.0,
            "满意度评分": clamp(int(&t["满意度评分"]) + rng.int(-2, 1), 1, 5),
            "转介绍数": if rng.chance(0.2) { 0 } else { clamp(int(&t["转介绍数"]) + rng.int(-2, 3), 0, 8) },
            "培训完成": rng.chance(0.85),
            "协作评分": clamp(int(&t["协作评分"]) + rng.int(-2, 1), 1, 5),
            "带教人数": if t["职级"] == "新人" { 0 } else { rng.int(0, 3) },
            "投诉数": if rng.chance(0.7) { 0 } else { rng.int(1, 3) },
            "合规违规": rng.chance(0.005),
            "重大客诉": rng.chance(0.005),
            "团队得分": t["团队得分"],
            "加分": if rng.chance(0.9) { 0.0 } else if rng.chance(0.3) { rng.int(1, 15) as f64 / 2.0 } else { rng.int(1, 8) as f64 },
            "扣分": if rng.chance(0.85) { 0 } else { rng.int(1, 13) },
            "累计经验值": if rng.chance(0.05) { 0.0 } else { vary(&mut rng, num(&t["累计经验值"]) + 50.0, 50, 160, 1.0) },
        });
        if let (Some(r), Some(rest)) = (r.as_object_mut(), rest.as_object()) {
            r.extend(rest.clone());
        }
        // The template rep's orders, scaled (no split credit).
        let scale = rng.int(60, 140) as f64;
        let orders: Vec<Value> = t["订单"]
            .as_array()
            .map(|o| o.iter().filter(|o| o.get("分成").is_none()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(k, o)| {
                json!({
                    "订单号": format!("{id}-{}", k + 1),
                    "金额": round(num(&o["金额"]) * scale / 100.0 / 100.0) * 100.0,
                    "回款": round(num(&o["回款"]) * scale / 100.0 / 100.0) * 100.0,
                    "产品线": o["产品线"], "客户类型": o["客户类型"],
                })
            })
            .collect();
        r["订单"] = json!(orders);
        out.push(r);
    }
    out
}

/// The first record from `from` on whose score moves when its 销售额 rises by 10%.
fn moving_rep(plan: &Plan, team: &[Value], from: usize) -> Res<usize> {
    for (i, r) in team.iter().enumerate().skip(from) {
        let mut up = r.clone();
        up["销售额"] = json!(num(&r["销售额"]) * 1.1);
        let score = |r: &Value| plan.evaluate(r, false).ok().and_then(|e| e.score.map(|s| s.total));
        if score(r).is_some() && score(r) != score(&up) {
            return Ok(i);
        }
    }
    Err("no record whose score moves".into())
}

/// Median milliseconds per call of `f`, after calling it for at least 300 ms: the thread's CPU
/// time (Linux, from `/proc/thread-self/schedstat`: the machine may be shared) and the wall time.
fn median(samples: usize, mut f: impl FnMut() -> Res<()>) -> Res<Timing> {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(300) || calls < 2 {
        f()?;
        calls += 1;
    }
    let per = start.elapsed().as_secs_f64() / f64::from(calls);
    let batch = ((0.05 / per) as usize).max(1);
    let mut wall = Vec::with_capacity(samples);
    let mut cpu = Vec::with_capacity(samples);
    for _ in 0..samples {
        let (t, c) = (Instant::now(), cpu_ns());
        for _ in 0..batch {
            f()?;
        }
        wall.push(t.elapsed().as_secs_f64() * 1e3 / batch as f64);
        cpu.push(cpu_ns().zip(c).map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e6 / batch as f64));
    }
    let mid = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    Ok(Timing { cpu: mid(cpu), wall: mid(wall) })
}

/// Milliseconds per call.
struct Timing {
    cpu: f64,
    wall: f64,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = if self.cpu < 10.0 { 3 } else { 1 };
        write!(f, "{:.digits$} ({:.digits$})", self.cpu, self.wall)
    }
}

/// This thread's CPU time so far, nanoseconds (Linux; none elsewhere).
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// Resident memory of this process, MB (Linux; none elsewhere).
fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let samples: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(9);
    let as_json = args.iter().any(|a| a == "--json");
    let mut json_rows = serde_json::Map::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(format!("{root}/samples/team/plan.json"))?)?;
    let sample: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{root}/samples/team/reps.json"))?)?;
    let baseline = Plan::compile(&doc.to_string())?;
    let mut edited = doc.clone();
    let rate = edited
        .pointer_mut("/incentive/components/0/rules/2/table/tiers/2/rate")
        .ok_or("the sample plan has no third tier in its third rule")?;
    *rate = json!(0.06);
    let draft = Plan::compile(&edited.to_string())?;
    let mut reweighted = doc.clone();
    for (k, w) in [(0, 30), (2, 10)] {
        let weight = reweighted
            .pointer_mut(&format!("/scorecard/profiles/0/weights/{k}/weight"))
            .ok_or("the sample plan's first profile has fewer than three weights")?;
        *weight = json!(w);
    }
    let reweight = Plan::compile(&reweighted.to_string())?;
    let summary = View { reps: false, ..View::default() };
    let rows = View::default();
    let page = page_view();
    if !as_json {
        println!("ms per call: CPU time of the thread (wall time)");
        println!(
            "| reps | evaluateTeam | open | new draft | new draft + summary | new draft + page | new draft + rows | scorecard draft + summary | summary | changed record + summary | + page | changed order + summary | memory |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }
    for n in [1_000usize, 10_000] {
        let team = generate_team(&sample, n, 20_260_601);
        let engine = median(samples, || {
            baseline.evaluate_team_with(&team, false, None)?;
            Ok(())
        })?;
        let before = resident_mb();
        let open = median(samples, || {
            CompareSession::open(baseline.clone(), team.clone(), CompareOptions::default())?;
            Ok(())
        })?;
        let mut s = CompareSession::open(baseline.clone(), team.clone(), CompareOptions::default())?;
        s.set_draft(draft.clone())?;
        let memory = resident_mb().zip(before).map(|(a, b)| a - b);
        let new_draft = median(samples, || Ok(s.set_draft(draft.clone())?))?;
        let new_draft_summary = median(samples, || {
            s.set_draft(draft.clone())?;
            s.comparison(&summary)?;
            Ok(())
        })?;
        let new_draft_page = median(samples, || {
            s.set_draft(draft.clone())?;
            s.comparison(&page)?;
            Ok(())
        })?;
        let new_draft_rows = median(samples, || {
            s.set_draft(draft.clone())?;
            s.comparison(&rows)?;
            Ok(())
        })?;
        let reweight_summary = median(samples, || {
            s.set_draft(reweight.clone())?;
            s.comparison(&summary)?;
            Ok(())
        })?;
        s.set_draft(draft.clone())?;
        let summary_alone = median(samples, || {
            s.comparison(&summary)?;
            Ok(())
        })?;
        // One rep's record alternates between two versions: 销售额 and every order +10%.
        let index = moving_rep(&baseline, &team, n / 2)?;
        let original = team.get(index).cloned().ok_or("no record")?;
        let mut orders_only = original.clone();
        if let Some(orders) = orders_only["订单"].as_array_mut() {
            for o in orders {
                o["金额"] = json!(round(num(&o["金额"]) * 1.1));
            }
        }
        let mut changed = orders_only.clone();
        changed["销售额"] = json!(num(&original["销售额"]) * 1.1);
        let mut flip = false;
        let mut edit = |to: &Value, view: &View| -> Res<()> {
            flip = !flip;
            s.set_record(index, if flip { to.clone() } else { original.clone() })?;
            s.comparison(view)?;
            Ok(())
        };
        let one_summary = median(samples, || edit(&changed, &summary))?;
        let one_page = median(samples, || edit(&changed, &page))?;
        let order_summary = median(samples, || edit(&orders_only, &summary))?;
        if as_json {
            json_rows.insert(
                n.to_string(),
                json!({
                    "evaluateTeam": engine.wall, "open": open.wall, "draft": new_draft.wall,
                    "draftSummary": new_draft_summary.wall, "draftPage": new_draft_page.wall,
                    "draftRows": new_draft_rows.wall, "reweightSummary": reweight_summary.wall,
                    "summary": summary_alone.wall, "recordSummary": one_summary.wall, "recordPage": one_page.wall,
                    "orderSummary": order_summary.wall,
                }),
            );
            continue;
        }
        let mb = memory.map_or("–".to_string(), |m| format!("{m:.0} MB"));
        println!(
            "| {n} | {engine} | {open} | {new_draft} | {new_draft_summary} | {new_draft_page} | {new_draft_rows} | {reweight_summary} | {summary_alone} | {one_summary} | {one_page} | {order_summary} | {mb} |"
        );
    }
    if as_json {
        println!("{}", Value::Object(json_rows));
    }
    Ok(())
}

/// What the admin page asks for on every edit (www/admin/engine.js): the summary with its
/// threshold, the rep table's first page of 50 rows by the biggest change, and the selected rep.
fn page_view() -> View {
    let threshold = Threshold { amount: Some(Dec(1000.into())), percent: Some(Dec(10.into())) };
    View {
        bins: 12,
        threshold: Some(threshold),
        sort: Some(RepSort { by: RepKey::Change, descending: true }),
        count: Some(50),
        pick: vec![0],
        ..View::default()
    }
}
