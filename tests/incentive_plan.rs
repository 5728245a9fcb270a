//! The plan's incentive section end to end: values worked out by hand (see the comments).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // test code: a panic is a failed test

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
    let eval = plan.evaluate(&rep_a(), false).unwrap();
    let inc = eval.incentive.unwrap();
    let lines: Vec<(String, String)> =
        inc.statement.lines.iter().map(|l| (l.component.clone(), l.amount.0.normalize().to_string())).collect();
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
    assert_eq!(slice.text, "提成·标准 [D2] 第2档 10000–11000：1000 × 10% = 100");
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
