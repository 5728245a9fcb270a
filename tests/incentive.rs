//! Incentive components: the public cases 1–4, 6 and 9 and our own cases as data in
//! `tests/data/incentive/`, bad inputs with their codes and paths, properties, and snapshots of a
//! whole statement in zh-CN and en.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use proptest::prelude::*;
use rust_decimal::Decimal;
use salescore::incentive::*;
use salescore::number::{serialize_numbers_as, Rounding, RoundingStrategy};
use salescore::output::NumberOutput;
use salescore::{Error, ErrorCode, Locale};
use serde_json::{json, Value as J};
use std::str::FromStr;

fn rows(file: &str) -> Vec<J> {
    let text = std::fs::read_to_string(format!("tests/data/incentive/{file}")).expect("read");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("json")).collect()
}

fn dec(v: &J) -> Decimal {
    match v {
        J::String(s) => Decimal::from_str(s).unwrap_or_else(|_| panic!("decimal {s}")),
        other => Decimal::from_str(&other.to_string()).expect("number"),
    }
}

fn opt(v: &J) -> Option<Decimal> {
    (!v.is_null()).then(|| dec(v))
}

/// Money at 2 places, 四舍五入, as text.
fn cents(d: Decimal) -> String {
    Rounding::new(2, RoundingStrategy::HalfUp).apply(d).to_string()
}

fn def<T: serde::de::DeserializeOwned>(v: &J) -> Result<T, Error> {
    parse(&v.to_string())
}

fn cny() -> Currency {
    Currency::default()
}

#[test]
fn rate_table_cases() {
    let cases = rows("rate_tables.jsonl");
    for c in &cases {
        let name = c["case"].as_str().expect("case");
        let table = RateTable::new(def(&c["table"]).expect(name)).expect(name);
        let quota = opt(&c["quota"]);
        if let Some(txs) = c["transactions"].as_array() {
            let amounts: Vec<Decimal> = txs.iter().map(dec).collect();
            let each = table.per_transaction(&amounts, quota).expect(name);
            let got: Vec<String> = each.iter().map(|r| cents(r.payout.0)).collect();
            let want: Vec<String> =
                c["each"].as_array().expect("each").iter().map(|v| v.as_str().expect("str").to_string()).collect();
            assert_eq!(got, want, "{name}");
            assert_eq!(cents(each.iter().map(|r| r.payout.0).sum()), c["payout"], "{name}");
            continue;
        }
        let r = table.compute(dec(&c["amount"]), opt(&c["carriedIn"]).unwrap_or_default(), quota).expect(name);
        assert_eq!(cents(r.payout.0), c["payout"], "{name}");
        if let Some(slices) = c["slices"].as_array() {
            let got: Vec<J> = r.slices.iter().map(|s| J::from(cents(s.amount.0))).collect();
            assert_eq!(&got, slices, "{name}: slices");
        }
        if let Some(a) = c.get("attainment") {
            assert_eq!(r.attainment.map(|a| a.0), Some(dec(a)), "{name}: attainment");
        }
        assert_eq!(r.capped, c["capped"].as_bool().unwrap_or(false), "{name}: capped");
    }
    assert!(cases.len() >= 14, "only {} rows", cases.len());
}

#[test]
fn payout_curve_cases() {
    let cases = rows("curves.jsonl");
    assert!(cases.len() >= 6, "only {} rows", cases.len());
    for c in cases {
        let name = c["case"].as_str().expect("case");
        let curve = PayoutCurve::new(def(&c["curve"]).expect(name)).expect(name);
        let multipliers: Vec<Multiplier> =
            c.get("multipliers").map(|m| def(m).expect("multipliers")).unwrap_or_default();
        let r = curve.compute(dec(&c["attainment"]), &multipliers).expect(name);
        assert_eq!(cents(r.payout.0), c["payout"], "{name}");
        if let Some(g) = c.get("gatePassed") {
            assert_eq!(r.gate_passed, g.as_bool(), "{name}: gate");
        }
        if let Some(h) = c.get("capHit") {
            assert_eq!(Some(r.cap_hit), h.as_bool(), "{name}: cap");
        }
    }
}

