//! The plan's incentive section end to end: values worked out by hand (see the comments).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects, clippy::cast_possible_wrap)] // test code: a panic is a failed test

use rust_decimal::Decimal;
use salescore::incentive::section::ExtraDeal;
use salescore::plan::Plan;
use serde_json::{json, Value};
use std::str::FromStr;

fn plan(name: &str) -> Plan {
    let path = format!("{}/tests/data/incentive/plan/{name}.json", env!("CARGO_MANIFEST_DIR"));
    Plan::compile(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn rep_a() -> Value {
    json!({
        "工号": "A", "目标": 20000, "回款率": 0.95,
        "订单": [
            { "单号": "D1", "金额": 8000, "回款": 8000, "产品": "软件", "客户": "新" },
            { "单号": "D2", "金额": 6000, "回款": 3000, "产品": "软件", "客户": "老",
              "分成": [{ "rep": "A", "percent": 50 }, { "rep": "B", "percent": 50 }] },
            { "单号": "D3", "金额": 5000, "回款": 0, "产品": "服务", "客户": "新" }
        ]
    })
}

#[test]
fn statement_worked_by_hand() {
    let plan = plan("hand");
    let eval = plan.evaluate(&rep_a(), true).unwrap();
    let inc = eval.incentive.unwrap();
    let lines: Vec<(String, String)> =
        inc.statement.lines.iter().map(|l| (l.component.to_string(), l.amount.0.normalize().to_string())).collect();
    // Rules appear in declaration order. D3 is 服务 (priority 5): 5,000 × 10% = 500. D1 8,000
    // at 5% = 400; D2 credits A half of 6,000 = 3,000, straddling 10,000: 2,000 × 5% and
    // 1,000 × 10%. Holdback 10% of 1,100 = −110.
    // Credited 16,000 of 20,000 = 80% → curve 80% × 1,000 = 800, × 回款系数 1 (+0). Two 新
    // deals: 2 × 200.
    let expected = [
        ("提成", "500"),
        ("提成", "400"),
        ("提成", "100"),
        ("提成", "100"),
        ("提成", "-110"),
        ("奖金", "800"),
        ("奖金", "0"),
        ("开单奖", "400"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(lines, expected);
    assert_eq!(inc.statement.total.0, d("2190"));
    let totals: Vec<(&str, Decimal)> = inc.components.iter().map(|c| (c.id.as_str(), c.amount.0)).collect();
    assert_eq!(totals, [("提成", d("990")), ("奖金", d("800")), ("开单奖", d("400"))]);
    assert_eq!(inc.components[0].credited.unwrap().0, d("16000"));
    assert_eq!(inc.components[1].attainment.unwrap().0, d("80"));
    let d2 = &inc.transactions[1];
    assert_eq!((d2.percent.0, d2.credited.0, d2.credited_collected.unwrap().0), (d("50"), d("3000"), d("1500")));
    assert_eq!(d2.rules, [["提成".to_string(), "标准".to_string()]]);
    assert_eq!(inc.transactions[2].rules, [["提成".to_string(), "服务".to_string()]]);
    // The straddling slice names the rule and the deal.
    let slice = &inc.statement.lines[3];
    assert_eq!(slice.text, "提成·标准 [D2] 第2档位 10000–11000：1000 × 10% = 100");
}

#[test]
fn what_if_closing_more() {
    let plan = plan("hand");
    let extra = ExtraDeal { amount: d("1000"), product: Some("软件".into()), customer_type: Some("老".into()) };
    let w = plan.what_if(&rep_a(), &extra, None).unwrap();
    // +1,000 at 10% = 100, less 10% holdback = +90; credited 17,000 → 85% → 850 (+50).
    assert_eq!((w.payout_now.0, w.payout_after.0, w.delta.0), (d("2190"), d("2330"), d("140")));
    // The curve's next point is 100% attainment: 20,000, 3,000 away.
    let next: Vec<(&str, Decimal, Decimal)> = w.next.iter().map(|n| (n.kind, n.at.0, n.distance.0)).collect();
    assert_eq!(next, [("point", d("20000"), d("3000"))]);
    assert!(w.text.starts_with("再成交 1000（软件），收入由 2190 变为 2330（+140）"), "{}", w.text);
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    /// A plan with one commission (a monotone table of `kind`) and a target bonus on a monotone
    /// curve, both on the credited amount.
    fn plan_json(kind: &str, bounds: &[u32], rates: &[u32], curve: &[(u32, u32)], gate: bool, holdback: u32) -> String {
        let mut tiers = Vec::new();
        let mut from = 0;
        for (i, rate) in rates.iter().enumerate() {
            let to = bounds.get(i).map(|b| from + b * 100);
            let mut t = json!({ "from": from, "rate": format!("0.{rate:03}") });
            if let Some(to) = to {
                t["to"] = json!(to);
                from = to;
            }
            tiers.push(t);
        }
        let (mut a, mut p) = (0, 0);
        let points: Vec<Value> = curve
            .iter()
            .map(|(da, dp)| {
                a += da + 1;
                p += dp;
                json!({ "attainment": a, "payout": p })
            })
            .collect();
        let mut c = json!({ "points": points, "slopeAbove": 1 });
        if gate {
            c["gate"] = json!(curve.first().map_or(1, |(da, _)| da + 1));
        }
        json!({
            "fields": [{ "id": "目标", "type": "money" }],
            "incentive": {
                "transactions": { "field": "订单", "amount": "金额" },
                "components": [
                    { "id": "提成", "type": "commission", "calculation": "perTransaction", "holdback": holdback,
                      "rules": [{ "id": "r", "table": { "kind": kind, "tiers": tiers } }] },
                    { "id": "奖金", "type": "targetBonus", "targetBonus": "5000", "actualFrom": "提成", "quota": "目标",
                      "curve": c, "multipliers": [{ "name": "m", "formula": "1.2" }] }
                ]
            }
        })
        .to_string()
    }

    fn total(plan: &Plan, deals: &[i32]) -> Decimal {
        let orders: Vec<Value> = deals.iter().map(|d| json!({ "金额": i64::from(*d) * 100 })).collect();
        let record = json!({ "目标": 100000, "订单": orders });
        plan.evaluate(&record, false).unwrap().incentive.unwrap().statement.exact_total.0
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn payout_never_falls_as_more_is_closed(
            retro in any::<bool>(),
            bounds in proptest::collection::vec(1u32..2000, 0..3),
            rate_steps in proptest::collection::vec(0u32..40, 1..4),
            curve in proptest::collection::vec((0u32..60, 0u32..60), 1..4),
            gate in any::<bool>(),
            holdback in 0u32..50,
            deals in proptest::collection::vec(1u32..3000, 0..6),
            extra in 1u32..3000,
        ) {
            let n = rate_steps.len().min(bounds.len() + 1);
            let mut rates = Vec::new();
            let mut r = 0;
            for s in rate_steps.iter().take(n) {
                r += s;
                rates.push(r.min(999));
            }
            let kind = if n == 1 { "flat" } else if retro { "retroactive" } else { "marginal" };
            let bounds: Vec<u32> = bounds.into_iter().take(n - 1).collect();
            let plan = Plan::compile(&plan_json(kind, &bounds, &rates, &curve, gate, holdback)).unwrap();
            let deals: Vec<i32> = deals.into_iter().map(|d| d as i32).collect();
            let extra = extra as i32;
            let before = total(&plan, &deals);
            let mut more = deals.clone();
            more.push(extra);
            prop_assert!(total(&plan, &more) >= before);
            // A clawback of that deal, then the same deal booked again: the payout comes back.
            more.push(-extra);
            more.push(extra);
            prop_assert_eq!(total(&plan, &more), total(&plan, &[deals.clone(), vec![extra]].concat()));
        }
    }
}

fn rep_b() -> Value {
    json!({
        "累计回款": 40000, "已发放": 800, "释放": 100, "预支余额": 1000, "满意度": 90, "培训": 130,
        "订单": [
            { "金额": 30000, "回款": 20000 },
            { "金额": 10000, "回款": 5000 },
            { "金额": -5000, "回款": -5000 }
        ]
    })
}

#[test]
fn collected_basis_true_up_holdback_mbo_spiff_and_draw_by_hand() {
    let plan = plan("hand2");
    let inc = plan.evaluate(&rep_b(), false).unwrap().incentive.unwrap();
    let totals: Vec<(&str, Decimal)> = inc.components.iter().map(|c| (c.id.as_str(), c.amount.0)).collect();
    // Collected this period 20,000 + 5,000 − 5,000 (a refund) on top of 40,000 carried in: the
    // whole 60,000 re-rated at the second tier's 4% = 2,400, less 800 already paid = 1,600; 20%
    // held back (−320); 100 of earlier holdbacks released: 1,380.
    // MBO: 3,000 × 60% × 90% = 1,620 and 3,000 × 40% × 120% (130% counted as 120%) = 1,440.
    // SPIFF once per period: 2 events, 1 paid = 500. Earned 4,940 < the 5,000 draw: 60 advanced.
    assert_eq!(totals, [("回款提成", d("1380")), ("季度MBO", d("3060")), ("首单奖", d("500")), ("保底", d("60"))]);
    assert_eq!(inc.statement.total.0, d("5000"));
    assert_eq!(inc.draw_balance.unwrap().0, d("1060"));
    assert_eq!(inc.components[0].credited.unwrap().0, d("20000"));
    let kinds: Vec<String> = inc.statement.lines.iter().map(|l| format!("{:?}", l.kind)).collect();
    assert!(kinds.starts_with(&["Slice".to_string()]), "{kinds:?}");
    for k in ["PaidToDate", "Holdback", "HoldbackRelease", "Objective", "Spiff", "DrawAdvance"] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }
    let spiff = inc.statement.lines.iter().find(|l| l.component == "首单奖").unwrap();
    assert!(spiff.cap_hit);
}

#[test]
fn the_totals_alone_carry_the_draws_balance() {
    let plan = plan("hand2");
    let totals = plan.evaluate_totals(&rep_b(), salescore::output::NumberOutput::Number).unwrap();
    let inc = totals.incentive.unwrap();
    let amounts: Vec<(&str, Decimal)> = inc.components.iter().map(|c| (c.id.as_str(), c.amount.0)).collect();
    assert_eq!(amounts, [("回款提成", d("1380")), ("季度MBO", d("3060")), ("首单奖", d("500")), ("保底", d("60"))]);
    assert_eq!(inc.statement.total.0, d("5000"));
    assert_eq!(inc.draw_balance.unwrap().0, d("1060"));
}

#[test]
fn a_draw_is_recovered_from_a_good_period() {
    let plan = plan("hand2");
    let mut rep = rep_b();
    rep["订单"] = json!([{ "金额": 100000, "回款": 100000 }]);
    let inc = plan.evaluate(&rep, false).unwrap().incentive.unwrap();
    // 140,000 at 4% = 5,600 − 800 = 4,800; −960 held back; +100: 3,940. With MBO and SPIFF the
    // rep earned 7,500: 2,500 above the draw, of which the 1,000 balance is recovered.
    let draw = inc.components.iter().find(|c| c.id == "保底").unwrap();
    assert_eq!(draw.amount.0, d("-1000"));
    assert_eq!(inc.draw_balance.unwrap().0, Decimal::ZERO);
    assert_eq!(inc.statement.total.0, d("6500"));
}

#[test]
fn a_split_of_the_largest_decimal_is_an_overflow_not_a_panic() {
    // 79228162514264337593543950335 (the largest decimal) is more cents than a decimal holds:
    // crediting a split share of it in cents was a panic (a trap in WebAssembly).
    let mut record = rep_a();
    record["订单"][1]["回款"] = json!("79228162514264337593543950335");
    record["订单"][1]["分成"] = json!([{ "rep": "A", "percent": 100 }, { "rep": "B", "percent": 0 }]);
    let e = plan("hand").evaluate(&record, false).unwrap_err();
    assert_eq!(e.code.as_str(), "OVERFLOW");
    assert_eq!(e.path, "/订单/1/分成");
}
