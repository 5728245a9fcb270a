//! What a formula can be without a record: the numbers it can take when every result it can give
//! is a constant (`6000`, `IF(职级 = "金牌", 8000, 6000)`, `IFS(…, 3, …, 5) * 1000`), and which
//! slots the plan's formulas read.

use super::super::Plan;
use crate::base::arithmetic::Arithmetic;
use crate::base::error::{Error, ErrorCode, Result};
use crate::formula::ast::{BinOp, Expr, Node};
use crate::formula::eval::{Evaluator, Scope};
use crate::formula::Value;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Most distinct values followed through a formula; beyond it, the formula is "any value".
const MAX_VALUES: usize = 64;

/// The plan's compiled formulas by their path in the document.
pub(super) struct Facts<'p> {
    formulas: HashMap<&'p str, &'p Node>,
}

impl<'p> Facts<'p> {
    /// Indexes the plan's formulas.
    pub(super) fn of(plan: &'p Plan) -> Self {
        let mut formulas = HashMap::new();
        for e in plan.scorecard.iter().flat_map(|s| s.formulas()) {
            formulas.insert(e.path.as_str(), &e.root);
        }
        for e in plan.incentive.iter().flat_map(|i| i.formulas()) {
            formulas.insert(e.path.as_str(), &e.root);
        }
        Facts { formulas }
    }

    /// The numbers the formula at `path` can take, when known without a record.
    pub(super) fn numbers(&self, path: &str) -> Option<Vec<Decimal>> {
        self.formulas.get(path).and_then(|node| possible_numbers(node))
    }
}

/// Every slot read by the plan's formulas (metrics, scorecard, incentive).
pub(super) fn slots_read(plan: &Plan) -> Vec<bool> {
    let mut read = vec![false; plan.fields.len().saturating_add(plan.metrics.len())];
    let mut mark = |slot: usize| {
        if let Some(r) = read.get_mut(slot) {
            *r = true;
        }
    };
    for m in &plan.metrics {
        m.root.visit_refs(&mut mark);
    }
    for e in plan.scorecard.iter().flat_map(|s| s.formulas()) {
        e.root.visit_refs(&mut mark);
    }
    for e in plan.incentive.iter().flat_map(|i| i.formulas()) {
        e.root.visit_refs(&mut mark);
    }
    read
}

/// A scope with nothing in it: constant formulas only.
struct Empty;

impl Scope for Empty {
    fn get(&self, _slot: usize) -> Result<Value> {
        Err(Error::new(ErrorCode::MissingField))
    }
}

fn reads_nothing(node: &Node) -> bool {
    let mut any = false;
    node.visit_refs(&mut |_| any = true);
    !any
}

/// The numbers a formula can give, when every branch it can take ends in a constant; `None`
/// when one depends on the record (or on an error, a text, an overflow).
pub(super) fn possible_numbers(node: &Node) -> Option<Vec<Decimal>> {
    if reads_nothing(node) {
        return Evaluator::new(&Empty).number(node).ok().map(|n| vec![n]);
    }
    match &node.expr {
        Expr::Call(spec, args) => branches(spec.name, args),
        Expr::Neg(a) => {
            distinct(possible_numbers(a)?.into_iter().map(|v| Decimal::ZERO.sub_checked(v)).collect::<Option<_>>()?)
        }
        Expr::Binary(op, a, b) => combine(*op, &possible_numbers(a)?, &possible_numbers(b)?),
        _ => None,
    }
}

/// The results of IF, IFS and SWITCH: their branches' values (conditions are not followed).
fn branches(function: &str, args: &[Node]) -> Option<Vec<Decimal>> {
    let results: Vec<&Node> = match (function, args) {
        ("IF", [_, then, other]) => vec![then, other],
        ("IFS", _) => args.iter().skip(1).step_by(2).collect(),
        ("SWITCH", [_, rest @ ..]) => {
            let mut out: Vec<&Node> = rest.iter().skip(1).step_by(2).collect();
            if rest.len() % 2 == 1 {
                out.extend(rest.last());
            }
            out
        }
        _ => return None,
    };
    let mut all = Vec::new();
    for node in results {
        all.extend(possible_numbers(node)?);
    }
    distinct(all)
}

fn combine(op: BinOp, left: &[Decimal], right: &[Decimal]) -> Option<Vec<Decimal>> {
    let mut all = Vec::with_capacity(left.len().saturating_mul(right.len()));
    for a in left {
        for b in right {
            let v = match op {
                BinOp::Add => a.add_checked(*b),
                BinOp::Sub => a.sub_checked(*b),
                BinOp::Mul => a.mul_checked(*b),
                BinOp::Div if !b.is_zero() => a.div_checked(*b),
                _ => None,
            };
            all.push(v?);
            if all.len() > MAX_VALUES.saturating_mul(MAX_VALUES) {
                return None;
            }
        }
    }
    distinct(all)
}

fn distinct(mut all: Vec<Decimal>) -> Option<Vec<Decimal>> {
    crate::base::order::sort(&mut all);
    all.dedup();
    (all.len() <= MAX_VALUES).then_some(all)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;
    use crate::formula::parser::Resolver;
    use crate::formula::{parse, Limits};

    struct AnyName;
    impl Resolver for AnyName {
        fn resolve(&mut self, _name: &str) -> Result<usize> {
            Ok(0)
        }
    }

    fn values(src: &str) -> Option<Vec<String>> {
        let node = parse(src, Limits::default(), &mut AnyName).unwrap();
        possible_numbers(&node).map(|v| v.iter().map(|d| d.normalize().to_string()).collect())
    }

    #[test]
    fn constants_and_branches() {
        assert_eq!(values("6000 * 1.5"), Some(vec!["9000".into()]));
        assert_eq!(
            values(r#"IF(职级 = "金牌", 8000, IF(职级 = "成熟", 6000, 4000))"#).unwrap(),
            ["4000", "6000", "8000"]
        );
        assert_eq!(values("IFS(a > 1, 3, TRUE, 5) * 1000").unwrap(), ["3000", "5000"]);
        assert_eq!(values(r#"SWITCH(a, "x", 1, "y", 2, 0)"#).unwrap(), ["0", "1", "2"]);
        assert_eq!(values("-IF(a, 1, 2)").unwrap(), ["-2", "-1"]);
    }

    #[test]
    fn anything_read_from_the_record_is_unknown() {
        assert_eq!(values("销售目标"), None);
        assert_eq!(values("IF(a, 1, b)"), None);
        assert_eq!(values("IF(a, 1)"), None);
        assert_eq!(values("1 / 0"), None);
        assert_eq!(values(r#"IF(a, 1, "x")"#), None);
    }
}