#[test]
fn rounding_cases() {
    let cases = rows("rounding.jsonl");
    assert!(cases.len() >= 7, "only {} rows", cases.len());
    for c in cases {
        let name = c["case"].as_str().expect("case");
        let strategy: RoundingStrategy = serde_json::from_value(c["strategy"].clone()).expect("strategy");
        let mode: TotalRounding = serde_json::from_value(c["mode"].clone()).expect("mode");
        let mut b = Statement::new(cny(), Rounding::new(2, strategy), mode).expect(name);
        for (i, l) in c["lines"].as_array().expect("lines").iter().enumerate() {
            b.push(StatementLine::adjustment(format!("L{i}"), dec(l)));
        }
        let s = b.finish(Locale::En).expect(name);
        let amounts: Vec<J> = s.lines.iter().map(|l| J::from(l.amount.0.to_string())).collect();
        assert_eq!(&amounts, c["amounts"].as_array().expect("amounts"), "{name}");
        assert_eq!(s.total.0.to_string(), c["total"], "{name}: total");
        assert_eq!(s.rounding_difference.0.to_string(), c["difference"], "{name}: difference");
        assert_eq!(s.lines.iter().map(|l| l.amount.0).sum::<Decimal>(), s.total.0, "{name}: lines add up");
    }
}

#[test]
fn clawback_cases() {
    let cases = rows("clawbacks.jsonl");
    assert!(cases.len() >= 3, "only {} rows", cases.len());
    for c in cases {
        let name = c["case"].as_str().expect("case");
        if let Some(p) = c.get("percent") {
            assert_eq!(clawback_percent(dec(&c["earned"]), dec(p)).expect(name).to_string(), c["adjustment"], "{name}");
            continue;
        }
        let table = RateTable::new(def(&c["table"]).expect(name)).expect(name);
        let periods: Vec<Period> = def(&c["periods"]).expect(name);
        let got: Vec<J> =
            ledger(&table, &periods, None).expect(name).iter().map(|t| J::from(cents(t.true_up.0))).collect();
        assert_eq!(&got, c["trueUps"].as_array().expect("trueUps"), "{name}");
    }
}

/// Builds the component a bad-input case names.
fn build(component: &str, d: &J) -> Result<(), Error> {
    match component {
        "rateTable" => RateTable::new(def(d)?).map(drop),
        "curve" => PayoutCurve::new(def(d)?).map(drop),
        "split" => Split::new(def(d)?).map(drop),
        "mbo" => Mbo::new(def(d)?).map(drop),
        "spiff" => Spiff::new(def(d)?).map(drop),
        "pool" => Pool::new(dec(&d["amount"]), def(&d["currency"])?).map(drop),
        "statement" => Statement::new(def(&d["currency"])?, def(&d["rounding"])?, TotalRounding::PerLine).map(drop),
        "splitCredit" => {
            let split = Split::new(def(&json!({"shares": d["shares"]}))?)?;
            split.credit(dec(&d["amount"]), &def(&d["currency"])?).map(drop)
        }
        other => panic!("unknown component {other}"),
    }
}

#[test]
fn bad_inputs_give_coded_errors_with_paths() {
    let cases = rows("errors.jsonl");
    for c in &cases {
        let name = c["case"].as_str().expect("case");
        let err = build(c["component"].as_str().expect("component"), &c["def"]).expect_err(name);
        let report = serde_json::to_value(err.report(Locale::En)).expect("report");
        assert_eq!(report["code"], c["error"]["code"], "{name}: {err}");
        if let Some(path) = c["error"].get("path") {
            assert_eq!(&report["path"], path, "{name}: {err}");
        }
        for locale in [Locale::ZhCn, Locale::En] {
            assert!(!err.message(locale).is_empty(), "{name}: message");
        }
    }
    assert!(cases.len() >= 18, "only {} rows", cases.len());
}

