//! Commission rules no transaction reaches.
//!
//! A transaction is paid by the first rule, in order of priority (highest first; equal
//! priorities in the order written), whose product and customer-type lists accept it (an empty
//! list accepts anything, a missing value only an empty list).

use super::{component_path, Diagnostic, DiagnosticDetail};
use crate::incentive::section::{CommissionDef, ComponentDef, IncentiveDef, RuleDef, TransactionsDef};

pub(super) fn check(def: &IncentiveDef, out: &mut Vec<Diagnostic>) {
    for (ci, component) in def.components.iter().enumerate() {
        if let ComponentDef::Commission(c) = component {
            check_commission(c, def.transactions.as_ref(), &component_path(ci), out);
        }
    }
}

/// The rules' indices in the order they are tried.
fn tried_order(rules: &[RuleDef]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    crate::base::order::sort_by_key(&mut order, |&i| std::cmp::Reverse(rules.get(i).map_or(0, |r| r.priority)));
    order
}

fn unfiltered(rule: &RuleDef) -> bool {
    rule.products.is_empty() && rule.customer_types.is_empty()
}

fn check_commission(c: &CommissionDef, transactions: Option<&TransactionsDef>, base: &str, out: &mut Vec<Diagnostic>) {
    let order = tried_order(&c.rules);
    let rule_at = |i: usize| c.rules.get(i);
    let shadowed = |i: usize, by: Vec<String>| {
        let rule = rule_at(i).map(|r| r.id.clone()).unwrap_or_default();
        Diagnostic::new(
            format!("{base}/rules/{i}"),
            DiagnosticDetail::RuleShadowed { component: c.id.clone(), rule, by },
        )
    };
    let Some(tx) = transactions.filter(|_| c.amount.is_none()) else {
        // RULE_SHADOWED without transactions: the amount formula goes to the first rule without
        // filters; no other rule is ever used.
        let taker = order.iter().copied().find(|&i| rule_at(i).is_some_and(unfiltered));
        let by: Vec<String> = taker.and_then(rule_at).map(|r| r.id.clone()).into_iter().collect();
        out.extend(order.iter().copied().filter(|&i| Some(i) != taker).map(|i| shadowed(i, by.clone())));
        return;
    };
    for (pos, &j) in order.iter().enumerate() {
        let Some(rule) = rule_at(j) else { continue };
        // RULE_NEVER_MATCHES: a filter on a column the transactions do not have.
        let missing = [
            ("product", !rule.products.is_empty() && tx.product.is_none()),
            ("customerType", !rule.customer_types.is_empty() && tx.customer_type.is_none()),
        ];
        if let Some((column, _)) = missing.iter().find(|(_, m)| *m) {
            let detail = DiagnosticDetail::RuleNeverMatches {
                component: c.id.clone(),
                rule: rule.id.clone(),
                column: column.to_string(),
            };
            out.push(Diagnostic::new(format!("{base}/rules/{j}"), detail));
            continue;
        }
        let earlier: Vec<&RuleDef> = order.iter().take(pos).filter_map(|&i| rule_at(i)).collect();
        if let Some(by) = covered_by(rule, &earlier) {
            out.push(shadowed(j, by));
        }
    }
}

/// The values a rule's list lets through, as a witness each: the listed values, or for an empty
/// list a value no list names (`None`), which only an empty list accepts — if earlier rules take
/// that one, they take every value.
fn witnesses(list: &[String]) -> Vec<Option<&str>> {
    if list.is_empty() {
        vec![None]
    } else {
        list.iter().map(|v| Some(v.as_str())).collect()
    }
}

fn accepts(list: &[String], value: Option<&str>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.iter().any(|l| l == v))
}

/// `RULE_SHADOWED`: when the rules tried before `rule` take every (product, customer type) it
/// accepts, the ids of those that do, in order.
fn covered_by(rule: &RuleDef, earlier: &[&RuleDef]) -> Option<Vec<String>> {
    let mut by: Vec<String> = Vec::new();
    for product in witnesses(&rule.products) {
        for ctype in witnesses(&rule.customer_types) {
            let taker = earlier.iter().find(|r| accepts(&r.products, product) && accepts(&r.customer_types, ctype))?;
            if !by.contains(&taker.id) {
                by.push(taker.id.clone());
            }
        }
    }
    Some(by)
}