#[test]
fn split_credit_counts_toward_attainment_exactly() {
    let split = Split::new(def(&json!({"shares": [{"rep": "王五", "percent": "33.3"}, {"rep": "张三", "percent": "33.3"}, {"rep": "李四", "percent": "33.4"}]})).expect("def")).expect("split");
    let credit = split.credit(Decimal::new(1000000, 2), &cny()).expect("credit");
    let got: Vec<String> = credit.iter().map(|c| c.credited.0.to_string()).collect();
    assert_eq!(got, ["3330.00", "3330.00", "3340.00"]);
    // A rep's attainment counts the credited share only.
    let table = RateTable::new(def(&json!({"kind": "retroactive", "basis": "attainment", "tiers": [{"from": 0, "to": 100, "rate": 0.03}, {"from": 100, "rate": 0.05}]})).expect("def")).expect("table");
    let r = table.compute(credit[2].credited.0, Decimal::ZERO, Some(Decimal::from(3000))).expect("pay");
    assert_eq!(r.attainment.map(|a| a.0.round_dp(2)), Some(Decimal::new(11133, 2)));
    assert_eq!(cents(r.payout.0), "167.00");
}

#[test]
fn spiff_mbo_draw_and_pool() {
    let once = Spiff::new(def(&json!({"id": "季度冲刺", "amount": 500, "frequency": "oncePerPeriod"})).expect("def"))
        .expect("spiff");
    assert_eq!(once.compute(3, 0).expect("spiff").payout.0, Decimal::from(500));
    assert_eq!(once.compute(3, 1).expect("spiff").payout.0, Decimal::ZERO);
    let mbo = Mbo::new(
        def(&json!({"targetBonus": 2000, "objectives": [{"id": "培训", "weight": 50}, {"id": "拜访", "weight": 50}]}))
            .expect("def"),
    )
    .expect("mbo");
    let err = mbo.compute(&[("培训", Decimal::from(100))]).expect_err("missing");
    assert_eq!((err.code, err.path.as_str()), (ErrorCode::MissingField, "/拜访"));
    let guarantee = Draw::new(def(&json!({"amount": 3000, "kind": "nonRecoverable"})).expect("def")).expect("draw");
    let r = guarantee.apply(Decimal::from(1000), Decimal::ZERO).expect("draw");
    assert_eq!((r.paid.0, r.balance_out.0), (Decimal::from(3000), Decimal::ZERO));
    let pool = Pool::new(Decimal::from(10), cny()).expect("pool");
    let err = pool.split(&[PoolMember::new("a", Decimal::ZERO)]).expect_err("all zero");
    assert_eq!(err.code, ErrorCode::WeightsAllZero);
}

#[test]
fn estimator_finds_the_next_tier_and_gate() {
    let curve = PayoutCurve::new(def(&json!({"targetBonus": 10000, "gate": 80, "points": [{"attainment": 50, "payout": 25}, {"attainment": 100, "payout": 100}], "slopeAbove": 2, "cap": 200})).expect("def")).expect("curve");
    let e =
        estimate_curve(&curve, Decimal::from(60000), Decimal::from(10000), Decimal::from(100000), &[], Locale::ZhCn)
            .expect("estimate");
    assert_eq!(e.payout_after.0, Decimal::ZERO);
    let next = e.next.as_ref().expect("next");
    assert_eq!((next.kind, next.distance.0), ("gate", Decimal::from(10000)));
    assert_eq!(e.text, "再成交 10000，收入由 0 变为 0（+0）；距门槛（80000）还差 10000");
    let e = estimate_curve(&curve, Decimal::from(60000), Decimal::from(25000), Decimal::from(100000), &[], Locale::En)
        .expect("estimate");
    assert_eq!(e.payout_after.0, Decimal::from(7750));
    assert_eq!(e.next.as_ref().map(|n| n.kind), Some("point"));
}

fn sample_statement(locale: Locale) -> Statement {
    let mut b =
        Statement::new(cny(), Rounding::new(2, RoundingStrategy::HalfUp), TotalRounding::PerLine).expect("statement");
    let table = RateTable::new(def(&json!({"kind": "marginal", "tiers": [{"from": 0, "to": 150000, "rate": 0.04}, {"from": 150000, "to": 250000, "rate": 0.06}, {"from": 250000, "rate": 0.08}]})).expect("def")).expect("table");
    let deal = table.pay_deal(Decimal::new(2000050, 2), Decimal::from(145000)).expect("deal");
    b.rate("提成", &deal);
    let curve = PayoutCurve::new(def(&json!({"targetBonus": 10000, "gate": 80, "points": [{"attainment": 50, "payout": 25}, {"attainment": 100, "payout": 100}], "slopeAbove": 2, "cap": 200})).expect("def")).expect("curve");
    let multipliers =
        [Multiplier::new("绩效系数", Decimal::new(12, 1)), Multiplier::new("回款率系数", Decimal::new(95, 2))];
    let bonus = curve.compute(Decimal::new(1165, 1), &multipliers).expect("curve");
    b.curve("目标奖金", Decimal::from(10000), &bonus).expect("curve lines");
    let spiff = Spiff::new(
        def(&json!({"id": "新品首单", "amount": 200, "frequency": "perEvent", "maxEvents": 2})).expect("def"),
    )
    .expect("spiff");
    b.spiff(&spiff.compute(3, 0).expect("spiff"));
    let mbo = Mbo::new(
        def(&json!({"targetBonus": 3000, "objectives": [{"id": "带新", "weight": 60}, {"id": "培训", "weight": 40}]}))
            .expect("def"),
    )
    .expect("mbo");
    let m = mbo.compute(&[("带新", Decimal::new(8333, 2)), ("培训", Decimal::from(120))]).expect("mbo");
    b.mbo("MBO", Decimal::from(3000), &m).expect("mbo lines");
    b.push(StatementLine::adjustment(
        "追回 #A-17",
        clawback_percent(Decimal::new(1000000, 2), Decimal::from(50)).expect("clawback"),
    ));
    let pool = Pool::new(Decimal::from(1000), cny()).expect("pool");
    let shares = pool
        .split(&[
            PoolMember::new("张三", Decimal::from(90)),
            PoolMember::new("李四", Decimal::from(80)),
            PoolMember::new("王五", Decimal::from(70)),
        ])
        .expect("pool");
    b.pool("团队奖金池", Decimal::from(1000), &shares[1]);
    b.finish(locale).expect("finish")
}

#[test]
fn whole_statement_snapshots() {
    for locale in [Locale::ZhCn, Locale::En] {
        let s = sample_statement(locale);
        assert_eq!(s.lines.iter().map(|l| l.amount.0).sum::<Decimal>(), s.total.0);
        let value = serialize_numbers_as(NumberOutput::String, || serde_json::to_value(&s)).expect("json");
        insta::assert_json_snapshot!(format!("incentive_statement_{locale:?}"), value);
    }
}

fn tiers_strategy() -> impl Strategy<Value = (Vec<(u32, u32)>, u8)> {
    // (width, rate in basis points) per tier; rates rise so the table is monotone.
    (prop::collection::vec((1_u32..50_000, 0_u32..2_000), 1..5), 0_u8..3)
}

fn monotone_table(tiers: &[(u32, u32)], kind: u8) -> RateTable {
    let mut from = 0_u64;
    let mut rate = 0_u32;
    let mut out = Vec::new();
    for (i, (width, step)) in tiers.iter().enumerate() {
        rate += step;
        let to = from + u64::from(*width);
        let last = i + 1 == tiers.len();
        let r = Decimal::new(i64::from(rate), 4).to_string();
        out.push(if last { json!({"from": from, "rate": r}) } else { json!({"from": from, "to": to, "rate": r}) });
        from = to;
    }
    let kind = ["marginal", "retroactive", "interpolated"][usize::from(kind)];
    RateTable::new(def(&json!({"kind": kind, "tiers": out})).expect("def")).expect("monotone table")
}

proptest! {
    #[test]
    fn payout_never_falls_as_attainment_rises((tiers, kind) in tiers_strategy(), a in 0_u32..300_000, b in 0_u32..300_000) {
        let t = monotone_table(&tiers, kind);
        let (lo, hi) = (a.min(b), a.max(b));
        let p = |x: u32| t.pay(Decimal::from(x)).expect("pay").payout.0;
        prop_assert!(p(lo) <= p(hi));
    }

    #[test]
    fn curve_payout_never_falls(points in prop::collection::vec((1_u32..60, 0_u32..80), 1..5), slope in 0_u32..4, a in 0_u32..400, b in 0_u32..400) {
        let (mut att, mut pay) = (0_u32, 0_u32);
        let pts: Vec<J> = points.iter().map(|(da, dp)| { att += da; pay += dp; json!({"attainment": att, "payout": pay}) }).collect();
        let curve = PayoutCurve::new(def(&json!({"targetBonus": 10000, "points": pts, "slopeAbove": slope, "gate": 10, "cap": 250})).expect("def")).expect("curve");
        let p = |x: u32| curve.compute(Decimal::from(x), &[]).expect("pay").payout.0;
        prop_assert!(p(a.min(b)) <= p(a.max(b)));
    }

    #[test]
    fn pools_and_splits_always_add_up(cents_total in 0_i64..10_000_000_000, weights in prop::collection::vec(0_u32..10_000, 1..8)) {
        let total = Decimal::new(cents_total, 2);
        prop_assume!(weights.iter().any(|w| *w > 0));
        let members: Vec<PoolMember> = weights.iter().enumerate().map(|(i, w)| PoolMember::new(format!("m{i}"), Decimal::new(i64::from(*w), 1))).collect();
        let shares = Pool::new(total, cny()).expect("pool").split(&members).expect("split");
        prop_assert_eq!(shares.iter().map(|s| s.amount.0).sum::<Decimal>(), total);
        for s in &shares {
            prop_assert!((s.amount.0 - s.exact.0).abs() < Decimal::new(1, 2));
        }
        // The same weights as split percents (scaled to total 100).
        let sum: u32 = weights.iter().sum();
        let mut percents: Vec<Decimal> = weights.iter().map(|w| (Decimal::from(*w) * Decimal::ONE_HUNDRED / Decimal::from(sum)).round_dp(4)).collect();
        let fix = Decimal::ONE_HUNDRED - percents.iter().copied().sum::<Decimal>();
        percents[0] += fix;
        prop_assume!(percents[0] >= Decimal::ZERO);
        let shares: Vec<J> = percents.iter().enumerate().map(|(i, p)| json!({"rep": format!("r{i}"), "percent": p.to_string()})).collect();
        let split = Split::new(def(&json!({"shares": shares})).expect("def")).expect("split");
        let signed = if cents_total % 2 == 0 { total } else { -total };
        let credit = split.credit(signed, &cny()).expect("credit");
        prop_assert_eq!(credit.iter().map(|c| c.credited.0).sum::<Decimal>(), signed);
    }

    #[test]
    fn a_clawback_then_the_same_deal_rebooked_restores_the_payout((tiers, kind) in tiers_strategy(), deals in prop::collection::vec(1_u32..80_000, 1..6), pick in 0_usize..6) {
        let t = monotone_table(&tiers, kind);
        let deals: Vec<Dec> = deals.iter().map(|d| Dec(Decimal::from(*d))).collect();
        let cancelled = deals[pick % deals.len()];
        let periods = [Period { events: deals.clone() }, Period { events: vec![Dec(-cancelled.0)] }, Period { events: vec![cancelled] }];
        let rows = ledger(&t, &periods, None).expect("ledger");
        let original = rows[0].true_up.0;
        prop_assert_eq!(rows[2].paid_to_date.0 + rows[2].true_up.0, original);
        prop_assert_eq!(rows[1].true_up.0 + rows[2].true_up.0, Decimal::ZERO);
    }
}

use salescore::number::Dec;
